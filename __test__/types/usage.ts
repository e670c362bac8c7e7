// Type-level checks of index.d.ts and generated/api.d.ts: `npx tsc -p __test__/types` must report no
// error. Never run; every `@ts-expect-error` line must really be an error.

import * as ncloud from '../../index';
import {
  AbortError,
  Client,
  createClient,
  Emulator,
  type EmulatorSnapshot,
  Ncloud,
  NcloudError,
  startEmulator,
  type CompatClassicServerInstance,
  type EmulatorStats,
  type CreateServerImageResponse,
  type GetServerImageListParams,
  type PrivateImage,
  type ServerImage,
} from '../../index';

async function promises(client: Client): Promise<void> {
  const { compute } = client;

  // VPC, promise style.
  const created: CreateServerImageResponse = await compute.createServerImage({
    serverInstanceNo: 1234,
    serverImageName: 'my-image',
    blockStorageList: [{ order: 0, snapshotInstanceNo: '77' }, { order: 1, blockStorageVolumeTypeCode: 'CB1' }],
  });
  const image: ServerImage | undefined = created.serverImageList[0];
  const total: number = created.totalRows;
  const size: number | undefined = image?.blockStorageMappingList[0]?.blockStorageSize;
  const code: string | undefined = image?.serverImageStatus?.code;
  console.log(total, size, code, created.returnCode, created.requestId);

  const list = await compute.getServerImageList({ sortingOrder: 'DESC', serverImageTypeCodeList: ['SELF'] });
  list.serverImageList.forEach((i) => i.sharedLoginIdList.join(','));
  await compute.getServerImageList();
  const params: GetServerImageListParams = { pageNo: 1, pageSize: 10 };
  await compute.vpc.getServerImageList(params);
  const regions = await compute.getRegionList();
  console.log(regions.regionList.map((r) => r.regionCode));
  await compute.deleteServerImage({ serverImageNoList: [created.serverImageList[0]?.serverImageNo ?? '1', 2] });

  // Classic, promise style.
  const classic = await compute.classic.getMemberServerImageList({ sortingOrder: 'ascending', pageNo: 1 });
  const regionNo: string | undefined = classic.memberServerImageList[0]?.region?.regionNo;
  console.log(regionNo);
  const zones = await compute.classic.getZoneList({ regionNo: 1 });
  // Classic getZoneList has no totalRows.
  // @ts-expect-error
  console.log(zones.totalRows);

  // Compat methods (the old client's).
  compute.regionNo = 1;
  const images: PrivateImage[] = await compute.findPrivateImages();
  const no: number | undefined = images[0]?.privateImageNo;
  const zoneNo: number | undefined = images[0]?.zone?.zoneNo;
  console.log(no, zoneNo, images[0]?.originalServerImageName, images[0]?.originalVmImageName);
  const made: PrivateImage = await compute.createPrivateImage({ serverInstanceNo: 492964, privateImageName: 'img' });
  await compute.destroyPrivateImage({ privateImageNo: made.privateImageNo ?? 0 });
  await compute.destroyPrivateImages({ privateImageNoList: [1, '2'] });
  const servers: CompatClassicServerInstance[] = await compute.findServers({ serverInstanceNoList: [492964] });
  const serverNo: number | undefined = servers[0]?.serverInstanceNo;
  const serverZoneNo: number | undefined = servers[0]?.zone?.zoneNo;
  console.log(serverNo, serverZoneNo);
  const publicImages = await compute.findPublicImages({ platformTypeCodeList: ['LNX64'] });
  console.log(publicImages.map((p) => p.vmImageId));
  const compatZones = await compute.findZones();
  const compatRegions = await compute.findRegions();
  const n: number | undefined = compatZones[0]?.regionNo ?? compatRegions[0]?.regionNo;
  console.log(n);

  // Wait helpers.
  const ac = new AbortController();
  const ready = await compute.waitForServerImage('1234', {
    minDelayMs: 500,
    maxDelayMs: 10_000,
    timeoutMs: 60_000,
    signal: ac.signal,
    onPoll: ({ attempt, elapsedMs, status, operation, item }) =>
      console.log(attempt, elapsedMs, status, operation, item?.serverImageStatus?.code),
  });
  console.log(ready.serverImageName);
  const member = await compute.waitForMemberServerImageInstance('99', { regionCode: 'KR', intervalMs: 500 });
  console.log(member.memberServerImageInstanceStatusName);
  const gone: null = await compute.waitForServerImageDeleted('1234', { timeoutMs: 600_000 });
  const memberGone: null = await compute.waitForMemberServerImageInstanceDeleted(7);
  console.log(gone, memberGone);

  // Cancellation: options are the second argument.
  const regionsAgain = await compute.getRegionList(undefined, { signal: ac.signal });
  console.log(regionsAgain.regionList.length);
  await compute.getServerImageDetail({ serverImageNo: '1' }, { signal: AbortSignal.timeout(5000) });
  compute.getServerImageList({}, { signal: ac.signal }, (err, result) => console.log(err?.code, result?.totalRows));
  try {
    await compute.classic.getZoneList({ regionNo: '1' }, { signal: ac.signal });
  } catch (err) {
    if (err instanceof AbortError) console.log(err.name, err.code, err.cause);
  }

  // Paginators.
  for await (const image of compute.paginateGetServerImageList({ serverImageTypeCodeList: ['SELF'] }, { pageSize: 50 })) {
    const no: string | undefined = image.serverImageNo;
    console.log(no);
  }
  for await (const m of compute.vpc.paginateGetMemberServerImageInstanceList()) console.log(m.memberServerImageName);
  for await (const i of compute.classic.paginateGetMemberServerImageList({}, { signal: ac.signal })) console.log(i.memberServerImageName);
  const stats: EmulatorStats = (await ncloud.startEmulator()).configure({ chaos: { errorRate: 0.1 } }).stats();
  console.log(stats.abandoned, stats.chaosResets);
}

