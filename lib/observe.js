'use strict';
// What a client tells about its calls: one record per attempt (action, attempt, start, duration, HTTP
// status, return code, error code, request id, why it was retried or given up), never a key, a secret
// or a signature. The core hands a call's records over with its outcome (the `Observe`r of
// src/transport.rs), only when someone listens: a `logger`, `hooks`, or NODE_DEBUG=ncloud, which all
// take them from here. A client with none of them asks the core for nothing (no per-call cost).
const util = require('node:util');
const { NcloudError } = require('./error');
const { didYouMean } = require('./hints');

const debug = util.debuglog('ncloud');

const LEVELS = ['debug', 'info', 'warn', 'error'];
const HOOKS = ['onAttempt', 'onResponse'];

/** The level of an attempt's record: its outcome, and what followed it. */
function levelOf(record) {
  if (!record.error) return 'debug';
  if (record.error === 'ABORT_ERR' || record.error === 'ERR_CLIENT_CLOSED') return 'info';
  return record.retry ? 'warn' : 'error';
}

/** The one-line text of a record (the NODE_DEBUG line, and a record's `msg`). */
function line(r) {
  const outcome = r.error ? `${r.error}` : 'ok';
  const tail = r.retry ? `; retrying: ${r.retry}` : r.gaveUp ? `; gave up: ${r.gaveUp}` : '';
  return `${r.action} attempt ${r.attempt}: ${outcome} HTTP ${r.status ?? '-'} returnCode ${r.returnCode ?? '-'} in ${r.durationMs} ms, requestId ${r.requestId ?? '-'}${tail}`;
}

function describe(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/** `logger` checked: an object with the four methods (console, pino, winston, bunyan ... fit). */
function checkLogger(logger) {
  if (logger === undefined || logger === null) return null;
  if (typeof logger !== 'object' && typeof logger !== 'function') {
    throw NcloudError.validation(`'logger' must be an object with debug, info, warn and error methods (console, pino, winston ...), got ${describe(logger)}`);
  }
  const missing = LEVELS.filter((l) => typeof logger[l] !== 'function');
  if (missing.length) throw NcloudError.validation(`'logger' has no ${missing.join(', ')} method${missing.length > 1 ? 's' : ''}: give an object with debug, info, warn and error (console, pino, winston ...)`);
  return logger;
}

/** `hooks` checked: `{ onAttempt?, onResponse? }`, functions; another name is refused with a did-you-mean. */
function checkHooks(hooks) {
  if (hooks === undefined || hooks === null) return null;
  if (typeof hooks !== 'object' || Array.isArray(hooks)) throw NcloudError.validation(`'hooks' must be an object such as { onAttempt, onResponse }, got ${describe(hooks)}`);
  for (const k of Object.keys(hooks)) {
    if (!HOOKS.includes(k)) {
      const s = didYouMean(k, HOOKS);
      throw NcloudError.validation(`'hooks.${k}' is not a hook${s ? ` (did you mean '${s}'?)` : ''}; the hooks are: ${HOOKS.join(', ')}`);
    }
    if (hooks[k] !== undefined && typeof hooks[k] !== 'function') throw NcloudError.validation(`'hooks.${k}' must be a function, got ${describe(hooks[k])}`);
  }
  return hooks.onAttempt || hooks.onResponse ? hooks : null;
}

/**
 * The observer of a client's calls, or null when no one listens (then the core builds no record).
 * `report(action, trace, error)` is called once per call that reached the core, with its attempts'
 * records and its error's fields (none on success), before the call settles.
 */
function makeObserver(logger, hooks) {
  const log = checkLogger(logger);
  const h = checkHooks(hooks);
  const nodeDebug = debug.enabled;
  if (!log && !h && !nodeDebug) return null;
  let warned = false;
  // A listener that throws must not change the call's outcome: its error becomes one process warning.
  const guard = (what, fn, arg) => {
    try {
      fn(arg);
    } catch (err) {
      if (warned) return;
      warned = true;
      process.emitWarning(`ncloud: ${what} threw (ignored; later errors of this client's listeners are not reported): ${err && err.message ? err.message : err}`, { type: 'NcloudWarning', code: 'NCLOUD_LISTENER_THREW' });
    }
  };
  return {
    report(action, trace, error) {
      const records = Array.isArray(trace) ? trace : [];
      for (const r of records) {
        const record = { action, ...r };
        if (nodeDebug) debug('%s', line(record));
        if (log) {
          const level = levelOf(record);
          guard(`logger.${level}`, (rec) => log[level](rec), { ...record, msg: line(record) });
        }
        if (h && h.onAttempt) guard('hooks.onAttempt', h.onAttempt, record);
      }
      if (h && h.onResponse) {
        const last = records[records.length - 1];
        const first = records[0];
        const end = last ? last.startTime + last.durationMs : undefined;
        guard('hooks.onResponse', h.onResponse, {
          action,
          ok: !error,
          attempts: records.length,
          startTime: first ? first.startTime : undefined,
          durationMs: first && end !== undefined ? end - first.startTime : 0,
          status: error ? error.httpStatus : last?.status,
          returnCode: error ? error.returnCode : last?.returnCode,
          requestId: error ? error.requestId : last?.requestId,
          error: error ? error.code : undefined,
        });
      }
    },
  };
}

module.exports = { makeObserver, levelOf, line, HOOKS, LEVELS };
