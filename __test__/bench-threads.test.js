'use strict';
// `npm run bench -- peers` splits a client's CPU by thread (bench/peers/threads.js) to show where a
// call's cost lies: the JavaScript thread, the core's runtime workers, and helpers. The split must put
// work where it ran.
const test = require('node:test');
const assert = require('node:assert');
const { Worker } = require('node:worker_threads');
const { cpuByThread, since } = require('../bench/peers/threads');

const linux = process.platform === 'linux';

test('the bench counts the JavaScript thread\'s work as the JavaScript thread\'s', { skip: !linux && 'reads /proc (Linux only)' }, () => {
  const before = cpuByThread();
  const until = process.cpuUsage().user + 150_000;
  let x = 0;
  while (process.cpuUsage().user < until) x += Math.sqrt(x + 1);
  const d = since(before, cpuByThread());
  assert.ok(d.main > 0.1, `main thread: ${d.main} s`);
  assert.ok(d.main > 5 * d.helpers, `main ${d.main} s, helpers ${d.helpers} s`);
  assert.strictEqual(d.runtime, 0);
});

test('the bench counts another thread\'s work as a helper\'s', { skip: !linux && 'reads /proc (Linux only)' }, async () => {
  const before = cpuByThread();
  const hold = new Int32Array(new SharedArrayBuffer(4));
  // The worker spins, reports, and waits until the reading is taken (a thread that ended is not listed).
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
     const t = process.cpuUsage().user + 150000; let x = 0;
     while (process.cpuUsage().user < t) x += Math.sqrt(x + 1);
     parentPort.postMessage(x > 0);
     Atomics.wait(workerData, 0, 0);`,
    { eval: true, workerData: hold },
  );
  const d = await new Promise((resolve, reject) => {
    worker.once('message', () => resolve(since(before, cpuByThread())));
    worker.once('error', reject);
  });
  Atomics.store(hold, 0, 1);
  Atomics.notify(hold, 0);
  await new Promise((resolve) => worker.once('exit', resolve));
  assert.ok(d.helpers > 0.1, `helpers: ${d.helpers} s`);
});

test('the bench has no split where /proc is missing', () => {
  assert.strictEqual(cpuByThread(0x7fffffff), null);
  assert.strictEqual(since(null, null), null);
});
