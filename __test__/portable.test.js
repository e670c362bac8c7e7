'use strict';
// What differs between Linux, macOS and Windows, checked wherever this runs: `npm test` on Linux, and
// `npm run platforms` on linux-arm64 (qemu-user), musl and Windows (wine) against the installed package.
// The configure file under the user's home (the profile on Windows), configure files as Windows editors
// and shells write them (CRLF, a UTF-8 or UTF-16 byte-order mark), createLoginKey's outputPath in the
// platform's own path forms (drive letters, backslashes) in its temp directory, and key files readable
// by their owner only.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ncloud, emulator, withEnv } = require('./helpers');
const { configurePath } = require('../lib/config');

const tempDir = (t, prefix) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
};

test('the configure file is under $HOME on Linux and macOS, under the user profile on Windows', () => {
  const env = { HOME: '/home/me', USERPROFILE: 'C:\\Users\\me' };
  assert.equal(configurePath('linux', env), '/home/me/.ncloud/configure');
  assert.equal(configurePath('darwin', env), '/home/me/.ncloud/configure');
  // Git Bash, MSYS and Cygwin set HOME on Windows; the NCP CLI writes the file under the profile.
  assert.equal(configurePath('win32', env), 'C:\\Users\\me\\.ncloud\\configure');
  assert.equal(configurePath('win32', { HOME: '/home/me', HOMEDRIVE: 'D:', HOMEPATH: '\\Users\\me' }), 'D:\\Users\\me\\.ncloud\\configure');
});

/** A configure file's bytes as each kind of editor or shell writes `text`. */
const WRITERS = {
  'LF (an editor on Linux or macOS)': (text) => Buffer.from(text),
  'CRLF (Notepad)': (text) => Buffer.from(text.replace(/\n/g, '\r\n')),
  'UTF-8 with a byte-order mark, CRLF (Notepad before Windows 10 1903)': (text) => Buffer.from(`\ufeff${text.replace(/\n/g, '\r\n')}`),
  "UTF-16LE with a byte-order mark, CRLF (Windows PowerShell 5's `>`)": (text) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replace(/\n/g, '\r\n'), 'utf16le')]),
  'UTF-16BE with a byte-order mark': (text) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]),
};

test("createClient() finds its keys in this platform's configure file, whatever wrote it", async (t) => {
  const emu = await emulator();
  t.after(() => emu.close());
  const profile = tempDir(t, 'ncloud-profile-');
  const decoy = tempDir(t, 'ncloud-home-');
  // On Windows HOME names another directory (as Git Bash's does), whose keys must not be the ones used.
  const home = process.platform === 'win32' ? { USERPROFILE: profile, HOME: decoy } : { HOME: profile };
  const text = (key, secret) => `[DEFAULT]\nncloud_access_key_id = ${key}\nncloud_secret_access_key = ${secret}\nncloud_api_url = ${emu.endpoint}\n`;
  fs.mkdirSync(path.join(decoy, '.ncloud'));
  fs.writeFileSync(path.join(decoy, '.ncloud', 'configure'), text('not-the-key', 'not-the-secret'));
  fs.mkdirSync(path.join(profile, '.ncloud'));
  for (const [name, write] of Object.entries(WRITERS)) {
    await t.test(name, async () => {
      fs.writeFileSync(path.join(profile, '.ncloud', 'configure'), write(text(emu.accessKey, emu.secretKey)));
      await withEnv(home, async () => {
        // The emulator checks the signature: a key read with a stray CR or BOM would be refused.
        const { regionList } = await ncloud.createClient().compute.getRegionList();
        assert.ok(regionList.length > 0);
      });
    });
  }
});

test("createLoginKey({ outputPath }) takes the platform's path forms and writes a key only its owner reads", async (t) => {
  const emu = await emulator();
  t.after(() => emu.close());
  const { compute } = ncloud.createClient(emu);
  const dir = tempDir(t, 'ncloud key dir-');
  // The temp directory: C:\users\<name>\Temp\… on Windows (a drive letter, backslashes).
  if (process.platform === 'win32') assert.match(dir, /^[A-Za-z]:\\/);
  const forms = {
    "the platform's own": dir,
    'forward slashes': dir.split(path.sep).join('/'),
    'a trailing separator': `${dir}${path.sep}`,
    'relative to the working directory': path.relative(process.cwd(), dir) || '.',
  };
  let n = 0;
  for (const [name, outputPath] of Object.entries(forms)) {
    await t.test(name, async () => {
      const loginKeyName = `portable-${(n += 1)}`;
      const key = await compute.createLoginKey({ loginKeyName, outputPath });
      const file = path.join(dir, `${loginKeyName}.pem`);
      assert.equal(fs.readFileSync(file, 'utf8'), key.privateKey);
      assert.match(key.privateKey, /^-----BEGIN RSA PRIVATE KEY-----\n/);
      // Windows has no mode bits to check (ACLs); elsewhere ssh refuses a key others can read.
      if (process.platform !== 'win32') assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    });
  }
});
