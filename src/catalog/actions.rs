//! Every action the client speaks (spec sections 3 and 4): name, environment, parameters with their
//! constraints, and the response list with its item model.

use super::models::*;
use serde_json::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Env {
    Classic,
    Vpc,
}

impl Env {
    /// The API prefix appended to the gateway origin.
    pub fn prefix(self) -> &'static str {
        match self {
            Env::Classic => "/server/v2",
            Env::Vpc => "/vserver/v2",
        }
    }
}

#[derive(Debug)]
pub enum ParamKind {
    Str,
    Int,
    Bool,
    /// Sent as `name.1=..&name.2=..`.
    StrList,
    /// Sent as `name.1.field=..`.
    ObjList(&'static [Param]),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Req {
    Yes,
    No,
    /// Required when the named parameter is given (`pageSize` with `pageNo`).
    With(&'static str),
}

/// A constraint on a parameter's value (on each item, for lists, except `Items`/`Unique`).
#[derive(Debug)]
pub enum Rule {
    /// Length in characters.
    Len(usize, usize),
    /// Size in UTF-8 bytes.
    MaxBytes(usize),
    /// VPC image names: 3-30 characters, lower-case letters, digits and `-`, starting with a letter
    /// and ending with a letter or digit.
    ImageName,
    /// One of these values, exactly.
    OneOf(&'static [&'static str]),
    /// One of these values, ignoring case.
    OneOfIgnoreCase(&'static [&'static str]),
    /// Integer range, inclusive.
    Range(i64, i64),
    /// Number of list items; `usize::MAX` for no upper bound.
    Items(usize, usize),
    /// No duplicate list items.
    Unique,
    /// A cross-field check on the whole (normalized) value; returns the message on failure.
    Check(fn(&str, &Value) -> Result<(), String>),
}

#[derive(Debug)]
pub struct Param {
    pub name: &'static str,
    pub kind: ParamKind,
    pub req: Req,
    pub rules: &'static [Rule],
}

/// Every action as a closed set: a `match` over it (the emulator's dispatch) must name each one, so an
/// action added to the catalog without a handler is a compile error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActionId {
    ClassicGetMemberServerImageList,
    ClassicCreateMemberServerImage,
    ClassicDeleteMemberServerImages,
    ClassicAddMemberServerImageSharing,
    ClassicRemoveMemberServerImageSharing,
    ClassicSetMemberServerImageSharing,
    ClassicGetServerImageProductList,
    ClassicGetRegionList,
    ClassicGetZoneList,
    ClassicGetServerInstanceList,
    ClassicGetBlockStorageSnapshotInstanceList,
    GetMemberServerImageInstanceList,
    GetMemberServerImageInstanceDetail,
    CreateMemberServerImageInstance,
    DeleteMemberServerImageInstances,
    AddMemberServerImageSharing,
    RemoveMemberServerImageSharing,
    SetMemberServerImageSharing,
    GetServerImageList,
    GetServerImageDetail,
    CreateServerImage,
    CreateServerImageFromSnapshot,
    DeleteServerImage,
    AddServerImageSharing,
    RemoveServerImageSharing,
    GetServerImageProductList,
    GetRegionList,
    GetZoneList,
    GetServerInstanceList,
    GetBlockStorageSnapshotInstanceList,
}

#[derive(Debug)]
pub struct Action {
    pub id: ActionId,
    pub name: &'static str,
    pub env: Env,
    pub params: &'static [Param],
    /// The list field of the response, e.g. `memberServerImageList`.
    pub list: &'static str,
    pub item: &'static Model,
    /// Classic `getZoneList` answers without `totalRows`.
    pub total_rows: bool,
    /// Changes state: never retried once the request may have reached the server.
    pub mutating: bool,
    pub summary: &'static str,
}

impl Action {
    pub fn param(&self, name: &str) -> Option<&Param> {
        self.params.iter().find(|p| p.name == name)
    }
}

