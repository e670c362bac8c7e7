//! What the VPC server API's handlers start from, below them all: a server or a network interface
//! found in its region (the kind's not-found code otherwise), a server at rest for an action (as its
//! life says), the addresses a subnet has given out.

use crate::emulator::handler::prelude::*;
use crate::emulator::vpc::net;
use std::collections::HashSet;

/// A server of the region (the kind's not-found code otherwise).
pub fn server<'a>(state: &'a State, no: &str, region: &str) -> Result<&'a Entry<ServerInstance>, ApiFault> {
    state.vpc.servers.found(no, Some(region))
}

/// A server (not being terminated: `24120` otherwise) that `action` may act on now, as its life says.
pub fn server_at_rest<'a>(
    state: &'a State,
    no: &str,
    region: &str,
    action: &str,
) -> Result<&'a Entry<ServerInstance>, ApiFault> {
    let e = state.vpc.servers.live(no, Some(region))?;
    e.permit(action)?;
    Ok(e)
}

/// An interface of the region, not being deleted (`10404` otherwise).
pub fn nic<'a>(state: &'a State, no: &str, region: &str) -> Result<&'a Entry<NetworkInterface>, ApiFault> {
    state.vpc.network_interfaces.live(no, Some(region))
}

/// The addresses of a subnet already given to interfaces (primary and secondary).
pub fn taken_in(state: &State, subnet_no: &str) -> HashSet<u32> {
    state
        .vpc
        .network_interfaces
        .iter()
        .filter(|e| is(&e.rec.subnet_no, subnet_no))
        .flat_map(|e| e.rec.ip.iter().chain(e.rec.secondary_ip_list.iter().flatten()))
        .filter_map(|ip| net::parse_ip(ip))
        .collect()
}
