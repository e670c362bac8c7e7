//! The VPC network API beyond VPCs and subnets, driven without HTTP: route tables and routes, NAT
//! gateways, VPC peerings, network ACLs with their rules and deny-allow groups.

use super::tests::{code, instant, text, vpc};
use crate::emulator::handler::Fields;
use crate::emulator::state::{world, State};
use serde_json::{json, Value};

/// The first record of a `vpc/v2` answer (panics on a refusal).
fn made(s: &mut State, name: &str, query: &str) -> Value {
    let f = vpc(s, name, query).unwrap_or_else(|e| panic!("{name}: {} {}", e.return_code, e.return_message));
    let list = f.keys().find(|k| k.ends_with("List")).expect("a list");
    f[list][0].clone()
}

/// One field of every record of an answer's list.
fn column(f: &Fields, list: &str, field: &str) -> Vec<String> {
    f[list]
        .as_array()
        .map(|a| a.iter().map(|r| text(&r[field])).collect())
        .unwrap_or_default()
}

/// A second VPC (`10.8.0.0/16`, named `other`) and its NAT gateway subnet in KR-1: `(vpc, subnet)`.
fn other_vpc(s: &mut State) -> (String, String) {
    let v = text(&made(s, "createVpc", "ipv4CidrBlock=10.8.0.0/16&vpcName=other")["vpcNo"]);
    let acl = s
        .vpc
        .vpcs
        .find(&v, None)
        .and_then(|e| e.rec.default_network_acl_no.clone())
        .unwrap_or_default();
    let q = format!(
        "vpcNo={v}&subnet=10.8.9.0/24&zoneCode=KR-1&subnetTypeCode=PUBLIC&usageTypeCode=NATGW&networkAclNo={acl}&subnetName=nat-sub"
    );
    let sub = text(&made(s, "createSubnet", &q)["subnetNo"]);
    (v, sub)
}

#[test]
fn a_vpc_has_default_route_tables_and_a_subnet_is_in_exactly_one_table_of_its_type() {
    let mut s = instant();
    // The default scenario's VPC: a public and a private default table, with their default routes.
    let tables = vpc(&mut s, "getRouteTableList", "vpcNo=1001").unwrap();
    assert_eq!(column(&tables, "routeTableList", "routeTableNo"), ["2601", "2602"]);
    assert_eq!(
        tables["routeTableList"][0]["supportedSubnetType"]["code"],
        json!("PUBLIC")
    );
    assert_eq!(tables["routeTableList"][0]["isDefault"], json!(true));
    let routes = vpc(&mut s, "getRouteList", "routeTableNo=2601&vpcNo=1001").unwrap();
    let targets: Vec<&Value> = routes["routeList"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &r["targetType"]["code"])
        .collect();
    assert_eq!(targets, [&json!("LOCAL"), &json!("IGW")]);
    let private = vpc(&mut s, "getRouteList", "routeTableNo=2602&vpcNo=1001").unwrap();
    assert_eq!(private["totalRows"], json!(1), "a private table has no way out");
    let of = |s: &mut State, t: &str| {
        let f = vpc(s, "getRouteTableSubnetList", &format!("routeTableNo={t}")).unwrap();
        column(&f, "subnetList", "subnetNo")
    };
    assert_eq!(of(&mut s, "2601"), ["2001"]);
    assert_eq!(of(&mut s, "2602"), ["2002"]);
    // A table of our own takes a subnet of its type only; the subnet leaves its default table.
    let t = text(
        &made(
            &mut s,
            "createRouteTable",
            "vpcNo=1001&supportedSubnetTypeCode=PRIVATE&routeTableName=app",
        )["routeTableNo"],
    );
    let wrong = vpc(
        &mut s,
        "addRouteTableSubnet",
        &format!("vpcNo=1001&routeTableNo={t}&subnetNoList.1=2001"),
    );
    assert_eq!(code(wrong), "25042");
    let moved = vpc(
        &mut s,
        "addRouteTableSubnet",
        &format!("vpcNo=1001&routeTableNo={t}&subnetNoList.1=2002"),
    )
    .unwrap();
    assert_eq!(column(&moved, "subnetList", "subnetNo"), ["2002"]);
    assert_eq!(
        made(&mut s, "getRouteTableDetail", &format!("routeTableNo={t}"))["routeTableStatus"]["code"],
        json!("RUN")
    );
    assert!(of(&mut s, "2602").is_empty(), "one table per subnet");
    assert_eq!(of(&mut s, &t), ["2002"]);
    // A table with subnets, or a default one, is not deleted; removed, the subnet goes home.
    assert_eq!(
        code(vpc(&mut s, "deleteRouteTable", &format!("routeTableNo={t}"))),
        "25035"
    );
    assert_eq!(code(vpc(&mut s, "deleteRouteTable", "routeTableNo=2602")), "25035");
    let home = vpc(
        &mut s,
        "removeRouteTableSubnet",
        "vpcNo=1001&routeTableNo=2602&subnetNoList.1=2002",
    );
    assert_eq!(
        code(home),
        "25040",
        "a default table gives a subnet up only to another table"
    );
    vpc(
        &mut s,
        "removeRouteTableSubnet",
        &format!("vpcNo=1001&routeTableNo={t}&subnetNoList.1=2002"),
    )
    .unwrap();
    assert_eq!(of(&mut s, "2602"), ["2002"]);
    vpc(&mut s, "deleteRouteTable", &format!("routeTableNo={t}")).unwrap();
    // Default routes stay.
    let q = "vpcNo=1001&routeTableNo=2601&routeList.1.destinationCidrBlock=0.0.0.0/0&routeList.1.targetTypeCode=NATGW&routeList.1.targetNo=x&routeList.1.targetName=x";
    assert_eq!(
        code(vpc(&mut s, "removeRoute", q)),
        "10404",
        "no such route: the default one leads to IGW"
    );
    // A VPC's defaults are where its fields say, for a new VPC too.
    let (v, _) = other_vpc(&mut s);
    let rec = s.vpc.vpcs.find(&v, None).unwrap().rec.clone();
    let tables = vpc(&mut s, "getRouteTableList", &format!("vpcNo={v}")).unwrap();
    let want = [
        rec.default_public_route_table_no.unwrap(),
        rec.default_private_route_table_no.unwrap(),
    ];
    assert_eq!(column(&tables, "routeTableList", "routeTableNo"), want);
    assert_eq!(
        tables["routeTableList"][1]["routeTableName"],
        json!("other-default-private-table")
    );
}

