//! Classic load balancer API (`/loadbalancer/v2`): one module per `group` of `model/loadbalancer.toml`,
//! one handler function per action (see `handler.rs`).

pub mod load_balancers;

#[cfg(test)]
mod tests;
