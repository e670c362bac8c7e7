//! VPC public IPs. What NCP documents: a public IP goes only to a server in a public subnet, one per
//! server; an account holds as many public IPs as it has servers (`10101`, the code of the
//! `createPublicIpInstance` reference); a server that has one already gets `28100` (the same
//! reference); an IP is created `INIT`, then `RUN`; associating or disassociating sets it `SET` until
//! done; an associated IP is not deleted.

use crate::emulator::handler::prelude::*;
use crate::emulator::lookup;
use crate::emulator::vpc::nat_gateways::next_public_address;
use std::time::Instant;

pub fn find<'a>(state: &'a State, no: &str, region: &str) -> Result<&'a Entry<PublicIpInstance>, ApiFault> {
    state.vpc.public_ips.live(no, Some(region))
}

fn associated(ip: &PublicIpInstance) -> bool {
    ip.server_instance_no.as_deref().is_some_and(|s| !s.is_empty())
}

/// A server that may take a public IP: in a public subnet, running or stopped, without one.
pub fn check_target(state: &State, server: &ServerInstance, region: &str) -> Result<(), ApiFault> {
    let no = s(&server.server_instance_no);
    let subnet = state.vpc.subnets.found(s(&server.subnet_no), Some(region))?;
    if !code_in(&subnet.rec.subnet_type, &["PUBLIC".into()]) {
        return Err(faults::not_public_subnet(no));
    }
    if server.public_ip_instance_no.as_deref().is_some_and(|p| !p.is_empty()) {
        return Err(faults::has_public_ip(no));
    }
    Ok(())
}

/// A server a public IP can go to now: in a public subnet (checked first: no state makes a private
/// subnet's server a target), in a state `action` takes it in (running or stopped, at rest).
fn server_of(state: &State, no: &str, region: &str, action: &str) -> Result<ServerInstance, ApiFault> {
    let e = state.vpc.servers.live(no, Some(region))?;
    check_target(state, &e.rec, region)?;
    e.permit(action)?;
    Ok(e.rec.clone())
}

/// Links a public IP and a server (both records), as answers show them once associated.
fn link(state: &mut State, ip_no: &str, server: &ServerInstance, region: &str) {
    let server_no = s(&server.server_instance_no).to_string();
    let address = state
        .vpc
        .public_ips
        .find(ip_no, Some(region))
        .and_then(|e| e.rec.public_ip.clone());
    if let Some(e) = state.vpc.servers.find_mut(&server_no, Some(region)) {
        e.rec.public_ip_instance_no = Some(ip_no.to_string());
        e.rec.public_ip = address;
    }
    let private_ip = server
        .network_interface_no_list
        .iter()
        .flatten()
        .find_map(|n| state.vpc.network_interfaces.find(n, None))
        .and_then(|n| n.rec.ip.clone());
    if let Some(e) = state.vpc.public_ips.find_mut(ip_no, Some(region)) {
        e.rec.server_instance_no = Some(server_no);
        e.rec.server_name = server.server_name.clone();
        e.rec.private_ip = private_ip;
    }
}

/// Unlinks a public IP from its server (both records).
pub fn unlink(state: &mut State, ip_no: &str, region: &str) {
    let server = state
        .vpc
        .public_ips
        .find(ip_no, Some(region))
        .and_then(|e| e.rec.server_instance_no.clone());
    if let Some(e) = server.and_then(|n| state.vpc.servers.find_mut(&n, Some(region))) {
        e.rec.public_ip_instance_no = None;
        e.rec.public_ip = None;
    }
    if let Some(e) = state.vpc.public_ips.find_mut(ip_no, Some(region)) {
        e.rec.server_instance_no = None;
        e.rec.server_name = None;
        e.rec.private_ip = None;
    }
}

/// Makes a public IP (`INIT`, `RUN` after `createDelayMs`), associated with `server` when given
/// (the caller checked it with [`check_target`]). Answers it as it is then.
pub fn make(
    state: &mut State,
    server: Option<&ServerInstance>,
    description: &str,
    region: &str,
    now: Instant,
) -> Result<Value, ApiFault> {
    let servers = state.vpc.servers.in_region(region).filter(|e| !e.terminating()).count();
    let ips = state
        .vpc
        .public_ips
        .in_region(region)
        .filter(|e| !e.terminating())
        .count();
    if ips >= servers {
        return Err(faults::public_ip_quota(servers));
    }
    let ip = PublicIpInstance {
        public_ip_instance_no: Some(state.next_id()),
        public_ip: Some(next_public_address(state)?),
        public_ip_description: Some(description.to_string()),
        create_date: Some(state.create_date()),
        region_code: Some(region.to_string()),
        ..PublicIpInstance::default()
    };
    let no = ip.public_ip_instance_no.clone().unwrap_or_default();
    state.create(ip, now, "createPublicIpInstance");
    if let Some(server) = server {
        link(state, &no, server, region);
    }
    Ok(find(state, &no, region)?.wire())
}

