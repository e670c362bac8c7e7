//! VPC server API (`/vserver/v2`): one module per `group` of `model/vserver.toml`, one handler function
//! per action (see `handler.rs`). Every call belongs to a region (`regionCode`, the first region when
//! absent; `cx.region()`).

pub mod acgs;
pub mod images;
pub mod lookups;
pub mod servers;
pub mod snapshots;
