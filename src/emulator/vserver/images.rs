//! VPC images: member server image instances (XEN) and server images (XEN and KVM, from a server or
//! from snapshots).

use crate::emulator::handler::prelude::*;

fn members(s: &State) -> &Store<MemberServerImageInstance> {
    &s.vpc.member_server_image_instances
}
fn members_mut(s: &mut State) -> &mut Store<MemberServerImageInstance> {
    &mut s.vpc.member_server_image_instances
}
fn images(s: &State) -> &Store<ServerImage> {
    &s.vpc.server_images
}
fn images_mut(s: &mut State) -> &mut Store<ServerImage> {
    &mut s.vpc.server_images
}

/// The images of a store in the call's region, filtered by the parameters every list action has: the
/// number list, the name and the status code (their parameter names, in that order), sorted by name
/// when `sortedBy` is given, reversed for `DESC`.
fn listed<'a, T: Image>(
    store: &'a Store<T>,
    region: &str,
    p: &Params,
    (nos, name, status): (&str, &str, &str),
    keep: impl Fn(&T) -> bool,
) -> Vec<&'a Entry<T>> {
    let nos = p.list(nos);
    let name = p.str(name);
    let status = p.str(status);
    let mut entries: Vec<&Entry<T>> = store
        .iter()
        .filter(|e| e.region.as_deref() == Some(region))
        .filter(|e| nos.is_empty() || nos.iter().any(|n| n == e.rec.no()))
        .filter(|e| name.is_none_or(|n| e.rec.name() == n))
        .filter(|e| status.is_none_or(|c| e.rec.status() == c))
        .filter(|e| keep(&e.rec))
        .collect();
    if p.str("sortedBy").is_some() {
        entries.sort_by(|a, b| a.rec.name().cmp(b.rec.name()));
    }
    if p.str("sortingOrder") == Some("DESC") {
        entries.reverse();
    }
    entries
}

fn share<T: Image>(cx: &mut Cx<'_>, store: fn(&mut State) -> &mut Store<T>, key: &'static str, op: ShareOp) -> Answer {
    let (p, region, _) = cx.start();
    let no = p.str(key).unwrap_or_default();
    let list = p.list("targetLoginIdList");
    one(
        cx.action,
        image_ops::share(store(cx.state), cx.action.name, op, no, list, Some(&region))?,
    )
}

fn find_server(state: &State, no: &str, region: &str) -> Result<ServerInstance, ApiFault> {
    state
        .vpc
        .servers
        .find(no, Some(region))
        .map(|e| e.rec.clone())
        .ok_or_else(|| faults::server_not_found(no))
}

// ------------------------------------------------------------------------------------------------
// Member server image instances

/// `getMemberServerImageInstanceList`
pub fn get_member_server_image_instance_list(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let platforms = p.list("platformTypeCodeList");
    let keys = (
        "memberServerImageInstanceNoList",
        "memberServerImageName",
        "memberServerImageInstanceStatusCode",
    );
    let entries = listed(members(cx.state), cx.region(), &p, keys, |i| {
        platforms.is_empty() || i.platform().is_some_and(|x| platforms.iter().any(|p| p == x))
    });
    cx.page(entries.into_iter().map(Entry::wire).collect(), &p)
}

/// `createMemberServerImageInstance`: of a running or stopped XEN server.
pub fn create_member_server_image_instance(cx: &mut Cx<'_>) -> Answer {
    let (p, region, now) = cx.start();
    let state = &mut *cx.state;
    let server_no = p.text("serverInstanceNo");
    let server = find_server(state, &server_no, &region)?;
    if server.hypervisor_type.as_ref().is_some_and(|h| h.code == "KVM") {
        return Err(faults::kvm_not_supported(&server_no));
    }
    image_ops::check_server_ready(members(state), server.status(), &server_no)?;
    let name = image_ops::image_name(state, members, p.str("memberServerImageName"), Some(&region))?;
    let platform = server.platform_type.as_ref().map(|c| c.code.clone());
    let image = MemberServerImageInstance {
        member_server_image_instance_no: Some(state.next_id()),
        member_server_image_name: Some(name),
        member_server_image_description: Some(p.str("memberServerImageDescription").unwrap_or("").to_string()),
        original_server_instance_no: Some(server_no),
        original_server_image_product_code: server.server_image_product_code.clone(),
        create_date: Some(state.create_date()),
        share_status: Some(image_ops::share_status(false)),
        shared_login_id_list: Some(Vec::new()),
        region_code: Some(region.clone()),
        platform_type: platform,
        ..MemberServerImageInstance::default()
    };
    let size = server.base_block_storage_size.unwrap_or(50 * GIB);
    let done = move |i: &mut MemberServerImageInstance| {
        i.member_server_image_block_storage_total_rows = Some(1);
        i.member_server_image_block_storage_total_size = Some(size);
    };
    one(
        cx.action,
        image_ops::keep(state, members_mut, image, &region, cx.action.name, done, now),
    )
}

