//! The VPC cloud's handlers driven without HTTP (networks, groups, servers and what hangs on them),
//! shared helpers for the VPC groups' tests.

use crate::catalog;
use crate::emulator::faults::ApiFault;
use crate::emulator::handler::{Cx, Fields};
use crate::emulator::route::dispatch;
use crate::emulator::rules;
use crate::emulator::state::{resolve_fixture, State};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

pub fn state(fixture: Value) -> State {
    State::new(resolve_fixture(Some(&fixture)).expect("fixture"))
}

/// A state whose timers are all 0: every operation is done when answered.
pub fn instant() -> State {
    state(json!({"settings": {"createDelayMs": 0, "deleteDelayMs": 0, "operationDelayMs": 0}}))
}

pub fn call_at(s: &mut State, api: &str, name: &str, query: &str, now: Instant) -> Result<Fields, ApiFault> {
    let action = catalog::action_of(api, name).unwrap_or_else(|| panic!("no action {api}.{name}"));
    let pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes()).into_owned().collect();
    let raw = rules::parse(&pairs).expect("readable");
    s.tick(now);
    dispatch(&mut Cx::new(s, action, raw, now))
}

/// A `vpc/v2` call now.
pub fn vpc(s: &mut State, name: &str, query: &str) -> Result<Fields, ApiFault> {
    call_at(s, "vpc", name, query, Instant::now())
}

/// A `vserver/v2` call now.
pub fn vs(s: &mut State, name: &str, query: &str) -> Result<Fields, ApiFault> {
    call_at(s, "vserver", name, query, Instant::now())
}

/// The return code of a refusal (panics on success).
pub fn code(r: Result<Fields, ApiFault>) -> &'static str {
    match r {
        Ok(f) => panic!("expected a refusal, got {}", Value::Object(f)),
        Err(e) => e.return_code,
    }
}

/// The first record a `vserver` call answers with (panics on a refusal).
pub fn created(s: &mut State, name: &str, query: &str) -> Value {
    let f = vs(s, name, query).unwrap_or_else(|e| panic!("{name}: {}", e.return_code));
    let list = f.keys().find(|k| k.ends_with("List")).expect("a list");
    f[list][0].clone()
}

/// The number of the first record a `vserver` call answers with (its first `…No` field).
pub fn created_no(s: &mut State, name: &str, query: &str) -> String {
    let made = created(s, name, query);
    let map = made.as_object().expect("a record");
    let (_, no) = map.iter().find(|(k, _)| k.ends_with("No")).expect("a number");
    text(no)
}

pub fn first<'a>(f: &'a Fields, list: &str) -> &'a Value {
    &f[list][0]
}

pub fn text(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_string()
}

#[test]
fn the_default_scenario_has_a_vpc_with_a_public_and_a_private_subnet_and_a_default_group() {
    let mut s = instant();
    let vpcs = vpc(&mut s, "getVpcList", "").unwrap();
    assert_eq!(vpcs["vpcList"][0]["vpcNo"], json!("1001"));
    let subnets = vpc(&mut s, "getSubnetList", "vpcNo=1001").unwrap();
    let types: Vec<&Value> = subnets["subnetList"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| &x["subnetType"]["code"])
        .collect();
    assert_eq!(types, vec![&json!("PUBLIC"), &json!("PRIVATE")]);
    let groups = vs(&mut s, "getAccessControlGroupList", "vpcNo=1001").unwrap();
    assert_eq!(groups["accessControlGroupList"][0]["isDefault"], json!(true));
    // The VPC's default network ACL, what its subnets name (a record made from the fixture's VPC).
    let acls = vpc(&mut s, "getNetworkAclList", "vpcNo=1001").unwrap();
    let acl = &acls["networkAclList"][0];
    assert_eq!(acl["networkAclNo"], json!("2501"));
    assert_eq!(acl["networkAclName"], json!("default-vpc-default-network-acl"));
    assert_eq!(acl["networkAclStatus"]["code"], json!("RUN"));
}

