//! The emulator's handlers driven without HTTP: the dispatch, the rules and the state together.

use super::faults::ApiFault;
use super::handler::prelude::*;
use super::handler::Fields;
use super::route::dispatch;
use super::rules;
use super::state::{resolve_fixture, Resource, State};
use crate::catalog::{self, Action, FieldType, Model, ACTIONS};
use serde_json::json;
use std::time::{Duration, Instant};

fn state(fixture: Value) -> State {
    State::new(resolve_fixture(Some(&fixture)).expect("fixture"))
}

fn call_at(state: &mut State, api: &str, name: &str, query: &str, now: Instant) -> Result<Fields, ApiFault> {
    let action = catalog::action_of(api, name).unwrap_or_else(|| panic!("no action {api}.{name}"));
    let pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes()).into_owned().collect();
    let raw = rules::parse(&pairs).expect("readable");
    state.tick(now);
    dispatch(&mut Cx::new(state, action, raw, now))
}

fn call(state: &mut State, api: &str, name: &str, query: &str) -> Result<Fields, ApiFault> {
    call_at(state, api, name, query, Instant::now())
}

fn first<'a>(f: &'a Fields, list: &str) -> &'a Value {
    &f[list][0]
}

#[test]
fn an_image_lives_through_its_handlers_creating_created_terminating_gone() {
    let mut s = state(json!({"settings": {"createDelayMs": 50, "deleteDelayMs": 30}, "ids": ["77"]}));
    let t0 = Instant::now();
    let ms = |n: u64| t0 + Duration::from_millis(n);
    let list = "memberServerImageInstanceList";
    let made = call_at(
        &mut s,
        "vserver",
        "createMemberServerImageInstance",
        "serverInstanceNo=1000001",
        t0,
    )
    .unwrap();
    let item = first(&made, list);
    assert_eq!(made["totalRows"], json!(1));
    assert_eq!(item["memberServerImageInstanceNo"], json!("77"));
    assert_eq!(item["memberServerImageInstanceStatusName"], json!("creating"));
    assert_eq!(
        item["memberServerImageInstanceStatus"],
        json!({"code": "INIT", "codeName": "NSI INIT state"})
    );
    assert!(item.get("memberServerImageBlockStorageTotalSize").is_none());
    // The server is busy while its image is made.
    let busy = call_at(
        &mut s,
        "vserver",
        "createMemberServerImageInstance",
        "serverInstanceNo=1000001",
        ms(1),
    );
    assert_eq!(busy.unwrap_err().return_code, "25018");

    let q = "memberServerImageInstanceNo=77";
    let got = call_at(&mut s, "vserver", "getMemberServerImageInstanceDetail", q, ms(49)).unwrap();
    assert_eq!(
        first(&got, list)["memberServerImageInstanceStatus"]["code"],
        json!("INIT")
    );
    let got = call_at(&mut s, "vserver", "getMemberServerImageInstanceDetail", q, ms(50)).unwrap();
    let item = first(&got, list);
    assert_eq!(item["memberServerImageInstanceStatusName"], json!("created"));
    assert_eq!(
        item["memberServerImageInstanceOperation"],
        json!({"code": "NULL", "codeName": "NSI NULL OP"})
    );
    assert_eq!(item["memberServerImageBlockStorageTotalSize"], json!(53687091200_i64));

    let del = call_at(
        &mut s,
        "vserver",
        "deleteMemberServerImageInstances",
        "memberServerImageInstanceNoList.1=77",
        ms(60),
    );
    assert_eq!(
        first(&del.unwrap(), list)["memberServerImageInstanceStatusName"],
        json!("terminating")
    );
    let again = call_at(
        &mut s,
        "vserver",
        "deleteMemberServerImageInstances",
        "memberServerImageInstanceNoList.1=77",
        ms(61),
    );
    assert_eq!(again.unwrap_err().return_code, "25033");
    let gone = call_at(&mut s, "vserver", "getMemberServerImageInstanceDetail", q, ms(90));
    assert_eq!(gone.unwrap_err().return_code, "10404");
}

