//! Classic NAS volumes. From NCP's Classic reference (`createNasVolumeInstance` ...): names of 3-20
//! letters and digits, unique; sizes of 500-10000 GB in steps of 100 GB; NFS or CIFS (CIFS needs a
//! user name and password); the access list names servers and custom IPs. `INIT` creating, then
//! `CREAT` created; changes (size, access list, restore) `CHNG` changing; deleted: terminating, gone,
//! refused while return protection is on (`25039`, the emulator's code). Snapshots need snapshot space
//! (`snapshotVolumeConfigurationRatio` above 0); every change of those settings is kept in the
//! history. The access list and the snapshot lists are bounded, so no request grows them without end.
//! Volume management is in [`super::nas_access`] and [`super::nas_snapshots`].

use crate::emulator::handler::prelude::*;

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

pub const GIB: i64 = 1 << 30;

/// A volume that exists and is not being deleted: `10404` otherwise.
pub fn found<'a>(state: &'a State, no: &str) -> Result<&'a Entry<NasVolumeInstance>, ApiFault> {
    state
        .classic
        .nas_volumes
        .find(no, None)
        .filter(|e| !e.terminating())
        .ok_or_else(|| faults::not_found(Kind::NasVolumeInstance, no))
}

/// A volume that can take a change: created, with no operation running (`25013` otherwise).
pub fn at_rest<'a>(state: &'a State, no: &str) -> Result<&'a Entry<NasVolumeInstance>, ApiFault> {
    let e = found(state, no)?;
    if e.rec.status() != "CREAT" || e.busy() {
        return Err(faults::not_now(Kind::NasVolumeInstance, no, e.rec.status_name()));
    }
    Ok(e)
}

/// A volume's answer: its access list as `nasVolumeInstanceCustomIpList` and
/// `nasVolumeServerInstanceList`.
pub fn answer(state: &State, e: &Entry<NasVolumeInstance>) -> Value {
    let mut v = e.rec.to_wire();
    let rules = e.rec.access_control_rules.as_deref().unwrap_or_default();
    let ips: Vec<Value> = rules
        .iter()
        .filter_map(|r| r.custom_ip.as_ref())
        .map(|ip| serde_json::json!({ "customIp": ip }))
        .collect();
    let servers: Vec<Value> = rules
        .iter()
        .filter_map(|r| r.server_instance_no.as_deref())
        .filter_map(|s| state.classic.servers.find(s, None))
        .map(Entry::wire)
        .collect();
    v.insert("nasVolumeInstanceCustomIpList".into(), Value::from(ips));
    v.insert("nasVolumeServerInstanceList".into(), Value::from(servers));
    Value::Object(v)
}

/// The answer listing one volume.
pub fn answer_of(cx: &Cx<'_>, no: &str) -> Answer {
    let items = cx
        .state
        .classic
        .nas_volumes
        .find(no, None)
        .map(|e| answer(cx.state, e))
        .into_iter()
        .collect();
    cx.list(items)
}
