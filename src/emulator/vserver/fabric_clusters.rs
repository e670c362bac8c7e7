//! Fabric clusters: GPU servers of one fabric cluster pool joined by a high-speed fabric. As far as
//! NCP documents them (the reference pages of the ten actions): a cluster is made in a zone and VPC
//! from a pool (`getFabricClusterPoolList`); servers launched with that pool's
//! `fabricClusterPoolNo` start in `SINGLE` mode and are put in a cluster (`CLUSTER` mode) by
//! `changeFabricClusterServerInstances` / `updateFabricClusterServerInstances`, whose list replaces
//! the cluster's servers; a cluster with servers is not deleted. Its status is `INIT`, then `RUN`
//! after `createDelayMs` (the codes are the emulator's reading; NCP publishes no table).

use crate::emulator::handler::prelude::*;
use crate::emulator::vpc;

/// A pool of the region.
pub fn pool(state: &State, no: &str, region: &str) -> Result<FabricClusterPool, ApiFault> {
    state
        .vpc
        .fabric_cluster_pools
        .iter()
        .find(|p| is(&p.fabric_cluster_pool_no, no) && in_region(&p.region_code, region))
        .cloned()
        .ok_or_else(|| faults::not_found(Kind::FabricCluster, &format!("pool {no}")))
}

fn find<'a>(state: &'a State, no: &str, region: &str) -> Result<&'a Entry<FabricCluster>, ApiFault> {
    state.vpc.fabric_clusters.live(no, Some(region))
}

/// A cluster as answered: its servers listed from the server records.
fn shown(state: &State, e: &Entry<FabricCluster>) -> Value {
    let no = e.rec.no();
    let servers: Vec<FabricClusterServerInstance> = state
        .vpc
        .servers
        .iter()
        .filter(|s| is(&s.rec.fabric_cluster_no, no))
        .map(|s| FabricClusterServerInstance {
            server_instance_no: s.rec.server_instance_no.clone(),
            server_name: s.rec.server_name.clone(),
            server_instance_status: s.rec.server_instance_status.clone(),
            server_instance_operation: s.rec.server_instance_operation.clone(),
            server_instance_status_name: s.rec.server_instance_status_name.clone(),
            create_date: s.rec.create_date.clone(),
        })
        .collect();
    let mut rec = e.rec.clone();
    rec.server_count = Some(servers.len() as i64);
    rec.fabric_cluster_server_instance_list = Some(servers);
    wire(&rec)
}

/// What a server's termination does: it leaves its cluster.
pub fn release(state: &mut State, server_no: &str) {
    if let Some(e) = state.vpc.servers.find_mut(server_no, None) {
        e.rec.fabric_cluster_no = None;
        e.rec.fabric_cluster_name = None;
    }
}

/// `getFabricClusterPoolList`
pub fn get_fabric_cluster_pool_list(cx: &mut Cx<'_>) -> Answer {
    let (p, region, _) = cx.start();
    let state = &*cx.state;
    let spec_of_product = p
        .str("serverProductCode")
        .and_then(|x| super::lookups::spec_of(state, &region, Some(x), None))
        .and_then(|s| s.server_spec_code.clone());
    let items = state
        .vpc
        .fabric_cluster_pools
        .iter()
        .filter(|x| in_region(&x.region_code, &region))
        .filter(|x| p.str("zoneCode").is_none_or(|z| is(&x.zone_code, z)))
        .filter(|x| p.str("serverSpecCode").is_none_or(|z| is(&x.server_spec_code, z)))
        .filter(|x| {
            p.str("serverProductCode").is_none()
                || spec_of_product.as_deref().is_some_and(|z| is(&x.server_spec_code, z))
        })
        .map(wire)
        .collect();
    cx.list(items)
}

/// `getFabricClusterList`
pub fn get_fabric_cluster_list(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let nos = p.list("fabricClusterNoList");
    let state = &*cx.state;
    let has_server = |c: &FabricCluster, server: &str| {
        state
            .vpc
            .servers
            .find(server, None)
            .is_some_and(|s| s.rec.fabric_cluster_no == c.fabric_cluster_no)
    };
    let mut items: Vec<Value> = state
        .vpc
        .fabric_clusters
        .in_region(cx.region())
        .filter(|e| {
            let c = &e.rec;
            text_in(&c.fabric_cluster_no, &nos)
                && p.str("fabricClusterPoolNo")
                    .is_none_or(|x| is(&c.fabric_cluster_pool_no, x))
                && p.str("fabricClusterPoolName")
                    .is_none_or(|x| is(&c.fabric_cluster_pool_name, x))
                && p.str("fabricClusterName").is_none_or(|x| is(&c.fabric_cluster_name, x))
                && p.str("zoneCode").is_none_or(|x| is(&c.zone_code, x))
                && p.str("vpcNo").is_none_or(|x| is(&c.vpc_no, x))
                && p.str("serverInstanceNo").is_none_or(|x| has_server(c, x))
        })
        .map(|e| shown(state, e))
        .collect();
    if p.str("sortingOrder") == Some("DESC") {
        items.reverse();
    }
    cx.page(items, &p)
}

/// `getFabricClusterDetail`
pub fn get_fabric_cluster_detail(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let e = find(cx.state, p.str("fabricClusterNo").unwrap_or_default(), cx.region())?;
    one(cx.action, shown(cx.state, e))
}

