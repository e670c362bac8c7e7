//! HTTP transport: one reqwest client (rustls, connection reuse) per `createClient`, request signing,
//! timeouts, clock-skew correction, and the retry loop that asks [`crate::retry`] what to do.
//!
//! - [`Transport::call`] (here): one call, cut short when the client closes;
//! - [`attempt`]: the attempt loop (connection slots, deadlines, retries, clock skew), each attempt
//!   reported to the call's [`Observe`]r;
//! - [`request`]: one request built, signed, sent and its answer read and decoded;
//! - [`network`]: what a failed request says to the caller;
//! - bounds and choices: [`limits`] (connections, buffered bytes, closing), [`proxy`], [`tls`] (trust),
//!   [`dns`] (`*.localhost`), [`query`] (`signParameters`).

pub mod attempt;
pub mod dns;
pub mod keys;
pub mod limits;
pub mod network;
pub mod origin;
pub mod proxy;
pub mod query;
pub mod request;
pub mod tls;

use crate::catalog::Action;
use crate::error::{Error, ErrorCode, Result};
use crate::retry::Strategy;
use crate::wire::{Format, Shape};
use limits::{BufferBudget, Closer, ConnectionLimit};
use serde::Serialize;
use std::fmt;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::RwLock;
use std::time::Duration;

/// A secret that never shows itself in `Debug` or `Display` output.
#[derive(Clone)]
pub struct Secret(String);

impl Secret {
    pub fn new(s: String) -> Self {
        Secret(s)
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(****)")
    }
}

/// The client's defaults, stated once: the core fills in every option `createClient` was not given
/// from here, and `lib/config.js` reads them through `clientDefaults()` (src/bindings).
pub mod defaults {
    use std::time::Duration;

    pub const RESPONSE_FORMAT: crate::wire::Format = crate::wire::Format::Json;
    /// Deadline of the whole call.
    pub const TIMEOUT: Duration = Duration::from_millis(30_000);
    pub const CONNECT_TIMEOUT: Duration = Duration::from_millis(5_000);
    pub const MAX_RETRIES: u32 = 2;
    pub const RETRY_BASE_DELAY: Duration = Duration::from_millis(200);
    pub const MAX_RESPONSE_BYTES: u64 = 64 << 20;
    /// `maxBufferedBytes` is this many times `maxResponseBytes` unless given.
    pub const BUFFERED_ANSWERS: u64 = 4;
    pub const MAX_SOCKETS: usize = 50;
    /// Idle connections kept: `maxFreeSockets` is `maxSockets` unless given, so that a busy client
    /// reuses every connection it opened instead of closing and opening them again between answers
    /// (with 10 kept, 64 calls in flight ran at half the speed). The connections open stay bounded
    /// by `maxSockets` in use plus as many idle.
    pub const MAX_FREE_SOCKETS: usize = MAX_SOCKETS;
    pub const KEEP_ALIVE_TIMEOUT: Duration = Duration::from_millis(4_000);
}

#[derive(Debug, Clone)]
pub struct TransportConfig {
    /// Where the client sends, as messages name it: the endpoint given (no path), or the site's gateway
    /// (`https://ncloud.apigw.gov-ntruss.com`).
    pub endpoint: String,
    /// NCP's site the client talks to (each API's host there, the reference its errors link to).
    pub site: crate::site::Site,
    /// How each call's origin is chosen (`origin::Routing`).
    pub routing: origin::Routing,
    pub access_key: String,
    pub secret_key: Secret,
    pub format: Format,
    /// Deadline of the whole call: every attempt and every back-off in between.
    pub timeout: Duration,
    /// Limit of one attempt (connect, send, answer); `None`: only the call's deadline.
    pub attempt_timeout: Option<Duration>,
    pub connect_timeout: Duration,
    /// Largest answer body accepted, counted while it arrives.
    pub max_response_bytes: u64,
    /// Retries after the first attempt, for retryable failures.
    pub max_retries: u32,
    /// First back-off delay; doubled on each retry (with full jitter), capped at 8 s.
    pub retry_base_delay: Duration,
    /// Appended to the User-Agent (the caller's product name).
    pub user_agent_suffix: Option<String>,
    /// Connections, trust and where the parameters go.
    pub net: NetOptions,
}

