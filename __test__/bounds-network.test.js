'use strict';
// Bounded under load (issue 14), the rest: proxies, pinned certificates, the emulator's lifetime,
// paginators that stop, signed parameters and the smaller input checks (resources: bounds.test.js).
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const http = require('node:http');
const https = require('node:https');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { ncloud, emulator, client } = require('./helpers');
const { ROOT, runScript, listen, REGIONS, remote } = require('./bounds/shared');

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
  assert.match(err.message, /paginateGetServerImageList: stopped: page 2 brings no item not seen before/);
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

test('a paginator stops on a page that brings no item not seen before, and after maxPages pages', { timeout: 120000 }, async (t) => {
  // The same ten items in another order on every page, totalRows 1e9: the second page ends it.
  const ten = Array.from({ length: 10 }, (_, i) => image(i + 1));
  const shuffled = await pageServer(t, (n) => ({ items: n % 2 ? ten : [...ten].reverse(), totalRows: 1e9 }));
  const a = await drain(shuffled.c.compute.paginateGetServerImageList(undefined, { pageSize: 10 }));
  assert.match(a.err?.message ?? '', /stopped: page 2 brings no item not seen before/);
  assert.equal(a.err.code, 'ERR_DECODE');
  assert.deepEqual(shuffled.asked, [1, 2]);
  assert.equal(a.got.length, 10);
  // Pages that mix seen and new items go on; no item is yielded twice.
  const overlap = await pageServer(t, (n) => ({ items: n <= 3 ? [image(n), image(n + 1)] : [], totalRows: 4 }));
  assert.deepEqual(await drain(overlap.c.compute.paginateGetServerImageList(undefined, { pageSize: 2 })), { got: ['1', '2', '3', '4'], err: null });
  // Endless new pages with totalRows 1e9: maxPages ends them, as given and by default (1,000).
  const endless = await pageServer(t, (n) => ({ items: [image(n)], totalRows: 1e9 }));
  const b = await drain(endless.c.compute.paginateGetServerImageList(undefined, { pageSize: 1, maxPages: 5 }));
  assert.match(b.err?.message ?? '', /stopped: 5 pages \(maxPages\) came and the server promises more; give \{ maxPages \} to read further/);
  assert.deepEqual(endless.asked, [1, 2, 3, 4, 5]);
  assert.equal(b.got.length, 5);
  endless.asked.length = 0;
  const d = await drain(endless.c.compute.paginateGetServerImageList(undefined, { pageSize: 1 }));
  assert.match(d.err?.message ?? '', /stopped: 1000 pages \(maxPages\)/);
  assert.equal(endless.asked.length, 1000);
  // A last page that is the maxPages-th ends quietly; a bad maxPages is refused at once.
  const two = await pageServer(t, (n) => ({ items: n <= 2 ? [image(2 * n), image(2 * n + 1)] : [], totalRows: 4 }));
  assert.deepEqual(await drain(two.c.compute.paginateGetServerImageList(undefined, { pageSize: 2, maxPages: 2 })), { got: ['2', '3', '4', '5'], err: null });
  for (const maxPages of [0, 1.5, '10', Infinity]) {
    assert.throws(() => two.c.compute.paginateGetServerImageList(undefined, { maxPages }), { code: 'ERR_VALIDATION', message: /'maxPages' must be a positive integer/ });
  }
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

test('old-client ids are numbers, and text when a number cannot hold them exactly (as docs/drop-in.md says)', async (t) => {
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
  const page = fs.readFileSync(path.join(ROOT, 'docs', 'drop-in.md'), 'utf8');
  assert.match(page, /ids are numbers \(text when a number cannot hold them exactly/);
});
