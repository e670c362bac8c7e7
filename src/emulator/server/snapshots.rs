//! Classic block storage snapshots: of a storage that is attached or detached with no operation
//! running; `INIT` creating, then `CREAT` created after `createDelayMs`; deleted: terminating, gone.

use crate::emulator::handler::prelude::*;

/// `createBlockStorageSnapshotInstance`
pub fn create_block_storage_snapshot_instance(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let no = p.text("blockStorageInstanceNo");
    let now = cx.now;
    let state = &mut *cx.state;
    let b = state.classic.block_storages.live(&no, None)?;
    b.permit(cx.action.name)?;
    let storage = b.rec.clone();
    let server = storage
        .server_instance_no
        .as_deref()
        .and_then(|s| state.classic.servers.find(s, None))
        .map(|e| e.rec.clone());
    let snap_no = state.next_id();
    let name = p
        .str("blockStorageSnapshotName")
        .map_or_else(|| format!("snap{snap_no}"), str::to_string);
    state.classic.snapshots.name_free(&name, None, None)?;
    let rec = ClassicBlockStorageSnapshotInstance {
        block_storage_snapshot_instance_no: Some(snap_no),
        block_storage_snapshot_name: Some(name),
        block_storage_snapshot_volume_size: storage.block_storage_size,
        original_block_storage_instance_no: Some(no),
        original_block_storage_name: storage.block_storage_name.clone(),
        create_date: Some(state.create_date()),
        block_storage_snapshot_instance_description: Some(
            p.str("blockStorageSnapshotDescription").unwrap_or_default().into(),
        ),
        server_image_product_code: server.as_ref().and_then(|s| s.server_image_product_code.clone()),
        os_information: server.as_ref().and_then(|s| s.os_information.clone()),
        region_no: storage.region.as_ref().and_then(|r| r.region_no.clone()),
        ..ClassicBlockStorageSnapshotInstance::default()
    };
    one(cx.action, state.create(rec, now, cx.action.name).wire())
}

/// `deleteBlockStorageSnapshotInstances`
pub fn delete_block_storage_snapshot_instances(cx: &mut Cx<'_>) -> Answer {
    let nos = cx.params().list("blockStorageSnapshotInstanceNoList");
    each::<ClassicBlockStorageSnapshotInstance>(cx, &nos, |_, _| Ok(()), None)
}
