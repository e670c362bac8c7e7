'use strict';
// Issue 21: the connection pool's defaults (fast under concurrency, bounded) and its keep-alive, and a
// client that leaves its host process's allocator alone.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const { ncloud } = require('./helpers');
const { eventually, slowServer, remote } = require('./bounds/shared');

test('a client created with no socket options keeps the connections of a busy burst for the next one', async (t) => {
  const { stats, endpoint } = await slowServer(t, 20);
  const c = remote(endpoint);
  const burst = () => Promise.all(Array.from({ length: 64 }, () => c.compute.getRegionList()));
  await burst();
  const first = stats.opened;
  // maxSockets (50) bounds the connections of 64 calls in flight.
  assert.ok(first <= 50 + 5, `${first} connections for 64 calls`);
  assert.ok(first >= 10, `${first} connections for 64 calls`);
  await burst();
  // With 10 idle connections kept (the old default), the second burst opened ~40 again.
  const again = stats.opened - first;
  assert.ok(again * 5 < first, `the second burst opened ${again} connections more (the first ${first})`);
  await c.close();
});

test('with the default keepAliveTimeout, the client closes every idle connection before a server with Node\'s 5-s keep-alive would', { timeout: 120000 }, async (t) => {
  const { stats, endpoint } = await slowServer(t, 20);
  const c = remote(endpoint);
  await Promise.all(Array.from({ length: 20 }, () => c.compute.getRegionList()));
  assert.ok(stats.opened >= 2, `${stats.opened} connections`);
  await eventually('every connection closed', () => stats.open === 0 && stats.closedByClient + stats.closedByServer === stats.opened);
  // The pool checked for idle connections once per keepAliveTimeout, so they lived 4-8 s and most were
  // closed by the server (after a request could have been sent on them); now they go by 4 s.
  assert.equal(stats.closedByServer, 0, JSON.stringify(stats));
  assert.equal(stats.closedByClient, stats.opened);
  await c.close();
});

test('createClient does not change the host process\'s allocator settings (the addon does not import mallopt)', () => {
  ncloud.createClient({ accessKey: 'a', secretKey: 'b' });
  const addons = Object.keys(require.cache).filter((f) => f.endsWith('.node'));
  assert.equal(addons.length, 1, `the addon loaded: ${addons.join(', ')}`);
  const binary = fs.readFileSync(addons[0]);
  // Its dynamic symbol names, NUL-separated: a function it could call from the C library is among them.
  assert.ok(binary.includes(Buffer.from('\0malloc\0')) || binary.includes(Buffer.from('\0free\0')) || process.platform !== 'linux', 'the check can see imported symbols');
  for (const name of ['mallopt', 'malloc_trim', 'mallctl']) {
    assert.ok(!binary.includes(Buffer.from(`\0${name}\0`)), `the addon imports ${name}`);
  }
});
