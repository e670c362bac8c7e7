'use strict';
// The waiters and paginators declared with the actions (src/catalog/waiters.rs).
const test = require('node:test');
const assert = require('node:assert/strict');
const { emulator, client, sleep } = require('./helpers');
const { DECLARED, waitDelay } = require('../lib/client');

const fromSnapshot = (name) => ({ serverImageName: name, blockStorageList: [{ order: 0, snapshotInstanceNo: '3000001' }] });

test('the waiters and paginators come from the core declarations', () => {
  // The VPC ones here; the Classic ones (compute.classic.waitFor…) in classic-cloud.test.js.
  const names = DECLARED.waiters.filter((w) => !w.methods.some((m) => m.startsWith('compute.classic.'))).map((w) => w.name).sort();
  assert.deepEqual(names, [
    'waitForBlockStorageInstanceAttached',
    'waitForBlockStorageInstanceDetached',
    'waitForBlockStorageSnapshotInstance',
    'waitForMemberServerImageInstance',
    'waitForMemberServerImageInstanceDeleted',
    'waitForNatGatewayInstance',
    'waitForNetworkAcl',
    'waitForNetworkAclDenyAllowGroup',
    'waitForPublicIpInstance',
    'waitForRouteTable',
    'waitForServerImage',
    'waitForServerImageDeleted',
    'waitForServerInstanceRunning',
    'waitForServerInstanceStopped',
    'waitForServerInstanceTerminated',
    'waitForSubnet',
    'waitForVpc',
    'waitForVpcPeeringInstance',
  ]);
  const c = client({ endpoint: 'http://127.0.0.1:9', accessKey: 'a', secretKey: 'b' });
  for (const name of names) {
    assert.equal(typeof c.compute[name], 'function', name);
    // compute.vpc has the VPC waiters too (the model's method paths, as the typings say).
    assert.equal(c.compute.vpc[name], c.compute[name], name);
  }
  // The Classic ones are on compute.classic only, apart from the VPC ones of the same name.
  assert.equal(typeof c.compute.classic.waitForNasVolumeInstance, 'function');
  assert.equal(c.compute.waitForNasVolumeInstance, undefined);
  assert.notEqual(c.compute.classic.waitForServerInstanceRunning, c.compute.waitForServerInstanceRunning);
  const created = DECLARED.waiters.find((w) => w.name === 'waitForServerImage');
  // Declared as acceptors (model/vserver.toml): CREFL fails, CREAT with operation NULL succeeds.
  const on = (state) => created.acceptors.filter((a) => a.state === state).map((a) => a.matcher);
  assert.deepEqual(on('success'), [{ path: ['serverImageStatus', 'code'], op: '=', values: ['CREAT'] }]);
  assert.ok(on('failure').some((m) => m.values?.[0] === 'CREFL'));
  assert.ok(created.acceptors.some((a) => a.state === 'retry' && a.matcher.op === '!=' && a.matcher.values[0] === 'NULL'));
  assert.ok(created.timeoutMs <= 30 * 60 * 1000);
  // One paginator per list action that takes pageNo, VPC ones on compute, Classic ones on compute.classic.
  const paginators = DECLARED.paginators.map((p) => `${p.env}:${p.name}`).sort();
  for (const name of ['paginateGetBlockStorageSnapshotInstanceList', 'paginateGetMemberServerImageList', 'paginateGetServerInstanceList']) {
    assert.ok(paginators.includes(`classic:${name}`), name);
  }
  assert.deepEqual(paginators.filter((p) => p.startsWith('vpc:')), [
    'vpc:paginateGetAccessControlGroupList',
    'vpc:paginateGetBlockStorageInstanceList',
    'vpc:paginateGetBlockStorageSnapshotInstanceList',
    'vpc:paginateGetFabricClusterList',
    'vpc:paginateGetInitScriptList',
    'vpc:paginateGetLoginKeyList',
    'vpc:paginateGetMemberServerImageInstanceList',
    'vpc:paginateGetNatGatewayInstanceList',
    'vpc:paginateGetNetworkAclDenyAllowGroupList',
    'vpc:paginateGetNetworkAclList',
    'vpc:paginateGetNetworkInterfaceList',
    'vpc:paginateGetPublicIpInstanceList',
    'vpc:paginateGetRouteTableList',
    'vpc:paginateGetServerImageList',
    'vpc:paginateGetServerInstanceList',
    'vpc:paginateGetSubnetList',
    'vpc:paginateGetVpcPeeringInstanceList',
  ]);
  assert.equal(typeof c.compute.paginateGetServerImageList, 'function');
  assert.equal(typeof c.compute.classic.paginateGetMemberServerImageList, 'function');
});

