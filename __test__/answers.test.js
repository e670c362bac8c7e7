'use strict';
// Issue 21 (5-9): answers NCP's gateway would not give, and requests it would not take. An error status
// with a body that is not an NCP answer is ERR_GATEWAY; an answer wrapped for another action is
// ERR_DECODE; Retry-After in every HTTP-date form; large answers of known length wait for room in
// maxBufferedBytes; a request body larger than the gateway accepts is refused before it is sent.
const test = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const { ncloud, emulator, client } = require('./helpers');
const { runScript, listen, remote } = require('./bounds/shared');

test('an error status whose body is not an NCP answer is ERR_GATEWAY (ERR_AUTH for 401), not ERR_DECODE', async (t) => {
  const emu = await emulator();
  t.after(() => emu.close());
  const c = client(emu, 'json', { maxRetries: 0 });
  const cases = [
    [429, 'Too Many Requests', 'text/plain', 'ERR_GATEWAY'],
    [500, 'Internal Server Error', 'text/plain', 'ERR_GATEWAY'],
    [502, '<html><body><h1>502 Bad Gateway</h1></body></html>', 'text/html', 'ERR_GATEWAY'],
    [503, '', 'text/plain', 'ERR_GATEWAY'],
    [504, '{"truncated": ', 'json', 'ERR_GATEWAY'],
    [403, 'Forbidden', 'text/plain', 'ERR_GATEWAY'],
    [404, '<!DOCTYPE html><html><title>Not Found</title></html>', 'text/html', 'ERR_GATEWAY'],
    [401, 'Unauthorized', 'text/plain', 'ERR_AUTH'],
    // A success status with a body that is not an answer is still one that cannot be understood.
    [200, 'OK', 'text/plain', 'ERR_DECODE'],
  ];
  for (const [status, body, contentType, code] of cases) {
    emu.injectFault({ action: 'getRegionList', status, body, contentType });
    const err = await c.compute.getRegionList().catch((e) => e);
    assert.ok(err instanceof ncloud.NcloudError, `${status}: ${err}`);
    assert.equal(err.code, code, `${status} ${JSON.stringify(body)}: ${err.message}`);
    assert.equal(err.httpStatus, status);
    assert.equal(err.action, 'getRegionList');
    if (body && code !== 'ERR_DECODE') assert.ok(err.message.includes(body.slice(0, 10)), `the body is quoted: ${err.message}`);
  }
  // Still retried as the status says: a read through a 503 with a text body.
  const r = client(emu, 'json', { maxRetries: 2, retryBaseDelay: 1 });
  emu.clearRequests();
  emu.injectFault({ action: 'getRegionList', status: 503, body: 'Service Unavailable', count: 2 });
  assert.equal((await r.compute.getRegionList()).totalRows, 3);
  assert.deepEqual(emu.requests().map((x) => x.status), [503, 503, 200]);
  // And the old client's surface says the same (0.1.x findPrivateImages: Classic getMemberServerImageList).
  emu.injectFault({ action: 'getMemberServerImageList', status: 502, body: 'Bad Gateway' });
  await assert.rejects(c.compute.findPrivateImages(), { code: 'ERR_GATEWAY', httpStatus: 502 });
});

/** A server answering every request with `body` (status 200) in the given content type. */
async function cannedServer(t, body, type = 'application/json') {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
  });
  const port = await listen(server);
  t.after(() => server.close());
  return `http://127.0.0.1:${port}`;
}

