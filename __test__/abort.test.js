'use strict';
// Cancellation: every method takes `{ signal }` as its second argument; aborting rejects with an
// AbortError and drops the request in the Rust core, which the emulator sees as a closed connection.
const test = require('node:test');
const assert = require('node:assert/strict');
const { ncloud, emulator, client, sleep } = require('./helpers');

/** Waits (bounded) until `check()` is true; fails the test when it never is. */
async function until(check, what, limitMs = 10000) {
  const end = Date.now() + limitMs;
  while (!check()) {
    if (Date.now() > end) assert.fail(`never happened: ${what}`);
    await sleep(10);
  }
}

function isAbortError(err) {
  assert.equal(err.name, 'AbortError');
  assert.equal(err.code, 'ABORT_ERR');
  assert.ok(err instanceof ncloud.AbortError);
  assert.ok(err instanceof ncloud.NcloudError);
  assert.equal(err.retryable, false);
  return true;
}

test('aborting a call in flight rejects with AbortError and closes the connection on the server', async (t) => {
  const emu = await emulator();
  t.after(() => emu.close());
  const c = client(emu);
  // The emulator holds the answer for 30 s: only an abort ends the call before that.
  emu.injectFault({ action: 'getServerImageList', status: 200, body: '{}', contentType: 'json', delayMs: 30000 });
  const ac = new AbortController();
  const call = c.compute.getServerImageList({}, { signal: ac.signal });
  await until(() => emu.requestCount() === 1, 'the request reached the emulator');
  assert.equal(emu.stats().abandoned, 0);
  ac.abort();
  await assert.rejects(call, (err) => isAbortError(err) && err.action === 'getServerImageList');
  // The core dropped the request: the emulator's handler was dropped before it answered.
  await until(() => emu.stats().abandoned === 1, 'the emulator saw the connection close');
  assert.deepEqual(c._inFlight(), [0, 0]);
  // The client still works afterwards.
  assert.equal((await c.compute.getRegionList()).returnCode, '0');
});

test('an already aborted signal sends nothing, with a promise and with a callback', async (t) => {
  const emu = await emulator();
  t.after(() => emu.close());
  const c = client(emu);
  const reason = new Error('user went away');
  const signal = AbortSignal.abort(reason);
  await assert.rejects(c.compute.getRegionList(undefined, { signal }), (err) => isAbortError(err) && err.cause === reason);
  await assert.rejects(c.compute.createServerImage({ serverInstanceNo: '1000001', serverImageName: 'never-sent' }, { signal }), isAbortError);
  let calls = 0;
  let got;
  c.compute.findPrivateImages(undefined, { signal }, (err, result) => {
    calls += 1;
    got = [err, result];
  });
  await until(() => calls === 1, 'the callback ran');
  isAbortError(got[0]);
  assert.equal(got[1], null);
  await sleep(50);
  assert.equal(calls, 1);
  assert.equal(emu.requestCount(), 0);
  assert.deepEqual(c._inFlight(), [0, 0]);
});

test('aborting stops the retry loop during its back-off', async (t) => {
  const emu = await emulator();
  t.after(() => emu.close());
  // Every attempt fails with NCP's "try again later"; back-off of 300-600 ms, then 600-1200 ms ...
  const c = client(emu, 'json', { maxRetries: 5, retryBaseDelay: 600 });
  emu.injectFault({ action: 'getZoneList', count: 100, status: 500 });
  const ac = new AbortController();
  const call = c.compute.getZoneList(undefined, { signal: ac.signal });
  await until(() => emu.requestCount() === 1, 'the first attempt was answered');
  ac.abort();
  await assert.rejects(call, isAbortError);
  // Without cancellation the second attempt would come within 600 ms.
  await sleep(1500);
  assert.equal(emu.requestCount(), 1, 'no attempt after the abort');
  assert.deepEqual(c._inFlight(), [0, 0]);
});

