//! The embedded NCP emulator: a real HTTP server that checks signatures like the API gateway, keeps
//! typed state for every resource of the APIs it serves, and answers in XML or JSON in the shapes of the
//! real API.
//!
//! - **Serving**: [`http`] (lifetime, connections, reading and routing requests), [`gateway`] (access
//!   key, timestamp window, signature), [`chaos`] (chaos mode, injected faults), [`call`] (one API call),
//!   [`reply`] (the answers), [`render`] (an answer's fields through the action's response model),
//!   [`site`] (the NCP site it plays: its regions, and the hosts it answers on).
//! - **Rules**: [`rules`] reads a request without the client's catalog (lists and objects at any depth)
//!   and checks it against the rules each handler declares: the emulator keeps its own rules so that it
//!   can disagree with the client.
//! - **Dispatch**: [`handler::dispatch`] is generated from the model (`build/emit.rs`): a `match` over
//!   every action calling `<api>::<group>::<action in snake case>`; handlers live in
//!   `src/emulator/<api>/<group>.rs` ([`server`], [`vserver`], [`vpc`], [`loadbalancer`], [`monitoring`], [`geolocation`]), so an action without a handler does not
//!   compile and adding one touches its group file only.
//! - **State**: [`model`] (the records, the emulator's own structs), [`state`] (stores of records with
//!   their plans, the timed transitions of [`state::plans`], fixtures, ids from one counter).

pub mod call;
pub mod chaos;
pub mod crypto;
pub mod faults;
pub mod gateway;
pub mod geolocation;
pub mod handler;
pub mod http;
pub mod loadbalancer;
pub mod model;
pub mod monitoring;
pub mod render;
pub mod reply;
pub mod rules;
pub mod server;
pub mod site;
pub mod state;
pub mod vpc;
pub mod vserver;

#[cfg(test)]
mod tests;

pub use gateway::{DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY};
pub use http::{start, EmulatorHandle, EmulatorOptions, DEFAULT_HEADER_TIMEOUT};
