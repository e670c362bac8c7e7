//! The VPC network API beyond VPCs and subnets, driven without HTTP: route tables and routes, NAT
//! gateways, VPC peerings, network ACLs with their rules and deny-allow groups.

use super::tests::{code, instant, text, vpc};
use crate::emulator::faults::ApiFault;
use crate::emulator::handler::Fields;
use crate::emulator::state::{world, State};
use serde_json::{json, Value};

/// A `vpc/v2` call now, its query given as parts joined by `&`.
fn ask(s: &mut State, name: &str, parts: &[&str]) -> Result<Fields, ApiFault> {
    vpc(s, name, &parts.join("&"))
}

/// The first record of a `vpc/v2` answer (panics on a refusal).
fn made(s: &mut State, name: &str, parts: &[&str]) -> Value {
    let f = ask(s, name, parts).unwrap_or_else(|e| panic!("{name}: {} {}", e.return_code, e.return_message));
    let list = f.keys().find(|k| k.ends_with("List")).expect("a list");
    f[list][0].clone()
}

/// The return code of a refused `vpc/v2` call.
fn refused(s: &mut State, name: &str, parts: &[&str]) -> &'static str {
    code(ask(s, name, parts))
}

/// What `pointer` (`/subnetNo`, `/targetType/code`) finds in every record of an answer's list.
fn column(f: &Fields, list: &str, pointer: &str) -> Vec<String> {
    let rows = f[list].as_array().into_iter().flatten();
    rows.map(|r| r.pointer(pointer).map(text).unwrap_or_default()).collect()
}

/// A second VPC (`10.8.0.0/16`, named `other`) and its NAT gateway subnet in KR-1: `(vpc, subnet)`.
fn other_vpc(s: &mut State) -> (String, String) {
    let v = text(&made(s, "createVpc", &["ipv4CidrBlock=10.8.0.0/16", "vpcName=other"])["vpcNo"]);
    let rec = s.vpc.vpcs.find(&v, None).map(|e| e.rec.clone()).unwrap_or_default();
    let acl = format!("networkAclNo={}", rec.default_network_acl_no.unwrap_or_default());
    let (vpc_no, zone) = (format!("vpcNo={v}"), "zoneCode=KR-1");
    let kind = [
        "subnetTypeCode=PUBLIC",
        "usageTypeCode=NATGW",
        "subnet=10.8.9.0/24",
        "subnetName=nat-sub",
    ];
    let sub = made(
        s,
        "createSubnet",
        &[&vpc_no, zone, &acl, kind[0], kind[1], kind[2], kind[3]],
    );
    (v, text(&sub["subnetNo"]))
}

/// The numbers of the subnets route table `t` has.
fn subnets_of(s: &mut State, t: &str) -> Vec<String> {
    let f = ask(s, "getRouteTableSubnetList", &[&format!("routeTableNo={t}")]).unwrap();
    column(&f, "subnetList", "/subnetNo")
}

/// A route of `routeList.1` to `target` of type `ty` (with the name NCP requires).
fn route(destination: &str, ty: &str, target: &str) -> String {
    let item = "routeList.1.";
    format!(
        "{item}destinationCidrBlock={destination}&{item}targetTypeCode={ty}&{item}targetNo={target}&{item}targetName=n"
    )
}

