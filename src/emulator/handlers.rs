//! What each action does to the emulator's state. Input arrives checked by the emulator's own rules
//! (rules.rs); each handler works on the typed records (model.rs) and returns the answer's list in
//! wire form, produced from those records.

use super::faults::{self, ApiFault};
use super::model::*;
use super::render::Listing;
use super::state::{finish_creation, Image, Kind, Record, State};
use crate::catalog::{Action, ActionId};
use serde::Serialize;
use serde_json::{Map, Value};
use std::time::Instant;

pub type Params = Map<String, Value>;
pub type Answer = Result<Listing, ApiFault>;

const GIB: i64 = 1 << 30;

fn s<'a>(p: &'a Params, k: &str) -> Option<&'a str> {
    p.get(k).and_then(Value::as_str)
}
fn list(p: &Params, k: &str) -> Vec<String> {
    p.get(k)
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
        .unwrap_or_default()
}
fn int(p: &Params, k: &str) -> Option<i64> {
    p.get(k).and_then(Value::as_i64)
}
fn flag(p: &Params, k: &str) -> Option<bool> {
    p.get(k).and_then(Value::as_bool)
}
/// An optional text field equals `want`.
fn is(field: &Option<String>, want: &str) -> bool {
    field.as_deref() == Some(want)
}
/// An optional code's `code` is in `codes` (an empty filter takes everything).
fn code_in(field: &Option<Code>, codes: &[String]) -> bool {
    codes.is_empty() || field.as_ref().is_some_and(|c| codes.contains(&c.code))
}
/// An optional text field is in `values` (an empty filter takes everything).
fn text_in(field: &Option<String>, values: &[String]) -> bool {
    values.is_empty() || field.as_ref().is_some_and(|v| values.contains(v))
}

fn wire<T: Serialize>(t: &T) -> Value {
    serde_json::to_value(t).unwrap_or(Value::Null)
}

fn listing(list: &'static str, items: Vec<Value>) -> Answer {
    let n = items.len();
    Ok(Listing {
        list,
        items,
        total_rows: Some(n),
    })
}

/// `pageNo` (0 and 1 both mean the first page) and `pageSize` (0 or absent: everything).
fn paginate(list: &'static str, items: Vec<Value>, p: &Params) -> Answer {
    let total = items.len();
    let size = int(p, "pageSize").unwrap_or(0).max(0) as usize;
    if size == 0 {
        return listing(list, items);
    }
    let page = int(p, "pageNo").unwrap_or(1).max(1) as usize;
    let start = (page - 1).saturating_mul(size);
    Ok(Listing {
        list,
        items: items.into_iter().skip(start).take(size).collect(),
        total_rows: Some(total),
    })
}

fn list_name(kind: Kind) -> &'static str {
    match kind {
        Kind::ClassicImage => "memberServerImageList",
        Kind::MemberInstance => "memberServerImageInstanceList",
        Kind::ServerImage => "serverImageList",
    }
}

fn by_number_desc(a: &Record, b: &Record) -> std::cmp::Ordering {
    match (a.no().parse::<u64>(), b.no().parse::<u64>()) {
        (Ok(x), Ok(y)) => y.cmp(&x),
        _ => b.no().cmp(a.no()),
    }
}

/// What a sharing action does to the share list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ShareOp {
    Add,
    Remove,
    Set,
}

/// Dispatch over every action of the catalog: the matches here and in [`classic`] / [`vpc`] name
/// every [`ActionId`] (no wildcard), so an action added to the catalog without a handler does not
/// compile.
pub fn handle(state: &mut State, action: &Action, p: &Params) -> Answer {
    use ActionId::*;
    state.tick(Instant::now());
    let id = action.id;
    match id {
        ServerGetMemberServerImageList
        | ServerCreateMemberServerImage
        | ServerDeleteMemberServerImages
        | ServerAddMemberServerImageSharingPermission
        | ServerRemoveMemberServerImageSharingPermission
        | ServerSetMemberServerImageSharingPermission
        | ServerGetServerImageProductList
        | ServerGetRegionList
        | ServerGetZoneList
        | ServerGetServerInstanceList
        | ServerGetBlockStorageSnapshotInstanceList => classic(state, id, p),
        VserverGetMemberServerImageInstanceList
        | VserverGetMemberServerImageInstanceDetail
        | VserverCreateMemberServerImageInstance
        | VserverDeleteMemberServerImageInstances
        | VserverAddMemberServerImageSharingPermission
        | VserverRemoveMemberServerImageSharingPermission
        | VserverSetMemberServerImageSharingPermission
        | VserverGetServerImageList
        | VserverGetServerImageDetail
        | VserverCreateServerImage
        | VserverCreateServerImageFromSnapshot
        | VserverDeleteServerImage
        | VserverAddServerImageSharingPermission
        | VserverRemoveServerImageSharingPermission
        | VserverGetServerImageProductList
        | VserverGetRegionList
        | VserverGetZoneList
        | VserverGetServerInstanceList
        | VserverGetBlockStorageSnapshotInstanceList => {
            let region = vpc_region(state, p)?;
            vpc(state, id, p, &region)
        }
    }
}

