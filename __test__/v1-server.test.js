'use strict';
// The old 1.x client's own server tests (mosfet1kg/ncloud __tests__/IaaS.server.test.ts at its last
// commit, ported to __test__/v1/IaaS.server.port.js with only its imports and its key files' directory
// changed) run against the emulator. A small stand-in for jest's describe/test/beforeAll/done runs them
// in file order, as jest does; each test's outcome is compared with what this package promises: the
// test passes (done() is called), or, when it uses numbers of the original author's account, it ends in
// the emulator's API error, which reaches its own catch block (done.fail(e)) with e.response.data
// readable (never ERR_UNSUPPORTED, never a TypeError). The key files it reads and writes are in a
// temporary directory: the committed ones are left as they are.
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const fs = require('node:fs');
const os = require('node:os');
const ncloud = require('..');

// The tests that run through (done() is called): every one using no number of the original author's
// account, served by the emulator's default state.
const PASS = [
  'Test global param test',
  'Test getServerImageProductListResponse',
  'Test getServerProductList',
  'Test getZoneList',
  'Test getRegionList',
  'Test getRaidList',
  'Test createNasVolumeInstance',
  'Test getNasVolumeInstanceList',
  'Test getLoginKeyList',
  'Test createLoginKey',
  'Test deleteLoginKey',
  'Test importLoginKey',
  'Test getAccessControlGroupList',
  'Test getServerInstanceList',
  'Test getMemberServerImageList',
  'Test getBlockStorageInstanceList',
  'Test getBlockStorageSnapshotInstanceList',
  'Test getPublicIpInstanceList',
  'Test getPublicIpTargetServerInstanceList',
  'Test createPublicIpInstance',
  'Test getPortForwardingRuleList',
];
// The others use numbers of the original author's account, unknown to the emulator as to any other
// account: each ends in the emulator's API error (its return code), which reaches the test's own catch
// block (done.fail(e)) with e.response.data readable.
const API_ERROR = {
  'Test deleteNasVolumeInstance': '10404', // NAS volume 1029928
  'Test changeNasVolumeSize': '10404', // NAS volume 1029901
  'Test getNasVolumeInstanceRatingList': '10404', // NAS volume 1029901
  'Test setNasVolumeAccessControl': '10404', // NAS volume 1029901
  'Test addNasVolumeAccessControl': '10404', // NAS volume 1029901
  'Test removeNasVolumeAccessControl': '10404', // NAS volume 1029901
  'Test getAccessControlGroupServerInstanceList': '10404', // access control group 42895
  'Test getAccessControlRuleList': '10404', // access control group 42895
  // Zone 10, ACG 5475 and a spec (SPSVRSTAND000003) of that account: the spec is the first refused.
  'Test createServerInstances': '10404',
  'Test stopServerInstances': '24120', // server 768370
  'Test terminateServerInstances': '24120', // server 768370
  'Test changeServerInstanceSpec': '24120', // server 768364
  'Test rebootServerInstances': '24120', // server 768316
  'Test startServerInstances': '24120', // servers 768361, 768358
  'Test getRootPassword': '24120', // server 768407
  'Test createMemberServerImage': '24120', // server 768416
  'Test deleteMemberServerImages': '10404', // member server image 7300
  'Test createBlockStorageInstance': '24120', // server 1656753
  'Test detachBlockStorageInstances': '10404', // block storage 1656756
  'Test attachBlockStorageInstance': '10404', // block storage 1647996
  'Test deleteBlockStorageInstances': '10404', // block storage 1656756
  'Test changeBlockStorageVolumeSize': '10404', // block storage 2925348
  'Test createBlockStorageSnapshotInstance': '10404', // block storage 1854851
  'Test deleteBlockStorageSnapshotInstances': '10405', // snapshots 1854874, 1854858
  'Test associatePublicIpWithServerInstance': '10404', // public IP 768894
  'Test disassociatePublicIpFromServerInstance': '10404', // public IP 768894
  'Test deletePublicIpInstances': '10404', // public IP 768894
  'Test addPortForwardingRules': '10404', // port forwarding configuration 23536
  'Test deletePortForwardingRules': '10404', // port forwarding configuration 23536
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
  // The key files (testPublicKey.pub read, loginKey.pem written then read) in a directory of the run's.
  const keys = fs.mkdtempSync(path.join(os.tmpdir(), 'ncloud-v1-port-'));
  for (const f of ['testPublicKey.pub', 'loginKey.pem']) fs.copyFileSync(path.join(__dirname, 'v1', f), path.join(keys, f));
  process.env.NCLOUD_V1_PORT_DIR = keys;
  const committed = fs.readFileSync(path.join(__dirname, 'v1', 'loginKey.pem'), 'utf8');
  t.after(async () => {
    if (saved === undefined) delete process.env.NCLOUD_API_GW;
    else process.env.NCLOUD_API_GW = saved;
    delete process.env.NCLOUD_V1_PORT_DIR;
    fs.rmSync(keys, { recursive: true, force: true });
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
        // (getBlockStorageInstanceList logs it as JSON text.)
        const last = logs.at(-1)[0];
        const logged = typeof last === 'string' ? JSON.parse(last) : last;
        assert.equal(logged.returnCode, '0');
        assert.equal(logged.returnMessage, 'success');
        served.push(name);
      } else if (API_ERROR[name]) {
        assert.equal(outcome, 'fail', `${name} must reach done.fail, got ${outcome}: ${error && error.stack}`);
        assert.ok(error instanceof ncloud.NcloudError);
        assert.equal(error.code, 'ERR_API');
        assert.equal(error.returnCode, API_ERROR[name]);
        // The catch block logged e.response (axios's shape: { status, data }), or e.response.data for
        // the first NAS tests, before done.fail(e).
        const shown = logs.at(-1)[0];
        assert.equal(error.response.status, 400);
        assert.deepStrictEqual('status' in shown ? shown.data : shown, { responseError: { returnCode: error.returnCode, returnMessage: error.returnMessage } });
      } else {
        assert.fail(`${name} is in neither list`);
      }
    });
  }
  assert.deepStrictEqual(served, PASS);
  assert.equal(Object.keys(API_ERROR).length + PASS.length, 50);
  // createLoginKey wrote the key it got into the run's directory, not over the committed file.
  assert.match(fs.readFileSync(path.join(keys, 'loginKey.pem'), 'utf8'), /^-----BEGIN RSA PRIVATE KEY-----\nMII/);
  assert.equal(fs.readFileSync(path.join(__dirname, 'v1', 'loginKey.pem'), 'utf8'), committed);
});
