'use strict';
// Loads the napi addon built from src/ (`npm install` or `npm run build` produce native/).
let binding;
try {
  binding = require('../native/binding.js');
} catch (err) {
  const e = new Error(
    'ncloud: the native addon is not built. Run `npm install` (or `npm run build`) in the package folder; ' +
      'it needs a Rust toolchain (cargo).',
  );
  e.code = 'ERR_NCLOUD_NATIVE_MISSING';
  e.cause = err;
  throw e;
}
module.exports = binding;
