//! VPC access control groups and their rules. What NCP documents (the ACG reference pages and user
//! guide): a group belongs to one VPC, which holds at most 500; every VPC has a default group (made
//! with it, never deleted by hand); a rule names a protocol (`TCP`, `UDP`, `ICMP` or a protocol
//! number), a source or destination as an IP block or another group of the VPC
//! (`accessControlGroupSequence`), and a port range for TCP and UDP; a group holds at most 50 inbound
//! and 50 outbound rules; a group still on a network interface, or named by another group's rule, is
//! not deleted. Changing rules sets the group `SET` until `operationDelayMs` has passed.

use crate::emulator::handler::prelude::*;
use crate::emulator::vpc;

/// Groups per VPC.
pub const MAX_GROUPS: usize = 500;
/// Rules per direction per group.
pub const MAX_RULES: usize = 50;

use crate::emulator::vpc::defaults::{port_range, protocol, rule, source, INBOUND, OUTBOUND};

/// A group of the call's region.
pub fn find<'a>(state: &'a State, no: &str, region: &str) -> Result<&'a Entry<AccessControlGroup>, ApiFault> {
    state.vpc.access_control_groups.live(no, Some(region))
}

/// Every group of `nos` exists in `vpc_no` (what a network interface or a launch names).
pub fn check_groups(state: &State, nos: &[String], vpc_no: &str, region: &str) -> Result<(), ApiFault> {
    for no in nos {
        let g = find(state, no, region)?;
        if !is(&g.rec.vpc_no, vpc_no) {
            return Err(faults::mismatch(format!(
                "The access control group {no} is not in VPC {vpc_no}."
            )));
        }
    }
    Ok(())
}

/// `createAccessControlGroup`: at once `RUN` (NCP answers it ready), without rules.
pub fn create_access_control_group(cx: &mut Cx<'_>) -> Answer {
    let (p, region, now) = cx.start();
    let limit = ("access control groups per VPC", MAX_GROUPS);
    let naming = ("accessControlGroupName", "acg");
    let (_, name) = vpc::in_running_vpc(cx, &p, naming, |g: &AccessControlGroup| &g.vpc_no, limit)?;
    let (state, vpc_no) = (&mut *cx.state, p.text("vpcNo"));
    let group = AccessControlGroup {
        access_control_group_no: Some(state.next_id()),
        access_control_group_name: Some(name),
        is_default: Some(false),
        vpc_no: Some(vpc_no),
        access_control_group_description: Some(p.str("accessControlGroupDescription").unwrap_or("").to_string()),
        region_code: Some(region),
        ..AccessControlGroup::default()
    };
    one(cx.action, state.create(group, now, cx.action.name).wire())
}

/// `deleteAccessControlGroup`: not the default group, not one on a network interface or named by a
/// rule of another group.
pub fn delete_access_control_group(cx: &mut Cx<'_>) -> Answer {
    let (p, region, _) = cx.start();
    let no = p.text("accessControlGroupNo");
    let state = &mut *cx.state;
    let g = in_vpc(state, &no, p.str("vpcNo").unwrap_or_default(), &region)?;
    if g.rec.is_default == Some(true) {
        return Err(faults::in_use(
            Kind::AccessControlGroup,
            &no,
            "its VPC (the default group goes with the VPC)",
        ));
    }
    g.permit(cx.action.name)?;
    let on_nic = state
        .vpc
        .network_interfaces
        .iter()
        .filter(|n| !n.terminating())
        .find(|n| n.rec.access_control_group_no_list.iter().flatten().any(|a| *a == no));
    if let Some(n) = on_nic {
        return Err(faults::in_use(
            Kind::AccessControlGroup,
            &no,
            &format!("network interface {}", n.rec.no()),
        ));
    }
    let named = state
        .vpc
        .access_control_group_rules
        .iter()
        .find(|r| is(&r.access_control_group_sequence, &no) && !is(&r.access_control_group_no, &no));
    if let Some(r) = named {
        return Err(faults::in_use(
            Kind::AccessControlGroup,
            &no,
            &format!("a rule of access control group {}", s(&r.access_control_group_no)),
        ));
    }
    state
        .vpc
        .access_control_group_rules
        .retain(|r| !is(&r.access_control_group_no, &no));
    let e = state.vpc.access_control_groups.found_mut(&no, Some(&region))?;
    one(cx.action, e.begin(cx.now, cx.action.name).wire())
}

/// A group of `vpc_no` (the rule and delete actions name both).
fn in_vpc<'a>(
    state: &'a State,
    no: &str,
    vpc_no: &str,
    region: &str,
) -> Result<&'a Entry<AccessControlGroup>, ApiFault> {
    let g = find(state, no, region)?;
    if !is(&g.rec.vpc_no, vpc_no) {
        return Err(faults::mismatch(format!(
            "The access control group {no} is not in VPC {vpc_no}."
        )));
    }
    Ok(g)
}

