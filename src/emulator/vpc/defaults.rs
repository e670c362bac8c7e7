//! What NCP makes with a VPC: its default network ACL (named after it, what `createSubnet` names in
//! `networkAclNo`) and its default access control group with its default rules (SSH and RDP in from
//! anywhere, everything out). The VPC server API's access control groups use its rule making.

use crate::emulator::handler::prelude::*;
use std::time::Instant;

pub const INBOUND: &str = "INBND";
pub const OUTBOUND: &str = "OTBND";

/// `{ code, codeName, number }` of a protocol code; `None` for one NCP does not take.
pub fn protocol(code: &str) -> Option<ProtocolType> {
    let (name, number) = match code.to_ascii_uppercase().as_str() {
        "TCP" => ("tcp".to_string(), 6),
        "UDP" => ("udp".to_string(), 17),
        "ICMP" => ("icmp".to_string(), 1),
        other => {
            let n: i64 = other.parse().ok().filter(|n| (1..=254).contains(n))?;
            (other.to_string(), n)
        }
    };
    Some(ProtocolType {
        code: Some(code.to_ascii_uppercase()),
        code_name: Some(name),
        number: Some(number),
    })
}

pub fn rule(
    group: &str,
    kind: &str,
    proto: &str,
    block: Option<&str>,
    port: Option<&str>,
    description: &str,
) -> AccessControlGroupRule {
    AccessControlGroupRule {
        protocol_type: protocol(proto),
        ip_block: block.map(str::to_string),
        access_control_group_sequence: None,
        port_range: port.map(str::to_string),
        access_control_group_no: Some(group.to_string()),
        access_control_group_rule_type: Some(Code::of(names::ACCESS_CONTROL_GROUP_RULE_TYPE, kind)),
        access_control_group_rule_description: Some(description.to_string()),
    }
}

/// The default group NCP makes with a VPC (`<vpc name>-default-acg`), with its default rules: SSH
/// (22) and RDP (3389) in from anywhere, everything out.
pub fn default_group(state: &mut State, vpc_no: &str, vpc_name: &str, region: &str, now: Instant) -> String {
    let no = state.next_id();
    let group = AccessControlGroup {
        access_control_group_no: Some(no.clone()),
        access_control_group_name: Some(format!("{vpc_name}-default-acg")),
        is_default: Some(true),
        vpc_no: Some(vpc_no.to_string()),
        access_control_group_description: Some("Default AccessControlGroup".into()),
        region_code: Some(region.to_string()),
        ..AccessControlGroup::default()
    };
    let e = state.create(group, now, "createVpc");
    e.region = Some(region.to_string());
    let any = Some("0.0.0.0/0");
    let rules = [
        rule(&no, INBOUND, "TCP", any, Some("22"), "ssh"),
        rule(&no, INBOUND, "TCP", any, Some("3389"), "rdp"),
        rule(&no, OUTBOUND, "ICMP", any, None, ""),
        rule(&no, OUTBOUND, "TCP", any, Some("1-65535"), ""),
        rule(&no, OUTBOUND, "UDP", any, Some("1-65535"), ""),
    ];
    state.vpc.access_control_group_rules.extend(rules);
    no
}

/// The default network ACL of a VPC, numbered `no` (`<vpc name>-default-network-acl`), in the VPC's
/// life (`INIT`, then `RUN`).
pub fn default_network_acl(state: &mut State, no: &str, vpc: &Vpc, now: Instant) {
    let acl = NetworkAcl {
        network_acl_no: Some(no.to_string()),
        network_acl_name: vpc.vpc_name.as_ref().map(|n| format!("{n}-default-network-acl")),
        vpc_no: vpc.vpc_no.clone(),
        create_date: vpc.create_date.clone(),
        is_default: Some(true),
        ..NetworkAcl::default()
    };
    let e = state.create(acl, now, "createVpc");
    e.region = vpc.region_code.clone();
}
