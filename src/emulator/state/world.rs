//! Everything each platform holds: look-ups (plain lists a fixture gives: regions, zones, products,
//! VPC access control rules) and stores of records with a life ([`Store`]). A fixture's `classic` and
//! `vpc` objects are read straight into these structs (unknown keys refused); each store is declared
//! once, in the macro call, which also makes it part of [`ClassicWorld::tick`] / [`VpcWorld::tick`].

use super::life::{Delay, Entry, Resource, Step, Store};
use super::plans::image;
use super::Settings;
use crate::emulator::model::*;
use serde::Deserialize;
use std::time::Instant;

const GIB: i64 = 1 << 30;

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

world!(
    /// The Classic platform (`server/v2`, `loadbalancer/v2`). Fixture key `classic`.
    ClassicWorld {
        lists {
            regions: ClassicRegion,
            zones: ClassicZone,
            /// OS images (`getServerImageProductList`).
            products: Product,
            /// Server specs (`getServerProductList`, `serverProductCode`). Fixture key `serverProducts`.
            server_products: Product,
            raids: ClassicRaid,
            /// Fixture key `privateSubnets`.
            private_subnets: PrivateSubnet,
            /// One per zone. Fixture key `portForwardingConfigurations`.
            port_forwarding_configurations: PortForwardingConfig,
            /// Fixture key `portForwardingRules`.
            port_forwarding_rules: PortForwardingEntry,
            /// The load balancers' SSL certificates (by `certificateName`).
            ssl_certificates: SslCertificate,
            /// The monitoring API's metrics and how their values go (`emulator::monitoring::series`).
            metrics: crate::emulator::monitoring::MetricSeries,
            /// The geolocation API's networks (`emulator::geolocation::table`; the API serves both
            /// platforms, its model files it with the Classic ones). Fixture key `geoLocations`.
            geo_locations: crate::emulator::geolocation::GeoNetwork,
        }
        stores {
            servers: ClassicServer,
            /// Fixture key `memberServerImages`.
            member_server_images: ClassicImage,
            snapshots: ClassicSnapshot,
            block_storages: ClassicBlockStorage,
            public_ips: ClassicPublicIp,
            login_keys: LoginKey,
            access_control_groups: AccessControlGroup,
            access_control_rules: AccessControlRule,
            network_interfaces: ClassicNetworkInterface,
            nas_volumes: NasVolume,
            load_balancers: LoadBalancer,
            init_scripts: InitScript,
        }
    }
);

world!(
    /// The VPC platform (`vserver/v2`, `vpc/v2`). Fixture key `vpc`.
    VpcWorld {
        lists {
            regions: Region,
            zones: Zone,
            products: Product,
            /// Inbound and outbound rules of every access control group (they have no number of
            /// their own; `accessControlGroupNo` names the group).
            access_control_group_rules: AccessControlGroupRule,
            /// Server specs (`getServerSpecList`), each naming its server product.
            server_specs: ServerSpec,
            /// Server products (`getServerProductList`): the specs as products.
            server_products: Product,
            /// RAID types of bare-metal servers (`getRaidList`).
            raids: Raid,
            /// Block storage volume types per hypervisor (`getBlockStorageVolumeTypeList`).
            block_storage_volume_types: VolumeType,
            fabric_cluster_pools: FabricClusterPool,
            /// The flow log settings of the network interfaces whose flow log is enabled.
            flow_logs: FlowLogConfiguration,
        }
        stores {
            servers: VpcServer,
            member_server_image_instances: MemberInstance,
            server_images: ServerImage,
            snapshots: Snapshot,
            block_storages: BlockStorage,
            public_ips: PublicIp,
            login_keys: LoginKey,
            access_control_groups: VpcAccessControlGroup,
            network_interfaces: NetworkInterface,
            vpcs: Vpc,
            subnets: Subnet,
            placement_groups: PlacementGroup,
            init_scripts: InitScript,
            fabric_clusters: FabricCluster,
        }
    }
);

/// Share fields every image shows, and the creation of an image a fixture gives as `INIT` resumed:
/// it finishes `createDelayMs` after the fixture was loaded, with the block-storage totals it states
/// (one 50 GiB volume when it states none).
fn prepare_image<T: Resource + 'static>(
    e: &mut Entry<T>,
    now: Instant,
    share: impl FnOnce(&mut T),
    totals: Option<Totals<T>>,
) {
    share(&mut e.rec);
    let creating = e.rec.status() == "INIT" && e.rec.operation() != "TERMT";
    if creating {
        let step = Step::to(Delay::Create, image::CREATED);
        e.since = now;
        e.plan = vec![Step { then: totals, ..step }].into();
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
        for e in &mut self.member_server_images.items {
            e.region = Some(e.region.clone().unwrap_or_else(|| "1".into()));
            let (rows, size) = (
                e.rec.member_server_image_block_storage_total_rows,
                e.rec.member_server_image_block_storage_total_size,
            );
            let totals: Totals<ClassicImage> = Box::new(move |i: &mut ClassicImage| {
                i.member_server_image_block_storage_total_rows = Some(rows.unwrap_or(1));
                i.member_server_image_block_storage_total_size = Some(size.unwrap_or(50 * GIB));
            });
            prepare_image(
                e,
                now,
                |i| share_defaults(&mut i.share_status, &mut i.shared_login_id_list),
                Some(totals),
            );
        }
    }
}

impl VpcWorld {
    /// Readies freshly loaded records: images belong to their region (the first one when they name none).
    pub fn prepare(&mut self, now: Instant) {
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
            let totals: Totals<MemberInstance> = Box::new(move |i: &mut MemberInstance| {
                i.member_server_image_block_storage_total_rows = Some(rows.unwrap_or(1));
                i.member_server_image_block_storage_total_size = Some(size.unwrap_or(50 * GIB));
            });
            prepare_image(
                e,
                now,
                |i| share_defaults(&mut i.share_status, &mut i.shared_login_id_list),
                Some(totals),
            );
        }
        for e in &mut self.server_images.items {
            e.region = Some(e.region.clone().unwrap_or_else(|| first.clone()));
            prepare_image(
                e,
                now,
                |i| share_defaults(&mut i.share_status, &mut i.shared_login_id_list),
                None,
            );
        }
    }
}
