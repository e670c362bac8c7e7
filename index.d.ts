// Type declarations of the `ncloud` package (index.js, lib/*.js). The per-action parameter, result and
// method types come from the model: see generated/api.d.ts (`UPDATE_GENERATED=1 cargo test --test generate`).

import type { ActionName, ClientSurfaces, ComputeMethods, V1IaaS, V1PaaS } from './generated/api';

export * from './generated/api';

// ------------------------------------------------------------------------------------------------
// Errors

/** The stable error codes (`err.code`). */
export type NcloudErrorCode =
  /** The input was rejected before any request was sent. */
  | 'ERR_VALIDATION'
  /** No credentials were found (options, environment, ~/.ncloud/configure), or only half a pair. */
  | 'ERR_CREDENTIALS'
  /** The server API answered with an error `returnCode`. */
  | 'ERR_API'
  /** The credentials, the signature or the clock were refused (HTTP 401). */
  | 'ERR_AUTH'
  /** Any other API-gateway error (403, 404, 429, 5xx ...). */
  | 'ERR_GATEWAY'
  /** The request never got an HTTP answer (refused, reset, DNS ...). */
  | 'ERR_NETWORK'
  /** The request took longer than the configured timeout. */
  | 'ERR_TIMEOUT'
  /** An answer arrived but could not be understood (truncated, HTML, empty ...). */
  | 'ERR_DECODE'
  /** A bug in this package. */
  | 'ERR_INTERNAL'
  /** The call was aborted through its `AbortSignal` (an `AbortError`). */
  | 'ABORT_ERR'
  /** The client was closed (`client.close()`, or the end of the thread that created it); nothing more is sent. */
  | 'ERR_CLIENT_CLOSED'
  /**
   * The call succeeded but its result could not be written where asked (the old `createLoginKey`'s
   * `outputPath`): the result is on `err.result`, the file on `err.path`, the file system's error on `err.cause`.
   */
  | 'ERR_OUTPUT_FILE'
  /**
   * A method of the old clients that cannot be served: `client.storage.*` (NCP retired its File Storage
   * REST API; the message names the Object Storage replacement) and 1.x's `PaaS.containerRegistry()`.
   */
  | 'ERR_UNSUPPORTED';

/** What an `NcloudError` is built from (the core's error report). */
export interface NcloudErrorInfo {
  code: NcloudErrorCode;
  message: string;
  action?: string;
  httpStatus?: number;
  returnCode?: string;
  returnMessage?: string;
  requestId?: string;
  retryable?: boolean;
  attempts?: number;
  docsUrl?: string;
}

/**
 * The one error class of the package. API errors keep the old client's message form
 * `Error: returnCode: X, returnMessage: Y`.
 */
export declare class NcloudError extends Error {
  constructor(info: NcloudErrorInfo);
  /** `'AbortError'` for an aborted call (see `AbortError`). */
  name: 'NcloudError' | 'AbortError';
  code: NcloudErrorCode;
  /** The API action of the failed call. */
  action?: string;
  httpStatus?: number;
  /** NCP's `returnCode` (API errors) or the gateway's error code. */
  returnCode?: string;
  returnMessage?: string;
  requestId?: string;
  /** Whether sending the same request again may succeed. */
  retryable: boolean;
  /** How many attempts were made before giving up (1 when no retry happened). */
  attempts?: number;
  /**
   * The API's page in the reference of the client's site (`https://api-gov.ncloud-docs.com/docs/compute-vserver`):
   * on the errors of an answer (`ERR_API`, `ERR_AUTH`, `ERR_GATEWAY`).
   */
  docsUrl?: string;
  /** Builds the error from the core's report (an object, or its JSON text). */
  static from(info: NcloudErrorInfo | string): NcloudError;
  /** An `ERR_VALIDATION` error with this message (what a check of this package throws before sending). */
  static validation(message: string): NcloudError;
  /**
   * `ERR_OUTPUT_FILE`: the call's result, which could not be written (`{ loginKeyName, privateKey }` of
   * `createLoginKey`: keep the key, NCP gives it once). Not enumerable: logging the error does not show it.
   */
  result?: unknown;
  /** `ERR_OUTPUT_FILE`: the file that could not be written. */
  path?: string;
  /**
   * Errors of the 1.x surface (`client.IaaS`) carry axios's `response` as 1.x code read it; errors of the
   * 0.1.x methods that came with an HTTP answer carry it as 0.1.39 left it (`data`: `{ returnCode,
   * returnMessage }` for an API error).
   */
  response?: {
    status: number | null;
    data:
      | { responseError: { returnCode?: string; returnMessage?: string } }
      | { returnCode?: string; returnMessage?: string }
      | { error: { errorCode: string; message: string } };
  };
}