#[test]
fn a_vpc_has_default_route_tables_and_a_subnet_is_in_exactly_one_table_of_its_type() {
    let mut s = instant();
    // The default scenario's VPC: a public and a private default table, with their default routes.
    let tables = ask(&mut s, "getRouteTableList", &["vpcNo=1001"]).unwrap();
    assert_eq!(column(&tables, "routeTableList", "/routeTableNo"), ["2601", "2602"]);
    let kinds = column(&tables, "routeTableList", "/supportedSubnetType/code");
    assert_eq!(kinds, ["PUBLIC", "PRIVATE"]);
    assert_eq!(tables["routeTableList"][0]["isDefault"], json!(true));
    let routes = ask(&mut s, "getRouteList", &["routeTableNo=2601", "vpcNo=1001"]).unwrap();
    assert_eq!(column(&routes, "routeList", "/targetType/code"), ["LOCAL", "IGW"]);
    let private = ask(&mut s, "getRouteList", &["routeTableNo=2602", "vpcNo=1001"]).unwrap();
    assert_eq!(private["totalRows"], json!(1), "a private table has no way out");
    assert_eq!(subnets_of(&mut s, "2601"), ["2001"]);
    assert_eq!(subnets_of(&mut s, "2602"), ["2002"]);
    // A table of our own takes a subnet of its type only; the subnet leaves its default table.
    let app = ["vpcNo=1001", "supportedSubnetTypeCode=PRIVATE", "routeTableName=app"];
    let t = text(&made(&mut s, "createRouteTable", &app)["routeTableNo"]);
    let table = format!("routeTableNo={t}");
    let of = |subnet: &str| {
        [
            String::from("vpcNo=1001"),
            table.clone(),
            format!("subnetNoList.1={subnet}"),
        ]
    };
    let [a, b, c] = of("2001");
    assert_eq!(refused(&mut s, "addRouteTableSubnet", &[&a, &b, &c]), "25042");
    let [a, b, c] = of("2002");
    let moved = ask(&mut s, "addRouteTableSubnet", &[&a, &b, &c]).unwrap();
    assert_eq!(column(&moved, "subnetList", "/subnetNo"), ["2002"]);
    let detail = made(&mut s, "getRouteTableDetail", &[&table]);
    assert_eq!(detail["routeTableStatus"]["code"], json!("RUN"));
    assert!(subnets_of(&mut s, "2602").is_empty(), "one table per subnet");
    assert_eq!(subnets_of(&mut s, &t), ["2002"]);
    // A table with subnets, or a default one, is not deleted; removed, the subnet goes home.
    assert_eq!(refused(&mut s, "deleteRouteTable", &[&table]), "25035");
    assert_eq!(refused(&mut s, "deleteRouteTable", &["routeTableNo=2602"]), "25035");
    let home = ["vpcNo=1001", "routeTableNo=2602", "subnetNoList.1=2002"];
    assert_eq!(
        refused(&mut s, "removeRouteTableSubnet", &home),
        "25040",
        "a default table gives up a subnet only to another"
    );
    ask(&mut s, "removeRouteTableSubnet", &[&a, &b, &c]).unwrap();
    assert_eq!(subnets_of(&mut s, "2602"), ["2002"]);
    ask(&mut s, "deleteRouteTable", &[&table]).unwrap();
    // Default routes stay: the one to 0.0.0.0/0 leads to IGW, and no other route has that destination.
    let default = route("0.0.0.0/0", "NATGW", "x");
    assert_eq!(
        refused(&mut s, "removeRoute", &["vpcNo=1001", "routeTableNo=2601", &default]),
        "10404"
    );
    // A new VPC's defaults are where its fields say.
    let (v, _) = other_vpc(&mut s);
    let rec = s.vpc.vpcs.find(&v, None).unwrap().rec.clone();
    let tables = ask(&mut s, "getRouteTableList", &[&format!("vpcNo={v}")]).unwrap();
    let want = [
        rec.default_public_route_table_no.unwrap(),
        rec.default_private_route_table_no.unwrap(),
    ];
    assert_eq!(column(&tables, "routeTableList", "/routeTableNo"), want);
    assert_eq!(
        tables["routeTableList"][1]["routeTableName"],
        json!("other-default-private-table")
    );
}

#[test]
fn a_route_leads_to_a_nat_gateway_of_its_own_vpc_only_and_keeps_it_from_being_deleted() {
    let mut s = instant();
    let (v, sub) = other_vpc(&mut s);
    let (vpc_no, zone) = (format!("vpcNo={v}"), "zoneCode=KR-1");
    // No NAT gateway outside a NAT gateway subnet.
    assert_eq!(
        refused(&mut s, "createNatGatewayInstance", &[&vpc_no, zone, "subnetNo=2001"]),
        "25042"
    );
    let in_sub = format!("subnetNo={sub}");
    let nat = made(
        &mut s,
        "createNatGatewayInstance",
        &[&vpc_no, zone, &in_sub, "natGatewayName=out"],
    );
    assert_eq!(nat["natGatewayType"]["code"], json!("PBLIP"));
    assert!(
        nat["publicIp"].as_str().is_some_and(|ip| ip.starts_with("198.1")),
        "{nat}"
    );
    assert_eq!(nat["privateIp"], json!("10.8.9.6"), "the first host NCP hands out");
    let no = text(&nat["natGatewayInstanceNo"]);
    let gateway = format!("natGatewayInstanceNo={no}");
    let got = made(&mut s, "getNatGatewayInstanceDetail", &[&gateway]);
    assert_eq!(got["natGatewayInstanceStatus"]["code"], json!("RUN"));
    // The default VPC's private table may not route to the other VPC's gateway; the other's may.
    let out = route("0.0.0.0/0", "NATGW", &no);
    assert_eq!(
        refused(&mut s, "addRoute", &["vpcNo=1001", "routeTableNo=2602", &out]),
        "25042"
    );
    let private = s
        .vpc
        .vpcs
        .find(&v, None)
        .unwrap()
        .rec
        .default_private_route_table_no
        .clone();
    let table = format!("routeTableNo={}", private.unwrap());
    let routes = ask(&mut s, "addRoute", &[&vpc_no, &table, &out]).unwrap();
    assert_eq!(column(&routes, "routeList", "/targetNo"), ["", no.as_str()]);
    assert_eq!(column(&routes, "routeList", "/targetName"), ["LOCAL", "out"]);
    assert_eq!(
        refused(&mut s, "addRoute", &[&vpc_no, &table, &out]),
        "25038",
        "one route per destination"
    );
    let inside = route("10.8.3.0/24", "NATGW", &no);
    assert_eq!(
        refused(&mut s, "addRoute", &[&vpc_no, &table, &inside]),
        "25038",
        "the LOCAL route's"
    );
    // Neither the gateway, its subnet nor its VPC goes while in use.
    assert_eq!(refused(&mut s, "deleteNatGatewayInstance", &[&gateway]), "25035");
    assert_eq!(refused(&mut s, "deleteSubnet", &[&in_sub]), "25035");
    assert_eq!(refused(&mut s, "deleteVpc", &[&vpc_no]), "25035");
    ask(&mut s, "removeRoute", &[&vpc_no, &table, &out]).unwrap();
    let gone = made(&mut s, "deleteNatGatewayInstance", &[&gateway]);
    assert_eq!(
        gone["natGatewayInstanceOperation"]["code"],
        json!("TERMT"),
        "busy while it goes"
    );
    ask(&mut s, "deleteSubnet", &[&in_sub]).unwrap();
    ask(&mut s, "deleteVpc", &[&vpc_no]).unwrap();
    let left = ask(&mut s, "getRouteTableList", &[&vpc_no]).unwrap();
    assert_eq!(left["totalRows"], json!(0), "its default tables went with it");
}

