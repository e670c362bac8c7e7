'use strict';
// The emulator's state for the old 0.1.39 client's README and docs examples (__test__/v0/examples): the
// default fixture plus what the examples name — the servers, login key, access control group, private
// images, public IP and port-forwarding rule of the original author's account, by their numbers.
const fs = require('node:fs');
const path = require('node:path');
const defaults = require('../../fixtures/emulator.json');

const TESTGB_PEM = fs.readFileSync(path.join(__dirname, 'testgb.pem'), 'utf8');

const RUNNING = {
  serverInstanceStatus: { code: 'RUN', codeName: 'Server run state' },
  serverInstanceOperation: { code: 'NULL', codeName: 'Server NULL OP' },
  serverInstanceStatusName: 'running',
};
const STOPPED = {
  serverInstanceStatus: { code: 'NSTOP', codeName: 'Server normal stopped state' },
  serverInstanceOperation: { code: 'NULL', codeName: 'Server NULL OP' },
  serverInstanceStatusName: 'stopped',
};

/** A server like the default fixture's first one, with its own number, name and status. */
function server(no, name, status, extra = {}) {
  const base = { ...defaults.classic.servers[0] };
  delete base.portForwardingPublicIp;
  delete base.portForwardingExternalPort;
  delete base.portForwardingInternalPort;
  return {
    ...base,
    serverInstanceNo: String(no),
    serverName: name,
    loginKeyName: 'testgb',
    privateIp: `10.41.${Math.floor(no / 256) % 256}.${no % 256}`,
    ...status,
    ...extra,
  };
}

const ACG_4656 = {
  accessControlGroupConfigurationNo: '4656',
  accessControlGroupName: 'web-acg',
  accessControlGroupDescription: 'The docs examples group',
  isDefaultGroup: false,
  createDate: '2017-02-17T11:56:27+0900',
};

/** A private image of server 500601 (CentOS 7.3), created. */
function image(no, name) {
  return {
    memberServerImageNo: String(no),
    memberServerImageName: name,
    memberServerImageDescription: '',
    originalServerInstanceNo: '500601',
    originalServerProductCode: 'SPSVRSSD00000010',
    originalServerName: 'helloworld48',
    originalBaseBlockStorageDiskType: { code: 'NET', codeName: 'Network Storage' },
    originalServerImageProductCode: 'SPSW0LINUX000046',
    originalOsInformation: 'CentOS 7.3 (64-bit)',
    originalServerImageName: 'centos-7.3-64',
    memberServerImageStatusName: 'created',
    memberServerImageStatus: { code: 'CREAT', codeName: 'NSI CREATED state' },
    memberServerImageOperation: { code: 'NULL', codeName: 'NSI NULLOP' },
    memberServerImagePlatformType: { code: 'LNX64', codeName: 'Linux 64 Bit' },
    createDate: '2017-10-10T21:39:24+0900',
    region: { regionNo: '1', regionCode: 'KR', regionName: 'Korea' },
    zone: defaults.classic.zones[0],
    memberServerImageBlockStorageTotalRows: 1,
    memberServerImageBlockStorageTotalSize: 53687091200,
  };
}

const PUBLIC_IP_506969 = {
  ...defaults.classic.publicIps[0],
  publicIpInstanceNo: '506969',
  publicIp: '106.10.1.69',
};

/** The examples' state; `edit(classic)` changes it for one example. */
function scenario(edit = () => {}) {
  const c = defaults.classic;
  const classic = {
    servers: [
      ...c.servers,
      server(500601, 'helloworld48', RUNNING),
      server(500580, 'helloworld47', STOPPED),
      server(500577, 'helloworld44', STOPPED),
      server(503087, 'web-1', RUNNING),
      server(491009, 'win-1', RUNNING),
      server(510873, 'pf-1', RUNNING),
      server(510876, 'pf-2', RUNNING),
      server(510879, 'pf-3', RUNNING),
      server(507498, 'pf-old', RUNNING, { portForwardingPublicIp: '211.249.50.10', portForwardingExternalPort: 52273, portForwardingInternalPort: 22 }),
      server(512641, 'monitored', RUNNING),
    ],
    loginKeys: [...c.loginKeys, { keyName: 'testgb', privateKey: TESTGB_PEM, createDate: '2017-09-01T10:00:00+0900' }],
    accessControlGroups: [...c.accessControlGroups, ACG_4656],
    accessControlRules: [
      ...c.accessControlRules,
      { accessControlRuleConfigurationNo: '66511', protocolType: { code: 'TCP', codeName: 'tcp' }, sourceIp: '0.0.0.0/0', destinationPort: '22', accessControlRuleDescription: '', accessControlGroupConfigurationNo: '4656' },
      { accessControlRuleConfigurationNo: '85350', protocolType: { code: 'TCP', codeName: 'tcp' }, sourceIp: '0.0.0.0/0', destinationPort: '80', accessControlRuleDescription: '', accessControlGroupConfigurationNo: '4656' },
    ],
    memberServerImages: [image(3799, 'test2'), image(3800, 'test3'), image(3803, 'golden')],
    publicIps: [...c.publicIps, PUBLIC_IP_506969],
    // docs/compute/serverinstance/serverinstance-01.md changes a server to this spec.
    serverProducts: [
      ...c.serverProducts,
      { ...c.serverProducts[0], productCode: 'SPSVRSSD00000007', productName: 'vCPU 2EA, Memory 8GB, [SSD]Disk 50GB', productDescription: 'vCPU 2EA, Memory 8GB, [SSD]Disk 50GB', memorySize: 8589934592 },
    ],
    // docs/compute/product/product-01.md asks the flavors of this one.
    products: [...c.products, { ...c.products[0], productCode: 'SPSW0LINUX000031', productName: 'centos-6.3-64', productDescription: 'CentOS 6.3(64bit)', osInformation: 'CentOS 6.3 (64-bit)' }],
    portForwardingRules: [
      ...c.portForwardingRules,
      { portForwardingConfigurationNo: '6101', portForwardingExternalPort: 52273, portForwardingInternalPort: 22, serverInstanceNo: '507498' },
    ],
  };
  const own = structuredClone(classic);
  edit(own);
  return { settings: { createDelayMs: 50, deleteDelayMs: 50, operationDelayMs: 50 }, classic: own };
}

module.exports = { scenario, STOPPED, RUNNING, TESTGB_PEM };
