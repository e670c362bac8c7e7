//! HTTP transport: one reqwest client (rustls, connection reuse) per `createClient`, request signing,
//! timeouts, clock-skew correction, and the retry loop that asks [`crate::retry`] what to do. Its bounds
//! and choices live in submodules: [`limits`] (connections, buffered bytes, closing), [`proxy`],
//! [`tls`] (trust), [`dns`] (`*.localhost`), [`query`] (`signParameters`).

pub mod dns;
pub mod limits;
pub mod origin;
pub mod proxy;
pub mod query;
pub mod tls;

use crate::catalog::Action;
use crate::encoding::encode_pairs;
use crate::error::{Error, ErrorCode, Result};
use crate::retry::{Attempt, Decision, Strategy};
use crate::signing;
use crate::wire::{decode_into, Format, Shape};
use limits::{BudgetError, BufferBudget, Closer, ConnectionLimit, Reserved};
use serde::Serialize;
use std::fmt;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::RwLock;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

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

#[derive(Debug, Clone)]
pub struct TransportConfig {
    /// Gateway origin, e.g. `https://ncloud.apigw.ntruss.com` (no path).
    pub endpoint: String,
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
}

pub const DEFAULT_MAX_SOCKETS: usize = 50;
pub const DEFAULT_MAX_FREE_SOCKETS: usize = 10;
pub const DEFAULT_KEEP_ALIVE_TIMEOUT: Duration = Duration::from_millis(4000);
pub const DEFAULT_MAX_BUFFERED_BYTES: u64 = 256 << 20;