test('the waiters back off from minDelayMs to maxDelayMs, with jitter', () => {
  // Without jitter (random = 1) the delays grow 1.5 times per poll up to the maximum.
  assert.deepEqual([1, 2, 3, 4, 5, 6, 7, 8].map((a) => waitDelay(a, 2000, 30000, 1)), [2000, 3000, 4500, 6750, 10125, 15188, 22781, 30000]);
  assert.equal(waitDelay(1000, 2000, 30000, 1), 30000);
  // Jitter stays within [min, grown].
  for (const r of [0, 0.25, 0.5, 0.99]) {
    for (let a = 1; a < 20; a++) {
      const d = waitDelay(a, 100, 1000, r);
      assert.ok(d >= 100 && d <= Math.min(1000, 100 * 1.5 ** (a - 1)) + 1, `${a} ${r} ${d}`);
    }
  }
  assert.equal(waitDelay(5, 50, 50, 0.7), 50);
  assert.equal(waitDelay(3, 0, 0, 0.3), 0);
});

test('waitForServerImage resolves when created and reports every poll; the deleted waiter resolves when it is gone', async (t) => {
  const emu = await emulator({ createDelayMs: 300, deleteDelayMs: 300 });
  t.after(() => emu.close());
  const c = client(emu);
  const img = (await c.compute.createServerImageFromSnapshot(fromSnapshot('wait-for-me'))).serverImageList[0];
  const polls = [];
  const ready = await c.compute.waitForServerImage(img.serverImageNo, { minDelayMs: 20, maxDelayMs: 80, onPoll: (p) => polls.push(p) });
  assert.equal(ready.serverImageNo, img.serverImageNo);
  assert.equal(ready.serverImageStatus.code, 'CREAT');
  assert.ok(polls.length >= 2, `${polls.length} polls`);
  polls.forEach((p, i) => {
    assert.equal(p.attempt, i + 1);
    assert.equal(typeof p.elapsedMs, 'number');
    assert.equal(p.item.serverImageNo, img.serverImageNo);
  });
  assert.equal(polls[0].status, 'INIT');
  assert.equal(polls.at(-1).status, 'CREAT');
  assert.ok(polls.every((p, i) => i === 0 || p.elapsedMs >= polls[i - 1].elapsedMs));

  await c.compute.deleteServerImage({ serverImageNoList: [img.serverImageNo] });
  const gonePolls = [];
  const gone = await c.compute.waitForServerImageDeleted(img.serverImageNo, { minDelayMs: 20, maxDelayMs: 80, onPoll: (p) => gonePolls.push(p) });
  assert.equal(gone, null);
  assert.equal(gonePolls[0].item.serverImageStatusName, 'terminating');
  assert.equal(gonePolls.at(-1).item, null);
  assert.equal(gonePolls.at(-1).status, null);
  await assert.rejects(c.compute.getServerImageDetail({ serverImageNo: img.serverImageNo }), { returnCode: '10404' });
});

