//! Images: Classic member server images, VPC member server image instances and VPC server images.

use super::{record, ClassicRegion, ClassicZone, Code};

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
    } keep {
        region_code: String,
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
    } keep {
        region_code: String,
        /// The server it was made from (the "busy server" check).
        original_server_instance_no: String,
        /// Made by the account (`createServerImage`, `createServerImageFromSnapshot`): its own to
        /// share and delete, whatever type it reports (NCP's reference shows an image made from a
        /// server of an NCP image typed `NCP`).
        own: bool,
    }
);