#[test]
fn a_peering_to_another_account_waits_for_acceptance_and_one_between_own_vpcs_runs() {
    let mut s = instant();
    let (v, _) = other_vpc(&mut s);
    let (source, target) = ("sourceVpcNo=1001", format!("targetVpcNo={v}"));
    let close = text(&made(&mut s, "createVpc", &["ipv4CidrBlock=10.0.128.0/17", "vpcName=close"])["vpcNo"]);
    let overlap = format!("targetVpcNo={close}");
    assert_eq!(
        refused(&mut s, "createVpcPeeringInstance", &[source, &overlap]),
        "25038"
    );
    ask(&mut s, "deleteVpc", &[&format!("vpcNo={close}")]).unwrap();
    // To another account: a request, INIT at rest until answered.
    let partner = ["targetVpcName=other", "targetVpcLoginId=partner@example.com"];
    let req = made(
        &mut s,
        "createVpcPeeringInstance",
        &[source, &target, partner[0], partner[1]],
    );
    let no = text(&req["vpcPeeringInstanceNo"]);
    let peering = format!("vpcPeeringInstanceNo={no}");
    let got = made(&mut s, "getVpcPeeringInstanceDetail", &[&peering]);
    assert_eq!(got["vpcPeeringInstanceStatus"]["code"], json!("INIT"));
    assert_eq!(got["vpcPeeringInstanceOperation"]["code"], json!("NULL"));
    assert_eq!(got["isBetweenAccounts"], json!(true));
    // A route goes only through a peering that runs.
    let through = route("10.8.0.0/16", "VPCPEERING", &no);
    let add = ["vpcNo=1001", "routeTableNo=2602", &through];
    assert_eq!(refused(&mut s, "addRoute", &add), "25013");
    ask(&mut s, "acceptOrRejectVpcPeering", &[&peering, "isAccept=true"]).unwrap();
    let got = made(&mut s, "getVpcPeeringInstanceDetail", &[&peering]);
    assert_eq!(got["vpcPeeringInstanceStatus"]["code"], json!("RUN"));
    let again = refused(&mut s, "acceptOrRejectVpcPeering", &[&peering, "isAccept=true"]);
    assert_eq!(again, "25013", "a running peering is no request");
    ask(&mut s, "addRoute", &add).unwrap();
    assert_eq!(refused(&mut s, "deleteVpcPeeringInstance", &[&peering]), "25035");
    // The other way, between the account's own VPCs: made at once, each shows the other.
    let back = made(
        &mut s,
        "createVpcPeeringInstance",
        &[&format!("sourceVpcNo={v}"), "targetVpcNo=1001"],
    );
    assert_eq!(back["reverseVpcPeeringInstanceNo"], json!(no));
    let first_way = made(&mut s, "getVpcPeeringInstanceDetail", &[&peering]);
    assert_eq!(first_way["hasReverseVpcPeering"], json!(true));
    // A rejected request goes.
    let third = text(&made(&mut s, "createVpc", &["ipv4CidrBlock=172.16.0.0/16", "vpcName=third"])["vpcNo"]);
    let asked = ["targetVpcName=third", "targetVpcLoginId=x@example.com"];
    let req = made(
        &mut s,
        "createVpcPeeringInstance",
        &[source, &format!("targetVpcNo={third}"), asked[0], asked[1]],
    );
    let r = format!("vpcPeeringInstanceNo={}", text(&req["vpcPeeringInstanceNo"]));
    let rejected = made(&mut s, "acceptOrRejectVpcPeering", &[&r, "isAccept=false"]);
    assert_eq!(rejected["vpcPeeringInstanceStatus"]["code"], json!("TERMTING"));
    assert_eq!(refused(&mut s, "getVpcPeeringInstanceDetail", &[&r]), "10404");
}

