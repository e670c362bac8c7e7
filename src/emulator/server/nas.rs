//! Classic NAS volumes. From NCP's Classic reference (`createNasVolumeInstance` ...): names of 3-20
//! letters and digits, unique; sizes of 500-10000 GB in steps of 100 GB; NFS or CIFS (CIFS needs a
//! user name and password); the access list names servers and custom IPs. `INIT` creating, then
//! `CREAT` created; changes (size, access list, restore) `CHNG` changing; deleted: terminating, gone,
//! refused while return protection is on (`25039`, the emulator's code). Snapshots need snapshot space
//! (`snapshotVolumeConfigurationRatio` above 0); every change of those settings is kept in the
//! history. The access list and the snapshot lists are bounded, so no request grows them without end.
//! The handlers of the `nas` group are in [`super::nas_volumes`], [`super::nas_access`] and
//! [`super::nas_snapshots`], on what [`super::nas_found`] finds.

pub use super::nas_access::{
    add_nas_volume_access_control, get_nas_volume_access_control_rule_list, remove_nas_volume_access_control,
    set_nas_volume_access_control,
};
pub use super::nas_snapshots::{
    change_nas_volume_snapshot_configuration, create_nas_volume_snapshot, delete_nas_volume_snapshot,
    get_nas_volume_snapshot_configuration_history_list, get_nas_volume_snapshot_list, restore_nas_volume_with_snapshot,
};
pub use super::nas_volumes::{
    change_nas_volume_size, create_nas_volume_instance, delete_nas_volume_instance, get_nas_volume_instance_list,
    get_nas_volume_instance_rating_list, set_nas_volume_return_protection,
};
