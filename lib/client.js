'use strict';
const util = require('node:util');
const native = require('./native');
const { NcloudError, fromNative } = require('./error');
const { Emulator, startEmulator } = require('./emulator');
const { resolveConfig, checkKeyText, SITES } = require('./config');
const { run, internal, abortError, abortWins, serializeParams, NO_OPTIONS } = require('./call');
const { makeObserver } = require('./observe');
const { Provider } = require('./credentials');
const { attachSurfaces } = require('./surfaces');
const { waitDelay } = require('./waiters');
const { METHODS, DECLARED } = require('./table');
const v1 = require('./v1');

/**
 * A client: one connection pool and one set of credentials. `client.compute` holds the methods (and
 * any other surface the model declares: `client.loadBalancer` ...; lib/surfaces.js).
 * Credentials come from the options (`accessKey`/`secretKey`, or the old `oauth_consumer_key`/
 * `oauth_consumer_secret`), else from NCLOUD_ACCESS_KEY_ID / NCLOUD_SECRET_ACCESS_KEY (or
 * NCLOUD_ACCESS_KEY / NCLOUD_SECRET_KEY), else from ~/.ncloud/configure; with none, ERR_CREDENTIALS.
 * The embedded emulator is used only when asked for: `emulator: true`, an Emulator passed as the
 * options, or NCLOUD_EMULATOR=1.
 */
class Client {
  #native = null;
  #pending = null;
  #emulator = null;
  #closed = false;
  /** Who sees the attempts' records (lib/observe.js), or null. */
  #observer = null;
  /** The keys' provider (the `credentials` option as a function, lib/credentials.js), or null. */
  #keys = null;

  constructor(options = {}) {
    const cfg = resolveConfig(options, Emulator);
    this.#observer = makeObserver(cfg.logger, cfg.hooks);
    this.responseFormat = cfg.transport.responseFormat;
    if (cfg.mode === 'own-emulator') {
      this.endpoint = null;
      this.usingEmulator = true;
      this.site = cfg.site;
      this.#pending = this.#startOwnEmulator(cfg.emulatorOptions, cfg.transport);
      // A failure is reported by the first call; keep it from being an unhandled rejection here.
      this.#pending.catch(() => {});
    } else {
      this.usingEmulator = cfg.mode === 'emulator';
      if (cfg.mode === 'emulator') this.#emulator = cfg.emulator;
      this.accessKey = cfg.provider ? undefined : cfg.accessKey;
      this.#native = makeNative({ endpoint: cfg.endpoint, site: cfg.site, emulator: this.usingEmulator, accessKey: cfg.accessKey, secretKey: cfg.secretKey, ...cfg.transport });
      // The endpoint given, or the site's gateway; the site asked for, or the one the endpoint names.
      this.endpoint = this.#native.endpoint;
      this.site = this.#native.site;
      if (cfg.provider) this.#keys = new Provider(cfg.provider, (accessKey, secretKey) => this.#useKeys(accessKey, secretKey, 'the credentials provider'));
    }
    // The site's first region unless the option or NCLOUD_REGION gives one.
    this.region = cfg.region ?? SITES.find((s) => s.name === this.site).defaultRegion;
    attachSurfaces(this);
  }

