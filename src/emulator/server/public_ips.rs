//! Classic public IPs: created free (`CREAT`) or for a server; associated with one server at a time
//! (`USE` using → `USED` used), disassociated (`DISUS` disusing → `CREAT`), moved to another server,
//! deleted only while free (`25035` otherwise, the emulator's code), as NCP's Classic reference has it.
//! A server has at most one public IP (`28100` for a second, NCP's code); its `publicIp` shows it from the association on. Answers embed
//! the server as `serverInstanceAssociatedWithPublicIp`.

use super::common;
use crate::emulator::handler::prelude::*;

fn found<'a>(state: &'a State, no: &str) -> Result<&'a Entry<ClassicPublicIpInstance>, ApiFault> {
    state.classic.public_ips.live(no, None)
}

/// A public IP's answer, with its server.
fn answer(state: &State, e: &Entry<ClassicPublicIpInstance>) -> Value {
    let mut v = e.rec.to_wire();
    if let Some(s) = e.rec.server_instance_no.as_deref() {
        if let Some(server) = state.classic.servers.find(s, None) {
            v.insert("serverInstanceAssociatedWithPublicIp".into(), server.wire());
        }
    }
    Value::Object(v)
}

fn answer_of(state: &State, no: &str) -> Vec<Value> {
    state
        .classic
        .public_ips
        .find(no, None)
        .map(|e| answer(state, e))
        .into_iter()
        .collect()
}

/// A server that can take a public IP: at rest, without one.
fn free_server(state: &State, no: &str, action: &str) -> Result<ClassicServerInstance, ApiFault> {
    let s = common::server_at_rest(state, no, action)?.rec.clone();
    if s.public_ip.as_deref().is_some_and(|ip| !ip.is_empty()) {
        return Err(faults::has_public_ip(no));
    }
    Ok(s)
}

fn set_server_ip(state: &mut State, server: &str, ip: &str) {
    if let Some(e) = state.classic.servers.find_mut(server, None) {
        e.rec.public_ip = Some(ip.to_string());
    }
}

/// `getPublicIpInstanceList`
pub fn get_public_ip_instance_list(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let nos = p.list("publicIpInstanceNoList");
    let ips = p.list("publicIpList");
    let state = &*cx.state;
    let mut items: Vec<Value> = state
        .classic
        .public_ips
        .iter()
        .filter(|e| text_in(&e.rec.public_ip_instance_no, &nos))
        .filter(|e| text_in(&e.rec.public_ip, &ips))
        .filter(|e| {
            p.flag("isAssociated")
                .is_none_or(|a| e.rec.server_instance_no.is_some() == a)
        })
        .filter(|e| common::in_place(&e.rec.region, &e.rec.zone, &p))
        .filter(|e| match (p.str("searchFilterName"), p.str("searchFilterValue")) {
            (Some("publicIp"), Some(v)) => e.rec.public_ip.as_deref().is_some_and(|x| x.contains(v)),
            (Some("associatedServerName"), Some(v)) => e
                .rec
                .server_instance_no
                .as_deref()
                .and_then(|s| state.classic.servers.find(s, None))
                .is_some_and(|s| s.rec.server_name.as_deref().is_some_and(|n| n.contains(v))),
            _ => true,
        })
        .map(|e| answer(state, e))
        .collect();
    common::sort(&mut items, &p);
    cx.page(items, &p)
}

/// `getPublicIpTargetServerInstanceList`: the running or stopped servers without a public IP.
pub fn get_public_ip_target_server_instance_list(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let items = cx
        .state
        .classic
        .servers
        .iter()
        .filter(|e| matches!(e.rec.status(), "RUN" | "NSTOP") && !e.terminating())
        .filter(|e| e.rec.public_ip.as_deref().is_none_or(str::is_empty))
        .filter(|e| common::in_place(&e.rec.region, &e.rec.zone, &p))
        .map(Entry::wire)
        .collect();
    cx.list(items)
}

