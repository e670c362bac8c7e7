'use strict';
// Every action of NAVER's official Classic Python SDK (ncloud-server 1.1.3) against the emulator:
// interop/classic_sdk.py signs, sends and parses each call with the SDK itself, in a life cycle's order.
const test = require('node:test');
const assert = require('node:assert/strict');
const { runInterop } = require('./python-run');

test('every action of the Classic Python SDK passes against the emulator', { timeout: 180000 }, async (t) => {
  const options = { createDelayMs: 50, deleteDelayMs: 50, fixture: { settings: { operationDelayMs: 50 } } };
  const { stdout, summary, emu } = await runInterop(t, 'classic_sdk.py', options, 170000);
  // ncloud-server 1.1.3 has 62 actions; each one passed at least once.
  assert.equal(summary.total, 62, stdout);
  assert.equal(summary.actions, 62, stdout);
  const requests = emu.requests();
  assert.ok(requests.every((r) => r.signatureHeader === 'v1'));
  assert.ok(requests.some((r) => r.path === '/server/v2/getRootPassword' && r.status === 200));
});