const fn p(name: &'static str, kind: ParamKind, req: Req, rules: &'static [Rule]) -> Param {
    Param { name, kind, req, rules }
}

use ParamKind::{Bool, Int, ObjList, Str, StrList};
use Req::{No, Yes};

const INT32: Rule = Rule::Range(0, 2_147_483_647);
// Values are checked only where the API documents a closed set that cannot grow (sort orders). Codes
// NCP adds over time (platform types such as RKY64, statuses, hypervisors, OS types, volume types,
// product sizes, `sortedBy` fields) are passed on for the API to judge.
const VPC_ORDER: Rule = Rule::OneOf(&["ASC", "DESC"]);
const CLASSIC_ORDER: Rule = Rule::OneOfIgnoreCase(&["ascending", "descending"]);

// Parameters shared by many actions.
const REGION_CODE: Param = p("regionCode", Str, No, &[]);
const REGION_NO: Param = p("regionNo", Str, No, &[]);
const PAGE_NO: Param = p("pageNo", Int, No, &[INT32]);
const VPC_PAGE_SIZE: Param = p("pageSize", Int, Req::With("pageNo"), &[Rule::Range(1, 1000)]);
const CLASSIC_PAGE_SIZE: Param = p("pageSize", Int, No, &[INT32]);
const TARGET_LOGIN_IDS: Param = p(
    "targetLoginIdList",
    StrList,
    Yes,
    &[Rule::Items(1, usize::MAX), Rule::Unique],
);
const TARGET_LOGIN_IDS_OPTIONAL: Param = p("targetLoginIdList", StrList, No, &[Rule::Unique]);
const DESCRIPTION_1000_BYTES: &[Rule] = &[Rule::MaxBytes(1000)];

// ---------------------------------------------------------------------------------------------
// Classic (/server/v2)

pub static GET_MEMBER_SERVER_IMAGE_LIST: Action = Action {
    id: ActionId::ClassicGetMemberServerImageList,
    name: "getMemberServerImageList",
    env: Env::Classic,
    params: &[
        p("memberServerImageNoList", StrList, No, &[]),
        p("platformTypeCodeList", StrList, No, &[]),
        REGION_NO,
        PAGE_NO,
        CLASSIC_PAGE_SIZE,
        p("sortedBy", Str, No, &[]),
        p("sortingOrder", Str, No, &[CLASSIC_ORDER]),
    ],
    list: "memberServerImageList",
    item: &MEMBER_SERVER_IMAGE,
    total_rows: true,
    mutating: false,
    summary: "Lists the member (private) server images of the account.",
};

pub static CREATE_MEMBER_SERVER_IMAGE: Action = Action {
    id: ActionId::ClassicCreateMemberServerImage,
    name: "createMemberServerImage",
    env: Env::Classic,
    params: &[
        p("serverInstanceNo", Str, Yes, &[]),
        // Classic names: length only. The seed creates `helloWorld`, so the VPC charset rule does not apply.
        p("memberServerImageName", Str, No, &[Rule::Len(3, 30)]),
        p("memberServerImageDescription", Str, No, DESCRIPTION_1000_BYTES),
    ],
    list: "memberServerImageList",
    item: &MEMBER_SERVER_IMAGE,
    total_rows: true,
    mutating: true,
    summary: "Creates a member server image from a stopped or running server.",
};

pub static DELETE_MEMBER_SERVER_IMAGES: Action = Action {
    id: ActionId::ClassicDeleteMemberServerImages,
    name: "deleteMemberServerImages",
    env: Env::Classic,
    params: &[p(
        "memberServerImageNoList",
        StrList,
        Yes,
        &[Rule::Items(1, usize::MAX), Rule::Unique],
    )],
    list: "memberServerImageList",
    item: &MEMBER_SERVER_IMAGE,
    total_rows: true,
    mutating: true,
    summary: "Deletes member server images.",
};

const CLASSIC_SHARE_PARAMS: &[Param] = &[p("memberServerImageNo", Str, Yes, &[]), TARGET_LOGIN_IDS];

