'use strict';
// One call into the core: the arguments of a method (`(params?, options?, callback?)`) checked, the
// parameters as JSON text, one crossing with the method's index and one options object, and the
// outcome in one piece: the answer's JSON text (one `JSON.parse`), or a rejection carrying the error's
// fields (one `new NcloudError`). A call with a `signal` has a cancel switch of its own (`native.Cancel`).
// When the client has an observer (a `logger`, hooks, NODE_DEBUG=ncloud: lib/observe.js), the core hands
// the attempts' records back with the outcome, and the observer sees them before the call settles.
const native = require('./native');
const { NcloudError, AbortError, fromNative } = require('./error');
const { unknownOptionsMessage, optionsInParams } = require('./hints');

/** A per-call default as the core takes it: text, or undefined when unset. */
function defaultText(v) {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/**
 * Runs method `m` (an entry of the method table) on the native client `nat` with the parameters' JSON
 * text: resolves to the result, rejects with an NcloudError. `regionCode` / `regionNo` are the
 * client's defaults, sent when the parameters give none; `o` the call's checked options (`signal`,
 * `limits`); `verbatim` pairs are sent as given; `observer` (or null) sees the attempts' records.
 */
function run(nat, m, json, regionCode, regionNo, o, verbatim, observer) {
  const signal = o.signal;
  const trace = observer !== null;
  const options = { regionCode, regionNo: defaultText(regionNo), cancel: undefined, trace, verbatim, limits: o.limits };
  if (!signal && !trace) return nat.call(m.index, json, options).then(parsed, failed);
  let unlisten = null;
  if (signal) {
    options.cancel = new native.Cancel();
    unlisten = onSignalAbort(signal, options.cancel);
  }
  return nat.call(m.index, json, options).then(
    (out) => {
      if (unlisten) unlisten();
      if (trace) observer.report(m.action, out.trace, null);
      // The answer may have come in before the abort was noticed: an abort still wins (as in `fetch`).
      if (signal?.aborted) throw abortError(m.action, signal);
      return parsed(trace ? out.text : out);
    },
    (info) => {
      if (unlisten) unlisten();
      if (trace) observer.report(m.action, info && info.trace, info || { code: 'ERR_INTERNAL' });
      if ((info && info.code === 'ABORT_ERR') || signal?.aborted) throw abortError(m.action, signal);
      throw fromNative(info);
    },
  );
}

/**
 * `promise` settled as `fetch` settles its own: when `signal` is aborted before it settles, it rejects
 * with an AbortError, whatever it would have settled with. For a promise made of further steps after
 * the call (an old method's result shaping, a waiter's loop), so that no step between the call and the
 * caller lets an answer through after the abort.
 */
function abortWins(promise, signal, action) {
  if (!signal) return promise;
  return promise.then(
    (value) => {
      if (signal.aborted) throw abortError(action, signal);
      return value;
    },
    (err) => {
      if (signal.aborted && !(err instanceof NcloudError && err.code === 'ABORT_ERR')) throw abortError(action, signal);
      throw err;
    },
  );
}

/** The result: the answer's JSON text parsed, or the result itself when the core handed a long list
 * over in parts and so parsed it already (src/bindings/parts.rs). */
function parsed(out) {
  return typeof out === 'string' ? JSON.parse(out) : out;
}

/** A call's rejection (the object of the error's fields) as an NcloudError. */
function failed(info) {
  throw fromNative(info);
}

/** The parameters as JSON, refusing what JSON would drop or choke on (functions, symbols, BigInt). */
function serializeParams(params) {
  if (params === undefined || params === null) return '{}';
  if (typeof params !== 'object' || Array.isArray(params)) {
    throw NcloudError.validation('The parameters must be given as an object');
  }
  const bad = [];
  check(params, '', 0, bad, new Set());
  if (bad.length) throw NcloudError.validation(`The parameters could not be serialized: ${bad.join(', ')}`);
  try {
    return JSON.stringify(params);
  } catch (err) {
    throw NcloudError.validation(`The parameters could not be serialized: ${err.message}`);
  }
}

/** Adds to `bad` what JSON would drop or choke on in `v` (at path `at`), up to a few. */
function check(v, at, depth, bad, seen) {
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
      check(value, where, depth + 1, bad, seen);
    }
    for (const sym of Object.getOwnPropertySymbols(v)) bad.push(`${at ? `${at}.` : ''}[${String(sym)}] (symbol key)`);
    seen.delete(v);
  }
}

/** The options every method takes (its second argument), checked here and typed in generated/api.d.ts. */
const CALL_OPTIONS = ['signal', 'timeout', 'attemptTimeout', 'maxRetries', 'maxAttempts'];

function describeValue(v) {
  if (v === null) return 'null';
  if (typeof v === 'number') return String(v);
  return typeof v === 'string' ? `'${v.slice(0, 40)}'` : `a ${typeof v}`;
}

/** A per-call duration or count: a whole number from `min` up to 2^31 - 1, or undefined. */
function limit(o, name, min) {
  const v = o[name];
  if (v === undefined) return undefined;
  if (!Number.isSafeInteger(v) || v < min || v > 2 ** 31 - 1) {
    throw NcloudError.validation(`'${name}' must be a whole number from ${min} to 2147483647${name === 'maxRetries' || name === 'maxAttempts' ? '' : ' (milliseconds)'}, got ${describeValue(v)}`);
  }
  return v;
}

