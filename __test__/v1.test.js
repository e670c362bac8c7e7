'use strict';
// The old client's second generation (npm ncloud 1.x, last 1.1.4): createClient({ accessKey, secretKey }),
// client.setConfig({ regionNo }), client.IaaS.server().<action>(params) resolving to the API's response
// object. Shapes and behaviour as found in its sources (mosfet1kg/ncloud at 3b3b0d7, quoted below).
const test = require('node:test');
const assert = require('node:assert/strict');
const { ncloud, emulator } = require('./helpers');

async function setUp(t) {
  const emu = await emulator({ createDelayMs: 0 });
  t.after(() => emu.close());
  // 1.x: createClient({ accessKey, secretKey }); the gateway address here is the emulator's.
  const client = ncloud.createClient({ accessKey: emu.accessKey, secretKey: emu.secretKey, endpoint: emu.endpoint });
  return { emu, client };
}

test('setConfig merges into the store and returns the client; IaaS.server() has every 1.x method', async (t) => {
  const { client } = await setUp(t);
  // src/index.ts: setConfig(inputParams: any): InterfaceNcloud { this.store.setData(inputParams); return this; }
  assert.equal(client.setConfig({ regionNo: '1' }), client);
  const server = client.IaaS.server();
  // description.yaml apis.IaaS.Server (the *Proto actions are wrapped by createServerInstances and
  // getNasVolumeInstanceRatingList in src/IaaS/Server.ts).
  const declared = ('getServerImageProductList getServerProductList getRaidList getZoneList getRegionList createNasVolumeInstance ' +
    'deleteNasVolumeInstance getNasVolumeInstanceList changeNasVolumeSize getNasVolumeInstanceRatingListProto setNasVolumeAccessControl ' +
    'addNasVolumeAccessControl removeNasVolumeAccessControl getLoginKeyList createLoginKey deleteLoginKey importLoginKey ' +
    'getAccessControlGroupList getAccessControlGroupServerInstanceList getAccessControlRuleList getServerInstanceList ' +
    'createServerInstancesProto terminateServerInstances changeServerInstanceSpec rebootServerInstances startServerInstances ' +
    'stopServerInstances getRootPassword getMemberServerImageList createMemberServerImage deleteMemberServerImages ' +
    'getBlockStorageInstanceList createBlockStorageInstance deleteBlockStorageInstances changeBlockStorageVolumeSize ' +
    'createBlockStorageSnapshotInstance deleteBlockStorageSnapshotInstances getBlockStorageSnapshotInstanceList ' +
    'attachBlockStorageInstance detachBlockStorageInstances getPublicIpInstanceList getPublicIpTargetServerInstanceList ' +
    'createPublicIpInstance associatePublicIpWithServerInstance disassociatePublicIpFromServerInstance deletePublicIpInstances ' +
    'getPortForwardingRuleList addPortForwardingRules deletePortForwardingRules getNasVolumeInstanceRatingList createServerInstances').split(' ');
  for (const name of declared) assert.equal(typeof server[name], 'function', name);
  const lb = client.IaaS.loadBalancer();
  assert.equal(typeof lb.getLoadBalancerInstanceList, 'function');
  assert.equal(typeof client.PaaS.geoLocation().geoLocation, 'function');
});

test('a method resolves to the response object without its wrapper, as the JSON gateway sends it', async (t) => {
  const { client } = await setUp(t);
  const server = client.setConfig({ regionNo: '1' }).IaaS.server();
  // src/helpers/generateMethods.ts: .then((response) => get(response.data, responseName)) with
  // responseName getZoneListResponse (description.yaml), responseFormatType json (fetchClient.ts).
  const zones = await server.getZoneList();
  assert.deepStrictEqual(Object.keys(zones).sort(), ['requestId', 'returnCode', 'returnMessage', 'zoneList']);
  assert.equal(zones.returnCode, '0');
  assert.equal(zones.returnMessage, 'success');
  assert.deepStrictEqual(zones.zoneList.map((z) => [z.zoneNo, z.regionNo]), [['2', '1'], ['3', '1']], 'ids are strings, as in JSON');
  const regions = await server.getRegionList();
  assert.equal(regions.totalRows, regions.regionList.length);
  assert.deepStrictEqual(regions.regionList[0], { regionNo: '1', regionCode: 'KR', regionName: 'Korea' });
  const products = await server.getServerImageProductList({ platformTypeCodeList: ['LNX64'] });
  assert.ok(products.productList.length > 0);
  assert.ok(products.productList.every((p) => p.platformType.code === 'LNX64'));
  const snapshots = await server.getBlockStorageSnapshotInstanceList();
  assert.equal(snapshots.blockStorageSnapshotInstanceList[0].blockStorageSnapshotInstanceNo, '610001');
  assert.equal(snapshots.totalRows, 1);
});