#[test]
fn a_route_leads_to_a_nat_gateway_of_its_own_vpc_only_and_keeps_it_from_being_deleted() {
    let mut s = instant();
    let (v, sub) = other_vpc(&mut s);
    // No NAT gateway outside a NAT gateway subnet.
    let general = vpc(
        &mut s,
        "createNatGatewayInstance",
        &format!("vpcNo={v}&zoneCode=KR-1&subnetNo=2001"),
    );
    assert_eq!(code(general), "25042");
    let nat = made(
        &mut s,
        "createNatGatewayInstance",
        &format!("vpcNo={v}&zoneCode=KR-1&subnetNo={sub}&natGatewayName=out"),
    );
    assert_eq!(nat["natGatewayType"]["code"], json!("PBLIP"));
    assert!(
        nat["publicIp"].as_str().is_some_and(|ip| ip.starts_with("198.1")),
        "{nat}"
    );
    assert_eq!(nat["privateIp"], json!("10.8.9.6"), "the first host NCP hands out");
    let no = text(&nat["natGatewayInstanceNo"]);
    let got = made(
        &mut s,
        "getNatGatewayInstanceDetail",
        &format!("natGatewayInstanceNo={no}"),
    );
    assert_eq!(got["natGatewayInstanceStatus"]["code"], json!("RUN"));
    // The default VPC's private table may not route to the other VPC's gateway.
    let route = |t: &str, vpc_no: &str| {
        format!("vpcNo={vpc_no}&routeTableNo={t}&routeList.1.destinationCidrBlock=0.0.0.0/0&routeList.1.targetTypeCode=NATGW&routeList.1.targetNo={no}&routeList.1.targetName=n")
    };
    assert_eq!(code(vpc(&mut s, "addRoute", &route("2602", "1001"))), "25042");
    let private = s
        .vpc
        .vpcs
        .find(&v, None)
        .unwrap()
        .rec
        .default_private_route_table_no
        .clone()
        .unwrap();
    let routes = vpc(&mut s, "addRoute", &route(&private, &v)).unwrap();
    let added = &routes["routeList"][1];
    assert_eq!((&added["targetNo"], &added["targetName"]), (&json!(no), &json!("out")));
    assert_eq!(
        code(vpc(&mut s, "addRoute", &route(&private, &v))),
        "25038",
        "one route per destination"
    );
    // Neither the gateway, its subnet nor its VPC goes while in use.
    assert_eq!(
        code(vpc(
            &mut s,
            "deleteNatGatewayInstance",
            &format!("natGatewayInstanceNo={no}")
        )),
        "25035"
    );
    assert_eq!(code(vpc(&mut s, "deleteSubnet", &format!("subnetNo={sub}"))), "25035");
    assert_eq!(code(vpc(&mut s, "deleteVpc", &format!("vpcNo={v}"))), "25035");
    vpc(&mut s, "removeRoute", &route(&private, &v)).unwrap();
    let gone = made(
        &mut s,
        "deleteNatGatewayInstance",
        &format!("natGatewayInstanceNo={no}"),
    );
    assert_eq!(
        gone["natGatewayInstanceOperation"]["code"],
        json!("TERMT"),
        "busy while it goes"
    );
    vpc(&mut s, "deleteSubnet", &format!("subnetNo={sub}")).unwrap();
    vpc(&mut s, "deleteVpc", &format!("vpcNo={v}")).unwrap();
    let left = vpc(&mut s, "getRouteTableList", &format!("vpcNo={v}")).unwrap();
    assert_eq!(left["totalRows"], json!(0), "its default tables went with it");
}

