//! VPC network interfaces and their secondary IPs. What NCP documents (the network interface
//! reference and user guide): an interface lives in one subnet with 1 to 3 access control groups of
//! its VPC and a private IP of the subnet (given, or the next free one); it is attached to a stopped
//! server of the same VPC and zone, up to the spec's `networkInterfaceMaxCount`, as `eth1`, `eth2` ...;
//! a server's default interface (`eth0`) is not detached; an attached interface is not deleted;
//! secondary IPs come from the interface's subnet.

use super::super::vpc::net::{self, Cidr};
use super::found::{nic as find, taken_in};
use crate::emulator::handler::prelude::*;
use crate::emulator::lookup;
use crate::emulator::vpc;
use std::time::Instant;

pub use super::secondary_ips::{assign_secondary_ips, unassign_secondary_ips};

/// Access control groups per interface.
pub const MAX_GROUPS: usize = 3;

/// The VPC of an interface (its subnet's).
pub fn vpc_of(state: &State, nic: &NetworkInterface) -> String {
    let subnet = nic.subnet_no.as_deref().unwrap_or_default();
    state
        .vpc
        .subnets
        .find(subnet, None)
        .and_then(|e| e.rec.vpc_no.clone())
        .unwrap_or_default()
}

/// The private IP an interface gets in `subnet`: the one asked for (inside the subnet, free), or the
/// next free one.
pub fn address(state: &State, subnet: &Subnet, asked: Option<&str>) -> Result<String, ApiFault> {
    let no = subnet.subnet_no.as_deref().unwrap_or_default();
    let block = subnet
        .subnet
        .as_deref()
        .and_then(Cidr::parse)
        .ok_or_else(|| faults::address_conflict(format!("The subnet {no} has no address block.")))?;
    let taken = taken_in(state, no);
    match asked {
        Some(text) => {
            let ip = net::parse_ip(text)
                .filter(|ip| net::host_of(block, *ip))
                .ok_or_else(|| {
                    faults::address_conflict(format!("The IP {text} is not a host address of subnet {no} ({block})."))
                })?;
            if taken.contains(&ip) {
                return Err(faults::address_conflict(format!(
                    "The IP {text} is already in use in subnet {no}."
                )));
            }
            Ok(text.trim().to_string())
        }
        None => net::free_hosts(block, &taken, 1)
            .first()
            .map(|ip| net::ip_text(*ip))
            .ok_or_else(|| faults::limit(&format!("addresses of subnet {no}"), block.size() as usize)),
    }
}

/// A subnet of `vpc_no` that servers can use (general use, in a state `action` takes it in).
pub fn usable_subnet(state: &State, no: &str, vpc_no: &str, region: &str, action: &str) -> Result<Subnet, ApiFault> {
    let e = state.vpc.subnets.found(no, Some(region))?;
    if !is(&e.rec.vpc_no, vpc_no) {
        return Err(faults::mismatch(format!("The subnet {no} is not in VPC {vpc_no}.")));
    }
    e.permit(action)?;
    if !code_in(&e.rec.usage_type, &["GEN".into()]) {
        return Err(faults::mismatch(format!(
            "The subnet {no} is not a general-use subnet (usage {}).",
            c(&e.rec.usage_type)
        )));
    }
    Ok(e.rec.clone())
}

