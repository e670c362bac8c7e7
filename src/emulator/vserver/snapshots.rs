//! VPC block storage snapshots.

use crate::emulator::handler::prelude::*;

const GIB: i64 = 1 << 30;

/// `getBlockStorageSnapshotInstanceList`
pub fn get_block_storage_snapshot_instance_list(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let nos = p.list("blockStorageSnapshotInstanceNoList");
    let originals = p.list("originalBlockStorageInstanceNoList");
    let hypervisors = p.list("hypervisorTypeCodeList");
    let status = p.str("blockStorageSnapshotInstanceStatusCode");
    let mut items: Vec<Value> = cx
        .state
        .vpc
        .snapshots
        .in_region(cx.region())
        .map(|e| &e.rec)
        .filter(|v| text_in(&v.block_storage_snapshot_instance_no, &nos))
        .filter(|v| text_in(&v.original_block_storage_instance_no, &originals))
        .filter(|v| code_in(&v.hypervisor_type, &hypervisors))
        .filter(|v| {
            p.str("blockStorageSnapshotName")
                .is_none_or(|n| is(&v.block_storage_snapshot_name, n))
        })
        .filter(|v| status.is_none_or(|c| v.status() == c))
        .filter(|v| p.flag("isBootable").is_none_or(|b| v.is_bootable == Some(b)))
        .filter(|v| {
            p.flag("isEncryptedOriginalBlockStorageVolume")
                .is_none_or(|b| v.is_encrypted_original_block_storage_volume == Some(b))
        })
        // The size is given in GiB, kept in bytes.
        .filter(|v| {
            p.int("blockStorageSnapshotVolumeSize")
                .is_none_or(|gb| v.block_storage_snapshot_volume_size == Some(gb * GIB))
        })
        .map(wire)
        .collect();
    if p.str("sortingOrder") == Some("DESC") {
        items.reverse();
    }
    cx.page(items, &p)
}

pub fn find<'a>(state: &'a State, no: &str, region: &str) -> Result<&'a Entry<BlockStorageSnapshotInstance>, ApiFault> {
    state
        .vpc
        .snapshots
        .find(no, Some(region))
        .filter(|e| !e.terminating())
        .ok_or_else(|| faults::snapshot_not_found(no))
}

/// `createBlockStorageSnapshotInstance`: of an attached or detached volume at rest; `INIT`, then
/// `CREAT` after `createDelayMs`. The snapshot of a KVM server's base storage is bootable and carries
/// what the server runs (for `createServerImageFromSnapshot`). Types `FULL` and, on KVM,
/// `INCREMENTAL` (NCP's reference).
pub fn create_block_storage_snapshot_instance(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let region = cx.region().to_string();
    let now = cx.now;
    let state = &mut *cx.state;
    let no = p.str("originalBlockStorageInstanceNo").unwrap_or_default().to_string();
    let volume = super::block_storage::find(state, &no, &region)?;
    if volume.busy() || !matches!(volume.rec.status(), "ATTAC" | "CREAT") {
        return Err(faults::not_now(
            Kind::BlockStorageInstance,
            &no,
            volume.rec.status_name(),
        ));
    }
    let volume = volume.rec.clone();
    let kvm = c(&volume.hypervisor_type) == "KVM";
    let kind = p.str("snapshotTypeCode").unwrap_or("FULL");
    if kind == "INCREMENTAL" && !kvm {
        return Err(faults::unsupported(format!(
            "Incremental snapshots are of KVM block storage only. ({no})"
        )));
    }
    let base = code_in(&volume.block_storage_type, &["BASIC".into()]);
    let template = volume
        .server_instance_no
        .as_deref()
        .and_then(|n| state.vpc.servers.find(n, None))
        .filter(|_| base)
        .map(|e| {
            let mut t = e.rec.image_template.clone().unwrap_or_default();
            t.hypervisor_type = t.hypervisor_type.or(e.rec.hypervisor_type.clone());
            t
        });
    let name = match p.str("blockStorageSnapshotName") {
        Some(n) => n.to_string(),
        None => crate::emulator::vpc::auto_name(state, "snap"),
    };
    if state
        .vpc
        .snapshots
        .in_region(&region)
        .any(|e| !e.terminating() && is(&e.rec.block_storage_snapshot_name, &name))
    {
        return Err(faults::name_in_use(&name));
    }
    let snap = BlockStorageSnapshotInstance {
        block_storage_snapshot_instance_no: Some(state.next_id()),
        block_storage_snapshot_name: Some(name),
        block_storage_snapshot_volume_size: volume.block_storage_size,
        original_block_storage_instance_no: Some(no),
        create_date: Some(state.create_date()),
        is_encrypted_original_block_storage_volume: volume.is_encrypted_volume,
        block_storage_snapshot_description: Some(p.str("blockStorageSnapshotDescription").unwrap_or("").to_string()),
        snapshot_type: Some(Code::of(names::SNAPSHOT_TYPE, kind)),
        hypervisor_type: volume.hypervisor_type.clone(),
        is_bootable: Some(base && kvm),
        block_storage_volume_type: volume.block_storage_volume_type.clone(),
        region_code: Some(region.clone()),
        image_template: template,
        ..BlockStorageSnapshotInstance::default()
    };
    let settings = state.settings.clone();
    let e = state.vpc.snapshots.push(Entry::new(snap, now));
    e.run(now, plans::image::create(false, |_| {}));
    e.advance(now, &settings);
    let answer = e.wire();
    cx.list(vec![answer])
}

/// `deleteBlockStorageSnapshotInstances`: created snapshots; `TERMT`, then gone.
pub fn delete_block_storage_snapshot_instances(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let region = cx.region().to_string();
    let now = cx.now;
    let nos = p.list("blockStorageSnapshotInstanceNoList");
    for no in &nos {
        let e = find(cx.state, no, &region)?;
        if e.busy() {
            return Err(faults::not_now(
                Kind::BlockStorageSnapshotInstance,
                no,
                e.rec.status_name(),
            ));
        }
    }
    let mut items = Vec::new();
    for no in &nos {
        if let Some(e) = cx.state.vpc.snapshots.find_mut(no, Some(&region)) {
            e.run(now, plans::image::delete());
            items.push(e.wire());
        }
    }
    cx.list(items)
}
