'use strict';
// Every action of NAVER's official Classic Python SDK (ncloud-server 1.1.3) against the emulator:
// interop/classic_sdk.py signs, sends and parses each call with the SDK itself, in a life cycle's order.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { execFile } = require('node:child_process');
const { emulator } = require('./helpers');

const root = path.join(__dirname, '..');
const python = path.join(root, '.venv', 'bin', 'python');

test('every action of the Classic Python SDK passes against the emulator', { timeout: 180000 }, async (t) => {
  assert.ok(fs.existsSync(python), 'the Python SDK is not installed: run `npm test` (it creates .venv)');
  const emu = await emulator({ createDelayMs: 50, deleteDelayMs: 50, fixture: { settings: { operationDelayMs: 50 } } });
  t.after(() => emu.close());
  const { stdout, stderr, code } = await new Promise((resolve) => {
    execFile(
      python,
      [path.join(root, 'interop', 'classic_sdk.py')],
      {
        env: { ...process.env, NCLOUD_API_GW: emu.endpoint, NCLOUD_ACCESS_KEY: emu.accessKey, NCLOUD_SECRET_KEY: emu.secretKey },
        timeout: 170000,
      },
      (err, stdout, stderr) => resolve({ stdout, stderr, code: err ? err.code : 0 }),
    );
  });
  const lines = stdout.trim().split('\n');
  const summary = JSON.parse(lines[lines.length - 1]);
  assert.equal(summary.failed, 0, stdout);
  assert.equal(code, 0, `${stdout}\n${stderr}`);
  // ncloud-server 1.1.3 has 62 actions; each one passed at least once.
  assert.equal(summary.total, 62, stdout);
  assert.equal(summary.actions, 62, stdout);
  // Every field the model marks always present (from NCP's data-type reference) came back filled, in
  // every answer the SDK parsed (interop/always.py).
  assert.ok(summary.always.checked > 40, JSON.stringify(summary.always));
  assert.deepEqual(summary.always.empty, [], JSON.stringify(summary.always));
  t.diagnostic(`ncloud-server: ${summary.always.checked} always-present fields checked in every answer, none empty (${Object.keys(summary.always.models).join(', ')})`);
  const requests = emu.requests();
  assert.ok(requests.every((r) => r.signatureHeader === 'v1'));
  assert.ok(requests.some((r) => r.path === '/server/v2/getRootPassword' && r.status === 200));
});
