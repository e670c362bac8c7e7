//! Subnets. NCP's `createSubnet` reference: a block inside the VPC's, from /16 to /28, overlapping no
//! other subnet of the VPC, in a zone of the region, `PUBLIC` or `PRIVATE`, for general use (`GEN`),
//! load balancers (`LOADB`), bare metal (`BM`) or NAT gateways (`NATGW`), with a network ACL of the
//! VPC; a VPC holds at most 200 subnets. A new subnet is associated with its VPC's default route table
//! of its type. A subnet with network interfaces or NAT gateways in it is not deleted.

use super::net::Cidr;
use crate::emulator::handler::prelude::*;
use std::collections::HashSet;

/// Subnets per VPC (NCP's limit).
pub const MAX_SUBNETS: usize = 200;

/// `createSubnet`: `INIT`, then `RUN` after `createDelayMs`.
pub fn create_subnet(cx: &mut Cx<'_>) -> Answer {
    let (p, region, now) = cx.start();
    let limit = ("subnets per VPC", MAX_SUBNETS);
    let naming = ("subnetName", "subnet");
    let (vpc, name) = super::in_running_vpc(cx, &p, naming, |r: &Subnet| &r.vpc_no, limit)?;
    let vpc_no = s(&vpc.vpc_no).to_string();
    let state = &mut *cx.state;
    let zone = super::zone_of(state, &p, &region)?;
    let acl = p.str("networkAclNo").unwrap_or_default();
    let acl_vpc = &super::usable::<NetworkAcl>(state, acl, &region, cx.action.name)?
        .rec
        .vpc_no;
    super::same_vpc(acl_vpc, &vpc_no, &format!("network ACL {acl}"))?;
    let text = p.str("subnet").unwrap_or_default();
    let block = Cidr::parse(text)
        .filter(|c| (16..=28).contains(&c.prefix))
        .ok_or_else(|| {
            faults::invalid_param(&format!(
                "'subnet' must be a block with a netmask from /16 to /28 (got '{text}')"
            ))
        })?;
    let outer = vpc.ipv4_cidr_block.as_deref().and_then(Cidr::parse);
    if !outer.is_some_and(|o| o.contains(block)) {
        return Err(faults::address_conflict(format!(
            "The subnet {block} is not inside the VPC's block {}.",
            s(&vpc.ipv4_cidr_block)
        )));
    }
    let siblings = state.vpc.subnets.live_where(|r| is(&r.vpc_no, &vpc_no));
    if let Some(other) = siblings.iter().find(|o| {
        o.subnet
            .as_deref()
            .and_then(Cidr::parse)
            .is_some_and(|c| c.overlaps(block))
    }) {
        return Err(faults::address_conflict(format!(
            "The subnet {block} overlaps subnet {} ({}).",
            s(&other.subnet_no),
            s(&other.subnet)
        )));
    }
    let public = p.str("subnetTypeCode") == Some("PUBLIC");
    let subnet = Subnet {
        route_table_no: match public {
            true => vpc.default_public_route_table_no.clone(),
            false => vpc.default_private_route_table_no.clone(),
        },
        subnet_no: Some(state.next_id()),
        vpc_no: Some(vpc_no),
        zone_code: Some(zone),
        subnet_name: Some(name),
        subnet: Some(block.to_string()),
        create_date: Some(state.create_date()),
        subnet_type: p.str("subnetTypeCode").map(|c| Code::of(names::SUBNET_TYPE, c)),
        usage_type: Some(Code::of(
            names::SUBNET_USAGE_TYPE,
            p.str("usageTypeCode").unwrap_or("GEN"),
        )),
        network_acl_no: Some(acl.to_string()),
        ..Subnet::default()
    };
    let entry = state.create(subnet, now, cx.action.name);
    entry.region = Some(region.clone());
    one(cx.action, entry.wire())
}

/// `deleteSubnet`: refused while network interfaces or NAT gateways are in it; `TERMTING`, then gone.
pub fn delete_subnet(cx: &mut Cx<'_>) -> Answer {
    let (p, region, _) = cx.start();
    let no = p.text("subnetNo");
    let state = &mut *cx.state;
    state.vpc.subnets.ready(&no, Some(&region), cx.action.name)?;
    let held = super::holds(state, |n: &NetworkInterface| is(&n.subnet_no, &no))
        .or_else(|| super::holds(state, |n: &NatGatewayInstance| is(&n.subnet_no, &no)));
    if let Some(by) = held {
        return Err(faults::in_use(Kind::Subnet, &no, &by));
    }
    one(
        cx.action,
        state
            .vpc
            .subnets
            .found_mut(&no, None)?
            .begin(cx.now, cx.action.name)
            .wire(),
    )
}

/// The addresses of a subnet already given out: to network interfaces (primary and secondary) and
/// NAT gateways.
pub fn taken_in(state: &State, subnet_no: &str) -> HashSet<u32> {
    let nics = state
        .vpc
        .network_interfaces
        .iter()
        .filter(|e| is(&e.rec.subnet_no, subnet_no));
    let nats = state
        .vpc
        .nat_gateways
        .iter()
        .filter(|e| is(&e.rec.subnet_no, subnet_no));
    nics.flat_map(|e| e.rec.ip.iter().chain(e.rec.secondary_ip_list.iter().flatten()))
        .chain(nats.flat_map(|e| e.rec.private_ip.iter()))
        .filter_map(|ip| super::net::parse_ip(ip))
        .collect()
}
