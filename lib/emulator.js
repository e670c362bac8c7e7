'use strict';
const native = require('./native');
const { NcloudError, fromNative } = require('./error');

/**
 * A running embedded NCP emulator: a real HTTP server on `endpoint` that checks request signatures
 * made with `accessKey` / `secretKey` and keeps image state.
 */
class Emulator {
  #native;
  constructor(nativeEmulator) {
    this.#native = nativeEmulator;
    this.endpoint = nativeEmulator.endpoint;
    this.accessKey = nativeEmulator.accessKey;
    this.secretKey = nativeEmulator.secretKey;
    this.closed = false;
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
   * Changes settings (`createDelayMs`, `deleteDelayMs`, `failureRate`, `clock`, `chaos: { errorRate,
   * resetRate, seed }`) keeping the images.
   */
  configure(settings) {
    wrap(() => this.#native.setSettings(JSON.stringify(settings)));
    return this;
  }

  /** Answers the next matching request(s) with an error or a raw body (to test error handling). */
  injectFault(fault) {
    wrap(() => this.#native.injectFault(JSON.stringify(fault)));
    return this;
  }

  /** How many HTTP requests reached the emulator (since start or the last `clearRequests()`). */
  requestCount() {
    return this.#native.requestCount();
  }

  /** The requests that reached the emulator: `{ method, path, action, status, format, signatureHeader, userAgent, reason }`. */
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
}

function wrap(fn) {
  try {
    return fn();
  } catch (err) {
    throw fromNative(err);
  }
}

/** Starts an emulator: `startEmulator({ port: 0 })` picks a free port on 127.0.0.1. */
async function startEmulator(options = {}) {
  if (options === null || typeof options !== 'object') {
    throw NcloudError.validation('startEmulator options must be an object');
  }
  try {
    return new Emulator(await native.startEmulator(JSON.stringify(options)));
  } catch (err) {
    throw fromNative(err);
  }
}

module.exports = { Emulator, startEmulator };
