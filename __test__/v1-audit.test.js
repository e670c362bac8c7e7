'use strict';
// The 1.x surface's findings of issue 21: a large userData settles (item 2), and keys 1.x did not
// declare are sent as given, as 1.1.4 sent them (item 16).
const test = require('node:test');
const assert = require('node:assert/strict');
const { ncloud, emulator } = require('./helpers');

async function setUp(t) {
  const emu = await emulator({ createDelayMs: 0 });
  t.after(() => emu.close());
  const client = ncloud.createClient({ accessKey: emu.accessKey, secretKey: emu.secretKey, endpoint: emu.endpoint });
  return { emu, client };
}

test('createServerInstances with megabytes of userData settles with an NcloudError, never a synchronous RangeError', async (t) => {
  const { client } = await setUp(t);
  const server = client.IaaS.server();
  const text = 'x'.repeat(3.4e6);
  // The hand-written method (text, encoded here), its generated one given base64 already, and text the
  // size of 4 MB whose base64 passes 5 MB.
  const calls = [
    () => server.createServerInstances({ serverImageProductCode: 'SPSW0LINUX000046', userData: text }),
    () => server.createServerInstancesProto({ serverImageProductCode: 'SPSW0LINUX000046', userData: Buffer.from(text).toString('base64') }),
    () => server.createServerInstances({ serverImageProductCode: 'SPSW0LINUX000046', userData: 'y'.repeat(4e6) }),
  ];
  for (const call of calls) {
    let pending;
    assert.doesNotThrow(() => {
      pending = call();
    });
    assert.ok(pending instanceof Promise);
    // Too large for the gateway: refused before sending, or by the gateway (413); an NcloudError either
    // way, carrying 1.x's e.response.
    await assert.rejects(pending, (err) => err instanceof ncloud.NcloudError && err.response !== undefined && err.code !== 'ERR_INTERNAL');
  }
  // Base64 userData of a normal size still works.
  const ok = await server.createServerInstancesProto({ serverImageProductCode: 'SPSW0LINUX000046', userData: Buffer.from('#!/bin/sh\necho hi\n').toString('base64') });
  assert.equal(ok.serverInstanceList.length, 1);
});

test('keys 1.x did not declare are sent as given, as 1.1.4 sent them (store values too)', async (t) => {
  const { emu, client } = await setUp(t);
  // setConfig's values go under every call, declared or not (1.1.4: { ...store, ...input }).
  client.setConfig({ regionNo: '1', traceId: 'build-42' });
  const server = client.IaaS.server();
  await server.createLoginKey({ keyName: 'v1-extra', futureFlag: true, tags: ['a', 'b'], count: 3, skipped: undefined, alsoSkipped: null });
  const sent = emu.requests().at(-1);
  assert.equal(sent.action, 'createLoginKey');
  // (The emulator's log shows `tags.1`, `tags.2` as the list they make.)
  assert.deepEqual(sent.params, { keyName: 'v1-extra', regionNo: '1', traceId: 'build-42', futureFlag: 'true', tags: ['a', 'b'], count: '3' });
  // An object has no text form (1.1.4 sent '[object Object]'): refused, as a rejection carrying e.response.
  await assert.rejects(server.createLoginKey({ keyName: 'v1-obj', meta: { a: 1 } }), (err) => {
    assert.equal(err.code, 'ERR_VALIDATION');
    assert.match(err.message, /'meta' is not a parameter of createLoginKey and is sent as given/);
    assert.ok(err.response);
    return true;
  });
  // A key that would repeat a declared parameter's own name is refused rather than sent twice.
  await assert.rejects(server.getServerInstanceList({ serverInstanceNoList: ['1'], 'serverInstanceNoList.1': '2' }), /'serverInstanceNoList\.1' is not a parameter of getServerInstanceList and would repeat one that is sent/);
  assert.equal(emu.requests().filter((r) => r.action === 'createLoginKey').length, 1, 'nothing sent for the refused calls');
});
