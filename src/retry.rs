//! The one retry strategy: which failures are worth another attempt, how long to wait before it, and
//! a per-client retry budget so that a failing service is not hammered. Nothing else in the crate
//! decides retryability; the transport asks [`Strategy::decide`] after every failed attempt.
//!
//! - Classifier: a request that never left (connection not made) may always be sent again; otherwise
//!   a state-changing action never is (it may have reached the server). Reads are retried on network
//!   failures, timeouts, HTTP 5xx and 429, and NCP's "try again later" return codes (1300).
//! - Back-off: exponential with full jitter (`random(0, min(cap, base * 2^(n-1)))`), or the answer's
//!   `Retry-After` (seconds or an HTTP date) when it gives one, capped.
//! - Budget: smithy's "standard" mode: 500 tokens per client; a retry costs 5 (10 after a timeout); a
//!   successful call refunds what its retries cost, or 1 when it needed none.
//!
//! Time and randomness come in as arguments, so the unit tests run on a fake clock.

use crate::error::{Error, ErrorCode};
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

/// NCP return codes that mean "temporarily out of service, try again".
const TRY_AGAIN_CODES: &[&str] = &["1300"];

pub const BUDGET_CAPACITY: u32 = 500;
pub const RETRY_COST: u32 = 5;
pub const TIMEOUT_RETRY_COST: u32 = 10;
const NO_RETRY_INCREMENT: u32 = 1;
/// Longest back-off between two attempts.
pub const MAX_BACKOFF: Duration = Duration::from_secs(8);
/// Longest wait a `Retry-After` may ask for; beyond it the call fails (with the error) instead.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(20);

/// Why a failure may be retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// The connection was never made: nothing reached a server.
    NotSent,
    /// No answer: reset, broken, DNS ...
    Network,
    Timeout,
    /// HTTP 429.
    Throttled,
    /// HTTP 5xx.
    ServerError,
    /// NCP's "try again later" return code.
    TryAgain,
}

impl Reason {
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::NotSent => "connection not made",
            Reason::Network => "network failure",
            Reason::Timeout => "timeout",
            Reason::Throttled => "throttled (429)",
            Reason::ServerError => "server error (5xx)",
            Reason::TryAgain => "try again later (returnCode)",
        }
    }
    fn cost(self) -> u32 {
        if self == Reason::Timeout {
            TIMEOUT_RETRY_COST
        } else {
            RETRY_COST
        }
    }
}

/// What is known of a failed attempt.
#[derive(Debug, Clone, Copy)]
pub struct Attempt<'a> {
    pub error: &'a Error,
    /// The connection was never made (safe to resend anything).
    pub never_sent: bool,
    /// The action changes state (create, delete, share).
    pub mutating: bool,
    /// The answer's `Retry-After` header, if any.
    pub retry_after: Option<&'a str>,
    /// Trying again cannot help, whatever the action (an untrusted certificate).
    pub permanent: bool,
}

/// Whether another attempt may succeed, and why; `None`: it may not (or must not).
pub fn classify(a: &Attempt<'_>) -> Option<Reason> {
    let e = a.error;
    if a.permanent {
        return None;
    }
    if a.never_sent {
        return Some(if e.code == ErrorCode::Timeout {
            Reason::Timeout
        } else {
            Reason::NotSent
        });
    }
    if a.mutating {
        return None;
    }
    match e.code {
        ErrorCode::Validation
        | ErrorCode::Credentials
        | ErrorCode::Auth
        | ErrorCode::Internal
        | ErrorCode::Aborted
        | ErrorCode::ClientClosed => return None,
        ErrorCode::Network => return Some(Reason::Network),
        ErrorCode::Timeout => return Some(Reason::Timeout),
        ErrorCode::Api | ErrorCode::Gateway | ErrorCode::Decode => {}
    }
    if e.return_code.as_deref().is_some_and(|c| TRY_AGAIN_CODES.contains(&c)) {
        return Some(Reason::TryAgain);
    }
    match e.http_status {
        Some(429) => Some(Reason::Throttled),
        Some(s) if (500..600).contains(&s) => Some(Reason::ServerError),
        _ => None,
    }
}

