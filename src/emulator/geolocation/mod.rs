//! Geolocation API (`/geolocation/v2`): one module per `group` of `model/geolocation.toml`, one handler
//! function per action (see `handler.rs`); [`table`] holds the scenario's networks.

pub mod locations;
pub mod table;
