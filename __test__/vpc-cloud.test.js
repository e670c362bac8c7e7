'use strict';
// The VPC cloud end to end through the client: networks, launches from images, the life cycle with
// its waiters, storage limits and public IPs, in both wire formats (the emulator on 127.0.0.1).
const test = require('node:test');
const assert = require('node:assert/strict');
const { emulator, client, FORMATS } = require('./helpers');

const FAST = { createDelayMs: 60, deleteDelayMs: 60, fixture: { settings: { operationDelayMs: 40 } } };
const WAIT = { minDelayMs: 10, maxDelayMs: 40, timeoutMs: 20000 };
const net = (subnetNo = '2001') => ({
  vpcNo: '1001',
  subnetNo,
  networkInterfaceList: [{ networkInterfaceOrder: 0, accessControlGroupNoList: ['3501'] }],
});

for (const format of FORMATS) {
  test(`(${format}) a golden image: servers launched from it report its number and run its OS`, async (t) => {
    const emu = await emulator(FAST);
    t.after(() => emu.close());
    const { compute } = client(emu, format);
    const { serverImageList: [image] } = await compute.createServerImage({ serverInstanceNo: '1000002', serverImageName: 'golden' });
    await compute.waitForServerImage(image.serverImageNo, WAIT);
    const { serverInstanceList: made } = await compute.createServerInstances({
      ...net(),
      serverImageNo: image.serverImageNo,
      serverSpecCode: 's2-g3',
      serverName: 'web',
      serverCreateCount: 3,
    });
    assert.deepEqual(made.map((v) => v.serverName), ['web-001', 'web-002', 'web-003']);
    const polls = [];
    const running = await compute.waitForServerInstanceRunning(made[0].serverInstanceNo, { ...WAIT, onPoll: (p) => polls.push(p.status) });
    assert.equal(running.serverInstanceStatus.code, 'RUN');
    assert.equal(polls[0], 'INIT');
    assert.equal(polls.at(-1), 'RUN');
    for (const v of made) {
      const { serverInstanceList: [d] } = await compute.getServerInstanceDetail({ serverInstanceNo: v.serverInstanceNo });
      assert.equal(d.serverImageNo, image.serverImageNo);
      assert.equal(d.hypervisorType.code, 'KVM');
      assert.equal(d.serverImageProductCode, 'SW.VSVR.OS.LNX64.ROCKY.0810.B050');
    }
    // The OS shows in an image of the new server.
    const { serverImageList: [again] } = await compute.createServerImage({ serverInstanceNo: made[0].serverInstanceNo, serverImageName: 'golden-2' });
    assert.equal(again.osType.code, 'ROCKY');
  });
}

test('a server is stopped, started, protected and terminated through its waiters', async (t) => {
  const emu = await emulator(FAST);
  t.after(() => emu.close());
  const { compute } = client(emu, 'xml');
  const { serverInstanceList: [v] } = await compute.createServerInstances({ ...net(), serverImageProductCode: 'SW.VSVR.OS.LNX64.CNTOS.0703.B050' });
  const no = v.serverInstanceNo;
  await compute.waitForServerInstanceRunning(no, WAIT);
  await assert.rejects(compute.terminateServerInstances({ serverInstanceNoList: [no] }), { code: 'ERR_API', returnCode: '25013' });
  await compute.stopServerInstances({ serverInstanceNoList: [no] });
  const stopped = await compute.waitForServerInstanceStopped(no, WAIT);
  assert.equal(stopped.serverInstanceStatusName, 'stopped');
  await compute.setProtectServerTermination({ serverInstanceNo: no, isProtectServerTermination: true });
  await assert.rejects(compute.terminateServerInstances({ serverInstanceNoList: [no] }), { returnCode: '25039' });
  await compute.setProtectServerTermination({ serverInstanceNo: no, isProtectServerTermination: false });
  await compute.terminateServerInstances({ serverInstanceNoList: [no] });
  assert.equal(await compute.waitForServerInstanceTerminated(no, WAIT), null);
  await assert.rejects(compute.waitForServerInstanceRunning(no, { minDelayMs: 10 }), { message: /will not be running: .*returnCode: 24120/ });
  // Aborted while waiting.
  const { serverInstanceList: [w] } = await compute.createServerInstances({ ...net(), serverImageNo: '4000001' });
  emu.configure({ createDelayMs: 60000 });
  const ac = new AbortController();
  const waiting = compute.waitForServerInstanceRunning(w.serverInstanceNo, { ...WAIT, signal: ac.signal });
  setTimeout(() => ac.abort(), 50);
  await assert.rejects(waiting, { name: 'AbortError' });
});

