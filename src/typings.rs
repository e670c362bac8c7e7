//! TypeScript declarations generated from the catalog (`generated/api.d.ts`). A test keeps the
//! committed file equal to what the catalog says; `UPDATE_TYPINGS=1 cargo test typings` rewrites it.
//!
//! Everything comes from the tables: the models ([`ALL_MODELS`]), the actions ([`ACTIONS`]) and the
//! client's methods ([`service::methods`]). The result shapes of the old client's methods are not
//! copied either: they are found by running the compat conversions ([`compat::private_image`],
//! [`compat::numeric_ids`]) on sample items, one field at a time, and looking at what comes out.
//!
//! Typing choices:
//! - result ids (`...No`) are `string`, as the API and the decoder give them; the compat methods give
//!   them as numbers, as the old client did;
//! - `Long` fields (sizes) are `number`: the decoder hands a value beyond 2^53 - 1 over as text, which
//!   no real size reaches, so each such field says so in its doc comment instead of every caller having
//!   to narrow `number | string`;
//! - result fields are optional (`?:`), except lists (`StrList`, `List`), which the decoder always sets;
//! - input ids (`Str` parameters named `...No`, lists named `...NoList`) accept numbers too, as the
//!   validator does; `OneOf` rules become string-literal (or number-literal) unions.

use crate::catalog::waiters;
use crate::catalog::WAITERS;
use crate::catalog::{Action, Env, Param, ParamKind, Req, Rule, ACTIONS};
use crate::catalog::{FieldType, Model, ALL_MODELS, COMMON_CODE};
use crate::compat::{self, ImageNameKey};
use crate::service::{self, Method, Shape};
use serde_json::{Map, Value};

/// The interface name of the old client's image shape.
const PRIVATE_IMAGE: &str = "PrivateImage";

/// Builds the text of `generated/api.d.ts`.
pub fn generate() -> String {
    let mut g = Gen::default();
    g.header();
    g.models();
    g.compat_results();
    for action in ACTIONS {
        g.params(action);
        g.response(action);
    }
    g.compat_params();
    g.methods();
    g.check_unique_names();
    g.out
}

// ------------------------------------------------------------------------------------------------
// Result shapes, found by probing.

#[derive(Debug, Clone, PartialEq)]
enum Ty {
    /// `string`, `number`, `boolean`, `string[]` ...
    Scalar(&'static str),
    /// `{ code, codeName }` with its known codes.
    Code(&'static [&'static str]),
    Obj(Box<Struct>),
    List(Box<Struct>),
}

#[derive(Debug, Clone, PartialEq)]
struct Prop {
    key: String,
    ty: Ty,
    optional: bool,
    /// The API field it comes from.
    source: &'static str,
    /// The API field is a 64-bit number.
    long: bool,
    /// A text id given as a number.
    numeric_id: bool,
    /// Only some methods set it (their names).
    only_in: Vec<String>,
}

#[derive(Debug, Clone)]
struct Struct {
    model: &'static Model,
    props: Vec<Prop>,
}

impl PartialEq for Struct {
    fn eq(&self, other: &Self) -> bool {
        self.model.name == other.model.name && self.props == other.props
    }
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
fn probe(model: &'static Model, t: Transform) -> Struct {
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
                (FieldType::Int | FieldType::Long, Value::Number(_)) => Ty::Scalar("number"),
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
                optional: !field.always && !matches!(field.ty, FieldType::StrList | FieldType::List(_)),
                source: field.name,
                long: matches!(field.ty, FieldType::Long),
                only_in: Vec::new(),
            });
        }
    }
    props.sort_by_key(|p| order.iter().position(|k| *k == p.key).unwrap_or(usize::MAX));
    Struct { model, props }
}

