'use strict';
// Seeds 001-004: the NCP documentation's example answers, reproduced as typed JSON objects through
// the VPC methods, in both wire formats and both call styles.
const test = require('node:test');
const assert = require('node:assert/strict');
const { FORMATS, emulator, client, fixture, expected, viaCallback } = require('./helpers');

const seeds = fixture('seeds-vpc.json');

for (const format of FORMATS) {
  test(`seeds 001-004 through the VPC methods (${format})`, async (t) => {
    const emu = await emulator();
    t.after(() => emu.close());
    const c = client(emu, format);
    for (const id of ['001', '002', '003', '004']) {
      const [method, params] = seeds.calls[id];
      await t.test(`seed ${id}: ${method} (promise)`, async () => {
        emu.load(seeds.scenes[id]);
        assert.deepStrictEqual(await c.compute[method](params), expected(`seed-${id}.json`));
      });
      await t.test(`seed ${id}: ${method} (callback)`, async () => {
        emu.load(seeds.scenes[id]);
        const [err, result] = await viaCallback(c.compute[method], params);
        assert.equal(err, null);
        assert.deepStrictEqual(result, expected(`seed-${id}.json`));
      });
    }
  });
}
