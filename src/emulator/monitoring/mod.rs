//! Classic monitoring API (`/monitoring/v2`): one module per `group` of `model/monitoring.toml`, one
//! handler function per action (see `handler.rs`); [`series`] holds what the scenario says of the
//! metrics and computes their values.

pub mod metrics;
pub mod series;

#[cfg(test)]
mod tests;