pub static CLASSIC_ADD_MEMBER_SERVER_IMAGE_SHARING: Action = Action {
    id: ActionId::ClassicAddMemberServerImageSharing,
    name: "addMemberServerImageSharingPermission",
    env: Env::Classic,
    params: CLASSIC_SHARE_PARAMS,
    list: "memberServerImageList",
    item: &MEMBER_SERVER_IMAGE,
    total_rows: true,
    mutating: true,
    summary: "Shares a member server image with other NCP login ids.",
};

pub static CLASSIC_REMOVE_MEMBER_SERVER_IMAGE_SHARING: Action = Action {
    id: ActionId::ClassicRemoveMemberServerImageSharing,
    name: "removeMemberServerImageSharingPermission",
    env: Env::Classic,
    params: CLASSIC_SHARE_PARAMS,
    list: "memberServerImageList",
    item: &MEMBER_SERVER_IMAGE,
    total_rows: true,
    mutating: true,
    summary: "Stops sharing a member server image with the given login ids.",
};

pub static CLASSIC_SET_MEMBER_SERVER_IMAGE_SHARING: Action = Action {
    id: ActionId::ClassicSetMemberServerImageSharing,
    name: "setMemberServerImageSharingPermission",
    env: Env::Classic,
    params: &[p("memberServerImageNo", Str, Yes, &[]), TARGET_LOGIN_IDS_OPTIONAL],
    list: "memberServerImageList",
    item: &MEMBER_SERVER_IMAGE,
    total_rows: true,
    mutating: true,
    summary: "Replaces the share list of a member server image (none: unshare all).",
};

pub static CLASSIC_GET_SERVER_IMAGE_PRODUCT_LIST: Action = Action {
    id: ActionId::ClassicGetServerImageProductList,
    name: "getServerImageProductList",
    env: Env::Classic,
    params: &[
        p("exclusionProductCode", Str, No, &[]),
        p("productCode", Str, No, &[]),
        p("platformTypeCodeList", StrList, No, &[]),
        p("blockStorageSize", Int, No, &[]),
        REGION_NO,
        p("infraResourceDetailTypeCode", Str, No, &[]),
    ],
    list: "productList",
    item: &PRODUCT,
    total_rows: true,
    mutating: false,
    summary: "Lists the NCP-provided server images (OS products).",
};

pub static CLASSIC_GET_REGION_LIST: Action = Action {
    id: ActionId::ClassicGetRegionList,
    name: "getRegionList",
    env: Env::Classic,
    params: &[],
    list: "regionList",
    item: &CLASSIC_REGION,
    total_rows: true,
    mutating: false,
    summary: "Lists the Classic regions.",
};

pub static CLASSIC_GET_ZONE_LIST: Action = Action {
    id: ActionId::ClassicGetZoneList,
    name: "getZoneList",
    env: Env::Classic,
    params: &[REGION_NO],
    list: "zoneList",
    item: &CLASSIC_ZONE,
    total_rows: false,
    mutating: false,
    summary: "Lists the Classic zones of a region.",
};

pub static CLASSIC_GET_SERVER_INSTANCE_LIST: Action = Action {
    id: ActionId::ClassicGetServerInstanceList,
    name: "getServerInstanceList",
    env: Env::Classic,
    params: &[
        p("serverInstanceNoList", StrList, No, &[]),
        p("searchFilterName", Str, No, &[]),
        p("searchFilterValue", Str, No, &[]),
        PAGE_NO,
        CLASSIC_PAGE_SIZE,
        p("serverInstanceStatusCode", Str, No, &[]),
        REGION_NO,
        p("zoneNo", Str, No, &[]),
        p("baseBlockStorageDiskTypeCode", Str, No, &[]),
        p("baseBlockStorageDiskDetailTypeCode", Str, No, &[]),
        p("sortedBy", Str, No, &[]),
        p("sortingOrder", Str, No, &[CLASSIC_ORDER]),
        p("serverInstanceTypeCodeList", StrList, No, &[]),
        p("tagKeyList", StrList, No, &[]),
        p("tagValueList", StrList, No, &[]),
        // Declared by the old 1.x client (description.yaml), not by the Go SDK.
        p("internetLineTypeCode", Str, No, &[]),
    ],
    list: "serverInstanceList",
    item: &CLASSIC_SERVER_INSTANCE,
    total_rows: true,
    mutating: false,
    summary: "Lists the Classic server instances.",
};

