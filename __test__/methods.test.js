'use strict';
// Every method of client.compute, called once in promise form and once in callback form, against the
// emulator. The list of methods comes from the client itself, so a new method without a call here fails.
const test = require('node:test');
const assert = require('node:assert/strict');
const { METHODS } = require('../lib/client');
const { emulator, client, viaCallback } = require('./helpers');
const { classicCloud } = require('./classic-plan');
const { oldClients } = require('./oldclients-plan');
const vpc = require('./methods-vpc');

const ok = (r) => assert.equal(r.returnCode, '0');

/** [method name as listed by the core, params(ctx), check(result, ctx)] in an order that builds state. */
function plan(tag) {
  return [
    ['getRegionList', () => undefined, (r) => assert.deepStrictEqual(r.regionList.map((x) => x.regionCode), ['KR', 'SGN', 'JPN'])],
    ['getZoneList', () => ({ regionCode: 'KR' }), (r) => assert.deepStrictEqual(r.zoneList.map((z) => z.zoneCode), ['KR-1', 'KR-2'])],
    ['getServerInstanceList', () => ({ serverInstanceNoList: ['1000002'] }), (r) => assert.equal(r.serverInstanceList[0].hypervisorType.code, 'KVM')],
    ['getBlockStorageSnapshotInstanceList', () => ({ isBootable: true, hypervisorTypeCodeList: ['KVM'] }), (r) => assert.deepStrictEqual(r.blockStorageSnapshotInstanceList.map((s) => s.blockStorageSnapshotInstanceNo), ['3000001'])],
    ['getServerImageProductList', () => ({ platformTypeCodeList: ['WND64'] }), (r) => assert.equal(r.productList[0].productCode, 'SW.VSVR.OS.WND64.WND.SVR2019EN.B100')],
    ['createServerImage', () => ({ serverInstanceNo: '1000002', serverImageName: `si-${tag}` }), (r, ctx) => {
      ctx.serverImageNo = r.serverImageList[0].serverImageNo;
      assert.equal(r.serverImageList[0].blockStorageMappingList.length, 2);
    }],
    ['createServerImageFromSnapshot', () => ({ serverImageName: `snap-${tag}`, blockStorageList: [{ order: 0, snapshotInstanceNo: '3000001' }, { order: 1, snapshotInstanceNo: '3000002' }] }), (r, ctx) => {
      ctx.snapImageNo = r.serverImageList[0].serverImageNo;
      assert.deepStrictEqual(r.serverImageList[0].blockStorageMappingList.map((m) => m.blockStorageSnapshotInstanceNo), ['3000001', '3000002']);
    }],
    ['getServerImageDetail', (ctx) => ({ serverImageNo: ctx.serverImageNo }), (r) => assert.equal(r.serverImageList[0].serverImageName, `si-${tag}`)],
    ['getServerImageList', (ctx) => ({ serverImageNoList: [ctx.serverImageNo, ctx.snapImageNo] }), (r) => assert.equal(r.totalRows, 2)],
    ['addServerImageSharingPermission', (ctx) => ({ serverImageNo: ctx.serverImageNo, targetLoginIdList: ['a@example.com', 'b@example.com'] }), (r) => assert.deepStrictEqual(r.serverImageList[0].sharedLoginIdList, ['a@example.com', 'b@example.com'])],
    ['removeServerImageSharingPermission', (ctx) => ({ serverImageNo: ctx.serverImageNo, targetLoginIdList: ['a@example.com'] }), (r) => assert.deepStrictEqual(r.serverImageList[0].sharedLoginIdList, ['b@example.com'])],
    ['deleteServerImage', (ctx) => ({ serverImageNoList: [ctx.serverImageNo, ctx.snapImageNo] }), (r) => assert.deepStrictEqual(r.serverImageList.map((i) => i.serverImageStatusName), ['terminating', 'terminating'])],
    ['createMemberServerImageInstance', () => ({ serverInstanceNo: '1000001', memberServerImageName: `mi-${tag}`, memberServerImageDescription: '골든 이미지' }), (r, ctx) => {
      ctx.memberNo = r.memberServerImageInstanceList[0].memberServerImageInstanceNo;
      assert.equal(r.memberServerImageInstanceList[0].memberServerImageDescription, '골든 이미지');
    }],
    ['getMemberServerImageInstanceDetail', (ctx) => ({ memberServerImageInstanceNo: ctx.memberNo }), (r) => assert.equal(r.memberServerImageInstanceList[0].memberServerImageInstanceStatusName, 'created')],
    ['getMemberServerImageInstanceList', () => ({ memberServerImageName: `mi-${tag}` }), (r) => assert.equal(r.totalRows, 1)],
    ['addMemberServerImageSharingPermission', (ctx) => ({ memberServerImageInstanceNo: ctx.memberNo, targetLoginIdList: ['x@example.com'] }), (r) => assert.equal(r.memberServerImageInstanceList[0].shareStatus.code, 'SHARE')],
    ['removeMemberServerImageSharingPermission', (ctx) => ({ memberServerImageInstanceNo: ctx.memberNo, targetLoginIdList: ['x@example.com'] }), (r) => assert.equal(r.memberServerImageInstanceList[0].shareStatus.code, 'NULL')],
    ['setMemberServerImageSharingPermission', (ctx) => ({ memberServerImageInstanceNo: ctx.memberNo, targetLoginIdList: ['y@example.com', 'z@example.com'] }), (r) => assert.deepStrictEqual(r.memberServerImageInstanceList[0].sharedLoginIdList, ['y@example.com', 'z@example.com'])],
    ['deleteMemberServerImageInstances', (ctx) => ({ memberServerImageInstanceNoList: [ctx.memberNo] }), (r) => assert.equal(r.memberServerImageInstanceList[0].memberServerImageInstanceOperation.code, 'TERMT')],
    // Classic, under compute.classic
    ['classic.getRegionList', () => undefined, (r) => assert.equal(r.regionList[0].regionNo, '1')],
    ['classic.getZoneList', () => ({ regionNo: '1' }), (r) => { assert.equal(r.zoneList.length, 2); assert.equal(r.totalRows, undefined); }],
    ['classic.getServerInstanceList', () => ({ searchFilterName: 'serverName', searchFilterValue: 'ext' }), (r) => assert.equal(r.serverInstanceList[0].serverInstanceNo, '492964')],
    ['classic.getBlockStorageSnapshotInstanceList', () => ({ originalBlockStorageInstanceNoList: ['492965'] }), (r) => { assert.equal(r.totalRows, 1); assert.equal(r.blockStorageSnapshotInstanceList[0].originalBlockStorageName, 'ext-test-disk'); }],
    ['classic.getServerImageProductList', () => ({ productCode: 'SPSW0LINUX000046' }), (r) => assert.equal(r.productList[0].productName, 'centos-7.3-64')],
    ['classic.createMemberServerImage', () => ({ serverInstanceNo: '491604', memberServerImageName: `cl-${tag}` }), (r, ctx) => { ctx.classicNo = r.memberServerImageList[0].memberServerImageNo; }],
    ['classic.getMemberServerImageList', (ctx) => ({ memberServerImageNoList: [ctx.classicNo] }), (r) => assert.equal(r.memberServerImageList[0].memberServerImageStatusName, 'created')],
    ['classic.addMemberServerImageSharingPermission', (ctx) => ({ memberServerImageNo: ctx.classicNo, targetLoginIdList: ['c@example.com'] }), (r) => assert.deepStrictEqual(r.memberServerImageList[0].sharedLoginIdList, ['c@example.com'])],
    ['classic.removeMemberServerImageSharingPermission', (ctx) => ({ memberServerImageNo: ctx.classicNo, targetLoginIdList: ['c@example.com'] }), (r) => assert.deepStrictEqual(r.memberServerImageList[0].sharedLoginIdList, [])],
    ['classic.setMemberServerImageSharingPermission', (ctx) => ({ memberServerImageNo: ctx.classicNo }), (r) => assert.equal(r.memberServerImageList[0].shareStatus.code, 'NULL')],
    ['classic.deleteMemberServerImages', (ctx) => ({ memberServerImageNoList: [ctx.classicNo] }), (r) => assert.equal(r.memberServerImageList[0].memberServerImageStatusName, 'terminating')],
    // The old client's methods
    ['createPrivateImage', () => ({ serverInstanceNo: 491049, privateImageName: `Compat${tag}` }), (r, ctx) => { ctx.privateNo = r.privateImageNo; assert.equal(typeof r.privateImageNo, 'number'); }],
    ['findPrivateImages', () => undefined, (r, ctx) => assert.ok(r.some((i) => i.privateImageNo === ctx.privateNo))],
    ['destroyPrivateImage', (ctx) => ({ privateImageNo: ctx.privateNo }), (r, ctx) => assert.equal(r.privateImageNo, ctx.privateNo)],
    ['createPrivateImage', () => ({ serverInstanceNo: 491049, privateImageName: `Compat2${tag}` }), (r, ctx) => { ctx.privateNo2 = r.privateImageNo; }],
    ['destroyPrivateImages', (ctx) => ({ privateImageNoList: [ctx.privateNo2] }), (r, ctx) => assert.deepStrictEqual(r.map((i) => i.privateImageNo), [ctx.privateNo2])],
    // The old client's response_alias (src/ncloud/compute/serverInstance/paramSet.ts, product/paramSet.ts):
    //   { 'src':'serverImageProductCode', 'dst':'vmImageId' }, { 'src':'serverProductCode', 'dst': 'vmFlavorId' }
    //   { src: 'productCode', dst: 'vmImageId'}, { src: 'productName', dst: 'vmImageName'},
    //   { src: 'productType', dst: 'vmImageType'}, { src: 'productDescription', dst: 'vmImageDescription'}
    ['findServers', () => undefined, (r) => {
      assert.deepStrictEqual(r.map((s) => s.serverInstanceNo), [492964, 491049, 491604]);
      assert.equal(r[0].vmImageId, 'SPSW0LINUX000046');
      assert.equal(r[0].vmFlavorId, 'SPSVRSSD00000003');
      assert.ok(!('serverImageProductCode' in r[0]) && !('serverProductCode' in r[0]));
      assert.ok(Object.keys(r[0]).indexOf('vmImageId') > Object.keys(r[0]).indexOf('createDate'), 'renamed in place');
    }],
    ['findPublicImages', () => undefined, (r) => {
      assert.equal(r.length, 2);
      assert.deepStrictEqual(Object.keys(r[0]).slice(0, 4), ['vmImageId', 'vmImageName', 'vmImageType', 'vmImageDescription']);
      assert.ok(!('productCode' in r[0]));
    }],
    ['findZones', () => ({ regionNo: 1 }), (r) => assert.deepStrictEqual(r.map((z) => z.zoneNo), [2, 3])],
    ['findRegions', () => undefined, (r) => assert.equal(r[0].regionNo, 1)],
    // The rest of the Classic cloud (classic-plan.js), after the look-ups above that count servers
    ...classicCloud(tag),
    // The load balancer, monitoring and geolocation, and the old 0.1.x client's methods (oldclients-plan.js)
    ...oldClients(tag),
    // The VPC cloud (__test__/methods-vpc.js)
    ...vpc.plan(tag),
  ];
}

