//! Public IPs, block storage, port forwarding, NAS volumes, hostile values, the Classic scenes.

use super::*;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

#[test]
fn public_ips_block_storage_and_port_forwarding_follow_their_servers() {
    let mut s = state(json!({ "settings": serde_json::from_str::<Value>(TIMERS).unwrap() }));
    let t0 = Instant::now();
    let ms = |n: u64| t0 + Duration::from_millis(n);
    // A public IP created for a server is associated once created; it cannot be deleted meanwhile.
    let ip = at(&mut s, "createPublicIpInstance", "serverInstanceNo=491049", t0).unwrap();
    let ip = &ip["publicIpInstanceList"][0];
    let no = ip["publicIpInstanceNo"].as_str().unwrap().to_string();
    assert_eq!(ip["publicIpInstanceStatus"]["code"], json!("INIT"));
    assert_eq!(server(&mut s, "491049", t0)["publicIp"], ip["publicIp"]);
    let used = at(
        &mut s,
        "getPublicIpInstanceList",
        &format!("publicIpInstanceNoList.1={no}"),
        ms(150),
    )
    .unwrap();
    let used = &used["publicIpInstanceList"][0];
    assert_eq!(used["publicIpInstanceStatus"]["code"], json!("USED"));
    assert_eq!(
        used["serverInstanceAssociatedWithPublicIp"]["serverInstanceNo"],
        json!("491049")
    );
    assert_eq!(
        code(at(
            &mut s,
            "deletePublicIpInstances",
            &format!("publicIpInstanceNoList.1={no}"),
            ms(150)
        )),
        "25035"
    );
    // The fixture's free IP cannot go to a server that has one.
    assert_eq!(
        code(at(
            &mut s,
            "associatePublicIpWithServerInstance",
            "publicIpInstanceNo=9001&serverInstanceNo=491049",
            ms(150)
        )),
        "28100"
    );
    at(
        &mut s,
        "disassociatePublicIpFromServerInstance",
        &format!("publicIpInstanceNo={no}"),
        ms(150),
    )
    .unwrap();
    assert_eq!(server(&mut s, "491049", ms(150))["publicIp"], json!(""));
    let del = at(
        &mut s,
        "deletePublicIpInstances",
        &format!("publicIpInstanceNoList.1={no}"),
        ms(200),
    )
    .unwrap();
    assert_eq!(
        del["publicIpInstanceList"][0]["publicIpInstanceStatusName"],
        json!("terminating")
    );

    // Block storage: created attached, detached, attached again; the base storage stays.
    let q = "serverInstanceNo=492964&blockStorageSize=100&blockStorageName=data-1";
    let b = at(&mut s, "createBlockStorageInstance", q, ms(200)).unwrap();
    let b = b["blockStorageInstanceList"][0]["blockStorageInstanceNo"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        code(at(
            &mut s,
            "createBlockStorageInstance",
            "serverInstanceNo=492964&blockStorageSize=5",
            ms(200)
        )),
        "901"
    );
    assert_eq!(
        code(at(
            &mut s,
            "detachBlockStorageInstances",
            "blockStorageInstanceNoList.1=492965",
            ms(300)
        )),
        "25013"
    );
    let d = at(
        &mut s,
        "detachBlockStorageInstances",
        &format!("blockStorageInstanceNoList.1={b}"),
        ms(300),
    )
    .unwrap();
    assert_eq!(
        d["blockStorageInstanceList"][0]["blockStorageInstanceStatusName"],
        json!("detaching")
    );
    let got = at(
        &mut s,
        "getBlockStorageInstanceList",
        &format!("blockStorageInstanceNoList.1={b}"),
        ms(350),
    )
    .unwrap();
    let got = &got["blockStorageInstanceList"][0];
    assert_eq!(
        (
            got["blockStorageInstanceStatus"]["code"].clone(),
            got.get("serverInstanceNo")
        ),
        (json!("CREAT"), None)
    );
    at(
        &mut s,
        "attachBlockStorageInstance",
        &format!("serverInstanceNo=491049&blockStorageInstanceNo={b}"),
        ms(350),
    )
    .unwrap();
    let got = at(
        &mut s,
        "getBlockStorageInstanceList",
        &format!("blockStorageInstanceNoList.1={b}"),
        ms(400),
    )
    .unwrap();
    assert_eq!(got["blockStorageInstanceList"][0]["serverInstanceNo"], json!("491049"));
    assert_eq!(
        got["blockStorageInstanceList"][0]["blockStorageInstanceStatus"]["code"],
        json!("ATTAC")
    );

    // Port forwarding: a port is forwarded once; the server shows it.
    let rule = |ext: u32, server: &str| {
        format!("portForwardingConfigurationNo=6101&portForwardingRuleList.1.portForwardingExternalPort={ext}&portForwardingRuleList.1.portForwardingInternalPort=22&portForwardingRuleList.1.serverInstanceNo={server}")
    };
    let added = at(&mut s, "addPortForwardingRules", &rule(2022, "491049"), ms(400)).unwrap();
    assert_eq!(added["portForwardingRuleList"].as_array().map(Vec::len), Some(2));
    assert_eq!(
        server(&mut s, "491049", ms(400))["portForwardingExternalPort"],
        json!(2022)
    );
    assert_eq!(
        code(at(&mut s, "addPortForwardingRules", &rule(2022, "491604"), ms(400))),
        "25038"
    );
    assert_eq!(
        code(at(&mut s, "deletePortForwardingRules", &rule(2023, "491049"), ms(400))),
        "10404"
    );
    let left = at(&mut s, "deletePortForwardingRules", &rule(2022, "491049"), ms(400)).unwrap();
    assert_eq!(left["portForwardingRuleList"].as_array().map(Vec::len), Some(1));
}

