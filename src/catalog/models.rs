//! Response models (spec section 5). Field order is output order.

#[derive(Debug, Clone, Copy)]
pub enum FieldType {
    /// Text; ids are text too (the gateway's JSON sends them as strings, old answers as numbers).
    Str,
    /// 32-bit number.
    Int,
    /// 64-bit number (sizes in bytes).
    Long,
    Bool,
    /// `{ code, codeName }`.
    Code,
    StrList,
    Obj(&'static Model),
    List(&'static Model),
}

#[derive(Debug)]
pub struct Field {
    pub name: &'static str,
    pub ty: FieldType,
    /// The API returns this field in every item (the typings declare it non-optional). Only set where the
    /// spec's examples and the seeds all show it; everything else is optional.
    pub always: bool,
    /// For a `{ code, codeName }` field: the codes it is known to carry. An open set (NCP adds codes over
    /// time): the typings offer them as literals and accept any other string.
    pub codes: &'static [&'static str],
}

impl Field {
    /// Marks the field as returned in every item.
    pub const fn always(mut self) -> Field {
        self.always = true;
        self
    }

    /// The codes a `{ code, codeName }` field is known to carry.
    pub const fn codes(mut self, codes: &'static [&'static str]) -> Field {
        self.codes = codes;
        self
    }
}

#[derive(Debug)]
pub struct Model {
    /// TypeScript interface name.
    pub name: &'static str,
    /// Element name of one item inside an XML list wrapper.
    pub xml_item: &'static str,
    pub fields: &'static [Field],
}

impl Model {
    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.name == name)
    }
}

const fn f(name: &'static str, ty: FieldType) -> Field {
    Field {
        name,
        ty,
        always: false,
        codes: &[],
    }
}

// Known codes (spec section 5 and the seeds).
const IMAGE_STATUS: &[&str] = &["INIT", "CREAT", "CREFL"];
const IMAGE_OPERATION: &[&str] = &["NULL", "CREAT", "TERMT", "UPDAT", "COPY"];
const PLATFORM_TYPE: &[&str] = &["LNX32", "LNX64", "WND32", "WND64", "UBD64", "UBS64", "RKY64"];
const DISK_TYPE: &[&str] = &["LOCAL", "NET"];
const SHARE_STATUS: &[&str] = &["NULL", "SHARE"];
const SERVER_IMAGE_TYPE: &[&str] = &["NCP", "SELF"];
const HYPERVISOR_TYPE: &[&str] = &["XEN", "KVM", "RHV"];
const CPU_ARCHITECTURE: &[&str] = &["X86_64", "ARM64"];
const OS_CATEGORY: &[&str] = &["LINUX", "WINDOWS"];
const OS_TYPE: &[&str] = &["CENTOS", "UBUNTU", "WINDOWS", "ROCKY", "NAVIX"];
const LIFE_CYCLE_PHASE: &[&str] = &["IN_SERVICE", "FADE_OUT", "RETIRED"];
const VOLUME_TYPE: &[&str] = &["SSD", "HDD", "CB1", "CB2", "FB1", "FB2"];
const SERVER_STATUS: &[&str] = &["INIT", "CREAT", "RUN", "NSTOP", "TERMT", "FSTOP", "SETUP"];
const SERVER_OPERATION: &[&str] = &["NULL", "START", "SHTDN", "RESTA", "TERMT", "CHNG", "COPY", "SETUP"];
const SNAPSHOT_STATUS: &[&str] = &["INIT", "CREAT"];

use FieldType::*;

pub static COMMON_CODE: Model = Model {
    name: "CommonCode",
    xml_item: "commonCode",
    fields: &[f("code", Str).always(), f("codeName", Str).always()],
};
const CODE: FieldType = Code;

pub static CLASSIC_REGION: Model = Model {
    name: "ClassicRegion",
    xml_item: "region",
    fields: &[
        f("regionNo", Str).always(),
        f("regionCode", Str).always(),
        f("regionName", Str).always(),
    ],
};

pub static CLASSIC_ZONE: Model = Model {
    name: "ClassicZone",
    xml_item: "zone",
    fields: &[
        f("zoneNo", Str).always(),
        f("zoneName", Str).always(),
        f("zoneCode", Str),
        f("zoneDescription", Str).always(),
        f("regionNo", Str),
    ],
};

pub static REGION: Model = Model {
    name: "Region",
    xml_item: "region",
    fields: &[f("regionCode", Str).always(), f("regionName", Str).always()],
};