/// Exponential back-off with full jitter: `random * min(cap, base * 2^(retry-1))`; `random` in [0, 1].
pub fn backoff(retry: u32, base: Duration, random: f64) -> Duration {
    let exp = base
        .as_millis()
        .saturating_mul(1u128 << retry.saturating_sub(1).min(20))
        .min(MAX_BACKOFF.as_millis()) as f64;
    Duration::from_millis((exp * random.clamp(0.0, 1.0)) as u64)
}

/// A `Retry-After` value: delay-seconds or an HTTP date in any of the three forms RFC 9110 requires a
/// recipient to read (IMF-fixdate, RFC 850, asctime; `httpdate`), relative to `now`; `None` when
/// unreadable. Seconds too many for a number (`99999999999999999999`) are as long as can be, so the
/// cap ends the call as it does for any wait beyond it, instead of the value being ignored.
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let v = value.trim();
    if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) {
        return Some(v.parse::<u64>().map_or(Duration::MAX, Duration::from_secs));
    }
    let at = httpdate::parse_http_date(v).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// The per-client retry budget (a token bucket without time-based refill, as smithy's standard mode).
#[derive(Debug)]
pub struct Budget {
    tokens: Mutex<u32>,
}

impl Default for Budget {
    fn default() -> Self {
        Budget {
            tokens: Mutex::new(BUDGET_CAPACITY),
        }
    }
}

impl Budget {
    pub fn available(&self) -> u32 {
        *self.tokens.lock().unwrap_or_else(|p| p.into_inner())
    }
    fn take(&self, n: u32) -> bool {
        let mut t = self.tokens.lock().unwrap_or_else(|p| p.into_inner());
        if *t >= n {
            *t -= n;
            true
        } else {
            false
        }
    }
    fn give(&self, n: u32) {
        let mut t = self.tokens.lock().unwrap_or_else(|p| p.into_inner());
        *t = (*t + n).min(BUDGET_CAPACITY);
    }
}

/// What to do after a failed attempt.
#[derive(Debug, Clone, PartialEq)]
pub enum Decision {
    /// Wait `delay`, then attempt again.
    Retry { delay: Duration, reason: Reason },
    /// Give up; `retryable` says whether trying again later may help (`err.retryable`).
    Stop { retryable: bool, why: Option<&'static str> },
}

/// One client's strategy: its limits and its budget.
#[derive(Debug)]
pub struct Strategy {
    pub max_retries: u32,
    pub base_delay: Duration,
    budget: Budget,
}

impl Strategy {
    pub fn new(max_retries: u32, base_delay: Duration) -> Self {
        Strategy {
            max_retries,
            base_delay,
            budget: Budget::default(),
        }
    }

    pub fn budget(&self) -> &Budget {
        &self.budget
    }

    /// After failed attempt number `attempt` (1-based) of a call allowed `max_retries` retries (the
    /// client's `max_retries`, or the call's own), with `remaining` time before the call's deadline,
    /// the time `now` and a `random` number in [0, 1] for the jitter.
    pub fn decide(
        &self,
        attempt: u32,
        max_retries: u32,
        a: &Attempt<'_>,
        remaining: Duration,
        now: SystemTime,
        random: f64,
    ) -> Decision {
        let Some(reason) = classify(a) else {
            return Decision::Stop {
                retryable: false,
                why: None,
            };
        };
        if attempt > max_retries {
            return Decision::Stop {
                retryable: true,
                why: Some("maxRetries reached"),
            };
        }
        let delay = match a.retry_after.and_then(|v| parse_retry_after(v, now)) {
            Some(d) if d > MAX_RETRY_AFTER => {
                return Decision::Stop {
                    retryable: true,
                    why: Some("Retry-After beyond the cap"),
                }
            }
            Some(d) => d,
            None => backoff(attempt, self.base_delay, random),
        };
        if delay >= remaining {
            return Decision::Stop {
                retryable: true,
                why: Some("no time left before the deadline"),
            };
        }
        if !self.budget.take(reason.cost()) {
            return Decision::Stop {
                retryable: true,
                why: Some("retry budget exhausted"),
            };
        }
        Decision::Retry { delay, reason }
    }

