//! VPC placement groups. NCP's reference and guide: a group of type `AA` (anti-affinity: its servers
//! on different hosts), a name of 3 to 30 lower-case letters, digits or `-`; a server joins or leaves
//! one only while stopped, and is in at most one; a group with servers in it is not deleted.

use crate::emulator::handler::prelude::*;

pub fn find<'a>(state: &'a State, no: &str, region: &str) -> Result<&'a Entry<PlacementGroup>, ApiFault> {
    state
        .vpc
        .placement_groups
        .find(no, Some(region))
        .ok_or_else(|| faults::not_found(Kind::PlacementGroup, no))
}

/// `createPlacementGroup` (type `AA`, the only one NCP has).
pub fn create_placement_group(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let region = cx.region().to_string();
    let state = &mut *cx.state;
    let name = match p.str("placementGroupName") {
        Some(n) => n.to_string(),
        None => crate::emulator::vpc::auto_name(state, "pg"),
    };
    if state
        .vpc
        .placement_groups
        .in_region(&region)
        .any(|e| is(&e.rec.placement_group_name, &name))
    {
        return Err(faults::name_in_use(&name));
    }
    let group = PlacementGroup {
        placement_group_no: Some(state.next_id()),
        placement_group_name: Some(name),
        placement_group_type: Some(Code::of(names::PLACEMENT_GROUP_TYPE, "AA")),
        region_code: Some(region),
    };
    let answer = state.vpc.placement_groups.push(Entry::new(group, cx.now)).wire();
    cx.list(vec![answer])
}

/// `deletePlacementGroup`: not while servers are in it.
pub fn delete_placement_group(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let region = cx.region().to_string();
    let no = p.str("placementGroupNo").unwrap_or_default().to_string();
    find(cx.state, &no, &region)?;
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

/// The stopped server a membership change is made on.
fn stopped_server(state: &State, no: &str, region: &str) -> Result<(), ApiFault> {
    let e = state
        .vpc
        .servers
        .find(no, Some(region))
        .ok_or_else(|| faults::server_not_found(no))?;
    if e.rec.status() != "NSTOP" || e.busy() {
        return Err(faults::not_now(Kind::ServerInstance, no, e.rec.status_name()));
    }
    Ok(())
}

fn membership(cx: &mut Cx<'_>, join: bool) -> Answer {
    let p = cx.params();
    let region = cx.region().to_string();
    let group_no = p.str("placementGroupNo").unwrap_or_default().to_string();
    let server_no = p.str("serverInstanceNo").unwrap_or_default().to_string();
    let group = find(cx.state, &group_no, &region)?.rec.clone();
    stopped_server(cx.state, &server_no, &region)?;
    let e = cx
        .state
        .vpc
        .servers
        .find_mut(&server_no, Some(&region))
        .ok_or_else(|| faults::server_not_found(&server_no))?;
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
    let answer = e.wire();
    cx.list(vec![answer])
}

/// `addPlacementGroupServerInstance` (a stopped server, in no group yet).
pub fn add_placement_group_server_instance(cx: &mut Cx<'_>) -> Answer {
    membership(cx, true)
}

/// `removePlacementGroupServerInstance` (a stopped server of that group).
pub fn remove_placement_group_server_instance(cx: &mut Cx<'_>) -> Answer {
    membership(cx, false)
}
