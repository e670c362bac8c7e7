//! NAT gateways. What NCP documents (`createNatGatewayInstance` and the NAT gateway user guide): a NAT
//! gateway lives in a NAT gateway subnet (usage `NATGW`) of its VPC, in the zone asked; without a
//! `subnetNo` it goes into the VPC's public NAT gateway subnet of that zone. In a public subnet it is
//! a public NAT gateway (`PBLIP`) with a public IP: the one `publicIpInstanceNo` names, or a new
//! address; in a private subnet a private one (`PRVT`), and `publicIpInstanceNo` is ignored. Its
//! private IP is the one given (a free host address of the subnet) or the first free one. It is
//! created `INIT` and runs after `createDelayMs`; a NAT gateway a route leads to is not deleted. The
//! emulator's own choices: a public IP named must be free (associated with no server and no other NAT
//! gateway: `25035`); an address it makes itself comes from the pool of its public IPs with a number
//! of its own, and no public IP record (NCP's console shows it under the NAT gateway only).

use super::net::{self, Cidr};
use crate::emulator::handler::prelude::*;
use std::collections::HashSet;

/// The next free address of the emulator's public pool ([`net::PUBLIC_POOL`]): taken by neither a
/// public IP nor a NAT gateway.
pub fn next_public_address(state: &State) -> Result<String, ApiFault> {
    let ips = state.vpc.public_ips.iter().filter_map(|e| e.rec.public_ip.as_deref());
    let nats = state.vpc.nat_gateways.iter().filter_map(|e| e.rec.public_ip.as_deref());
    let used: HashSet<u32> = ips.chain(nats).filter_map(net::parse_ip).collect();
    let (first, last) = net::PUBLIC_POOL;
    (first..=last)
        .find(|ip| !used.contains(ip))
        .map(net::ip_text)
        .ok_or_else(|| faults::limit("public IPs", (last - first) as usize))
}

/// The subnet the gateway goes into: the one given (of the VPC, a NAT gateway subnet of the zone, that
/// runs), or the VPC's public NAT gateway subnet of the zone.
fn subnet_of(
    state: &State,
    p: &Params,
    vpc_no: &str,
    zone: &str,
    region: &str,
    action: &str,
) -> Result<Subnet, ApiFault> {
    let nat_subnet = |r: &Subnet| code_in(&r.usage_type, &["NATGW".into()]);
    let Some(no) = p.str("subnetNo") else {
        let public = |r: &Subnet| code_in(&r.subnet_type, &["PUBLIC".into()]);
        let found = state
            .vpc
            .subnets
            .live_where(|r| is(&r.vpc_no, vpc_no) && is(&r.zone_code, zone) && nat_subnet(r) && public(r));
        let what = format!("public NAT gateway subnet of VPC {vpc_no} in zone {zone}");
        return found
            .first()
            .map(|r| (*r).clone())
            .ok_or_else(|| faults::product_not_found(&what, vpc_no));
    };
    let subnet = &super::usable::<Subnet>(state, no, region, action)?.rec;
    super::same_vpc(&subnet.vpc_no, vpc_no, &format!("subnet {no}"))?;
    if !nat_subnet(subnet) || !is(&subnet.zone_code, zone) {
        return Err(faults::mismatch(format!(
            "The subnet {no} is not a NAT gateway subnet (usage NATGW) of zone {zone}."
        )));
    }
    Ok(subnet.clone())
}

/// The private IP: the one given, a free host address of the subnet, or the first free one.
fn private_ip(state: &State, p: &Params, subnet: &Subnet) -> Result<String, ApiFault> {
    let no = s(&subnet.subnet_no);
    let block = subnet.subnet.as_deref().and_then(Cidr::parse);
    let block = block.ok_or_else(|| faults::unsupported(format!("The subnet {no} has no block.")))?;
    let taken = super::subnets::taken_in(state, no);
    let Some(text) = p.str("privateIp") else {
        let free = net::free_hosts(block, &taken, 1);
        return free
            .first()
            .map(|ip| net::ip_text(*ip))
            .ok_or_else(|| faults::limit("addresses of the subnet", 0));
    };
    let ip = net::parse_ip(text)
        .ok_or_else(|| faults::invalid_param(&format!("'privateIp' must be an IPv4 address (got '{text}')")))?;
    if !net::host_of(block, ip) || taken.contains(&ip) {
        return Err(faults::address_conflict(format!(
            "The address {text} is not a free host address of subnet {no} ({block})."
        )));
    }
    Ok(text.to_string())
}