#[test]
fn classic_refusals_answer_the_codes_the_vpc_cloud_uses_for_the_same_meaning() {
    let mut s = state(json!({ "settings": serde_json::from_str::<Value>(TIMERS).unwrap() }));
    let now = Instant::now();
    // An address outside its subnet, or taken: 25038.
    let nic = |name: &str, ip: &str| {
        format!("privateSubnetInstanceNo=7001&networkInterfaceName={name}&networkInterfaceIp={ip}")
    };
    assert_eq!(
        code(at(&mut s, "createNetworkInterface", &nic("nic-a", "10.0.0.5"), now)),
        "25038"
    );
    at(&mut s, "createNetworkInterface", &nic("nic-a", "192.168.10.20"), now).unwrap();
    assert_eq!(
        code(at(
            &mut s,
            "createNetworkInterface",
            &nic("nic-b", "192.168.10.20"),
            now
        )),
        "25038"
    );
    // Records that do not belong together (a server of zone 2, the configuration of zone 3): 25042.
    let other_zone = "portForwardingConfigurationNo=6102&portForwardingRuleList.1.portForwardingExternalPort=3022&portForwardingRuleList.1.portForwardingInternalPort=22&portForwardingRuleList.1.serverInstanceNo=491604";
    assert_eq!(code(at(&mut s, "addPortForwardingRules", other_zone, now)), "25042");
}