/**
 * The call's own limits over the client's (`{ timeout, attemptTimeout, maxRetries }`), or undefined
 * when it gives none. `maxAttempts` is the AWS SDK's name: attempts in all, so `maxRetries` + 1.
 */
function limitsOf(o) {
  const timeout = limit(o, 'timeout', 1);
  const attemptTimeout = limit(o, 'attemptTimeout', 1);
  let maxRetries = limit(o, 'maxRetries', 0);
  const maxAttempts = limit(o, 'maxAttempts', 1);
  if (maxAttempts !== undefined) {
    if (maxRetries !== undefined && maxRetries !== maxAttempts - 1) {
      throw NcloudError.validation(`'maxAttempts' (${maxAttempts}) and 'maxRetries' (${maxRetries}) disagree: maxAttempts counts the first attempt too (maxRetries + 1); give one of them`);
    }
    maxRetries = maxAttempts - 1;
  }
  if (timeout === undefined && attemptTimeout === undefined && maxRetries === undefined) return undefined;
  return { timeout, attemptTimeout, maxRetries };
}

/** The checked options of a call with none. */
const NO_OPTIONS = Object.freeze({ signal: undefined, limits: undefined });

/**
 * Validates a call's options: `undefined`, or `{ signal, timeout, attemptTimeout, maxRetries,
 * maxAttempts }` (and the `allowed` others of a waiter or paginator). Returns the options with
 * `limits` (the call's own limits, or undefined).
 */
function callOptions(options, allowed = CALL_OPTIONS) {
  if (options === undefined || options === null) return NO_OPTIONS;
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw NcloudError.validation('The options (second argument) must be an object such as { signal, timeout }');
  }
  const unknown = Object.keys(options).filter((k) => !allowed.includes(k));
  if (unknown.length) throw NcloudError.validation(unknownOptionsMessage(unknown, allowed));
  const { signal } = options;
  if (signal !== undefined && !isAbortSignal(signal)) {
    throw NcloudError.validation("'signal' must be an AbortSignal");
  }
  return { ...options, limits: limitsOf(options) };
}

// One 'abort' listener per signal, whatever the number of calls sharing it: Node warns of a listener
// leak past 10 listeners on one signal, and 64 calls in flight may share one. The listener aborts the
// cancel switches of the calls still in flight; each call takes its switch out when it settles.
const switches = new WeakMap();

function onSignalAbort(signal, cancel) {
  let set = switches.get(signal);
  if (!set) {
    set = new Set();
    const listener = () => {
      switches.delete(signal);
      for (const c of set) c.abort();
    };
    set.listener = listener;
    switches.set(signal, set);
    signal.addEventListener('abort', listener, { once: true });
  }
  set.add(cancel);
  return () => {
    set.delete(cancel);
    if (set.size === 0 && switches.get(signal) === set) {
      switches.delete(signal);
      signal.removeEventListener('abort', set.listener);
    }
  };
}

function isAbortSignal(s) {
  return s !== null && typeof s === 'object' && typeof s.aborted === 'boolean' && typeof s.addEventListener === 'function';
}

function abortError(action, signal) {
  return new AbortError('The operation was aborted', { cause: signal?.reason, action });
}

/**
 * Runs method `m` with `(params?, options?, callback?)`: an error-first callback as last argument, or a
 * Promise when there is none. Options (`{ signal, timeout ... }`) are only ever the second argument, so
 * a method without parameters takes `(undefined, { signal })` (or `({}, { signal })`).
 */
function invoke(client, m, args) {
  const last = args[args.length - 1];
  const cb = typeof last === 'function' ? last : null;
  // A last argument that is meant as a callback but is not a function would leave the promise's
  // rejection unhandled (and end the process): refuse it now, synchronously. Options (the second
  // argument) are an object.
  if (!cb && last !== undefined && (args.length > 2 || (args.length === 2 && (last === null || typeof last !== 'object')))) {
    throw NcloudError.validation(`${m.action}: the callback must be a function, got ${last === null ? 'null' : typeof last}`);
  }
  let n = cb ? args.length - 1 : args.length;
  while (n > 0 && args[n - 1] === undefined) n--;
  let promise;
  try {
    if (n > 2) throw NcloudError.validation(`Expected (params, options, callback), got ${n} arguments before the callback`);
    const o = n === 2 ? callOptions(args[1]) : NO_OPTIONS;
    const misplaced = n > 0 ? optionsInParams(m.action, args[0]) : null;
    if (misplaced) throw NcloudError.validation(misplaced);
    promise = client._call(m, n > 0 ? args[0] : undefined, o);
  } catch (err) {
    promise = Promise.reject(internal(m, err));
  }
  if (!cb) return promise;
  promise.then(
    (result) => process.nextTick(cb, null, result),
    (err) => process.nextTick(cb, err, null),
  );
  return undefined;
}

/** `err` as an NcloudError: itself, or ERR_INTERNAL (a bug of this package) naming the action. */
function internal(m, err) {
  if (err instanceof NcloudError) return err;
  return new NcloudError({ code: 'ERR_INTERNAL', action: m.action, message: String(err && err.message ? err.message : err) });
}

module.exports = { run, invoke, internal, callOptions, abortError, abortWins, serializeParams, CALL_OPTIONS, NO_OPTIONS };
