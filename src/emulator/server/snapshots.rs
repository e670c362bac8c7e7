//! Classic block storage snapshots: of a storage that is attached or detached with no operation
//! running; `INIT` creating, then `CREAT` created after `createDelayMs`; deleted: terminating, gone.

use crate::emulator::handler::prelude::*;

/// `createBlockStorageSnapshotInstance`
pub fn create_block_storage_snapshot_instance(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let no = p.str("blockStorageInstanceNo").unwrap_or_default().to_string();
    let now = cx.now;
    let state = &mut *cx.state;
    let b = state
        .classic
        .block_storages
        .find(&no, None)
        .filter(|e| !e.terminating())
        .ok_or_else(|| faults::not_found(Kind::ClassicBlockStorageInstance, &no))?;
    if b.busy() || !matches!(b.rec.status(), "ATTAC" | "CREAT") {
        return Err(faults::not_now(
            Kind::ClassicBlockStorageInstance,
            &no,
            b.rec.status_name(),
        ));
    }
    let storage = b.rec.clone();
    let server = storage
        .server_instance_no
        .as_deref()
        .and_then(|s| state.classic.servers.find(s, None))
        .map(|e| e.rec.clone());
    let snap_no = state.next_id();
    let name = match p.str("blockStorageSnapshotName") {
        Some(n) => n.to_string(),
        None => format!("snap{snap_no}"),
    };
    let taken = state
        .classic
        .snapshots
        .iter()
        .any(|e| is(&e.rec.block_storage_snapshot_name, &name) && !e.terminating());
    if taken {
        return Err(faults::name_in_use(&name));
    }
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
    let settings = state.settings.clone();
    let mut e = Entry::new(rec, now);
    e.run(
        now,
        plans::image::create(false, |_: &mut ClassicBlockStorageSnapshotInstance| {}),
    );
    e.advance(now, &settings);
    let item = e.wire();
    state.classic.snapshots.push(e);
    cx.list(vec![item])
}

/// `deleteBlockStorageSnapshotInstances`
pub fn delete_block_storage_snapshot_instances(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let nos = p.list("blockStorageSnapshotInstanceNoList");
    for no in &nos {
        let e = cx
            .state
            .classic
            .snapshots
            .find(no, None)
            .filter(|e| !e.terminating())
            .ok_or_else(|| faults::not_found(Kind::ClassicBlockStorageSnapshotInstance, no))?;
        if e.busy() {
            return Err(faults::not_now(
                Kind::ClassicBlockStorageSnapshotInstance,
                no,
                e.rec.status_name(),
            ));
        }
    }
    let now = cx.now;
    let mut items = Vec::new();
    for no in &nos {
        if let Some(e) = cx.state.classic.snapshots.find_mut(no, None) {
            e.run(now, plans::image::delete());
            items.push(e.wire());
        }
    }
    cx.list(items)
}
