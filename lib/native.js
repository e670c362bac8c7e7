'use strict';
// Loads the napi addon. `native/binding.js` is the loader napi-rs generates (`npm run build` rewrites
// it): it tries a local build (`native/ncloud.<platform>.node`, a development clone or
// `npx ncloud-build-native`), then the prebuilt per-platform package (`ncloud-client-linux-x64-gnu`, …)
// that npm installed from `optionalDependencies`. When neither fits, a short error (lib/native-error.js)
// says what was looked for and how to get a binary; napi's own causes stay on `error.cause`.
const { missingNativeError } = require('./native-error');

let binding;
try {
  binding = require('../native/binding.js');
} catch (err) {
  throw missingNativeError(err);
}
module.exports = binding;
