//! VPC block storage. What NCP documents (the block storage reference and guide): sizes in GB, in
//! steps of 10, XEN volumes 10 to 2000 GB (`SSD`/`HDD`), KVM volumes 10 to 16380 GB (volume types
//! `CB1`, `CB2`, `FB1`, `FB2`); a XEN volume is made attached to the server named, a KVM volume is made
//! detached in a zone (it cannot be attached at creation); a server holds at most its spec's
//! `blockStorageMaxCount` volumes, its base storage included (`getServerSpecList`); base storage is
//! neither detached nor deleted by hand; a volume with return protection is not deleted; XEN volumes
//! grow by `changeBlockStorageVolumeSize` (an attached one only while its server is stopped), KVM
//! volumes by `changeBlockStorageInstance`.

use crate::emulator::handler::prelude::*;
use crate::emulator::lookup;

use super::volumes::{attached_to, is_kvm, make, next_device, NewVolume};

/// Largest volume in GB, per hypervisor.
pub const XEN_MAX_GB: i64 = 2000;
pub const KVM_MAX_GB: i64 = 16380;

pub fn find<'a>(state: &'a State, no: &str, region: &str) -> Result<&'a Entry<BlockStorageInstance>, ApiFault> {
    state.vpc.block_storages.live(no, Some(region))
}

/// A size in GB a hypervisor takes: a multiple of 10 from 10 to its maximum.
pub fn check_size(gb: i64, kvm: bool) -> Result<(), ApiFault> {
    let max = if kvm { KVM_MAX_GB } else { XEN_MAX_GB };
    if !(10..=max).contains(&gb) || gb % 10 != 0 {
        return Err(faults::invalid_param(&format!(
            "'blockStorageSize' must be 10 to {max} GB in steps of 10 for {} block storage (got {gb})",
            if kvm { "KVM" } else { "XEN" }
        )));
    }
    Ok(())
}

/// The most volumes `server` may hold: its spec's `blockStorageMaxCount` (16 for XEN specs, 21 for KVM
/// when the spec is not known: base storage and 15 / 20 more, as `createServerImage`'s
/// `blockStorageList` takes 21 entries on KVM).
pub fn max_volumes(state: &State, server: &ServerInstance, region: &str) -> usize {
    let spec = super::lookups::spec_of(
        state,
        region,
        server.server_product_code.as_deref(),
        server.server_spec_code.as_deref(),
    );
    let fallback = if is_kvm(&server.hypervisor_type) { 21 } else { 16 };
    spec.and_then(|s| s.block_storage_max_count)
        .map_or(fallback, |n| n.max(1) as usize)
}

/// `getBlockStorageInstanceList`: a look-up but for the size (given in GiB, kept in bytes), the name
/// of the volume's server and its device (`connectionInfo`).
pub fn get_block_storage_instance_list(cx: &mut Cx<'_>) -> Answer {
    lookup::answer_where(cx, |state, p, b: &BlockStorageInstance| {
        let server = || state.vpc.servers.text_of(&b.server_instance_no, |r| &r.server_name);
        p.int("blockStorageSize")
            .is_none_or(|gb| b.block_storage_size == Some(gb * GIB))
            && p.str("serverName").is_none_or(|x| server() == Some(x))
            && p.str("connectionInfo").is_none_or(|x| is(&b.device_name, x))
    })
}

