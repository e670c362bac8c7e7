//! What both targets check: any bytes after a leading `{` or `<`, for an action and a result shape
//! picked by the first byte, give a value or an error, never a panic or a stack overflow; a value must
//! be valid JSON text, and an error must leave the output buffer as it was.
use ncloud::catalog::ACTIONS;
use ncloud::compat::ImageNameKey;
use ncloud::wire::{decode_into, Shape, View};

pub fn run(data: &[u8], lead: u8) {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let action = ACTIONS[pick as usize % ACTIONS.len()];
    let shape = match pick / 64 {
        0 => Shape::Response,
        1 => Shape::List(View::NumericIds(&[("productCode", "vmImageId")])),
        2 => Shape::List(View::Compat(ImageNameKey::Api)),
        _ => Shape::First(View::Compat(ImageNameKey::Vm)),
    };
    let mut body = Vec::with_capacity(rest.len() + 1);
    body.push(lead);
    body.extend_from_slice(rest);
    let mut out = String::new();
    if decode_into(action, shape, 200, &body, &mut out).is_ok() {
        assert!(
            serde_json::from_str::<serde_json::Value>(&out).is_ok(),
            "invalid output: {out}"
        );
    } else {
        assert!(out.is_empty(), "output left behind on error");
    }
}
