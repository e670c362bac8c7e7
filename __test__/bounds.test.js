'use strict';
// Bounded under load (issue 14): connections, the idle pool and close(), proxies, pinned certificates,
// the emulator's lifetime, paginators that stop, the client-wide answer budget, signed parameters, and
// the smaller input checks. What could exhaust the host runs in a child process (scripts in
// __test__/bounds/, which print what they measured as JSON) whose output and exit are asserted.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const http = require('node:http');
const https = require('node:https');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { execFile, execFileSync } = require('node:child_process');
const { ncloud, emulator, client } = require('./helpers');

const ROOT = path.join(__dirname, '..');
const script = (name) => path.join(__dirname, 'bounds', name);

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

/** A loopback server answering every request with `REGIONS` after `delayMs`, counting connections and requests. */
async function slowServer(t, delayMs = 0) {
  const stats = { open: 0, maxOpen: 0, inFlight: 0, maxInFlight: 0, requests: 0, held: [], paths: [] };
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
    stats.open += 1;
    stats.maxOpen = Math.max(stats.maxOpen, stats.open);
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

// ---------------------------------------------------------------------------------------------
// Connections

test('ulimit -n 1024: 2,000 concurrent calls to a slow loopback server all succeed, and the process can still read files', { timeout: 240000 }, async () => {
  const r = await runScript('storm.js', { args: [2000], ulimit: 1024 });
  assert.equal(r.signal, null, r.stderr);
  assert.equal(r.code, 0, r.stderr);
  const o = r.out;
  assert.ok(o, r.stdout);
  assert.equal(o.ok, 2000, o.firstError);
  assert.equal(o.failed, 0);
  assert.equal(o.readFailuresDuring, 0, 'fs.readFileSync during the calls');
  assert.equal(o.fdListFailures, 0);
  assert.equal(o.readAfter, 'ok', 'fs.readFileSync after the calls');
  assert.equal(o.workerDuring, 'ok', 'a Worker starts during the calls');
  assert.equal(o.workerAfter, 'ok');
  assert.ok(o.maxFds < 1024 / 2, `${o.maxFds} descriptors open at most`);
});

test('20 rounds of terminated workers against a server that never answers leave fewer than 100 descriptors', { timeout: 240000 }, async () => {
  const r = await runScript('workers.js', { args: [20] });
  assert.equal(r.signal, null, r.stderr);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(r.out, r.stdout);
  assert.ok(r.out.fdsAfter < 100, `${r.out.fdsAfter} descriptors open 1 s after the last worker ended`);
  assert.equal(r.out.serverSocketsOpen, 0, 'every connection of the terminated workers was closed');
});

test('80,000 calls abandoned by terminated workers: resident memory stays bounded', { timeout: 300000 }, async () => {
  const r = await runScript('abandoned.js', { args: [40], flags: ['--expose-gc'] });
  assert.equal(r.signal, null, r.stderr);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(r.out, r.stdout);
  // Before the calls were closed with their worker's environment: 82 -> 633 MiB in the same run.
  const growth = r.out.rssAfterMiB - r.out.rssBeforeMiB;
  assert.ok(growth < 200, `RSS ${r.out.rssBeforeMiB} -> ${r.out.rssAfterMiB} MiB`);
});

test('maxSockets: calls beyond it wait their turn; the server never sees more requests at once', async (t) => {
  const { stats, endpoint } = await slowServer(t, 30);
  const c = remote(endpoint, { maxSockets: 3 });
  const results = await Promise.all(Array.from({ length: 30 }, () => c.compute.getRegionList()));
  assert.equal(results.length, 30);
  assert.ok(results.every((r) => r.totalRows === 1));
  assert.equal(stats.requests, 30);
  assert.ok(stats.maxInFlight <= 3, `${stats.maxInFlight} requests at once`);
  assert.ok(stats.maxInFlight >= 1);
  await c.close();
});

test('a call waiting for a connection times out within its own deadline, sending nothing', async (t) => {
  const { stats, endpoint } = await slowServer(t, Infinity);
  const c = remote(endpoint, { maxSockets: 1, timeout: 60000, maxRetries: 0 });
  const first = c.compute.getRegionList().catch((e) => e);
  await eventually('the first request arrived', () => stats.requests === 1);
  // The same client: its one slot is held by the first call.
  const sameClientSecond = c.compute.getZoneList();
  const err = await Promise.race([sameClientSecond.catch((e) => e), new Promise((r) => setTimeout(() => r(null), 1000))]);
  assert.equal(err, null, 'the second call of the same client is still waiting');
  assert.equal(stats.requests, 1, 'nothing of the second call was sent');
  await c.close();
  assert.equal((await first).code, 'ERR_CLIENT_CLOSED');
  const second = await sameClientSecond.catch((e) => e);
  assert.equal(second.code, 'ERR_CLIENT_CLOSED');
  assert.equal(stats.requests, 1, `nothing more was sent: ${stats.paths.join(', ')}; the second call: ${second.message}`);
  // A queued call ends at its own deadline (the slot holder, started first, reaches its deadline just
  // before: which of the two messages the queued call gets depends on that race).
  // On a loaded machine the held request may not even reach the server within a short deadline: the
  // deadline grows until it does (a bound on the scenario, never an asserted duration).
  for (const timeout of [400, 2000, 10000, 30000]) {
    const before = stats.requests;
    const q = remote(endpoint, { maxSockets: 1, timeout, maxRetries: 0 });
    let settled = false;
    const held = q.compute.getRegionList().catch((e) => e).finally(() => { settled = true; });
    await eventually('the held request arrived or its call ended', () => stats.requests > before || settled);
    if (stats.requests === before) {
      await q.close();
      continue;
    }
    const queued = await q.compute.getRegionList().catch((e) => e);
    assert.equal(queued.code, 'ERR_TIMEOUT');
    assert.match(queued.message, new RegExp(`timed out after ${timeout} ms (waiting for a connection: all 1 \\(maxSockets\\) were in use; nothing was sent|\\(timeout)`));
    assert.equal((await held).code, 'ERR_TIMEOUT');
    await q.close();
    return;
  }
  assert.fail('the held request never reached the server');
});

test('the idle pool keeps at most maxFreeSockets connections, each for keepAliveTimeout', async (t) => {
  const { stats, endpoint } = await slowServer(t, 50);
  const c = remote(endpoint, { maxSockets: 10, maxFreeSockets: 2, keepAliveTimeout: 300 });
  await Promise.all(Array.from({ length: 10 }, () => c.compute.getRegionList()));
  assert.ok(stats.maxOpen >= 2, `${stats.maxOpen} connections at most`);
  await eventually('idle connections beyond maxFreeSockets closed', () => stats.open <= 2);
  await eventually('idle connections closed after keepAliveTimeout', () => stats.open === 0);
  // The client still works: it connects again.
  assert.equal((await c.compute.getRegionList()).totalRows, 1);
  await c.close();
});

test('close(): calls in flight end with ERR_CLIENT_CLOSED, later calls fail at once and send nothing, the pool is released', async (t) => {
  const { stats, endpoint } = await slowServer(t, 0);
  const c = remote(endpoint, { keepAliveTimeout: 600000 });
  assert.equal((await c.compute.getRegionList()).totalRows, 1);
  assert.equal(stats.open, 1, 'an idle keep-alive connection');
  await c.close();
  await eventually('the idle connection closed', () => stats.open === 0);
  const requests = stats.requests;
  const err = await c.compute.getRegionList().catch((e) => e);
  assert.ok(err instanceof ncloud.NcloudError);
  assert.equal(err.code, 'ERR_CLIENT_CLOSED');
  assert.equal(err.retryable, false);
  assert.match(err.message, /closed/);
  const cb = await new Promise((resolve) => c.compute.findRegions((e) => resolve(e)));
  assert.equal(cb.code, 'ERR_CLIENT_CLOSED');
  await assert.rejects(c.compute.waitForServerImage('1', { timeoutMs: 1000 }), { code: 'ERR_CLIENT_CLOSED' });
  await assert.rejects(c.compute.paginateGetServerImageList().next(), { code: 'ERR_CLIENT_CLOSED' });
  assert.equal(stats.requests, requests, 'nothing was sent after close()');
  await c.close(); // twice is fine

  // In flight: the request is dropped (the server sees its connection close).
  const slow = await slowServer(t, Infinity);
  const d = remote(slow.endpoint);
  const pending = d.compute.getRegionList().catch((e) => e);
  await eventually('the request arrived', () => slow.stats.requests === 1);
  await d.close();
  const e2 = await pending;
  assert.equal(e2.code, 'ERR_CLIENT_CLOSED');
  assert.match(e2.message, /closed while the call was in flight/);
  await eventually('the connection closed', () => slow.stats.open === 0);

  // A client of an emulator passed in closes its pool, not the emulator.
  const emu = await emulator();
  t.after(() => emu.close());
  const e = ncloud.createClient(emu);
  await e.compute.getRegionList();
  await e.close();
  assert.equal(emu.closed, false);
  await assert.rejects(e.compute.getRegionList(), { code: 'ERR_CLIENT_CLOSED' });
  assert.equal((await client(emu).compute.getRegionList()).totalRows, 3);
});

test('connection options are validated', () => {
  const base = { accessKey: 'a', secretKey: 'b' };
  for (const [options, message] of [
    [{ maxSockets: 0 }, /'maxSockets' must be a positive integer/],
    [{ maxSockets: 1.5 }, /'maxSockets'/],
    [{ maxFreeSockets: -1 }, /'maxFreeSockets' must be a non-negative integer/],
    [{ keepAliveTimeout: 0 }, /'keepAliveTimeout' must be a positive integer/],
    [{ maxBufferedBytes: 1024 }, /'maxBufferedBytes' \(1024\) must be at least 'maxResponseBytes'/],
    [{ signParameters: 'yes' }, /'signParameters' must be a boolean/],
    [{ maxSocket: 5 }, /did you mean 'maxSockets'/],
  ]) {
    assert.throws(() => ncloud.createClient({ ...base, ...options }), { code: 'ERR_VALIDATION', message });
  }
  assert.ok(ncloud.createClient({ ...base, maxSockets: 1, maxFreeSockets: 0, keepAliveTimeout: 1, maxResponseBytes: 10, maxBufferedBytes: 10 }));
});

// ---------------------------------------------------------------------------------------------
// Answers in flight

test('maxBufferedBytes bounds the bytes of all answers in flight together, not only per call', async (t) => {
  // Every answer is 6 MiB and then stalls: no single one reaches its own cap (maxResponseBytes 8 MiB),
  // but 12 of them (72 MiB) cannot all fit the client-wide budget of 16 MiB, whatever the order in
  // which their bytes arrive. The answers start only once all 12 requests are in.
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  const waiting = [];
  const server = http.createServer((req, res) => {
    req.resume();
    waiting.push(res);
    if (waiting.length < 12) return;
    for (const r of waiting) {
      r.writeHead(200, { 'content-type': 'application/json' });
      let sent = 0;
      const pump = () => {
        while (sent < 6 << 20) {
          sent += chunk.length;
          if (!r.write(chunk)) return r.once('drain', pump);
        }
      };
      r.on('close', () => r.removeAllListeners('drain'));
      pump();
    }
  });
  const port = await listen(server);
  t.after(() => {
    server.closeAllConnections();
    server.close();
  });
  const c = remote(`http://127.0.0.1:${port}`, { maxResponseBytes: 8 << 20, maxBufferedBytes: 16 << 20, maxRetries: 0, timeout: 5000 });
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, c._inFlight()[1])), 1);
  const errors = await Promise.all(Array.from({ length: 12 }, () => c.compute.getRegionList().catch((e) => e)));
  clearInterval(sampler);
  for (const e of errors) assert.ok(e.code === 'ERR_DECODE' || e.code === 'ERR_TIMEOUT', `${e.code}: ${e.message}`);
  assert.ok(errors.some((e) => /maxBufferedBytes/.test(e.message)), 'some answers were refused by the client-wide budget');
  assert.ok(!errors.some((e) => /maxResponseBytes/.test(e.message)), 'no answer reached its own cap');
  assert.ok(peak <= 16 << 20, `${peak} bytes held at once`);
  assert.deepEqual(c._inFlight(), [0, 0], 'everything was released');
});

