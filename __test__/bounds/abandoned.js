'use strict';
// Rounds (argv[3], default 40) of two worker threads, each starting CALLS (default 1,000) calls to an
// emulator in another process and terminated while they are in flight (80,000 calls abandoned in all):
// the resident memory of this process before and after (after a GC). Run with --expose-gc. Prints JSON.
const { Worker } = require('node:worker_threads');
const { spawn } = require('node:child_process');
const ROOT = process.argv[2];
const ROUNDS = Number(process.argv[3] || 40);
const CALLS = Number(process.env.CALLS ?? 1000);
const WORKER = `
  const { parentPort, workerData } = require('node:worker_threads');
  const ncloud = require(workerData.root);
  const c = ncloud.createClient(workerData.target);
  for (let i = 0; i < workerData.calls; i++) c.compute.getServerImageList().catch(() => {});
  parentPort.postMessage('in flight');
`;
const mib = (n) => Math.round(n / 2 ** 20);
(async () => {
  const child = spawn(process.execPath, [ROOT + '/bin/ncloud-emulator.js', '--port', '0', '--json', '--quiet'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const target = JSON.parse(await new Promise((r) => child.stdout.once('data', (d) => r(String(d)))));
  require(ROOT);
  const round = async () => {
    const workers = [0, 1].map(() => new Worker(WORKER, { eval: true, workerData: { root: ROOT, target, calls: CALLS } }));
    await Promise.all(workers.map((w) => new Promise((resolve, reject) => { w.once('message', resolve); w.once('error', reject); })));
    await new Promise((r) => setTimeout(r, 20));
    await Promise.all(workers.map((w) => w.terminate()));
  };
  await round();
  global.gc();
  await new Promise((r) => setTimeout(r, 500));
  const before = process.memoryUsage.rss();
  for (let i = 0; i < ROUNDS; i++) await round();
  await new Promise((r) => setTimeout(r, 2000));
  global.gc();
  await new Promise((r) => setTimeout(r, 500));
  console.log(JSON.stringify({ rounds: ROUNDS, abandonedCalls: ROUNDS * 2 * CALLS, rssBeforeMiB: mib(before), rssAfterMiB: mib(process.memoryUsage.rss()) }));
  child.kill();
  process.exit(0);
})();