/// The rules of a group, both directions.
fn rules_of(state: &State, no: &str) -> Vec<Value> {
    state
        .vpc
        .access_control_group_rules
        .iter()
        .filter(|r| is(&r.access_control_group_no, no))
        .map(wire)
        .collect()
}

/// One rule as requested, checked: protocol, a source or destination, a port range where the
/// protocol has ports.
fn requested(
    state: &State,
    group: &str,
    kind: &str,
    item: &Params,
    vpc_no: &str,
    region: &str,
) -> Result<AccessControlGroupRule, ApiFault> {
    let code = item.str("protocolTypeCode").unwrap_or_default();
    let proto = protocol(code).ok_or_else(|| {
        faults::invalid_param(&format!(
            "'protocolTypeCode' must be TCP, UDP, ICMP or a protocol number 1-254 (got '{code}')"
        ))
    })?;
    let (block, source) = source(item, "accessControlGroupSequence")?;
    if let Some(g) = source {
        check_groups(state, &[g.to_string()], vpc_no, region)?;
    }
    let ports = matches!(proto.number, Some(6) | Some(17));
    let port = port_range(item, ports, code)?;
    let mut r = rule(
        group,
        kind,
        code,
        block,
        port,
        item.str("accessControlGroupRuleDescription").unwrap_or(""),
    );
    r.access_control_group_sequence = source.map(str::to_string);
    Ok(r)
}

/// The same rule: direction, protocol, source and ports.
fn same(a: &AccessControlGroupRule, b: &AccessControlGroupRule) -> bool {
    a.access_control_group_no == b.access_control_group_no
        && a.access_control_group_rule_type == b.access_control_group_rule_type
        && a.protocol_type.as_ref().map(|p| &p.code) == b.protocol_type.as_ref().map(|p| &p.code)
        && s(&a.ip_block) == s(&b.ip_block)
        && s(&a.access_control_group_sequence) == s(&b.access_control_group_sequence)
        && s(&a.port_range) == s(&b.port_range)
}

fn change_rules(cx: &mut Cx<'_>, kind: &'static str, add: bool) -> Answer {
    let (p, region, now) = cx.start();
    let no = p.text("accessControlGroupNo");
    let vpc_no = p.text("vpcNo");
    let state = &mut *cx.state;
    in_vpc(state, &no, &vpc_no, &region)?.permit(cx.action.name)?;
    let mut wanted = Vec::new();
    for item in p.objects("accessControlGroupRuleList") {
        wanted.push(requested(state, &no, kind, item, &vpc_no, &region)?);
    }
    let rules = &mut state.vpc.access_control_group_rules;
    if add {
        let have = rules
            .iter()
            .filter(|r| {
                is(&r.access_control_group_no, &no) && code_in(&r.access_control_group_rule_type, &[kind.into()])
            })
            .count();
        if have + wanted.len() > MAX_RULES {
            return Err(faults::limit(
                &format!(
                    "{} rules per access control group",
                    if kind == INBOUND { "inbound" } else { "outbound" }
                ),
                MAX_RULES,
            ));
        }
        for w in &wanted {
            if rules.iter().any(|r| same(r, w)) {
                return Err(faults::address_conflict(format!(
                    "The rule ({} {}) is already in access control group {no}.",
                    s(&w.ip_block),
                    s(&w.port_range)
                )));
            }
        }
        rules.extend(wanted);
    } else {
        for w in &wanted {
            if !rules.iter().any(|r| same(r, w)) {
                return Err(faults::not_found(
                    Kind::AccessControlGroupRule,
                    &format!(
                        "{no}: {} {} {}",
                        c_of(w),
                        s(&w.ip_block).to_string() + s(&w.access_control_group_sequence),
                        s(&w.port_range)
                    ),
                ));
            }
        }
        rules.retain(|r| !wanted.iter().any(|w| same(r, w)));
    }
    if let Some(e) = state.vpc.access_control_groups.find_mut(&no, Some(&region)) {
        e.begin(now, cx.action.name);
    }
    let items = rules_of(state, &no);
    cx.list(items)
}

fn c_of(r: &AccessControlGroupRule) -> &str {
    r.protocol_type
        .as_ref()
        .and_then(|p| p.code.as_deref())
        .unwrap_or_default()
}

/// `addAccessControlGroupInboundRule`: answers every rule of the group.
pub fn add_access_control_group_inbound_rule(cx: &mut Cx<'_>) -> Answer {
    change_rules(cx, INBOUND, true)
}

/// `addAccessControlGroupOutboundRule`
pub fn add_access_control_group_outbound_rule(cx: &mut Cx<'_>) -> Answer {
    change_rules(cx, OUTBOUND, true)
}

/// `removeAccessControlGroupInboundRule`: each rule named must exist.
pub fn remove_access_control_group_inbound_rule(cx: &mut Cx<'_>) -> Answer {
    change_rules(cx, INBOUND, false)
}

/// `removeAccessControlGroupOutboundRule`
pub fn remove_access_control_group_outbound_rule(cx: &mut Cx<'_>) -> Answer {
    change_rules(cx, OUTBOUND, false)
}
