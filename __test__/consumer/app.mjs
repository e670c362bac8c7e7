// An ES module app using the installed package: the default export and the named exports.
import assert from 'node:assert/strict';
import ncloud from 'ncloud';
import { createClient, startEmulator, NcloudError, version } from 'ncloud';
import * as namespace from 'ncloud';
import { createRequire } from 'node:module';

// index.mjs names every export of index.js (no CommonJS-interop guessing, nothing missing).
const cjs = createRequire(import.meta.url)('ncloud');
const names = (o) => Object.keys(o).filter((k) => k !== 'default').sort();
assert.deepEqual(names(namespace), names(cjs));

assert.equal(typeof ncloud.createClient, 'function');
assert.equal(ncloud.createClient, createClient);
assert.equal(ncloud.NcloudError, NcloudError);
assert.equal(typeof version, 'string');

const emu = await startEmulator({ port: 0 });
try {
  const client = createClient(emu);
  const { serverImageList } = await client.compute.getServerImageList();
  const first = await new Promise((resolve, reject) => {
    client.compute.getServerImageDetail({ serverImageNo: serverImageList[0].serverImageNo }, (err, result) =>
      err ? reject(err) : resolve(result),
    );
  });
  assert.equal(first.serverImageList[0].serverImageNo, serverImageList[0].serverImageNo);
  const err = await client.compute.getServerImageDetail({ serverImageNo: '999999' }).then(() => null, (e) => e);
  assert.ok(err instanceof NcloudError);
  console.log(JSON.stringify({ style: 'esm', images: serverImageList.length, code: err.code }));
} finally {
  await emu.close();
}
