'use strict';
// What the bounds tests (issue 14) share: child-process scripts, loopback servers, polling with a bound.
const http = require('node:http');
const path = require('node:path');
const { execFile } = require('node:child_process');
const { ncloud } = require('../helpers');
const ROOT = path.join(__dirname, '..', '..');
const script = (name) => path.join(__dirname, name);

/** Runs a script of __test__/bounds with `node [flags] script ROOT ...args`, optionally under `ulimit -n`. */
function runScript(name, { args = [], flags = [], ulimit, timeout = 240000 } = {}) {
  const node = [process.execPath, ...flags, script(name), ROOT, ...args.map(String)];
  const [cmd, argv] = ulimit ? ['bash', ['-c', `ulimit -n ${ulimit}; exec "$@"`, 'bash', ...node]] : [node[0], node.slice(1)];
  return new Promise((resolve) => {
    execFile(cmd, argv, { timeout, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      const code = err ? err.code : 0;
      let out = null;
      try {
        out = JSON.parse(stdout.trim().split('\n').pop());
      } catch {
        // asserted below with the output
      }
      resolve({ code, signal: err ? err.signal : null, out, stdout, stderr });
    });
  });
}

function listen(server, host = '127.0.0.1') {
  return new Promise((resolve) => server.listen(0, host, () => resolve(server.address().port)));
}

/** Polls `check` until it holds, for at most a minute (a bound on a hang, not an asserted duration). */
async function eventually(what, check) {
  for (let i = 0; i < 3000; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`never happened: ${what}`);
}

const REGIONS = JSON.stringify({ getRegionListResponse: { totalRows: 1, regionList: [{ regionCode: 'KR', regionName: 'Korea' }], requestId: 'r', returnCode: '0', returnMessage: 'success' } });

/**
 * A loopback server answering every request with `REGIONS` after `delayMs`, counting connections and
 * requests, and who closed each connection: the client (its FIN came first) or the server (its
 * keep-alive time, Node's default 5 s, ran out first).
 */
async function slowServer(t, delayMs = 0) {
  const stats = { open: 0, maxOpen: 0, opened: 0, closedByClient: 0, closedByServer: 0, inFlight: 0, maxInFlight: 0, requests: 0, held: [], paths: [] };
  const server = http.createServer((req, res) => {
    stats.requests += 1;
    stats.paths.push(`${Date.now()} ${req.method} ${req.url}`);
    stats.inFlight += 1;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    req.resume();
    const answer = () => {
      stats.inFlight -= 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(REGIONS);
    };
    if (delayMs === Infinity) {
      stats.held.push(res);
      res.on('close', () => { if (!res.writableEnded) stats.inFlight -= 1; });
    } else setTimeout(answer, delayMs);
  });
  server.on('connection', (sock) => {
    stats.opened += 1;
    stats.open += 1;
    stats.maxOpen = Math.max(stats.maxOpen, stats.open);
    let ended = false;
    sock.on('end', () => {
      if (!ended) stats.closedByClient += 1;
      ended = true;
    });
    sock.on('timeout', () => {
      if (!ended) stats.closedByServer += 1;
      ended = true;
    });
    sock.on('close', () => (stats.open -= 1));
  });
  const port = await listen(server);
  t.after(() => {
    server.closeAllConnections();
    server.close();
  });
  return { stats, endpoint: `http://127.0.0.1:${port}` };
}

const remote = (endpoint, extra = {}) => ncloud.createClient({ endpoint, accessKey: 'a', secretKey: 'b', ...extra });


module.exports = { ROOT, runScript, listen, eventually, REGIONS, slowServer, remote };
