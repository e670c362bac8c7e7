'use strict';
// The error of a process with no native binary for its platform: five short lines (what is missing;
// platform, arch and libc; the package looked for; how to install it; how to build from source). The
// loader's long list of causes (it tries packages for every target napi-rs knows, including ones this
// package does not publish) stays on `error.cause`, not in the message.
const { platformTriple, packageOf, TARGET_PACKAGES, RUST_VERSION } = require('./platform');

function missingNativeError(cause) {
  const pkg = require('../package.json');
  const platform = platformTriple();
  const packageName = packageOf(platform);
  const supported = TARGET_PACKAGES.includes(packageName);
  const libc = process.platform === 'linux' ? (platform.endsWith('-musl') ? 'musl' : 'glibc') : 'n/a';
  const lines = [
    `${pkg.name}: no native binary for this platform (${platform}, Node.js ${process.version}).`,
    `  platform: ${process.platform}, arch: ${process.arch}, libc: ${libc}`,
    `  looked for: the package ${packageName}@${pkg.version} and the local build native/ncloud.${platform}.node`,
    supported
      ? `  install it: npm install --include=optional (optional dependencies were skipped, or the lock file came from another platform: npm bug #4828)`
      : `  no prebuilt package for ${platform}; prebuilt: ${TARGET_PACKAGES.map((p) => p.slice(pkg.name.length + 1)).join(', ')}`,
    `  build from source: install Rust (cargo >= ${RUST_VERSION}, https://rustup.rs), then run \`npx ncloud-build-native\` in your app`,
  ];
  const e = new Error(lines.join('\n'));
  e.code = 'ERR_NCLOUD_NATIVE_MISSING';
  e.platform = platform;
  e.packages = [packageName];
  e.cause = cause;
  return e;
}

module.exports = { missingNativeError };