test('block storage: attached and detached through waiters, refused past the hypervisor limit', async (t) => {
  const emu = await emulator(FAST);
  t.after(() => emu.close());
  const { compute } = client(emu);
  const { serverInstanceList: [v] } = await compute.createServerInstances({ ...net(), serverImageNo: '4000001', serverSpecCode: 'c2-g3' });
  await compute.waitForServerInstanceRunning(v.serverInstanceNo, WAIT);
  const volumes = [];
  for (let i = 0; i < 21; i++) {
    const { blockStorageInstanceList: [b] } = await compute.createBlockStorageInstance({ zoneCode: 'KR-1', blockStorageSize: 10, blockStorageVolumeTypeCode: 'CB1' });
    volumes.push(b.blockStorageInstanceNo);
  }
  await compute.waitForBlockStorageInstanceDetached(volumes[0], WAIT);
  await compute.attachBlockStorageInstance({ serverInstanceNo: v.serverInstanceNo, blockStorageInstanceNo: volumes[0] });
  const attached = await compute.waitForBlockStorageInstanceAttached(volumes[0], WAIT);
  assert.equal(attached.deviceName, '/dev/vdb');
  for (const b of volumes.slice(1, 20)) {
    await compute.waitForBlockStorageInstanceDetached(b, WAIT);
    await compute.attachBlockStorageInstance({ serverInstanceNo: v.serverInstanceNo, blockStorageInstanceNo: b });
  }
  // KVM: 21 volumes per server with its base storage (the spec's blockStorageMaxCount).
  await compute.waitForBlockStorageInstanceDetached(volumes[20], WAIT);
  await assert.rejects(
    compute.attachBlockStorageInstance({ serverInstanceNo: v.serverInstanceNo, blockStorageInstanceNo: volumes[20] }),
    { code: 'ERR_API', returnCode: '25036', message: /block storage per KVM server \(21\)/ },
  );
  const { serverSpecList: [spec] } = await compute.getServerSpecDetail({ serverSpecCode: 'c2-g3' });
  assert.equal(spec.blockStorageMaxCount, 21);
  await compute.detachBlockStorageInstances({ blockStorageInstanceNoList: [volumes[0]] });
  assert.equal((await compute.waitForBlockStorageInstanceDetached(volumes[0], WAIT)).blockStorageInstanceStatus.code, 'CREAT');
  // XEN: 16 with the base storage.
  const { serverSpecList: [xen] } = await compute.getServerSpecDetail({ serverSpecCode: 's2-g2' });
  assert.equal(xen.blockStorageMaxCount, 16);
  const { blockStorageSnapshotInstanceList: [snap] } = await compute.createBlockStorageSnapshotInstance({ originalBlockStorageInstanceNo: volumes[1] });
  assert.equal((await compute.waitForBlockStorageSnapshotInstance(snap.blockStorageSnapshotInstanceNo, WAIT)).blockStorageSnapshotInstanceStatus.code, 'CREAT');
});

test('public IPs: NCP refuses one for a server of a private subnet', async (t) => {
  const emu = await emulator(FAST);
  t.after(() => emu.close());
  const { compute } = client(emu);
  const { serverInstanceList: [inside] } = await compute.createServerInstances({ ...net('2002'), serverImageNo: '4000001' });
  await assert.rejects(compute.vpc.createPublicIpInstance({ serverInstanceNo: inside.serverInstanceNo }), {
    code: 'ERR_API',
    returnCode: '25037',
    message: /only to a server in a public subnet/,
  });
  const { publicIpInstanceList: [ip] } = await compute.vpc.createPublicIpInstance({ serverInstanceNo: '1000001' });
  const ready = await compute.waitForPublicIpInstance(ip.publicIpInstanceNo, WAIT);
  assert.equal(ready.serverInstanceNo, '1000001');
  const { serverInstanceList: [server] } = await compute.getServerInstanceDetail({ serverInstanceNo: '1000001' });
  assert.equal(server.publicIp, ready.publicIp);
  assert.equal(typeof compute.createPublicIpInstance, 'function', "the old client's method stays on compute");
  assert.notEqual(compute.createPublicIpInstance, compute.vpc.createPublicIpInstance);
});

test('a test builds its own network: VPC, subnets, group, launch, teardown', async (t) => {
  const emu = await emulator({ createDelayMs: 0, deleteDelayMs: 0, fixture: { settings: { operationDelayMs: 0 } } });
  t.after(() => emu.close());
  const { compute } = client(emu);
  const { vpcList: [vpc] } = await compute.vpc.createVpc({ ipv4CidrBlock: '192.168.0.0/16', vpcName: 'lab' });
  const { vpcList: [ready] } = await compute.vpc.getVpcDetail({ vpcNo: vpc.vpcNo });
  assert.equal(ready.vpcStatus.code, 'RUN');
  const { accessControlGroupList: [acg] } = await compute.getAccessControlGroupList({ vpcNo: vpc.vpcNo });
  assert.equal(acg.isDefault, true);
  // The default VPC's network ACL (what its subnets name) takes a new subnet; a block outside the VPC
  // or overlapping another subnet is refused.
  const { subnetList: [existing] } = await compute.getSubnetList({ vpcNo: '1001' });
  const subnet = { vpcNo: '1001', zoneCode: 'KR-1', subnetTypeCode: 'PRIVATE', networkAclNo: existing.networkAclNo };
  await assert.rejects(compute.createSubnet({ ...subnet, subnet: '10.9.0.0/24' }), { returnCode: '25038' });
  await assert.rejects(compute.createSubnet({ ...subnet, subnet: '10.0.1.128/25' }), { returnCode: '25038' });
  const { subnetList: [db] } = await compute.createSubnet({ ...subnet, subnet: '10.0.3.0/24', subnetName: 'db-1' });
  const { serverInstanceList: [v] } = await compute.createServerInstances({ ...net(db.subnetNo), serverImageNo: '4000001' });
  await assert.rejects(compute.deleteSubnet({ subnetNo: db.subnetNo }), { returnCode: '25035' });
  await compute.stopServerInstances({ serverInstanceNoList: [v.serverInstanceNo] });
  await compute.terminateServerInstances({ serverInstanceNoList: [v.serverInstanceNo] });
  await compute.waitForServerInstanceTerminated(v.serverInstanceNo, WAIT);
  await compute.deleteSubnet({ subnetNo: db.subnetNo });
  await compute.vpc.deleteVpc({ vpcNo: vpc.vpcNo });
  await assert.rejects(compute.vpc.getVpcDetail({ vpcNo: vpc.vpcNo }), { returnCode: '10404' });
});
