'use strict';

/**
 * The one error class of the package. `code` is stable:
 * ERR_VALIDATION, ERR_CREDENTIALS, ERR_API, ERR_AUTH, ERR_GATEWAY, ERR_NETWORK, ERR_TIMEOUT, ERR_DECODE, ERR_INTERNAL,
 * ERR_UNSUPPORTED (a 1.x method outside this package's scope, lib/v1.js), ABORT_ERR (an AbortError),
 * ERR_CLIENT_CLOSED (the client was closed), ERR_OUTPUT_FILE (a result that could not be written where asked:
 * the old createLoginKey's outputPath; the result is on `err.result`).
 * API errors keep the old client's message form `Error: returnCode: X, returnMessage: Y`.
 */
class NcloudError extends Error {
  /**
   * `err instanceof NcloudError` (and `AbortError`) holds across copies of this package in one app
   * (`ncloud-client` and its `ncloud` alias side by side, or two versions): the check is a brand under a
   * registered symbol (`Symbol.for`), shared by every copy, not the identity of this copy's class. A
   * subclass of the caller's own keeps the ordinary check.
   */
  static [Symbol.hasInstance](value) {
    const brand = BRANDS.get(this);
    if (brand === undefined) return Function.prototype[Symbol.hasInstance].call(this, value);
    return value !== null && typeof value === 'object' && value[brand] === true;
  }

  constructor(info) {
    super(info.message);
    this.name = 'NcloudError';
    this.code = info.code;
    if (info.action !== undefined) this.action = info.action;
    if (info.httpStatus !== undefined) this.httpStatus = info.httpStatus;
    if (info.returnCode !== undefined) this.returnCode = info.returnCode;
    if (info.returnMessage !== undefined) this.returnMessage = info.returnMessage;
    if (info.requestId !== undefined) this.requestId = info.requestId;
    this.retryable = Boolean(info.retryable);
    if (info.attempts !== undefined) this.attempts = info.attempts;
    // The API's page in the reference of the client's site (an answer's error).
    if (info.docsUrl !== undefined) this.docsUrl = info.docsUrl;
  }

  /** Builds the error from an error report: the object of its fields, or that object's JSON text. */
  static from(info) {
    if (typeof info === 'string') {
      try {
        info = JSON.parse(info);
      } catch {
        info = { code: 'ERR_INTERNAL', message: info };
      }
    }
    return new NcloudError(info);
  }

  static validation(message) {
    return new NcloudError({ code: 'ERR_VALIDATION', message });
  }
}

/**
 * A call aborted through its `AbortSignal`: named and coded as Node's own (`name: 'AbortError'`,
 * `code: 'ABORT_ERR'`), and still an NcloudError; `cause` is the signal's reason.
 */
class AbortError extends NcloudError {
  constructor(message = 'The operation was aborted', options = {}) {
    super({ code: 'ABORT_ERR', message, action: options.action });
    this.name = 'AbortError';
    if (options.cause !== undefined) this.cause = options.cause;
  }
}

/** Each class of ours and its brand, a registered symbol set on its prototype (see `Symbol.hasInstance`). */
const BRANDS = new Map([
  [NcloudError, Symbol.for('ncloud-client.NcloudError')],
  [AbortError, Symbol.for('ncloud-client.AbortError')],
]);
for (const [cls, brand] of BRANDS) Object.defineProperty(cls.prototype, brand, { value: true });

/**
 * What the core rejects a call's promise with, or throws, as an NcloudError: the object of the error's
 * fields (`code`, `message`, `httpStatus`, `returnCode`, `requestId` ...) in one piece. Anything else
 * (an Error of napi itself) is ERR_INTERNAL.
 */
function fromNative(info) {
  if (info instanceof NcloudError) return info;
  if (info !== null && typeof info === 'object' && !(info instanceof Error) && typeof info.code === 'string') {
    return new NcloudError(info);
  }
  return new NcloudError({ code: 'ERR_INTERNAL', message: String(info && info.message ? info.message : info) });
}

module.exports = { NcloudError, AbortError, fromNative };