pub static ZONE: Model = Model {
    name: "Zone",
    xml_item: "zone",
    fields: &[
        f("zoneName", Str).always(),
        f("zoneCode", Str).always(),
        f("regionCode", Str).always(),
        f("zoneDescription", Str),
    ],
};

/// Classic `MemberServerImage` (spec 5.1).
pub static MEMBER_SERVER_IMAGE: Model = Model {
    name: "MemberServerImage",
    xml_item: "memberServerImage",
    fields: &[
        f("memberServerImageNo", Str).always(),
        f("memberServerImageName", Str).always(),
        f("memberServerImageDescription", Str),
        f("originalServerInstanceNo", Str).always(),
        f("originalServerProductCode", Str),
        f("originalServerName", Str),
        f("originalBaseBlockStorageDiskType", CODE).codes(DISK_TYPE),
        f("originalServerImageProductCode", Str),
        f("originalOsInformation", Str),
        f("originalServerImageName", Str),
        f("memberServerImageStatusName", Str).always(),
        f("memberServerImageStatus", CODE).always().codes(IMAGE_STATUS),
        f("memberServerImageOperation", CODE).always().codes(IMAGE_OPERATION),
        f("memberServerImagePlatformType", CODE).codes(PLATFORM_TYPE),
        f("createDate", Str).always(),
        f("region", Obj(&CLASSIC_REGION)),
        f("zone", Obj(&CLASSIC_ZONE)),
        f("memberServerImageBlockStorageTotalRows", Int),
        f("memberServerImageBlockStorageTotalSize", Long),
        f("shareStatus", CODE).codes(SHARE_STATUS),
        f("sharedLoginIdList", StrList),
    ],
};

/// VPC `MemberServerImageInstance` (spec 5.2).
pub static MEMBER_SERVER_IMAGE_INSTANCE: Model = Model {
    name: "MemberServerImageInstance",
    xml_item: "memberServerImageInstance",
    fields: &[
        f("memberServerImageInstanceNo", Str).always(),
        f("memberServerImageName", Str).always(),
        f("memberServerImageDescription", Str),
        f("originalServerInstanceNo", Str).always(),
        f("originalServerImageProductCode", Str),
        f("memberServerImageInstanceStatus", CODE).always().codes(IMAGE_STATUS),
        f("memberServerImageInstanceOperation", CODE)
            .always()
            .codes(IMAGE_OPERATION),
        f("memberServerImageInstanceStatusName", Str).always(),
        f("createDate", Str).always(),
        f("memberServerImageBlockStorageTotalRows", Int),
        f("memberServerImageBlockStorageTotalSize", Long),
        f("shareStatus", CODE).codes(SHARE_STATUS),
        f("sharedLoginIdList", StrList),
    ],
};

/// VPC `BlockStorageMapping` (spec 5.4).
pub static BLOCK_STORAGE_MAPPING: Model = Model {
    name: "BlockStorageMapping",
    xml_item: "blockStorageMapping",
    fields: &[
        f("order", Int).always(),
        f("blockStorageSnapshotInstanceNo", Str),
        f("blockStorageSnapshotName", Str),
        f("blockStorageSize", Long),
        f("blockStorageName", Str),
        f("blockStorageVolumeType", CODE).codes(VOLUME_TYPE),
        f("iops", Long),
        f("throughput", Long),
        f("isEncryptedVolume", Bool),
    ],
};

/// VPC `ServerImage` (spec 5.3; `productCode` and `serverImageLifeCyclePhase` as seeds 001/003 show).
pub static SERVER_IMAGE: Model = Model {
    name: "ServerImage",
    xml_item: "serverImage",
    fields: &[
        f("serverImageNo", Str).always(),
        f("serverImageName", Str).always(),
        f("serverImageDescription", Str),
        f("serverImageProductCode", Str),
        f("serverImageType", CODE).always().codes(SERVER_IMAGE_TYPE),
        f("serverImageLifeCyclePhase", CODE).codes(LIFE_CYCLE_PHASE),
        f("hypervisorType", CODE).always().codes(HYPERVISOR_TYPE),
        f("cpuArchitectureType", CODE).codes(CPU_ARCHITECTURE),
        f("osCategoryType", CODE).codes(OS_CATEGORY),
        f("osType", CODE).codes(OS_TYPE),
        f("productCode", Str),
        f("platformCategoryCode", Str),
        f("serverImageStatus", CODE).always().codes(IMAGE_STATUS),
        f("serverImageOperation", CODE).always().codes(IMAGE_OPERATION),
        f("serverImageStatusName", Str).always(),
        f("createDate", Str).always(),
        f("blockStorageMappingList", List(&BLOCK_STORAGE_MAPPING)),
        f("shareStatus", CODE).codes(SHARE_STATUS),
        f("sharedLoginIdList", StrList),
    ],
};

