'use strict';
/**
 * The old client's second generation (npm `ncloud` 1.x, 2018-2020, last 1.1.4, on the API gateway):
 *
 *   const client = ncloud.createClient({ accessKey, secretKey });
 *   client.setConfig({ regionNo: '1' });
 *   const { zoneList } = await client.IaaS.server().getZoneList();
 *
 * As 1.x did (mosfet1kg/ncloud src/index.ts, src/helpers/MyStore.ts, src/helpers/generateMethods.ts):
 * - `setConfig(values)` merges `values` into the client's store and returns the client; every value but
 *   the keys (`regionNo`, ...) is put under each call's own parameters (`{ ...store.getValues(), ...input }`);
 * - a method resolves to the API's response object as the JSON gateway sends it without its
 *   `{action}Response` wrapper (`get(response.data, responseName)`): `requestId`, `returnCode`,
 *   `returnMessage`, `totalRows`, the list, ids as strings;
 * - keys an action does not declare are not refused (1.x only warned with SHOW_WARNING=true and NCP
 *   ignores them); here they are left out of the request, which NCP answers the same way.
 * Server-image actions and the look-ups they need are served; every other 1.x method rejects with
 * `ERR_UNSUPPORTED` naming it.
 */
const { METHODS } = require('./table');
const { NcloudError } = require('./error');

// The 1.x `apis.IaaS.Server` actions (description.yaml at 1.1.4) this package serves, as Classic actions.
const SERVER_SUPPORTED = [
  'getServerImageProductList',
  'getZoneList',
  'getRegionList',
  'getServerInstanceList',
  'getMemberServerImageList',
  'createMemberServerImage',
  'deleteMemberServerImages',
  'getBlockStorageSnapshotInstanceList',
];

// The other 1.x methods: names kept so that calling one says clearly it is not served.
const SERVER_UNSUPPORTED = [
  'getServerProductList', 'getRaidList',
  'createNasVolumeInstance', 'deleteNasVolumeInstance', 'getNasVolumeInstanceList', 'changeNasVolumeSize',
  'getNasVolumeInstanceRatingList', 'getNasVolumeInstanceRatingListProto', 'setNasVolumeAccessControl',
  'addNasVolumeAccessControl', 'removeNasVolumeAccessControl',
  'getLoginKeyList', 'createLoginKey', 'deleteLoginKey', 'importLoginKey',
  'getAccessControlGroupList', 'getAccessControlGroupServerInstanceList', 'getAccessControlRuleList',
  'createServerInstances', 'createServerInstancesProto', 'terminateServerInstances', 'changeServerInstanceSpec',
  'rebootServerInstances', 'startServerInstances', 'stopServerInstances', 'getRootPassword',
  'getBlockStorageInstanceList', 'createBlockStorageInstance', 'deleteBlockStorageInstances', 'changeBlockStorageVolumeSize',
  'createBlockStorageSnapshotInstance', 'deleteBlockStorageSnapshotInstances', 'attachBlockStorageInstance',
  'detachBlockStorageInstances',
  'getPublicIpInstanceList', 'getPublicIpTargetServerInstanceList', 'createPublicIpInstance',
  'associatePublicIpWithServerInstance', 'disassociatePublicIpFromServerInstance', 'deletePublicIpInstances',
  'getPortForwardingRuleList', 'addPortForwardingRules', 'deletePortForwardingRules',
];
const LOAD_BALANCER_UNSUPPORTED = [
  'getLoadBalancerInstanceList', 'getLoadBalancerTargetServerInstanceList', 'createLoadBalancerInstance',
  'changeLoadBalancerInstanceConfiguration', 'getLoadBalancedServerInstanceList', 'changeLoadBalancedServerInstances',
  'deleteLoadBalancerInstances', 'getLoadBalancerSslCertificateList', 'addLoadBalancerSslCertificate',
];
const GEOLOCATION_UNSUPPORTED = ['geoLocation'];
const CONTAINER_REGISTRY_UNSUPPORTED = ['getImageList'];

/** The Classic `server` API's methods by action, and the parameters each declares (lib/table.js). */
const SERVER_METHODS = new Map(
  METHODS.filter((m) => m.api === 'server' && !m.compat).map((m) => [m.action, { method: m, params: new Set(m.params) }]),
);

/**
 * 1.x users read `e.response.data` in their catch blocks (its own tests do). Every error of this surface
 * carries that object, shaped as the API's error body, so such code keeps working instead of throwing a
 * TypeError inside the catch block.
 */
function withResponse(err) {
  if (err instanceof NcloudError && err.response === undefined) {
    const data = err.returnCode !== undefined
      ? { responseError: { returnCode: err.returnCode, returnMessage: err.returnMessage } }
      : { error: { errorCode: err.code, message: err.message } };
    Object.defineProperty(err, 'response', {
      value: { status: err.httpStatus ?? null, data },
      enumerable: false,
      configurable: true,
      writable: true,
    });
  }
  return err;
}

