'use strict';
// The two ways the process used to die: a deeply nested answer (a recursive tree and its recursive drop
// overflowed the stack) and worker threads terminated with calls in flight (the call outlived the
// object it borrowed). Both run in a child process, whose exit code and signal are what we assert.
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { execFile } = require('node:child_process');

const ROOT = JSON.stringify(path.join(__dirname, '..'));

function runChild(script, timeout = 120000) {
  return new Promise((resolve) => {
    execFile(process.execPath, ['-e', script], { timeout, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      resolve({ code: err ? err.code : 0, signal: err ? err.signal : null, stdout, stderr });
    });
  });
}

test('a deeply nested answer is ERR_DECODE, not a crash (XML and JSON, both formats asked)', async () => {
  const script = `
    const ncloud = require(${ROOT});
    (async () => {
      const emu = await ncloud.startEmulator({ port: 0 });
      const out = [];
      for (const responseFormat of ['json', 'xml']) {
        const c = ncloud.createClient({ endpoint: emu.endpoint, accessKey: emu.accessKey, secretKey: emu.secretKey, responseFormat, maxRetries: 0 });
        for (const body of ['<a>'.repeat(1e5) + '</a>'.repeat(1e5), '['.repeat(1e5) + ']'.repeat(1e5), '{"a":'.repeat(1e5) + '1' + '}'.repeat(1e5)]) {
          emu.injectFault({ status: 200, body });
          const err = await c.compute.getRegionList().then(() => null, (e) => e);
          out.push([err && err.code, err && err.httpStatus, err && err.message.length]);
        }
      }
      console.log(JSON.stringify(out));
      await emu.close();
    })();
  `;
  const r = await runChild(script);
  assert.equal(r.signal, null, r.stderr);
  assert.equal(r.code, 0, r.stderr);
  const results = JSON.parse(r.stdout.trim());
  assert.equal(results.length, 6);
  for (const [code, status, len] of results) {
    assert.equal(code, 'ERR_DECODE');
    assert.equal(status, 200);
    assert.ok(len < 1000, `message of ${len} characters`);
  }
});

test('terminating worker threads with calls in flight never crashes the process (20 rounds)', async () => {
  const script = `
    const { Worker } = require('node:worker_threads');
    const ncloud = require(${ROOT});
    const WORKER = \`
      const { parentPort, workerData } = require('node:worker_threads');
      const ncloud = require(workerData.root);
      const c = ncloud.createClient({ endpoint: workerData.endpoint, accessKey: workerData.accessKey, secretKey: workerData.secretKey });
      (async () => {
        let told = false;
        for (;;) {
          const batch = Promise.all(Array.from({ length: 100 }, () => c.compute.getRegionList()));
          if (!told) { told = true; parentPort.postMessage('in flight'); }
          await batch;
        }
      })();
    \`;
    (async () => {
      const emu = await ncloud.startEmulator({ port: 0 });
      const workerData = { root: ${ROOT}, endpoint: emu.endpoint, accessKey: emu.accessKey, secretKey: emu.secretKey };
      for (let round = 0; round < 20; round++) {
        const workers = [0, 1].map(() => new Worker(WORKER, { eval: true, workerData }));
        await Promise.all(workers.map((w) => new Promise((resolve, reject) => { w.once('message', resolve); w.once('error', reject); })));
        await new Promise((r) => setTimeout(r, 5 + (round % 4) * 10));
        await Promise.all(workers.map((w) => w.terminate()));
      }
      console.log(JSON.stringify({ rounds: 20, served: emu.requestCount() }));
      await emu.close();
    })();
  `;
  const r = await runChild(script, 300000);
  assert.equal(r.signal, null, r.stderr);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout.trim());
  assert.equal(out.rounds, 20);
  assert.ok(out.served > 0);
});

test('workers that each run their own emulator and client, terminated mid-flight (main thread never loads the addon)', async () => {
  // The runtime is shared by every environment that loaded the addon; here each round's workers are
  // the only ones, so it is left and found again 20 times.
  const script = `
    const { Worker } = require('node:worker_threads');
    const WORKER = \`
      const { parentPort, workerData } = require('node:worker_threads');
      const ncloud = require(workerData.root);
      (async () => {
        const emu = await ncloud.startEmulator({ port: 0 });
        const c = ncloud.createClient(emu);
        let told = false;
        for (;;) {
          const batch = Promise.all(Array.from({ length: 100 }, () => c.compute.getRegionList()));
          if (!told) { told = true; parentPort.postMessage('in flight'); }
          await batch;
        }
      })();
    \`;
    (async () => {
      for (let round = 0; round < 20; round++) {
        const workers = [0, 1].map(() => new Worker(WORKER, { eval: true, workerData: { root: ${ROOT} } }));
        await Promise.all(workers.map((w) => new Promise((resolve, reject) => { w.once('message', resolve); w.once('error', reject); })));
        await new Promise((r) => setTimeout(r, 5 + (round % 4) * 10));
        await Promise.all(workers.map((w) => w.terminate()));
      }
      console.log('rounds: 20');
    })();
  `;
  const r = await runChild(script, 300000);
  assert.equal(r.signal, null, r.stderr);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.trim(), 'rounds: 20');
});
