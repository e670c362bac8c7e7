'use strict';
// startEmulator refuses the keys createClient would refuse (issue 21, item 15): one rule, in
// lib/config.js, for both; an emulator no client could talk to is never started.
const test = require('node:test');
const assert = require('node:assert/strict');
const { ncloud } = require('./helpers');

test('startEmulator refuses keys with control characters, as createClient does', async () => {
  const bad = ['abc\r\ndef', 'line\n', 'tab\there', 'nul\u0000', 'del\u007f', 'c1\u0085'];
  for (const key of bad) {
    for (const which of ['accessKey', 'secretKey']) {
      const what = which === 'accessKey' ? 'access key' : 'secret key';
      await assert.rejects(ncloud.startEmulator({ port: 0, [which]: key }), (err) => {
        assert.ok(err instanceof ncloud.NcloudError);
        assert.equal(err.code, 'ERR_CREDENTIALS');
        assert.equal(err.message.startsWith(`the ${what} (from startEmulator) contains a control character`), true, err.message);
        assert.ok(!err.message.includes(key), 'the key is never quoted');
        return true;
      });
      // createClient refuses the same key with the same rule.
      const other = which === 'accessKey' ? { secretKey: 'fine-secret' } : { accessKey: 'fine-access' };
      assert.throws(() => ncloud.createClient({ endpoint: 'http://127.0.0.1:9', [which]: key, ...other }), { code: 'ERR_CREDENTIALS', message: new RegExp(`^the ${what} \\(from options\\) contains a control character`) });
    }
  }
  // Printable keys (a secret key with any Unicode text) start an emulator a client then uses.
  const emu = await ncloud.startEmulator({ port: 0, accessKey: 'ACCESS-key-1', secretKey: 'sécret/Key+=' });
  try {
    const c = ncloud.createClient(emu);
    assert.equal((await c.compute.getRegionList()).returnCode, '0');
    await c.close();
  } finally {
    await emu.close();
  }
});