pub static CLASSIC_GET_BLOCK_STORAGE_SNAPSHOT_INSTANCE_LIST: Action = Action {
    id: ActionId::ClassicGetBlockStorageSnapshotInstanceList,
    name: "getBlockStorageSnapshotInstanceList",
    env: Env::Classic,
    params: &[
        p("blockStorageSnapshotInstanceNoList", StrList, No, &[]),
        p("originalBlockStorageInstanceNoList", StrList, No, &[]),
        PAGE_NO,
        CLASSIC_PAGE_SIZE,
        REGION_NO,
    ],
    list: "blockStorageSnapshotInstanceList",
    item: &CLASSIC_BLOCK_STORAGE_SNAPSHOT_INSTANCE,
    total_rows: true,
    mutating: false,
    summary: "Lists the Classic block storage snapshots.",
};

// ---------------------------------------------------------------------------------------------
// VPC (/vserver/v2)

pub static GET_MEMBER_SERVER_IMAGE_INSTANCE_LIST: Action = Action {
    id: ActionId::GetMemberServerImageInstanceList,
    name: "getMemberServerImageInstanceList",
    env: Env::Vpc,
    params: &[
        REGION_CODE,
        p("memberServerImageInstanceNoList", StrList, No, &[]),
        p("memberServerImageName", Str, No, &[]),
        p("memberServerImageInstanceStatusCode", Str, No, &[]),
        p("platformTypeCodeList", StrList, No, &[]),
        PAGE_NO,
        VPC_PAGE_SIZE,
        p("sortedBy", Str, No, &[]),
        p("sortingOrder", Str, No, &[VPC_ORDER]),
    ],
    list: "memberServerImageInstanceList",
    item: &MEMBER_SERVER_IMAGE_INSTANCE,
    total_rows: true,
    mutating: false,
    summary: "Lists member server image instances (XEN).",
};

pub static GET_MEMBER_SERVER_IMAGE_INSTANCE_DETAIL: Action = Action {
    id: ActionId::GetMemberServerImageInstanceDetail,
    name: "getMemberServerImageInstanceDetail",
    env: Env::Vpc,
    params: &[REGION_CODE, p("memberServerImageInstanceNo", Str, Yes, &[])],
    list: "memberServerImageInstanceList",
    item: &MEMBER_SERVER_IMAGE_INSTANCE,
    total_rows: true,
    mutating: false,
    summary: "Gets one member server image instance.",
};

pub static CREATE_MEMBER_SERVER_IMAGE_INSTANCE: Action = Action {
    id: ActionId::CreateMemberServerImageInstance,
    name: "createMemberServerImageInstance",
    env: Env::Vpc,
    params: &[
        REGION_CODE,
        p("serverInstanceNo", Str, Yes, &[]),
        p("memberServerImageName", Str, No, &[Rule::ImageName]),
        p("memberServerImageDescription", Str, No, DESCRIPTION_1000_BYTES),
    ],
    list: "memberServerImageInstanceList",
    item: &MEMBER_SERVER_IMAGE_INSTANCE,
    total_rows: true,
    mutating: true,
    summary: "Creates a member server image instance from a stopped or running XEN server.",
};

