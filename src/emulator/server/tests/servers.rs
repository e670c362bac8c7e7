//! Servers, their images, login keys and root passwords.

use super::*;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

#[test]
fn a_server_lives_from_creating_to_gone_with_ncp_refusals_on_the_way() {
    let mut s = state(json!({ "settings": serde_json::from_str::<Value>(TIMERS).unwrap(), "ids": ["5001", "5002"] }));
    let t0 = Instant::now();
    let ms = |n: u64| t0 + Duration::from_millis(n);
    let made = at(
        &mut s,
        "createServerInstances",
        "serverImageProductCode=SPSW0LINUX000046&serverName=web-1&userData=IyEvYmluL3NoCg%3D%3D&instanceTagList.1.tagKey=env&instanceTagList.1.tagValue=dev",
        t0,
    )
    .unwrap();
    let item = &made["serverInstanceList"][0];
    assert_eq!(item["serverInstanceNo"], json!("5001"));
    assert_eq!(status(item), st("INIT", "CREAT", "creating"));
    assert_eq!(item["userData"], json!("IyEvYmluL3NoCg=="));
    assert_eq!(item["loginKeyName"], json!("my-key"), "the newest login key");
    assert_eq!(
        item["serverProductCode"],
        json!("SPSVRSSD00000003"),
        "the first spec the image fits"
    );
    assert_eq!(item["accessControlGroupList"][0]["isDefaultGroup"], json!(true));
    assert_eq!(item["instanceTagList"][0]["tagValue"], json!("dev"));
    assert_eq!(
        status(&server(&mut s, "5001", ms(100))),
        st("CREAT", "START", "booting")
    );
    assert_eq!(status(&server(&mut s, "5001", ms(150))), st("RUN", "NULL", "running"));
    // Its base storage came with it.
    let storages = at(&mut s, "getBlockStorageInstanceList", "serverInstanceNo=5001", ms(150)).unwrap();
    assert_eq!(
        storages["blockStorageInstanceList"][0]["blockStorageType"]["code"],
        json!("BASIC")
    );

    // Names are unique; a spec change needs a stopped server; so does termination.
    let dup = at(
        &mut s,
        "createServerInstances",
        "serverImageProductCode=SPSW0LINUX000046&serverName=web-1",
        ms(150),
    );
    assert_eq!(code(dup), "10300");
    let spec = "serverInstanceNo=5001&serverProductCode=SPSVRSSD00000005";
    assert_eq!(code(at(&mut s, "changeServerInstanceSpec", spec, ms(150))), "25013");
    assert_eq!(
        code(at(
            &mut s,
            "terminateServerInstances",
            "serverInstanceNoList.1=5001",
            ms(150)
        )),
        "25013"
    );
    let stop = at(&mut s, "stopServerInstances", "serverInstanceNoList.1=5001", ms(150)).unwrap();
    assert_eq!(
        status(&stop["serverInstanceList"][0]),
        st("RUN", "SHTDN", "shutting down")
    );
    assert_eq!(status(&server(&mut s, "5001", ms(200))), st("NSTOP", "NULL", "stopped"));
    let changed = at(&mut s, "changeServerInstanceSpec", spec, ms(200)).unwrap();
    assert_eq!(
        status(&changed["serverInstanceList"][0]),
        st("NSTOP", "CHNG", "changingSpec")
    );
    let after = server(&mut s, "5001", ms(250));
    assert_eq!(
        (after["cpuCount"].clone(), status(&after)),
        (json!(4), st("NSTOP", "NULL", "stopped"))
    );

    // Termination protection refuses termination until it is turned off.
    at(
        &mut s,
        "setProtectServerTermination",
        "serverInstanceNo=5001&isProtectServerTermination=true",
        ms(250),
    )
    .unwrap();
    assert_eq!(
        code(at(
            &mut s,
            "terminateServerInstances",
            "serverInstanceNoList.1=5001",
            ms(250)
        )),
        "25039"
    );
    at(
        &mut s,
        "setProtectServerTermination",
        "serverInstanceNo=5001&isProtectServerTermination=false",
        ms(250),
    )
    .unwrap();
    let gone = at(
        &mut s,
        "terminateServerInstances",
        "serverInstanceNoList.1=5001",
        ms(250),
    )
    .unwrap();
    assert_eq!(
        status(&gone["serverInstanceList"][0]),
        st("NSTOP", "TERMT", "terminating")
    );
    let listed = at(&mut s, "getServerInstanceList", "serverInstanceNoList.1=5001", ms(290)).unwrap();
    assert_eq!(listed["totalRows"], json!(0));
    let storages = at(&mut s, "getBlockStorageInstanceList", "serverInstanceNo=5001", ms(290)).unwrap();
    assert_eq!(storages["totalRows"], json!(0), "its storage went with it");
    assert_eq!(
        code(at(
            &mut s,
            "startServerInstances",
            "serverInstanceNoList.1=5001",
            ms(290)
        )),
        "24120"
    );
}

