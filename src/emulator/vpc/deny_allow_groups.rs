//! Network ACL deny-allow groups: a VPC's lists of IP addresses that network ACL rules name as their
//! source or destination. What NCP documents (the deny-allow group reference pages and user guide): a
//! group is created without addresses (`INIT`, then `RUN`), `setNetworkAclDenyAllowGroupIpList`
//! replaces its list (at most 100 addresses, none twice; the group shows `SET` until done, as NAVER's
//! Terraform provider waits for); it shows whether a rule names it (`isApplied`), and one a rule names
//! is not deleted. The emulator takes an IPv4 address (`10.0.0.1`) or block (`10.0.0.0/24`) per item.

use super::net::{self, Cidr};
use crate::emulator::handler::prelude::*;

/// `createNetworkAclDenyAllowGroup`: `INIT`, then `RUN` after `createDelayMs`, with no address.
pub fn create_network_acl_deny_allow_group(cx: &mut Cx<'_>) -> Answer {
    let p = cx.start().0;
    let naming = ("networkAclDenyAllowGroupName", "dag");
    let (vpc, name) = super::named_in_vpc::<NetworkAclDenyAllowGroup>(cx, &p, naming)?;
    let group = NetworkAclDenyAllowGroup {
        network_acl_deny_allow_group_no: Some(cx.state.next_id()),
        network_acl_deny_allow_group_name: Some(name),
        vpc_no: vpc.vpc_no,
        ip_list: Some(Vec::new()),
        network_acl_deny_allow_group_description: Some(p.text("networkAclDenyAllowGroupDescription")),
        create_date: Some(cx.state.create_date()),
        is_applied: Some(false),
        ..NetworkAclDenyAllowGroup::default()
    };
    super::made(cx, group)
}

/// `deleteNetworkAclDenyAllowGroup`: not while a rule names it.
pub fn delete_network_acl_deny_allow_group(cx: &mut Cx<'_>) -> Answer {
    let no = super::usable_no::<NetworkAclDenyAllowGroup>(cx, "networkAclDenyAllowGroupNo")?;
    let rule = cx
        .state
        .vpc
        .network_acl_rules
        .iter()
        .find(|r| is(&r.deny_allow_group_no, &no));
    if let Some(r) = rule {
        let by = format!("a rule of network ACL {}", s(&r.network_acl_no));
        return Err(faults::in_use(Kind::NetworkAclDenyAllowGroup, &no, &by));
    }
    super::begin::<NetworkAclDenyAllowGroup>(cx, &no)
}

/// `setNetworkAclDenyAllowGroupDescription`
pub fn set_network_acl_deny_allow_group_description(cx: &mut Cx<'_>) -> Answer {
    super::describe(
        cx,
        "networkAclDenyAllowGroupNo",
        "networkAclDenyAllowGroupDescription",
        |g: &mut NetworkAclDenyAllowGroup, d| g.network_acl_deny_allow_group_description = Some(d),
    )
}

/// `setNetworkAclDenyAllowGroupIpList`: the list given (none: empty) replaces the group's; each item
/// an IPv4 address or block (`901` otherwise).
pub fn set_network_acl_deny_allow_group_ip_list(cx: &mut Cx<'_>) -> Answer {
    let (p, region, _) = cx.start();
    let no = p.text("networkAclDenyAllowGroupNo");
    let list = p.list("ipList");
    if let Some(bad) = list
        .iter()
        .find(|ip| net::parse_ip(ip).is_none() && Cidr::parse(ip).is_none())
    {
        return Err(faults::invalid_param(&format!(
            "'ipList' takes IPv4 addresses or blocks (got '{bad}')"
        )));
    }
    super::usable::<NetworkAclDenyAllowGroup>(cx.state, &no, &region, cx.action.name)?;
    cx.state
        .vpc
        .network_acl_deny_allow_groups
        .found_mut(&no, Some(&region))?
        .rec
        .ip_list = Some(list);
    super::begin::<NetworkAclDenyAllowGroup>(cx, &no)
}
