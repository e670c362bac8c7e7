//! HTTP transport: one reqwest client (rustls, connection reuse) per `createClient`, request signing,
//! timeouts, and a retry policy with exponential back-off for answers that may succeed on a second try.

use crate::catalog::Action;
use crate::encoding::encode_pairs;
use crate::error::{Error, ErrorCode, Result};
use crate::signing;
use crate::wire::{decode_response, Format};
use serde_json::Value;
use std::fmt;
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
    /// First back-off delay; doubled on each retry (with jitter), capped at 8 s.
    pub retry_base_delay: Duration,
}

#[derive(Debug)]
pub struct Transport {
    http: reqwest::Client,
    cfg: TransportConfig,
}

pub const USER_AGENT: &str = concat!("ncloud-node/", env!("CARGO_PKG_VERSION"), " (rust; napi-rs)");

impl Transport {
    pub fn new(cfg: TransportConfig) -> Result<Self> {
        let mut builder = reqwest::Client::builder()
            .user_agent(USER_AGENT)
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
        Ok(Transport { http, cfg })
    }

    pub fn config(&self) -> &TransportConfig {
        &self.cfg
    }

    /// Sends one action with its flattened parameters and decodes the answer, retrying what is safe
    /// to retry: read actions on transient failures; every action when the connection was never made.
    /// `timeout` bounds the whole call, back-off included; `attemptTimeout` each attempt.
    pub async fn call(&self, action: &Action, pairs: Vec<(String, String)>) -> Result<Value> {
        let started = Instant::now();
        let deadline = started + self.cfg.timeout;
        let mut attempt = 0u32;
        loop {
            attempt += 1;
            let remaining = deadline.saturating_duration_since(Instant::now());
            let (limit, by_deadline) = match self.cfg.attempt_timeout {
                Some(a) if a < remaining => (a, false),
                _ => (remaining, true),
            };
            let result = match tokio::time::timeout(limit, self.send_once(action, &pairs)).await {
                Ok(r) => r,
                Err(_) => Err(Failure {
                    error: self.timeout_error(by_deadline),
                    never_sent: false,
                }),
            };
            match result {
                Ok(v) => return Ok(v),
                Err(Failure {
                    error: mut e,
                    never_sent,
                }) => {
                    // A state-changing request that may have reached the server is never sent again.
                    e.retryable = e.retryable && (!action.mutating || never_sent);
                    if e.retryable && attempt <= self.cfg.max_retries {
                        let pause = self.backoff(attempt);
                        if Instant::now() + pause < deadline {
                            tokio::time::sleep(pause).await;
                            continue;
                        }
                    }
                    e.attempts = Some(attempt);
                    return Err(e.with_action(action.name));
                }
            }
        }
    }

    fn timeout_error(&self, by_deadline: bool) -> Error {
        let mut e = if by_deadline {
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
        // A read may be tried again (within the deadline); the transport clears this for changes.
        e.retryable = !by_deadline;
        e
    }

    fn backoff(&self, attempt: u32) -> Duration {
        let base = self.cfg.retry_base_delay.as_millis() as u64;
        let exp = base.saturating_mul(1u64 << (attempt - 1).min(10)).min(8_000);
        // "Equal jitter": half fixed, half random.
        Duration::from_millis(exp / 2 + fastrand::u64(0..=exp / 2))
    }

    async fn send_once(&self, action: &Action, pairs: &[(String, String)]) -> std::result::Result<Value, Failure> {
        // POST with a form body: the signed URI is the path plus the one fixed query parameter.
        let path = format!("{}/{}", action.env.prefix(), action.name);
        let query = format!("responseFormatType={}", self.cfg.format.as_str());
        let request_uri = format!("{path}?{query}");
        let url = format!("{}{}", self.cfg.endpoint.trim_end_matches('/'), request_uri);
        let timestamp = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis())
            .unwrap_or(0)
            .to_string();
        let signature = signing::sign(
            self.cfg.secret_key.expose(),
            "POST",
            &request_uri,
            &timestamp,
            &self.cfg.access_key,
        );
        let body = encode_pairs(pairs);
        let response = self
            .http
            .post(&url)
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
            .map_err(|e| Failure {
                never_sent: e.is_connect(),
                error: network_error(&e, &self.cfg),
            })?;
        let status = response.status().as_u16();
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
            return Err(Failure {
                error: e,
                never_sent: false,
            });
        }
        let bytes = self.read_body(response).await?;
        decode_response(action, status, &bytes).map_err(|error| Failure {
            error,
            never_sent: false,
        })
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
            Failure {
                error: e,
                never_sent: false,
            }
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
                Err(e) => {
                    return Err(Failure {
                        never_sent: false,
                        error: network_error(&e, &self.cfg),
                    })
                }
            }
        }
    }
}

/// A failed attempt, and whether the request certainly never reached the server (the connection
/// was never made), which makes even a state-changing request safe to send again.
struct Failure {
    error: Error,
    never_sent: bool,
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
    let mut err = if e.is_connect() && e.is_timeout() {
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
    err.retryable = true;
    err
}
