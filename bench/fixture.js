'use strict';
// Builds emulator fixtures of N VPC server images, shaped like fixtures/emulator.json's vpc.serverImages[0].
const path = require('node:path');

const TEMPLATE = require(path.join(__dirname, '..', 'fixtures', 'emulator.json')).vpc.serverImages[0];
const FIRST_NO = 7000001;

/** `n` images numbered from 7000001, named bench-image-00001 ... */
function serverImages(n) {
  return Array.from({ length: n }, (_, i) => ({
    ...structuredClone(TEMPLATE),
    serverImageNo: String(FIRST_NO + i),
    serverImageName: `bench-image-${String(i + 1).padStart(5, '0')}`,
  }));
}

/** The fixture for `emu.load()`: the default state with its VPC server images replaced by `n` of ours. */
function withImages(n) {
  return { vpc: { serverImages: serverImages(n) } };
}

module.exports = { serverImages, withImages, FIRST_NO };
