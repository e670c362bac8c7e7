//! What the VPC server API's handlers start from, below them all: a server or a network interface
//! found in its region (the kind's not-found code otherwise), a server at rest for an action (as its
//! life says), the addresses a subnet has given out (the VPC network API's, which counts NAT
//! gateways' too).

use crate::emulator::handler::prelude::*;

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

pub use crate::emulator::vpc::subnets::taken_in;
