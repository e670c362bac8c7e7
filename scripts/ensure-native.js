#!/usr/bin/env node
'use strict';
// `npm start`'s first step (package.json `prestart`): the addon this platform loads,
// native/ncloud.<platform>.node, built only when it has to be. A built binary that is as new as the
// sources is used as it is, so a clone whose addon was built once (or copied in) starts without cargo;
// one older than the sources is rebuilt (`npm run build`) when cargo is there, and used as it is, with
// a note, when it is not. Without a binary and without cargo, it says what to install.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { platformTriple, RUST_VERSION } = require('../lib/platform');

const root = path.join(__dirname, '..');
// What the addon is built from (build.rs reads the model and build/).
const SOURCES = ['src', 'build', 'model', 'build.rs', 'Cargo.toml', 'Cargo.lock'];

/** The newest modification time of `SOURCES` under `dir`, ms. */
function newestSource(dir) {
  let newest = 0;
  const visit = (p) => {
    let st;
    try {
      st = fs.statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) for (const name of fs.readdirSync(p)) visit(path.join(p, name));
    else newest = Math.max(newest, st.mtimeMs);
  };
  for (const s of SOURCES) visit(path.join(dir, s));
  return newest;
}

function hasCargo(env) {
  const r = spawnSync('cargo', ['--version'], { env, stdio: 'ignore' });
  return r.status === 0;
}

/** `npm run build`, with the npm that runs this script when there is one. */
function build(dir, env) {
  const npmCli = env.npm_execpath;
  const r = npmCli && /\.c?js$/.test(npmCli)
    ? spawnSync(process.execPath, [npmCli, 'run', 'build'], { cwd: dir, env, stdio: 'inherit' })
    : spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], { cwd: dir, env, stdio: 'inherit', shell: process.platform === 'win32' });
  return r.status === 0;
}

/** What to do for the binary of `dir`: 'use', 'build' or 'missing'; with a note for the user. */
function plan(dir, env = process.env) {
  const binary = path.join(dir, 'native', `ncloud.${platformTriple()}.node`);
  const rel = path.relative(dir, binary);
  let built = null;
  try {
    built = fs.statSync(binary).mtimeMs;
  } catch {
    // not built yet
  }
  const cargo = hasCargo(env);
  if (built !== null && built >= newestSource(dir)) return { action: 'use', note: `${rel} is up to date` };
  if (cargo) return { action: 'build', note: built === null ? `${rel} is not built yet: building it` : `the sources changed after ${rel} was built: rebuilding it` };
  if (built !== null) {
    return { action: 'use', note: `the sources changed after ${rel} was built, and cargo is not on PATH: using the binary as it is (install Rust to rebuild it)` };
  }
  return {
    action: 'missing',
    note: `${rel} is not built, and cargo is not on PATH: install Rust (cargo >= ${RUST_VERSION}, https://rustup.rs), then run npm start again`,
  };
}

function main() {
  const p = plan(root);
  console.error(`ncloud: ${p.note}`);
  if (p.action === 'build' && !build(root, process.env)) process.exit(1);
  if (p.action === 'missing') process.exit(1);
}

if (require.main === module) main();

module.exports = { plan, newestSource };
