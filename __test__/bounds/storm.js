'use strict';
// 2,000 (argv[3]) concurrent calls to a slow loopback server, in a process that `ulimit -n 1024` leaves
// few descriptors: how many calls fail, whether the process can still read a file and start a Worker
// during and after, and the most descriptors seen open. Prints one line of JSON.
const fs = require('node:fs');
const http = require('node:http');
const { Worker } = require('node:worker_threads');
const ncloud = require(process.argv[2]);

const CALLS = Number(process.argv[3] || 2000);
const BODY = JSON.stringify({ getRegionListResponse: { totalRows: 1, regionList: [{ regionCode: 'KR', regionName: 'Korea' }], requestId: 'r', returnCode: '0', returnMessage: 'success' } });
/** Descriptors open, or -1 when even listing them fails (EMFILE). */
function fds() {
  try {
    return fs.readdirSync('/proc/self/fd').length;
  } catch {
    return -1;
  }
}

function workerStarts() {
  return new Promise((resolve) => {
    let w;
    try {
      w = new Worker('require("node:worker_threads").parentPort.postMessage(1)', { eval: true });
    } catch (err) {
      resolve(`threw ${err.code || err.message}`);
      return;
    }
    w.once('message', () => resolve('ok'));
    w.once('error', (err) => resolve(`error ${err.code || err.message}`));
  });
}

(async () => {
  const server = http.createServer((req, res) => {
    req.resume();
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(BODY);
    }, 100);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const endpoint = `http://127.0.0.1:${server.address().port}`;
  const client = ncloud.createClient({ endpoint, accessKey: 'a', secretKey: 'b' });
  let maxFds = fds();
  let fdListFailures = 0;
  let readFailures = 0;
  let reads = 0;
  const probe = setInterval(() => {
    const n = fds();
    if (n < 0) fdListFailures += 1;
    maxFds = Math.max(maxFds, n);
    reads += 1;
    try {
      fs.readFileSync(__filename);
    } catch {
      readFailures += 1;
    }
  }, 20);
  const calls = Array.from({ length: CALLS }, () => client.compute.getRegionList().then(() => null, (e) => e));
  // A Worker started while the calls are in flight.
  const workerDuring = await workerStarts();
  const results = await Promise.all(calls);
  clearInterval(probe);
  const errors = results.filter(Boolean);
  let readAfter = 'ok';
  try {
    fs.readFileSync(__filename);
  } catch (err) {
    readAfter = err.code;
  }
  const workerAfter = await workerStarts();
  console.log(JSON.stringify({
    calls: CALLS,
    ok: results.length - errors.length,
    failed: errors.length,
    firstError: errors[0] ? `${errors[0].code}: ${errors[0].message}` : null,
    reads,
    readFailuresDuring: readFailures,
    readAfter,
    workerDuring,
    workerAfter,
    maxFds,
    fdListFailures,
  }));
  await client.close();
  server.close();
  server.closeAllConnections();
})();