function callbacks(client: Client): void {
  const { compute } = client;
  compute.getServerImageDetail({ serverImageNo: '1' }, (err, result) => {
    if (err) {
      console.log(err.code, err.retryable);
      return;
    }
    console.log(result?.serverImageList[0]?.serverImageName);
  });
  compute.getServerImageList((err, result) => console.log(err?.message, result?.totalRows));
  compute.getZoneList(undefined, (err, result) => console.log(err, result?.zoneList.length));
  compute.classic.getRegionList((err, result) => console.log(err, result?.regionList[0]?.regionNo));
  compute.classic.createMemberServerImage({ serverInstanceNo: '1' }, (err, result) =>
    console.log(err, result?.memberServerImageList.length),
  );
  compute.findPrivateImages((err, images) => {
    if (err) throw err;
    images?.forEach((i) => console.log(i.privateImageName));
  });
  compute.createPrivateImage({ serverInstanceNo: 1, privateImageDesc: 'old spelling' }, (err, image) => {
    console.log(err?.returnCode, image?.originalVmImageName);
  });
  compute.findServers({}, (err, servers) => console.log(err, servers?.length));
  // The callback style returns nothing.
  const nothing: void = compute.findRegions((err, regions) => console.log(err, regions));
  console.log(nothing);
}

async function emulator(): Promise<void> {
  const emu: Emulator = await startEmulator({ port: 0, createDelayMs: 0, fixture: { settings: { clock: null } } });
  const client = createClient({ endpoint: emu.endpoint, accessKey: emu.accessKey, secretKey: emu.secretKey });
  emu
    .configure({ createDelayMs: 10, failureRate: 0.5 })
    .injectFault({ action: 'createServerImage', status: 503, returnCode: '1300', count: 2 })
    .injectFault({ body: '<html></html>', contentType: 'text/html', delayMs: 10 })
    .load({ base: 'empty', vpc: { servers: [{ serverInstanceNo: '1', serverName: 'a' }] } })
    .load();
  const count: number = emu.requestCount();
  for (const r of emu.requests()) console.log(r.method, r.path, r.action, r.status, r.format, r.signatureHeader, r.time, r.durationMs, r.signature);
  const world: EmulatorSnapshot = emu.snapshot();
  const pending: number = world.snapshot.entries.filter((e) => (e.steps ?? []).length > 0).length;
  emu.load(world);
  const page: string | null = emu.consoleUrl;
  console.log(pending, page, (await startEmulator({ console: false })).consoleUrl);
  emu.clearRequests();
  console.log(count, emu.closed, emu.toJSON().endpoint);
  await emu.close();

  const own = createClient({ emulator: true, emulatorOptions: { failureRate: 0 }, responseFormat: 'xml' });
  const ownEmu: Emulator | null = await own.emulator();
  const endpoint: string | null = own.endpoint;
  console.log(ownEmu?.endpoint, endpoint, own.usingEmulator, own.region);
  await own.close();
  await client.close();
}