#[test]
fn a_peering_to_another_account_waits_for_acceptance_and_one_between_own_vpcs_runs() {
    let mut s = instant();
    let (v, _) = other_vpc(&mut s);
    let overlap = made(&mut s, "createVpc", "ipv4CidrBlock=10.0.128.0/17&vpcName=close");
    let q = |target: &str, extra: &str| format!("sourceVpcNo=1001&targetVpcNo={target}{extra}");
    let close = vpc(&mut s, "createVpcPeeringInstance", &q(&text(&overlap["vpcNo"]), ""));
    assert_eq!(code(close), "25038", "overlapping blocks");
    vpc(&mut s, "deleteVpc", &format!("vpcNo={}", text(&overlap["vpcNo"]))).unwrap();
    // To another account: a request, INIT at rest until answered.
    let asked = "&targetVpcName=other&targetVpcLoginId=partner@example.com&vpcPeeringName=ask";
    let req = made(&mut s, "createVpcPeeringInstance", &q(&v, asked));
    let no = text(&req["vpcPeeringInstanceNo"]);
    let got = made(
        &mut s,
        "getVpcPeeringInstanceDetail",
        &format!("vpcPeeringInstanceNo={no}"),
    );
    assert_eq!(got["vpcPeeringInstanceStatus"]["code"], json!("INIT"));
    assert_eq!(got["vpcPeeringInstanceOperation"]["code"], json!("NULL"));
    assert_eq!(got["isBetweenAccounts"], json!(true));
    // A route goes only through a peering that runs.
    let route = format!("vpcNo=1001&routeTableNo=2602&routeList.1.destinationCidrBlock=10.8.0.0/16&routeList.1.targetTypeCode=VPCPEERING&routeList.1.targetNo={no}&routeList.1.targetName=n");
    assert_eq!(code(vpc(&mut s, "addRoute", &route)), "25013");
    vpc(
        &mut s,
        "acceptOrRejectVpcPeering",
        &format!("vpcPeeringInstanceNo={no}&isAccept=true"),
    )
    .unwrap();
    let got = made(
        &mut s,
        "getVpcPeeringInstanceDetail",
        &format!("vpcPeeringInstanceNo={no}"),
    );
    assert_eq!(got["vpcPeeringInstanceStatus"]["code"], json!("RUN"));
    let again = vpc(
        &mut s,
        "acceptOrRejectVpcPeering",
        &format!("vpcPeeringInstanceNo={no}&isAccept=true"),
    );
    assert_eq!(code(again), "25013", "a running peering is no request");
    vpc(&mut s, "addRoute", &route).unwrap();
    assert_eq!(
        code(vpc(
            &mut s,
            "deleteVpcPeeringInstance",
            &format!("vpcPeeringInstanceNo={no}")
        )),
        "25035"
    );
    // The other way, between the account's own VPCs: made at once, each shows the other.
    let back = made(
        &mut s,
        "createVpcPeeringInstance",
        &format!("sourceVpcNo={v}&targetVpcNo=1001"),
    );
    assert_eq!(back["reverseVpcPeeringInstanceNo"], json!(no));
    let first_way = made(
        &mut s,
        "getVpcPeeringInstanceDetail",
        &format!("vpcPeeringInstanceNo={no}"),
    );
    assert_eq!(first_way["hasReverseVpcPeering"], json!(true));
    // A rejected request goes.
    let third = made(&mut s, "createVpc", "ipv4CidrBlock=172.16.0.0/16&vpcName=third");
    let t = text(&third["vpcNo"]);
    let req = made(
        &mut s,
        "createVpcPeeringInstance",
        &q(&t, "&targetVpcName=third&targetVpcLoginId=x@example.com"),
    );
    let r = text(&req["vpcPeeringInstanceNo"]);
    let rejected = made(
        &mut s,
        "acceptOrRejectVpcPeering",
        &format!("vpcPeeringInstanceNo={r}&isAccept=false"),
    );
    assert_eq!(rejected["vpcPeeringInstanceStatus"]["code"], json!("TERMTING"));
    assert_eq!(
        code(vpc(
            &mut s,
            "getVpcPeeringInstanceDetail",
            &format!("vpcPeeringInstanceNo={r}")
        )),
        "10404"
    );
}

