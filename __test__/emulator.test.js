'use strict';
// The emulator as any HTTP client sees it: signatures checked like the API gateway (v2 and v1 header
// names, GET query and POST body, the 5-minute window), routing, formats, state over time, the CLI.
// Requests here are signed by Node's own crypto, independently of the Rust signer.
const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { ncloud, emulator, client, sleep } = require('./helpers');

function sign(secret, method, uri, ts, ak) {
  return crypto.createHmac('sha256', secret).update(`${method} ${uri}\n${ts}\n${ak}`).digest('base64');
}

async function raw(emu, { method = 'GET', uri, body, header = 'x-ncp-apigw-signature-v2', ts = Date.now(), secret = emu.secretKey }) {
  const headers = {
    'x-ncp-apigw-timestamp': String(ts),
    'x-ncp-iam-access-key': emu.accessKey,
    [header]: sign(secret, method, uri, ts, emu.accessKey),
  };
  if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
  const res = await fetch(emu.endpoint + uri, { method, headers, body });
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

test('signed GET with an encoded query (spec vector c-enc layout) and the -v1 header name', async (t) => {
  const emu = await emulator();
  t.after(() => emu.close());
  const uri = '/vserver/v2/getMemberServerImageInstanceList?regionCode=KR&memberServerImageInstanceNoList.1=111&memberServerImageInstanceNoList.2=222&memberServerImageName=my%20image%20%EC%9D%B4%EB%AF%B8%EC%A7%80&responseFormatType=json';
  const v2 = await raw(emu, { uri });
  assert.equal(v2.status, 200, v2.text);
  assert.deepStrictEqual(JSON.parse(v2.text).getMemberServerImageInstanceListResponse.memberServerImageInstanceList, []);
  const v1 = await raw(emu, { uri, header: 'x-ncp-apigw-signature-v1' });
  assert.equal(v1.status, 200, v1.text);
  assert.deepStrictEqual(emu.requests().map((r) => r.signatureHeader), ['v2', 'v1']);
});

test('POST with parameters in the form body; XML is the default format', async (t) => {
  const emu = await emulator();
  t.after(() => emu.close());
  const r = await raw(emu, { method: 'POST', uri: '/vserver/v2/getRegionList', body: '' });
  assert.equal(r.status, 200);
  assert.match(r.type, /xml/);
  assert.match(r.text, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<getRegionListResponse><requestId>[0-9a-f-]{36}<\/requestId><returnCode>0<\/returnCode><returnMessage>success<\/returnMessage><totalRows>3<\/totalRows><regionList><region><regionCode>KR<\/regionCode>/);
  const j = await raw(emu, { method: 'POST', uri: '/vserver/v2/getZoneList', body: 'regionCode=SGN&responseFormatType=json' });
  assert.deepStrictEqual(JSON.parse(j.text).getZoneListResponse.zoneList.map((z) => z.zoneCode), ['SGN-4']);
});

test('bad signatures, stale timestamps and missing headers get the gateway 401', async (t) => {
  const emu = await emulator();
  t.after(() => emu.close());
  const uri = '/vserver/v2/getRegionList?responseFormatType=json';
  const cases = [
    [{ uri, secret: 'wrong' }, 'signature mismatch'],
    [{ uri, ts: Date.now() - 6 * 60 * 1000 }, 'timestamp is outside the 5-minute window'],
    [{ uri, ts: Date.now() + 6 * 60 * 1000 }, 'timestamp is outside the 5-minute window'],
    // The signature must cover the query exactly as sent.
    [{ uri: '/vserver/v2/getZoneList?regionCode=KR&responseFormatType=json', secret: undefined, tamper: true }, 'signature mismatch'],
  ];
  for (const [req, details] of cases) {
    let r;
    if (req.tamper) {
      const ts = Date.now();
      r = await fetch(emu.endpoint + req.uri.replace('KR', 'JPN'), {
        headers: { 'x-ncp-apigw-timestamp': String(ts), 'x-ncp-iam-access-key': emu.accessKey, 'x-ncp-apigw-signature-v2': sign(emu.secretKey, 'GET', req.uri, ts, emu.accessKey) },
      }).then(async (x) => ({ status: x.status, text: await x.text() }));
    } else {
      r = await raw(emu, req);
    }
    assert.equal(r.status, 401);
    assert.deepStrictEqual(JSON.parse(r.text), { error: { errorCode: '200', message: 'Authentication Failed', details } });
  }
  const bare = await fetch(`${emu.endpoint}${uri}`);
  assert.equal(bare.status, 401);
  assert.equal((await bare.json()).error.details, 'missing authentication headers');
});

test('unknown paths and actions are the gateway 404', async (t) => {
  const emu = await emulator();
  t.after(() => emu.close());
  for (const uri of ['/vserver/v2/deleteServerImages', '/server/v2/getServerImageDetail', '/nothing']) {
    const r = await raw(emu, { uri });
    assert.equal(r.status, 404, uri);
    assert.equal(JSON.parse(r.text).error.errorCode, '300');
  }
});

test('the emulator validates what any client sends: NCP error 900 for a missing parameter', async (t) => {
  const emu = await emulator();
  t.after(() => emu.close());
  const r = await raw(emu, { uri: '/vserver/v2/createServerImage?serverImageName=abc&responseFormatType=json' });
  assert.equal(r.status, 400);
  assert.deepStrictEqual(JSON.parse(r.text), { responseError: { returnCode: '900', returnMessage: 'Required field is not specified. location : serverInstanceNo' } });
  const x = await raw(emu, { uri: '/vserver/v2/getServerImageList?sortingOrder=sideways' });
  assert.equal(x.status, 400);
  assert.match(x.text, /^<\?xml[^>]*>\n<responseError><returnCode>901<\/returnCode><returnMessage>Invalid parameter\. 'sortingOrder' must be one of/);
  // Codes NCP adds over time are not refused (a status this package never listed).
  const y = await raw(emu, { uri: '/vserver/v2/getServerImageList?serverImageStatusCode=DONE&responseFormatType=json' });
  assert.equal(y.status, 200);
  assert.equal(JSON.parse(y.text).getServerImageListResponse.totalRows, 0);
});

test('image state machine: creating -> created, terminating -> gone, CREFL, busy, KVM, not found', async (t) => {
  const emu = await emulator({ createDelayMs: 150, deleteDelayMs: 150 });
  t.after(() => emu.close());
  const c = client(emu, 'xml');
  const created = (await c.compute.createMemberServerImageInstance({ serverInstanceNo: '1000001' })).memberServerImageInstanceList[0];
  assert.equal(created.memberServerImageInstanceStatus.code, 'INIT');
  assert.equal(created.memberServerImageInstanceStatusName, 'creating');
  assert.match(created.memberServerImageName, /^img-[0-9a-f]{15}$/);
  assert.equal(created.memberServerImageBlockStorageTotalSize, undefined);
  await assert.rejects(c.compute.createMemberServerImageInstance({ serverInstanceNo: '1000001' }), { returnCode: '25018' });
  const polls = [];
  const ready = await c.compute.waitForMemberServerImageInstance(created.memberServerImageInstanceNo, { intervalMs: 50, onPoll: ({ item }) => polls.push(item.memberServerImageInstanceStatusName) });
  assert.equal(ready.memberServerImageInstanceStatus.code, 'CREAT');
  assert.equal(ready.memberServerImageInstanceOperation.code, 'NULL');
  assert.equal(ready.memberServerImageBlockStorageTotalRows, 1);
  assert.equal(ready.memberServerImageBlockStorageTotalSize, 53687091200);
  assert.equal(polls[0], 'creating');
  assert.equal(polls[polls.length - 1], 'created');

  const del = await c.compute.deleteMemberServerImageInstances({ memberServerImageInstanceNoList: [created.memberServerImageInstanceNo] });
  assert.equal(del.memberServerImageInstanceList[0].memberServerImageInstanceStatusName, 'terminating');
  await assert.rejects(c.compute.deleteMemberServerImageInstances({ memberServerImageInstanceNoList: [created.memberServerImageInstanceNo] }), { returnCode: '25033' });
  await sleep(250);
  await assert.rejects(c.compute.getMemberServerImageInstanceDetail({ memberServerImageInstanceNo: created.memberServerImageInstanceNo }), { code: 'ERR_API', returnCode: '10404', httpStatus: 400 });

  await assert.rejects(c.compute.createMemberServerImageInstance({ serverInstanceNo: '1000002' }), { returnCode: '25031', message: /KVM/ });
  await assert.rejects(c.compute.createMemberServerImageInstance({ serverInstanceNo: '1000004' }), { returnCode: '25008' });
  await assert.rejects(c.compute.createServerImage({ serverInstanceNo: '424242', serverImageName: 'nope' }), { returnCode: '24120' });
  await assert.rejects(c.compute.deleteServerImage({ serverImageNoList: ['4000001'] }), { returnCode: '25034' });
  await assert.rejects(c.compute.getZoneList({ regionCode: 'MARS' }), { returnCode: '10501' });
  await assert.rejects(c.compute.createServerImageFromSnapshot({ serverImageName: 'from-data', blockStorageList: [{ order: 0, snapshotInstanceNo: '3000002' }] }), { returnCode: '25032' });

  emu.configure({ failureRate: 1 });
  const doomed = (await c.compute.createServerImage({ serverInstanceNo: '1000002', serverImageName: 'doomed' })).serverImageList[0];
  await assert.rejects(c.compute.waitForServerImage(doomed.serverImageNo, { intervalMs: 50 }), { code: 'ERR_API', message: /createFailed \(CREFL\/NULL\)/ });
  // An image that is already created resolves at once.
  assert.equal((await c.compute.waitForServerImage('4000001', { intervalMs: 10, timeoutMs: 0 })).serverImageName, 'rocky-8.10-base');
});

test('waiting gives up with ERR_TIMEOUT', async (t) => {
  const emu = await emulator({ createDelayMs: 60000 });
  t.after(() => emu.close());
  const c = client(emu);
  const img = (await c.compute.createServerImage({ serverInstanceNo: '1000001', serverImageName: 'slow-one' })).serverImageList[0];
  await assert.rejects(c.compute.waitForServerImage(img.serverImageNo, { intervalMs: 20, timeoutMs: 100 }), { code: 'ERR_TIMEOUT', message: /still creating after 100 ms/ });
});

test('lists page with pageNo/pageSize and count every match in totalRows', async (t) => {
  const emu = await emulator({ createDelayMs: 0 });
  t.after(() => emu.close());
  const c = client(emu);
  for (const n of ['pg-a', 'pg-b', 'pg-c']) await c.compute.createServerImage({ serverInstanceNo: '1000002', serverImageName: n });
  const page = await c.compute.getServerImageList({ serverImageTypeCodeList: ['SELF'], pageNo: 2, pageSize: 2, sortedBy: 'serverImageName', sortingOrder: 'ASC' });
  assert.equal(page.totalRows, 3);
  assert.deepStrictEqual(page.serverImageList.map((i) => i.serverImageName), ['pg-c']);
});

test('a fixture that is not valid is refused with the reason', async () => {
  await assert.rejects(ncloud.startEmulator({ port: 0, fixture: { vpc: { serverz: [] } } }), { code: 'ERR_VALIDATION', message: /unknown field `serverz`/ });
  await assert.rejects(ncloud.startEmulator({ port: 0, colour: 1 }), { code: 'ERR_VALIDATION', message: /unknown field `colour`/ });
});

test('npx ncloud-emulator --port 0 --json serves until SIGTERM', async () => {
  const bin = path.join(__dirname, '..', 'bin', 'ncloud-emulator.js');
  const fixtureFile = path.join(require('node:os').tmpdir(), `ncloud-fixture-${process.pid}.json`);
  require('node:fs').writeFileSync(fixtureFile, JSON.stringify({ vpc: { regions: [{ regionCode: 'KR', regionName: 'Korea' }] } }));
  const child = spawn(process.execPath, [bin, '--port', '0', '--json', '--fixture', fixtureFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const line = await new Promise((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        if (out.includes('\n')) resolve(out.split('\n')[0]);
      });
      child.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
    });
    const info = JSON.parse(line);
    assert.match(info.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
    const c = ncloud.createClient(info);
    // The --fixture file replaced the default three regions.
    assert.equal((await c.compute.getRegionList()).totalRows, 1);
  } finally {
    child.kill('SIGTERM');
    require('node:fs').rmSync(fixtureFile, { force: true });
  }
  const code = await new Promise((resolve) => child.once('exit', (c) => resolve(c)));
  assert.equal(code, 0);
});
