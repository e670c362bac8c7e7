'use strict';
// The VPC cloud's methods for methods.test.js (every method of client.compute, called once in each
// form): [name, params(ctx), check(result, ctx)] in an order that builds state, against the default
// scenario with every timer at 0 (each operation is done when answered).
const assert = require('node:assert/strict');

const NET = { vpcNo: '1001', subnetNo: '2001', networkInterfaceList: [{ networkInterfaceOrder: 0, accessControlGroupNoList: ['3501'] }] };
const first = (r, list) => r[list][0];

function plan(tag) {
  const t = tag === 'promise' ? 'p' : 'c';
  return [
    // Network
    ['getVpcList', () => undefined, (r) => assert.equal(first(r, 'vpcList').vpcNo, '1001')],
    ['getVpcDetail', () => ({ vpcNo: '1001' }), (r) => assert.equal(first(r, 'vpcList').ipv4CidrBlock, '10.0.0.0/16')],
    ['createVpc', () => ({ ipv4CidrBlock: '172.16.0.0/16', vpcName: `lab-${t}` }), (r, ctx) => { ctx.vpcNo = first(r, 'vpcList').vpcNo; }],
    ['getNetworkAclList', (ctx) => ({ vpcNo: ctx.vpcNo }), (r) => {
      assert.equal(first(r, 'networkAclList').networkAclName, `lab-${t}-default-network-acl`);
      assert.equal(first(r, 'networkAclList').isDefault, true);
    }],
    ['getSubnetList', () => ({ vpcNo: '1001' }), (r, ctx) => { ctx.aclNo = first(r, 'subnetList').networkAclNo; assert.equal(r.totalRows, 2); }],
    ['getNetworkAclDetail', (ctx) => ({ networkAclNo: ctx.aclNo }), (r, ctx) => assert.equal(first(r, 'networkAclList').networkAclNo, ctx.aclNo)],
    ['getSubnetDetail', () => ({ subnetNo: '2002' }), (r) => assert.equal(first(r, 'subnetList').subnetType.code, 'PRIVATE')],
    ['createSubnet', (ctx) => ({ vpcNo: '1001', subnet: '10.0.7.0/24', zoneCode: 'KR-1', subnetTypeCode: 'PUBLIC', networkAclNo: ctx.aclNo, subnetName: `web-${t}` }), (r, ctx) => { ctx.subnetNo = first(r, 'subnetList').subnetNo; }],
    ['deleteSubnet', (ctx) => ({ subnetNo: ctx.subnetNo }), (r) => assert.equal(first(r, 'subnetList').subnetStatus.code, 'TERMTING')],
    ['deleteVpc', (ctx) => ({ vpcNo: ctx.vpcNo }), (r) => assert.equal(first(r, 'vpcList').vpcStatus.code, 'TERMTING')],
    ['getAccessControlGroupList', () => ({ vpcNo: '1001' }), (r) => assert.equal(first(r, 'accessControlGroupList').isDefault, true)],
    ['createAccessControlGroup', () => ({ vpcNo: '1001', accessControlGroupName: `acg-${t}` }), (r, ctx) => { ctx.acg = first(r, 'accessControlGroupList').accessControlGroupNo; }],
    ['getAccessControlGroupDetail', (ctx) => ({ accessControlGroupNo: ctx.acg }), (r) => assert.equal(first(r, 'accessControlGroupList').accessControlGroupName, `acg-${t}`)],
    ['addAccessControlGroupInboundRule', (ctx) => ({ vpcNo: '1001', accessControlGroupNo: ctx.acg, accessControlGroupRuleList: [{ protocolTypeCode: 'TCP', ipBlock: '0.0.0.0/0', portRange: '443' }] }), (r) => assert.equal(r.totalRows, 1)],
    ['addAccessControlGroupOutboundRule', (ctx) => ({ vpcNo: '1001', accessControlGroupNo: ctx.acg, accessControlGroupRuleList: [{ protocolTypeCode: 'ICMP', accessControlGroupSequence: '3501' }] }), (r) => assert.equal(r.totalRows, 2)],
    ['getAccessControlGroupRuleList', (ctx) => ({ accessControlGroupNo: ctx.acg, accessControlGroupRuleTypeCode: 'OTBND' }), (r) => assert.equal(first(r, 'accessControlGroupRuleList').protocolType.number, 1)],
    ['removeAccessControlGroupInboundRule', (ctx) => ({ vpcNo: '1001', accessControlGroupNo: ctx.acg, accessControlGroupRuleList: [{ protocolTypeCode: 'TCP', ipBlock: '0.0.0.0/0', portRange: '443' }] }), (r) => assert.equal(r.totalRows, 1)],
    ['removeAccessControlGroupOutboundRule', (ctx) => ({ vpcNo: '1001', accessControlGroupNo: ctx.acg, accessControlGroupRuleList: [{ protocolTypeCode: 'ICMP', accessControlGroupSequence: '3501' }] }), (r) => assert.equal(r.totalRows, 0)],
    // Route tables, a NAT gateway and a route to it, network ACLs and deny-allow groups, a peering
    ['getRouteTableList', () => ({ vpcNo: '1001' }), (r) => assert.deepStrictEqual(r.routeTableList.map((x) => [x.routeTableNo, x.isDefault]), [['2601', true], ['2602', true]])],
    ['getRouteTableDetail', () => ({ routeTableNo: '2602' }), (r) => assert.equal(first(r, 'routeTableList').supportedSubnetType.code, 'PRIVATE')],
    ['createRouteTable', () => ({ vpcNo: '1001', supportedSubnetTypeCode: 'PRIVATE', routeTableName: `rt-${t}` }), (r, ctx) => { ctx.rt = first(r, 'routeTableList').routeTableNo; }],
    ['setRouteTableDescription', (ctx) => ({ routeTableNo: ctx.rt, routeTableDescription: 'via NAT' }), (r) => assert.equal(first(r, 'routeTableList').routeTableDescription, 'via NAT')],
    ['addRouteTableSubnet', (ctx) => ({ vpcNo: '1001', routeTableNo: ctx.rt, subnetNoList: ['2002'] }), (r) => assert.equal(first(r, 'subnetList').subnetNo, '2002')],
    ['getRouteTableSubnetList', (ctx) => ({ routeTableNo: ctx.rt }), (r) => assert.equal(r.totalRows, 1)],
    ['removeRouteTableSubnet', (ctx) => ({ vpcNo: '1001', routeTableNo: ctx.rt, subnetNoList: ['2002'] }), (r) => assert.equal(r.totalRows, 0)],
    ['createSubnet', (ctx) => ({ vpcNo: '1001', subnet: '10.0.9.0/24', zoneCode: 'KR-1', subnetTypeCode: 'PUBLIC', usageTypeCode: 'NATGW', networkAclNo: ctx.aclNo, subnetName: `nat-${t}` }), (r, ctx) => { ctx.natSubnet = first(r, 'subnetList').subnetNo; }],
    ['createNatGatewayInstance', (ctx) => ({ vpcNo: '1001', zoneCode: 'KR-1', subnetNo: ctx.natSubnet, natGatewayName: `nat-${t}` }), (r, ctx) => {
      ctx.nat = first(r, 'natGatewayInstanceList').natGatewayInstanceNo;
      assert.equal(first(r, 'natGatewayInstanceList').natGatewayType.code, 'PBLIP');
    }],
    ['getNatGatewayInstanceList', (ctx) => ({ natGatewayInstanceNoList: [ctx.nat] }), (r) => assert.equal(first(r, 'natGatewayInstanceList').natGatewayInstanceStatus.code, 'RUN')],
    ['getNatGatewayInstanceDetail', (ctx) => ({ natGatewayInstanceNo: ctx.nat }), (r, ctx) => assert.equal(first(r, 'natGatewayInstanceList').subnetNo, ctx.natSubnet)],
    ['setNatGatewayDescription', (ctx) => ({ natGatewayInstanceNo: ctx.nat, natGatewayDescription: 'egress' }), (r) => assert.equal(first(r, 'natGatewayInstanceList').natGatewayDescription, 'egress')],
    ['addRoute', (ctx) => ({ vpcNo: '1001', routeTableNo: ctx.rt, routeList: [{ destinationCidrBlock: '0.0.0.0/0', targetTypeCode: 'NATGW', targetNo: ctx.nat, targetName: `nat-${t}` }] }), (r) => assert.equal(r.totalRows, 2)],
    ['getRouteList', (ctx) => ({ vpcNo: '1001', routeTableNo: ctx.rt }), (r) => assert.deepStrictEqual(r.routeList.map((x) => x.targetType.code), ['LOCAL', 'NATGW'])],
    ['removeRoute', (ctx) => ({ vpcNo: '1001', routeTableNo: ctx.rt, routeList: [{ destinationCidrBlock: '0.0.0.0/0', targetTypeCode: 'NATGW', targetNo: ctx.nat, targetName: `nat-${t}` }] }), (r) => assert.equal(r.totalRows, 1)],
    ['deleteNatGatewayInstance', (ctx) => ({ natGatewayInstanceNo: ctx.nat }), (r) => assert.equal(first(r, 'natGatewayInstanceList').natGatewayInstanceStatus.code, 'TERMTING')],
    ['deleteRouteTable', (ctx) => ({ routeTableNo: ctx.rt }), (r) => assert.equal(first(r, 'routeTableList').routeTableStatus.code, 'TERMTING')],
    ['createNetworkAcl', () => ({ vpcNo: '1001', networkAclName: `nacl-${t}` }), (r, ctx) => { ctx.acl = first(r, 'networkAclList').networkAclNo; }],
    ['setNetworkAclDescription', (ctx) => ({ networkAclNo: ctx.acl, networkAclDescription: 'web' }), (r) => assert.equal(first(r, 'networkAclList').networkAclDescription, 'web')],
    ['setSubnetNetworkAcl', (ctx) => ({ networkAclNo: ctx.acl, subnetNo: ctx.natSubnet }), (r, ctx) => assert.equal(first(r, 'networkAclList').networkAclNo, ctx.acl)],
    ['createNetworkAclDenyAllowGroup', () => ({ vpcNo: '1001', networkAclDenyAllowGroupName: `dag-${t}` }), (r, ctx) => { ctx.dag = first(r, 'networkAclDenyAllowGroupList').networkAclDenyAllowGroupNo; }],
    ['setNetworkAclDenyAllowGroupIpList', (ctx) => ({ networkAclDenyAllowGroupNo: ctx.dag, ipList: ['10.1.1.1', '10.1.2.0/24'] }), (r) => assert.deepStrictEqual(first(r, 'networkAclDenyAllowGroupList').ipList, ['10.1.1.1', '10.1.2.0/24'])],
    ['setNetworkAclDenyAllowGroupDescription', (ctx) => ({ networkAclDenyAllowGroupNo: ctx.dag, networkAclDenyAllowGroupDescription: 'office' }), (r) => assert.equal(first(r, 'networkAclDenyAllowGroupList').networkAclDenyAllowGroupDescription, 'office')],
    ['addNetworkAclInboundRule', (ctx) => ({ networkAclNo: ctx.acl, networkAclRuleList: [{ priority: 1, protocolTypeCode: 'TCP', denyAllowGroupNo: ctx.dag, portRange: '22', ruleActionCode: 'ALLOW' }] }), (r) => assert.equal(r.totalRows, 1)],
    ['addNetworkAclOutboundRule', (ctx) => ({ networkAclNo: ctx.acl, networkAclRuleList: [{ priority: 1, protocolTypeCode: 'ICMP', ipBlock: '0.0.0.0/0', ruleActionCode: 'DROP' }] }), (r) => assert.equal(first(r, 'networkAclRuleList').ruleAction.code, 'DROP')],
    ['getNetworkAclRuleList', (ctx) => ({ networkAclNo: ctx.acl, networkAclRuleTypeCode: 'INBND' }), (r, ctx) => assert.equal(first(r, 'networkAclRuleList').denyAllowGroupNo, ctx.dag)],
    ['getNetworkAclDenyAllowGroupList', () => ({ vpcNo: '1001' }), (r) => assert.equal(first(r, 'networkAclDenyAllowGroupList').isApplied, true)],
    ['getNetworkAclDenyAllowGroupDetail', (ctx) => ({ networkAclDenyAllowGroupNo: ctx.dag }), (r) => assert.equal(first(r, 'networkAclDenyAllowGroupList').ipList.length, 2)],
    ['removeNetworkAclInboundRule', (ctx) => ({ networkAclNo: ctx.acl, networkAclRuleList: [{ priority: 1, protocolTypeCode: 'TCP', denyAllowGroupNo: ctx.dag, portRange: '22', ruleActionCode: 'ALLOW' }] }), (r) => assert.equal(r.totalRows, 0)],
    ['removeNetworkAclOutboundRule', (ctx) => ({ networkAclNo: ctx.acl, networkAclRuleList: [{ priority: 1, protocolTypeCode: 'ICMP', ipBlock: '0.0.0.0/0', ruleActionCode: 'DROP' }] }), (r) => assert.equal(r.totalRows, 0)],
    ['deleteNetworkAclDenyAllowGroup', (ctx) => ({ networkAclDenyAllowGroupNo: ctx.dag }), (r) => assert.equal(first(r, 'networkAclDenyAllowGroupList').networkAclDenyAllowGroupStatus.code, 'TERMTING')],
    ['deleteSubnet', (ctx) => ({ subnetNo: ctx.natSubnet }), (r) => assert.equal(first(r, 'subnetList').subnetStatus.code, 'TERMTING')],
    ['deleteNetworkAcl', (ctx) => ({ networkAclNo: ctx.acl }), (r) => assert.equal(first(r, 'networkAclList').networkAclStatus.code, 'TERMTING')],
    ['createVpc', () => ({ ipv4CidrBlock: '172.20.0.0/16', vpcName: `peer-${t}` }), (r, ctx) => { ctx.peerVpc = first(r, 'vpcList').vpcNo; }],
    ['createVpcPeeringInstance', (ctx) => ({ sourceVpcNo: '1001', targetVpcNo: ctx.peerVpc, targetVpcName: `peer-${t}`, targetVpcLoginId: 'partner@example.com' }), (r, ctx) => {
      ctx.peering = first(r, 'vpcPeeringInstanceList').vpcPeeringInstanceNo;
      assert.equal(first(r, 'vpcPeeringInstanceList').vpcPeeringInstanceStatus.code, 'INIT', 'a request waits for acceptance');
    }],
    ['acceptOrRejectVpcPeering', (ctx) => ({ vpcPeeringInstanceNo: ctx.peering, isAccept: true }), (r, ctx) => assert.equal(first(r, 'vpcPeeringInstanceList').vpcPeeringInstanceNo, ctx.peering)],
    ['getVpcPeeringInstanceList', (ctx) => ({ vpcPeeringInstanceNoList: [ctx.peering] }), (r) => assert.equal(first(r, 'vpcPeeringInstanceList').vpcPeeringInstanceStatus.code, 'RUN')],
    ['getVpcPeeringInstanceDetail', (ctx) => ({ vpcPeeringInstanceNo: ctx.peering }), (r) => assert.equal(first(r, 'vpcPeeringInstanceList').targetVpcLoginId, 'partner@example.com')],
    ['setVpcPeeringDescription', (ctx) => ({ vpcPeeringInstanceNo: ctx.peering, vpcPeeringDescription: 'to partner' }), (r) => assert.equal(first(r, 'vpcPeeringInstanceList').vpcPeeringDescription, 'to partner')],
    ['deleteVpcPeeringInstance', (ctx) => ({ vpcPeeringInstanceNo: ctx.peering }), (r) => assert.equal(first(r, 'vpcPeeringInstanceList').vpcPeeringInstanceStatus.code, 'TERMTING')],
    // Look-ups
    ['getHypervisorTypeList', () => undefined, (r) => assert.deepStrictEqual(r.hypervisorTypeList.map((h) => h.code), ['XEN', 'KVM'])],
    ['getRaidList', () => ({ productTypeCode: 'LINUX' }), (r) => assert.equal(r.totalRows, 2)],
    ['getServerProductList', () => ({ serverImageProductCode: 'SW.VSVR.OS.LNX64.CNTOS.0703.B050' }), (r) => assert.ok(r.productList.every((p) => p.generationCode === 'G2'))],
    ['getServerSpecList', () => ({ serverImageNo: '4000001' }), (r) => assert.ok(r.serverSpecList.every((s) => s.hypervisorType.code === 'KVM'))],
    ['getServerSpecDetail', () => ({ serverSpecCode: 's2-g2' }), (r) => assert.equal(first(r, 'serverSpecList').blockStorageMaxCount, 16)],
    ['getBlockStorageVolumeTypeList', () => ({ hypervisorTypeCodeList: ['KVM'] }), (r) => assert.equal(r.totalRows, 4)],
    // Keys, scripts, placement groups
    ['importLoginKey', () => ({ keyName: `key-${t}`, publicKey: require('../fixtures/emulator.json').vpc.loginKeys[0].publicKey }), (r) => assert.match(first(r, 'loginKeyList').fingerprint, /^74:b5/)],
    ['getLoginKeyList', () => ({ keyName: `key-${t}` }), (r) => assert.equal(r.totalRows, 1)],
    ['vpc.createLoginKey', () => ({ keyName: `made-${t}` }), (r) => {
      assert.equal(r.keyName, `made-${t}`);
      assert.match(r.privateKey, /^-----BEGIN RSA PRIVATE KEY-----\n/);
    }],
    ['deleteLoginKeys', () => ({ keyNameList: [`made-${t}`] }), (r) => assert.equal(r.totalRows, 1)],
    ['createInitScript', () => ({ initScriptContent: '#!/bin/sh\ntrue', osTypeCode: 'LNX', initScriptName: `init-${t}` }), (r, ctx) => { ctx.script = first(r, 'initScriptList').initScriptNo; }],
    ['getInitScriptList', () => ({ osTypeCode: 'LNX' }), (r) => assert.ok(r.totalRows >= 1)],
    ['getInitScriptDetail', (ctx) => ({ initScriptNo: ctx.script }), (r) => assert.equal(first(r, 'initScriptList').osType.code, 'LNX')],
    ['createPlacementGroup', () => ({ placementGroupName: `pg-${t}`, placementGroupTypeCode: 'AA' }), (r, ctx) => { ctx.pg = first(r, 'placementGroupList').placementGroupNo; }],
    ['getPlacementGroupList', () => undefined, (r) => assert.ok(r.totalRows >= 1)],
    ['getPlacementGroupDetail', (ctx) => ({ placementGroupNo: ctx.pg }), (r) => assert.equal(first(r, 'placementGroupList').placementGroupType.code, 'AA')],
    // A server
    ['createServerInstances', (ctx) => ({ ...NET, serverImageProductCode: 'SW.VSVR.OS.LNX64.CNTOS.0703.B050', serverName: `vm-${t}`, initScriptNo: ctx.script, isProtectServerTermination: false }), (r, ctx) => {
      ctx.server = first(r, 'serverInstanceList').serverInstanceNo;
      assert.equal(first(r, 'serverInstanceList').serverInstanceStatus.code, 'RUN');
    }],
    ['getServerInstanceDetail', (ctx) => ({ serverInstanceNo: ctx.server }), (r, ctx) => { ctx.nic0 = first(r, 'serverInstanceList').networkInterfaceNoList[0]; }],
    ['rebootServerInstances', (ctx) => ({ serverInstanceNoList: [ctx.server] }), (r) => assert.equal(first(r, 'serverInstanceList').serverInstanceStatus.code, 'RUN')],
    ['changeServerInstanceName', (ctx) => ({ serverInstanceNo: ctx.server, serverName: `vm-${t}-2` }), (r) => assert.equal(first(r, 'serverInstanceList').serverName, `vm-${t}-2`)],
    ['setProtectServerTermination', (ctx) => ({ serverInstanceNo: ctx.server, isProtectServerTermination: true }), (r) => assert.equal(first(r, 'serverInstanceList').isProtectServerTermination, true)],
    ['getRootPasswordServerInstanceList', () => ({ rootPasswordServerInstanceList: [{ serverInstanceNo: '1000003', privateKey: require('../fixtures/emulator.json').vpc.loginKeys[0].privateKey }] }), (r) => assert.equal(first(r, 'rootPasswordServerInstanceList').rootPassword, 'Ncp-emu-1000003!')],
    ['getRootPassword', () => ({ serverInstanceNo: '1000003', privateKey: require('../fixtures/emulator.json').vpc.loginKeys[0].privateKey }), (r) => assert.equal(r.rootPassword, 'Ncp-emu-1000003!')],
    // A diagnostic interrupt: the scenario's running KVM server (Linux) takes it.
    ['interruptServerInstance', () => ({ serverInstanceNo: '1000002' }), (r) => assert.deepStrictEqual(r.serverInstanceNoList, ['1000002'])],
    // Public IPs
    ['getPublicIpTargetServerInstanceList', () => undefined, (r, ctx) => assert.ok(r.serverInstanceList.some((v) => v.serverInstanceNo === ctx.server))],
    ['vpc.createPublicIpInstance', () => ({ publicIpDescription: 'spare' }), (r, ctx) => { ctx.ip = first(r, 'publicIpInstanceList').publicIpInstanceNo; }],
    ['getPublicIpInstanceDetail', (ctx) => ({ publicIpInstanceNo: ctx.ip }), (r) => assert.equal(first(r, 'publicIpInstanceList').publicIpInstanceStatus.code, 'RUN')],
    ['associatePublicIpWithServerInstance', (ctx) => ({ publicIpInstanceNo: ctx.ip, serverInstanceNo: ctx.server }), (r, ctx) => assert.equal(first(r, 'publicIpInstanceList').serverInstanceNo, ctx.server)],
    ['getPublicIpInstanceList', () => ({ isAssociated: true }), (r) => assert.equal(r.totalRows, 1)],
    ['disassociatePublicIpFromServerInstance', (ctx) => ({ publicIpInstanceNo: ctx.ip }), (r) => assert.equal(first(r, 'publicIpInstanceList').serverInstanceNo, undefined)],
    ['deletePublicIpInstance', (ctx) => ({ publicIpInstanceNo: ctx.ip }), (r) => assert.equal(first(r, 'publicIpInstanceList').publicIpInstanceStatus.code, 'TERMTING')],
    // Interfaces
    ['createNetworkInterface', (ctx) => ({ vpcNo: '1001', subnetNo: '2001', accessControlGroupNoList: [ctx.acg], networkInterfaceName: `nic-${t}` }), (r, ctx) => { ctx.nic = first(r, 'networkInterfaceList').networkInterfaceNo; }],
    ['getNetworkInterfaceList', (ctx) => ({ networkInterfaceNoList: [ctx.nic] }), (r) => assert.equal(first(r, 'networkInterfaceList').networkInterfaceStatus.code, 'NOTUSED')],
    ['addNetworkInterfaceAccessControlGroup', (ctx) => ({ networkInterfaceNo: ctx.nic, accessControlGroupNoList: ['3501'] }), (r) => assert.equal(first(r, 'networkInterfaceList').accessControlGroupNoList.length, 2)],
    ['removeNetworkInterfaceAccessControlGroup', (ctx) => ({ networkInterfaceNo: ctx.nic, accessControlGroupNoList: ['3501'] }), (r) => assert.equal(first(r, 'networkInterfaceList').accessControlGroupNoList.length, 1)],
    ['assignSecondaryIps', (ctx) => ({ networkInterfaceNo: ctx.nic, secondaryIpCount: 1 }), (r, ctx) => { [ctx.secondary] = first(r, 'networkInterfaceList').secondaryIpList; }],
    ['unassignSecondaryIps', (ctx) => ({ networkInterfaceNo: ctx.nic, secondaryIpList: [ctx.secondary] }), (r) => assert.deepStrictEqual(first(r, 'networkInterfaceList').secondaryIpList, [])],
    ['enableFlowLog', (ctx) => ({ networkInterfaceNo: ctx.nic, collectActionTypeCode: 'ALL', storageBucketName: 'flow' }), (r) => assert.equal(first(r, 'flowLogConfigurationList').collectActionType.code, 'ALL')],
    ['getFlowLogConfigurationList', (ctx) => ({ networkInterfaceNoList: [ctx.nic] }), (r) => assert.equal(r.totalRows, 1)],
    ['disableFlowLog', (ctx) => ({ networkInterfaceNo: ctx.nic }), (r) => assert.equal(first(r, 'flowLogConfigurationList').storageBucketName, 'flow')],
    ['stopServerInstances', (ctx) => ({ serverInstanceNoList: [ctx.server] }), (r) => assert.equal(first(r, 'serverInstanceList').serverInstanceStatus.code, 'NSTOP')],
    ['attachNetworkInterface', (ctx) => ({ serverInstanceNo: ctx.server, networkInterfaceNo: ctx.nic, subnetNo: '2001' }), (r) => assert.equal(first(r, 'networkInterfaceList').deviceName, 'eth1')],
    ['getNetworkInterfaceDetail', (ctx) => ({ networkInterfaceNo: ctx.nic }), (r) => assert.equal(first(r, 'networkInterfaceList').networkInterfaceStatus.code, 'USED')],
    ['detachNetworkInterface', (ctx) => ({ serverInstanceNo: ctx.server, networkInterfaceNo: ctx.nic, subnetNo: '2001' }), (r) => assert.equal(first(r, 'networkInterfaceList').networkInterfaceStatus.code, 'NOTUSED')],
    ['deleteNetworkInterface', (ctx) => ({ networkInterfaceNo: ctx.nic }), (r, ctx) => assert.equal(first(r, 'networkInterfaceList').networkInterfaceNo, ctx.nic)],
    ['deleteAccessControlGroup', (ctx) => ({ vpcNo: '1001', accessControlGroupNo: ctx.acg }), (r) => assert.equal(first(r, 'accessControlGroupList').accessControlGroupStatus.code, 'TERMTING')],
    // Storage (the server is stopped)
    ['createBlockStorageInstance', (ctx) => ({ serverInstanceNo: ctx.server, blockStorageSize: 10, blockStorageName: `bs-${t}` }), (r, ctx) => { ctx.bs = first(r, 'blockStorageInstanceList').blockStorageInstanceNo; }],
    ['getBlockStorageInstanceList', (ctx) => ({ serverInstanceNo: ctx.server }), (r) => assert.equal(r.totalRows, 2)],
    ['changeBlockStorageVolumeSize', (ctx) => ({ blockStorageInstanceNo: ctx.bs, blockStorageSize: 30 }), (r) => assert.equal(first(r, 'blockStorageInstanceList').blockStorageSize, 30 * 2 ** 30)],
    ['setBlockStorageReturnProtection', (ctx) => ({ blockStorageInstanceNo: ctx.bs, isReturnProtection: false }), (r) => assert.equal(first(r, 'blockStorageInstanceList').isReturnProtection, false)],
    ['createBlockStorageSnapshotInstance', (ctx) => ({ originalBlockStorageInstanceNo: ctx.bs, blockStorageSnapshotName: `snap-${t}` }), (r, ctx) => { ctx.snap = first(r, 'blockStorageSnapshotInstanceList').blockStorageSnapshotInstanceNo; }],
    ['getBlockStorageSnapshotInstanceDetail', (ctx) => ({ blockStorageSnapshotInstanceNo: ctx.snap }), (r) => assert.equal(first(r, 'blockStorageSnapshotInstanceList').blockStorageSnapshotInstanceStatus.code, 'CREAT')],
    ['deleteBlockStorageSnapshotInstances', (ctx) => ({ blockStorageSnapshotInstanceNoList: [ctx.snap] }), (r) => assert.equal(r.totalRows, 1)],
    ['detachBlockStorageInstances', (ctx) => ({ blockStorageInstanceNoList: [ctx.bs] }), (r) => assert.equal(first(r, 'blockStorageInstanceList').blockStorageInstanceStatus.code, 'CREAT')],
    ['attachBlockStorageInstance', (ctx) => ({ serverInstanceNo: ctx.server, blockStorageInstanceNo: ctx.bs }), (r) => assert.equal(first(r, 'blockStorageInstanceList').deviceName, '/dev/xvdb')],
    ['getBlockStorageInstanceDetail', (ctx) => ({ blockStorageInstanceNo: ctx.bs }), (r) => assert.equal(first(r, 'blockStorageInstanceList').blockStorageInstanceStatus.code, 'ATTAC')],
    ['changeBlockStorageInstance', () => ({ blockStorageInstanceNo: '1600003', blockStorageSize: 200 }), (r) => assert.equal(first(r, 'blockStorageInstanceList').blockStorageSize, 200 * 2 ** 30)],
    ['detachBlockStorageInstances', (ctx) => ({ blockStorageInstanceNoList: [ctx.bs] }), (r) => assert.equal(first(r, 'blockStorageInstanceList').serverInstanceNo, undefined)],
    ['deleteBlockStorageInstances', (ctx) => ({ blockStorageInstanceNoList: [ctx.bs] }), (r) => assert.equal(first(r, 'blockStorageInstanceList').blockStorageInstanceOperation.code, 'TERMT')],
    // Placement, spec, termination
    ['addPlacementGroupServerInstance', (ctx) => ({ placementGroupNo: ctx.pg, serverInstanceNo: ctx.server }), (r) => assert.equal(first(r, 'serverInstanceList').placementGroupName, `pg-${t}`)],
    ['removePlacementGroupServerInstance', (ctx) => ({ placementGroupNo: ctx.pg, serverInstanceNo: ctx.server }), (r) => assert.equal(first(r, 'serverInstanceList').placementGroupNo, undefined)],
    ['deletePlacementGroup', (ctx) => ({ placementGroupNo: ctx.pg }), (r, ctx) => assert.equal(first(r, 'placementGroupList').placementGroupNo, ctx.pg)],
    ['changeServerInstanceSpec', (ctx) => ({ serverInstanceNo: ctx.server, serverProductCode: 'SVR.VSVR.HICPU.C004.M008.NET.SSD.B050.G002' }), (r) => assert.equal(first(r, 'serverInstanceList').cpuCount, 4)],
    ['startServerInstances', (ctx) => ({ serverInstanceNoList: [ctx.server] }), (r) => assert.equal(first(r, 'serverInstanceList').serverInstanceStatus.code, 'RUN')],
    ['stopServerInstances', (ctx) => ({ serverInstanceNoList: [ctx.server] }), (r) => assert.equal(first(r, 'serverInstanceList').serverInstanceStatus.code, 'NSTOP')],
    ['setProtectServerTermination', (ctx) => ({ serverInstanceNo: ctx.server, isProtectServerTermination: false }), (r) => assert.equal(first(r, 'serverInstanceList').isProtectServerTermination, false)],
    ['terminateServerInstances', (ctx) => ({ serverInstanceNoList: [ctx.server] }), (r) => assert.equal(first(r, 'serverInstanceList').serverInstanceOperation.code, 'TERMT')],
    ['deleteInitScripts', (ctx) => ({ initScriptNoList: [ctx.script] }), (r) => assert.equal(r.totalRows, 1)],
    // Fabric clusters
    ['getFabricClusterPoolList', () => ({ zoneCode: 'KR-1' }), (r, ctx) => { ctx.pool = first(r, 'fabricClusterPoolList').fabricClusterPoolNo; }],
    ['createFabricCluster', (ctx) => ({ fabricClusterName: `fc-${t}`, zoneCode: 'KR-1', vpcNo: '1001', fabricClusterPoolNo: ctx.pool }), (r, ctx) => { ctx.fc = first(r, 'fabricClusterList').fabricClusterNo; }],
    ['getFabricClusterList', () => undefined, (r) => assert.ok(r.totalRows >= 1)],
    ['getFabricClusterDetail', (ctx) => ({ fabricClusterNo: ctx.fc }), (r) => assert.equal(first(r, 'fabricClusterList').serverCount, 0)],
    ['changeFabricClusterName', (ctx) => ({ fabricClusterNo: ctx.fc, fabricClusterName: `fc-${t}-2` }), (r) => assert.equal(first(r, 'fabricClusterList').fabricClusterName, `fc-${t}-2`)],
    ['changeFabricClusterDescription', (ctx) => ({ fabricClusterNo: ctx.fc, fabricClusterDescription: 'training' }), (r) => assert.equal(first(r, 'fabricClusterList').fabricClusterDescription, 'training')],
    ['updateFabricCluster', (ctx) => ({ fabricClusterNo: ctx.fc, fabricClusterName: `fc-${t}-3`, fabricClusterDescription: 'x' }), (r) => assert.equal(first(r, 'fabricClusterList').fabricClusterName, `fc-${t}-3`)],
    ['changeFabricClusterServerInstances', (ctx) => ({ fabricClusterNo: ctx.fc }), (r) => assert.equal(first(r, 'fabricClusterList').serverCount, 0)],
    ['updateFabricClusterServerInstances', (ctx) => ({ fabricClusterNo: ctx.fc, clusterModeServerInstanceNoList: [] }), (r) => assert.equal(first(r, 'fabricClusterList').serverCount, 0)],
    ['deleteFabricCluster', (ctx) => ({ fabricClusterNo: ctx.fc }), (r) => assert.equal(first(r, 'fabricClusterList').fabricClusterStatus.code, 'TERMTING')],
  ];
}

module.exports = { plan };
