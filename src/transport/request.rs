//! One request: built from the action's parsed URL, signed (API Gateway signature v2 over the
//! method, the request target and the timestamp, with our clock corrected by what the gateway's `Date`
//! told us), sent through the client's connection pool, its answer read within `maxResponseBytes` and
//! `maxBufferedBytes` and decoded into the call's JSON text in one pass.

use super::attempt::Failure;
use super::limits::{self, BudgetError, Reserved};
use super::{request_uri, Transport};
use crate::catalog::Action;
use crate::error::{Error, ErrorCode};
use crate::signing;
use crate::wire::{decode_into, decode_into_parts, Format, PartSink, Shape};
use reqwest::header::{HeaderName, HeaderValue, ACCEPT, CONTENT_TYPE};
use std::time::{SystemTime, UNIX_EPOCH};

tokio::task_local! {
    /// Where the call running in this task hands a long list over in parts as it is decoded (see
    /// `wire::PartSink`): set by the addon around a call's task (`bindings::dispatch`), unset elsewhere.
    pub static PARTS: std::cell::RefCell<Box<dyn PartSink + Send>>;
}

const TIMESTAMP: HeaderName = HeaderName::from_static(signing::HEADER_TIMESTAMP);
const ACCESS_KEY: HeaderName = HeaderName::from_static(signing::HEADER_ACCESS_KEY);
const SIGNATURE: HeaderName = HeaderName::from_static(signing::HEADER_SIGNATURE_V2);
const FORM: HeaderValue = HeaderValue::from_static("application/x-www-form-urlencoded; charset=utf-8");
const ACCEPT_JSON: HeaderValue = HeaderValue::from_static("application/json");
const ACCEPT_XML: HeaderValue = HeaderValue::from_static("application/xml");

impl Transport {
    /// Sends `action` once and decodes its answer: `(text, HTTP status, requestId)`. `target` is the
    /// signed request target of a `signParameters` GET; without it the parameters go in a POST body,
    /// `body` (encoded once per call).
    pub(super) async fn send_once(
        &self,
        action: &'static Action,
        body: Option<&bytes::Bytes>,
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
                let url = format!(
                    "{}{}",
                    super::origin::origin(&self.cfg.endpoint, self.cfg.site, &self.cfg.routing, action.api),
                    uri
                );
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
        let timestamp = itoa::Buffer::new()
            .format(now_ms.saturating_add(self.clock_offset_ms()))
            .to_string();
        // signParameters: a GET whose signed query holds the parameters; otherwise a POST with a form body.
        let method = match target {
            Some(t) => {
                url.set_query(t.split_once('?').map(|(_, q)| q));
                request_uri = t.into();
                reqwest::Method::GET
            }
            None => reqwest::Method::POST,
        };
        let keys = self.keys.current();
        let signature = keys
            .signer
            .sign(method.as_str(), &request_uri, &timestamp, &keys.access_key);
        // The request is put together directly, with header names and the fixed values made once (a
        // builder parses and checks every name and value again on every call).
        let post = target.is_none();
        let mut request = reqwest::Request::new(method, url);
        let headers = request.headers_mut();
        if post {
            headers.insert(CONTENT_TYPE, FORM);
        }
        headers.insert(
            ACCEPT,
            if self.cfg.format == Format::Json {
                ACCEPT_JSON
            } else {
                ACCEPT_XML
            },
        );
        for (name, value) in [(TIMESTAMP, timestamp), (SIGNATURE, signature)] {
            // Digits and base64: always valid header values.
            if let Ok(value) = HeaderValue::from_str(&value) {
                headers.insert(name, value);
            }
        }
        headers.insert(ACCESS_KEY, keys.header.clone());
        if let Some(body) = body.filter(|_| post) {
            *request.body_mut() = Some(body.clone().into());
        }
        let response = http.execute(request).await.map_err(|e| self.send_failure(&e))?;
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
        let decoded = PARTS
            .try_with(|parts| {
                let mut parts = parts.borrow_mut();
                decode_into_parts(action, shape, status, &bytes, &mut out, Some(&mut **parts))
            })
            .unwrap_or_else(|_| decode_into(action, shape, status, &bytes, &mut out));
        decoded
            .map(|request_id| (out, status, request_id))
            .map_err(|error| with_headers(Failure::new(error, false)))
    }

    /// The answer's body, refused as soon as it grows beyond `maxResponseBytes` (what was read is
    /// released). No content decoding is enabled, so the bytes counted are the bytes kept.
    /// The bytes are also counted against the client-wide `maxBufferedBytes` (see [`BufferBudget`]):
    /// a body of known length reserves it before reading, others as they arrive.
    async fn read_body(&self, mut response: reqwest::Response) -> std::result::Result<bytes::Bytes, Failure> {
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
        let known = response.content_length();
        if known.is_some_and(|n| n > max) {
            return Err(too_large());
        }
        let mut held = Reserved::default();
        if let Some(n) = known {
            if self.buffers.reserve(&mut held, n).await.is_err() {
                return Err(over_budget(0));
            }
        }
        // The first chunk is kept as it came (most answers are one chunk: no copy); later ones are
        // gathered after it.
        let mut first: Option<bytes::Bytes> = None;
        let mut body: Vec<u8> = Vec::new();
        loop {
            match response.chunk().await {
                Ok(Some(chunk)) => {
                    // The bytes read so far: the first chunk alone, or `body` once it holds the first
                    // chunk too (counting both counted the first chunk twice, so that an answer of
                    // known length asked for more than it had reserved near its end and was dropped).
                    let read = if body.is_empty() {
                        first.as_ref().map_or(0, |f| f.len())
                    } else {
                        body.len()
                    };
                    let len = read as u64 + chunk.len() as u64;
                    if len > max {
                        return Err(too_large());
                    }
                    let more = len.saturating_sub(held.bytes() as u64);
                    match self.buffers.reserve(&mut held, more).await {
                        Ok(()) => {}
                        Err(BudgetError::TooLarge | BudgetError::Spent) => return Err(over_budget(read)),
                    }
                    match &first {
                        None => first = Some(chunk),
                        Some(f) => {
                            if body.is_empty() {
                                // An answer of known length (already within `maxResponseBytes`, and
                                // reserved in the budget) gets its whole buffer at once: no regrowth
                                // and copy as a multi-MB list arrives.
                                let expected = known.unwrap_or(0) as usize;
                                body.reserve(expected.max(len as usize));
                                body.extend_from_slice(f);
                            }
                            body.extend_from_slice(&chunk);
                        }
                    }
                }
                Ok(None) if body.is_empty() => return Ok(first.unwrap_or_default()),
                Ok(None) => return Ok(body.into()),
                Err(e) => return Err(self.send_failure(&e).sent()),
            }
        }
    }
}
