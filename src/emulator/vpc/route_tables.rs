//! Route tables, their routes and their subnets. What NCP documents (the route table reference pages
//! and user guide): a VPC has a default route table for its public subnets and one for its private
//! ones, made and deleted with it; a table is for public or for private subnets, and a subnet is
//! associated with exactly one table of its type (its VPC's default one until `addRouteTableSubnet`
//! moves it; `removeRouteTableSubnet` takes it back there); every table keeps its default routes (the
//! VPC's block to `LOCAL`, and for public subnets everything else to the internet gateway), which are
//! never removed; a route leads to a NAT gateway, a VPC peering or a virtual private gateway (NCP's
//! `targetTypeCode`); changing routes or subnets shows the table `SET` until done. The emulator's own
//! rules where NCP publishes none: a route to another VPC's NAT gateway, or through a peering of
//! another VPC, is refused (`25042`); a destination is a block inside neither the VPC's own (its
//! `LOCAL` route) nor another route's (`25038`); the emulator has no virtual private gateways (`10404`); a VPC holds
//! at most 200 route tables (`25036`); the route records the target's own name.

use super::net::Cidr;
use crate::emulator::handler::prelude::*;
use crate::emulator::state::world;

/// Route tables per VPC (the emulator's limit, as for subnets).
pub const LIMIT: (&str, usize) = ("route tables per VPC", 200);

/// `createRouteTable`: `INIT`, then `RUN` after `createDelayMs`, with its default routes.
pub fn create_route_table(cx: &mut Cx<'_>) -> Answer {
    let p = cx.start().0;
    let (vpc, name) = super::in_running_vpc(cx, &p, ("routeTableName", "rt"), |t: &RouteTable| &t.vpc_no, LIMIT)?;
    let table = RouteTable {
        route_table_no: Some(cx.state.next_id()),
        route_table_name: Some(name),
        region_code: Some(cx.region().to_string()),
        vpc_no: vpc.vpc_no.clone(),
        supported_subnet_type: p
            .str("supportedSubnetTypeCode")
            .map(|c| Code::of(names::SUBNET_TYPE, c)),
        is_default: Some(false),
        route_table_description: Some(p.text("routeTableDescription")),
        ..RouteTable::default()
    };
    cx.state.vpc.routes.extend(world::default_routes(&table, &vpc));
    super::made(cx, table)
}

/// `deleteRouteTable`: not a default table, nor one with subnets; its routes go with it.
pub fn delete_route_table(cx: &mut Cx<'_>) -> Answer {
    let no = cx.start().0.text("routeTableNo");
    super::deletable(cx, &no, |t: &RouteTable| t.is_default, |s| is(&s.route_table_no, &no))?;
    cx.state.vpc.routes.retain(|r| !is(&r.route_table_no, &no));
    super::begin::<RouteTable>(cx, &no)
}

/// `setRouteTableDescription`
pub fn set_route_table_description(cx: &mut Cx<'_>) -> Answer {
    super::describe(cx, "routeTableNo", "routeTableDescription", |t: &mut RouteTable, d| {
        t.route_table_description = Some(d)
    })
}

/// The table `routeTableNo` names, of VPC `vpcNo`, that the action may change now.
fn table(cx: &mut Cx<'_>) -> Result<(Params, RouteTable), ApiFault> {
    let (p, region, _) = cx.start();
    let no = p.text("routeTableNo");
    let t = super::usable::<RouteTable>(cx.state, &no, &region, cx.action.name)?;
    super::same_vpc(&t.rec.vpc_no, &p.text("vpcNo"), &format!("route table {no}"))?;
    Ok((p, t.rec.clone()))
}

/// The table's routes, then the table `SET` until done: the answer of the route actions.
fn routes_of(cx: &mut Cx<'_>, no: &str) -> Answer {
    super::begin::<RouteTable>(cx, no)?;
    let routes = cx.state.vpc.routes.iter().filter(|r| is(&r.route_table_no, no));
    let items = routes.map(wire).collect();
    cx.list(items)
}