#[test]
fn a_nas_volume_keeps_its_access_list_snapshots_and_protection() {
    let mut s = state(json!({"settings": {"createDelayMs": 0}}));
    let now = Instant::now();
    assert_eq!(
        code(at(
            &mut s,
            "createNasVolumeInstance",
            "volumeName=vol1&volumeSize=550&volumeAllotmentProtocolTypeCode=NFS",
            now
        )),
        "901"
    );
    assert_eq!(
        code(at(
            &mut s,
            "createNasVolumeInstance",
            "volumeName=vol1&volumeSize=500&volumeAllotmentProtocolTypeCode=CIFS",
            now
        )),
        "900"
    );
    let q = "volumeName=vol1&volumeSize=500&volumeAllotmentProtocolTypeCode=NFS&serverInstanceNoList.1=492964&customIpList.1=10.0.0.9&isReturnProtection=true";
    let made = at(&mut s, "createNasVolumeInstance", q, now).unwrap();
    let v = &made["nasVolumeInstanceList"][0];
    let no = v["nasVolumeInstanceNo"].as_str().unwrap().to_string();
    assert_eq!(v["nasVolumeInstanceStatus"]["code"], json!("CREAT"));
    assert_eq!(v["nasVolumeServerInstanceList"][0]["serverInstanceNo"], json!("492964"));
    assert_eq!(v["nasVolumeInstanceCustomIpList"], json!([{"customIp": "10.0.0.9"}]));
    let rm = format!("nasVolumeInstanceNo={no}&customIpList.1=10.0.0.9");
    at(&mut s, "removeNasVolumeAccessControl", &rm, now).unwrap();
    let rules = at(
        &mut s,
        "getNasVolumeAccessControlRuleList",
        &format!("nasVolumeInstanceNo={no}"),
        now,
    )
    .unwrap();
    assert_eq!(
        rules["nasVolumeAccessControlRuleList"].as_array().map(Vec::len),
        Some(1)
    );
    assert_eq!(
        code(at(
            &mut s,
            "createNasVolumeSnapshot",
            &format!("nasVolumeInstanceNo={no}"),
            now
        )),
        "25013"
    );
    let cfg = format!("nasVolumeInstanceNo={no}&snapshotVolumeConfigurationRatio=20&snapshotVolumeConfigDayOfWeekTypeCode=MON&snapshotVolumeConfigTime=3");
    let changed = at(&mut s, "changeNasVolumeSnapshotConfiguration", &cfg, now).unwrap();
    assert_eq!(
        changed["nasVolumeInstanceList"][0]["snapshotVolumeSize"],
        json!(100_i64 << 30)
    );
    let snaps = at(
        &mut s,
        "createNasVolumeSnapshot",
        &format!("nasVolumeInstanceNo={no}"),
        now,
    )
    .unwrap();
    assert_eq!(snaps["nasVolumeSnapshotList"].as_array().map(Vec::len), Some(1));
    let history = at(
        &mut s,
        "getNasVolumeSnapshotConfigurationHistoryList",
        &format!("nasVolumeInstanceNo={no}"),
        now,
    )
    .unwrap();
    assert_eq!(
        history["nasVolumeSnapshotConfigurationHistoryList"][0]["snapshotVolumeConfigurationRatio"],
        json!(20.0)
    );
    let rating = format!("nasVolumeInstanceNo={no}&startTime=2024-03-21T00%3A00%3A00%2B0900&endTime=2024-03-21T01%3A00%3A00%2B0900&interval=5m");
    let rows = at(&mut s, "getNasVolumeInstanceRatingList", &rating, now).unwrap();
    assert_eq!(rows["nasVolumeInstanceRatingList"].as_array().map(Vec::len), Some(13));
    assert_eq!(
        code(at(
            &mut s,
            "deleteNasVolumeInstance",
            &format!("nasVolumeInstanceNo={no}"),
            now
        )),
        "25039"
    );
    at(
        &mut s,
        "setNasVolumeReturnProtection",
        &format!("nasVolumeInstanceNo={no}&isReturnProtection=false"),
        now,
    )
    .unwrap();
    let del = at(
        &mut s,
        "deleteNasVolumeInstance",
        &format!("nasVolumeInstanceNo={no}"),
        now,
    )
    .unwrap();
    assert_eq!(
        del["nasVolumeInstanceList"][0]["nasVolumeInstanceStatusName"],
        json!("terminating")
    );
}

