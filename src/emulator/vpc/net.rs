//! IPv4 blocks and addresses: parsing a CIDR block, containment and overlap, and handing out private
//! IPs of a subnet (what servers, network interfaces and secondary IPs take).

use std::collections::HashSet;
use std::net::Ipv4Addr;

/// An IPv4 block `a.b.c.d/n` (its base is the address with the host bits cleared).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    pub base: u32,
    pub prefix: u8,
}

impl Cidr {
    /// `10.0.1.0/24`; `None` for anything else (a host address with host bits set is refused, as NCP
    /// wants the block's own address).
    pub fn parse(text: &str) -> Option<Cidr> {
        let (addr, prefix) = text.trim().split_once('/')?;
        let addr: Ipv4Addr = addr.parse().ok()?;
        let prefix: u8 = prefix.parse().ok()?;
        if prefix > 32 {
            return None;
        }
        let base = u32::from(addr);
        let c = Cidr { base, prefix };
        (base & c.mask() == base).then_some(c)
    }

    pub fn mask(self) -> u32 {
        if self.prefix == 0 {
            0
        } else {
            u32::MAX << (32 - u32::from(self.prefix))
        }
    }

    /// The number of addresses.
    pub fn size(self) -> u64 {
        1u64 << (32 - u32::from(self.prefix))
    }

    pub fn contains_ip(self, ip: u32) -> bool {
        ip & self.mask() == self.base
    }

    /// `other` lies wholly inside this block.
    pub fn contains(self, other: Cidr) -> bool {
        other.prefix >= self.prefix && self.contains_ip(other.base)
    }

    pub fn overlaps(self, other: Cidr) -> bool {
        self.contains(other) || other.contains(self)
    }
}

impl std::fmt::Display for Cidr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", Ipv4Addr::from(self.base), self.prefix)
    }
}

/// The private ranges a VPC may use (NCP's createVpc reference: 10.0.0.0/8, 172.16.0.0/12,
/// 192.168.0.0/16, with a netmask from /16 to /28).
pub fn private_block(c: Cidr) -> bool {
    let ranges = [(0x0A00_0000, 8), (0xAC10_0000, 12), (0xC0A8_0000, 16)];
    (16..=28).contains(&c.prefix) && ranges.iter().any(|&(base, prefix)| Cidr { base, prefix }.contains(c))
}

/// Where the emulator's public addresses come from (public IPs, NAT gateways): 198.18.0.0/15, a block
/// set aside for tests (RFC 2544), so that no real address is handed out.
pub const PUBLIC_POOL: (u32, u32) = (0xC612_000A, 0xC613_FFFE);

pub fn parse_ip(text: &str) -> Option<u32> {
    text.trim().parse::<Ipv4Addr>().ok().map(u32::from)
}

pub fn ip_text(ip: u32) -> String {
    Ipv4Addr::from(ip).to_string()
}

/// The first addresses of a subnet NCP keeps for itself (network, gateway, DNS ...): servers get
/// addresses from `.6` on, as NCP's own answers show (`10.0.1.6` for the first server of a subnet).
pub const RESERVED_HEAD: u32 = 6;

/// Whether `ip` may be given to a host of `subnet`: inside it, past the reserved head, not its last
/// (broadcast) address.
pub fn host_of(subnet: Cidr, ip: u32) -> bool {
    subnet.contains_ip(ip) && ip >= subnet.base + RESERVED_HEAD && u64::from(ip - subnet.base) + 1 < subnet.size()
}

/// The `n` lowest free host addresses of `subnet`, given the addresses taken (fewer when the subnet
/// runs out). One pass over the subnet, whatever `n`.
pub fn free_hosts(subnet: Cidr, taken: &HashSet<u32>, n: usize) -> Vec<u32> {
    let last = subnet.base as u64 + subnet.size() - 1;
    (u64::from(subnet.base + RESERVED_HEAD)..last)
        .map(|ip| ip as u32)
        .filter(|ip| !taken.contains(ip))
        .take(n)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_parse_contain_overlap_and_hand_out_addresses() {
        let vpc = Cidr::parse("10.0.0.0/16").unwrap();
        let a = Cidr::parse("10.0.1.0/24").unwrap();
        assert!(vpc.contains(a) && !a.contains(vpc) && a.overlaps(vpc));
        assert!(!a.overlaps(Cidr::parse("10.0.2.0/24").unwrap()));
        assert_eq!(Cidr::parse("10.0.1.5/24"), None, "host bits set");
        assert_eq!(Cidr::parse("10.0.1.0/33"), None);
        assert!(private_block(vpc));
        assert!(!private_block(Cidr::parse("10.0.0.0/8").unwrap()), "wider than /16");
        assert!(!private_block(Cidr::parse("8.8.0.0/16").unwrap()));
        assert!(private_block(Cidr::parse("192.168.10.0/28").unwrap()));
        let taken: HashSet<u32> = [parse_ip("10.0.1.6").unwrap()].into();
        let got: Vec<String> = free_hosts(a, &taken, 2).into_iter().map(ip_text).collect();
        assert_eq!(got, ["10.0.1.7", "10.0.1.8"]);
        let tiny = Cidr::parse("10.0.3.0/29").unwrap();
        let taken: HashSet<u32> = [parse_ip("10.0.3.6").unwrap()].into();
        assert!(free_hosts(tiny, &taken, 5).is_empty(), ".7 is the broadcast");
        assert!(host_of(a, parse_ip("10.0.1.200").unwrap()));
        assert!(!host_of(a, parse_ip("10.0.1.255").unwrap()));
        assert!(!host_of(a, parse_ip("10.0.1.2").unwrap()));
    }
}
