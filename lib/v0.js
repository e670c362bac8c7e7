'use strict';
/**
 * The old client's first generation (npm `ncloud` 0.1.x, last 0.1.39): `client.compute.*`,
 * `client.management.monitoring.*`, `client.openapi.geolocation.*`, `client.storage.*`, built from the
 * table of its methods (model/surfaces.toml, through the core: `native.surfaces()`). No method is named
 * here: what a method does is its row (its shape, its arguments, its flow); the core checks its
 * arguments with its messages, renames them, makes its look-ups and shapes its result; this file adds
 * what only JavaScript can: the calling convention (error-first callback last, or a Promise), the
 * helpers results carried (`filter`, `STATUS`, `setWait`, non-enumerable, docs A.6), the key file of
 * `createLoginKey({ outputPath })`, and the retired storage API's errors.
 */
const fs = require('node:fs');
const path = require('node:path');
const { EventEmitter } = require('node:events');
const native = require('./native');
const { NcloudError } = require('./error');
const { abortWins, callOptions } = require('./call');
const filters = require('./compat/filters');

const TABLE = JSON.parse(native.surfaces());
const MESSAGES = TABLE.messages;

/** `[messages.common]` text with `{key}`s filled in. */
function common(key, values = {}) {
  return MESSAGES.common[key].replace(/\{(\w+)\}/g, (all, k) => (k in values ? String(values[k]) : all));
}

/** Defines a non-enumerable helper whose getter gives a fresh function, as 0.1.39's `Reflect` did. */
function helper(target, name, make) {
  Reflect.defineProperty(target, name, { get: make, enumerable: false, configurable: true });
}

/** The other method of the same root with this shape (`findServer` for a server's `setWait` ...). */
function sibling(m, shape) {
  const root = m.path.slice(0, m.path.lastIndexOf('.'));
  return TABLE.v0.find((x) => x.shape === shape && x.path.slice(0, x.path.lastIndexOf('.')) === root);
}

/**
 * `server.setWait({ status, interval = 5000, timeout = 1800000, verbose = false }, callback)` (docs
 * A.6.3): polls the server every `interval` ms (first after one interval) until its
 * `serverInstanceStatusName` is `status`; with `verbose`, the callback also sees every poll's progress.
 */
function setWait(surface, m, server) {
  const find = sibling(m, 'server_found');
  return function wait(options, callback) {
    const cb = typeof callback === 'function' ? callback : typeof options === 'function' ? options : () => {};
    const { status, interval = 5000, timeout = 1800000, verbose = false } = (options && typeof options === 'object' ? options : {});
    if (!status) {
      process.nextTick(cb, NcloudError.validation(common('wait_status')));
      return;
    }
    const started = Date.now();
    let over = false;
    const poll = () => {
      if (Date.now() - started >= timeout) {
        over = true;
        cb(new NcloudError({ code: 'ERR_TIMEOUT', action: 'setWait', message: common('wait_timeout') }));
        return;
      }
      surface.call(find, { serverInstanceNo: server.serverInstanceNo }).then(
        (found) => {
          if (over) return;
          if (found.serverInstanceStatusName === status) {
            over = true;
            cb(null, serverHelpers(surface, find, found));
            return;
          }
          if (verbose) cb(null, { serverName: found.serverName, serverInstanceStatusName: found.serverInstanceStatusName });
          setTimeout(poll, interval);
        },
        (err) => {
          if (over) return;
          over = true;
          cb(err);
        },
      );
    };
    setTimeout(poll, interval);
  };
}

/** Gives a server object its `STATUS` and `setWait`. */
function serverHelpers(surface, m, server) {
  if (!server || typeof server !== 'object') return server;
  helper(server, 'STATUS', () => ({ ...TABLE.serverStatus }));
  helper(server, 'setWait', () => setWait(surface, m, server));
  return server;
}

/**
 * `rules.setWait([args], callback)` of `destroyPortForwardingRule`'s result (docs A.6.4): every 5 s the
 * rules are read again, until the deleted external port is gone.
 */
function rulesWait(surface, m, input, rules) {
  const find = sibling(m, 'port_forwarding');
  helper(rules, 'setWait', () => (...args) => {
    const cb = args.find((a) => typeof a === 'function') || (() => {});
    const poll = () => {
      surface.call(find, undefined).then(
        (now) => {
          const left = (now.portForwardingRuleList || []).some((r) => Number(r.portForwardingExternalPort) === Number(input.externalPort));
          if (left) setTimeout(poll, 5000);
          else cb(null, now);
        },
        (err) => cb(err, null),
      );
    };
    setTimeout(poll, 5000);
  });
  return rules;
}

