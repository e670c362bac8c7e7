#!/usr/bin/env node
'use strict';
// `npx ncloud-build-native`: builds the Rust core from the sources shipped in this package, for a platform
// without a prebuilt `ncloud-<platform>` package (or to use your own toolchain). Needs only cargo (Rust
// >= Cargo.toml's rust-version) on PATH; not @napi-rs/cli. Writes native/ncloud.<platform>.node, which the
// loader prefers over a prebuilt package.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { platformTriple, RUST_VERSION } = require('../lib/platform');

const USAGE = `Usage: ncloud-build-native [options]
  Builds the Rust core of ncloud-client from the sources in this package, for a platform without a
  prebuilt ncloud-client-<platform> package. Needs cargo (Rust >= ${RUST_VERSION}, https://rustup.rs).
  Writes native/ncloud.<platform>.node, which the loader prefers over a prebuilt package.
  -h, --help    print this help and exit (builds nothing)`;

const args = process.argv.slice(2);
if (args.includes('-h') || args.includes('--help')) {
  console.log(USAGE);
  process.exit(0);
}
if (args.length > 0) {
  console.error(`ncloud-build-native: unknown argument '${args[0]}'\n${USAGE}`);
  process.exit(2);
}

const root = path.join(__dirname, '..');
const platform = platformTriple();
const targetDir = process.env.CARGO_TARGET_DIR || path.join(root, 'target');
const libName = { win32: 'ncloud.dll', darwin: 'libncloud.dylib' }[process.platform] ?? 'libncloud.so';
const out = path.join(root, 'native', `ncloud.${platform}.node`);

console.log(`ncloud: building the native core for ${platform} with cargo (Rust >= ${RUST_VERSION}) …`);
const r = spawnSync('cargo', ['build', '--release', '--lib', '--locked'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, CARGO_TARGET_DIR: targetDir },
});
if (r.error) {
  console.error(`ncloud: could not run cargo (${r.error.code || r.error.message}). Install Rust >= ${RUST_VERSION} from https://rustup.rs and retry.`);
  process.exit(1);
}
if (r.status !== 0) {
  console.error(`ncloud: cargo build failed (exit ${r.status}).`);
  process.exit(r.status || 1);
}
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.copyFileSync(path.join(targetDir, 'release', libName), out);
console.log(`ncloud: wrote ${path.relative(process.cwd(), out) || out} (${(fs.statSync(out).size / 1e6).toFixed(1)} MB)`);