/// `createBlockStorageInstance`: a XEN volume attached to the server named, or a detached KVM volume
/// in a zone; from a snapshot when one is named (at least its size, same hypervisor).
pub fn create_block_storage_instance(cx: &mut Cx<'_>) -> Answer {
    let (p, region, now) = cx.start();
    let state = &mut *cx.state;
    let server = match p.str("serverInstanceNo") {
        Some(no) => {
            let server = super::found::server_at_rest(state, no, &region, cx.action.name)?
                .rec
                .clone();
            if is_kvm(&server.hypervisor_type) {
                return Err(faults::unsupported(format!(
                    "KVM block storage cannot be attached at creation: create it in a zone, then attachBlockStorageInstance. (serverInstanceNo: {no})"
                )));
            }
            Some(server)
        }
        None => None,
    };
    let volume = p
        .str("blockStorageVolumeTypeCode")
        .or(p.str("blockStorageDiskDetailTypeCode"));
    let kvm = server.is_none();
    if kvm && volume.is_some_and(|v| v == "SSD" || v == "HDD") {
        return Err(faults::missing_param(&["serverInstanceNo".into()]));
    }
    if !kvm && volume.is_some_and(|v| !(v == "SSD" || v == "HDD")) {
        return Err(faults::unsupported(format!(
            "XEN block storage is SSD or HDD, not {}.",
            volume.unwrap_or_default()
        )));
    }
    let zone = if kvm {
        let z = p
            .str("zoneCode")
            .ok_or_else(|| faults::missing_param(&["zoneCode".into()]))?
            .to_string();
        if !state
            .vpc
            .zones
            .iter()
            .any(|x| is(&x.zone_code, &z) && in_region(&x.region_code, &region))
        {
            return Err(faults::invalid_param(&format!(
                "'zoneCode' {z} is not a zone of region {region}"
            )));
        }
        Some(z)
    } else {
        None
    };
    let gb = p.int("blockStorageSize").unwrap_or(0);
    check_size(gb, kvm)?;
    let snapshot = match p.str("blockStorageSnapshotInstanceNo") {
        Some(no) => {
            let snap = state
                .vpc
                .snapshots
                .find(no, Some(&region))
                .filter(|e| !e.terminating() && e.rec.status() == "CREAT")
                .ok_or_else(|| faults::not_found(Kind::BlockStorageSnapshotInstance, no))?;
            if is_kvm(&snap.rec.hypervisor_type) != kvm {
                return Err(faults::mismatch(format!("The snapshot {no} is of another hypervisor.")));
            }
            let min = snap.rec.block_storage_snapshot_volume_size.unwrap_or(0);
            if gb * GIB < min {
                return Err(faults::invalid_param(&format!(
                    "'blockStorageSize' must be at least the snapshot's size ({} GB)",
                    min / GIB
                )));
            }
            Some(no.to_string())
        }
        None => None,
    };
    if let Some(server) = &server {
        let max = max_volumes(state, server, &region);
        if attached_to(state, s(&server.server_instance_no)).count() >= max {
            return Err(faults::limit("block storage per server", max));
        }
    }
    let v = NewVolume {
        name: p.str("blockStorageName").map(str::to_string),
        size_gb: gb,
        kvm,
        volume,
        zone,
        base: false,
        snapshot,
        description: p.str("blockStorageDescription").unwrap_or("").to_string(),
        protection: p.flag("isReturnProtection") == Some(true),
    };
    one(cx.action, make(state, v, server.as_ref(), &region, now))
}

/// `attachBlockStorageInstance`: a detached volume to a running or stopped server of its zone and
/// hypervisor, within the server's limit.
pub fn attach_block_storage_instance(cx: &mut Cx<'_>) -> Answer {
    let (p, region, now) = cx.start();
    let state = &mut *cx.state;
    let no = p.text("blockStorageInstanceNo");
    let e = state.vpc.block_storages.usable(&no, Some(&region), cx.action.name)?;
    let volume = e.rec.clone();
    let server_no = p.str("serverInstanceNo").unwrap_or_default();
    let server = super::found::server_at_rest(state, server_no, &region, cx.action.name)?
        .rec
        .clone();
    let server_no = s(&server.server_instance_no).to_string();
    if volume.hypervisor_type.as_ref().map(|h| &h.code) != server.hypervisor_type.as_ref().map(|h| &h.code) {
        return Err(faults::mismatch(format!(
            "The block storage {no} ({}) cannot be attached to a {} server.",
            c(&volume.hypervisor_type),
            c(&server.hypervisor_type)
        )));
    }
    if volume.zone_code != server.zone_code {
        return Err(faults::mismatch(format!(
            "The block storage {no} is in zone {}, the server instance {server_no} in {}.",
            s(&volume.zone_code),
            s(&server.zone_code)
        )));
    }
    let max = max_volumes(state, &server, &region);
    if attached_to(state, &server_no).count() >= max {
        return Err(faults::limit(
            &format!("block storage per {} server", c(&server.hypervisor_type)),
            max,
        ));
    }
    let device = next_device(state, &server);
    let settings = state.settings.clone();
    let e = state.vpc.block_storages.found_mut(&no, Some(&region))?;
    e.rec.server_instance_no = Some(server_no);
    e.rec.device_name = Some(device);
    e.begin(now, cx.action.name);
    e.advance(now, &settings);
    one(cx.action, e.wire())
}

/// `detachBlockStorageInstances`: attached volumes other than base storage, from running or stopped
/// servers.
pub fn detach_block_storage_instances(cx: &mut Cx<'_>) -> Answer {
    let (p, region, now) = cx.start();
    let nos = p.list("blockStorageInstanceNoList");
    for no in &nos {
        let e = find(cx.state, no, &region)?;
        if code_in(&e.rec.block_storage_type, &["BASIC".into()]) {
            return Err(faults::unsupported(format!(
                "The base storage of a server cannot be detached. ({no})"
            )));
        }
        e.permit(cx.action.name)?;
        super::found::server_at_rest(cx.state, s(&e.rec.server_instance_no), &region, cx.action.name)?;
    }
    let mut items = Vec::new();
    let settings = cx.state.settings.clone();
    for no in &nos {
        if let Some(e) = cx.state.vpc.block_storages.find_mut(no, Some(&region)) {
            e.begin(now, cx.action.name).then(|b| {
                b.server_instance_no = None;
                b.device_name = None;
            });
            e.advance(now, &settings);
            items.push(e.wire());
        }
    }
    cx.list(items)
}

