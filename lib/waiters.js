'use strict';
// The declared waiters (`compute.waitForServerImage` ...; src/catalog/waiters.rs, declared in
// model/*.toml as acceptors, as the AWS SDKs declare theirs): poll a read action until an acceptor
// decides, backing off with jitter.
const util = require('node:util');
const timers = require('node:timers/promises');
const { NcloudError } = require('./error');
const { callOptions, abortError, abortWins, CALL_OPTIONS } = require('./call');
const { METHODS, DECLARED } = require('./table');

/** A waiter's options: its own, and those of each poll's call (`signal` ends the whole wait). */
const WAIT_OPTIONS = ['minDelayMs', 'maxDelayMs', 'intervalMs', 'timeoutMs', 'onPoll', 'regionCode', ...CALL_OPTIONS];

function waitOptions(w, options) {
  if (options === null) throw NcloudError.validation(`${w.name}: the waiter options must be an object`);
  const o = callOptions(options, WAIT_OPTIONS);
  // Delays below 10 ms would poll the API in a busy loop.
  const ms = (key, dflt, min = 10) => {
    const v = o[key];
    if (v === undefined) return dflt;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > 2 ** 31 - 1) {
      throw NcloudError.validation(`'${key}' must be a finite number of milliseconds from ${min} to 2147483647, got ${util.inspect(v)}`);
    }
    return v;
  };
  // `intervalMs` (the first release's option) is a fixed delay: min = max.
  const interval = ms('intervalMs', undefined);
  const minDelayMs = ms('minDelayMs', interval ?? DECLARED.minDelayMs);
  const maxDelayMs = ms('maxDelayMs', interval ?? Math.max(DECLARED.maxDelayMs, minDelayMs));
  if (minDelayMs > maxDelayMs) throw NcloudError.validation(`'minDelayMs' (${minDelayMs}) must not exceed 'maxDelayMs' (${maxDelayMs})`);
  const timeoutMs = ms('timeoutMs', w.timeoutMs, 0);
  if (o.onPoll !== undefined && typeof o.onPoll !== 'function') throw NcloudError.validation("'onPoll' must be a function");
  if (o.regionCode !== undefined && typeof o.regionCode !== 'string') throw NcloudError.validation("'regionCode' must be a string");
  return { minDelayMs, maxDelayMs, timeoutMs, signal: o.signal, onPoll: o.onPoll, regionCode: o.regionCode, call: { signal: o.signal, limits: o.limits } };
}

/**
 * The delay after poll `attempt` (1, 2, ...): it grows 1.5 times per poll from `min` to at most `max`,
 * and is drawn in [min, that] by `random` (0 to 1), so that many waiters started together spread out.
 */
function waitDelay(attempt, min, max, random) {
  const grown = Math.min(max, min * 1.5 ** Math.min(attempt - 1, 64));
  return Math.round(min + random * (grown - min));
}

/** The value at a dotted path of the item (`serverImageStatus.code`), or undefined. */
function at(item, path) {
  let v = item;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = v[key];
  }
  return v;
}

/**
 * The first of the waiter's acceptors (src/catalog/waiters.rs, declared in model/*.toml) that matches
 * an answer (`item`, or the call's `err`), or null: poll again.
 */
function accept(w, item, err) {
  for (const a of w.acceptors) {
    const m = a.matcher;
    let hit;
    if (m.path) {
      if (err || !item) continue;
      const v = at(item, m.path);
      hit = m.op === '=' ? v === m.values[0] : m.op === '!=' ? v !== m.values[0] : m.values.includes(v);
    } else if (m.empty) {
      hit = !err && !item;
    } else if (m.error !== undefined) {
      hit = !!err && err.code === 'ERR_API' && err.returnCode === m.error;
    } else if (m.gone) {
      hit = err ? err.code === 'ERR_API' && m.gone.includes(err.returnCode) : !item;
    }
    if (hit) return a.state;
  }
  return null;
}

