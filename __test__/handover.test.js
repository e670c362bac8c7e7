'use strict';
// How an answer reaches JavaScript (src/bindings/handover.rs): a large one (a long list) is handed over
// as an external one-byte string where Node offers it, freed when V8 collects the string. In a child
// process with --expose-gc, so that the texts are collected between calls.
const test = require('node:test');
const assert = require('node:assert/strict');
const { runScript } = require('./bounds/shared');

test('a multi-MB answer comes back whole, call after call, with its texts collected in between', async () => {
  const { code, signal, out, stderr } = await runScript('../handover/large.js', { flags: ['--expose-gc'] });
  assert.equal(code, 0, `exit ${code} ${signal}: ${stderr}`);
  assert.ok(out.bytes > 1 << 20, `a body of ${out.bytes} bytes is large enough to be handed over without a copy`);
  assert.deepEqual(out.results, [true, true, true, true], 'every round returned every item as sent');
});
