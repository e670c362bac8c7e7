'use strict';
// Failures a user must be able to act on: API errors, authentication, network, malformed answers,
// retries and timeouts. Every one is an NcloudError; none crashes the process.
const test = require('node:test');
const assert = require('node:assert/strict');
const net = require('node:net');
const util = require('node:util');
const { ncloud, FORMATS, emulator, client, viaCallback } = require('./helpers');

for (const format of FORMATS) {
  test(`an API error keeps the old message form and its fields (${format})`, async (t) => {
    const emu = await emulator();
    t.after(() => emu.close());
    const c = client(emu, format);
    const [err, result] = await viaCallback(c.compute.getServerImageDetail, { serverImageNo: '999' });
    assert.equal(result, null);
    assert.ok(err instanceof ncloud.NcloudError);
    assert.ok(err instanceof Error);
    assert.equal(err.name, 'NcloudError');
    assert.equal(err.code, 'ERR_API');
    assert.equal(err.httpStatus, 400);
    assert.equal(err.returnCode, '10404');
    assert.equal(err.returnMessage, 'The server image does not exist. (999)');
    // helpers/errorHandler (0.1.13+): new Error(`Error: returnCode: ${ error.response.data.returnCode }, returnMessage: ${ error.response.data.returnMessage }`)
    assert.equal(err.message, 'Error: returnCode: 10404, returnMessage: The server image does not exist. (999)');
    assert.equal(err.action, 'getServerImageDetail');
    assert.equal(err.retryable, false);
  });

  test(`malformed answers become ERR_DECODE, not a crash (${format})`, async (t) => {
    const emu = await emulator();
    t.after(() => emu.close());
    const c = client(emu, format, { maxRetries: 0 });
    const bodies = [
      ['truncated XML', 200, '<getRegionListResponse><requestId>1</requestId><returnCode>0</returnCode><regionList><region><regionCode>KR', 'xml', /malformed XML/],
      ['truncated JSON', 200, '{"getRegionListResponse": {"totalRows": 3, "regionList": [{"regionCode": "K', 'json', /malformed JSON/],
      // On a success status (with an error status they are ERR_GATEWAY: answers.test.js).
      ['an HTML page', 200, '<!DOCTYPE html><html><head><title>Welcome</title></head><body>nginx</body></html>', 'html', /HTTP 200: expected an NCP API answer, got an HTML page/],
      ['an empty body', 200, '', 'text', /HTTP 200: empty response body/],
      ['plain text', 200, 'upstream connect error', 'text', /unrecognized response body/],
      ['a number where a list is due', 200, '{"getRegionListResponse": {"returnCode": "0", "regionList": 5}}', 'json', /'regionList': expected a list/],
    ];
    for (const [what, status, body, contentType, message] of bodies) {
      await t.test(what, async () => {
        emu.injectFault({ action: 'getRegionList', status, body, contentType });
        const err = await c.compute.getRegionList().then(() => assert.fail('expected an error'), (e) => e);
        assert.ok(err instanceof ncloud.NcloudError, what);
        assert.equal(err.code, 'ERR_DECODE', `${what}: ${err.message}`);
        assert.match(err.message, message);
        assert.equal(err.httpStatus, status);
      });
    }
    // The client still works afterwards.
    assert.equal((await c.compute.getRegionList()).totalRows, 3);
  });
}

test('all three error body shapes become one NcloudError', async (t) => {
  const emu = await emulator();
  t.after(() => emu.close());
  const c = client(emu, 'json', { maxRetries: 0 });
  emu.injectFault({ status: 400, body: '{"responseError":{"returnCode":"25018","returnMessage":" busy \\n"}}', contentType: 'json' });
  await assert.rejects(c.compute.getRegionList(), { code: 'ERR_API', returnCode: '25018', returnMessage: 'busy', httpStatus: 400 });
  emu.injectFault({ status: 403, body: '{"error":{"errorCode":"230","message":"Forbidden","details":"no permission"}}', contentType: 'json' });
  await assert.rejects(c.compute.getRegionList(), { code: 'ERR_GATEWAY', returnCode: '230', httpStatus: 403, message: /^Error: returnCode: 230, returnMessage: Forbidden \(no permission\) - the key is valid but not allowed this action: for a sub-account, check that its policies allow it/ });
  emu.injectFault({ status: 200, body: '<getRegionListResponse><requestId>r-1</requestId><returnCode>1300</returnCode><returnMessage>later</returnMessage></getRegionListResponse>', contentType: 'xml' });
  await assert.rejects(c.compute.getRegionList(), { code: 'ERR_API', returnCode: '1300', requestId: 'r-1' });
  emu.injectFault({ status: 400, body: '<responseError><returnCode>900</returnCode><returnMessage>Required field is not specified.</returnMessage></responseError>', contentType: 'xml' });
  await assert.rejects(c.compute.getRegionList(), { code: 'ERR_API', returnCode: '900' });
});