/// A new, unattached interface record (number taken, address given by the caller).
pub fn new_nic(state: &mut State, subnet: &Subnet, ip: String, groups: Vec<String>, region: &str) -> NetworkInterface {
    let no = state.next_id();
    let tail: u64 = no.parse().unwrap_or(0);
    NetworkInterface {
        network_interface_name: Some(format!("nic-{no}")),
        subnet_no: subnet.subnet_no.clone(),
        delete_on_termination: Some(false),
        is_default: Some(false),
        network_interface_status: Some(Kind::NetworkInterface.status_code("NOTUSED")),
        ip: Some(ip),
        mac_address: Some(format!(
            "F2:20:{:02X}:{:02X}:{:02X}:{:02X}",
            (tail >> 24) & 0xff,
            (tail >> 16) & 0xff,
            (tail >> 8) & 0xff,
            tail & 0xff
        )),
        access_control_group_no_list: Some(groups),
        network_interface_description: Some(String::new()),
        secondary_ip_list: Some(Vec::new()),
        enable_flow_log: Some(false),
        region_code: Some(region.to_string()),
        network_interface_no: Some(no),
        ..NetworkInterface::default()
    }
}

/// Marks an interface as attached to a server (the caller runs its attach plan).
pub fn mark_attached(nic: &mut NetworkInterface, server_no: &str, device: &str, default: bool) {
    nic.instance_type = Some(Code::new("VSVR", "VPC Server"));
    nic.instance_no = Some(server_no.to_string());
    nic.device_name = Some(device.to_string());
    nic.is_default = Some(default);
}

/// The groups a request names for an interface: 1 to 3, of the VPC.
pub fn checked_groups(state: &State, groups: &[String], vpc_no: &str, region: &str) -> Result<(), ApiFault> {
    if groups.len() > MAX_GROUPS {
        return Err(faults::limit("access control groups per network interface", MAX_GROUPS));
    }
    super::acgs::check_groups(state, groups, vpc_no, region)
}

/// `getNetworkInterfaceList`: a look-up but for the names of the interface's server and subnet, and
/// any of its secondary IPs.
pub fn get_network_interface_list(cx: &mut Cx<'_>) -> Answer {
    lookup::answer_where(cx, |state, p, n: &NetworkInterface| {
        let server = || state.vpc.servers.text_of(&n.instance_no, |r| &r.server_name);
        let subnet = || state.vpc.subnets.text_of(&n.subnet_no, |r| &r.subnet_name);
        let secondary = p.list("secondaryIpList");
        (secondary.is_empty() || n.secondary_ip_list.iter().flatten().any(|ip| secondary.contains(ip)))
            && p.str("serverName").is_none_or(|x| server() == Some(x))
            && p.str("subnetName").is_none_or(|x| subnet() == Some(x))
    })
}

/// The next free `ethN` of a server.
fn next_device(state: &State, server_no: &str) -> String {
    let used: Vec<String> = state
        .vpc
        .network_interfaces
        .iter()
        .filter(|e| is(&e.rec.instance_no, server_no))
        .filter_map(|e| e.rec.device_name.clone())
        .collect();
    (0..)
        .map(|i| format!("eth{i}"))
        .find(|d| !used.contains(d))
        .unwrap_or_else(|| "eth0".into())
}

fn attach_to(
    state: &mut State,
    nic_no: &str,
    server: &ServerInstance,
    region: &str,
    now: Instant,
) -> Result<Value, ApiFault> {
    let server_no = server.server_instance_no.clone().unwrap_or_default();
    let max = super::lookups::spec_of(
        state,
        region,
        server.server_product_code.as_deref(),
        server.server_spec_code.as_deref(),
    )
    .and_then(|s| s.network_interface_max_count)
    .unwrap_or(3) as usize;
    let have = server.network_interface_no_list.as_ref().map_or(0, Vec::len);
    if have >= max {
        return Err(faults::limit("network interfaces per server", max));
    }
    let device = next_device(state, &server_no);
    let settings = state.settings.clone();
    if let Some(e) = state.vpc.servers.find_mut(&server_no, Some(region)) {
        e.rec
            .network_interface_no_list
            .get_or_insert_with(Vec::new)
            .push(nic_no.to_string());
    }
    let e = state.vpc.network_interfaces.found_mut(nic_no, Some(region))?;
    mark_attached(&mut e.rec, &server_no, &device, false);
    e.begin(now, "attachNetworkInterface").advance(now, &settings);
    Ok(e.wire())
}

