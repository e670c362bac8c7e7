'use strict';
// Credentials from the `credentials` option: a `{ accessKey, secretKey }` object, or a function (sync
// or async) returning one, called when the client first needs keys and again once they near their
// `expiration`. The signing stays in the core: a new pair crosses once (`setCredentials`), and a call
// whose keys are fresh pays one comparison, no crossing. Keys are never logged nor quoted.
const { NcloudError } = require('./error');

/** A pair is renewed this long before its `expiration`, so that no request is signed with a key about to lapse. */
const REFRESH_BEFORE_MS = 5 * 60 * 1000;

function credentialsError(message, cause) {
  const e = new NcloudError({ code: 'ERR_CREDENTIALS', message });
  if (cause !== undefined) e.cause = cause;
  return e;
}

function describe(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/** When `expiration` (a Date, ms since the epoch, or a date text) falls, in ms; Infinity without one. */
function expiryOf(expiration, where) {
  if (expiration === undefined || expiration === null) return Infinity;
  const at = expiration instanceof Date ? expiration.getTime() : typeof expiration === 'number' ? expiration : typeof expiration === 'string' ? Date.parse(expiration) : NaN;
  if (!Number.isFinite(at)) throw credentialsError(`${where}: 'expiration' must be a Date, a number of ms since the epoch or a date text, got ${describe(expiration)}`);
  return at;
}

/**
 * The pair in `value`: `{ accessKey, secretKey, expiration? }`, or the AWS SDK's names
 * `{ accessKeyId, secretAccessKey, expiration? }`. `where` names the option or the provider.
 */
function pairOf(value, where) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw credentialsError(`${where} must give { accessKey, secretKey } (expiration optional), got ${describe(value)}`);
  }
  const accessKey = value.accessKey ?? value.accessKeyId;
  const secretKey = value.secretKey ?? value.secretAccessKey;
  if (typeof accessKey !== 'string' || accessKey === '' || typeof secretKey !== 'string' || secretKey === '') {
    const missing = [typeof accessKey !== 'string' || accessKey === '' ? 'accessKey' : null, typeof secretKey !== 'string' || secretKey === '' ? 'secretKey' : null].filter(Boolean);
    throw credentialsError(`${where} gave no ${missing.join(' and no ')} (non-empty strings: { accessKey, secretKey }, or the AWS names accessKeyId / secretAccessKey)`);
  }
  return { accessKey, secretKey, expiresAt: expiryOf(value.expiration, where) };
}

/**
 * How a provider function is named in messages: its own name (an arrow function written in the
 * options takes the option's name, `credentials`, which names nothing).
 */
function providerName(fn) {
  return fn.name && fn.name !== 'credentials' ? `credentials provider '${fn.name}'` : 'the credentials provider (an anonymous function)';
}

/**
 * The keys of a client with a provider function: `fresh()` says whether the current pair may sign now
 * (one comparison); `refresh()` asks the provider once for every call waiting on it, hands the pair to
 * `apply(accessKey, secretKey)` and resolves, or rejects with ERR_CREDENTIALS naming the provider (a
 * failure is not kept: the next call asks again).
 */
class Provider {
  #fn;
  #apply;
  #refreshAt = -Infinity;
  #pending = null;

  constructor(fn, apply) {
    this.#fn = fn;
    this.#apply = apply;
  }

  fresh() {
    return Date.now() < this.#refreshAt;
  }

  refresh() {
    if (this.#pending === null) {
      this.#pending = this.#load().finally(() => {
        this.#pending = null;
      });
    }
    return this.#pending;
  }

  async #load() {
    const name = providerName(this.#fn);
    let value;
    try {
      value = await this.#fn();
    } catch (err) {
      throw credentialsError(`${name} failed: ${String(err && err.message ? err.message : err).slice(0, 300)}`, err);
    }
    const pair = pairOf(value, name);
    this.#apply(pair.accessKey, pair.secretKey);
    this.#refreshAt = pair.expiresAt - REFRESH_BEFORE_MS;
  }
}

module.exports = { Provider, pairOf, providerName, REFRESH_BEFORE_MS };