impl Default for NetOptions {
    fn default() -> Self {
        NetOptions {
            max_sockets: DEFAULT_MAX_SOCKETS,
            max_free_sockets: DEFAULT_MAX_FREE_SOCKETS,
            keep_alive_timeout: DEFAULT_KEEP_ALIVE_TIMEOUT,
            max_buffered_bytes: DEFAULT_MAX_BUFFERED_BYTES,
            sign_parameters: false,
            ca: Vec::new(),
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
    signer: signing::Signer,
    /// Per action (in `catalog::ACTIONS` order): the URL, parsed once, and the signed request URI.
    /// Empty when the endpoint does not parse as a URL (each call then reports it as before).
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

/// One attempt of a call, as the debug log shows it (never a key, a secret or a signature).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AttemptRecord {
    pub attempt: u32,
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

/// A 401 whose `Date` shows our clock further off than this is explained by the gateway's 5-minute
/// timestamp check (with a margin for the header's 1-second precision and the trip).
const SKEW_EXPLAINS_401_MS: i64 = 4 * 60 * 1000;

pub const USER_AGENT: &str = concat!("ncloud-node/", env!("CARGO_PKG_VERSION"), " (rust; napi-rs)");

impl Transport {
    pub fn new(cfg: TransportConfig) -> Result<Self> {
        // The access key travels in a header: one that cannot (CR, LF, NUL ...) would fail every call.
        if reqwest::header::HeaderValue::from_str(&cfg.access_key).is_err()
            || cfg.access_key.chars().any(char::is_control)
        {
            return Err(Error::new(
                ErrorCode::Credentials,
                "the access key contains a control character (CR, LF, NUL, tab ...) and cannot be sent in a header: check for a stray line break",
            ));
        }
        let mut builder = reqwest::Client::builder()
            .user_agent(match &cfg.user_agent_suffix {
                Some(s) => format!("{USER_AGENT} {s}"),
                None => USER_AGENT.to_string(),
            })
            .connect_timeout(cfg.connect_timeout)
            // A redirect would carry the signed headers (and a 307/308 the form body) to wherever
            // `Location` points, and a 301-303 would turn a delete into a GET: never follow one.
            .redirect(reqwest::redirect::Policy::none())
            .pool_idle_timeout(cfg.net.keep_alive_timeout)
            .pool_max_idle_per_host(cfg.net.max_free_sockets)
            .use_preconfigured_tls(tls::client_config(tls::parse_ca(&cfg.net.ca)?)?)
            .dns_resolver(std::sync::Arc::new(dns::LocalhostAware));
        let proxy = proxy::choose(&cfg.endpoint, &proxy::ProxyEnv::from_process())?;
        builder = match &proxy {
            Some(p) => {
                let url = if p.url.contains("://") {
                    p.url.clone()
                } else {
                    format!("http://{}", p.url)
                };
                builder.proxy(reqwest::Proxy::all(url).map_err(|_| {
                    Error::validation(format!(
                        "{} is not a proxy URL this client can use: {}",
                        p.variable, p.shown
                    ))
                })?)
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
                let url = format!("{}{}", origin::origin(&cfg.endpoint, action.api), request_uri);
                reqwest::Url::parse(&url).ok().map(|u| (u, request_uri))
            })
            .collect();
        Ok(Transport {
            http: RwLock::new(Some(http)),
            connections: ConnectionLimit::new(cfg.net.max_sockets),
            buffers: BufferBudget::new(cfg.net.max_buffered_bytes),
            closer: Closer::default(),
            proxy,
            signer: signing::Signer::new(cfg.secret_key.expose()),
            routes: routes.unwrap_or_default(),
            cfg,
            strategy,
            clock_offset_ms: AtomicI64::new(0),
        })
    }

    /// The parsed URL and signed request URI of `action`, when the endpoint parses.
    fn route(&self, action: &'static Action) -> Option<&(reqwest::Url, String)> {
        let i = crate::catalog::ACTIONS.iter().position(|a| std::ptr::eq(*a, action))?;
        self.routes.get(i)
    }

    pub fn config(&self) -> &TransportConfig {
        &self.cfg
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

    /// Sends one action with its flattened parameters and decodes the answer into JSON text in `shape`
    /// (see `wire::decode_into` and [`Self::call_traced`]).
    pub async fn call(&self, action: &'static Action, pairs: Vec<(String, String)>, shape: Shape) -> Result<String> {
        self.call_traced(action, pairs, shape, &mut Vec::new()).await
    }

    /// The gateway's clock minus ours, in ms, as last learnt (0 until a skew was seen).
    pub fn clock_offset_ms(&self) -> i64 {
        self.clock_offset_ms.load(Ordering::Relaxed)
    }

    /// Sends one action and decodes the answer, retrying as [`crate::retry`] decides, within `timeout`
    /// (the whole call's deadline; `attemptTimeout` bounds each attempt). A 401 explained by our
    /// clock being off is corrected from the answer's `Date` and tried once more. Every attempt is
    /// recorded in `trace`. The result is JSON text in `shape`.
    pub async fn call_traced(
        &self,
        action: &'static Action,
        pairs: Vec<(String, String)>,
        shape: Shape,
        trace: &mut Vec<AttemptRecord>,
    ) -> Result<String> {
        if self.closer.is_closed() {
            return Err(limits::closed_error().with_action(action.name));
        }
        tokio::select! {
            biased;
            _ = self.closer.closed() => Err(limits::closed_in_flight_error().with_action(action.name)),
            r = self.attempts(action, pairs, shape, trace) => r,
        }
    }

    /// The attempts of one call (see [`Self::call_traced`]).
    async fn attempts(
        &self,
        action: &'static Action,
        pairs: Vec<(String, String)>,
        shape: Shape,
        trace: &mut Vec<AttemptRecord>,
    ) -> Result<String> {
        // With signParameters, the signed request target holds the parameters (checked once, before
        // anything is sent).
        let target = match (self.cfg.net.sign_parameters, self.route(action)) {
            (true, Some((_, uri))) => {
                Some(query::signed_target(action.name, uri, &pairs).map_err(|e| e.with_action(action.name))?)
            }
            (true, None) => Some(query::signed_target(
                action.name,
                &request_uri(action, self.cfg.format),
                &pairs,
            )?),
            (false, _) => None,
        };
        let deadline = Instant::now() + self.cfg.timeout;
        let mut attempt = 0u32;
        let mut spent = 0u32;
        let mut skew_corrected = false;
        loop {
            attempt += 1;
            let started = Instant::now();
            // A connection slot (maxSockets), waited for within the call's deadline; the attempt's own
            // limit starts once it has one.
            let slot =
                tokio::time::timeout(deadline.saturating_duration_since(started), self.connections.acquire()).await;
            let result = match slot {
                Err(_) => Err(Failure::new(self.queue_timeout_error(), true)),
                Ok(Err(e)) => Err(Failure::new(e, true)),
                Ok(Ok(_slot)) => {
                    let remaining = deadline.saturating_duration_since(Instant::now());
                    let (limit, by_deadline) = match self.cfg.attempt_timeout {
                        Some(a) if a < remaining => (a, false),
                        _ => (remaining, true),
                    };
                    match tokio::time::timeout(limit, self.send_once(action, &pairs, target.as_deref(), shape)).await {
                        Ok(r) => r,
                        Err(_) => Err(Failure::new(self.timeout_error(by_deadline), false)),
                    }
                }
            };
            let duration_ms = started.elapsed().as_millis() as u64;
            let failure = match result {
                Ok((text, status, request_id)) => {
                    self.strategy.succeeded(spent);
                    trace.push(AttemptRecord {
                        attempt,
                        status: Some(status),
                        // A success is an answer whose returnCode is 0 (the decoder refuses any other).
                        return_code: Some("0".to_string()),
                        error: None,
                        duration_ms,
                        request_id,
                        retry: None,
                        gave_up: None,
                    });
                    return Ok(text);
                }
                Err(f) => f,
            };
            let Failure {
                error: mut e,
                never_sent,
                retry_after,
                server_date,
                permanent,
            } = failure;
            let mut record = AttemptRecord {
                attempt,
                status: e.http_status,
                return_code: e.return_code.clone(),
                error: Some(e.code),
                duration_ms,
                request_id: e.request_id.clone(),
                retry: None,
                gave_up: None,
            };
            // Clock skew: the gateway refuses timestamps more than 5 minutes off its clock.
            if e.code == ErrorCode::Auth && !skew_corrected {
                if let Some(offset) = server_date.as_deref().and_then(|d| skew_ms(d, SystemTime::now())) {
                    let known = self.clock_offset_ms.load(Ordering::Relaxed);
                    if (offset - known).abs() > SKEW_EXPLAINS_401_MS && Instant::now() < deadline {
                        self.clock_offset_ms.store(offset, Ordering::Relaxed);
                        skew_corrected = true;
                        record.retry = Some(format!(
                            "clock skew: the gateway's clock is {} s {} ours; corrected, trying again",
                            offset.abs() / 1000,
                            if offset > 0 { "ahead of" } else { "behind" }
                        ));
                        trace.push(record);
                        continue;
                    }
                }
            }
            let a = Attempt {
                error: &e,
                never_sent,
                mutating: action.mutating,
                retry_after: retry_after.as_deref(),
                permanent,
            };
            let remaining = deadline.saturating_duration_since(Instant::now());
            match self
                .strategy
                .decide(attempt, &a, remaining, SystemTime::now(), fastrand::f64())
            {
                Decision::Retry { delay, reason } => {
                    spent += Strategy::cost(reason);
                    record.retry = Some(format!("{}; next attempt in {} ms", reason.as_str(), delay.as_millis()));
                    trace.push(record);
                    tokio::time::sleep(delay).await;
                }
                Decision::Stop { retryable, why } => {
                    record.gave_up = why.map(str::to_string);
                    trace.push(record);
                    e.retryable = retryable;
                    e.attempts = Some(attempt);
                    return Err(e.with_action(action.name));
                }
            }
        }
    }

    /// The deadline passed while the call waited for a connection slot: nothing was sent.
    fn queue_timeout_error(&self) -> Error {
        Error::new(
            ErrorCode::Timeout,
            format!(
                "request to {} timed out after {} ms waiting for a connection: all {} (maxSockets) were in use; nothing was sent",
                self.cfg.endpoint,
                self.cfg.timeout.as_millis(),
                self.connections.max()
            ),
        )
    }

    fn timeout_error(&self, by_deadline: bool) -> Error {
        let e = if by_deadline {
            Error::new(
                ErrorCode::Timeout,
                format!(
                    "request to {} timed out after {} ms (timeout: the whole call's deadline)",
                    self.cfg.endpoint,
                    self.cfg.timeout.as_millis()
                ),
            )
        } else {
            Error::new(
                ErrorCode::Timeout,
                format!(
                    "request to {} timed out after {} ms (attemptTimeout)",
                    self.cfg.endpoint,
                    self.cfg.attempt_timeout.unwrap_or_default().as_millis()
                ),
            )
        };
        e
    }

    async fn send_once(
        &self,
        action: &'static Action,
        pairs: &[(String, String)],
        target: Option<&str>,
        shape: Shape,
    ) -> std::result::Result<(String, u16, Option<String>), Failure> {
        let Some(http) = self.http.read().unwrap_or_else(|p| p.into_inner()).clone() else {
            let mut f = Failure::new(limits::closed_error(), true);
            f.permanent = true;
            return Err(f);
        };
        // POST with a form body: the signed URI is the path plus the one fixed query parameter. The
        // URL is parsed once per action (see `routes`).
        let (mut url, mut request_uri): (reqwest::Url, std::borrow::Cow<'_, str>) = match self.route(action) {
            Some((url, uri)) => (url.clone(), uri.as_str().into()),
            None => {
                let uri = request_uri(action, self.cfg.format);
                let url = format!("{}{}", origin::origin(&self.cfg.endpoint, action.api), uri);
                match reqwest::Url::parse(&url) {
                    Ok(u) => (u, uri.into()),
                    Err(e) => {
                        let error = Error::new(
                            ErrorCode::Network,
                            format!("request to {} failed: invalid URL ({e})", self.cfg.endpoint),
                        );
                        return Err(Failure::new(error, true));
                    }
                }
            }
        };
        // Our clock, corrected by what the gateway's Date told us (0 unless a skew was seen).
        let now_ms = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis() as i64)
            .unwrap_or(0);
        let timestamp = now_ms.saturating_add(self.clock_offset_ms()).to_string();
        // signParameters: a GET whose signed query holds the parameters; otherwise a POST with a form body.
        let method = match target {
            Some(t) => {
                url.set_query(t.split_once('?').map(|(_, q)| q));
                request_uri = t.into();
                reqwest::Method::GET
            }
            None => reqwest::Method::POST,
        };
        let signature = self
            .signer
            .sign(method.as_str(), &request_uri, &timestamp, &self.cfg.access_key);
        let mut request = http.request(method, url);
        if target.is_none() {
            request = request
                .header("content-type", "application/x-www-form-urlencoded; charset=utf-8")
                .body(encode_pairs(pairs));
        }
        let response = request
            .header(
                "accept",
                if self.cfg.format == Format::Json {
                    "application/json"
                } else {
                    "application/xml"
                },
            )
            .header(signing::HEADER_TIMESTAMP, &timestamp)
            .header(signing::HEADER_ACCESS_KEY, &self.cfg.access_key)
            .header(signing::HEADER_SIGNATURE_V2, signature)
            .send()
            .await
            .map_err(|e| self.send_failure(&e))?;
        let status = response.status().as_u16();
        let header = |name: reqwest::header::HeaderName| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(|v| crate::error::clip(v, 100))
        };
        let retry_after = header(reqwest::header::RETRY_AFTER);
        let server_date = header(reqwest::header::DATE);
        let with_headers = |mut f: Failure| {
            f.retry_after = retry_after.clone();
            f.server_date = server_date.clone();
            f
        };
        if (300..400).contains(&status) {
            let location = response
                .headers()
                .get(reqwest::header::LOCATION)
                .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
                .unwrap_or_else(|| "(no Location header)".into());
            let mut e = Error::new(
                ErrorCode::Gateway,
                format!(
                    "HTTP {status}: the server answered with a redirect to {} (not followed: it would carry the signed request elsewhere)",
                    crate::error::snippet(&location, 200)
                ),
            );
            e.http_status = Some(status);
            return Err(with_headers(Failure::new(e, false)));
        }
        let bytes = self.read_body(response).await.map_err(with_headers)?;
        let mut out = String::with_capacity(bytes.len() + 256);
        decode_into(action, shape, status, &bytes, &mut out)
            .map(|request_id| (out, status, request_id))
            .map_err(|error| with_headers(Failure::new(error, false)))
    }

    /// The answer's body, refused as soon as it grows beyond `maxResponseBytes` (what was read is
    /// released). No content decoding is enabled, so the bytes counted are the bytes kept.
    /// The bytes are also counted against the client-wide `maxBufferedBytes` (see [`BufferBudget`]):
    /// a body of known length reserves it before reading, others as they arrive.
    async fn read_body(&self, mut response: reqwest::Response) -> std::result::Result<Vec<u8>, Failure> {
        let max = self.cfg.max_response_bytes;
        let status = response.status().as_u16();
        let too_large = || {
            let mut e = Error::decode(format!(
                "HTTP {status}: answer larger than {max} bytes (maxResponseBytes)"
            ));
            e.http_status = Some(status);
            Failure::new(e, false)
        };
        let over_budget = |read: usize| {
            let mut e = Error::decode(format!(
                "HTTP {status}: the answers in flight on this client would hold more than {} bytes (maxBufferedBytes); \
                 this one was dropped after {read} bytes",
                self.buffers.max()
            ));
            e.http_status = Some(status);
            Failure::new(e, false)
        };
        if response.content_length().is_some_and(|n| n > max) {
            return Err(too_large());
        }
        let mut held = Reserved::default();
        if let Some(n) = response.content_length() {
            if self.buffers.reserve(&mut held, n).await.is_err() {
                return Err(over_budget(0));
            }
        }
        let mut body: Vec<u8> = Vec::with_capacity(response.content_length().unwrap_or(0).min(1 << 20) as usize);
        loop {
            match response.chunk().await {
                Ok(Some(chunk)) => {
                    let len = body.len() as u64 + chunk.len() as u64;
                    if len > max {
                        return Err(too_large());
                    }
                    let more = len.saturating_sub(held.bytes() as u64);
                    match self.buffers.reserve(&mut held, more).await {
                        Ok(()) => {}
                        Err(BudgetError::TooLarge | BudgetError::Spent) => return Err(over_budget(body.len())),
                    }
                    body.extend_from_slice(&chunk);
                }
                Ok(None) => return Ok(body),
                Err(e) => return Err(self.send_failure(&e).sent()),
            }
        }
    }

    /// A request error as the caller should see it: an untrusted certificate names the `ca` option and
    /// is never retried; a failure reaching or through the proxy names the proxy (never its password).
    fn send_failure(&self, e: &reqwest::Error) -> Failure {
        if let Some(why) = tls::certificate_failure(e) {
            let error = Error::new(
                ErrorCode::Network,
                format!(
                    "the server's certificate for {} is not trusted ({why}); if the gateway uses a private CA or a \
                     self-signed certificate, pass that certificate (PEM) in the 'ca' option of createClient",
                    self.cfg.endpoint
                ),
            );
            let mut f = Failure::new(error, false);
            f.permanent = true;
            return f;
        }
        if let (Some(p), true) = (&self.proxy, e.is_connect()) {
            let detail = innermost(e);
            let error = if e.is_timeout() {
                Error::new(
                    ErrorCode::Timeout,
                    format!(
                        "could not connect to the proxy {} ({}) within {} ms (connectTimeout), for {}",
                        p.shown,
                        p.variable,
                        self.cfg.connect_timeout.as_millis(),
                        self.cfg.endpoint
                    ),
                )
            } else {
                Error::new(
                    ErrorCode::Network,
                    format!(
                        "could not reach {} through the proxy {} ({}){detail}",
                        self.cfg.endpoint, p.shown, p.variable
                    ),
                )
            };
            return Failure::new(error, true);
        }
        Failure::new(network_error(e, &self.cfg), e.is_connect())
    }
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

/// A failed attempt, and whether the request certainly never reached the server (the connection
/// was never made), which makes even a state-changing request safe to send again.
struct Failure {
    error: Error,
    never_sent: bool,
    /// The answer's `Retry-After` and `Date` headers, when there was an answer.
    retry_after: Option<String>,
    server_date: Option<String>,
    /// Trying again cannot help (an untrusted certificate).
    permanent: bool,
}

impl Failure {
    fn new(error: Error, never_sent: bool) -> Self {
        Failure {
            error,
            never_sent,
            retry_after: None,
            server_date: None,
            permanent: false,
        }
    }

    /// The same failure once the request was sent (an answer's body broke off).
    fn sent(mut self) -> Self {
        self.never_sent = false;
        self
    }
}

/// `: ` and the innermost cause of an error (the most specific words: "Connection refused ..."), or nothing.
fn innermost(e: &reqwest::Error) -> String {
    let mut source = String::new();
    let mut cur: Option<&dyn std::error::Error> = std::error::Error::source(e);
    while let Some(s) = cur {
        source = s.to_string();
        cur = s.source();
    }
    if source.is_empty() {
        source
    } else {
        format!(": {}", crate::error::clip(&source, 200))
    }
}

/// The gateway's clock minus ours (ms), from an HTTP `Date` header.
fn skew_ms(date: &str, now: SystemTime) -> Option<i64> {
    let server = chrono::DateTime::parse_from_rfc2822(date.trim())
        .ok()?
        .timestamp_millis();
    let ours = now.duration_since(UNIX_EPOCH).ok()?.as_millis() as i64;
    Some(server - ours)
}

/// A transport failure, described without the URL's query or any header (no secrets).
fn network_error(e: &reqwest::Error, cfg: &TransportConfig) -> Error {
    let mut source = String::new();
    let mut cur: Option<&dyn std::error::Error> = std::error::Error::source(e);
    while let Some(s) = cur {
        source = s.to_string();
        cur = s.source();
    }
    let detail = if source.is_empty() {
        String::new()
    } else {
        format!(": {source}")
    };
    let err = if e.is_connect() && e.is_timeout() {
        Error::new(
            ErrorCode::Timeout,
            format!(
                "could not connect to {} within {} ms (connectTimeout)",
                cfg.endpoint,
                cfg.connect_timeout.as_millis()
            ),
        )
    } else if e.is_connect() {
        Error::new(
            ErrorCode::Network,
            format!("could not connect to {}{detail}", cfg.endpoint),
        )
    } else if e.is_timeout() {
        Error::new(
            ErrorCode::Timeout,
            format!("request to {} timed out{detail}", cfg.endpoint),
        )
    } else {
        Error::new(
            ErrorCode::Network,
            format!("request to {} failed{detail}", cfg.endpoint),
        )
    };
    err
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skew_from_an_http_date() {
        // 1700000000 s is Tue, 14 Nov 2023 22:13:20 GMT.
        let now = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        assert_eq!(skew_ms("Tue, 14 Nov 2023 22:19:20 GMT", now), Some(360_000));
        assert_eq!(skew_ms("Tue, 14 Nov 2023 22:06:20 GMT", now), Some(-420_000));
        assert_eq!(skew_ms("yesterday", now), None);
    }
}
