'use strict';
// The old 0.1.39 client's README and docs examples, and its getting-started flow, run as printed
// (__test__/v0/examples: each file names its source lines) against the emulator, each as its own
// program in a directory of its own, as a user would run them: `require('ncloud')` finds this package,
// the credentials are the examples' own placeholders (the emulator's keys here), NCLOUD_API_GW names
// the emulator, `./testgb.pem` and `./testFile.sh` are in the working directory, and `lodash` and
// `moment-timezone` are small stand-ins. Each runs on fresh state (__test__/v0/scenario.js); its output
// is checked for what the example prints.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFile } = require('node:child_process');
const ncloud = require('..');
const { scenario, STOPPED } = require('./v0/scenario');

const EXAMPLES = path.join(__dirname, 'v0', 'examples');
const ROOT = path.join(__dirname, '..');
const UNSUPPORTED = /ERR_UNSUPPORTED|NCP's File Storage REST API \(http:\/\/restapi\.fs\.ncloud\.com\), which NCP has retired: use Object Storage/;

const withoutRule = (no) => (c) => {
  c.portForwardingRules = c.portForwardingRules.filter((r) => r.serverInstanceNo !== String(no));
  const s = c.servers.find((x) => x.serverInstanceNo === String(no));
  delete s.portForwardingPublicIp;
  delete s.portForwardingExternalPort;
  delete s.portForwardingInternalPort;
};
const stopped = (no) => (c) => Object.assign(c.servers.find((x) => x.serverInstanceNo === String(no)), STOPPED);

