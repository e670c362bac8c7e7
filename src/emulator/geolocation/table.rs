//! The networks the emulator knows the place of (fixture key `classic.geoLocations`; the default
//! fixture has a few, those of the old client's examples among them): an IPv4 or IPv6 network in CIDR
//! form (`143.248.0.0/16`, a single address without `/n`) and what `geoLocation` answers for an
//! address in it. The most specific network holding an address wins.

use crate::emulator::model::GeoLocation;
use std::net::IpAddr;

/// `(address, prefix length)` of a CIDR text (`None` when it is not one).
fn cidr(text: &str) -> Option<(IpAddr, u32)> {
    let (addr, len) = match text.split_once('/') {
        Some((a, l)) => (a.trim().parse::<IpAddr>().ok()?, Some(l.trim().parse::<u32>().ok()?)),
        None => (text.trim().parse::<IpAddr>().ok()?, None),
    };
    let max = if addr.is_ipv4() { 32 } else { 128 };
    let len = len.unwrap_or(max);
    (len <= max).then_some((addr, len))
}

fn bits(ip: IpAddr) -> u128 {
    match ip {
        IpAddr::V4(v4) => u128::from(u32::from(v4)),
        IpAddr::V6(v6) => u128::from(v6),
    }
}

impl GeoLocation {
    /// The prefix length when `ip` is in this network.
    pub fn holds(&self, ip: IpAddr) -> Option<u32> {
        let (net, len) = cidr(self.network.as_deref().unwrap_or_default())?;
        if net.is_ipv4() != ip.is_ipv4() {
            return None;
        }
        let width = if ip.is_ipv4() { 32 } else { 128 };
        let shift = width - len;
        let same = if shift >= 128 {
            true
        } else {
            bits(net) >> shift == bits(ip) >> shift
        };
        same.then_some(len)
    }
}

/// The most specific network of `table` holding `ip`.
pub fn find(table: &[GeoLocation], ip: IpAddr) -> Option<&GeoLocation> {
    table
        .iter()
        .filter_map(|n| n.holds(ip).map(|len| (len, n)))
        .max_by_key(|(len, _)| *len)
        .map(|(_, n)| n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn net(cidr: &str, country: &str) -> GeoLocation {
        GeoLocation {
            network: Some(cidr.into()),
            country: Some(country.into()),
            ..GeoLocation::default()
        }
    }

    #[test]
    fn the_most_specific_network_wins() {
        let table = [
            net("143.248.0.0/16", "KR"),
            net("143.248.142.77", "KAIST"),
            net("::/0", "V6"),
            net("bad", "X"),
        ];
        let at = |ip: &str| find(&table, ip.parse().unwrap()).and_then(|n| n.country.clone());
        assert_eq!(at("143.248.142.77").as_deref(), Some("KAIST"));
        assert_eq!(at("143.248.1.1").as_deref(), Some("KR"));
        assert_eq!(at("8.8.8.8"), None);
        assert_eq!(at("2001:db8::1").as_deref(), Some("V6"));
    }
}