/// `createFabricCluster`: in a running VPC, from a pool of the zone.
pub fn create_fabric_cluster(cx: &mut Cx<'_>) -> Answer {
    let (p, region, now) = cx.start();
    let state = &mut *cx.state;
    let vpc_no = p.text("vpcNo");
    vpc::vpcs::running(state, &vpc_no, &region, cx.action.name)?;
    let pool = pool(state, p.str("fabricClusterPoolNo").unwrap_or_default(), &region)?;
    let zone = p.text("zoneCode");
    if !is(&pool.zone_code, &zone) {
        return Err(faults::mismatch(format!(
            "The fabric cluster pool {} is not in zone {zone}.",
            s(&pool.fabric_cluster_pool_no)
        )));
    }
    let name = p.text("fabricClusterName");
    state.vpc.fabric_clusters.name_free(&name, Some(&region), None)?;
    let cluster = FabricCluster {
        fabric_cluster_no: Some(state.next_id()),
        fabric_cluster_name: Some(name),
        fabric_cluster_description: Some(p.str("fabricClusterDescription").unwrap_or("").to_string()),
        zone_code: Some(zone),
        region_code: Some(region.clone()),
        vpc_no: Some(vpc_no),
        fabric_cluster_pool_no: pool.fabric_cluster_pool_no.clone(),
        fabric_cluster_pool_name: pool.fabric_cluster_pool_name.clone(),
        fabric_cluster_pool_code: pool.fabric_cluster_pool_code.clone(),
        create_date: Some(state.create_date()),
        ..FabricCluster::default()
    };
    let no = s(&cluster.fabric_cluster_no).to_string();
    state.create(cluster, now, cx.action.name);
    one(cx.action, shown(state, find(state, &no, &region)?))
}

/// Changes a cluster's name and/or description.
fn rename(cx: &mut Cx<'_>, with_description: bool) -> Answer {
    let (p, region, _) = cx.start();
    let no = p.text("fabricClusterNo");
    find(cx.state, &no, &region)?;
    if let Some(name) = p.str("fabricClusterName") {
        cx.state.vpc.fabric_clusters.name_free(name, Some(&region), Some(&no))?;
    }
    let e = cx.state.vpc.fabric_clusters.found_mut(&no, Some(&region))?;
    if let Some(name) = p.str("fabricClusterName") {
        e.rec.fabric_cluster_name = Some(name.to_string());
    }
    if with_description {
        e.rec.fabric_cluster_description = Some(p.str("fabricClusterDescription").unwrap_or("").to_string());
    }
    let e = find(cx.state, &no, &region)?;
    one(cx.action, shown(cx.state, e))
}

/// `changeFabricClusterName`
pub fn change_fabric_cluster_name(cx: &mut Cx<'_>) -> Answer {
    rename(cx, false)
}

/// `changeFabricClusterDescription`
pub fn change_fabric_cluster_description(cx: &mut Cx<'_>) -> Answer {
    rename(cx, true)
}

/// `updateFabricCluster` (name and description).
pub fn update_fabric_cluster(cx: &mut Cx<'_>) -> Answer {
    rename(cx, true)
}

/// Replaces a cluster's servers: each of the cluster's pool, VPC and zone, at rest.
fn servers(cx: &mut Cx<'_>) -> Answer {
    let (p, region, _) = cx.start();
    let no = p.text("fabricClusterNo");
    let cluster = find(cx.state, &no, &region)?;
    cluster.permit(cx.action.name)?;
    let cluster = cluster.rec.clone();
    let wanted = p.list("clusterModeServerInstanceNoList");
    for server_no in &wanted {
        let e = super::found::server(cx.state, server_no, &region)?;
        let v = &e.rec;
        if v.fabric_cluster_pool_no != cluster.fabric_cluster_pool_no
            || v.vpc_no != cluster.vpc_no
            || v.zone_code != cluster.zone_code
        {
            return Err(faults::mismatch(format!(
                "The server instance {server_no} is not of the pool, VPC and zone of fabric cluster {no}."
            )));
        }
        if v.fabric_cluster_no.as_deref().is_some_and(|c| !c.is_empty() && c != no) {
            return Err(faults::in_use(
                Kind::ServerInstance,
                server_no,
                "another fabric cluster",
            ));
        }
        e.permit(cx.action.name)?;
    }
    for e in cx.state.vpc.servers.items.iter_mut() {
        let member = wanted.iter().any(|w| e.rec.no() == w);
        if member {
            e.rec.fabric_cluster_no = cluster.fabric_cluster_no.clone();
            e.rec.fabric_cluster_name = cluster.fabric_cluster_name.clone();
            e.rec.fabric_cluster_mode = Some("CLUSTER".into());
        } else if is(&e.rec.fabric_cluster_no, &no) {
            e.rec.fabric_cluster_no = None;
            e.rec.fabric_cluster_name = None;
            e.rec.fabric_cluster_mode = Some("SINGLE".into());
        }
    }
    let e = find(cx.state, &no, &region)?;
    one(cx.action, shown(cx.state, e))
}

/// `changeFabricClusterServerInstances`
pub fn change_fabric_cluster_server_instances(cx: &mut Cx<'_>) -> Answer {
    servers(cx)
}

/// `updateFabricClusterServerInstances`
pub fn update_fabric_cluster_server_instances(cx: &mut Cx<'_>) -> Answer {
    servers(cx)
}

/// `deleteFabricCluster`: without servers.
pub fn delete_fabric_cluster(cx: &mut Cx<'_>) -> Answer {
    let (p, region, now) = cx.start();
    let no = p.text("fabricClusterNo");
    find(cx.state, &no, &region)?.permit(cx.action.name)?;
    if let Some(server) = cx.state.vpc.servers.iter().find(|s| is(&s.rec.fabric_cluster_no, &no)) {
        return Err(faults::in_use(
            Kind::FabricCluster,
            &no,
            &format!("server instance {}", server.rec.no()),
        ));
    }
    let e = cx.state.vpc.fabric_clusters.found_mut(&no, Some(&region))?;
    one(cx.action, e.begin(now, cx.action.name).wire())
}
