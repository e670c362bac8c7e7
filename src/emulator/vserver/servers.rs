//! VPC server instances.

use crate::emulator::handler::prelude::*;

/// `getServerInstanceList`
pub fn get_server_instance_list(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params(&[PAGE_NO, VPC_PAGE_SIZE, VPC_ORDER])?;
    let nos = p.list("serverInstanceNoList");
    let hypervisors = p.list("hypervisorTypeCodeList");
    let status = p.str("serverInstanceStatusCode");
    let mut items: Vec<Value> = cx
        .state
        .vpc
        .servers
        .in_region(cx.region())
        .map(|e| &e.rec)
        .filter(|v| text_in(&v.server_instance_no, &nos))
        .filter(|v| p.str("serverName").is_none_or(|n| is(&v.server_name, n)))
        .filter(|v| p.str("vpcNo").is_none_or(|n| is(&v.vpc_no, n)))
        .filter(|v| status.is_none_or(|c| v.status() == c))
        .filter(|v| code_in(&v.hypervisor_type, &hypervisors))
        .map(wire)
        .collect();
    if p.str("sortingOrder") == Some("DESC") {
        items.reverse();
    }
    cx.page(items, &p)
}