#[test]
fn hostile_values_are_refused_not_panicked_on_and_lists_stay_bounded() {
    let mut s = state(json!({"settings": {"createDelayMs": 0}}));
    let now = Instant::now();
    let q = "volumeName=vol2&volumeSize=500&volumeAllotmentProtocolTypeCode=NFS";
    let made = at(&mut s, "createNasVolumeInstance", q, now).unwrap();
    let no = made["nasVolumeInstanceList"][0]["nasVolumeInstanceNo"]
        .as_str()
        .unwrap()
        .to_string();
    let times = "startTime=2024-03-21T00%3A00%3A00%2B0900&endTime=2099-03-21T01%3A00%3A00%2B0900";
    for interval in [
        "5%C3%A9",
        "",
        "m",
        "0m",
        "-5m",
        "99999999999999999d",
        "9223372036854775807m",
        "1y",
    ] {
        let q = format!("nasVolumeInstanceNo={no}&{times}&interval={interval}");
        assert_eq!(
            code(at(&mut s, "getNasVolumeInstanceRatingList", &q, now)),
            "901",
            "{interval}"
        );
    }
    // Decades asked for at 5 minutes: a bounded answer.
    let q = format!("nasVolumeInstanceNo={no}&{times}&interval=5m");
    let rows = at(&mut s, "getNasVolumeInstanceRatingList", &q, now).unwrap();
    assert_eq!(rows["nasVolumeInstanceRatingList"].as_array().map(Vec::len), Some(288));
    // Tags: new keys up to the bound, then refused; a key given again replaces its value.
    for i in 0..50 {
        let q = format!("instanceNoList.1=492964&instanceTagList.1.tagKey=k{i}&instanceTagList.1.tagValue=v");
        at(&mut s, "createInstanceTags", &q, now).unwrap();
    }
    let again = "instanceNoList.1=492964&instanceTagList.1.tagKey=k1&instanceTagList.1.tagValue=w";
    at(&mut s, "createInstanceTags", again, now).unwrap();
    let more = "instanceNoList.1=492964&instanceTagList.1.tagKey=k50&instanceTagList.1.tagValue=v";
    assert_eq!(code(at(&mut s, "createInstanceTags", more, now)), "25036");
    let missing = "instanceNoList.1=492964&instanceTagList.1.tagKey=k51";
    assert_eq!(code(at(&mut s, "createInstanceTags", missing, now)), "900");
    // Keys that are not keys.
    for bad in [
        "ssh-rsa%20%2F%2F%2F%2F",
        "ssh-rsa%20AAAAB3NzaC1yc2E%3D",
        "ssh-rsa%20AAAAB3NzaC1yc2EAAAAD",
    ] {
        let q = format!("keyName=bad-key&publicKey={bad}");
        assert_eq!(code(at(&mut s, "importLoginKey", &q, now)), "901", "{bad}");
    }
}

/// A scene of `fixtures/classic-cloud.json`, merged over the default fixture as `--scene` loads it.
fn scene(name: &str) -> State {
    let doc: Value = serde_json::from_str(include_str!("../../../../fixtures/classic-cloud.json")).unwrap();
    state(doc["scenes"][name].clone())
}

#[test]
fn the_classic_scenes_load_and_behave() {
    let now = Instant::now();
    let mut s = scene("keyed");
    let doc: Value = serde_json::from_str(include_str!("../../../../fixtures/classic-cloud.json")).unwrap();
    let pem = doc["scenes"]["keyed"]["classic"]["loginKeys"][1]["privateKey"]
        .as_str()
        .unwrap();
    let enc = form_urlencoded::byte_serialize(pem.as_bytes()).collect::<String>();
    let q = format!("serverInstanceNo=7100001&privateKey={enc}");
    let first = at(&mut s, "getRootPassword", &q, now).unwrap()["rootPassword"].clone();
    assert_eq!(at(&mut s, "getRootPassword", &q, now).unwrap()["rootPassword"], first);
    assert_eq!(
        code(at(
            &mut s,
            "getRootPassword",
            "serverInstanceNo=7100001&privateKey=x",
            now
        )),
        "25041"
    );

    let mut s = scene("protected");
    let q = "serverInstanceNoList.1=7100002";
    assert_eq!(code(at(&mut s, "terminateServerInstances", q, now)), "25039");

    let mut s = scene("nas");
    let rules = at(
        &mut s,
        "getNasVolumeAccessControlRuleList",
        "nasVolumeInstanceNo=7200001",
        now,
    )
    .unwrap();
    assert_eq!(
        rules["nasVolumeAccessControlRuleList"].as_array().map(Vec::len),
        Some(2)
    );
    assert_eq!(
        code(at(
            &mut s,
            "deleteNasVolumeInstance",
            "nasVolumeInstanceNo=7200001",
            now
        )),
        "25039"
    );
    let snap = at(&mut s, "createNasVolumeSnapshot", "nasVolumeInstanceNo=7200001", now).unwrap();
    assert_eq!(snap["nasVolumeSnapshotList"].as_array().map(Vec::len), Some(1));
}
