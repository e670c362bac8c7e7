//! The VPC server API's handlers driven without HTTP: launches, the life cycle, root passwords,
//! storage, public IPs, interfaces (helpers in `vpc::tests`).

use crate::emulator::state::State;
use crate::emulator::vpc::tests::{call_at, code, created, created_no, first, instant, state, text, vs};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

const NET: &str = "vpcNo=1001&subnetNo=2001&networkInterfaceList.1.networkInterfaceOrder=0&networkInterfaceList.1.accessControlGroupNoList.1=3501";
const PRIVATE_NET: &str = "vpcNo=1001&subnetNo=2002&networkInterfaceList.1.networkInterfaceOrder=0&networkInterfaceList.1.accessControlGroupNoList.1=3501";

fn servers(f: &crate::emulator::handler::Fields) -> Vec<Value> {
    f["serverInstanceList"].as_array().cloned().unwrap_or_default()
}

/// Launches one server now and gives its number.
fn launch(s: &mut State, q: &str) -> String {
    let made = vs(s, "createServerInstances", &format!("{NET}&{q}")).unwrap();
    text(&first(&made, "serverInstanceList")["serverInstanceNo"])
}

fn detail(s: &mut State, no: &str) -> Value {
    first(
        &vs(s, "getServerInstanceDetail", &format!("serverInstanceNo={no}")).unwrap(),
        "serverInstanceList",
    )
    .clone()
}

#[test]
fn a_launch_moves_through_ncp_statuses_on_the_timers() {
    let t0 = Instant::now();
    let ms = |n: u64| t0 + Duration::from_millis(n);
    let mut s = state(json!({"settings": {"createDelayMs": 100, "operationDelayMs": 50}}));
    let q = format!("{NET}&serverImageProductCode=SW.VSVR.OS.LNX64.CNTOS.0703.B050&serverName=web");
    let made = call_at(&mut s, "vserver", "createServerInstances", &q, t0).unwrap();
    let v = first(&made, "serverInstanceList");
    assert_eq!(v["serverInstanceStatus"]["code"], json!("INIT"));
    assert_eq!(v["serverInstanceStatusName"], json!("creating"));
    assert_eq!(v["hypervisorType"]["code"], json!("XEN"));
    assert_eq!(v["serverSpecCode"], json!("s2-g2"), "the smallest XEN spec");
    assert_eq!(v["platformType"]["code"], json!("LNX64"));
    assert_eq!(v["loginKeyName"], json!("my-key"));
    let no = text(&v["serverInstanceNo"]);
    let at = |s: &mut State, n| {
        let got = call_at(
            s,
            "vserver",
            "getServerInstanceDetail",
            &format!("serverInstanceNo={no}"),
            ms(n),
        )
        .unwrap();
        first(&got, "serverInstanceList")["serverInstanceStatusName"].clone()
    };
    assert_eq!(at(&mut s, 99), json!("creating"));
    assert_eq!(at(&mut s, 100), json!("booting"));
    assert_eq!(at(&mut s, 150), json!("running"));
    // Its default interface got the subnet's first free address and the group asked for.
    let nic = text(&detail(&mut s, &no)["networkInterfaceNoList"][0]);
    let n = created(
        &mut s,
        "getNetworkInterfaceDetail",
        &format!("networkInterfaceNo={nic}"),
    );
    assert_eq!(n["ip"], json!("10.0.1.6"));
    assert_eq!(n["deviceName"], json!("eth0"));
    assert_eq!(n["accessControlGroupNoList"], json!(["3501"]));
    // Its base storage exists, attached.
    let bs = vs(&mut s, "getBlockStorageInstanceList", &format!("serverInstanceNo={no}")).unwrap();
    assert_eq!(
        first(&bs, "blockStorageInstanceList")["blockStorageType"]["code"],
        json!("BASIC")
    );
}