/// `Product` (spec 5.5), both environments.
pub static PRODUCT: Model = Model {
    name: "Product",
    xml_item: "product",
    fields: &[
        f("productCode", Str).always(),
        f("productName", Str).always(),
        f("productType", CODE),
        f("productDescription", Str),
        f("infraResourceType", CODE),
        f("infraResourceDetailType", CODE),
        f("cpuCount", Int),
        f("memorySize", Long),
        f("baseBlockStorageSize", Long),
        f("platformType", CODE).codes(PLATFORM_TYPE),
        f("osInformation", Str),
        f("diskType", CODE),
        f("dbKindCode", Str),
        f("addBlockStorageSize", Long),
        f("generationCode", Str),
        f("osMemorySize", Long),
    ],
};

/// `AccessControlGroup` of a Classic server (Go SDK v2 `services/server/access_control_group.go`).
pub static ACCESS_CONTROL_GROUP: Model = Model {
    name: "AccessControlGroup",
    xml_item: "accessControlGroup",
    fields: &[
        f("accessControlGroupConfigurationNo", Str),
        f("accessControlGroupName", Str),
        f("accessControlGroupDescription", Str),
        f("isDefaultGroup", Bool),
        f("createDate", Str),
    ],
};

/// `InstanceTag` of a Classic server (Go SDK v2 `services/server/instance_tag.go`).
pub static INSTANCE_TAG: Model = Model {
    name: "InstanceTag",
    xml_item: "instanceTag",
    fields: &[
        f("instanceNo", Str),
        f("instanceType", CODE),
        f("tagKey", Str),
        f("tagValue", Str),
    ],
};

/// `BlockDevicePartition` of a server (Go SDK v2 `block_device_partition.go`).
pub static BLOCK_DEVICE_PARTITION: Model = Model {
    name: "BlockDevicePartition",
    xml_item: "blockDevicePartition",
    fields: &[f("mountPoint", Str), f("partitionSize", Str)],
};

/// VPC `ServerInstance`, every field of Go SDK v2 `services/vserver/server_instance.go`, in its order.
pub static SERVER_INSTANCE: Model = Model {
    name: "ServerInstance",
    xml_item: "serverInstance",
    fields: &[
        f("serverInstanceNo", Str).always(),
        f("serverName", Str).always(),
        f("serverDescription", Str),
        f("cpuCount", Int),
        f("memorySize", Long),
        f("platformType", CODE).codes(PLATFORM_TYPE),
        f("loginKeyName", Str),
        f("publicIpInstanceNo", Str),
        f("publicIp", Str),
        f("serverInstanceStatus", CODE).always().codes(SERVER_STATUS),
        f("serverInstanceOperation", CODE).always().codes(SERVER_OPERATION),
        f("serverInstanceStatusName", Str).always(),
        f("createDate", Str),
        f("uptime", Str),
        f("serverImageProductCode", Str),
        f("serverProductCode", Str),
        f("isProtectServerTermination", Bool),
        f("zoneCode", Str),
        f("regionCode", Str),
        f("vpcNo", Str),
        f("subnetNo", Str),
        f("networkInterfaceNoList", StrList),
        f("initScriptNo", Str),
        f("serverInstanceType", CODE),
        f("baseBlockStorageDiskType", CODE).codes(DISK_TYPE),
        f("baseBlockStorageDiskDetailType", CODE),
        f("placementGroupNo", Str),
        f("placementGroupName", Str),
        f("memberServerImageInstanceNo", Str),
        f("blockDevicePartitionList", List(&BLOCK_DEVICE_PARTITION)),
        f("hypervisorType", CODE).codes(HYPERVISOR_TYPE),
        f("serverImageNo", Str),
        f("serverSpecCode", Str),
        f("fabricClusterPoolNo", Str),
        f("fabricClusterPoolName", Str),
        f("fabricClusterMode", Str),
        f("fabricClusterNo", Str),
        f("fabricClusterName", Str),
        f("isPreInstallGpuDriver", Bool),
        f("eventList", StrList),
    ],
};

