//! The emulator's typed state: the records it serves (regions, zones, servers, snapshots, products)
//! and the images it keeps, as structs. Fixtures are read into them (unknown keys are refused, so a
//! misspelt key is an error, not a field that silently vanishes), and the wire form of an answer is
//! produced from them (serde field names are the API's; absent optional fields are not sent). Fields
//! only the emulator uses (`imageTemplate`, `blockStorages`, `regionCode` of VPC records) are never sent.

use serde::{Deserialize, Serialize};

/// `{ code, codeName }`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Code {
    pub code: String,
    pub code_name: String,
}

impl Code {
    pub fn new(code: &str, code_name: &str) -> Code {
        Code {
            code: code.to_string(),
            code_name: code_name.to_string(),
        }
    }
}

macro_rules! record {
    ($(#[$m:meta])* $name:ident { $($(#[$fm:meta])* $field:ident : $ty:ty),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
        #[serde(rename_all = "camelCase", deny_unknown_fields)]
        pub struct $name {
            $($(#[$fm])* #[serde(default, skip_serializing_if = "Option::is_none")] pub $field: Option<$ty>,)*
        }
    };
}

record!(
    /// Classic `Region`.
    ClassicRegion { region_no: String, region_code: String, region_name: String }
);

record!(
    /// Classic `Zone`.
    ClassicZone { zone_no: String, zone_name: String, zone_code: String, zone_description: String, region_no: String }
);

record!(
    /// VPC `Region`.
    Region { region_code: String, region_name: String }
);

record!(
    /// VPC `Zone`.
    Zone { zone_name: String, zone_code: String, region_code: String, zone_description: String }
);

record!(
    /// `AccessControlGroup` of a Classic server.
    AccessControlGroup {
        access_control_group_configuration_no: String,
        access_control_group_name: String,
        access_control_group_description: String,
        is_default_group: bool,
        create_date: String,
    }
);

record!(
    /// `InstanceTag` of a Classic server.
    InstanceTag { instance_no: String, instance_type: Code, tag_key: String, tag_value: String }
);

record!(
    /// `BlockDevicePartition` of a server.
    BlockDevicePartition { mount_point: String, partition_size: String }
);

record!(
    /// Classic `ServerInstance` (`osInformation` is what a member image of it reports).
    ClassicServer {
        server_instance_no: String,
        server_name: String,
        server_description: String,
        cpu_count: i64,
        memory_size: i64,
        base_block_storage_size: i64,
        platform_type: Code,
        login_key_name: String,
        is_fee_charging_monitoring: bool,
        public_ip: String,
        private_ip: String,
        server_image_name: String,
        server_instance_status: Code,
        server_instance_operation: Code,
        server_instance_status_name: String,
        create_date: String,
        uptime: String,
        server_image_product_code: String,
        server_product_code: String,
        is_protect_server_termination: bool,
        port_forwarding_public_ip: String,
        port_forwarding_external_port: i64,
        port_forwarding_internal_port: i64,
        zone: ClassicZone,
        region: ClassicRegion,
        base_block_storage_disk_type: Code,
        base_block_storage_disk_detail_type: Code,
        server_instance_type: Code,
        user_data: String,
        access_control_group_list: Vec<AccessControlGroup>,
        instance_tag_list: Vec<InstanceTag>,
        block_device_partition_list: Vec<BlockDevicePartition>,
        #[serde(skip_serializing)]
        os_information: String,
    }
);

record!(
    /// What an image made from a server or a snapshot inherits (emulator-only).
    ImageTemplate {
        hypervisor_type: Code,
        cpu_architecture_type: Code,
        os_category_type: Code,
        os_type: Code,
        server_image_type: Code,
        product_code: String,
        platform_category_code: String,
    }
);

record!(
    /// VPC `ServerInstance`.
    VpcServer {
        server_instance_no: String,
        server_name: String,
        server_description: String,
        cpu_count: i64,
        memory_size: i64,
        platform_type: Code,
        login_key_name: String,
        public_ip_instance_no: String,
        public_ip: String,
        server_instance_status: Code,
        server_instance_operation: Code,
        server_instance_status_name: String,
        create_date: String,
        uptime: String,
        server_image_product_code: String,
        server_product_code: String,
        is_protect_server_termination: bool,
        zone_code: String,
        region_code: String,
        vpc_no: String,
        subnet_no: String,
        network_interface_no_list: Vec<String>,
        init_script_no: String,
        server_instance_type: Code,
        base_block_storage_disk_type: Code,
        base_block_storage_disk_detail_type: Code,
        placement_group_no: String,
        placement_group_name: String,
        member_server_image_instance_no: String,
        block_device_partition_list: Vec<BlockDevicePartition>,
        hypervisor_type: Code,
        server_image_no: String,
        server_spec_code: String,
        fabric_cluster_pool_no: String,
        fabric_cluster_pool_name: String,
        fabric_cluster_mode: String,
        fabric_cluster_no: String,
        fabric_cluster_name: String,
        is_pre_install_gpu_driver: bool,
        event_list: Vec<String>,
        #[serde(skip_serializing)]
        base_block_storage_size: i64,
        #[serde(skip_serializing)]
        image_template: ImageTemplate,
        #[serde(skip_serializing)]
        block_storages: Vec<Mapping>,
    }
);

record!(
    /// VPC `BlockStorageSnapshotInstance`.
    Snapshot {
        block_storage_snapshot_instance_no: String,
        block_storage_snapshot_name: String,
        block_storage_snapshot_volume_size: i64,
        original_block_storage_instance_no: String,
        block_storage_snapshot_instance_status: Code,
        block_storage_snapshot_instance_operation: Code,
        block_storage_snapshot_instance_status_name: String,
        create_date: String,
        is_encrypted_original_block_storage_volume: bool,
        block_storage_snapshot_description: String,
        snapshot_type: Code,
        base_snapshot_instance_no: String,
        snapshot_chain_depth: i64,
        hypervisor_type: Code,
        is_bootable: bool,
        block_storage_volume_type: Code,
        #[serde(skip_serializing)]
        region_code: String,
        #[serde(skip_serializing)]
        image_template: ImageTemplate,
    }
);

record!(
    /// Classic `BlockStorageSnapshotInstance`.
    ClassicSnapshot {
        block_storage_snapshot_instance_no: String,
        block_storage_snapshot_name: String,
        block_storage_snapshot_volume_size: i64,
        original_block_storage_instance_no: String,
        original_block_storage_name: String,
        block_storage_snapshot_instance_status: Code,
        block_storage_snapshot_instance_operation: Code,
        block_storage_snapshot_instance_status_name: String,
        create_date: String,
        block_storage_snapshot_instance_description: String,
        server_image_product_code: String,
        os_information: String,
        #[serde(skip_serializing)]
        region_no: String,
    }
);

record!(
    /// `Product` (OS images), both environments.
    Product {
        product_code: String,
        product_name: String,
        product_type: Code,
        product_description: String,
        infra_resource_type: Code,
        infra_resource_detail_type: Code,
        cpu_count: i64,
        memory_size: i64,
        base_block_storage_size: i64,
        platform_type: Code,
        os_information: String,
        disk_type: Code,
        db_kind_code: String,
        add_block_storage_size: i64,
        generation_code: String,
        os_memory_size: i64,
        #[serde(skip_serializing)]
        region_code: String,
    }
);

record!(
    /// Classic `MemberServerImage`.
    ClassicImage {
        member_server_image_no: String,
        member_server_image_name: String,
        member_server_image_description: String,
        original_server_instance_no: String,
        original_server_product_code: String,
        original_server_name: String,
        original_base_block_storage_disk_type: Code,
        original_server_image_product_code: String,
        original_os_information: String,
        original_server_image_name: String,
        member_server_image_status_name: String,
        member_server_image_status: Code,
        member_server_image_operation: Code,
        member_server_image_platform_type: Code,
        create_date: String,
        region: ClassicRegion,
        zone: ClassicZone,
        member_server_image_block_storage_total_rows: i64,
        member_server_image_block_storage_total_size: i64,
        share_status: Code,
        shared_login_id_list: Vec<String>,
    }
);

record!(
    /// VPC `MemberServerImageInstance`.
    MemberInstance {
        member_server_image_instance_no: String,
        member_server_image_name: String,
        member_server_image_description: String,
        original_server_instance_no: String,
        original_server_image_product_code: String,
        member_server_image_instance_status: Code,
        member_server_image_instance_operation: Code,
        member_server_image_instance_status_name: String,
        create_date: String,
        member_server_image_block_storage_total_rows: i64,
        member_server_image_block_storage_total_size: i64,
        share_status: Code,
        shared_login_id_list: Vec<String>,
        #[serde(skip_serializing)]
        region_code: String,
        #[serde(skip_serializing)]
        platform_type: String,
    }
);

record!(
    /// VPC `BlockStorageMapping`.
    Mapping {
        order: i64,
        block_storage_snapshot_instance_no: String,
        block_storage_snapshot_name: String,
        block_storage_size: i64,
        block_storage_name: String,
        block_storage_volume_type: Code,
        iops: i64,
        throughput: i64,
        is_encrypted_volume: bool,
    }
);

record!(
    /// VPC `ServerImage`.
    ServerImage {
        server_image_no: String,
        server_image_name: String,
        server_image_description: String,
        server_image_product_code: String,
        server_image_type: Code,
        server_image_life_cycle_phase: Code,
        hypervisor_type: Code,
        cpu_architecture_type: Code,
        os_category_type: Code,
        os_type: Code,
        product_code: String,
        platform_category_code: String,
        server_image_status: Code,
        server_image_operation: Code,
        server_image_status_name: String,
        create_date: String,
        block_storage_mapping_list: Vec<Mapping>,
        share_status: Code,
        shared_login_id_list: Vec<String>,
        #[serde(skip_serializing)]
        region_code: String,
        /// The server it was made from (the "busy server" check).
        #[serde(skip_serializing)]
        original_server_instance_no: String,
    }
);

/// `Option<&String>` as `&str` ("" when absent).
pub fn s(v: &Option<String>) -> &str {
    v.as_deref().unwrap_or_default()
}

/// The code of an optional `{ code, codeName }` ("" when absent).
pub fn c(v: &Option<Code>) -> &str {
    v.as_ref().map(|c| c.code.as_str()).unwrap_or_default()
}