// ------------------------------------------------------------------------------------------------
// Classic

fn classic(state: &mut State, id: ActionId, p: &Params) -> Answer {
    use ActionId::*;
    let f = &state.fixture.classic;
    match id {
        ServerGetRegionList => listing("regionList", f.regions.iter().map(wire).collect()),
        ServerGetZoneList => {
            let region = s(p, "regionNo");
            let zones = f
                .zones
                .iter()
                .filter(|z| region.is_none_or(|r| is(&z.region_no, r)))
                .map(wire)
                .collect();
            // Classic getZoneList answers without totalRows.
            Ok(Listing {
                list: "zoneList",
                items: zones,
                total_rows: None,
            })
        }
        ServerGetServerInstanceList => {
            let nos = list(p, "serverInstanceNoList");
            let items = f
                .servers
                .iter()
                .filter(|v| text_in(&v.server_instance_no, &nos))
                .filter(|v| s(p, "serverInstanceStatusCode").is_none_or(|c| c_is(&v.server_instance_status, c)))
                .filter(|v| s(p, "regionNo").is_none_or(|r| v.region.as_ref().is_some_and(|g| is(&g.region_no, r))))
                .filter(|v| s(p, "zoneNo").is_none_or(|z| v.zone.as_ref().is_some_and(|g| is(&g.zone_no, z))))
                .filter(|v| match (s(p, "searchFilterName"), s(p, "searchFilterValue")) {
                    (Some(field), Some(value)) => {
                        let text = match field {
                            "serverName" => &v.server_name,
                            "publicIp" => &v.public_ip,
                            "privateIp" => &v.private_ip,
                            _ => &None,
                        };
                        text.as_deref().is_some_and(|t| t.contains(value))
                    }
                    _ => true,
                })
                .map(wire)
                .collect();
            paginate("serverInstanceList", items, p)
        }
        ServerGetServerImageProductList => products(f.products.iter(), p),
        ServerGetBlockStorageSnapshotInstanceList => {
            let nos = list(p, "blockStorageSnapshotInstanceNoList");
            let originals = list(p, "originalBlockStorageInstanceNoList");
            let items = f
                .snapshots
                .iter()
                .filter(|v| text_in(&v.block_storage_snapshot_instance_no, &nos))
                .filter(|v| text_in(&v.original_block_storage_instance_no, &originals))
                .filter(|v| s(p, "regionNo").is_none_or(|r| v.region_no.as_deref().is_none_or(|x| x == r)))
                .map(wire)
                .collect();
            paginate("blockStorageSnapshotInstanceList", items, p)
        }
        ServerGetMemberServerImageList => {
            let nos = list(p, "memberServerImageNoList");
            let platforms = list(p, "platformTypeCodeList");
            let mut recs: Vec<&Record> = state
                .records
                .iter()
                .filter(|r| r.kind() == Kind::ClassicImage)
                .filter(|r| nos.is_empty() || nos.iter().any(|n| n == r.no()))
                .filter(|r| platforms.is_empty() || r.platform.as_ref().is_some_and(|x| platforms.contains(x)))
                .filter(|r| s(p, "regionNo").is_none_or(|x| r.region == x))
                .collect();
            let by_name = s(p, "sortedBy").is_some_and(|b| b.eq_ignore_ascii_case("memberServerImageName"));
            if by_name {
                recs.sort_by(|a, b| a.name().cmp(b.name()));
            } else {
                recs.sort_by(|a, b| by_number_desc(b, a));
            }
            if s(p, "sortingOrder").is_some_and(|o| o.eq_ignore_ascii_case("descending")) {
                recs.reverse();
            }
            let items = recs.into_iter().map(Record::wire).collect();
            paginate("memberServerImageList", items, p)
        }
        ServerCreateMemberServerImage => create_classic_image(state, p),
        ServerDeleteMemberServerImages => delete(state, Kind::ClassicImage, &list(p, "memberServerImageNoList"), None),
        ServerAddMemberServerImageSharingPermission => share(state, Kind::ClassicImage, ShareOp::Add, p, None),
        ServerRemoveMemberServerImageSharingPermission => share(state, Kind::ClassicImage, ShareOp::Remove, p, None),
        ServerSetMemberServerImageSharingPermission => share(state, Kind::ClassicImage, ShareOp::Set, p, None),
        // Listed, not wildcarded: a new action must be placed here or handled above to compile.
        VserverGetMemberServerImageInstanceList
        | VserverGetMemberServerImageInstanceDetail
        | VserverCreateMemberServerImageInstance
        | VserverDeleteMemberServerImageInstances
        | VserverAddMemberServerImageSharingPermission
        | VserverRemoveMemberServerImageSharingPermission
        | VserverSetMemberServerImageSharingPermission
        | VserverGetServerImageList
        | VserverGetServerImageDetail
        | VserverCreateServerImage
        | VserverCreateServerImageFromSnapshot
        | VserverDeleteServerImage
        | VserverAddServerImageSharingPermission
        | VserverRemoveServerImageSharingPermission
        | VserverGetServerImageProductList
        | VserverGetRegionList
        | VserverGetZoneList
        | VserverGetServerInstanceList
        | VserverGetBlockStorageSnapshotInstanceList => Err(faults::invalid_param(&format!(
            "internal: {id:?} is not a Classic action"
        ))),
    }
}

