//! What the Classic NAS volume handlers start from: a volume found (not being deleted), at rest for an
//! action, and its answer (its access list as NCP lists it).

use crate::emulator::handler::prelude::*;

/// A volume that exists and is not being deleted: `10404` otherwise.
pub fn found<'a>(state: &'a State, no: &str) -> Result<&'a Entry<NasVolumeInstance>, ApiFault> {
    state.classic.nas_volumes.live(no, None)
}

/// A volume that `action` may change now, as its life says (created, with no operation running;
/// `25013` otherwise).
pub fn at_rest<'a>(state: &'a State, no: &str, action: &str) -> Result<&'a Entry<NasVolumeInstance>, ApiFault> {
    let e = found(state, no)?;
    e.permit(action)?;
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
