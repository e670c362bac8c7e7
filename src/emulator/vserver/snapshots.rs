//! VPC block storage snapshots.

use crate::emulator::handler::prelude::*;
use crate::emulator::lookup;
use crate::emulator::vpc;

/// `getBlockStorageSnapshotInstanceList`: a look-up but for the size, given in GiB (kept in bytes).
pub fn get_block_storage_snapshot_instance_list(cx: &mut Cx<'_>) -> Answer {
    lookup::answer_where(cx, |_, p, v: &BlockStorageSnapshotInstance| {
        p.int("blockStorageSnapshotVolumeSize")
            .is_none_or(|gb| v.block_storage_snapshot_volume_size == Some(gb * GIB))
    })
}

/// `createBlockStorageSnapshotInstance`: of an attached or detached volume at rest; `INIT`, then
/// `CREAT` after `createDelayMs`. The snapshot of a KVM server's base storage is bootable and carries
/// what the server runs (for `createServerImageFromSnapshot`). Types `FULL` and, on KVM,
/// `INCREMENTAL` (NCP's reference).
pub fn create_block_storage_snapshot_instance(cx: &mut Cx<'_>) -> Answer {
    let (p, region, now) = cx.start();
    let state = &mut *cx.state;
    let no = p.text("originalBlockStorageInstanceNo");
    let volume = super::block_storage::find(state, &no, &region)?;
    volume.permit(cx.action.name)?;
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
    let given = p.str("blockStorageSnapshotName");
    let name = vpc::new_name(state, |s| &s.vpc.snapshots, given, "snap", &region)?;
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
    one(cx.action, state.create(snap, now, cx.action.name).wire())
}

/// `deleteBlockStorageSnapshotInstances`: created snapshots; `TERMT`, then gone.
pub fn delete_block_storage_snapshot_instances(cx: &mut Cx<'_>) -> Answer {
    let nos = cx.params().list("blockStorageSnapshotInstanceNoList");
    each::<BlockStorageSnapshotInstance>(cx, &nos, |_, _| Ok(()), None)
}