    /// A call succeeded after `retries` retries, which cost `spent` tokens: refund them (or 1).
    pub fn succeeded(&self, spent: u32) {
        self.budget.give(if spent == 0 { NO_RETRY_INCREMENT } else { spent });
    }

    /// The cost of a retry for `reason` (what [`Strategy::succeeded`] refunds).
    pub fn cost(reason: Reason) -> u32 {
        reason.cost()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(code: ErrorCode, status: Option<u16>, rc: Option<&str>) -> Error {
        let mut e = Error::new(code, "x");
        e.http_status = status;
        e.return_code = rc.map(str::to_string);
        e
    }

    fn attempt(e: &Error, mutating: bool, never_sent: bool) -> Attempt<'_> {
        Attempt {
            error: e,
            never_sent,
            mutating,
            retry_after: None,
            permanent: false,
        }
    }

    /// A fixed point in time: the fake clock.
    fn t0() -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000)
    }

    #[test]
    fn classifier() {
        let network = err(ErrorCode::Network, None, None);
        let timeout = err(ErrorCode::Timeout, None, None);
        let s500 = err(ErrorCode::Api, Some(500), Some("1300"));
        let s429 = err(ErrorCode::Gateway, Some(429), Some("400"));
        let s503_html = err(ErrorCode::Decode, Some(503), None);
        let busy = err(ErrorCode::Api, Some(400), Some("25018"));
        let try_again_200 = err(ErrorCode::Api, Some(200), Some("1300"));
        let auth = err(ErrorCode::Auth, Some(401), Some("200"));
        let redirect = err(ErrorCode::Gateway, Some(302), None);
        assert_eq!(classify(&attempt(&network, false, false)), Some(Reason::Network));
        assert_eq!(classify(&attempt(&timeout, false, false)), Some(Reason::Timeout));
        assert_eq!(classify(&attempt(&s500, false, false)), Some(Reason::TryAgain));
        assert_eq!(classify(&attempt(&s429, false, false)), Some(Reason::Throttled));
        assert_eq!(classify(&attempt(&s503_html, false, false)), Some(Reason::ServerError));
        assert_eq!(classify(&attempt(&try_again_200, false, false)), Some(Reason::TryAgain));
        for e in [&busy, &auth, &redirect] {
            assert_eq!(classify(&attempt(e, false, false)), None, "{e:?}");
        }
        // A change that may have reached the server is never retried; one that never left is.
        for e in [&network, &timeout, &s500, &s429] {
            assert_eq!(classify(&attempt(e, true, false)), None);
        }
        assert_eq!(classify(&attempt(&network, true, true)), Some(Reason::NotSent));
        assert_eq!(classify(&attempt(&timeout, true, true)), Some(Reason::Timeout));
        // An untrusted certificate: never again, not even a read whose connection was never made.
        let permanent = Attempt {
            permanent: true,
            ..attempt(&network, false, true)
        };
        assert_eq!(classify(&permanent), None);
        let closed = err(ErrorCode::ClientClosed, None, None);
        assert_eq!(classify(&attempt(&closed, false, false)), None);
    }

    #[test]
    fn full_jitter_backoff() {
        let base = Duration::from_millis(200);
        assert_eq!(backoff(1, base, 1.0), Duration::from_millis(200));
        assert_eq!(backoff(3, base, 1.0), Duration::from_millis(800));
        assert_eq!(backoff(3, base, 0.5), Duration::from_millis(400));
        assert_eq!(backoff(3, base, 0.0), Duration::ZERO);
        assert_eq!(backoff(30, base, 1.0), MAX_BACKOFF);
        assert_eq!(
            backoff(u32::MAX, Duration::from_secs(u64::MAX / 1000), 1.0),
            MAX_BACKOFF
        );
    }

    #[test]
    fn retry_after_seconds_and_dates() {
        let now = t0();
        assert_eq!(parse_retry_after("3", now), Some(Duration::from_secs(3)));
        assert_eq!(parse_retry_after(" 0 ", now), Some(Duration::ZERO));
        // 1700000000 is Tue, 14 Nov 2023 22:13:20 GMT.
        assert_eq!(
            parse_retry_after("Tue, 14 Nov 2023 22:13:25 GMT", now),
            Some(Duration::from_secs(5))
        );
        assert_eq!(
            parse_retry_after("Tue, 14 Nov 2023 22:13:00 GMT", now),
            Some(Duration::ZERO)
        );
        // The two obsolete forms every HTTP/1.1 recipient must read (RFC 9110, 5.6.7).
        assert_eq!(
            parse_retry_after("Tuesday, 14-Nov-23 22:13:25 GMT", now),
            Some(Duration::from_secs(5))
        );
        assert_eq!(
            parse_retry_after("Tue Nov 14 22:13:25 2023", now),
            Some(Duration::from_secs(5))
        );
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("-1", now), None);
        assert_eq!(parse_retry_after("", now), None);
        // Too many seconds for a number: as long as can be (so beyond the cap), not unreadable.
        assert_eq!(parse_retry_after("99999999999999999999", now), Some(Duration::MAX));
    }

    #[test]
    fn decisions_follow_limits_retry_after_and_deadline() {
        let s = Strategy::new(2, Duration::from_millis(100));
        let e = err(ErrorCode::Gateway, Some(503), None);
        let a = attempt(&e, false, false);
        let long = Duration::from_secs(60);
        assert_eq!(
            s.decide(1, s.max_retries, &a, long, t0(), 1.0),
            Decision::Retry {
                delay: Duration::from_millis(100),
                reason: Reason::ServerError
            }
        );
        assert!(matches!(
            s.decide(3, s.max_retries, &a, long, t0(), 1.0),
            Decision::Stop { retryable: true, .. }
        ));
        // Retry-After wins over the back-off, up to its cap.
        let with_ra = Attempt {
            retry_after: Some("2"),
            ..a
        };
        assert_eq!(
            s.decide(1, s.max_retries, &with_ra, long, t0(), 1.0),
            Decision::Retry {
                delay: Duration::from_secs(2),
                reason: Reason::ServerError
            }
        );
        // Beyond the cap, however it is written, the call ends with the error.
        for far in [
            "3600",
            "99999999999999999999",
            "Tue, 14 Nov 2023 23:13:20 GMT",
            "Tue Nov 14 23:13:20 2023",
        ] {
            let too_far = Attempt {
                retry_after: Some(far),
                ..a
            };
            assert_eq!(
                s.decide(1, s.max_retries, &too_far, long, t0(), 1.0),
                Decision::Stop {
                    retryable: true,
                    why: Some("Retry-After beyond the cap")
                },
                "{far}"
            );
        }
        // No retry that would end after the deadline.
        assert!(matches!(
            s.decide(1, s.max_retries, &with_ra, Duration::from_secs(1), t0(), 1.0),
            Decision::Stop { retryable: true, .. }
        ));
        let busy = err(ErrorCode::Api, Some(400), Some("25018"));
        assert_eq!(
            s.decide(1, s.max_retries, &attempt(&busy, false, false), long, t0(), 1.0),
            Decision::Stop {
                retryable: false,
                why: None
            }
        );
    }

    #[test]
    fn the_budget_runs_out_and_is_refunded_on_success() {
        let s = Strategy::new(u32::MAX, Duration::ZERO);
        let e = err(ErrorCode::Gateway, Some(503), None);
        let t = err(ErrorCode::Timeout, None, None);
        let long = Duration::from_secs(60);
        let mut retries = 0;
        while let Decision::Retry { .. } = s.decide(1, s.max_retries, &attempt(&e, false, false), long, t0(), 0.0) {
            retries += 1;
        }
        assert_eq!(retries, BUDGET_CAPACITY / RETRY_COST);
        assert_eq!(s.budget().available(), 0);
        s.succeeded(10);
        assert_eq!(s.budget().available(), 10);
        assert!(matches!(
            s.decide(1, s.max_retries, &attempt(&t, false, false), long, t0(), 0.0),
            Decision::Retry {
                reason: Reason::Timeout,
                ..
            }
        ));
        assert_eq!(s.budget().available(), 0, "a timeout retry costs 10");
        // A success without retries adds 1; the bucket never exceeds its capacity.
        s.succeeded(0);
        assert_eq!(s.budget().available(), 1);
        for _ in 0..1000 {
            s.succeeded(5);
        }
        assert_eq!(s.budget().available(), BUDGET_CAPACITY);
    }
}
