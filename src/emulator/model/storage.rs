//! Storage: block storage and its snapshots (both platforms), Classic NAS volumes and their access lists.

use super::{record, ClassicRegion, ClassicZone, Code, ImageTemplate};

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
    } keep {
        region_code: String,
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
    } keep {
        region_no: String,
    }
);

record!(
    /// Classic `BlockStorageInstance` (`serverInstanceNo` / `serverName`: the server it is attached to).
    ClassicBlockStorage {
        block_storage_instance_no: String,
        server_instance_no: String,
        server_name: String,
        block_storage_type: Code,
        block_storage_name: String,
        block_storage_size: i64,
        device_name: String,
        member_server_image_no: String,
        block_storage_product_code: String,
        block_storage_instance_status: Code,
        block_storage_instance_operation: Code,
        block_storage_instance_status_name: String,
        create_date: String,
        block_storage_instance_description: String,
        disk_type: Code,
        disk_detail_type: Code,
        max_iops_throughput: i64,
        region: ClassicRegion,
        zone: ClassicZone,
    }
);

record!(
    /// VPC `BlockStorageInstance`.
    BlockStorage {
        block_storage_instance_no: String,
        server_instance_no: String,
        block_storage_name: String,
        block_storage_type: Code,
        block_storage_size: i64,
        device_name: String,
        block_storage_product_code: String,
        block_storage_instance_status: Code,
        block_storage_instance_operation: Code,
        block_storage_instance_status_name: String,
        create_date: String,
        block_storage_description: String,
        block_storage_disk_type: Code,
        block_storage_disk_detail_type: Code,
        max_iops_throughput: i64,
        is_encrypted_volume: bool,
        zone_code: String,
        region_code: String,
        is_return_protection: bool,
        block_storage_volume_type: Code,
        hypervisor_type: Code,
        throughput: i64,
        iops: i64,
        block_storage_snapshot_instance_no: String,
    }
);

record!(
    /// One entry of a NAS volume's access list: a server, or a custom IP, allowed to mount it.
    NasAccessRule { server_instance_no: String, custom_ip: String, read_access: bool, write_access: bool }
);

record!(
    /// `NasVolumeInstanceCustomIp`.
    NasCustomIp { custom_ip: String }
);

record!(
    /// Classic `NasVolumeInstance`. Its access list is kept as rules (`accessControlRules`,
    /// emulator-only); the answers' `nasVolumeInstanceCustomIpList` and `nasVolumeServerInstanceList`
    /// are made from them.
    NasVolume {
        nas_volume_instance_no: String,
        nas_volume_instance_status: Code,
        nas_volume_instance_operation: Code,
        nas_volume_instance_status_name: String,
        create_date: String,
        nas_volume_instance_description: String,
        mount_information: String,
        volume_allotment_protocol_type: Code,
        volume_name: String,
        volume_total_size: i64,
        volume_size: i64,
        snapshot_volume_configuration_ratio: f64,
        snapshot_volume_config_period_type: Code,
        snapshot_volume_config_day_of_week_type: Code,
        snapshot_volume_config_time: i64,
        snapshot_volume_size: i64,
        is_snapshot_configuration: bool,
        is_event_configuration: bool,
        region: ClassicRegion,
        zone: ClassicZone,
        is_return_protection: bool,
        nas_volume_instance_custom_ip_list: Vec<NasCustomIp>,
    } keep {
        access_control_rules: Vec<NasAccessRule>,
        /// Its snapshots (`createNasVolumeSnapshot`), newest last.
        snapshots: Vec<super::NasSnapshot>,
        /// Changes of its snapshot settings (`changeNasVolumeSnapshotConfiguration`).
        snapshot_history: Vec<super::NasHistory>,
        /// The CIFS user it was created with (never answered).
        cifs_user_name: String,
    }
);

record!(
    /// VPC `BlockStorageVolumeType` (`getBlockStorageVolumeTypeList`): sizes and performance of a
    /// volume type per hypervisor.
    VolumeType {
        zone_code_list: Vec<String>,
        block_storage_volume_type: Code,
        hypervisor_type: Code,
        min_throughput: i64,
        max_throughput: i64,
        min_iops: i64,
        max_iops: i64,
        min_volume_size: i64,
        max_volume_size: i64,
        min_base_volume_size: i64,
        max_base_volume_size: i64,
        is_base_storage_available: bool,
    } keep {
        region_code: String,
    }
);