pub static DELETE_MEMBER_SERVER_IMAGE_INSTANCES: Action = Action {
    id: ActionId::DeleteMemberServerImageInstances,
    name: "deleteMemberServerImageInstances",
    env: Env::Vpc,
    params: &[
        REGION_CODE,
        p(
            "memberServerImageInstanceNoList",
            StrList,
            Yes,
            &[Rule::Items(1, usize::MAX), Rule::Unique],
        ),
    ],
    list: "memberServerImageInstanceList",
    item: &MEMBER_SERVER_IMAGE_INSTANCE,
    total_rows: true,
    mutating: true,
    summary: "Deletes member server image instances.",
};

const VPC_MEMBER_SHARE_PARAMS: &[Param] = &[
    REGION_CODE,
    p("memberServerImageInstanceNo", Str, Yes, &[]),
    TARGET_LOGIN_IDS,
];

pub static ADD_MEMBER_SERVER_IMAGE_SHARING: Action = Action {
    id: ActionId::AddMemberServerImageSharing,
    name: "addMemberServerImageSharingPermission",
    env: Env::Vpc,
    params: VPC_MEMBER_SHARE_PARAMS,
    list: "memberServerImageInstanceList",
    item: &MEMBER_SERVER_IMAGE_INSTANCE,
    total_rows: true,
    mutating: true,
    summary: "Shares a member server image instance with other NCP login ids.",
};

pub static REMOVE_MEMBER_SERVER_IMAGE_SHARING: Action = Action {
    id: ActionId::RemoveMemberServerImageSharing,
    name: "removeMemberServerImageSharingPermission",
    env: Env::Vpc,
    params: VPC_MEMBER_SHARE_PARAMS,
    list: "memberServerImageInstanceList",
    item: &MEMBER_SERVER_IMAGE_INSTANCE,
    total_rows: true,
    mutating: true,
    summary: "Stops sharing a member server image instance with the given login ids.",
};

pub static SET_MEMBER_SERVER_IMAGE_SHARING: Action = Action {
    id: ActionId::SetMemberServerImageSharing,
    name: "setMemberServerImageSharingPermission",
    env: Env::Vpc,
    params: &[
        REGION_CODE,
        p("memberServerImageInstanceNo", Str, Yes, &[]),
        TARGET_LOGIN_IDS_OPTIONAL,
    ],
    list: "memberServerImageInstanceList",
    item: &MEMBER_SERVER_IMAGE_INSTANCE,
    total_rows: true,
    mutating: true,
    summary: "Replaces the share list of a member server image instance (none: unshare all).",
};

pub static GET_SERVER_IMAGE_LIST: Action = Action {
    id: ActionId::GetServerImageList,
    name: "getServerImageList",
    env: Env::Vpc,
    params: &[
        REGION_CODE,
        p("serverImageNoList", StrList, No, &[]),
        p("serverImageName", Str, No, &[]),
        p("serverImageStatusCode", Str, No, &[]),
        p("serverImageTypeCodeList", StrList, No, &[]),
        p("hypervisorTypeCodeList", StrList, No, &[]),
        p("osTypeCodeList", StrList, No, &[]),
        p("platformCategoryCodeList", StrList, No, &[]),
        PAGE_NO,
        VPC_PAGE_SIZE,
        // Allowed values are not documented (spec 4.6): passed through unchecked.
        p("sortedBy", Str, No, &[]),
        p("sortingOrder", Str, No, &[VPC_ORDER]),
    ],
    list: "serverImageList",
    item: &SERVER_IMAGE,
    total_rows: true,
    mutating: false,
    summary: "Lists server images (NCP and own, XEN and KVM).",
};

pub static GET_SERVER_IMAGE_DETAIL: Action = Action {
    id: ActionId::GetServerImageDetail,
    name: "getServerImageDetail",
    env: Env::Vpc,
    params: &[REGION_CODE, p("serverImageNo", Str, Yes, &[])],
    list: "serverImageList",
    item: &SERVER_IMAGE,
    total_rows: true,
    mutating: false,
    summary: "Gets one server image.",
};

