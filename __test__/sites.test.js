'use strict';
// NCP's three sites (issue 25): a client with `site` sends each API to that API's host on the site, and
// lists the site's regions. The emulator plays each site: a client given it resolves the site's host
// names to the emulator's address (the requests still name their host), and the emulator answers only
// on the hosts where its site serves each API, as the gateways do. The hosts and regions below are
// written from NCP's references (api.ncloud-docs.com, api-gov.ncloud-docs.com, api-fin.ncloud-docs.com),
// not from our own output.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const ncloud = require('..');
const { METHODS } = require('../lib/table');

const HOSTS = {
  public: { gateway: 'ncloud.apigw.ntruss.com', geolocation: 'geolocation.apigw.ntruss.com' },
  gov: { gateway: 'ncloud.apigw.gov-ntruss.com', geolocation: 'geolocation.apigw.gov-ntruss.com' },
  fin: { gateway: 'fin-ncloud.apigw.fin-ntruss.com', geolocation: 'geolocation.apigw.fin-ntruss.com' },
};
const VPC_REGIONS = { public: ['KR', 'SGN', 'JPN'], gov: ['KR', 'KRS'], fin: ['FKR'] };
const DOCS = { public: 'https://api.ncloud-docs.com/docs/', gov: 'https://api-gov.ncloud-docs.com/docs/', fin: 'https://api-fin.ncloud-docs.com/docs/' };

/** Per API of the method table, its read actions (the first that needs no parameter of ours is used). */
function readsPerApi() {
  const out = new Map();
  for (const m of METHODS) {
    if (m.compat || m.mutating) continue;
    if (!out.has(m.api)) out.set(m.api, []);
    out.get(m.api).push(m);
  }
  return out;
}

function call(client, m, params) {
  let fn = client;
  for (const part of m.paths[0].split('.')) fn = fn[part];
  return fn(params);
}

for (const site of ['public', 'gov', 'fin']) {
  test(`site '${site}': every API goes to its host on the site, and the regions listed are the site's`, async (t) => {
    const emu = await ncloud.startEmulator({ port: 0, site });
    t.after(() => emu.close());
    assert.equal(emu.site, site);
    const client = ncloud.createClient({ emulator: emu, site });
    t.after(() => client.close());
    assert.equal(client.site, site);
    assert.equal(client.region, VPC_REGIONS[site][0], "the site's first region is the default");
    // Values for the parameters a read may require (a Classic server of the emulator's default state).
    const { serverInstanceList } = await client.compute.classic.getServerInstanceList();
    emu.takeRequests();
    const values = { ip: '125.209.222.142', instanceNo: serverInstanceList[0].serverInstanceNo };
    const paramsOf = (m) => Object.fromEntries(m.params.filter((p) => p in values).map((p) => [p, values[p]]));
    const apis = readsPerApi();
    assert.deepEqual(new Set(apis.keys()), new Set(METHODS.map((m) => m.api)), 'every API of the model is called');
    for (const [api, reads] of apis) {
      let sent = null;
      for (const m of reads) {
        // A read whose required parameters we do not give is refused before sending: try the next.
        const err = await call(client, m, paramsOf(m)).then(() => null, (e) => e);
        if (err && err.code === 'ERR_VALIDATION') continue;
        [sent] = emu.takeRequests();
        assert.equal(err, null, `${m.action}: ${err && err.message}`);
        break;
      }
      assert.ok(sent, `no read of ${api} could be sent`);
      const want = api === 'geolocation' ? HOSTS[site].geolocation : HOSTS[site].gateway;
      assert.equal(sent.host.replace(/:\d+$/, ''), want, `${api} (${sent.action}) on ${site}`);
      assert.equal(sent.status, 200, `${api}: ${sent.reason}`);
    }
    const vpc = await client.compute.getRegionList();
    assert.deepEqual(vpc.regionList.map((r) => r.regionCode), VPC_REGIONS[site]);
    const classic = await client.compute.classic.getRegionList();
    assert.equal(classic.regionList[0].regionCode, VPC_REGIONS[site][0]);
    // A VPC call sends the site's region by default: the emulator takes it, and refuses another site's.
    const zones = await client.compute.getZoneList();
    assert.ok(zones.zoneList.length > 0 && zones.zoneList.every((z) => z.regionCode === VPC_REGIONS[site][0]));
    const other = site === 'fin' ? 'KR' : 'FKR';
    const err = await client.compute.getZoneList({ regionCode: other }).catch((e) => e);
    assert.equal(err.code, 'ERR_API');
    assert.ok(err.docsUrl.startsWith(DOCS[site]), `the error links the site's reference: ${err.docsUrl}`);
  });
}

