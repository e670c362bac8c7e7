//! Classic server API (`/server/v2`): one module per `group` of `model/server.toml`, one handler
//! function per action (see `handler.rs`).

pub mod images;
pub mod lookups;
pub mod servers;
pub mod snapshots;
