//! One request: built from the action's parsed URL, signed (API Gateway signature v2 over the
//! method, the request target and the timestamp, with our clock corrected by what the gateway's `Date`
//! told us), sent through the client's connection pool, its answer read within `maxResponseBytes` and
//! `maxBufferedBytes` and decoded into the call's JSON text in one pass.

use super::attempt::Failure;
use super::limits::{self, BudgetError, Reserved};
use super::{request_uri, Transport};
use crate::catalog::Action;
use crate::encoding::encode_pairs;
use crate::error::{Error, ErrorCode};
use crate::signing;
use crate::wire::{decode_into, Format, Shape};
use std::time::{SystemTime, UNIX_EPOCH};

impl Transport {
    /// Sends `action` once and decodes its answer: `(text, HTTP status, requestId)`. `target` is the
    /// signed request target of a `signParameters` GET; without it the parameters go in a POST body.
    pub(super) async fn send_once(
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
}