#[test]
fn several_servers_in_one_call_are_numbered_and_names_are_unique() {
    let mut s = instant();
    let q = format!(
        "{NET}&serverImageNo=4000001&serverSpecCode=c2-g3&serverName=batch&serverCreateCount=3&serverCreateStartNo=7"
    );
    let made = vs(&mut s, "createServerInstances", &q).unwrap();
    let names: Vec<Value> = servers(&made).iter().map(|v| v["serverName"].clone()).collect();
    assert_eq!(names, vec![json!("batch-007"), json!("batch-008"), json!("batch-009")]);
    assert_eq!(made["totalRows"], json!(3));
    let again = vs(
        &mut s,
        "createServerInstances",
        &format!("{NET}&serverImageNo=4000001&serverName=batch-008"),
    );
    assert_eq!(code(again), "10300");
    let fixed = format!("{NET}&serverImageNo=4000001&serverCreateCount=2&networkInterfaceList.1.ip=10.0.1.100");
    assert_eq!(code(vs(&mut s, "createServerInstances", &fixed)), "901");
    let many = format!("{NET}&serverImageNo=4000001&serverCreateCount=21");
    assert_eq!(code(vs(&mut s, "createServerInstances", &many)), "901");
}

#[test]
fn a_launch_is_refused_for_what_ncp_refuses() {
    let mut s = instant();
    let image = "serverImageNo=4000001";
    let no_image = vs(&mut s, "createServerInstances", NET);
    assert_eq!(code(no_image), "900");
    let xen_spec = vs(
        &mut s,
        "createServerInstances",
        &format!("{NET}&{image}&serverProductCode=SVR.VSVR.STAND.C002.M008.NET.SSD.B050.G002"),
    );
    assert_eq!(code(xen_spec), "25042", "a XEN spec for a KVM image");
    let no_group = "vpcNo=1001&subnetNo=2001&networkInterfaceList.1.networkInterfaceOrder=0";
    assert_eq!(
        code(vs(&mut s, "createServerInstances", &format!("{no_group}&{image}"))),
        "900"
    );
    let no_default = "vpcNo=1001&subnetNo=2001&networkInterfaceList.1.networkInterfaceOrder=1&networkInterfaceList.1.accessControlGroupNoList.1=3501";
    assert_eq!(
        code(vs(&mut s, "createServerInstances", &format!("{no_default}&{image}"))),
        "900"
    );
    let taken_ip = format!("{NET}&{image}&networkInterfaceList.1.ip=10.0.1.11");
    assert_eq!(code(vs(&mut s, "createServerInstances", &taken_ip)), "25038");
    let outside_ip = format!("{NET}&{image}&networkInterfaceList.1.ip=10.0.2.50");
    assert_eq!(code(vs(&mut s, "createServerInstances", &outside_ip)), "25038");
    let public_in_private = format!("{PRIVATE_NET}&{image}&associateWithPublicIp=true");
    assert_eq!(code(vs(&mut s, "createServerInstances", &public_in_private)), "25037");
    let other_vpc = vs(&mut s, "createServerInstances", &format!("vpcNo=9&subnetNo=2001&networkInterfaceList.1.networkInterfaceOrder=0&networkInterfaceList.1.accessControlGroupNoList.1=3501&{image}"));
    assert_eq!(code(other_vpc), "10404");
    let key = vs(
        &mut s,
        "createServerInstances",
        &format!("{NET}&{image}&loginKeyName=nope"),
    );
    assert_eq!(code(key), "10404");
}

