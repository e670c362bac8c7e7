//! VPC look-ups: regions, zones, OS image products.

use crate::emulator::handler::prelude::*;
use crate::emulator::server::lookups::products;

/// `getRegionList`
pub fn get_region_list(cx: &mut Cx<'_>) -> Answer {
    cx.params(&[])?;
    cx.list(cx.state.vpc.regions.iter().map(wire).collect())
}

/// `getZoneList` (of the call's region).
pub fn get_zone_list(cx: &mut Cx<'_>) -> Answer {
    cx.params(&[])?;
    let region = cx.region();
    let zones = cx.state.vpc.zones.iter();
    cx.list(zones.filter(|z| in_region(&z.region_code, region)).map(wire).collect())
}

/// `getServerImageProductList` (XEN images; KVM images are listed by `getServerImageList`).
pub fn get_server_image_product_list(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params(&[("blockStorageSize", &[INT])])?;
    let region = cx.region();
    let items = cx
        .state
        .vpc
        .products
        .iter()
        .filter(|v| in_region(&v.region_code, region));
    cx.list(products(items, &p))
}