/// The code of an optional `{ code, codeName }` equals `want`.
fn c_is(field: &Option<Code>, want: &str) -> bool {
    field.as_ref().is_some_and(|c| c.code == want)
}

fn create_classic_image(state: &mut State, p: &Params) -> Answer {
    let server_no = s(p, "serverInstanceNo").unwrap_or_default().to_string();
    let server = state
        .fixture
        .classic
        .servers
        .iter()
        .find(|v| is(&v.server_instance_no, &server_no))
        .cloned()
        .ok_or_else(|| faults::server_not_found(&server_no))?;
    check_server_ready(state, Kind::ClassicImage, c(&server.server_instance_status), &server_no)?;
    let name = image_name(state, Kind::ClassicImage, s(p, "memberServerImageName"), None)?;
    let kind = Kind::ClassicImage;
    let image = ClassicImage {
        member_server_image_no: Some(state.next_id()),
        member_server_image_name: Some(name),
        member_server_image_description: Some(s(p, "memberServerImageDescription").unwrap_or("").to_string()),
        original_server_instance_no: Some(server_no),
        original_server_product_code: server.server_product_code.clone(),
        original_server_name: server.server_name.clone(),
        original_base_block_storage_disk_type: server.base_block_storage_disk_type.clone(),
        original_server_image_product_code: server.server_image_product_code.clone(),
        original_os_information: server.os_information.clone(),
        original_server_image_name: server.server_image_name.clone(),
        member_server_image_status_name: Some("creating".into()),
        member_server_image_status: Some(kind.status("INIT")),
        member_server_image_operation: Some(kind.operation("CREAT")),
        member_server_image_platform_type: server.platform_type.clone(),
        create_date: Some(state.create_date()),
        region: server.region.clone(),
        zone: server.zone.clone(),
        member_server_image_block_storage_total_rows: Some(0),
        member_server_image_block_storage_total_size: Some(0),
        share_status: Some(super::state::share_status(false)),
        shared_login_id_list: Some(Vec::new()),
    };
    let region = server
        .region
        .as_ref()
        .and_then(|r| r.region_no.clone())
        .unwrap_or_else(|| "1".into());
    let platform = server.platform_type.as_ref().map(|c| c.code.clone());
    let size = server.base_block_storage_size.unwrap_or(50 * GIB);
    Ok(push_new(state, Image::Classic(image), region, platform, 1, size, false))
}

// ------------------------------------------------------------------------------------------------
// VPC

fn vpc_region(state: &State, p: &Params) -> Result<String, ApiFault> {
    let regions = &state.fixture.vpc.regions;
    match s(p, "regionCode") {
        Some(code) if regions.iter().any(|r| is(&r.region_code, code)) => Ok(code.to_string()),
        Some(code) => Err(faults::invalid_region(code)),
        None => Ok(regions
            .first()
            .and_then(|r| r.region_code.clone())
            .unwrap_or_else(|| "KR".into())),
    }
}

