'use strict';
/**
 * The `filter` helpers the old 0.1.x client put on some of its lists (docs/old-clients.md A.6.2), as
 * functions over the list they belong to. `filter()` gives the list itself, `filter(fn)` a plain
 * filtered copy; an object filters by the rules of the list's kind. Wrong arguments throw at once,
 * in the caller's code, with the old client's texts (model/surfaces.toml [messages.common]).
 */
const { NcloudError } = require('../error');

/** Deep equality with strict types (`2` is not `'2'`), objects and arrays compared whole. */
function deepEqual(a, b) {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
}

/** `filter()` and `filter(fn)`, common to every kind; `undefined` when the argument is an object. */
function basic(list, input) {
  if (input === undefined) return list;
  if (typeof input === 'function') return Array.prototype.filter.call([...list], input);
  return undefined;
}

/** The generic helper: `filter({ k: v, ... })` keeps the items whose every given key deep-equals. */
function generic(list) {
  return function filter(input) {
    const done = basic(list, input);
    if (done !== undefined) return done;
    const wanted = Object.keys(input ?? {});
    return Array.prototype.filter.call([...list], (item) => wanted.every((k) => deepEqual(item?.[k], input[k])));
  };
}

const UNITS = { b: 1, kb: 2 ** 10, mb: 2 ** 20, gb: 2 ** 30, tb: 2 ** 40, pb: 2 ** 50 };

/** A size as the `bytes` package of 0.1.39 read it (`'4GB'`, `'512mb'`, `1024`), or null. */
function parseBytes(v) {
  if (typeof v === 'number') return Number.isNaN(v) ? null : v;
  if (typeof v !== 'string') return null;
  const m = /^([-+]?\d+(?:\.\d+)?) *(kb|mb|gb|tb|pb)$/i.exec(v);
  const n = m ? Number.parseFloat(m[1]) : Number.parseInt(v, 10);
  if (Number.isNaN(n)) return null;
  return Math.floor(n * UNITS[m ? m[2].toLowerCase() : 'b']);
}

/**
 * The flavors' helper: `filter({ vCpu, memory, storage, storageType })` (other keys and falsy values
 * ignored): CPU count, memory size, base + additional storage size, `ssd` or `hdd` by the name.
 */
function flavors(list, texts) {
  return function filter(input) {
    const done = basic(list, input);
    if (done !== undefined) return done;
    let { vCpu, memory, storage, storageType } = input ?? {};
    if (vCpu && typeof vCpu !== 'number') throw NcloudError.validation(texts.filter_vcpu);
    if (memory) {
      memory = parseBytes(memory);
      if (memory === null) throw NcloudError.validation(texts.filter_memory);
    }
    if (storage) {
      storage = parseBytes(storage);
      if (storage === null) throw NcloudError.validation(texts.filter_storage);
    }
    const type = storageType ? String(storageType).toLowerCase() : null;
    if (type && type !== 'ssd' && type !== 'hdd') throw NcloudError.validation(texts.filter_storage_type);
    return Array.prototype.filter.call([...list], (f) => {
      if (vCpu && vCpu !== f.cpuCount) return false;
      if (memory && memory !== f.memorySize) return false;
      if (storage && storage !== f.baseBlockStorageSize + f.addBlockStroageSize) return false;
      if (type) {
        const ssd = String(f.vmFlavorName ?? '').toLowerCase().includes('ssd');
        if ((type === 'ssd') !== ssd) return false;
      }
      return true;
    });
  };
}

/** The public IPs' helper: `filter({ publicInstanceStatus: 'created' | 'used' })`. */
function publicIps(list, texts) {
  return function filter(input) {
    const done = basic(list, input);
    if (done !== undefined) return done;
    const status = input?.publicInstanceStatus;
    if (status !== 'created' && status !== 'used') throw NcloudError.validation(texts.filter_public_ip);
    return Array.prototype.filter.call([...list], (ip) => ip.publicIpInstanceStatusName === status);
  };
}

module.exports = { generic, flavors, publicIps, parseBytes, deepEqual };