const BLOCK_STORAGE_ITEM: &[Param] = &[
    p("order", Int, Yes, &[Rule::Range(0, 20)]),
    p("snapshotInstanceNo", Str, No, &[]),
    p("blockStorageSize", Int, No, &[INT32]),
    p("blockStorageVolumeTypeCode", Str, No, &[]),
    p("noBlockStorage", Bool, No, &[]),
    p("emptyBlockStorage", Bool, No, &[]),
];

/// `blockStorageList`: at most 21 entries, exactly one base storage (order 0) that only a snapshot can
/// define, each order used once, and every additional entry says where its volume comes from.
fn check_block_storage_list(name: &str, value: &Value) -> Result<(), String> {
    let Some(items) = value.as_array() else {
        return Ok(());
    };
    let order_of = |v: &Value| v.get("order").and_then(Value::as_i64);
    let bases = items.iter().filter(|v| order_of(v) == Some(0)).count();
    if bases != 1 {
        return Err(format!(
            "'{name}' must have exactly one base storage (order 0), found {bases}"
        ));
    }
    let mut seen = std::collections::HashSet::new();
    for (i, item) in items.iter().enumerate() {
        let order = order_of(item).unwrap_or(-1);
        if !seen.insert(order) {
            return Err(format!("'{name}' uses order {order} more than once"));
        }
        let has = |k: &str| item.get(k).is_some();
        let is_true = |k: &str| item.get(k).and_then(Value::as_bool) == Some(true);
        if order == 0 {
            for k in ["blockStorageVolumeTypeCode", "noBlockStorage", "emptyBlockStorage"] {
                if has(k) {
                    return Err(format!("'{name}[{i}].{k}' cannot be set on the base storage (order 0)"));
                }
            }
        } else if !is_true("noBlockStorage") && !has("snapshotInstanceNo") && !has("blockStorageVolumeTypeCode") {
            return Err(format!(
                "'{name}[{i}]' needs 'snapshotInstanceNo' or 'blockStorageVolumeTypeCode' (or 'noBlockStorage: true')"
            ));
        }
    }
    Ok(())
}

const SERVER_IMAGE_NAME: Param = p("serverImageName", Str, Yes, &[Rule::ImageName]);
const SERVER_IMAGE_DESCRIPTION: Param = p("serverImageDescription", Str, No, DESCRIPTION_1000_BYTES);
const BLOCK_STORAGE_LIST_RULES: &[Rule] = &[Rule::Items(1, 21), Rule::Check(check_block_storage_list)];

pub static CREATE_SERVER_IMAGE: Action = Action {
    id: ActionId::CreateServerImage,
    name: "createServerImage",
    env: Env::Vpc,
    params: &[
        REGION_CODE,
        p("serverInstanceNo", Str, Yes, &[]),
        SERVER_IMAGE_NAME,
        SERVER_IMAGE_DESCRIPTION,
        p(
            "blockStorageList",
            ObjList(BLOCK_STORAGE_ITEM),
            No,
            BLOCK_STORAGE_LIST_RULES,
        ),
    ],
    list: "serverImageList",
    item: &SERVER_IMAGE,
    total_rows: true,
    mutating: true,
    summary: "Creates a server image (own image) from a server, XEN or KVM.",
};

pub static CREATE_SERVER_IMAGE_FROM_SNAPSHOT: Action = Action {
    id: ActionId::CreateServerImageFromSnapshot,
    name: "createServerImageFromSnapshot",
    env: Env::Vpc,
    params: &[
        REGION_CODE,
        SERVER_IMAGE_NAME,
        SERVER_IMAGE_DESCRIPTION,
        p(
            "blockStorageList",
            ObjList(BLOCK_STORAGE_ITEM),
            Yes,
            BLOCK_STORAGE_LIST_RULES,
        ),
    ],
    list: "serverImageList",
    item: &SERVER_IMAGE,
    total_rows: true,
    mutating: true,
    summary: "Creates a server image from block storage snapshots (KVM; the base snapshot must be bootable).",
};

