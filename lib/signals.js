'use strict';
// A call's options ({ signal }) and what aborting it does: shared by the calls (client.js) and by the
// waiters and paginators (waiters.js).
const { NcloudError, AbortError } = require('./error');
const { unknownOptionsMessage } = require('./hints');

const CALL_OPTIONS = ['signal'];

/** Validates a call's options: `undefined`, or `{ signal }` with an AbortSignal. */
function callOptions(options, allowed = CALL_OPTIONS) {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw NcloudError.validation('The options (second argument) must be an object such as { signal }');
  }
  const unknown = Object.keys(options).filter((k) => !allowed.includes(k));
  if (unknown.length) throw NcloudError.validation(unknownOptionsMessage(unknown, allowed));
  const { signal } = options;
  if (signal !== undefined && !isAbortSignal(signal)) {
    throw NcloudError.validation("'signal' must be an AbortSignal");
  }
  return options;
}

// One 'abort' listener per signal, whatever the number of calls sharing it (no MaxListeners warning
// when 64 calls in flight share one signal); the callbacks of calls that ended are dropped.
const abortCallbacks = new WeakMap();

function onSignalAbort(signal, fn) {
  let set = abortCallbacks.get(signal);
  if (!set) {
    set = new Set();
    const listener = () => {
      abortCallbacks.delete(signal);
      for (const cb of set) cb();
    };
    set.listener = listener;
    abortCallbacks.set(signal, set);
    signal.addEventListener('abort', listener, { once: true });
  }
  set.add(fn);
  return () => {
    set.delete(fn);
    if (set.size === 0 && abortCallbacks.get(signal) === set) {
      abortCallbacks.delete(signal);
      signal.removeEventListener('abort', set.listener);
    }
  };
}

function isAbortSignal(s) {
  return s !== null && typeof s === 'object' && typeof s.aborted === 'boolean' && typeof s.addEventListener === 'function';
}

function abortError(action, signal) {
  return new AbortError('The operation was aborted', { cause: signal?.reason, action: action.replace(/^classic\./, '') });
}

module.exports = { CALL_OPTIONS, callOptions, onSignalAbort, isAbortSignal, abortError };
