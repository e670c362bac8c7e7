//! Rendering an answer's fields with the action's response model (`wire::render_response`). Rendering
//! through the model keeps only the model's fields: fields the emulator's records hold for themselves
//! never reach the wire, and a field the model lacks shows up in the test
//! `every_record_field_is_in_the_model` instead of vanishing unseen.

pub use crate::wire::render_response;