pub static DELETE_SERVER_IMAGE: Action = Action {
    id: ActionId::DeleteServerImage,
    name: "deleteServerImage",
    env: Env::Vpc,
    params: &[
        REGION_CODE,
        p(
            "serverImageNoList",
            StrList,
            Yes,
            &[Rule::Items(1, usize::MAX), Rule::Unique],
        ),
    ],
    list: "serverImageList",
    item: &SERVER_IMAGE,
    total_rows: true,
    mutating: true,
    summary: "Deletes server images (the action name is singular).",
};

const SERVER_IMAGE_SHARE_PARAMS: &[Param] = &[REGION_CODE, p("serverImageNo", Str, Yes, &[]), TARGET_LOGIN_IDS];

pub static ADD_SERVER_IMAGE_SHARING: Action = Action {
    id: ActionId::AddServerImageSharing,
    name: "addServerImageSharingPermission",
    env: Env::Vpc,
    params: SERVER_IMAGE_SHARE_PARAMS,
    list: "serverImageList",
    item: &SERVER_IMAGE,
    total_rows: true,
    mutating: true,
    summary: "Shares a server image with other NCP login ids.",
};

pub static REMOVE_SERVER_IMAGE_SHARING: Action = Action {
    id: ActionId::RemoveServerImageSharing,
    name: "removeServerImageSharingPermission",
    env: Env::Vpc,
    params: SERVER_IMAGE_SHARE_PARAMS,
    list: "serverImageList",
    item: &SERVER_IMAGE,
    total_rows: true,
    mutating: true,
    summary: "Stops sharing a server image with the given login ids.",
};

pub static GET_SERVER_IMAGE_PRODUCT_LIST: Action = Action {
    id: ActionId::GetServerImageProductList,
    name: "getServerImageProductList",
    env: Env::Vpc,
    params: &[
        REGION_CODE,
        p("blockStorageSize", Int, No, &[]),
        p("exclusionProductCode", Str, No, &[]),
        p("productCode", Str, No, &[]),
        p("platformTypeCodeList", StrList, No, &[]),
        p("infraResourceDetailTypeCode", Str, No, &[]),
    ],
    list: "productList",
    item: &PRODUCT,
    total_rows: true,
    mutating: false,
    summary: "Lists NCP-provided XEN OS images (KVM images are listed by getServerImageList).",
};

pub static GET_REGION_LIST: Action = Action {
    id: ActionId::GetRegionList,
    name: "getRegionList",
    env: Env::Vpc,
    params: &[],
    list: "regionList",
    item: &REGION,
    total_rows: true,
    mutating: false,
    summary: "Lists the VPC regions.",
};

pub static GET_ZONE_LIST: Action = Action {
    id: ActionId::GetZoneList,
    name: "getZoneList",
    env: Env::Vpc,
    params: &[REGION_CODE],
    list: "zoneList",
    item: &ZONE,
    total_rows: true,
    mutating: false,
    summary: "Lists the zones of a VPC region.",
};

pub static GET_SERVER_INSTANCE_LIST: Action = Action {
    id: ActionId::GetServerInstanceList,
    name: "getServerInstanceList",
    env: Env::Vpc,
    params: &[
        REGION_CODE,
        p("vpcNo", Str, No, &[]),
        p("serverInstanceNoList", StrList, No, &[]),
        p("serverName", Str, No, &[]),
        p("serverInstanceStatusCode", Str, No, &[]),
        p("baseBlockStorageDiskTypeCode", Str, No, &[]),
        p("baseBlockStorageDiskDetailTypeCode", Str, No, &[]),
        p("ip", Str, No, &[]),
        PAGE_NO,
        VPC_PAGE_SIZE,
        p("sortedBy", Str, No, &[]),
        p("sortingOrder", Str, No, &[VPC_ORDER]),
        p("placementGroupNoList", StrList, No, &[]),
        p("hypervisorTypeCodeList", StrList, No, &[]),
        p("fabricClusterPoolNo", Str, No, &[]),
        p("fabricClusterNo", Str, No, &[]),
        p("fabricClusterMode", Str, No, &[]),
    ],
    list: "serverInstanceList",
    item: &SERVER_INSTANCE,
    total_rows: true,
    mutating: false,
    summary: "Lists the VPC server instances.",
};