async function errors(client: Client): Promise<void> {
  try {
    await client.compute.createServerImage({ serverInstanceNo: '1', serverImageName: 'x' });
  } catch (err) {
    if (err instanceof NcloudError) {
      const code: ncloud.NcloudErrorCode = err.code;
      const returnCode: string | undefined = err.returnCode;
      if (err.code === 'ERR_API') console.log(returnCode, err.returnMessage, err.httpStatus, err.action);
      if (err.code === 'ERR_TIMEOUT' || err.retryable) console.log(code, err.attempts, err.requestId);
      // @ts-expect-error: not an error code
      if (err.code === 'ERR_NOPE') console.log('never');
    }
  }
  const v: NcloudError = NcloudError.validation('bad');
  console.log(v.name, NcloudError.from('{"code":"ERR_API","message":"x"}').code);
}

function rejected(client: Client): void {
  const { compute } = client;
  // @ts-expect-error: options are CallOptions ({ signal, timeout ... })
  void compute.getRegionList(undefined, { timeOut: 5 });
  // @ts-expect-error: paginators set pageNo themselves
  void compute.paginateGetServerImageList({ pageNo: 2 });
  // @ts-expect-error: onPoll gets a WaitPoll, not the item
  void compute.waitForServerImage('1', { onPoll: (item: ServerImage) => item });
  // @ts-expect-error: serverInstanceNo is required
  void compute.createServerImage({ serverImageName: 'my-image' });
  // @ts-expect-error: serverInstanceNo is required (Classic)
  void compute.classic.createMemberServerImage({ memberServerImageName: 'img' });
  // @ts-expect-error: responseFormat is 'json' or 'xml'
  createClient({ responseFormat: 'yaml' });
  // @ts-expect-error: signParameters is a boolean
  createClient({ signParameters: 'yes' });
  // @ts-expect-error: unknown sortingOrder value
  void compute.getServerImageList({ sortingOrder: 'UP' });
  // @ts-expect-error: unknown sortingOrder value (Classic)
  void compute.classic.getMemberServerImageList({ sortingOrder: 'sideways' });
  // @ts-expect-error: unknown parameter
  void compute.getServerImageDetail({ serverImageNo: '1', serverImageNum: '1' });
  // Open code sets (NCP adds values) are plain strings: no error.
  void compute.getServerImageList({ hypervisorTypeCodeList: ['VMWARE'] });
  // @ts-expect-error: Int parameter
  void compute.getServerImageList({ pageNo: 'one' });
  // @ts-expect-error: the Classic action is not on compute itself
  void compute.getMemberServerImageList();
  // @ts-expect-error: getRegionList takes no parameter
  void compute.getRegionList({ regionCode: 'KR' });
  // @ts-expect-error: a base storage entry needs its order
  void compute.createServerImageFromSnapshot({ serverImageName: 'a-b', blockStorageList: [{ snapshotInstanceNo: 1 }] });
  // @ts-expect-error: compat results have numeric ids
  const s: string | undefined = (null as unknown as PrivateImage).privateImageNo;
  console.log(s);
  // @ts-expect-error: unknown fault action
  void startEmulator().then((e) => e.injectFault({ action: 'getSomething' }));
  // @ts-expect-error: Emulator is made by startEmulator()
  void new Emulator();
}

const viaStatic: Client = Ncloud.createClient({ oauth_consumer_key: 'k', oauth_consumer_secret: 's', region: 'KR' });
const viaDefault: Client = ncloud.default.createClient({ accessKey: 'k', secretKey: 's', timeout: 1000, maxRetries: 0 });
const bounded: Client = createClient({
  accessKey: 'k',
  secretKey: 's',
  maxSockets: 8,
  maxFreeSockets: 2,
  keepAliveTimeout: 1000,
  maxBufferedBytes: 128 * 1024 * 1024,
  signParameters: true,
  ca: ['-----BEGIN CERTIFICATE-----'],
});
const closedCode: ncloud.NcloudErrorCode = 'ERR_CLIENT_CLOSED';
void bounded.close().then(() => closedCode);
// createLoginKey's key file not written: the key is on the error.
bounded.compute.createLoginKey({ loginKeyName: 'k-1', outputPath: '/tmp' }, (err, key) => {
  if (err && err.code === 'ERR_OUTPUT_FILE') console.log(err.path, (err.result as ncloud.V0LoginKey).privateKey.length);
  else if (!err) console.log(key.loginKeyName);
});
const version: string = ncloud.version;
console.log(version);
void promises(viaStatic);
callbacks(viaStatic);
void emulator();
void errors(viaDefault);
rejected(viaDefault);

