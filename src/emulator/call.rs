//! One API call behind the gateway: an injected fault, or the emulator's own reading of the request, its
//! handler (`handler.rs`, dispatched by the generated `match`) and the answer rendered in the format asked.

use super::chaos::injected;
use super::handler::Cx;
use super::reply::{api_fault, Reply, JSON_TYPE, XML_TYPE};
use super::route::dispatch as handle;
use super::rules::{self, Failure};
use super::shared::Shared;
use super::{faults, render};
use crate::catalog;
use crate::wire::Format;
use serde_json::Value;
use std::time::Instant;

/// Answers one call; also gives the checked parameters of a state-changing call for the request log.
pub(super) fn dispatch(
    shared: &Shared,
    action: &'static catalog::Action,
    pairs: &[(String, String)],
    format: Format,
) -> (Reply, Option<Value>) {
    let mut state = shared.lock();
    if let Some(i) = state
        .faults
        .iter()
        .position(|f| f.action.as_deref().is_none_or(|a| a == action.name))
    {
        let fault = state.faults[i].clone();
        if fault.count <= 1 {
            state.faults.remove(i);
        } else {
            state.faults[i].count -= 1;
        }
        return (injected(&fault, format), None);
    }
    // The emulator's own reading of the request (rules/read.rs), apart from the client's declarations;
    // the handler checks it against its action's rules.
    let raw = match rules::parse(pairs) {
        Ok(p) => p,
        Err(Failure::Missing(names)) => return (api_fault(&faults::missing_param(&names), format), None),
        Err(Failure::Invalid { reason, .. }) => return (api_fault(&faults::invalid_param(&reason), format), None),
    };
    let now = Instant::now();
    state.tick(now);
    let mut cx = Cx::new(&mut state, action, raw, now);
    let answer = handle(&mut cx);
    let logged = cx.logged.take();
    let reply = match answer {
        Ok(fields) => {
            let request_id = state.request_id();
            Reply {
                status: 200,
                body: render::render_response(action, &fields, &request_id, format),
                content_type: if format == Format::Json { JSON_TYPE } else { XML_TYPE },
                delay: None,
                reason: None,
                headers: Vec::new(),
            }
        }
        Err(f) => api_fault(&f, format),
    };
    (reply, logged)
}
