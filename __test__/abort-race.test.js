'use strict';
// An abort before a call's promise settles rejects it with an AbortError, whatever the core did
// (issue 21, item 1), as `fetch` does: the answer may be in, its settlement queued for the JavaScript
// thread, when the caller aborts right after the call.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFile } = require('node:child_process');
const { ncloud, emulator, client } = require('./helpers');
const { readmeBlocks } = require('./readme-blocks');

function isAbortError(err) {
  return err instanceof ncloud.NcloudError && err.name === 'AbortError' && err.code === 'ABORT_ERR';
}

/** Holds the JavaScript thread until the core has no request in flight (its answer is in), bounded. */
function holdUntilAnswered(c, limitMs = 3000) {
  const end = Date.now() + limitMs;
  while (c._inFlight()[0] !== 0 && Date.now() < end) {
    // The core runs on its own threads: the answer arrives while this thread is held.
  }
}

/** How each of `calls` settled: 'abort', 'resolved', or the error's code. */
async function outcomes(calls) {
  const out = { abort: 0, resolved: 0, other: [] };
  for (const r of await Promise.allSettled(calls)) {
    if (r.status === 'fulfilled') out.resolved += 1;
    else if (isAbortError(r.reason)) out.abort += 1;
    else out.other.push(r.reason && r.reason.code);
  }
  return out;
}

test('abort right after the call: 300 tries, every one rejects with an AbortError', async (t) => {
  const emu = await emulator();
  t.after(() => emu.close());
  const c = client(emu);
  const calls = [];
  for (let i = 0; i < 300; i++) {
    const ac = new AbortController();
    const p = c.compute.getRegionList(undefined, { signal: ac.signal });
    ac.abort();
    calls.push(p);
    // One at a time, as the loop: the next call starts once this one settled.
    await p.catch(() => {});
  }
  assert.deepEqual(await outcomes(calls), { abort: 300, resolved: 0, other: [] });
  assert.deepEqual(c._inFlight(), [0, 0]);
});

test('abort after the answer is in but before the promise settled: rejected (every call surface)', async (t) => {
  const emu = await emulator();
  t.after(() => emu.close());
  const c = client(emu);
  // Each surface that takes a signal: an action's method, an old 0.1.x method (its result shaped after
  // the call), a waiter (its loop after the poll), and a client with an emulator of its own.
  const own = ncloud.createClient({ emulator: true });
  t.after(() => own.close());
  await own.compute.getRegionList();
  const image = (await c.compute.createServerImage({ serverInstanceNo: '1000001', serverImageName: 'race-one' })).serverImageList[0];
  await c.compute.waitForServerImage(image.serverImageNo, { minDelayMs: 20 });
  const surfaces = {
    action: (signal) => c.compute.getRegionList(undefined, { signal }),
    'old method': (signal) => c.compute.findZones(undefined, { signal }),
    waiter: (signal) => c.compute.waitForServerImage(image.serverImageNo, { signal }),
    'own emulator': (signal) => own.compute.getZoneList(undefined, { signal }),
  };
  for (const [name, call] of Object.entries(surfaces)) {
    const calls = [];
    for (let i = 0; i < 30; i++) {
      const ac = new AbortController();
      const p = call(ac.signal);
      holdUntilAnswered(name === 'own emulator' ? own : c);
      ac.abort();
      calls.push(p);
      await p.catch(() => {});
    }
    assert.deepEqual(await outcomes(calls), { abort: 30, resolved: 0, other: [] }, name);
  }
  // A call that settled before the abort keeps its result (a later abort changes nothing).
  const ac = new AbortController();
  const done = await c.compute.getRegionList(undefined, { signal: ac.signal });
  ac.abort();
  assert.equal(done.returnCode, '0');
});

test("the README's cancel example prints its AbortError on every run, eight runs at once", async (t) => {
  const block = readmeBlocks().find((b) => b.lang === 'js' && b.code.includes('Cancel a call'));
  assert.ok(block, 'the README has the cancel example');
  // Inside the package, so that require('ncloud-client') finds it by its own name.
  const dir = fs.mkdtempSync(path.join(__dirname, '.readme-abort-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'cancel.cjs');
  fs.writeFileSync(file, block.code);
  const runs = await Promise.all(
    Array.from(
      { length: 8 },
      () =>
        new Promise((resolve) => {
          execFile(process.execPath, [file], { timeout: 120_000, env: { ...process.env, HOME: os.tmpdir() } }, (err, stdout, stderr) =>
            resolve({ code: err ? err.code : 0, stdout, stderr }),
          );
        }),
    ),
  );
  for (const r of runs) {
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^aborted AbortError ABORT_ERR$/m, r.stdout);
  }
});
