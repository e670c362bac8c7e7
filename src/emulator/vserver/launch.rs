//! `createServerInstances`: servers launched into a subnet of a VPC. What NCP documents (the
//! reference and guide) and the emulator checks:
//! - the image: an OS image product (`serverImageProductCode`, XEN), a server image (`serverImageNo`,
//!   XEN or KVM, created), or a member server image instance (`memberServerImageInstanceNo`, XEN,
//!   created); the server runs what the image says (OS, platform, hypervisor) and gets its storage
//!   (base size, additional volumes of the image's mappings);
//! - the spec: `serverProductCode` (XEN) or `serverSpecCode` (KVM), of the image's hypervisor; the
//!   smallest one when neither is given;
//! - 1 to 20 servers per call (`serverCreateCount`), named `<serverName>-NNN` from
//!   `serverCreateStartNo` when more than one; names unique in the region;
//! - the network: a running VPC, a running general-use subnet of it, network interfaces by
//!   `networkInterfaceOrder` (0, the default `eth0`, in the server's subnet) with 1 to 3 access
//!   control groups of the VPC each, new or existing unattached ones, at most the spec's
//!   `networkInterfaceMaxCount`; no fixed interface or IP when several servers are made;
//! - a public IP at launch (`associateWithPublicIp`) only in a public subnet;
//! - the login key (the newest one when none is named), init script and placement group must exist.
//!
//! A new server is `INIT`/`creating`, `CREAT`/`booting` after `createDelayMs`, `RUN` after
//! `operationDelayMs`; its root password is kept encrypted with its login key's public key.

use super::super::vpc::net;
use super::block_storage;
use super::network_interfaces as nics;
use super::volumes::{self, NewVolume};
use crate::emulator::crypto;
use crate::emulator::handler::prelude::*;

/// The action whose transitions and checks a launch runs.
const ACTION: &str = "createServerInstances";

/// What the image gives a server.
struct Source {
    hypervisor: Code,
    template: ImageTemplate,
    platform: Option<Code>,
    product_code: Option<String>,
    image_no: Option<String>,
    member_no: Option<String>,
    /// Volumes by order (0: base storage): size in GB, volume type, snapshot.
    volumes: Vec<(i64, i64, Option<String>, Option<String>)>,
}

fn os_product(state: &State, code: &str, region: &str) -> Option<Product> {
    state
        .vpc
        .products
        .iter()
        .find(|p| is(&p.product_code, code) && in_region(&p.region_code, region))
        .cloned()
}