/** The helpers a result of `m` carries, added in place. */
function decorate(surface, m, result, input) {
  switch (m.shape) {
    case 'list_filter':
      if (Array.isArray(result)) helper(result, 'filter', () => filters.generic(result));
      return result;
    case 'flavors':
      if (Array.isArray(result)) helper(result, 'filter', () => filters.flavors(result, MESSAGES.common));
      return result;
    case 'public_ips':
      if (Array.isArray(result)) helper(result, 'filter', () => filters.publicIps(result, MESSAGES.common));
      return result;
    case 'servers':
      if (Array.isArray(result)) for (const s of result) serverHelpers(surface, m, s);
      return result;
    case 'server':
    case 'server_found':
      return serverHelpers(surface, m, result);
    case 'port_forwarding_deleted':
      return result && typeof result === 'object' ? rulesWait(surface, m, input, result) : result;
    case 'login_key_created': {
      const file = keyFile(input);
      if (!file) return result;
      try {
        // Readable by its owner only, as ssh wants a private key (0.1.39 left the umask's mode).
        fs.writeFileSync(file, result.privateKey ?? '', { encoding: 'utf8', mode: 0o600 });
      } catch (err) {
        throw keyNotWritten(m, result, file, err);
      }
      return result;
    }
    default:
      return result;
  }
}

/**
 * `<outputPath>/<loginKeyName>.pem`, where `createLoginKey({ loginKeyName, outputPath })` writes the
 * private key, or null when `outputPath` is not given (0.1.39 wrote nothing for a falsy one).
 */
function keyFile(input) {
  const dir = input && input.outputPath;
  if (!dir) return null;
  return path.join(dir, `${input.loginKeyName}.pem`);
}

/**
 * The checks of `createLoginKey`'s `outputPath`, before the key is made (NCP gives its private key
 * once): a directory that exists and can be written, and a key file that could be written there. With
 * Node's own path and fs functions only, so that it holds on Windows as on POSIX systems.
 */
function checkKeyFile(m, input) {
  const dir = input && input.outputPath;
  if (!dir) return;
  const refuse = (why) => {
    throw NcloudError.validation(`${m.path}: 'outputPath' ${why}; nothing was sent (the private key is given only once: check where it goes first)`);
  };
  if (typeof dir !== 'string') refuse(`must be the path of a directory (a string), got ${Array.isArray(dir) ? 'an array' : typeof dir}`);
  const name = String(input.loginKeyName ?? '');
  if (/[\\/]/.test(name) || name === '.' || name === '..') refuse(`cannot hold a key file named after '${name}' (a path, not a name)`);
  let stat;
  try {
    stat = fs.statSync(dir);
  } catch (err) {
    refuse(`${JSON.stringify(dir)} cannot be used: ${err.code === 'ENOENT' ? 'no such directory' : err.code || err.message}`);
  }
  if (!stat.isDirectory()) refuse(`${JSON.stringify(dir)} is not a directory`);
  const file = keyFile(input);
  let target = null;
  try {
    target = fs.statSync(file);
  } catch {
    // No such file yet: it is created.
  }
  if (target && !target.isFile()) refuse(`${JSON.stringify(file)} exists and is not a file`);
  try {
    fs.accessSync(target ? file : dir, fs.constants.W_OK);
  } catch (err) {
    refuse(`${JSON.stringify(target ? file : dir)} cannot be written (${err.code || err.message})`);
  }
}

/**
 * The key was made but its file could not be written: an NcloudError that carries the result
 * (`err.result`: `{ loginKeyName, privateKey }`, not enumerable, so that logging the error does not
 * print the key), the file (`err.path`) and the file system's error (`err.cause`).
 */
function keyNotWritten(m, result, file, cause) {
  const err = new NcloudError({
    code: 'ERR_OUTPUT_FILE',
    action: m.action ? m.action.name : m.name,
    message: `${m.path}: the login key '${result.loginKeyName}' was created, but its private key could not be written to ${file} (${cause.code || cause.message}): it is on err.result.privateKey, and NCP gives it only once`,
  });
  Object.defineProperty(err, 'result', { value: result, enumerable: false, configurable: true, writable: true });
  err.path = file;
  err.cause = cause;
  return err;
}

/**
 * 0.1.39 handed its callback axios's error, whose `response` (`{ status, data, ... }`) callers read:
 * an error that came with an HTTP answer carries `response: { status, data }` here too (not
 * enumerable), `data` as 0.1.39 left it: `{ returnCode, returnMessage }` for an API error (it unwrapped
 * `responseError`), the gateway's `{ error: { errorCode, message } }` otherwise. Errors without an
 * answer (network, timeout, validation) have none, as axios's had none.
 */
