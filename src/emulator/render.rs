//! Rendering an answer: its records completed as their kinds declare (`[kinds.<Kind>.render]`,
//! model/README.md, "Rendering"; `route::dispatch` completes every answer), then written through the
//! action's response model (`wire::render_response`). Completing is what every answer gets, whoever made it (a handler or a
//! look-up), at any depth: linked records embedded (a Classic public IP's server, a NAS volume's
//! servers), fields a record leaves out answered with their declared value or a copy of another field.
//! Rendering through the model keeps only the model's fields: fields the emulator's records hold for
//! themselves never reach the wire, and a field the model lacks shows up in the test
//! `every_record_field_is_in_the_model` instead of vanishing unseen.

use super::model::{Kind, Source};
use super::state::{world, State};
use crate::catalog::{FieldType, Model};
use serde_json::{Map, Value};

pub use crate::wire::render_response;

/// How deep embedded records are completed (a server embedded in a public IP embedded in ... ends).
const DEPTH: usize = 4;

/// A handler's function completing an answered record of its kind (`hook` of `[kinds.<Kind>.render]`):
/// behaviour no declaration says, run after the declared completion.
pub type Hook = fn(&State, &mut Map<String, Value>);

/// What completing an answer reads: the state, and the handlers' hooks (`route::HOOKS`).
#[derive(Clone, Copy)]
pub struct Renderer<'a> {
    pub state: &'a State,
    pub hooks: &'a [(Kind, Hook)],
}

impl Renderer<'_> {
    /// Completes an object of `model` (a record of its kind, when it is one) and everything it holds.
    pub fn complete(self, model: &'static Model, obj: &mut Map<String, Value>, depth: usize) {
        let kind = Kind::of_model(model.name);
        if let Some(kind) = kind {
            fill(self, kind, model, obj, depth);
        }
        for f in model.fields {
            match (f.ty, obj.get_mut(f.name)) {
                (FieldType::Obj(m), Some(Value::Object(o))) => self.complete(m, o, depth),
                (FieldType::List(m), Some(Value::Array(items))) => {
                    for item in items {
                        if let Value::Object(o) = item {
                            self.complete(m, o, depth);
                        }
                    }
                }
                _ => {}
            }
        }
        if let Some(kind) = kind {
            for (_, hook) in self.hooks.iter().filter(|(k, _)| *k == kind) {
                hook(self.state, obj);
            }
        }
    }
}

/// The texts at a path of a record, through nested objects and lists.
fn texts(v: &Value, path: &[&str], out: &mut Vec<String>) {
    match (v, path.split_first()) {
        (Value::Array(items), _) => items.iter().for_each(|i| texts(i, path, out)),
        (Value::Object(o), Some((first, rest))) => {
            if let Some(inner) = o.get(*first) {
                texts(inner, rest, out);
            }
        }
        (Value::String(s), None) => out.push(s.clone()),
        (Value::Number(n), None) => out.push(n.to_string()),
        _ => {}
    }
}

/// What one text becomes in a field of model `m`: a record of its kind, an object holding one, the
/// record of `kind` it names (answered through `m`, which holds some of its fields), an object of its
/// one text field.
fn item(r: Renderer<'_>, m: &'static Model, text: &str, depth: usize, kind: Option<Kind>) -> Option<Value> {
    if depth >= DEPTH {
        return None;
    }
    let record = |kind: Kind, model: &'static Model| {
        world::wire_of(r.state, kind, text).map(|mut o| {
            r.complete(model, &mut o, depth + 1);
            Value::Object(o)
        })
    };
    if let Some(kind) = Kind::of_model(m.name) {
        return record(kind, m);
    }
    for f in m.fields {
        if let FieldType::Obj(inner) = f.ty {
            if let Some(kind) = Kind::of_model(inner.name) {
                let r = record(kind, inner)?;
                return Some(Value::Object(Map::from_iter([(f.name.to_string(), r)])));
            }
        }
    }
    if let Some(kind) = kind {
        return record(kind, m);
    }
    match m.fields {
        [only] => Some(Value::Object(Map::from_iter([(
            only.name.to_string(),
            Value::from(text),
        )]))),
        _ => None,
    }
}

/// A record of `kind` completed: what it embeds, then the defaults and copies of what it leaves out.
fn fill(r: Renderer<'_>, kind: Kind, model: &'static Model, obj: &mut Map<String, Value>, depth: usize) {
    let render = &kind.facts().render;
    for e in render.embed {
        let Some(field) = model.field(e.field) else { continue };
        let mut found = Vec::new();
        // The kind of the records the texts name, when the source says it (children by their number).
        let mut named = None;
        match &e.source {
            Source::Path(path) => texts(&Value::Object(obj.clone()), path, &mut found),
            Source::Children {
                kind: child,
                parent,
                field,
            } => {
                let me = id_of(kind, obj);
                named = (child.facts().id == Some(*field)).then_some(*child);
                for row in world::rows_of(r.state, *child) {
                    if me.is_some() && row.get(*parent).and_then(Value::as_str) == me.as_deref() {
                        if let Some(Value::String(t)) = row.get(*field) {
                            found.push(t.clone());
                        }
                    }
                }
            }
        }
        let value = match field.ty {
            FieldType::StrList => Value::from(found),
            FieldType::Str => match found.into_iter().next() {
                Some(t) => Value::from(t),
                None => continue,
            },
            FieldType::Int | FieldType::Long => Value::from(found.len()),
            FieldType::Obj(m) => match found.first().and_then(|t| item(r, m, t, depth, named)) {
                Some(v) => v,
                None => continue,
            },
            FieldType::List(m) => Value::Array(found.iter().filter_map(|t| item(r, m, t, depth, named)).collect()),
            _ => continue,
        };
        obj.insert(e.field.to_string(), value);
    }
    let absent = |obj: &Map<String, Value>, f: &str| obj.get(f).is_none_or(Value::is_null);
    for (field, json) in render.defaults {
        if absent(obj, field) {
            if let Ok(v) = serde_json::from_str::<Value>(json) {
                obj.insert(field.to_string(), v);
            }
        }
    }
    for (field, from) in render.copies {
        if absent(obj, field) {
            if let Some(v) = obj.get(*from).filter(|v| !v.is_null()).cloned() {
                obj.insert(field.to_string(), v);
            }
        }
    }
}

/// A record's number (its kind's `id` field), as text.
fn id_of(kind: Kind, obj: &Map<String, Value>) -> Option<String> {
    let id = kind.facts().id?;
    match obj.get(id)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}
