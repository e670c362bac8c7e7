//! One API call behind the gateway: an injected fault, or the emulator's own reading of the request, its
//! handler and the answer rendered in the format asked.

use super::chaos::injected;
use super::handlers;
use super::http::Shared;
use super::reply::{api_fault, Reply, JSON_TYPE, XML_TYPE};
use super::rules::{self, Failure};
use super::{faults, render};
use crate::catalog;
use crate::wire::Format;

pub(super) fn dispatch(
    shared: &Shared,
    action: &'static catalog::Action,
    pairs: &[(String, String)],
    format: Format,
) -> Reply {
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
        return injected(&fault, format);
    }
    // The emulator's own reading of the request (rules.rs), apart from the client's declarations.
    // Parameters it does not know are kept and ignored, as NCP does.
    let params = match rules::parse(pairs).and_then(|p| rules::check(action.id, &p).map(|()| p)) {
        Ok(p) => p,
        Err(Failure::Missing(names)) => return api_fault(&faults::missing_param(&names), format),
        Err(Failure::Invalid { reason, .. }) => return api_fault(&faults::invalid_param(&reason), format),
    };
    match handlers::handle(&mut state, action, &params) {
        Ok(listing) => {
            let request_id = state.request_id();
            Reply {
                status: 200,
                body: match format {
                    Format::Json => render::json(action.name, &listing, &request_id),
                    Format::Xml => render::xml(action.name, &listing, &request_id),
                },
                content_type: if format == Format::Json { JSON_TYPE } else { XML_TYPE },
                delay: None,
                reason: None,
                headers: Vec::new(),
            }
        }
        Err(f) => api_fault(&f, format),
    }
}