function resolve(c, name) {
  // A VPC action whose name on compute is an old 0.1.x method's (createPublicIpInstance): compute.vpc only.
  if (name.startsWith('vpc.')) return c.compute.vpc[name.slice(4)];
  if (name.startsWith('classic.')) return c.compute.classic[name.slice(8)];
  // An old 0.1.x method not on client.compute is named by its path (management.monitoring.findMetrics).
  return name.includes('.') ? name.split('.').reduce((node, k) => node?.[k], c) : c.compute[name];
}

for (const style of ['promise', 'callback']) {
  test(`every method of client.compute (${style} form)`, async (t) => {
    const emu = await emulator({ createDelayMs: 0 });
    t.after(() => emu.close());
    const c = client(emu, style === 'promise' ? 'json' : 'xml');
    const ctx = {};
    const called = new Set();
    for (const [name, params, check] of plan(style)) {
      await t.test(name, async () => {
        const fn = resolve(c, name);
        assert.equal(typeof fn, 'function', name);
        const p = params(ctx);
        let result;
        if (style === 'promise') {
          result = await (p === undefined ? fn() : fn(p));
        } else {
          const [err, r, returned] = await (p === undefined ? viaCallback(fn) : viaCallback(fn, p));
          assert.equal(err, null, err && err.message);
          assert.equal(returned, undefined);
          result = r;
        }
        if (!Array.isArray(result) && result && 'returnCode' in result) ok(result);
        check(result, ctx);
        called.add(name);
      });
    }
    assert.deepStrictEqual([...called].sort(), METHODS.map((m) => m.name).sort(), 'every method was called');
  });
}

test('VPC methods are also under compute.vpc, Classic ones only under compute.classic', () => {
  const { createClient } = require('..');
  const c = createClient({ accessKey: 'a', secretKey: 'b', endpoint: 'http://127.0.0.1:9' });
  assert.equal(c.compute.vpc.getRegionList, c.compute.getRegionList);
  assert.notEqual(c.compute.classic.getRegionList, c.compute.getRegionList);
  assert.equal(typeof c.compute.classic.getMemberServerImageList, 'function');
  assert.equal(c.compute.getMemberServerImageList, undefined);
  assert.equal(c.compute.vpc.findPrivateImages, undefined);
});
