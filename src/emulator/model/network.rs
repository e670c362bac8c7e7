//! Networking: public IPs, access control groups and their rules, network interfaces, VPCs and
//! subnets, Classic load balancers.

use super::{record, ClassicRegion, ClassicZone, Code};

record!(
    /// Classic `PublicIpInstance`. The server it is associated with is kept as a link
    /// (`serverInstanceNo`, emulator-only); answers embed that server as
    /// `serverInstanceAssociatedWithPublicIp`.
    ClassicPublicIp {
        public_ip_instance_no: String,
        public_ip: String,
        public_ip_description: String,
        create_date: String,
        public_ip_instance_status_name: String,
        public_ip_instance_status: Code,
        public_ip_instance_operation: Code,
        public_ip_kind_type: Code,
        region: ClassicRegion,
        zone: ClassicZone,
    } keep {
        server_instance_no: String,
    }
);

record!(
    /// VPC `PublicIpInstance` (`regionCode` emulator-only).
    PublicIp {
        public_ip_instance_no: String,
        public_ip: String,
        public_ip_description: String,
        create_date: String,
        public_ip_instance_status_name: String,
        public_ip_instance_status: Code,
        server_instance_no: String,
        server_name: String,
        private_ip: String,
        last_modify_date: String,
        public_ip_instance_operation: Code,
    } keep {
        region_code: String,
    }
);

record!(
    /// Classic `AccessControlRule`; `accessControlGroupConfigurationNo` (emulator-only) names its group.
    AccessControlRule {
        access_control_rule_configuration_no: String,
        protocol_type: Code,
        source_ip: String,
        source_access_control_rule_configuration_no: String,
        source_access_control_rule_name: String,
        destination_port: String,
        access_control_rule_description: String,
    } keep {
        access_control_group_configuration_no: String,
    }
);

record!(
    /// VPC `AccessControlGroup` (`regionCode` emulator-only).
    VpcAccessControlGroup {
        access_control_group_no: String,
        access_control_group_name: String,
        is_default: bool,
        vpc_no: String,
        access_control_group_status: Code,
        access_control_group_description: String,
    } keep {
        region_code: String,
    }
);

record!(
    /// `ProtocolType` of a VPC access control rule.
    ProtocolType { code: String, code_name: String, number: i64 }
);

record!(
    /// VPC `AccessControlGroupRule` (inbound or outbound, by `accessControlGroupRuleType`).
    AccessControlGroupRule {
        protocol_type: ProtocolType,
        ip_block: String,
        access_control_group_sequence: String,
        port_range: String,
        access_control_group_no: String,
        access_control_group_rule_type: Code,
        access_control_group_rule_description: String,
    }
);

record!(
    /// Classic `NetworkInterface`.
    ClassicNetworkInterface {
        network_interface_no: String,
        network_interface_name: String,
        network_interface_ip: String,
        network_interface_description: String,
        server_instance_no: String,
        status_code: String,
        region: ClassicRegion,
        zone: ClassicZone,
    }
);

record!(
    /// VPC `NetworkInterface` (`regionCode` emulator-only).
    NetworkInterface {
        network_interface_no: String,
        network_interface_name: String,
        subnet_no: String,
        delete_on_termination: bool,
        is_default: bool,
        device_name: String,
        network_interface_status: Code,
        instance_type: Code,
        instance_no: String,
        ip: String,
        mac_address: String,
        access_control_group_no_list: Vec<String>,
        network_interface_description: String,
        secondary_ip_list: Vec<String>,
        enable_flow_log: bool,
    } keep {
        region_code: String,
    }
);

record!(
    /// `Vpc` (VPC network API).
    Vpc {
        vpc_no: String,
        vpc_name: String,
        ipv4_cidr_block: String,
        vpc_status: Code,
        region_code: String,
        create_date: String,
    } keep {
        /// The network ACL NCP makes with the VPC (what `createSubnet` names in `networkAclNo`).
        default_network_acl_no: String,
    }
);

record!(
    /// `Subnet` (VPC network API); it belongs to the region of its VPC.
    Subnet {
        subnet_no: String,
        vpc_no: String,
        zone_code: String,
        subnet_name: String,
        subnet: String,
        subnet_status: Code,
        create_date: String,
        subnet_type: Code,
        usage_type: Code,
        network_acl_no: String,
    }
);

record!(
    /// `LoadBalancerRule` of a Classic load balancer.
    LoadBalancerRule {
        protocol_type: Code,
        load_balancer_port: i64,
        server_port: i64,
        l7_health_check_path: String,
        certificate_name: String,
        proxy_protocol_use_yn: String,
        sticky_session_use_yn: String,
        http2_use_yn: String,
    }
);

record!(
    /// Classic `LoadBalancerInstance`. Its servers are kept as numbers (`serverInstanceNoList`,
    /// emulator-only); answers embed them as `loadBalancedServerInstanceList`.
    LoadBalancer {
        load_balancer_instance_no: String,
        virtual_ip: String,
        load_balancer_name: String,
        load_balancer_algorithm_type: Code,
        load_balancer_description: String,
        create_date: String,
        domain_name: String,
        load_balancer_instance_status_name: String,
        load_balancer_instance_status: Code,
        load_balancer_instance_operation: Code,
        network_usage_type: Code,
        is_http_keep_alive: bool,
        connection_timeout: i64,
        certificate_name: String,
        load_balancer_rule_list: Vec<LoadBalancerRule>,
        region: ClassicRegion,
        zone: ClassicZone,
    } keep {
        server_instance_no_list: Vec<String>,
    }
);

record!(
    /// Classic `SslCertificate` of the load balancer API (a look-up list, by `certificateName`).
    SslCertificate {
        certificate_name: String,
        private_key: String,
        public_key_certificate: String,
        certificate_chain: String,
    }
);

record!(
    /// VPC `FlowLogConfiguration` of a network interface (kept while its flow log is enabled).
    FlowLogConfiguration {
        network_interface_no: String,
        collect_action_type: Code,
        collect_interval_minute: i64,
        storage_type: Code,
        storage_bucket_name: String,
        storage_bucket_directory_name: String,
    }
);
