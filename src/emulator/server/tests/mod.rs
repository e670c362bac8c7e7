//! The Classic cloud driven through its handlers (no HTTP): what a user of the API would check.
//! [`servers`]: servers, images of them, login keys and root passwords; [`resources`]: what servers
//! use (public IPs, block storage, port forwarding, NAS), hostile values, the Classic scenes.

use crate::catalog;
use crate::emulator::faults::ApiFault;
use crate::emulator::handler::{Cx, Fields};
use crate::emulator::route::dispatch;
use crate::emulator::rules;
use crate::emulator::state::{resolve_fixture, State};
use serde_json::Value;
use std::time::Instant;

mod resources;
mod servers;

pub(super) fn state(fixture: Value) -> State {
    State::new(resolve_fixture(Some(&fixture)).expect("fixture"))
}

/// Calls a Classic action at `now`, after the state has moved to `now`.
pub(super) fn at(s: &mut State, name: &str, query: &str, now: Instant) -> Result<Fields, ApiFault> {
    let action = catalog::action_of("server", name).unwrap_or_else(|| panic!("no action {name}"));
    let pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes()).into_owned().collect();
    let raw = rules::parse(&pairs).expect("readable");
    s.tick(now);
    dispatch(&mut Cx::new(s, action, raw, now))
}

pub(super) fn code(r: Result<Fields, ApiFault>) -> String {
    match r {
        Ok(f) => panic!("expected a refusal, got {f:?}"),
        Err(e) => e.return_code.to_string(),
    }
}

pub(super) fn server(s: &mut State, no: &str, now: Instant) -> Value {
    let f = at(s, "getServerInstanceList", &format!("serverInstanceNoList.1={no}"), now).unwrap();
    f["serverInstanceList"][0].clone()
}

pub(super) fn status(v: &Value) -> (String, String, String) {
    (
        v["serverInstanceStatus"]["code"].as_str().unwrap_or("-").into(),
        v["serverInstanceOperation"]["code"].as_str().unwrap_or("-").into(),
        v["serverInstanceStatusName"].as_str().unwrap_or("-").into(),
    )
}

pub(super) fn st(a: &str, b: &str, c: &str) -> (String, String, String) {
    (a.into(), b.into(), c.into())
}

pub(super) const TIMERS: &str = r#"{"createDelayMs": 100, "deleteDelayMs": 40, "operationDelayMs": 50}"#;
