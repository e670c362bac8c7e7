'use strict';
/**
 * The old client's second generation (npm `ncloud` 1.x, 2018-2020, last 1.1.4, on the API gateway):
 *
 *   const client = ncloud.createClient({ accessKey, secretKey });
 *   client.setConfig({ regionNo: '1' });
 *   const { zoneList } = await client.IaaS.server().getZoneList();
 *
 * Every surface and method comes from the table of 1.1.4's `description.yaml` (model/surfaces.toml,
 * through the core: `native.surfaces()`); as 1.x did (docs/old-clients.md Part B):
 * - `setConfig(values)` merges `values` into the client's store and returns the client; every value but
 *   the keys (`regionNo`, ...) is put under each call's own parameters (`{ ...store, ...input }`);
 * - the declared types and enums of the keys given are checked, and a wrong one is thrown at once with
 *   1.x's text (`Invalid Input Type: ...`);
 * - a method resolves to the API's response object without its `{action}Response` wrapper (the whole
 *   body for `PaaS.geoLocation().geoLocation`); keys the action does not take are sent as given, as
 *   1.1.4 sent them (it only warned; NCP ignores them): text, numbers, booleans, lists as `key.N`;
 * - the two hand-written methods: `createServerInstances` (base64 `userData`) and
 *   `getNasVolumeInstanceRatingList` (`ratingTime` in Korean time) over their generated ("Proto") ones.
 * Errors carry axios's `e.response` (`{ status, data }`), which 1.x code reads in its catch blocks.
 */
const { NcloudError } = require('./error');
const { TABLE } = require('./v0');

const MESSAGES = TABLE.messages.v1;

/**
 * 1.x users read `e.response.data` in their catch blocks (its own tests do). Every error of this surface
 * carries that object, shaped as the API's error body, so such code keeps working instead of throwing a
 * TypeError inside the catch block.
 */
function withResponse(err) {
  if (err instanceof NcloudError && err.response === undefined) {
    const data = err.returnCode !== undefined
      ? { responseError: { returnCode: err.returnCode, returnMessage: err.returnMessage } }
      : { error: { errorCode: err.code, message: err.message } };
    Object.defineProperty(err, 'response', {
      value: { status: err.httpStatus ?? null, data },
      enumerable: false,
      configurable: true,
      writable: true,
    });
  }
  return err;
}

function text(key, values) {
  return MESSAGES[key].replace(/\{(\w+)\}/g, (all, k) => (k in values ? values[k] : all));
}

/** 1.x's checks of the declared keys given: their types, their enums (thrown synchronously). */
function checkTypes(m, input) {
  for (const p of m.params) {
    const v = input[p.name];
    if (v === undefined) continue;
    const vars = { key: p.name, action: m.action ? m.action.name : m.name };
    let ok;
    switch (p.type) {
      case 'string':
        if (typeof v !== 'string') throw withResponse(NcloudError.validation(text('type_string', vars)));
        if (p.values.length && !p.values.includes(v)) {
          throw withResponse(NcloudError.validation(text('type_enum', { ...vars, json: JSON.stringify(p.values) })));
        }
        break;
      case 'string[]':
        ok = Array.isArray(v) && v.every((x) => typeof x === 'string');
        if (!ok) throw withResponse(NcloudError.validation(text('type_string_list', vars)));
        break;
      case 'number':
        if (typeof v !== 'number') throw withResponse(NcloudError.validation(text('type_number', vars)));
        break;
      case 'any[]':
        if (!Array.isArray(v)) throw withResponse(NcloudError.validation(text('type_array', vars)));
        break;
      case 'boolean':
        if (typeof v !== 'boolean') throw withResponse(NcloudError.validation(text('type_boolean', vars)));
        break;
      default:
        break;
    }
  }
}

/** The store of a client: what `setConfig` and `createClient` were given (keys kept apart, never shown). */
const stores = new WeakMap();

function store(client) {
  let s = stores.get(client);
  if (!s) {
    s = { values: {} };
    stores.set(client, s);
  }
  return s;
}

/** `client.setConfig(values)`: merges into the store; new keys replace the client's credentials. */
function setConfig(client, values = {}) {
  if (values === null || typeof values !== 'object') {
    throw NcloudError.validation('setConfig expects an object');
  }
  const { accessKey, secretKey, ...rest } = values;
  const s = store(client);
  s.values = { ...s.values, ...rest };
  if (accessKey !== undefined || secretKey !== undefined) client._setKeys(accessKey, secretKey);
  return client;
}

const KST_MS = 9 * 3600 * 1000;

/** A time as 1.x's moment-timezone wrote it in Asia/Seoul (`YYYY-MM-DDTHH:mm:ssZZ`), or the value as is. */
function kst(value) {
  const m = typeof value === 'string'
    ? /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(value)
    : null;
  if (!m) return value;
  const [, y, mo, d, h, mi, s, zone] = m;
  let offset = 0;
  if (zone && zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offset = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60000;
  } else if (!zone) {
    offset = KST_MS;
  }
  const t = new Date(Date.UTC(+y, +mo - 1, +d, +h, +mi, +s) - offset + KST_MS);
  const two = (n) => String(n).padStart(2, '0');
  return `${t.getUTCFullYear()}-${two(t.getUTCMonth() + 1)}-${two(t.getUTCDate())}T${two(t.getUTCHours())}:${two(t.getUTCMinutes())}:${two(t.getUTCSeconds())}+0900`;
}

