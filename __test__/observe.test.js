'use strict';
// What teams plug in (issue 25): a `logger` that receives one structured record per attempt at its
// level, never a key, a secret or a signature; hooks that count and time attempts (a retried call, a
// cancelled one); per-call `timeout`, `attemptTimeout` and `maxRetries` over the client's.
const test = require('node:test');
const assert = require('node:assert/strict');
const { ncloud, emulator, client } = require('./helpers');

/** A logger that keeps what it is given: `[level, record]`. */
function recorder() {
  const seen = [];
  const logger = {};
  for (const level of ['debug', 'info', 'warn', 'error']) logger[level] = (...args) => seen.push([level, ...args]);
  return { logger, seen };
}

test('a logger sees one record per attempt, at its level, and never the secret', async (t) => {
  const secret = 'top-secret-key-0123456789';
  const emu = await emulator({ secretKey: secret });
  t.after(() => emu.close());
  const { logger, seen } = recorder();
  const c = client(emu, 'json', { logger, maxRetries: 2, retryBaseDelay: 1 });
  // A success: one debug record.
  await c.compute.getRegionList();
  assert.deepEqual(seen.map(([l]) => l), ['debug']);
  const [, ok] = seen[0];
  assert.equal(seen[0].length, 2, 'one argument: the record');
  assert.deepEqual(
    { action: ok.action, attempt: ok.attempt, status: ok.status, returnCode: ok.returnCode },
    { action: 'getRegionList', attempt: 1, status: 200, returnCode: '0' },
  );
  assert.ok(typeof ok.durationMs === 'number' && typeof ok.startTime === 'number' && ok.requestId, JSON.stringify(ok));
  assert.match(ok.msg, /^getRegionList attempt 1: ok HTTP 200 returnCode 0 in \d+ ms, requestId /);
  // Two retried failures (warn), then a success (debug).
  seen.length = 0;
  emu.injectFault({ action: 'getZoneList', status: 503, count: 2 });
  await c.compute.getZoneList();
  assert.deepEqual(seen.map(([l, r]) => [l, r.attempt, r.status, r.error]), [
    ['warn', 1, 503, 'ERR_API'],
    ['warn', 2, 503, 'ERR_API'],
    ['debug', 3, 200, undefined],
  ]);
  assert.match(seen[0][1].retry, /^try again later \(returnCode\); next attempt in \d+ ms$/);
  // A failure given up on: error, with why.
  seen.length = 0;
  emu.injectFault({ action: 'getZoneList', status: 503, count: 3 });
  await assert.rejects(c.compute.getZoneList(), { code: 'ERR_API', attempts: 3 });
  assert.deepEqual(seen.map(([l]) => l), ['warn', 'warn', 'error']);
  assert.equal(seen[2][1].gaveUp, 'maxRetries reached');
  // A refused key: error. No record ever holds the secret, the signature or the headers.
  const wrong = client(emu, 'json', { logger, secretKey: `${secret}-wrong` });
  await assert.rejects(wrong.compute.getRegionList(), { code: 'ERR_AUTH' });
  const text = JSON.stringify(seen);
  assert.ok(!text.includes(secret), 'the secret');
  assert.ok(!/signature|x-ncp-apigw/i.test(text), 'the signature');
  // console, pino and winston fit: an object with the four methods; another is refused, named.
  assert.throws(() => client(emu, 'json', { logger: { info() {} } }), { code: 'ERR_VALIDATION', message: /'logger' has no debug, warn, error methods/ });
  assert.doesNotThrow(() => client(emu, 'json', { logger: console }).close());
});