impl TransportConfig {
    /// A configuration with every option at its default ([`defaults`]), sending to `endpoint` (every
    /// API there, unless it is one of NCP's hosts, which names the site: `origin::route`).
    pub fn new(endpoint: String, access_key: String, secret_key: Secret) -> Self {
        let (site, routing) = origin::route(None, Some(&endpoint), false)
            .unwrap_or((crate::site::Site::Public, origin::Routing::Endpoint));
        TransportConfig {
            endpoint,
            site,
            routing,
            access_key,
            secret_key,
            format: defaults::RESPONSE_FORMAT,
            timeout: defaults::TIMEOUT,
            attempt_timeout: None,
            connect_timeout: defaults::CONNECT_TIMEOUT,
            max_response_bytes: defaults::MAX_RESPONSE_BYTES,
            max_retries: defaults::MAX_RETRIES,
            retry_base_delay: defaults::RETRY_BASE_DELAY,
            user_agent_suffix: None,
            net: NetOptions::default(),
        }
    }
}

/// The client's connection bounds, its extra trust, and whether the parameters are signed.
#[derive(Debug, Clone)]
pub struct NetOptions {
    /// Requests (so connections) in flight at once; calls beyond it wait their turn (`maxSockets`).
    pub max_sockets: usize,
    /// Idle connections kept for reuse (`maxFreeSockets`).
    pub max_free_sockets: usize,
    /// How long an idle connection is kept (`keepAliveTimeout`).
    pub keep_alive_timeout: Duration,
    /// Bytes all answers in flight may hold together (`maxBufferedBytes`).
    pub max_buffered_bytes: u64,
    /// Parameters in the signed query string of a GET instead of the unsigned POST body (`signParameters`).
    pub sign_parameters: bool,
    /// Extra trusted certificates (`ca`): PEM text, one entry per item of the option.
    pub ca: Vec<String>,
    /// The `proxy` option: a proxy URL over the environment's, or none at all; absent: the environment.
    pub proxy: Option<proxy::ProxyOption>,
}

impl Default for NetOptions {
    fn default() -> Self {
        NetOptions {
            max_sockets: defaults::MAX_SOCKETS,
            max_free_sockets: defaults::MAX_FREE_SOCKETS,
            keep_alive_timeout: defaults::KEEP_ALIVE_TIMEOUT,
            max_buffered_bytes: defaults::BUFFERED_ANSWERS * defaults::MAX_RESPONSE_BYTES,
            sign_parameters: false,
            ca: Vec::new(),
            proxy: None,
        }
    }
}

#[derive(Debug)]
pub struct Transport {
    /// The HTTP client and its connection pool; taken out (and so released) by [`Transport::close`].
    http: RwLock<Option<reqwest::Client>>,
    cfg: TransportConfig,
    strategy: Strategy,
    /// The gateway's clock minus ours, learnt from a `Date` header when a 401 showed our clock off.
    clock_offset_ms: AtomicI64,
    /// The keys requests are signed with (replaced by `set_keys`).
    keys: keys::KeySlot,
    /// Per action (indexed by `ActionId`): the URL, parsed once, and the signed request URI.
    /// Empty when the endpoint does not parse as a URL (each call then reports it).
    routes: Vec<(reqwest::Url, String)>,
    connections: ConnectionLimit,
    buffers: BufferBudget,
    closer: Closer,
    /// The proxy requests go through (chosen from the environment when the client was created).
    proxy: Option<proxy::ProxyChoice>,
}

impl crate::lifetime::Closable for Transport {
    fn close_now(&self) {
        self.close();
    }
    fn is_closed(&self) -> bool {
        Transport::is_closed(self)
    }
}

/// One attempt of a call, as the debug log, a `logger` and the hooks see it (never a key, a secret or
/// a signature).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AttemptRecord {
    pub attempt: u32,
    /// When the attempt began, in ms since the epoch (a span's start; a number in JavaScript).
    pub start_time: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub return_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorCode>,
    pub duration_ms: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// Why another attempt follows (and after how long); absent on the last one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry: Option<String>,
    /// Why no other attempt follows although the failure was retryable.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gave_up: Option<String>,
}

/// Told of every attempt of a call: when it begins, and once it has ended (`NODE_DEBUG=ncloud`, a
/// `logger` or the hooks keep them).
pub trait Observe: Send {
    /// Whether the records are wanted at all (when not, none is built and no clock is read for them).
    const WANTS: bool = true;
    /// Attempt `attempt` begins.
    fn begin(&mut self, _attempt: u32) {}
    fn attempt(&mut self, record: AttemptRecord);
    /// The call was cut short (aborted, or its client closed) while an attempt was under way: that
    /// attempt ends here, with `code`.
    fn cut(&mut self, _code: ErrorCode) {}
}

