'use strict';
// Runs one of interop/'s scripts (NAVER's Python SDK driving the emulator) against an emulator of
// its own: the SDK signs, sends and parses every request itself. `npm test` installs the SDKs into
// .venv (scripts/test.js, from interop/requirements.txt).
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { execFile } = require('node:child_process');
const { emulator } = require('./helpers');

const root = path.join(__dirname, '..');
const python = path.join(root, '.venv', 'bin', 'python');

/**
 * Starts an emulator with `options` (closed after test `t`), runs `interop/<script>` against it and
 * checks that it exited 0; resolves with its output, its last line read as JSON (`summary`) and the
 * emulator (for its request log).
 */
async function runInterop(t, script, options, timeoutMs) {
  assert.ok(
    fs.existsSync(python),
    'the Python SDK is not installed: run `npm test` (it creates .venv) or `python3 -m venv .venv && .venv/bin/pip install -r interop/requirements.txt`',
  );
  const emu = await emulator(options);
  t.after(() => emu.close());
  const { stdout, stderr, code } = await new Promise((resolve) => {
    execFile(
      python,
      [path.join(root, 'interop', script)],
      {
        env: { ...process.env, NCLOUD_API_GW: emu.endpoint, NCLOUD_ACCESS_KEY: emu.accessKey, NCLOUD_SECRET_KEY: emu.secretKey },
        timeout: timeoutMs,
      },
      (err, out, errOut) => resolve({ stdout: out, stderr: errOut, code: err ? err.code : 0 }),
    );
  });
  const lines = stdout.trim().split('\n');
  const summary = JSON.parse(lines[lines.length - 1]);
  assert.equal(code, 0, `${stdout}\n${stderr}`);
  assert.equal(summary.failed, 0, stdout);
  return { stdout, summary, emu };
}

module.exports = { runInterop };
