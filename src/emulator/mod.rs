//! The embedded NCP emulator: a real HTTP server that checks signatures like the API gateway, keeps
//! image state, and answers in XML or JSON in the shapes of the real API.

pub mod faults;
pub mod handlers;
pub mod model;
pub mod render;
pub mod rules;
pub mod server;
pub mod state;

pub use server::{start, EmulatorHandle, EmulatorOptions};