#[test]
fn a_server_from_a_member_image_inherits_its_os_and_several_are_numbered() {
    let mut s = state(json!({"settings": {"createDelayMs": 0}}));
    let now = Instant::now();
    let image = at(
        &mut s,
        "createMemberServerImage",
        "serverInstanceNo=491604&memberServerImageName=win-gold",
        now,
    )
    .unwrap();
    let image_no = image["memberServerImageList"][0]["memberServerImageNo"]
        .as_str()
        .unwrap()
        .to_string();
    let q = format!("memberServerImageNo={image_no}&serverName=win&serverCreateCount=2&serverCreateStartNo=7");
    let made = at(&mut s, "createServerInstances", &q, now).unwrap();
    let list = made["serverInstanceList"].as_array().unwrap();
    let names: Vec<&str> = list.iter().filter_map(|v| v["serverName"].as_str()).collect();
    assert_eq!(names, ["win-007", "win-008"]);
    assert_eq!(list[0]["platformType"]["code"], json!("WND64"));
    assert_eq!(list[0]["serverImageProductCode"], json!("SPSW0WINNT000034"));
    assert_eq!(status(&list[0]), st("RUN", "NULL", "running"));
    let windows = at(
        &mut s,
        "createServerInstances",
        "serverImageProductCode=SPSW0WINNT000034",
        now,
    )
    .unwrap();
    let spec = &windows["serverInstanceList"][0]["serverProductCode"];
    assert_eq!(
        spec,
        &json!("SPSVRSSD00000010"),
        "the first spec whose disk holds the 100 GB image"
    );
    assert_eq!(code(at(&mut s, "createServerInstances", "serverName=x-1", now)), "900");
    assert_eq!(
        code(at(&mut s, "createServerInstances", "serverImageProductCode=NOPE", now)),
        "10404"
    );
    assert_eq!(
        code(at(
            &mut s,
            "createServerInstances",
            "serverImageProductCode=SPSW0LINUX000046&serverCreateCount=21",
            now
        )),
        "901"
    );
}

#[test]
fn a_root_password_decrypts_with_the_login_keys_private_key_only() {
    let mut s = state(json!({"settings": {"createDelayMs": 0}}));
    let now = Instant::now();
    let key = at(&mut s, "createLoginKey", "keyName=ops-key", now).unwrap();
    let pem = key["privateKey"].as_str().unwrap().to_string();
    assert!(pem.starts_with("-----BEGIN RSA PRIVATE KEY-----"));
    assert_eq!(code(at(&mut s, "createLoginKey", "keyName=ops-key", now)), "10300");
    let keys = at(&mut s, "getLoginKeyList", "keyName=ops-key", now).unwrap();
    assert_eq!(keys["loginKeyList"][0]["fingerprint"].as_str().map(str::len), Some(47));
    let made = at(
        &mut s,
        "createServerInstances",
        "serverImageProductCode=SPSW0LINUX000046&loginKeyName=ops-key",
        now,
    )
    .unwrap();
    let no = made["serverInstanceList"][0]["serverInstanceNo"]
        .as_str()
        .unwrap()
        .to_string();
    let enc = |k: &str| form_urlencoded::byte_serialize(k.as_bytes()).collect::<String>();
    let q = format!("serverInstanceNo={no}&privateKey={}", enc(&pem));
    let one = at(&mut s, "getRootPassword", &q, now).unwrap();
    let password = one["rootPassword"].as_str().unwrap().to_string();
    assert_eq!(password.len(), 12);
    assert_eq!(
        at(&mut s, "getRootPassword", &q, now).unwrap()["rootPassword"],
        json!(password)
    );
    let list = format!(
        "rootPasswordServerInstanceList.1.serverInstanceNo={no}&rootPasswordServerInstanceList.1.privateKey={}",
        enc(&pem)
    );
    let many = at(&mut s, "getRootPasswordServerInstanceList", &list, now).unwrap();
    assert_eq!(
        many["rootPasswordServerInstanceList"][0]["rootPassword"],
        json!(password)
    );
    // Another key (the fixture's, whose private key nobody was given) does not decrypt it.
    let other = crate::emulator::crypto::new_key(&mut fastrand::Rng::with_seed(11)).unwrap();
    let wrong = format!("serverInstanceNo={no}&privateKey={}", enc(&other.private_pem));
    assert_eq!(code(at(&mut s, "getRootPassword", &wrong, now)), "25041");
    assert_eq!(
        code(at(
            &mut s,
            "getRootPassword",
            &format!("serverInstanceNo={no}&privateKey=nope"),
            now
        )),
        "25041"
    );
    // An imported public key is refused unless it is an OpenSSH RSA key.
    assert_eq!(
        code(at(&mut s, "importLoginKey", "keyName=imp-1&publicKey=hello", now)),
        "901"
    );
    let ok = format!("keyName=imp-1&publicKey={}", enc(&other.public_ssh));
    let imported = at(&mut s, "importLoginKey", &ok, now).unwrap();
    assert_eq!(imported["loginKeyList"][0]["fingerprint"], json!(other.fingerprint));
    at(&mut s, "deleteLoginKey", "keyName=imp-1", now).unwrap();
    assert_eq!(code(at(&mut s, "deleteLoginKey", "keyName=imp-1", now)), "10404");
}

#[test]
fn a_server_is_imaged_only_when_running_or_stopped_and_idle() {
    let mut s = state(json!({ "settings": serde_json::from_str::<Value>(TIMERS).unwrap() }));
    let t0 = Instant::now();
    let image = "serverInstanceNo=491049&memberServerImageName=img-busy";
    at(&mut s, "stopServerInstances", "serverInstanceNoList.1=491049", t0).unwrap();
    assert_eq!(
        code(at(&mut s, "createMemberServerImage", image, t0)),
        "25018",
        "shutting down"
    );
    let later = t0 + Duration::from_millis(50);
    let made = at(&mut s, "createMemberServerImage", image, later).unwrap();
    assert_eq!(
        made["memberServerImageList"][0]["memberServerImageStatusName"],
        json!("creating")
    );
}