test('a wrong secret key is refused by the emulator with the gateway 401 body', async (t) => {
  const emu = await emulator();
  t.after(() => emu.close());
  const c = ncloud.createClient({ endpoint: emu.endpoint, accessKey: emu.accessKey, secretKey: 'not-the-secret' });
  const [err] = await viaCallback(c.compute.getRegionList);
  assert.equal(err.code, 'ERR_AUTH');
  assert.equal(err.httpStatus, 401);
  assert.equal(err.returnCode, '200');
  assert.match(err.message, /^Error: returnCode: 200, returnMessage: Authentication Failed \(signature mismatch\) - check the access key and the secret key .*, the clock of this machine .*, and, for a sub-account, that its policies allow this action$/);
  assert.ok(!err.message.includes('not-the-secret'));
  assert.deepStrictEqual(emu.requests().map((r) => r.status), [401]);
  const wrongKey = ncloud.createClient({ endpoint: emu.endpoint, accessKey: 'someone-else', secretKey: emu.secretKey });
  await assert.rejects(wrongKey.compute.getRegionList(), { code: 'ERR_AUTH', message: /unknown access key/ });
});

test('a refused connection reaches the callback as ERR_NETWORK', async () => {
  // A port that was free a moment ago: nothing listens there.
  const port = await new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
  });
  const c = ncloud.createClient({ endpoint: `http://127.0.0.1:${port}`, accessKey: 'ak', secretKey: 'sk', maxRetries: 1, retryBaseDelay: 10 });
  const [err, result] = await viaCallback(c.compute.findPrivateImages);
  assert.equal(result, null);
  assert.equal(err.code, 'ERR_NETWORK');
  assert.match(err.message, new RegExp(`could not connect to http://127.0.0.1:${port}`));
  assert.equal(err.attempts, 2, 'a connection that was never made is retried');
  assert.equal(err.retryable, true);
  // Even a create: nothing reached a server, so sending it again cannot create twice.
  await assert.rejects(c.compute.createPrivateImage({ serverInstanceNo: 1 }), { code: 'ERR_NETWORK', attempts: 2 });
});

test('transient failures of read actions are retried; changes are not', async (t) => {
  const emu = await emulator();
  t.after(() => emu.close());
  const c = client(emu, 'json', { maxRetries: 2, retryBaseDelay: 5 });
  emu.injectFault({ action: 'getServerImageList', status: 500, count: 2 });
  const list = await c.compute.getServerImageList();
  assert.equal(list.returnCode, '0');
  assert.deepStrictEqual(emu.requests().map((r) => r.status), [500, 500, 200]);

  emu.clearRequests();
  emu.injectFault({ action: 'getServerImageList', status: 503, count: 3, body: '{"error":{"errorCode":"500","message":"Endpoint Error"}}', contentType: 'json' });
  await assert.rejects(c.compute.getServerImageList(), { code: 'ERR_GATEWAY', httpStatus: 503, attempts: 3, retryable: true });
  assert.equal(emu.requestCount(), 3);

  emu.clearRequests();
  emu.injectFault({ action: 'createServerImage', status: 500 });
  await assert.rejects(c.compute.createServerImage({ serverInstanceNo: '1000001', serverImageName: 'once-only' }), { code: 'ERR_API', returnCode: '1300', attempts: 1 });
  assert.equal(emu.requestCount(), 1, 'a create is never sent twice');
});

test('a slow answer ends in ERR_TIMEOUT after the configured timeout', async (t) => {
  const emu = await emulator();
  t.after(() => emu.close());
  const c = client(emu, 'json', { timeout: 200, maxRetries: 0 });
  emu.injectFault({ action: 'getRegionList', status: 200, delayMs: 2000, body: '{}', contentType: 'json' });
  await assert.rejects(c.compute.getRegionList(), { code: 'ERR_TIMEOUT', message: /timed out after 200 ms/ });
});

test('the secret key never shows in inspect, JSON or errors', async (t) => {
  const emu = await emulator();
  t.after(() => emu.close());
  const secret = 'S3CRET-never-print-me';
  const c = ncloud.createClient({ endpoint: emu.endpoint, accessKey: emu.accessKey, secretKey: secret });
  const shown = [util.inspect(c, { depth: 10, showHidden: true }), JSON.stringify(c), util.inspect(c.compute, { depth: 5 })];
  const err = await c.compute.getRegionList().catch((e) => e);
  shown.push(util.inspect(err), JSON.stringify(err), err.stack);
  for (const s of shown) assert.ok(!s.includes(secret), s);
  assert.match(util.inspect(c), /Client \{ endpoint: 'http:\/\/127\.0\.0\.1:\d+'/);
});

test('requests carry a User-Agent naming the package and version', async (t) => {
  const emu = await emulator();
  t.after(() => emu.close());
  await client(emu).compute.getRegionList();
  const [req] = emu.requests();
  assert.equal(req.userAgent, `ncloud-node/${require('../package.json').version} (rust; napi-rs)`);
  assert.equal(req.method, 'POST');
  assert.equal(req.signatureHeader, 'v2');
});

test('a client without credentials uses an embedded emulator of its own', async () => {
  const c = ncloud.createClient({ emulator: true });
  try {
    assert.equal(c.usingEmulator, true);
    const regions = await c.compute.getRegionList();
    assert.equal(regions.regionList[0].regionCode, 'KR');
    const emu = await c.emulator();
    assert.equal(emu.requestCount(), 1);
    assert.equal(c.endpoint, emu.endpoint);
  } finally {
    await c.close();
  }
});