fn source(state: &State, p: &Params, region: &str) -> Result<Source, ApiFault> {
    let (product, image, member) = (
        p.str("serverImageProductCode"),
        p.str("serverImageNo"),
        p.str("memberServerImageInstanceNo"),
    );
    let xen = Code::new("XEN", "XEN");
    if let Some(no) = image {
        // An image being deleted is busy (25033), as on the Classic platform: it is still listed.
        let e = state.vpc.server_images.ready(no, Some(region), ACTION)?;
        let i = &e.rec;
        let volumes = i
            .block_storage_mapping_list
            .iter()
            .flatten()
            .map(|m| {
                (
                    m.order.unwrap_or(0),
                    m.block_storage_size.unwrap_or(50 * GIB) / GIB,
                    m.block_storage_volume_type.as_ref().map(|v| v.code.clone()),
                    m.block_storage_snapshot_instance_no.clone(),
                )
            })
            .collect();
        let platform = match c(&i.os_category_type) {
            "WINDOWS" => Some(Code::new("WND64", "Windows 64 Bit")),
            _ => Some(Code::new("LNX64", "Linux 64 Bit")),
        };
        return Ok(Source {
            hypervisor: i.hypervisor_type.clone().unwrap_or(xen),
            template: ImageTemplate {
                hypervisor_type: i.hypervisor_type.clone(),
                cpu_architecture_type: i.cpu_architecture_type.clone(),
                os_category_type: i.os_category_type.clone(),
                os_type: i.os_type.clone(),
                server_image_type: i.server_image_type.clone(),
                product_code: i.product_code.clone(),
                platform_category_code: i.platform_category_code.clone(),
            },
            platform,
            product_code: i.server_image_product_code.clone().or(i.product_code.clone()),
            image_no: Some(no.to_string()),
            member_no: None,
            volumes,
        });
    }
    if let Some(no) = member {
        let e = state
            .vpc
            .member_server_image_instances
            .find(no, Some(region))
            .ok_or_else(|| faults::image_not_found(Kind::MemberServerImageInstance.label(), no))?;
        e.permit(ACTION)?;
        let code = e.rec.original_server_image_product_code.clone();
        let os = code.as_deref().and_then(|c| os_product(state, c, region));
        let gb = e.rec.member_server_image_block_storage_total_size.unwrap_or(50 * GIB) / GIB;
        return Ok(Source {
            hypervisor: xen,
            template: os.as_ref().and_then(|o| o.image_template.clone()).unwrap_or_default(),
            platform: os.as_ref().and_then(|o| o.platform_type.clone()),
            product_code: code,
            image_no: None,
            member_no: Some(no.to_string()),
            volumes: vec![(0, gb.max(10), None, None)],
        });
    }
    let code = product.ok_or_else(|| {
        faults::missing_param(&[
            "serverImageProductCode".into(),
            "serverImageNo".into(),
            "memberServerImageInstanceNo".into(),
        ])
    })?;
    let os = os_product(state, code, region).ok_or_else(|| faults::image_not_found("server image product", code))?;
    let gb = os.base_block_storage_size.unwrap_or(50 * GIB) / GIB;
    Ok(Source {
        hypervisor: xen,
        template: os.image_template.clone().unwrap_or_default(),
        platform: os.platform_type.clone(),
        product_code: Some(code.to_string()),
        image_no: None,
        member_no: None,
        volumes: vec![(0, gb, None, None)],
    })
}

/// The spec named (of the image's hypervisor), or the smallest one of it.
fn spec(state: &State, p: &Params, hypervisor: &Code, region: &str) -> Result<ServerSpec, ApiFault> {
    let (product, code) = (p.str("serverProductCode"), p.str("serverSpecCode"));
    let found = if product.is_some() || code.is_some() {
        super::lookups::spec_of(state, region, product, code)
            .cloned()
            .ok_or_else(|| faults::not_found(Kind::ServerSpec, code.or(product).unwrap_or_default()))?
    } else {
        state
            .vpc
            .server_specs
            .iter()
            .filter(|s| in_region(&s.region_code, region) && s.hypervisor_type.as_ref() == Some(hypervisor))
            .min_by_key(|s| (s.cpu_count, s.memory_size))
            .cloned()
            .ok_or_else(|| faults::not_found(Kind::ServerSpec, &hypervisor.code))?
    };
    if found.hypervisor_type.as_ref() != Some(hypervisor) {
        return Err(faults::mismatch(format!(
            "The spec {} is for {} servers; the image is {}.",
            s(&found.server_spec_code),
            c(&found.hypervisor_type),
            hypervisor.code
        )));
    }
    Ok(found)
}

/// One requested interface.
struct Nic {
    order: i64,
    existing: Option<String>,
    subnet: Subnet,
    ip: Option<String>,
    groups: Vec<String>,
}

