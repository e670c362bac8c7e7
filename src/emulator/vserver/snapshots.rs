//! VPC block storage snapshots.

use crate::emulator::handler::prelude::*;

const GIB: i64 = 1 << 30;

/// `getBlockStorageSnapshotInstanceList`
pub fn get_block_storage_snapshot_instance_list(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params(&[
        PAGE_NO,
        VPC_PAGE_SIZE,
        VPC_ORDER,
        ("isBootable", &[Bool]),
        ("isEncryptedOriginalBlockStorageVolume", &[Bool]),
        ("blockStorageSnapshotVolumeSize", &[INT]),
    ])?;
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
