//! Property tests of the one-pass decoders and of the request encoder (issue 9, item 6), on the public
//! API. Bounded: a few hundred cases each, small values, a few seconds in all.
//!
//! - random answers of every action's response model (and of the hand-built shapes of
//!   `common/mod.rs`), rendered as JSON and as XML, decode to their typed form, and the compat shapes
//!   written by the decoder equal `service::shape` over that form;
//! - the seed bodies (fixtures/wire) and rendered answers, randomly mutated, decode to a value or to an
//!   `ERR_DECODE`/`ERR_API`/`ERR_GATEWAY`/`ERR_AUTH` error: never a panic, never invalid output;
//! - random parameter objects for every method either fail validation or encode to a form body that
//!   parses back to the same pairs.

mod common;

use ncloud::catalog::{Action, FieldType, Model, ACTIONS, COMMON_CODE};
use ncloud::error::ErrorCode;
use ncloud::service::{self, CallDefaults};
use ncloud::wire::{decode_into, decode_response, render_response, typed_item, Format};
use proptest::prelude::*;
use serde_json::{Map, Value};

const CHARS: &[char] = &[
    'a', 'Z', '0', '9', ' ', '-', '.', '<', '>', '&', '"', '\'', '\\', '/', 'é', '가', '😀', '\t', '\n', ';', '#',
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(CHARS), 0..8).prop_map(|cs| cs.into_iter().collect())
}

fn safe_int() -> impl Strategy<Value = i64> {
    prop_oneof![0i64..1000, -(1i64 << 53) + 1..(1i64 << 53)]
}

/// A value of `model` in the typed form (fields present or not, lists of 0-2 items).
fn typed_value(model: &'static Model) -> BoxedStrategy<Value> {
    let fields: Vec<BoxedStrategy<Option<(String, Value)>>> = model
        .fields
        .iter()
        .map(|f| {
            let name = f.name.to_string();
            let v: BoxedStrategy<Value> = match f.ty {
                FieldType::Str => text().prop_map(Value::String).boxed(),
                FieldType::Int | FieldType::Long => safe_int().prop_map(Value::from).boxed(),
                FieldType::Float => prop_oneof![(-1.0e9f64..1.0e9), (-1000i64..1000).prop_map(|n| n as f64 / 8.0)]
                    .prop_map(Value::from)
                    .boxed(),
                FieldType::Bool => any::<bool>().prop_map(Value::Bool).boxed(),
                FieldType::Code => typed_value(&COMMON_CODE),
                FieldType::Obj(m) => typed_value(m),
                FieldType::StrList => prop::collection::vec(text().prop_map(Value::String), 0..3)
                    .prop_map(Value::Array)
                    .boxed(),
                FieldType::List(m) => prop::collection::vec(typed_value(m), 0..2)
                    .prop_map(Value::Array)
                    .boxed(),
            };
            prop::option::of(v.prop_map(move |v| (name.clone(), v))).boxed()
        })
        .collect();
    fields
        .prop_map(|kv| Value::Object(kv.into_iter().flatten().collect::<Map<String, Value>>()))
        .boxed()
}

/// Every action of the catalog, then the hand-built answer shapes.
fn all_actions() -> Vec<&'static Action> {
    ACTIONS.iter().copied().chain(common::ANSWERS.iter().copied()).collect()
}

fn action_and_answer() -> impl Strategy<Value = (usize, Value)> {
    (0..all_actions().len()).prop_flat_map(|i| typed_value(all_actions()[i].response).prop_map(move |v| (i, v)))
}

/// What decoding the rendered `given` must give, without the envelope: its typed form, `totalRows`
/// (when it counts the list and is not given) the list's length, in the model's order.
fn expected(action: &'static Action, given: &Value) -> Value {
    let typed = typed_item(action.response, given);
    let mut out = Map::new();
    for f in action.response.fields {
        match (typed.get(f.name), action.list) {
            (Some(v), _) => {
                out.insert(f.name.into(), v.clone());
            }
            (None, Some(list)) if f.name == "totalRows" && action.total_rows => {
                let n = typed[list.name].as_array().map_or(0, Vec::len);
                out.insert(f.name.into(), Value::from(n));
            }
            _ => {}
        }
    }
    Value::Object(out)
}

