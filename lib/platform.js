'use strict';
// The napi-rs platform suffix of this process (`linux-x64-gnu`, `darwin-arm64`, `win32-x64-msvc`, …): the
// name part of the per-platform package `ncloud-<suffix>` and of a local build `native/ncloud.<suffix>.node`.
const fs = require('node:fs');
const pkg = require('../package.json');

const ABI = { win32: 'msvc', linux: null, android: null };
const ARCH = { x64: 'x64', arm64: 'arm64', ia32: 'ia32', arm: 'arm' };

function isMusl() {
  if (process.platform !== 'linux') return false;
  try {
    if (fs.readFileSync('/usr/bin/ldd', 'utf8').includes('musl')) return true;
  } catch {
    // no ldd: ask the process report below
  }
  const report = process.report && typeof process.report.getReport === 'function' ? process.report.getReport() : null;
  if (report && report.header && report.header.glibcVersionRuntime) return false;
  return Boolean(report && Array.isArray(report.sharedObjects) && report.sharedObjects.some((f) => /libc\.musl-|ld-musl-/.test(f)));
}

function platformTriple() {
  const arch = ARCH[process.arch] ?? process.arch;
  if (process.platform === 'linux') {
    const abi = isMusl() ? 'musl' : arch === 'arm' ? 'gnueabihf' : 'gnu';
    return `linux-${arch}-${abi}`;
  }
  const abi = ABI[process.platform];
  return abi ? `${process.platform}-${arch}-${abi}` : `${process.platform}-${arch}`;
}

/** The napi target triple of a Rust target (`x86_64-unknown-linux-gnu` -> `linux-x64-gnu`). */
function suffixOf(rustTarget) {
  const [cpu, , os, abi] = rustTarget.split('-');
  const arch = { x86_64: 'x64', aarch64: 'arm64', i686: 'ia32', armv7: 'arm' }[cpu] ?? cpu;
  if (os === 'darwin') return `darwin-${arch}`;
  if (os === 'windows') return `win32-${arch}-${abi}`;
  return `${os}-${arch}-${abi}`;
}

/** The per-platform package of a suffix: `<this package's name>-<suffix>` (`ncloud-client-linux-x64-gnu`). */
const packageOf = (suffix) => `${pkg.name}-${suffix}`;
const TARGET_PACKAGES = (pkg.napi.targets || []).map((t) => packageOf(suffixOf(t)));

/** The crate's minimum Rust version (Cargo.toml `rust-version`). */
const RUST_VERSION = (() => {
  try {
    const toml = fs.readFileSync(require('node:path').join(__dirname, '..', 'Cargo.toml'), 'utf8');
    return /^rust-version\s*=\s*"([^"]+)"/m.exec(toml)?.[1] ?? '1.88';
  } catch {
    return '1.88';
  }
})();

module.exports = { platformTriple, suffixOf, packageOf, TARGET_PACKAGES, RUST_VERSION };