test('12 endless answers with the default options: peak memory stays under the client-wide budget', { timeout: 120000 }, async () => {
  const r = await runScript('endless.js');
  assert.equal(r.code, 0, r.stderr);
  assert.ok(r.out, r.stdout);
  // 256 MiB of answers at most (4 x maxResponseBytes), over the process's start; before: 442 MiB.
  assert.ok(r.out.peakRssMiB < r.out.startRssMiB + 256 + 64, `peak RSS ${r.out.peakRssMiB} MiB (start ${r.out.startRssMiB} MiB)`);
  assert.ok(r.out.results['ERR_DECODE (maxBufferedBytes)'] >= 1, JSON.stringify(r.out.results));
});

// ---------------------------------------------------------------------------------------------
// Proxies

/** Runs `fn` with these proxy variables set while clients are created (they are read then). */
function withProxyEnv(vars, fn) {
  const names = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'ALL_PROXY', 'all_proxy', 'NO_PROXY', 'no_proxy'];
  const saved = Object.fromEntries(names.map((k) => [k, process.env[k]]));
  for (const k of names) delete process.env[k];
  Object.assign(process.env, vars);
  try {
    return fn();
  } finally {
    for (const k of names) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  }
}

/** A proxy that records what it is asked and refuses it (nothing leaves the machine). */
async function recordingProxy(t) {
  const seen = [];
  const proxy = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    res.writeHead(502);
    res.end();
  });
  proxy.on('connect', (req, sock) => {
    seen.push(`CONNECT ${req.url}`);
    sock.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  const port = await listen(proxy);
  t.after(() => proxy.close());
  return { seen, url: `http://127.0.0.1:${port}`, port };
}

async function closedPort() {
  const s = net.createServer();
  const port = await listen(s);
  await new Promise((r) => s.close(r));
  return port;
}

test('an unreachable HTTP_PROXY changes nothing for emulator calls (loopback is never proxied)', async (t) => {
  const emu = await emulator();
  t.after(() => emu.close());
  const dead = `http://127.0.0.1:${await closedPort()}`;
  const { port } = new URL(emu.endpoint);
  const clients = withProxyEnv({ HTTP_PROXY: dead, HTTPS_PROXY: dead, ALL_PROXY: dead, http_proxy: dead }, () => [
    client(emu),
    ncloud.createClient(emu),
    ncloud.createClient({ endpoint: `http://localhost:${port}`, accessKey: emu.accessKey, secretKey: emu.secretKey }),
  ]);
  for (const c of clients) assert.equal((await c.compute.getRegionList()).totalRows, 3);
  const own = withProxyEnv({ HTTP_PROXY: dead }, () => ncloud.createClient({ emulator: true }));
  try {
    assert.equal((await own.compute.getRegionList()).totalRows, 3);
  } finally {
    await own.close();
  }
});

test('NO_PROXY=localhost works for remote-looking loopback names (*.localhost), and they never reach the proxy', async (t) => {
  const emu = await emulator();
  t.after(() => emu.close());
  const proxy = await recordingProxy(t);
  const { port } = new URL(emu.endpoint);
  for (const vars of [{ HTTP_PROXY: proxy.url, NO_PROXY: 'localhost' }, { http_proxy: proxy.url, no_proxy: '.example.com,localhost' }, { HTTP_PROXY: proxy.url }]) {
    const c = withProxyEnv(vars, () =>
      ncloud.createClient({ endpoint: `http://api.ncloud.localhost:${port}`, accessKey: emu.accessKey, secretKey: emu.secretKey }),
    );
    assert.equal((await c.compute.getRegionList()).totalRows, 3, JSON.stringify(vars));
  }
  assert.deepEqual(proxy.seen, []);
});

test('a proxy failure names the proxy (host:port and variable, never its password), and a refused tunnel too', async (t) => {
  const port = await closedPort();
  const c = withProxyEnv({ HTTPS_PROXY: `http://user:pr0xy-s3cret@127.0.0.1:${port}` }, () =>
    ncloud.createClient({ endpoint: 'https://ncloud.apigw.ntruss.com', accessKey: 'a', secretKey: 'b', maxRetries: 0 }),
  );
  const err = await c.compute.getRegionList().catch((e) => e);
  assert.equal(err.code, 'ERR_NETWORK', err.message);
  assert.match(err.message, new RegExp(`through the proxy 127\\.0\\.0\\.1:${port} \\(HTTPS_PROXY\\)`));
  assert.ok(!err.message.includes('pr0xy-s3cret') && !err.message.includes('user:'), err.message);
  const proxy = await recordingProxy(t);
  const d = withProxyEnv({ https_proxy: proxy.url }, () =>
    ncloud.createClient({ endpoint: 'https://ncloud.apigw.ntruss.com', accessKey: 'a', secretKey: 'b', maxRetries: 0 }),
  );
  const refused = await d.compute.getRegionList().catch((e) => e);
  assert.match(refused.message, new RegExp(`through the proxy 127\\.0\\.0\\.1:${proxy.port} \\(https_proxy\\).*tunnel`));
  assert.deepEqual(proxy.seen, ['CONNECT ncloud.apigw.ntruss.com:443']);
  // NO_PROXY with a domain suffix: the gateway is not proxied (the connection then fails on its own,
  // without the proxy seeing anything: the endpoint is a reserved name that never resolves).
  const e = withProxyEnv({ HTTPS_PROXY: proxy.url, NO_PROXY: 'gw.invalid' }, () =>
    ncloud.createClient({ endpoint: 'https://api.gw.invalid', accessKey: 'a', secretKey: 'b', maxRetries: 0 }),
  );
  const direct = await e.compute.getRegionList().catch((x) => x);
  assert.equal(direct.code, 'ERR_NETWORK');
  assert.doesNotMatch(direct.message, /proxy/);
  assert.deepEqual(proxy.seen, ['CONNECT ncloud.apigw.ntruss.com:443']);
  assert.throws(
    () => withProxyEnv({ HTTPS_PROXY: 'socks5://u:s3cret@127.0.0.1:1080' }, () => ncloud.createClient({ accessKey: 'a', secretKey: 'b' })),
    (x) => x.code === 'ERR_VALIDATION' && /HTTPS_PROXY/.test(x.message) && !x.message.includes('s3cret'),
  );
});

// ---------------------------------------------------------------------------------------------
// Certificates

test('ca: a self-signed CA:TRUE server certificate is trusted when given, refused without it (once, naming ca)', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ncloud-pin-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const f = (n) => path.join(dir, n);
  // The usual way: openssl req -x509 (its default configuration makes it CA:TRUE).
  const selfSigned = (name, cn, san) =>
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', f(`${name}.key`), '-out', f(`${name}.pem`), '-days', '2', '-subj', `/CN=${cn}`, '-addext', `subjectAltName=${san}`], { stdio: 'ignore' });
  selfSigned('srv', 'localhost', 'DNS:localhost,IP:127.0.0.1');
  selfSigned('other', 'other.example', 'DNS:other.example');
  const text = execFileSync('openssl', ['x509', '-in', f('srv.pem'), '-noout', '-text'], { encoding: 'utf8' });
  assert.match(text, /CA:TRUE/, 'the certificate is a CA one, as openssl req -x509 makes it');
  let handshakes = 0;
  const serve = (key, cert) => {
    const server = https.createServer({ key: fs.readFileSync(f(key)), cert: fs.readFileSync(f(cert)) }, (req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(REGIONS);
    });
    server.on('connection', () => (handshakes += 1));
    t.after(() => {
      server.closeAllConnections();
      server.close();
    });
    return listen(server);
  };
  const port = await serve('srv.key', 'srv.pem');
  const pem = fs.readFileSync(f('srv.pem'));
  // Node's own https accepts it with the same ca, which is what this package now matches.
  await new Promise((resolve, reject) => https.get({ host: 'localhost', port, path: '/', ca: pem }, (res) => res.resume().on('end', resolve)).on('error', reject));
  handshakes = 0;
  for (const endpoint of [`https://localhost:${port}`, `https://127.0.0.1:${port}`]) {
    const res = await ncloud.createClient({ endpoint, accessKey: 'a', secretKey: 'b', ca: pem }).compute.getRegionList();
    assert.equal(res.regionList[0].regionCode, 'KR');
  }
  handshakes = 0;
  const refused = await ncloud.createClient({ endpoint: `https://localhost:${port}`, accessKey: 'a', secretKey: 'b', maxRetries: 3, retryBaseDelay: 1 }).compute.getRegionList().catch((e) => e);
  assert.equal(refused.code, 'ERR_NETWORK');
  assert.match(refused.message, /not trusted/);
  assert.match(refused.message, /'ca' option/);
  assert.equal(refused.retryable, false);
  assert.equal(refused.attempts, 1);
  assert.equal(handshakes, 1, 'the refusal was not retried');
  // Another self-signed certificate in ca does not vouch for this one; nor does it for another name.
  const wrong = await ncloud.createClient({ endpoint: `https://localhost:${port}`, accessKey: 'a', secretKey: 'b', ca: fs.readFileSync(f('other.pem')), maxRetries: 0 }).compute.getRegionList().catch((e) => e);
  assert.equal(wrong.code, 'ERR_NETWORK');
  const otherPort = await serve('other.key', 'other.pem');
  const wrongName = await ncloud.createClient({ endpoint: `https://localhost:${otherPort}`, accessKey: 'a', secretKey: 'b', ca: fs.readFileSync(f('other.pem')), maxRetries: 0 }).compute.getRegionList().catch((e) => e);
  assert.equal(wrongName.code, 'ERR_NETWORK');
  assert.match(wrongName.message, /NotValidForName|not valid for/i);
  // A bad PEM in an array is ERR_VALIDATION naming the item.
  const garbled = '-----BEGIN CERTIFICATE-----\nMIIBAAAA\n-----END CERTIFICATE-----\n';
  assert.throws(() => ncloud.createClient({ accessKey: 'a', secretKey: 'b', ca: [pem, garbled] }), { code: 'ERR_VALIDATION', message: /^'ca\[1\]' / });
  assert.throws(() => ncloud.createClient({ accessKey: 'a', secretKey: 'b', ca: [pem, 'hello'] }), { code: 'ERR_VALIDATION', message: "'ca[1]' holds no PEM certificate (-----BEGIN CERTIFICATE-----)" });
  assert.throws(() => ncloud.createClient({ accessKey: 'a', secretKey: 'b', ca: [pem, 42] }), { code: 'ERR_VALIDATION', message: /^'ca\[1\]' must be PEM text/ });
});

