//! Records only the Classic platform has: RAID types, server products' look-up, private subnets, port
//! forwarding (one configuration per zone: its public IP; rules from its external ports to servers),
//! and what a NAS volume keeps besides its access list (snapshots, changes of its snapshot settings).

use super::{record, ClassicZone, Code};

record!(
    /// Classic `Raid` (bare-metal servers' RAID types).
    ClassicRaid { raid_type_name: String, raid_name: String }
);

record!(
    /// Classic `PrivateSubnetInstance`.
    PrivateSubnet {
        private_subnet_instance_no: String,
        subnet: String,
        private_subnet_description: String,
        create_date: String,
        private_subnet_instance_status: Code,
        private_subnet_instance_operation: Code,
        private_subnet_instance_status_name: String,
        region: super::ClassicRegion,
        zone: ClassicZone,
    }
);

record!(
    /// Classic `PortForwardingConfiguration`: the public IP through which a zone's servers are reached.
    /// Its `serverInstanceNoList` is made from its rules when answered; `zone` and `internetLineType`
    /// are kept for the rule list's answer.
    PortForwardingConfig {
        port_forwarding_configuration_no: String,
        port_forwarding_public_ip: String,
    } keep {
        zone: ClassicZone,
        internet_line_type: Code,
    }
);

record!(
    /// One port-forwarding rule (emulator-only form: answers embed its server as `serverInstance`).
    PortForwardingEntry {
        port_forwarding_configuration_no: String,
        port_forwarding_external_port: i64,
        port_forwarding_internal_port: i64,
        server_instance_no: String,
    }
);

record!(
    /// `NasVolumeSnapshot`.
    NasSnapshot { nas_volume_snapshot_name: String, create_date: String, snapshot_size: i64, is_busy: bool }
);

record!(
    /// `NasVolumeSnapshotConfigurationHistory`: one change of a volume's snapshot settings.
    NasHistory {
        nas_volume_instance_no: String,
        history_sequence_no: String,
        history_type: Code,
        ip: String,
        register_date: String,
        snapshot_volume_configuration_ratio: f64,
        snapshot_volume_config_period_type: Code,
        snapshot_volume_config_day_of_week_type: Code,
        snapshot_volume_config_time: i64,
    }
);