#[test]
fn network_acl_rules_keep_priorities_apart_and_a_named_deny_allow_group_stays() {
    let mut s = instant();
    let acl = text(&made(&mut s, "createNetworkAcl", "vpcNo=1001&networkAclName=web")["networkAclNo"]);
    let g = made(
        &mut s,
        "createNetworkAclDenyAllowGroup",
        "vpcNo=1001&networkAclDenyAllowGroupName=office",
    );
    let g = text(&g["networkAclDenyAllowGroupNo"]);
    let ips = made(
        &mut s,
        "setNetworkAclDenyAllowGroupIpList",
        &format!("networkAclDenyAllowGroupNo={g}&ipList.1=10.1.1.1&ipList.2=10.1.2.0/24"),
    );
    assert_eq!(ips["ipList"], json!(["10.1.1.1", "10.1.2.0/24"]));
    let rule = |p: u32, source: &str| {
        format!("networkAclNo={acl}&networkAclRuleList.1.priority={p}&networkAclRuleList.1.protocolTypeCode=TCP&networkAclRuleList.1.portRange=22&networkAclRuleList.1.ruleActionCode=ALLOW&networkAclRuleList.1.{source}")
    };
    let added = vpc(
        &mut s,
        "addNetworkAclInboundRule",
        &rule(10, &format!("denyAllowGroupNo={g}")),
    )
    .unwrap();
    assert_eq!(
        added["networkAclRuleList"][0]["networkAclRuleType"]["code"],
        json!("INBND")
    );
    let clash = vpc(&mut s, "addNetworkAclInboundRule", &rule(10, "ipBlock=0.0.0.0/0"));
    assert_eq!(code(clash), "25038", "one rule per priority and direction");
    vpc(&mut s, "addNetworkAclOutboundRule", &rule(10, "ipBlock=0.0.0.0/0")).unwrap();
    let rules = vpc(&mut s, "getNetworkAclRuleList", &format!("networkAclNo={acl}")).unwrap();
    assert_eq!(rules["totalRows"], json!(2));
    let inbound = vpc(
        &mut s,
        "getNetworkAclRuleList",
        &format!("networkAclNo={acl}&networkAclRuleTypeCode=INBND"),
    )
    .unwrap();
    assert_eq!(inbound["totalRows"], json!(1));
    let applied = made(
        &mut s,
        "getNetworkAclDenyAllowGroupDetail",
        &format!("networkAclDenyAllowGroupNo={g}"),
    );
    assert_eq!(applied["isApplied"], json!(true));
    let del = format!("networkAclDenyAllowGroupNo={g}");
    assert_eq!(code(vpc(&mut s, "deleteNetworkAclDenyAllowGroup", &del)), "25035");
    // A subnet takes the ACL; the ACL it uses is not deleted, nor the default one.
    vpc(
        &mut s,
        "setSubnetNetworkAcl",
        &format!("networkAclNo={acl}&subnetNo=2002"),
    )
    .unwrap();
    assert_eq!(
        code(vpc(&mut s, "deleteNetworkAcl", &format!("networkAclNo={acl}"))),
        "25035"
    );
    assert_eq!(code(vpc(&mut s, "deleteNetworkAcl", "networkAclNo=2501")), "25035");
    vpc(
        &mut s,
        "removeNetworkAclInboundRule",
        &rule(10, &format!("denyAllowGroupNo={g}")),
    )
    .unwrap();
    vpc(&mut s, "deleteNetworkAclDenyAllowGroup", &del).unwrap();
    vpc(&mut s, "setSubnetNetworkAcl", "networkAclNo=2501&subnetNo=2002").unwrap();
    vpc(&mut s, "deleteNetworkAcl", &format!("networkAclNo={acl}")).unwrap();
    let left = vpc(&mut s, "getNetworkAclRuleList", &format!("networkAclNo={acl}"));
    assert_eq!(code(left), "10404", "its rules went with it");
}

#[test]
fn the_new_kinds_lives_are_walked() {
    let walked: Vec<String> = world::WALKS.iter().map(|(k, _)| format!("{k:?}")).collect();
    for kind in [
        "RouteTable",
        "NatGatewayInstance",
        "VpcPeeringInstance",
        "NetworkAcl",
        "NetworkAclDenyAllowGroup",
    ] {
        assert!(walked.iter().any(|w| w == kind), "{kind} not walked: {walked:?}");
    }
}
