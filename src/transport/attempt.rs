//! The attempt loop of one call: a connection slot (`maxSockets`) within the call's deadline, one
//! request within the attempt's limit, and after a failure what [`crate::retry`] decides (or one more
//! attempt when a 401 is explained by our clock being off). Every attempt is reported to the call's
//! observer once it has ended.

use super::{query, request_uri, AttemptRecord, Limits, Observe, Transport};
use crate::catalog::Action;
use crate::error::{Error, ErrorCode, Result};
use crate::retry::{Attempt, Decision, Strategy};
use crate::wire::Shape;
use std::sync::atomic::Ordering;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

/// A 401 whose `Date` shows our clock further off than this is explained by the gateway's 5-minute
/// timestamp check (with a margin for the header's 1-second precision and the trip).
const SKEW_EXPLAINS_401_MS: i64 = 4 * 60 * 1000;

/// A failed attempt, and whether the request certainly never reached the server (the connection
/// was never made), which makes even a state-changing request safe to send again.
pub(super) struct Failure {
    pub error: Error,
    pub never_sent: bool,
    /// The answer's `Retry-After` and `Date` headers, when there was an answer.
    pub retry_after: Option<String>,
    pub server_date: Option<String>,
    /// Trying again cannot help (an untrusted certificate).
    pub permanent: bool,
}

impl Failure {
    pub fn new(error: Error, never_sent: bool) -> Self {
        Failure {
            error,
            never_sent,
            retry_after: None,
            server_date: None,
            permanent: false,
        }
    }

    /// The same failure once the request was sent (an answer's body broke off).
    pub fn sent(mut self) -> Self {
        self.never_sent = false;
        self
    }
}

