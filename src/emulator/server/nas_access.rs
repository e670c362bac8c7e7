//! A Classic NAS volume's access list: servers (by number, which must exist) and custom IPs, each with
//! read access and, when asked, write access. At most 100 entries per volume (the emulator's bound).

use super::common;
use super::nas_found::{answer_of, at_rest, found};
use crate::emulator::handler::prelude::*;

/// Entries per volume at most.
const MAX_RULES: usize = 100;

/// The entries a request names: `accessControlRuleList`, `serverInstanceNoList` and `customIpList`.
pub fn rules_of(state: &State, p: &Params) -> Result<Vec<NasVolumeAccessControlRule>, ApiFault> {
    let mut out = Vec::new();
    for o in p.objects("accessControlRuleList") {
        out.push(NasVolumeAccessControlRule {
            server_instance_no: o.str("serverInstanceNo").map(str::to_string),
            custom_ip: o.str("customIp").map(str::to_string),
            read_access: Some(true),
            write_access: Some(o.flag("writeAccess").unwrap_or(false)),
        });
    }
    for s in p.list("serverInstanceNoList") {
        out.push(NasVolumeAccessControlRule {
            server_instance_no: Some(s),
            read_access: Some(true),
            write_access: Some(true),
            ..NasVolumeAccessControlRule::default()
        });
    }
    for ip in p.list("customIpList") {
        if ip.parse::<std::net::IpAddr>().is_err() {
            return Err(faults::invalid_param(&format!(
                "'customIpList' holds '{ip}', which is not an IP address"
            )));
        }
        out.push(NasVolumeAccessControlRule {
            custom_ip: Some(ip),
            read_access: Some(true),
            write_access: Some(true),
            ..NasVolumeAccessControlRule::default()
        });
    }
    for r in &out {
        if let Some(s) = &r.server_instance_no {
            common::server(state, s)?;
        }
    }
    if out.len() > MAX_RULES {
        return Err(faults::limit("access list entries per NAS volume", MAX_RULES));
    }
    Ok(out)
}

fn same(a: &NasVolumeAccessControlRule, b: &NasVolumeAccessControlRule) -> bool {
    a.server_instance_no == b.server_instance_no && a.custom_ip == b.custom_ip
}

#[derive(Clone, Copy)]
enum Change {
    Add,
    Remove,
    Set,
}

fn change(cx: &mut Cx<'_>, how: Change) -> Answer {
    let p = cx.params();
    let no = p.text("nasVolumeInstanceNo");
    at_rest(cx.state, &no, cx.action.name)?;
    let given = rules_of(cx.state, &p)?;
    let now = cx.now;
    let Some(e) = cx.state.classic.nas_volumes.find_mut(&no, None) else {
        return Err(faults::not_found(Kind::NasVolumeInstance, &no));
    };
    let mut rules = e.rec.access_control_rules.clone().unwrap_or_default();
    match how {
        Change::Add => {
            for g in given {
                rules.retain(|r| !same(r, &g));
                rules.push(g);
            }
        }
        Change::Remove => rules.retain(|r| !given.iter().any(|g| same(r, g))),
        Change::Set => rules = given,
    }
    if rules.len() > MAX_RULES {
        return Err(faults::limit("access list entries per NAS volume", MAX_RULES));
    }
    e.rec.access_control_rules = Some(rules);
    e.begin(now, cx.action.name);
    answer_of(cx, &no)
}

/// `addNasVolumeAccessControl`
pub fn add_nas_volume_access_control(cx: &mut Cx<'_>) -> Answer {
    change(cx, Change::Add)
}

/// `removeNasVolumeAccessControl`
pub fn remove_nas_volume_access_control(cx: &mut Cx<'_>) -> Answer {
    change(cx, Change::Remove)
}

/// `setNasVolumeAccessControl` (nothing given: nobody has access)
pub fn set_nas_volume_access_control(cx: &mut Cx<'_>) -> Answer {
    change(cx, Change::Set)
}

/// `getNasVolumeAccessControlRuleList`
pub fn get_nas_volume_access_control_rule_list(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let no = p.str("nasVolumeInstanceNo").unwrap_or_default();
    let e = found(cx.state, no)?;
    let items = e.rec.access_control_rules.iter().flatten().map(wire).collect();
    cx.list(items)
}