/**
 * A declared waiter: polls the read action, first at once, then after a delay growing 1.5 times per
 * poll from `minDelayMs` to `maxDelayMs` (with jitter), until an acceptor decides: success (resolves
 * with the item, or `null` when it is gone), failure (ERR_API), or `timeoutMs` has passed
 * (ERR_TIMEOUT). An error no acceptor takes rejects at once. `signal` aborts the poll in flight and the
 * sleep; `onPoll({ attempt, elapsedMs, status, operation, item })` sees every answer.
 */
function waitFor(client, w, no, options) {
  let o;
  try {
    o = waitOptions(w, options);
  } catch (err) {
    return Promise.reject(err);
  }
  // An abort before the waiter settles rejects it, even when the last poll's answer was already in.
  return abortWins(poll(client, w, no, o), o.signal, METHODS[w.index].action);
}

/** The polls of a waiter with its checked options `o` (see `waitFor`). */
async function poll(client, w, no, o) {
  if (typeof no !== 'string' && !(typeof no === 'number' && Number.isInteger(no))) {
    throw NcloudError.validation(`${w.name}: '${w.idParam}' must be a string or an integer`);
  }
  const m = METHODS[w.index];
  const params = { [w.idParam]: w.idList ? [String(no)] : String(no) };
  if (o.regionCode !== undefined) params.regionCode = o.regionCode;
  const started = Date.now();
  const describe = (item) => {
    const name = w.statusName ? item?.[w.statusName] : undefined;
    const codes = [w.status && item?.[w.status]?.code, w.operation && item?.[w.operation]?.code].filter(Boolean);
    return name !== undefined ? `${name} (${codes.join('/')})` : codes.length ? codes.join('/') : 'without a status';
  };
  for (let attempt = 1; ; attempt++) {
    let item = null;
    let err = null;
    try {
      const res = await client._call(m, params, o.call);
      item = res?.[w.list]?.[0] ?? null;
    } catch (e) {
      if (e.code === 'ABORT_ERR') throw e;
      err = e;
    }
    const state = accept(w, item, err);
    if (err && state === null) throw err;
    const status = (w.status && item?.[w.status]?.code) ?? null;
    const operation = (w.operation && item?.[w.operation]?.code) ?? null;
    const elapsedMs = Date.now() - started;
    if (o.onPoll) o.onPoll({ attempt, elapsedMs, status, operation, item });
    if (state === 'success') return item;
    if (state === 'failure') {
      throw new NcloudError({
        code: 'ERR_API',
        action: m.action,
        message: err
          ? `${w.idParam} ${no} will not be ${w.goal}: ${err.message}`
          : item
            ? `${w.idParam} ${no} will not be ${w.goal}: it is ${describe(item)}`
            : `${w.idParam} ${no} will not be ${w.goal}: it is gone`,
      });
    }
    const delay = waitDelay(attempt, o.minDelayMs, o.maxDelayMs, Math.random());
    if (Date.now() - started + delay > o.timeoutMs) {
      const name = w.statusName ? item?.[w.statusName] : undefined;
      const state = !item
        ? 'not found'
        : `still ${name ?? (status !== null ? `in status ${status}` : `without a status${w.statusName ? ` (no ${w.statusName} in the answer)` : ''}`)}`;
      throw new NcloudError({
        code: 'ERR_TIMEOUT',
        action: m.action,
        message: `${w.idParam} ${no} was ${state} after ${o.timeoutMs} ms (${attempt} polls), waiting for it to be ${w.goal}`,
      });
    }
    try {
      await timers.setTimeout(delay, undefined, o.signal ? { signal: o.signal } : undefined);
    } catch (err) {
      if (err?.name === 'AbortError') throw abortError(m.action, o.signal);
      throw err;
    }
  }
}

module.exports = { waitFor, waitDelay, WAIT_OPTIONS };
