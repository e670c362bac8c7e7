'use strict';
// What `createClient(options)` turns into: checked options, credentials from the one place they come
// from (options, then the environment, then ~/.ncloud/configure), a checked endpoint, and whether the
// embedded emulator was asked for. Nothing here falls back silently to a fake cloud.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const native = require('./native');
const hints = require('./hints');
const { NcloudError } = require('./error');
const { pairOf } = require('./credentials');

const DEFAULT_ENDPOINT = 'https://ncloud.apigw.ntruss.com';

/**
 * NCP's sites (`public`, `gov`, `fin`: src/site.rs, each API's hosts from the model): their names,
 * default regions and the hosts their APIs are served on.
 */
const SITES = native.sites();
const SITE_NAMES = SITES.map((s) => s.name);

/** Names people give a site that mean one of ours. */
const SITE_ALIASES = { government: 'gov', 'gov-ncloud': 'gov', financial: 'fin', finance: 'fin', 'fin-ncloud': 'fin', pub: 'public', default: 'public' };

/** The site named by `value` (the option, NCLOUD_SITE or the profile's ncloud_site), checked. */
function siteName(value, source) {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw validation(`${source} must be one of ${SITE_NAMES.map((n) => `'${n}'`).join(', ')}, got ${describe(value)}`);
  if (SITE_NAMES.includes(value)) return value;
  const alias = SITE_ALIASES[value.toLowerCase()] ?? (SITE_NAMES.includes(value.toLowerCase()) ? value.toLowerCase() : undefined);
  throw validation(`${source} must be one of ${SITE_NAMES.map((n) => `'${n}'`).join(', ')} (NCP's public, government and financial sites), got '${value.slice(0, 40)}'${alias ? ` (did you mean '${alias}'?)` : ''}`);
}

/**
 * The defaults of the transport options (`timeout`, `maxSockets` ...), stated once in the core
 * (src/transport.rs, `defaults`), which fills in every option not given.
 */
const DEFAULTS = native.clientDefaults();

/** Every option `createClient` takes. */
const KNOWN_OPTIONS = [
  'accessKey',
  'secretKey',
  'oauth_consumer_key',
  'oauth_consumer_secret',
  'profile',
  'endpoint',
  'allowInsecureHttp',
  'ca',
  'region',
  'responseFormat',
  'timeout',
  'attemptTimeout',
  'connectTimeout',
  'maxRetries',
  'retryBaseDelay',
  'maxResponseBytes',
  'userAgent',
  'emulator',
  'emulatorOptions',
  'maxSockets',
  'maxFreeSockets',
  'keepAliveTimeout',
  'maxBufferedBytes',
  'signParameters',
  'maxAttempts',
  'logger',
  'hooks',
  'credentials',
  'site',
  'proxy',
];

/** Names people reach for that mean one of ours. */
const ALIASES = {
  accesskeyid: 'accessKey',
  access_key: 'accessKey',
  access_key_id: 'accessKey',
  ncloud_access_key_id: 'accessKey',
  secretaccesskey: 'secretKey',
  secret_key: 'secretKey',
  secret_access_key: 'secretKey',
  ncloud_secret_access_key: 'secretKey',
  endpointurl: 'endpoint',
  url: 'endpoint',
  baseurl: 'endpoint',
  apiurl: 'endpoint',
  ncloud_api_url: 'endpoint',
  regioncode: 'region',
  format: 'responseFormat',
  responseformattype: 'responseFormat',
  retries: 'maxRetries',
  // The AWS SDK v3's middleware stack and other SDKs' interceptors: what a call tells is given to hooks.
  middleware: 'hooks',
  middlewarestack: 'hooks',
  interceptors: 'hooks',
};

function validation(message) {
  return NcloudError.validation(message);
}

function credentials(message) {
  return new NcloudError({ code: 'ERR_CREDENTIALS', message });
}

function distance(a, b) {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return d[a.length][b.length];
}

