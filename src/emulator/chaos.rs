//! Fault injection: chaos mode (probabilistic gateway errors and reset connections on every request) and
//! the faults a test injects for the next matching requests.

use super::faults::{ApiFault, InjectedFault};
use super::reply::{api_fault, gateway, Reply, JSON_TYPE, XML_TYPE};
use super::state::State;
use crate::wire::{render_api_error, Format};
use std::time::Duration;

/// Chaos mode's "reset": the connection is closed without an answer.
#[derive(Debug)]
pub struct ChaosReset;

impl std::fmt::Display for ChaosReset {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("chaos mode: connection reset")
    }
}

impl std::error::Error for ChaosReset {}

/// The chaos draw for one request: `Some("error")`, `Some("reset")` or `None`.
pub fn chaos_draw(state: &mut State) -> Option<&'static str> {
    let chaos = state.settings.chaos.clone();
    if chaos.error_rate <= 0.0 && chaos.reset_rate <= 0.0 {
        return None;
    }
    if state.chaos_rng.0 != chaos.seed {
        state.chaos_rng = (chaos.seed, fastrand::Rng::with_seed(chaos.seed));
    }
    let r = state.chaos_rng.1.f64();
    if r < chaos.reset_rate {
        Some("reset")
    } else if r < chaos.reset_rate + chaos.error_rate {
        Some("error")
    } else {
        None
    }
}

/// A chaos error answer: one of the transient failures a gateway gives.
pub fn chaos_error(state: &mut State, format: Format) -> Reply {
    match state.chaos_rng.1.u32(0..4) {
        0 => gateway(429, "400", "Too Many Requests", "chaos mode: rate limited"),
        1 => gateway(503, "500", "Service Unavailable", "chaos mode"),
        2 => gateway(502, "500", "Bad Gateway", "chaos mode"),
        _ => api_fault(
            &ApiFault {
                http_status: 500,
                return_code: "1300",
                return_message: "Please try your call again later. Temporarily out of service.".into(),
            },
            format,
        ),
    }
}

pub fn injected(f: &InjectedFault, format: Format) -> Reply {
    let delay = (f.delay_ms > 0).then(|| Duration::from_millis(f.delay_ms));
    match &f.body {
        Some(body) => Reply {
            status: f.status,
            body: body.clone(),
            content_type: match f.content_type.as_deref() {
                Some(t) if t.contains("html") => "text/html; charset=UTF-8",
                Some(t) if t.contains("json") => JSON_TYPE,
                Some(t) if t.contains("xml") => XML_TYPE,
                _ => "text/plain; charset=UTF-8",
            },
            delay,
            reason: Some("injected fault".into()),
            headers: f.headers.clone(),
        },
        None => {
            let code = f.return_code.clone().unwrap_or_else(|| "1300".into());
            let message = f
                .return_message
                .clone()
                .unwrap_or_else(|| "Please try your call again later. Temporarily out of service.".into());
            Reply {
                status: f.status,
                body: render_api_error(&code, &message, format),
                content_type: if format == Format::Json { JSON_TYPE } else { XML_TYPE },
                delay,
                reason: Some(format!("injected fault: returnCode {code}")),
                headers: f.headers.clone(),
            }
        }
    }
}