#[test]
fn a_server_launched_from_an_image_reports_it_and_runs_its_os() {
    let mut s = instant();
    // A golden image of the KVM server (Rocky), then three servers from it.
    let image = created_no(
        &mut s,
        "createServerImage",
        "serverInstanceNo=1000002&serverImageName=golden",
    );
    let made = vs(
        &mut s,
        "createServerInstances",
        &format!("{NET}&serverImageNo={image}&serverSpecCode=s2-g3&serverName=web&serverCreateCount=3"),
    )
    .unwrap();
    for v in servers(&made) {
        assert_eq!(v["serverImageNo"], json!(image));
        assert_eq!(v["hypervisorType"]["code"], json!("KVM"));
        assert_eq!(v["serverImageProductCode"], json!("SW.VSVR.OS.LNX64.ROCKY.0810.B050"));
    }
    let first_no = text(&servers(&made)[0]["serverInstanceNo"]);
    // Its storage is the image's: 10 GB base and the 100 GB volume.
    let bs = vs(
        &mut s,
        "getBlockStorageInstanceList",
        &format!("serverInstanceNo={first_no}"),
    )
    .unwrap();
    let sizes: Vec<Value> = bs["blockStorageInstanceList"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["blockStorageSize"].clone())
        .collect();
    assert_eq!(sizes, vec![json!(10_i64 << 30), json!(100_i64 << 30)]);
    // An image of that server says the same OS.
    let again = created(
        &mut s,
        "createServerImage",
        &format!("serverInstanceNo={first_no}&serverImageName=golden-2"),
    );
    assert_eq!(again["osType"]["code"], json!("ROCKY"));
    assert_eq!(again["hypervisorType"]["code"], json!("KVM"));
    // A member image of a XEN server launches XEN servers with its OS product.
    let member = created_no(
        &mut s,
        "createMemberServerImageInstance",
        "serverInstanceNo=1000001&memberServerImageName=xen-golden",
    );
    let launched = launch(&mut s, &format!("memberServerImageInstanceNo={member}"));
    let v = detail(&mut s, &launched);
    assert_eq!(v["memberServerImageInstanceNo"], json!(member));
    assert_eq!(v["serverImageProductCode"], json!("SW.VSVR.OS.LNX64.CNTOS.0703.B050"));
    assert_eq!(v["hypervisorType"]["code"], json!("XEN"));
}

#[test]
fn stop_start_reboot_spec_name_protection_and_termination_follow_the_rules() {
    let mut s = instant();
    let no = launch(&mut s, "serverImageNo=4000001&serverSpecCode=c2-g3&serverName=app");
    let list = format!("serverInstanceNoList.1={no}");
    assert_eq!(
        code(vs(&mut s, "startServerInstances", &list)),
        "25013",
        "running already"
    );
    assert_eq!(
        code(vs(&mut s, "terminateServerInstances", &list)),
        "25013",
        "VPC servers are stopped first"
    );
    let spec = format!("serverInstanceNo={no}&serverSpecCode=s4-g3");
    assert_eq!(code(vs(&mut s, "changeServerInstanceSpec", &spec)), "25013", "running");
    vs(&mut s, "rebootServerInstances", &list).unwrap();
    vs(&mut s, "stopServerInstances", &list).unwrap();
    assert_eq!(detail(&mut s, &no)["serverInstanceStatus"]["code"], json!("NSTOP"));
    let xen = format!("serverInstanceNo={no}&serverProductCode=SVR.VSVR.STAND.C004.M016.NET.SSD.B050.G002");
    assert_eq!(code(vs(&mut s, "changeServerInstanceSpec", &xen)), "25042");
    let changed = vs(&mut s, "changeServerInstanceSpec", &spec).unwrap();
    assert_eq!(first(&changed, "serverInstanceList")["cpuCount"], json!(4));
    vs(
        &mut s,
        "changeServerInstanceName",
        &format!("serverInstanceNo={no}&serverName=app-2"),
    )
    .unwrap();
    assert_eq!(
        code(vs(
            &mut s,
            "changeServerInstanceName",
            &format!("serverInstanceNo={no}&serverName=web-xen-01")
        )),
        "10300"
    );
    vs(
        &mut s,
        "setProtectServerTermination",
        &format!("serverInstanceNo={no}&isProtectServerTermination=TRUE"),
    )
    .unwrap();
    assert_eq!(code(vs(&mut s, "terminateServerInstances", &list)), "25039");
    vs(
        &mut s,
        "setProtectServerTermination",
        &format!("serverInstanceNo={no}&isProtectServerTermination=false"),
    )
    .unwrap();
    let nic = text(&detail(&mut s, &no)["networkInterfaceNoList"][0]);
    let gone = vs(&mut s, "terminateServerInstances", &list).unwrap();
    assert_eq!(
        first(&gone, "serverInstanceList")["serverInstanceStatusName"],
        json!("terminating")
    );
    assert_eq!(
        code(vs(&mut s, "getServerInstanceDetail", &format!("serverInstanceNo={no}"))),
        "24120"
    );
    assert_eq!(
        code(vs(
            &mut s,
            "getNetworkInterfaceDetail",
            &format!("networkInterfaceNo={nic}")
        )),
        "10404",
        "its interface went with it"
    );
    assert_eq!(
        vs(&mut s, "getBlockStorageInstanceList", &format!("serverInstanceNo={no}")).unwrap()["totalRows"],
        json!(0)
    );
}

