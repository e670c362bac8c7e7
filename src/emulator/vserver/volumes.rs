//! VPC block storage records as other handlers make and release them: a new volume (a launch's base
//! storage and extra volumes, `createBlockStorageInstance`) and what a server's termination does to its
//! volumes, and which volumes a server holds. The handlers of the block storage group are in
//! `block_storage.rs`.

use crate::emulator::handler::prelude::*;
use std::time::Instant;

/// What a new volume is.
pub struct NewVolume<'a> {
    pub name: Option<String>,
    pub size_gb: i64,
    pub kvm: bool,
    pub volume: Option<&'a str>,
    pub zone: Option<String>,
    pub base: bool,
    pub snapshot: Option<String>,
    pub description: String,
    pub protection: bool,
}

/// Keeps a new volume, creating (`INIT`), attached to `server` when given (`ATTAC` after
/// `createDelayMs`, else `CREAT`). Answers it as it is then.
pub fn make(state: &mut State, v: NewVolume<'_>, server: Option<&ServerInstance>, region: &str, now: Instant) -> Value {
    let no = state.next_id();
    let (hypervisor, kind) = (
        if v.kvm {
            Code::new("KVM", "KVM")
        } else {
            Code::new("XEN", "XEN")
        },
        if v.base {
            Code::new("BASIC", "Basic BS")
        } else {
            Code::new("SVRBS", "Server BS")
        },
    );
    let volume = v.volume.unwrap_or(if v.kvm { "CB1" } else { "SSD" });
    let name = v.name.unwrap_or_else(|| format!("bs-{no}"));
    let mut rec = BlockStorageInstance {
        block_storage_instance_no: Some(no),
        block_storage_name: Some(name),
        block_storage_type: Some(kind),
        block_storage_size: Some(v.size_gb * GIB),
        block_storage_product_code: Some(if v.kvm { "SPBSTBSTAD000006" } else { "SPBSTBSTAD000002" }.into()),
        create_date: Some(state.create_date()),
        block_storage_description: Some(v.description),
        block_storage_disk_type: Some(Code::new("NET", "Network Storage")),
        is_encrypted_volume: Some(false),
        zone_code: v.zone.or_else(|| server.and_then(|s| s.zone_code.clone())),
        region_code: Some(region.to_string()),
        is_return_protection: Some(v.protection),
        block_storage_volume_type: Some(Code::of(names::VOLUME_TYPE, volume)),
        hypervisor_type: Some(hypervisor),
        block_storage_snapshot_instance_no: v.snapshot.and_then(|n| n.parse().ok()),
        ..BlockStorageInstance::default()
    };
    if v.kvm {
        rec.iops = Some(if volume.starts_with("FB") { 3000 } else { 100 });
        rec.throughput = Some(104_857_600);
    } else {
        rec.block_storage_disk_detail_type = Some(Code::new(volume, volume));
        rec.max_iops_throughput = Some(if volume == "SSD" { 4000 } else { 200 });
    }
    if let Some(server) = server {
        rec.device_name = Some(if v.base {
            if v.kvm { "/dev/vda" } else { "/dev/xvda" }.to_string()
        } else {
            next_device(state, server)
        });
        rec.server_instance_no = server.server_instance_no.clone();
    }
    let settings = state.settings.clone();
    // XEN volumes are made attached to their server, KVM volumes detached, in a zone.
    let creation = match server {
        Some(_) => "createBlockStorageInstance",
        None => "createBlockStorageInstance#detached",
    };
    state.vpc.block_storages.create(rec, now, creation, &settings).wire()
}

/// What a server's termination does to its volumes: base storage and unprotected volumes go with it,
/// protected ones are detached and stay.
pub fn release_for(state: &mut State, server_no: &str, now: Instant) {
    for e in state.vpc.block_storages.items.iter_mut() {
        if !is(&e.rec.server_instance_no, server_no) || e.terminating() {
            continue;
        }
        let base = code_in(&e.rec.block_storage_type, &["BASIC".into()]);
        if e.rec.is_return_protection == Some(true) && !base {
            e.begin(now, "terminateServerInstances").then(|b| {
                b.server_instance_no = None;
                b.device_name = None;
            });
        } else {
            e.begin(now, "terminateServerInstances#delete");
        }
    }
}

/// Whether a hypervisor code is KVM's.
pub fn is_kvm(h: &Option<Code>) -> bool {
    h.as_ref().is_some_and(|h| h.code == "KVM")
}

/// The volumes attached to a server (its base storage first).
pub fn attached_to<'a>(
    state: &'a State,
    server_no: &'a str,
) -> impl Iterator<Item = &'a Entry<BlockStorageInstance>> + 'a {
    state
        .vpc
        .block_storages
        .iter()
        .filter(move |e| is(&e.rec.server_instance_no, server_no) && !e.terminating())
}

/// The next free device name of a server (`/dev/xvdb` ... on XEN, `/dev/vdb` ... on KVM).
pub fn next_device(state: &State, server: &ServerInstance) -> String {
    let prefix = if is_kvm(&server.hypervisor_type) {
        "/dev/vd"
    } else {
        "/dev/xvd"
    };
    let no = s(&server.server_instance_no);
    let used: Vec<String> = attached_to(state, no)
        .filter_map(|e| e.rec.device_name.clone())
        .collect();
    ('a'..='z')
        .map(|c| format!("{prefix}{c}"))
        .find(|d| !used.contains(d))
        .unwrap_or_else(|| format!("{prefix}z"))
}
