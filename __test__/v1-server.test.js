'use strict';
// The old 1.x client's own server tests (mosfet1kg/ncloud __tests__/IaaS.server.test.ts at its last
// commit, ported to __test__/v1/IaaS.server.port.js with only its imports changed) run against the
// emulator. A small stand-in for jest's describe/test/beforeAll/done runs them in file order, as jest
// does; each test's outcome is compared with what this package promises:
// - the server-image actions and their look-ups pass (done() is called);
// - those using numbers of the original author's account end in the emulator's API error, which reaches
//   the test's own catch block (done.fail(e)) with e.response.data readable (not a TypeError);
// - the 1.x methods outside this package's scope end in ERR_UNSUPPORTED naming the method.
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const ncloud = require('..');

const PASS = [
  'Test global param test',
  'Test getServerImageProductListResponse',
  'Test getZoneList',
  'Test getRegionList',
  'Test getServerInstanceList',
  'Test getMemberServerImageList',
  'Test getBlockStorageSnapshotInstanceList',
];
// Numbers of the original author's account: unknown to the emulator, as to any other account.
const API_ERROR = {
  'Test createMemberServerImage': '24120', // serverInstanceNo '768416'
  'Test deleteMemberServerImages': '10404', // memberServerImageNoList ['7300']
};

/** Loads the ported file with jest's globals; returns its tests in order. */
function loadJestFile(file) {
  const tests = [];
  const hooks = [];
  const saved = { describe: global.describe, test: global.test, beforeAll: global.beforeAll, jasmine: global.jasmine };
  global.describe = (_name, body) => body();
  global.test = (name, fn) => tests.push({ name, fn });
  global.beforeAll = (fn) => hooks.push(fn);
  global.jasmine = {};
  try {
    require(file);
  } finally {
    Object.assign(global, { describe: saved.describe, test: saved.test, beforeAll: saved.beforeAll });
  }
  // The beforeAll hook sets jasmine.DEFAULT_TIMEOUT_INTERVAL: keep `jasmine` until the hooks ran.
  return { tests, hooks, restore: () => { global.jasmine = saved.jasmine; } };
}

/** Runs one jest test that takes `done`: resolves { outcome: 'done' | 'fail' | 'threw', error, logs }. */
function runJestTest(fn) {
  return new Promise((resolve) => {
    const logs = [];
    const log = console.log;
    console.log = (...args) => logs.push(args);
    const finish = (outcome, error) => {
      console.log = log;
      resolve({ outcome, error, logs });
    };
    const done = () => finish('done');
    done.fail = (e) => finish('fail', e);
    Promise.resolve()
      .then(() => fn(done))
      .catch((e) => finish('threw', e));
  });
}

test("the 1.x client's own IaaS.server tests, pointed at the emulator", async (t) => {
  const env = require('./v1/env.json');
  const emu = await ncloud.startEmulator({ port: 0, accessKey: env.accessKey, secretKey: env.secretKey, createDelayMs: 0 });
  const saved = process.env.NCLOUD_API_GW;
  // The ported file builds its client with createClient({ accessKey, secretKey }) only: the gateway
  // address comes from NCLOUD_API_GW, as for NAVER's own SDKs.
  process.env.NCLOUD_API_GW = emu.endpoint;
  t.after(async () => {
    if (saved === undefined) delete process.env.NCLOUD_API_GW;
    else process.env.NCLOUD_API_GW = saved;
    await emu.close();
  });
  const { tests, hooks, restore } = loadJestFile(path.join(__dirname, 'v1', 'IaaS.server.port.js'));
  assert.equal(tests.length, 50, 'every test of the original file was collected');
  for (const hook of hooks) await hook();
  restore();
  const served = [];
  for (const { name, fn } of tests) {
    await t.test(name, async () => {
      const { outcome, error, logs } = await runJestTest(fn);
      if (PASS.includes(name)) {
        assert.equal(outcome, 'done', `${name}: ${error && error.message}`);
        // Every one of them logs the response object: the API's, unwrapped, with returnCode '0'.
        const logged = logs.at(-1)[0];
        assert.equal(logged.returnCode, '0');
        assert.equal(logged.returnMessage, 'success');
        served.push(name);
      } else if (API_ERROR[name]) {
        assert.equal(outcome, 'fail', `${name} must reach done.fail, got ${outcome}: ${error && error.stack}`);
        assert.ok(error instanceof ncloud.NcloudError);
        assert.equal(error.code, 'ERR_API');
        assert.equal(error.returnCode, API_ERROR[name]);
        // The catch block logged e.response (axios's shape) before done.fail(e).
        assert.deepStrictEqual(logs.at(-1)[0].data, { responseError: { returnCode: error.returnCode, returnMessage: error.returnMessage } });
      } else {
        assert.equal(outcome, 'fail', `${name} must reach done.fail, got ${outcome}: ${error && error.stack}`);
        assert.equal(error.code, 'ERR_UNSUPPORTED', `${name}: ${error.message}`);
        const method = name.replace(/^Test /, '');
        assert.match(error.message, new RegExp(`IaaS\\.server\\(\\)\\.${method}\\(\\) of the old ncloud 1\\.x client is not supported`));
      }
    });
  }
  assert.deepStrictEqual(served, PASS);
});
