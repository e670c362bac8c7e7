//! Secondary private IPs of VPC network interfaces (part of the `network_interfaces` group): taken
//! from the interface's subnet, listed or counted; one held by another interface of the subnet moves
//! only with `allowReassign`.

use super::super::vpc::net::{self, Cidr};
use super::found::{nic as find, taken_in};
use crate::emulator::handler::prelude::*;

/// Gives secondary IPs to an interface: the ones listed (`reassign`: taken from another interface of
/// the subnet if need be), or `count` free ones.
pub fn assign(
    state: &mut State,
    no: &str,
    subnet: &Subnet,
    listed: &[String],
    count: Option<i64>,
    reassign: bool,
    region: &str,
) -> Result<(), ApiFault> {
    let subnet_no = s(&subnet.subnet_no).to_string();
    let block = subnet.subnet.as_deref().and_then(Cidr::parse);
    let mut wanted = Vec::new();
    let taken = taken_in(state, &subnet_no);
    for text in listed {
        let ip = net::parse_ip(text)
            .filter(|ip| block.is_some_and(|b| net::host_of(b, *ip)))
            .ok_or_else(|| {
                faults::address_conflict(format!("The IP {text} is not a host address of subnet {subnet_no}."))
            })?;
        if taken.contains(&ip) {
            let holder = state.vpc.network_interfaces.iter().find(|e| {
                is(&e.rec.subnet_no, &subnet_no) && e.rec.secondary_ip_list.iter().flatten().any(|x| x == text)
            });
            match holder {
                Some(h) if reassign && h.rec.no() != no => {
                    let from = h.rec.no().to_string();
                    if let Some(e) = state.vpc.network_interfaces.find_mut(&from, Some(region)) {
                        if let Some(l) = e.rec.secondary_ip_list.as_mut() {
                            l.retain(|x| x != text);
                        }
                    }
                }
                _ => {
                    return Err(faults::address_conflict(format!(
                        "The IP {text} is already in use in subnet {subnet_no}."
                    )))
                }
            }
        }
        wanted.push(net::ip_text(ip));
    }
    if let (Some(n), Some(b)) = (count, block) {
        let n = usize::try_from(n).unwrap_or(0);
        let free = net::free_hosts(b, &taken_in(state, &subnet_no), n);
        if free.len() < n {
            return Err(faults::limit(
                &format!("addresses of subnet {subnet_no}"),
                b.size() as usize,
            ));
        }
        wanted.extend(free.into_iter().map(net::ip_text));
    }
    let e = state.vpc.network_interfaces.found_mut(no, Some(region))?;
    e.rec.secondary_ip_list.get_or_insert_with(Vec::new).extend(wanted);
    Ok(())
}

/// `assignSecondaryIps`: the IPs listed, or `secondaryIpCount` free ones, of the interface's subnet.
pub fn assign_secondary_ips(cx: &mut Cx<'_>) -> Answer {
    let (p, region, _) = cx.start();
    let state = &mut *cx.state;
    let no = p.text("networkInterfaceNo");
    let listed = p.list("secondaryIpList");
    if listed.is_empty() && p.int("secondaryIpCount").is_none() {
        return Err(faults::missing_param(&[
            "secondaryIpList".into(),
            "secondaryIpCount".into(),
        ]));
    }
    let nic = find(state, &no, &region)?.rec.clone();
    let subnet = state.vpc.subnets.found(s(&nic.subnet_no), Some(&region))?.rec.clone();
    let reassign = p.flag("allowReassign") == Some(true);
    assign(
        state,
        &no,
        &subnet,
        &listed,
        p.int("secondaryIpCount"),
        reassign,
        &region,
    )?;
    one(cx.action, find(state, &no, &region)?.wire())
}

/// `unassignSecondaryIps`: each IP must be a secondary IP of the interface.
pub fn unassign_secondary_ips(cx: &mut Cx<'_>) -> Answer {
    let (p, region, _) = cx.start();
    let no = p.text("networkInterfaceNo");
    let listed = p.list("secondaryIpList");
    let nic = find(cx.state, &no, &region)?;
    let have = nic.rec.secondary_ip_list.clone().unwrap_or_default();
    if let Some(ip) = listed.iter().find(|ip| !have.contains(ip)) {
        return Err(faults::mismatch(format!(
            "The IP {ip} is not a secondary IP of network interface {no}."
        )));
    }
    let e = cx.state.vpc.network_interfaces.found_mut(&no, Some(&region))?;
    if let Some(l) = e.rec.secondary_ip_list.as_mut() {
        l.retain(|ip| !listed.contains(ip));
    }
    one(cx.action, e.wire())
}