// ---------------------------------------------------------------------------------------------
// The emulator's lifetime

test('an emulator whose object was dropped and collected still answers until close(), and never keeps a process alive', { timeout: 120000 }, async () => {
  const r = await runScript('emulator-gc.js', { flags: ['--expose-gc'], timeout: 60000 });
  assert.equal(r.signal, null, `the process ended on its own: ${r.stderr}`);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(r.out, r.stdout);
  assert.equal(r.out.collected, true, 'the Emulator object was collected');
  assert.equal(r.out.afterGc, 'answered');
  assert.equal(r.out.beforeClose, 'answered');
  assert.equal(r.out.afterClose, 'ERR_NETWORK');
  assert.equal(r.out.workerAlive, 'answered');
  assert.equal(r.out.workerEnded, 'ERR_NETWORK', 'an emulator ends with the worker that started it');
});

// ---------------------------------------------------------------------------------------------
// Paginators

/** A server of getServerImageList pages: `page(pageNo)` gives `{ items, totalRows }`. */
async function pageServer(t, page) {
  const asked = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const pageNo = Number(new URLSearchParams(body).get('pageNo'));
      asked.push(pageNo);
      const { items, totalRows } = page(pageNo);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ getServerImageListResponse: { returnCode: '0', returnMessage: 'success', totalRows, serverImageList: items } }));
    });
  });
  const port = await listen(server);
  t.after(() => server.close());
  return { asked, c: remote(`http://127.0.0.1:${port}`, { maxRetries: 0 }) };
}