#[test]
fn network_acl_rules_keep_priorities_apart_and_a_named_deny_allow_group_stays() {
    let mut s = instant();
    let acl = text(&made(&mut s, "createNetworkAcl", &["vpcNo=1001", "networkAclName=web"])["networkAclNo"]);
    let office = ["vpcNo=1001", "networkAclDenyAllowGroupName=office"];
    let g = text(&made(&mut s, "createNetworkAclDenyAllowGroup", &office)["networkAclDenyAllowGroupNo"]);
    let group = format!("networkAclDenyAllowGroupNo={g}");
    let ips = made(
        &mut s,
        "setNetworkAclDenyAllowGroupIpList",
        &[&group, "ipList.1=10.1.1.1", "ipList.2=10.1.2.0/24"],
    );
    assert_eq!(ips["ipList"], json!(["10.1.1.1", "10.1.2.0/24"]));
    let of_acl = format!("networkAclNo={acl}");
    let rule = |p: u32, source: &str| {
        let item = "networkAclRuleList.1.";
        let what = format!("{item}protocolTypeCode=TCP&{item}portRange=22&{item}ruleActionCode=ALLOW");
        format!("{of_acl}&{item}priority={p}&{what}&{item}{source}")
    };
    let (from_group, anywhere) = (
        rule(10, &format!("denyAllowGroupNo={g}")),
        rule(10, "ipBlock=0.0.0.0/0"),
    );
    let added = ask(&mut s, "addNetworkAclInboundRule", &[&from_group]).unwrap();
    assert_eq!(
        column(&added, "networkAclRuleList", "/networkAclRuleType/code"),
        ["INBND"]
    );
    let clash = refused(&mut s, "addNetworkAclInboundRule", &[&anywhere]);
    assert_eq!(clash, "25038", "one rule per priority and direction");
    ask(&mut s, "addNetworkAclOutboundRule", &[&anywhere]).unwrap();
    let rules = ask(&mut s, "getNetworkAclRuleList", &[&of_acl]).unwrap();
    assert_eq!(rules["totalRows"], json!(2));
    let inbound = ask(
        &mut s,
        "getNetworkAclRuleList",
        &[&of_acl, "networkAclRuleTypeCode=INBND"],
    )
    .unwrap();
    assert_eq!(inbound["totalRows"], json!(1));
    let applied = made(&mut s, "getNetworkAclDenyAllowGroupDetail", &[&group]);
    assert_eq!(applied["isApplied"], json!(true));
    assert_eq!(refused(&mut s, "deleteNetworkAclDenyAllowGroup", &[&group]), "25035");
    // A subnet takes the ACL; the ACL it uses is not deleted, nor the default one.
    ask(&mut s, "setSubnetNetworkAcl", &[&of_acl, "subnetNo=2002"]).unwrap();
    assert_eq!(refused(&mut s, "deleteNetworkAcl", &[&of_acl]), "25035");
    assert_eq!(refused(&mut s, "deleteNetworkAcl", &["networkAclNo=2501"]), "25035");
    ask(&mut s, "removeNetworkAclInboundRule", &[&from_group]).unwrap();
    ask(&mut s, "deleteNetworkAclDenyAllowGroup", &[&group]).unwrap();
    ask(&mut s, "setSubnetNetworkAcl", &["networkAclNo=2501", "subnetNo=2002"]).unwrap();
    ask(&mut s, "deleteNetworkAcl", &[&of_acl]).unwrap();
    assert_eq!(
        refused(&mut s, "getNetworkAclRuleList", &[&of_acl]),
        "10404",
        "its rules went with it"
    );
}

#[test]
fn the_new_kinds_lives_are_walked() {
    let walked: Vec<String> = world::WALKS.iter().map(|(k, _)| format!("{k:?}")).collect();
    let kinds = [
        "RouteTable",
        "NatGatewayInstance",
        "VpcPeeringInstance",
        "NetworkAcl",
        "NetworkAclDenyAllowGroup",
    ];
    for kind in kinds {
        assert!(walked.iter().any(|w| w == kind), "{kind} not walked: {walked:?}");
    }
}