/** A copy of `value` with the field at `path` (`a.*.b`) rewritten by `f`. */
function rewrite(value, path, f) {
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.map((v) => rewrite(v, path, f));
  if (value === null || typeof value !== 'object') return value;
  if (head === '*') return rewrite(value, rest, f);
  if (!(head in value)) return value;
  return { ...value, [head]: rest.length ? rewrite(value[head], rest, f) : f(value[head]) };
}

function unsupported(path, name, why) {
  return () =>
    Promise.reject(
      withResponse(
        new NcloudError({
          code: 'ERR_UNSUPPORTED',
          action: name,
          message: `${path}.${name}() of the old ncloud 1.x client is not supported: ${why}`,
        }),
      ),
    );
}

/**
 * `s` as the text it is the canonical base64 of, when it is one (valid UTF-8, encoding back to `s`):
 * a generated ("Proto") method sent `userData` as given, base64 already, where the core encodes it.
 */
function unbase64(s) {
  // No regular expression: one over megabytes of text overflows the stack (RangeError). Encoding the
  // decoded text back to `s` is the whole check: Buffer skips what is not base64, which then differs.
  if (typeof s !== 'string' || s === '' || s.length % 4 !== 0) return s;
  const t = new TextDecoder('utf-8', { fatal: false }).decode(Buffer.from(s, 'base64'));
  return Buffer.from(t, 'utf8').toString('base64') === s ? t : s;
}

/**
 * A key the action does not declare as 1.1.4 sent it: text as is, a number or boolean as its text, a list
 * as `key.1`, `key.2` ... An object (1.1.4 sent `[object Object]`) is refused: give its fields as text.
 */
function asGiven(m, key, value) {
  const text = (v, at) => {
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    throw NcloudError.validation(`'${at}' is not a parameter of ${m.action ? m.action.name : m.name} and is sent as given, as 1.x sent it: it must be text, a number, a boolean or a list of them, got ${v === null ? 'null' : typeof v}`);
  };
  if (Array.isArray(value)) return value.map((v, i) => [`${key}.${i + 1}`, text(v, `${key}[${i}]`)]);
  return [[key, text(value, key)]];
}

/**
 * `fn` as a method that settles: 1.x's own checks still throw at once (an NcloudError, as 1.x threw),
 * anything else thrown on the way (a bug of this package) rejects the promise as ERR_INTERNAL.
 */
function settles(name, fn) {
  return function method(...args) {
    try {
      return fn.apply(this, args);
    } catch (err) {
      if (err instanceof NcloudError) throw err;
      return Promise.reject(withResponse(new NcloudError({ code: 'ERR_INTERNAL', action: name, message: String(err && err.message ? err.message : err) })));
    }
  };
}

/** The methods of one surface (`IaaS.server()`), as a fresh object each call, as 1.x made them. */
function surfaceMethods(client, call, surface) {
  const out = {};
  // Keys a hand-written method base64-encodes before its generated method, which the core encodes too.
  const verbatim = new Map();
  for (const m of surface.methods) {
    for (const [key, t] of m.transforms) {
      const target = surface.methods.find((x) => x.name === m.wraps);
      if (t === 'base64' && target && target.encodes.includes(key)) verbatim.set(target.name, [...(verbatim.get(target.name) ?? []), key]);
    }
  }
  const generated = (m) => settles(m.name, (input = {}) => {
    const merged = { ...store(client).values, ...(input ?? {}) };
    checkTypes(m, merged);
    const takes = new Set(m.takes);
    const params = {};
    // Keys the action does not declare go as given, as 1.1.4 sent them (NCP ignores what it does not know).
    const extra = [];
    try {
      for (const [k, v] of Object.entries(merged)) {
        if (v === undefined || v === null || typeof v === 'function') continue;
        if (takes.has(k)) params[k] = (verbatim.get(m.name) ?? []).includes(k) ? unbase64(v) : v;
        else extra.push(...asGiven(m, k, v));
      }
    } catch (err) {
      // Not one of 1.x's checks (it sent anything): a rejection, as any other refusal of a call.
      return Promise.reject(withResponse(err));
    }
    return call(m.action, params, extra.length ? extra : undefined).then(
      (res) => (m.body && res && /^\d+$/.test(res.returnCode) ? { ...res, returnCode: Number(res.returnCode) } : res),
      (err) => {
        throw withResponse(err);
      },
    );
  });
  for (const m of surface.methods) {
    if (m.unreachable || !m.action) {
      out[m.name] = unsupported(`${surface.path}()`, m.name, `${surface.path}() returned undefined in 1.1.4 and its API is not one this package speaks`);
      continue;
    }
    if (!m.wraps) {
      out[m.name] = generated(m);
      continue;
    }
    // A hand-written method: its transformations, then the generated method, then its result rewrite.
    const wrapped = surface.methods.find((x) => x.name === m.wraps);
    const inner = generated(wrapped);
    out[m.name] = settles(m.name, function handWritten(input = {}) {
      const copy = { ...(input ?? {}) };
      for (const [key, t] of m.transforms) {
        if (t === 'base64' && copy[key]) copy[key] = Buffer.from(String(copy[key])).toString('base64');
      }
      const result = inner.call(this, copy);
      if (!m.resultKst) return result;
      return result.then((res) => rewrite(res, m.resultKst.split('.'), kst));
    });
  }
  return out;
}

/** `client.IaaS` and `client.PaaS`: each surface a getter call (`client.IaaS.server()`), as 1.x. */
function roots(client, call) {
  const out = {};
  for (const surface of TABLE.v1) {
    const [root, getter] = surface.path.split('.');
    out[root] ??= {};
    out[root][getter] = () => surfaceMethods(client, call, surface);
  }
  return out;
}

module.exports = { setConfig, roots, withResponse, kst };
