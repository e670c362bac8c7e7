'use strict';
// The old client's first generation (npm ncloud 0.1.x, last 0.1.39) as it behaved (docs/old-clients.md
// Part A): every method at its path, 0.1.39's checks and texts, its helpers (filter, STATUS, setWait),
// the choices some methods made (attachPublicIpInstance, the port-forwarding look-up), the retired
// storage API's errors. Against the emulator, in callback and promise form.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ncloud, emulator, client, viaCallback } = require('./helpers');
const { TABLE } = require('../lib/v0');

async function setUp(t, options = {}) {
  const emu = await emulator({ createDelayMs: 20, deleteDelayMs: 20, ...options });
  t.after(() => emu.close());
  return { emu, c: client(emu) };
}

/** The function at a method's path (`compute.findServers`). */
const at = (c, p) => p.split('.').reduce((node, k) => node?.[k], c);

test('every 0.1.x method is at its path; the retired storage API answers ERR_UNSUPPORTED naming its successor', async (t) => {
  const { c } = await setUp(t);
  assert.equal(TABLE.v0.filter((m) => m.in0139).length, 45, "0.1.39's 45 methods");
  for (const m of TABLE.v0) assert.equal(typeof at(c, m.path), 'function', m.path);
  for (const m of TABLE.v0.filter((x) => x.shape === 'retired')) {
    const fn = at(c, m.path);
    if (m.args === 'params->emitter') {
      const err = await new Promise((resolve) => fn({ container: 'c', key: 'k' }).on('error', resolve));
      assert.equal(err.code, 'ERR_UNSUPPORTED');
      assert.match(err.message, /File Storage REST API .* which NCP has retired: use Object Storage/);
      continue;
    }
    const [err, res] = await viaCallback(fn, { container: 'helloworld', key: '/' });
    assert.ok(err instanceof ncloud.NcloudError, m.path);
    assert.equal(err.code, 'ERR_UNSUPPORTED');
    assert.equal(res, null);
    assert.ok(err.message.includes(m.replacement), err.message);
    await assert.rejects(fn({ container: 'helloworld', key: '/' }), { code: 'ERR_UNSUPPORTED' });
  }
});

test("0.1.39's checks: its order (lengths, unknown keys, required keys) and texts; the seed's for the image methods", async (t) => {
  const { c } = await setUp(t);
  const msg = async (p) => (await p.then(() => assert.fail('expected a refusal'), (e) => e)).message;
  assert.equal(await msg(c.compute.findFlavors({})), 'Error: The following parameters must be defined : vmImageId');
  assert.equal(
    await msg(c.compute.findFlavors({ vmImageID: 'x' })),
    'Error: Invalid Parameters : vmImageID\nThis function allows following parameters: *vmImageId',
  );
  assert.equal(
    await msg(c.compute.createLoginKey({ loginKeyName: 'ab', colour: 1 })),
    "Error: The length of 'loginKeyName' must be greater than or equals to 3 and less than or equals to 30",
  );
  assert.equal(
    await msg(c.compute.createServer({ vmImageId: 'SPSW0LINUX000046', accessControlGroupConfigurationNoList: [] })),
    "Error: The length of 'accessControlGroupConfigurationNoList' must be greater than or equals to 1 and less than or equals to 5",
  );
  assert.equal(
    await msg(c.compute.attachPublicIpInstance({ foo: 1 })),
    'Error: Invalid Parameters : foo\nThis function allows following parameters: *serverInstanceNo, publicIpInstanceNo, autoCreateIp',
  );
  assert.equal(
    await msg(c.compute.createPortForwardingRule([{ serverInstanceNo: 1, externalPort: 2, internalPort: 3, portForwardingConfigurationNo: 4 }])),
    "Error: This method doesn't allow 'portForwardingConfigurationNo' in array.",
  );
  assert.equal(await msg(c.openapi.geolocation.findLocation({ ip: 'nope' })), 'Error: Invalid IP');
  assert.equal(await msg(c.openapi.geolocation.findLocation({ ip: '192.168.0.1' })), 'Error: Private IP Cannot be used for generating request');
  // The image methods keep the seed's (0.1.13's) texts.
  assert.equal(await msg(c.compute.createPrivateImage({})), 'Error: The following parameters should be defined : serverInstanceNo');
  // Refused before anything is sent, through the callback too.
  const [err] = await viaCallback(c.compute.findServer, {});
  assert.equal(err.code, 'ERR_VALIDATION');
  assert.equal(err.message, 'Error: The following parameters must be defined : serverInstanceNo');
});

