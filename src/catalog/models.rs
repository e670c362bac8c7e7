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
    Field { name, ty }
}

use FieldType::*;

pub static COMMON_CODE: Model = Model {
    name: "CommonCode",
    xml_item: "commonCode",
    fields: &[f("code", Str), f("codeName", Str)],
};
const CODE: FieldType = Code;

pub static CLASSIC_REGION: Model = Model {
    name: "ClassicRegion",
    xml_item: "region",
    fields: &[f("regionNo", Str), f("regionCode", Str), f("regionName", Str)],
};

pub static CLASSIC_ZONE: Model = Model {
    name: "ClassicZone",
    xml_item: "zone",
    fields: &[
        f("zoneNo", Str),
        f("zoneName", Str),
        f("zoneCode", Str),
        f("zoneDescription", Str),
        f("regionNo", Str),
    ],
};

pub static REGION: Model = Model {
    name: "Region",
    xml_item: "region",
    fields: &[f("regionCode", Str), f("regionName", Str)],
};

pub static ZONE: Model = Model {
    name: "Zone",
    xml_item: "zone",
    fields: &[
        f("zoneName", Str),
        f("zoneCode", Str),
        f("regionCode", Str),
        f("zoneDescription", Str),
    ],
};

/// Classic `MemberServerImage` (spec 5.1).
pub static MEMBER_SERVER_IMAGE: Model = Model {
    name: "MemberServerImage",
    xml_item: "memberServerImage",
    fields: &[
        f("memberServerImageNo", Str),
        f("memberServerImageName", Str),
        f("memberServerImageDescription", Str),
        f("originalServerInstanceNo", Str),
        f("originalServerProductCode", Str),
        f("originalServerName", Str),
        f("originalBaseBlockStorageDiskType", CODE),
        f("originalServerImageProductCode", Str),
        f("originalOsInformation", Str),
        f("originalServerImageName", Str),
        f("memberServerImageStatusName", Str),
        f("memberServerImageStatus", CODE),
        f("memberServerImageOperation", CODE),
        f("memberServerImagePlatformType", CODE),
        f("createDate", Str),
        f("region", Obj(&CLASSIC_REGION)),
        f("zone", Obj(&CLASSIC_ZONE)),
        f("memberServerImageBlockStorageTotalRows", Int),
        f("memberServerImageBlockStorageTotalSize", Long),
        f("shareStatus", CODE),
        f("sharedLoginIdList", StrList),
    ],
};

/// VPC `MemberServerImageInstance` (spec 5.2).
pub static MEMBER_SERVER_IMAGE_INSTANCE: Model = Model {
    name: "MemberServerImageInstance",
    xml_item: "memberServerImageInstance",
    fields: &[
        f("memberServerImageInstanceNo", Str),
        f("memberServerImageName", Str),
        f("memberServerImageDescription", Str),
        f("originalServerInstanceNo", Str),
        f("originalServerImageProductCode", Str),
        f("memberServerImageInstanceStatus", CODE),
        f("memberServerImageInstanceOperation", CODE),
        f("memberServerImageInstanceStatusName", Str),
        f("createDate", Str),
        f("memberServerImageBlockStorageTotalRows", Int),
        f("memberServerImageBlockStorageTotalSize", Long),
        f("shareStatus", CODE),
        f("sharedLoginIdList", StrList),
    ],
};

/// VPC `BlockStorageMapping` (spec 5.4).
pub static BLOCK_STORAGE_MAPPING: Model = Model {
    name: "BlockStorageMapping",
    xml_item: "blockStorageMapping",
    fields: &[
        f("order", Int),
        f("blockStorageSnapshotInstanceNo", Str),
        f("blockStorageSnapshotName", Str),
        f("blockStorageSize", Long),
        f("blockStorageName", Str),
        f("blockStorageVolumeType", CODE),
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
        f("serverImageNo", Str),
        f("serverImageName", Str),
        f("serverImageDescription", Str),
        f("serverImageProductCode", Str),
        f("serverImageType", CODE),
        f("serverImageLifeCyclePhase", CODE),
        f("hypervisorType", CODE),
        f("cpuArchitectureType", CODE),
        f("osCategoryType", CODE),
        f("osType", CODE),
        f("productCode", Str),
        f("platformCategoryCode", Str),
        f("serverImageStatus", CODE),
        f("serverImageOperation", CODE),
        f("serverImageStatusName", Str),
        f("createDate", Str),
        f("blockStorageMappingList", List(&BLOCK_STORAGE_MAPPING)),
        f("shareStatus", CODE),
        f("sharedLoginIdList", StrList),
    ],
};

/// `Product` (spec 5.5), both environments.
pub static PRODUCT: Model = Model {
    name: "Product",
    xml_item: "product",
    fields: &[
        f("productCode", Str),
        f("productName", Str),
        f("productType", CODE),
        f("productDescription", Str),
        f("infraResourceType", CODE),
        f("infraResourceDetailType", CODE),
        f("cpuCount", Int),
        f("memorySize", Long),
        f("baseBlockStorageSize", Long),
        f("platformType", CODE),
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
        f("serverInstanceNo", Str),
        f("serverName", Str),
        f("serverDescription", Str),
        f("cpuCount", Int),
        f("memorySize", Long),
        f("platformType", CODE),
        f("loginKeyName", Str),
        f("publicIpInstanceNo", Str),
        f("publicIp", Str),
        f("serverInstanceStatus", CODE),
        f("serverInstanceOperation", CODE),
        f("serverInstanceStatusName", Str),
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
        f("baseBlockStorageDiskType", CODE),
        f("baseBlockStorageDiskDetailType", CODE),
        f("placementGroupNo", Str),
        f("placementGroupName", Str),
        f("memberServerImageInstanceNo", Str),
        f("blockDevicePartitionList", List(&BLOCK_DEVICE_PARTITION)),
        f("hypervisorType", CODE),
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
        f("serverInstanceNo", Str),
        f("serverName", Str),
        f("serverDescription", Str),
        f("cpuCount", Int),
        f("memorySize", Long),
        f("baseBlockStorageSize", Long),
        f("platformType", CODE),
        f("loginKeyName", Str),
        f("isFeeChargingMonitoring", Bool),
        f("publicIp", Str),
        f("privateIp", Str),
        f("serverImageName", Str),
        f("serverInstanceStatus", CODE),
        f("serverInstanceOperation", CODE),
        f("serverInstanceStatusName", Str),
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
        f("baseBlockStorageDiskType", CODE),
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
        f("blockStorageSnapshotInstanceNo", Str),
        f("blockStorageSnapshotName", Str),
        f("blockStorageSnapshotVolumeSize", Long),
        f("originalBlockStorageInstanceNo", Str),
        f("blockStorageSnapshotInstanceStatus", CODE),
        f("blockStorageSnapshotInstanceOperation", CODE),
        f("blockStorageSnapshotInstanceStatusName", Str),
        f("createDate", Str),
        f("isEncryptedOriginalBlockStorageVolume", Bool),
        f("blockStorageSnapshotDescription", Str),
        f("snapshotType", CODE),
        f("baseSnapshotInstanceNo", Str),
        f("snapshotChainDepth", Int),
        f("hypervisorType", CODE),
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