/// A record of a region (records without a region belong to every region).
fn in_region(field: &Option<String>, region: &str) -> bool {
    field.as_deref().is_none_or(|r| r == region)
}

fn vpc(state: &mut State, id: ActionId, p: &Params, region: &str) -> Answer {
    use ActionId::*;
    let f = &state.fixture.vpc;
    match id {
        VserverGetRegionList => listing("regionList", f.regions.iter().map(wire).collect()),
        VserverGetZoneList => listing(
            "zoneList",
            f.zones
                .iter()
                .filter(|z| in_region(&z.region_code, region))
                .map(wire)
                .collect(),
        ),
        VserverGetServerInstanceList => {
            let nos = list(p, "serverInstanceNoList");
            let hypervisors = list(p, "hypervisorTypeCodeList");
            let mut items: Vec<Value> = f
                .servers
                .iter()
                .filter(|v| in_region(&v.region_code, region))
                .filter(|v| text_in(&v.server_instance_no, &nos))
                .filter(|v| s(p, "serverName").is_none_or(|n| is(&v.server_name, n)))
                .filter(|v| s(p, "vpcNo").is_none_or(|n| is(&v.vpc_no, n)))
                .filter(|v| s(p, "serverInstanceStatusCode").is_none_or(|c| c_is(&v.server_instance_status, c)))
                .filter(|v| code_in(&v.hypervisor_type, &hypervisors))
                .map(wire)
                .collect();
            if s(p, "sortingOrder") == Some("DESC") {
                items.reverse();
            }
            paginate("serverInstanceList", items, p)
        }
        VserverGetBlockStorageSnapshotInstanceList => {
            let nos = list(p, "blockStorageSnapshotInstanceNoList");
            let originals = list(p, "originalBlockStorageInstanceNoList");
            let hypervisors = list(p, "hypervisorTypeCodeList");
            let mut items: Vec<Value> = f
                .snapshots
                .iter()
                .filter(|v| in_region(&v.region_code, region))
                .filter(|v| text_in(&v.block_storage_snapshot_instance_no, &nos))
                .filter(|v| text_in(&v.original_block_storage_instance_no, &originals))
                .filter(|v| code_in(&v.hypervisor_type, &hypervisors))
                .filter(|v| s(p, "blockStorageSnapshotName").is_none_or(|n| is(&v.block_storage_snapshot_name, n)))
                .filter(|v| {
                    s(p, "blockStorageSnapshotInstanceStatusCode")
                        .is_none_or(|c| c_is(&v.block_storage_snapshot_instance_status, c))
                })
                .filter(|v| flag(p, "isBootable").is_none_or(|b| v.is_bootable == Some(b)))
                .filter(|v| {
                    flag(p, "isEncryptedOriginalBlockStorageVolume")
                        .is_none_or(|b| v.is_encrypted_original_block_storage_volume == Some(b))
                })
                // The size is given in GiB, kept in bytes.
                .filter(|v| {
                    int(p, "blockStorageSnapshotVolumeSize")
                        .is_none_or(|gb| v.block_storage_snapshot_volume_size == Some(gb * GIB))
                })
                .map(wire)
                .collect();
            if s(p, "sortingOrder") == Some("DESC") {
                items.reverse();
            }
            paginate("blockStorageSnapshotInstanceList", items, p)
        }
        VserverGetServerImageProductList => {
            products(f.products.iter().filter(|v| in_region(&v.region_code, region)), p)
        }
        VserverGetMemberServerImageInstanceList => {
            let platforms = list(p, "platformTypeCodeList");
            let mut recs: Vec<&Record> = vpc_images(
                state,
                Kind::MemberInstance,
                region,
                p,
                (
                    "memberServerImageInstanceNoList",
                    "memberServerImageName",
                    "memberServerImageInstanceStatusCode",
                ),
            )
            .filter(|r| platforms.is_empty() || r.platform.as_ref().is_some_and(|x| platforms.contains(x)))
            .collect();
            sort_vpc(&mut recs, p);
            paginate(
                "memberServerImageInstanceList",
                recs.into_iter().map(Record::wire).collect(),
                p,
            )
        }
        VserverGetMemberServerImageInstanceDetail => {
            detail(state, Kind::MemberInstance, s(p, "memberServerImageInstanceNo"), region)
        }
        VserverCreateMemberServerImageInstance => create_member_instance(state, p, region),
        VserverDeleteMemberServerImageInstances => delete(
            state,
            Kind::MemberInstance,
            &list(p, "memberServerImageInstanceNoList"),
            Some(region),
        ),
        VserverAddMemberServerImageSharingPermission => {
            share(state, Kind::MemberInstance, ShareOp::Add, p, Some(region))
        }
        VserverRemoveMemberServerImageSharingPermission => {
            share(state, Kind::MemberInstance, ShareOp::Remove, p, Some(region))
        }
        VserverSetMemberServerImageSharingPermission => {
            share(state, Kind::MemberInstance, ShareOp::Set, p, Some(region))
        }
        VserverGetServerImageList => {
            let types = list(p, "serverImageTypeCodeList");
            let hypervisors = list(p, "hypervisorTypeCodeList");
            let os_types = list(p, "osTypeCodeList");
            let categories = list(p, "platformCategoryCodeList");
            let mut recs: Vec<&Record> = vpc_images(
                state,
                Kind::ServerImage,
                region,
                p,
                ("serverImageNoList", "serverImageName", "serverImageStatusCode"),
            )
            .filter(|r| match &r.image {
                Image::Server(i) => {
                    code_in(&i.server_image_type, &types)
                        && code_in(&i.hypervisor_type, &hypervisors)
                        && code_in(&i.os_type, &os_types)
                        && text_in(&i.platform_category_code, &categories)
                }
                _ => false,
            })
            .collect();
            sort_vpc(&mut recs, p);
            paginate("serverImageList", recs.into_iter().map(Record::wire).collect(), p)
        }
        VserverGetServerImageDetail => detail(state, Kind::ServerImage, s(p, "serverImageNo"), region),
        VserverCreateServerImage => create_server_image(state, p, region, false),
        VserverCreateServerImageFromSnapshot => create_server_image(state, p, region, true),
        VserverDeleteServerImage => delete(state, Kind::ServerImage, &list(p, "serverImageNoList"), Some(region)),
        VserverAddServerImageSharingPermission => share(state, Kind::ServerImage, ShareOp::Add, p, Some(region)),
        VserverRemoveServerImageSharingPermission => share(state, Kind::ServerImage, ShareOp::Remove, p, Some(region)),
        ServerGetMemberServerImageList
        | ServerCreateMemberServerImage
        | ServerDeleteMemberServerImages
        | ServerAddMemberServerImageSharingPermission
        | ServerRemoveMemberServerImageSharingPermission
        | ServerSetMemberServerImageSharingPermission
        | ServerGetServerImageProductList
        | ServerGetRegionList
        | ServerGetZoneList
        | ServerGetServerInstanceList
        | ServerGetBlockStorageSnapshotInstanceList => {
            Err(faults::invalid_param(&format!("internal: {id:?} is not a VPC action")))
        }
    }
}

