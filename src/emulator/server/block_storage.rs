//! Classic block storage: every server has its base storage (`BASIC`, `/dev/xvda`); additional ones
//! (`SVRBS`) are created attached to a server, detached and attached again, grown and deleted. From
//! NCP's Classic reference: 10-2000 GB, sizes in GB; at most 15 additional storages per server
//! (`25036` beyond, the emulator's code), attached to a server of their zone (`25042`); the base storage is neither detached nor deleted; the server
//! must be running or stopped with no operation running. Statuses: `INIT` creating, `ATTAC` attached,
//! `CREAT` detached; operations `ATTAC`, `DETAC`, `CHNG`, `TERMT`.

use super::common;
use crate::emulator::handler::prelude::*;

/// Additional block storages per server (NCP's Classic reference).
pub const MAX_PER_SERVER: usize = 15;

fn store(s: &mut State) -> &mut Store<ClassicBlockStorageInstance> {
    &mut s.classic.block_storages
}

/// A storage that exists and is not being deleted: `10404` otherwise.
fn found<'a>(state: &'a State, no: &str) -> Result<&'a Entry<ClassicBlockStorageInstance>, ApiFault> {
    state.classic.block_storages.live(no, None)
}

fn is_base(b: &ClassicBlockStorageInstance) -> bool {
    b.block_storage_type.as_ref().is_some_and(|c| c.code == "BASIC")
}

/// The storages attached (or attaching) to a server.
fn attached_to<'a>(
    state: &'a State,
    server: &'a str,
) -> impl Iterator<Item = &'a Entry<ClassicBlockStorageInstance>> + 'a {
    state
        .classic
        .block_storages
        .iter()
        .filter(move |e| is(&e.rec.server_instance_no, server) && !e.terminating())
}

/// Refuses one more additional storage on a server past the limit; gives the next device name.
fn next_device(state: &State, server: &str) -> Result<String, ApiFault> {
    let used: Vec<String> = attached_to(state, server)
        .filter_map(|e| e.rec.device_name.clone())
        .collect();
    if attached_to(state, server).filter(|e| !is_base(&e.rec)).count() >= MAX_PER_SERVER {
        return Err(faults::limit("additional block storages per server", MAX_PER_SERVER));
    }
    let free = (b'b'..=b'z')
        .map(|c| format!("/dev/xvd{}", c as char))
        .find(|d| !used.contains(d));
    free.ok_or_else(|| faults::limit("block storage devices per server", 25))
}

/// `createBlockStorageInstance`: attached to the server it names once created.
pub fn create_block_storage_instance(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let server_no = p.text("serverInstanceNo");
    let now = cx.now;
    let state = &mut *cx.state;
    let server = common::server_at_rest(state, &server_no, cx.action.name)?.rec.clone();
    let device = next_device(state, &server_no)?;
    let no = state.next_id();
    let name = p
        .str("blockStorageName")
        .map_or_else(|| format!("bs{no}"), str::to_string);
    state.classic.block_storages.name_free(&name, None, None)?;
    let detail = p.str("diskDetailTypeCode").unwrap_or("HDD").to_ascii_uppercase();
    let rec = ClassicBlockStorageInstance {
        block_storage_instance_no: Some(no),
        server_instance_no: Some(server_no),
        server_name: server.server_name.clone(),
        block_storage_type: Some(Code::new("SVRBS", "Server BS")),
        block_storage_name: Some(name),
        block_storage_size: Some(p.int("blockStorageSize").unwrap_or(10) * GIB),
        device_name: Some(device),
        block_storage_product_code: Some("SPBSTBSTAD000002".into()),
        create_date: Some(state.create_date()),
        block_storage_instance_description: Some(p.str("blockStorageDescription").unwrap_or_default().into()),
        disk_type: Some(Code::new("NET", "Network Storage")),
        disk_detail_type: Some(Code::new(&detail, &detail)),
        region: server.region.clone(),
        zone: server.zone.clone(),
        ..ClassicBlockStorageInstance::default()
    };
    let settings = state.settings.clone();
    one(
        cx.action,
        store(state).create(rec, now, cx.action.name, &settings).wire(),
    )
}

/// `attachBlockStorageInstance`: a detached storage, to a running or stopped server of its zone.
pub fn attach_block_storage_instance(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let server_no = p.text("serverInstanceNo");
    let no = p.text("blockStorageInstanceNo");
    let now = cx.now;
    let state = &mut *cx.state;
    let b = found(state, &no)?;
    b.permit(cx.action.name)?;
    let server = common::server_at_rest(state, &server_no, cx.action.name)?.rec.clone();
    if common::zone_no(&server.zone) != common::zone_no(&b.rec.zone) {
        return Err(faults::mismatch(format!(
            "The block storage {no} and the server {server_no} are in different zones."
        )));
    }
    let device = next_device(state, &server_no)?;
    let e = store(state).found_mut(&no, None)?;
    e.rec.server_instance_no = Some(server_no);
    e.rec.server_name = server.server_name;
    e.rec.device_name = Some(device);
    one(cx.action, e.begin(now, cx.action.name).wire())
}

/// Not the server's base storage (neither detached nor deleted by hand).
fn not_base(_: &State, b: &Entry<ClassicBlockStorageInstance>) -> Result<(), ApiFault> {
    if is_base(&b.rec) {
        return Err(faults::not_now(
            Kind::ClassicBlockStorageInstance,
            b.rec.no(),
            "the server's base storage",
        ));
    }
    Ok(())
}

/// `detachBlockStorageInstances`: attached additional storages (never the base one).
pub fn detach_block_storage_instances(cx: &mut Cx<'_>) -> Answer {
    let nos = cx.params().list("blockStorageInstanceNoList");
    each(
        cx,
        &nos,
        not_base,
        Some(|b| {
            b.server_instance_no = None;
            b.server_name = None;
            b.device_name = None;
        }),
    )
}

/// `deleteBlockStorageInstances`: additional storages, attached or not, with no operation running.
pub fn delete_block_storage_instances(cx: &mut Cx<'_>) -> Answer {
    let nos = cx.params().list("blockStorageInstanceNoList");
    each(cx, &nos, not_base, None)
}

/// `changeBlockStorageVolumeSize`: grows a storage (GB, up to 2000; never shrinks).
pub fn change_block_storage_volume_size(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let no = p.text("blockStorageInstanceNo");
    let size = p.int("blockStorageSize").unwrap_or(10) * GIB;
    let b = found(cx.state, &no)?;
    b.permit(cx.action.name)?;
    if b.rec.block_storage_size.unwrap_or(0) >= size {
        return Err(faults::invalid_param(&format!(
            "'blockStorageSize' must be larger than the storage's size now ({} GB)",
            b.rec.block_storage_size.unwrap_or(0) / GIB
        )));
    }
    let now = cx.now;
    let e = store(cx.state).found_mut(&no, None)?;
    // The storage keeps its status; the new size once done.
    e.begin(now, cx.action.name)
        .then(move |b| b.block_storage_size = Some(size));
    one(cx.action, e.wire())
}