/// No one is watching.
impl Observe for () {
    const WANTS: bool = false;
    fn attempt(&mut self, _: AttemptRecord) {}
}

/// Keeps every record, the attempt under way included when the call is cut short.
#[derive(Debug, Default)]
pub struct Trace {
    pub records: Vec<AttemptRecord>,
    /// The attempt under way: its number, start (ms since the epoch) and clock.
    open: Option<(u32, f64, std::time::Instant)>,
}

/// Milliseconds since the epoch, now.
pub fn epoch_ms() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_millis() as f64)
}

impl Observe for Trace {
    fn begin(&mut self, attempt: u32) {
        self.open = Some((attempt, epoch_ms(), std::time::Instant::now()));
    }
    fn attempt(&mut self, mut record: AttemptRecord) {
        if let Some((n, start, _)) = self.open.take() {
            if n == record.attempt {
                record.start_time = start;
            }
        }
        self.records.push(record);
    }
    fn cut(&mut self, code: ErrorCode) {
        if let Some((attempt, start_time, started)) = self.open.take() {
            self.records.push(AttemptRecord {
                attempt,
                start_time,
                status: None,
                return_code: None,
                error: Some(code),
                duration_ms: started.elapsed().as_millis() as u64,
                request_id: None,
                retry: None,
                gave_up: None,
            });
        }
    }
}

/// A call's own limits, each overriding the client's when given (the options argument of a method).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Deadline of the whole call (`timeout`).
    pub timeout: Option<Duration>,
    /// Limit of one attempt (`attemptTimeout`).
    pub attempt_timeout: Option<Duration>,
    /// Retries after the first attempt (`maxRetries`).
    pub max_retries: Option<u32>,
}

pub const USER_AGENT: &str = concat!("ncloud-node/", env!("CARGO_PKG_VERSION"), " (rust; napi-rs)");

impl Transport {
    pub fn new(cfg: TransportConfig) -> Result<Self> {
        // The access key travels in a header: one that cannot (CR, LF, NUL ...) would fail every call.
        let keys = keys::Keys::new(&cfg.access_key, cfg.secret_key.expose())?;
        let mut builder = reqwest::Client::builder()
            .user_agent(match &cfg.user_agent_suffix {
                Some(s) => format!("{USER_AGENT} {s}"),
                None => USER_AGENT.to_string(),
            })
            .connect_timeout(cfg.connect_timeout)
            // A redirect would carry the signed headers (and a 307/308 the form body) to wherever
            // `Location` points, and a 301-303 would turn a delete into a GET: never follow one.
            .redirect(reqwest::redirect::Policy::none())
            .pool_idle_timeout(pool_idle_timeout(cfg.net.keep_alive_timeout))
            .pool_max_idle_per_host(cfg.net.max_free_sockets)
            .use_preconfigured_tls(tls::client_config(tls::parse_ca(&cfg.net.ca)?)?)
            .dns_resolver(std::sync::Arc::new(dns::LocalhostAware));
        // The emulator: the site's host names resolve to its address (a request still names its host).
        if let origin::Routing::Emulator(addr) = &cfg.routing {
            for host in origin::hosts(cfg.site) {
                builder = builder.resolve(host, *addr);
            }
        }
        // The proxy is chosen for the site's gateway, the endpoint, or the emulator (never one: loopback).
        let target = match cfg.routing {
            origin::Routing::Site => origin::shown(None, cfg.site),
            _ => cfg.endpoint.clone(),
        };
        let proxy = proxy::choose(
            &target,
            &proxy::ProxyEnv::from_process().with_option(cfg.net.proxy.as_ref()),
        )?;
        builder = match &proxy {
            Some(p) => {
                let url = if p.url.contains("://") {
                    p.url.clone()
                } else {
                    format!("http://{}", p.url)
                };
                let chosen = reqwest::Proxy::all(url).map_err(|_| {
                    Error::validation(format!(
                        "{} is not a proxy URL this client can use: {}",
                        p.variable, p.shown
                    ))
                })?;
                // NO_PROXY still holds per host (an API on a host of its own may be listed there).
                builder.proxy(chosen.no_proxy(p.no_proxy.as_deref().and_then(reqwest::NoProxy::from_string)))
            }
            None => builder.no_proxy(),
        };
        let http = builder
            .build()
            .map_err(|e| Error::internal(format!("could not build the HTTP client: {e}")))?;
        let strategy = Strategy::new(cfg.max_retries, cfg.retry_base_delay);
        let routes: Option<Vec<(reqwest::Url, String)>> = crate::catalog::ACTIONS
            .iter()
            .map(|action| {
                let request_uri = request_uri(action, cfg.format);
                let url = format!(
                    "{}{}",
                    origin::origin(&cfg.endpoint, cfg.site, &cfg.routing, action.api),
                    request_uri
                );
                reqwest::Url::parse(&url).ok().map(|u| (u, request_uri))
            })
            .collect();
        Ok(Transport {
            http: RwLock::new(Some(http)),
            connections: ConnectionLimit::new(cfg.net.max_sockets),
            buffers: BufferBudget::new(cfg.net.max_buffered_bytes),
            closer: Closer::default(),
            proxy,
            keys: keys::KeySlot::new(keys),
            routes: routes.unwrap_or_default(),
            cfg,
            strategy,
            clock_offset_ms: AtomicI64::new(0),
        })
    }

