//! VPC network API (`/vpc/v2`): the actions a launch needs, VPCs and subnets, one module per `group`
//! of `model/vpc.toml` (see `handler.rs`); [`net`] holds the address arithmetic the VPC server API uses
//! too. Every call belongs to a region (`regionCode`, the first region when absent); a subnet belongs
//! to the region of its VPC.

pub mod defaults;
pub mod net;
pub mod subnets;
pub mod vpcs;

use crate::emulator::faults::{self, ApiFault};
use crate::emulator::state::{Resource, State, Store};

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

/// The name of a new record: the one given, or a random one with `prefix`; refused (`10300`) while
/// another record of `store` in `region` holds it.
pub fn new_name<T: Resource>(
    state: &mut State,
    store: fn(&State) -> &Store<T>,
    given: Option<&str>,
    prefix: &str,
    region: &str,
) -> Result<String, ApiFault> {
    let name = given.map_or_else(|| auto_name(state, prefix), str::to_string);
    store(state).name_free(&name, Some(region), None)?;
    Ok(name)
}

/// The name of a new record of `store` among its siblings (the records `sibling` keeps: of its VPC,
/// or of its region; not being deleted): refused beyond `max` of them (`25036`, naming them `what`),
/// and while one holds the name (`10300`); the name given, or a random one with `prefix`.
pub fn sibling_name<T: Resource>(
    state: &mut State,
    store: fn(&State) -> &Store<T>,
    sibling: impl Fn(&T) -> bool,
    (what, max): (&str, usize),
    given: Option<&str>,
    prefix: &str,
) -> Result<String, ApiFault> {
    let name = given.map_or_else(|| auto_name(state, prefix), str::to_string);
    let siblings = store(state).live_where(sibling);
    if siblings.len() >= max {
        return Err(faults::limit(what, max));
    }
    if siblings.iter().any(|r| r.name() == name) {
        return Err(faults::name_in_use(&name));
    }
    Ok(name)
}

#[cfg(test)]
pub mod tests;
