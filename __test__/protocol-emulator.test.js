'use strict';
// Conformance vectors for the emulator (fixtures/protocol/emulator.json): each request, signed here as
// spec 2.2 says (not by this package's client), gets the HTTP status and returnCode the vector states.
// The encoder and decoder vectors run in tests/protocol.rs (cargo test).
const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { emulator } = require('./helpers');

const { vectors } = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'protocol', 'emulator.json'), 'utf8'));

/** GET {path}?{query} with the gateway headers: HMAC-SHA256 over "GET {uri}\n{timestamp}\n{accessKey}". */
async function signedGet(emu, uri) {
  const timestamp = String(Date.now());
  const signature = crypto.createHmac('sha256', emu.secretKey).update(`GET ${uri}\n${timestamp}\n${emu.accessKey}`).digest('base64');
  const res = await fetch(emu.endpoint + uri, {
    headers: { 'x-ncp-apigw-timestamp': timestamp, 'x-ncp-iam-access-key': emu.accessKey, 'x-ncp-apigw-signature-v2': signature },
  });
  return { status: res.status, text: await res.text() };
}

function returnCodeOf(text) {
  const body = JSON.parse(text);
  const inner = body.responseError ?? Object.values(body)[0];
  return String(inner.returnCode);
}

test('emulator conformance vectors: status and returnCode for every validation rule', async (t) => {
  assert.ok(vectors.length >= 20);
  const emu = await emulator({ createDelayMs: 0 });
  t.after(() => emu.close());
  for (const v of vectors) {
    await t.test(`${v.id}: ${v.rule}`, async () => {
      const query = v.query.includes('responseFormatType=') ? v.query : `${v.query}&responseFormatType=json`;
      const r = await signedGet(emu, `${v.path}?${query}`);
      assert.equal(r.status, v.status, r.text);
      assert.equal(returnCodeOf(r.text), v.returnCode, r.text);
    });
  }
});
