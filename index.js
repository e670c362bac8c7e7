'use strict';
/**
 * ncloud-client: NAVER Cloud Platform servers and server images from Node.js (installed as `ncloud`
 * too, through the npm alias "ncloud": "npm:ncloud-client@^x", for the old client's users).
 *
 *   const ncloud = require('ncloud-client');
 *   const client = ncloud.createClient({ oauth_consumer_key, oauth_consumer_secret });
 *   client.compute.findPrivateImages((err, images) => { ... });
 *   const image = await client.compute.createServerImage({ serverInstanceNo, serverImageName });
 */
const { Client, createClient } = require('./lib/client');
const { NcloudError, AbortError } = require('./lib/error');
const { Emulator, startEmulator } = require('./lib/emulator');

class Ncloud {
  /** The old client's static constructor. */
  static createClient(options) {
    return createClient(options);
  }
}

module.exports = {
  createClient,
  startEmulator,
  Client,
  Emulator,
  NcloudError,
  AbortError,
  Ncloud,
  version: require('./package.json').version,
};
module.exports.default = module.exports;