impl Transport {
    /// The attempts of one call (see [`Transport::call`]).
    pub(super) async fn attempts<O: Observe>(
        &self,
        action: &'static Action,
        pairs: Vec<(String, String)>,
        shape: Shape,
        own: &Limits,
        observer: &mut O,
    ) -> Result<String> {
        // With signParameters, the signed request target holds the parameters (checked once, before
        // anything is sent).
        let target = match (self.cfg.net.sign_parameters, self.route(action)) {
            (true, Some((_, uri))) => Some(query::signed_target(action.name, uri, &pairs)),
            (true, None) => Some(query::signed_target(
                action.name,
                &request_uri(action, self.cfg.format),
                &pairs,
            )),
            (false, _) => None,
        }
        .transpose()
        .map_err(|e| e.with_action(action.name))?;
        // Without it, the form body, encoded once for every attempt and checked against the gateway's
        // limit before anything is sent.
        let body: Option<bytes::Bytes> = match &target {
            Some(_) => None,
            None => Some(
                query::form_body(action.name, &pairs)
                    .map_err(|e| e.with_action(action.name))?
                    .into(),
            ),
        };
        drop(pairs);
        // The call's own limits over the client's.
        let timeout = own.timeout.unwrap_or(self.cfg.timeout);
        let attempt_timeout = own.attempt_timeout.or(self.cfg.attempt_timeout);
        let max_retries = own.max_retries.unwrap_or(self.cfg.max_retries);
        let deadline = Instant::now() + timeout;
        let mut attempt = 0u32;
        let mut spent = 0u32;
        let mut skew_corrected = false;
        loop {
            attempt += 1;
            if O::WANTS {
                observer.begin(attempt);
            }
            let started = Instant::now();
            // A connection slot (maxSockets), waited for within the call's deadline (no timer when one
            // is free); the attempt's own limit starts once it has one.
            let slot = match self.connections.try_acquire() {
                Some(slot) => Ok(Ok(slot)),
                None => tokio::time::timeout_at(deadline.into(), self.connections.acquire()).await,
            };
            let result = match slot {
                Err(_) => Err(Failure::new(self.queue_timeout_error(timeout), true)),
                Ok(Err(e)) => Err(Failure::new(e, true)),
                Ok(Ok(_slot)) => {
                    let remaining = deadline.saturating_duration_since(Instant::now());
                    let (limit, by_deadline) = match attempt_timeout {
                        Some(a) if a < remaining => (a, false),
                        _ => (remaining, true),
                    };
                    // Pinned where it is (a timeout wrapper would take a copy of the large future).
                    let send = std::pin::pin!(self.send_once(action, body.as_ref(), target.as_deref(), shape));
                    tokio::select! {
                        biased;
                        r = send => r,
                        _ = tokio::time::sleep(limit) => Err(Failure::new(self.timeout_error(by_deadline, limit, timeout), false)),
                    }
                }
            };
            let duration_ms = started.elapsed().as_millis() as u64;
            let failure = match result {
                Ok((text, status, request_id)) => {
                    self.strategy.succeeded(spent);
                    if O::WANTS {
                        observer.attempt(AttemptRecord {
                            attempt,
                            start_time: 0.0,
                            status: Some(status),
                            // A success is an answer whose returnCode is 0 (the decoder refuses any other).
                            return_code: Some("0".to_string()),
                            error: None,
                            duration_ms,
                            request_id,
                            retry: None,
                            gave_up: None,
                        });
                    }
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
                start_time: 0.0,
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
                        observer.attempt(record);
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
                .decide(attempt, max_retries, &a, remaining, SystemTime::now(), fastrand::f64())
            {
                Decision::Retry { delay, reason } => {
                    spent += Strategy::cost(reason);
                    record.retry = Some(format!("{}; next attempt in {} ms", reason.as_str(), delay.as_millis()));
                    observer.attempt(record);
                    tokio::time::sleep(delay).await;
                }
                Decision::Stop { retryable, why } => {
                    record.gave_up = why.map(str::to_string);
                    observer.attempt(record);
                    e.retryable = retryable;
                    e.attempts = Some(attempt);
                    // An answer's error links the API's page in the reference of the client's site.
                    if matches!(e.code, ErrorCode::Api | ErrorCode::Auth | ErrorCode::Gateway) {
                        e.docs_url = Some(format!(
                            "https://{}/docs/{}",
                            self.cfg.site.docs_host(),
                            action.api.docs
                        ));
                    }
                    return Err(e.with_action(action.name));
                }
            }
        }
    }

    /// The deadline (`timeout`) passed while the call waited for a connection slot: nothing was sent.
    fn queue_timeout_error(&self, timeout: std::time::Duration) -> Error {
        Error::new(
            ErrorCode::Timeout,
            format!(
                "request to {} timed out after {} ms waiting for a connection: all {} (maxSockets) were in use; nothing was sent",
                self.cfg.endpoint,
                timeout.as_millis(),
                self.connections.max()
            ),
        )
    }

    /// An attempt ran out of time: the call's deadline (`timeout`), or its own `limit` (`attemptTimeout`).
    fn timeout_error(&self, by_deadline: bool, limit: std::time::Duration, timeout: std::time::Duration) -> Error {
        if by_deadline {
            Error::new(
                ErrorCode::Timeout,
                format!(
                    "request to {} timed out after {} ms (timeout: the whole call's deadline)",
                    self.cfg.endpoint,
                    timeout.as_millis()
                ),
            )
        } else {
            Error::new(
                ErrorCode::Timeout,
                format!(
                    "request to {} timed out after {} ms (attemptTimeout)",
                    self.cfg.endpoint,
                    limit.as_millis()
                ),
            )
        }
    }
}

/// The gateway's clock minus ours (ms), from an HTTP `Date` header.
fn skew_ms(date: &str, now: SystemTime) -> Option<i64> {
    let server = httpdate::parse_http_date(date.trim()).ok()?;
    let ms = |t: SystemTime| t.duration_since(UNIX_EPOCH).ok().map(|d| d.as_millis() as i64);
    Some(ms(server)? - ms(now)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn skew_from_an_http_date() {
        // 1700000000 s is Tue, 14 Nov 2023 22:13:20 GMT.
        let now = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        assert_eq!(skew_ms("Tue, 14 Nov 2023 22:19:20 GMT", now), Some(360_000));
        assert_eq!(skew_ms("Tue, 14 Nov 2023 22:06:20 GMT", now), Some(-420_000));
        assert_eq!(skew_ms("Tuesday, 14-Nov-23 22:19:20 GMT", now), Some(360_000));
        assert_eq!(skew_ms("yesterday", now), None);
    }
}
