//! VPCs. What NCP does around one (its reference and user guide): `createVpc` takes a private block
//! from /16 to /28 and makes the VPC's default network ACL and default access control group with it;
//! a region holds at most 3 VPCs; a VPC is deleted only once nothing is left in it but its defaults.

use super::net::{private_block, Cidr};
use crate::emulator::handler::prelude::*;

/// VPCs per region (NCP's default limit).
pub const MAX_VPCS: usize = 3;

/// `getNetworkAclList`: the network ACL each VPC is made with (its default one, named after the VPC,
/// in the VPC's status), filtered as NCP's reference lists.
pub fn get_network_acl_list(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let nos = p.list("networkAclNoList");
    let items = cx
        .state
        .vpc
        .vpcs
        .in_region(cx.region())
        .map(|e| &e.rec)
        .filter(|v| v.default_network_acl_no.is_some())
        .map(|v| {
            let mut m = serde_json::Map::new();
            let mut put = |k: &str, x: Option<Value>| {
                if let Some(x) = x {
                    m.insert(k.into(), x);
                }
            };
            put("networkAclNo", v.default_network_acl_no.clone().map(Value::from));
            let name = v.vpc_name.as_ref().map(|n| format!("{n}-default-network-acl"));
            put("networkAclName", name.map(Value::from));
            put("vpcNo", v.vpc_no.clone().map(Value::from));
            put("networkAclStatus", wire(v).get("vpcStatus").cloned());
            put("createDate", v.create_date.clone().map(Value::from));
            put("isDefault", Some(Value::Bool(true)));
            Value::Object(m)
        })
        .filter(|a| text_in(&a["networkAclNo"].as_str().map(str::to_string), &nos))
        .filter(|a| p.str("networkAclName").is_none_or(|n| a["networkAclName"] == n))
        .filter(|a| {
            p.str("networkAclStatusCode")
                .is_none_or(|c| a["networkAclStatus"]["code"] == c)
        })
        .filter(|a| p.str("vpcNo").is_none_or(|n| a["vpcNo"] == n))
        .collect();
    cx.page(items, &p)
}

pub fn find<'a>(state: &'a State, no: &str, region: &str) -> Result<&'a Entry<Vpc>, ApiFault> {
    state
        .vpc
        .vpcs
        .find(no, Some(region))
        .ok_or_else(|| faults::not_found(Kind::Vpc, no))
}

/// A VPC that is running (new subnets, groups and servers go only into those).
pub fn running<'a>(state: &'a State, no: &str, region: &str) -> Result<&'a Entry<Vpc>, ApiFault> {
    let e = find(state, no, region)?;
    if e.rec.status() != "RUN" || e.busy() {
        return Err(faults::not_now(Kind::Vpc, no, super::phase_of(&e.rec)));
    }
    Ok(e)
}

/// `createVpc`: `INIT` at once (the reference's example answer), `RUN` after `createDelayMs`; its
/// default network ACL and default access control group come with it.
pub fn create_vpc(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let region = cx.region().to_string();
    let now = cx.now;
    let text = p.str("ipv4CidrBlock").unwrap_or_default();
    let block = Cidr::parse(text)
        .filter(|c| private_block(*c))
        .ok_or_else(|| faults::invalid_param(&format!("'ipv4CidrBlock' must be a block of 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16 with a netmask from /16 to /28 (got '{text}')")))?;
    let state = &mut *cx.state;
    let name = match p.str("vpcName") {
        Some(n) => n.to_string(),
        None => super::auto_name(state, "vpc"),
    };
    let live: Vec<&Vpc> = state
        .vpc
        .vpcs
        .in_region(&region)
        .filter(|e| !e.terminating())
        .map(|e| &e.rec)
        .collect();
    if live.len() >= MAX_VPCS {
        return Err(faults::limit("VPCs per region", MAX_VPCS));
    }
    if live.iter().any(|v| is(&v.vpc_name, &name)) {
        return Err(faults::name_in_use(&name));
    }
    let no = state.next_id();
    let acl = state.next_id();
    let vpc = Vpc {
        vpc_no: Some(no.clone()),
        vpc_name: Some(name.clone()),
        ipv4_cidr_block: Some(block.to_string()),
        region_code: Some(region.clone()),
        create_date: Some(state.create_date()),
        default_network_acl_no: Some(acl),
        ..Vpc::default()
    };
    let settings = state.settings.clone();
    let entry = state.vpc.vpcs.push(Entry::new(vpc, now));
    entry.run(now, plans::network::create_from_init());
    entry.advance(now, &settings);
    let answer = entry.wire();
    crate::emulator::vserver::acgs::make_default(state, &no, &name, &region, now);
    cx.list(vec![answer])
}

/// `deleteVpc`: refused while it holds subnets or access control groups of its own (NCP deletes the
/// defaults with it); `TERMTING`, then gone.
pub fn delete_vpc(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let region = cx.region().to_string();
    let no = p.str("vpcNo").unwrap_or_default().to_string();
    let state = &mut *cx.state;
    let e = find(state, &no, &region)?;
    if e.busy() {
        return Err(faults::not_now(Kind::Vpc, &no, super::phase_of(&e.rec)));
    }
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
    let now = cx.now;
    for g in state.vpc.access_control_groups.items.iter_mut() {
        if in_vpc(&g.rec.vpc_no) {
            g.run(now, plans::network::delete());
        }
    }
    let e = faults::found_mut(&mut state.vpc.vpcs, &no, Some(&region), Kind::Vpc)?;
    e.run(now, plans::network::delete());
    let answer = e.wire();
    cx.list(vec![answer])
}
