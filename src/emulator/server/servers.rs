//! Classic server instances.

use crate::emulator::handler::prelude::*;

/// `getServerInstanceList`
pub fn get_server_instance_list(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params(&[PAGE_NO, CLASSIC_PAGE_SIZE, CLASSIC_ORDER])?;
    let nos = p.list("serverInstanceNoList");
    let status = p.str("serverInstanceStatusCode");
    let region = p.str("regionNo");
    let zone = p.str("zoneNo");
    let items = cx
        .state
        .classic
        .servers
        .iter()
        .map(|e| &e.rec)
        .filter(|v| text_in(&v.server_instance_no, &nos))
        .filter(|v| status.is_none_or(|c| v.server_instance_status.as_ref().is_some_and(|s| s.code == c)))
        .filter(|v| region.is_none_or(|r| v.region.as_ref().is_some_and(|g| is(&g.region_no, r))))
        .filter(|v| zone.is_none_or(|z| v.zone.as_ref().is_some_and(|g| is(&g.zone_no, z))))
        .filter(|v| match (p.str("searchFilterName"), p.str("searchFilterValue")) {
            (Some(field), Some(value)) => {
                let text = match field {
                    "serverName" => &v.server_name,
                    "publicIp" => &v.public_ip,
                    "privateIp" => &v.private_ip,
                    _ => &None,
                };
                text.as_deref().is_some_and(|t| t.contains(value))
            }
            _ => true,
        })
        .map(wire)
        .collect();
    cx.page(items, &p)
}
