'use strict';
const util = require('node:util');
const native = require('./native');
const { NcloudError, fromNative } = require('./error');
const { Emulator, startEmulator } = require('./emulator');

const { resolveConfig, checkKeyText } = require('./config');
const { callOptions, onSignalAbort, abortError } = require('./signals');
const { DECLARED, waitFor, waitDelay, paginate } = require('./waiters');
const v0 = require('./v0');
const v1 = require('./v1');
const hints = require('./hints');

const METHODS = JSON.parse(native.methods());
/** Method name -> its index in the core's table (the handle a call crosses with). */
const METHOD_INDEX = new Map(METHODS.map((m) => [m.name, m.index]));

/** The core's name of the method of an action (`{ api, name }`). */
function actionMethod(action) {
  const m = METHODS.find((x) => !x.compat && x.api === action.api && x.action === action.name);
  return m ? m.name : `${action.api}.${action.name}`;
}

/** A per-call default as the core takes it: text, or undefined when unset. */
function defaultText(v) {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

// NODE_DEBUG=ncloud: one line per attempt (never a key, a secret or a signature).
const debug = util.debuglog('ncloud');

function logAttempts(name, attempts) {
  if (!debug.enabled || !Array.isArray(attempts)) return;
  for (const a of attempts) {
    const outcome = a.error ? `${a.error}` : 'ok';
    const tail = a.retry ? `; retrying: ${a.retry}` : a.gaveUp ? `; gave up: ${a.gaveUp}` : '';
    debug(
      '%s attempt %d: %s HTTP %s returnCode %s in %d ms, requestId %s%s',
      name,
      a.attempt,
      outcome,
      a.status ?? '-',
      a.returnCode ?? '-',
      a.durationMs,
      a.requestId ?? '-',
      tail,
    );
  }
}

/**
 * A client: one connection pool and one set of credentials. `client.compute` holds the methods.
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
  #transport = null;
  #closed = false;

  constructor(options = {}) {
    const cfg = resolveConfig(options, Emulator);
    this.region = cfg.region;
    this.responseFormat = cfg.transport.responseFormat;
    this.#transport = cfg.transport;
    if (cfg.mode === 'own-emulator') {
      this.endpoint = null;
      this.usingEmulator = true;
      this.#pending = this.#startOwnEmulator(cfg.emulatorOptions, cfg.transport);
      // A failure is reported by the first call; keep it from being an unhandled rejection here.
      this.#pending.catch(() => {});
    } else {
      this.endpoint = cfg.endpoint;
      this.usingEmulator = cfg.mode === 'emulator';
      if (cfg.mode === 'emulator') this.#emulator = cfg.emulator;
      this.accessKey = cfg.accessKey;
      this.#native = makeNative({ endpoint: cfg.endpoint, accessKey: cfg.accessKey, secretKey: cfg.secretKey, ...cfg.transport });
    }
    this.compute = new Compute(this);
    // The old 0.1.x client's methods, at their paths (lib/v0.js).
    v0.attach(this, (name, params, signal) => this._call(name, params, undefined, signal));
  }

  async #startOwnEmulator(emulatorOptions, transport) {
    const emu = await startEmulator(emulatorOptions);
    this.#emulator = emu;
    this.endpoint = emu.endpoint;
    this.accessKey = emu.accessKey;
    this.#native = makeNative({ endpoint: emu.endpoint, accessKey: emu.accessKey, secretKey: emu.secretKey, ...transport });
    return this.#native;
  }

  /** The old 1.x client's `setConfig({ regionNo, accessKey, secretKey, ... })` (see lib/v1.js). */
  setConfig(values) {
    return v1.setConfig(this, values);
  }

  /** The old 1.x client's `client.IaaS.server().<action>(params)` (see lib/v1.js). */
  get IaaS() {
    return v1.roots(this, (action, params) => this._call(actionMethod(action), params)).IaaS;
  }

  /** The old 1.x client's `client.PaaS` (see lib/v1.js). */
  get PaaS() {
    return v1.roots(this, (action, params) => this._call(actionMethod(action), params)).PaaS;
  }

  /** @internal `setConfig` with keys: later calls sign with them (an own emulator keeps its keys). */
  _setKeys(accessKey, secretKey) {
    if (this.usingEmulator || !this.#native) return;
    if (secretKey === undefined) {
      if (accessKey === undefined || accessKey === this.accessKey) return;
      throw NcloudError.validation('setConfig: a new accessKey needs its secretKey');
    }
    checkKeyText(accessKey, 'access key', 'setConfig');
    checkKeyText(secretKey, 'secret key', 'setConfig');
    this.accessKey = accessKey ?? this.accessKey;
    this.#native = makeNative({ endpoint: this.endpoint, accessKey: this.accessKey, secretKey, ...this.#transport });
    if (this.#closed) this.#native.close();
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
   * @internal One call into the core: resolves to the result or rejects with an NcloudError. With a
   * `signal`, aborting rejects at once with an AbortError and drops the request in the core (its
   * connection, retries and back-off); an already aborted signal sends nothing.
   */
  async _call(name, params, mode, signal) {
    if (this.#closed) throw closedError(name);
    if (signal?.aborted) throw abortError(name, signal);
    const index = METHOD_INDEX.get(name);
    if (index === undefined) throw NcloudError.validation(`unknown method '${name}'`);
    const json = serializeParams(params);
    const regionNo = this.compute.regionNo;
    if (regionNo !== undefined && regionNo !== null && typeof regionNo !== 'string' && !Number.isSafeInteger(regionNo)) {
      throw NcloudError.validation(`compute.regionNo must be a number or a string, got ${typeof regionNo}`);
    }
    if (typeof this.region !== 'string') throw NcloudError.validation(`client.region must be a string, got ${typeof this.region}`);
    const nat = this.#native ?? (await this.#pending);
    if (signal?.aborted) throw abortError(name, signal);
    const failed = (info) => (info.code === 'ABORT_ERR' ? abortError(name, signal) : new NcloudError(info));
    const send = (cancelId) => {
      const opts = { regionCode: this.region, regionNo: defaultText(regionNo), cancelId, trace: debug.enabled };
      if (mode === 'objects') {
        return nat.callValue(index, json, opts).then((out) => {
          logAttempts(name, out.attempts);
          if (out.error) throw failed(out.error);
          return out.ok;
        });
      }
      // The core answers the result as JSON text, or '!' and the error as JSON text; with `trace`, both
      // come after '~', the attempts as JSON and a newline.
      return nat.call(index, json, opts).then((raw) => {
        let text = raw;
        if (text.charCodeAt(0) === 126) {
          const nl = text.indexOf('\n');
          logAttempts(name, JSON.parse(text.slice(1, nl)));
          text = text.slice(nl + 1);
        }
        if (text.charCodeAt(0) === 33) throw failed(JSON.parse(text.slice(1)));
        return JSON.parse(text);
      });
    };
    if (!signal) return send(undefined);
    const cancelId = nat.cancelHandle();
    return new Promise((resolve, reject) => {
      let settled = false;
      const onAbort = () => {
        if (settled) return;
        settled = true;
        nat.abort(cancelId);
        reject(abortError(name, signal));
      };
      const unlisten = onSignalAbort(signal, onAbort);
      const finish = (fn, value) => {
        unlisten();
        if (settled) return;
        settled = true;
        fn(value);
      };
      send(cancelId).then(
        (v) => finish(resolve, v),
        (err) => finish(reject, err),
      );
    });
  }

  /** @internal `[requests in flight, bytes their answers hold]` in the core (for the tests). */
  _inFlight() {
    return this.#native ? this.#native.inFlight() : [0, 0];
  }

  /** @internal How many calls with a signal are in flight in the core (for the leak tests). */
  _pendingCancels() {
    return this.#native ? this.#native.pendingCancels() : 0;
  }

  [util.inspect.custom]() {
    return `Client { endpoint: ${util.inspect(this.endpoint)}, accessKey: ${util.inspect(mask(this.accessKey))}, region: ${util.inspect(this.region)}, responseFormat: ${util.inspect(this.responseFormat)}, usingEmulator: ${this.usingEmulator} }`;
  }

  toJSON() {
    return { endpoint: this.endpoint, accessKey: mask(this.accessKey), region: this.region, responseFormat: this.responseFormat };
  }
}

/** The parameters as JSON, refusing what JSON would drop or choke on (functions, symbols, BigInt). */
function serializeParams(params) {
  if (params === undefined || params === null) return '{}';
  if (typeof params !== 'object' || Array.isArray(params)) {
    throw NcloudError.validation('The parameters must be given as an object');
  }
  const bad = [];
  const seen = new Set();
  const walk = (v, at, depth) => {
    if (bad.length > 5) return;
    const t = typeof v;
    if (t === 'function' || t === 'symbol' || t === 'bigint') bad.push(`${at} (${t})`);
    else if (t === 'number' && !Number.isFinite(v)) bad.push(`${at} (${v})`);
    else if (t === 'string' && !v.isWellFormed()) bad.push(`${at} (a lone surrogate: not valid Unicode text)`);
    else if (v !== null && t === 'object') {
      if (seen.has(v) || depth > 16) {
        bad.push(`${at} (nested too deep or circular)`);
        return;
      }
      // JSON would send a Map or a Set as {} and leave inherited properties out: say so instead.
      if (v instanceof Map || v instanceof Set) {
        bad.push(`${at || 'the parameters'} (a ${v instanceof Map ? 'Map' : 'Set'}: give ${v instanceof Map ? 'a plain object, e.g. Object.fromEntries(map)' : 'an array, e.g. [...set]'})`);
        return;
      }
      seen.add(v);
      if (!Array.isArray(v)) {
        for (const k in v) {
          if (!Object.prototype.hasOwnProperty.call(v, k)) bad.push(`${at ? `${at}.` : ''}${k} (inherited, which JSON leaves out: give own properties, e.g. { ...defaults, ...params })`);
        }
      }
      for (const k of Object.keys(v)) {
        const where = at ? `${at}.${k}` : k;
        if (!k.isWellFormed()) bad.push(`${where} (a key with a lone surrogate)`);
        let value;
        try {
          value = v[k];
        } catch (err) {
          bad.push(`${where} (reading it threw: ${String(err && err.message ? err.message : err).slice(0, 100)})`);
          continue;
        }
        walk(value, where, depth + 1);
      }
      for (const sym of Object.getOwnPropertySymbols(v)) bad.push(`${at ? `${at}.` : ''}[${String(sym)}] (symbol key)`);
      seen.delete(v);
    }
  };
  walk(params, '', 0);
  if (bad.length) throw NcloudError.validation(`The parameters could not be serialized: ${bad.join(', ')}`);
  try {
    return JSON.stringify(params);
  } catch (err) {
    throw NcloudError.validation(`The parameters could not be serialized: ${err.message}`);
  }
}

function closedError(name) {
  return new NcloudError({
    code: 'ERR_CLIENT_CLOSED',
    action: name.replace(/^classic\./, ''),
    message: 'the client is closed (client.close(), or the end of the thread that created it): nothing was sent',
  });
}

function mask(key) {
  if (typeof key !== 'string') return key;
  return key.length > 8 ? `${key.slice(0, 4)}…${key.slice(-2)}` : '****';
}

function makeNative(config) {
  try {
    return new native.NativeClient(JSON.stringify(config));
  } catch (err) {
    throw fromNative(err);
  }
}

/**
 * Splits `(params?, options?, callback?)`: the callback is the last argument when it is a function;
 * options (`{ signal }`) are only ever the second argument, so a method without parameters takes
 * `(undefined, { signal })` (or `({}, { signal })`).
 */
function splitArgs(args) {
  const cb = typeof args[args.length - 1] === 'function' ? args.pop() : null;
  while (args.length > 0 && args[args.length - 1] === undefined) args.pop();
  if (args.length > 2) throw NcloudError.validation(`Expected (params, options, callback), got ${args.length} arguments before the callback`);
  return { params: args[0], options: callOptions(args[1]), cb };
}


/** Runs a call with an error-first callback as last argument, or returns a Promise when there is none. */
function invoke(client, name, args) {
  const cb = typeof args[args.length - 1] === 'function' ? args[args.length - 1] : null;
  // A last argument that is meant as a callback but is not a function would leave the promise's
  // rejection unhandled (and end the process): refuse it now, synchronously. Options (the second
  // argument) are an object.
  const last = args[args.length - 1];
  if (!cb && last !== undefined && (args.length > 2 || (args.length === 2 && (last === null || typeof last !== 'object')))) {
    throw NcloudError.validation(`${name}: the callback must be a function, got ${last === null ? 'null' : typeof last}`);
  }
  let promise;
  try {
    const { params, options } = splitArgs(args);
    const misplaced = hints.optionsInParams(name.replace(/^classic\./, ''), params);
    if (misplaced) throw NcloudError.validation(misplaced);
    promise = client._call(name, params, undefined, options.signal).catch((err) => {
      throw err instanceof NcloudError ? err : new NcloudError({ code: 'ERR_INTERNAL', action: name, message: String(err && err.message ? err.message : err) });
    });
  } catch (err) {
    promise = Promise.reject(err);
  }
  if (!cb) return promise;
  promise.then(
    (result) => process.nextTick(cb, null, result),
    (err) => process.nextTick(cb, err, null),
  );
  return undefined;
}

/**
 * `client.compute`: the VPC actions by name, the Classic ones under `compute.classic` (also the VPC
 * ones under `compute.vpc`), and the old client's methods (`findPrivateImages` ...). Set
 * `compute.regionNo` to add `regionNo` to Classic calls, as the old client did.
 */
class Compute {
  #client;
  constructor(client) {
    this.#client = client;
    this.regionNo = undefined;
    this.classic = {};
    this.vpc = {};
    for (const m of METHODS) {
      // The old 0.1.x client's methods are put at their paths by lib/v0.js.
      if (m.compat) continue;
      const fn = (...args) => invoke(this.#client, m.name, args);
      Object.defineProperty(fn, 'name', { value: m.name.replace(/^(classic|vpc)\./, '') });
      if (m.name.startsWith('classic.')) {
        this.classic[m.action] = fn;
      } else if (m.name.startsWith('vpc.')) {
        // The old 0.1.x client owns the name on compute (model: methods = ["compute.vpc.{name}"]).
        this.vpc[m.action] = fn;
      } else {
        this[m.name] = fn;
        if (m.env === 'vpc' && !m.compat) this.vpc[m.name] = fn;
      }
    }
    for (const w of DECLARED.waiters) {
      const fn = (no, options) => waitFor(this.#client, w, no, options);
      Object.defineProperty(fn, 'name', { value: w.name });
      // At the model's method paths: `compute.classic.waitFor…` for Classic waiters, `compute.waitFor…`
      // and `compute.vpc.waitFor…` for VPC ones.
      for (const path of w.methods) {
        if (path.startsWith('compute.classic.')) this.classic[w.name] = fn;
        else if (path.startsWith('compute.vpc.')) this.vpc[w.name] = fn;
        else this[w.name] = fn;
      }
    }
    for (const p of DECLARED.paginators) {
      const fn = (params, options) => paginate(this.#client, p, params, options);
      Object.defineProperty(fn, 'name', { value: p.name });
      if (p.env === 'classic') {
        this.classic[p.name] = fn;
      } else {
        this[p.name] = fn;
        this.vpc[p.name] = fn;
      }
    }
  }
}


function createClient(options) {
  return new Client(options);
}

module.exports = { Client, createClient, METHODS, DECLARED, waitDelay };
