'use strict';
// The emulator refuses to delete an image while it is still being created (Classic member server
// images, VPC member server image instances and VPC server images): NCP deletes an image once its
// creation has ended. The refusal is the emulator's busy-image code 25033 (NCP publishes none for it).
// Waiting with the waiter, then deleting, works.
const test = require('node:test');
const assert = require('node:assert/strict');
const { emulator, client } = require('./helpers');

const WAIT = { minDelayMs: 10, maxDelayMs: 40, timeoutMs: 20_000 };

test('a VPC server image and a member server image instance: no delete while creating, then deleted', async (t) => {
  // Creation lasts until the test shortens it (no timing assumption): settings apply to pending steps.
  const emu = await emulator({ createDelayMs: 600_000, deleteDelayMs: 20 });
  t.after(() => emu.close());
  const c = client(emu);

  const img = (await c.compute.createServerImage({ serverInstanceNo: '1000001', serverImageName: 'still-creating' })).serverImageList[0];
  const refused = await c.compute.deleteServerImage({ serverImageNoList: [img.serverImageNo] }).catch((e) => e);
  assert.equal(refused.code, 'ERR_API');
  assert.equal(refused.returnCode, '25033');
  assert.match(refused.message, /still being created/);
  emu.configure({ createDelayMs: 0 });
  await c.compute.waitForServerImage(img.serverImageNo, WAIT);
  const deleted = await c.compute.deleteServerImage({ serverImageNoList: [img.serverImageNo] });
  assert.equal(deleted.serverImageList[0].serverImageStatusName, 'terminating');

  emu.configure({ createDelayMs: 600_000 });
  const m = (await c.compute.createMemberServerImageInstance({ serverInstanceNo: '1000001' })).memberServerImageInstanceList[0];
  const no = m.memberServerImageInstanceNo;
  await assert.rejects(c.compute.deleteMemberServerImageInstances({ memberServerImageInstanceNoList: [no] }), { returnCode: '25033', message: /still being created/ });
  emu.configure({ createDelayMs: 0 });
  await c.compute.waitForMemberServerImageInstance(no, WAIT);
  await c.compute.deleteMemberServerImageInstances({ memberServerImageInstanceNoList: [no] });
  assert.equal(await c.compute.waitForMemberServerImageInstanceDeleted(no, WAIT), null);
});

test('a Classic member server image: no delete while creating, then deleted', async (t) => {
  const emu = await emulator({ createDelayMs: 600_000, deleteDelayMs: 20 });
  t.after(() => emu.close());
  const c = client(emu);
  const servers = (await c.compute.classic.getServerInstanceList()).serverInstanceList;
  const server = servers.find((s) => s.serverInstanceStatus.code === 'NSTOP') ?? servers[0];
  const img = (await c.compute.classic.createMemberServerImage({ serverInstanceNo: server.serverInstanceNo, memberServerImageName: 'still-creating' })).memberServerImageList[0];
  const refused = await c.compute.classic.deleteMemberServerImages({ memberServerImageNoList: [img.memberServerImageNo] }).catch((e) => e);
  assert.equal(refused.returnCode, '25033');
  assert.match(refused.message, /still being created/);
  // Its creation ends at the next request once the delay is gone; then the same delete is accepted.
  emu.configure({ createDelayMs: 0 });
  const { memberServerImageList } = await c.compute.classic.getMemberServerImageList({ memberServerImageNoList: [img.memberServerImageNo] });
  assert.equal(memberServerImageList[0].memberServerImageStatusName, 'created');
  const deleted = await c.compute.classic.deleteMemberServerImages({ memberServerImageNoList: [img.memberServerImageNo] });
  assert.equal(deleted.memberServerImageList[0].memberServerImageStatusName, 'terminating');
});