test('lists carry the filter helpers, non-enumerable: generic, flavors, public IPs', async (t) => {
  const { c } = await setUp(t);
  const images = await c.compute.findPublicImages();
  assert.ok(!Object.keys(images).includes('filter'));
  assert.equal(images.filter(), images);
  assert.deepStrictEqual(images.filter({ vmImageName: 'centos-7.3-64' }).map((i) => i.vmImageId), ['SPSW0LINUX000046']);
  assert.deepStrictEqual(images.filter({ vmImageName: 'centos-7.3-64', cpuCount: '0' }), [], "deep equality: '0' is not 0");
  assert.equal(images.filter((i) => i.vmImageType.code === 'LINUX').length, images.filter({ vmImageType: { code: 'LINUX', codeName: 'Linux' } }).length);
  const flavors = await c.compute.findFlavors({ vmImageId: 'SPSW0LINUX000046' });
  assert.equal(flavors[0].vmFlavorName, flavors[0].vmFlavorDescription);
  assert.ok(!/개|메모리|디스크/.test(flavors.map((f) => f.vmFlavorName).join()), 'the Korean words are English');
  assert.deepStrictEqual(
    flavors.filter({ vCpu: 2, memory: '4GB', storage: '50GB', storageType: 'SSD' }).map((f) => f.vmFlavorId),
    ['SPSVRSSD00000003'],
  );
  assert.equal(flavors.filter({ storageType: 'hdd' }).length, flavors.filter((f) => !/ssd/i.test(f.vmFlavorName)).length);
  assert.throws(() => flavors.filter({ vCpu: '2' }), { message: "Invalid Argument: 'vCpu' must be numeric." });
  assert.throws(() => flavors.filter({ memory: 'lots' }), { message: "Invalid Argument: 'memory'." });
  assert.throws(() => flavors.filter({ storageType: 'nvme' }), { message: "Invalid Arguments: 'storageType' must be either 'hdd' or 'ssd'." });
  const ips = await c.compute.findPublicIpInstances();
  assert.deepStrictEqual(ips.filter({ publicInstanceStatus: 'created' }).map((i) => i.publicIpInstanceNo), [9001]);
  assert.throws(() => ips.filter({ publicInstanceStatus: 'free' }), { code: 'ERR_VALIDATION' });
  const acgs = await c.compute.findAccessControlGroups();
  assert.equal(acgs.filter({ accessControlGroupName: 'ncloud-default-acg' })[0].isDefault, true, 'the 2017 name isDefault');
});

test('servers carry STATUS and setWait; findServer says when a server is not there', async (t) => {
  const { c } = await setUp(t);
  const servers = await c.compute.findServers();
  const s = servers[0];
  assert.ok(!Object.keys(s).includes('STATUS') && !Object.keys(s).includes('setWait'));
  assert.equal(s.STATUS.running, 'running');
  assert.equal(s.STATUS.shuttingDown, 'shutting down');
  const stopping = await c.compute.stopServer({ serverInstanceNo: s.serverInstanceNo });
  assert.equal(stopping.serverInstanceStatusName, 'shutting down');
  const polls = [];
  const stopped = await new Promise((resolve, reject) => {
    stopping.setWait({ status: stopping.STATUS.stopped, interval: 10, verbose: true }, (err, res) => {
      if (err) return reject(err);
      if (res.serverInstanceStatusName !== 'stopped') return polls.push(res);
      resolve(res);
    });
  });
  assert.equal(stopped.serverInstanceNo, s.serverInstanceNo);
  assert.equal(typeof stopped.setWait, 'function', 'the fresh server has the helpers too');
  for (const p of polls) assert.deepStrictEqual(Object.keys(p), ['serverName', 'serverInstanceStatusName']);
  const [noStatus] = await new Promise((resolve) => s.setWait({}, (...a) => resolve(a)));
  assert.equal(noStatus.message, "Error: 'status' must be defined.");
  const [late] = await new Promise((resolve) => s.setWait({ status: 'never', interval: 10, timeout: 30 }, (...a) => resolve(a)));
  assert.equal(late.message, 'Error: Timeout during watching server status.');
  await assert.rejects(c.compute.findServer({ serverInstanceNo: 1 }), { message: 'Error: The server instance(1) does not exist.' });
});

test('createServer sends userData base64-encoded, the old names renamed; regionNo goes with the calls that take it', async (t) => {
  const { c, emu } = await setUp(t);
  c.compute.regionNo = 1;
  const server = await c.compute.createServer({ vmImageId: 'SPSW0LINUX000046', vmFlavorId: 'SPSVRSSD00000003', serverName: 'old-1', userData: '#!/bin/bash\necho 안녕' });
  assert.equal(server.serverName, 'old-1');
  assert.equal(server.vmImageId, 'SPSW0LINUX000046');
  const sent = emu.requests().find((r) => r.action === 'createServerInstances').params;
  assert.equal(sent.userData, Buffer.from('#!/bin/bash\necho 안녕').toString('base64'));
  assert.equal(sent.serverImageProductCode, 'SPSW0LINUX000046');
  assert.equal(sent.serverProductCode, 'SPSVRSSD00000003');
  // createServerInstances takes no regionNo (its zone says where); the look-ups do.
  c.compute.regionNo = 2;
  assert.deepStrictEqual(await c.compute.findServers(), [], 'no server in region 2');
  c.compute.regionNo = undefined;
  assert.ok((await c.compute.findServers()).some((s) => s.serverName === 'old-1'));
});

