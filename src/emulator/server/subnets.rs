//! Classic private subnets: a look-up over the fixture's `privateSubnets`.

use super::common;
use crate::emulator::handler::prelude::*;

/// `getPrivateSubnetInstanceList`
pub fn get_private_subnet_instance_list(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let items = cx
        .state
        .classic
        .private_subnets
        .iter()
        .filter(|s| common::in_place(&s.region, &s.zone, &p))
        .map(wire)
        .collect();
    cx.page(items, &p)
}
