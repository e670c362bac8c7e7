//! VPC server instances: look-ups and the life cycle after the launch (`createServerInstances`, in
//! [`super::launch`]). What NCP documents (the server reference and guide): start a stopped server,
//! stop or reboot a running one, terminate (return) a stopped one unless termination protection is on,
//! change the spec of a stopped one (within its hypervisor), rename one at rest; the root password is
//! read back decrypted with the login key's private key. Transitions are the model's (`[kinds.
//! ServerInstance.life]`), on the emulator's timers.

use super::found::server as find;

pub use super::launch::create_server_instances;
use crate::emulator::crypto;
use crate::emulator::handler::prelude::*;
use crate::emulator::lookup;
use crate::emulator::vpc::net;

/// `getServerInstanceList`: a look-up but for `ip`, an address of one of the server's interfaces.
pub fn get_server_instance_list(cx: &mut Cx<'_>) -> Answer {
    lookup::answer_where(cx, |state, p, v: &ServerInstance| {
        p.str("ip").is_none_or(|ip| {
            let nics = v.network_interface_no_list.iter().flatten();
            nics.filter_map(|n| state.vpc.network_interfaces.find(n, None))
                .any(|n| is(&n.rec.ip, ip))
        })
    })
}

/// Runs the action's transition on every server listed, each of which its life must let it act on;
/// all are checked before any changes.
fn each(cx: &mut Cx<'_>, protect: bool) -> Answer {
    let p = cx.params();
    let (region, now, action) = (cx.region().to_string(), cx.now, cx.action.name);
    let nos = p.list("serverInstanceNoList");
    for no in &nos {
        let e = cx.state.vpc.servers.ready(no, Some(&region), action)?;
        if protect && e.rec.is_protect_server_termination == Some(true) {
            return Err(faults::protected(Kind::ServerInstance, no));
        }
    }
    let mut items = Vec::new();
    let settings = cx.state.settings.clone();
    for no in &nos {
        if protect {
            release(cx.state, no, &region, now);
        }
        if let Some(e) = cx.state.vpc.servers.find_mut(no, Some(&region)) {
            e.begin(now, action);
            // Timers at 0: done when answered; a server terminated at once is gone from the store.
            let alive = e.advance(now, &settings);
            items.push(e.wire());
            if !alive {
                cx.state.vpc.servers.remove(no, Some(&region));
            }
        }
    }
    cx.list(items)
}

/// `startServerInstances` (stopped servers).
pub fn start_server_instances(cx: &mut Cx<'_>) -> Answer {
    each(cx, false)
}

/// `stopServerInstances` (running servers).
pub fn stop_server_instances(cx: &mut Cx<'_>) -> Answer {
    each(cx, false)
}

/// `rebootServerInstances` (running servers).
pub fn reboot_server_instances(cx: &mut Cx<'_>) -> Answer {
    each(cx, false)
}

/// `terminateServerInstances`: stopped servers without termination protection (VPC servers are
/// stopped before they are returned). Their interfaces made with them, base storage and unprotected
/// volumes go with them; their public IP, other interfaces and protected volumes stay, freed.
pub fn terminate_server_instances(cx: &mut Cx<'_>) -> Answer {
    each(cx, true)
}

/// What goes or is freed when a server is terminated.
fn release(state: &mut State, no: &str, region: &str, now: std::time::Instant) {
    let ip = state
        .vpc
        .servers
        .find(no, Some(region))
        .and_then(|e| e.rec.public_ip_instance_no.clone())
        .filter(|n| !n.is_empty());
    if let Some(ip) = ip {
        super::public_ips::unlink(state, &ip, region);
    }
    for e in state.vpc.network_interfaces.items.iter_mut() {
        if !is(&e.rec.instance_no, no) {
            continue;
        }
        if e.rec.delete_on_termination == Some(true) {
            e.begin(now, "terminateServerInstances#delete");
        } else {
            e.begin(now, "terminateServerInstances").then(|n| {
                n.instance_no = None;
                n.instance_type = None;
                n.device_name = None;
                n.is_default = Some(false);
            });
        }
    }
    let live: Vec<String> = state
        .vpc
        .network_interfaces
        .iter()
        .filter(|e| e.terminating())
        .map(|e| e.rec.no().to_string())
        .collect();
    state
        .vpc
        .flow_logs
        .retain(|f| !live.iter().any(|n| is(&f.network_interface_no, n)));
    super::volumes::release_for(state, no, now);
    super::fabric_clusters::release(state, no);
}

