//! The one declaration of every action and response model. Validation, request encoding, response
//! decoding, the emulator and the TypeScript typings are all driven by these tables.

pub mod actions;
pub mod models;
pub mod waiters;

pub use actions::{action, Action, ActionId, Env, Param, ParamKind, Req, Rule, ACTIONS};
pub use models::{Field, FieldType, Model};
