//! The embedded NCP emulator: a real HTTP server that checks signatures like the API gateway, keeps
//! image state, and answers in XML or JSON in the shapes of the real API.

pub mod call;
pub mod chaos;
pub mod faults;
pub mod gateway;
pub mod handlers;
pub mod http;
pub mod model;
pub mod render;
pub mod reply;
pub mod rules;
pub mod state;

pub use gateway::{DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY};
pub use http::{start, EmulatorHandle, EmulatorOptions, DEFAULT_HEADER_TIMEOUT};
