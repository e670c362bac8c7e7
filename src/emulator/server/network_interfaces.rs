//! Classic network interfaces (private subnets' second NICs): created in a private subnet with an IP of
//! it (`25038` for one outside it or taken), attached to and detached from a server of the subnet's
//! zone (`25042` for another), deleted once detached (`25035` otherwise). `statusCode` is `NOTUSED` free, `USED` attached, `SET`/`UNSET` while
//! (de)attached. These actions answer nothing besides the envelope.

use super::common;
use crate::emulator::handler::prelude::*;

fn found<'a>(state: &'a State, no: &str) -> Result<&'a Entry<ClassicNetworkInterface>, ApiFault> {
    state.classic.network_interfaces.live(no, None)
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
    let ip = p.text("networkInterfaceIp");
    let name = p.text("networkInterfaceName");
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
    nics.name_free(&name, None, None)?;
    let server = match p.str("serverInstanceNo") {
        Some(s) => Some(common::server_at_rest(state, s, cx.action.name)?.rec.no().to_string()),
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
    match server {
        Some(_) => e.begin(now, "createNetworkInterface#attached"),
        None => e.begin(now, cx.action.name),
    };
    state.classic.network_interfaces.push(e);
    Ok(Fields::new())
}

/// `deleteNetworkInterface`: a detached interface.
pub fn delete_network_interface(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let no = p.text("networkInterfaceNo");
    let e = found(cx.state, &no)?;
    if let Some(s) = &e.rec.server_instance_no {
        return Err(faults::in_use(
            Kind::ClassicNetworkInterface,
            &no,
            &format!("server {s}"),
        ));
    }
    e.permit(cx.action.name)?;
    let now = cx.now;
    if let Some(e) = cx.state.classic.network_interfaces.find_mut(&no, None) {
        e.begin(now, cx.action.name);
    }
    Ok(Fields::new())
}

/// `attachNetworkInterface`: a free interface, to a running or stopped server of its zone.
pub fn attach_network_interface(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let no = p.text("networkInterfaceNo");
    let server_no = p.text("serverInstanceNo");
    let e = found(cx.state, &no)?;
    if e.rec.server_instance_no.is_some() {
        return Err(faults::not_now(Kind::ClassicNetworkInterface, &no, e.rec.status()));
    }
    e.permit(cx.action.name)?;
    let zone = common::zone_no(&e.rec.zone).map(str::to_string);
    let server = common::server_at_rest(cx.state, &server_no, cx.action.name)?;
    if zone.is_some() && common::zone_no(&server.rec.zone).map(str::to_string) != zone {
        return Err(faults::mismatch(format!(
            "The network interface {no} and the server {server_no} are in different zones."
        )));
    }
    let now = cx.now;
    if let Some(e) = cx.state.classic.network_interfaces.find_mut(&no, None) {
        e.rec.server_instance_no = Some(server_no);
        e.begin(now, cx.action.name);
    }
    Ok(Fields::new())
}

/// `detachNetworkInterface`: from the server it is attached to.
pub fn detach_network_interface(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let no = p.text("networkInterfaceNo");
    let server_no = p.text("serverInstanceNo");
    let e = found(cx.state, &no)?;
    if !is(&e.rec.server_instance_no, &server_no) {
        return Err(faults::not_now(Kind::ClassicNetworkInterface, &no, e.rec.status()));
    }
    e.permit(cx.action.name)?;
    let now = cx.now;
    if let Some(e) = cx.state.classic.network_interfaces.find_mut(&no, None) {
        e.begin(now, cx.action.name).then(|n| n.server_instance_no = None);
    }
    Ok(Fields::new())
}
