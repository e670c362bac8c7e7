//! Classic look-ups: regions, zones, OS image products.

use crate::emulator::handler::prelude::*;

/// `getServerImageProductList`
pub fn get_server_image_product_list(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    cx.list(products(cx.state.classic.products.iter(), &p))
}

/// OS image products (both platforms) filtered by the parameters their look-ups share. Bare-metal images
/// only when asked for (`infraResourceDetailTypeCode=BM`); other detail codes filter too.
pub fn products<'a>(items: impl Iterator<Item = &'a Product>, p: &Params) -> Vec<Value> {
    let platforms = p.list("platformTypeCodeList");
    let size = p.int("blockStorageSize").map(|gb| gb * GIB);
    let detail_type = p.str("infraResourceDetailTypeCode");
    let code_is = |f: &Option<Code>, want: &str| f.as_ref().is_some_and(|c| c.code == want);
    items
        .filter(|v| p.str("productCode").is_none_or(|c| is(&v.product_code, c)))
        .filter(|v| p.str("exclusionProductCode").is_none_or(|c| !is(&v.product_code, c)))
        .filter(|v| code_in(&v.platform_type, &platforms))
        .filter(|v| size.is_none_or(|sz| v.base_block_storage_size == Some(sz)))
        .filter(|v| match detail_type {
            Some(t) => code_is(&v.infra_resource_detail_type, t),
            None => !code_is(&v.infra_resource_detail_type, "BM"),
        })
        .map(wire)
        .collect()
}

/// `getServerProductList`: the server products (specs) an OS image can run on: every product of the
/// fixture's `serverProducts` whose disk is large enough for the image, filtered by the parameters.
/// An unknown image is `10404`.
pub fn get_server_product_list(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let image = p.str("serverImageProductCode").unwrap_or_default();
    let found = cx.state.classic.products.iter().find(|x| is(&x.product_code, image));
    let Some(image) = found else {
        return Err(faults::product_not_found("server image product", image));
    };
    let needs = image.base_block_storage_size.unwrap_or(0);
    let items = cx
        .state
        .classic
        .server_products
        .iter()
        .filter(|v| v.base_block_storage_size.is_none_or(|s| s >= needs))
        .filter(|v| p.str("productCode").is_none_or(|c| is(&v.product_code, c)))
        .filter(|v| p.str("exclusionProductCode").is_none_or(|c| !is(&v.product_code, c)))
        .filter(|v| p.str("generationCode").is_none_or(|c| is(&v.generation_code, c)))
        .map(wire)
        .collect();
    cx.list(items)
}