/**
 * A call aborted through its `AbortSignal`: `name` and `code` as Node's own AbortError, and an
 * NcloudError all the same. `cause` is the signal's reason.
 */
export declare class AbortError extends NcloudError {
  constructor(message?: string, options?: { cause?: unknown; action?: string });
  name: 'AbortError';
  code: 'ABORT_ERR';
  cause?: unknown;
}

// ------------------------------------------------------------------------------------------------
// Emulator

/** The emulator's timing settings. */
export interface EmulatorSettings {
  /** How long a new image stays `INIT`/`creating` (default 1500). */
  createDelayMs?: number | undefined;
  /** How long a deleted image stays `terminating` before it vanishes (default 1500). */
  deleteDelayMs?: number | undefined;
  /** How long other operations take: start, stop, reboot, attach, detach, changes (default: `createDelayMs`). */
  operationDelayMs?: number | undefined;
  /** Share of VPC creations that end in `CREFL`, 0 to 1 (default 0). */
  failureRate?: number | undefined;
  /** A fixed `createDate` for new images (`YYYY-MM-DDThh:mm:ss+0900`); `null`: the real time. */
  clock?: string | null | undefined;
  /** Seed of the emulator's random choices (names, failures, request ids). */
  seed?: number | undefined;
  /**
   * Chaos mode: a share of requests (after the signature check) answered with HTTP 500/502/503/429
   * without being handled (`errorRate`), and a share handled and then cut off without an answer
   * (`resetRate`), drawn from `seed`. Off by default.
   */
  chaos?: { errorRate?: number | undefined; resetRate?: number | undefined; seed?: number | undefined } | undefined;
}

/** The emulator's counters (`emu.stats()`), since start or the last `clearRequests()`. */
export interface EmulatorStats {
  requests: number;
  /** Requests whose client closed the connection before the answer was written (cancelled calls). */
  abandoned: number;
  /** Chaos answers given: HTTP errors, and connections reset. */
  chaosErrors: number;
  chaosResets: number;
}

/** One record of a fixture list (a region, a server, an image ...), in the API's JSON form. */
export type EmulatorFixtureRecord = Record<string, unknown>;

/** The emulator's state (see fixtures/emulator.json for the default one). */
export interface EmulatorFixture {
  /** `'default'` (the default): merged over the default fixture; `'empty'`: replaces it. */
  base?: 'default' | 'empty' | undefined;
  /** Documentation only. */
  description?: string | undefined;
  settings?: EmulatorSettings | undefined;
  /** The next generated number (image ids). */
  nextNo?: number | undefined;
  /** Numbers handed out before `nextNo` is used. */
  ids?: string[] | undefined;
  /** Names given to images created without one, before random ones. */
  autoNames?: string[] | undefined;
  classic?: {
    regions?: EmulatorFixtureRecord[] | undefined;
    zones?: EmulatorFixtureRecord[] | undefined;
    servers?: EmulatorFixtureRecord[] | undefined;
    products?: EmulatorFixtureRecord[] | undefined;
    memberServerImages?: EmulatorFixtureRecord[] | undefined;
  };
  vpc?: {
    regions?: EmulatorFixtureRecord[] | undefined;
    zones?: EmulatorFixtureRecord[] | undefined;
    servers?: EmulatorFixtureRecord[] | undefined;
    snapshots?: EmulatorFixtureRecord[] | undefined;
    products?: EmulatorFixtureRecord[] | undefined;
    memberServerImageInstances?: EmulatorFixtureRecord[] | undefined;
    serverImages?: EmulatorFixtureRecord[] | undefined;
  };
  /**
   * What a snapshot (`emu.snapshot()`) keeps beyond the records: the random generators' positions and
   * each record's pending transition. Written by `snapshot()`, read by `load()`; not meant to be edited.
   */
  snapshot?: EmulatorSnapshotState | undefined;
}