test('each call settles exactly once, whether the abort comes before or after the answer', async (t) => {
  const emu = await emulator();
  t.after(() => emu.close());
  const c = client(emu);
  const settled = new Map();
  const count = (i) => settled.set(i, (settled.get(i) ?? 0) + 1);
  const controllers = [];
  const promises = [];
  for (let i = 0; i < 60; i++) {
    const ac = new AbortController();
    controllers.push(ac);
    if (i % 2 === 0) {
      promises.push(c.compute.getServerImageProductList(undefined, { signal: ac.signal }).then(() => count(i), () => count(i)));
    } else {
      promises.push(
        new Promise((resolve) => {
          c.compute.getServerImageProductList({}, { signal: ac.signal }, () => {
            count(i);
            resolve();
          });
        }),
      );
    }
  }
  // Abort a third of them at once, another third after they settled (a no-op), and not the rest.
  controllers.forEach((ac, i) => i % 3 === 0 && ac.abort());
  await Promise.all(promises);
  controllers.forEach((ac, i) => i % 3 === 1 && ac.abort());
  await sleep(100);
  assert.equal(settled.size, 60);
  assert.ok([...settled.values()].every((n) => n === 1), 'no call settled twice');
  assert.deepEqual(c._inFlight(), [0, 0]);
});

test('options are the second argument and are checked', async (t) => {
  const emu = await emulator();
  t.after(() => emu.close());
  const c = client(emu);
  await assert.rejects(c.compute.getRegionList(undefined, { signal: 'stop' }), { code: 'ERR_VALIDATION', message: /AbortSignal/ });
  await assert.rejects(c.compute.getRegionList({}, { timout: 5 }), { code: 'ERR_VALIDATION', message: /^Invalid options : timout \(did you mean 'timeout'\?\)/ });
  // A second argument that is neither options nor a function is refused at once (issue 7: a mistaken
  // callback must not become an unhandled rejection).
  assert.throws(() => c.compute.getRegionList({}, 'fast'), { code: 'ERR_VALIDATION' });
  const [err] = await new Promise((resolve) => c.compute.getRegionList({}, { colour: 1 }, (...a) => resolve(a)));
  assert.equal(err.code, 'ERR_VALIDATION');
  // Without a signal, and with a live one, calls work as before.
  assert.equal((await c.compute.getRegionList(undefined, {})).returnCode, '0');
  assert.equal((await c.compute.getRegionList({}, { signal: new AbortController().signal })).returnCode, '0');
  assert.equal(emu.requestCount(), 2);
});

test('a waiter takes the same signal: aborting ends the wait between polls', async (t) => {
  const emu = await emulator({ createDelayMs: 60000 });
  t.after(() => emu.close());
  const c = client(emu);
  const img = (await c.compute.createServerImage({ serverInstanceNo: '1000001', serverImageName: 'slow-one' })).serverImageList[0];
  const ac = new AbortController();
  const polls = [];
  const wait = c.compute.waitForServerImage(img.serverImageNo, {
    minDelayMs: 20,
    maxDelayMs: 40,
    signal: ac.signal,
    onPoll: (p) => {
      polls.push(p);
      if (p.attempt === 3) ac.abort();
    },
  });
  await assert.rejects(wait, (err) => isAbortError(err) && err.action === 'getServerImageDetail');
  assert.equal(polls.length, 3);
  const before = emu.requestCount();
  await sleep(200);
  assert.equal(emu.requestCount(), before, 'no poll after the abort');
});

test('one signal shared by many calls in flight: no listener leak warning, all abort together', async (t) => {
  const emu = await emulator();
  t.after(() => emu.close());
  const c = client(emu);
  const warnings = [];
  const onWarning = (w) => warnings.push(w);
  process.on('warning', onWarning);
  t.after(() => process.off('warning', onWarning));
  const shared = new AbortController();
  // 40 calls that complete, then 40 held by the emulator and aborted together.
  await Promise.all(Array.from({ length: 40 }, () => c.compute.getRegionList(undefined, { signal: shared.signal })));
  emu.injectFault({ action: 'getZoneList', count: 40, status: 200, body: '{}', contentType: 'json', delayMs: 30000 });
  const held = Array.from({ length: 40 }, () => c.compute.getZoneList(undefined, { signal: shared.signal }));
  await until(() => emu.requestCount() === 80, 'the held requests reached the emulator');
  shared.abort();
  const results = await Promise.allSettled(held);
  assert.ok(results.every((r) => r.status === 'rejected' && r.reason.code === 'ABORT_ERR'));
  await until(() => emu.stats().abandoned === 40, 'the emulator saw 40 connections close');
  await sleep(20);
  assert.deepEqual(warnings.map((w) => w.name), []);
  assert.deepEqual(c._inFlight(), [0, 0]);
});