test('the same client code, with NCLOUD_SITE and NCLOUD_EMULATOR=1, talks to its own emulator playing the site', async () => {
  const saved = { ...process.env };
  try {
    process.env.NCLOUD_SITE = 'fin';
    process.env.NCLOUD_EMULATOR = '1';
    const client = ncloud.createClient();
    assert.equal(client.site, 'fin');
    assert.equal(client.region, 'FKR');
    const { regionList } = await client.compute.getRegionList();
    assert.deepEqual(regionList.map((r) => r.regionCode), ['FKR']);
    const emu = await client.emulator();
    assert.equal(emu.site, 'fin');
    assert.equal(emu.requests()[0].host.replace(/:\d+$/, ''), 'fin-ncloud.apigw.fin-ntruss.com');
    await client.close();
  } finally {
    process.env = saved;
  }
});

test('an emulator refuses a host of another site, or an API on a host that does not serve it', async (t) => {
  const emu = await ncloud.startEmulator({ port: 0, site: 'public' });
  t.after(() => emu.close());
  const port = new URL(emu.endpoint).port;
  const get = (host, p) =>
    new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, path: p, method: 'GET', headers: { host: `${host}:${port}` } }, (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode, body }));
      });
      req.on('error', reject);
      req.end();
    });
  const gov = await get('ncloud.apigw.gov-ntruss.com', '/vserver/v2/getRegionList');
  assert.equal(gov.status, 404);
  assert.match(gov.body, /ncloud\.apigw\.gov-ntruss\.com does not serve \/vserver\/v2 on NCP's public site/);
  const geo = await get('ncloud.apigw.ntruss.com', '/geolocation/v2/geoLocation?ip=1.1.1.1');
  assert.equal(geo.status, 404);
  assert.match(geo.body, /served on geolocation\.apigw\.ntruss\.com/);
  // A client of another site than the emulator's is refused when it is made, not by a 404 later.
  assert.throws(() => ncloud.createClient({ emulator: emu, site: 'gov' }), { code: 'ERR_VALIDATION', message: /plays the 'public' site, not 'gov'/ });
});