const image = (no) => ({ serverImageNo: String(no), serverImageName: `img-${no}` });

async function drain(iterator) {
  const got = [];
  try {
    for await (const item of iterator) got.push(item.serverImageNo);
  } catch (err) {
    return { got, err };
  }
  return { got, err: null };
}

test('a paginator ends with an error on a repeated page, within ceil(totalRows/pageSize)+1 pages', async (t) => {
  const { asked, c } = await pageServer(t, () => ({ items: [image(1), image(2)], totalRows: 1000000 }));
  const { got, err } = await drain(c.compute.paginateGetServerImageList(undefined, { pageSize: 2 }));
  assert.ok(err, 'the iteration ended with an error');
  assert.equal(err.code, 'ERR_DECODE');
  assert.match(err.message, /paginateGetServerImageList: stopped: page 2 repeats page 1/);
  assert.deepEqual(got, ['1', '2'], 'the repeated items were not yielded twice');
  assert.ok(asked.length <= Math.ceil(1000000 / 2) + 1);
  assert.deepEqual(asked, [1, 2]);
});

test('a paginator stops past the pages totalRows allows, and on an empty page that totalRows contradicts', async (t) => {
  // New items on every page, totalRows 5: at most ceil(5/2)+1 = 4 pages are asked.
  const endless = await pageServer(t, (n) => ({ items: [image(2 * n), image(2 * n + 1)], totalRows: 5 }));
  const a = await drain(endless.c.compute.paginateGetServerImageList(undefined, { pageSize: 2 }));
  // 5 items arrive after 3 pages (6 items counted): the normal stop comes first.
  assert.equal(a.err, null);
  assert.deepEqual(endless.asked, [1, 2, 3]);
  // A server whose totalRows grows with every page never satisfies "totalRows items came": the bound ends it.
  const growing = await pageServer(t, (n) => ({ items: [image(2 * n), image(2 * n + 1)], totalRows: 5 + 2 * n }));
  const b = await drain(growing.c.compute.paginateGetServerImageList(undefined, { pageSize: 2 }));
  assert.ok(b.err);
  // Page 1 said 7 rows: ceil(7/2)+1 = 5 pages at most.
  assert.match(b.err.message, /stopped: page 6 would be past the 5 pages that totalRows 7 \(on page 1\) allows with pageSize 2/);
  assert.deepEqual(growing.asked, [1, 2, 3, 4, 5]);
  assert.equal(b.got.length, 10);
  // An empty page while totalRows says more should come.
  const empty = await pageServer(t, (n) => ({ items: n === 1 ? [image(1), image(2)] : [], totalRows: 10 }));
  const e = await drain(empty.c.compute.paginateGetServerImageList(undefined, { pageSize: 2 }));
  assert.match(e.err.message, /stopped: page 2 is empty, although totalRows says 10 items and 2 came/);
  assert.deepEqual(e.got, ['1', '2']);
  // An empty last page that agrees with totalRows ends quietly.
  const agreed = await pageServer(t, (n) => ({ items: n === 1 ? [image(1), image(2)] : [], totalRows: 2 }));
  assert.deepEqual(await drain(agreed.c.compute.paginateGetServerImageList(undefined, { pageSize: 2 })), { got: ['1', '2'], err: null });
});