test("the store's values go under each call's parameters; the call's own win; other keys are not refused", async (t) => {
  const { client } = await setUp(t);
  const server = client.IaaS.server();
  // generateMethods.ts: input = { ...store.getValues(), ...input }  (regionNo가 overwrite 되지 않도록 앞에 위치)
  client.setConfig({ regionNo: '7' });
  assert.equal((await server.getServerInstanceList()).totalRows, 0, 'regionNo 7 from the store is sent');
  assert.equal((await server.getServerInstanceList({ regionNo: '1' })).totalRows, 3, "the call's regionNo wins");
  client.setConfig({ regionNo: '1' });
  const page = await server.getServerInstanceList({ pageNo: 1, pageSize: 1 });
  assert.equal(page.totalRows, 3);
  assert.equal(page.serverInstanceList.length, 1);
  // 1.x only warned about undeclared keys (SHOW_WARNING=true) and sent them; NCP ignores them.
  const regions = await server.getRegionList({ colour: 'red' });
  assert.equal(regions.returnCode, '0');
});

test('the member-image life cycle with the 1.x parameter names', async (t) => {
  const { client } = await setUp(t);
  const server = client.setConfig({ regionNo: '1' }).IaaS.server();
  const created = await server.createMemberServerImage({
    memberServerImageName: 'hello',
    memberServerImageDescription: 'hello test',
    serverInstanceNo: '492964',
  });
  assert.equal(created.returnCode, '0');
  const [image] = created.memberServerImageList;
  assert.equal(image.memberServerImageName, 'hello');
  assert.equal(typeof image.memberServerImageNo, 'string');
  const listed = await server.getMemberServerImageList();
  assert.deepStrictEqual(listed.memberServerImageList.map((i) => i.memberServerImageNo), [image.memberServerImageNo]);
  const deleted = await server.deleteMemberServerImages({ memberServerImageNoList: [image.memberServerImageNo] });
  assert.equal(deleted.memberServerImageList[0].memberServerImageStatusName, 'terminating');
});

test('errors: NcloudError with the old message form and an axios-like e.response; 1.x type checks; the one method 1.1.4 could not call', async (t) => {
  const { client } = await setUp(t);
  const server = client.IaaS.server();
  const err = await server.createMemberServerImage({ serverInstanceNo: '768416' }).then(() => assert.fail('expected an error'), (e) => e);
  assert.ok(err instanceof ncloud.NcloudError);
  assert.equal(err.code, 'ERR_API');
  assert.equal(err.returnCode, '24120');
  assert.match(err.message, /^Error: returnCode: 24120, returnMessage: /);
  // 1.x code reads axios's e.response.data in its catch blocks.
  assert.equal(err.response.status, 400);
  assert.deepStrictEqual(err.response.data, { responseError: { returnCode: '24120', returnMessage: err.returnMessage } });
  // 1.x checked the declared types and enums of the keys given, and threw at once (not a rejection).
  assert.throws(() => server.getZoneList({ regionNo: 1 }), {
    code: 'ERR_VALIDATION',
    message: 'Invalid Input Type: regionNo @getZoneList method.\nregionNo type must be a string.',
  });
  assert.throws(() => server.getServerInstanceList({ sortingOrder: 'descending' }), {
    message: 'Invalid Input Type: sortingOrder @getServerInstanceList method.\nsortingOrder must be one of items in ["ascending"]',
  });
  assert.throws(() => server.createBlockStorageInstance({ blockStorageSize: '50', serverInstanceNo: '1' }), {
    message: 'Invalid Input Type: blockStorageSize @createBlockStorageInstance method.\nblockStorageSize must be number.',
  });
  // PaaS.containerRegistry() returned undefined in 1.1.4: its method says so instead of a TypeError.
  const e = await client.PaaS.containerRegistry().getImageList({ registry: 'r' }).then(() => assert.fail('expected ERR_UNSUPPORTED'), (x) => x);
  assert.ok(e instanceof ncloud.NcloudError);
  assert.equal(e.code, 'ERR_UNSUPPORTED');
  assert.match(e.message, /^PaaS\.containerRegistry\(\)\.getImageList\(\) of the old ncloud 1\.x client is not supported: /);
  assert.ok(e.response.data.error, 'e.response.data is readable');
});