/** Per example: what it must print (a RegExp or a function of its output), and its own state, if any. */
const CASES = {
  'readme-1.js': { out: [/country: 'KR'/, /r1: '대전광역시'/, /r2: '유성구'/] },
  'readme-2.js': { out: [/r3: '구성동'/, /lat: 36\.370724/, /long: 127\.3661/, /net: 'Korea Advanced Institute/] },
  'geo-1.js': { out: [/code: '3020054000'/] },
  'geo-2.js': { out: [/lat: 36\.370724/] },
  'product-1.js': { out: [/vmImageId: 'SPSW0LINUX000046'/, /vmImageName: 'centos-7\.3-64'/, /addBlockStroageSize: 0/] },
  'product-2.js': { out: [/vmFlavorId: 'SPSVRSSD000000\d\d'/, /vmFlavorName: 'vCPU \dEA, Memory \dGB/] },
  'zone-1.js': { out: [/zoneNo: 2,/, /zoneName: 'KR-1'/] },
  'region-1.js': { out: [/regionNo: 1, regionCode: 'KR', regionName: 'Korea'/] },
  'loginkey-1.js': { out: [/loginKeyName: 'testgb'/, /fingerprint: '/] },
  'loginkey-2.js': { out: [/loginKeyName: 'myTest04'/, /BEGIN RSA PRIVATE KEY/], files: ['myTest04.pem'] },
  'accesscontrolgroup-1.js': { out: [/accessControlGroupName: 'ncloud-default-acg'/, /isDefault: true/] },
  'accesscontrolgroup-2.js': { out: [/accessControlRuleConfigurationNo: 66511/, /destinationPort: '80'/] },
  'memberserverimage-1.js': { out: [/privateImageNo: 3799/, /privateImageNo: 3803/] },
  'memberserverimage-2.js': { out: [/privateImageStatusName: 'creating'/, /originalServerInstanceNo: 492964/] },
  'memberserverimage-3.js': { out: [/privateImageName: 'helloWorld'/, /privateImageDescription: 'myFirstPrivateImage'/] },
  'memberserverimage-4.js': { out: [/privateImageNo: 3800/, /privateImageStatusName: 'terminating'/] },
  'serverinstance-1.js': { out: [/serverName: 'helloworld48'/, /vmImageId: 'SPSW0LINUX000046'/] },
  'serverinstance-2.js': { out: [/serverName: 'helloworld40'/, /vmFlavorId: 'SPSVRSSD00000010'/] },
  'serverinstance-3.js': { out: [/serverName: 'helloworld41'/] },
  'serverinstance-4.js': { out: [/serverName: 'helloworld45'/] },
  'serverinstance-5.js': { out: [/serverName: 'helloworld46'/] },
  'serverinstance-6.js': { out: [/serverInstanceNo: 500601/, /serverInstanceStatusName: 'rebooting'/] },
  'serverinstance-7.js': { out: [/serverInstanceStatusName: 'shutting down'/] },
  'serverinstance-8.js': { out: [/serverInstanceNo: 500580/, /serverInstanceStatusName: 'booting'/] },
  'serverinstance-9.js': { out: [/serverInstanceStatusName: 'changingSpec'/] },
  'serverinstance-10.js': { state: stopped(500601), out: [/serverInstanceStatusName: 'terminating'/] },
  // Prints nothing when the password was found.
  'serverinstance-11.js': { out: [(s) => assert.equal(s, '')] },
  'publicipinstance-1.js': { out: [/publicIpInstanceNo: 506969/, /publicIpInstanceStatusName: 'created'/] },
  'publicipinstance-2.js': { out: [/publicIp: '/] },
  // A new IP for a server: the emulator associates it once created (until then it names no server).
  'publicipinstance-3.js': { out: [/publicIpInstanceNo: \d+/, /publicIp: '/] },
  'publicipinstance-4.js': { out: [/publicIpInstanceNo: 506969/, /serverInstanceNo: 503087/] },
  'publicipinstance-5.js': { out: [/serverInstanceNo: 503087/] },
  'publicipinstance-6.js': {
    state: (c) => {
      Object.assign(c.publicIps.find((p) => p.publicIpInstanceNo === '506969'), {
        serverInstanceNo: '503087',
        publicIpInstanceStatusName: 'used',
        publicIpInstanceStatus: { code: 'USED', codeName: 'NET USED state' },
      });
      c.servers.find((x) => x.serverInstanceNo === '503087').publicIp = '106.10.1.69';
    },
    out: [/publicIpInstanceNo: 506969/],
  },
  'publicipinstance-7.js': { out: [/publicIpInstanceNo: 506969/] },
  'port-1.js': { out: [/portForwardingConfigurationNo: 6101/, /portForwardingExternalPort: 52273/] },
  'port-2.js': { state: withoutRule(507498), out: [/portForwardingExternalPort: 52273/, /portForwardingInternalPort: 3389/] },
  'port-3.js': { state: withoutRule(507498), out: [/portForwardingExternalPort: 52273/, /portForwardingExternalPort: 52274/, /portForwardingExternalPort: 52275/] },
  // The rules once the deleted one is gone, printed twice: at once and by rules.setWait (the object's
  // own number, at its first level; each rule repeats it, as today's API answers).
  'port-4.js': { out: [(s) => assert.equal(s.match(/^ {2}portForwardingConfigurationNo: 6101,$/gm)?.length, 2, s)] },
  'monitoring-1.js': { out: [/serverInstanceNo: 512641/, /metricName: 'CPUUtilization'/] },
  'monitoring-2.js': { out: [/timestamp: '/, /unit: 'Percent'/] },
  'getting-started.js': {
    out: [
      /vmImageId: SPSW0LINUX000046/,
      /vmFlavorId: SPSVRSSD00000003/,
      /serverName: server1/,
      /serverIpv4: \d+\.\d+\.\d+\.\d+/,
      /ssh -p \d{5} root@\d+\.\d+\.\d+\.\d+/,
      /root password: \S+/,
    ],
  },
};
for (let i = 1; i <= 9; i++) CASES[`storage-${i}.js`] = { out: [UNSUPPORTED], unsupported: true };

/** The working directory of one example: the program, the files it reads, `node_modules`. */
function workdir(file) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ncloud-v0-example-'));
  fs.copyFileSync(path.join(EXAMPLES, file), path.join(dir, file));
  fs.copyFileSync(path.join(__dirname, 'v0', 'testgb.pem'), path.join(dir, 'testgb.pem'));
  // docs/compute/serverinstance/serverinstance-01.md's testFile.sh, as printed there.
  fs.writeFileSync(path.join(dir, 'testFile.sh'), '#!/bin/bash\n\ntouch ~/helloworld\nmkdir ~/test\n');
  const modules = path.join(dir, 'node_modules');
  fs.mkdirSync(modules);
  fs.symlinkSync(ROOT, path.join(modules, 'ncloud'), 'dir');
  for (const shim of ['lodash', 'moment-timezone']) {
    fs.mkdirSync(path.join(modules, shim));
    fs.copyFileSync(path.join(__dirname, 'v0', 'shims', `${shim}.js`), path.join(modules, shim, 'index.js'));
  }
  return dir;
}

function run(file, dir, endpoint) {
  return new Promise((resolve) => {
    const env = { ...process.env, NCLOUD_API_GW: endpoint };
    for (const k of ['NCLOUD_ACCESS_KEY_ID', 'NCLOUD_SECRET_ACCESS_KEY', 'NCLOUD_EMULATOR']) delete env[k];
    execFile(process.execPath, [file], { cwd: dir, env, timeout: 60000 }, (err, stdout, stderr) => resolve({ err, stdout, stderr }));
  });
}

test("0.1.39's README and docs examples and its getting-started flow, run as printed", async (t) => {
  const files = fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.js')).sort();
  assert.deepStrictEqual(files, Object.keys(CASES).sort(), 'every example has its case');
  const emu = await ncloud.startEmulator({ port: 0, accessKey: '%YOUR_CONSUMER_KEY%', secretKey: '%YOUR_CONSUMER_SECRET%' });
  t.after(() => emu.close());
  for (const file of files) {
    await t.test(file, async () => {
      const c = CASES[file];
      emu.load(scenario(c.state));
      const dir = workdir(file);
      try {
        const { err, stdout, stderr } = await run(file, dir, emu.endpoint);
        assert.equal(err, null, `${file} failed: ${stderr}`);
        assert.equal(stderr, '', stderr);
        for (const want of c.out) {
          if (typeof want === 'function') want(stdout);
          else assert.match(stdout, want, stdout);
        }
        // An example prints errors where it has any: none but the retired storage API's.
        if (!c.unsupported) assert.doesNotMatch(stdout, /Error|ERR_/, stdout);
        for (const f of c.files ?? []) assert.ok(fs.existsSync(path.join(dir, f)), `${file} wrote ${f}`);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