// ---------------------------------------------------------------------------------------------
// Signed parameters

/** A server that records the next request (method, target, headers, body) and answers 502. */
async function recorder(t) {
  const got = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      got.push({ method: req.method, url: req.url, headers: req.headers, body });
      res.writeHead(502);
      res.end();
    });
  });
  const port = await listen(server);
  t.after(() => server.close());
  return { got, endpoint: `http://127.0.0.1:${port}` };
}

/** Sends a recorded request again, to `endpoint`, with a changed target or body. */
function replay(endpoint, { method, url, headers, body }) {
  const { port } = new URL(endpoint);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: url, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

test('signParameters: the parameters travel in the signed query, so a replay with other parameters is refused', async (t) => {
  const emu = await emulator();
  t.after(() => emu.close());
  const rec = await recorder(t);
  const keys = { accessKey: emu.accessKey, secretKey: emu.secretKey, maxRetries: 0 };
  // Default: the parameters are in the unsigned POST body; the same signature passes with another body.
  await ncloud.createClient({ endpoint: rec.endpoint, ...keys }).compute.getServerImageDetail({ serverImageNo: '4000001' }).catch(() => {});
  const plain = rec.got.pop();
  assert.equal(plain.method, 'POST');
  assert.match(plain.body, /serverImageNo=4000001/);
  assert.equal((await replay(emu.endpoint, { ...plain, body: plain.body.replace('4000001', '4000002') })).status, 200, 'the body is not signed');
  // signParameters: a GET whose query holds them.
  await ncloud.createClient({ endpoint: rec.endpoint, ...keys, signParameters: true }).compute.getServerImageDetail({ serverImageNo: '4000001' }).catch(() => {});
  const signed = rec.got.pop();
  assert.equal(signed.method, 'GET');
  assert.equal(signed.body, '');
  assert.match(signed.url, /^\/vserver\/v2\/getServerImageDetail\?responseFormatType=json&.*serverImageNo=4000001/);
  assert.equal((await replay(emu.endpoint, signed)).status, 200, 'the request as signed is accepted');
  const tampered = await replay(emu.endpoint, { ...signed, url: signed.url.replace('4000001', '4000002') });
  assert.equal(tampered.status, 401);
  assert.match(tampered.text, /Authentication Failed/);
  assert.equal(emu.requests().at(-1).reason, 'Authentication Failed: signature mismatch');
  // Against the emulator, every kind of call works signed, lists and nested lists included.
  const c = client(emu, 'xml', { signParameters: true });
  const { serverImageList: [created] } = await c.compute.createServerImageFromSnapshot({ serverImageName: 'signed-a', blockStorageList: [{ order: 0, snapshotInstanceNo: '3000001' }] });
  assert.equal(created.serverImageName, 'signed-a');
  const { serverImageList } = await c.compute.getServerImageList({ serverImageNoList: [created.serverImageNo, '4000001'] });
  assert.deepEqual(serverImageList.map((i) => i.serverImageNo).sort(), [created.serverImageNo, '4000001'].sort());
  assert.ok(emu.requests().slice(-2).every((r) => r.method === 'GET' && r.status === 200));
});

test('signParameters: a request target over 8192 bytes is refused before anything is sent', async (t) => {
  const emu = await emulator();
  t.after(() => emu.close());
  const c = client(emu, 'json', { signParameters: true });
  const serverImageNoList = Array.from({ length: 1000 }, (_, i) => String(4000000 + i));
  const err = await c.compute.getServerImageList({ serverImageNoList }).catch((e) => e);
  assert.equal(err.code, 'ERR_VALIDATION');
  assert.match(err.message, /getServerImageList: with signParameters the parameters travel in the URL, which would be \d+ bytes, over the 8192-byte limit/);
  assert.equal(emu.requestCount(), 0);
  // The same call without signParameters goes in the body.
  const { serverImageList } = await client(emu).compute.getServerImageList({ serverImageNoList });
  assert.ok(serverImageList.length >= 1);
  assert.equal(emu.requests()[0].method, 'POST');
});

// ---------------------------------------------------------------------------------------------
// Smaller input checks

test('parameters JSON would drop or garble are ERR_VALIDATION naming them, and nothing is sent', async (t) => {
  const emu = await emulator();
  t.after(() => emu.close());
  const c = client(emu);
  const getter = {
    get serverImageName() {
      throw new Error('no name today');
    },
  };
  const cases = [
    [getter, /serverImageName \(reading it threw: no name today\)/],
    [{ serverImageName: 'ok\uD800' }, /serverImageName \(a lone surrogate: not valid Unicode text\)/],
    [{ ['\uDC00key']: 'x' }, /a key with a lone surrogate/],
    [new Map([['serverImageName', 'x']]), /the parameters \(a Map: give a plain object, e\.g\. Object\.fromEntries\(map\)\)/],
    [{ serverImageNoList: new Set(['1']) }, /serverImageNoList \(a Set: give an array/],
    [Object.create({ serverImageName: 'inherited' }), /serverImageName \(inherited, which JSON leaves out/],
  ];
  for (const [params, message] of cases) {
    const err = await c.compute.getServerImageList(params).catch((e) => e);
    assert.ok(err instanceof ncloud.NcloudError, String(message));
    assert.equal(err.code, 'ERR_VALIDATION', `${message}: ${err.message}`);
    assert.match(err.message, message);
  }
  assert.equal(emu.requestCount(), 0);
});

test('an access or secret key with CR, LF or NUL is refused when the client is made, never quoted', async (t) => {
  for (const accessKey of ['AK\r\n', 'A\nK', 'AK\u0000', '\tAK']) {
    assert.throws(() => ncloud.createClient({ accessKey, secretKey: 'b' }), (err) => {
      assert.equal(err.code, 'ERR_CREDENTIALS');
      assert.match(err.message, /the access key \(from options\) contains a control character/);
      return true;
    });
  }
  assert.throws(() => ncloud.createClient({ accessKey: 'a', secretKey: 'SECRET\n' }), (err) => err.code === 'ERR_CREDENTIALS' && !err.message.includes('SECRET'));
  const saved = [process.env.NCLOUD_ACCESS_KEY_ID, process.env.NCLOUD_SECRET_ACCESS_KEY];
  process.env.NCLOUD_ACCESS_KEY_ID = 'AK-from-env\r';
  process.env.NCLOUD_SECRET_ACCESS_KEY = 'sk';
  try {
    assert.throws(() => ncloud.createClient(), { code: 'ERR_CREDENTIALS', message: /from environment \(NCLOUD_ACCESS_KEY_ID\)/ });
  } finally {
    for (const [k, v] of [['NCLOUD_ACCESS_KEY_ID', saved[0]], ['NCLOUD_SECRET_ACCESS_KEY', saved[1]]]) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
  const emu = await emulator();
  t.after(() => emu.close());
  const c = client(emu);
  assert.throws(() => c.setConfig({ accessKey: 'x\n', secretKey: 'y' }), { code: 'ERR_CREDENTIALS', message: /from setConfig/ });
  assert.equal((await c.compute.getRegionList()).totalRows, 3, 'the client keeps its keys');
});

test("a waiter's time-out names the state it saw, never 'undefined'", async (t) => {
  const emu = await emulator();
  t.after(() => emu.close());
  // An answer whose item lacks the status fields.
  emu.injectFault({ action: 'getServerImageDetail', status: 200, contentType: 'json', count: 10, body: JSON.stringify({ getServerImageDetailResponse: { returnCode: '0', totalRows: 1, serverImageList: [{ serverImageNo: '4000001' }] } }) });
  const err = await client(emu).compute.waitForServerImage('4000001', { intervalMs: 100, timeoutMs: 50 }).catch((e) => e);
  assert.equal(err.code, 'ERR_TIMEOUT');
  assert.doesNotMatch(err.message, /undefined/);
  assert.match(err.message, /was still without a status \(no serverImageStatusName in the answer\) after 50 ms/);
});

test('old-client ids are numbers, and text when a number cannot hold them exactly (as the README says)', async (t) => {
  const emu = await emulator();
  t.after(() => emu.close());
  const body = (no) => JSON.stringify({ getMemberServerImageListResponse: { returnCode: '0', totalRows: 1, memberServerImageList: [{ memberServerImageNo: no, memberServerImageName: 'x', originalServerInstanceNo: '492964' }] } });
  const c = client(emu);
  emu.injectFault({ action: 'getMemberServerImageList', status: 200, contentType: 'json', body: body('99999999999999999') });
  const [big] = await c.compute.findPrivateImages();
  assert.equal(big.privateImageNo, '99999999999999999');
  assert.equal(big.originalServerInstanceNo, 492964);
  emu.injectFault({ action: 'getMemberServerImageList', status: 200, contentType: 'json', body: body('3791') });
  assert.equal((await c.compute.findPrivateImages())[0].privateImageNo, 3791);
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  assert.match(readme, /ids are numbers \(text when a number cannot hold them exactly/);
});
