//! The old client's result shapes, found by running the compat conversions ([`compat::private_image`],
//! [`compat::list_item`]) on sample items, one field at a time, and looking at what comes out: the keys
//! they output, in their order, with the JS types of their values. Nothing of those shapes is copied.

use super::source::CompatMethod;
use ncloud::catalog::{Action, Field, FieldType, Model, COMMON_CODE};
use ncloud::compat::table::{V0Method, V0Shape};
use ncloud::compat::{self, ImageNameKey};
use ncloud::service::{Method, Shape};
use serde_json::{Map, Value};

/// The JS type of a value of a shape.
#[derive(Debug, Clone, PartialEq)]
pub enum Ty {
    /// `string`, `number`, `boolean`, `string[]` ...
    Scalar(&'static str),
    /// `{ code, codeName }` with its known codes.
    Code(&'static [&'static str]),
    Obj(Box<Struct>),
    List(Box<Struct>),
}

/// One key of a shape.
#[derive(Debug, Clone, PartialEq)]
pub struct Prop {
    pub key: String,
    pub ty: Ty,
    pub optional: bool,
    /// The API field it comes from.
    pub source: &'static str,
    /// The API field is a 64-bit number.
    pub long: bool,
    /// A text id given as a number.
    pub numeric_id: bool,
    /// Only some methods set it (their names).
    pub only_in: Vec<String>,
}

/// The shape of an item of `model` as some conversion gives it.
#[derive(Debug, Clone)]
pub struct Struct {
    pub model: &'static Model,
    pub props: Vec<Prop>,
}

impl PartialEq for Struct {
    fn eq(&self, other: &Self) -> bool {
        self.model.name == other.model.name && self.props == other.props
    }
}

/// Item fields are optional unless the API always returns them, except lists, which the decoder always
/// writes (`[]` when the answer has none).
pub fn field_optional(field: &Field) -> bool {
    !field.always && !matches!(field.ty, FieldType::StrList | FieldType::List(_))
}

type Transform<'a> = &'a dyn Fn(&Value) -> Value;

fn sample(ty: FieldType) -> Value {
    match ty {
        // Numeric text, so that a conversion to a number shows.
        FieldType::Str => Value::from("7"),
        FieldType::Int | FieldType::Long => Value::from(7),
        FieldType::Float => Value::from(7.5),
        FieldType::Bool => Value::Bool(true),
        FieldType::Code => sample_object(&COMMON_CODE),
        FieldType::StrList => Value::Array(vec![Value::from("7")]),
        FieldType::Obj(m) => sample_object(m),
        FieldType::List(m) => Value::Array(vec![sample_object(m)]),
    }
}

fn sample_object(model: &Model) -> Value {
    Value::Object(
        model
            .fields
            .iter()
            .map(|f| (f.name.to_string(), sample(f.ty)))
            .collect(),
    )
}

fn single(key: &str, value: Value) -> Value {
    let mut m = Map::new();
    m.insert(key.to_string(), value);
    Value::Object(m)
}

/// What `t` makes of an item of `model`: the keys it outputs, in its order, with their types.
pub fn probe(model: &'static Model, t: Transform) -> Struct {
    let order: Vec<String> = match t(&sample_object(model)) {
        Value::Object(o) => o.keys().cloned().collect(),
        other => panic!("typings: a {} item came out as {other}", model.name),
    };
    let mut props = Vec::new();
    for field in model.fields {
        let Value::Object(out) = t(&single(field.name, sample(field.ty))) else {
            panic!(
                "typings: a {} item with only '{}' is not an object",
                model.name, field.name
            );
        };
        for (key, v) in &out {
            let inner = |wrap_list: bool| {
                move |sub: &Value| {
                    let sub = if wrap_list {
                        Value::Array(vec![sub.clone()])
                    } else {
                        sub.clone()
                    };
                    let out = t(&single(field.name, sub));
                    let v = out.get(key.as_str());
                    let v = if wrap_list { v.and_then(|l| l.get(0)) } else { v };
                    v.cloned().unwrap_or(Value::Null)
                }
            };
            let ty = match (field.ty, v) {
                (FieldType::Str, Value::String(_)) => Ty::Scalar("string"),
                (FieldType::Str, Value::Number(_)) => Ty::Scalar("number"),
                (FieldType::Int | FieldType::Long | FieldType::Float, Value::Number(_)) => Ty::Scalar("number"),
                (FieldType::Bool, Value::Bool(_)) => Ty::Scalar("boolean"),
                (FieldType::StrList, Value::Array(items)) if items.iter().all(Value::is_string) => {
                    Ty::Scalar("string[]")
                }
                (FieldType::StrList, Value::Array(items)) if items.iter().all(Value::is_number) => {
                    Ty::Scalar("number[]")
                }
                (FieldType::Code, Value::Object(_)) => Ty::Code(field.codes),
                (FieldType::Obj(m), Value::Object(_)) => Ty::Obj(Box::new(probe(m, &inner(false)))),
                (FieldType::List(m), Value::Array(_)) => Ty::List(Box::new(probe(m, &inner(true)))),
                _ => panic!("typings: {}.{} came out as {v}", model.name, field.name),
            };
            props.push(Prop {
                key: key.clone(),
                numeric_id: matches!((field.ty, &ty), (FieldType::Str, Ty::Scalar("number"))),
                ty,
                optional: field_optional(field),
                source: field.name,
                long: matches!(field.ty, FieldType::Long),
                only_in: Vec::new(),
            });
        }
    }
    props.sort_by_key(|p| order.iter().position(|k| *k == p.key).unwrap_or(usize::MAX));
    // Two fields may come out under one key (`isDefaultGroup` renamed to `isDefault`, which the model
    // also has): one key, the first field's.
    let mut seen = std::collections::HashSet::new();
    props.retain(|p| seen.insert(p.key.clone()));
    Struct { model, props }
}

