'use strict';
// The emulator, driven by a client no one here wrote: NAVER Cloud's official Python SDK from PyPI
// (ncloud-vserver, ncloud-server) signs, sends and parses every request itself (interop/).
// `npm test` installs the SDK into .venv first (scripts/test.js).
const test = require('node:test');
const assert = require('node:assert/strict');
const { runInterop } = require('./python-run');

test('the official NCP Python SDK runs a member-image life cycle against the emulator', { timeout: 120000 }, async (t) => {
  const { stdout, summary, emu } = await runInterop(t, 'sdk_lifecycle.py', { createDelayMs: 300, deleteDelayMs: 300 }, 100000);
  assert.ok(summary.passed >= 12, stdout);
  // The SDK signs with its own header name, and every request passed the signature check.
  const requests = emu.requests();
  assert.ok(requests.length >= 12);
  assert.ok(requests.every((r) => r.signatureHeader === 'v1'), JSON.stringify(requests.slice(0, 3)));
  assert.ok(requests.some((r) => r.path === '/server/v2/createMemberServerImage'));
  assert.ok(requests.some((r) => r.path === '/vserver/v2/setMemberServerImageSharingPermission'));
  assert.deepStrictEqual([...new Set(requests.map((r) => r.status))].sort(), [200, 400]);
});
