//! A snapshot restores the state exactly: every read action answers the restored state as it answered
//! the saved one, and transitions under way when it was taken finish after the restore.

use super::handler::prelude::*;
use super::handler::Fields;
use super::route::dispatch;
use super::rules;
use super::state::snapshot::Timing;
use super::state::{resolve_fixture, Resource, State};
use crate::catalog::{self, ACTIONS};
use serde_json::json;
use std::time::{Duration, Instant};

fn call_at(state: &mut State, api: &str, name: &str, query: &str, now: Instant) -> Result<Fields, String> {
    let action = catalog::action_of(api, name).unwrap_or_else(|| panic!("no action {api}.{name}"));
    let pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes()).into_owned().collect();
    let raw = rules::parse(&pairs).expect("readable");
    state.tick(now);
    dispatch(&mut Cx::new(state, action, raw, now)).map_err(|f| f.return_code.to_string())
}

/// Through JSON text, as a file or the console would carry it.
fn restored(snapshot: &Value) -> State {
    let text = serde_json::to_string_pretty(snapshot).expect("JSON");
    let doc: Value = serde_json::from_str(&text).expect("JSON");
    State::try_new(resolve_fixture(Some(&doc)).expect("a snapshot is a fixture")).expect("restores")
}

#[test]
fn a_snapshot_restores_every_answer_and_the_transitions_under_way() {
    let t0 = Instant::now();
    let fixture = json!({"settings": {"createDelayMs": 1000, "deleteDelayMs": 1000, "operationDelayMs": 500}});
    let mut s = State::try_new(resolve_fixture(Some(&fixture)).expect("fixture")).expect("state");
    // Under way when the snapshot is taken: a VPC server booting, an image being made (with the
    // totals its handler sets when it is done), a Classic image being made, a server stopping.
    let net = "vpcNo=1001&subnetNo=2001&networkInterfaceList.1.networkInterfaceOrder=0&networkInterfaceList.1.accessControlGroupNoList.1=3501";
    let made = call_at(
        &mut s,
        "vserver",
        "createServerInstances",
        &format!("{net}&serverImageNo=4000001&serverName=kept"),
        t0,
    )
    .expect("launched");
    let server = made["serverInstanceList"][0]["serverInstanceNo"]
        .as_str()
        .expect("a number")
        .to_string();
    call_at(
        &mut s,
        "vserver",
        "createServerImage",
        "serverInstanceNo=1000002&serverImageName=kept-image",
        t0,
    )
    .expect("image");
    call_at(
        &mut s,
        "server",
        "createMemberServerImage",
        "serverInstanceNo=492964",
        t0,
    )
    .expect("classic image");
    call_at(
        &mut s,
        "vserver",
        "stopServerInstances",
        "serverInstanceNoList.1=1000001",
        t0,
    )
    .expect("stopping");

    // The restored state's timers run from its restore, each record as far into its phase as it was.
    let t1 = Instant::now();
    let snap = s.snapshot(Timing::Elapsed(t1));
    let entries = snap["snapshot"]["entries"].as_array().expect("entries");
    assert!(entries.iter().any(|e| e["no"] == json!(server)), "{entries:#?}");
    let mut r = restored(&snap);
    let again = r.snapshot(Timing::Elapsed(Instant::now()));
    // The same but for when it was taken and how long ago each phase began (the clock ran on).
    let strip = |mut v: Value| {
        v["snapshot"]["takenAt"] = Value::Null;
        for e in v["snapshot"]["entries"].as_array_mut().into_iter().flatten() {
            e["elapsedMs"] = Value::Null;
        }
        v
    };
    assert_eq!(
        strip(again),
        strip(snap.clone()),
        "a snapshot of the restored state is the same snapshot"
    );

    // Every read action answers alike (the restored state's clock runs from its restore: its
    // records are as old as the saved ones were).
    let mut compared = 0;
    let ms = |n: u64| t1 + Duration::from_millis(n);
    for a in ACTIONS.iter().filter(|a| !a.mutating) {
        let before = call_at(&mut s, a.api.name, a.name, "", ms(100));
        let after = call_at(&mut r, a.api.name, a.name, "", ms(100));
        assert_eq!(before, after, "{}.{}", a.api.name, a.name);
        compared += before.is_ok() as usize;
    }
    assert!(compared > 40, "{compared}");
    let q = format!("serverInstanceNoList.1={server}");
    let booting = call_at(&mut r, "vserver", "getServerInstanceList", &q, ms(100)).expect("list");
    assert_eq!(
        booting["serverInstanceList"][0]["serverInstanceStatus"]["code"],
        json!("INIT")
    );

    // What was under way finishes on the restored state's timers: the booting server runs, the image
    // is created with its totals, the stopped server is stopped.
    let later = |st: &mut State, q: &str| call_at(st, "vserver", "getServerInstanceList", q, ms(2600)).expect("list");
    let q = format!("serverInstanceNoList.1={server}&serverInstanceNoList.2=1000001");
    let (b, a) = (later(&mut s, &q), later(&mut r, &q));
    assert_eq!(a, b);
    let codes: Vec<&str> = a["serverInstanceList"]
        .as_array()
        .expect("servers")
        .iter()
        .map(|s| s["serverInstanceStatus"]["code"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(codes.len(), 2);
    assert!(codes.contains(&"RUN") && codes.contains(&"NSTOP"), "{codes:?}");
    let images = |st: &mut State| call_at(st, "vserver", "getServerImageList", "", ms(2600)).expect("images");
    assert_eq!(images(&mut s), images(&mut r));
    let mine = images(&mut r)["serverImageList"]
        .as_array()
        .expect("images")
        .iter()
        .find(|i| i["serverImageName"] == json!("kept-image"))
        .cloned()
        .expect("the image");
    assert_eq!(mine["serverImageStatus"]["code"], json!("CREAT"));
    let member = |st: &mut State| call_at(st, "server", "getMemberServerImageList", "", ms(2600)).expect("images");
    assert_eq!(member(&mut s), member(&mut r));
    assert!(r
        .classic
        .member_server_images
        .items
        .iter()
        .all(|e| e.rec.status() != "INIT"));
}

#[test]
fn a_snapshot_edited_out_of_step_is_refused() {
    let mut s = State::try_new(resolve_fixture(Some(&json!({"settings": {"createDelayMs": 1000}}))).expect("fixture"))
        .expect("state");
    call_at(
        &mut s,
        "server",
        "createMemberServerImage",
        "serverInstanceNo=492964",
        Instant::now(),
    )
    .expect("image");
    let mut snap = s.snapshot(Timing::Elapsed(Instant::now()));
    snap["snapshot"]["entries"][0]["no"] = json!("999999999");
    let Err(e) = State::try_new(resolve_fixture(Some(&snap)).expect("fixture")) else {
        panic!("a snapshot out of step with its records is refused");
    };
    assert!(e.contains("not '999999999'"), "{e}");
}
