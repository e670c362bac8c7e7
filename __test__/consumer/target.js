'use strict';
// The platform the consumer test installs for and runs on. By default this machine's (the packed binary
// is native/'s, the app runs on this Node). `npm run platforms` (scripts/platforms) sets:
//   NCLOUD_TARGET             a napi target of package.json (`aarch64-unknown-linux-gnu`, …)
//   NCLOUD_TARGET_BINARIES    the directory holding its ncloud.<platform>.node
//   NCLOUD_TARGET_NODE        JSON [cmd, ...args] that runs that platform's Node (qemu-aarch64 …, wine node.exe)
//   NCLOUD_TARGET_ENV         JSON of variables that Node needs (WINEPREFIX, LD_LIBRARY_PATH, …)
//   NCLOUD_TARGET_NPM         JSON { os, cpu, libc }: what npm installs for (its --os/--cpu/--libc)
// A target's Node writes to files, not pipes (Node under wine cannot open a pipe from Linux as stdout).
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');
const { suffixOf } = require('../../lib/platform');

const json = (name, fallback) => (process.env[name] ? JSON.parse(process.env[name]) : fallback);

const target = process.env.NCLOUD_TARGET || null;
const suffix = target ? suffixOf(target) : null;
const [osName, cpu] = suffix ? suffix.split('-') : [process.platform, process.arch];

const TARGET = {
  /** Whether this run is for another target than this machine's own build. */
  on: Boolean(target),
  target,
  binaries: process.env.NCLOUD_TARGET_BINARIES || null,
  command: json('NCLOUD_TARGET_NODE', [process.execPath]),
  env: json('NCLOUD_TARGET_ENV', {}),
  npm: json('NCLOUD_TARGET_NPM', {}),
  /** process.platform and process.arch of the target's Node. */
  platform: osName,
  arch: cpu,
};

/**
 * The repository's suites a target runs against its installed package (after the app's own checks);
 * the release workflow runs them on each platform too (__test__/release.test.js checks it).
 */
const SUITES = ['seed-000', 'seeds-vpc', 'methods', 'golden', 'errors', 'v0', 'v1', 'cli', 'portable'];

let seq = 0;

/** Runs the target's Node with `args` to the end; `{ code, stdout, stderr }`. */
function runNode(args, { cwd, env = process.env, timeout = 60_000 } = {}) {
  const base = path.join(os.tmpdir(), `ncloud-target-${process.pid}-${seq++}`);
  const out = fs.openSync(`${base}.out`, 'w');
  const err = fs.openSync(`${base}.err`, 'w');
  try {
    const [cmd, ...pre] = TARGET.command;
    const r = spawnSync(cmd, [...pre, ...args], { cwd, env: { ...env, ...TARGET.env }, stdio: ['ignore', out, err], timeout });
    const read = (f) => fs.readFileSync(f, 'utf8');
    return { code: r.status, signal: r.signal, stdout: read(`${base}.out`), stderr: read(`${base}.err`) };
  } finally {
    fs.closeSync(out);
    fs.closeSync(err);
    fs.rmSync(`${base}.out`, { force: true });
    fs.rmSync(`${base}.err`, { force: true });
  }
}

/**
 * Starts the target's Node with `args` and calls `ready(output)` on what it printed so far (every
 * 100 ms) until it returns true (or, with `exitOk`, the process exits 0); resolves `{ child, output(),
 * exited }`, `exited` the exit code if it ended. The caller ends a child still running.
 */
function startNode(args, { cwd, env = process.env, ready, exitOk = false, timeout = 30_000 }) {
  const file = path.join(os.tmpdir(), `ncloud-target-${process.pid}-${seq++}.log`);
  const fd = fs.openSync(file, 'w');
  const [cmd, ...pre] = TARGET.command;
  const child = spawn(cmd, [...pre, ...args], { cwd, env: { ...env, ...TARGET.env }, stdio: ['ignore', fd, fd] });
  fs.closeSync(fd);
  const output = () => fs.readFileSync(file, 'utf8');
  child.once('exit', () => setTimeout(() => fs.rmSync(file, { force: true }), 1000));
  return new Promise((resolve, reject) => {
    const started = Date.now();
    let exited = null;
    child.once('exit', (code, signal) => (exited = code ?? signal));
    const poll = setInterval(() => {
      const text = output();
      if (ready(text) || (exitOk && exited === 0)) {
        clearInterval(poll);
        resolve({ child, output, exited });
      } else if (exited !== null || Date.now() - started > timeout) {
        clearInterval(poll);
        child.kill('SIGKILL');
        reject(new Error(`${args.join(' ')}: ${exited !== null ? `exited ${exited}` : `not ready in ${timeout} ms`}:\n${text}`));
      }
    }, 100);
  });
}

/** npm's config for installing the target's optional packages on this machine (`--os`, `--cpu`, `--libc`). */
function npmEnv() {
  const env = {};
  for (const [k, v] of Object.entries(TARGET.npm)) env[`npm_config_${k}`] = v;
  return env;
}

/** `[args]` for scripts/pack.js: this target's binary from its directory, or this machine's from native/. */
function packArgs() {
  return TARGET.on ? ['--target', TARGET.target, ...(TARGET.binaries ? ['--binaries', TARGET.binaries] : [])] : [];
}

module.exports = { TARGET, SUITES, runNode, startNode, npmEnv, packArgs };