test('hooks count and time every attempt, across a retried call and a cancelled one', async (t) => {
  const emu = await emulator();
  t.after(() => emu.close());
  const attempts = [];
  const responses = [];
  const c = client(emu, 'json', {
    maxRetries: 3,
    retryBaseDelay: 1,
    hooks: { onAttempt: (a) => attempts.push(a), onResponse: (r) => responses.push(r) },
  });
  emu.injectFault({ action: 'getRegionList', status: 500, count: 2 });
  const before = Date.now();
  await c.compute.getRegionList();
  assert.deepEqual(attempts.map((a) => [a.action, a.attempt, a.status]), [
    ['getRegionList', 1, 500],
    ['getRegionList', 2, 500],
    ['getRegionList', 3, 200],
  ]);
  for (const a of attempts) {
    assert.ok(a.startTime >= before - 5 && a.durationMs >= 0, JSON.stringify(a));
  }
  assert.ok(attempts[1].startTime >= attempts[0].startTime + attempts[0].durationMs, 'attempts follow one another');
  assert.equal(responses.length, 1);
  assert.deepEqual(
    { action: responses[0].action, ok: responses[0].ok, attempts: responses[0].attempts, status: responses[0].status },
    { action: 'getRegionList', ok: true, attempts: 3, status: 200 },
  );
  assert.ok(responses[0].durationMs >= attempts[2].startTime - attempts[0].startTime);

  // A call cancelled while its attempt is under way: that attempt is reported, cut by the abort.
  attempts.length = 0;
  responses.length = 0;
  emu.injectFault({ action: 'getZoneList', status: 200, body: '{}', delayMs: 30000 });
  const ac = new AbortController();
  const pending = c.compute.getZoneList({}, { signal: ac.signal });
  while (emu.requestCount() < 4) await new Promise((r) => setTimeout(r, 5));
  await new Promise((r) => setTimeout(r, 30));
  ac.abort();
  await assert.rejects(pending, { code: 'ABORT_ERR' });
  assert.deepEqual(attempts.map((a) => [a.action, a.attempt, a.error]), [['getZoneList', 1, 'ABORT_ERR']]);
  assert.ok(attempts[0].durationMs >= 25, `timed until the abort: ${attempts[0].durationMs} ms`);
  assert.deepEqual([responses[0].ok, responses[0].error, responses[0].attempts], [false, 'ABORT_ERR', 1]);

  // A call refused before anything is sent comes to onResponse with no attempt.
  responses.length = 0;
  await assert.rejects(c.compute.getServerImageDetail({}), { code: 'ERR_VALIDATION' });
  await c.close();
  await assert.rejects(c.compute.getRegionList(), { code: 'ERR_CLIENT_CLOSED' });
  assert.deepEqual(responses.map((r) => [r.attempts, r.error]), [[0, 'ERR_VALIDATION'], [0, 'ERR_CLIENT_CLOSED']]);

  // A hook that throws changes nothing about the call (one process warning).
  const warned = new Promise((resolve) => process.once('warning', resolve));
  const loud = client(emu, 'json', { hooks: { onAttempt: () => { throw new Error('boom'); } } });
  assert.equal((await loud.compute.getRegionList()).returnCode, '0');
  assert.match((await warned).message, /hooks\.onAttempt threw/);
  // Hooks are checked like options.
  assert.throws(() => client(emu, 'json', { hooks: { onAttempts() {} } }), { code: 'ERR_VALIDATION', message: /'hooks.onAttempts' is not a hook \(did you mean 'onAttempt'\?\)/ });
  assert.throws(() => client(emu, 'json', { middleware: [] }), { code: 'ERR_VALIDATION', message: /'middleware' \(did you mean 'hooks'\?\)/ });
});

