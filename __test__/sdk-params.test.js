'use strict';
// Never stricter than NCP: every parameter NAVER's official Go SDK v2 declares for a supported action
// (NaverCloudPlatform/ncloud-sdk-go-v2 at f3df3ed, services/vserver/*_request.go and
// services/server/*_request.go) goes through the client, reaches the emulator, and is on the wire.
// A recording proxy (node:http) sits between the client and the emulator and keeps what was sent.
const test = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const { ncloud, emulator, client } = require('./helpers');

// [env, action, { parameter: Go type }] as the request structs declare them.
const SDK = [
  ['vpc', 'getServerInstanceList', {
    regionCode: 'string', serverInstanceNoList: '[]string', vpcNo: 'string', pageNo: 'int32', pageSize: 'int32',
    serverInstanceStatusCode: 'string', baseBlockStorageDiskTypeCode: 'string', baseBlockStorageDiskDetailTypeCode: 'string',
    serverName: 'string', ip: 'string', sortedBy: 'string', sortingOrder: 'string', placementGroupNoList: '[]string',
    hypervisorTypeCodeList: '[]string', fabricClusterPoolNo: 'string', fabricClusterNo: 'string', fabricClusterMode: 'string',
  }],
  ['vpc', 'getBlockStorageSnapshotInstanceList', {
    regionCode: 'string', blockStorageSnapshotInstanceNoList: '[]string', originalBlockStorageInstanceNoList: '[]string',
    hypervisorTypeCodeList: '[]string', blockStorageSnapshotInstanceStatusCode: 'string', pageNo: 'int32', pageSize: 'int32',
    blockStorageSnapshotVolumeSize: 'int64', isEncryptedOriginalBlockStorageVolume: 'bool', blockStorageSnapshotName: 'string',
    isBootable: 'bool', sortedBy: 'string', sortingOrder: 'string',
  }],
  ['vpc', 'getServerImageList', {
    regionCode: 'string', serverImageName: 'string', serverImageStatusCode: 'string', serverImageNoList: '[]string',
    hypervisorTypeCodeList: '[]string', serverImageTypeCodeList: '[]string', osTypeCodeList: '[]string',
    platformCategoryCodeList: '[]string', pageNo: 'int32', pageSize: 'int32', sortedBy: 'string', sortingOrder: 'string',
  }],
  ['vpc', 'getMemberServerImageInstanceList', {
    regionCode: 'string', memberServerImageName: 'string', memberServerImageInstanceStatusCode: 'string',
    memberServerImageInstanceNoList: '[]string', platformTypeCodeList: '[]string', pageNo: 'int32', pageSize: 'int32',
    sortedBy: 'string', sortingOrder: 'string',
  }],
  ['vpc', 'getServerImageProductList', {
    regionCode: 'string', blockStorageSize: 'int32', exclusionProductCode: 'string', productCode: 'string',
    platformTypeCodeList: '[]string', infraResourceDetailTypeCode: 'string',
  }],
  ['vpc', 'createServerImage', { regionCode: 'string', serverInstanceNo: 'string', serverImageName: 'string', serverImageDescription: 'string', blockStorageList: '[]BlockStorage' }],
  ['vpc', 'createServerImageFromSnapshot', { regionCode: 'string', serverImageName: 'string', serverImageDescription: 'string', blockStorageList: '[]BlockStorage' }],
  ['vpc', 'createMemberServerImageInstance', { regionCode: 'string', memberServerImageName: 'string', memberServerImageDescription: 'string', serverInstanceNo: 'string' }],
  ['vpc', 'getServerImageDetail', { regionCode: 'string', serverImageNo: 'string' }],
  ['vpc', 'deleteServerImage', { regionCode: 'string', serverImageNoList: '[]string' }],
  ['vpc', 'addServerImageSharingPermission', { regionCode: 'string', serverImageNo: 'string', targetLoginIdList: '[]string' }],
  ['vpc', 'removeServerImageSharingPermission', { regionCode: 'string', serverImageNo: 'string', targetLoginIdList: '[]string' }],
  ['vpc', 'getMemberServerImageInstanceDetail', { regionCode: 'string', memberServerImageInstanceNo: 'string' }],
  ['vpc', 'deleteMemberServerImageInstances', { regionCode: 'string', memberServerImageInstanceNoList: '[]string' }],
  ['vpc', 'addMemberServerImageSharingPermission', { regionCode: 'string', memberServerImageInstanceNo: 'string', targetLoginIdList: '[]string' }],
  ['vpc', 'removeMemberServerImageSharingPermission', { regionCode: 'string', memberServerImageInstanceNo: 'string', targetLoginIdList: '[]string' }],
  ['vpc', 'setMemberServerImageSharingPermission', { regionCode: 'string', memberServerImageInstanceNo: 'string', targetLoginIdList: '[]string' }],
  ['vpc', 'getZoneList', { regionCode: 'string' }],
  ['vpc', 'getRegionList', {}],
  ['classic', 'getMemberServerImageList', {
    memberServerImageNoList: '[]string', platformTypeCodeList: '[]string', pageNo: 'int32', pageSize: 'int32', regionNo: 'string',
    sortedBy: 'string', sortingOrder: 'string',
  }],
  ['classic', 'createMemberServerImage', { memberServerImageDescription: 'string', memberServerImageName: 'string', serverInstanceNo: 'string' }],
  ['classic', 'deleteMemberServerImages', { memberServerImageNoList: '[]string' }],
  ['classic', 'getServerImageProductList', {
    exclusionProductCode: 'string', productCode: 'string', platformTypeCodeList: '[]string', blockStorageSize: 'int32',
    regionNo: 'string', infraResourceDetailTypeCode: 'string',
  }],
  ['classic', 'getZoneList', { regionNo: 'string' }],
  ['classic', 'getRegionList', {}],
  ['classic', 'getServerInstanceList', {
    serverInstanceNoList: '[]string', searchFilterName: 'string', searchFilterValue: 'string', pageNo: 'int32', pageSize: 'int32',
    serverInstanceStatusCode: 'string', regionNo: 'string', zoneNo: 'string', baseBlockStorageDiskTypeCode: 'string',
    baseBlockStorageDiskDetailTypeCode: 'string', sortedBy: 'string', sortingOrder: 'string', serverInstanceTypeCodeList: '[]string',
    tagKeyList: '[]string', tagValueList: '[]string',
  }],
  ['classic', 'getBlockStorageSnapshotInstanceList', {
    blockStorageSnapshotInstanceNoList: '[]string', originalBlockStorageInstanceNoList: '[]string', pageNo: 'int32', pageSize: 'int32', regionNo: 'string',
  }],
  ['classic', 'addMemberServerImageSharingPermission', { memberServerImageNo: 'string', targetLoginIdList: '[]string' }],
  ['classic', 'removeMemberServerImageSharingPermission', { memberServerImageNo: 'string', targetLoginIdList: '[]string' }],
  ['classic', 'setMemberServerImageSharingPermission', { memberServerImageNo: 'string', targetLoginIdList: '[]string' }],
];

