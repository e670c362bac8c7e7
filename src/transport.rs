//! HTTP transport: one reqwest client (rustls, connection reuse) per `createClient`, request signing,
//! timeouts, and a retry policy with exponential back-off for answers that may succeed on a second try.

use crate::catalog::Action;
use crate::encoding::encode_pairs;
use crate::error::{Error, ErrorCode, Result};
use crate::signing;
use crate::wire::{decode_into, Format, Shape};
use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

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
    /// Whole-request timeout.
    pub timeout: Duration,
    pub connect_timeout: Duration,
    /// Retries after the first attempt, for retryable failures.
    pub max_retries: u32,
    /// First back-off delay; doubled on each retry (with jitter), capped at 8 s.
    pub retry_base_delay: Duration,
}

#[derive(Debug)]
pub struct Transport {
    http: reqwest::Client,
    cfg: TransportConfig,
    signer: signing::Signer,
    /// Per action (in `catalog::ACTIONS` order): the URL, parsed once, and the signed request URI.
    /// Empty when the endpoint does not parse as a URL (each call then reports it as before).
    routes: Vec<(reqwest::Url, String)>,
}

pub const USER_AGENT: &str = concat!("ncloud-node/", env!("CARGO_PKG_VERSION"), " (rust; napi-rs)");

impl Transport {
    pub fn new(cfg: TransportConfig) -> Result<Self> {
        let http = reqwest::Client::builder()
            .user_agent(USER_AGENT)
            .connect_timeout(cfg.connect_timeout)
            .timeout(cfg.timeout)
            .pool_idle_timeout(Duration::from_secs(60))
            .build()
            .map_err(|e| Error::internal(format!("could not build the HTTP client: {e}")))?;
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

    /// Sends one action with its flattened parameters and decodes the answer, retrying what is safe
    /// to retry: read actions on transient failures; every action when the connection was never made.
    /// The result is JSON text in `shape` (see `wire::decode_into`).
    pub async fn call(&self, action: &'static Action, pairs: Vec<(String, String)>, shape: Shape) -> Result<String> {
        let mut attempt = 0u32;
        loop {
            attempt += 1;
            let result = self.send_once(action, &pairs, shape).await;
            match result {
                Ok(v) => return Ok(v),
                Err(Failure {
                    error: mut e,
                    never_sent,
                }) => {
                    let may_retry = e.retryable && (!action.mutating || never_sent);
                    if may_retry && attempt <= self.cfg.max_retries {
                        tokio::time::sleep(self.backoff(attempt)).await;
                        continue;
                    }
                    e.attempts = Some(attempt);
                    return Err(e.with_action(action.name));
                }
            }
        }
    }

    fn backoff(&self, attempt: u32) -> Duration {
        let base = self.cfg.retry_base_delay.as_millis() as u64;
        let exp = base.saturating_mul(1u64 << (attempt - 1).min(10)).min(8_000);
        // "Equal jitter": half fixed, half random.
        Duration::from_millis(exp / 2 + fastrand::u64(0..=exp / 2))
    }

    async fn send_once(
        &self,
        action: &'static Action,
        pairs: &[(String, String)],
        shape: Shape,
    ) -> std::result::Result<String, Failure> {
        // POST with a form body: the signed URI is the path plus the one fixed query parameter.
        let (url, request_uri): (reqwest::Url, std::borrow::Cow<'_, str>) = match self.route(action) {
            Some((url, uri)) => (url.clone(), uri.as_str().into()),
            None => {
                let uri = request_uri(action, self.cfg.format);
                let url = format!("{}{}", self.cfg.endpoint.trim_end_matches('/'), uri);
                match reqwest::Url::parse(&url) {
                    Ok(u) => (u, uri.into()),
                    Err(e) => {
                        let mut error = Error::new(
                            ErrorCode::Network,
                            format!("request to {} failed: invalid URL ({e})", self.cfg.endpoint),
                        );
                        error.retryable = false;
                        return Err(Failure {
                            error,
                            never_sent: true,
                        });
                    }
                }
            }
        };
        let timestamp = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis())
            .unwrap_or(0)
            .to_string();
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
            .map_err(|e| Failure {
                never_sent: e.is_connect(),
                error: network_error(&e, &self.cfg),
            })?;
        let status = response.status().as_u16();
        let bytes = response.bytes().await.map_err(|e| Failure {
            never_sent: false,
            error: network_error(&e, &self.cfg),
        })?;
        let mut out = String::with_capacity(bytes.len() + 256);
        decode_into(action, shape, status, &bytes, &mut out).map_err(|error| Failure {
            error,
            never_sent: false,
        })?;
        Ok(out)
    }
}

/// The signed request URI of `action`: its path and the one fixed query parameter.
fn request_uri(action: &Action, format: Format) -> String {
    format!(
        "{}/{}?responseFormatType={}",
        action.env.prefix(),
        action.name,
        format.as_str()
    )
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
    let mut err = if e.is_timeout() {
        Error::new(
            ErrorCode::Timeout,
            format!(
                "request to {} timed out after {} ms",
                cfg.endpoint,
                cfg.timeout.as_millis()
            ),
        )
    } else if e.is_connect() {
        Error::new(
            ErrorCode::Network,
            format!("could not connect to {}{detail}", cfg.endpoint),
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
