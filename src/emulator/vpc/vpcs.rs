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
/// default network ACL and default access control group come with it.
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
    let entry = state.create(vpc, now, cx.action.name);
    let (answer, vpc) = (entry.wire(), entry.rec.clone());
    defaults::default_network_acl(state, &acl, &vpc, now);
    defaults::default_group(state, &no, &name, &region, now);
    one(cx.action, answer)
}

/// `deleteVpc`: refused while it holds subnets or access control groups of its own (NCP deletes the
/// defaults with it); `TERMTING`, then gone.
pub fn delete_vpc(cx: &mut Cx<'_>) -> Answer {
    let (p, region, _) = cx.start();
    let no = p.text("vpcNo");
    let state = &mut *cx.state;
    state.vpc.vpcs.ready(&no, Some(&region), cx.action.name)?;
    let in_vpc = |v: &Option<String>| is(v, &no);
    let subnet = state
        .vpc
        .subnets
        .items
        .iter()
        .find(|s| !s.terminating() && in_vpc(&s.rec.vpc_no));
    if let Some(s) = subnet {
        return Err(faults::in_use(Kind::Vpc, &no, &format!("subnet {}", s.rec.no())));
    }
    let own_group = state
        .vpc
        .access_control_groups
        .iter()
        .filter(|g| !g.terminating())
        .find(|g| in_vpc(&g.rec.vpc_no) && g.rec.is_default != Some(true));
    if let Some(g) = own_group {
        return Err(faults::in_use(
            Kind::Vpc,
            &no,
            &format!("access control group {}", g.rec.no()),
        ));
    }
    let (now, action) = (cx.now, cx.action.name);
    // Its defaults go with it.
    for g in state.vpc.access_control_groups.items.iter_mut() {
        if in_vpc(&g.rec.vpc_no) {
            g.begin(now, action);
        }
    }
    for a in state.vpc.network_acls.items.iter_mut() {
        if in_vpc(&a.rec.vpc_no) {
            a.begin(now, action);
        }
    }
    one(
        cx.action,
        state.vpc.vpcs.found_mut(&no, Some(&region))?.begin(now, action).wire(),
    )
}