#[test]
fn handlers_check_their_own_rules_before_the_region() {
    let mut s = state(json!({}));
    let missing = call(&mut s, "vserver", "createServerImage", "regionCode=MARS").unwrap_err();
    assert_eq!(missing.return_code, "900");
    assert_eq!(
        missing.return_message,
        "Required field is not specified. location : serverInstanceNo,serverImageName"
    );
    let region = call(&mut s, "vserver", "getZoneList", "regionCode=MARS").unwrap_err();
    assert_eq!(region.return_code, "10501");
    let nested = call(
        &mut s,
        "vserver",
        "createServerImageFromSnapshot",
        "serverImageName=x-1&blockStorageList.1.snapshotInstanceNo=3000001",
    )
    .unwrap_err();
    assert_eq!(
        nested.return_message,
        "Required field is not specified. location : blockStorageList.1.order"
    );
    // Parameters without rules are left alone.
    assert!(call(&mut s, "vserver", "getRegionList", "pageNo=x&colour=red").is_ok());
}

/// The keys of `v` that `model` does not declare, as dotted paths (into nested objects and lists).
fn undeclared(model: &Model, v: &Value, at: &str, out: &mut Vec<String>) {
    let Some(o) = v.as_object() else { return };
    let kept = super::model::KINDS
        .iter()
        .find(|k| k.name == model.name)
        .map_or(&[][..], |k| k.keep);
    for (k, x) in o {
        let path = format!("{at}.{k}");
        match model.field(k).map(|f| f.ty) {
            None if kept.contains(&k.as_str()) => {}
            None => out.push(path),
            Some(FieldType::Obj(m)) => undeclared(m, x, &path, out),
            Some(FieldType::List(m)) => {
                for item in x.as_array().into_iter().flatten() {
                    undeclared(m, item, &path, out);
                }
            }
            Some(FieldType::Code) => undeclared(&catalog::COMMON_CODE, x, &path, out),
            Some(_) => {}
        }
    }
}

fn list_model(a: &Action) -> Option<(&'static str, &'static Model)> {
    a.response.fields.iter().find_map(|f| match f.ty {
        FieldType::List(m) => Some((f.name, m)),
        _ => None,
    })
}

/// Rendering keeps only the model's fields: a field the emulator's records hold and the model lacks
/// would vanish unseen. Every read action answers the default state (with images made) here, and each
/// field of its items must be in the action's model, or one its record keeps (`keep`, never sent).
#[test]
fn every_record_field_is_in_the_model() {
    let mut s = state(json!({"settings": {"createDelayMs": 0}}));
    call(&mut s, "server", "createMemberServerImage", "serverInstanceNo=492964").unwrap();
    call(
        &mut s,
        "vserver",
        "createMemberServerImageInstance",
        "serverInstanceNo=1000001",
    )
    .unwrap();
    call(
        &mut s,
        "vserver",
        "createServerImage",
        "serverInstanceNo=1000002&serverImageName=all-fields",
    )
    .unwrap();
    let mut gaps = Vec::new();
    let mut answered = 0;
    for a in ACTIONS.iter().filter(|a| !a.mutating) {
        let Ok(fields) = call(&mut s, a.api.name, a.name, "") else {
            continue;
        };
        let Some((list, model)) = list_model(a) else { continue };
        for item in fields[list].as_array().into_iter().flatten() {
            answered += 1;
            undeclared(model, item, &format!("{}.{}", a.api.name, a.name), &mut gaps);
        }
    }
    gaps.sort();
    gaps.dedup();
    assert!(answered > 20, "{answered}");
    assert!(gaps.is_empty(), "fields the model lacks: {gaps:#?}");
}