/** The part of a snapshot a plain fixture does not have (see `Emulator.snapshot()`). */
export interface EmulatorSnapshotState {
  /** When it was taken (ISO 8601, UTC). */
  takenAt?: string | undefined;
  /** The position of the generator of names, failures and request ids (a decimal number as text). */
  rng: string;
  /** The position of chaos mode's generator. */
  chaosRng: string;
  /** The records with a pending transition, or a region other than their fields give, by store and index. */
  entries: Array<{
    /** `<platform>.<store>`, e.g. `'vpc.servers'`. */
    store: string;
    at: number;
    no: string;
    region?: string | undefined;
    everyRegion?: boolean | undefined;
    /** How long its current phase had lasted when the snapshot was taken. */
    elapsedMs?: number | undefined;
    /** The steps still to come: after which timer, to which phase, setting which fields. */
    steps?: Array<{ after: 'create' | 'delete' | 'operation'; to?: string | undefined; set?: Record<string, unknown> | undefined }> | undefined;
  }>;
}

/** A snapshot of an emulator's state (`emu.snapshot()`): a fixture that `load()` restores exactly. */
export interface EmulatorSnapshot extends EmulatorFixture {
  base: 'empty';
  snapshot: EmulatorSnapshotState;
}

export interface EmulatorOptions {
  /** Default `'127.0.0.1'`. */
  host?: string | undefined;
  /** Default 0: a free port. */
  port?: number | undefined;
  /** The key pair requests must be signed with (default `'ncloud-emulator-access-key'`). */
  accessKey?: string | undefined;
  /** Default `'ncloud-emulator-secret-key'`. */
  secretKey?: string | undefined;
  /** The initial state, over the default fixture. */
  fixture?: EmulatorFixture | undefined;
  /** Shortcut for `fixture.settings.createDelayMs`. */
  createDelayMs?: number | undefined;
  /** Shortcut for `fixture.settings.deleteDelayMs`. */
  deleteDelayMs?: number | undefined;
  /** Shortcut for `fixture.settings.failureRate` (0 to 1). */
  failureRate?: number | undefined;
  /** A connection that has not sent a whole request head within this time is closed, idle ones too (default 10000). */
  headerTimeoutMs?: number | undefined;
  /** The emulator's clock minus the real one, ms: a gateway whose clock is off (default 0). */
  clockOffsetMs?: number | undefined;
  /**
   * The NCP site it plays (default `'public'`): the regions and zones it lists (`'gov'`: KR, KRS; `'fin'`:
   * FKR), and the hosts it answers on: a request sent to one of NCP's hosts is served only where that site
   * serves the API (a wrong host is the gateway's 404). A client given the emulator takes its site.
   */
  site?: Site | undefined;
  /** More key pairs the gateway accepts besides `accessKey` / `secretKey` (rotated keys, sub-accounts). */
  keys?: Array<{ accessKey: string; secretKey: string }> | undefined;
  /**
   * Serve the console, a page that shows the state and the request log and drives the controls, at
   * `<endpoint>/__console` (default `true`; `false`: that path is the gateway's 404 like any other).
   */
  console?: boolean | undefined;
}

/** An answer the emulator gives to the next matching request(s) instead of the normal one. */
export interface InjectedFault {
  /** Only requests for this action (any action when absent). */
  action?: ActionName | undefined;
  /** How many requests it answers (default 1). */
  count?: number | undefined;
  /** HTTP status (default 500). */
  status?: number | undefined;
  /** NCP return code of the API error body (default `'1300'`, "try again later"). */
  returnCode?: string | undefined;
  returnMessage?: string | undefined;
  /** A raw body to send instead of an NCP error (truncated XML, an HTML page, `''` ...). */
  body?: string | undefined;
  contentType?: string | undefined;
  /** Wait this long before answering (to test timeouts). */
  delayMs?: number | undefined;
  /** Extra response headers, e.g. `{ Location: 'https://elsewhere.example/' }` with a 302. */
  headers?: Record<string, string> | undefined;
}

