'use strict';
// Shared set-up for the Node tests: a real emulator on 127.0.0.1 (port 0) and clients pointed at it.
const ncloud = require('..');
const fs = require('node:fs');
const path = require('node:path');

const FORMATS = ['json', 'xml'];

/**
 * The command that starts this Node in a child process: `[process.execPath]`, or what `npm run platforms`
 * gives in NCLOUD_TEST_NODE where a child cannot exec the binary itself (qemu-user without binfmt).
 */
const NODE = process.env.NCLOUD_TEST_NODE ? JSON.parse(process.env.NCLOUD_TEST_NODE) : [process.execPath];

async function emulator(options = {}) {
  return ncloud.startEmulator({ port: 0, createDelayMs: 50, deleteDelayMs: 50, ...options });
}

function client(emu, responseFormat = 'json', extra = {}) {
  return ncloud.createClient({
    endpoint: emu.endpoint,
    accessKey: emu.accessKey,
    secretKey: emu.secretKey,
    responseFormat,
    ...extra,
  });
}

function fixture(name) {
  return JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', name), 'utf8'));
}

function expected(name) {
  return JSON.parse(fs.readFileSync(path.join(__dirname, 'expected', name), 'utf8'));
}

/** Calls `fn(params, cb)` in callback form; resolves [err, result] and checks the callback ran once. */
function viaCallback(fn, ...args) {
  return new Promise((resolve, reject) => {
    let calls = 0;
    const ret = fn(...args, (err, result) => {
      calls += 1;
      if (calls > 1) reject(new Error('callback called more than once'));
      // Give a second call a chance to show up before resolving.
      setTimeout(() => resolve([err, result, ret]), 20);
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** What createClient reads credentials from: the variables, and the home of ~/.ncloud/configure. */
const CREDENTIAL_ENV = ['NCLOUD_ACCESS_KEY_ID', 'NCLOUD_SECRET_ACCESS_KEY', 'NCLOUD_ACCESS_KEY', 'NCLOUD_SECRET_KEY', 'NCLOUD_PROFILE', 'NCLOUD_API_GW', 'NCLOUD_EMULATOR', 'HOME', 'USERPROFILE'];

/**
 * Runs `fn(home)` with the credential variables cleared, a fresh empty home (HOME, and USERPROFILE,
 * Windows' profile), and `vars` set over them; restores everything after.
 */
async function withEnv(vars, fn) {
  const saved = Object.fromEntries(CREDENTIAL_ENV.map((k) => [k, process.env[k]]));
  const home = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'ncloud-home-'));
  for (const k of CREDENTIAL_ENV) delete process.env[k];
  Object.assign(process.env, { HOME: home, USERPROFILE: home }, vars);
  try {
    return await fn(home);
  } finally {
    for (const k of CREDENTIAL_ENV) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
    fs.rmSync(home, { recursive: true, force: true });
  }
}

module.exports = { ncloud, NODE, FORMATS, emulator, client, fixture, expected, viaCallback, sleep, withEnv };
