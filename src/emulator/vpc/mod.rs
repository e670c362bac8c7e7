//! VPC network API (`/vpc/v2`, all 47 actions): VPCs, subnets, route tables and their routes, NAT
//! gateways, VPC peerings, network ACLs with their rules and deny-allow groups, one module per `group`
//! of `model/vpc.toml` (see `handler.rs`; the look-ups are by convention and have none); [`net`] holds
//! the address arithmetic the VPC server API uses too. Every call belongs to a region (`regionCode`,
//! the first region when absent); a subnet, a NAT gateway, a network ACL belong to the region of their
//! VPC.

pub mod defaults;
pub mod deny_allow_groups;
pub mod nat_gateways;
pub mod net;
pub mod network_acls;
pub mod peerings;
pub mod route_tables;
pub mod subnets;
pub mod vpcs;

use crate::emulator::faults::{self, ApiFault};
use crate::emulator::handler::{self, one, Answer, Cx, ParamsExt};
use crate::emulator::model::{s, Kind, Subnet, Vpc};
use crate::emulator::rules::Params;
use crate::emulator::state::{Entry, Resource, State, Store, Stored};

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

/// The VPC `vpcNo` names, which must run, and the name a new record of `T` takes among that VPC's
/// records of its kind (`vpc_of` says whose a record is): the parameter `name`'s value, or one made
/// from `prefix`, at most `limit` of them (see [`sibling_name`]).
pub fn in_running_vpc<T: Stored>(
    cx: &mut Cx<'_>,
    p: &Params,
    (name, prefix): (&str, &str),
    vpc_of: fn(&T) -> &Option<String>,
    limit: (&str, usize),
) -> Result<(Vpc, String), ApiFault> {
    let (vpc_no, region) = (p.text("vpcNo"), cx.region().to_string());
    let vpc = vpcs::running(cx.state, &vpc_no, &region, cx.action.name)?.rec.clone();
    let sibling = |r: &T| handler::is(vpc_of(r), &vpc_no);
    let name = sibling_name(cx.state, T::store, sibling, limit, p.str(name), prefix)?;
    Ok((vpc, name))
}

/// The number the parameter `id` gives, of a record of `T` the action may act on now (see
/// [`usable`]).
pub fn usable_no<T: Stored>(cx: &mut Cx<'_>, id: &str) -> Result<String, ApiFault> {
    let no = cx.start().0.text(id);
    usable::<T>(cx.state, &no, cx.region(), cx.action.name)?;
    Ok(no)
}

/// The VPC `vpcNo` names, which must run, and the name a new record of `T` takes, free in the
/// region: the parameter `name`'s value, or one made from `prefix` (see [`new_name`]).
pub fn named_in_vpc<T: Stored>(
    cx: &mut Cx<'_>,
    p: &Params,
    (name, prefix): (&str, &str),
) -> Result<(Vpc, String), ApiFault> {
    let (vpc_no, region) = (p.text("vpcNo"), cx.region().to_string());
    let vpc = vpcs::running(cx.state, &vpc_no, &region, cx.action.name)?.rec.clone();
    Ok((vpc, new_name(cx.state, T::store, p.str(name), prefix, &region)?))
}

/// A new record the call makes, of the call's region, as its kind's life starts it; the answer
/// lists it.
pub fn made<T: Stored + 'static>(cx: &mut Cx<'_>, rec: T) -> Answer {
    let region = cx.region().to_string();
    let e = cx.state.create(rec, cx.now, cx.action.name);
    e.region = Some(region);
    one(cx.action, e.wire())
}

