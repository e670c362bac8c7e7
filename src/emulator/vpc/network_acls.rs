//! Network ACLs and their rules. What NCP documents (the network ACL reference pages and user guide):
//! a VPC has a default network ACL, made and deleted with it; a subnet has one network ACL of its VPC
//! (`setSubnetNetworkAcl` changes it); an ACL a subnet uses, or a VPC's default one, is not deleted.
//! A rule is inbound (`INBND`) or outbound (`OTBND`), has a priority from 0 to 199 that no other rule
//! of its direction has (`25038`), a protocol (`TCP`, `UDP`, `ICMP`), a source or destination (an IP
//! block, or a deny-allow group of the VPC), a port range for TCP and UDP, and an action (`ALLOW`,
//! `DROP`); changing rules or subnets shows the ACL `SET` until done, as NAVER's Terraform provider
//! waits for. A VPC holds at most 200 network ACLs (the emulator's limit, as for subnets). The
//! deny-allow groups' actions are in [`super::deny_allow_groups`] (the same `group` of the model).

use super::defaults::{port_range, source, INBOUND, OUTBOUND};
use crate::emulator::handler::prelude::*;
use crate::emulator::state::world;

pub use super::deny_allow_groups::*;

/// Network ACLs per VPC (the emulator's limit, as for subnets).
pub const LIMIT: (&str, usize) = ("network ACLs per VPC", 200);

/// `createNetworkAcl`: `INIT`, then `RUN` after `createDelayMs`, without rules.
pub fn create_network_acl(cx: &mut Cx<'_>) -> Answer {
    let p = cx.start().0;
    let (vpc, name) = super::in_running_vpc(cx, &p, ("networkAclName", "nacl"), |a: &NetworkAcl| &a.vpc_no, LIMIT)?;
    // As the VPC's default one is made, but named, described and not its default.
    let acl = NetworkAcl {
        network_acl_name: Some(name),
        network_acl_description: Some(p.text("networkAclDescription")),
        create_date: Some(cx.state.create_date()),
        is_default: Some(false),
        ..world::default_network_acl(&vpc, &cx.state.next_id())
    };
    super::made(cx, acl)
}

/// `deleteNetworkAcl`: not a default ACL, nor one a subnet uses; its rules go with it.
pub fn delete_network_acl(cx: &mut Cx<'_>) -> Answer {
    let no = cx.start().0.text("networkAclNo");
    super::deletable(cx, &no, |a: &NetworkAcl| a.is_default, |s| is(&s.network_acl_no, &no))?;
    cx.state.vpc.network_acl_rules.retain(|r| !is(&r.network_acl_no, &no));
    applied(cx.state);
    super::begin::<NetworkAcl>(cx, &no)
}

/// `setNetworkAclDescription`
pub fn set_network_acl_description(cx: &mut Cx<'_>) -> Answer {
    super::describe(cx, "networkAclNo", "networkAclDescription", |a: &mut NetworkAcl, d| {
        a.network_acl_description = Some(d)
    })
}

/// `setSubnetNetworkAcl`: the subnet takes the ACL (of its VPC), which shows `SET` until done.
pub fn set_subnet_network_acl(cx: &mut Cx<'_>) -> Answer {
    let (p, region, _) = cx.start();
    let (no, subnet_no) = (p.text("networkAclNo"), p.text("subnetNo"));
    let action = cx.action.name;
    let acl_vpc = super::usable::<NetworkAcl>(cx.state, &no, &region, action)?
        .rec
        .vpc_no
        .clone();
    let subnet = super::usable::<Subnet>(cx.state, &subnet_no, &region, action)?;
    super::same_vpc(&subnet.rec.vpc_no, s(&acl_vpc), &format!("subnet {subnet_no}"))?;
    cx.state
        .vpc
        .subnets
        .found_mut(&subnet_no, Some(&region))?
        .rec
        .network_acl_no = Some(no.clone());
    super::begin::<NetworkAcl>(cx, &no)
}

/// Every deny-allow group shows whether a rule names it (`isApplied`).
pub fn applied(state: &mut State) {
    let rules = &state.vpc.network_acl_rules;
    for g in state.vpc.network_acl_deny_allow_groups.items.iter_mut() {
        let named = rules.iter().any(|r| is(&r.deny_allow_group_no, g.rec.no()));
        g.rec.is_applied = Some(named);
    }
}

/// The rules of an ACL in one direction.
fn rules_of<'a>(state: &'a State, no: &'a str, kind: &'a str) -> impl Iterator<Item = &'a NetworkAclRule> + 'a {
    let kind = [kind.to_string()];
    state
        .vpc
        .network_acl_rules
        .iter()
        .filter(move |r| is(&r.network_acl_no, no) && code_in(&r.network_acl_rule_type, &kind))
}

/// The ACL's rules of the direction, then the ACL `SET` until done: the answer of the rule actions.
fn answer_rules(cx: &mut Cx<'_>, no: &str, kind: &str) -> Answer {
    applied(cx.state);
    super::begin::<NetworkAcl>(cx, no)?;
    let items = rules_of(cx.state, no, kind).map(wire).collect();
    cx.list(items)
}

