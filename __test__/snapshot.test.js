'use strict';
// emu.snapshot() -> load(): a world saved with records of several kinds, some mid-transition, answers
// every list action of every API byte for byte as the saved one did, in both wire formats; and a
// server that was booting when it was saved boots to the end after the restore.
const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { emulator, client, FORMATS } = require('./helpers');
const { METHODS } = require('../lib/table');

/** GET {uri} signed as the gateway wants it. */
async function signedGet(emu, uri) {
  const timestamp = String(Date.now());
  const signature = crypto.createHmac('sha256', emu.secretKey).update(`GET ${uri}\n${timestamp}\n${emu.accessKey}`).digest('base64');
  const res = await fetch(emu.endpoint + uri, {
    headers: { 'x-ncp-apigw-timestamp': timestamp, 'x-ncp-iam-access-key': emu.accessKey, 'x-ncp-apigw-signature-v2': signature },
  });
  return `${res.status} ${await res.text()}`;
}

/** Every list action of every API, once: `/server/v2/getServerImageList` ... (each API's prefix is `/<name>/v2`). */
const LISTS = [...new Set(METHODS.filter((m) => !m.mutating && /^get\w*List$/.test(m.action)).map((m) => `/${m.api}/v2/${m.action}`))];

test('snapshot() -> load() answers every list action alike and resumes transitions', { timeout: 120000 }, async (t) => {
  const slow = { createDelayMs: 60000, deleteDelayMs: 60000, fixture: { settings: { operationDelayMs: 60000 } } };
  const a = await emulator(slow);
  t.after(() => a.close());
  const { compute } = client(a);
  // A world with something of several kinds, and transitions under way.
  await compute.vpc.createLoginKey({ keyName: 'kept-key' });
  const { serverImageList: [base] } = await compute.getServerImageList({ serverImageName: 'rocky-8.10-base' });
  const { vpcList: [vpc] } = await compute.getVpcList();
  const { subnetList: [subnet] } = await compute.getSubnetList({ vpcNo: vpc.vpcNo, subnetTypeCode: 'PUBLIC' });
  const { accessControlGroupList: [acg] } = await compute.getAccessControlGroupList({ vpcNo: vpc.vpcNo });
  const { serverInstanceList: [booting] } = await compute.createServerInstances({
    vpcNo: vpc.vpcNo, subnetNo: subnet.subnetNo, serverImageNo: base.serverImageNo, serverName: 'kept', loginKeyName: 'kept-key',
    networkInterfaceList: [{ networkInterfaceOrder: 0, accessControlGroupNoList: [acg.accessControlGroupNo] }],
  });
  await compute.createPublicIpInstance({ regionCode: 'KR' }).catch(() => {});
  await compute.classic.createMemberServerImage?.({ serverInstanceNo: '492964' }).catch(() => {});
  assert.equal(booting.serverInstanceStatus.code, 'INIT');

  const saved = a.snapshot();
  assert.equal(saved.base, 'empty');
  assert.ok(saved.snapshot.entries.some((e) => e.no === booting.serverInstanceNo && e.steps.length > 0));
  const b = await emulator({ fixture: JSON.parse(JSON.stringify(saved)) });
  t.after(() => b.close());
  assert.ok(LISTS.length > 50, `${LISTS.length} list actions`);
  let answered = 0;
  for (const format of FORMATS) {
    for (const uri of LISTS) {
      const q = `${uri}?responseFormatType=${format}`;
      const before = await signedGet(a, q);
      assert.equal(await signedGet(b, q), before, q);
      if (before.startsWith('200 ')) answered += 1;
    }
  }
  assert.ok(answered > LISTS.length, `${answered} answers of 200 in both formats`);
  // load() on running emulators restores the same (both: the calls above moved their generators on).
  a.load(saved);
  b.load(saved);
  for (const uri of LISTS.slice(0, 20)) {
    const q = `${uri}?responseFormatType=json`;
    assert.equal(await signedGet(b, q), await signedGet(a, q), q);
  }
  // The booting server finishes booting on the restored emulator (its timers, made short now).
  const { compute: restored } = client(b);
  const { serverInstanceList: [still] } = await restored.getServerInstanceList({ serverInstanceNoList: [booting.serverInstanceNo] });
  assert.equal(still.serverInstanceStatus.code, 'INIT');
  b.configure({ createDelayMs: 30, operationDelayMs: 30 });
  const up = await restored.waitForServerInstanceRunning(booting.serverInstanceNo, { minDelayMs: 10, maxDelayMs: 50 });
  assert.equal(up.serverInstanceStatus.code, 'RUN');
  assert.equal(up.serverName, 'kept');
});