/// Classic `ServerInstance`, every field of Go SDK v2 `services/server/server_instance.go`, in its order
/// (1.x returned the whole answer: nothing NCP sends is dropped).
pub static CLASSIC_SERVER_INSTANCE: Model = Model {
    name: "ClassicServerInstance",
    xml_item: "serverInstance",
    fields: &[
        f("serverInstanceNo", Str).always(),
        f("serverName", Str).always(),
        f("serverDescription", Str),
        f("cpuCount", Int),
        f("memorySize", Long),
        f("baseBlockStorageSize", Long),
        f("platformType", CODE).codes(PLATFORM_TYPE),
        f("loginKeyName", Str),
        f("isFeeChargingMonitoring", Bool),
        f("publicIp", Str),
        f("privateIp", Str),
        f("serverImageName", Str),
        f("serverInstanceStatus", CODE).always().codes(SERVER_STATUS),
        f("serverInstanceOperation", CODE).always().codes(SERVER_OPERATION),
        f("serverInstanceStatusName", Str).always(),
        f("createDate", Str),
        f("uptime", Str),
        f("serverImageProductCode", Str),
        f("serverProductCode", Str),
        f("isProtectServerTermination", Bool),
        f("portForwardingPublicIp", Str),
        f("portForwardingExternalPort", Int),
        f("portForwardingInternalPort", Int),
        f("zone", Obj(&CLASSIC_ZONE)),
        f("region", Obj(&CLASSIC_REGION)),
        f("baseBlockStorageDiskType", CODE).codes(DISK_TYPE),
        f("baseBlockStorageDiskDetailType", CODE),
        f("serverInstanceType", CODE),
        f("userData", Str),
        f("accessControlGroupList", List(&ACCESS_CONTROL_GROUP)),
        f("instanceTagList", List(&INSTANCE_TAG)),
        f("blockDevicePartitionList", List(&BLOCK_DEVICE_PARTITION)),
    ],
};

/// VPC `BlockStorageSnapshotInstance`.
pub static BLOCK_STORAGE_SNAPSHOT_INSTANCE: Model = Model {
    name: "BlockStorageSnapshotInstance",
    xml_item: "blockStorageSnapshotInstance",
    fields: &[
        f("blockStorageSnapshotInstanceNo", Str).always(),
        f("blockStorageSnapshotName", Str).always(),
        f("blockStorageSnapshotVolumeSize", Long),
        f("originalBlockStorageInstanceNo", Str),
        f("blockStorageSnapshotInstanceStatus", CODE)
            .always()
            .codes(SNAPSHOT_STATUS),
        f("blockStorageSnapshotInstanceOperation", CODE),
        f("blockStorageSnapshotInstanceStatusName", Str),
        f("createDate", Str),
        f("isEncryptedOriginalBlockStorageVolume", Bool),
        f("blockStorageSnapshotDescription", Str),
        f("snapshotType", CODE),
        f("baseSnapshotInstanceNo", Str),
        f("snapshotChainDepth", Int),
        f("hypervisorType", CODE).codes(HYPERVISOR_TYPE),
        f("isBootable", Bool),
        f("blockStorageVolumeType", CODE),
    ],
};

/// Classic `BlockStorageSnapshotInstance` (Go SDK v2 `services/server/block_storage_snapshot_instance.go`).
pub static CLASSIC_BLOCK_STORAGE_SNAPSHOT_INSTANCE: Model = Model {
    name: "ClassicBlockStorageSnapshotInstance",
    xml_item: "blockStorageSnapshotInstance",
    fields: &[
        f("blockStorageSnapshotInstanceNo", Str),
        f("blockStorageSnapshotName", Str),
        f("blockStorageSnapshotVolumeSize", Long),
        f("originalBlockStorageInstanceNo", Str),
        f("originalBlockStorageName", Str),
        f("blockStorageSnapshotInstanceStatus", CODE),
        f("blockStorageSnapshotInstanceOperation", CODE),
        f("blockStorageSnapshotInstanceStatusName", Str),
        f("createDate", Str),
        f("blockStorageSnapshotInstanceDescription", Str),
        f("serverImageProductCode", Str),
        f("osInformation", Str),
    ],
};

/// Every model, for the typings generator.
pub static ALL_MODELS: &[&Model] = &[
    &COMMON_CODE,
    &CLASSIC_REGION,
    &CLASSIC_ZONE,
    &REGION,
    &ZONE,
    &MEMBER_SERVER_IMAGE,
    &MEMBER_SERVER_IMAGE_INSTANCE,
    &BLOCK_STORAGE_MAPPING,
    &SERVER_IMAGE,
    &PRODUCT,
    &ACCESS_CONTROL_GROUP,
    &INSTANCE_TAG,
    &BLOCK_DEVICE_PARTITION,
    &SERVER_INSTANCE,
    &CLASSIC_SERVER_INSTANCE,
    &BLOCK_STORAGE_SNAPSHOT_INSTANCE,
    &CLASSIC_BLOCK_STORAGE_SNAPSHOT_INSTANCE,
];