/// The public IP of a public gateway: `(number, address)` of the public IP given (free), or of a new
/// address.
fn public_ip(state: &mut State, p: &Params, region: &str) -> Result<(String, String), ApiFault> {
    let Some(no) = p.str("publicIpInstanceNo") else {
        let address = next_public_address(state)?;
        return Ok((state.next_id(), address));
    };
    let ip = &state.vpc.public_ips.live(no, Some(region))?.rec;
    let server = ip.server_instance_no.as_deref().filter(|s| !s.is_empty());
    let nat = super::holds(state, |n: &NatGatewayInstance| is(&n.public_ip_instance_no, no));
    if let Some(by) = server.map(|s| format!("server instance {s}")).or(nat) {
        return Err(faults::in_use(Kind::PublicIpInstance, no, &by));
    }
    Ok((no.to_string(), s(&ip.public_ip).to_string()))
}

/// `createNatGatewayInstance`: `INIT` (operation `CREAT`), then `RUN` after `createDelayMs`.
pub fn create_nat_gateway_instance(cx: &mut Cx<'_>) -> Answer {
    let (p, region, _) = cx.start();
    let naming = ("natGatewayName", "nat");
    let (vpc, name) = super::named_in_vpc::<NatGatewayInstance>(cx, &p, naming)?;
    let (action, state, vpc_no) = (cx.action.name, &mut *cx.state, p.text("vpcNo"));
    let zone = super::zone_of(state, &p, &region)?;
    let subnet = subnet_of(state, &p, &vpc_no, &zone, &region, action)?;
    let private_ip = private_ip(state, &p, &subnet)?;
    let public = code_in(&subnet.subnet_type, &["PUBLIC".into()]);
    let (ip_no, ip) = match public {
        true => {
            let (no, ip) = public_ip(state, &p, &region)?;
            (Some(no), Some(ip))
        }
        false => (None, None),
    };
    let nat = NatGatewayInstance {
        vpc_no: Some(vpc_no),
        vpc_name: vpc.vpc_name,
        nat_gateway_instance_no: Some(state.next_id()),
        nat_gateway_name: Some(name),
        public_ip: ip,
        create_date: Some(state.create_date()),
        nat_gateway_description: Some(p.text("natGatewayDescription")),
        zone_code: Some(zone),
        nat_gateway_type: Some(Code::of(names::NAT_GATEWAY_TYPE, if public { "PBLIP" } else { "PRVT" })),
        subnet_no: subnet.subnet_no,
        subnet_name: subnet.subnet_name,
        public_ip_instance_no: ip_no,
        private_ip: Some(private_ip),
        ..NatGatewayInstance::default()
    };
    super::made(cx, nat)
}

/// `deleteNatGatewayInstance`: not while a route leads to it; `TERMTING`, then gone.
pub fn delete_nat_gateway_instance(cx: &mut Cx<'_>) -> Answer {
    let no = super::usable_no::<NatGatewayInstance>(cx, "natGatewayInstanceNo")?;
    super::no_route_to(cx.state, Kind::NatGatewayInstance, "NATGW", &no)?;
    super::begin::<NatGatewayInstance>(cx, &no)
}

/// `setNatGatewayDescription`
pub fn set_nat_gateway_description(cx: &mut Cx<'_>) -> Answer {
    super::describe(
        cx,
        "natGatewayInstanceNo",
        "natGatewayDescription",
        |n: &mut NatGatewayInstance, d| n.nat_gateway_description = Some(d),
    )
}