// Values NCP accepts where the emulator checks them; open codes get values this package never listed
// (RKY64, a new status), which NCP may add at any time.
const SPECIAL = {
  regionCode: 'KR',
  regionNo: '1',
  sortingOrder: { vpc: 'DESC', classic: 'descending' },
  serverImageName: 'sdk-param-image',
  memberServerImageName: 'sdk-param-image',
  platformTypeCodeList: ['RKY64'],
  serverInstanceNo: { vpc: '1000001', classic: '492964' },
  blockStorageList: [
    { order: 0, snapshotInstanceNo: '3000001', blockStorageSize: 10 },
    { order: 1, blockStorageSize: 100, blockStorageVolumeTypeCode: 'CB2', emptyBlockStorage: true, noBlockStorage: false },
  ],
};

function sample(env, name, type) {
  const special = SPECIAL[name];
  if (special !== undefined) return special && special[env] !== undefined ? special[env] : special;
  switch (type) {
    case 'string': return `v-${name}`;
    case '[]string': return [`v-${name}`];
    case 'int32': return name === 'pageSize' ? 10 : 1;
    case 'int64': return 10;
    case 'bool': return true;
    default: throw new Error(`no sample for ${type}`);
  }
}

/** A proxy that forwards every request to `target` unchanged and records method, path and body. */
async function recordingProxy(target) {
  const seen = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      seen.push({ method: req.method, url: req.url, body: body.toString('utf8') });
      const up = http.request(new URL(req.url, target), { method: req.method, headers: req.headers }, (r) => {
        res.writeHead(r.statusCode, r.headers);
        r.pipe(res);
      });
      up.on('error', (e) => { res.writeHead(502); res.end(String(e)); });
      up.end(body);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { endpoint: `http://127.0.0.1:${server.address().port}`, seen, close: () => new Promise((r) => server.close(r)) };
}

