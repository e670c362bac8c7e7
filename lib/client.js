'use strict';
const util = require('node:util');
const native = require('./native');
const { NcloudError, fromNative } = require('./error');
const { Emulator, startEmulator } = require('./emulator');

const { resolveConfig } = require('./config');

const METHODS = JSON.parse(native.methods());

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

  constructor(options = {}) {
    const cfg = resolveConfig(options, Emulator);
    this.region = cfg.region;
    this.responseFormat = cfg.transport.responseFormat;
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
  }

  async #startOwnEmulator(emulatorOptions, transport) {
    const emu = await startEmulator(emulatorOptions);
    this.#emulator = emu;
    this.endpoint = emu.endpoint;
    this.accessKey = emu.accessKey;
    this.#native = makeNative({ endpoint: emu.endpoint, accessKey: emu.accessKey, secretKey: emu.secretKey, ...transport });
    return this.#native;
  }

  /** The client's own emulator (only when it uses one), once started. */
  async emulator() {
    if (!this.usingEmulator) return null;
    if (this.#pending) await this.#pending;
    return this.#emulator;
  }

  /** Releases the client's own emulator, if any. */
  async close() {
    if (!this.#pending) return; // an emulator passed in belongs to the caller
    await this.#pending.catch(() => {});
    if (this.#emulator) await this.#emulator.close();
  }

  /** @internal One call into the core: resolves to the result or rejects with an NcloudError. */
  async _call(name, params, mode) {
    const json = serializeParams(params);
    const regionNo = this.compute.regionNo;
    if (regionNo !== undefined && regionNo !== null && typeof regionNo !== 'string' && !Number.isSafeInteger(regionNo)) {
      throw NcloudError.validation(`compute.regionNo must be a number or a string, got ${typeof regionNo}`);
    }
    if (typeof this.region !== 'string') throw NcloudError.validation(`client.region must be a string, got ${typeof this.region}`);
    const defaults = JSON.stringify({ regionCode: this.region, regionNo });
    const nat = this.#native ?? (await this.#pending);
    if (mode === 'objects') {
      const out = await nat.callValue(name, json, defaults);
      logAttempts(name, out.attempts);
      if (out.error) throw new NcloudError(out.error);
      return out.ok;
    }
    const out = JSON.parse(await nat.call(name, json, defaults));
    logAttempts(name, out.attempts);
    if (out.error) throw new NcloudError(out.error);
    return out.ok;
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
    else if (v !== null && t === 'object') {
      if (seen.has(v) || depth > 16) {
        bad.push(`${at} (nested too deep or circular)`);
        return;
      }
      seen.add(v);
      for (const k of Object.keys(v)) walk(v[k], at ? `${at}.${k}` : k, depth + 1);
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

/** Runs a call with an error-first callback as last argument, or returns a Promise when there is none. */
function invoke(client, name, args) {
  const cb = typeof args[args.length - 1] === 'function' ? args.pop() : null;
  // A last argument that is meant as a callback but is not a function would leave the promise's
  // rejection unhandled (and end the process): refuse it now, synchronously.
  const last = args[args.length - 1];
  if (!cb && last !== undefined && (args.length > 2 || (args.length === 2 && (last === null || typeof last !== 'object')))) {
    throw NcloudError.validation(`${name}: the callback must be a function, got ${last === null ? 'null' : typeof last}`);
  }
  const promise = client._call(name, args[0]).catch((err) => {
    throw err instanceof NcloudError ? err : new NcloudError({ code: 'ERR_INTERNAL', action: name, message: String(err && err.message ? err.message : err) });
  });
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
      const fn = (...args) => invoke(this.#client, m.name, args);
      Object.defineProperty(fn, 'name', { value: m.name.replace(/^classic\./, '') });
      if (m.name.startsWith('classic.')) {
        this.classic[m.action] = fn;
      } else {
        this[m.name] = fn;
        if (m.env === 'vpc' && !m.compat) this.vpc[m.name] = fn;
      }
    }
    for (const [name, w] of Object.entries(WAITERS)) {
      this[name] = (no, options) => waitFor(this.#client, w, no, options);
    }
  }
}

const WAITERS = {
  waitForServerImage: {
    method: 'getServerImageDetail',
    key: 'serverImageNo',
    list: 'serverImageList',
    status: 'serverImageStatus',
    operation: 'serverImageOperation',
    statusName: 'serverImageStatusName',
  },
  waitForMemberServerImageInstance: {
    method: 'getMemberServerImageInstanceDetail',
    key: 'memberServerImageInstanceNo',
    list: 'memberServerImageInstanceList',
    status: 'memberServerImageInstanceStatus',
    operation: 'memberServerImageInstanceOperation',
    statusName: 'memberServerImageInstanceStatusName',
  },
};

/**
 * Polls the detail action until the image is created (status CREAT, operation NULL). Rejects with
 * ERR_API when it ends in CREFL or is being deleted, and with ERR_TIMEOUT after `timeoutMs`.
 * `onPoll(item)` sees every answer (progress for long waits).
 */
async function waitFor(client, w, no, options = {}) {
  if (options === null || typeof options !== 'object') throw NcloudError.validation(`${w.method}: waiter options must be an object`);
  const intervalMs = waitNumber(options.intervalMs, 'intervalMs', 3000, 10);
  const timeoutMs = waitNumber(options.timeoutMs, 'timeoutMs', 60 * 60 * 1000, 0);
  if (options.onPoll !== undefined && typeof options.onPoll !== 'function') throw NcloudError.validation("waiter option 'onPoll' must be a function");
  if (options.regionCode !== undefined && typeof options.regionCode !== 'string') throw NcloudError.validation("waiter option 'regionCode' must be a string");
  const deadline = Date.now() + timeoutMs;
  const params = { [w.key]: no };
  if (options.regionCode !== undefined) params.regionCode = options.regionCode;
  for (;;) {
    const res = await client._call(w.method, params);
    const item = res[w.list][0];
    if (typeof options.onPoll === 'function') options.onPoll(item);
    const status = item?.[w.status]?.code;
    const operation = item?.[w.operation]?.code;
    if (status === 'CREAT' && operation === 'NULL') return item;
    if (status === 'CREFL' || operation === 'TERMT') {
      throw new NcloudError({
        code: 'ERR_API',
        action: w.method,
        message: `${w.key} ${no} will not become created: it is ${item[w.statusName]} (${status}/${operation})`,
      });
    }
    if (Date.now() + intervalMs > deadline) {
      throw new NcloudError({
        code: 'ERR_TIMEOUT',
        action: w.method,
        message: `${w.key} ${no} was still ${item?.[w.statusName]} after ${timeoutMs} ms`,
      });
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** A waiter's number option: finite, at least `min` (no NaN / 0 interval that polls in a loop). */
function waitNumber(v, name, dflt, min) {
  if (v === undefined) return dflt;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > 2 ** 31 - 1) {
    throw NcloudError.validation(`waiter option '${name}' must be a number of milliseconds from ${min} to 2147483647, got ${typeof v === 'number' ? v : typeof v}`);
  }
  return v;
}

function createClient(options) {
  return new Client(options);
}

module.exports = { Client, createClient, METHODS };