test("per-call timeout longer and shorter than the client's, and maxRetries: 0 on one call", async (t) => {
  const emu = await emulator();
  t.after(() => emu.close());
  const c = client(emu, 'json', { timeout: 300, maxRetries: 2, retryBaseDelay: 1 });
  // An answer after 600 ms: past the client's 300 ms, within the call's own 3000 ms.
  emu.injectFault({ action: 'getRegionList', status: 200, body: '{"getRegionListResponse":{"returnCode":"0","requestId":"r","totalRows":0,"regionList":[]}}', delayMs: 600 });
  assert.equal((await c.compute.getRegionList({}, { timeout: 3000 })).totalRows, 0);
  emu.injectFault({ action: 'getRegionList', status: 200, body: '{}', delayMs: 600 });
  await assert.rejects(c.compute.getRegionList(), { code: 'ERR_TIMEOUT', message: /after 300 ms \(timeout/ });
  // Shorter than the client's: 50 ms.
  const slow = client(emu, 'json', { timeout: 5000 });
  emu.injectFault({ action: 'getZoneList', status: 200, body: '{}', delayMs: 2000 });
  const started = Date.now();
  await assert.rejects(slow.compute.getZoneList({}, { timeout: 50 }), { code: 'ERR_TIMEOUT', message: /after 50 ms \(timeout/ });
  assert.ok(Date.now() - started < 1500, 'the call gave up at its own deadline');
  // attemptTimeout of one call; maxRetries: 0 on one call, the client's 2 on the next.
  emu.clearRequests();
  emu.injectFault({ action: 'getZoneList', status: 503, count: 10 });
  await assert.rejects(c.compute.getZoneList({}, { maxRetries: 0 }), { code: 'ERR_API', attempts: 1 });
  assert.equal(emu.requestCount(), 1);
  await assert.rejects(c.compute.getZoneList(), { attempts: 3 });
  // The AWS SDK's name: maxAttempts counts the first attempt.
  await assert.rejects(c.compute.getZoneList({}, { maxAttempts: 2 }), { attempts: 2 });
  await assert.rejects(c.compute.getZoneList({}, { maxAttempts: 2, maxRetries: 3 }), { code: 'ERR_VALIDATION', message: /disagree/ });
  // Checked like every option, in every kind of method.
  await assert.rejects(c.compute.getZoneList({}, { timeout: -1 }), { code: 'ERR_VALIDATION', message: /'timeout' must be a whole number/ });
  await assert.rejects(c.compute.getZoneList({}, { maxRetires: 1 }), { code: 'ERR_VALIDATION', message: /maxRetires \(did you mean 'maxRetries'\?\)/ });
  await assert.rejects(c.compute.waitForServerImage('1', { timeOut: 5 }), { code: 'ERR_VALIDATION', message: /did you mean 'timeout'/ });
  assert.throws(() => c.compute.paginateGetServerImageList({}, { maxretries: 0 }), { code: 'ERR_VALIDATION', message: /did you mean 'maxRetries'/ });
  await assert.rejects(c.compute.findZones({ regionNo: 1 }, { timeOut: 5 }), { code: 'ERR_VALIDATION', message: /did you mean 'timeout'/ });
  // A waiter's and a paginator's calls take them too.
  emu.injectFault({ action: 'getServerImageList', status: 503, count: 1 });
  const pages = c.compute.paginateGetServerImageList({}, { maxRetries: 0 });
  await assert.rejects(pages.next(), { code: 'ERR_API', attempts: 1 });
  // The client-wide maxAttempts, too.
  assert.equal(ncloud.createClient({ emulator: emu, maxAttempts: 1 }) instanceof ncloud.Client, true);
  assert.throws(() => ncloud.createClient({ emulator: emu, maxAttempts: 0 }), { code: 'ERR_VALIDATION' });
});

test('the options checked are the options typed (generated/api.d.ts: CallOptions, WaitOptions, PaginateOptions)', () => {
  const dts = require('node:fs').readFileSync(require('node:path').join(__dirname, '..', 'generated', 'api.d.ts'), 'utf8');
  const members = (name) => {
    const body = new RegExp(`export interface ${name}(?:<T>)? \\{([\\s\\S]*?)\\n\\}`).exec(dts)[1];
    return [...body.matchAll(/^ {2}(\w+)\?:/gm)].map((m) => m[1]).sort();
  };
  assert.deepEqual(members('CallOptions'), [...require('../lib/call').CALL_OPTIONS].sort());
  assert.deepEqual(members('WaitOptions'), [...require('../lib/waiters').WAIT_OPTIONS].sort());
  assert.deepEqual(members('PaginateOptions'), [...require('../lib/pages').PAGINATE_OPTIONS].sort());
});

test("createClient's options are the options typed (index.d.ts ClientOptions)", () => {
  const dts = require('node:fs').readFileSync(require('node:path').join(__dirname, '..', 'index.d.ts'), 'utf8');
  const body = /export interface ClientOptions \{([\s\S]*?)\n\}/.exec(dts)[1];
  const typed = [...body.matchAll(/^ {2}(\w+)\?:/gm)].map((m) => m[1]).sort();
  assert.deepEqual(typed, [...require('../lib/config').KNOWN_OPTIONS].sort());
});
