'use strict';
// Errors that say what to do (issue 17): each message names the wrong key or value and the fix. Real
// calls against the emulator on 127.0.0.1; every assertion is on the text or fields a user reads.
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { ncloud, emulator, client, withEnv } = require('./helpers');

const thrown = (fn) => {
  try {
    fn();
  } catch (e) {
    return e;
  }
  assert.fail('expected a throw');
};

test('a misspelt parameter is named, with the parameter it stands for (every action: the model names)', async (t) => {
  const emu = await emulator();
  t.after(() => emu.close());
  const c = client(emu);
  const cases = [
    // [method, params, wrong key, suggestion]
    [c.compute.getServerImageDetail, { serverImageNumber: '1' }, 'serverImageNumber', 'serverImageNo'],
    [c.compute.getServerImageList, { serverImageTypeCode: 'SELF' }, 'serverImageTypeCode', 'serverImageTypeCodeList'],
    [c.compute.getServerImageList, { regionNo: '1' }, 'regionNo', 'regionCode'],
    [c.compute.getServerInstanceList, { serverInstanceNos: ['1'] }, 'serverInstanceNos', 'serverInstanceNoList'],
    [c.compute.classic.getZoneList, { regionCode: 'KR' }, 'regionCode', 'regionNo'],
    [c.compute.getBlockStorageInstanceList, { pagesize: 10 }, 'pagesize', 'pageSize'],
  ];
  for (const [fn, params, wrong, fix] of cases) {
    const err = await fn(params).catch((e) => e);
    assert.equal(err.code, 'ERR_VALIDATION', `${fn.name}: ${err.message}`);
    assert.ok(err.message.includes(`'${wrong}' is not a parameter of`), `${fn.name}: ${err.message}`);
    assert.ok(err.message.includes(`did you mean '${fix}'?`), `${fn.name}: ${err.message}`);
  }
  // Keys of the objects in an object list too.
  const nested = await c.compute.createServerImage({ serverInstanceNo: '1', serverImageName: 'img-1', blockStorageList: [{ order: 0, snapshotInstanceNumber: '1' }] }).catch((x) => x);
  assert.equal(nested.message, "Error: Invalid Parameters : blockStorageList[0].snapshotInstanceNumber (did you mean 'snapshotInstanceNo'?)");
  // The old client's wording stays first; the note follows.
  const e = await c.compute.getServerImageDetail({ serverImageNumber: '1' }).catch((x) => x);
  assert.match(e.message, /^Error: The following parameters should be defined : serverImageNo \('serverImageNumber' is not a parameter of getServerImageDetail: did you mean 'serverImageNo'\?\)$/);
  // A key with nothing close keeps the old client's text, which names it.
  const far = await c.compute.getRegionList({ somethingElse: 1 }).catch((x) => x);
  assert.equal(far.message, 'Error: Invalid Parameters : somethingElse');
  // A missing parameter and a key with nothing close: the key is named all the same.
  const missing = await c.compute.getServerImageDetail({ imageIdentifier: '1' }).catch((x) => x);
  assert.match(missing.message, /^Error: The following parameters should be defined : serverImageNo \('imageIdentifier' is not a parameter of getServerImageDetail\)$/);
});

test('a misspelt option of a method, a waiter or a paginator is named, with the right one', async (t) => {
  const emu = await emulator();
  t.after(() => emu.close());
  const c = client(emu);
  const wait = await c.compute.waitForServerImage('1', { minDelay: 10 }).catch((e) => e);
  assert.equal(wait.code, 'ERR_VALIDATION');
  assert.match(wait.message, /^Invalid options : minDelay \(did you mean 'minDelayMs'\?\)/);
  assert.match(wait.message, /the options here are: .*maxDelayMs/);
  const call = await c.compute.getRegionList({}, { sginal: AbortSignal.timeout(1000) }).catch((e) => e);
  assert.match(call.message, /^Invalid options : sginal \(did you mean 'signal'\?\)/);
  assert.throws(() => c.compute.paginateGetServerImageList({}, { pagesize: 5 }), { code: 'ERR_VALIDATION', message: /pagesize \(did you mean 'pageSize'\?\)/ });
});