/// The VPC images of one kind in a region, filtered by the parameters every list action has: the
/// number list, the name and the status code (their parameter names, in that order).
fn vpc_images<'a>(
    state: &'a State,
    kind: Kind,
    region: &'a str,
    p: &'a Params,
    (nos, name, status): (&str, &str, &str),
) -> impl Iterator<Item = &'a Record> + 'a {
    let nos = list(p, nos);
    let name = s(p, name);
    let status = s(p, status);
    state
        .records
        .iter()
        .filter(move |r| r.kind() == kind && r.region == region)
        .filter(move |r| nos.is_empty() || nos.iter().any(|n| n == r.no()))
        .filter(move |r| name.is_none_or(|n| r.name() == n))
        .filter(move |r| status.is_none_or(|c| r.status_code() == c))
}

fn sort_vpc(recs: &mut [&Record], p: &Params) {
    if s(p, "sortedBy").is_some() {
        recs.sort_by(|a, b| a.name().cmp(b.name()));
    }
    if s(p, "sortingOrder") == Some("DESC") {
        recs.reverse();
    }
}

fn products<'a>(items: impl Iterator<Item = &'a Product>, p: &Params) -> Answer {
    let platforms = list(p, "platformTypeCodeList");
    let size = int(p, "blockStorageSize").map(|gb| gb * GIB);
    // Bare-metal images only when asked for (`infraResourceDetailTypeCode=BM`); other codes filter too.
    let detail_type = s(p, "infraResourceDetailTypeCode");
    listing(
        "productList",
        items
            .filter(|v| s(p, "productCode").is_none_or(|c| is(&v.product_code, c)))
            .filter(|v| s(p, "exclusionProductCode").is_none_or(|c| !is(&v.product_code, c)))
            .filter(|v| code_in(&v.platform_type, &platforms))
            .filter(|v| size.is_none_or(|sz| v.base_block_storage_size == Some(sz)))
            .filter(|v| match detail_type {
                Some(t) => c_is(&v.infra_resource_detail_type, t),
                None => !c_is(&v.infra_resource_detail_type, "BM"),
            })
            .map(wire)
            .collect(),
    )
}

