//! VPC server API (`/vserver/v2`): one module per `group` of `model/vserver.toml`, one handler function
//! per action (see `handler.rs`). Every call belongs to a region (`regionCode`, the first region when
//! absent; `cx.region()`).

pub mod acgs;
pub mod block_storage;
pub mod fabric_clusters;
pub mod flow_logs;
pub mod found;
pub mod images;
pub mod init_scripts;
pub mod launch;
pub mod login_keys;
pub mod lookups;
pub mod network_interfaces;
pub mod placement_groups;
pub mod public_ips;
pub mod secondary_ips;
pub mod servers;
pub mod snapshots;
pub mod volumes;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_storage;