/** One request that reached the emulator. */
export interface EmulatorRequest {
  /** When it was answered, ms since the epoch. */
  time: number;
  /** How long it took, from its head read to its answer (an injected delay included), ms. */
  durationMs: number;
  method: string;
  path: string;
  /**
   * The `Host` it was sent to, port included: the site's host of the API with a client given the emulator
   * (`ncloud.apigw.gov-ntruss.com:41234`), the emulator's address with a client given its endpoint.
   */
  host: string | null;
  /** The access key it was signed with (never the secret or the signature). */
  accessKey: string | null;
  action: string | null;
  /** The HTTP status of the answer. */
  status: number;
  format: 'json' | 'xml';
  /** Which header carried the signature: `x-ncp-apigw-signature-v2` or the `-v1` name the official SDKs send. */
  signatureHeader: 'v2' | 'v1' | null;
  /** The gateway's verdict on the signature (absent when it never got that far: no API at the path, another site's host). */
  signature?: 'valid' | 'invalid';
  /** The request's User-Agent. */
  userAgent: string | null;
  /** Why it was refused, if it was (`Authentication Failed: signature mismatch`, `returnCode 900`, ...). */
  reason?: string;
  /** The parameters of a state-changing action (absent for reads). */
  params?: Record<string, unknown>;
  /** `'error'` or `'reset'` when chaos mode answered this request. */
  chaos?: 'error' | 'reset';
}

/**
 * A running embedded NCP emulator: a real HTTP server on `endpoint` that checks request signatures
 * made with `accessKey` / `secretKey` and keeps image state. Made by `startEmulator()`.
 */
export declare class Emulator {
  private constructor();
  /** The emulator's origin, `http://127.0.0.1:<port>`: what a client created with it talks to. */
  readonly endpoint: string;
  /** The access key requests must be signed with (`startEmulator`'s `accessKey`). */
  readonly accessKey: string;
  /** The secret key requests must be signed with (a getter: neither `JSON.stringify` nor `inspect` shows it). */
  readonly secretKey: string;
  /** The NCP site it plays. */
  readonly site: Site;
  /**
   * The console's address, `<endpoint>/__console` (open it in a browser: the state, the request log, the
   * controls); `null` when started with `console: false`.
   */
  readonly consoleUrl: string | null;
  /** `true` once `close()` was called. */
  closed: boolean;
  /**
   * Stops the server and drops its connections. Without it, an emulator runs until the thread that
   * started it ends (the process, or a worker), whether or not this object is kept; it never keeps a
   * process alive.
   */
  close(): Promise<void>;
  /**
   * Replaces the whole state with a fixture (merged over the default one, unless it says `base: 'empty'`);
   * no argument: the default state again. An invalid fixture throws `ERR_VALIDATION` and keeps the state.
   * @example
   * emu.load({ base: 'empty', vpc: { regions: [{ regionCode: 'KR', regionName: 'Korea' }] } });
   */
  load(fixture?: EmulatorFixture): this;
  /**
   * The whole state as a fixture that `load()` (or `startEmulator({ fixture })`, or the CLI's `--state`)
   * restores exactly: every record, the counters and random generators, the settings, and each pending
   * transition (a server `booting` when it was taken is `booting` after the restore and runs when its
   * time is up). Plain JSON: write it to a file and start a test from that world in one call.
   * @example
   * const saved = emu.snapshot();
   * // ... calls that change the state ...
   * emu.load(saved); // back to exactly where it was
   */
  snapshot(): EmulatorSnapshot;
  /**
   * Changes settings while it runs, keeping its state: delays, failure rate, clock, chaos; `clockOffsetMs`
   * shifts the gateway's clock (to test signatures refused for clock skew).
   * @example
   * emu.configure({ createDelayMs: 0, chaos: { errorRate: 0.1, seed: 7 } });
   */
  configure(settings: EmulatorSettings & { clockOffsetMs?: number | undefined }): this;
  /**
   * Answers the next matching request(s) with an error or a raw body instead of handling them, to test how
   * code copes: an API error (`returnCode`), a gateway status, a slow or broken answer.
   * @example
   * emu.injectFault({ action: 'getServerImageList', status: 503, count: 2 }); // the client's retries absorb it
   */
  injectFault(fault: InjectedFault): this;
  /**
   * The key pairs accepted besides the emulator's own; a pair no longer listed is refused from now on
   * (HTTP 401), as a deleted or rotated key is.
   */
  setKeys(pairs: Array<{ accessKey: string; secretKey: string }>): this;
  /** How many HTTP requests reached the emulator (since start or the last `clearRequests()`). */
  requestCount(): number;
  /** The requests that reached the emulator. */
  requests(): EmulatorRequest[];
  /** The requests since the last `takeRequests()`, forgetting them (what the CLI logs). */
  takeRequests(): EmulatorRequest[];
  /** Counters: requests, abandoned requests, chaos faults. */
  stats(): EmulatorStats;
  /** Forgets the requests and counters recorded so far (`requests()`, `requestCount()`, `stats()`). */
  clearRequests(): this;
  /** `{ endpoint, accessKey }`: what `JSON.stringify(emu)` writes (never the secret key). */
  toJSON(): { endpoint: string; accessKey: string };
}