function suggest(name) {
  const lower = name.toLowerCase();
  if (ALIASES[lower]) return ALIASES[lower];
  let best = null;
  let bestD = Infinity;
  for (const k of KNOWN_OPTIONS) {
    const kl = k.toLowerCase();
    const dd = kl === lower ? 0 : lower.startsWith(kl) || kl.startsWith(lower) ? 1 : distance(lower, kl);
    if (dd < bestD) {
      bestD = dd;
      best = k;
    }
  }
  return bestD <= Math.max(2, Math.floor(name.length / 4)) ? best : null;
}

function checkUnknown(options) {
  const unknown = Object.keys(options).filter((k) => !KNOWN_OPTIONS.includes(k));
  if (unknown.length === 0) return;
  const parts = unknown.map((k) => {
    const s = suggest(k);
    return s ? `'${k}' (did you mean '${s}'?)` : `'${k}'`;
  });
  throw validation(`createClient: unknown option${unknown.length > 1 ? 's' : ''} ${parts.join(', ')}`);
}

function describe(v) {
  if (v === null) return 'null';
  if (typeof v === 'string') return 'a string';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

function optString(options, name) {
  const v = options[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw validation(`'${name}' must be a string, got ${describe(v)}`);
  return v;
}

function env(...names) {
  for (const n of names) {
    const v = process.env[n];
    if (v !== undefined && v !== '') return v;
  }
  return undefined;
}

/** The loopback hosts that may be reached over plain http (`*.localhost` too: RFC 6761). */
function isLoopback(hostname) {
  const h = hostname.toLowerCase().replace(/\.$/, '');
  return h === 'localhost' || h.endsWith('.localhost') || h === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

/**
 * A gateway origin (`scheme://host[:port]`), checked: http or https; https unless the host is a
 * loopback one or `allowInsecureHttp` is set; no user name or password; no path, query, fragment or
 * control characters; IPv6 hosts in brackets. Returns the normalized origin.
 */
function checkEndpoint(value, allowInsecureHttp, source = 'endpoint') {
  if (typeof value !== 'string') {
    throw validation(`${source} must be a URL string such as '${DEFAULT_ENDPOINT}', got ${describe(value)}`);
  }
  // Never quote a value that may carry a password.
  const shown = value.includes('@') ? '(not shown: it carries user information)' : `'${value.slice(0, 200)}'`;
  if (value === '') throw validation(`${source} is empty`);
  if (/[\u0000-\u0020\u007f]/.test(value)) throw validation(`${source} ${JSON.stringify(value.slice(0, 200))} contains spaces or control characters`);
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    throw validation(`${source} ${shown} is not a URL: expected scheme://host[:port], e.g. '${DEFAULT_ENDPOINT}'`);
  }
  let url;
  try {
    url = new URL(value);
  } catch {
    throw validation(`${source} ${shown} is not a valid URL (IPv6 hosts go in brackets: http://[::1]:8080)`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw validation(`${source} must use https:// (or http:// to a loopback host), got ${url.protocol}//`);
  }
  if (url.username || url.password) {
    throw validation(`${source} must not carry a user name or password (the keys are given as accessKey/secretKey)`);
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash || /[?#]/.test(value)) {
    throw validation(`${source} ${shown} must be an origin only (scheme://host[:port]), without a path, query or fragment`);
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname) && allowInsecureHttp !== true) {
    throw validation(
      `${source} ${shown} uses http:// to a host that is not a loopback one: the access key and the signature ` +
        'would travel in clear text. Use https://, or pass allowInsecureHttp: true if you mean it.',
    );
  }
  return url.origin;
}

/** The profiles of an INI-like `~/.ncloud/configure`: `{ [section]: { key: value } }`. */
function parseConfigure(text) {
  const profiles = {};
  let section = 'DEFAULT';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[\s*([^\]]+?)\s*\]$/.exec(line);
    if (header) {
      section = header[1];
      continue;
    }
    const eq = line.indexOf('=');
    if (eq < 0) continue;
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    (profiles[section] ??= {})[key] = value;
  }
  return profiles;
}

/**
 * `~/.ncloud/configure` of the user: under `$HOME` on Linux and macOS; under the user's profile
 * (`%USERPROFILE%`, as NAVER's Go SDK and the NCP CLI read it) on Windows, where a `HOME` set by Git Bash,
 * MSYS or Cygwin is not the profile and may be a POSIX path Windows cannot open.
 */
function configurePath(platform = process.platform, env = process.env) {
  if (platform === 'win32') {
    const profile = env.USERPROFILE || (env.HOMEDRIVE && env.HOMEPATH ? `${env.HOMEDRIVE}${env.HOMEPATH}` : os.homedir());
    return path.win32.join(profile, '.ncloud', 'configure');
  }
  return path.posix.join(env.HOME || os.homedir(), '.ncloud', 'configure');
}

/**
 * A configure file's text, whatever wrote it: UTF-8 with or without a byte-order mark, or UTF-16 with
 * one (what Windows PowerShell 5's `>` and `Out-File` write). Line endings are left to parseConfigure.
 */
function decodeConfigure(bytes) {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes.subarray(2, bytes.length - (bytes.length % 2))).swap16().toString('utf16le');
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Credentials, in order: the options; NCLOUD_ACCESS_KEY_ID/NCLOUD_SECRET_ACCESS_KEY; NCLOUD_ACCESS_KEY/
 * NCLOUD_SECRET_KEY; the profile of ~/.ncloud/configure. A key without its secret (or the reverse) is
 * an error wherever it is found; with none anywhere, ERR_CREDENTIALS names every place looked.
 */
function resolveCredentials(options) {
  if (options.credentials !== undefined) {
    const c = options.credentials;
    const also = ['accessKey', 'secretKey', 'oauth_consumer_key', 'oauth_consumer_secret', 'profile'].filter((k) => options[k] !== undefined);
    if (also.length) throw validation(`'credentials' gives the keys: drop ${also.join(', ')}`);
    if (typeof c === 'function') return { provider: c, accessKey: '', secretKey: '', source: 'the credentials provider' };
    const pair = pairOf(c, "the 'credentials' option");
    return { accessKey: pair.accessKey, secretKey: pair.secretKey, source: "the 'credentials' option" };
  }
  const looked = [];
  const key = optString(options, 'accessKey') ?? optString(options, 'oauth_consumer_key');
  const secret = optString(options, 'secretKey') ?? optString(options, 'oauth_consumer_secret');
  if (key !== undefined || secret !== undefined) {
    const empty = hints.emptyKeysMessage(key, secret);
    if (empty) throw credentials(empty);
    if (!key) throw credentials('createClient: a secret key was given without its access key (accessKey / oauth_consumer_key)');
    if (!secret) throw credentials('createClient: an access key was given without its secret key (secretKey / oauth_consumer_secret)');
    return { accessKey: key, secretKey: secret, source: 'options' };
  }
  looked.push('the options credentials, accessKey/secretKey (or oauth_consumer_key/oauth_consumer_secret)');
  for (const [k, s] of [
    ['NCLOUD_ACCESS_KEY_ID', 'NCLOUD_SECRET_ACCESS_KEY'],
    ['NCLOUD_ACCESS_KEY', 'NCLOUD_SECRET_KEY'],
  ]) {
    const ek = env(k);
    const es = env(s);
    if (ek && es) return { accessKey: ek, secretKey: es, source: `environment (${k})` };
    if (ek) throw credentials(`${k} is set but ${s} is not`);
    if (es) throw credentials(`${s} is set but ${k} is not`);
    looked.push(`the environment variables ${k} and ${s}`);
  }
  const file = configurePath();
  const explicitProfile = optString(options, 'profile') ?? env('NCLOUD_PROFILE');
  const profile = explicitProfile ?? 'DEFAULT';
  let text = null;
  try {
    text = decodeConfigure(fs.readFileSync(file));
  } catch (err) {
    if (err.code !== 'ENOENT' && err.code !== 'ENOTDIR') throw credentials(`could not read ${file}: ${err.code}`);
  }
  if (text !== null) {
    const section = parseConfigure(text)[profile];
    if (section) {
      const fk = section.ncloud_access_key_id;
      const fs_ = section.ncloud_secret_access_key;
      if (fk && fs_) return { accessKey: fk, secretKey: fs_, apiUrl: section.ncloud_api_url || undefined, site: section.ncloud_site || undefined, source: `${file} [${profile}]` };
      if (fk || fs_) throw credentials(`${file} [${profile}] has ${fk ? 'ncloud_access_key_id without ncloud_secret_access_key' : 'ncloud_secret_access_key without ncloud_access_key_id'}`);
    }
    if (explicitProfile !== undefined && !section) throw credentials(`profile '${profile}' is not in ${file}`);
    looked.push(`the [${profile}] profile of ${file}`);
  } else {
    looked.push(`${file} (absent)`);
  }
  throw credentials(
    `no NCP credentials found. Looked in: ${looked.join('; ')}. ` +
      'To use the embedded emulator instead, pass emulator: true (or set NCLOUD_EMULATOR=1).',
  );
}

function positive(v, name) {
  if (!Number.isSafeInteger(v) || v <= 0) throw validation(`'${name}' must be a positive integer, got ${typeof v === 'number' ? v : describe(v)}`);
  return v;
}

function count(v, name) {
  if (!Number.isSafeInteger(v) || v < 0) throw validation(`'${name}' must be a non-negative integer, got ${typeof v === 'number' ? v : describe(v)}`);
  return v;
}

/** The `ca` option as a list of PEM texts, one per item; an item without a certificate is named. */
function caText(ca) {
  if (ca === undefined) return undefined;
  const list = Array.isArray(ca) ? ca : [ca];
  if (list.length === 0) throw validation("'ca' is an empty array: give PEM text or a Buffer (or an array of them)");
  return list.map((c, i) => {
    const name = Array.isArray(ca) && ca.length > 1 ? `'ca[${i}]'` : "'ca'";
    let text;
    if (typeof c === 'string') text = c;
    else if (Buffer.isBuffer(c) || c instanceof Uint8Array) text = Buffer.from(c).toString('utf8');
    else throw validation(`${name} must be PEM text or a Buffer (or an array of them), got ${describe(c)}`);
    if (!text.includes('-----BEGIN CERTIFICATE-----')) throw validation(`${name} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
    return text;
  });
}

/**
 * A key must be printable text: the access key travels in an HTTP header, where CR, LF or NUL would
 * break it (and every call would fail); neither key is ever quoted.
 */
function checkKeyText(key, what, source) {
  // C0 and C1 control characters and DEL: what the core cannot put in a header (Rust's char::is_control).
  if (typeof key === 'string' && /[\u0000-\u001f\u007f-\u009f]/.test(key)) {
    throw credentials(`the ${what} (from ${source}) contains a control character (CR, LF, NUL, tab ...): keys are printable text; check for a stray line break`);
  }
}

/**
 * The transport options handed to the core, checked: only those given (the core fills in the rest
 * from its defaults, `DEFAULTS`).
 */
function transportOptions(options) {
  const responseFormat = options.responseFormat ?? DEFAULTS.responseFormat;
  if (responseFormat !== 'json' && responseFormat !== 'xml') {
    throw validation(`responseFormat must be 'json' or 'xml', got ${typeof responseFormat === 'string' ? `'${responseFormat.slice(0, 40)}'` : describe(responseFormat)}`);
  }
  const t = { responseFormat };
  const given = (name, check) => {
    if (options[name] !== undefined) t[name] = check(options[name], name);
  };
  given('timeout', positive);
  given('connectTimeout', positive);
  given('maxRetries', count);
  // The AWS SDK v3's name: attempts in all, the first one included.
  if (options.maxAttempts !== undefined) {
    const attempts = positive(options.maxAttempts, 'maxAttempts');
    if (t.maxRetries !== undefined && t.maxRetries !== attempts - 1) {
      throw validation(`'maxAttempts' (${attempts}) and 'maxRetries' (${t.maxRetries}) disagree: maxAttempts counts the first attempt too (maxRetries + 1); give one of them`);
    }
    t.maxRetries = attempts - 1;
  }
  given('retryBaseDelay', count);
  given('maxResponseBytes', positive);
  given('maxSockets', positive);
  given('maxFreeSockets', count);
  given('keepAliveTimeout', positive);
  given('maxBufferedBytes', positive);
  // Answers in flight together: by default room for DEFAULTS.bufferedAnswers of the largest answer.
  const maxResponseBytes = t.maxResponseBytes ?? DEFAULTS.maxResponseBytes;
  if (t.maxBufferedBytes !== undefined && t.maxBufferedBytes < maxResponseBytes) {
    throw validation(`'maxBufferedBytes' (${t.maxBufferedBytes}) must be at least 'maxResponseBytes' (${maxResponseBytes}): one whole answer must fit`);
  }
  if (options.signParameters !== undefined) {
    if (typeof options.signParameters !== 'boolean') throw validation(`'signParameters' must be a boolean, got ${describe(options.signParameters)}`);
    t.signParameters = options.signParameters;
  }
  given('attemptTimeout', positive);
  if (options.userAgent !== undefined) {
    const ua = options.userAgent;
    if (typeof ua !== 'string' || !/^[\x21-\x7e][\x20-\x7e]{0,199}$/.test(ua)) {
      throw validation("'userAgent' must be printable ASCII text of 1 to 200 characters (your product, e.g. 'my-app/1.2')");
    }
    t.userAgent = ua;
  }
  const ca = caText(options.ca);
  if (ca !== undefined) t.ca = ca;
  if (options.proxy !== undefined) {
    const p = options.proxy;
    if (p === false || p === null) t.proxyOff = true;
    else if (typeof p === 'string' && /^https?:\/\/[^\s/?#]+\/?$/i.test(p)) t.proxy = p;
    else throw validation("'proxy' must be a proxy URL such as 'http://proxy.example:3128' (http:// or https://), or false for none whatever HTTPS_PROXY says");
  }
  return t;
}

/**
 * Everything `createClient` needs: `{ mode: 'remote' | 'own-emulator' | 'emulator', accessKey,
 * secretKey, provider, endpoint, site, region, transport, emulator, emulatorOptions, logger, hooks }`;
 * `endpoint` is absent when each API goes to its host on the site, `site` when the endpoint decides it,
 * `region` when the site's default applies.
 */
function resolveConfig(options, Emulator) {
  if (options === undefined) options = {};
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw validation(`createClient options must be an object, got ${Array.isArray(options) ? 'an array' : describe(options)}`);
  }
  // An emulator object passed as the options: its endpoint and keys.
  if (Emulator && options instanceof Emulator) {
    options = { emulator: options };
  }
  const spread = hints.spreadEmulatorMessage(options);
  if (spread) throw validation(spread);
  checkUnknown(options);
  if (options.allowInsecureHttp !== undefined && typeof options.allowInsecureHttp !== 'boolean') {
    throw validation(`'allowInsecureHttp' must be a boolean, got ${describe(options.allowInsecureHttp)}`);
  }
  // The site's own default region when neither the option nor NCLOUD_REGION gives one (lib/client.js).
  const region = optString(options, 'region') ?? env('NCLOUD_REGION');
  const site = siteName(options.site, "'site'") ?? siteName(env('NCLOUD_SITE'), 'NCLOUD_SITE');
  const transport = transportOptions(options);
  // Who sees the calls' records (checked by lib/observe.js).
  const listeners = { logger: options.logger, hooks: options.hooks };
  const emu = options.emulator;
  if (emu !== undefined && typeof emu !== 'boolean' && !(Emulator && emu instanceof Emulator)) {
    throw validation(`'emulator' must be true, false or an Emulator (from startEmulator), got ${describe(emu)}`);
  }
  if (options.emulatorOptions !== undefined && (options.emulatorOptions === null || typeof options.emulatorOptions !== 'object')) {
    throw validation(`'emulatorOptions' must be an object, got ${describe(options.emulatorOptions)}`);
  }
  const conflicting = ['accessKey', 'secretKey', 'oauth_consumer_key', 'oauth_consumer_secret', 'credentials', 'endpoint', 'profile'].filter((k) => options[k] !== undefined);
  if (Emulator && emu instanceof Emulator) {
    // The emulator gives the endpoint; its keys are the default, and `credentials` may stand in for
    // them (a test of a provider's rotation against emu.setKeys).
    const extra = conflicting.filter((k) => k !== 'credentials');
    if (extra.length) throw validation(`an Emulator carries its own endpoint and keys: drop ${extra.join(', ')}`);
    if (emu.closed) throw validation('this Emulator is closed');
    // The emulator plays one site; a client asking for another would test nothing.
    const emuSite = emu.site ?? 'public';
    if (options.site !== undefined && site !== emuSite) throw validation(`this Emulator plays the '${emuSite}' site, not '${site}': start it with startEmulator({ site: '${site}' })`);
    const keys = options.credentials === undefined ? { accessKey: emu.accessKey, secretKey: emu.secretKey } : resolveCredentials({ credentials: options.credentials });
    return { mode: 'emulator', emulator: emu, ...keys, endpoint: emu.endpoint, site: emuSite, region, transport, ...listeners };
  }
  // NCLOUD_EMULATOR=1 (or true) stands for emulator: true unless the options name a gateway or keys:
  // explicit options win over the environment.
  const emuEnv = hints.emulatorEnv(process.env.NCLOUD_EMULATOR);
  if (emuEnv.error && emu === undefined) throw validation(emuEnv.error);
  const envEmulator = emu === undefined && emuEnv.on && conflicting.length === 0;
  if (emu === true || envEmulator) {
    if (conflicting.length) throw validation(`emulator: true starts an emulator with its own endpoint and keys: drop ${conflicting.join(', ')}`);
    const emulatorOptions = options.emulatorOptions ?? {};
    const own = siteName(emulatorOptions.site, "'emulatorOptions.site'");
    if (own !== undefined && site !== undefined && own !== site) throw validation(`'site' ('${site}') and 'emulatorOptions.site' ('${own}') disagree: give one of them`);
    return { mode: 'own-emulator', region, transport, site: own ?? site ?? 'public', emulatorOptions: { ...emulatorOptions, site: own ?? site ?? 'public' }, ...listeners };
  }
  if (options.emulatorOptions !== undefined) throw validation("'emulatorOptions' only applies with emulator: true");
  const creds = resolveCredentials(options);
  checkKeyText(creds.accessKey, 'access key', creds.source);
  checkKeyText(creds.secretKey, 'secret key', creds.source);
  // An endpoint given serves every API (unless it is one of NCP's hosts, which names its site); with
  // none, each API goes to its host on the site (src/transport/origin.rs).
  const endpointOption = options.endpoint;
  let endpoint;
  if (endpointOption !== undefined) endpoint = checkEndpoint(endpointOption, options.allowInsecureHttp, 'endpoint');
  else if (env('NCLOUD_API_GW')) endpoint = checkEndpoint(env('NCLOUD_API_GW'), options.allowInsecureHttp, 'NCLOUD_API_GW');
  else if (creds.apiUrl) endpoint = checkEndpoint(creds.apiUrl, options.allowInsecureHttp, 'ncloud_api_url');
  const remoteSite = site ?? siteName(creds.site, `${creds.source}'s ncloud_site`);
  return { mode: 'remote', accessKey: creds.accessKey, secretKey: creds.secretKey, provider: creds.provider, endpoint, site: remoteSite, region, transport, ...listeners };
}

module.exports = { resolveConfig, checkEndpoint, parseConfigure, decodeConfigure, configurePath, checkKeyText, KNOWN_OPTIONS, DEFAULT_ENDPOINT, DEFAULTS, SITES };