test("options passed where the parameters go are detected, with the call to write (no dump of the signal's internals)", async (t) => {
  const emu = await emulator();
  t.after(() => emu.close());
  const c = client(emu);
  const signal = new AbortController().signal;
  for (const args of [[{ signal }], [signal]]) {
    const err = await c.compute.getRegionList(...args).catch((e) => e);
    assert.equal(err.code, 'ERR_VALIDATION');
    assert.match(err.message, /^getRegionList: \{ signal \} is an option, not a parameter: options go in the second argument\. Write getRegionList\(\{\}, \{ signal \}\)/);
    assert.doesNotMatch(err.message, /kEvents|Symbol\(/);
  }
  // With parameters beside it: the call to write keeps them first.
  const mixed = await c.compute.getServerImageDetail({ serverImageNo: '1', signal }).catch((e) => e);
  assert.equal(mixed.message, 'getServerImageDetail: { signal } is an option, not a parameter: options go in the second argument. Write getServerImageDetail({ serverImageNo }, { signal })');
  // The right call works.
  assert.ok((await c.compute.getRegionList({}, { signal })).regionList.length > 0);
  const classic = await c.compute.classic.getRegionList({ signal }).catch((e) => e);
  assert.match(classic.message, /^getRegionList: \{ signal \} is an option/);
});

test('empty keys say so; NCLOUD_EMULATOR=1 or true, and explicit options win over it', async (t) => {
  await withEnv({}, async () => {
    const both = thrown(() => ncloud.createClient({ accessKey: '', secretKey: '' }));
    assert.equal(both.code, 'ERR_CREDENTIALS');
    assert.match(both.message, /accessKey and secretKey are both empty strings/);
    assert.match(thrown(() => ncloud.createClient({ accessKey: '', secretKey: 's' })).message, /accessKey is an empty string while secretKey is set/);
    assert.match(thrown(() => ncloud.createClient({ accessKey: 'a', secretKey: '' })).message, /secretKey is an empty string while accessKey is set/);
    // Unset variables read as undefined are no keys at all: the search goes on, and says where it looked.
    assert.match(thrown(() => ncloud.createClient({ accessKey: process.env.NOPE_KEY, secretKey: process.env.NOPE_SECRET })).message, /no NCP credentials found/);
  });
  const emu = await emulator();
  t.after(() => emu.close());
  for (const value of ['1', 'true', 'TRUE']) {
    await withEnv({ NCLOUD_EMULATOR: value }, async () => {
      const c = ncloud.createClient();
      try {
        assert.equal(c.usingEmulator, true, `NCLOUD_EMULATOR=${value}`);
      } finally {
        await c.close();
      }
      // Explicit keys and endpoint win over the environment: the call goes to that gateway.
      const explicit = ncloud.createClient({ endpoint: emu.endpoint, accessKey: emu.accessKey, secretKey: emu.secretKey });
      assert.equal(explicit.usingEmulator, false);
      const before = emu.requestCount();
      await explicit.compute.getRegionList();
      assert.equal(emu.requestCount(), before + 1);
      await explicit.close();
    });
  }
  await withEnv({ NCLOUD_EMULATOR: 'maybe' }, async () => {
    assert.match(thrown(() => ncloud.createClient()).message, /NCLOUD_EMULATOR must be 1 or true .* got 'maybe'/);
  });
  await withEnv({ NCLOUD_EMULATOR: '0' }, async () => {
    assert.equal(thrown(() => ncloud.createClient()).code, 'ERR_CREDENTIALS');
  });
});

test('createClient({ ...emulator }) says to pass the emulator itself', async (t) => {
  const emu = await emulator();
  t.after(() => emu.close());
  const err = thrown(() => ncloud.createClient({ ...emu }));
  assert.equal(err.code, 'ERR_VALIDATION');
  assert.match(err.message, /look like a spread Emulator/);
  assert.match(err.message, /createClient\(\{ emulator \}\)/);
  assert.doesNotMatch(err.message, /unknown option 'closed'/);
  const c = ncloud.createClient({ emulator: emu });
  assert.ok((await c.compute.getRegionList()).regionList.length > 0);
});

test('an authentication failure names the keys, the clock and the sub-account permissions', async (t) => {
  const emu = await emulator();
  t.after(() => emu.close());
  const bad = ncloud.createClient({ endpoint: emu.endpoint, accessKey: emu.accessKey, secretKey: 'not-the-secret', maxRetries: 0 });
  const err = await bad.compute.getRegionList().catch((e) => e);
  assert.equal(err.code, 'ERR_AUTH');
  assert.equal(err.httpStatus, 401);
  assert.match(err.message, /returnCode: 200/);
  assert.match(err.message, /check the access key and the secret key/);
  assert.match(err.message, /clock .*valid for 5 minutes/);
  assert.match(err.message, /sub-account, that its policies allow this action/);
  // Permission denied (210, a sub-account without the policy): the permissions, not the keys.
  const c0 = client(emu, 'json', { maxRetries: 0 });
  emu.injectFault({ status: 401, body: '{"error":{"errorCode":"210","message":"Permission Denied","details":"no policy"}}', contentType: 'json' });
  const denied = await c0.compute.getRegionList().catch((e) => e);
  assert.equal(denied.code, 'ERR_AUTH');
  assert.match(denied.message, /Permission Denied \(no policy\) - the key is valid but not allowed this action: for a sub-account, check that its policies allow it/);
  // An API refusal that is not about authentication gets no such hint.
  const c = client(emu);
  const notFound = await c.compute.getServerImageDetail({ serverImageNo: '999999' }).catch((e) => e);
  assert.equal(notFound.code, 'ERR_API');
  assert.doesNotMatch(notFound.message, /secret key/);
});

test('every bin answers --help and -h with its usage and exit 0, doing nothing else', () => {
  const pkg = require('../package.json');
  for (const [name, file] of Object.entries(pkg.bin)) {
    for (const flag of ['--help', '-h']) {
      const r = spawnSync(process.execPath, [path.join(__dirname, '..', file), flag], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, PATH: '' } });
      assert.equal(r.status, 0, `${name} ${flag}: ${r.stderr}`);
      assert.match(r.stdout, new RegExp(`Usage: ${name}`), `${name} ${flag}`);
      assert.doesNotMatch(r.stdout + r.stderr, /building|cargo build/i, `${name} ${flag} starts nothing`);
    }
  }
});
