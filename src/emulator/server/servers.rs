//! Classic server instances: listing, and their life on the emulator's timers (`creating` → `booting`
//! → `running`; `shutting down` → `stopped`; `booting`; `rebooting`; `changingSpec`; `terminating` →
//! gone). NCP's Classic reference: a server is stopped to be terminated, resized or recreated, running
//! to be stopped or rebooted, stopped to be started; termination protection refuses termination.
//! Launching is in [`super::launch`], root passwords in [`super::passwords`].

use super::common;
use crate::emulator::handler::prelude::*;
use crate::emulator::state::{classic, Plan};

pub use super::launch::{create_server_instances, recreate_server_instance};
pub use super::passwords::{get_root_password, get_root_password_server_instance_list};

/// `getServerInstanceList`
pub fn get_server_instance_list(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let nos = p.list("serverInstanceNoList");
    let status = p.str("serverInstanceStatusCode");
    let region = p.str("regionNo");
    let zone = p.str("zoneNo");
    let (tag_keys, tag_values) = (p.list("tagKeyList"), p.list("tagValueList"));
    let mut items: Vec<Value> = cx
        .state
        .classic
        .servers
        .iter()
        .map(|e| &e.rec)
        .filter(|v| text_in(&v.server_instance_no, &nos))
        .filter(|v| status.is_none_or(|c| v.server_instance_status.as_ref().is_some_and(|s| s.code == c)))
        .filter(|v| region.is_none_or(|r| v.region.as_ref().is_some_and(|g| is(&g.region_no, r))))
        .filter(|v| zone.is_none_or(|z| v.zone.as_ref().is_some_and(|g| is(&g.zone_no, z))))
        .filter(|v| match (p.str("searchFilterName"), p.str("searchFilterValue")) {
            (Some(field), Some(value)) => {
                let text = match field {
                    "serverName" => &v.server_name,
                    "publicIp" => &v.public_ip,
                    "privateIp" => &v.private_ip,
                    _ => &None,
                };
                text.as_deref().is_some_and(|t| t.contains(value))
            }
            _ => true,
        })
        .filter(|v| {
            let tags = v.instance_tag_list.as_deref().unwrap_or_default();
            (tag_keys.is_empty() || tags.iter().any(|t| text_in(&t.tag_key, &tag_keys)))
                && (tag_values.is_empty() || tags.iter().any(|t| text_in(&t.tag_value, &tag_values)))
        })
        .map(wire)
        .collect();
    if p.str("sortedBy").is_some() {
        common::sort(&mut items, &p);
    }
    cx.page(items, &p)
}

/// Runs a life-cycle operation on every listed server, once each has been found in a status it
/// starts from (`from`) with no operation running: all or none.
fn operate(cx: &mut Cx<'_>, from: &str, plan: fn() -> Plan<ClassicServerInstance>) -> Answer {
    let p = cx.params();
    let nos = p.list("serverInstanceNoList");
    for no in &nos {
        let e = common::server(cx.state, no)?;
        if e.rec.status() != from || e.busy() {
            return Err(faults::not_now(Kind::ClassicServerInstance, no, e.rec.status_name()));
        }
    }
    let now = cx.now;
    let mut items = Vec::new();
    for no in &nos {
        if let Some(e) = cx.state.classic.servers.find_mut(no, None) {
            e.run(now, plan());
            items.push(e.wire());
        }
    }
    cx.list(items)
}

/// `startServerInstances`: stopped servers boot.
pub fn start_server_instances(cx: &mut Cx<'_>) -> Answer {
    operate(cx, "NSTOP", plans::server::start)
}

/// `stopServerInstances`: running servers shut down.
pub fn stop_server_instances(cx: &mut Cx<'_>) -> Answer {
    operate(cx, "RUN", plans::server::stop)
}

/// `rebootServerInstances`: running servers reboot.
pub fn reboot_server_instances(cx: &mut Cx<'_>) -> Answer {
    operate(cx, "RUN", plans::server::reboot)
}