#[test]
fn the_root_password_is_decrypted_with_the_login_keys_private_key() {
    let mut s = instant();
    let private = s.vpc.login_keys.items[0].rec.private_key.clone().unwrap();
    let enc = |k: &str| form_urlencoded::byte_serialize(k.as_bytes()).collect::<String>();
    let items = format!(
        "rootPasswordServerInstanceList.1.serverInstanceNo=1000001&rootPasswordServerInstanceList.1.privateKey={}",
        enc(&private)
    );
    let got = vs(&mut s, "getRootPasswordServerInstanceList", &items).unwrap();
    assert_eq!(
        first(&got, "rootPasswordServerInstanceList")["rootPassword"],
        json!("Ncp-emu-1000001!")
    );
    // A new key of its own: the launch seals the password with it.
    let key = crate::emulator::crypto::new_key(&mut fastrand::Rng::with_seed(3)).unwrap();
    let import = format!("keyName=ci-key&publicKey={}", enc(&key.public_ssh));
    let imported = vs(&mut s, "importLoginKey", &import).unwrap();
    assert_eq!(first(&imported, "loginKeyList")["fingerprint"], json!(key.fingerprint));
    let no = launch(&mut s, "serverImageNo=4000001&loginKeyName=ci-key");
    let mine = format!(
        "rootPasswordServerInstanceList.1.serverInstanceNo={no}&rootPasswordServerInstanceList.1.privateKey={}",
        enc(&key.private_pem)
    );
    let got = vs(&mut s, "getRootPasswordServerInstanceList", &mine).unwrap();
    assert_eq!(
        text(&first(&got, "rootPasswordServerInstanceList")["rootPassword"]).len(),
        12
    );
    let wrong = format!(
        "rootPasswordServerInstanceList.1.serverInstanceNo={no}&rootPasswordServerInstanceList.1.privateKey={}",
        enc(&private)
    );
    assert_eq!(code(vs(&mut s, "getRootPasswordServerInstanceList", &wrong)), "25041");
    assert_eq!(code(vs(&mut s, "importLoginKey", &import)), "10300");
    assert_eq!(
        code(vs(&mut s, "importLoginKey", "keyName=bad-key&publicKey=ssh-rsa%20AAAA")),
        "901"
    );
}