type IsNever<T> = [T] extends [never] ? true : false;

// The old 1.x surface.
async function v1Surface(): Promise<void> {
  const c = ncloud.createClient({ accessKey: 'a', secretKey: 'b' });
  const zones = await c.setConfig({ regionNo: '1' }).IaaS.server().getZoneList();
  const zoneNo: string | undefined = zones.zoneList[0].zoneNo;
  const snaps = await c.IaaS.server().getBlockStorageSnapshotInstanceList();
  const size: number | undefined = snaps.blockStorageSnapshotInstanceList[0].blockStorageSnapshotVolumeSize;
  try {
    await c.IaaS.loadBalancer().getLoadBalancerInstanceList();
  } catch (err) {
    if (err instanceof ncloud.NcloudError && err.code === 'ERR_UNSUPPORTED') console.log(err.response?.data, zoneNo, size);
  }
}
void v1Surface;

// The 1.x methods are the Classic actions: typed parameters and answers.
async function v1Typed(c: Client): Promise<void> {
  const server = c.IaaS.server();
  const images = await server.getMemberServerImageList({ sortingOrder: 'ascending', pageNo: 1 });
  const status: ncloud.ImageStatusCode | (string & {}) | undefined = images.memberServerImageList[0]?.memberServerImageStatus.code;
  const made = await server.createMemberServerImage({ serverInstanceNo: '492964', memberServerImageName: 'hello' });
  console.log(status, made.totalRows, made.returnCode);
  // @ts-expect-error: serverInstanceNo is required
  await server.createMemberServerImage({ memberServerImageName: 'hello' });
  // @ts-expect-error: unknown sortingOrder value
  await server.getMemberServerImageList({ sortingOrder: 'sideways' });
  const keys = await server.getLoginKeyList();
  const place = await c.PaaS.geoLocation().geoLocation({ ip: '143.248.142.77' });
  const code: number = place.returnCode;
  const lbs = await c.IaaS.loadBalancer().getLoadBalancerInstanceList({ pageNo: 1 });
  console.log(keys.loginKeyList.length, code, lbs.loadBalancerInstanceList.length);
  // 1.1.4's containerRegistry() could call nothing: its method resolves to nothing.
  const never: IsNever<Awaited<ReturnType<ReturnType<typeof c.PaaS.containerRegistry>['getImageList']>>> = true;
  console.log(never);
}
void v1Typed;

// The old 0.1.x surface: every method of 0.1.39, its helpers typed.
async function v0Surface(c: Client): Promise<void> {
  const { compute } = c;
  const images = await compute.findPublicImages();
  const vmImageId: string | undefined = images.filter({ vmImageName: 'centos-7.3-64' })[0]?.vmImageId;
  const flavors = await compute.findFlavors({ vmImageId: vmImageId ?? '' });
  const vmFlavorId = flavors.filter({ vCpu: 2, memory: '4GB', storage: '50GB', storageType: 'SSD' })[0]?.vmFlavorId;
  const key = await compute.createLoginKey({ loginKeyName: 'my-key', outputPath: '.' });
  const server = await compute.createServer({ vmImageId, vmFlavorId, serverName: 'server1', loginKeyName: key.loginKeyName });
  if (server) {
    server.setWait({ status: server.STATUS.running, verbose: true }, (err, s) => console.log(err, s));
    const pw = await compute.findRootPassword({ serverInstanceNo: server.serverInstanceNo ?? 0, privateKey: key.privateKey });
    console.log(pw.rootPassword);
  }
  const ips = await compute.findPublicIpInstances();
  console.log(ips.filter({ publicInstanceStatus: 'created' }).length);
  const rules = await compute.destroyPortForwardingRule({ serverInstanceNo: 1, externalPort: 52273, internalPort: 22 });
  rules.setWait((err, left) => console.log(err, left?.portForwardingRuleList.length));
  const stats = await c.management.monitoring.findStatistics({ serverInstanceNo: 1, metricName: 'CPUUtilization', startTime: 'a', endTime: 'b' });
  console.log(stats?.dataPoints.member.length);
  const place = await c.openapi.geolocation.findLocation({ ip: '143.248.142.77', ext: 't' });
  console.log(place?.lat);
  await c.storage.findFiles({ container: 'c' }).catch(() => undefined);
  // @ts-expect-error: findFlavors needs vmImageId
  await compute.findFlavors({});
  // @ts-expect-error: the public IPs' filter takes publicInstanceStatus
  ips.filter({ publicIpInstanceStatusName: 'created' });
  // A method of the retired storage API resolves to nothing.
  const retired: IsNever<Awaited<ReturnType<typeof c.storage.findFiles>>> = true;
  console.log(retired);
}
void v0Surface;

