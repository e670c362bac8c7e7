'use strict';
// The 0.1.x surface's findings of issue 21: createLoginKey's outputPath checked before the key is made,
// and the key kept when its file still cannot be written (item 3).
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const util = require('node:util');
const { spawnSync } = require('node:child_process');
const { ncloud, emulator, client, viaCallback } = require('./helpers');

async function setUp(t) {
  const emu = await emulator({ createDelayMs: 20, deleteDelayMs: 20 });
  t.after(() => emu.close());
  return { emu, c: client(emu) };
}

function tempDir(t) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ncloud-key-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('createLoginKey: an outputPath that cannot be written is refused before the key is made', async (t) => {
  const { emu, c } = await setUp(t);
  const dir = tempDir(t);
  fs.writeFileSync(path.join(dir, 'a-file'), 'x');
  fs.mkdirSync(path.join(dir, 'taken.pem'));
  const bad = [
    [{ loginKeyName: 'key-missing', outputPath: path.join(dir, 'no', 'such', 'dir') }, /'outputPath' ".*" cannot be used: no such directory/],
    [{ loginKeyName: 'key-object', outputPath: {} }, /'outputPath' must be the path of a directory \(a string\), got object/],
    [{ loginKeyName: 'key-file', outputPath: path.join(dir, 'a-file') }, /is not a directory/],
    [{ loginKeyName: 'taken', outputPath: dir }, /taken\.pem" exists and is not a file/],
    [{ loginKeyName: '../escape', outputPath: dir }, /a path, not a name/],
  ];
  for (const [params, message] of bad) {
    await assert.rejects(c.compute.createLoginKey(params), (err) => {
      assert.ok(err instanceof ncloud.NcloudError);
      assert.equal(err.code, 'ERR_VALIDATION');
      assert.match(err.message, message);
      assert.match(err.message, /nothing was sent/);
      return true;
    });
    const [err, result] = await viaCallback(c.compute.createLoginKey, params);
    assert.equal(err.code, 'ERR_VALIDATION');
    assert.equal(result, null);
  }
  assert.equal(emu.requestCount(), 0, 'no key was made');
  // A falsy outputPath writes nothing, as 0.1.39 did.
  const made = await c.compute.createLoginKey({ loginKeyName: 'key-nofile', outputPath: '' });
  assert.match(made.privateKey, /BEGIN RSA PRIVATE KEY/);
});

test('createLoginKey: when the file still cannot be written, the error carries the key (not shown when logged)', async (t) => {
  const { c } = await setUp(t);
  const dir = path.join(tempDir(t), 'keys');
  fs.mkdirSync(dir);
  // The directory passes the check, then goes away while the key is being made.
  const pending = c.compute.createLoginKey({ loginKeyName: 'key-lost', outputPath: dir });
  fs.rmSync(dir, { recursive: true });
  const err = await pending.then(() => assert.fail('resolved'), (e) => e);
  assert.ok(err instanceof ncloud.NcloudError);
  assert.equal(err.code, 'ERR_OUTPUT_FILE');
  assert.equal(err.action, 'createLoginKey');
  assert.equal(err.path, path.join(dir, 'key-lost.pem'));
  assert.equal(err.cause.code, 'ENOENT');
  assert.equal(err.result.loginKeyName, 'key-lost');
  assert.match(err.result.privateKey, /^-----BEGIN RSA PRIVATE KEY-----/);
  assert.match(err.message, /was created, but its private key could not be written to .*key-lost\.pem \(ENOENT\): it is on err\.result\.privateKey/);
  for (const shown of [util.inspect(err), JSON.stringify(err), String(err)]) assert.ok(!shown.includes('PRIVATE KEY'), shown);
  // The key is on the server: the caller can use the private key it was given.
  assert.ok((await c.compute.findLoginKeys()).some((k) => k.loginKeyName === 'key-lost'));
  // In callback form: the error, and no result.
  fs.mkdirSync(dir);
  const second = new Promise((resolve) => c.compute.createLoginKey({ loginKeyName: 'key-lost-2', outputPath: dir }, (...a) => resolve(a)));
  fs.rmSync(dir, { recursive: true });
  const [cbErr, cbResult] = await second;
  assert.equal(cbErr.code, 'ERR_OUTPUT_FILE');
  assert.match(cbErr.result.privateKey, /PRIVATE KEY/);
  assert.equal(cbResult, null);
});

test('createLoginKey writes the key file readable by its owner only', async (t) => {
  const { c } = await setUp(t);
  const dir = tempDir(t);
  const key = await c.compute.createLoginKey({ loginKeyName: 'key-mode', outputPath: dir });
  const file = path.join(dir, 'key-mode.pem');
  assert.equal(fs.readFileSync(file, 'utf8'), key.privateKey);
  // Windows has no POSIX modes (Node reports what the read-only attribute allows).
  if (process.platform !== 'win32') assert.equal(fs.statSync(file).mode & 0o777, 0o600);
});

test("retired storage transfers: an emitter with no 'error' listener does not end the process", async () => {
  // The old client's uploadFile / downloadFile return an emitter; a caller listening for 'end' only.
  const program = `
    const ncloud = require(${JSON.stringify(path.join(__dirname, '..'))});
    const c = ncloud.createClient({ accessKey: 'a', secretKey: 's', endpoint: 'http://127.0.0.1:9' });
    c.storage.uploadFile({ container: 'c', key: 'k', filePath: __filename }).on('end', () => console.log('end'));
    c.storage.downloadFile({ container: 'c', key: 'k', outputPath: '/tmp/x' });
    c.storage.uploadFile({ container: 'c', key: 'k2' });
    const heard = c.storage.downloadFile({ container: 'c', key: 'k' });
    heard.on('error', (err) => console.log('error', err.code));
    setTimeout(() => console.log('alive'), 50);
  `;
  const r = spawnSync(process.execPath, ['-e', program], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(r.stdout.trim().split('\n'), ['error ERR_UNSUPPORTED', 'alive']);
  // One warning per method, naming what replaces it.
  const warnings = r.stderr.split('\n').filter((l) => l.includes('NcloudWarning'));
  assert.equal(warnings.length, 2, r.stderr);
  assert.match(r.stderr, /storage\.uploadFile\(\) of the old ncloud 0\.1\.x client used .* use Object Storage/);
});

test("type errors name the caller's key, not the parameter it became; nothing is sent", async (t) => {
  const { emu, c } = await setUp(t);
  const cases = [
    [c.compute.findFlavors, { vmImageId: {} }, "'vmImageId' must be a string"],
    [c.compute.createServer, { vmImageId: 'SPSW0LINUX000046', vmFlavorId: {} }, "'vmFlavorId' must be a string"],
    [c.compute.createServer, { privateImageNo: {} }, "'privateImageNo' must be a string"],
    [c.compute.rebuildServer, { serverInstanceNo: '492964', vmFlavorId: [] }, "'vmFlavorId' must be a string"],
    [c.compute.destroyServer, { serverInstanceNo: {} }, "'serverInstanceNo' must be a string"],
    [c.compute.createPrivateImage, { serverInstanceNo: '492964', privateImageDesc: {} }, "'privateImageDesc' must be a string"],
    [c.compute.destroyPublicIpInstance, { publicIpInstanceNo: {} }, "'publicIpInstanceNo' must be a string"],
    [c.compute.createPortForwardingRule, { portForwardingConfigurationNo: '6101', serverInstanceNo: '492964', externalPort: {}, internalPort: 22 }, "'externalPort' must be an integer"],
    [c.management.monitoring.findMetrics, { serverInstanceNo: {} }, "'serverInstanceNo' must be a string"],
    [
      c.management.monitoring.findStatistics,
      { serverInstanceNo: {}, metricName: 'CPUUtilization', startTime: '2020-01-01T00:00:00Z', endTime: '2020-01-01T01:00:00Z' },
      "'serverInstanceNo' must be a string",
    ],
  ];
  for (const [fn, params, message] of cases) {
    await assert.rejects(fn(params), (err) => {
      assert.equal(err.code, 'ERR_VALIDATION');
      assert.equal(err.message, message);
      return true;
    });
  }
  // The array form names the item too.
  await assert.rejects(
    c.compute.createPortForwardingRule([
      { serverInstanceNo: '492964', externalPort: 1024, internalPort: 22 },
      { serverInstanceNo: '492964', externalPort: 1025, internalPort: 'ssh' },
    ]),
    { code: 'ERR_VALIDATION', message: "'[1].internalPort' must be an integer" },
  );
  assert.deepEqual(emu.requests().filter((r) => r.action !== 'getPortForwardingRuleList'), [], 'no call was made');
});

test('findStatistics: a time that is not text is refused, and points have 0.1.39 timestamps while the API keeps NCP\'s', async (t) => {
  const { emu, c } = await setUp(t);
  const stats = (params) => c.management.monitoring.findStatistics({ serverInstanceNo: '492964', metricName: 'CPUUtilization', ...params });
  const hour = 3600e3;
  for (const startTime of [Date.now() - hour, new Date(Date.now() - hour).getTime() / 1000]) {
    await assert.rejects(stats({ startTime, endTime: new Date().toISOString() }), {
      code: 'ERR_VALIDATION',
      message: /^'startTime' must be a string: a time such as 2017-10-22T15:00:00Z/,
    });
  }
  assert.equal(emu.requestCount(), 0, 'nothing was sent');
  const startTime = new Date(Date.now() - 2 * hour).toISOString();
  const endTime = new Date().toISOString();
  const result = await stats({ startTime, endTime });
  assert.ok(result.dataPoints.member.length >= 3);
  for (const p of result.dataPoints.member) {
    assert.match(p.timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:00\.000Z$/, p.timestamp);
    assert.deepEqual(Object.keys(p), ['timestamp', 'average', 'unit']);
  }
  // The monitoring API's own answer (the action's method): NCP's yyyy-MM-dd'T'HH:mm:ssZ, the same instants.
  const raw = await c.monitoring.classic.getMetricStatistics({ instanceNoList: ['492964'], metricName: 'CPUUtilization', startTime: startTime.replace(/\.\d+/, ''), endTime: endTime.replace(/\.\d+/, ''), period: 1800 });
  const points = raw.statistics[0].dataPointsList[0].dataPointList;
  assert.match(points[0].timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}$/);
  assert.deepEqual(points.map((p) => new Date(p.timestamp.replace(/([+-]\d\d)(\d\d)$/, '$1:$2')).toISOString()), result.dataPoints.member.map((p) => p.timestamp));
});

test("0.1.x errors with an HTTP answer carry 0.1.39's err.response; others none", async (t) => {
  const { c } = await setUp(t);
  const err = await c.compute.destroyPrivateImage({ privateImageNo: '999999' }).then(() => assert.fail('resolved'), (e) => e);
  assert.equal(err.code, 'ERR_API');
  // 0.1.39's errorHandler replaced response.data by its responseError: { returnCode, returnMessage }.
  assert.deepEqual(err.response, { status: 400, data: { returnCode: err.returnCode, returnMessage: err.returnMessage } });
  assert.ok(!Object.keys(err).includes('response'), 'not enumerable: logs stay as they were');
  // In callback form too; an error of the old client itself, after a good answer, has none (0.1.39's had none).
  const [cbErr] = await viaCallback(c.compute.destroyPrivateImage, { privateImageNo: '999999' });
  assert.equal(cbErr.response.status, 400);
  const [notFound] = await viaCallback(c.compute.findServer, { serverInstanceNo: '1' });
  assert.match(notFound.message, /The server instance\(1\) does not exist/);
  assert.equal(notFound.response, undefined);
  const invalid = await c.compute.findFlavors({ vmImageId: {} }).catch((e) => e);
  assert.equal(invalid.response, undefined, 'a refusal before sending has no answer');
  const offline = ncloud.createClient({ endpoint: 'http://127.0.0.1:9', accessKey: 'a', secretKey: 's', maxRetries: 0 });
  const netErr = await offline.compute.findZones().catch((e) => e);
  assert.equal(netErr.code, 'ERR_NETWORK');
  assert.equal(netErr.response, undefined, 'no answer, no response (as axios)');
});

test("public IPs: destroyPublicIpInstance says serverInstanceAssociatedWithPublicIp: '', and nested servers say isDefault", async (t) => {
  const { c } = await setUp(t);
  const isDefaultOnly = (server, where) => {
    assert.ok(server.accessControlGroupList.length > 0, where);
    for (const g of server.accessControlGroupList) {
      assert.equal(typeof g.isDefault, 'boolean', where);
      assert.ok(!('isDefaultGroup' in g), where);
    }
  };
  const [server] = await c.compute.findServers();
  isDefaultOnly(server, 'findServers');
  const ip = await c.compute.attachPublicIpInstance({ serverInstanceNo: String(server.serverInstanceNo) });
  isDefaultOnly(ip.serverInstanceAssociatedWithPublicIp, 'attachPublicIpInstance');
  for (const i of (await c.compute.findPublicIpInstances()).filter((x) => x.serverInstanceAssociatedWithPublicIp)) {
    isDefaultOnly(i.serverInstanceAssociatedWithPublicIp, 'findPublicIpInstances');
  }
  const rules = await c.compute.findPortForwardingRules();
  for (const r of rules.portForwardingRuleList) isDefaultOnly(r.serverInstance, 'findPortForwardingRules');
  // A server of its own (with the default group) for a new rule.
  const group = String(server.accessControlGroupList[0].accessControlGroupConfigurationNo);
  const made = await c.compute.createServer({ vmImageId: 'SPSW0LINUX000046', serverName: 'pf-two', accessControlGroupConfigurationNoList: [group] });
  await c.compute.classic.waitForServerInstanceRunning(String(made.serverInstanceNo), { minDelayMs: 20 });
  const rule = await c.compute.createPortForwardingRule({ serverInstanceNo: String(made.serverInstanceNo), externalPort: 2022, internalPort: 22 });
  isDefaultOnly(rule.serverInstance, 'createPortForwardingRule');
  await c.compute.detachPublicIpInstance({ publicIpInstanceNo: String(ip.publicIpInstanceNo) });
  await c.compute.classic.waitForPublicIpInstance(String(ip.publicIpInstanceNo), { minDelayMs: 20 });
  const gone = await c.compute.destroyPublicIpInstance({ publicIpInstanceNo: String(ip.publicIpInstanceNo) });
  assert.equal(gone.publicIpInstanceNo, ip.publicIpInstanceNo);
  assert.equal(gone.serverInstanceAssociatedWithPublicIp, '');
});

test('Classic createServerInstances takes regionNo, and createServer sends compute.regionNo', async (t) => {
  const { emu, c } = await setUp(t);
  const made = await c.compute.classic.createServerInstances({ serverImageProductCode: 'SPSW0LINUX000046', serverName: 'rn-one', regionNo: '1' });
  assert.equal(made.serverInstanceList[0].serverName, 'rn-one');
  assert.equal(emu.requests().at(-1).params.regionNo, '1');
  c.compute.regionNo = 1;
  const server = await c.compute.createServer({ vmImageId: 'SPSW0LINUX000046', serverName: 'rn-two' });
  assert.equal(server.serverName, 'rn-two');
  assert.equal(emu.requests().at(-1).params.regionNo, '1');
});