#[test]
fn a_created_login_key_seals_passwords_and_is_deleted_only_when_no_server_uses_it() {
    let mut s = instant();
    let enc = |k: &str| form_urlencoded::byte_serialize(k.as_bytes()).collect::<String>();
    let made = vs(&mut s, "createLoginKey", "keyName=golden-key").unwrap();
    assert_eq!(made["keyName"], json!("golden-key"));
    let private = text(&made["privateKey"]);
    assert!(private.starts_with("-----BEGIN RSA PRIVATE KEY-----"), "{private}");
    let listed = vs(&mut s, "getLoginKeyList", "keyName=golden-key").unwrap();
    assert!(
        first(&listed, "loginKeyList").get("privateKey").is_none(),
        "NCP keeps no private key"
    );
    assert_eq!(code(vs(&mut s, "createLoginKey", "keyName=golden-key")), "10300");
    assert_eq!(code(vs(&mut s, "createLoginKey", "keyName=a")), "901");

    let no = launch(&mut s, "serverImageNo=4000001&loginKeyName=golden-key");
    let ask = |k: &str| format!("serverInstanceNo={no}&privateKey={}", enc(k));
    let got = vs(&mut s, "getRootPassword", &ask(&private)).unwrap();
    assert_eq!(text(&got["rootPassword"]).len(), 12);
    let other = s.vpc.login_keys.items[0].rec.private_key.clone().unwrap();
    assert_eq!(code(vs(&mut s, "getRootPassword", &ask(&other))), "25041");
    assert_eq!(
        code(vs(&mut s, "getRootPassword", &format!("serverInstanceNo={no}"))),
        "25041"
    );
    assert_eq!(code(vs(&mut s, "getRootPassword", "serverInstanceNo=999")), "24120");

    // A diagnostic interrupt: a running KVM server takes it; a stopped one and a Linux XEN one do not.
    let one = format!("serverInstanceNo={no}");
    let got = vs(&mut s, "interruptServerInstance", &one).unwrap();
    assert_eq!(got["serverInstanceNoList"], json!([no]));
    let xen = launch(
        &mut s,
        "serverImageProductCode=SW.VSVR.OS.LNX64.CNTOS.0703.B050&loginKeyName=my-key",
    );
    assert_eq!(
        code(vs(
            &mut s,
            "interruptServerInstance",
            &format!("serverInstanceNo={xen}")
        )),
        "25040"
    );

    assert_eq!(code(vs(&mut s, "deleteLoginKeys", "keyNameList.1=golden-key")), "10407");
    assert_eq!(code(vs(&mut s, "deleteLoginKeys", "keyNameList.1=nope")), "10404");
    vs(&mut s, "stopServerInstances", &format!("serverInstanceNoList.1={no}")).unwrap();
    assert_eq!(code(vs(&mut s, "interruptServerInstance", &one)), "25013");
    vs(
        &mut s,
        "terminateServerInstances",
        &format!("serverInstanceNoList.1={no}"),
    )
    .unwrap();
    let gone = vs(&mut s, "deleteLoginKeys", "keyNameList.1=golden-key").unwrap();
    assert_eq!(gone["totalRows"], json!(1));
    assert_eq!(
        vs(&mut s, "getLoginKeyList", "keyName=golden-key").unwrap()["totalRows"],
        json!(0)
    );
}

#[test]
fn an_image_of_a_server_launched_from_an_ncp_image_is_the_accounts_own_to_share_and_delete() {
    let mut s = instant();
    let no = launch(&mut s, "serverImageNo=4000001");
    vs(&mut s, "stopServerInstances", &format!("serverInstanceNoList.1={no}")).unwrap();
    let image = created(
        &mut s,
        "createServerImage",
        &format!("serverInstanceNo={no}&serverImageName=golden-rocky"),
    );
    // Typed as the image its server runs (NCP's reference example), yet the account's own.
    assert_eq!(image["serverImageType"]["code"], json!("NCP"));
    assert_eq!(
        image["osType"],
        detail_image(&mut s, "4000001")["osType"],
        "the OS of its server"
    );
    let q = format!(
        "serverImageNo={}&targetLoginIdList.1=partner@example.com",
        text(&image["serverImageNo"])
    );
    let shared = vs(&mut s, "addServerImageSharingPermission", &q).unwrap();
    assert_eq!(
        first(&shared, "serverImageList")["sharedLoginIdList"],
        json!(["partner@example.com"])
    );
    let gone = format!("serverImageNoList.1={}", text(&image["serverImageNo"]));
    vs(&mut s, "deleteServerImage", &gone).unwrap();
    // NCP's own images stay NCP's.
    let q = "serverImageNo=4000001&targetLoginIdList.1=partner@example.com";
    assert_eq!(code(vs(&mut s, "addServerImageSharingPermission", q)), "25034");
}

fn detail_image(s: &mut State, no: &str) -> Value {
    first(
        &vs(s, "getServerImageDetail", &format!("serverImageNo={no}")).unwrap(),
        "serverImageList",
    )
    .clone()
}