/// The model's own shape (the typed form the decoder gives).
fn plain(model: &'static Model) -> Struct {
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

// ------------------------------------------------------------------------------------------------
// Text.

#[derive(Default)]
struct Gen {
    out: String,
    /// Interfaces for shapes other than the models: (name, shape, doc).
    named: Vec<(String, Struct, Vec<String>)>,
    emitted_named: usize,
    /// Every exported name, to catch clashes.
    names: Vec<String>,
}

fn pascal(name: &str) -> String {
    let mut c = name.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn env_label(env: Env) -> &'static str {
    match env {
        Env::Classic => "Classic",
        Env::Vpc => "VPC",
    }
}

fn params_name(action: &Action) -> String {
    match action.env {
        Env::Vpc => format!("{}Params", pascal(action.name)),
        Env::Classic => format!("Classic{}Params", pascal(action.name)),
    }
}

fn response_name(action: &Action) -> String {
    match action.env {
        Env::Vpc => format!("{}Response", pascal(action.name)),
        Env::Classic => format!("Classic{}Response", pascal(action.name)),
    }
}

fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"))
}

fn join_code(items: &[String]) -> String {
    items.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ")
}

const LONG_NOTE: &str =
    "64-bit value: one beyond `Number.MAX_SAFE_INTEGER` (2^53 - 1) would arrive as a decimal string; real sizes stay far below.";

impl Gen {
    fn line(&mut self, indent: usize, text: &str) {
        for _ in 0..indent {
            self.out.push_str("  ");
        }
        self.out.push_str(text);
        self.out.push('\n');
    }

    /// A doc comment; block tags (`@deprecated` ...) go last, since a tag takes the lines after it.
    fn doc(&mut self, indent: usize, lines: &[String]) {
        let (tags, text): (Vec<&String>, Vec<&String>) =
            lines.iter().filter(|l| !l.is_empty()).partition(|l| l.starts_with('@'));
        let lines: Vec<&String> = text.into_iter().chain(tags).collect();
        match lines.as_slice() {
            [] => {}
            [one] => self.line(indent, &format!("/** {one} */")),
            many => {
                self.line(indent, "/**");
                for l in many {
                    self.line(indent, &format!(" * {l}"));
                }
                self.line(indent, " */");
            }
        }
    }

    fn export(&mut self, name: &str) {
        self.names.push(name.to_string());
    }

    fn check_unique_names(&self) {
        for (i, n) in self.names.iter().enumerate() {
            assert!(!self.names[..i].contains(n), "typings: '{n}' is generated twice");
        }
    }

    fn header(&mut self) {
        self.line(
            0,
            "// Generated by src/typings.rs from the catalog (src/catalog, src/service.rs, src/compat.rs).",
        );
        self.line(
            0,
            "// Do not edit: change the catalog, then run `UPDATE_TYPINGS=1 cargo test typings`.",
        );
        self.line(0, "");
        self.line(0, "import type { NcloudError } from '../index';");
        self.line(0, "");
        self.doc(
            0,
            &[
                "Error-first callback: `(null, result)` on success, `(error, null)` on failure; after".into(),
                "`if (err) return;` TypeScript knows `result` is a `T`.".into(),
            ],
        );
        self.line(
            0,
            "export type Callback<T> = (...args: [err: NcloudError, result: null] | [err: null, result: T]) => void;",
        );
        self.export("Callback");
        self.line(0, "");
        self.options();
        self.line(0, "");
        let mut names: Vec<&str> = Vec::new();
        for a in ACTIONS {
            if !names.contains(&a.name) {
                names.push(a.name);
            }
        }
        self.doc(0, &["Every API action name (Classic and VPC).".into()]);
        self.line(0, "export type ActionName =");
        for (i, n) in names.iter().enumerate() {
            let end = if i + 1 == names.len() { ";" } else { "" };
            self.line(1, &format!("| {}{end}", quote(n)));
        }
        self.export("ActionName");
    }

    // -- models --------------------------------------------------------------------------------

    fn model_doc(model: &Model) -> Vec<String> {
        let mut doc = Vec::new();
        let returned: Vec<String> = ACTIONS
            .iter()
            .filter(|a| a.list.is_some_and(|l| std::ptr::eq(l.item, model)))
            .map(|a| format!("{} `{}`", env_label(a.env), a.name))
            .collect();
        if !returned.is_empty() {
            doc.push(format!(
                "An item of the `{}` list of: {}.",
                model.xml_item,
                returned.join(", ")
            ));
        }
        let used_in: Vec<String> = ALL_MODELS
            .iter()
            .flat_map(|m| m.fields.iter().map(move |f| (m, f)))
            .filter(|(_, f)| matches!(f.ty, FieldType::Obj(x) | FieldType::List(x) if std::ptr::eq(x, model)))
            .map(|(m, f)| format!("{}.{}", m.name, f.name))
            .collect();
        if !used_in.is_empty() {
            doc.push(format!("Used in {}.", join_code(&used_in)));
        }
        if std::ptr::eq(&COMMON_CODE, model) {
            doc.push("A coded value: `code` and its display name `codeName`.".into());
        }
        doc
    }