test('attachPublicIpInstance: the first free IP, a new one when none is free, or the old error', async (t) => {
  const { c } = await setUp(t);
  const first = await c.compute.attachPublicIpInstance({ serverInstanceNo: 492964 });
  assert.equal(first.publicIpInstanceNo, 9001);
  const none = await c.compute.attachPublicIpInstance({ serverInstanceNo: 491049, autoCreateIp: false }).then(() => assert.fail('expected an error'), (e) => e);
  assert.equal(none.message, 'Error: There is no available public ip instance. Create public ip instance and then retry.');
  const made = await c.compute.attachPublicIpInstance({ serverInstanceNo: 491049 });
  assert.notEqual(made.publicIpInstanceNo, 9001);
});

test('port forwarding: the configuration read first, the new rule(s) picked by external port, setWait until a rule is gone', async (t) => {
  const { c } = await setUp(t);
  const all = await c.compute.findPortForwardingRules();
  assert.equal(all.portForwardingConfigurationNo, 6101);
  assert.equal(all.totalRows, all.portForwardingRuleList.length);
  const rule = await c.compute.createPortForwardingRule({ serverInstanceNo: 491049, externalPort: 52273, internalPort: 22 });
  assert.equal(rule.portForwardingExternalPort, 52273);
  assert.equal(rule.serverInstance.serverInstanceNo, 491049);
  const gone = await c.compute.destroyPortForwardingRule({ serverInstanceNo: 491049, externalPort: 52273, internalPort: 22 });
  assert.ok(!Object.keys(gone).includes('setWait'));
  const after = await new Promise((resolve, reject) => gone.setWait({}, (err, r) => (err ? reject(err) : resolve(r))));
  assert.ok(!after.portForwardingRuleList.some((r) => r.portForwardingExternalPort === 52273));
});

test('login keys: createLoginKey writes the key file with outputPath; findRootPassword with it', async (t) => {
  const { c } = await setUp(t);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ncloud-v0-key-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const key = await c.compute.createLoginKey({ loginKeyName: 'key-0139', outputPath: dir });
  assert.equal(key.loginKeyName, 'key-0139');
  assert.match(key.privateKey, /^-----BEGIN RSA PRIVATE KEY-----/);
  assert.equal(fs.readFileSync(path.join(dir, 'key-0139.pem'), 'utf8'), key.privateKey);
  assert.ok((await c.compute.findLoginKeys()).some((k) => k.loginKeyName === 'key-0139'));
  const server = await c.compute.createServer({ vmImageId: 'SPSW0LINUX000046', serverName: 'pw-1', loginKeyName: 'key-0139' });
  const { rootPassword } = await c.compute.findRootPassword({ serverInstanceNo: server.serverInstanceNo, privateKey: key.privateKey });
  assert.ok(rootPassword.length >= 8);
});

test('monitoring and geolocation: the 2017 result forms', async (t) => {
  const { c } = await setUp(t);
  const metrics = await c.management.monitoring.findMetrics({ serverInstanceNo: 492964 });
  assert.deepStrictEqual(metrics.filter({ metricName: 'CPUUtilization' }), [{ serverInstanceNo: 492964, metricName: 'CPUUtilization' }]);
  const stats = await c.management.monitoring.findStatistics({
    serverInstanceNo: 492964,
    metricName: 'CPUUtilization',
    startTime: '2017-10-22T15:00:00.000Z',
    endTime: '2017-10-22T17:00:00.000Z',
  });
  assert.deepStrictEqual(Object.keys(stats), ['serverInstanceNo', 'dataPoints']);
  assert.equal(stats.dataPoints.member.length, 4, 'period 1800 by default');
  assert.deepStrictEqual(Object.keys(stats.dataPoints.member[0]), ['timestamp', 'average', 'unit']);
  const [err, place] = await viaCallback(c.openapi.geolocation.findLocation, { ip: '143.248.142.77', ext: 't' });
  assert.equal(err, null);
  assert.deepStrictEqual(Object.keys(place), ['country', 'code', 'r1', 'r2', 'r3', 'lat', 'long', 'net']);
  assert.equal(place.lat, 36.370724);
});

test("docs/old-clients.md's Part D lists every method of both generations, with the action it calls", () => {
  const doc = fs.readFileSync(path.join(__dirname, '..', 'docs', 'old-clients.md'), 'utf8');
  const part = doc.slice(doc.indexOf('# Part D'), doc.indexOf('# Uncertain'));
  for (const m of TABLE.v0) {
    const row = part.split('\n').find((l) => l.includes(`| \`${m.path}\` |`));
    assert.ok(row, `${m.path} is in the table`);
    if (m.action) assert.ok(row.includes(`\`${m.action.api}.${m.action.name}\``), row);
  }
  for (const s of TABLE.v1) {
    for (const m of s.methods) assert.ok(part.includes(`| \`${s.path}().${m.name}\` |`), `${s.path}().${m.name}`);
  }
});
