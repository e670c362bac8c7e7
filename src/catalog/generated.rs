//! The model's declarations (`model/*.toml`), written as Rust by `build.rs`.

#![allow(clippy::all)]

use super::types::*;

include!(concat!(env!("OUT_DIR"), "/catalog.rs"));
