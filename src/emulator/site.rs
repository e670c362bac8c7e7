//! The emulator playing one of NCP's sites (`startEmulator({ site })`): the regions and zones it lists
//! and the codes its default records name (`fixtures/sites.json`), and the hosts it answers on: a
//! request sent to one of NCP's hosts is served only when that host is where the emulator's site
//! serves the API (as a gateway would), so that a client that picks the wrong host is caught; a
//! request to any other name (the emulator's own address, `*.localhost`) is served for every API.

use crate::catalog::{Api, APIS};
use crate::site::{Site, SITES};
use serde_json::Value;

static SITES_FIXTURE: &str = include_str!("../../fixtures/sites.json");

/// The default state (`doc`, fixtures/emulator.json) as `site` has it.
pub fn play(doc: &mut Value, site: Site) -> Result<(), String> {
    if site == Site::Public {
        return Ok(());
    }
    let all: Value = serde_json::from_str(SITES_FIXTURE).map_err(|e| format!("fixtures/sites.json: {e}"))?;
    let own = all
        .get(site.name())
        .ok_or_else(|| format!("fixtures/sites.json has no '{}'", site.name()))?;
    let codes = own.get("codes").and_then(Value::as_object).cloned().unwrap_or_default();
    rename(doc, &|code: &str| {
        codes.get(code).and_then(Value::as_str).map(str::to_string)
    });
    for platform in ["vpc", "classic"] {
        for list in ["regions", "zones"] {
            if let (Some(given), Some(slot)) = (own.pointer(&format!("/{platform}/{list}")), doc.get_mut(platform)) {
                slot[list] = given.clone();
            }
        }
    }
    Ok(())
}

/// Renames region and zone codes wherever records name them (`regionCode`, `zoneCode`, `zoneName`,
/// `zoneCodeList`), never other text (a geolocation's `country: "KR"` stays).
fn rename(v: &mut Value, to: &dyn Fn(&str) -> Option<String>) {
    match v {
        Value::Object(map) => {
            for (k, item) in map.iter_mut() {
                match (k.as_str(), &mut *item) {
                    ("regionCode" | "zoneCode" | "zoneName", Value::String(s)) => {
                        if let Some(n) = to(s) {
                            *s = n;
                        }
                    }
                    ("zoneCodeList", Value::Array(list)) => {
                        for z in list.iter_mut() {
                            if let Some(n) = z.as_str().and_then(to) {
                                *z = Value::String(n);
                            }
                        }
                    }
                    _ => rename(item, to),
                }
            }
        }
        Value::Array(list) => list.iter_mut().for_each(|i| rename(i, to)),
        _ => {}
    }
}

/// Why a request to `host` (a `Host` header, port and all) must not reach `api` on an emulator playing
/// `site`, or `None` when it may.
pub fn refusal(site: Site, host: Option<&str>, api: &Api) -> Option<String> {
    let host = host?;
    let name = match host.rsplit_once(':') {
        Some((n, port)) if !n.ends_with(']') || port.chars().all(|c| c.is_ascii_digit()) => n,
        _ => host,
    }
    .to_ascii_lowercase();
    let ncp = SITES
        .into_iter()
        .any(|s| APIS.iter().any(|a| a.hosts[s.index()] == name));
    let own = api.hosts[site.index()];
    (ncp && name != own).then(|| {
        format!(
            "{name} does not serve {} on {} (this emulator plays it: {} is served on {own})",
            api.prefix,
            site.title(),
            api.prefix
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::generated::{API_GEOLOCATION, API_VSERVER};
    use crate::emulator::state::{resolve_site_fixture, DEFAULT_FIXTURE};

    #[test]
    fn a_site_lists_its_regions_and_renames_the_default_records_codes() {
        let mut doc: Value = serde_json::from_str(DEFAULT_FIXTURE).expect("default fixture");
        play(&mut doc, Site::Fin).expect("fin");
        let regions = doc["vpc"]["regions"].to_string();
        assert!(regions.contains("FKR") && !regions.contains("\"KR\""), "{regions}");
        let servers = doc["vpc"]["servers"].to_string();
        assert!(servers.contains("FKR-") && !servers.contains("\"KR-1\""), "{servers}");
        assert!(
            doc["classic"]["geoLocations"].to_string().contains("\"KR\""),
            "a country is not a region"
        );
        let gov = resolve_site_fixture(None, Site::Gov).expect("gov");
        let regions = serde_json::to_string(&gov.vpc.regions).unwrap();
        assert!(regions.contains("KRS") && !regions.contains("SGN"), "{regions}");
        // The first region of each site is the client's default for it (src/site.rs).
        for site in SITES {
            let f = resolve_site_fixture(None, site).expect("site");
            let first = serde_json::to_value(&f.vpc.regions).unwrap()[0]["regionCode"].clone();
            assert_eq!(first, site.default_region(), "{site:?}");
        }
    }

    #[test]
    fn only_the_sites_host_serves_an_api_and_other_names_serve_every_api() {
        assert_eq!(
            refusal(Site::Gov, Some("ncloud.apigw.gov-ntruss.com:8080"), &API_VSERVER),
            None
        );
        assert_eq!(refusal(Site::Gov, Some("127.0.0.1:8080"), &API_VSERVER), None);
        assert_eq!(
            refusal(Site::Gov, Some("ncloud.localhost:8080"), &API_GEOLOCATION),
            None
        );
        let wrong = refusal(Site::Gov, Some("ncloud.apigw.gov-ntruss.com:1"), &API_GEOLOCATION).expect("refused");
        assert!(wrong.contains("geolocation.apigw.gov-ntruss.com"), "{wrong}");
        assert!(refusal(Site::Public, Some("fin-ncloud.apigw.fin-ntruss.com"), &API_VSERVER).is_some());
    }
}