#[test]
fn a_fixture_loads_a_record_of_every_kind() {
    let fixture = json!({
        "base": "empty",
        "classic": {
            "publicIps": [{"publicIpInstanceNo": "1", "publicIp": "203.0.113.1", "serverInstanceNo": "492964"}],
            "nasVolumes": [{"nasVolumeInstanceNo": "2", "volumeName": "n1", "accessControlRules": [{"customIp": "10.0.0.1", "readAccess": true}]}],
            "loadBalancers": [{"loadBalancerInstanceNo": "3", "serverInstanceNoList": ["492964"], "loadBalancerRuleList": [{"loadBalancerPort": 80}]}],
            "networkInterfaces": [{"networkInterfaceNo": "4", "statusCode": "USED"}],
            "initScripts": [{"initScriptNo": "5"}],
        },
        "vpc": {
            "publicIps": [{"publicIpInstanceNo": "6", "regionCode": "KR"}],
            "placementGroups": [{"placementGroupNo": "7", "regionCode": "KR"}],
            "initScripts": [{"initScriptNo": "8", "regionCode": "KR"}],
        },
    });
    let s = state(fixture);
    assert_eq!(
        s.classic.public_ips.items[0].rec.server_instance_no.as_deref(),
        Some("492964")
    );
    assert_eq!(
        s.classic.nas_volumes.items[0]
            .rec
            .access_control_rules
            .as_ref()
            .map(Vec::len),
        Some(1)
    );
    assert_eq!(s.classic.load_balancers.items[0].rec.no(), "3");
    assert_eq!(s.classic.network_interfaces.items[0].rec.status(), "USED");
    assert_eq!(s.classic.init_scripts.items.len(), 1);
    assert!(s.vpc.public_ips.find("6", Some("KR")).is_some());
    assert!(s.vpc.public_ips.find("6", Some("JPN")).is_none());
    assert!(s.vpc.placement_groups.find("7", Some("KR")).is_some());
    assert!(s.vpc.init_scripts.find("8", Some("KR")).is_some());
    let bad = json!({"classic": {"loadBalancers": [{"loadBalancerInstanceNo": "3", "serverz": []}]}});
    assert!(resolve_fixture(Some(&bad))
        .unwrap_err()
        .contains("unknown field `serverz`"));
}

#[test]
fn numbers_come_from_one_counter_for_every_kind() {
    let mut s = state(json!({"nextNo": 500, "settings": {"createDelayMs": 0}}));
    let a = call(
        &mut s,
        "vserver",
        "createServerImage",
        "serverInstanceNo=1000002&serverImageName=one-a",
    )
    .unwrap();
    assert_eq!(first(&a, "serverImageList")["serverImageNo"], json!("500"));
    assert_eq!(s.next_id(), "501");
    let b = call(&mut s, "server", "createMemberServerImage", "serverInstanceNo=492964").unwrap();
    assert_eq!(first(&b, "memberServerImageList")["memberServerImageNo"], json!("502"));
}

/// The handler shown in `handler.rs` for `stopServerInstances`, as written there.
pub fn stop_server_instances(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params(); // checked against the model before the handler runs: 900 / 901
    let (region, now, action) = (cx.region().to_string(), cx.now, cx.action.name);
    let mut items = Vec::new();
    for no in p.list("serverInstanceNoList") {
        // 24120 when there is none; 25013 unless its life lets the action start (running, at rest)
        let e = cx.state.vpc.servers.ready_mut(&no, Some(&region), action)?;
        items.push(e.begin(now, action).wire()); // its transition, on the emulator's timers
    }
    cx.list(items) // its answer's fields: totalRows and serverInstanceList
}

#[test]
fn a_new_actions_handler_is_one_function() {
    let mut s = state(json!({"settings": {"operationDelayMs": 40}}));
    // Run as the dispatch runs a handler: the parameters checked against the model first.
    let action = catalog::action_of("vserver", "stopServerInstances").unwrap();
    let stop = |s: &mut State, query: &str, now: Instant| {
        let pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes()).into_owned().collect();
        let mut cx = Cx::new(s, action, rules::parse(&pairs).unwrap(), now);
        cx.check()?;
        stop_server_instances(&mut cx)
    };
    let t0 = Instant::now();
    let out = stop(&mut s, "serverInstanceNoList.1=1000001", t0).unwrap();
    assert_eq!(out["totalRows"], json!(1));
    let item = first(&out, "serverInstanceList");
    assert_eq!(item["serverInstanceStatusName"], json!("shutting down"));
    assert_eq!(
        item["serverInstanceOperation"],
        json!({"code": "SHTDN", "codeName": "Server SHTDN OP"})
    );
    assert_eq!(
        stop(&mut s, "serverInstanceNoList.1=1000001", t0)
            .unwrap_err()
            .return_code,
        "25013"
    );
    assert_eq!(
        stop(&mut s, "serverInstanceNoList.1=424242", t0)
            .unwrap_err()
            .return_code,
        "24120"
    );
    assert_eq!(stop(&mut s, "", t0).unwrap_err().return_code, "900");

    let listed = call_at(
        &mut s,
        "vserver",
        "getServerInstanceList",
        "serverInstanceNoList.1=1000001",
        t0 + Duration::from_millis(40),
    );
    let item = first(&listed.unwrap(), "serverInstanceList").clone();
    assert_eq!(
        item["serverInstanceStatus"],
        json!({"code": "NSTOP", "codeName": "Server NSTOP state"})
    );
    assert_eq!(item["serverInstanceStatusName"], json!("stopped"));
}

