'use strict';
// The emulator as a Classic cloud, through the client: servers, block storage, public IPs and NAS
// volumes moving on the emulator's timers, followed by the Classic waiters (compute.classic.waitFor…).
const test = require('node:test');
const assert = require('node:assert/strict');
const { emulator, client } = require('./helpers');

const FAST = { minDelayMs: 20, maxDelayMs: 100, timeoutMs: 30000 };

test('a Classic server is waited for until running, stopped and terminated', { timeout: 60000 }, async (t) => {
  const emu = await emulator({ createDelayMs: 60, deleteDelayMs: 60, fixture: { settings: { operationDelayMs: 60 } } });
  t.after(() => emu.close());
  const { classic } = client(emu).compute;
  const { serverInstanceList: [made] } = await classic.createServerInstances({
    serverImageProductCode: 'SPSW0LINUX000046',
    serverName: 'wait-1',
    userData: '#!/bin/sh\necho hello',
  });
  assert.equal(made.serverInstanceStatus.code, 'INIT');
  const seen = [];
  const running = await classic.waitForServerInstanceRunning(made.serverInstanceNo, {
    ...FAST,
    onPoll: ({ status, operation }) => seen.push(`${status}/${operation}`),
  });
  assert.equal(running.serverInstanceStatusName, 'running');
  assert.equal(seen.at(-1), 'RUN/NULL');
  // userData went base64-encoded on the wire and is kept as sent.
  assert.equal(Buffer.from(running.userData, 'base64').toString(), '#!/bin/sh\necho hello');
  await assert.rejects(classic.terminateServerInstances({ serverInstanceNoList: [made.serverInstanceNo] }), (err) => err.returnCode === '25013');
  await classic.stopServerInstances({ serverInstanceNoList: [made.serverInstanceNo] });
  const stopped = await classic.waitForServerInstanceStopped(made.serverInstanceNo, FAST);
  assert.equal(stopped.serverInstanceStatus.code, 'NSTOP');
  // A stopped server will not run by itself: the waiter says so instead of polling until its timeout.
  await assert.rejects(classic.waitForServerInstanceRunning(made.serverInstanceNo, FAST), (err) => err.code === 'ERR_API' && /will not be running/.test(err.message));
  await classic.terminateServerInstances({ serverInstanceNoList: [made.serverInstanceNo] });
  assert.equal(await classic.waitForServerInstanceTerminated(made.serverInstanceNo, FAST), null);
});

test('block storage, public IP and NAS waiters, and an abortable wait', { timeout: 60000 }, async (t) => {
  const emu = await emulator({ createDelayMs: 60, deleteDelayMs: 60, fixture: { settings: { operationDelayMs: 60 } } });
  t.after(() => emu.close());
  const { classic } = client(emu).compute;
  const { blockStorageInstanceList: [bs] } = await classic.createBlockStorageInstance({ serverInstanceNo: '492964', blockStorageSize: 20 });
  const attached = await classic.waitForBlockStorageInstanceAttached(bs.blockStorageInstanceNo, FAST);
  assert.equal(attached.serverInstanceNo, '492964');
  await classic.detachBlockStorageInstances({ blockStorageInstanceNoList: [bs.blockStorageInstanceNo] });
  const detached = await classic.waitForBlockStorageInstanceDetached(bs.blockStorageInstanceNo, FAST);
  assert.equal(detached.blockStorageInstanceStatus.code, 'CREAT');
  assert.equal(detached.serverInstanceNo, undefined);

  const { publicIpInstanceList: [ip] } = await classic.createPublicIpInstance({ serverInstanceNo: '491049' });
  const usable = await classic.waitForPublicIpInstance(ip.publicIpInstanceNo, FAST);
  assert.equal(usable.publicIpInstanceStatus.code, 'USED');
  assert.equal(usable.serverInstanceAssociatedWithPublicIp.serverInstanceNo, '491049');
  await assert.rejects(classic.deletePublicIpInstances({ publicIpInstanceNoList: [ip.publicIpInstanceNo] }), (err) => err.returnCode === '25035');

  const { nasVolumeInstanceList: [nas] } = await classic.createNasVolumeInstance({
    volumeName: 'waited1',
    volumeSize: 500,
    volumeAllotmentProtocolTypeCode: 'NFS',
    serverInstanceNoList: ['492964'],
  });
  const ready = await classic.waitForNasVolumeInstance(nas.nasVolumeInstanceNo, FAST);
  assert.equal(ready.nasVolumeInstanceStatusName, 'created');
  assert.equal(ready.nasVolumeServerInstanceList[0].serverInstanceNo, '492964');

  // A waiter is aborted by its signal, in a poll or between polls.
  await emu.configure({ createDelayMs: 60000 });
  const { nasVolumeInstanceList: [slow] } = await classic.createNasVolumeInstance({ volumeName: 'slow1', volumeSize: 500, volumeAllotmentProtocolTypeCode: 'NFS' });
  const ac = new AbortController();
  const pending = classic.waitForNasVolumeInstance(slow.nasVolumeInstanceNo, { ...FAST, signal: ac.signal, onPoll: () => ac.abort() });
  await assert.rejects(pending, (err) => err.name === 'AbortError');
});
