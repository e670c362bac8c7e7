#!/usr/bin/env node
'use strict';
// `npm test`: every check, in order, stopping at the first failure.
//   Rust: cargo fmt --check, cargo clippy -D warnings, cargo test (signer vectors, encoder, decoders,
//   validation, emulator state) — then the addon is rebuilt, the typings are type-checked, the official
//   Python SDK is installed into .venv, and the Node tests run against the emulator (node --test).
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const venvPython = path.join(root, '.venv', 'bin', 'python');

function run(title, cmd, args, opts = {}) {
  console.log(`\n== ${title}: ${cmd} ${args.join(' ')}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  if (r.error) {
    console.error(`npm test: could not run ${cmd}: ${r.error.message}`);
    process.exit(1);
  }
  if (r.status !== 0) {
    console.error(`npm test: "${title}" failed (exit ${r.status})`);
    process.exit(r.status || 1);
  }
  console.log(`   (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

run('format', 'cargo', ['fmt', '--check']);
run('lint', 'cargo', ['clippy', '--all-targets', '--', '-D', 'warnings']);
run('rust tests', 'cargo', ['test']);
run('build the addon', npx, ['napi', 'build', '--platform', '--release', '--output-dir', 'native', '--js', 'binding.js', '--dts', 'binding.d.ts']);
if (fs.existsSync(path.join(root, '.git'))) {
  // The loader napi-rs generates is committed (a user's install has no build step): it must be current.
  run('committed loader is current', 'git', ['diff', '--exit-code', '--', 'native/binding.js', 'native/binding.d.ts']);
}
run('type check index.d.ts', npx, ['tsc', '-p', '__test__/types']);
if (!fs.existsSync(venvPython)) {
  run('python venv', 'python3', ['-m', 'venv', '.venv']);
}
run('python SDK', venvPython, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '-r', 'interop/requirements.txt']);
// Chromium and puppeteer-core for the console's test (installed where missing; see scripts/browser.js).
run('browser for the console test', process.execPath, [path.join('scripts', 'browser.js')]);
const files = fs
  .readdirSync(path.join(root, '__test__'))
  .filter((f) => f.endsWith('.test.js'))
  .map((f) => path.join('__test__', f));
run('node tests', process.execPath, ['--test', ...files]);
console.log('\nnpm test: all checks passed');
