//! `geoLocation`: the place of a public IP address, from the scenario's networks (`table.rs`). Rules
//! from NCP's API reference: `ip` required, `ext` `t` | `f` (`t` adds `r3`, `lat`, `long`, `net`),
//! `enc` `utf8` | `euckr`. An address that is not one is refused (`901`); one the table does not place
//! (a private one, say) is answered with empty fields, the emulator's own choice.

use super::table::find;
use crate::emulator::handler::prelude::*;
use serde_json::Map;

/// `geoLocation`
pub fn geo_location(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let text = p.str("ip").unwrap_or_default().trim();
    let ip = text
        .parse::<std::net::IpAddr>()
        .map_err(|_| faults::invalid_param(&format!("'ip' must be an IPv4 or IPv6 address, got '{text}'")))?;
    let ext = p.str("ext").is_some_and(|e| e.eq_ignore_ascii_case("t"));
    let found = find(&cx.state.classic.geo_locations, ip);
    let text_of = |f: Option<&Option<String>>| Value::String(f.and_then(Option::clone).unwrap_or_default());
    let mut place = Map::new();
    place.insert("country".into(), text_of(found.map(|n| &n.country)));
    place.insert("code".into(), text_of(found.map(|n| &n.code)));
    place.insert("r1".into(), text_of(found.map(|n| &n.r1)));
    place.insert("r2".into(), text_of(found.map(|n| &n.r2)));
    if ext {
        place.insert("r3".into(), text_of(found.map(|n| &n.r3)));
        for (key, v) in [("lat", found.and_then(|n| n.lat)), ("long", found.and_then(|n| n.long))] {
            if let Some(v) = v {
                place.insert(key.into(), Value::from(v));
            }
        }
        place.insert("net".into(), text_of(found.map(|n| &n.net)));
    }
    let mut f = Fields::new();
    f.insert("geoLocation".into(), Value::Object(place));
    Ok(f)
}
