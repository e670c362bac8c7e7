//! Launching Classic servers: `createServerInstances` (from a public image product or a member server
//! image, with a server product) and `recreateServerInstance`.
//!
//! From NCP's Classic reference (`createServerInstances`): one of `serverImageProductCode` and
//! `memberServerImageNo` is needed (a server from a member image inherits its OS and platform); the
//! server product defaults to the first one the image can run on; `loginKeyName` defaults to the
//! newest login key; `serverCreateCount` makes up to 20 servers at once, named `serverName-001` ...
//! from `serverCreateStartNo` when there is more than one; names are 3-30 characters and unique;
//! at most 5 access control groups, the default group when none is named; `userData` is kept as sent
//! (base64 on the wire). Every server gets a base block storage and a root password encrypted for its
//! login key.

use super::{common, login_keys};
use crate::emulator::crypto;
use crate::emulator::handler::prelude::*;

/// What a server is launched from.
struct Source {
    image_product_code: Option<String>,
    image_name: Option<String>,
    platform: Option<Code>,
    os: Option<String>,
    base_size: i64,
    member_image_no: Option<String>,
}

fn source(state: &State, p: &Params) -> Result<Source, ApiFault> {
    if let Some(no) = p.str("memberServerImageNo") {
        let e = state
            .classic
            .member_server_images
            .find(no, None)
            .ok_or_else(|| faults::image_not_found(Kind::MemberServerImage.label(), no))?;
        e.permit("createServerInstances")?;
        let i = &e.rec;
        return Ok(Source {
            image_product_code: i.original_server_image_product_code.clone(),
            image_name: i.original_server_image_name.clone(),
            platform: i.member_server_image_platform_type.clone(),
            os: i.original_os_information.clone(),
            base_size: i.member_server_image_block_storage_total_size.unwrap_or(50 * GIB),
            member_image_no: Some(no.to_string()),
        });
    }
    let Some(code) = p.str("serverImageProductCode") else {
        return Err(faults::missing_param(&[
            "serverImageProductCode".into(),
            "memberServerImageNo".into(),
        ]));
    };
    let product = state
        .classic
        .products
        .iter()
        .find(|x| is(&x.product_code, code))
        .ok_or_else(|| faults::product_not_found("server image product", code))?;
    Ok(Source {
        image_product_code: product.product_code.clone(),
        image_name: product.product_name.clone(),
        platform: product.platform_type.clone(),
        os: product
            .os_information
            .clone()
            .or_else(|| product.product_description.clone()),
        base_size: product.base_block_storage_size.unwrap_or(50 * GIB),
        member_image_no: None,
    })
}

/// The spec named, else the first whose base disk holds the image (as `getServerProductList` lists them).
fn server_product(state: &State, given: Option<&str>, needs: i64) -> Result<Product, ApiFault> {
    let products = &state.classic.server_products;
    match given {
        Some(code) => products.iter().find(|x| is(&x.product_code, code)),
        None => products
            .iter()
            .find(|x| x.base_block_storage_size.is_none_or(|s| s >= needs)),
    }
    .cloned()
    .ok_or_else(|| faults::product_not_found("server product", given.unwrap_or("(default)")))
}

fn tags(no: &str, p: &Params) -> Vec<ClassicInstanceTag> {
    p.objects("instanceTagList")
        .into_iter()
        .map(|t| ClassicInstanceTag {
            instance_no: Some(no.to_string()),
            instance_type: Some(Code::new("SVR", "Server")),
            tag_key: t.str("tagKey").map(str::to_string),
            tag_value: t.str("tagValue").map(str::to_string),
        })
        .collect()
}

fn name_taken(state: &State, name: &str) -> bool {
    state
        .classic
        .servers
        .iter()
        .any(|e| is(&e.rec.server_name, name) && !e.terminating())
}