/// `deleteMemberServerImageInstances`
pub fn delete_member_server_image_instances(cx: &mut Cx<'_>) -> Answer {
    let (p, region, _) = cx.start();
    let nos = p.list("memberServerImageInstanceNoList");
    let items = image_ops::delete(members_mut(cx.state), cx.action.name, &nos, Some(&region), cx.now)?;
    cx.list(items)
}

/// `addMemberServerImageSharingPermission`
pub fn add_member_server_image_sharing_permission(cx: &mut Cx<'_>) -> Answer {
    share(cx, members_mut, "memberServerImageInstanceNo", ShareOp::Add)
}

/// `removeMemberServerImageSharingPermission`
pub fn remove_member_server_image_sharing_permission(cx: &mut Cx<'_>) -> Answer {
    share(cx, members_mut, "memberServerImageInstanceNo", ShareOp::Remove)
}

/// `setMemberServerImageSharingPermission` (no list: unshare all).
pub fn set_member_server_image_sharing_permission(cx: &mut Cx<'_>) -> Answer {
    share(cx, members_mut, "memberServerImageInstanceNo", ShareOp::Set)
}

// ------------------------------------------------------------------------------------------------
// Server images

/// `createServerImage`: of a running or stopped server (XEN or KVM).
pub fn create_server_image(cx: &mut Cx<'_>) -> Answer {
    create_image(cx, false)
}

/// `createServerImageFromSnapshot`: a KVM image whose base storage (order 0) comes from a bootable
/// snapshot.
pub fn create_server_image_from_snapshot(cx: &mut Cx<'_>) -> Answer {
    super::images::create_image(cx, true)
}

/// `deleteServerImage` (the action name is singular; it takes a list).
pub fn delete_server_image(cx: &mut Cx<'_>) -> Answer {
    let (p, region, _) = cx.start();
    let items = image_ops::delete(
        images_mut(cx.state),
        cx.action.name,
        &p.list("serverImageNoList"),
        Some(&region),
        cx.now,
    )?;
    cx.list(items)
}

/// `addServerImageSharingPermission`
pub fn add_server_image_sharing_permission(cx: &mut Cx<'_>) -> Answer {
    share(cx, images_mut, "serverImageNo", ShareOp::Add)
}

/// `removeServerImageSharingPermission`
pub fn remove_server_image_sharing_permission(cx: &mut Cx<'_>) -> Answer {
    share(cx, images_mut, "serverImageNo", ShareOp::Remove)
}

/// One requested `blockStorageList` entry.
struct Requested {
    order: i64,
    snapshot: Option<String>,
    size_gb: Option<i64>,
    volume_type: Option<String>,
    no_storage: bool,
}

fn requested(p: &Params) -> Vec<Requested> {
    let mut out: Vec<Requested> = p
        .objects("blockStorageList")
        .into_iter()
        .map(|v| Requested {
            order: v.int("order").unwrap_or(0),
            snapshot: v.str("snapshotInstanceNo").map(str::to_string),
            size_gb: v.int("blockStorageSize"),
            volume_type: v.str("blockStorageVolumeTypeCode").map(str::to_string),
            no_storage: v.flag("noBlockStorage") == Some(true),
        })
        .collect();
    out.sort_by_key(|r| r.order);
    out
}

