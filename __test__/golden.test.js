'use strict';
// The golden-image workflow (demo/golden.js, printed in docs/vpc.md and run by
// `npm start`) against the emulator in both wire formats, checked as its user would: the ids and
// statuses it reports, three servers launched from the image with the image's OS, the share, and
// nothing left behind.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { emulator, client, FORMATS } = require('./helpers');
const { readmeBlocks } = require('./readme-blocks');
const { goldenImage } = require('../demo/golden');

for (const format of FORMATS) {
  test(`the golden-image workflow runs end to end (${format})`, { timeout: 120000 }, async (t) => {
    const emu = await emulator({ createDelayMs: 60, deleteDelayMs: 40, fixture: { settings: { operationDelayMs: 30 } } });
    t.after(() => emu.close());
    const { compute } = client(emu, format);
    const lines = [];
    const r = await goldenImage(compute, { log: (l) => lines.push(l), wait: { minDelayMs: 10, maxDelayMs: 50 } });

    // Every step was printed as it completed, with the time since the start.
    assert.equal(lines.length, 8, lines.join('\n'));
    for (const l of lines) assert.match(l, /^\[ *\d+\.\d s\] \S/);
    assert.match(lines[0], /rocky-8\.10-base on c2-g3 .*key golden-key made/);

    // The image: created, of the builder's hypervisor and OS.
    assert.match(r.image.serverImageNo, /^\d+$/);
    assert.equal(r.image.serverImageName, 'golden-rocky');
    assert.equal(r.image.serverImageStatus.code, 'CREAT');
    assert.equal(r.image.hypervisorType.code, r.builder.hypervisorType?.code);
    assert.equal(r.image.osType?.code, r.base.osType?.code, 'the OS of the image it was built from');
    assert.match(r.privateKey, /^-----BEGIN RSA PRIVATE KEY-----\n/);

    // Three servers in one call, running what the image holds.
    assert.deepEqual(r.fleet.map((s) => s.serverName), ['web-001', 'web-002', 'web-003']);
    assert.equal(new Set(r.fleet.map((s) => s.serverInstanceNo)).size, 3);
    for (const s of r.fleet) {
      assert.equal(s.serverInstanceStatus.code, 'RUN');
      assert.equal(s.serverImageNo, r.image.serverImageNo);
      assert.equal(s.platformType?.code, r.builder.platformType?.code);
      assert.equal(s.hypervisorType?.code, r.image.hypervisorType.code);
      assert.equal(s.loginKeyName, r.keyName);
    }

    // Shared with the other account.
    assert.deepEqual(r.shared.sharedLoginIdList, ['partner@example.com']);

    // Nothing left: servers, image, key.
    const all = [r.builder, ...r.fleet].map((s) => s.serverInstanceNo);
    assert.equal((await compute.getServerInstanceList({ serverInstanceNoList: all })).totalRows, 0);
    assert.equal((await compute.getServerImageList({ serverImageNoList: [r.image.serverImageNo] })).totalRows, 0);
    assert.equal((await compute.getLoginKeyList({ keyName: r.keyName })).totalRows, 0);

    // Every call went out in the format asked for; the only refusals are the waiters' last polls of
    // what was gone (terminated servers, the deleted image).
    const calls = emu.requests();
    assert.ok(calls.length > 20);
    assert.ok(calls.every((c) => c.format === format), 'the format asked for');
    const refused = calls.filter((c) => c.status !== 200);
    assert.deepEqual([...new Set(refused.map((c) => c.action))].sort(), ['getServerImageDetail', 'getServerInstanceDetail']);
  });
}

test('docs/vpc.md prints demo/golden.js as is', () => {
  const file = fs.readFileSync(path.join(__dirname, '..', 'demo', 'golden.js'), 'utf8');
  const page = path.join(__dirname, '..', 'docs', 'vpc.md');
  assert.ok(readmeBlocks(page).some((b) => b.lang === 'js' && b.code === file), 'a js block of docs/vpc.md equal to demo/golden.js');
});
