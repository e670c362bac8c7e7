//! The embedded NCP emulator: a real HTTP server that checks signatures like the API gateway, keeps
//! typed state for every resource of the APIs it serves, and answers in XML or JSON in the shapes of the
//! real API.
//!
//! - **Serving**: [`http`] (lifetime, connections, reading and routing requests), [`gateway`] (access
//!   key, timestamp window, signature), [`chaos`] (chaos mode, injected faults), [`call`] (one API call),
//!   [`reply`] (the answers), [`render`] (an answer's fields through the action's response model),
//!   [`site`] (the NCP site it plays: its regions, and the hosts it answers on).
//! - **Rules**: [`rules`] checks every request against the action's declarations in the model (the
//!   client's rules), before its handler runs; `rules::overrides` is the one list of where the
//!   emulator judges otherwise, each with its reason.
//! - **Dispatch**: [`route::dispatch`] is generated from the model (`build/emit.rs`): a `match` over
//!   every action calling the one look-up ([`lookup`]) for the look-ups by convention, and
//!   `<api>::<group>::<action in snake case>` for the others; handlers live in
//!   `src/emulator/<api>/<group>.rs` ([`server`], [`vserver`], [`vpc`], [`loadbalancer`], [`monitoring`],
//!   [`geolocation`]), so an action without a handler does not compile and adding one touches its
//!   group file only.
//! - **State**: [`model`] (the records, generated from the model's `[kinds]`), [`state`] (the stores,
//!   the life cycles the model declares, run on the emulator's timers; fixtures; ids from one counter).
//! - **Owner**: [`control`] (what `emu.*` does to a running emulator: load, snapshot, settings, faults),
//!   [`console`] (the page under `/__console` that shows the state and the log, and drives `control`).
//! - **Layers**: lowest first, model, faults, rules, state, handler, lookup, the APIs, route, gateway,
//!   chaos, call, control, console, http; `tests/layers.rs` refuses a path up this order and any circle between files.

pub mod call;
pub mod chaos;
pub mod console;
pub mod control;
pub mod crypto;
pub mod faults;
pub mod gateway;
pub mod geolocation;
pub mod handler;
pub mod how;
pub mod http;
pub mod loadbalancer;
pub mod lookup;
pub mod model;
pub mod monitoring;
pub mod render;
pub mod reply;
pub mod route;
pub mod rules;
pub mod server;
pub mod shared;
pub mod site;
pub mod state;
pub mod vpc;
pub mod vserver;

#[cfg(test)]
mod snapshot_tests;
#[cfg(test)]
mod tests;

pub use gateway::{DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY};
pub use http::{start, EmulatorHandle, EmulatorOptions, DEFAULT_HEADER_TIMEOUT};
