//! Classic block storage snapshots.

use crate::emulator::handler::prelude::*;

/// `getBlockStorageSnapshotInstanceList`
pub fn get_block_storage_snapshot_instance_list(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params(&[PAGE_NO, CLASSIC_PAGE_SIZE])?;
    let nos = p.list("blockStorageSnapshotInstanceNoList");
    let originals = p.list("originalBlockStorageInstanceNoList");
    let region = p.str("regionNo");
    let items = cx
        .state
        .classic
        .snapshots
        .iter()
        .map(|e| &e.rec)
        .filter(|v| text_in(&v.block_storage_snapshot_instance_no, &nos))
        .filter(|v| text_in(&v.original_block_storage_instance_no, &originals))
        .filter(|v| region.is_none_or(|r| v.region_no.as_deref().is_none_or(|x| x == r)))
        .map(wire)
        .collect();
    cx.page(items, &p)
}
