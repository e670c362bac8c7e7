//! Classic server instances: listing, and their life on the emulator's timers (`creating` → `booting`
//! → `running`; `shutting down` → `stopped`; `booting`; `rebooting`; `changingSpec`; `terminating` →
//! gone). NCP's Classic reference: a server is stopped to be terminated, resized or recreated, running
//! to be stopped or rebooted, stopped to be started; termination protection refuses termination.
//! Launching is in [`super::launch`], root passwords in [`super::passwords`].

use super::common;
use crate::emulator::handler::prelude::*;
use crate::emulator::lookup;

pub use super::launch::{create_server_instances, recreate_server_instance};
pub use super::passwords::{get_root_password, get_root_password_server_instance_list};

/// `getServerInstanceList`: a look-up but for the instance tags (`tagKeyList`, `tagValueList`).
pub fn get_server_instance_list(cx: &mut Cx<'_>) -> Answer {
    lookup::answer_where(cx, |_, p, v: &ClassicServerInstance| {
        let (keys, values) = (p.list("tagKeyList"), p.list("tagValueList"));
        let tags = v.instance_tag_list.as_deref().unwrap_or_default();
        (keys.is_empty() || tags.iter().any(|t| text_in(&t.tag_key, &keys)))
            && (values.is_empty() || tags.iter().any(|t| text_in(&t.tag_value, &values)))
    })
}

/// Runs the action's transition on every listed server, once each has been found in a state its
/// life lets the action start from: all or none.
fn operate(cx: &mut Cx<'_>) -> Answer {
    let nos = cx.params().list("serverInstanceNoList");
    each::<ClassicServerInstance>(cx, &nos, |_, _| Ok(()), None)
}

/// `startServerInstances`: stopped servers boot.
pub fn start_server_instances(cx: &mut Cx<'_>) -> Answer {
    operate(cx)
}

/// `stopServerInstances`: running servers shut down.
pub fn stop_server_instances(cx: &mut Cx<'_>) -> Answer {
    operate(cx)
}

/// `rebootServerInstances`: running servers reboot.
pub fn reboot_server_instances(cx: &mut Cx<'_>) -> Answer {
    operate(cx)
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
        e.permit(cx.action.name)?;
    }
    let (now, action) = (cx.now, cx.action.name);
    let world = &mut cx.state.classic;
    let mut items = Vec::new();
    for no in &nos {
        if let Some(e) = world.servers.find_mut(no, None) {
            items.push(e.begin(now, action).wire());
        }
        // Its storages go with it; its public IP is free at once.
        for b in world.block_storages.items.iter_mut() {
            if is(&b.rec.server_instance_no, no) && !b.terminating() {
                b.begin(now, action);
            }
        }
        for ip in world.public_ips.items.iter_mut() {
            if is(&ip.rec.server_instance_no, no) {
                ip.rec.server_instance_no = None;
                ip.begin(now, action);
            }
        }
        world.port_forwarding_rules.retain(|r| !is(&r.server_instance_no, no));
    }
    cx.list(items)
}

/// `changeServerInstanceSpec`: a stopped server takes another server product (CPU and memory).
pub fn change_server_instance_spec(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let no = p.text("serverInstanceNo");
    let code = p.str("serverProductCode").unwrap_or_default();
    common::server(cx.state, &no)?.permit(cx.action.name)?;
    let product = cx
        .state
        .classic
        .server_products
        .iter()
        .find(|x| is(&x.product_code, code))
        .cloned()
        .ok_or_else(|| faults::product_not_found("server product", code))?;
    let now = cx.now;
    let e = cx.state.classic.servers.found_mut(&no, None)?;
    e.begin(now, cx.action.name).then(move |s| {
        s.server_product_code = product.product_code.clone();
        s.cpu_count = product.cpu_count;
        s.memory_size = product.memory_size;
    });
    one(cx.action, e.wire())
}

/// `setProtectServerTermination`: on or off, in any status but terminating.
pub fn set_protect_server_termination(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let no = p.text("serverInstanceNo");
    common::server(cx.state, &no)?;
    let on = p.flag("isProtectServerTermination").unwrap_or(false);
    let e = cx.state.classic.servers.found_mut(&no, None)?;
    e.rec.is_protect_server_termination = Some(on);
    one(cx.action, e.wire())
}

/// `interruptServerInstance`: stops a server that is running or still starting at once (shutting
/// down, then stopped), whatever operation runs on it; answers its number.
pub fn interrupt_server_instance(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let no = p.text("serverInstanceNo");
    let e = common::server(cx.state, &no)?;
    // Its transition starts from any state (`any`): a server stopped and at rest is the one refused.
    if e.rec.status() == "NSTOP" && !e.busy() {
        return Err(faults::not_now(Kind::ClassicServerInstance, &no, e.rec.status_name()));
    }
    let now = cx.now;
    if let Some(e) = cx.state.classic.servers.find_mut(&no, None) {
        e.begin(now, cx.action.name);
    }
    let mut f = Fields::new();
    f.insert("serverInstanceNoList".into(), Value::from(vec![no]));
    Ok(f)
}