#[test]
fn a_vpc_is_created_with_its_defaults_and_deleted_once_empty() {
    let t0 = Instant::now();
    let ms = |n: u64| t0 + Duration::from_millis(n);
    let mut s = state(json!({"settings": {"createDelayMs": 50, "deleteDelayMs": 30}}));
    let bad = call_at(&mut s, "vpc", "createVpc", "ipv4CidrBlock=8.8.0.0/16", t0);
    assert_eq!(code(bad), "901");
    let wide = call_at(&mut s, "vpc", "createVpc", "ipv4CidrBlock=10.0.0.0/8", t0);
    assert_eq!(code(wide), "901", "NCP takes /16 to /28");
    let made = call_at(
        &mut s,
        "vpc",
        "createVpc",
        "ipv4CidrBlock=192.168.0.0/16&vpcName=lab",
        t0,
    )
    .unwrap();
    let v = first(&made, "vpcList");
    assert_eq!(v["vpcStatus"]["code"], json!("INIT"));
    let no = text(&v["vpcNo"]);
    // Nothing goes into a VPC that is not running yet.
    let early = call_at(
        &mut s,
        "vpc",
        "createSubnet",
        &format!("vpcNo={no}&subnet=192.168.1.0/24&zoneCode=KR-1&subnetTypeCode=PUBLIC&networkAclNo=x"),
        ms(10),
    );
    assert_eq!(code(early), "25013");
    let got = call_at(&mut s, "vpc", "getVpcDetail", &format!("vpcNo={no}"), ms(50)).unwrap();
    assert_eq!(first(&got, "vpcList")["vpcStatus"]["code"], json!("RUN"));
    // Its default group came with it.
    let groups = call_at(
        &mut s,
        "vserver",
        "getAccessControlGroupList",
        &format!("vpcNo={no}"),
        ms(50),
    )
    .unwrap();
    let g = first(&groups, "accessControlGroupList");
    assert_eq!(g["accessControlGroupName"], json!("lab-default-acg"));
    assert_eq!(g["isDefault"], json!(true));
    let gno = text(&g["accessControlGroupNo"]);
    let rules = call_at(
        &mut s,
        "vserver",
        "getAccessControlGroupRuleList",
        &format!("accessControlGroupNo={gno}&accessControlGroupRuleTypeCode=INBND"),
        ms(50),
    )
    .unwrap();
    assert_eq!(rules["totalRows"], json!(2));
    // The network ACL of the VPC is the one subnets must name.
    let acl = s
        .vpc
        .vpcs
        .find(&no, None)
        .unwrap()
        .rec
        .default_network_acl_no
        .clone()
        .unwrap();
    let q = |cidr: &str, name: &str| {
        format!("vpcNo={no}&subnet={cidr}&zoneCode=KR-1&subnetTypeCode=PRIVATE&networkAclNo={acl}&subnetName={name}")
    };
    let outside = call_at(&mut s, "vpc", "createSubnet", &q("10.9.0.0/24", "a"), ms(60));
    assert_eq!(code(outside), "901", "'a' is not a VPC name");
    let outside = call_at(&mut s, "vpc", "createSubnet", &q("10.9.0.0/24", "aaa"), ms(60));
    assert_eq!(code(outside), "25038");
    let sub = call_at(&mut s, "vpc", "createSubnet", &q("192.168.1.0/24", "db-1"), ms(60)).unwrap();
    let sno = text(&first(&sub, "subnetList")["subnetNo"]);
    assert_eq!(first(&sub, "subnetList")["subnetType"]["code"], json!("PRIVATE"));
    let overlap = call_at(&mut s, "vpc", "createSubnet", &q("192.168.1.128/25", "db-2"), ms(60));
    assert_eq!(code(overlap), "25038");
    let wrong_acl = call_at(
        &mut s,
        "vpc",
        "createSubnet",
        &format!("vpcNo={no}&subnet=192.168.2.0/24&zoneCode=KR-1&subnetTypeCode=PUBLIC&networkAclNo=2501"),
        ms(60),
    );
    assert_eq!(code(wrong_acl), "25042");
    // A VPC with a subnet is not deleted; once the subnet is gone it is.
    let busy = call_at(&mut s, "vpc", "deleteVpc", &format!("vpcNo={no}"), ms(200));
    assert_eq!(code(busy), "25035");
    call_at(&mut s, "vpc", "deleteSubnet", &format!("subnetNo={sno}"), ms(200)).unwrap();
    let del = call_at(&mut s, "vpc", "deleteVpc", &format!("vpcNo={no}"), ms(300)).unwrap();
    assert_eq!(first(&del, "vpcList")["vpcStatus"]["code"], json!("TERMTING"));
    let gone = call_at(&mut s, "vpc", "getVpcDetail", &format!("vpcNo={no}"), ms(330));
    assert_eq!(code(gone), "10404");
    let groups = call_at(
        &mut s,
        "vserver",
        "getAccessControlGroupList",
        &format!("vpcNo={no}"),
        ms(330),
    )
    .unwrap();
    assert_eq!(groups["totalRows"], json!(0), "its default group went with it");
}

