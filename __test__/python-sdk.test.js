'use strict';
// The emulator, driven by a client no one here wrote: NAVER Cloud's official Python SDK from PyPI
// (ncloud-vserver, ncloud-server) signs, sends and parses every request itself (interop/).
// `npm test` installs the SDK into .venv first (scripts/test.js).
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { execFile } = require('node:child_process');
const { emulator } = require('./helpers');

const root = path.join(__dirname, '..');
const python = path.join(root, '.venv', 'bin', 'python');

test('the official NCP Python SDK runs a member-image life cycle against the emulator', { timeout: 120000 }, async (t) => {
  assert.ok(
    fs.existsSync(python),
    `the Python SDK is not installed: run \`npm test\` (it creates .venv) or \`python3 -m venv .venv && .venv/bin/pip install -r interop/requirements.txt\``,
  );
  const emu = await emulator({ createDelayMs: 300, deleteDelayMs: 300 });
  t.after(() => emu.close());
  const { stdout, stderr, code } = await new Promise((resolve) => {
    execFile(
      python,
      [path.join(root, 'interop', 'sdk_lifecycle.py')],
      {
        env: { ...process.env, NCLOUD_API_GW: emu.endpoint, NCLOUD_ACCESS_KEY: emu.accessKey, NCLOUD_SECRET_KEY: emu.secretKey },
        timeout: 100000,
      },
      (err, stdout, stderr) => resolve({ stdout, stderr, code: err ? err.code : 0 }),
    );
  });
  const lines = stdout.trim().split('\n');
  const summary = JSON.parse(lines[lines.length - 1]);
  assert.equal(code, 0, `${stdout}\n${stderr}`);
  assert.equal(summary.failed, 0, stdout);
  assert.ok(summary.passed >= 12, stdout);
  // The SDK signs with its own header name, and every request passed the signature check.
  const requests = emu.requests();
  assert.ok(requests.length >= 12);
  assert.ok(requests.every((r) => r.signatureHeader === 'v1'), JSON.stringify(requests.slice(0, 3)));
  assert.ok(requests.some((r) => r.path === '/server/v2/createMemberServerImage'));
  assert.ok(requests.some((r) => r.path === '/vserver/v2/setMemberServerImageSharingPermission'));
  assert.deepStrictEqual([...new Set(requests.map((r) => r.status))].sort(), [200, 400]);
});
