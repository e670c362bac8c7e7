//! Classic network interfaces (private subnets' second NICs): created in a private subnet with an IP of
//! it (`25038` for one outside it or taken), attached to and detached from a server of the subnet's
//! zone (`25042` for another), deleted once detached (`25035` otherwise). `statusCode` is `NOTUSED` free, `USED` attached, `SET`/`UNSET` while
//! (de)attached. These actions answer nothing besides the envelope.

use super::common;
use crate::emulator::handler::prelude::*;

fn found<'a>(state: &'a State, no: &str) -> Result<&'a Entry<ClassicNetworkInterface>, ApiFault> {
    state
        .classic
        .network_interfaces
        .find(no, None)
        .filter(|e| !e.terminating())
        .ok_or_else(|| faults::not_found(Kind::ClassicNetworkInterface, no))
}

/// Whether `ip` (IPv4) lies in `cidr` (`a.b.c.d/n`).
fn in_subnet(ip: &str, cidr: &str) -> bool {
    let parse = |t: &str| t.parse::<std::net::Ipv4Addr>().ok().map(u32::from);
    let Some((net, bits)) = cidr.split_once('/') else {
        return false;
    };
    let (Some(ip), Some(net), Ok(bits)) = (parse(ip), parse(net), bits.parse::<u32>()) else {
        return false;
    };
    let mask = if bits == 0 { 0 } else { u32::MAX << (32 - bits.min(32)) };
    ip & mask == net & mask
}

/// `createNetworkInterface`
pub fn create_network_interface(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let subnet_no = p.str("privateSubnetInstanceNo").unwrap_or_default();
    let ip = p.str("networkInterfaceIp").unwrap_or_default().to_string();
    let name = p.str("networkInterfaceName").unwrap_or_default().to_string();
    let now = cx.now;
    let state = &mut *cx.state;
    let subnet = state
        .classic
        .private_subnets
        .iter()
        .find(|s| is(&s.private_subnet_instance_no, subnet_no))
        .cloned()
        .ok_or_else(|| faults::product_not_found("private subnet", subnet_no))?;
    if !in_subnet(&ip, subnet.subnet.as_deref().unwrap_or_default()) {
        return Err(faults::address_conflict(format!(
            "The IP {ip} is not a host address of the subnet {}.",
            subnet.subnet.as_deref().unwrap_or_default()
        )));
    }
    let nics = &state.classic.network_interfaces;
    if nics
        .iter()
        .any(|e| is(&e.rec.network_interface_ip, &ip) && !e.terminating())
    {
        return Err(faults::address_conflict(format!(
            "The IP {ip} is in use by another network interface."
        )));
    }
    if nics
        .iter()
        .any(|e| is(&e.rec.network_interface_name, &name) && !e.terminating())
    {
        return Err(faults::name_in_use(&name));
    }
    let server = match p.str("serverInstanceNo") {
        Some(s) => Some(common::server_at_rest(state, s)?.rec.no().to_string()),
        None => None,
    };
    let rec = ClassicNetworkInterface {
        network_interface_no: Some(state.next_id()),
        network_interface_name: Some(name),
        network_interface_ip: Some(ip),
        network_interface_description: Some(p.str("networkInterfaceDescription").unwrap_or_default().into()),
        server_instance_no: server.clone(),
        status_code: None,
        region: subnet.region.clone(),
        zone: subnet.zone.clone(),
    };
    let mut e = Entry::new(rec, now);
    if server.is_some() {
        e.run(now, plans::network_interface::attach());
    } else {
        e.run(now, plans::network_interface::create());
    }
    state.classic.network_interfaces.push(e);
    Ok(Fields::new())
}

/// `deleteNetworkInterface`: a detached interface.
pub fn delete_network_interface(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let no = p.str("networkInterfaceNo").unwrap_or_default().to_string();
    let e = found(cx.state, &no)?;
    if let Some(s) = &e.rec.server_instance_no {
        return Err(faults::in_use(
            Kind::ClassicNetworkInterface,
            &no,
            &format!("server {s}"),
        ));
    }
    if e.busy() {
        return Err(faults::not_now(Kind::ClassicNetworkInterface, &no, e.rec.status()));
    }
    let now = cx.now;
    if let Some(e) = cx.state.classic.network_interfaces.find_mut(&no, None) {
        e.run(now, plans::network_interface::delete());
    }
    Ok(Fields::new())
}

/// `attachNetworkInterface`: a free interface, to a running or stopped server of its zone.
pub fn attach_network_interface(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let no = p.str("networkInterfaceNo").unwrap_or_default().to_string();
    let server_no = p.str("serverInstanceNo").unwrap_or_default().to_string();
    let e = found(cx.state, &no)?;
    if e.rec.server_instance_no.is_some() || e.busy() {
        return Err(faults::not_now(Kind::ClassicNetworkInterface, &no, e.rec.status()));
    }
    let zone = common::zone_no(&e.rec.zone).map(str::to_string);
    let server = common::server_at_rest(cx.state, &server_no)?;
    if zone.is_some() && common::zone_no(&server.rec.zone).map(str::to_string) != zone {
        return Err(faults::mismatch(format!(
            "The network interface {no} and the server {server_no} are in different zones."
        )));
    }
    let now = cx.now;
    if let Some(e) = cx.state.classic.network_interfaces.find_mut(&no, None) {
        e.rec.server_instance_no = Some(server_no);
        e.run(now, plans::network_interface::attach());
    }
    Ok(Fields::new())
}

/// `detachNetworkInterface`: from the server it is attached to.
pub fn detach_network_interface(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let no = p.str("networkInterfaceNo").unwrap_or_default().to_string();
    let server_no = p.str("serverInstanceNo").unwrap_or_default().to_string();
    let e = found(cx.state, &no)?;
    if !is(&e.rec.server_instance_no, &server_no) || e.busy() {
        return Err(faults::not_now(Kind::ClassicNetworkInterface, &no, e.rec.status()));
    }
    let now = cx.now;
    if let Some(e) = cx.state.classic.network_interfaces.find_mut(&no, None) {
        e.run(
            now,
            plans::network_interface::detach(|n: &mut ClassicNetworkInterface| n.server_instance_no = None),
        );
    }
    Ok(Fields::new())
}
