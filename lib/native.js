'use strict';
// Loads the napi addon. `native/binding.js` is the loader napi-rs generates (`npm run build` rewrites
// it): it tries a local build (`native/ncloud.<platform>.node`, a development clone or
// `npx ncloud-build-native`), then the prebuilt per-platform package (`ncloud-linux-x64-gnu`, …) that npm
// installed from `optionalDependencies`. When neither fits, the error says what was looked for and how to
// build from source.
const { platformTriple, TARGET_PACKAGES } = require('./platform');

let binding;
try {
  binding = require('../native/binding.js');
} catch (err) {
  const platform = platformTriple();
  const pkg = require('../package.json');
  const packageName = `ncloud-${platform}`;
  const supported = TARGET_PACKAGES.includes(packageName);
  const causes = Array.isArray(err && err.cause) ? err.cause : err && err.cause ? [err.cause] : [];
  const lines = [
    `ncloud: no native binary for this platform (${platform}, Node.js ${process.version}).`,
    `Looked for: the local build native/ncloud.${platform}.node and the package ${packageName}@${pkg.version}.`,
    supported
      ? `${packageName} is published for this platform: reinstall with optional dependencies enabled ` +
        `(npm install --include=optional; npm's bug #4828 can drop them when a lock file came from another platform).`
      : `No prebuilt package exists for ${platform}; prebuilt ones are: ${TARGET_PACKAGES.join(', ')}.`,
    `To build from source: install Rust (cargo >= ${require('./platform').RUST_VERSION}, https://rustup.rs), then run ` +
      '`npx ncloud-build-native` in your app (it compiles the Rust core into this package; no other tool needed).',
  ];
  for (const c of causes.slice(0, 4)) {
    if (c && c.message) lines.push(`  - ${String(c.message).split('\n')[0]}`);
  }
  const e = new Error(lines.join('\n'));
  e.code = 'ERR_NCLOUD_NATIVE_MISSING';
  e.platform = platform;
  e.packages = [packageName];
  e.cause = err;
  throw e;
}
module.exports = binding;