function unsupported(path, name) {
  return () =>
    Promise.reject(
      withResponse(
        new NcloudError({
          code: 'ERR_UNSUPPORTED',
          action: name,
          message: `${path}.${name}() of the old ncloud 1.x client is not supported by this package (it serves server images: ${SERVER_SUPPORTED.join(', ')})`,
        }),
      ),
    );
}

/** The store of a client: what `setConfig` was given (keys kept apart, never shown). */
const stores = new WeakMap();

function store(client) {
  let s = stores.get(client);
  if (!s) {
    s = { values: {} };
    stores.set(client, s);
  }
  return s;
}

/** `client.setConfig(values)`: merges into the store; new keys replace the client's credentials. */
function setConfig(client, values = {}) {
  if (values === null || typeof values !== 'object') {
    throw NcloudError.validation('setConfig expects an object');
  }
  const { accessKey, secretKey, ...rest } = values;
  const s = store(client);
  s.values = { ...s.values, ...rest };
  if (accessKey !== undefined || secretKey !== undefined) client._setKeys(accessKey, secretKey);
  return client;
}

function serverMethods(client) {
  const out = {};
  for (const action of SERVER_SUPPORTED) {
    out[action] = (input = {}) => {
      const entry = SERVER_METHODS.get(action);
      if (!entry) return Promise.reject(withResponse(NcloudError.validation(`unknown method '${action}'`)));
      const { method, params: declared } = entry;
      // As 1.x: the store's values first, so that the call's own parameters win.
      const merged = { ...store(client).values, ...(input ?? {}) };
      const params = {};
      for (const [k, v] of Object.entries(merged)) {
        if (declared.has(k) && v !== undefined) params[k] = v;
      }
      return client._call(method, params).catch((err) => {
        throw withResponse(err);
      });
    };
  }
  for (const name of SERVER_UNSUPPORTED) out[name] = unsupported('IaaS.server()', name);
  return out;
}

function fill(names, path) {
  const out = {};
  for (const name of names) out[name] = unsupported(path, name);
  return out;
}

/** `client.IaaS`: `server()` and `loadBalancer()`, as 1.x. */
function iaas(client) {
  return {
    server: () => serverMethods(client),
    loadBalancer: () => fill(LOAD_BALANCER_UNSUPPORTED, 'IaaS.loadBalancer()'),
  };
}

/** `client.PaaS`: `geoLocation()` and `containerRegistry()`, as 1.x; none is served. */
function paas() {
  return {
    geoLocation: () => fill(GEOLOCATION_UNSUPPORTED, 'PaaS.geoLocation()'),
    containerRegistry: () => fill(CONTAINER_REGISTRY_UNSUPPORTED, 'PaaS.containerRegistry()'),
  };
}

// The first generation's `client.compute` methods (0.1.x, src/ncloud/compute/index.ts over its history)
// that this package does not serve: they answer ERR_UNSUPPORTED through the callback (or the promise)
// instead of `TypeError: client.compute.findFlavors is not a function`.
const V0_UNSUPPORTED = [
  'findFlavors', 'findLoginKeys', 'createLoginKey', 'findAccessControlGroup', 'findAccessControlGroups',
  'findAccessControlRules', 'findSecurityGroups', 'findServer', 'createServer', 'rebuildServer', 'rebootServer',
  'destroyServer', 'stopServer', 'startServer', 'findRootPassword', 'findPublicIpInstances',
  'createPublicIpInstance', 'destroyPublicIpInstance', 'attachPublicIpInstance', 'detachPublicIpInstance',
  'findPortForwardingRules', 'createPortForwardingRule', 'destroyPortForwardingRule',
];

/** A 0.1.x method outside this package's scope: error-first callback as last argument, or a promise. */
function unsupportedV0(name) {
  return (...args) => {
    const err = new NcloudError({
      code: 'ERR_UNSUPPORTED',
      action: name,
      message: `compute.${name}() of the old ncloud 0.1.x client is not supported by this package (it serves server images: findPrivateImages, createPrivateImage, destroyPrivateImage(s), and the look-ups findServers, findPublicImages, findZones, findRegions)`,
    });
    const cb = typeof args[args.length - 1] === 'function' ? args[args.length - 1] : null;
    if (!cb) return Promise.reject(err);
    process.nextTick(cb, err, null);
    return undefined;
  };
}

module.exports = {
  setConfig,
  iaas,
  paas,
  unsupportedV0,
  SERVER_SUPPORTED,
  SERVER_UNSUPPORTED,
  LOAD_BALANCER_UNSUPPORTED,
  V0_UNSUPPORTED,
};
