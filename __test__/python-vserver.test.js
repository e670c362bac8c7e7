'use strict';
// Every action of NAVER's official Python SDK for the VPC server API (ncloud-vserver, the newest
// release) against the emulator, in a server's life-cycle order (interop/sdk_vserver.py). The SDK
// signs, sends and parses each request itself; `npm test` installs it into .venv (scripts/test.js).
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { execFile } = require('node:child_process');
const { emulator } = require('./helpers');

const root = path.join(__dirname, '..');
const python = path.join(root, '.venv', 'bin', 'python');

test('ncloud-vserver: every action of the official Python SDK runs against the emulator', { timeout: 180000 }, async (t) => {
  assert.ok(fs.existsSync(python), 'the Python SDK is not installed: run `npm test` (it creates .venv)');
  const emu = await emulator({ createDelayMs: 40, deleteDelayMs: 40, fixture: { settings: { operationDelayMs: 20 } } });
  t.after(() => emu.close());
  const { stdout, stderr, code } = await new Promise((resolve) => {
    execFile(
      python,
      [path.join(root, 'interop', 'sdk_vserver.py')],
      {
        env: { ...process.env, NCLOUD_API_GW: emu.endpoint, NCLOUD_ACCESS_KEY: emu.accessKey, NCLOUD_SECRET_KEY: emu.secretKey },
        timeout: 170000,
      },
      (err, out, errOut) => resolve({ stdout: out, stderr: errOut, code: err ? err.code : 0 }),
    );
  });
  const lines = stdout.trim().split('\n');
  const summary = JSON.parse(lines[lines.length - 1]);
  assert.equal(code, 0, `${stdout}\n${stderr}`);
  assert.equal(summary.failed, 0, stdout);
  assert.equal(summary.total, 67, 'ncloud-vserver 1.0.1 has 67 actions');
  // Every action of the SDK ran and passed: the emulator serves them all (none answered 404).
  assert.deepEqual(summary.pending, [], stdout);
  assert.equal(summary.actions, summary.total, stdout);
  // Every field the model marks always present (from NCP's data-type reference) came back filled, in
  // every answer the SDK parsed (interop/always.py).
  assert.ok(summary.always.checked > 40, JSON.stringify(summary.always));
  assert.deepEqual(summary.always.empty, [], JSON.stringify(summary.always));
  t.diagnostic(`ncloud-vserver: ${summary.always.checked} always-present fields checked in every answer, none empty (${Object.keys(summary.always.models).join(', ')})`);
  t.diagnostic(`ncloud-vserver: ${summary.actions}/${summary.total} actions pass; pending: ${summary.pending.join(', ') || 'none'}`);
  const requests = emu.requests();
  assert.ok(requests.every((r) => r.signatureHeader === 'v1'));
  assert.ok(requests.some((r) => r.path === '/vserver/v2/createServerInstances' && r.status === 200));
});
