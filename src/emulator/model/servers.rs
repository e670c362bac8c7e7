//! Servers of both platforms, and what a launch names: login keys, init scripts, placement groups.

use super::{record, ClassicRegion, ClassicZone, Code, Mapping};

record!(
    /// `AccessControlGroup` of the Classic platform (also the item of a Classic server's list).
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
        internet_line_type: Code,
    } keep {
        os_information: String,
        /// The root password, RSA-encrypted (PKCS#1 v1.5, base64) for the server's login key, as NCP
        /// keeps it: `getRootPassword` decrypts it with the private key it is given.
        encrypted_root_password: String,
        /// The member server image it was launched from.
        member_server_image_no: String,
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
    } keep {
        base_block_storage_size: i64,
        image_template: ImageTemplate,
        block_storages: Vec<Mapping>,
        /// The root password, encrypted with the login key's public key (base64; `getRootPassword`
        /// decrypts it with the private key the caller sends).
        root_password: String,
    }
);

record!(
    /// `LoginKey`, both platforms (`publicKey` only in VPC answers).
    LoginKey {
        key_name: String,
        fingerprint: String,
        public_key: String,
        create_date: String,
    } keep {
        /// The private key NCP hands out once, at creation (emulator-only: handlers answer it as text).
        private_key: String,
    }
);

record!(
    /// `InitScript`, both platforms (VPC scripts belong to a region).
    InitScript {
        init_script_no: String,
        init_script_name: String,
        create_date: String,
        init_script_description: String,
        init_script_content: String,
        os_type: Code,
    } keep {
        region_code: String,
    }
);

record!(
    /// VPC `PlacementGroup` (its member servers name it in `placementGroupNo`).
    PlacementGroup {
        placement_group_no: String,
        placement_group_name: String,
        placement_group_type: Code,
    } keep {
        region_code: String,
    }
);

record!(
    /// VPC `ServerSpec` (`getServerSpecList`): what a server of that spec has and may hold (block
    /// storage and network interfaces at most).
    ServerSpec {
        server_spec_code: String,
        generation_code: String,
        cpu_count: i64,
        memory_size: i64,
        hypervisor_type: Code,
        cpu_architecture_type: Code,
        block_storage_max_count: i64,
        block_storage_max_iops: i64,
        block_storage_max_throughput: i64,
        network_performance: i64,
        network_interface_max_count: i64,
        server_product_code: String,
        server_spec_description: String,
        gpu_count: i64,
        server_spec_no: i64,
    } keep {
        region_code: String,
        zone_code_list: Vec<String>,
    }
);

record!(
    /// VPC `Raid` (bare-metal RAID types).
    Raid { raid_type_name: String, raid_name: String, product_type: Code }
);

record!(
    /// VPC `FabricClusterPool` (where fabric clusters of GPU servers are made).
    FabricClusterPool {
        fabric_cluster_pool_no: String,
        fabric_cluster_pool_name: String,
    } keep {
        fabric_cluster_pool_code: String,
        zone_code: String,
        region_code: String,
        server_spec_code: String,
    }
);

record!(
    /// VPC `FabricClusterServerInstance`: a server as a fabric cluster lists it.
    FabricClusterServer {
        server_instance_no: String,
        server_name: String,
        server_instance_status: Code,
        server_instance_operation: Code,
        server_instance_status_name: String,
        create_date: String,
    }
);

record!(
    /// VPC `FabricCluster`. Its servers are kept as numbers (`serverInstanceNoList`, emulator-only);
    /// answers list them as `fabricClusterServerInstanceList`.
    FabricCluster {
        fabric_cluster_no: String,
        fabric_cluster_name: String,
        fabric_cluster_description: String,
        fabric_cluster_status: Code,
        zone_code: String,
        region_code: String,
        vpc_no: String,
        fabric_cluster_pool_no: String,
        fabric_cluster_pool_name: String,
        fabric_cluster_pool_code: String,
        create_date: String,
        server_count: i64,
        fabric_cluster_server_instance_list: Vec<FabricClusterServer>,
    }
);
