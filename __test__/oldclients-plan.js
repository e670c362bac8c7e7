'use strict';
// For methods.test.js: the Classic load balancer, monitoring and geolocation actions, and the old 0.1.x
// client's methods (model/surfaces.toml), in an order that builds state (an emulator with
// createDelayMs 0: every transition is done by the next call). Each entry: [method, params(ctx),
// check(result, ctx)]; a method of the 0.1.x client is named by its path when it is not on
// `client.compute` (`management.monitoring.findMetrics`).
const assert = require('node:assert/strict');

const CERT = {
  certificateName: 'web-cert',
  privateKey: '-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----',
  publicKeyCertificate: '-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----',
};
const RULE = { protocolTypeCode: 'HTTP', loadBalancerPort: 80, serverPort: 8080, l7HealthCheckPath: '/health' };

function oldClients(tag) {
  const lb = (ctx) => ({ loadBalancerInstanceNo: ctx.lbNo });
  return [
    // The 0.1.x client's life of a server: a login key, a server, its spec, its password.
    ['findLoginKeys', () => undefined, (r) => assert.ok(Array.isArray(r))],
    ['createLoginKey', () => ({ loginKeyName: `old-${tag}` }), (r, ctx) => {
      assert.equal(r.loginKeyName, `old-${tag}`);
      ctx.pem = r.privateKey;
    }],
    ['findFlavors', () => ({ vmImageId: 'SPSW0LINUX000046' }), (r) => assert.ok(r.filter({ vCpu: 2 }).length > 0)],
    ['createServer', () => ({ vmImageId: 'SPSW0LINUX000046', vmFlavorId: 'SPSVRSSD00000003', serverName: `old-${tag}`, loginKeyName: `old-${tag}` }), (r, ctx) => {
      ctx.oldServer = r.serverInstanceNo;
      assert.equal(typeof r.setWait, 'function');
    }],
    ['findServer', (ctx) => ({ serverInstanceNo: ctx.oldServer }), (r) => assert.equal(r.serverInstanceStatusName, 'running')],
    ['findRootPassword', (ctx) => ({ serverInstanceNo: ctx.oldServer, privateKey: ctx.pem }), (r) => assert.ok(r.rootPassword)],
    ['rebootServer', (ctx) => ({ serverInstanceNo: ctx.oldServer }), (r) => assert.equal(r.serverInstanceStatusName, 'rebooting')],
    ['stopServer', (ctx) => ({ serverInstanceNo: ctx.oldServer }), (r) => assert.equal(r.serverInstanceStatusName, 'shutting down')],
    ['rebuildServer', (ctx) => ({ serverInstanceNo: ctx.oldServer, vmFlavorId: 'SPSVRSSD00000005' }), (r) => assert.equal(r.serverInstanceStatusName, 'changingSpec')],
    ['startServer', (ctx) => ({ serverInstanceNo: ctx.oldServer }), (r) => assert.equal(r.vmFlavorId, 'SPSVRSSD00000005')],
    // Access control, public IPs, port forwarding.
    ['findAccessControlGroups', () => undefined, (r) => assert.equal(r.filter({ accessControlGroupName: 'ncloud-default-acg' }).length, 1)],
    ['findAccessControlGroup', () => undefined, (r) => assert.ok(r.length > 0)],
    ['findSecurityGroups', () => undefined, (r) => assert.ok(r.length > 0)],
    ['findAccessControlRules', () => ({ accessControlGroupConfigurationNo: 5475 }), (r) => assert.ok(Array.isArray(r))],
    ['createPublicIpInstance', () => undefined, (r, ctx) => { ctx.oldIp = r.publicIpInstanceNo; }],
    ['findPublicIpInstances', () => undefined, (r, ctx) => assert.ok(r.some((i) => i.publicIpInstanceNo === ctx.oldIp))],
    ['attachPublicIpInstance', (ctx) => ({ serverInstanceNo: ctx.oldServer, publicIpInstanceNo: ctx.oldIp }), (r, ctx) => assert.equal(r.publicIpInstanceNo, ctx.oldIp)],
    ['detachPublicIpInstance', (ctx) => ({ publicIpInstanceNo: ctx.oldIp }), (r, ctx) => assert.equal(r.publicIpInstanceNo, ctx.oldIp)],
    ['destroyPublicIpInstance', (ctx) => ({ publicIpInstanceNo: ctx.oldIp }), (r, ctx) => assert.equal(r.publicIpInstanceNo, ctx.oldIp)],
    ['findPortForwardingRules', () => undefined, (r) => assert.ok(Array.isArray(r.portForwardingRuleList))],
    ['createPortForwardingRule', (ctx) => ({ serverInstanceNo: ctx.oldServer, externalPort: 40022, internalPort: 22 }), (r) => assert.equal(r.portForwardingExternalPort, 40022)],
    ['destroyPortForwardingRule', (ctx) => ({ serverInstanceNo: ctx.oldServer, externalPort: 40022, internalPort: 22 }), (r) => assert.ok(!r.portForwardingRuleList.some((x) => x.portForwardingExternalPort === 40022))],
    // Monitoring and geolocation, the API's and the old client's.
    ['classic.getListMetrics', (ctx) => ({ instanceNo: String(ctx.oldServer) }), (r) => assert.equal(r.metrics.length, 5)],
    ['classic.getMetricStatistics', (ctx) => ({ instanceNoList: [String(ctx.oldServer)], metricName: 'NetworkIn', startTime: '2024-03-21T00:00:00+0900', endTime: '2024-03-21T01:00:00+0900', period: 300 }), (r) => {
      assert.equal(r.statistics[0].dataPointsList[0].dataPointList.length, 12);
    }],
    ['management.monitoring.findMetrics', (ctx) => ({ serverInstanceNo: ctx.oldServer }), (r) => assert.equal(r.filter({ metricName: 'CPUUtilization' }).length, 1)],
    ['management.monitoring.findStatistics', (ctx) => ({ serverInstanceNo: ctx.oldServer, metricName: 'CPUUtilization', startTime: '2024-03-21T00:00:00.000Z', endTime: '2024-03-21T02:00:00.000Z' }), (r) => {
      assert.equal(r.dataPoints.member.length, 4);
    }],
    ['classic.geoLocation', () => ({ ip: '143.248.142.77' }), (r) => assert.equal(r.geoLocation.country, 'KR')],
    ['openapi.geolocation.findLocation', () => ({ ip: '143.248.142.77', ext: 't' }), (r) => assert.equal(r.net, 'Korea Advanced Institute of Science and Technology')],
    // The Classic load balancer: a certificate, a load balancer over the server, its changes.
    ['classic.addLoadBalancerSslCertificate', () => CERT, (r) => assert.equal(r.sslCertificateList[0].certificateName, 'web-cert')],
    ['classic.getLoadBalancerSslCertificateList', () => undefined, (r) => assert.equal(r.totalRows, 1)],
    ['classic.getLoadBalancerTargetServerInstanceList', () => ({ regionNo: '1' }), (r, ctx) => {
      assert.ok(r.serverInstanceList.some((s) => s.serverInstanceNo === String(ctx.oldServer)));
    }],
    ['classic.createLoadBalancerInstance', (ctx) => ({ loadBalancerName: `lb-${tag}`, serverInstanceNoList: [String(ctx.oldServer)], loadBalancerRuleList: [RULE] }), (r, ctx) => {
      ctx.lbNo = r.loadBalancerInstanceList[0].loadBalancerInstanceNo;
    }],
    ['classic.getLoadBalancerInstanceList', (ctx) => ({ loadBalancerInstanceNoList: [ctx.lbNo] }), (r) => assert.equal(r.loadBalancerInstanceList[0].loadBalancerInstanceStatusName, 'used')],
    ['classic.getLoadBalancedServerInstanceList', lb, (r, ctx) => assert.equal(r.serverInstanceList[0].serverInstanceNo, String(ctx.oldServer))],
    ['classic.changeLoadBalancerInstanceConfiguration', (ctx) => ({ ...lb(ctx), loadBalancerAlgorithmTypeCode: 'LC', loadBalancerRuleList: [{ ...RULE, loadBalancerPort: 8000 }] }), (r) => {
      assert.equal(r.loadBalancerInstanceList[0].loadBalancerAlgorithmType.code, 'LC');
    }],
    ['classic.deleteServerInstancesFromLoadBalancer', (ctx) => ({ ...lb(ctx), serverInstanceNoList: [String(ctx.oldServer)] }), (r) => {
      assert.deepStrictEqual(r.loadBalancerInstanceList[0].loadBalancedServerInstanceList, []);
    }],
    ['classic.addServerInstancesToLoadBalancer', (ctx) => ({ ...lb(ctx), serverInstanceNoList: [String(ctx.oldServer)] }), (r) => {
      assert.equal(r.loadBalancerInstanceList[0].loadBalancedServerInstanceList.length, 1);
    }],
    ['classic.changeLoadBalancedServerInstances', (ctx) => ({ ...lb(ctx), serverInstanceNoList: [String(ctx.oldServer)] }), (r) => {
      assert.equal(r.loadBalancerInstanceList[0].loadBalancerInstanceStatusName, 'changing');
    }],
    ['classic.deleteLoadBalancerInstances', (ctx) => ({ loadBalancerInstanceNoList: [ctx.lbNo] }), (r) => {
      assert.equal(r.loadBalancerInstanceList[0].loadBalancerInstanceStatusName, 'terminating');
    }],
    ['classic.deleteLoadBalancerSslCertificate', () => ({ certificateName: 'web-cert' }), (r) => assert.equal(r.sslCertificateList[0].certificateName, 'web-cert')],
    // The server goes: stopped first, as NCP wants.
    ['stopServer', (ctx) => ({ serverInstanceNo: ctx.oldServer }), () => {}],
    ['destroyServer', (ctx) => ({ serverInstanceNo: ctx.oldServer }), (r) => assert.equal(r.serverInstanceStatusName, 'terminating')],
  ];
}

module.exports = { oldClients };