fn detail(state: &State, kind: Kind, no: Option<&str>, region: &str) -> Answer {
    let no = no.unwrap_or_default();
    match state.find(kind, no, Some(region)) {
        Some(i) => listing(list_name(kind), vec![state.records[i].wire()]),
        None => Err(faults::image_not_found(kind.label(), no)),
    }
}

fn find_vpc_server(state: &State, no: &str, region: &str) -> Result<VpcServer, ApiFault> {
    state
        .fixture
        .vpc
        .servers
        .iter()
        .find(|v| is(&v.server_instance_no, no) && in_region(&v.region_code, region))
        .cloned()
        .ok_or_else(|| faults::server_not_found(no))
}

/// A server can be imaged when running or stopped, and when no image of it is being made.
fn check_server_ready(state: &State, kind: Kind, status: &str, no: &str) -> Result<(), ApiFault> {
    if status != "RUN" && status != "NSTOP" {
        return Err(faults::server_not_ready(no, status));
    }
    let busy = state
        .records
        .iter()
        .any(|r| r.kind() == kind && r.status_code() == "INIT" && !r.is_terminating() && r.original_server() == no);
    if busy {
        return Err(faults::server_busy(no));
    }
    Ok(())
}

fn image_name(state: &mut State, kind: Kind, given: Option<&str>, region: Option<&str>) -> Result<String, ApiFault> {
    let name = match given {
        Some(n) => n.to_string(),
        None => state.auto_name(),
    };
    let taken = state
        .records
        .iter()
        .any(|r| r.kind() == kind && r.name() == name && !r.is_terminating() && region.is_none_or(|g| r.region == g));
    if taken {
        return Err(faults::name_in_use(&name));
    }
    Ok(name)
}

/// Keeps a new image and answers it (already created when `createDelayMs` is 0).
fn push_new(
    state: &mut State,
    image: Image,
    region: String,
    platform: Option<String>,
    rows: i64,
    size: i64,
    may_fail: bool,
) -> Listing {
    let will_fail = may_fail && state.settings.failure_rate > 0.0 && state.rng.f64() < state.settings.failure_rate;
    let kind = image.kind();
    let mut record = Record {
        image,
        region,
        platform,
        created_at: Instant::now(),
        will_fail,
        deleting_since: None,
        storage_rows: rows,
        storage_size: size,
    };
    if state.settings.create_delay_ms == 0 {
        finish_creation(&mut record);
    }
    let answer = record.wire();
    state.records.push(record);
    Listing {
        list: list_name(kind),
        items: vec![answer],
        total_rows: Some(1),
    }
}

fn create_member_instance(state: &mut State, p: &Params, region: &str) -> Answer {
    let server_no = s(p, "serverInstanceNo").unwrap_or_default().to_string();
    let server = find_vpc_server(state, &server_no, region)?;
    if c_is(&server.hypervisor_type, "KVM") {
        return Err(faults::kvm_not_supported(&server_no));
    }
    let kind = Kind::MemberInstance;
    check_server_ready(state, kind, c(&server.server_instance_status), &server_no)?;
    let name = image_name(state, kind, s(p, "memberServerImageName"), Some(region))?;
    let platform = server.platform_type.as_ref().map(|c| c.code.clone());
    let image = MemberInstance {
        member_server_image_instance_no: Some(state.next_id()),
        member_server_image_name: Some(name),
        member_server_image_description: Some(s(p, "memberServerImageDescription").unwrap_or("").to_string()),
        original_server_instance_no: Some(server_no),
        original_server_image_product_code: server.server_image_product_code.clone(),
        member_server_image_instance_status: Some(kind.status("INIT")),
        member_server_image_instance_operation: Some(kind.operation("CREAT")),
        member_server_image_instance_status_name: Some("creating".into()),
        create_date: Some(state.create_date()),
        member_server_image_block_storage_total_rows: None,
        member_server_image_block_storage_total_size: None,
        share_status: Some(super::state::share_status(false)),
        shared_login_id_list: Some(Vec::new()),
        region_code: Some(region.to_string()),
        platform_type: platform.clone(),
    };
    let size = server.base_block_storage_size.unwrap_or(50 * GIB);
    Ok(push_new(
        state,
        Image::Member(image),
        region.to_string(),
        platform,
        1,
        size,
        true,
    ))
}

