'use strict';
// Every action of NAVER's official Python SDK for the VPC network API (ncloud-vpc, the newest release)
// against the emulator, in the order a network is built and taken down (interop/sdk_vpc.py).
const test = require('node:test');
const assert = require('node:assert/strict');
const { runInterop } = require('./python-run');

test('ncloud-vpc: every action of the official Python SDK runs against the emulator', { timeout: 120000 }, async (t) => {
  const options = { createDelayMs: 40, deleteDelayMs: 40, fixture: { settings: { operationDelayMs: 20 } } };
  const { stdout, summary, emu } = await runInterop(t, 'sdk_vpc.py', options, 110000);
  assert.equal(summary.total, 41, 'ncloud-vpc 1.0.1 has 41 actions (the six deny-allow group actions are not in it)');
  assert.deepEqual(summary.pending, [], stdout);
  assert.equal(summary.actions, summary.total, stdout);
  t.diagnostic(`ncloud-vpc: ${summary.actions}/${summary.total} actions pass`);
  const requests = emu.requests();
  assert.ok(requests.every((r) => r.signatureHeader === 'v1'));
  assert.ok(requests.some((r) => r.path === '/vpc/v2/acceptOrRejectVpcPeering' && r.status === 200));
});