/// Issue 22's two refusals made one: a VPC public IP shows its operation for as long as association
/// refuses other work on it (a client waiting for operation `NULL` finds it ready), and launching from
/// an image being deleted is the busy-image code on both platforms (it was 10404 on VPC, 25033 on
/// Classic; the image is still listed, `terminating`).
#[test]
fn what_the_emulator_refuses_a_record_shows_and_one_code_means_one_thing() {
    let t0 = Instant::now();
    let ms = |n: u64| t0 + Duration::from_millis(n);
    let timers = json!({"settings": {"createDelayMs": 0, "operationDelayMs": 100, "deleteDelayMs": 100}});
    let mut s = state(timers.clone());
    let ip = call_at(&mut s, "vserver", "createPublicIpInstance", "", t0).unwrap();
    let no = first(&ip, "publicIpInstanceList")["publicIpInstanceNo"].clone();
    let no = no.as_str().unwrap();
    let assoc = format!("publicIpInstanceNo={no}&serverInstanceNo=1000001");
    let item = first(
        &call_at(&mut s, "vserver", "associatePublicIpWithServerInstance", &assoc, t0).unwrap(),
        "publicIpInstanceList",
    )
    .clone();
    assert_eq!(item["publicIpInstanceStatus"]["code"], json!("SET"));
    assert_eq!(
        item["publicIpInstanceOperation"],
        json!({"code": "USE", "codeName": "USE OP"})
    );
    let detail = format!("publicIpInstanceNo={no}");
    let busy = call_at(
        &mut s,
        "vserver",
        "disassociatePublicIpFromServerInstance",
        &detail,
        ms(50),
    );
    assert_eq!(busy.unwrap_err().return_code, "25013");
    let seen = call_at(&mut s, "vserver", "getPublicIpInstanceDetail", &detail, ms(50)).unwrap();
    assert_ne!(
        first(&seen, "publicIpInstanceList")["publicIpInstanceOperation"]["code"],
        json!("NULL")
    );
    let seen = call_at(&mut s, "vserver", "getPublicIpInstanceDetail", &detail, ms(100)).unwrap();
    assert_eq!(
        first(&seen, "publicIpInstanceList")["publicIpInstanceOperation"]["code"],
        json!("NULL")
    );
    let gone = call_at(
        &mut s,
        "vserver",
        "disassociatePublicIpFromServerInstance",
        &detail,
        ms(100),
    )
    .unwrap();
    assert_eq!(
        first(&gone, "publicIpInstanceList")["publicIpInstanceOperation"]["code"],
        json!("DISUS")
    );

    // An image being deleted: 25033 on both platforms.
    let mut s = state(timers);
    let image = call_at(
        &mut s,
        "vserver",
        "createServerImage",
        "serverInstanceNo=1000002&serverImageName=going",
        t0,
    )
    .unwrap();
    let image_no = first(&image, "serverImageList")["serverImageNo"]
        .as_str()
        .unwrap()
        .to_string();
    call_at(
        &mut s,
        "vserver",
        "deleteServerImage",
        &format!("serverImageNoList.1={image_no}"),
        t0,
    )
    .unwrap();
    let net = "vpcNo=1001&subnetNo=2001&networkInterfaceList.1.networkInterfaceOrder=0&networkInterfaceList.1.accessControlGroupNoList.1=3501";
    let launch = format!("{net}&serverImageNo={image_no}");
    let vpc = call_at(&mut s, "vserver", "createServerInstances", &launch, ms(10));
    assert_eq!(vpc.unwrap_err().return_code, "25033");
    let member = call_at(
        &mut s,
        "server",
        "createMemberServerImage",
        "serverInstanceNo=492964",
        t0,
    )
    .unwrap();
    let member_no = first(&member, "memberServerImageList")["memberServerImageNo"]
        .as_str()
        .unwrap()
        .to_string();
    let list = format!("memberServerImageNoList.1={member_no}");
    call_at(&mut s, "server", "deleteMemberServerImages", &list, t0).unwrap();
    let classic = call_at(
        &mut s,
        "server",
        "createServerInstances",
        &format!("memberServerImageNo={member_no}"),
        ms(10),
    );
    assert_eq!(classic.unwrap_err().return_code, "25033");
}
