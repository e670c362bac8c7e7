//! What each action does to the emulator's state. Input arrives checked by the emulator's own rules
//! (rules.rs); each handler returns the items of the answer's list and the total row count.

use super::faults::{self, ApiFault};
use super::state::{finish_creation, share_status, Kind, Record, State};
use crate::catalog::{Action, ActionId};
use serde_json::{json, Map, Value};
use std::time::Instant;

pub type Params = Map<String, Value>;
pub type Answer = Result<(Vec<Value>, usize), ApiFault>;

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
fn text(v: &Value, k: &str) -> Option<String> {
    match v.get(k)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}
fn code(v: &Value, k: &str) -> Option<String> {
    v.get(k).and_then(|c| text(c, "code"))
}

/// What a sharing action does to the share list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ShareOp {
    Add,
    Remove,
    Set,
}

/// Dispatch over every action of the catalog: the match is exhaustive (no wildcard), so an action
/// added to the catalog without a handler here does not compile.
pub fn handle(state: &mut State, action: &Action, p: &Params) -> Answer {
    use ActionId::*;
    state.tick(Instant::now());
    let id = action.id;
    match id {
        ClassicGetMemberServerImageList
        | ClassicCreateMemberServerImage
        | ClassicDeleteMemberServerImages
        | ClassicAddMemberServerImageSharing
        | ClassicRemoveMemberServerImageSharing
        | ClassicSetMemberServerImageSharing
        | ClassicGetServerImageProductList
        | ClassicGetRegionList
        | ClassicGetZoneList
        | ClassicGetServerInstanceList
        | ClassicGetBlockStorageSnapshotInstanceList => classic(state, id, p),
        GetMemberServerImageInstanceList
        | GetMemberServerImageInstanceDetail
        | CreateMemberServerImageInstance
        | DeleteMemberServerImageInstances
        | AddMemberServerImageSharing
        | RemoveMemberServerImageSharing
        | SetMemberServerImageSharing
        | GetServerImageList
        | GetServerImageDetail
        | CreateServerImage
        | CreateServerImageFromSnapshot
        | DeleteServerImage
        | AddServerImageSharing
        | RemoveServerImageSharing
        | GetServerImageProductList
        | GetRegionList
        | GetZoneList
        | GetServerInstanceList
        | GetBlockStorageSnapshotInstanceList => {
            let region = vpc_region(state, p)?;
            vpc(state, id, p, &region)
        }
    }
}

fn all(items: Vec<Value>) -> Answer {
    let n = items.len();
    Ok((items, n))
}

/// `pageNo` (0 and 1 both mean the first page) and `pageSize` (0 or absent: everything).
fn paginate(items: Vec<Value>, p: &Params) -> Answer {
    let total = items.len();
    let size = p.get("pageSize").and_then(Value::as_i64).unwrap_or(0).max(0) as usize;
    if size == 0 {
        return Ok((items, total));
    }
    let page = p.get("pageNo").and_then(Value::as_i64).unwrap_or(1).max(1) as usize;
    let start = (page - 1).saturating_mul(size);
    Ok((items.into_iter().skip(start).take(size).collect(), total))
}

fn by_number_desc(a: &Record, b: &Record) -> std::cmp::Ordering {
    match (a.no().parse::<u64>(), b.no().parse::<u64>()) {
        (Ok(x), Ok(y)) => y.cmp(&x),
        _ => b.no().cmp(a.no()),
    }
}

// ------------------------------------------------------------------------------------------------
// Classic