pub static GET_BLOCK_STORAGE_SNAPSHOT_INSTANCE_LIST: Action = Action {
    id: ActionId::GetBlockStorageSnapshotInstanceList,
    name: "getBlockStorageSnapshotInstanceList",
    env: Env::Vpc,
    params: &[
        REGION_CODE,
        p("blockStorageSnapshotInstanceNoList", StrList, No, &[]),
        p("blockStorageSnapshotName", Str, No, &[]),
        p("originalBlockStorageInstanceNoList", StrList, No, &[]),
        p("blockStorageSnapshotInstanceStatusCode", Str, No, &[]),
        p("hypervisorTypeCodeList", StrList, No, &[]),
        p("isBootable", Bool, No, &[]),
        PAGE_NO,
        VPC_PAGE_SIZE,
        p("blockStorageSnapshotVolumeSize", Int, No, &[]),
        p("isEncryptedOriginalBlockStorageVolume", Bool, No, &[]),
        p("sortedBy", Str, No, &[]),
        p("sortingOrder", Str, No, &[VPC_ORDER]),
    ],
    list: "blockStorageSnapshotInstanceList",
    item: &BLOCK_STORAGE_SNAPSHOT_INSTANCE,
    total_rows: true,
    mutating: false,
    summary: "Lists block storage snapshots (sources for createServerImageFromSnapshot).",
};

/// Every action, Classic first.
pub static ACTIONS: &[&Action] = &[
    &GET_MEMBER_SERVER_IMAGE_LIST,
    &CREATE_MEMBER_SERVER_IMAGE,
    &DELETE_MEMBER_SERVER_IMAGES,
    &CLASSIC_ADD_MEMBER_SERVER_IMAGE_SHARING,
    &CLASSIC_REMOVE_MEMBER_SERVER_IMAGE_SHARING,
    &CLASSIC_SET_MEMBER_SERVER_IMAGE_SHARING,
    &CLASSIC_GET_SERVER_IMAGE_PRODUCT_LIST,
    &CLASSIC_GET_REGION_LIST,
    &CLASSIC_GET_ZONE_LIST,
    &CLASSIC_GET_SERVER_INSTANCE_LIST,
    &CLASSIC_GET_BLOCK_STORAGE_SNAPSHOT_INSTANCE_LIST,
    &CREATE_SERVER_IMAGE,
    &CREATE_SERVER_IMAGE_FROM_SNAPSHOT,
    &GET_SERVER_IMAGE_DETAIL,
    &GET_SERVER_IMAGE_LIST,
    &DELETE_SERVER_IMAGE,
    &ADD_SERVER_IMAGE_SHARING,
    &REMOVE_SERVER_IMAGE_SHARING,
    &CREATE_MEMBER_SERVER_IMAGE_INSTANCE,
    &GET_MEMBER_SERVER_IMAGE_INSTANCE_DETAIL,
    &GET_MEMBER_SERVER_IMAGE_INSTANCE_LIST,
    &DELETE_MEMBER_SERVER_IMAGE_INSTANCES,
    &ADD_MEMBER_SERVER_IMAGE_SHARING,
    &REMOVE_MEMBER_SERVER_IMAGE_SHARING,
    &SET_MEMBER_SERVER_IMAGE_SHARING,
    &GET_REGION_LIST,
    &GET_ZONE_LIST,
    &GET_SERVER_INSTANCE_LIST,
    &GET_BLOCK_STORAGE_SNAPSHOT_INSTANCE_LIST,
    &GET_SERVER_IMAGE_PRODUCT_LIST,
];

/// The action of that environment and name.
pub fn action(env: Env, name: &str) -> Option<&'static Action> {
    ACTIONS.iter().copied().find(|a| a.env == env && a.name == name)
}
