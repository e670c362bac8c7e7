//! ncloud: the Rust core of the `ncloud` Node.js package.
//!
//! - [`signing`]: API Gateway signature v2.
//! - [`encoding`]: flattened parameters and the RFC 3986 encoder.
//! - [`transport`]: reqwest client and timeouts; [`retry`]: the one retry strategy.
//! - [`wire`]: XML and JSON decoding into the typed models, and rendering for the emulator.
//! - [`catalog`]: the one declaration of every action and model; [`site`]: NCP's three sites.
//! - [`validate`]: input validation driven by the catalog.
//! - [`service`] and [`compat`]: the client's methods and the old client's result shapes.
//! - [`emulator`]: the embedded NCP emulator.
//! - [`bindings`]: the thin napi layer.
//! - `alloc` (Linux, glibc): the core's allocator, large blocks as mappings of their own.

// `Error` is a flat, 136-byte record so that every field reaches JavaScript as is; it only travels on
// the failure path, where boxing it would buy nothing measurable.
#![allow(clippy::result_large_err)]

#[cfg(all(target_os = "linux", target_env = "gnu"))]
mod alloc;
/// The core's own allocations only: the host process's `malloc` and its settings are left alone.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[global_allocator]
static CORE_ALLOC: alloc::CoreAlloc = alloc::CoreAlloc;

pub mod bindings;
pub mod catalog;
pub mod compat;
pub mod emulator;
pub mod encoding;
pub mod error;
pub mod lifetime;
pub mod retry;
pub mod service;
pub mod signing;
pub mod site;
pub mod transport;
pub mod validate;
pub mod wire;