/**
 * Starts the embedded NCP emulator: a real HTTP server in this process, on `127.0.0.1` and a free port by
 * default, that serves every action of the model, checks signatures made with its keys and keeps state
 * (images, servers, volumes ... go through their statuses as on NCP). Pass it to `createClient` to talk to it.
 * It runs until `close()` or until the thread that started it ends; it never keeps the process alive.
 * @example
 * const emu = await startEmulator({ port: 0, createDelayMs: 100 });
 * const client = createClient(emu);
 * const { serverImageList } = await client.compute.getServerImageList();
 * await emu.close();
 */
export declare function startEmulator(options?: EmulatorOptions): Promise<Emulator>;

// ------------------------------------------------------------------------------------------------
// Client

/** NCP's sites: the public one, the government one (공공기관용) and the financial one (금융). */
export type Site = 'public' | 'gov' | 'fin';

/** One attempt of a call, as a `logger` and `hooks.onAttempt` see it (never a key, a secret or a signature). */
export interface AttemptRecord {
  /** The NCP action (`getServerImageList`). */
  action: string;
  /** 1 for the first attempt. */
  attempt: number;
  /** When the attempt began, ms since the epoch (a span's start time). */
  startTime: number;
  durationMs: number;
  /** The answer's HTTP status (none without an answer). */
  status?: number;
  /** NCP's return code (`'0'` on success). */
  returnCode?: string;
  /** The error code of a failed attempt (`ERR_API`, `ERR_TIMEOUT`, `ABORT_ERR` for one cut by an abort ...). */
  error?: NcloudErrorCode;
  requestId?: string;
  /** Why another attempt follows, and after how long. */
  retry?: string;
  /** Why no other attempt follows although the failure was retryable (`maxRetries reached` ...). */
  gaveUp?: string;
}

/** What a `logger` receives: an attempt's record and its one-line text (`msg`, pino's message key). */
export interface LogRecord extends AttemptRecord {
  msg: string;
}

/**
 * A logger: console, pino, winston, bunyan ... Each attempt of a call is one call of one method with one
 * record: `debug` (a success), `warn` (a failure retried), `error` (a failure given up on), `info` (an
 * attempt cut short by an abort or `close()`).
 */
export interface Logger {
  debug(record: LogRecord): void;
  info(record: LogRecord): void;
  warn(record: LogRecord): void;
  error(record: LogRecord): void;
}

/** One call, as `hooks.onResponse` sees it once it has ended. */
export interface ResponseRecord {
  action: string;
  ok: boolean;
  /** Attempts made (0: refused before sending). */
  attempts: number;
  /** When its first attempt began, ms since the epoch. */
  startTime?: number;
  /** From the first attempt's start to the last one's end. */
  durationMs: number;
  status?: number;
  returnCode?: string;
  requestId?: string;
  /** The error code of a failed call. */
  error?: NcloudErrorCode;
}

