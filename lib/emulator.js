'use strict';
const util = require('node:util');
const native = require('./native');
const { NcloudError, fromNative } = require('./error');
const { checkKeyText } = require('./config');

/**
 * A running embedded NCP emulator: a real HTTP server on `endpoint` that checks request signatures
 * made with `accessKey` / `secretKey` and keeps image state.
 */
class Emulator {
  /**
   * `x instanceof Emulator` holds for an emulator of any copy of this package in the app (the
   * `ncloud` alias beside `ncloud-client`, two versions): a brand under a registered symbol, shared by
   * every copy, so that `createClient(emulator)` takes one started by another copy.
   */
  static [Symbol.hasInstance](value) {
    return value !== null && typeof value === 'object' && value[BRAND] === true;
  }

  #native;
  constructor(nativeEmulator) {
    this.#native = nativeEmulator;
    this.endpoint = nativeEmulator.endpoint;
    this.accessKey = nativeEmulator.accessKey;
    /** The NCP site it plays (`'public'`, `'gov'`, `'fin'`): its regions, and the hosts it answers on. */
    this.site = nativeEmulator.site;
    /** `<endpoint>/__console`: the page that shows the state and the requests; null when turned off. */
    this.consoleUrl = nativeEmulator.consoleUrl ?? null;
    this.closed = false;
  }

  /** The secret key requests must be signed with (a getter, so that inspect and JSON never show it). */
  get secretKey() {
    return this.#native.secretKey;
  }

  /** Stops the server and drops its connections. */
  async close() {
    if (!this.closed) {
      this.closed = true;
      this.#native.close();
    }
  }

  /** Replaces the whole state with a fixture (merged over the default one); no argument: the default. */
  load(fixture) {
    wrap(() => this.#native.load(fixture === undefined ? undefined : JSON.stringify(fixture)));
    return this;
  }

  /**
   * The whole state as a fixture that `load()` restores exactly: records, counters, random generators,
   * settings and pending transitions.
   */
  snapshot() {
    return JSON.parse(wrap(() => this.#native.snapshot()));
  }

  /**
   * Changes settings (`createDelayMs`, `deleteDelayMs`, `failureRate`, `clock`, `chaos: { errorRate,
   * resetRate, seed }`) keeping the images.
   */
  configure(settings) {
    wrap(() => this.#native.setSettings(JSON.stringify(settings)));
    return this;
  }

  /** Answers the next matching request(s) with an error or a raw body (to test error handling). */
  injectFault(fault) {
    if (fault === null || typeof fault !== 'object') throw NcloudError.validation('injectFault takes an object');
    let f = fault;
    if (fault.headers !== undefined) {
      if (fault.headers === null || typeof fault.headers !== 'object') throw NcloudError.validation('injectFault headers must be an object');
      f = { ...fault, headers: Object.entries(fault.headers).map(([k, v]) => [k, String(v)]) };
    }
    wrap(() => this.#native.injectFault(JSON.stringify(f)));
    return this;
  }

  /**
   * The key pairs the gateway accepts besides the emulator's own (`accessKey` / `secretKey`): a list
   * of `{ accessKey, secretKey }`; a pair no longer listed is refused from now on (HTTP 401), as a
   * deleted or rotated key is by NCP.
   */
  setKeys(pairs) {
    const list = checkPairs(pairs, 'setKeys');
    wrap(() => this.#native.setKeys(JSON.stringify(list)));
    return this;
  }

  /** How many HTTP requests reached the emulator (since start or the last `clearRequests()`). */
  requestCount() {
    return this.#native.requestCount();
  }

  /**
   * The requests that reached the emulator: `{ method, path, host, action, status, format,
   * signatureHeader, accessKey, userAgent, reason }` (`accessKey`: the key it was signed with).
   */
  requests() {
    return JSON.parse(this.#native.requestLog());
  }

  /** The requests that reached the emulator since the last `takeRequests()`, forgetting them. */
  takeRequests() {
    return JSON.parse(this.#native.drainLog());
  }

  /**
   * Counters since start or the last `clearRequests()`: `{ requests, abandoned, chaosErrors,
   * chaosResets }`. `abandoned` counts requests whose client closed the connection before the answer
   * was written (a cancelled call); the chaos counters count the faults of `configure({ chaos })`.
   */
  stats() {
    return JSON.parse(this.#native.stats());
  }

  clearRequests() {
    this.#native.clearLog();
    return this;
  }

  toJSON() {
    return { endpoint: this.endpoint, accessKey: this.accessKey };
  }

  [util.inspect.custom]() {
    return `Emulator { endpoint: ${util.inspect(this.endpoint)}, consoleUrl: ${util.inspect(this.consoleUrl)}, site: ${util.inspect(this.site)}, accessKey: ${util.inspect(this.accessKey)}, closed: ${this.closed} }`;
  }
}

const BRAND = Symbol.for('ncloud-client.Emulator');
Object.defineProperty(Emulator.prototype, BRAND, { value: true });

function wrap(fn) {
  try {
    return fn();
  } catch (err) {
    throw fromNative(err);
  }
}

/** Key pairs (`[{ accessKey, secretKey }]`) checked as `createClient` checks keys; none is ever quoted. */
function checkPairs(pairs, where) {
  if (!Array.isArray(pairs)) throw NcloudError.validation(`${where}: key pairs must be an array of { accessKey, secretKey }`);
  return pairs.map((p, i) => {
    if (p === null || typeof p !== 'object' || typeof p.accessKey !== 'string' || typeof p.secretKey !== 'string' || !p.accessKey || !p.secretKey) {
      throw NcloudError.validation(`${where}: keys[${i}] must be { accessKey, secretKey }, two non-empty strings`);
    }
    checkKeyText(p.accessKey, 'access key', `${where} keys[${i}]`);
    checkKeyText(p.secretKey, 'secret key', `${where} keys[${i}]`);
    return { accessKey: p.accessKey, secretKey: p.secretKey };
  });
}

/** Starts an emulator: `startEmulator({ port: 0 })` picks a free port on 127.0.0.1. */
async function startEmulator(options = {}) {
  if (options === null || typeof options !== 'object') {
    throw NcloudError.validation('startEmulator options must be an object');
  }
  // Checked here so that a wrong value (a key!) is never quoted back in an error message.
  if (options.console !== undefined && typeof options.console !== 'boolean') {
    throw NcloudError.validation(`startEmulator: 'console' must be a boolean, got ${typeof options.console}`);
  }
  for (const k of ['accessKey', 'secretKey', 'host']) {
    if (options[k] !== undefined && (typeof options[k] !== 'string' || options[k] === '')) {
      throw NcloudError.validation(`startEmulator: '${k}' must be a non-empty string, got ${typeof options[k]}`);
    }
  }
  // The rule createClient applies to the same keys (lib/config.js): an emulator no client can talk to
  // is refused when it is started, not at the first call.
  checkKeyText(options.accessKey, 'access key', 'startEmulator');
  checkKeyText(options.secretKey, 'secret key', 'startEmulator');
  if (options.keys !== undefined) options = { ...options, keys: checkPairs(options.keys, 'startEmulator') };
  try {
    return new Emulator(await native.startEmulator(JSON.stringify(options)));
  } catch (err) {
    throw fromNative(err);
  }
}

module.exports = { Emulator, startEmulator };