/// `changeServerInstanceSpec`: a stopped server to another spec of its hypervisor (XEN by
/// `serverProductCode`, KVM by `serverSpecCode`).
pub fn change_server_instance_spec(cx: &mut Cx<'_>) -> Answer {
    let (p, region, now) = cx.start();
    let no = p.text("serverInstanceNo");
    let (product, code) = (p.str("serverProductCode"), p.str("serverSpecCode"));
    if product.is_none() && code.is_none() {
        return Err(faults::missing_param(&["serverProductCode".into()]));
    }
    let state = &mut *cx.state;
    let settings = state.settings.clone();
    let e = state.vpc.servers.ready(&no, Some(&region), cx.action.name)?;
    let spec = super::lookups::spec_of(state, &region, product, code)
        .cloned()
        .ok_or_else(|| faults::not_found(Kind::ServerSpec, code.or(product).unwrap_or_default()))?;
    if spec.hypervisor_type != e.rec.hypervisor_type {
        return Err(faults::mismatch(format!(
            "The spec {} is for {} servers; the server instance {no} is {}.",
            s(&spec.server_spec_code),
            c(&spec.hypervisor_type),
            c(&e.rec.hypervisor_type)
        )));
    }
    if spec.server_spec_code == e.rec.server_spec_code {
        return Err(faults::mismatch(format!(
            "The server instance {no} has that spec already."
        )));
    }
    let e = state.vpc.servers.found_mut(&no, Some(&region))?;
    e.rec.cpu_count = spec.cpu_count;
    e.rec.memory_size = spec.memory_size;
    e.rec.server_spec_code = spec.server_spec_code.clone();
    e.rec.server_product_code = spec.server_product_code.clone();
    e.begin(now, cx.action.name).advance(now, &settings);
    one(cx.action, e.wire())
}

/// `changeServerInstanceName`: 3 to 30 lower-case letters, digits or `-`, unique in the region.
pub fn change_server_instance_name(cx: &mut Cx<'_>) -> Answer {
    let (p, region, _) = cx.start();
    let no = p.text("serverInstanceNo");
    let name = p.text("serverName");
    let e = find(cx.state, &no, &region)?;
    if e.terminating() {
        return Err(faults::not_now(Kind::ServerInstance, &no, e.rec.status_name()));
    }
    cx.state.vpc.servers.name_free(&name, Some(&region), Some(&no))?;
    let e = cx.state.vpc.servers.found_mut(&no, Some(&region))?;
    e.rec.server_name = Some(name.clone());
    let answer = e.wire();
    for ip in cx.state.vpc.public_ips.items.iter_mut() {
        if is(&ip.rec.server_instance_no, &no) {
            ip.rec.server_name = Some(name.clone());
        }
    }
    one(cx.action, answer)
}

/// `setProtectServerTermination`
pub fn set_protect_server_termination(cx: &mut Cx<'_>) -> Answer {
    let (p, region, _) = cx.start();
    let no = p.text("serverInstanceNo");
    let e = cx.state.vpc.servers.found_mut(&no, Some(&region))?;
    e.rec.is_protect_server_termination = p.flag("isProtectServerTermination");
    one(cx.action, e.wire())
}

/// The root password of a server, decrypted with `private_key` (as NCP does: the password is kept
/// encrypted with the login key's public key).
pub fn root_password(state: &State, no: &str, private_key: &str, region: &str) -> Result<String, ApiFault> {
    let e = find(state, no, region)?;
    let sealed = e
        .rec
        .root_password
        .as_deref()
        .ok_or_else(|| faults::wrong_private_key(no))?;
    crypto::decrypt(private_key, sealed).ok_or_else(|| faults::wrong_private_key(no))
}

/// `getRootPasswordServerInstanceList`: each server with the private key given for it.
pub fn get_root_password_server_instance_list(cx: &mut Cx<'_>) -> Answer {
    let (p, region, _) = cx.start();
    let mut items = Vec::new();
    for item in p.objects("rootPasswordServerInstanceList") {
        let no = item.str("serverInstanceNo").unwrap_or_default();
        let password = root_password(cx.state, no, item.str("privateKey").unwrap_or_default(), &region)?;
        let mut m = serde_json::Map::new();
        m.insert("rootPassword".into(), Value::from(password));
        m.insert("serverInstanceNo".into(), Value::from(no));
        items.push(Value::Object(m));
    }
    cx.list(items)
}

/// `getRootPassword`: one server's password, decrypted with the `privateKey` given (`25041` when it is
/// absent or not the private key of the server's login key).
pub fn get_root_password(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let no = p.str("serverInstanceNo").unwrap_or_default();
    let password = root_password(cx.state, no, p.str("privateKey").unwrap_or_default(), cx.region())?;
    let mut f = Fields::new();
    f.insert("totalRows".into(), Value::from(1));
    f.insert("rootPassword".into(), Value::from(password));
    Ok(f)
}

/// `interruptServerInstance`: a diagnostic interrupt (NMI) to a running server; NCP's reference: KVM
/// servers (Linux and Windows) and XEN servers with Windows only. Nothing else changes.
pub fn interrupt_server_instance(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let no = p.text("serverInstanceNo");
    let e = cx.state.vpc.servers.ready(&no, Some(cx.region()), cx.action.name)?;
    let xen = code_in(&e.rec.hypervisor_type, &["XEN".into()]);
    let windows = code_in(&e.rec.platform_type, &["WND32".into(), "WND64".into()]);
    if xen && !windows {
        return Err(faults::unsupported(format!(
            "A diagnostic interrupt is supported only for Windows servers on XEN. ({no})"
        )));
    }
    let mut f = Fields::new();
    f.insert("totalRows".into(), Value::from(1));
    f.insert("serverInstanceNoList".into(), Value::from(vec![no]));
    Ok(f)
}

/// The private IP of a server's default interface.
pub fn private_ip(state: &State, server: &ServerInstance) -> Option<String> {
    server
        .network_interface_no_list
        .iter()
        .flatten()
        .filter_map(|n| state.vpc.network_interfaces.find(n, None))
        .find(|n| n.rec.is_default == Some(true))
        .and_then(|n| n.rec.ip.clone())
        .filter(|ip| net::parse_ip(ip).is_some())
}
