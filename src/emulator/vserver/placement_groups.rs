//! VPC placement groups. NCP's reference and guide: a group of type `AA` (anti-affinity: its servers
//! on different hosts), a name of 3 to 30 lower-case letters, digits or `-`; a server joins or leaves
//! one only while stopped, and is in at most one; a group with servers in it is not deleted.

use crate::emulator::handler::prelude::*;
use crate::emulator::vpc;

/// `createPlacementGroup` (type `AA`, the only one NCP has).
pub fn create_placement_group(cx: &mut Cx<'_>) -> Answer {
    let (p, region, _) = cx.start();
    let state = &mut *cx.state;
    let given = p.str("placementGroupName");
    let name = vpc::new_name(state, |s| &s.vpc.placement_groups, given, "pg", &region)?;
    let group = PlacementGroup {
        placement_group_no: Some(state.next_id()),
        placement_group_name: Some(name),
        placement_group_type: Some(Code::of(names::PLACEMENT_GROUP_TYPE, "AA")),
        region_code: Some(region),
    };
    one(
        cx.action,
        state.vpc.placement_groups.push(Entry::new(group, cx.now)).wire(),
    )
}

/// `deletePlacementGroup`: not while servers are in it.
pub fn delete_placement_group(cx: &mut Cx<'_>) -> Answer {
    let (p, region, _) = cx.start();
    let no = p.text("placementGroupNo");
    cx.state.vpc.placement_groups.found(&no, Some(&region))?;
    if let Some(server) = cx.state.vpc.servers.iter().find(|e| is(&e.rec.placement_group_no, &no)) {
        return Err(faults::in_use(
            Kind::PlacementGroup,
            &no,
            &format!("server instance {}", server.rec.no()),
        ));
    }
    let gone = cx.state.vpc.placement_groups.remove(&no, Some(&region));
    cx.list(gone.iter().map(wire).collect())
}

fn membership(cx: &mut Cx<'_>, join: bool) -> Answer {
    let (p, region, _) = cx.start();
    let group_no = p.text("placementGroupNo");
    let server_no = p.text("serverInstanceNo");
    let group = cx
        .state
        .vpc
        .placement_groups
        .found(&group_no, Some(&region))?
        .rec
        .clone();
    cx.state.vpc.servers.ready(&server_no, Some(&region), cx.action.name)?;
    let e = cx.state.vpc.servers.found_mut(&server_no, Some(&region))?;
    match (join, e.rec.placement_group_no.as_deref()) {
        (true, Some(other)) if !other.is_empty() => {
            return Err(faults::mismatch(format!(
                "The server instance {server_no} is already in placement group {other}."
            )))
        }
        (false, current) if current != Some(group_no.as_str()) => {
            return Err(faults::mismatch(format!(
                "The server instance {server_no} is not in placement group {group_no}."
            )))
        }
        _ => {}
    }
    if join {
        e.rec.placement_group_no = group.placement_group_no;
        e.rec.placement_group_name = group.placement_group_name;
    } else {
        e.rec.placement_group_no = None;
        e.rec.placement_group_name = None;
    }
    one(cx.action, e.wire())
}

/// `addPlacementGroupServerInstance` (a stopped server, in no group yet).
pub fn add_placement_group_server_instance(cx: &mut Cx<'_>) -> Answer {
    membership(cx, true)
}

/// `removePlacementGroupServerInstance` (a stopped server of that group).
pub fn remove_placement_group_server_instance(cx: &mut Cx<'_>) -> Answer {
    membership(cx, false)
}
