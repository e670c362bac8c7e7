'use strict';
// Issue 9 (2, 3, 5): one retry strategy (Retry-After, a per-client budget), clock-skew correction
// from the gateway's Date header, and NODE_DEBUG=ncloud with one line per attempt.
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { execFile } = require('node:child_process');
const { ncloud, emulator, client } = require('./helpers');

test('Retry-After: honoured when short, and a long one ends the call at once', async (t) => {
  const emu = await emulator();
  t.after(() => emu.close());
  const c = client(emu, 'json', { maxRetries: 2, retryBaseDelay: 1 });
  emu.injectFault({ action: 'getRegionList', status: 503, headers: { 'Retry-After': '0' } });
  assert.equal((await c.compute.getRegionList()).totalRows, 3);
  assert.deepStrictEqual(emu.requests().map((r) => r.status), [503, 200]);
  emu.clearRequests();
  // An HTTP date in the past means "now".
  emu.injectFault({ action: 'getRegionList', status: 429, headers: { 'Retry-After': 'Tue, 14 Nov 2023 22:13:25 GMT' } });
  assert.equal((await c.compute.getRegionList()).totalRows, 3);
  assert.deepStrictEqual(emu.requests().map((r) => r.status), [429, 200]);
  emu.clearRequests();
  // An hour is beyond the cap: no waiting, the error says it may work later.
  emu.injectFault({ action: 'getRegionList', status: 503, headers: { 'Retry-After': '3600' }, count: 3 });
  await assert.rejects(c.compute.getRegionList(), { code: 'ERR_API', httpStatus: 503, attempts: 1, retryable: true });
  assert.equal(emu.requestCount(), 1);
});

test('the retry budget: 500 tokens per client, 5 per retry, then no more retries', async (t) => {
  const emu = await emulator();
  t.after(() => emu.close());
  const c = client(emu, 'json', { maxRetries: 10, retryBaseDelay: 0 });
  emu.injectFault({ action: 'getRegionList', status: 503, count: 100000 });
  const attempts = [];
  for (let i = 0; i < 15; i++) {
    const err = await c.compute.getRegionList().catch((e) => e);
    assert.equal(err.code, 'ERR_API');
    assert.equal(err.retryable, true);
    attempts.push(err.attempts);
  }
  // 100 retries (500 / 5) in the first ten calls, then single attempts.
  assert.deepStrictEqual(attempts, [11, 11, 11, 11, 11, 11, 11, 11, 11, 11, 1, 1, 1, 1, 1]);
  assert.equal(emu.requestCount(), 115);
  // Another client has its own budget.
  const other = client(emu, 'json', { maxRetries: 1, retryBaseDelay: 0 });
  await assert.rejects(other.compute.getRegionList(), { attempts: 2 });
});

test('clock skew: a 401 explained by our clock is corrected from the Date header, once, and kept', async (t) => {
  // The gateway's clock is 6 minutes ahead: every timestamp we make is outside its window.
  const emu = await emulator({ clockOffsetMs: 6 * 60 * 1000 });
  t.after(() => emu.close());
  const c = client(emu, 'json', { maxRetries: 0 });
  assert.equal((await c.compute.getRegionList()).totalRows, 3);
  assert.deepStrictEqual(emu.requests().map((r) => r.status), [401, 200]);
  // A create, too: the refused attempt never reached the API, so it is created once.
  const created = await c.compute.createServerImage({ serverInstanceNo: '1000001', serverImageName: 'skewed-1' });
  assert.equal(created.serverImageList.length, 1);
  assert.deepStrictEqual(emu.requests().map((r) => r.status), [401, 200, 200], 'the offset is kept by the client');
  // Behind by 7 minutes now: corrected again.
  emu.configure({ clockOffsetMs: -7 * 60 * 1000 });
  emu.clearRequests();
  assert.equal((await c.compute.getRegionList()).totalRows, 3);
  assert.deepStrictEqual(emu.requests().map((r) => r.status), [401, 200]);
  // A wrong secret is not a clock problem: one attempt, ERR_AUTH.
  emu.clearRequests();
  const wrong = ncloud.createClient({ endpoint: emu.endpoint, accessKey: emu.accessKey, secretKey: 'wrong', maxRetries: 3 });
  emu.configure({ clockOffsetMs: 0 });
  await assert.rejects(wrong.compute.getRegionList(), { code: 'ERR_AUTH', attempts: 1, retryable: false });
  assert.equal(emu.requestCount(), 1);
});

test('NODE_DEBUG=ncloud logs one line per attempt, never a key, secret or signature; userAgent suffix', async (t) => {
  const emu = await emulator({ accessKey: 'AK-visible-never', secretKey: 'SK-secret-never' });
  t.after(() => emu.close());
  const script = `
    const ncloud = require(${JSON.stringify(path.join(__dirname, '..'))});
    const c = ncloud.createClient({ endpoint: ${JSON.stringify(emu.endpoint)}, accessKey: 'AK-visible-never', secretKey: 'SK-secret-never', retryBaseDelay: 1, userAgent: 'my-app/1.2' });
    c.compute.getRegionList().then((r) => console.log(r.requestId), (e) => { console.error(e); process.exit(1); });
  `;
  emu.injectFault({ action: 'getRegionList', status: 500 });
  const { stdout, stderr } = await new Promise((resolve, reject) => {
    execFile(process.execPath, ['-e', script], { env: { ...process.env, NODE_DEBUG: 'ncloud' }, timeout: 20000 }, (err, stdout, stderr) => (err ? reject(new Error(stderr || err.message)) : resolve({ stdout, stderr })));
  });
  const requestId = stdout.trim();
  const lines = stderr.split('\n').filter((l) => l.startsWith('NCLOUD '));
  assert.equal(lines.length, 2, stderr);
  assert.match(lines[0], /^NCLOUD \d+: getRegionList attempt 1: ERR_API HTTP 500 returnCode 1300 in \d+ ms, requestId -; retrying: try again later \(returnCode\); next attempt in \d+ ms$/);
  assert.match(lines[1], new RegExp(`^NCLOUD \\d+: getRegionList attempt 2: ok HTTP 200 returnCode 0 in \\d+ ms, requestId ${requestId}$`));
  for (const secret of ['AK-visible-never', 'SK-secret-never', 'signature']) assert.ok(!stderr.includes(secret), secret);
  const ua = emu.requests().map((r) => r.userAgent);
  assert.deepStrictEqual(ua, Array(2).fill(`ncloud-node/${require('../package.json').version} (rust; napi-rs) my-app/1.2`));
  assert.throws(() => client(emu, 'json', { userAgent: 'bad\r\nX-Injected: 1' }), { code: 'ERR_VALIDATION', message: /userAgent/ });
});