    /// The parsed URL and signed request URI of `action`, when the endpoint parses.
    fn route(&self, action: &'static Action) -> Option<&(reqwest::Url, String)> {
        self.routes.get(action.id as usize)
    }

    pub fn config(&self) -> &TransportConfig {
        &self.cfg
    }

    /// Later requests are signed with this pair (a call in flight keeps the one it began with).
    pub fn set_keys(&self, access_key: &str, secret_key: &str) -> Result<()> {
        self.keys.replace(keys::Keys::new(access_key, secret_key)?);
        Ok(())
    }

    /// The access key requests are signed with now.
    pub fn access_key(&self) -> String {
        self.keys.current().access_key.clone()
    }

    /// Closes the client: calls in flight end with `ERR_CLIENT_CLOSED` (their requests dropped), later
    /// calls fail the same way at once, and the connection pool is released (idle connections close).
    pub fn close(&self) {
        self.closer.close();
        self.http.write().unwrap_or_else(|p| p.into_inner()).take();
    }

    pub fn is_closed(&self) -> bool {
        self.closer.is_closed()
    }

    /// Requests in flight (connection slots in use) and bytes their answers hold, for the tests.
    pub fn in_flight(&self) -> (usize, u64) {
        (self.connections.in_use(), self.buffers.in_use())
    }

    /// The gateway's clock minus ours, in ms, as last learnt (0 until a skew was seen).
    pub fn clock_offset_ms(&self) -> i64 {
        self.clock_offset_ms.load(Ordering::Relaxed)
    }

    /// Sends one action with its flattened parameters and decodes the answer into JSON text in `shape`
    /// (see `wire::decode_into`), retrying as [`crate::retry`] decides within the call's deadline
    /// (see [`attempt`]), with the call's own `limits` over the client's; `observer` is told of every
    /// attempt. Closing the client ends the call at
    /// once with `ERR_CLIENT_CLOSED`.
    pub async fn call(
        &self,
        action: &'static Action,
        pairs: Vec<(String, String)>,
        shape: Shape,
        own: &Limits,
        observer: &mut impl Observe,
    ) -> Result<String> {
        if self.closer.is_closed() {
            return Err(limits::closed_error().with_action(action.name));
        }
        let outcome = {
            let attempts = std::pin::pin!(self.attempts(action, pairs, shape, own, &mut *observer));
            tokio::select! {
                biased;
                _ = self.closer.closed() => None,
                r = attempts => Some(r),
            }
        };
        outcome.unwrap_or_else(|| {
            observer.cut(ErrorCode::ClientClosed);
            Err(limits::closed_in_flight_error().with_action(action.name))
        })
    }
}

/// The idle timeout given to the pool for `keepAliveTimeout`: half of it. The pool (hyper-util's)
/// looks for expired idle connections once per idle timeout, so a connection closes between one and
/// two idle timeouts after its last answer (after a burst, about 6 s for 4 s); at half, it is reused
/// for up to half of `keepAliveTimeout` and closed by `keepAliveTimeout` at the latest.
pub fn pool_idle_timeout(keep_alive: Duration) -> Duration {
    (keep_alive / 2).max(Duration::from_millis(1))
}

/// The signed request URI of `action`: its path and the one fixed query parameter.
fn request_uri(action: &Action, format: Format) -> String {
    format!(
        "{}/{}?responseFormatType={}",
        action.api.prefix,
        action.name,
        format.as_str()
    )
}
