'use strict';
// Validation happens in the core before any request: each rule's message, and no request reaching the
// emulator (its request counter stays the same).
const test = require('node:test');
const assert = require('node:assert/strict');
const { ncloud, emulator, client, viaCallback } = require('./helpers');

const cases = [
  // [method, params, message (string: exact, RegExp: match)]
  // The old client's messages (compat methods, compat parameter names), as its sources produce them
  // (mosfet1kg/ncloud src/ncloud/helpers/Validator/service.ts, 0.1.13-0.1.18):
  //   throw new Error('Error: The following parameters should be defined : ' + not_exist_required_param);
  //   throw new Error('Error: Invalid Parameters : ' + invalidParam);
  //   `Error: The length of \'${ constraint.name }\' must be ` + [`greater than or equals to ${ constraint.minLength }`,
  //     `less than or equals to ${ constraint.maxLength }`].join(" and ")            (type 'string', restrict 'length')
  //   [ `The length of \'${ constraint.name }\' must be `, ... ].join("")            (type 'array', restrict 'numItems': no prefix)
  ['createPrivateImage', {}, 'Error: The following parameters should be defined : serverInstanceNo'],
  ['createPrivateImage', { serverInstanceNo: 1, foo: 1, bar: 2 }, 'Error: Invalid Parameters : foo,bar'],
  ['createPrivateImage', { serverInstanceNo: 1, privateImageName: 'ab' }, "Error: The length of 'privateImageName' must be greater than or equals to 3 and less than or equals to 30"],
  ['createPrivateImage', { serverInstanceNo: 1, privateImageName: 'x'.repeat(31) }, "Error: The length of 'privateImageName' must be greater than or equals to 3 and less than or equals to 30"],
  ['destroyPrivateImages', { privateImageNoList: [] }, "The length of 'privateImageNoList' must be greater than or equals to 1"],
  ['destroyPrivateImages', {}, 'Error: The following parameters should be defined : privateImageNoList'],
  ['destroyPrivateImage', {}, 'Error: The following parameters should be defined : privateImageNo'],
  ['destroyPrivateImages', { privateImageNoList: [1, 1] }, "'privateImageNoList' must not contain duplicates: 1"],
  ['createPrivateImage', { serverInstanceNo: 1, privateImageDescription: 'é'.repeat(501) }, /The size of 'privateImageDescription' must be less than or equals to 1000 bytes/],
  // VPC rules from the action declarations.
  ['createServerImage', { serverImageName: 'img-1' }, 'Error: The following parameters should be defined : serverInstanceNo'],
  ['createServerImage', {}, 'Error: The following parameters should be defined : serverInstanceNo,serverImageName'],
  ['createServerImage', { serverInstanceNo: '1', serverImageName: 'img.1' }, /'serverImageName' must start with a letter, end with a letter or a digit, and contain only letters, digits and '-'/],
  ['createServerImage', { serverInstanceNo: '1', serverImageName: '1mg' }, /'serverImageName' must start with a letter/],
  ['createServerImage', { serverInstanceNo: '1', serverImageName: 'img-' }, /'serverImageName' must start with a letter/],
  ['createServerImage', { serverInstanceNo: '1', serverImageName: 'im' }, "Error: The length of 'serverImageName' must be greater than or equals to 3 and less than or equals to 30"],
  ['createMemberServerImageInstance', { serverInstanceNo: '1', memberServerImageName: 'img_under' }, /'memberServerImageName' must start with a letter/],
  ['createMemberServerImageInstance', { serverInstanceNo: '1', memberServerImageDescription: '가'.repeat(334) }, /The size of 'memberServerImageDescription' must be less than or equals to 1000 bytes \(UTF-8\), got 1002/],
  ['createServerImage', { serverInstanceNo: '1', serverImageName: 'img-1', blockStorageList: Array.from({ length: 22 }, (_, i) => ({ order: i, noBlockStorage: true })) }, "The length of 'blockStorageList' must be greater than or equals to 1 and less than or equals to 21"],
  ['createServerImage', { serverInstanceNo: '1', serverImageName: 'img-1', blockStorageList: [{ order: 1, snapshotInstanceNo: '9' }] }, "'blockStorageList' must have exactly one base storage (order 0), found 0"],
  ['createServerImage', { serverInstanceNo: '1', serverImageName: 'img-1', blockStorageList: [{ order: 0, blockStorageVolumeTypeCode: 'CB1' }] }, "'blockStorageList[0].blockStorageVolumeTypeCode' cannot be set on the base storage (order 0)"],
  ['createServerImage', { serverInstanceNo: '1', serverImageName: 'img-1', blockStorageList: [{ order: 0, size: 1 }] }, 'Error: Invalid Parameters : blockStorageList[0].size'],
  ['createServerImage', { serverInstanceNo: '1', serverImageName: 'img-1', blockStorageList: { order: 0 } }, "'blockStorageList' must be an array"],
  ['createServerImageFromSnapshot', { serverImageName: 'img-1' }, 'Error: The following parameters should be defined : blockStorageList'],
  ['getServerImageList', { pageNo: 1 }, "Error: The following parameters should be defined : pageSize (required when 'pageNo' is given)"],
  ['getServerImageList', { pageNo: 1, pageSize: 1001 }, "'pageSize' must be an integer between 1 and 1000, got 1001"],
  ['getServerImageList', { pageNo: 'one', pageSize: 10 }, "'pageNo' must be an integer"],
  ['getServerImageList', { sortingOrder: 'descending' }, "'sortingOrder' must be one of: ASC, DESC (got 'descending')"],
  ['getBlockStorageSnapshotInstanceList', { sortingOrder: 'up' }, "'sortingOrder' must be one of: ASC, DESC (got 'up')"],
  ['getMemberServerImageInstanceList', { memberServerImageInstanceNoList: '123' }, "'memberServerImageInstanceNoList' must be an array"],
  ['getMemberServerImageInstanceList', { colour: 'red' }, 'Error: Invalid Parameters : colour'],
  ['getMemberServerImageInstanceDetail', {}, 'Error: The following parameters should be defined : memberServerImageInstanceNo'],
  ['getMemberServerImageInstanceDetail', { memberServerImageInstanceNo: { no: 1 } }, "'memberServerImageInstanceNo' must be a string"],
  ['deleteServerImage', { serverImageNoList: [] }, "The length of 'serverImageNoList' must be greater than or equals to 1"],
  ['addServerImageSharingPermission', { serverImageNo: '1', targetLoginIdList: [] }, "The length of 'targetLoginIdList' must be greater than or equals to 1"],
  ['setMemberServerImageSharingPermission', { memberServerImageInstanceNo: '1', targetLoginIdList: ['a', 'a'] }, "'targetLoginIdList' must not contain duplicates: a"],
  ['getBlockStorageSnapshotInstanceList', { isBootable: 'yes' }, "'isBootable' must be a boolean"],
];