test('an answer wrapped for another action is ERR_DECODE, in both formats', async (t) => {
  const launch = { serverImageProductCode: 'SW.VSVR.OS.LNX64.ROCKY.0810.B050', vpcNo: '1', subnetNo: '1', networkInterfaceList: [{ networkInterfaceOrder: 0 }] };
  const bodies = {
    json: JSON.stringify({ deleteEverythingResponse: { requestId: 'r', returnCode: '0', returnMessage: 'success', totalRows: 0, serverInstanceList: [] } }),
    xml: '<deleteEverythingResponse><requestId>r</requestId><returnCode>0</returnCode><returnMessage>success</returnMessage><totalRows>0</totalRows><serverInstanceList/></deleteEverythingResponse>',
  };
  for (const format of ['json', 'xml']) {
    const endpoint = await cannedServer(t, bodies[format], `application/${format}`);
    const c = remote(endpoint, { responseFormat: format, maxRetries: 0 });
    const err = await c.compute.createServerInstances(launch).catch((e) => e);
    assert.ok(err instanceof ncloud.NcloudError, `${format}: resolved ${JSON.stringify(err)}`);
    assert.equal(err.code, 'ERR_DECODE', err.message);
    assert.match(err.message, /deleteEverythingResponse, another action's, not createServerInstancesResponse/);
  }
  // A real action of another answer, or one that changes state, is not this call's answer either.
  for (const wrapper of ['getZoneListResponse', 'terminateServerInstancesResponse']) {
    const body = JSON.stringify({ [wrapper]: { returnCode: '0', returnMessage: 'success', totalRows: 1, serverInstanceList: [{ serverInstanceNo: '1' }] } });
    const c = remote(await cannedServer(t, body), { maxRetries: 0 });
    await assert.rejects(c.compute.getServerInstanceList(), { code: 'ERR_DECODE', message: new RegExp(wrapper) });
  }
  // The one NCP documents: a create answering in its list's wrapper (seed 001) is taken.
  const seed = JSON.stringify({ getServerImageListResponse: { returnCode: '0', returnMessage: 'success', totalRows: 1, serverImageList: [{ serverImageNo: '5847', serverImageName: 'test-001' }] } });
  const c = remote(await cannedServer(t, seed), { maxRetries: 0 });
  const made = await c.compute.createServerImage({ serverInstanceNo: '1', serverImageName: 'test-001' });
  assert.equal(made.serverImageList[0].serverImageNo, '5847');
});

test('Retry-After as an RFC 850 or asctime date is understood, and a huge number ends the call as a long wait does', async (t) => {
  const emu = await emulator();
  t.after(() => emu.close());
  const c = client(emu, 'json', { maxRetries: 2, retryBaseDelay: 1 });
  const inAnHour = new Date(Date.now() + 3600e3);
  const day = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][inAnHour.getUTCDay()];
  const [, d, mon, y, time] = inAnHour.toUTCString().split(' ');
  const rfc850 = `${day}, ${d}-${mon}-${y.slice(2)} ${time} GMT`;
  const asctime = `${day.slice(0, 3)} ${mon} ${String(Number(d)).padStart(2, ' ')} ${time} ${y}`;
  // An hour ahead, in every form, and more seconds than a number holds: beyond the 20-s cap, so the call
  // ends after its first attempt (the fault is injected once: a retry would succeed).
  for (const value of [inAnHour.toUTCString(), rfc850, asctime, '99999999999999999999', '100']) {
    emu.clearRequests();
    emu.injectFault({ action: 'getRegionList', status: 503, headers: { 'Retry-After': value } });
    const err = await c.compute.getRegionList().catch((e) => e);
    assert.equal(err.code, 'ERR_API', `${value}: ${err.message}`);
    assert.equal(err.attempts, 1, `Retry-After: ${value}`);
    assert.equal(err.retryable, true);
    assert.equal(emu.requestCount(), 1, value);
  }
  // In the past, in the old forms: retried now.
  for (const value of ['Sunday, 06-Nov-94 08:49:37 GMT', 'Sun Nov  6 08:49:37 1994']) {
    emu.clearRequests();
    emu.injectFault({ action: 'getRegionList', status: 429, headers: { 'Retry-After': value } });
    assert.equal((await c.compute.getRegionList()).totalRows, 3, value);
    assert.deepEqual(emu.requests().map((r) => r.status), [429, 200], value);
  }
});

test('twelve valid 60 MB answers on one client all arrive: an answer of known length waits for room in maxBufferedBytes', { timeout: 240000 }, async () => {
  const r = await runScript('large-answers.js', { args: [12, 60e6] });
  assert.equal(r.signal, null, r.stderr);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(r.out, r.stdout);
  assert.deepEqual(r.out.results, { ok: 12 }, JSON.stringify(r.out));
  assert.ok(r.out.peakHeldBytes <= r.out.maxBufferedBytes, `${r.out.peakHeldBytes} bytes held at once`);
  assert.ok(r.out.peakHeldBytes >= 60e6, 'the answers were held by the budget');
});

test('a request body larger than the gateway takes is refused before it is sent, naming the parameter', async (t) => {
  let requests = 0;
  const server = http.createServer((req, res) => {
    requests += 1;
    req.resume();
    res.writeHead(413, { 'content-type': 'text/plain' });
    res.end('Request Entity Too Large');
  });
  const port = await listen(server);
  t.after(() => server.close());
  const c = remote(`http://127.0.0.1:${port}`, { maxRetries: 0 });
  // 400,000 items of a list make about 14 MB; 100,000 (3.5 MB) are sent.
  const many = Array.from({ length: 400000 }, (_, i) => String(1000000 + i));
  const err = await c.compute.getServerInstanceList({ serverInstanceNoList: many }).catch((e) => e);
  assert.equal(err.code, 'ERR_VALIDATION', err.message);
  assert.match(err.message, /getServerInstanceList: the request body would be \d+ bytes, over the 10485760 bytes \(10 MiB\) NCP's API gateway accepts; 'serverInstanceNoList' is \d+ bytes of it/);
  // One large value.
  const big = 'x'.repeat(11 << 20);
  const e2 = await c.compute.getServerImageList({ serverImageName: big }).catch((e) => e);
  assert.equal(e2.code, 'ERR_VALIDATION', e2.message);
  assert.match(e2.message, /'serverImageName' is \d+ bytes of it/);
  assert.equal(requests, 0, 'nothing was sent');
  // Under the bound it is sent (and the gateway's own 413 is ERR_GATEWAY).
  const fine = await c.compute.getServerInstanceList({ serverInstanceNoList: many.slice(0, 100000) }).catch((e) => e);
  assert.equal(fine.code, 'ERR_GATEWAY', fine.message);
  assert.equal(fine.httpStatus, 413);
  assert.equal(requests, 1);
});
