//! VPC network API (`/vpc/v2`): the actions a launch needs, VPCs and subnets, one module per `group`
//! of `model/vpc.toml` (see `handler.rs`); [`net`] holds the address arithmetic the VPC server API uses
//! too. Every call belongs to a region (`regionCode`, the first region when absent); a subnet belongs
//! to the region of its VPC.

pub mod net;
pub mod subnets;
pub mod vpcs;

use crate::emulator::state::{Resource, State};

/// What a record is doing, for a refusal's message: its status name, or its status code for the
/// kinds without one (VPCs, subnets, interfaces ...).
pub fn phase_of<T: Resource>(r: &T) -> &str {
    match r.status_name() {
        "" => r.status(),
        name => name,
    }
}

/// A name NCP would generate: the prefix and 12 random lower-case hex digits (from the emulator's
/// seed).
pub fn auto_name(state: &mut State, prefix: &str) -> String {
    let hex: String = (0..12)
        .map(|_| char::from_digit(state.rng.u32(0..16), 16).unwrap_or('0'))
        .collect();
    format!("{prefix}-{hex}")
}

#[cfg(test)]
pub mod tests;
