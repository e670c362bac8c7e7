//! Records as NCP renders them: fields the reference makes always present, code names as NCP writes
//! them, and the documented input rules, on records the emulator made and on the fixture's.

use super::*;
use serde_json::json;
use std::time::Instant;

#[test]
fn a_fixture_server_that_leaves_fields_out_is_answered_with_what_ncp_always_sends() {
    let mut s = state(json!({}));
    let now = Instant::now();
    // 491049 is kept without them (the fixture): the answer fills each, at any depth.
    let v = server(&mut s, "491049", now);
    assert_eq!(v["isFeeChargingMonitoring"], json!(false));
    assert_eq!(v["userData"], json!(""));
    assert_eq!(
        v["serverInstanceType"],
        json!({"code": "STAND", "codeName": "Standard"})
    );
    assert_eq!(v["uptime"], v["createDate"]);
    assert_eq!(
        v["portForwardingPublicIp"],
        server(&mut s, "492964", now)["portForwardingPublicIp"],
        "the zone's port-forwarding IP"
    );
    assert_eq!(
        v["serverInstanceStatus"],
        json!({"code": "RUN", "codeName": "Server run state"})
    );
    let targets = at(&mut s, "getPublicIpTargetServerInstanceList", "", now).unwrap();
    for t in targets["serverInstanceList"].as_array().unwrap() {
        for f in [
            "isFeeChargingMonitoring",
            "userData",
            "uptime",
            "serverInstanceType",
            "portForwardingPublicIp",
        ] {
            assert!(!t[f].is_null(), "{f} of {}", t["serverInstanceNo"]);
        }
    }
    // A record that holds a value keeps it.
    assert_eq!(
        server(&mut s, "492964", now)["uptime"],
        json!("2017-09-20T10:05:00+0900")
    );
}

#[test]
fn a_stopped_server_and_a_spec_change_show_ncps_code_names() {
    let mut s = state(json!({"settings": {"operationDelayMs": 0}}));
    let now = Instant::now();
    at(&mut s, "stopServerInstances", "serverInstanceNoList.1=491049", now).unwrap();
    let v = server(&mut s, "491049", now);
    assert_eq!(
        v["serverInstanceStatus"]["codeName"],
        json!("Server normal stopped state")
    );
}

#[test]
fn block_storage_comes_in_10_gb_steps_and_numbered_servers_end_at_999() {
    let mut s = state(json!({}));
    let now = Instant::now();
    let q = "serverInstanceNo=492964&blockStorageSize=15";
    assert_eq!(code(at(&mut s, "createBlockStorageInstance", q, now)), "901");
    let q = "serverImageProductCode=SPSW0LINUX000046&serverName=web&serverCreateCount=20&serverCreateStartNo=990";
    assert_eq!(code(at(&mut s, "createServerInstances", q, now)), "901");
    let q = "serverImageProductCode=SPSW0LINUX000046&serverName=web&serverCreateCount=10&serverCreateStartNo=990";
    let made = at(&mut s, "createServerInstances", q, now).unwrap();
    assert_eq!(made["serverInstanceList"][9]["serverName"], json!("web-999"));
}