/**
 * Functions told of every call of the client, for metrics and tracing. They run once the call has ended,
 * before it settles, one `onAttempt` per attempt in order, then `onResponse` (a call refused before
 * anything was sent comes with no attempt); one that throws changes nothing about the call (a process
 * warning says so once).
 */
export interface Hooks {
  onAttempt?: ((attempt: AttemptRecord) => void) | undefined;
  onResponse?: ((response: ResponseRecord) => void) | undefined;
}

/** A key pair from a `credentials` provider; the AWS SDK's names are taken as well. */
export type CredentialPair = (
  | { accessKey: string; secretKey: string }
  | { accessKeyId: string; secretAccessKey: string }
) & {
  /** When the pair lapses (a Date, ms since the epoch, or a date text): it is asked for again 5 minutes before. */
  expiration?: Date | number | string | undefined;
};

export interface ClientOptions {
  /** Default: NCLOUD_ACCESS_KEY_ID (or NCLOUD_ACCESS_KEY), else `ncloud_access_key_id` of ~/.ncloud/configure. */
  accessKey?: string | undefined;
  /** Default: NCLOUD_SECRET_ACCESS_KEY (or NCLOUD_SECRET_KEY), else `ncloud_secret_access_key` of ~/.ncloud/configure. */
  secretKey?: string | undefined;
  /** The old client's name for `accessKey`. */
  oauth_consumer_key?: string | undefined;
  /** The old client's name for `secretKey`. */
  oauth_consumer_secret?: string | undefined;
  /** Profile (section) of ~/.ncloud/configure. Default: NCLOUD_PROFILE, else `DEFAULT`. */
  profile?: string | undefined;
  /**
   * The keys as one object, or a function (sync or async) returning them, called when the client first
   * needs keys and again 5 minutes before their `expiration` (never when they have none); calls in the
   * meantime share the pair, and the provider is not called per call. A provider that throws (or gives
   * no pair) is an `ERR_CREDENTIALS` naming it; the next call asks again. Keys are never logged.
   */
  credentials?: CredentialPair | (() => CredentialPair | Promise<CredentialPair>) | undefined;
  /**
   * NCP's site: each API goes to its host there (`'gov'`: `ncloud.apigw.gov-ntruss.com`, geolocation on
   * `geolocation.apigw.gov-ntruss.com`; `'fin'`: `fin-ncloud.apigw.fin-ntruss.com`), `region` defaults to
   * its first region (`'fin'`: `FKR`), and errors link its reference. Default: NCLOUD_SITE, else the
   * profile's `ncloud_site`, else the site `endpoint` names, else `'public'`.
   */
  site?: Site | undefined;
  /**
   * An origin (`https://host[:port]`) that serves every API, over the site's hosts (a proxy or gateway of
   * yours); one of NCP's hosts names its site instead (`https://ncloud.apigw.gov-ntruss.com`). Default:
   * NCLOUD_API_GW, else the profile's `ncloud_api_url`, else each API's host on the site. `http://` only
   * to loopback hosts.
   */
  endpoint?: string | undefined;
  /** Allow an `http://` endpoint to a host that is not a loopback one (keys and signatures in clear text). */
  allowInsecureHttp?: boolean | undefined;
  /**
   * Extra trusted certificates (PEM), e.g. a corporate proxy's CA, or a gateway's self-signed
   * certificate itself (trusted when the server presents exactly it, `CA:TRUE` or not, as Node does).
   * An item without a valid certificate is an `ERR_VALIDATION` naming it (`'ca[1]'`).
   */
  ca?: string | Uint8Array | Array<string | Uint8Array> | undefined;
  /** VPC `regionCode` when a call gives none. Default: NCLOUD_REGION, else the site's first region (`'KR'`, `'FKR'`). */
  region?: string | undefined;
  /** Default `'json'`. */
  responseFormat?: 'json' | 'xml' | undefined;
  /** Milliseconds for the whole call, retries and back-off included (default 30000). */
  timeout?: number | undefined;
  /** Milliseconds for one attempt (default: only `timeout`). */
  attemptTimeout?: number | undefined;
  /** Milliseconds to connect (default 5000). */
  connectTimeout?: number | undefined;
  /** Retries of a retryable failure (default 2); a call may give its own. */
  maxRetries?: number | undefined;
  /** The AWS SDK's name: attempts in all, the first one included (`maxRetries` + 1); give one of the two. */
  maxAttempts?: number | undefined;
  /** Milliseconds before the first retry, doubled each time (default 200). */
  retryBaseDelay?: number | undefined;
  /** Largest answer accepted, in bytes (default 64 MiB). */
  maxResponseBytes?: number | undefined;
  /** Your product, appended to the User-Agent (`'my-app/1.2'`). */
  userAgent?: string | undefined;
  /**
   * Requests (so connections) in flight at once (default 50, as the AWS SDK v3); calls beyond it wait
   * their turn, within their own `timeout`.
   */
  maxSockets?: number | undefined;
  /**
   * Idle connections kept for reuse (default: `maxSockets`, so a busy client reuses every connection it
   * opened); more are closed as soon as they are idle.
   */
  maxFreeSockets?: number | undefined;
  /**
   * Milliseconds an idle connection may be kept (default 4000, as Node's `fetch`): it is reused for up
   * to half of it and closed by it at the latest.
   */
  keepAliveTimeout?: number | undefined;
  /**
   * Bytes all answers in flight may hold together (default 4 × `maxResponseBytes`, 256 MiB): an answer
   * of known length waits for room within its call's `timeout`; one of unknown length that would pass
   * it is `ERR_DECODE` naming the option. At least `maxResponseBytes`.
   */
  maxBufferedBytes?: number | undefined;
  /**
   * Send the parameters in the signed query string of a GET instead of the unsigned POST body, so that
   * a captured request cannot be replayed with other parameters (default `false`). A request target
   * over 8192 bytes is then refused with `ERR_VALIDATION` before anything is sent.
   */
  signParameters?: boolean | undefined;
  /**
   * `true`: talk to an embedded emulator of the client's own; an `Emulator`: talk to that one;
   * `false` or absent: never (unless NCLOUD_EMULATOR=1).
   */
  emulator?: boolean | Emulator | undefined;
  /** Options of the client's own emulator (with `emulator: true`). */
  emulatorOptions?: EmulatorOptions | undefined;
  /**
   * Where each attempt's record goes (console, pino, winston ...): one call of `debug`, `info`, `warn` or
   * `error` per attempt with an `AttemptRecord` and its text, never a key, a secret or a signature.
   * NODE_DEBUG=ncloud writes the same records to stderr.
   */
  logger?: Logger | undefined;
  /** Functions told of every attempt and every call (metrics, tracing); see `Hooks`. */
  hooks?: Hooks | undefined;
  /**
   * A proxy (`'http://proxy.example:3128'`) for every request, over HTTPS_PROXY / HTTP_PROXY / ALL_PROXY
   * (NO_PROXY still applies); `false`: none, whatever they say. Loopback endpoints are never proxied.
   */
  proxy?: string | false | undefined;
}