test('the VPC network waiters: a NAT gateway until it runs, a route table while its routes change, a peering request until accepted', async (t) => {
  const emu = await emulator({ createDelayMs: 120, deleteDelayMs: 120, fixture: { settings: { operationDelayMs: 500 } } });
  t.after(() => emu.close());
  const { compute } = client(emu);
  const fast = { minDelayMs: 20, maxDelayMs: 40 };
  const { subnetList: [sub] } = await compute.createSubnet({ vpcNo: '1001', zoneCode: 'KR-1', subnet: '10.0.9.0/24', subnetName: 'nat', subnetTypeCode: 'PUBLIC', usageTypeCode: 'NATGW', networkAclNo: '2501' });
  assert.equal((await compute.waitForSubnet(sub.subnetNo, fast)).subnetStatus.code, 'RUN');
  const { natGatewayInstanceList: [nat] } = await compute.createNatGatewayInstance({ vpcNo: '1001', zoneCode: 'KR-1', subnetNo: sub.subnetNo });
  assert.equal(nat.natGatewayInstanceOperation.code, 'CREAT');
  const polls = [];
  const ready = await compute.waitForNatGatewayInstance(nat.natGatewayInstanceNo, { ...fast, onPoll: (p) => polls.push(p.status) });
  assert.deepEqual([ready.natGatewayInstanceStatus.code, ready.natGatewayInstanceOperation.code], ['RUN', 'NULL']);
  assert.equal(polls[0], 'INIT');
  // Its routes changing, the table shows SET; a route is added only to a table that runs.
  const route = { destinationCidrBlock: '0.0.0.0/0', targetTypeCode: 'NATGW', targetNo: nat.natGatewayInstanceNo, targetName: nat.natGatewayName };
  await compute.addRoute({ vpcNo: '1001', routeTableNo: '2602', routeList: [route] });
  await assert.rejects(compute.removeRoute({ vpcNo: '1001', routeTableNo: '2602', routeList: [route] }), { returnCode: '25013' });
  assert.equal((await compute.waitForRouteTable('2602', fast)).routeTableStatus.code, 'RUN');
  await compute.removeRoute({ vpcNo: '1001', routeTableNo: '2602', routeList: [route] });
  // A request to another account's VPC runs once accepted; deleted, its waiter fails.
  const { vpcList: [peer] } = await compute.createVpc({ ipv4CidrBlock: '172.20.0.0/16', vpcName: 'peer' });
  await compute.waitForVpc(peer.vpcNo, fast);
  const { vpcPeeringInstanceList: [req] } = await compute.createVpcPeeringInstance({ sourceVpcNo: '1001', targetVpcNo: peer.vpcNo, targetVpcName: 'peer', targetVpcLoginId: 'partner@example.com' });
  const accepted = compute.waitForVpcPeeringInstance(req.vpcPeeringInstanceNo, fast);
  await compute.acceptOrRejectVpcPeering({ vpcPeeringInstanceNo: req.vpcPeeringInstanceNo, isAccept: true });
  assert.equal((await accepted).vpcPeeringInstanceStatus.code, 'RUN');
  await compute.deleteVpcPeeringInstance({ vpcPeeringInstanceNo: req.vpcPeeringInstanceNo });
  await assert.rejects(compute.waitForVpcPeeringInstance(req.vpcPeeringInstanceNo, fast), { code: 'ERR_API' });
});

test('member server images: created and deleted waiters', async (t) => {
  const emu = await emulator({ createDelayMs: 150, deleteDelayMs: 150 });
  t.after(() => emu.close());
  const c = client(emu, 'xml');
  const m = (await c.compute.createMemberServerImageInstance({ serverInstanceNo: '1000001' })).memberServerImageInstanceList[0];
  const ready = await c.compute.waitForMemberServerImageInstance(Number(m.memberServerImageInstanceNo), { minDelayMs: 20, maxDelayMs: 50 });
  assert.equal(ready.memberServerImageInstanceStatusName, 'created');
  await c.compute.deleteMemberServerImageInstances({ memberServerImageInstanceNoList: [m.memberServerImageInstanceNo] });
  assert.equal(await c.compute.waitForMemberServerImageInstanceDeleted(m.memberServerImageInstanceNo, { minDelayMs: 20, maxDelayMs: 50 }), null);
  // A created waiter does not take "not found" for success.
  await assert.rejects(c.compute.waitForMemberServerImageInstance(m.memberServerImageInstanceNo, { minDelayMs: 10 }), { code: 'ERR_API', returnCode: '10404' });
});

