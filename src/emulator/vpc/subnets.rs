//! Subnets. NCP's `createSubnet` reference: a block inside the VPC's, from /16 to /28, overlapping no
//! other subnet of the VPC, in a zone of the region, `PUBLIC` or `PRIVATE`, for general use (`GEN`),
//! load balancers (`LOADB`), bare metal (`BM`) or NAT gateways (`NATGW`), with the VPC's network ACL;
//! a VPC holds at most 200 subnets. A subnet with network interfaces in it is not deleted.

use super::net::Cidr;
use crate::emulator::handler::prelude::*;

/// Subnets per VPC (NCP's limit).
pub const MAX_SUBNETS: usize = 200;

/// `createSubnet`: `INIT`, then `RUN` after `createDelayMs`.
pub fn create_subnet(cx: &mut Cx<'_>) -> Answer {
    let (p, region, now) = cx.start();
    let state = &mut *cx.state;
    let vpc_no = p.text("vpcNo");
    let vpc = super::vpcs::running(state, &vpc_no, &region, cx.action.name)?
        .rec
        .clone();
    let zone = p.str("zoneCode").unwrap_or_default();
    if !state
        .vpc
        .zones
        .iter()
        .any(|z| is(&z.zone_code, zone) && in_region(&z.region_code, &region))
    {
        return Err(faults::invalid_param(&format!(
            "'zoneCode' {zone} is not a zone of region {region}"
        )));
    }
    let acl = p.str("networkAclNo").unwrap_or_default();
    if !is(&vpc.default_network_acl_no, acl) {
        return Err(faults::mismatch(format!(
            "The network ACL {acl} is not a network ACL of VPC {vpc_no}."
        )));
    }
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
    let limit = ("subnets per VPC", MAX_SUBNETS);
    let given = p.str("subnetName");
    let sibling = |r: &Subnet| is(&r.vpc_no, &vpc_no);
    let name = super::sibling_name(state, |s| &s.vpc.subnets, sibling, limit, given, "subnet")?;
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
    let subnet = Subnet {
        subnet_no: Some(state.next_id()),
        vpc_no: Some(vpc_no),
        zone_code: Some(zone.to_string()),
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

/// `deleteSubnet`: refused while network interfaces are in it; `TERMTING`, then gone.
pub fn delete_subnet(cx: &mut Cx<'_>) -> Answer {
    let (p, region, _) = cx.start();
    let no = p.text("subnetNo");
    let state = &mut *cx.state;
    state.vpc.subnets.ready(&no, Some(&region), cx.action.name)?;
    let nic = state
        .vpc
        .network_interfaces
        .items
        .iter()
        .find(|n| !n.terminating() && is(&n.rec.subnet_no, &no));
    if let Some(nic) = nic {
        return Err(faults::in_use(
            Kind::Subnet,
            &no,
            &format!("network interface {}", nic.rec.no()),
        ));
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