/// `createNetworkInterface`: unattached (`NOTUSED`), or attached at once to the server given.
pub fn create_network_interface(cx: &mut Cx<'_>) -> Answer {
    let (p, region, now) = cx.start();
    let state = &mut *cx.state;
    let vpc_no = p.text("vpcNo");
    let action = cx.action.name;
    vpc::vpcs::running(state, &vpc_no, &region, action)?;
    let subnet = usable_subnet(state, p.str("subnetNo").unwrap_or_default(), &vpc_no, &region, action)?;
    let groups = p.list("accessControlGroupNoList");
    checked_groups(state, &groups, &vpc_no, &region)?;
    let server = match p.str("serverInstanceNo") {
        Some(no) => {
            let server = super::found::server_at_rest(state, no, &region, action)?.rec.clone();
            if !is(&server.vpc_no, &vpc_no) || server.zone_code != subnet.zone_code {
                return Err(faults::mismatch(format!(
                    "The server instance {no} is not in the VPC and zone of subnet {}.",
                    s(&subnet.subnet_no)
                )));
            }
            Some(server)
        }
        None => None,
    };
    if let Some(name) = p.str("networkInterfaceName") {
        state.vpc.network_interfaces.name_free(name, Some(&region), None)?;
    }
    let ip = address(state, &subnet, p.str("ip"))?;
    let mut nic = new_nic(state, &subnet, ip, groups, &region);
    if let Some(name) = p.str("networkInterfaceName") {
        nic.network_interface_name = Some(name.to_string());
    }
    nic.network_interface_description = Some(p.str("networkInterfaceDescription").unwrap_or("").to_string());
    let no = nic.network_interface_no.clone().unwrap_or_default();
    state.create(nic, now, action);
    super::secondary_ips::assign(
        state,
        &no,
        &subnet,
        &p.list("secondaryIpList"),
        p.int("secondaryIpCount"),
        false,
        &region,
    )?;
    one(
        cx.action,
        match server {
            Some(s) => attach_to(state, &no, &s, &region, now)?,
            None => find(state, &no, &region)?.wire(),
        },
    )
}

/// `deleteNetworkInterface`: an unattached interface.
pub fn delete_network_interface(cx: &mut Cx<'_>) -> Answer {
    let (p, region, _) = cx.start();
    let no = p.text("networkInterfaceNo");
    let e = find(cx.state, &no, &region)?;
    if let Some(server) = e.rec.instance_no.as_deref().filter(|s| !s.is_empty()) {
        return Err(faults::in_use(
            Kind::NetworkInterface,
            &no,
            &format!("server instance {server}"),
        ));
    }
    e.permit(cx.action.name)?;
    let now = cx.now;
    cx.state.vpc.flow_logs.retain(|f| !is(&f.network_interface_no, &no));
    let e = cx.state.vpc.network_interfaces.found_mut(&no, Some(&region))?;
    one(cx.action, e.begin(now, cx.action.name).wire())
}

/// `attachNetworkInterface`: an unattached interface of the subnet named, to a stopped server of its
/// VPC and zone.
pub fn attach_network_interface(cx: &mut Cx<'_>) -> Answer {
    let (p, region, now) = cx.start();
    let state = &mut *cx.state;
    let no = p.text("networkInterfaceNo");
    let nic = state
        .vpc
        .network_interfaces
        .usable(&no, Some(&region), cx.action.name)?;
    let subnet_no = p.str("subnetNo").unwrap_or_default();
    if !is(&nic.rec.subnet_no, subnet_no) {
        return Err(faults::mismatch(format!(
            "The network interface {no} is not in subnet {subnet_no}."
        )));
    }
    let subnet = state.vpc.subnets.found(subnet_no, Some(&region))?.rec.clone();
    let server_no = p.str("serverInstanceNo").unwrap_or_default();
    let server = super::found::server_at_rest(state, server_no, &region, cx.action.name)?
        .rec
        .clone();
    if server.vpc_no != subnet.vpc_no || server.zone_code != subnet.zone_code {
        return Err(faults::mismatch(format!(
            "The server instance {} is not in the VPC and zone of subnet {subnet_no}.",
            s(&server.server_instance_no)
        )));
    }
    one(cx.action, attach_to(state, &no, &server, &region, now)?)
}