test('a waiter rejects on CREFL, on deletion and on timeout', async (t) => {
  const emu = await emulator({ createDelayMs: 100, deleteDelayMs: 60000 });
  t.after(() => emu.close());
  const c = client(emu);
  emu.configure({ failureRate: 1 });
  const doomed = (await c.compute.createServerImageFromSnapshot(fromSnapshot('doomed'))).serverImageList[0];
  await assert.rejects(c.compute.waitForServerImage(doomed.serverImageNo, { minDelayMs: 20, maxDelayMs: 40 }), { code: 'ERR_API', message: /createFailed \(CREFL\// });
  emu.configure({ failureRate: 0, createDelayMs: 0 });
  const img = (await c.compute.createServerImageFromSnapshot(fromSnapshot('short-lived'))).serverImageList[0];
  await c.compute.deleteServerImage({ serverImageNoList: [img.serverImageNo] });
  await assert.rejects(c.compute.waitForServerImage(img.serverImageNo, { minDelayMs: 10 }), { code: 'ERR_API', message: /terminating \(CREAT\/TERMT\)/ });
  const polls = [];
  await assert.rejects(
    c.compute.waitForServerImageDeleted(img.serverImageNo, { minDelayMs: 20, maxDelayMs: 40, timeoutMs: 150, onPoll: (p) => polls.push(p) }),
    { code: 'ERR_TIMEOUT', message: /still terminating after 150 ms/ },
  );
  assert.ok(polls.length >= 2);
});

test('waiter options are validated before any request', async (t) => {
  const emu = await emulator();
  t.after(() => emu.close());
  const c = client(emu);
  const bad = [
    { minDelayMs: NaN },
    { maxDelayMs: -1 },
    { timeoutMs: Infinity },
    { timeoutMs: '100' },
    { minDelayMs: 50, maxDelayMs: 10 },
    { onPoll: 'log' },
    { signal: {} },
    { pollEvery: 5 },
  ];
  for (const options of bad) {
    await assert.rejects(c.compute.waitForServerImage('4000001', options), { code: 'ERR_VALIDATION' }, JSON.stringify(options));
  }
  await assert.rejects(c.compute.waitForServerImage({ no: 1 }), { code: 'ERR_VALIDATION' });
  assert.equal(emu.requestCount(), 0);
  // An image that is already created resolves on the first poll.
  assert.equal((await c.compute.waitForServerImage('4000001')).serverImageName, 'rocky-8.10-base');
  assert.equal(emu.requestCount(), 1);
});

test('paginate yields every item once, page by page, and stops on totalRows or a short page', async (t) => {
  const emu = await emulator({ createDelayMs: 0 });
  t.after(() => emu.close());
  const c = client(emu);
  for (let i = 0; i < 5; i++) await c.compute.createServerImageFromSnapshot(fromSnapshot(`paged-${i}`));
  const all = await c.compute.getServerImageList();
  assert.ok(all.totalRows >= 7, `${all.totalRows}`);
  const expected = all.serverImageList.map((i) => i.serverImageNo);

  for (const pageSize of [1, 3, all.totalRows, 1000]) {
    emu.clearRequests();
    const seen = [];
    for await (const item of c.compute.paginateGetServerImageList({}, { pageSize })) seen.push(item.serverImageNo);
    assert.deepEqual(seen, expected, `pageSize ${pageSize}`);
    assert.equal(emu.requestCount(), Math.ceil(all.totalRows / pageSize), `pages asked with pageSize ${pageSize}`);
  }
  // Filters pass through; breaking out of the loop stops asking.
  emu.clearRequests();
  const paged = [];
  for await (const item of c.compute.paginateGetServerImageList({ serverImageName: 'paged-3' }, { pageSize: 2 })) paged.push(item.serverImageName);
  assert.deepEqual(paged, ['paged-3']);
  emu.clearRequests();
  for await (const item of c.compute.paginateGetServerImageList(undefined, { pageSize: 2 })) {
    assert.ok(item);
    break;
  }
  assert.equal(emu.requestCount(), 1);
  // Classic lists page the same way.
  const classic = [];
  for await (const s of c.compute.classic.paginateGetServerInstanceList(undefined, { pageSize: 2 })) classic.push(s.serverInstanceNo);
  const whole = await c.compute.classic.getServerInstanceList();
  assert.deepEqual(classic, whole.serverInstanceList.map((s) => s.serverInstanceNo));
});

test('paginate checks its options and takes a signal', async (t) => {
  const emu = await emulator();
  t.after(() => emu.close());
  const c = client(emu);
  assert.throws(() => c.compute.paginateGetServerImageList({}, { pageSize: 0 }), { code: 'ERR_VALIDATION' });
  assert.throws(() => c.compute.paginateGetServerImageList({}, { pageSize: 1.5 }), { code: 'ERR_VALIDATION' });
  assert.throws(() => c.compute.paginateGetServerImageList({ pageNo: 2 }), { code: 'ERR_VALIDATION', message: /pageNo/ });
  assert.throws(() => c.compute.paginateGetServerImageList({}, { size: 5 }), { code: 'ERR_VALIDATION' });
  const it = c.compute.paginateGetServerImageList({ colour: 'red' });
  await assert.rejects(it.next(), { code: 'ERR_VALIDATION', message: /colour/ });
  const ac = new AbortController();
  const seen = [];
  await assert.rejects(
    (async () => {
      for await (const item of c.compute.paginateGetServerImageList({}, { pageSize: 1, signal: ac.signal })) {
        seen.push(item);
        ac.abort();
      }
    })(),
    { name: 'AbortError', code: 'ABORT_ERR' },
  );
  assert.equal(seen.length, 1);
  await sleep(20);
  assert.equal(emu.requestCount(), 1);
});