/// `createServerImage` and `createServerImageFromSnapshot`: the image takes what its source says about
/// the OS (the server's or the base snapshot's template) and the requested block storage mappings (the
/// server's own volumes when none are requested).
pub fn create_image(cx: &mut Cx<'_>, from_snapshot: bool) -> Answer {
    let (p, region, now) = cx.start();
    let state = &mut *cx.state;
    let find_snapshot = |state: &State, no: &str| -> Result<BlockStorageSnapshotInstance, ApiFault> {
        Ok(state.vpc.snapshots.found(no, Some(&region))?.rec.clone())
    };
    let mut mappings = Vec::new();
    let mut base_snapshot: Option<BlockStorageSnapshotInstance> = None;
    for item in requested(&p).into_iter().filter(|r| !r.no_storage) {
        let wanted = item.size_gb.map(|gb| gb * GIB);
        let volume = Code::of(names::VOLUME_TYPE, item.volume_type.as_deref().unwrap_or("CB1"));
        let mut mapping = BlockStorageMapping {
            order: Some(item.order),
            block_storage_size: Some(wanted.unwrap_or(10 * GIB)),
            block_storage_volume_type: Some(volume),
            iops: Some(100),
            throughput: Some(104_857_600),
            is_encrypted_volume: Some(false),
            ..BlockStorageMapping::default()
        };
        if let Some(no) = &item.snapshot {
            let snap = find_snapshot(state, no)?;
            let size = snap.block_storage_snapshot_volume_size.unwrap_or(10 * GIB);
            mapping.block_storage_snapshot_instance_no = Some(no.clone());
            mapping.block_storage_snapshot_name = snap.block_storage_snapshot_name.clone();
            mapping.block_storage_size = Some(wanted.unwrap_or(size).max(size));
            if item.order == 0 {
                base_snapshot = Some(snap);
            }
        }
        mappings.push(mapping);
    }

    let (source_no, template, default_mappings) = if from_snapshot {
        let base = base_snapshot.ok_or_else(|| faults::not_bootable("(none)"))?;
        let no = base.block_storage_snapshot_instance_no.clone().unwrap_or_default();
        if base.is_bootable != Some(true) || base.hypervisor_type.as_ref().is_none_or(|h| h.code != "KVM") {
            return Err(faults::not_bootable(&no));
        }
        let template = base.image_template.clone().unwrap_or(ImageTemplate {
            hypervisor_type: Some(Code::new("KVM", "KVM")),
            ..ImageTemplate::default()
        });
        (None, template, vec![])
    } else {
        let server_no = p.text("serverInstanceNo");
        let server = find_server(state, &server_no, &region)?;
        image_ops::check_server_ready(images(state), server.status(), &server_no)?;
        let mut template = server.image_template.clone().unwrap_or_default();
        if template.hypervisor_type.is_none() {
            template.hypervisor_type = server.hypervisor_type.clone();
        }
        let storages = server.block_storages.clone().unwrap_or_else(|| {
            vec![BlockStorageMapping {
                order: Some(0),
                block_storage_size: Some(server.base_block_storage_size.unwrap_or(50 * GIB)),
                block_storage_volume_type: Some(
                    server
                        .base_block_storage_disk_type
                        .clone()
                        .unwrap_or_else(|| Code::of(names::VOLUME_TYPE, "CB1")),
                ),
                is_encrypted_volume: Some(false),
                ..BlockStorageMapping::default()
            }]
        });
        (Some(server_no), template, storages)
    };
    if mappings.is_empty() {
        mappings = default_mappings;
    }
    let name = image_ops::image_name(state, images, p.str("serverImageName"), Some(&region))?;
    let mut image = ServerImage {
        server_image_no: Some(state.next_id()),
        server_image_name: Some(name),
        server_image_description: Some(p.str("serverImageDescription").unwrap_or("").to_string()),
        server_image_type: Some(Code::new("SELF", "SELF Server Image")),
        cpu_architecture_type: Some(Code::new("X86_64", "x86 64bit")),
        create_date: Some(state.create_date()),
        block_storage_mapping_list: Some(mappings),
        share_status: Some(image_ops::share_status(false)),
        shared_login_id_list: Some(Vec::new()),
        region_code: Some(region.clone()),
        original_server_instance_no: source_no,
        own: Some(true),
        ..ServerImage::default()
    };
    // What the source says about the OS (and the type, as NCP's reference example shows) wins over
    // the defaults above; the image is the account's own either way (`own`).
    let t = template;
    image.hypervisor_type = t.hypervisor_type.or(image.hypervisor_type);
    image.cpu_architecture_type = t.cpu_architecture_type.or(image.cpu_architecture_type);
    image.os_category_type = t.os_category_type.or(image.os_category_type);
    image.os_type = t.os_type.or(image.os_type);
    image.server_image_type = t.server_image_type.or(image.server_image_type);
    image.product_code = t.product_code.or(image.product_code);
    image.platform_category_code = t.platform_category_code.or(image.platform_category_code);
    one(
        cx.action,
        image_ops::keep(state, images_mut, image, &region, cx.action.name, |_| {}, now),
    )
}
