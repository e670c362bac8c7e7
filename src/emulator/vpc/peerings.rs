//! VPC peerings. What NCP documents (`createVpcPeeringInstance`, `acceptOrRejectVpcPeering` and the
//! VPC peering user guide): a peering goes from a source VPC to a target VPC whose IPv4 blocks do not
//! overlap (`25038`); between VPCs of one account it is made at once (`INIT` while being made, `RUN`
//! after `createDelayMs`, as NAVER's Terraform provider waits for it); to another account's VPC
//! (`targetVpcLoginId`, with `targetVpcName`) it is a request that waits for that account's answer
//! (`INIT`, operation `NULL`, "waiting for acceptance", as the reference's example shows it), which
//! `acceptOrRejectVpcPeering` gives: accepted, it runs; rejected, it goes. A peering each way between
//! two VPCs shows the other (`hasReverseVpcPeering`, `reverseVpcPeeringInstanceNo`); a peering a route
//! leads to is not deleted. The emulator is one account ([`ACCOUNT_LOGIN_ID`]) and plays the other
//! side of a request too: the target VPC is one of its own, and the same caller accepts or rejects.

use super::net::Cidr;
use crate::emulator::handler::prelude::*;

/// The login id of the emulator's one account (`sourceVpcLoginId`; a `targetVpcLoginId` of another
/// value names another account).
pub const ACCOUNT_LOGIN_ID: &str = "emulator@example.com";

/// The live peering from `source` to `target`, if there is one.
fn between(state: &State, source: &str, target: &str) -> Option<String> {
    let found = state
        .vpc
        .vpc_peerings
        .live_where(|v| is(&v.source_vpc_no, source) && is(&v.target_vpc_no, target));
    found.first().map(|v| v.no().to_string())
}

/// `createVpcPeeringInstance`: made at once between VPCs of the account, a request waiting for
/// acceptance to another account's.
pub fn create_vpc_peering_instance(cx: &mut Cx<'_>) -> Answer {
    let (p, region, now) = cx.start();
    let action = cx.action.name;
    let state = &mut *cx.state;
    let (source_no, target_no) = (p.text("sourceVpcNo"), p.text("targetVpcNo"));
    let source = super::vpcs::running(state, &source_no, &region, action)?.rec.clone();
    let target = super::vpcs::running(state, &target_no, &region, action)?.rec.clone();
    if source_no == target_no {
        return Err(faults::mismatch(format!(
            "A VPC is not peered with itself ({source_no})."
        )));
    }
    if let Some(name) = p.str("targetVpcName").filter(|n| !is(&target.vpc_name, n)) {
        return Err(faults::mismatch(format!("The VPC {target_no} is not named {name}.")));
    }
    let block = |v: &Vpc| v.ipv4_cidr_block.as_deref().and_then(Cidr::parse);
    if let Some((a, b)) = block(&source).zip(block(&target)).filter(|(a, b)| a.overlaps(*b)) {
        return Err(faults::address_conflict(format!(
            "The blocks of VPC {source_no} ({a}) and VPC {target_no} ({b}) overlap."
        )));
    }
    if let Some(other) = between(state, &source_no, &target_no) {
        return Err(faults::address_conflict(format!(
            "VPC {source_no} is peered with VPC {target_no} already (VPC peering {other})."
        )));
    }
    let login = p.str("targetVpcLoginId").filter(|l| *l != ACCOUNT_LOGIN_ID);
    let reverse = between(state, &target_no, &source_no);
    let given = p.str("vpcPeeringName");
    let name = super::new_name(state, |s| &s.vpc.vpc_peerings, given, "peering", &region)?;
    let (no, date) = (state.next_id(), state.create_date());
    let peering = VpcPeeringInstance {
        vpc_peering_instance_no: Some(no.clone()),
        vpc_peering_name: Some(name),
        region_code: Some(region),
        create_date: Some(date.clone()),
        last_modifiy_date: Some(date),
        source_vpc_no: Some(source_no),
        source_vpc_name: source.vpc_name,
        source_vpc_ipv4_cidr_block: source.ipv4_cidr_block,
        source_vpc_login_id: Some(ACCOUNT_LOGIN_ID.into()),
        target_vpc_no: Some(target_no),
        target_vpc_name: target.vpc_name,
        target_vpc_ipv4_cidr_block: target.ipv4_cidr_block,
        target_vpc_login_id: Some(login.unwrap_or(ACCOUNT_LOGIN_ID).to_string()),
        vpc_peering_description: Some(p.text("vpcPeeringDescription")),
        has_reverse_vpc_peering: Some(reverse.is_some()),
        is_between_accounts: Some(login.is_some()),
        reverse_vpc_peering_instance_no: reverse.clone(),
        ..VpcPeeringInstance::default()
    };
    link(state, reverse.as_deref(), Some(&no));
    let how = match login {
        Some(_) => "createVpcPeeringInstance#request",
        None => action,
    };
    one(cx.action, state.create(peering, now, how).wire())
}

/// Shows (or, with `None`, clears) the reverse peering on the peering `of`.
fn link(state: &mut State, of: Option<&str>, reverse: Option<&str>) {
    let Some(e) = of.and_then(|no| state.vpc.vpc_peerings.find_mut(no, None)) else {
        return;
    };
    e.rec.has_reverse_vpc_peering = Some(reverse.is_some());
    e.rec.reverse_vpc_peering_instance_no = reverse.map(str::to_string);
}

/// `acceptOrRejectVpcPeering`: a request waiting for acceptance (`INIT` at rest) is made
/// (`isAccept=true`: `RUN` after `operationDelayMs`) or goes (`false`).
pub fn accept_or_reject_vpc_peering(cx: &mut Cx<'_>) -> Answer {
    let (p, region, now) = cx.start();
    let no = p.text("vpcPeeringInstanceNo");
    let state = &mut *cx.state;
    let reverse = super::usable::<VpcPeeringInstance>(state, &no, &region, cx.action.name)?
        .rec
        .reverse_vpc_peering_instance_no
        .clone();
    let accept = p.flag("isAccept") == Some(true);
    if !accept {
        link(state, reverse.as_deref(), None);
    }
    let how = if accept {
        cx.action.name
    } else {
        "acceptOrRejectVpcPeering#reject"
    };
    let date = state.create_date();
    let e = state.vpc.vpc_peerings.found_mut(&no, Some(&region))?;
    e.rec.last_modifiy_date = Some(date);
    one(cx.action, e.begin(now, how).wire())
}

/// `deleteVpcPeeringInstance`: a request or a peering, not while a route leads to it.
pub fn delete_vpc_peering_instance(cx: &mut Cx<'_>) -> Answer {
    let (p, region, _) = cx.start();
    let no = p.text("vpcPeeringInstanceNo");
    let state = &mut *cx.state;
    let e = super::usable::<VpcPeeringInstance>(state, &no, &region, cx.action.name)?;
    let reverse = e.rec.reverse_vpc_peering_instance_no.clone();
    super::no_route_to(state, Kind::VpcPeeringInstance, "VPCPEERING", &no)?;
    link(state, reverse.as_deref(), None);
    super::begin::<VpcPeeringInstance>(cx, &no)
}

/// `setVpcPeeringDescription`
pub fn set_vpc_peering_description(cx: &mut Cx<'_>) -> Answer {
    super::describe(
        cx,
        "vpcPeeringInstanceNo",
        "vpcPeeringDescription",
        |v: &mut VpcPeeringInstance, d| v.vpc_peering_description = Some(d),
    )
}
