'use strict';
// `credentials` (issue 25): a `{ accessKey, secretKey }` object, or a function returning one, asked when
// the client needs keys and again when they near their `expiration`; a failing provider is an
// ERR_CREDENTIALS naming it. The emulator accepts several key pairs and logs which one signed each request.
const test = require('node:test');
const assert = require('node:assert/strict');
const { ncloud, emulator } = require('./helpers');

const A = { accessKey: 'rotating-access-key-A', secretKey: 'rotating-secret-A' };
const B = { accessKey: 'rotating-access-key-B', secretKey: 'rotating-secret-B' };

test('keys rotate through a provider between two calls; fresh keys cost no call to it', async (t) => {
  const emu = await emulator({ keys: [A, B] });
  t.after(() => emu.close());
  let asked = 0;
  // The first pair is about to lapse (its expiration is within the refresh window): the next call asks again.
  const pairs = [
    { ...A, expiration: new Date(Date.now() + 1000) },
    { ...B, expiration: new Date(Date.now() + 3600 * 1000) },
  ];
  async function fromSecretsManager() {
    asked += 1;
    return pairs[Math.min(asked, pairs.length) - 1];
  }
  const { logger, seen } = (() => {
    const s = [];
    const l = {};
    for (const level of ['debug', 'info', 'warn', 'error']) l[level] = (r) => s.push(r);
    return { logger: l, seen: s };
  })();
  const c = ncloud.createClient({ endpoint: emu.endpoint, credentials: fromSecretsManager, logger });
  assert.equal(asked, 0, 'asked when needed, not when the client is made');
  await c.compute.getRegionList();
  // A is retired: a client that kept it would now be refused.
  emu.setKeys([B]);
  await c.compute.getRegionList();
  assert.deepEqual(emu.requests().map((r) => [r.accessKey, r.status]), [[A.accessKey, 200], [B.accessKey, 200]]);
  assert.equal(asked, 2);
  // B is good for an hour: calls in a burst share it, the provider is not asked again.
  await Promise.all([1, 2, 3].map(() => c.compute.getZoneList()));
  assert.equal(asked, 2);
  assert.equal(c.accessKey, B.accessKey);
  const text = JSON.stringify(seen) + JSON.stringify(c) + require('node:util').inspect(c);
  for (const secret of [A.secretKey, B.secretKey]) assert.ok(!text.includes(secret), 'a secret is never logged nor shown');
});

test('a provider that throws, or gives no keys, is an ERR_CREDENTIALS naming it; the next call asks again', async (t) => {
  const emu = await emulator({ keys: [A] });
  t.after(() => emu.close());
  let fail = true;
  const c = ncloud.createClient({
    endpoint: emu.endpoint,
    credentials: async function vaultKeys() {
      if (fail) throw new Error('vault is sealed');
      return A;
    },
  });
  const err = await c.compute.getRegionList().catch((e) => e);
  assert.equal(err.code, 'ERR_CREDENTIALS');
  assert.equal(err.message, "credentials provider 'vaultKeys' failed: vault is sealed");
  assert.equal(err.cause.message, 'vault is sealed');
  assert.equal(emu.requestCount(), 0, 'nothing was sent');
  // The failure is not kept.
  fail = false;
  assert.equal((await c.compute.getRegionList()).returnCode, '0');
  // A provider giving something else, and the callback form, are named too.
  const bad = ncloud.createClient({ endpoint: emu.endpoint, credentials: () => ({ accessKey: 'x' }) });
  const [e2] = await new Promise((resolve) => bad.compute.getRegionList((...a) => resolve(a)));
  assert.equal(e2.code, 'ERR_CREDENTIALS');
  assert.match(e2.message, /^the credentials provider \(an anonymous function\) gave no secretKey/);
  // The AWS SDK's names are taken as well, as a plain object; credentials and keys together are refused.
  const aws = ncloud.createClient({ endpoint: emu.endpoint, credentials: { accessKeyId: A.accessKey, secretAccessKey: A.secretKey } });
  assert.equal((await aws.compute.getRegionList()).returnCode, '0');
  assert.throws(() => ncloud.createClient({ endpoint: emu.endpoint, credentials: A, accessKey: 'x' }), { code: 'ERR_VALIDATION', message: /'credentials' gives the keys: drop accessKey/ });
  assert.throws(() => ncloud.createClient({ endpoint: emu.endpoint, credentials: 'A:B' }), { code: 'ERR_CREDENTIALS', message: /'credentials' option must give \{ accessKey, secretKey \}/ });
  // An aborted call that waits for the provider sends nothing.
  let release;
  const slow = ncloud.createClient({ endpoint: emu.endpoint, credentials: () => new Promise((r) => (release = () => r(A))) });
  const ac = new AbortController();
  const pending = slow.compute.getRegionList({}, { signal: ac.signal });
  const before = emu.requestCount();
  ac.abort();
  release();
  await assert.rejects(pending, { code: 'ABORT_ERR' });
  assert.equal(emu.requestCount(), before);
});

test('an Emulator gives the endpoint and, unless `credentials` stands in, the keys', async (t) => {
  const emu = await emulator({ keys: [A] });
  t.after(() => emu.close());
  // A provider against the emulator object: the keys it gives are the ones that sign.
  const c = ncloud.createClient({ emulator: emu, credentials: async () => A });
  t.after(() => c.close());
  assert.equal((await c.compute.getRegionList()).returnCode, '0');
  assert.equal(emu.requests().at(-1).accessKey, A.accessKey);
  // Keys the emulator does not hold are refused by it, as NCP would.
  const wrong = ncloud.createClient({ emulator: emu, credentials: B });
  t.after(() => wrong.close());
  assert.equal((await wrong.compute.getRegionList().catch((e) => e)).code, 'ERR_AUTH');
  // Loose keys or another endpoint still contradict the emulator.
  assert.throws(() => ncloud.createClient({ emulator: emu, accessKey: 'x', secretKey: 'y' }), { code: 'ERR_VALIDATION', message: /an Emulator carries its own endpoint and keys: drop accessKey, secretKey/ });
});