/// `createPublicIpInstance`: free, or associated with the server it names once created.
pub fn create_public_ip_instance(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let region_no = common::region_no(cx);
    let now = cx.now;
    let state = &mut *cx.state;
    let server = match p.str("serverInstanceNo") {
        Some(no) => Some(free_server(state, no, cx.action.name)?),
        None => None,
    };
    let zone = match &server {
        Some(s) => s.zone.clone().ok_or_else(|| faults::product_not_found("zone", ""))?,
        None => common::zone(state, &region_no, p.str("zoneNo"))?,
    };
    let region = common::region(state, zone.region_no.as_deref().unwrap_or(&region_no));
    let ip = loop {
        let ip = format!("106.10.{}.{}", state.rng.u8(0..=255), state.rng.u8(1..255));
        if !state.classic.public_ips.iter().any(|e| is(&e.rec.public_ip, &ip)) {
            break ip;
        }
    };
    let no = state.next_id();
    let rec = ClassicPublicIpInstance {
        public_ip_instance_no: Some(no.clone()),
        public_ip: Some(ip.clone()),
        public_ip_description: Some(p.str("publicIpDescription").unwrap_or_default().into()),
        create_date: Some(state.create_date()),
        public_ip_kind_type: Some(Code::new("GEN", "General")),
        region: Some(region),
        zone: Some(zone),
        server_instance_no: None,
        ..ClassicPublicIpInstance::default()
    };
    if let Some(s) = &server {
        set_server_ip(state, s.no(), &ip);
    }
    let settings = state.settings.clone();
    let mut e = Entry::new(rec, now);
    // Made for a server: associated with it once created (the link on the last step).
    match server.as_ref().and_then(|s| s.server_instance_no.clone()) {
        Some(s) => e
            .begin(now, "createPublicIpInstance#server")
            .then(move |r| r.server_instance_no = Some(s)),
        None => e.begin(now, cx.action.name),
    };
    e.advance(now, &settings);
    state.classic.public_ips.push(e);
    let items = answer_of(state, &no);
    cx.list(items)
}

/// `associatePublicIpWithServerInstance`: a free IP, to a server without one.
pub fn associate_public_ip_with_server_instance(cx: &mut Cx<'_>) -> Answer {
    give(cx, false)
}

/// Gives an IP to a server without one: a free IP (`associate…`), or one that leaves its server
/// (`replacing`, `replaceServerInstanceAssociatedWithPublicIp`).
fn give(cx: &mut Cx<'_>, replacing: bool) -> Answer {
    let p = cx.params();
    let (no, server_no) = (p.text("publicIpInstanceNo"), p.text("serverInstanceNo"));
    let now = cx.now;
    let state = &mut *cx.state;
    let e = found(state, &no)?;
    e.permit(cx.action.name)?;
    let old = e.rec.server_instance_no.clone().unwrap_or_default();
    let ip = e.rec.public_ip.clone().unwrap_or_default();
    free_server(state, &server_no, cx.action.name)?;
    if replacing {
        set_server_ip(state, &old, "");
    }
    set_server_ip(state, &server_no, &ip);
    if let Some(e) = state.classic.public_ips.find_mut(&no, None) {
        e.rec.server_instance_no = Some(server_no);
        e.begin(now, cx.action.name);
    }
    let items = answer_of(state, &no);
    cx.list(items)
}

/// `disassociatePublicIpFromServerInstance`
pub fn disassociate_public_ip_from_server_instance(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let no = p.text("publicIpInstanceNo");
    let now = cx.now;
    let state = &mut *cx.state;
    let e = found(state, &no)?;
    e.permit(cx.action.name)?;
    let server = e.rec.server_instance_no.clone().unwrap_or_default();
    set_server_ip(state, &server, "");
    if let Some(e) = state.classic.public_ips.find_mut(&no, None) {
        e.begin(now, cx.action.name).then(|r| r.server_instance_no = None);
    }
    let items = answer_of(state, &no);
    cx.list(items)
}

/// `replaceServerInstanceAssociatedWithPublicIp`: an associated IP moves to another server.
pub fn replace_server_instance_associated_with_public_ip(cx: &mut Cx<'_>) -> Answer {
    give(cx, true)
}

/// `deletePublicIpInstances`: free IPs only.
pub fn delete_public_ip_instances(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let nos = p.list("publicIpInstanceNoList");
    each(
        cx,
        &nos,
        |_, e: &Entry<ClassicPublicIpInstance>| match &e.rec.server_instance_no {
            Some(server) => Err(faults::in_use(
                Kind::ClassicPublicIpInstance,
                e.rec.no(),
                &format!("server {server}"),
            )),
            None => Ok(()),
        },
        None,
    )
}