test('setConfig with other keys signs later calls with them', async (t) => {
  const { client, emu } = await setUp(t);
  client.setConfig({ accessKey: emu.accessKey, secretKey: 'wrong-secret' });
  await assert.rejects(client.IaaS.server().getRegionList(), { code: 'ERR_AUTH' });
  client.setConfig({ accessKey: emu.accessKey, secretKey: emu.secretKey });
  assert.equal((await client.IaaS.server().getRegionList()).returnCode, '0');
});

test('IaaS.loadBalancer() and PaaS.geoLocation() call their APIs; the hand-written methods wrap their generated ones', async (t) => {
  const { client, emu } = await setUp(t);
  client.setConfig({ regionNo: '1' });
  const lb = client.IaaS.loadBalancer();
  const made = await lb.createLoadBalancerInstance({
    loadBalancerName: 'my-lb',
    loadBalancerAlgorithmTypeCode: 'RR',
    serverInstanceNoList: ['492964'],
    loadBalancerRuleList: [{ protocolTypeCode: 'TCP', loadBalancerPort: 13306, serverPort: 3306 }],
  });
  const [instance] = made.loadBalancerInstanceList;
  assert.equal(instance.loadBalancerName, 'my-lb');
  assert.equal(instance.loadBalancedServerInstanceList[0].serverInstance.serverInstanceNo, '492964');
  const listed = await lb.getLoadBalancerInstanceList();
  assert.equal(listed.totalRows, 1);
  const behind = await lb.getLoadBalancedServerInstanceList({ loadBalancerInstanceNo: instance.loadBalancerInstanceNo });
  assert.deepStrictEqual(behind.serverInstanceList.map((x) => x.serverInstanceNo), ['492964']);
  // The hand-written createServerInstances base64-encodes userData; its Proto sent it as given.
  const server = client.IaaS.server();
  const script = '#!/bin/bash\necho hi';
  const a = await server.createServerInstances({ serverImageProductCode: 'SPSW0LINUX000046', serverName: 'wrapped', userData: script });
  const b = await server.createServerInstancesProto({ serverImageProductCode: 'SPSW0LINUX000046', serverName: 'proto', userData: Buffer.from(script).toString('base64') });
  assert.equal(a.serverInstanceList[0].serverName, 'wrapped');
  assert.equal(b.serverInstanceList[0].serverName, 'proto');
  const sent = emu.requests().filter((r) => r.action === 'createServerInstances').map((r) => r.params.userData);
  assert.deepStrictEqual(sent, [Buffer.from(script).toString('base64'), Buffer.from(script).toString('base64')], 'the same bytes reach NCP');
});

test('nothing NCP sends about a server is dropped: every field of the Go SDK v2 ServerInstance', async (t) => {
  const { client, emu } = await setUp(t);
  // 1.x passed the gateway's JSON through; the Classic ServerInstance model now declares every field of
  // the Go SDK's services/server/server_instance.go (portForwarding*, accessControlGroupList ...).
  const { serverInstanceList: [server] } = await client.IaaS.server().getServerInstanceList({ serverInstanceNoList: ['492964'] });
  assert.equal(server.portForwardingPublicIp, '211.249.50.10');
  assert.equal(server.portForwardingExternalPort, 1024);
  assert.equal(server.uptime, '2017-09-20T10:05:00+0900');
  assert.deepStrictEqual(server.serverInstanceType, { code: 'STAND', codeName: 'Standard' });
  assert.deepStrictEqual(server.accessControlGroupList, [{
    accessControlGroupConfigurationNo: '5475', accessControlGroupName: 'ncloud-default-acg',
    accessControlGroupDescription: 'Default AccessControlGroup', isDefaultGroup: true, createDate: '2017-09-01T10:00:00+0900',
  }]);
  // The same through the XML wire format.
  const xml = ncloud.createClient({ endpoint: emu.endpoint, accessKey: emu.accessKey, secretKey: emu.secretKey, responseFormat: 'xml' });
  const { serverInstanceList: [viaXml] } = await xml.IaaS.server().getServerInstanceList({ serverInstanceNoList: ['492964'] });
  assert.deepStrictEqual(viaXml, server);
});