/// A generated server name, as NCP's (`s` and 11 hex digits).
fn auto_name(rng: &mut fastrand::Rng) -> String {
    let hex: String = (0..11)
        .map(|_| char::from_digit(rng.u32(0..16), 16).unwrap_or('0'))
        .collect();
    format!("s{hex}")
}

/// `createServerInstances`
pub fn create_server_instances(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let region_no = common::region_no(cx);
    let now = cx.now;
    let state = &mut *cx.state;
    let src = source(state, &p)?;
    let spec = server_product(state, p.str("serverProductCode"), src.base_size)?;
    let zone = common::zone(state, &region_no, p.str("zoneNo"))?;
    let region = common::region(state, zone.region_no.as_deref().unwrap_or(&region_no));
    let key_name = login_keys::chosen(state, p.str("loginKeyName"))?;
    if let Some(no) = p.str("initScriptNo") {
        if state.classic.init_scripts.find(no, None).is_none() {
            return Err(faults::not_found(Kind::InitScript, no));
        }
    }
    let groups: Vec<ClassicAccessControlGroup> = match p.list("accessControlGroupConfigurationNoList") {
        nos if nos.is_empty() => state
            .classic
            .access_control_groups
            .iter()
            .filter(|g| g.rec.is_default_group == Some(true))
            .map(|g| g.rec.clone())
            .collect(),
        nos => nos
            .iter()
            .map(|no| {
                state
                    .classic
                    .access_control_groups
                    .find(no, None)
                    .map(|g| g.rec.clone())
                    .ok_or_else(|| faults::not_found(Kind::ClassicAccessControlGroup, no))
            })
            .collect::<Result<_, _>>()?,
    };
    let count = p.int("serverCreateCount").unwrap_or(1).max(1) as usize;
    let start = p.int("serverCreateStartNo").unwrap_or(1);
    let mut names = Vec::with_capacity(count);
    for i in 0..count {
        let name = match p.str("serverName") {
            Some(n) if count > 1 => format!("{n}-{:03}", start + i as i64),
            Some(n) => n.to_string(),
            None => auto_name(&mut state.rng),
        };
        if name_taken(state, &name) || names.contains(&name) {
            return Err(faults::name_in_use(&name));
        }
        names.push(name);
    }
    let public_key = login_keys::public_key(state, &key_name)?;
    let partitions: Vec<BlockDevicePartition> = p
        .objects("blockDevicePartitionList")
        .into_iter()
        .map(|x| BlockDevicePartition {
            mount_point: x.str("mountPoint").map(str::to_string),
            partition_size: x.str("partitionSize").map(str::to_string),
        })
        .collect();
    let settings = state.settings.clone();
    let mut items = Vec::new();
    for name in names {
        let no = state.next_id();
        let password = crypto::root_password(&mut state.rng);
        let encrypted = crypto::encrypt(&public_key, &password, &mut state.rng);
        let server = ClassicServerInstance {
            server_instance_no: Some(no.clone()),
            server_name: Some(name.clone()),
            server_description: Some(p.text("serverDescription")),
            cpu_count: spec.cpu_count,
            memory_size: spec.memory_size,
            base_block_storage_size: Some(src.base_size),
            platform_type: src.platform.clone(),
            login_key_name: Some(key_name.clone()),
            is_fee_charging_monitoring: Some(false),
            public_ip: Some(String::new()),
            private_ip: Some(common::private_ip(&mut state.rng)),
            server_image_name: src.image_name.clone(),
            create_date: Some(state.create_date()),
            uptime: Some(state.create_date()),
            server_image_product_code: src.image_product_code.clone(),
            server_product_code: spec.product_code.clone(),
            is_protect_server_termination: Some(p.flag("isProtectServerTermination").unwrap_or(false)),
            // Its zone's port-forwarding IP, rule or not (NCP's answers show it on every server).
            port_forwarding_public_ip: Some(common::zone_port_forwarding_ip(state, &zone)),
            zone: Some(zone.clone()),
            region: Some(region.clone()),
            base_block_storage_disk_type: spec.disk_type.clone(),
            server_instance_type: Some(Code::new("STAND", "Standard")),
            user_data: p.str("userData").map(str::to_string),
            access_control_group_list: Some(groups.clone()),
            instance_tag_list: Some(tags(&no, &p)),
            block_device_partition_list: (!partitions.is_empty()).then(|| partitions.clone()),
            os_information: src.os.clone(),
            encrypted_root_password: encrypted,
            member_server_image_no: src.member_image_no.clone(),
            ..ClassicServerInstance::default()
        };
        let storage = ClassicBlockStorageInstance {
            block_storage_instance_no: Some(state.next_id()),
            server_instance_no: Some(no.clone()),
            server_name: Some(name.clone()),
            block_storage_type: Some(Code::new("BASIC", "Basic BS")),
            block_storage_name: Some(format!("{name}-disk")),
            block_storage_size: Some(src.base_size),
            device_name: Some("/dev/xvda".into()),
            block_storage_product_code: Some("SPBSTBSTBS000002".into()),
            create_date: Some(state.create_date()),
            block_storage_instance_description: Some(String::new()),
            disk_type: spec
                .disk_type
                .clone()
                .or_else(|| Some(Code::new("NET", "Network Storage"))),
            disk_detail_type: Some(Code::new("HDD", "HDD")),
            region: Some(region.clone()),
            zone: Some(zone.clone()),
            ..ClassicBlockStorageInstance::default()
        };
        let action = "createServerInstances";
        items.push(state.classic.servers.create(server, now, action, &settings).wire());
        state.classic.block_storages.create(storage, now, action, &settings);
    }
    cx.list(items)
}

