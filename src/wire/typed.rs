//! The typed form of a `Value` under a model: what the decoders write for it. The emulator's answers
//! are rendered through it (`render.rs`), and tests compute the results they expect with it.
//!
//! Lenient, so that a renderer never fails: a value that fits its field is typed as the decoders type
//! it; `null`, an absent field or blank text (for anything but a string) is absent; a scalar that does
//! not fit is kept as it is, so that the client reading the answer reports it; an object or a list that
//! does not fit is dropped. List fields are always present (`[]`). Recursion follows the model.

use super::MAX_SAFE_INTEGER;
use crate::catalog::{FieldType, Model, COMMON_CODE};
use serde_json::{Map, Number, Value};

/// One item of `model` in its typed form (unknown keys dropped, types coerced, in the model's order);
/// `null` when the value is not an object.
pub fn typed_item(model: &'static Model, v: &Value) -> Value {
    match v {
        Value::Object(o) => Value::Object(typed_fields(model, o)),
        _ => Value::Null,
    }
}

/// The fields of `model` found in `obj`, typed, in the model's order; list fields always there.
fn typed_fields(model: &'static Model, obj: &Map<String, Value>) -> Map<String, Value> {
    let mut out = Map::new();
    for field in model.fields {
        if let Some(v) = typed_value(field.ty, obj.get(field.name)) {
            out.insert(field.name.to_string(), v);
        }
    }
    out
}

fn is_blank(v: &Value) -> bool {
    matches!(v, Value::String(s) if s.trim().is_empty())
}

fn is_scalar(v: &Value) -> bool {
    !matches!(v, Value::Array(_) | Value::Object(_))
}

/// A value of a field of type `ty`; `None` when it counts as absent.
pub(super) fn typed_value(ty: FieldType, v: Option<&Value>) -> Option<Value> {
    let v = v.filter(|v| !v.is_null());
    match ty {
        FieldType::StrList => Some(Value::Array(match v {
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(|i| match i {
                    Value::String(_) | Value::Number(_) => text(i),
                    _ => None,
                })
                .collect(),
            Some(s @ Value::String(_)) if !is_blank(s) => vec![s.clone()],
            _ => Vec::new(),
        })),
        FieldType::List(m) => Some(Value::Array(match v {
            Some(Value::Array(items)) => items.iter().filter_map(|i| list_item(m, i)).collect(),
            Some(Value::Object(o)) => vec![Value::Object(typed_fields(m, o))],
            _ => Vec::new(),
        })),
        FieldType::Str => v.and_then(text),
        _ if v.is_none_or(is_blank) => None,
        FieldType::Code => match v {
            Some(Value::Object(o)) => Some(Value::Object(typed_fields(&COMMON_CODE, o))),
            _ => None,
        },
        FieldType::Obj(m) => match v {
            Some(Value::Object(o)) => Some(Value::Object(typed_fields(m, o))),
            _ => None,
        },
        FieldType::Int | FieldType::Long => v.and_then(|v| integer(v).or_else(|| raw_scalar(v))),
        FieldType::Float => v.and_then(|v| float(v).or_else(|| raw_scalar(v))),
        FieldType::Bool => v.and_then(|v| boolean(v).or_else(|| raw_scalar(v))),
    }
}

/// An item of a list of `model` objects: an object, `{}` for blank text, a scalar as it is.
fn list_item(model: &'static Model, v: &Value) -> Option<Value> {
    match v {
        Value::Object(o) => Some(Value::Object(typed_fields(model, o))),
        v if is_blank(v) => Some(Value::Object(Map::new())),
        v => raw_scalar(v),
    }
}

fn raw_scalar(v: &Value) -> Option<Value> {
    is_scalar(v).then(|| v.clone())
}

/// Text, numbers and booleans as text.
fn text(v: &Value) -> Option<Value> {
    match v {
        Value::String(_) => Some(v.clone()),
        Value::Number(n) => Some(Value::String(n.to_string())),
        Value::Bool(b) => Some(Value::String(b.to_string())),
        _ => None,
    }
}

/// A whole number, from a number or numeric text: a number up to 2^53 - 1 in magnitude, text beyond.
fn integer(v: &Value) -> Option<Value> {
    let n = match v {
        Value::Number(n) => n.as_i64()?,
        Value::String(s) => s.trim().parse::<i64>().ok()?,
        _ => return None,
    };
    Some(if n.unsigned_abs() <= MAX_SAFE_INTEGER {
        Value::from(n)
    } else {
        Value::String(n.to_string())
    })
}

/// A number with a fraction, from a number or numeric text, as the decoders write it (shortest form,
/// so `1.0` is `1`).
fn float(v: &Value) -> Option<Value> {
    let f = match v {
        Value::Number(n) => n.as_f64()?,
        Value::String(s) => s.trim().parse::<f64>().ok()?,
        _ => return None,
    };
    if !f.is_finite() {
        return None;
    }
    serde_json::from_str::<Number>(&f.to_string()).ok().map(Value::Number)
}

fn boolean(v: &Value) -> Option<Value> {
    match v {
        Value::Bool(b) => Some(Value::Bool(*b)),
        Value::String(s) if s.trim().eq_ignore_ascii_case("true") => Some(Value::Bool(true)),
        Value::String(s) if s.trim().eq_ignore_ascii_case("false") => Some(Value::Bool(false)),
        _ => None,
    }
}
