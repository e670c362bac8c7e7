//! The item models (one interface each), the code sets (one named union each), and the old client's
//! result shapes (found by the probe; an interface for each shape that differs from its model).

use super::probe::{self, Prop, Struct, Ty};
use super::source::CompatMethod;
use super::source::{self, code_set_name};
use super::writer::{literals, pascal};
use super::Gen;
use crate::descriptions;
use crate::words::code_list as join_code;
use ncloud::catalog::{Field, FieldType, Model, ALL_MODELS, CODE_SETS, COMMON_CODE};
use ncloud::service::Shape;

/// The name of the old client's image shape.
const PRIVATE_IMAGE: &str = "PrivateImage";

/// The TypeScript type of a code field: `CommonCode`, with its known codes when it has some.
fn code_type(codes: &[&str]) -> String {
    let name = COMMON_CODE.name;
    match (codes, code_set_name(codes)) {
        ([], _) => name.to_string(),
        (_, Some(set)) => format!("{name}<{set}>"),
        (codes, None) => format!("{name}<{}>", literals(codes)),
    }
}

/// The TypeScript type of a field of a model or of an answer, as the decoder gives it.
pub fn field_type(field: &Field) -> String {
    match field.ty {
        FieldType::Str => "string".into(),
        FieldType::Int | FieldType::Float => "number".into(),
        FieldType::Long => "Long".into(),
        FieldType::Bool => "boolean".into(),
        FieldType::Code => code_type(field.codes),
        FieldType::StrList => "string[]".into(),
        FieldType::Obj(m) => m.name.to_string(),
        FieldType::List(m) => format!("{}[]", m.name),
    }
}

impl Gen {
    /// `CommonCode<C>`: `code` offers the known codes `C` as literals (editors complete them) and accepts
    /// any other text, since NCP adds codes over time; then a union per declared code set.
    pub(super) fn codes(&mut self) {
        let name = COMMON_CODE.name;
        self.w.blank();
        self.w.doc(
            0,
            &[
                "A coded value: `code` and its display name `codeName`. `C` lists the codes known for the field;"
                    .into(),
                "any other is accepted too, since NCP adds codes over time.".into(),
            ],
        );
        self.w.export(name);
        self.w
            .line(0, &format!("export interface {name}<C extends string = string> {{"));
        for field in COMMON_CODE.fields {
            let opt = if field.always { "" } else { "?" };
            let ty = if field.name == "code" {
                "C | (string & {})"
            } else {
                "string"
            };
            self.w
                .doc(1, &[descriptions::of_field(&COMMON_CODE, field.name).to_string()]);
            self.w.line(1, &format!("{}{opt}: {ty};", field.name));
        }
        self.w.line(0, "}");
        self.w.blank();
        for (set, values) in CODE_SETS {
            let Some(ts) = code_set_name(values) else { continue };
            debug_assert_eq!(ts, format!("{}Code", pascal(set)));
            self.w.export(&ts);
            self.w.line(0, &format!("export type {ts} = {};", literals(values)));
        }
    }

    /// Every item model, as the decoder gives it.
    pub(super) fn models(&mut self) {
        for model in ALL_MODELS.iter().filter(|m| !std::ptr::eq(**m, &COMMON_CODE)) {
            self.w.blank();
            self.w.export(model.name);
            self.w.line(0, &format!("export interface {} {{", model.name));
            for field in model.fields {
                let opt = if probe::field_optional(field) { "?" } else { "" };
                self.w.doc(1, &[descriptions::of_field(model, field.name).to_string()]);
                self.w.line(1, &format!("{}{opt}: {};", field.name, field_type(field)));
            }
            self.w.line(0, "}");
        }
    }

    // -- the old client's shapes -----------------------------------------------------------------

    fn plain_of(&mut self, model: &'static Model) -> &Struct {
        self.plain.entry(model.name).or_insert_with(|| probe::plain(model))
    }

    /// The name of a shape: its model's when it is the model's own, else that of an interface made for
    /// it (registered for [`Gen::compat_shapes`] to write).
    pub(super) fn shape_name(&mut self, st: &Struct, parent: &str, key: &str) -> String {
        if st == self.plain_of(st.model) {
            return st.model.name.to_string();
        }
        if let Some((name, _, _)) = self.shapes.iter().find(|(_, s, _)| s == st) {
            return name.clone();
        }
        let mut name = format!("Compat{}", st.model.name);
        if self.shapes.iter().any(|(n, _, _)| *n == name) {
            name = format!("{parent}{}", pascal(key));
        }
        let doc = vec![format!(
            "`{parent}.{key}`: `{}` in the old client's shape.",
            st.model.name
        )];
        self.shapes.push((name.clone(), st.clone(), doc));
        name
    }

    fn shape_type(&mut self, p: &Prop, parent: &str) -> String {
        match &p.ty {
            Ty::Scalar("number") if p.numeric_id => "NumericId".into(),
            Ty::Scalar("number") if p.long => "Long".into(),
            Ty::Scalar(s) => (*s).to_string(),
            Ty::Code(codes) => code_type(codes),
            Ty::Obj(st) => self.shape_name(st, parent, &p.key),
            Ty::List(st) => format!("{}[]", self.shape_name(st, parent, &p.key)),
        }
    }

    fn shape_interface(&mut self, name: &str, st: &Struct) {
        self.w.export(name);
        self.w.line(0, &format!("export interface {name} {{"));
        for p in &st.props {
            let mut doc = Vec::new();
            if p.key != p.source {
                doc.push(format!("The API's `{}`.", p.source));
            }
            doc.push(descriptions::of_field(st.model, p.source).to_string());
            if !p.only_in.is_empty() {
                doc.push(format!("Only in the results of {}.", join_code(&p.only_in)));
            }
            let ty = self.shape_type(p, name);
            self.w.doc(1, &doc);
            let opt = if p.optional { "?" } else { "" };
            self.w.line(1, &format!("{}{opt}: {ty};", p.key));
        }
        self.w.line(0, "}");
    }

    /// The result type of an old 0.1.x method (`PrivateImage[]`, `V0FilterList<CompatProduct>` ...).
    pub(super) fn compat_result(&mut self, m: &CompatMethod) -> String {
        match m.method.map(|x| x.shape) {
            Some(Shape::PrivateImages(_)) => format!("{PRIVATE_IMAGE}[]"),
            Some(Shape::PrivateImage(_)) => PRIVATE_IMAGE.to_string(),
            Some(Shape::Response) => m
                .method
                .map_or("never".into(), |x| source::response_name(x.action).to_string()),
            Some(Shape::List(_) | Shape::V0) => self.v0_result(m),
            None => "never".into(),
        }
    }

    /// The old client's result shapes, top-level ones first so that nested parts equal to one of them
    /// reuse its name.
    pub(super) fn compat_shapes(&mut self) {
        let methods = std::mem::take(&mut self.compat);
        if let Some((st, users)) = probe::private_image(&methods) {
            let doc = vec![
                format!(
                    "A `{}` in the old `ncloud` client's shape, as returned by {}:",
                    st.model.name,
                    join_code(&users)
                ),
                "the keys are renamed and ids are numbers.".into(),
            ];
            self.shapes.push((PRIVATE_IMAGE.to_string(), st, doc));
        }
        self.v0_shapes(&methods);
        self.compat = methods;
        while self.emitted_shapes < self.shapes.len() {
            let (name, st, doc) = self.shapes[self.emitted_shapes].clone();
            self.emitted_shapes += 1;
            self.w.blank();
            self.w.doc(0, &doc);
            self.shape_interface(&name, &st);
        }
    }
}