fn seed_bodies() -> Vec<Vec<u8>> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/wire");
    let mut bodies: Vec<Vec<u8>> = std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .filter_map(|e| std::fs::read(e.path()).ok())
                .collect()
        })
        .unwrap_or_default();
    bodies.sort();
    bodies
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn rendered_answers_decode_to_their_typed_form_in_both_formats((i, given) in action_and_answer()) {
        let action = all_actions()[i];
        let want = expected(action, &given);
        let fields = given.as_object().cloned().unwrap_or_default();
        for format in [Format::Json, Format::Xml] {
            let body = render_response(action, &fields, "rid", format);
            let mut got = decode_response(action, 200, body.as_bytes())
                .map_err(|e| TestCaseError::fail(format!("{format:?}: {} in {body}", e.message)))?;
            let envelope: Vec<Value> = ["requestId", "returnCode", "returnMessage"]
                .iter()
                .filter_map(|k| got.as_object_mut().and_then(|o| o.shift_remove(*k)))
                .collect();
            prop_assert_eq!(envelope, vec![Value::from("rid"), Value::from("0"), Value::from("success")]);
            // The same fields, typed, in the same (the model's) order.
            prop_assert_eq!(got.to_string(), want.to_string(), "{:?}: {}", format, body);
            // Compat shapes: the decoder's own writing equals the reference over the typed form.
            for m in service::methods().iter().filter(|m| std::ptr::eq(m.action, action)) {
                let mut text = String::new();
                decode_into(action, m.shape.wire(), 200, body.as_bytes(), &mut text)
                    .map_err(|e| TestCaseError::fail(e.message))?;
                let shaped: Value = serde_json::from_str(&text).map_err(|e| TestCaseError::fail(e.to_string()))?;
                let full = decode_response(action, 200, body.as_bytes()).map_err(|e| TestCaseError::fail(e.message))?;
                prop_assert_eq!(shaped.to_string(), service::shape(m, full).to_string(), "{}", m.name);
            }
        }
    }

    #[test]
    fn mutated_bodies_decode_or_fail_cleanly(
        pick in any::<prop::sample::Index>(),
        action in 0..all_actions().len(),
        status in prop::sample::select(vec![200u16, 400, 401, 500]),
        edits in prop::collection::vec((any::<prop::sample::Index>(), 0u8..4, any::<u8>()), 1..6),
    ) {
        let action = all_actions()[action];
        let mut bodies = seed_bodies();
        let item = serde_json::json!({"serverImageNo": "1", "memberServerImageNo": "2", "blockStorageMappingList": [{"order": 0}]});
        let mut fields = Map::new();
        if let Some(list) = action.list {
            fields.insert(list.name.to_string(), Value::Array(vec![item]));
        }
        for format in [Format::Json, Format::Xml] {
            bodies.push(render_response(action, &fields, "r", format).into_bytes());
        }
        let mut body = bodies[pick.index(bodies.len())].clone();
        for (at, op, byte) in edits {
            if body.is_empty() {
                break;
            }
            let at = at.index(body.len());
            match op {
                0 => body[at] = byte,
                1 => {
                    body.remove(at);
                }
                2 => body.insert(at, byte),
                _ => body.truncate(at),
            }
        }
        match decode_response(action, status, &body) {
            Ok(v) => prop_assert!(v.is_object()),
            Err(e) => prop_assert!(
                matches!(e.code, ErrorCode::Decode | ErrorCode::Api | ErrorCode::Gateway | ErrorCode::Auth),
                "{:?}: {}", e.code, e.message
            ),
        }
    }

    #[test]
    fn random_parameters_validate_or_encode_losslessly(
        m in any::<prop::sample::Index>(),
        entries in prop::collection::vec((any::<prop::sample::Index>(), 0u8..6, text(), safe_int()), 0..5),
    ) {
        let methods = service::methods();
        let method = &methods[m.index(methods.len())];
        let names: Vec<&str> = method.action.params.iter().map(|p| p.name).chain(["junk"]).collect();
        let mut params = Map::new();
        for (k, kind, s, n) in entries {
            let v = match kind {
                0 => Value::String(s),
                1 => Value::from(n),
                2 => Value::Bool(n % 2 == 0),
                3 => Value::Array(vec![Value::String(s), Value::from(n)]),
                4 => Value::Null,
                _ => Value::String(n.to_string()),
            };
            params.insert(names[k.index(names.len())].to_string(), v);
        }
        let defaults = CallDefaults { region_code: Some("KR".into()), region_no: Some("1".into()), ..CallDefaults::default() };
        if let Ok(pairs) = service::prepare(method, &Value::Object(params), &defaults) {
            let body = ncloud::encoding::encode_pairs(&pairs);
            let back: Vec<(String, String)> = form_urlencoded::parse(body.as_bytes()).into_owned().collect();
            prop_assert_eq!(back, pairs);
        }
    }
}