/**
 * `client.compute`: the VPC actions by name (also under `compute.vpc`), the Classic ones under
 * `compute.classic`, and the old 0.1.x client's methods (`findPrivateImages`, `createServer` ...; its
 * other methods are on `client.management`, `client.openapi`, `client.storage`). Every method returns a
 * Promise, or takes an error-first callback as last argument; options (`{ signal }`) are its second
 * argument. The `waitFor…` waiters and `paginate…` iterators are declared with the actions.
 */
export interface Compute extends ComputeMethods {
  /** Added as `regionNo` to Classic calls that give none, as the old client did. */
  regionNo?: number | string;
}

/** The client's other surfaces, as the model declares them (generated/api.d.ts). */
export interface Client extends Omit<ClientSurfaces, 'compute'> {}

/**
 * A client: one connection pool and one set of credentials. Credentials come from the options, else
 * from the environment, else from ~/.ncloud/configure (none: ERR_CREDENTIALS); the embedded emulator
 * only with `emulator: true`, an `Emulator` as options, or NCLOUD_EMULATOR=1.
 */
export declare class Client {
  /** A client with these options (see `createClient`). */
  constructor(options?: ClientOptions);
  /** A client of this emulator (see `createClient`). */
  constructor(emulator: Emulator);
  /** A client with these options, or of this emulator (see `createClient`). */
  constructor(options?: ClientOptions | Emulator);
  compute: Compute;
  /** VPC `regionCode` used when a call gives none. */
  region: string;
  /** NCP's site the client talks to (with its own emulator, the site the emulator plays). */
  readonly site: Site;
  readonly responseFormat: 'json' | 'xml';
  /** The gateway origin; with the client's own emulator, `null` until it has started. */
  readonly endpoint: string | null;
  readonly usingEmulator: boolean;
  readonly accessKey?: string;
  /** The client's own emulator (only when it uses one), once started; otherwise `null`. */
  emulator(): Promise<Emulator | null>;
  /**
   * Closes the client: calls in flight end with `ERR_CLIENT_CLOSED` (their requests dropped), later
   * calls fail the same way at once without sending anything, the connection pool is released, and the
   * client's own emulator (if any) is stopped. A client also closes when the thread that created it ends.
   */
  close(): Promise<void>;
  /** The old 1.x client's `setConfig`: merges `regionNo` ... into every 1.x call; keys replace the credentials. */
  setConfig(values: { accessKey?: string | undefined; secretKey?: string | undefined; regionNo?: string | undefined; [key: string]: unknown }): this;
  /** The old 1.x client's `client.IaaS.server().<action>(params)`. */
  readonly IaaS: V1IaaS;
  /** The old 1.x client's `client.PaaS`: `geoLocation()`, and `containerRegistry()`, whose method rejects with `ERR_UNSUPPORTED`. */
  readonly PaaS: V1PaaS;
  /** What `JSON.stringify(client)` writes: its endpoint, site, access key, region and format (never the secret key). */
  toJSON(): { endpoint: string | null; site: Site; accessKey: string | undefined; region: string; responseFormat: 'json' | 'xml' };
}

