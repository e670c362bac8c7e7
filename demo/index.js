'use strict';
// `npm start`: the main job. Starts the embedded NCP emulator and
//  1. replays the seed 000 examples of the old `ncloud` client (loaded with the seed's fixture) and
//     checks each output against the seed, key for key and type for type;
//  2. runs the same flow again on fresh state, then a VPC image life cycle:
//     create from a server, wait until created, share, delete.
const assert = require('node:assert/strict');
const path = require('node:path');
const fs = require('node:fs');
const util = require('node:util');
const ncloud = require('..');

const root = path.join(__dirname, '..');
const seed = JSON.parse(fs.readFileSync(path.join(root, 'fixtures', 'seed-000.json'), 'utf8'));
const expected = JSON.parse(fs.readFileSync(path.join(root, '__test__', 'expected', 'seed-000.json'), 'utf8'));

const show = (v) => util.inspect(v, { depth: 4, colors: process.stdout.isTTY, breakLength: 100 });
const call = (fn, ...args) => new Promise((resolve, reject) => fn(...args, (err, res) => (err ? reject(err) : resolve(res))));

async function main() {
  const emu = await ncloud.startEmulator({ port: 0, createDelayMs: 800, deleteDelayMs: 800 });
  console.log(`ncloud ${ncloud.version}: emulator on ${emu.endpoint}\n`);
  try {
    const client = ncloud.createClient({ oauth_consumer_key: emu.accessKey, oauth_consumer_secret: emu.secretKey, endpoint: emu.endpoint });

    console.log('== 1. Seed 000, replayed against the seed fixture ==');
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

    console.log('\n== 2. The same flow on fresh state ==');
    emu.load();
    const created = await call(client.compute.createPrivateImage, { serverInstanceNo: 492964, privateImageName: 'helloWorld', privateImageDescription: 'myFirstPrivateImage' });
    console.log('createPrivateImage ->', created.privateImageNo, created.privateImageStatusName);
    let images;
    do {
      await new Promise((r) => setTimeout(r, 300));
      images = await call(client.compute.findPrivateImages);
    } while (images.some((i) => i.privateImageStatusName !== 'created'));
    console.log('findPrivateImages ->', images.map((i) => `${i.privateImageNo} ${i.privateImageName} ${i.privateImageStatusName} ${i.privateImageBlockStorageTotalSize} bytes`));
    const destroyed = await call(client.compute.destroyPrivateImages, { privateImageNoList: [created.privateImageNo] });
    console.log('destroyPrivateImages ->', destroyed.map((i) => `${i.privateImageNo} ${i.privateImageStatusName}`));

    console.log('\n== 3. VPC image life cycle ==');
    const kvm = (await client.compute.getServerInstanceList({ serverName: 'web-kvm-01' })).serverInstanceList[0];
    const { serverImageList: [image] } = await client.compute.createServerImage({
      serverInstanceNo: kvm.serverInstanceNo,
      serverImageName: 'golden-rocky-01',
      serverImageDescription: 'demo golden image',
    });
    console.log(`createServerImage -> ${image.serverImageNo} ${image.serverImageStatusName}`);
    const ready = await client.compute.waitForServerImage(image.serverImageNo, {
      minDelayMs: 200,
      maxDelayMs: 1000,
      timeoutMs: 30000,
      onPoll: ({ item }) => console.log(`   … ${item.serverImageStatusName}`),
    });
    console.log(`created: ${ready.blockStorageMappingList.length} volumes, ${ready.blockStorageMappingList.reduce((s, m) => s + m.blockStorageSize, 0)} bytes`);
    const shared = await client.compute.addServerImageSharingPermission({ serverImageNo: image.serverImageNo, targetLoginIdList: ['partner@example.com'] });
    console.log('shared with', shared.serverImageList[0].sharedLoginIdList);
    const del = await client.compute.deleteServerImage({ serverImageNoList: [image.serverImageNo] });
    console.log('deleteServerImage ->', del.serverImageList[0].serverImageStatusName);
    await client.compute.waitForServerImageDeleted(image.serverImageNo, { minDelayMs: 200, timeoutMs: 30000 });
    await client.compute.getServerImageDetail({ serverImageNo: image.serverImageNo }).then(
      () => assert.fail('the image should be gone'),
      (err) => console.log(`gone: ${err.message}`),
    );
    console.log(`\n${emu.requestCount()} signed requests served by the emulator. Done.`);
  } finally {
    await emu.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
