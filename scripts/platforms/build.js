'use strict';
// Builds the addon for one target (a row of targets.js) into .platforms/out/ncloud.<platform>.node.
//   host    the repo's `npm run build` (release profile, this machine's toolchain), as `npm test` does;
//   cross   Debian's Rust with `-Zbuild-std` (std built from rust-web-src for the target), in the
//           `platforms` profile (Cargo.toml), with the row's linker and C compiler. A macOS row links with
//           zig, and fails at the link for want of the macOS SDK: "compiled up to the link".
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { suffixOf } = require('../../lib/platform');
const { envName, libFile, root } = require('./targets');

const PROFILE = 'platforms';

function crossEnv(row, tc) {
  const e = envName(row.rust);
  const under = row.rust.replace(/-/g, '_');
  const env = {
    ...process.env,
    RUSTC_BOOTSTRAP: '1', // -Zbuild-std on a stable compiler
    RUSTC: '/usr/bin/rustc',
    RUSTDOC: '/usr/bin/rustdoc',
    CARGO_TARGET_DIR: path.join(tc.cache, 'target'),
  };
  delete env.RUSTUP_TOOLCHAIN;
  const linker = row.zig ? tc.zig.wrapper(row.zig) : row.linker;
  env[`CARGO_TARGET_${e}_LINKER`] = linker;
  env[`CC_${under}`] = row.zig ? linker : row.cc;
  if (row.zig) env[`AR_${under}`] = tc.zig.ar;
  else if (row.ar) env[`AR_${under}`] = row.ar;
  const flags = [...(row.rustflags ?? [])];
  // std links libgcc_s for unwinding; musl-gcc searches musl's directories only: the musl build of it
  // (Alpine's libgcc, here the musl Node's own copy).
  if (row.run === 'musl') flags.push('-L', `native=${tc.muslLibDir}`);
  if (flags.length) env[`CARGO_TARGET_${e}_RUSTFLAGS`] = flags.join(' ');
  if (row.libnode) env.LIBNODE_PATH = tc.libnode;
  return env;
}

/** What a failed macOS link lacked, from the linker's own words. */
function missingAtLink(log) {
  const found = new Set();
  for (const m of log.matchAll(/unable to find (?:system framework|dynamic system library|framework|library) '?"?([\w.+-]+)/gi)) found.add(m[1]);
  for (const m of log.matchAll(/library not found for -l([\w.+-]+)/g)) found.add(m[1]);
  for (const m of log.matchAll(/framework not found ([\w.+-]+)/g)) found.add(m[1]);
  return [...found];
}

/** Builds `row`; resolves `{ status, seconds, bytes?, file?, note? }`. `logFile` gets the build's output. */
function buildTarget(row, tc, logFile) {
  const platform = suffixOf(row.napiTarget);
  const outDir = path.join(tc.cache, 'out');
  fs.mkdirSync(outDir, { recursive: true });
  const out = path.join(outDir, `ncloud.${platform}.node`);
  fs.rmSync(out, { force: true });
  const started = Date.now();
  // The build's output goes to its log as it comes (tail -f it to follow a long build).
  const fd = fs.openSync(logFile, 'w');
  let r;
  let built;
  try {
    if (row.build === 'host') {
      r = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', fd, fd] });
      built = path.join(root, 'native', `ncloud.${platform}.node`);
    } else {
      const args = ['build', '--lib', '--locked', '--profile', PROFILE, '--target', row.rust, '-Zbuild-std=std,panic_abort'];
      r = spawnSync('/usr/bin/cargo', args, { cwd: root, env: crossEnv(row, tc), stdio: ['ignore', fd, fd] });
      built = path.join(tc.cache, 'target', row.rust, PROFILE, libFile(row.rust));
    }
  } finally {
    fs.closeSync(fd);
  }
  const seconds = Math.round((Date.now() - started) / 1000);
  const text = fs.readFileSync(logFile, 'utf8');
  if (r.status === 0 && fs.existsSync(built)) {
    fs.copyFileSync(built, out);
    return { status: 'built', seconds, bytes: fs.statSync(out).size, file: out };
  }
  // A macOS target whose every crate compiled and whose link alone failed.
  const errors = text.split('\n').filter((l) => /^error/.test(l) && !/^error: (linking with|could not compile `ncloud`)/.test(l));
  const compiledAll = /Compiling ncloud v/.test(text) && errors.length === 0;
  if (row.zig && compiledAll && /error: linking with/.test(text)) {
    const lacks = missingAtLink(text);
    return { status: 'compiled up to the link', seconds, note: `the link lacks ${lacks.length ? lacks.join(' and ') : 'the macOS SDK'} (the macOS SDK is in no registry here)` };
  }
  const last = text.split('\n').filter((l) => /^error/.test(l)).slice(0, 3).join(' | ');
  return { status: 'failed', seconds, note: last || `exit ${r.status}` };
}

module.exports = { buildTarget, PROFILE };