fn classic(state: &mut State, id: ActionId, p: &Params) -> Answer {
    use ActionId::*;
    match id {
        ClassicGetRegionList => all(state.fixture.classic.regions.clone()),
        ClassicGetZoneList => {
            let region = s(p, "regionNo").map(str::to_string);
            all(state
                .fixture
                .classic
                .zones
                .iter()
                .filter(|z| region.as_ref().is_none_or(|r| text(z, "regionNo").as_ref() == Some(r)))
                .cloned()
                .collect())
        }
        ClassicGetServerInstanceList => {
            let nos = list(p, "serverInstanceNoList");
            let items = state
                .fixture
                .classic
                .servers
                .iter()
                .filter(|v| nos.is_empty() || text(v, "serverInstanceNo").is_some_and(|n| nos.contains(&n)))
                .filter(|v| {
                    s(p, "serverInstanceStatusCode")
                        .is_none_or(|c| code(v, "serverInstanceStatus").as_deref() == Some(c))
                })
                .filter(|v| {
                    s(p, "regionNo")
                        .is_none_or(|r| v.get("region").and_then(|g| text(g, "regionNo")).as_deref() == Some(r))
                })
                .filter(|v| {
                    s(p, "zoneNo").is_none_or(|z| v.get("zone").and_then(|g| text(g, "zoneNo")).as_deref() == Some(z))
                })
                .filter(|v| match (s(p, "searchFilterName"), s(p, "searchFilterValue")) {
                    (Some(field), Some(value)) => text(v, field).is_some_and(|t| t.contains(value)),
                    _ => true,
                })
                .cloned()
                .collect();
            paginate(items, p)
        }
        ClassicGetServerImageProductList => products(&state.fixture.classic.products.clone(), p),
        ClassicGetBlockStorageSnapshotInstanceList => {
            let nos = list(p, "blockStorageSnapshotInstanceNoList");
            let originals = list(p, "originalBlockStorageInstanceNoList");
            let items = state
                .fixture
                .classic
                .snapshots
                .iter()
                .filter(|v| {
                    nos.is_empty() || text(v, "blockStorageSnapshotInstanceNo").is_some_and(|n| nos.contains(&n))
                })
                .filter(|v| {
                    originals.is_empty()
                        || text(v, "originalBlockStorageInstanceNo").is_some_and(|n| originals.contains(&n))
                })
                .filter(|v| s(p, "regionNo").is_none_or(|r| text(v, "regionNo").is_none_or(|x| x == r)))
                .cloned()
                .collect();
            paginate(items, p)
        }
        ClassicGetMemberServerImageList => {
            let nos = list(p, "memberServerImageNoList");
            let platforms = list(p, "platformTypeCodeList");
            let mut recs: Vec<&Record> = state
                .records
                .iter()
                .filter(|r| r.kind == Kind::ClassicImage)
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
            let items = recs.into_iter().map(|r| r.value.clone()).collect();
            paginate(items, p)
        }
        ClassicCreateMemberServerImage => create_classic_image(state, p),
        ClassicDeleteMemberServerImages => delete(state, Kind::ClassicImage, &list(p, "memberServerImageNoList"), None),
        ClassicAddMemberServerImageSharing => share(state, Kind::ClassicImage, ShareOp::Add, p, None),
        ClassicRemoveMemberServerImageSharing => share(state, Kind::ClassicImage, ShareOp::Remove, p, None),
        ClassicSetMemberServerImageSharing => share(state, Kind::ClassicImage, ShareOp::Set, p, None),
        // Listed, not wildcarded: a new action must be placed here or handled above to compile.
        GetMemberServerImageInstanceList
        | GetMemberServerImageInstanceDetail
        | CreateMemberServerImageInstance
        | DeleteMemberServerImageInstances
        | AddMemberServerImageSharing
        | RemoveMemberServerImageSharing
        | SetMemberServerImageSharing
        | GetServerImageList
        | GetServerImageDetail
        | CreateServerImage
        | CreateServerImageFromSnapshot
        | DeleteServerImage
        | AddServerImageSharing
        | RemoveServerImageSharing
        | GetServerImageProductList
        | GetRegionList
        | GetZoneList
        | GetServerInstanceList
        | GetBlockStorageSnapshotInstanceList => Err(faults::invalid_param(&format!(
            "internal: {id:?} is not a Classic action"
        ))),
    }
}