/// `deleteBlockStorageInstances`: detached volumes without return protection.
pub fn delete_block_storage_instances(cx: &mut Cx<'_>) -> Answer {
    let nos = cx.params().list("blockStorageInstanceNoList");
    each(
        cx,
        &nos,
        |_, e: &Entry<BlockStorageInstance>| {
            let no = e.rec.no();
            if e.rec.is_return_protection == Some(true) {
                return Err(faults::protected(Kind::BlockStorageInstance, no));
            }
            match e.rec.server_instance_no.as_deref().filter(|x| !x.is_empty()) {
                Some(server) => Err(faults::in_use(
                    Kind::BlockStorageInstance,
                    no,
                    &format!("server instance {server}"),
                )),
                None => Ok(()),
            }
        },
        None,
    )
}

/// Grows a volume: larger, within its hypervisor's sizes; an attached XEN volume only while its server
/// is stopped.
fn grow(cx: &mut Cx<'_>, kvm: bool) -> Answer {
    let (p, region, now) = cx.start();
    let no = p.text("blockStorageInstanceNo");
    let e = find(cx.state, &no, &region)?;
    if is_kvm(&e.rec.hypervisor_type) != kvm {
        return Err(faults::unsupported(if kvm {
            format!("changeBlockStorageInstance changes KVM block storage; use changeBlockStorageVolumeSize for XEN. ({no})")
        } else {
            format!("changeBlockStorageVolumeSize changes XEN block storage; use changeBlockStorageInstance for KVM. ({no})")
        }));
    }
    e.permit(cx.action.name)?;
    let gb = p.int("blockStorageSize").unwrap_or(0);
    check_size(gb, kvm)?;
    if Some(gb * GIB) <= e.rec.block_storage_size {
        return Err(faults::invalid_param(&format!(
            "'blockStorageSize' must be larger than the current size ({} GB)",
            e.rec.block_storage_size.unwrap_or(0) / GIB
        )));
    }
    let attached = e.rec.status() == "ATTAC";
    if attached && !kvm {
        let server = s(&e.rec.server_instance_no).to_string();
        let at = cx.state.vpc.servers.find(&server, Some(&region));
        if at.is_some_and(|x| x.rec.status() != "NSTOP" || x.busy()) {
            return Err(faults::not_now(Kind::ServerInstance, &server, "not stopped"));
        }
    }
    let settings = cx.state.settings.clone();
    let e = cx.state.vpc.block_storages.found_mut(&no, Some(&region))?;
    e.rec.block_storage_size = Some(gb * GIB);
    e.begin(now, cx.action.name).advance(now, &settings);
    one(cx.action, e.wire())
}

/// `changeBlockStorageVolumeSize` (XEN).
pub fn change_block_storage_volume_size(cx: &mut Cx<'_>) -> Answer {
    grow(cx, false)
}

/// `changeBlockStorageInstance` (KVM).
pub fn change_block_storage_instance(cx: &mut Cx<'_>) -> Answer {
    grow(cx, true)
}

/// `setBlockStorageReturnProtection`
pub fn set_block_storage_return_protection(cx: &mut Cx<'_>) -> Answer {
    let (p, region, _) = cx.start();
    let no = p.text("blockStorageInstanceNo");
    let e = cx.state.vpc.block_storages.live_mut(&no, Some(&region))?;
    e.rec.is_return_protection = p.flag("isReturnProtection");
    one(cx.action, e.wire())
}

/// `getBlockStorageVolumeTypeList`
pub fn get_block_storage_volume_type_list(cx: &mut Cx<'_>) -> Answer {
    let (p, region, _) = cx.start();
    let types = p.list("blockStorageVolumeTypeCodeList");
    let hypervisors = p.list("hypervisorTypeCodeList");
    let state = &*cx.state;
    let spec_hypervisor = p
        .str("serverSpecCode")
        .and_then(|code| super::lookups::spec_of(state, &region, None, Some(code)))
        .map(|s| c(&s.hypervisor_type).to_string());
    let items = state
        .vpc
        .block_storage_volume_types
        .iter()
        .filter(|v| in_region(&v.region_code, &region))
        .filter(|v| code_in(&v.block_storage_volume_type, &types))
        .filter(|v| code_in(&v.hypervisor_type, &hypervisors))
        .filter(|v| spec_hypervisor.as_deref().is_none_or(|h| c(&v.hypervisor_type) == h))
        .filter(|v| {
            p.flag("isBaseStorageAvailable")
                .is_none_or(|b| v.is_base_storage_available == Some(b))
        })
        .filter(|v| {
            p.str("zoneCode")
                .is_none_or(|z| v.zone_code_list.as_ref().is_none_or(|l| l.iter().any(|x| x == z)))
        })
        .map(wire)
        .collect();
    cx.list(items)
}