/// A route's destination, a block (`901` otherwise).
fn destination(item: &Params) -> Result<Cidr, ApiFault> {
    let text = item.str("destinationCidrBlock").unwrap_or_default();
    Cidr::parse(text).ok_or_else(|| {
        faults::invalid_param(&format!(
            "'destinationCidrBlock' must be an IPv4 block such as 0.0.0.0/0 (got '{text}')"
        ))
    })
}

/// The target a route names, as the route records it: its type, number and name. A NAT gateway must
/// run in the table's VPC, a peering must run from it.
fn target(state: &State, item: &Params, table: &RouteTable, action: &str) -> Result<Route, ApiFault> {
    let (ty, no) = (item.text("targetTypeCode"), item.text("targetNo"));
    let region = s(&table.region_code);
    let vpc_no = s(&table.vpc_no);
    let name = match ty.as_str() {
        "NATGW" => {
            let nat = &super::usable::<NatGatewayInstance>(state, &no, region, action)?.rec;
            super::same_vpc(&nat.vpc_no, vpc_no, &format!("NAT gateway {no}"))?;
            nat.nat_gateway_name.clone()
        }
        "VPCPEERING" => {
            let peering = &super::usable::<VpcPeeringInstance>(state, &no, region, action)?.rec;
            super::same_vpc(&peering.source_vpc_no, vpc_no, &format!("source VPC of peering {no}"))?;
            peering.vpc_peering_name.clone()
        }
        _ => return Err(faults::product_not_found("virtual private gateway", &no)),
    };
    Ok(Route {
        target_name: name,
        route_table_no: table.route_table_no.clone(),
        target_type: Some(Code::of(names::ROUTE_TARGET_TYPE, &ty)),
        target_no: Some(no),
        is_default: Some(false),
        vpc_no: table.vpc_no.clone(),
        ..Route::default()
    })
}

/// `addRoute`: each route's destination is not inside the VPC's own block (its `LOCAL` route; a
/// wider one such as `0.0.0.0/0`, the usual route to a NAT gateway, is taken) and not routed by the
/// table already; its target runs, in (or from) the table's VPC.
pub fn add_route(cx: &mut Cx<'_>) -> Answer {
    let (p, table) = table(cx)?;
    let no = s(&table.route_table_no).to_string();
    let vpc = cx.state.vpc.vpcs.rec(&table.vpc_no);
    let local = vpc.and_then(|v| v.ipv4_cidr_block.as_deref()).and_then(Cidr::parse);
    let routes = cx.state.vpc.routes.iter().filter(|r| is(&r.route_table_no, &no));
    let mut taken: Vec<String> = routes.filter_map(|r| r.destination_cidr_block.clone()).collect();
    let mut added = Vec::new();
    for item in p.objects("routeList") {
        let block = destination(item)?;
        let clash = match local.filter(|l| l.contains(block)) {
            Some(l) => Some(format!("is inside the VPC's own block {l} (its LOCAL route)")),
            None => taken
                .contains(&block.to_string())
                .then(|| format!("is routed by route table {no} already")),
        };
        if let Some(why) = clash {
            return Err(faults::address_conflict(format!("The destination {block} {why}.")));
        }
        let mut route = target(cx.state, item, &table, cx.action.name)?;
        route.destination_cidr_block = Some(block.to_string());
        taken.push(block.to_string());
        added.push(route);
    }
    cx.state.vpc.routes.extend(added);
    routes_of(cx, &no)
}

fn table_is_public(t: &RouteTable) -> bool {
    t.supported_subnet_type.as_ref().is_some_and(|c| c.code == "PUBLIC")
}