test('validation rules: the message, and no request sent', async (t) => {
  const emu = await emulator();
  t.after(() => emu.close());
  const c = client(emu);
  for (const [method, params, message] of cases) {
    await t.test(`${method} ${JSON.stringify(params).slice(0, 80)}`, async () => {
      const before = emu.requestCount();
      const err = await c.compute[method](params).then(
        () => assert.fail('expected a validation error'),
        (e) => e,
      );
      assert.ok(err instanceof ncloud.NcloudError);
      assert.equal(err.code, 'ERR_VALIDATION');
      if (typeof message === 'string') assert.equal(err.message, message);
      else assert.match(err.message, message);
      assert.equal(emu.requestCount(), before, 'no request may reach the emulator');
    });
  }
});

test('validation errors reach the callback once, with (err, null)', async (t) => {
  const emu = await emulator();
  t.after(() => emu.close());
  const c = client(emu);
  const [err, result, returned] = await viaCallback(c.compute.createPrivateImage, {});
  assert.equal(err.message, 'Error: The following parameters should be defined : serverInstanceNo');
  assert.equal(result, null);
  assert.equal(returned, undefined, 'callback style returns nothing');
  assert.equal(emu.requestCount(), 0);
});

test('parameters that are not an object, or cannot be serialized, are rejected', async (t) => {
  const emu = await emulator();
  t.after(() => emu.close());
  const c = client(emu);
  await assert.rejects(c.compute.getServerImageList('abc'), { code: 'ERR_VALIDATION', message: 'The parameters must be given as an object' });
  await assert.rejects(c.compute.getServerImageList({ pageNo: 10n }), { code: 'ERR_VALIDATION', message: /could not be serialized/ });
  assert.equal(emu.requestCount(), 0);
});

test('valid inputs pass: numbers for ids, optional keys left out', async (t) => {
  const emu = await emulator();
  t.after(() => emu.close());
  const c = client(emu);
  const image = await c.compute.createServerImage({ serverInstanceNo: 1000001, serverImageName: 'a-1' });
  assert.equal(image.serverImageList[0].serverImageName, 'a-1');
  const list = await c.compute.getServerImageList({ pageNo: 1, pageSize: 1, sortingOrder: 'DESC' });
  assert.equal(list.serverImageList.length, 1);
  assert.equal(emu.requestCount(), 2);
});

test('client options are checked', () => {
  assert.throws(() => ncloud.createClient({ accessKey: 'a', secretKey: 'b', responseFormat: 'yaml' }), {
    code: 'ERR_VALIDATION',
    message: "responseFormat must be 'json' or 'xml', got 'yaml'",
  });
  assert.throws(() => ncloud.createClient({ accessKey: 'a', secretKey: 'b', timeout: -1 }), { code: 'ERR_VALIDATION' });
  assert.throws(() => ncloud.createClient({ accessKey: 'a', emulator: false }), { code: 'ERR_CREDENTIALS', message: /an access key was given without its secret key/ });
});