function sentKeys(request) {
  const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '';
  const keys = new Set();
  for (const part of [query, request.body]) {
    for (const [k] of new URLSearchParams(part)) keys.add(k.split('.')[0]);
  }
  return keys;
}

test('every parameter of the official Go SDK v2 is accepted and sent, for every supported action', async (t) => {
  const emu = await emulator({ createDelayMs: 0 });
  const proxy = await recordingProxy(emu.endpoint);
  t.after(async () => { await proxy.close(); await emu.close(); });
  const c = ncloud.createClient({ endpoint: proxy.endpoint, accessKey: emu.accessKey, secretKey: emu.secretKey, maxRetries: 0 });
  const supported = JSON.parse(require('../lib/native').methods());
  for (const [env, action, params] of SDK) {
    await t.test(`${env} ${action}`, async () => {
      assert.ok(supported.some((m) => m.action === action && m.env === env), `${env} ${action} is a method of the client`);
      const input = {};
      for (const [name, type] of Object.entries(params)) input[name] = sample(env, name, type);
      const fn = env === 'vpc' ? c.compute.vpc[action] ?? c.compute[action] : c.compute.classic[action];
      const before = proxy.seen.length;
      const outcome = await fn(input).then((ok) => ({ ok }), (err) => ({ err }));
      if (outcome.err) {
        // The API may refuse the numbers (they name nothing in the emulator), never the parameters.
        assert.notEqual(outcome.err.code, 'ERR_VALIDATION', `${action}: ${outcome.err.message}`);
        assert.equal(outcome.err.code, 'ERR_API', `${action}: ${outcome.err.message}`);
        assert.ok(!['900', '901'].includes(outcome.err.returnCode), `${action}: ${outcome.err.message}`);
      }
      assert.equal(proxy.seen.length, before + 1, 'one request reached the emulator');
      const keys = sentKeys(proxy.seen[proxy.seen.length - 1]);
      for (const name of Object.keys(params)) assert.ok(keys.has(name), `${action}: '${name}' is on the wire`);
    });
  }
});

test('the image name: the client lets upper case through (seeds 001/002), the emulator answers as the spec says NCP does', async (t) => {
  const emu = await emulator();
  t.after(() => emu.close());
  const c = client(emu);
  const before = emu.requestCount();
  await assert.rejects(c.compute.createServerImage({ serverInstanceNo: '1000001', serverImageName: 'Test-001' }), (err) => {
    assert.equal(err.code, 'ERR_API');
    assert.equal(err.returnCode, '901');
    assert.match(err.returnMessage, /lower-case/);
    return true;
  });
  assert.equal(emu.requestCount(), before + 1, 'the request was sent: the API judges the name');
  const ok = await c.compute.createServerImage({ serverInstanceNo: '1000001', serverImageName: 'test-001' });
  assert.equal(ok.serverImageList[0].serverImageName, 'test-001');
});