#[test]
fn a_region_holds_three_vpcs_and_names_are_unique() {
    let mut s = instant();
    vpc(&mut s, "createVpc", "ipv4CidrBlock=10.1.0.0/16&vpcName=two").unwrap();
    let dup = vpc(&mut s, "createVpc", "ipv4CidrBlock=10.2.0.0/16&vpcName=two");
    assert_eq!(code(dup), "10300");
    vpc(&mut s, "createVpc", "ipv4CidrBlock=10.2.0.0/16").unwrap();
    let fourth = vpc(&mut s, "createVpc", "ipv4CidrBlock=10.3.0.0/16");
    assert_eq!(code(fourth), "25036");
}

#[test]
fn access_control_group_rules_are_added_removed_limited_and_a_group_in_use_stays() {
    let mut s = instant();
    let web = created_no(
        &mut s,
        "createAccessControlGroup",
        "vpcNo=1001&accessControlGroupName=web",
    );
    let add = |s: &mut State, q: &str| {
        vs(
            s,
            "addAccessControlGroupInboundRule",
            &format!("vpcNo=1001&accessControlGroupNo={web}&{q}"),
        )
    };
    let r = add(&mut s, "accessControlGroupRuleList.1.protocolTypeCode=TCP&accessControlGroupRuleList.1.ipBlock=0.0.0.0/0&accessControlGroupRuleList.1.portRange=80").unwrap();
    assert_eq!(r["totalRows"], json!(1));
    assert_eq!(
        first(&r, "accessControlGroupRuleList")["protocolType"],
        json!({"code": "TCP", "codeName": "tcp", "number": 6})
    );
    // TCP needs ports; a source is needed; the same rule twice is refused.
    assert_eq!(
        code(add(
            &mut s,
            "accessControlGroupRuleList.1.protocolTypeCode=TCP&accessControlGroupRuleList.1.ipBlock=0.0.0.0/0"
        )),
        "901"
    );
    assert_eq!(
        code(add(&mut s, "accessControlGroupRuleList.1.protocolTypeCode=ICMP")),
        "900"
    );
    assert_eq!(code(add(&mut s, "accessControlGroupRuleList.1.protocolTypeCode=TCP&accessControlGroupRuleList.1.ipBlock=0.0.0.0/0&accessControlGroupRuleList.1.portRange=80")), "25038");
    // Another group as the source: then that group is named by a rule and cannot go.
    let r = add(&mut s, "accessControlGroupRuleList.1.protocolTypeCode=ICMP&accessControlGroupRuleList.1.accessControlGroupSequence=3501").unwrap();
    assert_eq!(r["totalRows"], json!(2));
    let default = vs(
        &mut s,
        "deleteAccessControlGroup",
        "vpcNo=1001&accessControlGroupNo=3501",
    );
    assert_eq!(code(default), "25035", "the default group");
    // 50 inbound rules at most.
    let many: String = (1..=49)
        .map(|i| format!("accessControlGroupRuleList.{i}.protocolTypeCode=UDP&accessControlGroupRuleList.{i}.ipBlock=10.0.{i}.0/24&accessControlGroupRuleList.{i}.portRange=53&"))
        .collect();
    assert_eq!(code(add(&mut s, &many)), "25036");
    let removed = vs(&mut s, "removeAccessControlGroupInboundRule", &format!("vpcNo=1001&accessControlGroupNo={web}&accessControlGroupRuleList.1.protocolTypeCode=TCP&accessControlGroupRuleList.1.ipBlock=0.0.0.0/0&accessControlGroupRuleList.1.portRange=80")).unwrap();
    assert_eq!(removed["totalRows"], json!(1));
    let again = vs(&mut s, "removeAccessControlGroupInboundRule", &format!("vpcNo=1001&accessControlGroupNo={web}&accessControlGroupRuleList.1.protocolTypeCode=TCP&accessControlGroupRuleList.1.ipBlock=0.0.0.0/0&accessControlGroupRuleList.1.portRange=80"));
    assert_eq!(code(again), "10404");
    let other_vpc = vs(
        &mut s,
        "deleteAccessControlGroup",
        &format!("vpcNo=9&accessControlGroupNo={web}"),
    );
    assert_eq!(code(other_vpc), "25042");
    vs(
        &mut s,
        "deleteAccessControlGroup",
        &format!("vpcNo=1001&accessControlGroupNo={web}"),
    )
    .unwrap();
    assert_eq!(
        code(vs(
            &mut s,
            "getAccessControlGroupDetail",
            &format!("accessControlGroupNo={web}")
        )),
        "10404"
    );
}