fn interfaces(
    state: &State,
    p: &Params,
    top: &Subnet,
    vpc_no: &str,
    count: i64,
    max: usize,
    region: &str,
) -> Result<Vec<Nic>, ApiFault> {
    let mut out: Vec<Nic> = Vec::new();
    for item in p.objects("networkInterfaceList") {
        let order = item.int("networkInterfaceOrder").unwrap_or(0);
        if out.iter().any(|n| n.order == order) {
            return Err(faults::invalid_param(&format!(
                "'networkInterfaceOrder' {order} is given twice"
            )));
        }
        let existing = item.str("networkInterfaceNo").map(str::to_string);
        if count > 1 && (existing.is_some() || item.str("ip").is_some()) {
            return Err(faults::invalid_param(
                "a network interface number or IP cannot be given when several servers are created",
            ));
        }
        let (subnet, groups) = match &existing {
            Some(no) => {
                let e = super::found::nic(state, no, region)?;
                if e.busy() || e.rec.status() != "NOTUSED" {
                    return Err(faults::in_use(Kind::NetworkInterface, no, "a server"));
                }
                let subnet = nics::usable_subnet(state, s(&e.rec.subnet_no), vpc_no, region, ACTION)?;
                (subnet, e.rec.access_control_group_no_list.clone().unwrap_or_default())
            }
            None => {
                let subnet = match item.str("subnetNo") {
                    Some(no) => nics::usable_subnet(state, no, vpc_no, region, ACTION)?,
                    None => top.clone(),
                };
                let groups = item.list("accessControlGroupNoList");
                if groups.is_empty() {
                    return Err(faults::missing_param(&[format!(
                        "networkInterfaceList.{}.accessControlGroupNoList",
                        out.len() + 1
                    )]));
                }
                nics::checked_groups(state, &groups, vpc_no, region)?;
                (subnet, groups)
            }
        };
        if order == 0 && subnet.subnet_no != top.subnet_no {
            return Err(faults::mismatch(format!(
                "The default network interface (order 0) must be in subnet {}.",
                s(&top.subnet_no)
            )));
        }
        if subnet.zone_code != top.zone_code {
            return Err(faults::mismatch(format!(
                "The subnet {} is not in zone {}.",
                s(&subnet.subnet_no),
                s(&top.zone_code)
            )));
        }
        out.push(Nic {
            order,
            existing,
            subnet,
            ip: item.str("ip").map(str::to_string),
            groups,
        });
    }
    if !out.iter().any(|n| n.order == 0) {
        return Err(faults::missing_param(&[
            "networkInterfaceList.N.networkInterfaceOrder=0".into(),
        ]));
    }
    if out.len() > max {
        return Err(faults::limit("network interfaces per server", max));
    }
    out.sort_by_key(|n| n.order);
    Ok(out)
}

/// The volumes a server gets: the image's, changed by `blockStorageMappingList` (size and type of an
/// order, `noBlockStorage` to leave one out, new empty ones).
fn volumes(src: &Source, p: &Params) -> Vec<(i64, i64, Option<String>, Option<String>)> {
    let mut v = src.volumes.clone();
    for m in p.objects("blockStorageMappingList") {
        let order = m.int("order").unwrap_or(0);
        if m.flag("noBlockStorage") == Some(true) {
            v.retain(|x| x.0 != order || order == 0);
            continue;
        }
        let size = m.int("blockStorageSize");
        let volume = m.str("blockStorageVolumeTypeCode").map(str::to_string);
        match v.iter_mut().find(|x| x.0 == order) {
            Some(x) => {
                x.1 = size.unwrap_or(x.1).max(x.1);
                x.2 = volume.or(x.2.take());
            }
            None => v.push((
                order,
                size.unwrap_or(10),
                volume,
                m.str("snapshotInstanceNo").map(str::to_string),
            )),
        }
    }
    v.sort_by_key(|x| x.0);
    v
}

