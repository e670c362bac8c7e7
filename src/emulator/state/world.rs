//! Everything each platform holds: look-ups (plain lists a fixture gives: regions, zones, products,
//! VPC access control rules) and stores of records with a life ([`Store`]). A fixture's `classic` and
//! `vpc` objects are read straight into these structs (unknown keys refused). The lists and stores are
//! the model's kinds (`[kinds.*]`, `stores`): the `world!` call that declares them is generated, which
//! also makes each store part of [`ClassicWorld::tick`] / [`VpcWorld::tick`].

use super::life::{Entry, Phase, Record, Resource, Store, Stored};
use super::Settings;
use crate::emulator::model::*;
use serde::Deserialize;
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

impl VpcWorld {
    /// Readies freshly loaded records: a VPC's default network ACL is a record (made from the VPC when
    /// the fixture gives none), images belong to their region (the first one when they name none),
    /// subnets and network ACLs to their VPC's.
    pub fn prepare(&mut self, now: Instant) {
        for v in &self.vpcs.items {
            let Some(no) = v.rec.default_network_acl_no.clone() else {
                continue;
            };
            if self.network_acls.find(&no, None).is_some() {
                continue;
            }
            let acl = NetworkAcl {
                network_acl_no: Some(no),
                network_acl_name: v.rec.vpc_name.as_ref().map(|n| format!("{n}-default-network-acl")),
                vpc_no: v.rec.vpc_no.clone(),
                network_acl_status: v.rec.vpc_status.clone(),
                create_date: v.rec.create_date.clone(),
                is_default: Some(true),
                ..NetworkAcl::default()
            };
            self.network_acls.items.push(Entry::new(acl, now));
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