fn create_classic_image(state: &mut State, p: &Params) -> Answer {
    let server_no = s(p, "serverInstanceNo").unwrap_or_default().to_string();
    let server = state
        .fixture
        .classic
        .servers
        .iter()
        .find(|v| text(v, "serverInstanceNo").as_deref() == Some(server_no.as_str()))
        .cloned()
        .ok_or_else(|| faults::server_not_found(&server_no))?;
    check_server_ready(state, Kind::ClassicImage, &server, &server_no)?;
    let name = image_name(state, Kind::ClassicImage, s(p, "memberServerImageName"), None)?;
    let no = state.next_id();
    let kind = Kind::ClassicImage;
    let value = json!({
        "memberServerImageNo": no,
        "memberServerImageName": name,
        "memberServerImageDescription": s(p, "memberServerImageDescription").unwrap_or(""),
        "originalServerInstanceNo": server_no,
        "originalServerProductCode": server.get("serverProductCode"),
        "originalServerName": server.get("serverName"),
        "originalBaseBlockStorageDiskType": server.get("baseBlockStorageDiskType"),
        "originalServerImageProductCode": server.get("serverImageProductCode"),
        "originalOsInformation": server.get("osInformation"),
        "originalServerImageName": server.get("serverImageName"),
        "memberServerImageStatusName": "creating",
        "memberServerImageStatus": kind.status("INIT"),
        "memberServerImageOperation": kind.operation("CREAT"),
        "memberServerImagePlatformType": server.get("platformType"),
        "createDate": state.create_date(),
        "region": server.get("region"),
        "zone": server.get("zone"),
        "memberServerImageBlockStorageTotalRows": 0,
        "memberServerImageBlockStorageTotalSize": 0,
        "shareStatus": share_status(false),
        "sharedLoginIdList": [],
    });
    let region = server
        .get("region")
        .and_then(|r| text(r, "regionNo"))
        .unwrap_or_else(|| "1".into());
    let platform = code(&server, "platformType");
    let size = server
        .get("baseBlockStorageSize")
        .and_then(Value::as_i64)
        .unwrap_or(50 * GIB);
    Ok(push_new(state, kind, value, region, platform, 1, size, false))
}

// ------------------------------------------------------------------------------------------------
// VPC

fn vpc_region(state: &State, p: &Params) -> Result<String, ApiFault> {
    let regions = &state.fixture.vpc.regions;
    match s(p, "regionCode") {
        Some(code) if regions.iter().any(|r| text(r, "regionCode").as_deref() == Some(code)) => Ok(code.to_string()),
        Some(code) => Err(faults::invalid_region(code)),
        None => Ok(regions
            .first()
            .and_then(|r| text(r, "regionCode"))
            .unwrap_or_else(|| "KR".into())),
    }
}

fn in_region(v: &Value, region: &str) -> bool {
    text(v, "regionCode").is_none_or(|r| r == region)
}