test('site, NCLOUD_SITE and the profile key: checked, with a did-you-mean; an endpoint still wins', async () => {
  const saved = { ...process.env };
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ncloud-site-'));
  try {
    for (const k of ['NCLOUD_ACCESS_KEY_ID', 'NCLOUD_SECRET_ACCESS_KEY', 'NCLOUD_ACCESS_KEY', 'NCLOUD_SECRET_KEY', 'NCLOUD_API_GW', 'NCLOUD_SITE', 'NCLOUD_PROFILE', 'NCLOUD_REGION', 'NCLOUD_EMULATOR']) delete process.env[k];
    process.env.HOME = home;
    const keys = { accessKey: 'ak', secretKey: 'sk' };
    assert.throws(() => ncloud.createClient({ ...keys, site: 'government' }), { code: 'ERR_VALIDATION', message: /'site' must be one of 'public', 'gov', 'fin'.*did you mean 'gov'/ });
    process.env.NCLOUD_SITE = 'financial';
    assert.throws(() => ncloud.createClient(keys), { code: 'ERR_VALIDATION', message: /^NCLOUD_SITE must be one of .*did you mean 'fin'/ });
    process.env.NCLOUD_SITE = 'gov';
    const gov = ncloud.createClient(keys);
    assert.deepEqual([gov.site, gov.endpoint, gov.region], ['gov', 'https://ncloud.apigw.gov-ntruss.com', 'KR']);
    delete process.env.NCLOUD_SITE;
    // The profile's ncloud_site, with the profile's keys.
    fs.mkdirSync(path.join(home, '.ncloud'));
    fs.writeFileSync(path.join(home, '.ncloud', 'configure'), '[DEFAULT]\nncloud_access_key_id = a\nncloud_secret_access_key = b\nncloud_site = fin\n');
    const fin = ncloud.createClient();
    assert.deepEqual([fin.site, fin.endpoint, fin.region], ['fin', 'https://fin-ncloud.apigw.fin-ntruss.com', 'FKR']);
    // NCP's gateway given as the endpoint names its site; another endpoint serves every API.
    const gw = ncloud.createClient({ ...keys, endpoint: 'https://ncloud.apigw.gov-ntruss.com' });
    assert.equal(gw.site, 'gov');
    const proxy = ncloud.createClient({ ...keys, site: 'fin', endpoint: 'https://gateway.example.com' });
    assert.deepEqual([proxy.site, proxy.endpoint, proxy.region], ['fin', 'https://gateway.example.com', 'FKR']);
    assert.throws(() => ncloud.createClient({ ...keys, site: 'fin', endpoint: 'https://ncloud.apigw.gov-ntruss.com' }), { code: 'ERR_VALIDATION', message: /government site, but site is 'fin'/ });
  } finally {
    process.env = saved;
    fs.rmSync(home, { recursive: true, force: true });
  }
});

test('without an emulator: a site client tunnels to each API host of its site (seen by a `proxy`), and proxy: false ignores HTTPS_PROXY', async (t) => {
  // A proxy that records the tunnels it is asked for and refuses them: nothing leaves the machine.
  const seen = [];
  const proxy = http.createServer((req, res) => res.writeHead(502).end());
  proxy.on('connect', (req, sock) => {
    seen.push(req.url);
    sock.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  await new Promise((r) => proxy.listen(0, '127.0.0.1', r));
  t.after(() => proxy.close());
  const url = `http://127.0.0.1:${proxy.address().port}`;
  for (const site of ['public', 'gov', 'fin']) {
    seen.length = 0;
    const c = ncloud.createClient({ accessKey: 'ak', secretKey: 'sk', site, proxy: url, maxRetries: 0 });
    const e1 = await c.compute.getRegionList().catch((e) => e);
    const e2 = await c.geolocation.geoLocation({ ip: '125.209.222.142' }).catch((e) => e);
    assert.match(e1.message, /through the proxy 127\.0\.0\.1:\d+ \(proxy\)/);
    assert.equal(e2.code, 'ERR_NETWORK');
    assert.deepEqual(seen, [`${HOSTS[site].gateway}:443`, `${HOSTS[site].geolocation}:443`], site);
  }
  // proxy: false: HTTPS_PROXY is not used (the reserved name then fails on its own, unproxied).
  seen.length = 0;
  const saved = process.env.HTTPS_PROXY;
  process.env.HTTPS_PROXY = url;
  try {
    const off = ncloud.createClient({ accessKey: 'ak', secretKey: 'sk', endpoint: 'https://api.gw.invalid', proxy: false, maxRetries: 0 });
    const err = await off.compute.getRegionList().catch((e) => e);
    assert.equal(err.code, 'ERR_NETWORK');
    assert.doesNotMatch(err.message, /proxy/);
    assert.deepEqual(seen, []);
  } finally {
    if (saved === undefined) delete process.env.HTTPS_PROXY;
    else process.env.HTTPS_PROXY = saved;
  }
  assert.throws(() => ncloud.createClient({ accessKey: 'ak', secretKey: 'sk', proxy: 'socks5://p:1' }), { code: 'ERR_VALIDATION', message: /'proxy' must be a proxy URL/ });
});