function withResponse(err) {
  if (!(err instanceof NcloudError) || err.response !== undefined || err.httpStatus === undefined) return err;
  const data = err.code === 'ERR_API'
    ? { returnCode: err.returnCode, returnMessage: err.returnMessage }
    : { error: { errorCode: err.returnCode ?? err.code, message: err.returnMessage ?? err.message } };
  Object.defineProperty(err, 'response', { value: { status: err.httpStatus, data }, enumerable: false, configurable: true, writable: true });
  return err;
}

/** The retired storage API's answer: what replaced it, never a `TypeError`. */
function retired(m) {
  const name = m.path.slice(m.path.lastIndexOf('.') + 1);
  return new NcloudError({
    code: 'ERR_UNSUPPORTED',
    action: name,
    message: `${m.path}() of the old ncloud 0.1.x client used ${m.retired}, which NCP has retired: use ${m.replacement}`,
  });
}

const warned = new Set();

/** `err` (a retired method's) as a process warning, once per method. */
function warnOnce(m, err) {
  if (warned.has(m.path)) return;
  warned.add(m.path);
  process.emitWarning(`${err.message} (no 'error' listener on the emitter it returned)`, { type: 'NcloudWarning', code: err.code });
}

/** Splits `(params?, options?, callback?)` as every method of this package does. */
function split(m, args) {
  const cb = typeof args[args.length - 1] === 'function' ? args.pop() : null;
  while (args.length > 0 && args[args.length - 1] === undefined) args.pop();
  if (args.length > 2) throw NcloudError.validation(`${m.path}: expected (params, options, callback), got ${args.length} arguments before the callback`);
  return { params: args[0], options: callOptions(args[1]), cb };
}

/** One method of the table, as a function: error-first callback last, or a Promise. */
function method(surface, m) {
  if (m.shape === 'retired') {
    if (m.args === 'params->emitter') {
      return function emitter() {
        const e = new EventEmitter();
        // An 'error' event with no listener throws, which would end the process: with no listener by
        // the next tick, the error becomes a process warning instead (printed once per method).
        process.nextTick(() => {
          const err = retired(m);
          if (e.listenerCount('error') > 0) e.emit('error', err);
          else warnOnce(m, err);
        });
        return e;
      };
    }
    return function retiredMethod(...args) {
      const cb = typeof args[args.length - 1] === 'function' ? args[args.length - 1] : null;
      if (!cb) return Promise.reject(retired(m));
      process.nextTick(cb, retired(m), null);
      return undefined;
    };
  }
  return function oldMethod(...args) {
    // A last argument meant as a callback that is not a function: refused now, as every method does
    // (its rejection would otherwise go unhandled).
    const last = args[args.length - 1];
    if (typeof last !== 'function' && last !== undefined && (args.length > 2 || (args.length === 2 && (last === null || typeof last !== 'object')))) {
      throw NcloudError.validation(`${m.path}: the callback must be a function, got ${last === null ? 'null' : typeof last}`);
    }
    let promise;
    let cbOut = null;
    try {
      const { params, options, cb } = split(m, args);
      const signal = options.signal;
      cbOut = cb;
      const action = m.action ? m.action.name : m.name;
      if (m.shape === 'login_key_created') checkKeyFile(m, params);
      const call = surface.call(m, params, options).then(
        (result) => decorate(surface, m, result, params),
        (err) => {
          throw withResponse(err);
        },
      );
      promise = abortWins(call, signal, action);
    } catch (err) {
      promise = Promise.reject(err);
    }
    if (!cbOut) return promise;
    promise.then(
      (result) => process.nextTick(cbOut, null, result),
      (err) => process.nextTick(cbOut, err, null),
    );
    return undefined;
  };
}

/**
 * Puts every 0.1.x method on `client` at its path (`client.compute.findServers`,
 * `client.management.monitoring.findMetrics` ...). `call(name, params, options)` runs one method of
 * the core by its name with the call's checked options and resolves to its result.
 */
function attach(client, call) {
  // The array form of a method that takes one (`createPortForwardingRule([...])`) crosses as
  // `{ $items: [...] }`: the core's calls take an object.
  const surface = {
    call: (m, params, options) => call(m.name, Array.isArray(params) && m.args === 'params|list' ? { $items: params } : params, options),
  };
  for (const m of TABLE.v0) {
    const parts = m.path.split('.');
    const name = parts.pop();
    let node = client;
    for (const part of parts) {
      if (node[part] === undefined) node[part] = {};
      node = node[part];
    }
    const fn = method(surface, m);
    Object.defineProperty(fn, 'name', { value: name });
    node[name] = fn;
  }
}

module.exports = { attach, TABLE };