    fn models(&mut self) {
        for model in ALL_MODELS {
            self.line(0, "");
            self.doc(0, &Self::model_doc(model));
            if std::ptr::eq(*model, &COMMON_CODE) {
                self.common_code();
                continue;
            }
            let st = plain(model);
            self.interface(model.name, &st);
        }
    }

    /// `CommonCode<C>`: `code` offers the known codes `C` as literals (editors complete them) and
    /// accepts any other text, since NCP adds codes over time.
    fn common_code(&mut self) {
        let name = COMMON_CODE.name;
        self.export(name);
        self.line(0, &format!("export interface {name}<C extends string = string> {{"));
        for field in COMMON_CODE.fields {
            let opt = if field.always { "" } else { "?" };
            let ty = if field.name == "code" {
                "C | (string & {})"
            } else {
                "string"
            };
            self.line(1, &format!("{}{opt}: {ty};", field.name));
        }
        self.line(0, "}");
    }

    fn type_text(&mut self, ty: &Ty, parent: &str, key: &str) -> String {
        match ty {
            Ty::Scalar(s) => (*s).to_string(),
            Ty::Code([]) => COMMON_CODE.name.to_string(),
            Ty::Code(codes) => format!(
                "{}<{}>",
                COMMON_CODE.name,
                codes.iter().map(|c| quote(c)).collect::<Vec<_>>().join(" | ")
            ),
            Ty::Obj(st) => self.struct_name(st, parent, key),
            Ty::List(st) => format!("{}[]", self.struct_name(st, parent, key)),
        }
    }

    /// The interface name of a nested shape: the model's when it is unchanged, else a named one.
    fn struct_name(&mut self, st: &Struct, parent: &str, key: &str) -> String {
        if *st == plain(st.model) {
            return st.model.name.to_string();
        }
        if let Some((name, _, _)) = self.named.iter().find(|(_, s, _)| s == st) {
            return name.clone();
        }
        let mut name = format!("Compat{}", st.model.name);
        if self.named.iter().any(|(n, _, _)| *n == name) {
            name = format!("{parent}{}", pascal(key));
        }
        let doc = vec![format!(
            "`{parent}.{key}`: part of a `{}` in the old client's shape.",
            st.model.name
        )];
        self.named.push((name.clone(), st.clone(), doc));
        name
    }

    fn interface(&mut self, name: &str, st: &Struct) {
        self.export(name);
        self.line(0, &format!("export interface {name} {{"));
        for p in &st.props {
            let mut doc = Vec::new();
            if p.key != p.source {
                doc.push(format!("The API's `{}`.", p.source));
            }
            if p.numeric_id {
                doc.push("Text in the API, a number here.".into());
            }
            if !p.only_in.is_empty() {
                doc.push(format!("Only in the results of {}.", join_code(&p.only_in)));
            }
            if p.long {
                doc.push(LONG_NOTE.into());
            }
            let ty = self.type_text(&p.ty, name, &p.key);
            self.doc(1, &doc);
            let opt = if p.optional { "?" } else { "" };
            self.line(1, &format!("{}{opt}: {ty};", p.key));
        }
        self.line(0, "}");
    }

    // -- compat results ------------------------------------------------------------------------

