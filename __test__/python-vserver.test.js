'use strict';
// Every action of NAVER's official Python SDK for the VPC server API (ncloud-vserver, the newest
// release) against the emulator, in a server's life-cycle order (interop/sdk_vserver.py). The SDK
// signs, sends and parses each request itself; `npm test` installs it into .venv (scripts/test.js).
const test = require('node:test');
const assert = require('node:assert/strict');
const { runInterop } = require('./python-run');

test('ncloud-vserver: every action of the official Python SDK runs against the emulator', { timeout: 180000 }, async (t) => {
  const options = { createDelayMs: 40, deleteDelayMs: 40, fixture: { settings: { operationDelayMs: 20 } } };
  const { stdout, summary, emu } = await runInterop(t, 'sdk_vserver.py', options, 170000);
  assert.equal(summary.total, 67, 'ncloud-vserver 1.0.1 has 67 actions');
  // Every action of the SDK ran and passed: the emulator serves them all (none answered 404).
  assert.deepEqual(summary.pending, [], stdout);
  assert.equal(summary.actions, summary.total, stdout);
  t.diagnostic(`ncloud-vserver: ${summary.actions}/${summary.total} actions pass; pending: ${summary.pending.join(', ') || 'none'}`);
  const requests = emu.requests();
  assert.ok(requests.every((r) => r.signatureHeader === 'v1'));
  assert.ok(requests.some((r) => r.path === '/vserver/v2/createServerInstances' && r.status === 200));
});
