//! Where an API lives. Each API has a host of its own on each of NCP's sites (the model's `[api]
//! hosts`: `ncloud.apigw.gov-ntruss.com` for most, `geolocation.apigw.gov-ntruss.com` ...); a client
//! sends each API to its host on its site. An endpoint given to the client (a proxy of the user's, a
//! gateway of its own) serves every API, unless it is one of NCP's hosts, which names the site. With
//! the embedded emulator the client still sends to the site's hosts, over plain http, and resolves
//! their names to the emulator's address (`Routing::Emulator`), so that the emulator sees which host
//! each request was for, as a gateway does.

use crate::catalog::{Api, APIS};
use crate::error::{Error, Result};
use crate::site::{Site, SITES};
use std::net::SocketAddr;

/// How a client picks the origin of a call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Routing {
    /// Each API to its host on the site, over https.
    Site,
    /// Every API to the endpoint.
    Endpoint,
    /// Each API to its host on the site, over http, the names resolved to the emulator at this address.
    Emulator(SocketAddr),
}

/// The origin (`scheme://host[:port]`, no trailing slash) a call of `api` goes to.
pub fn origin(endpoint: &str, site: Site, routing: &Routing, api: &Api) -> String {
    let host = api.hosts[site.index()];
    match routing {
        Routing::Site => format!("https://{host}"),
        Routing::Endpoint => endpoint.trim_end_matches('/').to_string(),
        Routing::Emulator(addr) => format!("http://{host}:{}", addr.port()),
    }
}

/// Every host the APIs have on `site`, once each.
pub fn hosts(site: Site) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for api in APIS {
        let h = api.hosts[site.index()];
        if !out.contains(&h) {
            out.push(h);
        }
    }
    out
}

/// The site whose host `endpoint` is (`https://host`, no port, a host some API has there), if any.
pub fn site_of(endpoint: &str) -> Option<Site> {
    let host = endpoint.trim_end_matches('/').strip_prefix("https://")?;
    let host = host.strip_suffix(":443").unwrap_or(host).to_ascii_lowercase();
    SITES
        .into_iter()
        .find(|s| APIS.iter().any(|api| api.hosts[s.index()] == host))
}

/// The site and routing of a client: `site` as asked (or public), `endpoint` as given (or none), and
/// whether that endpoint is an emulator. An endpoint that is one of NCP's hosts names its site, which
/// a `site` asked for must match.
pub fn route(site: Option<Site>, endpoint: Option<&str>, emulator: bool) -> Result<(Site, Routing)> {
    let Some(endpoint) = endpoint else {
        return Ok((site.unwrap_or(Site::Public), Routing::Site));
    };
    if emulator {
        let addr = endpoint
            .strip_prefix("http://")
            .and_then(|a| a.trim_end_matches('/').parse::<SocketAddr>().ok())
            .ok_or_else(|| {
                Error::validation(format!("the emulator's endpoint {endpoint} is not http://address:port"))
            })?;
        return Ok((site.unwrap_or(Site::Public), Routing::Emulator(addr)));
    }
    match (site_of(endpoint), site) {
        (Some(of), Some(asked)) if of != asked => Err(Error::validation(format!(
            "endpoint {endpoint} is a host of {}, but site is '{}': give one of them",
            of.title(),
            asked.name()
        ))),
        (Some(of), _) => Ok((of, Routing::Site)),
        (None, asked) => Ok((asked.unwrap_or(Site::Public), Routing::Endpoint)),
    }
}

/// What messages call the client's destination: its endpoint, or its site's gateway.
pub fn shown(endpoint: Option<&str>, site: Site) -> String {
    match endpoint {
        Some(e) => e.trim_end_matches('/').to_string(),
        None => format!("https://{}", APIS.first().map_or("", |a| a.hosts[site.index()])),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::generated::{API_GEOLOCATION, API_SERVER, API_VSERVER};

    #[test]
    fn each_api_goes_to_its_host_on_the_site_and_an_endpoint_takes_every_api() {
        for (site, gateway, geolocation) in [
            (
                Site::Gov,
                "https://ncloud.apigw.gov-ntruss.com",
                "https://geolocation.apigw.gov-ntruss.com",
            ),
            (
                Site::Fin,
                "https://fin-ncloud.apigw.fin-ntruss.com",
                "https://geolocation.apigw.fin-ntruss.com",
            ),
        ] {
            let (site, r) = route(Some(site), None, false).unwrap();
            assert_eq!(origin("", site, &r, &API_VSERVER), gateway);
            assert_eq!(origin("", site, &r, &API_GEOLOCATION), geolocation);
        }
        // NCP's gateway given as the endpoint names its site (NCLOUD_API_GW, ncloud_api_url).
        for (gw, want) in [
            ("https://ncloud.apigw.ntruss.com", Site::Public),
            ("https://ncloud.apigw.gov-ntruss.com/", Site::Gov),
            ("https://fin-ncloud.apigw.fin-ntruss.com:443", Site::Fin),
        ] {
            let (site, r) = route(None, Some(gw), false).unwrap();
            assert_eq!((site, &r), (want, &Routing::Site), "{gw}");
            assert_eq!(
                origin(gw, site, &r, &API_SERVER),
                format!("https://{}", API_SERVER.hosts[want.index()])
            );
        }
        let e = route(Some(Site::Fin), Some("https://ncloud.apigw.gov-ntruss.com"), false).unwrap_err();
        assert!(
            e.message.contains("government site") && e.message.contains("'fin'"),
            "{}",
            e.message
        );
        // Any other endpoint (a proxy, a gateway of the user's) serves every API.
        for other in [
            "http://127.0.0.1:8080",
            "https://proxy.example.com",
            "http://ncloud.apigw.ntruss.com",
        ] {
            let (site, r) = route(Some(Site::Gov), Some(other), false).unwrap();
            assert_eq!((site, &r), (Site::Gov, &Routing::Endpoint));
            assert_eq!(origin(other, site, &r, &API_GEOLOCATION), other);
        }
        // The emulator: the site's hosts over http, on the emulator's port.
        let (site, r) = route(Some(Site::Fin), Some("http://127.0.0.1:4321"), true).unwrap();
        assert_eq!(
            origin("http://127.0.0.1:4321", site, &r, &API_GEOLOCATION),
            "http://geolocation.apigw.fin-ntruss.com:4321"
        );
        assert_eq!(
            hosts(Site::Gov),
            ["ncloud.apigw.gov-ntruss.com", "geolocation.apigw.gov-ntruss.com"]
        );
    }
}