fn volume_type(code: &str) -> Code {
    let name = match code {
        "CB1" => "Common BlockStorage 1",
        "CB2" => "Common BlockStorage 2",
        "FB1" => "Fast BlockStorage 1",
        "FB2" => "Fast BlockStorage 2",
        other => other,
    };
    Code::new(code, name)
}

/// One requested `blockStorageList` entry, as rules.rs typed it.
struct Requested {
    order: i64,
    snapshot: Option<String>,
    size_gb: Option<i64>,
    volume_type: Option<String>,
    no_storage: bool,
}

fn requested(p: &Params) -> Vec<Requested> {
    let mut out: Vec<Requested> = p
        .get("blockStorageList")
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .map(|v| Requested {
                    order: v.get("order").and_then(Value::as_i64).unwrap_or(0),
                    snapshot: v.get("snapshotInstanceNo").and_then(Value::as_str).map(str::to_string),
                    size_gb: v.get("blockStorageSize").and_then(Value::as_i64),
                    volume_type: v
                        .get("blockStorageVolumeTypeCode")
                        .and_then(Value::as_str)
                        .map(str::to_string),
                    no_storage: v.get("noBlockStorage").and_then(Value::as_bool) == Some(true),
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort_by_key(|r| r.order);
    out
}

fn create_server_image(state: &mut State, p: &Params, region: &str, from_snapshot: bool) -> Answer {
    let kind = Kind::ServerImage;
    let find_snapshot = |state: &State, no: &str| -> Result<Snapshot, ApiFault> {
        state
            .fixture
            .vpc
            .snapshots
            .iter()
            .find(|v| is(&v.block_storage_snapshot_instance_no, no) && in_region(&v.region_code, region))
            .cloned()
            .ok_or_else(|| faults::snapshot_not_found(no))
    };
    let mut mappings = Vec::new();
    let mut base_snapshot: Option<Snapshot> = None;
    for item in requested(p).into_iter().filter(|r| !r.no_storage) {
        let wanted = item.size_gb.map(|gb| gb * GIB);
        let volume = volume_type(item.volume_type.as_deref().unwrap_or("CB1"));
        let mapping = match &item.snapshot {
            Some(no) => {
                let snap = find_snapshot(state, no)?;
                let size = snap.block_storage_snapshot_volume_size.unwrap_or(10 * GIB);
                let m = Mapping {
                    order: Some(item.order),
                    block_storage_snapshot_instance_no: Some(no.clone()),
                    block_storage_snapshot_name: snap.block_storage_snapshot_name.clone(),
                    block_storage_size: Some(wanted.unwrap_or(size).max(size)),
                    block_storage_volume_type: Some(volume),
                    iops: Some(100),
                    throughput: Some(104_857_600),
                    is_encrypted_volume: Some(false),
                    ..Mapping::default()
                };
                if item.order == 0 {
                    base_snapshot = Some(snap);
                }
                m
            }
            None => Mapping {
                order: Some(item.order),
                block_storage_size: Some(wanted.unwrap_or(10 * GIB)),
                block_storage_volume_type: Some(volume),
                iops: Some(100),
                throughput: Some(104_857_600),
                is_encrypted_volume: Some(false),
                ..Mapping::default()
            },
        };
        mappings.push(mapping);
    }

    let (source_no, template, default_mappings) = if from_snapshot {
        let base = base_snapshot.ok_or_else(|| faults::not_bootable("(none)"))?;
        let no = base.block_storage_snapshot_instance_no.clone().unwrap_or_default();
        if base.is_bootable != Some(true) || !c_is(&base.hypervisor_type, "KVM") {
            return Err(faults::not_bootable(&no));
        }
        let template = base.image_template.clone().unwrap_or(ImageTemplate {
            hypervisor_type: Some(Code::new("KVM", "KVM")),
            ..ImageTemplate::default()
        });
        (None, template, vec![])
    } else {
        let server_no = s(p, "serverInstanceNo").unwrap_or_default().to_string();
        let server = find_vpc_server(state, &server_no, region)?;
        check_server_ready(state, kind, c(&server.server_instance_status), &server_no)?;
        let mut template = server.image_template.clone().unwrap_or_default();
        if template.hypervisor_type.is_none() {
            template.hypervisor_type = server.hypervisor_type.clone();
        }
        let storages = server.block_storages.clone().unwrap_or_else(|| {
            vec![Mapping {
                order: Some(0),
                block_storage_size: Some(server.base_block_storage_size.unwrap_or(50 * GIB)),
                block_storage_volume_type: Some(
                    server
                        .base_block_storage_disk_type
                        .clone()
                        .unwrap_or_else(|| volume_type("CB1")),
                ),
                is_encrypted_volume: Some(false),
                ..Mapping::default()
            }]
        });
        (Some(server_no), template, storages)
    };
    if mappings.is_empty() {
        mappings = default_mappings;
    }
    let name = image_name(state, kind, s(p, "serverImageName"), Some(region))?;
    let mut image = ServerImage {
        server_image_no: Some(state.next_id()),
        server_image_name: Some(name),
        server_image_description: Some(s(p, "serverImageDescription").unwrap_or("").to_string()),
        server_image_type: Some(Code::new("SELF", "SELF Server Image")),
        cpu_architecture_type: Some(Code::new("X86_64", "x86 64bit")),
        server_image_status: Some(kind.status("INIT")),
        server_image_operation: Some(kind.operation("CREAT")),
        server_image_status_name: Some("creating".into()),
        create_date: Some(state.create_date()),
        block_storage_mapping_list: Some(mappings),
        share_status: Some(super::state::share_status(false)),
        shared_login_id_list: Some(Vec::new()),
        region_code: Some(region.to_string()),
        original_server_instance_no: source_no,
        ..ServerImage::default()
    };
    // What the source says about the OS wins over the defaults above.
    let t = template;
    image.hypervisor_type = t.hypervisor_type.or(image.hypervisor_type);
    image.cpu_architecture_type = t.cpu_architecture_type.or(image.cpu_architecture_type);
    image.os_category_type = t.os_category_type.or(image.os_category_type);
    image.os_type = t.os_type.or(image.os_type);
    image.server_image_type = t.server_image_type.or(image.server_image_type);
    image.product_code = t.product_code.or(image.product_code);
    image.platform_category_code = t.platform_category_code.or(image.platform_category_code);
    Ok(push_new(
        state,
        Image::Server(image),
        region.to_string(),
        None,
        0,
        0,
        true,
    ))
}

fn is_ncp_image(r: &Record) -> bool {
    matches!(&r.image, Image::Server(i) if c_is(&i.server_image_type, "NCP"))
}

fn delete(state: &mut State, kind: Kind, nos: &[String], region: Option<&str>) -> Answer {
    let mut idx = Vec::new();
    for no in nos {
        let i = state
            .find(kind, no, region)
            .ok_or_else(|| faults::image_not_found(kind.label(), no))?;
        let r = &state.records[i];
        if r.is_terminating() {
            return Err(faults::image_busy(kind.label(), no, "already terminating"));
        }
        if is_ncp_image(r) {
            return Err(faults::ncp_image_read_only(no));
        }
        idx.push(i);
    }
    let now = Instant::now();
    for &i in &idx {
        let r = &mut state.records[i];
        r.deleting_since = Some(now);
        r.set_state(None, "TERMT", "terminating");
    }
    // Newest first, as the API answers (seed 000).
    let mut recs: Vec<&Record> = idx.iter().map(|&i| &state.records[i]).collect();
    recs.sort_by(|a, b| by_number_desc(a, b));
    listing(list_name(kind), recs.into_iter().map(Record::wire).collect())
}

fn share(state: &mut State, kind: Kind, op: ShareOp, p: &Params, region: Option<&str>) -> Answer {
    let key = match kind {
        Kind::ClassicImage => "memberServerImageNo",
        Kind::MemberInstance => "memberServerImageInstanceNo",
        Kind::ServerImage => "serverImageNo",
    };
    let no = s(p, key).unwrap_or_default().to_string();
    let i = state
        .find(kind, &no, region)
        .ok_or_else(|| faults::image_not_found(kind.label(), &no))?;
    let r = &mut state.records[i];
    if is_ncp_image(r) {
        return Err(faults::ncp_image_read_only(&no));
    }
    if r.status_code() != "CREAT" || r.is_terminating() {
        return Err(faults::image_busy(kind.label(), &no, r.status_name()));
    }
    let mut ids = r.shared();
    let given = list(p, "targetLoginIdList");
    match op {
        ShareOp::Add => {
            for id in given {
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        ShareOp::Remove => ids.retain(|id| !given.contains(id)),
        ShareOp::Set => ids = given,
    }
    r.set_shared(ids);
    listing(list_name(kind), vec![r.wire()])
}
