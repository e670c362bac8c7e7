'use strict';
// The Classic cloud's actions for methods.test.js, in an order that builds state (an emulator with
// createDelayMs 0: every transition is done by the next call). Each entry: [method, params(ctx),
// check(result, ctx)].
const assert = require('node:assert/strict');
const crypto = require('node:crypto');

/** An OpenSSH RSA public key (`ssh-rsa AAAA…`) made with Node's own crypto. */
function sshPublicKey() {
  const { publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 });
  const { n, e } = publicKey.export({ format: 'jwk' });
  const part = (buf) => Buffer.concat([Buffer.from([0, 0, (buf.length >> 8) & 255, buf.length & 255]), buf]);
  const mpint = (b64url) => {
    const b = Buffer.from(b64url, 'base64url');
    return b[0] & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b;
  };
  return `ssh-rsa ${Buffer.concat([part(Buffer.from('ssh-rsa')), part(mpint(e)), part(mpint(n))]).toString('base64')} test@example`;
}

function classicCloud(tag) {
  const server = (ctx) => ({ serverInstanceNo: ctx.server });
  const servers = (ctx) => ({ serverInstanceNoList: [ctx.server] });
  const nas = (ctx) => ({ nasVolumeInstanceNo: ctx.nas });
  const rule = (ctx) => ({
    portForwardingConfigurationNo: '6101',
    portForwardingRuleList: [{ portForwardingExternalPort: tag === 'promise' ? 4022 : 4023, portForwardingInternalPort: 22, serverInstanceNo: ctx.server }],
  });
  const nicIp = tag === 'promise' ? '192.168.10.21' : '192.168.10.22';
  const op = (list, field) => (r) => r[list][0][field];
  return [
    ['classic.getServerProductList', () => ({ serverImageProductCode: 'SPSW0LINUX000046' }), (r) => assert.equal(r.productList[0].productCode, 'SPSVRSSD00000003')],
    ['classic.getRaidList', () => undefined, (r) => assert.equal(r.raidList[0].raidName, 'RAID 5')],
    ['classic.getInitScriptList', () => undefined, (r) => assert.equal(r.initScriptList[0].initScriptNo, '8001')],
    ['classic.getAccessControlGroupList', () => ({ isDefault: true }), (r) => assert.equal(r.accessControlGroupList[0].accessControlGroupConfigurationNo, '5475')],
    ['classic.getAccessControlRuleList', () => ({ accessControlGroupConfigurationNo: '5475' }), (r) => assert.equal(r.accessControlRuleList[0].destinationPort, '22')],
    ['classic.getAccessControlGroupServerInstanceList', () => ({ accessControlGroupConfigurationNo: '5475' }), (r) => assert.ok(r.serverInstanceList.some((s) => s.serverInstanceNo === '492964'))],
    ['classic.getPrivateSubnetInstanceList', () => undefined, (r) => assert.equal(r.privateSubnetInstanceList[0].subnet, '192.168.10.0/24')],
    ['classic.createLoginKey', () => ({ keyName: `k-${tag}` }), (r, ctx) => {
      assert.match(r.privateKey, /^-----BEGIN RSA PRIVATE KEY-----/);
      ctx.pem = r.privateKey;
    }],
    ['classic.importLoginKey', () => ({ keyName: `i-${tag}`, publicKey: sshPublicKey() }), (r) => assert.match(r.loginKeyList[0].fingerprint, /^([0-9a-f]{2}:){15}[0-9a-f]{2}$/)],
    ['classic.getLoginKeyList', () => ({ keyName: `k-${tag}` }), (r) => assert.equal(r.loginKeyList[0].keyName, `k-${tag}`)],
    ['classic.createServerInstances', () => ({ serverImageProductCode: 'SPSW0LINUX000046', serverName: `c-${tag}`, loginKeyName: `k-${tag}`, userData: 'echo hi' }), (r, ctx) => {
      ctx.server = r.serverInstanceList[0].serverInstanceNo;
      assert.equal(r.serverInstanceList[0].serverInstanceStatusName, 'running');
      assert.equal(r.serverInstanceList[0].userData, Buffer.from('echo hi').toString('base64'));
    }],
    ['classic.getRootPassword', (ctx) => ({ ...server(ctx), privateKey: ctx.pem }), (r, ctx) => {
      assert.equal(r.rootPassword.length, 12);
      ctx.password = r.rootPassword;
    }],
    ['classic.getRootPasswordServerInstanceList', (ctx) => ({ rootPasswordServerInstanceList: [{ ...server(ctx), privateKey: ctx.pem }] }), (r, ctx) => assert.equal(r.rootPasswordServerInstanceList[0].rootPassword, ctx.password)],
    ['classic.createInstanceTags', (ctx) => ({ instanceNoList: [ctx.server], instanceTagList: [{ tagKey: 'env', tagValue: 'test' }] }), (r) => assert.equal(r.instanceTagList[0].instanceType.code, 'SVR')],
    ['classic.getInstanceTagList', (ctx) => ({ instanceNoList: [ctx.server] }), (r) => assert.deepStrictEqual(r.instanceTagList.map((t) => t.tagKey), ['env'])],
    ['classic.deleteInstanceTags', (ctx) => ({ instanceNoList: [ctx.server] }), (r) => assert.equal(r.totalRows, 1)],
    ['classic.createBlockStorageInstance', (ctx) => ({ ...server(ctx), blockStorageSize: 10 }), (r, ctx) => {
      ctx.bs = r.blockStorageInstanceList[0].blockStorageInstanceNo;
      assert.equal(r.blockStorageInstanceList[0].deviceName, '/dev/xvdb');
    }],
    ['classic.getBlockStorageInstanceList', server, (r) => assert.deepStrictEqual(r.blockStorageInstanceList.map((b) => b.blockStorageType.code).sort(), ['BASIC', 'SVRBS'])],
    ['classic.changeBlockStorageVolumeSize', (ctx) => ({ blockStorageInstanceNo: ctx.bs, blockStorageSize: 20 }), (r) => assert.equal(op('blockStorageInstanceList', 'blockStorageInstanceOperation')(r).code, 'CHNG')],
    ['classic.createBlockStorageSnapshotInstance', (ctx) => ({ blockStorageInstanceNo: ctx.bs }), (r, ctx) => { ctx.snap = r.blockStorageSnapshotInstanceList[0].blockStorageSnapshotInstanceNo; }],
    ['classic.deleteBlockStorageSnapshotInstances', (ctx) => ({ blockStorageSnapshotInstanceNoList: [ctx.snap] }), (r) => assert.equal(r.blockStorageSnapshotInstanceList[0].blockStorageSnapshotInstanceStatusName, 'terminating')],
    ['classic.detachBlockStorageInstances', (ctx) => ({ blockStorageInstanceNoList: [ctx.bs] }), (r) => assert.equal(r.blockStorageInstanceList[0].blockStorageInstanceStatusName, 'detaching')],
    ['classic.attachBlockStorageInstance', (ctx) => ({ ...server(ctx), blockStorageInstanceNo: ctx.bs }), (r) => assert.equal(r.blockStorageInstanceList[0].blockStorageInstanceStatusName, 'attaching')],
    ['classic.deleteBlockStorageInstances', (ctx) => ({ blockStorageInstanceNoList: [ctx.bs] }), (r) => assert.equal(r.blockStorageInstanceList[0].blockStorageInstanceStatusName, 'terminating')],
    ['classic.getPublicIpTargetServerInstanceList', () => undefined, (r, ctx) => assert.ok(r.serverInstanceList.some((s) => s.serverInstanceNo === ctx.server))],
    ['classic.createPublicIpInstance', () => ({ publicIpDescription: tag }), (r, ctx) => { ctx.ip = r.publicIpInstanceList[0].publicIpInstanceNo; }],
    ['classic.associatePublicIpWithServerInstance', (ctx) => ({ publicIpInstanceNo: ctx.ip, ...server(ctx) }), (r) => assert.equal(r.publicIpInstanceList[0].publicIpInstanceStatusName, 'using')],
    ['classic.getPublicIpInstanceList', (ctx) => ({ publicIpInstanceNoList: [ctx.ip] }), (r, ctx) => assert.equal(r.publicIpInstanceList[0].serverInstanceAssociatedWithPublicIp.serverInstanceNo, ctx.server)],
    ['classic.replaceServerInstanceAssociatedWithPublicIp', (ctx) => ({ publicIpInstanceNo: ctx.ip, serverInstanceNo: tag === 'promise' ? '491604' : '491049' }), (r) => assert.equal(r.publicIpInstanceList[0].publicIpInstanceOperation.code, 'USE')],
    ['classic.disassociatePublicIpFromServerInstance', (ctx) => ({ publicIpInstanceNo: ctx.ip }), (r) => assert.equal(r.publicIpInstanceList[0].publicIpInstanceStatusName, 'disusing')],
    ['classic.deletePublicIpInstances', (ctx) => ({ publicIpInstanceNoList: [ctx.ip] }), (r) => assert.equal(r.publicIpInstanceList[0].publicIpInstanceStatusName, 'terminating')],
    ['classic.getPortForwardingConfigurationList', () => undefined, (r) => assert.equal(r.portForwardingConfigurationList[0].portForwardingPublicIp, '211.249.50.10')],
    ['classic.addPortForwardingRules', rule, (r, ctx) => assert.ok(r.portForwardingRuleList.some((x) => x.serverInstance.serverInstanceNo === ctx.server))],
    ['classic.getPortForwardingRuleList', () => ({ regionNo: '1', zoneNo: '2' }), (r, ctx) => assert.ok(r.portForwardingRuleList.some((x) => x.serverInstance.serverInstanceNo === ctx.server))],
    ['classic.deletePortForwardingRules', rule, (r, ctx) => assert.ok(!r.portForwardingRuleList.some((x) => x.serverInstance.serverInstanceNo === ctx.server))],
    ['classic.createNetworkInterface', () => ({ privateSubnetInstanceNo: '7001', networkInterfaceName: `nic-${tag}`, networkInterfaceIp: nicIp }), (r) => assert.equal(r.returnCode, '0')],
    ['classic.getNetworkInterfaceList', () => undefined, (r, ctx) => { ctx.nic = r.networkInterfaceList.find((n) => n.networkInterfaceIp === nicIp).networkInterfaceNo; }],
    ['classic.attachNetworkInterface', (ctx) => ({ networkInterfaceNo: ctx.nic, ...server(ctx) }), (r) => assert.equal(r.returnCode, '0')],
    ['classic.detachNetworkInterface', (ctx) => ({ networkInterfaceNo: ctx.nic, ...server(ctx) }), (r) => assert.equal(r.returnCode, '0')],
    ['classic.deleteNetworkInterface', (ctx) => ({ networkInterfaceNo: ctx.nic }), (r) => assert.equal(r.returnCode, '0')],
    ['classic.createNasVolumeInstance', () => ({ volumeName: `nas${tag}`, volumeSize: 500, volumeAllotmentProtocolTypeCode: 'NFS' }), (r, ctx) => { ctx.nas = r.nasVolumeInstanceList[0].nasVolumeInstanceNo; }],
    ['classic.getNasVolumeInstanceList', (ctx) => ({ nasVolumeInstanceNoList: [ctx.nas] }), (r) => assert.equal(r.nasVolumeInstanceList[0].volumeTotalSize, 500 * 2 ** 30)],
    ['classic.addNasVolumeAccessControl', (ctx) => ({ ...nas(ctx), customIpList: ['10.0.0.1'] }), (r) => assert.deepStrictEqual(r.nasVolumeInstanceList[0].nasVolumeInstanceCustomIpList, [{ customIp: '10.0.0.1' }])],
    ['classic.removeNasVolumeAccessControl', (ctx) => ({ ...nas(ctx), customIpList: ['10.0.0.1'] }), (r) => assert.deepStrictEqual(r.nasVolumeInstanceList[0].nasVolumeInstanceCustomIpList ?? [], [])],
    ['classic.setNasVolumeAccessControl', (ctx) => ({ ...nas(ctx), accessControlRuleList: [{ serverInstanceNo: ctx.server, writeAccess: 'true' }] }), (r, ctx) => assert.equal(r.nasVolumeInstanceList[0].nasVolumeServerInstanceList[0].serverInstanceNo, ctx.server)],
    ['classic.getNasVolumeAccessControlRuleList', nas, (r) => assert.equal(r.nasVolumeAccessControlRuleList[0].writeAccess, true)],
    ['classic.changeNasVolumeSize', (ctx) => ({ ...nas(ctx), volumeSize: 600 }), (r) => assert.equal(r.nasVolumeInstanceList[0].nasVolumeInstanceOperation.code, 'CHNG')],
    ['classic.changeNasVolumeSnapshotConfiguration', (ctx) => ({ ...nas(ctx), snapshotVolumeConfigurationRatio: 10 }), (r) => assert.equal(r.nasVolumeInstanceList[0].snapshotVolumeSize, 60 * 2 ** 30)],
    ['classic.getNasVolumeSnapshotConfigurationHistoryList', nas, (r) => assert.equal(r.nasVolumeSnapshotConfigurationHistoryList[0].snapshotVolumeConfigurationRatio, 10)],
    ['classic.createNasVolumeSnapshot', nas, (r, ctx) => { ctx.nasSnap = r.nasVolumeSnapshotList[0].nasVolumeSnapshotName; }],
    ['classic.getNasVolumeSnapshotList', nas, (r, ctx) => assert.equal(r.nasVolumeSnapshotList[0].nasVolumeSnapshotName, ctx.nasSnap)],
    ['classic.restoreNasVolumeWithSnapshot', (ctx) => ({ ...nas(ctx), nasVolumeSnapshotName: ctx.nasSnap }), (r) => assert.equal(r.nasVolumeSnapshotList.length, 1)],
    ['classic.deleteNasVolumeSnapshot', (ctx) => ({ ...nas(ctx), nasVolumeSnapshotName: ctx.nasSnap }), (r) => assert.equal(r.nasVolumeSnapshotList?.length ?? 0, 0)],
    ['classic.getNasVolumeInstanceRatingList', (ctx) => ({ ...nas(ctx), startTime: '2024-03-21T00:00:00+0900', endTime: '2024-03-21T00:10:00+0900', interval: '5m' }), (r) => assert.equal(r.nasVolumeInstanceRatingList.length, 3)],
    ['classic.setNasVolumeReturnProtection', (ctx) => ({ ...nas(ctx), isReturnProtection: false }), (r) => assert.equal(r.nasVolumeInstanceList[0].isReturnProtection, false)],
    ['classic.deleteNasVolumeInstance', nas, (r) => assert.equal(r.nasVolumeInstanceList[0].nasVolumeInstanceStatusName, 'terminating')],
    ['classic.rebootServerInstances', servers, (r) => assert.equal(r.serverInstanceList[0].serverInstanceStatusName, 'rebooting')],
    ['classic.stopServerInstances', servers, (r) => assert.equal(r.serverInstanceList[0].serverInstanceStatusName, 'shutting down')],
    ['classic.changeServerInstanceSpec', (ctx) => ({ ...server(ctx), serverProductCode: 'SPSVRSSD00000005' }), (r) => assert.equal(r.serverInstanceList[0].serverInstanceStatusName, 'changingSpec')],
    ['classic.startServerInstances', servers, (r) => assert.equal(r.serverInstanceList[0].cpuCount, 4)],
    ['classic.interruptServerInstance', server, (r, ctx) => assert.deepStrictEqual(r.serverInstanceNoList, [ctx.server])],
    ['classic.recreateServerInstance', (ctx) => ({ ...server(ctx), serverInstanceName: `re-${tag}` }), (r) => assert.equal(r.serverInstanceList[0].serverName, `re-${tag}`)],
    ['classic.setProtectServerTermination', (ctx) => ({ ...server(ctx), isProtectServerTermination: false }), (r) => assert.equal(r.serverInstanceList[0].isProtectServerTermination, false)],
    ['classic.stopServerInstances', servers, (r) => assert.equal(r.serverInstanceList[0].serverInstanceOperation.code, 'SHTDN')],
    ['classic.terminateServerInstances', servers, (r) => assert.equal(r.serverInstanceList[0].serverInstanceStatusName, 'terminating')],
    ['classic.deleteLoginKey', () => ({ keyName: `i-${tag}` }), (r) => assert.equal(r.returnCode, '0')],
  ];
}

module.exports = { classicCloud, sshPublicKey };