/// `recreateServerInstance`: a stopped server is created again under its number, from another OS
/// image when one is named (else its own), with a new root password; it boots as a new server does.
pub fn recreate_server_instance(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let no = p.text("serverInstanceNo");
    let now = cx.now;
    let state = &mut *cx.state;
    let e = common::server(state, &no)?;
    e.permit(cx.action.name)?;
    let key_name = e.rec.login_key_name.clone().unwrap_or_default();
    let current = e.rec.server_image_product_code.clone();
    let code = p.str("serverImageProductCode").map(str::to_string).or(current);
    let product = state
        .classic
        .products
        .iter()
        .find(|x| x.product_code == code)
        .cloned()
        .ok_or_else(|| faults::product_not_found("server image product", code.as_deref().unwrap_or("")))?;
    if let Some(name) = p.str("serverInstanceName") {
        let other = state
            .classic
            .servers
            .iter()
            .any(|s| is(&s.rec.server_name, name) && s.rec.no() != no && !s.terminating());
        if other {
            return Err(faults::name_in_use(name));
        }
    }
    let public_key = login_keys::public_key(state, &key_name).ok();
    let password = crypto::root_password(&mut state.rng);
    let encrypted = public_key.and_then(|k| crypto::encrypt(&k, &password, &mut state.rng));
    let new_tags = tags(&no, &p);
    let settings = state.settings.clone();
    let e = state.classic.servers.found_mut(&no, None)?;
    let s = &mut e.rec;
    if let Some(name) = p.str("serverInstanceName") {
        s.server_name = Some(name.to_string());
    }
    s.server_image_product_code = product.product_code.clone();
    s.server_image_name = product.product_name.clone();
    s.platform_type = product.platform_type.clone();
    s.os_information = product.os_information.clone();
    s.member_server_image_no = None;
    s.encrypted_root_password = encrypted;
    if let Some(data) = p.str("userData") {
        s.user_data = Some(data.to_string());
    }
    if !new_tags.is_empty() {
        s.instance_tag_list = Some(new_tags);
    }
    e.begin(now, cx.action.name).advance(now, &settings);
    one(cx.action, e.wire())
}
