//! VPC look-ups: regions, zones, OS image products.

use crate::emulator::handler::prelude::*;
use crate::emulator::server::lookups::products;

/// `getServerImageProductList` (XEN images; KVM images are listed by `getServerImageList`).
pub fn get_server_image_product_list(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let region = cx.region();
    let items = cx
        .state
        .vpc
        .products
        .iter()
        .filter(|v| in_region(&v.region_code, region));
    cx.list(products(items, &p))
}

/// `getHypervisorTypeList`: the hypervisors the region's server specs run on (`XEN`, `KVM`).
pub fn get_hypervisor_type_list(cx: &mut Cx<'_>) -> Answer {
    let region = cx.region();
    let mut codes: Vec<Code> = Vec::new();
    for spec in cx
        .state
        .vpc
        .server_specs
        .iter()
        .filter(|s| in_region(&s.region_code, region))
    {
        if let Some(h) = &spec.hypervisor_type {
            if !codes.contains(h) {
                codes.push(h.clone());
            }
        }
    }
    cx.list(codes.iter().map(|c| Value::Object(to_code(c))).collect())
}

fn to_code(c: &Code) -> serde_json::Map<String, Value> {
    let mut m = serde_json::Map::new();
    m.insert("code".into(), Value::from(c.code.clone()));
    m.insert("codeName".into(), Value::from(c.code_name.clone()));
    m
}

/// `getRaidList` (bare-metal RAID types of a product type).
pub fn get_raid_list(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let kind = p.text("productTypeCode");
    let items = cx
        .state
        .vpc
        .raids
        .iter()
        .filter(|r| code_in(&r.product_type, std::slice::from_ref(&kind)))
        .map(wire)
        .collect();
    cx.list(items)
}

/// The hypervisor of an OS image product (XEN: `getServerImageProductList` lists XEN images only) or
/// of a server image; `None` when neither exists.
pub fn image_hypervisor(state: &State, region: &str, product: Option<&str>, image_no: Option<&str>) -> Option<String> {
    if let Some(no) = image_no {
        let image = state.vpc.server_images.find(no, Some(region))?;
        return Some(c(&image.rec.hypervisor_type).to_string());
    }
    let code = product?;
    let known = state
        .vpc
        .products
        .iter()
        .any(|p| is(&p.product_code, code) && in_region(&p.region_code, region));
    known.then(|| "XEN".to_string())
}

/// The spec of a server product code, or of a spec code.
pub fn spec_of<'a>(
    state: &'a State,
    region: &str,
    product: Option<&str>,
    spec: Option<&str>,
) -> Option<&'a ServerSpec> {
    state
        .vpc
        .server_specs
        .iter()
        .filter(|s| in_region(&s.region_code, region))
        .find(|s| {
            spec.is_some_and(|x| is(&s.server_spec_code, x)) || product.is_some_and(|x| is(&s.server_product_code, x))
        })
}

/// `getServerProductList`: the server products (specs) an OS image product runs on, in a zone.
pub fn get_server_product_list(cx: &mut Cx<'_>) -> Answer {
    let (p, region, _) = cx.start();
    let state = &*cx.state;
    let mut hypervisor = None;
    if let Some(no) = p.str("memberServerImageInstanceNo") {
        state
            .vpc
            .member_server_image_instances
            .find(no, Some(&region))
            .ok_or_else(|| faults::image_not_found(Kind::MemberServerImageInstance.label(), no))?;
        hypervisor = Some("XEN".to_string());
    }
    if let Some(code) = p.str("serverImageProductCode") {
        hypervisor = Some(
            image_hypervisor(state, &region, Some(code), None)
                .ok_or_else(|| faults::image_not_found("server image product", code))?,
        );
    }
    let items = state
        .vpc
        .server_products
        .iter()
        .filter(|x| in_region(&x.region_code, &region))
        .filter(|x| {
            p.str("zoneCode")
                .is_none_or(|z| x.zone_code_list.as_ref().is_none_or(|l| l.iter().any(|y| y == z)))
        })
        .filter(|x| p.str("productCode").is_none_or(|c| is(&x.product_code, c)))
        .filter(|x| p.str("exclusionProductCode").is_none_or(|c| !is(&x.product_code, c)))
        .filter(|x| p.str("generationCode").is_none_or(|g| is(&x.generation_code, g)))
        .filter(|x| {
            let spec = spec_of(state, &region, x.product_code.as_deref(), None);
            hypervisor
                .as_deref()
                .is_none_or(|h| spec.is_some_and(|s| c(&s.hypervisor_type) == h))
        })
        .map(wire)
        .collect();
    cx.list(items)
}

fn specs<'a>(state: &'a State, region: &'a str) -> impl Iterator<Item = &'a ServerSpec> + 'a {
    state
        .vpc
        .server_specs
        .iter()
        .filter(move |s| in_region(&s.region_code, region))
}

/// `getServerSpecList`: the specs of the region, of a zone, of the hypervisor a server image runs on.
pub fn get_server_spec_list(cx: &mut Cx<'_>) -> Answer {
    let (p, region, _) = cx.start();
    let state = &*cx.state;
    let codes = p.list("serverSpecCodeList");
    let hypervisors = p.list("hypervisorCodeList");
    let from_image = match p.str("serverImageNo") {
        Some(no) => Some(
            image_hypervisor(state, &region, None, Some(no))
                .ok_or_else(|| faults::image_not_found(Kind::ServerImage.label(), no))?,
        ),
        None => None,
    };
    let items = specs(state, &region)
        .filter(|s| text_in(&s.server_spec_code, &codes))
        .filter(|s| code_in(&s.hypervisor_type, &hypervisors))
        .filter(|s| from_image.as_deref().is_none_or(|h| c(&s.hypervisor_type) == h))
        .filter(|s| {
            p.str("zoneCode")
                .is_none_or(|z| s.zone_code_list.as_ref().is_none_or(|l| l.iter().any(|y| y == z)))
        })
        .map(wire)
        .collect();
    cx.list(items)
}
