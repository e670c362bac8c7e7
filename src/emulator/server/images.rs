//! Classic member server images.

use crate::emulator::handler::prelude::*;

fn store(s: &State) -> &Store<MemberServerImage> {
    &s.classic.member_server_images
}

fn store_mut(s: &mut State) -> &mut Store<MemberServerImage> {
    &mut s.classic.member_server_images
}

/// `getMemberServerImageList`: by number unless `sortedBy=memberServerImageName`, ascending unless
/// `sortingOrder=descending`.
pub fn get_member_server_image_list(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let nos = p.list("memberServerImageNoList");
    let platforms = p.list("platformTypeCodeList");
    let region = p.str("regionNo");
    let mut entries: Vec<&Entry<MemberServerImage>> = store(cx.state)
        .iter()
        .filter(|e| nos.is_empty() || nos.iter().any(|n| n == e.rec.no()))
        .filter(|e| platforms.is_empty() || e.rec.platform().is_some_and(|x| platforms.iter().any(|p| p == x)))
        .filter(|e| region.is_none_or(|x| e.region.as_deref() == Some(x)))
        .collect();
    if p.str("sortedBy")
        .is_some_and(|b| b.eq_ignore_ascii_case("memberServerImageName"))
    {
        entries.sort_by(|a, b| a.rec.name().cmp(b.rec.name()));
    } else {
        entries.sort_by(|a, b| image_ops::by_number_desc(b, a));
    }
    if p.str("sortingOrder")
        .is_some_and(|o| o.eq_ignore_ascii_case("descending"))
    {
        entries.reverse();
    }
    let items = entries.into_iter().map(Entry::wire).collect();
    cx.page(items, &p)
}

/// `createMemberServerImage`: of a running or stopped server; created after `createDelayMs`.
pub fn create_member_server_image(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let now = cx.now;
    let state = &mut *cx.state;
    let server_no = p.text("serverInstanceNo");
    let found = state.classic.servers.found(&server_no, None)?;
    let (server, busy) = (found.rec.clone(), found.busy());
    image_ops::check_server_ready(store(state), server.status(), &server_no)?;
    // A server with an operation running (booting, shutting down, terminating ...) is busy (spec 7.3).
    if busy {
        return Err(faults::server_busy(&server_no));
    }
    let name = image_ops::image_name(state, store, p.str("memberServerImageName"), None)?;
    let image = MemberServerImage {
        member_server_image_no: Some(state.next_id()),
        member_server_image_name: Some(name),
        member_server_image_description: Some(p.str("memberServerImageDescription").unwrap_or("").to_string()),
        original_server_instance_no: Some(server_no),
        original_server_product_code: server.server_product_code.clone(),
        original_server_name: server.server_name.clone(),
        original_base_block_storage_disk_type: server.base_block_storage_disk_type.clone(),
        original_server_image_product_code: server.server_image_product_code.clone(),
        original_os_information: server.os_information.clone(),
        original_server_image_name: server.server_image_name.clone(),
        member_server_image_platform_type: server.platform_type.clone(),
        create_date: Some(state.create_date()),
        region: server.region.clone(),
        zone: server.zone.clone(),
        member_server_image_block_storage_total_rows: Some(0),
        member_server_image_block_storage_total_size: Some(0),
        share_status: Some(image_ops::share_status(false)),
        shared_login_id_list: Some(Vec::new()),
        ..MemberServerImage::default()
    };
    let region = server.region().unwrap_or("1").to_string();
    let size = server.base_block_storage_size.unwrap_or(50 * GIB);
    let done = move |i: &mut MemberServerImage| {
        i.member_server_image_block_storage_total_rows = Some(1);
        i.member_server_image_block_storage_total_size = Some(size);
    };
    one(
        cx.action,
        image_ops::keep(state, store_mut, image, &region, cx.action.name, done, now),
    )
}

/// `deleteMemberServerImages`
pub fn delete_member_server_images(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let nos = p.list("memberServerImageNoList");
    let items = image_ops::delete(store_mut(cx.state), cx.action.name, &nos, None, cx.now)?;
    cx.list(items)
}

fn share(cx: &mut Cx<'_>, op: ShareOp) -> Answer {
    let p = cx.params();
    let no = p.str("memberServerImageNo").unwrap_or_default();
    let list = p.list("targetLoginIdList");
    one(
        cx.action,
        image_ops::share(store_mut(cx.state), cx.action.name, op, no, list, None)?,
    )
}

/// `addMemberServerImageSharingPermission`
pub fn add_member_server_image_sharing_permission(cx: &mut Cx<'_>) -> Answer {
    share(cx, ShareOp::Add)
}

/// `removeMemberServerImageSharingPermission`
pub fn remove_member_server_image_sharing_permission(cx: &mut Cx<'_>) -> Answer {
    share(cx, ShareOp::Remove)
}

/// `setMemberServerImageSharingPermission` (no list: unshare all).
pub fn set_member_server_image_sharing_permission(cx: &mut Cx<'_>) -> Answer {
    share(cx, ShareOp::Set)
}
