'use strict';
// Bounded under load (issue 14), resources: connections, the idle pool and close(), the client-wide
// answer budget. What could exhaust the host runs in a child process (scripts in __test__/bounds/, which
// print what they measured as JSON) whose output and exit are asserted. The rest of issue 14 (proxies,
// certificates, the emulator's lifetime, paginators, signed parameters, input checks) is in
// bounds-network.test.js.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const http = require('node:http');
const { ncloud, emulator, client } = require('./helpers');
const { runScript, listen, eventually, slowServer, remote } = require('./bounds/shared');

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