/// One rule as requested, checked: a source or destination (a deny-allow group of the ACL's VPC that
/// runs), a port range for TCP and UDP.
fn requested(cx: &Cx<'_>, acl: &NetworkAcl, kind: &str, item: &Params) -> Result<NetworkAclRule, ApiFault> {
    let (block, group) = source(item, "denyAllowGroupNo")?;
    if let Some(g) = group {
        let e = super::usable::<NetworkAclDenyAllowGroup>(cx.state, g, cx.region(), cx.action.name)?;
        super::same_vpc(&e.rec.vpc_no, s(&acl.vpc_no), &format!("deny-allow group {g}"))?;
    }
    let code = item.text("protocolTypeCode");
    let port = port_range(item, code != "ICMP", &code)?;
    Ok(NetworkAclRule {
        network_acl_no: acl.network_acl_no.clone(),
        priority: item.int("priority"),
        protocol_type: Some(Code::of(names::NETWORK_ACL_PROTOCOL_TYPE, &code)),
        port_range: port.map(str::to_string),
        rule_action: Some(Code::of(names::NETWORK_ACL_RULE_ACTION, &item.text("ruleActionCode"))),
        create_date: Some(cx.state.create_date()),
        ip_block: block.map(str::to_string),
        deny_allow_group_no: group.map(str::to_string),
        network_acl_rule_type: Some(Code::of(names::ACCESS_CONTROL_GROUP_RULE_TYPE, kind)),
        network_acl_rule_description: Some(item.text("networkAclRuleDescription")),
    })
}

/// The ACL `networkAclNo` names, which the action may change now.
fn acl(cx: &mut Cx<'_>) -> Result<(Params, NetworkAcl), ApiFault> {
    let (p, region, _) = cx.start();
    let acl = super::usable::<NetworkAcl>(cx.state, &p.text("networkAclNo"), &region, cx.action.name)?;
    Ok((p, acl.rec.clone()))
}

/// Adds rules of one direction, each with a priority no other rule of the direction has.
fn add(cx: &mut Cx<'_>, kind: &str) -> Answer {
    let (p, acl) = acl(cx)?;
    let no = s(&acl.network_acl_no).to_string();
    let mut taken: Vec<i64> = rules_of(cx.state, &no, kind).filter_map(|r| r.priority).collect();
    let mut added = Vec::new();
    for item in p.objects("networkAclRuleList") {
        let rule = requested(cx, &acl, kind, item)?;
        let priority = rule.priority.unwrap_or_default();
        if taken.contains(&priority) {
            return Err(faults::address_conflict(format!(
                "Another rule of network ACL {no} in its direction has priority {priority}."
            )));
        }
        taken.push(priority);
        added.push(rule);
    }
    cx.state.vpc.network_acl_rules.extend(added);
    answer_rules(cx, &no, kind)
}

/// Removes rules of one direction, each named by its priority, protocol, action, source and ports.
fn remove(cx: &mut Cx<'_>, kind: &str) -> Answer {
    let (p, acl) = acl(cx)?;
    let no = s(&acl.network_acl_no).to_string();
    let mut gone = Vec::new();
    for item in p.objects("networkAclRuleList") {
        let priority = item.int("priority");
        let same = |r: &NetworkAclRule| {
            let given = |k: &str, v: &Option<String>| item.str(k).is_none_or(|x| is(v, x));
            r.priority == priority
                && code_in(&r.protocol_type, &[item.text("protocolTypeCode")])
                && code_in(&r.rule_action, &[item.text("ruleActionCode")])
                && given("ipBlock", &r.ip_block)
                && given("denyAllowGroupNo", &r.deny_allow_group_no)
                && given("portRange", &r.port_range)
        };
        let rules = &cx.state.vpc.network_acl_rules;
        let at = rules.iter().position(|r| {
            is(&r.network_acl_no, &no) && code_in(&r.network_acl_rule_type, &[kind.to_string()]) && same(r)
        });
        match at {
            Some(at) => gone.push(at),
            None => {
                let what = format!("{kind} priority {}", priority.unwrap_or_default());
                return Err(faults::not_found(Kind::NetworkAclRule, &what));
            }
        }
    }
    gone.sort_unstable();
    gone.dedup();
    for at in gone.into_iter().rev() {
        cx.state.vpc.network_acl_rules.remove(at);
    }
    answer_rules(cx, &no, kind)
}

/// `addNetworkAclInboundRule`
pub fn add_network_acl_inbound_rule(cx: &mut Cx<'_>) -> Answer {
    add(cx, INBOUND)
}

/// `addNetworkAclOutboundRule`
pub fn add_network_acl_outbound_rule(cx: &mut Cx<'_>) -> Answer {
    add(cx, OUTBOUND)
}

/// `removeNetworkAclInboundRule`
pub fn remove_network_acl_inbound_rule(cx: &mut Cx<'_>) -> Answer {
    remove(cx, INBOUND)
}

/// `removeNetworkAclOutboundRule`
pub fn remove_network_acl_outbound_rule(cx: &mut Cx<'_>) -> Answer {
    remove(cx, OUTBOUND)
}