// Issue 21: a large userData settles (item 2); keys 1.x did not declare are sent as given (item 16).
test('createServerInstances with megabytes of userData settles with an NcloudError, never a synchronous RangeError', async (t) => {
  const { client } = await setUp(t);
  const server = client.IaaS.server();
  const text = 'x'.repeat(3.4e6);
  // The hand-written method (text, encoded here), its generated one given base64 already, and text the
  // size of 4 MB whose base64 passes 5 MB.
  const calls = [
    () => server.createServerInstances({ serverImageProductCode: 'SPSW0LINUX000046', userData: text }),
    () => server.createServerInstancesProto({ serverImageProductCode: 'SPSW0LINUX000046', userData: Buffer.from(text).toString('base64') }),
    () => server.createServerInstances({ serverImageProductCode: 'SPSW0LINUX000046', userData: 'y'.repeat(4e6) }),
  ];
  for (const call of calls) {
    let pending;
    assert.doesNotThrow(() => {
      pending = call();
    });
    assert.ok(pending instanceof Promise);
    // Too large for the gateway: refused before sending, or by the gateway (413); an NcloudError either
    // way, carrying 1.x's e.response.
    await assert.rejects(pending, (err) => err instanceof ncloud.NcloudError && err.response !== undefined && err.code !== 'ERR_INTERNAL');
  }
  // Base64 userData of a normal size still works.
  const ok = await server.createServerInstancesProto({ serverImageProductCode: 'SPSW0LINUX000046', userData: Buffer.from('#!/bin/sh\necho hi\n').toString('base64') });
  assert.equal(ok.serverInstanceList.length, 1);
});

test('keys 1.x did not declare are sent as given, as 1.1.4 sent them (store values too)', async (t) => {
  const { emu, client } = await setUp(t);
  // setConfig's values go under every call, declared or not (1.1.4: { ...store, ...input }).
  client.setConfig({ regionNo: '1', traceId: 'build-42' });
  const server = client.IaaS.server();
  await server.createLoginKey({ keyName: 'v1-extra', futureFlag: true, tags: ['a', 'b'], count: 3, skipped: undefined, alsoSkipped: null });
  const sent = emu.requests().at(-1);
  assert.equal(sent.action, 'createLoginKey');
  // (The emulator's log shows `tags.1`, `tags.2` as the list they make.)
  assert.deepEqual(sent.params, { keyName: 'v1-extra', regionNo: '1', traceId: 'build-42', futureFlag: 'true', tags: ['a', 'b'], count: '3' });
  // An object has no text form (1.1.4 sent '[object Object]'): refused, as a rejection carrying e.response.
  await assert.rejects(server.createLoginKey({ keyName: 'v1-obj', meta: { a: 1 } }), (err) => {
    assert.equal(err.code, 'ERR_VALIDATION');
    assert.match(err.message, /'meta' is not a parameter of createLoginKey and is sent as given/);
    assert.ok(err.response);
    return true;
  });
  // A key that would repeat a declared parameter's own name is refused rather than sent twice.
  await assert.rejects(server.getServerInstanceList({ serverInstanceNoList: ['1'], 'serverInstanceNoList.1': '2' }), /'serverInstanceNoList\.1' is not a parameter of getServerInstanceList and would repeat one that is sent/);
  assert.equal(emu.requests().filter((r) => r.action === 'createLoginKey').length, 1, 'nothing sent for the refused calls');
});