/// The model's own shape (the typed form the decoder gives).
pub fn plain(model: &'static Model) -> Struct {
    probe(model, &|v| v.clone())
}

/// Two variants of one shape merged: keys in both keep their place, a key in only one is marked with
/// the methods of that variant.
fn merge_variants(a: Struct, ma: &[String], b: Struct, mb: &[String]) -> Struct {
    let has = |st: &Struct, key: &str| st.props.iter().any(|p| p.key == key);
    let mut merged: Vec<Prop> = Vec::new();
    let len = a.props.len().max(b.props.len());
    for i in 0..len {
        for (this, other, methods) in [(&a, &b, ma), (&b, &a, mb)] {
            let Some(p) = this.props.get(i) else { continue };
            if merged.iter().any(|m| m.key == p.key) {
                continue;
            }
            let mut p = p.clone();
            if !has(other, &p.key) && p.only_in.is_empty() {
                p.only_in = methods.to_vec();
            }
            merged.push(p);
        }
    }
    Struct {
        model: a.model,
        props: merged,
    }
}

/// The old client's shape of one item of a compat method's answer (`None` for a method that gives the
/// answer as the API does).
pub fn compat_item(method: &Method) -> Option<Struct> {
    let (_, item) = super::source::answer_list(method.action)?;
    match method.shape {
        Shape::Response => None,
        Shape::List(aliases) => Some(probe(item, &move |v| compat::list_item(v, aliases))),
        Shape::PrivateImages(key) | Shape::PrivateImage(key) => {
            Some(probe(item, &move |v| compat::private_image(v, key)))
        }
        Shape::V0 => None,
    }
}

/// The old 0.1.x client's shape of one item of a result `compat::shapes` makes of the answer's items
/// (`None` for the results that are not made of them: statistics, login keys ...).
pub fn v0_item(v0: &'static V0Method, action: &'static Action) -> Option<Struct> {
    let (list, item) = super::source::answer_list(action)?;
    match v0.shape {
        V0Shape::PortForwarding | V0Shape::PortForwardingDeleted => Some(probe(item, &move |v| {
            let response = single(list, Value::Array(vec![v.clone()]));
            let shaped = compat::shapes::shape(v0, action, response, &Value::Null).unwrap_or(Value::Null);
            shaped.get(list).and_then(|l| l.get(0)).cloned().unwrap_or(Value::Null)
        })),
        V0Shape::List
        | V0Shape::ListFilter
        | V0Shape::Flavors
        | V0Shape::Servers
        | V0Shape::Server
        | V0Shape::ServerFound
        | V0Shape::First
        | V0Shape::PublicIps
        | V0Shape::PublicIp
        | V0Shape::PortForwardingRule => Some(probe(item, &move |v| {
            // A key the shape adds as `''` when the answer lacks it (a public IP's server) is left to
            // the probe of its own field.
            let mut out = compat::shapes::item(v0, v);
            if let (Value::Object(o), Value::Object(given)) = (&mut out, v) {
                o.retain(|k, x| x != "" || given.contains_key(k));
            }
            out
        })),
        _ => None,
    }
}

fn image_key(method: &Method) -> Option<ImageNameKey> {
    match method.shape {
        Shape::PrivateImages(key) | Shape::PrivateImage(key) => Some(key),
        _ => None,
    }
}

/// The private-image shape: the union of what every private-image method gives (a key only some of
/// them give names those methods), and the methods giving it.
pub fn private_image(methods: &[CompatMethod]) -> Option<(Struct, Vec<String>)> {
    let methods: Vec<&'static Method> = methods.iter().filter_map(|m| m.method).collect();
    let of_key = |key: ImageNameKey| -> Vec<String> {
        methods
            .iter()
            .filter(|m| image_key(m) == Some(key))
            .map(|m| m.name.clone())
            .collect()
    };
    let mut variants: Vec<(Struct, Vec<String>)> = Vec::new();
    for m in &methods {
        let Some(key) = image_key(m) else { continue };
        let st = compat_item(m)?;
        if !variants.iter().any(|(s, _)| *s == st) {
            variants.push((st, of_key(key)));
        }
    }
    let mut it = variants.into_iter();
    let (mut acc, mut acc_methods) = it.next()?;
    for (st, names) in it {
        acc = merge_variants(acc, &acc_methods, st, &names);
        acc_methods.extend(names);
    }
    let users = methods
        .iter()
        .filter(|m| image_key(m).is_some())
        .map(|m| m.name.clone())
        .collect();
    Some((acc, users))
}
