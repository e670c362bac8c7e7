//! Name resolution: `localhost` and every `*.localhost` name are the loopback addresses, without asking
//! DNS (RFC 6761, section 6.3, as browsers do), so that an endpoint such as `http://ncloud.localhost:8080`
//! reaches a local emulator on any machine; every other name goes to the system resolver.

use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

#[derive(Debug, Default, Clone, Copy)]
pub struct LocalhostAware;

/// Whether `name` is `localhost` or a name under it (a trailing dot allowed).
pub fn is_localhost_name(name: &str) -> bool {
    let n = name.trim_end_matches('.');
    n.eq_ignore_ascii_case("localhost")
        || n.len() > 10 && n.as_bytes()[n.len() - 10] == b'.' && n[n.len() - 9..].eq_ignore_ascii_case("localhost")
}

impl Resolve for LocalhostAware {
    fn resolve(&self, name: Name) -> Resolving {
        let host = name.as_str().to_string();
        Box::pin(async move {
            if is_localhost_name(&host) {
                let addrs: Addrs = Box::new(
                    [IpAddr::V4(Ipv4Addr::LOCALHOST), IpAddr::V6(Ipv6Addr::LOCALHOST)]
                        .into_iter()
                        .map(|ip| SocketAddr::new(ip, 0)),
                );
                return Ok(addrs);
            }
            let found: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let addrs: Addrs = Box::new(found.into_iter());
            Ok(addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn localhost_names() {
        for n in [
            "localhost",
            "LOCALHOST",
            "localhost.",
            "api.localhost",
            "a.b.Localhost.",
        ] {
            assert!(is_localhost_name(n), "{n}");
        }
        for n in [
            "xlocalhost",
            "localhost.example.com",
            "localhostx",
            "example.com",
            ".localhost.evil",
        ] {
            assert!(!is_localhost_name(n), "{n}");
        }
    }
}
