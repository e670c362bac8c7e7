'use strict';
// Safe by default (issue 7): no redirects, a bounded answer, credentials only from where they were
// put (never a silent fake cloud), checked endpoints, callers' mistakes as NcloudError, whole-call
// timeouts, a hardened emulator and a `ca` option.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const http = require('node:http');
const https = require('node:https');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const util = require('node:util');
const { execFileSync, spawn } = require('node:child_process');
const { ncloud, emulator, client, withEnv } = require('./helpers');

function writeConfigure(home, text) {
  fs.mkdirSync(path.join(home, '.ncloud'), { recursive: true });
  fs.writeFileSync(path.join(home, '.ncloud', 'configure'), text);
}

function listen(server, host = '127.0.0.1') {
  return new Promise((resolve) => server.listen(0, host, () => resolve(server.address().port)));
}

// ---------------------------------------------------------------------------------------------
// 3. Redirects

test('a redirect is never followed: ERR_GATEWAY naming the Location, sent once', async (t) => {
  const emu = await emulator();
  t.after(() => emu.close());
  const c = client(emu, 'json', { maxRetries: 3, retryBaseDelay: 1 });
  for (const status of [301, 302, 303, 307, 308]) {
    emu.clearRequests();
    emu.injectFault({ status, body: '', headers: { Location: 'https://evil.example/steal?x=1' } });
    const err = await c.compute.deleteServerImage({ serverImageNoList: ['4000001'] }).catch((e) => e);
    assert.ok(err instanceof ncloud.NcloudError);
    assert.equal(err.code, 'ERR_GATEWAY', `${status}: ${err.message}`);
    assert.equal(err.httpStatus, status);
    assert.match(err.message, /redirect to https:\/\/evil\.example\/steal\?x=1/);
    assert.equal(err.retryable, false);
    assert.equal(emu.requestCount(), 1, `${status}: the delete reached the server once`);
  }
});

// ---------------------------------------------------------------------------------------------
// 4. Size of the answer

test('maxResponseBytes: a larger answer is ERR_DECODE, counted while it arrives', async (t) => {
  const emu = await emulator();
  t.after(() => emu.close());
  const c = client(emu, 'json', { maxResponseBytes: 1 << 20, maxRetries: 0 });
  emu.injectFault({ status: 200, body: `{"getRegionListResponse":{"returnCode":"0","x":"${'a'.repeat(2 << 20)}"}}`, contentType: 'json' });
  await assert.rejects(c.compute.getRegionList(), { code: 'ERR_DECODE', message: /answer larger than 1048576 bytes \(maxResponseBytes\)/ });
  // Endless, chunked (no Content-Length): refused once the limit is passed, not at the timeout.
  let aborted = false;
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const pump = () => {
      while (res.write(chunk));
      res.once('drain', pump);
    };
    res.on('close', () => (aborted = true));
    pump();
  });
  const port = await listen(server);
  t.after(() => server.close());
  const endless = ncloud.createClient({ endpoint: `http://127.0.0.1:${port}`, accessKey: 'a', secretKey: 'b', maxResponseBytes: 1 << 20, maxRetries: 0, timeout: 60000 });
  await assert.rejects(endless.compute.getRegionList(), { code: 'ERR_DECODE', message: /answer larger than/ });
  await new Promise((r) => setTimeout(r, 50));
  assert.ok(aborted, 'the connection was dropped');
  // The default client still reads ordinary answers.
  assert.equal((await client(emu).compute.getRegionList()).totalRows, 3);
});

test('error messages quote at most a short snippet of the answer', async (t) => {
  const emu = await emulator();
  t.after(() => emu.close());
  const c = client(emu, 'json', { maxRetries: 0 });
  const huge = 'x'.repeat(5 << 20);
  emu.injectFault({ status: 401, body: JSON.stringify({ error: { errorCode: '200', message: huge, details: huge } }), contentType: 'json' });
  const err = await c.compute.getRegionList().catch((e) => e);
  assert.equal(err.code, 'ERR_AUTH');
  assert.ok(err.message.length < 1000, `message of ${err.message.length} characters`);
  assert.ok(err.returnMessage.length < 1000);
  // A 500 whose body is not an NCP answer is ERR_GATEWAY, quoting a snippet; on a 200, ERR_DECODE.
  for (const [status, code] of [[500, 'ERR_GATEWAY'], [200, 'ERR_DECODE']]) {
    emu.injectFault({ status, body: `upstream ${huge}` });
    const e2 = await c.compute.getRegionList().catch((e) => e);
    assert.equal(e2.code, code);
    assert.ok(e2.message.length < 300, e2.message);
  }
});

