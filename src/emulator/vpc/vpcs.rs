//! VPCs. What NCP does around one (its reference and user guide): `createVpc` takes a private block
//! from /16 to /28 and makes the VPC's default network ACL and default access control group with it;
//! a region holds at most 3 VPCs; a VPC is deleted only once nothing is left in it but its defaults.

use super::defaults;
use super::net::{private_block, Cidr};
use crate::emulator::handler::prelude::*;

/// VPCs per region (NCP's default limit).
pub const MAX_VPCS: usize = 3;

/// A VPC that is running (new subnets, groups and servers go only into those): `action` needs it so.
pub fn running<'a>(state: &'a State, no: &str, region: &str, action: &str) -> Result<&'a Entry<Vpc>, ApiFault> {
    state.vpc.vpcs.ready(no, Some(region), action)
}

/// `createVpc`: `INIT` at once (the reference's example answer), `RUN` after `createDelayMs`; its
/// default network ACL, default route tables and default access control group come with it.
pub fn create_vpc(cx: &mut Cx<'_>) -> Answer {
    let (p, region, now) = cx.start();
    let text = p.str("ipv4CidrBlock").unwrap_or_default();
    let block = Cidr::parse(text)
        .filter(|c| private_block(*c))
        .ok_or_else(|| faults::invalid_param(&format!("'ipv4CidrBlock' must be a block of 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16 with a netmask from /16 to /28 (got '{text}')")))?;
    let state = &mut *cx.state;
    let limit = ("VPCs per region", MAX_VPCS);
    let (sibling, given) = (|r: &Vpc| is(&r.region_code, &region), p.str("vpcName"));
    let name = super::sibling_name(state, |s| &s.vpc.vpcs, sibling, limit, given, "vpc")?;
    let no = state.next_id();
    let acl = state.next_id();
    let vpc = Vpc {
        vpc_no: Some(no.clone()),
        vpc_name: Some(name.clone()),
        ipv4_cidr_block: Some(block.to_string()),
        region_code: Some(region.clone()),
        create_date: Some(state.create_date()),
        default_network_acl_no: Some(acl.clone()),
        ..Vpc::default()
    };
    let answer = state.create(vpc, now, cx.action.name).wire();
    defaults::default_group(state, &no, &name, &region, now);
    let tables = (state.next_id(), state.next_id());
    let e = state.vpc.vpcs.found_mut(&no, None)?;
    e.rec.default_public_route_table_no = Some(tables.0);
    e.rec.default_private_route_table_no = Some(tables.1);
    let vpc = e.rec.clone();
    defaults::network_defaults(state, &acl, &vpc, now);
    one(cx.action, answer)
}

/// `deleteVpc`: refused while it holds anything of its own (subnets, access control groups, route
/// tables, network ACLs and deny-allow groups, NAT gateways, peerings from or to it; NCP deletes its
/// defaults with it); `TERMTING`, then gone.
pub fn delete_vpc(cx: &mut Cx<'_>) -> Answer {
    let (p, region, _) = cx.start();
    let no = p.text("vpcNo");
    let state = &mut *cx.state;
    state.vpc.vpcs.ready(&no, Some(&region), cx.action.name)?;
    let in_vpc = |v: &Option<String>| is(v, &no);
    let own = |v: &Option<String>, default: Option<bool>| in_vpc(v) && default != Some(true);
    let held = super::holds(state, |r: &Subnet| in_vpc(&r.vpc_no))
        .or_else(|| super::holds(state, |g: &AccessControlGroup| own(&g.vpc_no, g.is_default)))
        .or_else(|| super::holds(state, |t: &RouteTable| own(&t.vpc_no, t.is_default)))
        .or_else(|| super::holds(state, |a: &NetworkAcl| own(&a.vpc_no, a.is_default)))
        .or_else(|| super::holds(state, |g: &NetworkAclDenyAllowGroup| in_vpc(&g.vpc_no)))
        .or_else(|| super::holds(state, |n: &NatGatewayInstance| in_vpc(&n.vpc_no)))
        .or_else(|| {
            super::holds(state, |v: &VpcPeeringInstance| {
                in_vpc(&v.source_vpc_no) || in_vpc(&v.target_vpc_no)
            })
        });
    if let Some(by) = held {
        return Err(faults::in_use(Kind::Vpc, &no, &by));
    }
    let (now, action) = (cx.now, cx.action.name);
    // Its defaults go with it, and their routes and rules.
    let acls = state.vpc.network_acls.live_where(|a| in_vpc(&a.vpc_no));
    let acls: Vec<String> = acls.iter().map(|a| a.no().to_string()).collect();
    state
        .vpc
        .network_acl_rules
        .retain(|r| !acls.iter().any(|a| is(&r.network_acl_no, a)));
    state.vpc.routes.retain(|r| !in_vpc(&r.vpc_no));
    end(state, now, action, |g: &AccessControlGroup| in_vpc(&g.vpc_no));
    end(state, now, action, |a: &NetworkAcl| in_vpc(&a.vpc_no));
    end(state, now, action, |t: &RouteTable| in_vpc(&t.vpc_no));
    one(
        cx.action,
        state.vpc.vpcs.found_mut(&no, Some(&region))?.begin(now, action).wire(),
    )
}

/// Every record of `T` that `keep` keeps begins `action` (the defaults a VPC takes with it).
fn end<T: Stored + 'static>(state: &mut State, now: std::time::Instant, action: &str, keep: impl Fn(&T) -> bool) {
    for e in T::store_mut(state).items.iter_mut().filter(|e| keep(&e.rec)) {
        e.begin(now, action);
    }
}
