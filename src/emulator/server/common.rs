//! What the Classic handlers share: the call's region (Classic calls name it by `regionNo`, `1` when
//! absent), zones, finding servers, private IPs.

use crate::emulator::handler::prelude::*;

/// The region a Classic creation belongs to: `regionNo` given, else `1` (Korea), NCP's default.
pub fn region_no(cx: &Cx<'_>) -> String {
    match cx.region() {
        "" => "1".to_string(),
        r => r.to_string(),
    }
}

/// The region record of a number (`regionNo` only when the fixture has none).
pub fn region(state: &State, no: &str) -> ClassicRegion {
    state
        .classic
        .regions
        .iter()
        .find(|r| is(&r.region_no, no))
        .cloned()
        .unwrap_or_else(|| ClassicRegion {
            region_no: Some(no.to_string()),
            ..ClassicRegion::default()
        })
}

/// The zone a creation goes to: `zoneNo` when given (it must exist), else the region's first zone.
pub fn zone(state: &State, region_no: &str, given: Option<&str>) -> Result<ClassicZone, ApiFault> {
    let zones = &state.classic.zones;
    match given {
        Some(no) => zones
            .iter()
            .find(|z| is(&z.zone_no, no))
            .cloned()
            .ok_or_else(|| faults::product_not_found("zone", no)),
        None => zones
            .iter()
            .find(|z| z.region_no.as_deref().is_none_or(|r| r == region_no))
            .cloned()
            .ok_or_else(|| faults::product_not_found("zone of region", region_no)),
    }
}

/// The port-forwarding public IP of a zone (its configuration's), empty when the zone has none.
pub fn zone_port_forwarding_ip(state: &State, zone: &ClassicZone) -> String {
    state
        .classic
        .port_forwarding_configurations
        .iter()
        .find(|c| c.zone.as_ref().is_some_and(|z| z.zone_no == zone.zone_no))
        .and_then(|c| c.port_forwarding_public_ip.clone())
        .unwrap_or_default()
}

/// A live server (not being terminated) by number: `24120` otherwise.
pub fn server<'a>(state: &'a State, no: &str) -> Result<&'a Entry<ClassicServerInstance>, ApiFault> {
    state.classic.servers.live(no, None)
}

/// A server that can take a change of its attachments (storage, IPs, interfaces) by `action` now, as
/// its life says (running or stopped, no operation running on it).
pub fn server_at_rest<'a>(
    state: &'a State,
    no: &str,
    action: &str,
) -> Result<&'a Entry<ClassicServerInstance>, ApiFault> {
    let e = server(state, no)?;
    e.permit(action)?;
    Ok(e)
}

/// A private IP in NCP's Classic range (`10.x.x.x`), drawn from the emulator's seed.
pub fn private_ip(rng: &mut fastrand::Rng) -> String {
    format!("10.{}.{}.{}", rng.u8(32..128), rng.u8(0..=255), rng.u8(2..255))
}

/// A zone's number.
pub fn zone_no(z: &Option<ClassicZone>) -> Option<&str> {
    z.as_ref().and_then(|z| z.zone_no.as_deref())
}

/// A record's region number.
pub fn region_of(r: &Option<ClassicRegion>) -> Option<&str> {
    r.as_ref().and_then(|r| r.region_no.as_deref())
}

/// Keeps the records whose region (zone) is the one asked for (none asked: all).
pub fn in_place(region: &Option<ClassicRegion>, zone: &Option<ClassicZone>, p: &Params) -> bool {
    p.str("regionNo")
        .is_none_or(|r| region_of(region).is_none_or(|x| x == r))
        && p.str("zoneNo").is_none_or(|z| zone_no(zone).is_none_or(|x| x == z))
}

/// Sorts answers by a field's text when `sortedBy` names it, reversed for `descending`.
pub fn sort(items: &mut [Value], p: &Params) {
    if let Some(field) = p.str("sortedBy") {
        let key = |v: &Value| v.get(field).map(|x| x.to_string()).unwrap_or_default();
        items.sort_by_key(key);
    }
    if p.str("sortingOrder")
        .is_some_and(|o| o.eq_ignore_ascii_case("descending"))
    {
        items.reverse();
    }
}
