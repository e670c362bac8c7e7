//! Flow logs of VPC network interfaces (collected into an Object Storage bucket). NCP's reference:
//! a collection type `ACCEPT`, `REJECT` or `ALL`, an interval of 1, 5 or 10 minutes (5 by default),
//! storage type `OBJT`; one setting per interface, which `disableFlowLog` removes.

use crate::emulator::handler::prelude::*;

/// `getFlowLogConfigurationList` (the interfaces listed must exist).
pub fn get_flow_log_configuration_list(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let nos = p.list("networkInterfaceNoList");
    for no in &nos {
        super::found::nic(cx.state, no, cx.region())?;
    }
    let items = cx
        .state
        .vpc
        .flow_logs
        .iter()
        .filter(|f| text_in(&f.network_interface_no, &nos))
        .map(wire)
        .collect();
    cx.list(items)
}

/// `enableFlowLog`
pub fn enable_flow_log(cx: &mut Cx<'_>) -> Answer {
    let (p, region, _) = cx.start();
    let no = p.text("networkInterfaceNo");
    super::found::nic(cx.state, &no, &region)?;
    if cx.state.vpc.flow_logs.iter().any(|f| is(&f.network_interface_no, &no)) {
        return Err(faults::address_conflict(format!(
            "The flow log of network interface {no} is already enabled."
        )));
    }
    let config = FlowLogConfiguration {
        network_interface_no: Some(no.clone()),
        collect_action_type: p
            .str("collectActionTypeCode")
            .map(|c| Code::of(names::COLLECT_ACTION_TYPE, c)),
        collect_interval_minute: Some(p.int("collectIntervalMinute").unwrap_or(5)),
        storage_type: Some(Code::of(names::FLOW_LOG_STORAGE_TYPE, "OBJT")),
        storage_bucket_name: p.str("storageBucketName").map(str::to_string),
        storage_bucket_directory_name: p.str("storageBucketDirectoryName").map(str::to_string),
    };
    let answer = wire(&config);
    cx.state.vpc.flow_logs.push(config);
    if let Some(e) = cx.state.vpc.network_interfaces.find_mut(&no, Some(&region)) {
        e.rec.enable_flow_log = Some(true);
    }
    one(cx.action, answer)
}

/// `disableFlowLog`: of an interface whose flow log is enabled; answers the setting removed.
pub fn disable_flow_log(cx: &mut Cx<'_>) -> Answer {
    let (p, region, _) = cx.start();
    let no = p.text("networkInterfaceNo");
    super::found::nic(cx.state, &no, &region)?;
    let logs = &mut cx.state.vpc.flow_logs;
    let i = logs
        .iter()
        .position(|f| is(&f.network_interface_no, &no))
        .ok_or_else(|| faults::mismatch(format!("The flow log of network interface {no} is not enabled.")))?;
    let removed = logs.remove(i);
    if let Some(e) = cx.state.vpc.network_interfaces.find_mut(&no, Some(&region)) {
        e.rec.enable_flow_log = Some(false);
    }
    one(cx.action, wire(&removed))
}