/**
 * Creates a client: one connection pool and one set of credentials for every API and both old clients'
 * surfaces (`client.compute`, `client.loadBalancer`, `client.IaaS.server()` ...). Credentials come from
 * the options (`accessKey`/`secretKey`, or the old client's `oauth_consumer_key`/`oauth_consumer_secret`),
 * else from NCLOUD_ACCESS_KEY_ID/NCLOUD_SECRET_ACCESS_KEY, else from ~/.ncloud/configure; with none, it
 * throws `ERR_CREDENTIALS` naming where it looked. With NCLOUD_EMULATOR=1 in the environment, or `emulator: true`, it
 * talks to an embedded emulator of its own instead of NCP. Options are checked here: an unknown one, or a
 * bad value, throws `ERR_VALIDATION` (with the option it most likely stands for).
 * @example
 * const client = createClient({ region: 'KR', timeout: 10_000 }); // keys from the environment
 * const { serverImageList } = await client.compute.getServerImageList({ serverImageTypeCodeList: ['SELF'] });
 */
export declare function createClient(options?: ClientOptions): Client;
/**
 * Creates a client of a running emulator (`startEmulator()`): its endpoint and keys, nothing read from the
 * environment.
 * @example
 * const client = createClient(await startEmulator());
 */
export declare function createClient(emulator: Emulator): Client;
/** Creates a client with these options, or of this emulator (see the forms above). */
export declare function createClient(options?: ClientOptions | Emulator): Client;

/** The old client's entry point. */
export declare class Ncloud {
  /** The old client's `Ncloud.createClient(options)`: the same as `createClient(options)`. */
  static createClient(options?: ClientOptions): Client;
  /** The old client's `Ncloud.createClient(options)`, for an emulator: the same as `createClient(emulator)`. */
  static createClient(emulator: Emulator): Client;
  /** The old client's `Ncloud.createClient`: options, or an emulator. */
  static createClient(options?: ClientOptions | Emulator): Client;
}

/** The package version. */
export declare const version: string;

declare const ncloud: {
  createClient: typeof createClient;
  startEmulator: typeof startEmulator;
  Client: typeof Client;
  Emulator: typeof Emulator;
  NcloudError: typeof NcloudError;
  AbortError: typeof AbortError;
  Ncloud: typeof Ncloud;
  version: string;
};
export default ncloud;
