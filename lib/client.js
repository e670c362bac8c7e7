'use strict';
const util = require('node:util');
const native = require('./native');
const { NcloudError, fromNative } = require('./error');
const { startEmulator } = require('./emulator');

const DEFAULT_ENDPOINT = 'https://ncloud.apigw.ntruss.com';
const METHODS = JSON.parse(native.methods());
/** Method name -> its index in the core's table (the handle a call crosses with). */
const METHOD_INDEX = new Map(METHODS.map((m) => [m.name, m.index]));

/** A per-call default as the core takes it: text, or undefined when unset. */
function defaultText(v) {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

function env(...names) {
  for (const n of names) {
    const v = process.env[n];
    if (v !== undefined && v !== '') return v;
  }
  return undefined;
}

let warnedEmulator = false;

/**
 * A client: one connection pool and one set of credentials. `client.compute` holds the methods.
 * Credentials come from the options (`accessKey`/`secretKey`, or the old `oauth_consumer_key`/
 * `oauth_consumer_secret`), else from NCLOUD_ACCESS_KEY_ID / NCLOUD_SECRET_ACCESS_KEY (or
 * NCLOUD_ACCESS_KEY / NCLOUD_SECRET_KEY). With none at all, or with `emulator: true`, the client talks
 * to an embedded emulator of its own.
 */
class Client {
  #native = null;
  #pending = null;
  #emulator = null;

  constructor(options = {}) {
    if (options === null || typeof options !== 'object') {
      throw NcloudError.validation('createClient options must be an object');
    }
    const accessKey = options.accessKey ?? options.oauth_consumer_key ?? env('NCLOUD_ACCESS_KEY_ID', 'NCLOUD_ACCESS_KEY');
    const secretKey = options.secretKey ?? options.oauth_consumer_secret ?? env('NCLOUD_SECRET_ACCESS_KEY', 'NCLOUD_SECRET_KEY');
    const responseFormat = options.responseFormat ?? 'json';
    if (responseFormat !== 'json' && responseFormat !== 'xml') {
      throw NcloudError.validation(`responseFormat must be 'json' or 'xml', got '${responseFormat}'`);
    }
    this.region = options.region ?? env('NCLOUD_REGION') ?? 'KR';
    this.responseFormat = responseFormat;
    const transport = {
      responseFormat,
      timeout: positive(options.timeout, 'timeout', 30000),
      connectTimeout: positive(options.connectTimeout, 'connectTimeout', 5000),
      maxRetries: count(options.maxRetries, 'maxRetries', 2),
      retryBaseDelay: count(options.retryBaseDelay, 'retryBaseDelay', 200),
    };
    const useEmulator = options.emulator === true || (options.emulator !== false && !accessKey && !secretKey && !options.endpoint);
    if (useEmulator) {
      if (options.emulator !== true && !warnedEmulator) {
        warnedEmulator = true;
        process.emitWarning('no NCP credentials were given: using the embedded NCP emulator', {
          code: 'NCLOUD_EMULATOR',
          detail: 'Pass accessKey/secretKey (or set NCLOUD_ACCESS_KEY_ID / NCLOUD_SECRET_ACCESS_KEY) to call NCP.',
        });
      }
      this.endpoint = null;
      this.usingEmulator = true;
      this.#pending = this.#startOwnEmulator(options.emulatorOptions ?? {}, transport);
      // A failure is reported by the first call; keep it from being an unhandled rejection here.
      this.#pending.catch(() => {});
    } else {
      if (!accessKey || !secretKey) {
        throw NcloudError.validation(
          'accessKey and secretKey are required (or oauth_consumer_key and oauth_consumer_secret, or the ' +
            'NCLOUD_ACCESS_KEY_ID and NCLOUD_SECRET_ACCESS_KEY environment variables)',
        );
      }
      this.endpoint = (options.endpoint ?? env('NCLOUD_API_GW') ?? DEFAULT_ENDPOINT).replace(/\/+$/, '');
      this.usingEmulator = false;
      this.accessKey = accessKey;
      this.#native = makeNative({ endpoint: this.endpoint, accessKey, secretKey, ...transport });
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
    await this.#pending;
    return this.#emulator;
  }

  /** Releases the client's own emulator, if any. */
  async close() {
    if (this.#pending) await this.#pending.catch(() => {});
    if (this.#emulator) await this.#emulator.close();
  }

  /** @internal One call into the core: resolves to the result or rejects with an NcloudError. */
  async _call(name, params, mode) {
    const index = METHOD_INDEX.get(name);
    if (index === undefined) throw NcloudError.validation(`unknown method '${name}'`);
    const nat = this.#native ?? (await this.#pending);
    let json;
    try {
      json = params == null ? '{}' : JSON.stringify(params);
    } catch (err) {
      throw NcloudError.validation(`The parameters could not be serialized: ${err.message}`);
    }
    const regionCode = defaultText(this.region);
    const regionNo = defaultText(this.compute.regionNo);
    if (mode === 'objects') {
      const out = await nat.callValue(index, json, regionCode, regionNo);
      if (out.error) throw new NcloudError(out.error);
      return out.ok;
    }
    // The core answers the result as JSON text, or '!' and the error as JSON text.
    const text = await nat.call(index, json, regionCode, regionNo);
    if (text.charCodeAt(0) === 33) throw new NcloudError(JSON.parse(text.slice(1)));
    return JSON.parse(text);
  }

  [util.inspect.custom]() {
    return `Client { endpoint: ${util.inspect(this.endpoint)}, accessKey: ${util.inspect(mask(this.accessKey))}, region: ${util.inspect(this.region)}, responseFormat: ${util.inspect(this.responseFormat)}, usingEmulator: ${this.usingEmulator} }`;
  }

  toJSON() {
    return { endpoint: this.endpoint, accessKey: mask(this.accessKey), region: this.region, responseFormat: this.responseFormat };
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

function positive(v, name, dflt) {
  if (v === undefined) return dflt;
  if (!Number.isInteger(v) || v <= 0) throw NcloudError.validation(`'${name}' must be a positive integer (milliseconds)`);
  return v;
}

function count(v, name, dflt) {
  if (v === undefined) return dflt;
  if (!Number.isInteger(v) || v < 0) throw NcloudError.validation(`'${name}' must be a non-negative integer`);
  return v;
}

/** Runs a call with an error-first callback as last argument, or returns a Promise when there is none. */
function invoke(client, name, args) {
  const cb = typeof args[args.length - 1] === 'function' ? args.pop() : null;
  const promise = client._call(name, args[0]);
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
  const intervalMs = options.intervalMs ?? 3000;
  const timeoutMs = options.timeoutMs ?? 60 * 60 * 1000;
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

function createClient(options) {
  return new Client(options);
}

module.exports = { Client, createClient, METHODS };
