//! Rendering an answer's fields with the action's response model.
//!
//! Adapter until `wire::render_response(action, fields, request_id, format)` (which renders any answer
//! of `Action.response`) is in this branch: today's answers all have a list, which
//! `wire::render_success` renders; switching over is replacing the body of [`render_response`] with a
//! call to it. Rendering through the model keeps only the model's fields: fields the emulator's records
//! hold for themselves never reach the wire, and a field the model lacks shows up in the test
//! `every_record_field_is_in_the_model` instead of vanishing unseen.

use crate::catalog::Action;
use crate::wire::{render_success, Format};
use serde_json::{Map, Value};

pub fn render_response(action: &Action, fields: &Map<String, Value>, request_id: &str, format: Format) -> String {
    let items = fields.get(action.list).and_then(Value::as_array);
    let items = items.map(Vec::as_slice).unwrap_or_default();
    let total = fields
        .get("totalRows")
        .and_then(Value::as_u64)
        .map_or(items.len(), |n| n as usize);
    render_success(action, items, total, request_id, format)
}