/// `removeRoute`: each route named by destination, target type and number; default routes stay
/// (`25040`).
pub fn remove_route(cx: &mut Cx<'_>) -> Answer {
    let (p, table) = table(cx)?;
    let no = s(&table.route_table_no).to_string();
    let mut gone = Vec::new();
    for item in p.objects("routeList") {
        let block = destination(item)?.to_string();
        let (ty, target) = (item.text("targetTypeCode"), item.text("targetNo"));
        let at = cx.state.vpc.routes.iter().position(|r| {
            is(&r.route_table_no, &no)
                && is(&r.destination_cidr_block, &block)
                && code_in(&r.target_type, std::slice::from_ref(&ty))
                && (target.is_empty() || is(&r.target_no, &target))
        });
        let Some(at) = at else {
            return Err(faults::not_found(Kind::Route, &format!("{block} -> {ty} {target}")));
        };
        if cx.state.vpc.routes[at].is_default == Some(true) {
            return Err(faults::unsupported(format!(
                "The default route {block} of route table {no} is not removed."
            )));
        }
        gone.push(at);
    }
    gone.sort_unstable();
    gone.dedup();
    for at in gone.into_iter().rev() {
        cx.state.vpc.routes.remove(at);
    }
    routes_of(cx, &no)
}

/// The subnets `subnetNoList` names: of the table's VPC and type, each one the action may change now.
fn subnets(cx: &Cx<'_>, p: &Params, table: &RouteTable) -> Result<Vec<String>, ApiFault> {
    let nos = p.list("subnetNoList");
    for no in &nos {
        let subnet = &super::usable::<Subnet>(cx.state, no, cx.region(), cx.action.name)?.rec;
        super::same_vpc(&subnet.vpc_no, s(&table.vpc_no), &format!("subnet {no}"))?;
        let (ty, wants) = (subnet.subnet_type.as_ref(), table.supported_subnet_type.as_ref());
        if ty.map(|c| &c.code) != wants.map(|c| &c.code) {
            return Err(faults::mismatch(format!(
                "The subnet {no} is not of the type route table {} supports.",
                s(&table.route_table_no)
            )));
        }
    }
    Ok(nos)
}

/// The subnets associated with the table, then the table `SET` until done: the answer of the
/// subnet actions.
fn subnets_of(cx: &mut Cx<'_>, no: &str) -> Answer {
    super::begin::<RouteTable>(cx, no)?;
    let items = cx
        .state
        .vpc
        .subnets
        .live_where(|r| is(&r.route_table_no, no))
        .into_iter()
        .map(wire)
        .collect();
    cx.list(items)
}

/// `addRouteTableSubnet`: each subnet leaves the table it was associated with for this one.
pub fn add_route_table_subnet(cx: &mut Cx<'_>) -> Answer {
    let (p, table) = table(cx)?;
    let nos = subnets(cx, &p, &table)?;
    for e in cx.state.vpc.subnets.items.iter_mut() {
        if nos.iter().any(|n| n == e.rec.no()) {
            e.rec.route_table_no = table.route_table_no.clone();
        }
    }
    subnets_of(cx, s(&table.route_table_no))
}

/// `removeRouteTableSubnet`: each subnet, associated with this table, goes back to its VPC's default
/// table of its type; a default table keeps its subnets until another takes them (`25040`).
pub fn remove_route_table_subnet(cx: &mut Cx<'_>) -> Answer {
    let (p, table) = table(cx)?;
    let no = s(&table.route_table_no).to_string();
    if table.is_default == Some(true) {
        return Err(faults::unsupported(format!(
            "A subnet leaves the default route table {no} only for another table (addRouteTableSubnet)."
        )));
    }
    let nos = subnets(cx, &p, &table)?;
    if let Some(n) = nos.iter().find(|n| {
        let subnet = cx.state.vpc.subnets.rec(&Some(n.to_string()));
        !subnet.is_some_and(|r| is(&r.route_table_no, &no))
    }) {
        return Err(faults::mismatch(format!(
            "The subnet {n} is not associated with route table {no}."
        )));
    }
    let vpc = cx.state.vpc.vpcs.rec(&table.vpc_no).cloned().unwrap_or_default();
    let default = match table_is_public(&table) {
        true => vpc.default_public_route_table_no,
        false => vpc.default_private_route_table_no,
    };
    for e in cx.state.vpc.subnets.items.iter_mut() {
        if nos.iter().any(|n| n == e.rec.no()) {
            e.rec.route_table_no = default.clone();
        }
    }
    subnets_of(cx, &no)
}
