'use strict';
// Two copies of the package in one app (issue 21, item 13): the README installs `ncloud-client` and the
// `ncloud` alias side by side, and npm gives each its own folder. Each copy recognises the other's
// emulators and errors (a brand under a registered symbol), as npm's layout makes them two modules.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.join(__dirname, '..');

/** A second copy of the package's JavaScript in a folder of its own; the addon is the same file. */
function secondCopy(t) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ncloud-copy-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  for (const f of ['index.js', 'package.json', 'lib', 'native/binding.js']) fs.cpSync(path.join(root, f), path.join(dir, f), { recursive: true });
  for (const f of fs.readdirSync(path.join(root, 'native')).filter((n) => n.endsWith('.node'))) {
    fs.symlinkSync(path.join(root, 'native', f), path.join(dir, 'native', f));
  }
  return require(dir);
}

test('an emulator and the errors of one copy are recognised by the other', async (t) => {
  const a = require('..');
  const b = secondCopy(t);
  assert.notEqual(a.NcloudError, b.NcloudError, 'two copies, two classes');
  assert.notEqual(a.Emulator, b.Emulator);
  const emu = await a.startEmulator({ port: 0 });
  t.after(() => emu.close());
  assert.ok(emu instanceof b.Emulator);
  // The other copy's createClient takes it, in both forms, and talks to it.
  for (const c of [b.createClient(emu), b.createClient({ emulator: emu })]) {
    assert.equal(c.usingEmulator, true);
    assert.equal((await c.compute.getRegionList()).returnCode, '0');
    await c.close();
  }
  assert.equal(emu.closed, false, 'a client does not close an emulator it was given');
  // A spread emulator is still told apart (it lost the secret key).
  assert.throws(() => b.createClient({ ...emu }), { code: 'ERR_VALIDATION', message: /look like a spread Emulator/ });
  // Errors of either copy are NcloudErrors (and AbortErrors) of both.
  const c = a.createClient(emu);
  t.after(() => c.close());
  const apiErr = await c.compute.getServerImageDetail({ serverImageNo: '999999' }).catch((e) => e);
  const abortErr = await c.compute.getRegionList(undefined, { signal: AbortSignal.abort() }).catch((e) => e);
  for (const copy of [a, b]) {
    assert.ok(apiErr instanceof copy.NcloudError);
    assert.ok(!(apiErr instanceof copy.AbortError));
    assert.ok(abortErr instanceof copy.NcloudError);
    assert.ok(abortErr instanceof copy.AbortError);
    assert.ok(new b.NcloudError({ code: 'ERR_API', message: 'x' }) instanceof copy.NcloudError);
    assert.ok(!(new Error('x') instanceof copy.NcloudError));
    assert.ok(!({ code: 'ERR_API' } instanceof copy.NcloudError), 'an object that looks like one is not');
  }
  // A subclass of the caller's own keeps the ordinary check.
  class Mine extends b.NcloudError {}
  assert.ok(new Mine({ code: 'ERR_API', message: 'm' }) instanceof a.NcloudError);
  assert.ok(!(apiErr instanceof Mine));
});