// ---------------------------------------------------------------------------------------------
// 5. Credentials

test('no credentials anywhere: ERR_CREDENTIALS naming every place looked, never an emulator', async () => {
  await withEnv({}, async (home) => {
    for (const options of [undefined, {}, { oauth_consumer_key: undefined, oauth_consumer_secret: undefined }, { emulator: false }]) {
      const err = (() => {
        try {
          ncloud.createClient(options);
        } catch (e) {
          return e;
        }
        return null;
      })();
      assert.ok(err instanceof ncloud.NcloudError, util.inspect(options));
      assert.equal(err.code, 'ERR_CREDENTIALS');
      for (const place of ['accessKey', 'NCLOUD_ACCESS_KEY_ID', 'NCLOUD_SECRET_ACCESS_KEY', 'NCLOUD_ACCESS_KEY', 'NCLOUD_SECRET_KEY', path.join(home, '.ncloud', 'configure'), 'emulator: true']) {
        assert.ok(err.message.includes(place), `${place} in: ${err.message}`);
      }
    }
  });
});

test('misspelt options are ERR_VALIDATION naming them, with a "did you mean"', () => {
  assert.throws(() => ncloud.createClient({ accessKeyId: 'a', secretAccessKey: 'b', endpointUrl: 'https://x.example' }), {
    code: 'ERR_VALIDATION',
    message: "createClient: unknown options 'accessKeyId' (did you mean 'accessKey'?), 'secretAccessKey' (did you mean 'secretKey'?), 'endpointUrl' (did you mean 'endpoint'?)",
  });
  assert.throws(() => ncloud.createClient({ accessKey: 'a', secretKey: 'b', timeOut: 5 }), { code: 'ERR_VALIDATION', message: /'timeOut' \(did you mean 'timeout'\?\)/ });
  assert.throws(() => ncloud.createClient({ accessKey: 'a', secretKey: 'b', colour: 'red' }), { code: 'ERR_VALIDATION', message: "createClient: unknown option 'colour'" });
});

test('a key without its secret is an error wherever it is found', async () => {
  await withEnv({ NCLOUD_SECRET_ACCESS_KEY: 'from-env' }, async () => {
    assert.throws(() => ncloud.createClient({ accessKey: 'a' }), { code: 'ERR_CREDENTIALS', message: /access key was given without its secret key/ });
    assert.throws(() => ncloud.createClient({ oauth_consumer_secret: 'b' }), { code: 'ERR_CREDENTIALS', message: /secret key was given without its access key/ });
    assert.throws(() => ncloud.createClient(), { code: 'ERR_CREDENTIALS', message: 'NCLOUD_SECRET_ACCESS_KEY is set but NCLOUD_ACCESS_KEY_ID is not' });
  });
  await withEnv({ NCLOUD_ACCESS_KEY: 'k' }, async () => {
    assert.throws(() => ncloud.createClient(), { code: 'ERR_CREDENTIALS', message: 'NCLOUD_ACCESS_KEY is set but NCLOUD_SECRET_KEY is not' });
  });
  await withEnv({}, async (home) => {
    writeConfigure(home, '[DEFAULT]\nncloud_access_key_id = k\n');
    assert.throws(() => ncloud.createClient(), { code: 'ERR_CREDENTIALS', message: /\[DEFAULT\] has ncloud_access_key_id without ncloud_secret_access_key/ });
  });
});

