//! Classic server API (`/server/v2`): one module per `group` of `model/server.toml`, one handler
//! function per action (see `handler.rs`); the other modules hold what several groups share (the
//! region and zone of a call, launching, root passwords, NAS parts). The RSA of login keys and root
//! passwords is `emulator::crypto`, shared with the VPC cloud.

pub mod acgs;
pub mod block_storage;
pub mod common;
pub mod images;
pub mod launch;
pub mod login_keys;
pub mod lookups;
pub mod nas;
pub mod nas_access;
pub mod nas_found;
pub mod nas_snapshots;
pub mod nas_volumes;
pub mod network_interfaces;
pub mod passwords;
pub mod port_forwarding;
pub mod public_ips;
pub mod servers;
pub mod snapshots;
pub mod tags;

#[cfg(test)]
mod tests;