fn vpc(state: &mut State, id: ActionId, p: &Params, region: &str) -> Answer {
    use ActionId::*;
    match id {
        GetRegionList => all(state.fixture.vpc.regions.clone()),
        GetZoneList => all(state
            .fixture
            .vpc
            .zones
            .iter()
            .filter(|z| in_region(z, region))
            .cloned()
            .collect()),
        GetServerInstanceList => {
            let nos = list(p, "serverInstanceNoList");
            let mut items: Vec<Value> = state
                .fixture
                .vpc
                .servers
                .iter()
                .filter(|v| in_region(v, region))
                .filter(|v| nos.is_empty() || text(v, "serverInstanceNo").is_some_and(|n| nos.contains(&n)))
                .filter(|v| s(p, "serverName").is_none_or(|n| text(v, "serverName").as_deref() == Some(n)))
                .filter(|v| s(p, "vpcNo").is_none_or(|n| text(v, "vpcNo").as_deref() == Some(n)))
                .filter(|v| {
                    let hypervisors = list(p, "hypervisorTypeCodeList");
                    hypervisors.is_empty() || code(v, "hypervisorType").is_some_and(|h| hypervisors.contains(&h))
                })
                .filter(|v| {
                    s(p, "serverInstanceStatusCode")
                        .is_none_or(|c| code(v, "serverInstanceStatus").as_deref() == Some(c))
                })
                .cloned()
                .collect();
            if s(p, "sortingOrder") == Some("DESC") {
                items.reverse();
            }
            paginate(items, p)
        }
        GetBlockStorageSnapshotInstanceList => {
            let nos = list(p, "blockStorageSnapshotInstanceNoList");
            let originals = list(p, "originalBlockStorageInstanceNoList");
            let hypervisors = list(p, "hypervisorTypeCodeList");
            let items = state
                .fixture
                .vpc
                .snapshots
                .iter()
                .filter(|v| in_region(v, region))
                .filter(|v| {
                    nos.is_empty() || text(v, "blockStorageSnapshotInstanceNo").is_some_and(|n| nos.contains(&n))
                })
                .filter(|v| {
                    originals.is_empty()
                        || text(v, "originalBlockStorageInstanceNo").is_some_and(|n| originals.contains(&n))
                })
                .filter(|v| {
                    hypervisors.is_empty() || code(v, "hypervisorType").is_some_and(|h| hypervisors.contains(&h))
                })
                .filter(|v| {
                    s(p, "blockStorageSnapshotName")
                        .is_none_or(|n| text(v, "blockStorageSnapshotName").as_deref() == Some(n))
                })
                .filter(|v| {
                    s(p, "blockStorageSnapshotInstanceStatusCode")
                        .is_none_or(|c| code(v, "blockStorageSnapshotInstanceStatus").as_deref() == Some(c))
                })
                .filter(|v| {
                    p.get("isBootable")
                        .and_then(Value::as_bool)
                        .is_none_or(|b| v.get("isBootable").and_then(Value::as_bool) == Some(b))
                })
                .filter(|v| {
                    p.get("isEncryptedOriginalBlockStorageVolume")
                        .and_then(Value::as_bool)
                        .is_none_or(|b| {
                            v.get("isEncryptedOriginalBlockStorageVolume").and_then(Value::as_bool) == Some(b)
                        })
                })
                .filter(|v| {
                    // The size is given in GiB, kept in bytes.
                    p.get("blockStorageSnapshotVolumeSize")
                        .and_then(Value::as_i64)
                        .is_none_or(|gb| {
                            v.get("blockStorageSnapshotVolumeSize").and_then(Value::as_i64) == Some(gb * GIB)
                        })
                })
                .cloned()
                .collect::<Vec<Value>>();
            let mut items = items;
            if s(p, "sortingOrder") == Some("DESC") {
                items.reverse();
            }
            paginate(items, p)
        }
        GetServerImageProductList => {
            let items: Vec<Value> = state
                .fixture
                .vpc
                .products
                .iter()
                .filter(|v| in_region(v, region))
                .cloned()
                .collect();
            products(&items, p)
        }
        GetMemberServerImageInstanceList => {
            let platforms = list(p, "platformTypeCodeList");
            let mut recs: Vec<&Record> =
                vpc_images(state, Kind::MemberInstance, region, p, "memberServerImageInstance")
                    .filter(|r| platforms.is_empty() || r.platform.as_ref().is_some_and(|x| platforms.contains(x)))
                    .collect();
            sort_vpc(&mut recs, p);
            paginate(recs.into_iter().map(|r| r.value.clone()).collect(), p)
        }
        GetMemberServerImageInstanceDetail => {
            detail(state, Kind::MemberInstance, s(p, "memberServerImageInstanceNo"), region)
        }
        CreateMemberServerImageInstance => create_member_instance(state, p, region),
        DeleteMemberServerImageInstances => delete(
            state,
            Kind::MemberInstance,
            &list(p, "memberServerImageInstanceNoList"),
            Some(region),
        ),
        AddMemberServerImageSharing => share(state, Kind::MemberInstance, ShareOp::Add, p, Some(region)),
        RemoveMemberServerImageSharing => share(state, Kind::MemberInstance, ShareOp::Remove, p, Some(region)),
        SetMemberServerImageSharing => share(state, Kind::MemberInstance, ShareOp::Set, p, Some(region)),
        GetServerImageList => {
            let filters: Vec<(&str, Vec<String>)> = vec![
                ("serverImageType", list(p, "serverImageTypeCodeList")),
                ("hypervisorType", list(p, "hypervisorTypeCodeList")),
                ("osType", list(p, "osTypeCodeList")),
            ];
            let categories = list(p, "platformCategoryCodeList");
            let mut recs: Vec<&Record> = vpc_images(state, Kind::ServerImage, region, p, "serverImage")
                .filter(|r| {
                    filters
                        .iter()
                        .all(|(f, codes)| codes.is_empty() || code(&r.value, f).is_some_and(|c| codes.contains(&c)))
                })
                .filter(|r| {
                    categories.is_empty()
                        || text(&r.value, "platformCategoryCode").is_some_and(|c| categories.contains(&c))
                })
                .collect();
            sort_vpc(&mut recs, p);
            paginate(recs.into_iter().map(|r| r.value.clone()).collect(), p)
        }
        GetServerImageDetail => detail(state, Kind::ServerImage, s(p, "serverImageNo"), region),
        CreateServerImage => create_server_image(state, p, region, false),
        CreateServerImageFromSnapshot => create_server_image(state, p, region, true),
        DeleteServerImage => delete(state, Kind::ServerImage, &list(p, "serverImageNoList"), Some(region)),
        AddServerImageSharing => share(state, Kind::ServerImage, ShareOp::Add, p, Some(region)),
        RemoveServerImageSharing => share(state, Kind::ServerImage, ShareOp::Remove, p, Some(region)),
        ClassicGetMemberServerImageList
        | ClassicCreateMemberServerImage
        | ClassicDeleteMemberServerImages
        | ClassicAddMemberServerImageSharing
        | ClassicRemoveMemberServerImageSharing
        | ClassicSetMemberServerImageSharing
        | ClassicGetServerImageProductList
        | ClassicGetRegionList
        | ClassicGetZoneList
        | ClassicGetServerInstanceList
        | ClassicGetBlockStorageSnapshotInstanceList => {
            Err(faults::invalid_param(&format!("internal: {id:?} is not a VPC action")))
        }
    }
}