/// `terminateServerInstances`: stopped servers without termination protection are terminated; their
/// block storages go with them, their public IP is freed and their port-forwarding rules removed.
pub fn terminate_server_instances(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let nos = p.list("serverInstanceNoList");
    for no in &nos {
        let e = common::server(cx.state, no)?;
        if e.rec.is_protect_server_termination == Some(true) {
            return Err(faults::protected(Kind::ClassicServerInstance, no));
        }
        if e.rec.status() != "NSTOP" || e.busy() {
            return Err(faults::not_now(Kind::ClassicServerInstance, no, e.rec.status_name()));
        }
    }
    let now = cx.now;
    let world = &mut cx.state.classic;
    let mut items = Vec::new();
    for no in &nos {
        if let Some(e) = world.servers.find_mut(no, None) {
            e.run(now, plans::server::terminate());
            items.push(e.wire());
        }
        for b in world.block_storages.items.iter_mut() {
            if is(&b.rec.server_instance_no, no) && !b.terminating() {
                b.run(now, classic::block_storage::delete());
            }
        }
        for ip in world.public_ips.items.iter_mut() {
            if is(&ip.rec.server_instance_no, no) {
                ip.rec.server_instance_no = None;
                ip.start(now, classic::public_ip::CREATED, Vec::new());
            }
        }
        world.port_forwarding_rules.retain(|r| !is(&r.server_instance_no, no));
    }
    cx.list(items)
}

/// `changeServerInstanceSpec`: a stopped server takes another server product (CPU and memory).
pub fn change_server_instance_spec(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let no = p.str("serverInstanceNo").unwrap_or_default().to_string();
    let code = p.str("serverProductCode").unwrap_or_default();
    let e = common::server(cx.state, &no)?;
    if e.rec.status() != "NSTOP" || e.busy() {
        return Err(faults::not_now(Kind::ClassicServerInstance, &no, e.rec.status_name()));
    }
    let product = cx
        .state
        .classic
        .server_products
        .iter()
        .find(|x| is(&x.product_code, code))
        .cloned()
        .ok_or_else(|| faults::product_not_found("server product", code))?;
    let now = cx.now;
    let e = cx
        .state
        .classic
        .servers
        .find_mut(&no, None)
        .ok_or_else(|| faults::server_not_found(&no))?;
    e.run(now, plans::server::change_spec());
    let done = e.plan.back_mut();
    if let Some(step) = done {
        step.then = Some(Box::new(move |s: &mut ClassicServerInstance| {
            s.server_product_code = product.product_code.clone();
            s.cpu_count = product.cpu_count;
            s.memory_size = product.memory_size;
        }));
    }
    let item = e.wire();
    cx.list(vec![item])
}

/// `setProtectServerTermination`: on or off, in any status but terminating.
pub fn set_protect_server_termination(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let no = p.str("serverInstanceNo").unwrap_or_default().to_string();
    common::server(cx.state, &no)?;
    let on = p.flag("isProtectServerTermination").unwrap_or(false);
    let e = cx
        .state
        .classic
        .servers
        .find_mut(&no, None)
        .ok_or_else(|| faults::server_not_found(&no))?;
    e.rec.is_protect_server_termination = Some(on);
    let item = e.wire();
    cx.list(vec![item])
}

/// `interruptServerInstance`: stops a server that is running or still starting at once (shutting
/// down, then stopped), whatever operation runs on it; answers its number.
pub fn interrupt_server_instance(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let no = p.str("serverInstanceNo").unwrap_or_default().to_string();
    let e = common::server(cx.state, &no)?;
    if e.rec.status() == "NSTOP" && !e.busy() {
        return Err(faults::not_now(Kind::ClassicServerInstance, &no, e.rec.status_name()));
    }
    let now = cx.now;
    if let Some(e) = cx.state.classic.servers.find_mut(&no, None) {
        e.run(now, plans::server::stop());
    }
    let mut f = Fields::new();
    f.insert("serverInstanceNoList".into(), Value::from(vec![no]));
    Ok(f)
}