// The surfaces follow the model's method paths: the waiters are on `compute.vpc` too.
async function surfaces(client: Client): Promise<void> {
  const vpc: ncloud.ComputeVpcMethods = client.compute.vpc;
  const image: ServerImage = await vpc.waitForServerImage(1);
  const all: ncloud.ClientSurfaces = client;
  // The names of earlier releases still work.
  const earlier: ncloud.VpcMethods & ncloud.VpcPaginators = client.compute.vpc;
  const classic: ncloud.ClassicMethods & ncloud.ClassicPaginators = client.compute.classic;
  const compat: ncloud.CompatMethods & ncloud.WaiterMethods = client.compute;
  console.log(image.serverImageNo, all.compute.vpc === vpc, earlier, classic, compat);
}
void surfaces;

// Under `exactOptionalPropertyTypes` (this project's setting), optional parameters take `undefined`, so
// that values such as `process.env.X` can be passed as they are.
async function exactOptional(client: Client): Promise<void> {
  const { compute } = client;
  await compute.getServerImageList({ serverImageName: process.env['IMAGE_NAME'], sortedBy: undefined });
  await compute.classic.getZoneList({ regionNo: process.env['REGION_NO'] });
  await compute.findPrivateImages({ privateImageNoList: undefined }, { signal: undefined });
  for await (const i of compute.paginateGetServerInstanceList({ serverName: process.env['NAME'] }, { pageSize: undefined })) {
    console.log(i.serverInstanceNo);
  }
  await compute.waitForServerImageDeleted('1', { timeoutMs: undefined, onPoll: undefined, regionCode: process.env['REGION'] });
  // @ts-expect-error: a required parameter does not take undefined
  await compute.getServerImageDetail({ serverImageNo: undefined });
}
void exactOptional;

// Issue 25: a site, a logger, hooks, credentials from a provider, and per-call limits, all typed.
async function plugins(): Promise<void> {
  const logger: ncloud.Logger = console;
  const spans: Array<[string, number]> = [];
  const client = ncloud.createClient({
    site: 'gov',
    logger,
    hooks: { onAttempt: (a) => spans.push([a.action, a.startTime + a.durationMs]), onResponse: (r) => void r.attempts },
    credentials: async () => ({ accessKeyId: 'a', secretAccessKey: 'b', expiration: new Date() }),
    maxAttempts: 3,
    proxy: false,
  });
  const site: ncloud.Site = client.site;
  await client.compute.getServerImageList({}, { timeout: 60000, attemptTimeout: 5000, maxRetries: 0 });
  await client.compute.waitForServerImage('1', { timeoutMs: 600000, timeout: 5000 });
  const err = await client.compute.getRegionList().catch((e: ncloud.NcloudError) => e);
  if (err instanceof ncloud.NcloudError) console.log(err.docsUrl);
  // @ts-expect-error: not a site
  ncloud.createClient({ site: 'government' });
  // @ts-expect-error: a per-call option that does not exist
  await client.compute.getRegionList({}, { retries: 0 });
  const emu = await ncloud.startEmulator({ site: 'fin', keys: [{ accessKey: 'k', secretKey: 's' }] });
  emu.setKeys([]);
  console.log(site, emu.site, emu.requests()[0]?.host);
}
void plugins;
