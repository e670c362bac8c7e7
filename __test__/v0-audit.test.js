'use strict';
// The 0.1.x surface's findings of issue 21: createLoginKey's outputPath checked before the key is made,
// and the key kept when its file still cannot be written (item 3).
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const util = require('node:util');
const { spawnSync } = require('node:child_process');
const { ncloud, emulator, client, viaCallback } = require('./helpers');

async function setUp(t) {
  const emu = await emulator({ createDelayMs: 20, deleteDelayMs: 20 });
  t.after(() => emu.close());
  return { emu, c: client(emu) };
}

function tempDir(t) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ncloud-key-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('createLoginKey: an outputPath that cannot be written is refused before the key is made', async (t) => {
  const { emu, c } = await setUp(t);
  const dir = tempDir(t);
  fs.writeFileSync(path.join(dir, 'a-file'), 'x');
  fs.mkdirSync(path.join(dir, 'taken.pem'));
  const bad = [
    [{ loginKeyName: 'key-missing', outputPath: path.join(dir, 'no', 'such', 'dir') }, /'outputPath' ".*" cannot be used: no such directory/],
    [{ loginKeyName: 'key-object', outputPath: {} }, /'outputPath' must be the path of a directory \(a string\), got object/],
    [{ loginKeyName: 'key-file', outputPath: path.join(dir, 'a-file') }, /is not a directory/],
    [{ loginKeyName: 'taken', outputPath: dir }, /taken\.pem" exists and is not a file/],
    [{ loginKeyName: '../escape', outputPath: dir }, /a path, not a name/],
  ];
  for (const [params, message] of bad) {
    await assert.rejects(c.compute.createLoginKey(params), (err) => {
      assert.ok(err instanceof ncloud.NcloudError);
      assert.equal(err.code, 'ERR_VALIDATION');
      assert.match(err.message, message);
      assert.match(err.message, /nothing was sent/);
      return true;
    });
    const [err, result] = await viaCallback(c.compute.createLoginKey, params);
    assert.equal(err.code, 'ERR_VALIDATION');
    assert.equal(result, null);
  }
  assert.equal(emu.requestCount(), 0, 'no key was made');
  // A falsy outputPath writes nothing, as 0.1.39 did.
  const made = await c.compute.createLoginKey({ loginKeyName: 'key-nofile', outputPath: '' });
  assert.match(made.privateKey, /BEGIN RSA PRIVATE KEY/);
});

test('createLoginKey: when the file still cannot be written, the error carries the key (not shown when logged)', async (t) => {
  const { c } = await setUp(t);
  const dir = path.join(tempDir(t), 'keys');
  fs.mkdirSync(dir);
  // The directory passes the check, then goes away while the key is being made.
  const pending = c.compute.createLoginKey({ loginKeyName: 'key-lost', outputPath: dir });
  fs.rmSync(dir, { recursive: true });
  const err = await pending.then(() => assert.fail('resolved'), (e) => e);
  assert.ok(err instanceof ncloud.NcloudError);
  assert.equal(err.code, 'ERR_OUTPUT_FILE');
  assert.equal(err.action, 'createLoginKey');
  assert.equal(err.path, path.join(dir, 'key-lost.pem'));
  assert.equal(err.cause.code, 'ENOENT');
  assert.equal(err.result.loginKeyName, 'key-lost');
  assert.match(err.result.privateKey, /^-----BEGIN RSA PRIVATE KEY-----/);
  assert.match(err.message, /was created, but its private key could not be written to .*key-lost\.pem \(ENOENT\): it is on err\.result\.privateKey/);
  for (const shown of [util.inspect(err), JSON.stringify(err), String(err)]) assert.ok(!shown.includes('PRIVATE KEY'), shown);
  // The key is on the server: the caller can use the private key it was given.
  assert.ok((await c.compute.findLoginKeys()).some((k) => k.loginKeyName === 'key-lost'));
  // In callback form: the error, and no result.
  fs.mkdirSync(dir);
  const second = new Promise((resolve) => c.compute.createLoginKey({ loginKeyName: 'key-lost-2', outputPath: dir }, (...a) => resolve(a)));
  fs.rmSync(dir, { recursive: true });
  const [cbErr, cbResult] = await second;
  assert.equal(cbErr.code, 'ERR_OUTPUT_FILE');
  assert.match(cbErr.result.privateKey, /PRIVATE KEY/);
  assert.equal(cbResult, null);
});

test('createLoginKey writes the key file readable by its owner only', async (t) => {
  const { c } = await setUp(t);
  const dir = tempDir(t);
  const key = await c.compute.createLoginKey({ loginKeyName: 'key-mode', outputPath: dir });
  const file = path.join(dir, 'key-mode.pem');
  assert.equal(fs.readFileSync(file, 'utf8'), key.privateKey);
  // Windows has no POSIX modes (Node reports what the read-only attribute allows).
  if (process.platform !== 'win32') assert.equal(fs.statSync(file).mode & 0o777, 0o600);
});

test("retired storage transfers: an emitter with no 'error' listener does not end the process", async () => {
  // The old client's uploadFile / downloadFile return an emitter; a caller listening for 'end' only.
  const program = `
    const ncloud = require(${JSON.stringify(path.join(__dirname, '..'))});
    const c = ncloud.createClient({ accessKey: 'a', secretKey: 's', endpoint: 'http://127.0.0.1:9' });
    c.storage.uploadFile({ container: 'c', key: 'k', filePath: __filename }).on('end', () => console.log('end'));
    c.storage.downloadFile({ container: 'c', key: 'k', outputPath: '/tmp/x' });
    c.storage.uploadFile({ container: 'c', key: 'k2' });
    const heard = c.storage.downloadFile({ container: 'c', key: 'k' });
    heard.on('error', (err) => console.log('error', err.code));
    setTimeout(() => console.log('alive'), 50);
  `;
  const r = spawnSync(process.execPath, ['-e', program], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(r.stdout.trim().split('\n'), ['error ERR_UNSUPPORTED', 'alive']);
  // One warning per method, naming what replaces it.
  const warnings = r.stderr.split('\n').filter((l) => l.includes('NcloudWarning'));
  assert.equal(warnings.length, 2, r.stderr);
  assert.match(r.stderr, /storage\.uploadFile\(\) of the old ncloud 0\.1\.x client used .* use Object Storage/);
});
