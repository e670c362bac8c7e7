//! What NCP makes with a VPC, and what the rules of its access control groups and network ACLs take
//! alike (a source, a port range). What NCP makes with a VPC: its default network ACL (named after it, what `createSubnet` names in
//! `networkAclNo`), its default route tables (one for public subnets, one for private ones, each with
//! its default routes) and its default access control group with its default rules (SSH and RDP in from
//! anywhere, everything out). The VPC server API's access control groups use its rule making.

use super::net::Cidr;
use crate::emulator::handler::prelude::*;
use crate::emulator::state::world;
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

/// A rule's source or destination: an IP block (`901` when it is not one), or another record the
/// parameter `other` names (an access control group, a deny-allow group); one of them at least
/// (`900` for neither).
pub fn source<'a>(item: &'a Params, other: &str) -> Result<(Option<&'a str>, Option<&'a str>), ApiFault> {
    match (item.str("ipBlock"), item.str(other)) {
        (None, None) => Err(faults::missing_param(&[format!("ipBlock or {other}")])),
        (Some(b), _) if Cidr::parse(b).is_none() => Err(faults::invalid_param(&format!(
            "'ipBlock' must be an IPv4 block such as 0.0.0.0/0 (got '{b}')"
        ))),
        given => Ok(given),
    }
}

/// The port range of a rule: for a protocol with ports (TCP, UDP), a port or a range within 1-65535
/// (`901` otherwise); none for the others (ICMP ...).
pub fn port_range<'a>(item: &'a Params, ports: bool, code: &str) -> Result<Option<&'a str>, ApiFault> {
    let port = item.str("portRange");
    if !ports {
        return Ok(None);
    }
    let ok = port.is_some_and(|p| {
        let (a, b) = p.split_once('-').unwrap_or((p, p));
        matches!((a.trim().parse::<u32>(), b.trim().parse::<u32>()), (Ok(a), Ok(b)) if (1..=65535).contains(&a) && (a..=65535).contains(&b))
    });
    match ok {
        true => Ok(port),
        false => Err(faults::invalid_param(&format!(
            "'portRange' must be a port or a range such as 1-65535 for {code} (got '{}')",
            port.unwrap_or("")
        ))),
    }
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

/// The default network ACL of a VPC, numbered `no` (`<vpc name>-default-network-acl`), and its two
/// default route tables (public and private, as its fields number them) with their default routes,
/// in the VPC's life (`INIT`, then `RUN`).
pub fn network_defaults(state: &mut State, acl: &str, vpc: &Vpc, now: Instant) {
    let e = state.create(world::default_network_acl(vpc, acl), now, "createVpc");
    e.region = vpc.region_code.clone();
    for table in world::default_route_tables(vpc) {
        state.vpc.routes.extend(world::default_routes(&table, vpc));
        state.create(table, now, "createVpc");
    }
}