/// The VPC images of one kind in a region, filtered by the parameters every list action has:
/// `{prefix}NoList`, the name, and `{prefix}StatusCode`.
fn vpc_images<'a>(
    state: &'a State,
    kind: Kind,
    region: &'a str,
    p: &'a Params,
    prefix: &str,
) -> impl Iterator<Item = &'a Record> + 'a {
    let nos = list(p, &format!("{prefix}NoList"));
    let name = s(p, kind.name_field());
    let status = s(p, &format!("{prefix}StatusCode"));
    state
        .records
        .iter()
        .filter(move |r| r.kind == kind && r.region == region)
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

fn products(items: &[Value], p: &Params) -> Answer {
    let platforms = list(p, "platformTypeCodeList");
    let size = p.get("blockStorageSize").and_then(Value::as_i64).map(|gb| gb * GIB);
    let bare_metal = s(p, "infraResourceDetailTypeCode") == Some("BM");
    all(items
        .iter()
        .filter(|v| s(p, "productCode").is_none_or(|c| text(v, "productCode").as_deref() == Some(c)))
        .filter(|v| s(p, "exclusionProductCode").is_none_or(|c| text(v, "productCode").as_deref() != Some(c)))
        .filter(|v| platforms.is_empty() || code(v, "platformType").is_some_and(|c| platforms.contains(&c)))
        .filter(|v| size.is_none_or(|sz| v.get("baseBlockStorageSize").and_then(Value::as_i64) == Some(sz)))
        .filter(|v| (code(v, "infraResourceDetailType").as_deref() == Some("BM")) == bare_metal)
        .cloned()
        .collect())
}

fn detail(state: &State, kind: Kind, no: Option<&str>, region: &str) -> Answer {
    let no = no.unwrap_or_default();
    match state.find(kind, no, Some(region)) {
        Some(i) => all(vec![state.records[i].value.clone()]),
        None => Err(faults::image_not_found(kind.label(), no)),
    }
}

fn find_vpc_server(state: &State, no: &str, region: &str) -> Result<Value, ApiFault> {
    state
        .fixture
        .vpc
        .servers
        .iter()
        .find(|v| text(v, "serverInstanceNo").as_deref() == Some(no) && in_region(v, region))
        .cloned()
        .ok_or_else(|| faults::server_not_found(no))
}

/// A server can be imaged when running or stopped, and when no image of it is being made.
fn check_server_ready(state: &State, kind: Kind, server: &Value, no: &str) -> Result<(), ApiFault> {
    let status = code(server, "serverInstanceStatus").unwrap_or_default();
    if status != "RUN" && status != "NSTOP" {
        return Err(faults::server_not_ready(no, &status));
    }
    let busy = state.records.iter().any(|r| {
        r.kind == kind
            && r.status_code() == "INIT"
            && !r.is_terminating()
            && text(&r.value, "originalServerInstanceNo").as_deref() == Some(no)
    });
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
        .any(|r| r.kind == kind && r.name() == name && !r.is_terminating() && region.is_none_or(|g| r.region == g));
    if taken {
        return Err(faults::name_in_use(&name));
    }
    Ok(name)
}

#[allow(clippy::too_many_arguments)]
fn push_new(
    state: &mut State,
    kind: Kind,
    value: Value,
    region: String,
    platform: Option<String>,
    rows: i64,
    size: i64,
    may_fail: bool,
) -> (Vec<Value>, usize) {
    let will_fail = may_fail && state.settings.failure_rate > 0.0 && state.rng.f64() < state.settings.failure_rate;
    let mut record = Record {
        kind,
        value,
        region,
        platform,
        created_at: Instant::now(),
        will_fail,
        deleting_since: None,
        storage_rows: rows,
        storage_size: size,
    };
    let answer = record.value.clone();
    if state.settings.create_delay_ms == 0 {
        finish_creation(&mut record);
        let done = record.value.clone();
        state.records.push(record);
        return (vec![done], 1);
    }
    state.records.push(record);
    (vec![answer], 1)
}

fn create_member_instance(state: &mut State, p: &Params, region: &str) -> Answer {
    let server_no = s(p, "serverInstanceNo").unwrap_or_default().to_string();
    let server = find_vpc_server(state, &server_no, region)?;
    if code(&server, "hypervisorType").as_deref() == Some("KVM") {
        return Err(faults::kvm_not_supported(&server_no));
    }
    check_server_ready(state, Kind::MemberInstance, &server, &server_no)?;
    let name = image_name(state, Kind::MemberInstance, s(p, "memberServerImageName"), Some(region))?;
    let kind = Kind::MemberInstance;
    let no = state.next_id();
    let value = json!({
        "memberServerImageInstanceNo": no,
        "memberServerImageName": name,
        "memberServerImageDescription": s(p, "memberServerImageDescription").unwrap_or(""),
        "originalServerInstanceNo": server_no,
        "originalServerImageProductCode": server.get("serverImageProductCode"),
        "memberServerImageInstanceStatus": kind.status("INIT"),
        "memberServerImageInstanceOperation": kind.operation("CREAT"),
        "memberServerImageInstanceStatusName": "creating",
        "createDate": state.create_date(),
        "shareStatus": share_status(false),
        "sharedLoginIdList": [],
    });
    let size = server
        .get("baseBlockStorageSize")
        .and_then(Value::as_i64)
        .unwrap_or(50 * GIB);
    let platform = code(&server, "platformType");
    Ok(push_new(
        state,
        kind,
        value,
        region.to_string(),
        platform,
        1,
        size,
        true,
    ))
}

fn volume_type(code: &str) -> Value {
    let name = match code {
        "CB1" => "Common BlockStorage 1",
        "CB2" => "Common BlockStorage 2",
        "FB1" => "Fast BlockStorage 1",
        "FB2" => "Fast BlockStorage 2",
        other => other,
    };
    json!({"code": code, "codeName": name})
}

fn create_server_image(state: &mut State, p: &Params, region: &str, from_snapshot: bool) -> Answer {
    let kind = Kind::ServerImage;
    let find_snapshot = |state: &State, no: &str| -> Result<Value, ApiFault> {
        state
            .fixture
            .vpc
            .snapshots
            .iter()
            .find(|v| text(v, "blockStorageSnapshotInstanceNo").as_deref() == Some(no) && in_region(v, region))
            .cloned()
            .ok_or_else(|| faults::snapshot_not_found(no))
    };
    let requested: Vec<Value> = p
        .get("blockStorageList")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let mut mappings = Vec::new();
    let mut ordered = requested.clone();
    ordered.sort_by_key(|v| v.get("order").and_then(Value::as_i64).unwrap_or(0));
    let mut base_snapshot: Option<Value> = None;
    for item in &ordered {
        if item.get("noBlockStorage").and_then(Value::as_bool) == Some(true) {
            continue;
        }
        let order = item.get("order").and_then(Value::as_i64).unwrap_or(0);
        let wanted = item.get("blockStorageSize").and_then(Value::as_i64).map(|gb| gb * GIB);
        let mapping = match s(item.as_object().unwrap_or(&Map::new()), "snapshotInstanceNo") {
            Some(no) => {
                let snap = find_snapshot(state, no)?;
                if order == 0 {
                    base_snapshot = Some(snap.clone());
                }
                let size = snap
                    .get("blockStorageSnapshotVolumeSize")
                    .and_then(Value::as_i64)
                    .unwrap_or(10 * GIB);
                json!({
                    "order": order,
                    "blockStorageSnapshotInstanceNo": no,
                    "blockStorageSnapshotName": snap.get("blockStorageSnapshotName"),
                    "blockStorageSize": wanted.unwrap_or(size).max(size),
                    "blockStorageVolumeType": item.get("blockStorageVolumeTypeCode").and_then(Value::as_str).map(volume_type).unwrap_or_else(|| volume_type("CB1")),
                    "iops": 100, "throughput": 104_857_600, "isEncryptedVolume": false,
                })
            }
            None => json!({
                "order": order,
                "blockStorageSize": wanted.unwrap_or(10 * GIB),
                "blockStorageVolumeType": volume_type(item.get("blockStorageVolumeTypeCode").and_then(Value::as_str).unwrap_or("CB1")),
                "iops": 100, "throughput": 104_857_600, "isEncryptedVolume": false,
            }),
        };
        mappings.push(mapping);
    }

    let (source_no, template, default_mappings) = if from_snapshot {
        let base = base_snapshot.ok_or_else(|| faults::not_bootable("(none)"))?;
        let no = text(&base, "blockStorageSnapshotInstanceNo").unwrap_or_default();
        let bootable = base.get("isBootable").and_then(Value::as_bool) == Some(true);
        if !bootable || code(&base, "hypervisorType").as_deref() != Some("KVM") {
            return Err(faults::not_bootable(&no));
        }
        (
            None,
            base.get("imageTemplate")
                .cloned()
                .unwrap_or(json!({"hypervisorType": {"code": "KVM", "codeName": "KVM"}})),
            vec![],
        )
    } else {
        let server_no = s(p, "serverInstanceNo").unwrap_or_default().to_string();
        let server = find_vpc_server(state, &server_no, region)?;
        check_server_ready(state, kind, &server, &server_no)?;
        let mut template = server.get("imageTemplate").cloned().unwrap_or(json!({}));
        if let (Some(t), Some(h)) = (template.as_object_mut(), server.get("hypervisorType")) {
            t.entry("hypervisorType").or_insert(h.clone());
        }
        let storages = server.get("blockStorages").and_then(Value::as_array).cloned().unwrap_or_else(|| {
            vec![json!({
                "order": 0,
                "blockStorageSize": server.get("baseBlockStorageSize").and_then(Value::as_i64).unwrap_or(50 * GIB),
                "blockStorageVolumeType": server.get("baseBlockStorageDiskType").cloned().unwrap_or_else(|| volume_type("CB1")),
                "isEncryptedVolume": false,
            })]
        });
        (Some(server_no), template, storages)
    };
    if mappings.is_empty() {
        mappings = default_mappings;
    }
    let name = image_name(state, kind, s(p, "serverImageName"), Some(region))?;
    let no = state.next_id();
    let mut value = json!({
        "serverImageNo": no,
        "serverImageName": name,
        "serverImageDescription": s(p, "serverImageDescription").unwrap_or(""),
        "serverImageType": {"code": "SELF", "codeName": "SELF Server Image"},
        "cpuArchitectureType": {"code": "X86_64", "codeName": "x86 64bit"},
        "serverImageStatus": kind.status("INIT"),
        "serverImageOperation": kind.operation("CREAT"),
        "serverImageStatusName": "creating",
        "createDate": state.create_date(),
        "blockStorageMappingList": mappings,
        "shareStatus": share_status(false),
        "sharedLoginIdList": [],
    });
    if let (Some(v), Some(t)) = (value.as_object_mut(), template.as_object()) {
        for (k, x) in t {
            v.insert(k.clone(), x.clone());
        }
        if let Some(no) = source_no {
            // Not part of the ServerImage model: kept for the "busy server" check only.
            v.insert("originalServerInstanceNo".into(), json!(no));
        }
    }
    Ok(push_new(state, kind, value, region.to_string(), None, 0, 0, true))
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
        if kind == Kind::ServerImage && code(&r.value, "serverImageType").as_deref() == Some("NCP") {
            return Err(faults::ncp_image_read_only(no));
        }
        idx.push(i);
    }
    let now = Instant::now();
    for &i in &idx {
        let r = &mut state.records[i];
        r.deleting_since = Some(now);
        r.set(&kind.operation_field(), kind.operation("TERMT"));
        r.set(&kind.status_name_field(), json!("terminating"));
    }
    // Newest first, as the API answers (seed 000).
    let mut recs: Vec<&Record> = idx.iter().map(|&i| &state.records[i]).collect();
    recs.sort_by(|a, b| by_number_desc(a, b));
    all(recs.into_iter().map(|r| r.value.clone()).collect())
}

fn share(state: &mut State, kind: Kind, op: ShareOp, p: &Params, region: Option<&str>) -> Answer {
    let no = s(p, kind.no_field())
        .or_else(|| s(p, "memberServerImageNo"))
        .unwrap_or_default()
        .to_string();
    let i = state
        .find(kind, &no, region)
        .ok_or_else(|| faults::image_not_found(kind.label(), &no))?;
    let r = &mut state.records[i];
    if kind == Kind::ServerImage && code(&r.value, "serverImageType").as_deref() == Some("NCP") {
        return Err(faults::ncp_image_read_only(&no));
    }
    if r.status_code() != "CREAT" || r.is_terminating() {
        let state_name = text(&r.value, &kind.status_name_field()).unwrap_or_default();
        return Err(faults::image_busy(kind.label(), &no, &state_name));
    }
    let mut ids: Vec<String> = r
        .value
        .get("sharedLoginIdList")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
        .unwrap_or_default();
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
    r.set("shareStatus", share_status(!ids.is_empty()));
    r.set("sharedLoginIdList", json!(ids));
    all(vec![r.value.clone()])
}