test('credentials from the environment (both spellings) and from ~/.ncloud/configure profiles', async (t) => {
  const emu = await emulator();
  t.after(() => emu.close());
  const ok = async (c) => assert.equal((await c.compute.getRegionList()).totalRows, 3);
  await withEnv({ NCLOUD_API_GW: emu.endpoint, NCLOUD_ACCESS_KEY_ID: emu.accessKey, NCLOUD_SECRET_ACCESS_KEY: emu.secretKey, NCLOUD_ACCESS_KEY: 'wrong', NCLOUD_SECRET_KEY: 'wrong' }, async () => {
    const c = ncloud.createClient();
    assert.equal(c.usingEmulator, false);
    await ok(c);
  });
  await withEnv({ NCLOUD_API_GW: emu.endpoint, NCLOUD_ACCESS_KEY: emu.accessKey, NCLOUD_SECRET_KEY: emu.secretKey }, async () => {
    await ok(ncloud.createClient());
  });
  await withEnv({}, async (home) => {
    writeConfigure(
      home,
      [
        '# written by the ncloud CLI',
        '[DEFAULT]',
        `ncloud_access_key_id = ${emu.accessKey}`,
        'ncloud_secret_access_key = wrong-secret',
        `ncloud_api_url = ${emu.endpoint}`,
        '',
        '[dev]',
        `ncloud_access_key_id=${emu.accessKey}`,
        `ncloud_secret_access_key=${emu.secretKey}`,
        `ncloud_api_url=${emu.endpoint}`,
      ].join('\n'),
    );
    await assert.rejects(ncloud.createClient().compute.getRegionList(), { code: 'ERR_AUTH' }, 'DEFAULT profile, its (wrong) secret');
    await ok(ncloud.createClient({ profile: 'dev' }));
    process.env.NCLOUD_PROFILE = 'dev';
    await ok(ncloud.createClient());
    assert.throws(() => ncloud.createClient({ profile: 'prod' }), { code: 'ERR_CREDENTIALS', message: /profile 'prod' is not in/ });
    // Options come first.
    await ok(ncloud.createClient({ accessKey: emu.accessKey, secretKey: emu.secretKey, endpoint: emu.endpoint, profile: 'nope' }));
  });
});

test('the embedded emulator only when asked: emulator: true, an Emulator, NCLOUD_EMULATOR=1', async (t) => {
  const emu = await emulator();
  t.after(() => emu.close());
  const viaObject = ncloud.createClient(emu);
  assert.equal(viaObject.usingEmulator, true);
  assert.equal((await viaObject.compute.getRegionList()).totalRows, 3);
  assert.equal(await viaObject.emulator(), emu);
  await viaObject.close();
  assert.equal(emu.closed, false, "closing the client leaves the caller's emulator running");
  const viaOption = ncloud.createClient({ emulator: emu, region: 'KR' });
  assert.equal((await viaOption.compute.getRegionList()).totalRows, 3);
  assert.throws(() => ncloud.createClient({ emulator: true, accessKey: 'a', secretKey: 'b' }), { code: 'ERR_VALIDATION', message: /drop accessKey, secretKey/ });
  await withEnv({ NCLOUD_EMULATOR: '1' }, async () => {
    const c = ncloud.createClient();
    try {
      assert.equal(c.usingEmulator, true);
      assert.equal((await c.compute.getRegionList()).totalRows, 3);
    } finally {
      await c.close();
    }
  });
});

// ---------------------------------------------------------------------------------------------
// 6. Endpoint

