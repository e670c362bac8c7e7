'use strict';
// Messages that say what to do about the mistakes everyone makes: a misspelt option ("did you mean"),
// call options passed where the parameters go, empty keys, a spread Emulator. Pure functions over their
// arguments (no client, no I/O): the callers throw the text they return. The same "did you mean" for an
// action's parameter names lives in the Rust validator (src/validate/hints.rs), which has the model's names.

/** Levenshtein distance between two strings (short names only: callers pass option names). */
function distance(a, b) {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

/**
 * The candidate `name` most likely stands for, or null: the same name in another case; a candidate that
 * starts with it or that it starts with (`minDelay` -> `minDelayMs`); else the closest by edit distance,
 * within a quarter of the name's length (at least 2).
 */
function didYouMean(name, candidates) {
  if (typeof name !== 'string' || name.length === 0 || name.length > 100) return null;
  const lower = name.toLowerCase();
  let best = null;
  let bestScore = Infinity;
  for (const c of candidates) {
    const cl = c.toLowerCase();
    let score;
    if (cl === lower) score = 0;
    else if (cl.startsWith(lower) || lower.startsWith(cl)) score = 1 + Math.abs(cl.length - lower.length) / 100;
    else score = distance(lower, cl) + 1;
    if (score < bestScore) {
      bestScore = score;
      best = c;
    }
  }
  return bestScore <= Math.max(2, Math.floor(name.length / 4)) + 1 ? best : null;
}

/** `Invalid options : minDelay (did you mean 'minDelayMs'?); the options here are: ...`. */
function unknownOptionsMessage(unknown, allowed) {
  const parts = unknown.map((k) => {
    const s = didYouMean(k, allowed);
    return s ? `${k} (did you mean '${s}'?)` : k;
  });
  return `Invalid options : ${parts.join(', ')}; the options here are: ${allowed.join(', ')}`;
}

function isAbortSignal(v) {
  return typeof AbortSignal !== 'undefined' && v instanceof AbortSignal;
}

/**
 * When a call's parameters hold call options (`getRegionList({ signal })`, an AbortSignal itself, or
 * `{ serverImageNo, signal }`), the message that says to pass them as the second argument, with the
 * call to write; else null. Only an AbortSignal under an option's name qualifies: a signal is never a
 * parameter value.
 */
function optionsInParams(method, params, options = ['signal']) {
  if (params === null || typeof params !== 'object') return null;
  // The fast path of every call: no signal among the parameters (a property read, no key listing).
  if (!isAbortSignal(params) && !options.some((k) => isAbortSignal(params[k]))) return null;
  const keys = isAbortSignal(params) ? ['signal'] : options.filter((k) => isAbortSignal(params[k]));
  const others = isAbortSignal(params) ? [] : Object.keys(params).filter((k) => !keys.includes(k));
  const shown = keys.join(', ');
  if (others.length > 0) {
    return (
      `${method}: { ${shown} } is an option, not a parameter: options go in the second argument. ` +
      `Write ${method}({ ${others.slice(0, 3).join(', ')}${others.length > 3 ? ', …' : ''} }, { ${shown} })`
    );
  }
  return (
    `${method}: { ${shown} } is an option, not a parameter: options go in the second argument. ` +
    `Write ${method}({}, { ${shown} }) (or ${method}(params, { ${shown} }) with the action's parameters first)`
  );
}

/**
 * The message for keys given but empty (`{ accessKey: '', secretKey: '' }`, often an unset environment
 * variable read with `?? ''`), or null when neither is an empty string.
 */
function emptyKeysMessage(key, secret) {
  const hint =
    'pass your NCP API keys (portal: My Page > Account Management > Authentication Key), omit both to read them from ' +
    'NCLOUD_ACCESS_KEY_ID/NCLOUD_SECRET_ACCESS_KEY or ~/.ncloud/configure, or use emulator: true';
  if (key === '' && secret === '') return `createClient: accessKey and secretKey are both empty strings (an unset environment variable?): ${hint}`;
  if (key === '') return `createClient: accessKey is an empty string while secretKey is set (an unset environment variable?): ${hint}`;
  if (secret === '') return `createClient: secretKey is an empty string while accessKey is set (an unset environment variable?): ${hint}`;
  return null;
}

/**
 * The message for options that are a spread Emulator (`createClient({ ...emulator })`: a spread copies
 * `endpoint`, `accessKey` and `closed`, never the secret key, which is a getter), or null.
 */
function spreadEmulatorMessage(options) {
  if (!Object.prototype.hasOwnProperty.call(options, 'closed') || typeof options.closed !== 'boolean') return null;
  if (typeof options.endpoint !== 'string') return null;
  return (
    'createClient: these options look like a spread Emulator ({ ...emulator } copies endpoint, accessKey and closed, ' +
    'not the secret key): pass the emulator itself, createClient({ emulator }), or its endpoint, accessKey and secretKey: ' +
    'createClient({ endpoint: emulator.endpoint, accessKey: emulator.accessKey, secretKey: emulator.secretKey })'
  );
}

/** `NCLOUD_EMULATOR`: on for 1/true/yes/on, off for 0/false/no/off/empty (any case); else an error text. */
function emulatorEnv(value) {
  if (value === undefined) return { on: false };
  const v = String(value).trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return { on: true };
  if (['', '0', 'false', 'no', 'off'].includes(v)) return { on: false };
  return { on: false, error: `NCLOUD_EMULATOR must be 1 or true (use the embedded emulator) or 0 or false, got '${String(value).slice(0, 40)}'` };
}

module.exports = { distance, didYouMean, unknownOptionsMessage, optionsInParams, emptyKeysMessage, spreadEmulatorMessage, emulatorEnv };