/// `getPublicIpInstanceList`: a look-up but for whether an IP is associated, and its server's VPC.
pub fn get_public_ip_instance_list(cx: &mut Cx<'_>) -> Answer {
    lookup::answer_where(cx, |state, p, i: &PublicIpInstance| {
        let vpc = || state.vpc.servers.text_of(&i.server_instance_no, |r| &r.vpc_no);
        p.flag("isAssociated").is_none_or(|b| associated(i) == b) && p.str("vpcNo").is_none_or(|x| vpc() == Some(x))
    })
}

/// `getPublicIpTargetServerInstanceList`: the servers a public IP can go to (public subnet, running
/// or stopped, none yet).
pub fn get_public_ip_target_server_instance_list(cx: &mut Cx<'_>) -> Answer {
    let region = cx.region().to_string();
    let state = &*cx.state;
    let items = state
        .vpc
        .servers
        .in_region(&region)
        .filter(|e| !e.busy() && matches!(e.rec.status(), "RUN" | "NSTOP"))
        .filter(|e| check_target(state, &e.rec, &region).is_ok())
        .map(Entry::wire)
        .collect();
    cx.list(items)
}

/// `createPublicIpInstance`: of the region, assigned at once to the server given.
pub fn create_public_ip_instance(cx: &mut Cx<'_>) -> Answer {
    let (p, region, now) = cx.start();
    let state = &mut *cx.state;
    let server = match p.str("serverInstanceNo") {
        Some(no) => {
            let server = server_of(state, no, &region, cx.action.name)?;
            Some(server)
        }
        None => None,
    };
    one(
        cx.action,
        make(
            state,
            server.as_ref(),
            p.str("publicIpDescription").unwrap_or(""),
            &region,
            now,
        )?,
    )
}

/// `deletePublicIpInstance`: an IP no server holds.
pub fn delete_public_ip_instance(cx: &mut Cx<'_>) -> Answer {
    let (p, region, _) = cx.start();
    let no = p.text("publicIpInstanceNo");
    let e = find(cx.state, &no, &region)?;
    if associated(&e.rec) {
        return Err(faults::in_use(
            Kind::PublicIpInstance,
            &no,
            &format!("server instance {}", s(&e.rec.server_instance_no)),
        ));
    }
    e.permit(cx.action.name)?;
    let now = cx.now;
    let e = cx.state.vpc.public_ips.found_mut(&no, Some(&region))?;
    one(cx.action, e.begin(now, cx.action.name).wire())
}

/// `associatePublicIpWithServerInstance`: a ready, free IP to a server in a public subnet.
pub fn associate_public_ip_with_server_instance(cx: &mut Cx<'_>) -> Answer {
    let (p, region, now) = cx.start();
    let state = &mut *cx.state;
    let no = p.text("publicIpInstanceNo");
    let ip = state.vpc.public_ips.usable(&no, Some(&region), cx.action.name)?;
    if associated(&ip.rec) {
        return Err(faults::in_use(
            Kind::PublicIpInstance,
            &no,
            &format!("server instance {}", s(&ip.rec.server_instance_no)),
        ));
    }
    let server = server_of(
        state,
        p.str("serverInstanceNo").unwrap_or_default(),
        &region,
        cx.action.name,
    )?;
    link(state, &no, &server, &region);
    let e = state.vpc.public_ips.found_mut(&no, Some(&region))?;
    one(cx.action, e.begin(now, cx.action.name).wire())
}

/// `disassociatePublicIpFromServerInstance`: by the IP's number (or the server's).
pub fn disassociate_public_ip_from_server_instance(cx: &mut Cx<'_>) -> Answer {
    let (p, region, now) = cx.start();
    let state = &mut *cx.state;
    let no = match (p.str("publicIpInstanceNo"), p.str("serverInstanceNo")) {
        (Some(no), _) => no.to_string(),
        (None, Some(server)) => state
            .vpc
            .servers
            .found(server, Some(&region))?
            .rec
            .public_ip_instance_no
            .clone()
            .filter(|n| !n.is_empty())
            .ok_or_else(|| faults::mismatch(format!("The server instance {server} has no public IP.")))?,
        (None, None) => return Err(faults::missing_param(&["publicIpInstanceNo".into()])),
    };
    let ip = find(state, &no, &region)?;
    if !associated(&ip.rec) {
        return Err(faults::mismatch(format!(
            "The public IP instance {no} is not associated with a server."
        )));
    }
    ip.permit(cx.action.name)?;
    if let Some(server) = p.str("serverInstanceNo") {
        if !is(&ip.rec.server_instance_no, server) {
            return Err(faults::mismatch(format!(
                "The public IP instance {no} is not associated with server instance {server}."
            )));
        }
    }
    unlink(state, &no, &region);
    let e = state.vpc.public_ips.found_mut(&no, Some(&region))?;
    one(cx.action, e.begin(now, cx.action.name).wire())
}