  async #startOwnEmulator(emulatorOptions, transport) {
    const emu = await startEmulator(emulatorOptions);
    this.#emulator = emu;
    this.endpoint = emu.endpoint;
    this.accessKey = emu.accessKey;
    this.#native = makeNative({ endpoint: emu.endpoint, site: emu.site, emulator: true, accessKey: emu.accessKey, secretKey: emu.secretKey, ...transport });
    return this.#native;
  }

  /** The old 1.x client's `setConfig({ regionNo, accessKey, secretKey, ... })` (see lib/v1.js). */
  setConfig(values) {
    return v1.setConfig(this, values);
  }

  /** The old 1.x client's `client.IaaS.server().<action>(params)` (see lib/v1.js). */
  get IaaS() {
    return v1.roots(this, (action, params, verbatim) => this._call(actionMethod(action), params, NO_OPTIONS, verbatim)).IaaS;
  }

  /** The old 1.x client's `client.PaaS` (see lib/v1.js). */
  get PaaS() {
    return v1.roots(this, (action, params, verbatim) => this._call(actionMethod(action), params, NO_OPTIONS, verbatim)).PaaS;
  }

  /** @internal `setConfig` with keys: later calls sign with them (an own emulator keeps its keys). */
  _setKeys(accessKey, secretKey) {
    if (this.usingEmulator || !this.#native) return;
    if (secretKey === undefined) {
      if (accessKey === undefined || accessKey === this.accessKey) return;
      throw NcloudError.validation('setConfig: a new accessKey needs its secretKey');
    }
    // Keys given here replace a provider's.
    this.#keys = null;
    this.#useKeys(accessKey ?? this.accessKey, secretKey, 'setConfig');
  }

  /** Later calls sign with this pair (the pool and calls in flight are kept); `source` names it in errors. */
  #useKeys(accessKey, secretKey, source) {
    checkKeyText(accessKey, 'access key', source);
    checkKeyText(secretKey, 'secret key', source);
    try {
      this.#native.setCredentials(accessKey, secretKey);
    } catch (err) {
      throw fromNative(err);
    }
    this.accessKey = accessKey;
  }

  /** The client's own emulator (only when it uses one), once started. */
  async emulator() {
    if (!this.usingEmulator) return null;
    if (this.#pending) await this.#pending;
    return this.#emulator;
  }

  /**
   * Closes the client: calls in flight end with ERR_CLIENT_CLOSED (their requests dropped), later calls
   * fail the same way at once without sending anything, and the connection pool is released. Also
   * stops the client's own emulator, if any (an emulator passed in belongs to the caller).
   */
  async close() {
    this.#closed = true;
    if (this.#native) this.#native.close();
    if (!this.#pending) return;
    await this.#pending.catch(() => {});
    if (this.#native) this.#native.close();
    if (this.#emulator) await this.#emulator.close();
  }

  /**
   * @internal One call of method `m` (an entry of the method table, lib/table.js): a promise of the
   * result, rejected with an NcloudError (never a synchronous throw). `o` holds the call's checked
   * options (lib/call.js `callOptions`): with a `signal`, aborting rejects with an AbortError and drops
   * the request in the core (its connection, retries and back-off), and an already aborted signal sends
   * nothing; `limits` are its own `timeout`, `attemptTimeout` and `maxRetries`. `verbatim`: `[name,
   * value]` pairs sent as given after the action's own (a 1.x call's undeclared keys, lib/v1.js).
   */
  _call(m, params, o = NO_OPTIONS, verbatim) {
    if (m === undefined) return Promise.reject(NcloudError.validation('this method is not in the method table'));
    const signal = o.signal;
    try {
      if (this.#closed) throw closedError(m.action);
      if (signal?.aborted) throw abortError(m.action, signal);
      const json = serializeParams(params);
      const regionNo = this.compute.regionNo;
      if (regionNo !== undefined && regionNo !== null && typeof regionNo !== 'string' && !Number.isSafeInteger(regionNo)) {
        throw NcloudError.validation(`compute.regionNo must be a number or a string, got ${typeof regionNo}`);
      }
      const region = this.region;
      if (typeof region !== 'string') throw NcloudError.validation(`client.region must be a string, got ${typeof region}`);
      const observer = this.#observer;
      const keys = this.#keys;
      // A provider's keys, asked for when there are none yet or they near their expiration (one
      // comparison when they are fresh).
      if (keys !== null && !keys.fresh()) {
        const later = keys.refresh().then(
          () => {
            if (signal?.aborted) throw abortError(m.action, signal);
            return run(this.#native, m, json, region, regionNo, o, verbatim, observer);
          },
          (err) => {
            if (observer !== null) observer.report(m.action, [], err);
            throw err;
          },
        );
        return abortWins(later, signal, m.action);
      }
      if (this.#native) return run(this.#native, m, json, region, regionNo, o, verbatim, observer);
      const later = this.#pending.then((nat) => {
        if (signal?.aborted) throw abortError(m.action, signal);
        return run(nat, m, json, region, regionNo, o, verbatim, observer);
      });
      return abortWins(later, signal, m.action);
    } catch (err) {
      // Refused before anything was sent: the hooks still hear of the call (no attempt).
      const e = internal(m, err);
      if (this.#observer !== null) this.#observer.report(m.action, [], e);
      return Promise.reject(e);
    }
  }

  /** @internal `[requests in flight, bytes their answers hold]` in the core (for the tests). */
  _inFlight() {
    return this.#native ? this.#native.inFlight() : [0, 0];
  }

  [util.inspect.custom]() {
    return `Client { endpoint: ${util.inspect(this.endpoint)}, site: ${util.inspect(this.site)}, accessKey: ${util.inspect(mask(this.accessKey))}, region: ${util.inspect(this.region)}, responseFormat: ${util.inspect(this.responseFormat)}, usingEmulator: ${this.usingEmulator} }`;
  }

  toJSON() {
    return { endpoint: this.endpoint, site: this.site, accessKey: mask(this.accessKey), region: this.region, responseFormat: this.responseFormat };
  }
}

function closedError(action) {
  return new NcloudError({
    code: 'ERR_CLIENT_CLOSED',
    action,
    message: 'the client is closed (client.close(), or the end of the thread that created it): nothing was sent',
  });
}

function mask(key) {
  if (typeof key !== 'string') return key;
  return key.length > 8 ? `${key.slice(0, 4)}…${key.slice(-2)}` : '****';
}

/** The native client of checked options (lib/config.js); the core fills in the defaults. */
function makeNative(options) {
  try {
    return new native.NativeClient(options);
  } catch (err) {
    throw fromNative(err);
  }
}

/** `api.action` -> the method table's entry of the action's own method (made once, not per call). */
const ACTION_METHODS = new Map(METHODS.filter((m) => !m.compat).map((m) => [`${m.api}.${m.action}`, m]));

/** The method table's entry of an action's own method (`{ api, name }`, as lib/v1.js names it). */
function actionMethod(action) {
  return ACTION_METHODS.get(`${action.api}.${action.name}`);
}

function createClient(options) {
  return new Client(options);
}

module.exports = { Client, createClient, METHODS, DECLARED, waitDelay };
