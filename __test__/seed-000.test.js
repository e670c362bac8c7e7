'use strict';
// Seed 000: the old JS client's README examples, reproduced key for key, type for type and in key
// order, in both wire formats and both call styles.
const test = require('node:test');
const assert = require('node:assert/strict');
const { FORMATS, emulator, client, fixture, expected, viaCallback } = require('./helpers');

const scenes = fixture('seed-000.json');
const want = expected('seed-000.json');

/** deepStrictEqual plus the same key order at every level. */
function sameShape(actual, wanted, where = 'result') {
  assert.deepStrictEqual(actual, wanted, where);
  const order = (v) => JSON.stringify(v, (k, x) => x);
  assert.equal(order(actual), order(wanted), `${where}: key order`);
}

for (const format of FORMATS) {
  test(`seed 000 through the compat methods (${format})`, async (t) => {
    const emu = await emulator();
    t.after(() => emu.close());
    const c = client(emu, format);

    await t.test('findPrivateImages(cb): an array of images as the seed shows, ids as numbers', async () => {
      emu.load(scenes.scenes.findPrivateImages);
      const [err, images] = await viaCallback(c.compute.findPrivateImages);
      assert.equal(err, null);
      assert.ok(Array.isArray(images));
      for (const image of images) {
        // The seed hides the number (/**privateImageNo**/); it is a JS number.
        assert.equal(typeof image.privateImageNo, 'number');
      }
      const masked = images.map((i) => ({ ...i, privateImageNo: '__PLACEHOLDER__' }));
      sameShape(masked, want.findPrivateImages);
    });

    await t.test('createPrivateImage({ serverInstanceNo }, cb): generated name, creating', async () => {
      emu.load(scenes.scenes.createPrivateImage);
      const [err, image] = await viaCallback(c.compute.createPrivateImage, scenes.calls.createPrivateImage);
      assert.equal(err, null);
      sameShape(image, want.createPrivateImage);
    });

    await t.test('createPrivateImage with name and description (promise)', async () => {
      emu.load(scenes.scenes.createPrivateImageNamed);
      const image = await c.compute.createPrivateImage(scenes.calls.createPrivateImageNamed);
      sameShape(image, want.createPrivateImageNamed);
    });

    await t.test('destroyPrivateImages({ privateImageNoList: [3799, 3800] }, cb): newest first, terminating', async () => {
      emu.load(scenes.scenes.destroyPrivateImages);
      const [err, images] = await viaCallback(c.compute.destroyPrivateImages, scenes.calls.destroyPrivateImages);
      assert.equal(err, null);
      sameShape(images, want.destroyPrivateImages);
    });

    await t.test('destroyPrivateImage({ privateImageNo }) returns the one image', async () => {
      emu.load(scenes.scenes.destroyPrivateImages);
      const image = await c.compute.destroyPrivateImage({ privateImageNo: 3800 });
      sameShape(image, want.destroyPrivateImages[0]);
    });

    await t.test('findPrivateImages with none: an empty array', async () => {
      emu.load({ classic: { memberServerImages: [] } });
      assert.deepStrictEqual(await c.compute.findPrivateImages(), []);
    });

    await t.test('the 0.1.12 spelling privateImageDesc is accepted', async () => {
      emu.load(scenes.scenes.createPrivateImageNamed);
      const image = await c.compute.createPrivateImage({ serverInstanceNo: 492964, privateImageName: 'helloWorld', privateImageDesc: 'myFirstPrivateImage' });
      assert.equal(image.privateImageDescription, 'myFirstPrivateImage');
    });

    await t.test('client.compute.regionNo is sent with Classic calls', async () => {
      emu.load(scenes.scenes.findPrivateImages);
      c.compute.regionNo = 3;
      try {
        assert.deepStrictEqual(await c.compute.findPrivateImages(), []);
      } finally {
        c.compute.regionNo = undefined;
      }
      c.compute.regionNo = 1;
      try {
        assert.equal((await c.compute.findPrivateImages()).length, 2);
      } finally {
        c.compute.regionNo = undefined;
      }
    });
  });
}

test('createClient({ oauth_consumer_key, oauth_consumer_secret }) is the old construction', async (t) => {
  const ncloud = require('..');
  const emu = await emulator();
  t.after(() => emu.close());
  const c = ncloud.Ncloud.createClient({ oauth_consumer_key: emu.accessKey, oauth_consumer_secret: emu.secretKey, endpoint: emu.endpoint });
  emu.load(scenes.scenes.findPrivateImages);
  assert.equal((await c.compute.findPrivateImages()).length, 2);
});
