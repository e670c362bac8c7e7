//! Everything each platform holds: look-ups (plain lists a fixture gives: regions, zones, products,
//! VPC access control rules) and stores of records with a life ([`Store`]). A fixture's `classic` and
//! `vpc` objects are read straight into these structs (unknown keys refused). The lists and stores are
//! the model's kinds (`[kinds.*]`, `stores`): the `world!` call that declares them is generated, which
//! also makes each store part of [`ClassicWorld::tick`] / [`VpcWorld::tick`].

use super::life::{Entry, Phase, Record, Resource, Store, Stored};
use super::snapshot::{self, EntryState, Timing};
use super::Settings;
use crate::emulator::model::*;
use serde::Deserialize;
use serde_json::Value;
use std::time::Instant;

macro_rules! world {
    ($(#[$m:meta])* $name:ident {
        lists { $($(#[$lm:meta])* $l:ident : $lt:ty),* $(,)? }
        stores { $($(#[$sm:meta])* $f:ident : $t:ty),* $(,)? }
    }) => {
        $(#[$m])*
        #[derive(Debug, Default, Deserialize)]
        #[serde(rename_all = "camelCase", default, deny_unknown_fields)]
        pub struct $name {
            $($(#[$lm])* pub $l: Vec<$lt>,)*
            $($(#[$sm])* pub $f: Store<$t>,)*
        }

        impl $name {
            /// Applies every step due by `now`, in every store.
            pub fn tick(&mut self, now: Instant, settings: &Settings) {
                $(self.$f.tick(now, settings);)*
            }

            /// Its look-ups and stores: fixture key (snake case), kind, and whether it is a look-up.
            pub const CONTENTS: &'static [(&'static str, Kind, bool)] = &[
                $((stringify!($l), <$lt as Record>::KIND, true),)*
                $((stringify!($f), <$t as Record>::KIND, false),)*
            ];

            /// Whether `key` (camel case) names one of its stores.
            pub fn has_store(key: &str) -> bool {
                false $(|| camel(stringify!($f)) == key)*
            }

            /// Its look-ups and stores as a fixture has them, the stores' pending transitions and
            /// regions in `out` (`snapshot::store`).
            pub fn snapshot(&mut self, platform: &str, timing: Timing, out: &mut Vec<EntryState>) -> Value {
                let mut m = serde_json::Map::new();
                $(m.insert(camel(stringify!($l)), serde_json::to_value(&self.$l).unwrap_or(Value::Null));)*
                $(
                    let key = camel(stringify!($f));
                    let records = snapshot::store(&mut self.$f, &format!("{platform}.{key}"), timing, out);
                    m.insert(key, records);
                )*
                Value::Object(m)
            }

            /// Restores its stores' regions and pending transitions from a snapshot's entries.
            pub fn restore(&mut self, platform: &str, states: &[EntryState], now: Instant) -> Result<(), String> {
                $(
                    let key = format!("{platform}.{}", camel(stringify!($f)));
                    snapshot::restore_store(&mut self.$f, &snapshot::of_store(states, &key), now)?;
                )*
                Ok(())
            }
        }
    };
}

// The platforms' lists and stores, and each stored kind's `Resource`: generated from the model's
// `[kinds.*]` (`build/emit_kinds.rs`).
include!(concat!(env!("OUT_DIR"), "/world.rs"));

/// Share fields every image shows, and the creation of an image a fixture gives as `INIT` resumed:
/// it finishes `createDelayMs` after the fixture was loaded, with the block-storage totals it states
/// (one 50 GiB volume when it states none).
fn prepare_image<T: Resource + 'static>(
    e: &mut Entry<T>,
    now: Instant,
    creation: &str,
    share: impl FnOnce(&mut T),
    totals: Option<Totals<T>>,
) {
    share(&mut e.rec);
    let creating = e.rec.status() == "INIT" && e.rec.operation() != "TERMT";
    if creating {
        e.resume(now, creation);
        if let Some(totals) = totals {
            e.then(totals);
        }
    }
}

type Totals<T> = Box<dyn FnOnce(&mut T) + Send>;

fn share_defaults(status: &mut Option<Code>, list: &mut Option<Vec<String>>) {
    if status.is_none() {
        *status = Some(super::images::share_status(false));
    }
    if list.is_none() {
        *list = Some(Vec::new());
    }
}

impl ClassicWorld {
    /// Readies freshly loaded records: images belong to their region (`1` when they name none).
    pub fn prepare(&mut self, now: Instant) {
        self.parent_regions();
        for e in &mut self.member_server_images.items {
            e.region = Some(e.region.clone().unwrap_or_else(|| "1".into()));
            let (rows, size) = (
                e.rec.member_server_image_block_storage_total_rows,
                e.rec.member_server_image_block_storage_total_size,
            );
            let totals: Totals<MemberServerImage> = Box::new(move |i: &mut MemberServerImage| {
                i.member_server_image_block_storage_total_rows = Some(rows.unwrap_or(1));
                i.member_server_image_block_storage_total_size = Some(size.unwrap_or(50 * GIB));
            });
            prepare_image(
                e,
                now,
                "createMemberServerImage",
                |i| share_defaults(&mut i.share_status, &mut i.shared_login_id_list),
                Some(totals),
            );
        }
    }
}

/// The network ACL NCP makes with a VPC, numbered `no` (`<vpc name>-default-network-acl`).
pub fn default_network_acl(vpc: &Vpc, no: &str) -> NetworkAcl {
    NetworkAcl {
        network_acl_no: Some(no.to_string()),
        network_acl_name: vpc.vpc_name.as_ref().map(|n| format!("{n}-default-network-acl")),
        vpc_no: vpc.vpc_no.clone(),
        network_acl_status: vpc.vpc_status.clone(),
        create_date: vpc.create_date.clone(),
        is_default: Some(true),
        ..NetworkAcl::default()
    }
}

/// The route tables NCP makes with a VPC, as its `default…RouteTableNo` fields number them: one for
/// its public subnets, one for its private ones (`<vpc name>-default-public-table` ...).
pub fn default_route_tables(vpc: &Vpc) -> Vec<RouteTable> {
    let tables = [
        ("PUBLIC", "public", &vpc.default_public_route_table_no),
        ("PRIVATE", "private", &vpc.default_private_route_table_no),
    ];
    tables
        .into_iter()
        .filter_map(|(code, word, no)| {
            Some(RouteTable {
                route_table_no: Some(no.clone()?),
                route_table_name: vpc.vpc_name.as_ref().map(|n| format!("{n}-default-{word}-table")),
                region_code: vpc.region_code.clone(),
                vpc_no: vpc.vpc_no.clone(),
                supported_subnet_type: Some(Code::of(names::SUBNET_TYPE, code)),
                is_default: Some(true),
                route_table_status: vpc.vpc_status.clone(),
                route_table_description: Some(String::new()),
            })
        })
        .collect()
}

/// The routes every route table starts with, which it keeps (NCP's getRouteList example): its VPC's
/// block to the VPC itself (`LOCAL`), and for public subnets everything else to the internet gateway
/// (`IGW`).
pub fn default_routes(table: &RouteTable, vpc: &Vpc) -> Vec<Route> {
    let route = |destination: &str, target: &str, name: &str| Route {
        destination_cidr_block: Some(destination.to_string()),
        target_name: Some(name.to_string()),
        route_table_no: table.route_table_no.clone(),
        target_type: Some(Code::of(names::ROUTE_TARGET_TYPE, target)),
        target_no: Some(String::new()),
        is_default: Some(true),
        vpc_no: table.vpc_no.clone(),
    };
    let mut routes = vec![route(
        vpc.ipv4_cidr_block.as_deref().unwrap_or_default(),
        "LOCAL",
        "LOCAL",
    )];
    if table.supported_subnet_type.as_ref().is_some_and(|t| t.code == "PUBLIC") {
        routes.push(route("0.0.0.0/0", "IGW", "INTERNET GATEWAY"));
    }
    routes
}

impl VpcWorld {
    /// Readies freshly loaded records: a VPC's defaults its fields number (its network ACL, its
    /// public and private route tables with their routes) are records, made from the VPC where the
    /// fixture gives none; a subnet is associated with its VPC's default route table of its type when
    /// the fixture names none; images belong to their region (the first one when they name none),
    /// subnets, network ACLs and the like to their VPC's.
    pub fn prepare(&mut self, now: Instant) {
        for v in &self.vpcs.items {
            let acl = v.rec.default_network_acl_no.as_deref();
            if let Some(no) = acl.filter(|no| self.network_acls.find(no, None).is_none()) {
                self.network_acls
                    .items
                    .push(Entry::new(default_network_acl(&v.rec, no), now));
            }
            for table in default_route_tables(&v.rec) {
                if self.route_tables.find(table.no(), None).is_some() {
                    continue;
                }
                self.routes.extend(default_routes(&table, &v.rec));
                self.route_tables.items.push(Entry::new(table, now));
            }
        }
        for e in &mut self.subnets.items {
            if e.rec.route_table_no.is_some() {
                continue;
            }
            let public = e.rec.subnet_type.as_ref().is_some_and(|t| t.code == "PUBLIC");
            let vpc = self.vpcs.rec(&e.rec.vpc_no);
            e.rec.route_table_no = vpc.and_then(|v| match public {
                true => v.default_public_route_table_no.clone(),
                false => v.default_private_route_table_no.clone(),
            });
        }
        self.parent_regions();
        let first = self
            .regions
            .first()
            .and_then(|r| r.region_code.clone())
            .unwrap_or_else(|| "KR".to_string());
        for e in &mut self.member_server_image_instances.items {
            e.region = Some(e.region.clone().unwrap_or_else(|| first.clone()));
            let (rows, size) = (
                e.rec.member_server_image_block_storage_total_rows,
                e.rec.member_server_image_block_storage_total_size,
            );
            let totals: Totals<MemberServerImageInstance> = Box::new(move |i: &mut MemberServerImageInstance| {
                i.member_server_image_block_storage_total_rows = Some(rows.unwrap_or(1));
                i.member_server_image_block_storage_total_size = Some(size.unwrap_or(50 * GIB));
            });
            prepare_image(
                e,
                now,
                "createMemberServerImageInstance",
                |i| share_defaults(&mut i.share_status, &mut i.shared_login_id_list),
                Some(totals),
            );
        }
        for e in &mut self.server_images.items {
            e.region = Some(e.region.clone().unwrap_or_else(|| first.clone()));
            prepare_image(
                e,
                now,
                "createServerImage",
                |i| share_defaults(&mut i.share_status, &mut i.shared_login_id_list),
                None,
            );
        }
    }
}
