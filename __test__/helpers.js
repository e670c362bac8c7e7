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

module.exports = { ncloud, NODE, FORMATS, emulator, client, fixture, expected, viaCallback, sleep };
