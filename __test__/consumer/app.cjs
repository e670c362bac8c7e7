'use strict';
// A CommonJS app using the installed package: real calls against startEmulator(), both call styles.
const assert = require('node:assert/strict');
const ncloud = require('ncloud');
const { createClient, startEmulator, NcloudError } = require('ncloud');

async function main() {
  const emu = await startEmulator({ port: 0 });
  try {
    const client = createClient(emu);
    const images = await new Promise((resolve, reject) => {
      client.compute.findPrivateImages((err, result) => (err ? reject(err) : resolve(result)));
    });
    assert.ok(Array.isArray(images));
    const { regionList } = await client.compute.getRegionList();
    assert.ok(regionList.length > 0);
    const err = await client.compute.getServerImageDetail({}).then(() => null, (e) => e);
    assert.ok(err instanceof NcloudError, 'a validation failure is an NcloudError');
    assert.equal(err.code, 'ERR_VALIDATION');
    assert.equal(ncloud.createClient, createClient);
    const binaries = Object.keys(require.cache).filter((f) => f.endsWith('.node'));
    console.log(JSON.stringify({ style: 'cjs', images: images.length, regions: regionList.length, binaries }));
  } finally {
    await emu.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
