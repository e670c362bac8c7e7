//! HTTP transport: one reqwest client (rustls, connection reuse) per `createClient`, request signing,
//! timeouts, clock-skew correction, and the retry loop that asks [`crate::retry`] what to do.

use crate::catalog::Action;
use crate::encoding::encode_pairs;
use crate::error::{Error, ErrorCode, Result};
use crate::retry::{Attempt, Decision, Strategy};
use crate::signing;
use crate::wire::{decode_into, Format, Shape};
use serde::Serialize;
use std::fmt;
use std::sync::atomic::{AtomicI64, Ordering};
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
    /// Extra trusted root certificates (PEM), for gateways behind a TLS-inspecting proxy.
    pub ca_pem: Option<String>,
    /// Retries after the first attempt, for retryable failures.
    pub max_retries: u32,
    /// First back-off delay; doubled on each retry (with full jitter), capped at 8 s.
    pub retry_base_delay: Duration,
    /// Appended to the User-Agent (the caller's product name).
    pub user_agent_suffix: Option<String>,
}

#[derive(Debug)]
pub struct Transport {
    http: reqwest::Client,
    cfg: TransportConfig,
    strategy: Strategy,
    /// The gateway's clock minus ours, learnt from a `Date` header when a 401 showed our clock off.
    clock_offset_ms: AtomicI64,
    signer: signing::Signer,
    /// Per action (in `catalog::ACTIONS` order): the URL, parsed once, and the signed request URI.
    /// Empty when the endpoint does not parse as a URL (each call then reports it as before).
    routes: Vec<(reqwest::Url, String)>,
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
        let mut builder = reqwest::Client::builder()
            .user_agent(match &cfg.user_agent_suffix {
                Some(s) => format!("{USER_AGENT} {s}"),
                None => USER_AGENT.to_string(),
            })
            .connect_timeout(cfg.connect_timeout)
            // A redirect would carry the signed headers (and a 307/308 the form body) to wherever
            // `Location` points, and a 301-303 would turn a delete into a GET: never follow one.
            .redirect(reqwest::redirect::Policy::none())
            .pool_idle_timeout(Duration::from_secs(60));
        if let Some(pem) = &cfg.ca_pem {
            let certs = reqwest::Certificate::from_pem_bundle(pem.as_bytes())
                .map_err(|e| Error::validation(format!("'ca' is not a PEM certificate: {e}")))?;
            if certs.is_empty() {
                return Err(Error::validation("'ca' holds no PEM certificate"));
            }
            for c in certs {
                builder = builder.add_root_certificate(c);
            }
        }
        let http = builder
            .build()
            .map_err(|e| Error::internal(format!("could not build the HTTP client: {e}")))?;
        let strategy = Strategy::new(cfg.max_retries, cfg.retry_base_delay);
        let routes: Option<Vec<(reqwest::Url, String)>> = crate::catalog::ACTIONS
            .iter()
            .map(|action| {
                let request_uri = request_uri(action, cfg.format);
                let url = format!("{}{}", cfg.endpoint.trim_end_matches('/'), request_uri);
                reqwest::Url::parse(&url).ok().map(|u| (u, request_uri))
            })
            .collect();
        Ok(Transport {
            http,
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
        let deadline = Instant::now() + self.cfg.timeout;
        let mut attempt = 0u32;
        let mut spent = 0u32;
        let mut skew_corrected = false;
        loop {
            attempt += 1;
            let started = Instant::now();
            let remaining = deadline.saturating_duration_since(started);
            let (limit, by_deadline) = match self.cfg.attempt_timeout {
                Some(a) if a < remaining => (a, false),
                _ => (remaining, true),
            };
            let result = match tokio::time::timeout(limit, self.send_once(action, &pairs, shape)).await {
                Ok(r) => r,
                Err(_) => Err(Failure::new(self.timeout_error(by_deadline), false)),
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
        shape: Shape,
    ) -> std::result::Result<(String, u16, Option<String>), Failure> {
        // POST with a form body: the signed URI is the path plus the one fixed query parameter. The
        // URL is parsed once per action (see `routes`).
        let (url, request_uri): (reqwest::Url, std::borrow::Cow<'_, str>) = match self.route(action) {
            Some((url, uri)) => (url.clone(), uri.as_str().into()),
            None => {
                let uri = request_uri(action, self.cfg.format);
                let url = format!("{}{}", self.cfg.endpoint.trim_end_matches('/'), uri);
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
        let signature = self.signer.sign("POST", &request_uri, &timestamp, &self.cfg.access_key);
        let body = encode_pairs(pairs);
        let response = self
            .http
            .post(url)
            .header("content-type", "application/x-www-form-urlencoded; charset=utf-8")
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
            .body(body)
            .send()
            .await
            .map_err(|e| Failure::new(network_error(&e, &self.cfg), e.is_connect()))?;
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
        if response.content_length().is_some_and(|n| n > max) {
            return Err(too_large());
        }
        let mut body: Vec<u8> = Vec::with_capacity(response.content_length().unwrap_or(0).min(1 << 20) as usize);
        loop {
            match response.chunk().await {
                Ok(Some(chunk)) => {
                    if body.len() as u64 + chunk.len() as u64 > max {
                        return Err(too_large());
                    }
                    body.extend_from_slice(&chunk);
                }
                Ok(None) => return Ok(body),
                Err(e) => return Err(Failure::new(network_error(&e, &self.cfg), false)),
            }
        }
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
}

impl Failure {
    fn new(error: Error, never_sent: bool) -> Self {
        Failure {
            error,
            never_sent,
            retry_after: None,
            server_date: None,
        }
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