/// `detachNetworkInterface`: from its stopped server, not the server's default interface.
pub fn detach_network_interface(cx: &mut Cx<'_>) -> Answer {
    let (p, region, now) = cx.start();
    let state = &mut *cx.state;
    let no = p.text("networkInterfaceNo");
    let server_no = p.text("serverInstanceNo");
    let nic = find(state, &no, &region)?;
    if !is(&nic.rec.instance_no, &server_no) || !is(&nic.rec.subnet_no, p.str("subnetNo").unwrap_or_default()) {
        return Err(faults::mismatch(format!(
            "The network interface {no} is not attached to server instance {server_no} in that subnet."
        )));
    }
    if nic.rec.is_default == Some(true) {
        return Err(faults::unsupported(format!(
            "The default network interface ({no}, eth0) of a server cannot be detached."
        )));
    }
    nic.permit(cx.action.name)?;
    super::found::server_at_rest(state, &server_no, &region, cx.action.name)?;
    let settings = state.settings.clone();
    if let Some(e) = state.vpc.servers.find_mut(&server_no, Some(&region)) {
        if let Some(list) = e.rec.network_interface_no_list.as_mut() {
            list.retain(|n| *n != no);
        }
    }
    let e = state.vpc.network_interfaces.found_mut(&no, Some(&region))?;
    e.begin(now, cx.action.name).then(|n| {
        n.instance_no = None;
        n.instance_type = None;
        n.device_name = None;
    });
    e.advance(now, &settings);
    one(cx.action, e.wire())
}

fn change_groups(cx: &mut Cx<'_>, add: bool) -> Answer {
    let (p, region, _) = cx.start();
    let state = &mut *cx.state;
    let no = p.text("networkInterfaceNo");
    let nic = state
        .vpc
        .network_interfaces
        .usable(&no, Some(&region), cx.action.name)?;
    let vpc_no = vpc_of(state, &nic.rec);
    let given = p.list("accessControlGroupNoList");
    let mut groups = nic.rec.access_control_group_no_list.clone().unwrap_or_default();
    if add {
        super::acgs::check_groups(state, &given, &vpc_no, &region)?;
        for g in given {
            if groups.contains(&g) {
                return Err(faults::address_conflict(format!(
                    "The access control group {g} is already on network interface {no}."
                )));
            }
            groups.push(g);
        }
        if groups.len() > MAX_GROUPS {
            return Err(faults::limit("access control groups per network interface", MAX_GROUPS));
        }
    } else {
        for g in &given {
            if !groups.contains(g) {
                return Err(faults::mismatch(format!(
                    "The access control group {g} is not on network interface {no}."
                )));
            }
        }
        groups.retain(|g| !given.contains(g));
        if groups.is_empty() {
            return Err(faults::unsupported(format!(
                "A network interface keeps at least one access control group ({no})."
            )));
        }
    }
    let e = state.vpc.network_interfaces.found_mut(&no, Some(&region))?;
    e.rec.access_control_group_no_list = Some(groups);
    one(cx.action, e.wire())
}

/// `addNetworkInterfaceAccessControlGroup` (3 groups at most).
pub fn add_network_interface_access_control_group(cx: &mut Cx<'_>) -> Answer {
    change_groups(cx, true)
}

/// `removeNetworkInterfaceAccessControlGroup` (one group stays).
pub fn remove_network_interface_access_control_group(cx: &mut Cx<'_>) -> Answer {
    change_groups(cx, false)
}