/// `createServerInstances`
pub fn create_server_instances(cx: &mut Cx<'_>) -> Answer {
    let (p, region, now) = cx.start();
    let state = &mut *cx.state;
    let vpc_no = p.text("vpcNo");
    crate::emulator::vpc::vpcs::running(state, &vpc_no, &region, ACTION)?;
    let top = nics::usable_subnet(state, p.str("subnetNo").unwrap_or_default(), &vpc_no, &region, ACTION)?;
    let src = source(state, &p, &region)?;
    let spec = spec(state, &p, &src.hypervisor, &region)?;
    let count = p.int("serverCreateCount").unwrap_or(1);
    let max_nics = spec.network_interface_max_count.unwrap_or(3).max(1) as usize;
    let wanted = interfaces(state, &p, &top, &vpc_no, count, max_nics, &region)?;
    let kvm = src.hypervisor.code == "KVM";
    let vols = volumes(&src, &p);
    for v in &vols {
        block_storage::check_size(v.1, kvm)?;
    }
    let max_vols = spec.block_storage_max_count.unwrap_or(if kvm { 21 } else { 16 }).max(1) as usize;
    if vols.len() > max_vols {
        return Err(faults::limit(
            &format!("block storage per {} server", src.hypervisor.code),
            max_vols,
        ));
    }
    let key = match p.str("loginKeyName") {
        Some(k) => {
            super::login_keys::check(state, k)?;
            k.to_string()
        }
        None => state
            .vpc
            .login_keys
            .iter()
            .last()
            .map(|e| e.rec.no().to_string())
            .ok_or_else(|| faults::missing_param(&["loginKeyName".into()]))?,
    };
    let script = match p.str("initScriptNo") {
        Some(no) => Some(state.vpc.init_scripts.found(no, Some(&region))?.rec.no().to_string()),
        None => None,
    };
    let group = match p.str("placementGroupNo") {
        Some(no) => Some(state.vpc.placement_groups.found(no, Some(&region))?.rec.clone()),
        None => None,
    };
    let public = p.flag("associateWithPublicIp") == Some(true);
    if public && !code_in(&top.subnet_type, &["PUBLIC".into()]) {
        return Err(faults::not_public_subnet("(new)"));
    }
    let pool = match p.str("fabricClusterPoolNo") {
        Some(no) => Some(super::fabric_clusters::pool(state, no, &region)?),
        None => None,
    };
    // Names: given (numbered when several), or generated; none may be taken.
    let start = p.int("serverCreateStartNo").unwrap_or(1);
    let mut names = Vec::new();
    for i in 0..count {
        names.push(match p.str("serverName") {
            Some(n) if count > 1 => format!("{n}-{:03}", start + i),
            Some(n) => n.to_string(),
            None => crate::emulator::vpc::auto_name(state, "s"),
        });
    }
    for name in &names {
        state.vpc.servers.name_free(name, Some(&region), None)?;
    }
    // Addresses for every interface of every server, checked before anything is made.
    let public_key = super::login_keys::public_key(state, &key);
    let mut answers = Vec::new();
    let mut made_ips: std::collections::HashMap<String, Vec<u32>> = Default::default();
    let mut plan = Vec::new();
    for _ in 0..count {
        let mut addrs = Vec::new();
        for n in &wanted {
            let subnet_no = s(&n.subnet.subnet_no).to_string();
            let ip = match (&n.existing, &n.ip) {
                (Some(_), _) => None,
                (None, Some(ip)) => Some(nics::address(state, &n.subnet, Some(ip))?),
                (None, None) => {
                    let block = n.subnet.subnet.as_deref().and_then(net::Cidr::parse);
                    let mut taken = super::found::taken_in(state, &subnet_no);
                    taken.extend(made_ips.get(&subnet_no).into_iter().flatten());
                    let free = block.map(|b| net::free_hosts(b, &taken, 1)).unwrap_or_default();
                    let ip = *free
                        .first()
                        .ok_or_else(|| faults::limit(&format!("addresses of subnet {subnet_no}"), 0))?;
                    made_ips.entry(subnet_no).or_default().push(ip);
                    Some(net::ip_text(ip))
                }
            };
            addrs.push(ip);
        }
        plan.push(addrs);
    }
    let settings = state.settings.clone();
    for (i, addrs) in plan.into_iter().enumerate() {
        let no = state.next_id();
        let mut nic_nos = Vec::new();
        for (n, ip) in wanted.iter().zip(addrs) {
            let nic_no = match (&n.existing, ip) {
                (Some(existing), _) => existing.clone(),
                (None, ip) => {
                    let mut nic = nics::new_nic(state, &n.subnet, ip.unwrap_or_default(), n.groups.clone(), &region);
                    nic.delete_on_termination = Some(true);
                    let nic_no = s(&nic.network_interface_no).to_string();
                    state.vpc.network_interfaces.push(Entry::new(nic, now));
                    nic_no
                }
            };
            if let Some(e) = state.vpc.network_interfaces.find_mut(&nic_no, Some(&region)) {
                nics::mark_attached(&mut e.rec, &no, &format!("eth{}", n.order), n.order == 0);
                e.begin(now, ACTION).advance(now, &settings);
            }
            nic_nos.push(nic_no);
        }
        let secret = crypto::root_password(&mut state.rng);
        let sealed = public_key
            .as_deref()
            .and_then(|k| crypto::encrypt(k, &secret, &mut state.rng));
        let server = ServerInstance {
            server_instance_no: Some(no.clone()),
            server_name: Some(names[i].clone()),
            server_description: Some(p.str("serverDescription").unwrap_or("").to_string()),
            cpu_count: spec.cpu_count,
            memory_size: spec.memory_size,
            platform_type: src.platform.clone(),
            login_key_name: Some(key.clone()),
            create_date: Some(state.create_date()),
            server_image_product_code: src.product_code.clone(),
            server_product_code: spec.server_product_code.clone(),
            is_protect_server_termination: Some(p.flag("isProtectServerTermination") == Some(true)),
            zone_code: top.zone_code.clone(),
            region_code: Some(region.clone()),
            vpc_no: Some(vpc_no.clone()),
            subnet_no: top.subnet_no.clone(),
            network_interface_no_list: Some(nic_nos),
            init_script_no: script.clone(),
            server_instance_type: Some(Code::new("STAND", "Standard")),
            base_block_storage_disk_type: Some(Code::new("NET", "Network Storage")),
            base_block_storage_disk_detail_type: (!kvm).then(|| Code::new("SSD", "SSD")),
            placement_group_no: group.as_ref().and_then(|g| g.placement_group_no.clone()),
            placement_group_name: group.as_ref().and_then(|g| g.placement_group_name.clone()),
            member_server_image_instance_no: src.member_no.clone(),
            block_device_partition_list: Some(
                p.objects("blockDevicePartitionList")
                    .into_iter()
                    .map(|b| BlockDevicePartition {
                        mount_point: b.str("mountPoint").map(str::to_string),
                        partition_size: b.str("partitionSize").map(str::to_string),
                    })
                    .collect(),
            ),
            hypervisor_type: Some(src.hypervisor.clone()),
            server_image_no: src.image_no.clone(),
            server_spec_code: spec.server_spec_code.clone(),
            fabric_cluster_pool_no: pool.as_ref().and_then(|x| x.fabric_cluster_pool_no.clone()),
            fabric_cluster_pool_name: pool.as_ref().and_then(|x| x.fabric_cluster_pool_name.clone()),
            is_pre_install_gpu_driver: p.flag("isPreInstallGpuDriver"),
            base_block_storage_size: vols.first().map(|v| v.1 * GIB),
            image_template: Some(src.template.clone()),
            root_password: sealed,
            ..ServerInstance::default()
        };
        let server = state.vpc.servers.create(server, now, ACTION, &settings).rec.clone();
        for (order, gb, volume, snapshot) in &vols {
            let v = NewVolume {
                name: Some(format!("{}-{order}", names[i])),
                size_gb: *gb,
                kvm,
                volume: volume.as_deref(),
                zone: top.zone_code.clone(),
                base: *order == 0,
                snapshot: snapshot.clone(),
                description: String::new(),
                protection: false,
            };
            volumes::make(state, v, Some(&server), &region, now);
        }
        if public {
            super::public_ips::make(state, Some(&server), "", &region, now)?;
        }
        if let Some(e) = state.vpc.servers.find(&no, Some(&region)) {
            answers.push(e.wire());
        }
    }
    cx.list(answers)
}