/// A record of `T` its delete action may take now: usable, not one its VPC made (`isDefault`: it goes
/// with the VPC), used by no subnet (`25035` otherwise).
pub fn deletable<T: Stored>(
    cx: &Cx<'_>,
    no: &str,
    is_default: fn(&T) -> Option<bool>,
    uses: impl Fn(&Subnet) -> bool,
) -> Result<(), ApiFault> {
    let e = usable::<T>(cx.state, no, cx.region(), cx.action.name)?;
    if is_default(&e.rec) == Some(true) {
        let why = format!("its VPC (a default {} goes with it)", T::KIND.label());
        return Err(faults::in_use(T::KIND, no, &why));
    }
    match holds(cx.state, uses) {
        Some(by) => Err(faults::in_use(T::KIND, no, &by)),
        None => Ok(()),
    }
}

/// A record (of the call's region, not being deleted: its kind's not-found code otherwise) that
/// `action` may act on now, as its kind's life says.
pub fn usable<'a, T: Stored>(state: &'a State, no: &str, region: &str, action: &str) -> Result<&'a Entry<T>, ApiFault> {
    T::store(state).usable(no, Some(region), action)
}

/// `what` (a record of VPC `vpc`) is in VPC `want`, or the refusal for records that do not belong
/// together (`25042`).
pub fn same_vpc(vpc: &Option<String>, want: &str, what: &str) -> Result<(), ApiFault> {
    match handler::is(vpc, want) {
        true => Ok(()),
        false => Err(faults::mismatch(format!("The {what} is not in VPC {want}."))),
    }
}

/// The zone `zoneCode` names, a zone of the region (`901` otherwise).
pub fn zone_of(state: &State, p: &Params, region: &str) -> Result<String, ApiFault> {
    let zone = p.str("zoneCode").unwrap_or_default();
    let zones = &state.vpc.zones;
    match zones
        .iter()
        .any(|z| handler::is(&z.zone_code, zone) && handler::in_region(&z.region_code, region))
    {
        true => Ok(zone.to_string()),
        false => Err(faults::invalid_param(&format!(
            "'zoneCode' {zone} is not a zone of region {region}"
        ))),
    }
}

/// No route leads to the target (a NAT gateway, a peering) `no` of route target type `ty`: it is in
/// use otherwise (`25035`).
pub fn no_route_to(state: &State, kind: Kind, ty: &str, no: &str) -> Result<(), ApiFault> {
    let route = state
        .vpc
        .routes
        .iter()
        .find(|r| handler::code_in(&r.target_type, &[ty.to_string()]) && handler::is(&r.target_no, no));
    match route {
        Some(r) => Err(faults::in_use(
            kind,
            no,
            &format!("a route of route table {}", s(&r.route_table_no)),
        )),
        None => Ok(()),
    }
}

/// The record `no` (of the call's region) begins the action's transition, as its kind's life says;
/// the answer lists it.
pub fn begin<T: Stored + 'static>(cx: &mut Cx<'_>, no: &str) -> Answer {
    let (now, action, region) = (cx.now, cx.action.name, cx.region().to_string());
    let e = T::store_mut(cx.state).found_mut(no, Some(&region))?;
    one(cx.action, e.begin(now, action).wire())
}

/// A `set…Description` action: the record its `id` parameter names, in a state its life lets the
/// action act on, takes the description given ("" when none) at once.
pub fn describe<T: Stored>(cx: &mut Cx<'_>, id: &str, param: &str, set: impl FnOnce(&mut T, String)) -> Answer {
    let (p, region, _) = cx.start();
    let e = T::store_mut(cx.state).live_mut(&p.text(id), Some(&region))?;
    e.permit(cx.action.name)?;
    set(&mut e.rec, p.text(param));
    one(cx.action, e.wire())
}

/// The first record of `T` not being deleted that `keep` keeps, named for a refusal ("subnet 2001").
pub fn holds<T: Stored>(state: &State, keep: impl Fn(&T) -> bool) -> Option<String> {
    let label = T::KIND.label();
    T::store(state)
        .live_where(keep)
        .first()
        .map(|r| format!("{label} {}", r.no()))
}

#[cfg(test)]
pub mod tests;
#[cfg(test)]
mod tests_network;
