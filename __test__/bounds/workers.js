'use strict';
// Rounds (argv[3], default 20) of two worker threads, each with 100 calls in flight to a server that
// never answers, terminated mid-call: how many descriptors the process holds 1 s after the last worker
// ended. Prints one line of JSON.
const fs = require('node:fs');
const net = require('node:net');
const { Worker } = require('node:worker_threads');

const ROOT = process.argv[2];
const ROUNDS = Number(process.argv[3] || 20);
const fds = () => fs.readdirSync('/proc/self/fd').length;
const WORKER = `
  const { parentPort, workerData } = require('node:worker_threads');
  const ncloud = require(workerData.root);
  const c = ncloud.createClient({ endpoint: workerData.endpoint, accessKey: 'a', secretKey: 'b' });
  for (let i = 0; i < 100; i++) c.compute.getRegionList().catch(() => {});
  parentPort.postMessage('in flight');
`;

(async () => {
  require(ROOT); // the addon loaded by the main thread too, as in an application
  // Accepts, reads, never answers; closes its side when the client closes its own.
  const sockets = new Set();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('data', () => {});
    s.on('error', () => {});
    s.on('close', () => sockets.delete(s));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const endpoint = `http://127.0.0.1:${server.address().port}`;
  const before = fds();
  let maxFds = before;
  for (let round = 0; round < ROUNDS; round++) {
    const workers = [0, 1].map(() => new Worker(WORKER, { eval: true, workerData: { root: ROOT, endpoint } }));
    await Promise.all(workers.map((w) => new Promise((resolve, reject) => { w.once('message', resolve); w.once('error', reject); })));
    // Let the requests reach the server.
    await new Promise((r) => setTimeout(r, 200));
    maxFds = Math.max(maxFds, fds());
    await Promise.all(workers.map((w) => w.terminate()));
  }
  await new Promise((r) => setTimeout(r, 1000));
  console.log(JSON.stringify({ rounds: ROUNDS, fdsBefore: before, maxFds, fdsAfter: fds(), serverSocketsOpen: sockets.size }));
  process.exit(0);
})();