test('the endpoint is checked in createClient', async () => {
  const make = (endpoint, extra = {}) => () => ncloud.createClient({ accessKey: 'a', secretKey: 'b', endpoint, ...extra });
  const bad = [
    ['http://ncloud.apigw.ntruss.com', /uses http:\/\/ to a host that is not a loopback one/],
    ['http://10.0.0.1:8080', /clear text/],
    ['file:///etc/passwd', /must use https:\/\//],
    ['ftp://example.com', /must use https:\/\//],
    ['', /endpoint is empty/],
    ['ncloud.apigw.ntruss.com', /is not a URL/],
    ['https://ncloud.apigw.ntruss.com\r\nX-Evil: 1', /spaces or control characters/],
    ['https://host.example/server/v2', /origin only/],
    ['https://host.example?x=1', /origin only/],
    ['http://::1:8080', /not a valid URL \(IPv6 hosts go in brackets/],
    [8080, /endpoint must be a URL string/],
  ];
  for (const [endpoint, message] of bad) {
    assert.throws(make(endpoint), (err) => {
      assert.ok(err instanceof ncloud.NcloudError, String(endpoint));
      assert.equal(err.code, 'ERR_VALIDATION', String(endpoint));
      assert.match(err.message, message);
      return true;
    });
  }
  assert.throws(make('https://user:pa55word@host.example'), (err) => {
    assert.equal(err.code, 'ERR_VALIDATION');
    assert.match(err.message, /must not carry a user name or password/);
    assert.ok(!err.message.includes('pa55word'));
    return true;
  });
  for (const endpoint of ['https://ncloud.apigw.ntruss.com', 'https://ncloud.apigw.gov-ntruss.com/', 'http://127.0.0.1:1', 'http://127.8.9.10:1', 'http://localhost:1', 'http://[::1]:1']) {
    assert.equal(make(endpoint)().endpoint, endpoint.replace(/\/$/, ''));
  }
  assert.equal(make('http://10.0.0.1:8080', { allowInsecureHttp: true })().endpoint, 'http://10.0.0.1:8080');
  await withEnv({ NCLOUD_API_GW: 'http://gateway.example', NCLOUD_ACCESS_KEY: 'a', NCLOUD_SECRET_KEY: 'b' }, async () => {
    assert.throws(() => ncloud.createClient(), { code: 'ERR_VALIDATION', message: /^NCLOUD_API_GW 'http:\/\/gateway.example' uses http:\/\// });
  });
});

test('an emulator on ::1 has a bracketed endpoint that clients can use', async (t) => {
  const emu = await emulator({ host: '::1' });
  t.after(() => emu.close());
  assert.match(emu.endpoint, /^http:\/\/\[::1\]:\d+$/);
  assert.equal((await client(emu).compute.getRegionList()).totalRows, 3);
});

// ---------------------------------------------------------------------------------------------
// 7. Callers' mistakes

test('a callback that is not a function is refused synchronously', async (t) => {
  const emu = await emulator();
  t.after(() => emu.close());
  const c = client(emu);
  for (const cb of ['not a function', 42, null, true]) {
    assert.throws(() => c.compute.getRegionList({}, cb), { name: 'NcloudError', code: 'ERR_VALIDATION', message: /the callback must be a function/ });
  }
  assert.throws(() => c.compute.findPrivateImages({}, {}, 'cb'), { code: 'ERR_VALIDATION' });
  assert.equal(emu.requestCount(), 0);
});

test('Symbol, function and BigInt inputs are NcloudErrors', async (t) => {
  const emu = await emulator();
  t.after(() => emu.close());
  const c = client(emu);
  const cases = [
    () => c.compute.getServerImageList({ serverImageName: Symbol('x') }),
    () => c.compute.getServerImageList({ serverImageName: () => 1 }),
    () => c.compute.getServerImageList({ [Symbol('k')]: 1 }),
    () => c.compute.getServerImageList(Symbol('params')),
    () => c.compute.getServerImageList({ pageNo: NaN, pageSize: 1 }),
  ];
  for (const call of cases) await assert.rejects(call(), { name: 'NcloudError', code: 'ERR_VALIDATION' });
  c.compute.regionNo = 1n;
  await assert.rejects(c.compute.findPrivateImages(), { name: 'NcloudError', code: 'ERR_VALIDATION', message: /regionNo must be a number or a string/ });
  c.compute.regionNo = undefined;
  assert.throws(() => client(emu, 'json', { region: 10n }), { name: 'NcloudError', code: 'ERR_VALIDATION', message: /'region' must be a string/ });
  assert.equal(emu.requestCount(), 0);
});

test('waiter options are validated', async (t) => {
  const emu = await emulator();
  t.after(() => emu.close());
  const c = client(emu);
  for (const options of [{ intervalMs: NaN }, { intervalMs: 0 }, { intervalMs: -5 }, { intervalMs: '100' }, { timeoutMs: Infinity }, { onPoll: 'log' }, null]) {
    await assert.rejects(c.compute.waitForServerImage('4000001', options), { name: 'NcloudError', code: 'ERR_VALIDATION' }, util.inspect(options));
  }
  assert.equal(emu.requestCount(), 0);
});

test("a 413 is the server's answer, not a broken pipe", async (t) => {
  const emu = await emulator();
  t.after(() => emu.close());
  const c = client(emu, 'json', { maxRetries: 0 });
  // About 2.5 MB of form body, over the emulator's (and a gateway's) 1 MB limit.
  const serverImageNoList = Array.from({ length: 100000 }, (_, i) => String(4000000 + i));
  const err = await c.compute.getServerImageList({ serverImageNoList }).catch((e) => e);
  assert.ok(err instanceof ncloud.NcloudError);
  assert.equal(err.code, 'ERR_GATEWAY', err.message);
  assert.equal(err.httpStatus, 413);
  assert.match(err.message, /Request Entity Too Large/);
});

// ---------------------------------------------------------------------------------------------
// 8. Timeouts

test('timeout is the deadline of the whole call, retries and back-off included', { timeout: 60000 }, async (t) => {
  const emu = await emulator();
  t.after(() => emu.close());
  // Every attempt is cut by attemptTimeout and retried; the call still ends at its deadline.
  emu.injectFault({ action: 'getRegionList', status: 200, body: '{}', contentType: 'json', delayMs: 5000, count: 1000 });
  const c = client(emu, 'json', { timeout: 800, attemptTimeout: 100, maxRetries: 1000, retryBaseDelay: 1 });
  const err = await c.compute.getRegionList().catch((e) => e);
  assert.equal(err.code, 'ERR_TIMEOUT');
  assert.ok(err.attempts >= 2 && err.attempts < 1000, `attempts: ${err.attempts}`);
  // One attempt cut by attemptTimeout names it; the deadline names timeout.
  const one = client(emu, 'json', { timeout: 10000, attemptTimeout: 100, maxRetries: 0 });
  await assert.rejects(one.compute.getRegionList(), { code: 'ERR_TIMEOUT', message: /timed out after 100 ms \(attemptTimeout\)/, attempts: 1 });
  const whole = client(emu, 'json', { timeout: 150, maxRetries: 3 });
  // A read that ran out of time may succeed later: retryable, but no time was left to retry it.
  await assert.rejects(whole.compute.getRegionList(), { code: 'ERR_TIMEOUT', message: /timed out after 150 ms \(timeout/, attempts: 1, retryable: true });
});

test('a timed-out state-changing call is not retried and is retryable: false', async (t) => {
  const emu = await emulator();
  t.after(() => emu.close());
  emu.injectFault({ action: 'createServerImage', status: 200, body: '{}', contentType: 'json', delayMs: 3000 });
  const c = client(emu, 'json', { attemptTimeout: 100, maxRetries: 3, retryBaseDelay: 1 });
  await assert.rejects(c.compute.createServerImage({ serverInstanceNo: '1000001', serverImageName: 'maybe-arrived' }), {
    code: 'ERR_TIMEOUT',
    retryable: false,
    attempts: 1,
  });
  assert.equal(emu.requestCount(), 1);
});

test('a connect timeout names connectTimeout', { timeout: 30000 }, async (t) => {
  // A listener that never accepts, its backlog filled: further connections hang in SYN.
  const py = spawn('python3', ['-c', 'import socket,sys,time\ns=socket.socket()\ns.bind(("127.0.0.1",0))\ns.listen(0)\nprint(s.getsockname()[1],flush=True)\ntime.sleep(60)'], { stdio: ['ignore', 'pipe', 'inherit'] });
  t.after(() => py.kill());
  const port = Number(await new Promise((resolve) => py.stdout.once('data', (d) => resolve(String(d).trim()))));
  const fillers = [];
  for (let i = 0; i < 4; i++) {
    const s = net.connect(port, '127.0.0.1');
    s.on('error', () => {});
    fillers.push(s);
  }
  t.after(() => fillers.forEach((s) => s.destroy()));
  await new Promise((r) => setTimeout(r, 200));
  const c = ncloud.createClient({ endpoint: `http://127.0.0.1:${port}`, accessKey: 'a', secretKey: 'b', connectTimeout: 300, maxRetries: 0 });
  const err = await c.compute.getRegionList().catch((e) => e);
  assert.equal(err.code, 'ERR_TIMEOUT', err.message);
  assert.match(err.message, /could not connect to http:\/\/127\.0\.0\.1:\d+ within 300 ms \(connectTimeout\)/);
});

// ---------------------------------------------------------------------------------------------
// 9. The emulator

test('emulator settings out of range are refused', async (t) => {
  await assert.rejects(ncloud.startEmulator({ port: 0, failureRate: 5 }), { code: 'ERR_VALIDATION', message: /failureRate must be between 0 and 1, got 5/ });
  await assert.rejects(ncloud.startEmulator({ port: 0, failureRate: -1 }), { code: 'ERR_VALIDATION', message: /failureRate/ });
  const emu = await emulator();
  t.after(() => emu.close());
  assert.throws(() => emu.configure({ failureRate: 1.5 }), { code: 'ERR_VALIDATION', message: /failureRate/ });
  emu.configure({ failureRate: 1 });
  assert.throws(() => emu.injectFault({ count: 0 }), { code: 'ERR_VALIDATION', message: /count must be at least 1/ });
  assert.throws(() => emu.injectFault({ status: 42 }), { code: 'ERR_VALIDATION', message: /status/ });
  // Nothing was queued by the refused fault.
  assert.equal((await client(emu).compute.getRegionList()).totalRows, 3);
});

test('the emulator never shows its secret key', async (t) => {
  const emu = await emulator({ secretKey: 'EMU-SECRET-123' });
  t.after(() => emu.close());
  for (const shown of [util.inspect(emu), util.inspect(emu, { showHidden: true, depth: 5 }), JSON.stringify(emu), util.format('%o', emu)]) {
    assert.ok(!shown.includes('EMU-SECRET-123'), shown);
  }
  assert.equal(emu.secretKey, 'EMU-SECRET-123');
  const err = await ncloud.startEmulator({ port: 0, secretKey: 987654321 }).catch((e) => e);
  assert.equal(err.code, 'ERR_VALIDATION');
  assert.ok(!err.message.includes('987654321'), err.message);
});

test('the emulator closes connections that stall before a whole request head, or sit idle', { timeout: 30000 }, async (t) => {
  const emu = await emulator({ headerTimeoutMs: 300 });
  t.after(() => emu.close());
  const { port } = new URL(emu.endpoint);
  const closed = (sock) => new Promise((resolve) => sock.on('close', resolve).on('error', () => {}));
  // Slowloris: half a request head, never finished.
  const slow = net.connect(Number(port), '127.0.0.1', () => slow.write('POST /vserver/v2/getRegionList HTTP/1.1\r\nHost: x\r\n'));
  // Idle: connected, nothing sent.
  const idle = net.connect(Number(port), '127.0.0.1');
  await Promise.all([closed(slow), closed(idle)]);
  // A keep-alive connection left idle after a request is closed too (the agent's idle sockets do
  // not hold the event loop: a timer does, meanwhile).
  const hold = setInterval(() => {}, 1000);
  try {
    const agent = new http.Agent({ keepAlive: true });
    const req = http.get({ host: '127.0.0.1', port, path: '/nope', agent });
    const sock = await new Promise((resolve) => req.on('socket', resolve));
    const gone = closed(sock);
    const res = await new Promise((resolve) => req.on('response', resolve));
    assert.equal(res.statusCode, 404);
    res.resume();
    await gone;
    agent.destroy();
  } finally {
    clearInterval(hold);
  }
});

test('-9223372036854775808 in a numeric field does not overflow', async (t) => {
  const emu = await emulator();
  t.after(() => emu.close());
  emu.injectFault({ status: 200, body: '{"getRegionListResponse":{"returnCode":"0","totalRows":-9223372036854775808,"regionList":[]}}', contentType: 'json' });
  const res = await client(emu).compute.getRegionList();
  assert.equal(res.totalRows, '-9223372036854775808');
});

// ---------------------------------------------------------------------------------------------
// 10. TLS

test('ca: a private CA (PEM) is trusted for the gateway; without it the certificate is refused', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ncloud-ca-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const f = (n) => path.join(dir, n);
  const ssl = (...args) => execFileSync('openssl', args, { stdio: 'ignore' });
  ssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', f('ca.key'), '-out', f('ca.pem'), '-days', '2', '-subj', '/CN=ncloud test CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  ssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', f('srv.key'), '-out', f('srv.csr'), '-subj', '/CN=localhost');
  fs.writeFileSync(f('ext.cnf'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n');
  ssl('x509', '-req', '-in', f('srv.csr'), '-CA', f('ca.pem'), '-CAkey', f('ca.key'), '-CAcreateserial', '-out', f('srv.pem'), '-days', '2', '-extfile', f('ext.cnf'));
  const server = https.createServer({ key: fs.readFileSync(f('srv.key')), cert: fs.readFileSync(f('srv.pem')) }, (req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ getRegionListResponse: { totalRows: 1, regionList: [{ regionCode: 'KR', regionName: 'Korea' }], requestId: 'r', returnCode: '0', returnMessage: 'success' } }));
  });
  const port = await listen(server);
  t.after(() => server.close());
  const base = { endpoint: `https://localhost:${port}`, accessKey: 'a', secretKey: 'b', maxRetries: 0 };
  const refused = await ncloud.createClient(base).compute.getRegionList().catch((e) => e);
  assert.equal(refused.code, 'ERR_NETWORK');
  assert.match(refused.message, /certificate|UnknownIssuer/i);
  const pem = fs.readFileSync(f('ca.pem'));
  for (const ca of [pem, pem.toString('utf8'), [pem]]) {
    const res = await ncloud.createClient({ ...base, ca }).compute.getRegionList();
    assert.equal(res.regionList[0].regionCode, 'KR');
  }
  assert.throws(() => ncloud.createClient({ ...base, ca: 'not a certificate' }), { code: 'ERR_VALIDATION', message: /'ca' holds no PEM certificate/ });
});

test('out of file descriptors, the emulator backs off instead of spinning a core', { timeout: 60000 }, async () => {
  const script = `
    const net = require('node:net');
    const ncloud = require(${JSON.stringify(path.join(__dirname, '..'))});
    (async () => {
      const emu = await ncloud.startEmulator({ port: 0 });
      const port = Number(new URL(emu.endpoint).port);
      const socks = [];
      // Connect until the process has no descriptor left: the kernel keeps queuing connections the
      // emulator cannot accept (EMFILE).
      for (let i = 0; i < 400; i++) {
        const s = net.connect(port, '127.0.0.1');
        s.on('error', () => {});
        socks.push(s);
      }
      await new Promise((r) => setTimeout(r, 500));
      const before = process.cpuUsage();
      await new Promise((r) => setTimeout(r, 2000));
      const used = process.cpuUsage(before);
      console.log(JSON.stringify({ cpuMs: (used.user + used.system) / 1000 }));
      process.exit(0);
    })();
  `;
  const out = execFileSync('sh', ['-c', `ulimit -n 128 && exec "${process.execPath}" -e "$0"`, script], { encoding: 'utf8', timeout: 30000 });
  const { cpuMs } = JSON.parse(out.trim().split('\n').pop());
  // A busy accept loop burns most of a core for the 2 s measured; backing off uses almost none.
  assert.ok(cpuMs < 400, `${cpuMs} ms of CPU in 2 s`);
});

test('HTTPS_PROXY is used for https endpoints (read when the client is created)', async (t) => {
  const seen = [];
  const proxy = http.createServer();
  // Refuse the tunnel: nothing leaves the machine.
  proxy.on('connect', (req, sock) => {
    seen.push(req.url);
    sock.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  const port = await listen(proxy);
  t.after(() => proxy.close());
  const saved = process.env.HTTPS_PROXY;
  process.env.HTTPS_PROXY = `http://127.0.0.1:${port}`;
  let c;
  try {
    c = ncloud.createClient({ endpoint: 'https://ncloud.apigw.ntruss.com', accessKey: 'a', secretKey: 'b', maxRetries: 0 });
  } finally {
    if (saved === undefined) delete process.env.HTTPS_PROXY;
    else process.env.HTTPS_PROXY = saved;
  }
  await assert.rejects(c.compute.getRegionList(), { code: 'ERR_NETWORK', message: /tunnel/ });
  assert.deepStrictEqual(seen, ['ncloud.apigw.ntruss.com:443']);
});