    fn compat_methods() -> impl Iterator<Item = &'static Method> {
        service::methods().iter().filter(|m| m.shape != Shape::Response)
    }

    /// The old client's shape of one item of the method's action.
    fn compat_item(method: &Method) -> Option<Struct> {
        let item = method.action.list?.item;
        match method.shape {
            Shape::Response => None,
            Shape::List(aliases) => Some(probe(item, &move |v| compat::list_item(v, aliases))),
            Shape::PrivateImages(key) | Shape::PrivateImage(key) => {
                Some(probe(item, &move |v| compat::private_image(v, key)))
            }
        }
    }

    /// The methods giving private images with that name key.
    fn private_image_methods(key: ImageNameKey) -> Vec<String> {
        Self::compat_methods()
            .filter(|m| matches!(m.shape, Shape::PrivateImages(k) | Shape::PrivateImage(k) if k == key))
            .map(|m| m.name.clone())
            .collect()
    }

    /// `PrivateImage`: the union of what every private-image method gives.
    fn private_image_struct() -> Option<Struct> {
        let mut variants: Vec<(Struct, Vec<String>)> = Vec::new();
        for m in Self::compat_methods() {
            let (Shape::PrivateImages(key) | Shape::PrivateImage(key)) = m.shape else {
                continue;
            };
            let st = Self::compat_item(m)?;
            if !variants.iter().any(|(s, _)| *s == st) {
                variants.push((st, Self::private_image_methods(key)));
            }
        }
        let mut it = variants.into_iter();
        let (mut acc, mut acc_methods) = it.next()?;
        for (st, methods) in it {
            acc = merge_variants(acc, &acc_methods, st, &methods);
            acc_methods.extend(methods);
        }
        Some(acc)
    }

    fn compat_result_type(&self, method: &Method) -> String {
        match method.shape {
            Shape::Response => response_name(method.action),
            Shape::PrivateImages(_) => format!("{PRIVATE_IMAGE}[]"),
            Shape::PrivateImage(_) => PRIVATE_IMAGE.to_string(),
            Shape::List(_) => {
                let st = Self::compat_item(method).expect("list shape");
                let name = if st == plain(st.model) {
                    st.model.name
                } else {
                    let found = self.named.iter().find(|(_, s, _)| *s == st);
                    &found.expect("compat_results names every list shape").0
                };
                format!("{name}[]")
            }
        }
    }

    fn compat_results(&mut self) {
        // Register the top-level shapes first, so that nested ones equal to them reuse their names.
        if let Some(st) = Self::private_image_struct() {
            let users: Vec<String> = Self::compat_methods()
                .filter(|m| matches!(m.shape, Shape::PrivateImages(_) | Shape::PrivateImage(_)))
                .map(|m| m.name.clone())
                .collect();
            let doc = vec![
                format!(
                    "A `{}` in the old `ncloud` client's shape, as returned by {}:",
                    st.model.name,
                    join_code(&users)
                ),
                "the keys are renamed and ids are numbers (an id that is not a safe integer stays text).".into(),
            ];
            self.named.push((PRIVATE_IMAGE.to_string(), st, doc));
        }
        for m in Self::compat_methods() {
            if !matches!(m.shape, Shape::List(_)) {
                continue;
            }
            let st = Self::compat_item(m).expect("list shape");
            if st == plain(st.model) || self.named.iter().any(|(_, s, _)| *s == st) {
                continue;
            }
            let users: Vec<String> = Self::compat_methods()
                .filter(|x| {
                    matches!(x.shape, Shape::List(_)) && x.action.list.is_some_and(|l| std::ptr::eq(l.item, st.model))
                })
                .map(|x| x.name.clone())
                .collect();
            let doc = vec![
                format!(
                    "A `{}` as returned by the old client's {}:",
                    st.model.name,
                    join_code(&users)
                ),
                "the same fields, keys renamed as the old client did (`vmImageId` ...), ids as numbers (an id that is not a safe integer stays text).".into(),
            ];
            self.named.push((format!("Compat{}", st.model.name), st, doc));
        }
        while self.emitted_named < self.named.len() {
            let (name, st, doc) = self.named[self.emitted_named].clone();
            self.emitted_named += 1;
            self.line(0, "");
            self.doc(0, &doc);
            self.interface(&name, &st);
        }
    }

    // -- parameters ----------------------------------------------------------------------------

    /// The allowed values. Case-insensitive ones are typed with their declared spelling (their doc
    /// comment says any case is accepted).
    fn one_of(rules: &[Rule]) -> Option<&'static [&'static str]> {
        rules.iter().find_map(|r| match r {
            Rule::OneOf(v) | Rule::OneOfIgnoreCase(v) => Some(*v),
            _ => None,
        })
    }

    fn is_id(name: &str) -> bool {
        name.ends_with("No") || name.ends_with("NoList")
    }

    fn scalar_type(kind: &ParamKind, key: &str, rules: &[Rule]) -> String {
        let values = Self::one_of(rules);
        match (kind, values) {
            (ParamKind::Int | ParamKind::Long, Some(v)) => v.join(" | "),
            (ParamKind::Int | ParamKind::Long, None) => "number".into(),
            (ParamKind::Bool, _) => "boolean".into(),
            (_, Some(v)) => v.iter().map(|s| quote(s)).collect::<Vec<_>>().join(" | "),
            (_, None) if Self::is_id(key) => "string | number".into(),
            (_, None) => "string".into(),
        }
    }

    fn rule_docs(rules: &[&Rule]) -> Vec<String> {
        let mut doc = Vec::new();
        for rule in rules {
            match rule {
                Rule::Len(a, b) => doc.push(format!("{a} to {b} characters.")),
                Rule::MaxBytes(n) => doc.push(format!("At most {n} bytes (UTF-8).")),
                Rule::ImageName => doc.push(
                    "3 to 30 characters: lower-case letters, digits and `-`, starting with a letter and ending with a letter or digit."
                        .into(),
                ),
                Rule::OneOf(_) => {}
                Rule::OneOfIgnoreCase(_) => {
                    doc.push("Any letter case is accepted at run time; the type lists the documented spelling.".into())
                }
                Rule::Range(a, b) => doc.push(format!("Integer from {a} to {b}.")),
                Rule::Items(a, b) if *b == usize::MAX => {
                    doc.push(format!("At least {a} item{}.", if *a == 1 { "" } else { "s" }))
                }
                Rule::Items(a, b) => doc.push(format!("{a} to {b} items.")),
                Rule::Unique => doc.push("No duplicate items.".into()),
                Rule::Check(_) => doc.push("The whole value is checked before sending (consistency across items).".into()),
            }
        }
        doc
    }

    /// One parameter (`key` is the caller's name for it).
    #[allow(clippy::too_many_arguments)]
    fn param(&mut self, indent: usize, env: Env, param: &Param, key: &str, req: Req, extra: &[String], single: bool) {
        let mut doc: Vec<String> = extra.to_vec();
        match (env, param.name) {
            (Env::Vpc, "regionCode") => doc.push("Defaults to the client's `region`.".into()),
            (Env::Classic, "regionNo") => doc.push("Defaults to `compute.regionNo` when that is set.".into()),
            _ => {}
        }
        if let Req::With(other) = req {
            doc.push(format!("Required when `{other}` is given."));
        }
        // A single item has no list rules.
        let rules: Vec<&Rule> = param
            .rules
            .iter()
            .filter(|r| !(single && matches!(r, Rule::Items(..) | Rule::Unique)))
            .collect();
        doc.extend(Self::rule_docs(&rules));
        if single {
            doc.push("One item (a list of them is accepted too).".into());
        }
        self.doc(indent, &doc);
        let opt = if req == Req::Yes { "" } else { "?" };
        let ty = match &param.kind {
            ParamKind::Str | ParamKind::Int | ParamKind::Long | ParamKind::Bool => {
                Self::scalar_type(&param.kind, key, param.rules)
            }
            ParamKind::StrList | ParamKind::IntList => {
                let scalar = if matches!(param.kind, ParamKind::IntList) {
                    ParamKind::Int
                } else {
                    ParamKind::Str
                };
                let item = Self::scalar_type(&scalar, key, param.rules);
                if single {
                    item
                } else if item.contains(' ') {
                    format!("Array<{item}>")
                } else {
                    format!("{item}[]")
                }
            }
            ParamKind::ObjList(input) => {
                self.line(indent, &format!("{key}{opt}: Array<{{"));
                for f in input.params.iter() {
                    self.param(indent + 1, env, f, f.name, f.req, &[], false);
                }
                self.line(indent, "}>;");
                return;
            }
        };
        self.line(indent, &format!("{key}{opt}: {ty};"));
    }

    fn params(&mut self, action: &Action) {
        let name = params_name(action);
        self.line(0, "");
        self.doc(
            0,
            &[format!(
                "Parameters of {} `{}`: {}",
                env_label(action.env),
                action.name,
                action.summary
            )],
        );
        self.export(&name);
        if action.params.is_empty() {
            self.line(0, &format!("export type {name} = Record<string, never>;"));
            return;
        }
        self.line(0, &format!("export interface {name} {{"));
        for p in action.params {
            self.param(1, action.env, p, p.name, p.req, &[], false);
        }
        self.line(0, "}");
    }

    fn response(&mut self, action: &Action) {
        let name = response_name(action);
        self.line(0, "");
        self.doc(
            0,
            &[format!(
                "Result of {} `{}` (the response without its `{}Response` wrapper).",
                env_label(action.env),
                action.name,
                action.name
            )],
        );
        self.export(&name);
        self.line(0, &format!("export interface {name} {{"));
        if action.total_rows {
            self.line(1, "totalRows: number;");
        }
        if let Some(list) = action.list {
            self.line(1, &format!("{}: {}[];", list.name, list.item.name));
        }
        self.line(1, "requestId: string;");
        self.line(1, "returnCode: string;");
        self.line(1, "returnMessage: string;");
        self.line(0, "}");
    }

    // -- compat parameters ---------------------------------------------------------------------

    fn compat_params_name(method: &Method) -> String {
        if method.renames.is_empty() && method.one_as_list.is_empty() {
            params_name(method.action)
        } else {
            format!("{}Params", pascal(&method.name))
        }
    }

    fn compat_params(&mut self) {
        for method in Self::compat_methods() {
            if method.renames.is_empty() && method.one_as_list.is_empty() {
                continue;
            }
            let name = Self::compat_params_name(method);
            let action = method.action;
            self.line(0, "");
            self.doc(
                0,
                &[format!(
                    "Parameters of `{}` (the old client's names for {} `{}`).",
                    method.name,
                    env_label(action.env),
                    action.name
                )],
            );
            self.export(&name);
            self.line(0, &format!("export interface {name} {{"));
            for p in action.params {
                let keys: Vec<&str> = method
                    .renames
                    .iter()
                    .filter(|(_, param)| *param == p.name)
                    .map(|(user, _)| *user)
                    .collect();
                if keys.is_empty() {
                    self.param(1, action.env, p, p.name, p.req, &[], false);
                    continue;
                }
                for (i, key) in keys.iter().enumerate() {
                    let mut extra = vec![format!("The API's `{}`.", p.name)];
                    if i > 0 {
                        extra.push(format!("@deprecated An older spelling of `{}`.", keys[0]));
                    }
                    let single = method.one_as_list.contains(key);
                    // Spellings of one parameter exclude each other: only the first can be required.
                    let req = if i > 0 && p.req == Req::Yes { Req::No } else { p.req };
                    self.param(1, action.env, p, key, req, &extra, single);
                }
            }
            self.line(0, "}");
        }
    }

    // -- methods -------------------------------------------------------------------------------

    fn method(&mut self, key: &str, doc: &[String], params: &str, result: &str, required: bool) {
        self.doc(1, doc);
        let cb = format!("callback: Callback<{result}>");
        if required {
            self.line(
                1,
                &format!("{key}(params: {params}, options?: CallOptions): Promise<{result}>;"),
            );
            self.line(1, &format!("{key}(params: {params}, {cb}): void;"));
            self.line(
                1,
                &format!("{key}(params: {params}, options: CallOptions | undefined, {cb}): void;"),
            );
        } else {
            self.line(
                1,
                &format!("{key}(params?: {params}, options?: CallOptions): Promise<{result}>;"),
            );
            self.line(1, &format!("{key}(params: {params} | undefined, {cb}): void;"));
            self.line(
                1,
                &format!("{key}(params: {params} | undefined, options: CallOptions | undefined, {cb}): void;"),
            );
            self.line(1, &format!("{key}({cb}): void;"));
        }
    }

    fn methods_interface(&mut self, name: &str, doc: &str, methods: &[&'static Method]) {
        self.line(0, "");
        self.doc(0, &[doc.to_string()]);
        self.export(name);
        self.line(0, &format!("export interface {name} {{"));
        for (i, m) in methods.iter().enumerate() {
            let action = m.action;
            let key = m.name.rsplit('.').next().unwrap_or(&m.name).to_string();
            let required = action.params.iter().any(|p| p.req == Req::Yes);
            let mut doc = vec![action.summary.to_string()];
            let (params, result) = if m.shape == Shape::Response {
                (params_name(action), response_name(action))
            } else {
                doc.push(format!(
                    "The old client's method, over {} `{}`.",
                    env_label(action.env),
                    action.name
                ));
                (Self::compat_params_name(m), self.compat_result_type(m))
            };
            if matches!(m.shape, Shape::PrivateImage(_)) {
                doc.push("Resolves to the first image of the answer (`null` only if the answer has none).".into());
            }
            if i > 0 {
                self.line(0, "");
            }
            self.method(&key, &doc, &params, &result, required);
        }
        self.line(0, "}");
    }

    fn methods(&mut self) {
        let all = service::methods();
        let vpc: Vec<&Method> = all
            .iter()
            .filter(|m| m.shape == Shape::Response && m.action.env == Env::Vpc)
            .collect();
        let classic: Vec<&Method> = all
            .iter()
            .filter(|m| m.shape == Shape::Response && m.action.env == Env::Classic)
            .collect();
        let compat: Vec<&Method> = Self::compat_methods().collect();
        self.methods_interface(
            "VpcMethods",
            "The VPC actions (`/vserver/v2`): `client.compute.<action>` and `client.compute.vpc.<action>`.",
            &vpc,
        );
        self.methods_interface(
            "ClassicMethods",
            "The Classic actions (`/server/v2`): `client.compute.classic.<action>`.",
            &classic,
        );
        self.methods_interface(
            "CompatMethods",
            "The old `ncloud` client's methods (Classic), on `client.compute`.",
            &compat,
        );
        self.line(0, "");
        self.doc(
            0,
            &["The methods of `client.compute`: every VPC action, and the old client's methods.".into()],
        );
        self.waiters();
        self.paginators(Env::Vpc, "VpcPaginators");
        self.paginators(Env::Classic, "ClassicPaginators");
        self.line(0, "");
        self.doc(
            0,
            &["The methods of `client.compute`: every VPC action, the old client's methods, the waiters and the VPC paginators.".into()],
        );
        self.export("ComputeMethods");
        self.line(
            0,
            "export interface ComputeMethods extends VpcMethods, CompatMethods, WaiterMethods, VpcPaginators {}",
        );
    }

    // -- options, waiters and paginators (src/catalog/waiters.rs) ------------------------------

    fn options(&mut self) {
        let block = |g: &mut Gen, name: &str, doc: &str, head: &str, fields: &[(&str, String)]| {
            g.doc(0, &[doc.to_string()]);
            g.export(name);
            g.line(0, &format!("export interface {head} {{"));
            for (field, doc) in fields {
                g.doc(1, std::slice::from_ref(doc));
                g.line(1, field);
            }
            g.line(0, "}");
        };
        let signal = "Aborting it rejects with an `AbortError` (`code: 'ABORT_ERR'`) and drops the request (and its retries); an aborted one sends nothing.".to_string();
        block(
            self,
            "CallOptions",
            "Options of one call, always its second argument (`method(params, options?, callback?)`).",
            "CallOptions",
            &[("signal?: AbortSignal;", signal.clone())],
        );
        self.line(0, "");
        block(
            self,
            "WaitPoll",
            "What `onPoll` sees at every poll of a waiter.",
            "WaitPoll<T>",
            &[
                ("attempt: number;", "1 for the first poll.".into()),
                ("elapsedMs: number;", "Milliseconds since the wait began.".into()),
                (
                    "status: string | null;",
                    "The item's status code (`INIT`, `CREAT`, `CREFL`); `null` when it is gone.".into(),
                ),
                (
                    "operation: string | null;",
                    "The item's operation code (`CREAT`, `NULL`, `TERMT`); `null` when it is gone.".into(),
                ),
                (
                    "item: T | null;",
                    "The item as the detail action gave it; `null` when it is gone.".into(),
                ),
            ],
        );
        self.line(0, "");
        block(
            self,
            "WaitOptions",
            "Options of the `waitFor…` methods (checked: a bad value rejects with `ERR_VALIDATION`).",
            "WaitOptions<T>",
            &[
                ("minDelayMs?: number;", format!("Delay before the second poll (default {}); each next delay grows 1.5 times, with jitter.", waiters::WAIT_MIN_DELAY_MS)),
                ("maxDelayMs?: number;", format!("Longest delay between polls (default {}).", waiters::WAIT_MAX_DELAY_MS)),
                ("intervalMs?: number;", "A fixed delay between polls (sets both `minDelayMs` and `maxDelayMs`).".into()),
                ("timeoutMs?: number;", "Give up with `ERR_TIMEOUT` after this many milliseconds (default: 30 min for created, 10 min for deleted).".into()),
                ("signal?: AbortSignal;", signal),
                ("regionCode?: string;", "VPC region of the image (default: the client's `region`).".into()),
                ("onPoll?: (poll: WaitPoll<T>) => void;", "Called after every poll.".into()),
            ],
        );
        self.line(0, "");
        block(
            self,
            "PaginateOptions",
            "Options of the `paginate…` methods.",
            "PaginateOptions",
            &[
                (
                    "pageSize?: number;",
                    format!("Items asked per page, 1-1000 (default {}).", waiters::PAGE_SIZE),
                ),
                (
                    "signal?: AbortSignal;",
                    "Aborting it rejects the pending `next()` with an `AbortError`.".into(),
                ),
            ],
        );
    }

    fn waiters(&mut self) {
        self.line(0, "");
        self.doc(
            0,
            &["The waiters declared with the detail actions, on `client.compute`.".into()],
        );
        self.export("WaiterMethods");
        self.line(0, "export interface WaiterMethods {");
        for (i, w) in WAITERS.iter().enumerate() {
            if i > 0 {
                self.line(0, "");
            }
            let item = w.action.list.map_or("null", |l| l.item.name);
            self.doc(1, &[waiters::summary(w)]);
            let result = if waiters::resolves_null(w) {
                "null".to_string()
            } else {
                item.to_string()
            };
            self.line(
                1,
                &format!(
                    "{}({}: string | number, options?: WaitOptions<{item}>): Promise<{result}>;",
                    w.name, w.id_param
                ),
            );
        }
        self.line(0, "}");
    }

    fn paginators(&mut self, env: Env, name: &str) {
        self.line(0, "");
        let place = match env {
            Env::Vpc => "`client.compute` (and `compute.vpc`)",
            Env::Classic => "`client.compute.classic`",
        };
        self.doc(
            0,
            &[format!(
                "Async iterators over every item of the list actions that take `pageNo`, on {place}."
            )],
        );
        self.export(name);
        self.line(0, &format!("export interface {name} {{"));
        let list: Vec<&Action> = waiters::paginated().filter(|a| a.env == env).collect();
        for (i, action) in list.iter().enumerate() {
            if i > 0 {
                self.line(0, "");
            }
            let name = format!("paginate{}", pascal(action.name));
            self.doc(
                1,
                &[format!(
                    "Every item of `{}`, page by page (`pageNo` and `pageSize` are set by the iterator).",
                    action.name
                )],
            );
            self.line(
                1,
                &format!(
                    "{}(params?: Omit<{}, 'pageNo' | 'pageSize'>, options?: PaginateOptions): AsyncIterableIterator<{}>;",
                    name,
                    params_name(action),
                    action.list.map_or("never", |l| l.item.name)
                ),
            );
        }
        self.line(0, "}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typings_are_current() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("generated/api.d.ts");
        let text = generate();
        if std::env::var("UPDATE_TYPINGS").as_deref() == Ok("1") {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &text).unwrap();
            return;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == text,
            "generated/api.d.ts is not what the catalog says: run `UPDATE_TYPINGS=1 cargo test typings` and commit the result"
        );
    }
}
