//! One-pass JSON decoding: serde_json's `Deserializer` drives model-typed visitors that write the
//! result straight into the output buffer (see `out.rs`). No `Value` tree is built.
//!
//! Depth: the visitors only descend where the model does (so at most the model's depth, well under
//! serde_json's own limit of 128 nested containers); everything the model does not know is skipped
//! with `IgnoredAny`, which serde_json walks iteratively (one byte of stack per level, on the heap).

use super::out::{self, BodyFields, ErrorFields, ErrorShape, Layout, Out, Scalar, Shape, View};
use crate::catalog::COMMON_CODE;
use crate::catalog::{Action, FieldType, Model};
use crate::error::{Error, Result};
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;

type DeResult<T, E> = std::result::Result<T, E>;

/// Who wrote the list now in the buffer; a higher rank replaces a lower one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Source {
    None,
    /// The top-level object itself (no wrapper at all).
    Top,
    /// Another action's `...Response` wrapper (lenient; seed 001).
    Other,
    /// `{action}Response`.
    Exact,
}

struct State<'o, 'b> {
    out: &'o mut Out<'b>,
    action: &'static Action,
    layout: Layout,
    shape: Shape,
    list_owner: Source,
    list_count: usize,
}

/// The visits of a value that is not an object, for a visitor whose result is `Option<_>`: `None`
/// (an array is skipped without recursion).
macro_rules! not_an_object {
    () => {
        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> DeResult<Self::Value, A::Error> {
            IgnoredAny.visit_seq(seq).map(|_| None)
        }
        fn visit_str<E>(self, _: &str) -> DeResult<Self::Value, E> {
            Ok(None)
        }
        fn visit_u64<E>(self, _: u64) -> DeResult<Self::Value, E> {
            Ok(None)
        }
        fn visit_i64<E>(self, _: i64) -> DeResult<Self::Value, E> {
            Ok(None)
        }
        fn visit_f64<E>(self, _: f64) -> DeResult<Self::Value, E> {
            Ok(None)
        }
        fn visit_bool<E>(self, _: bool) -> DeResult<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E>(self) -> DeResult<Self::Value, E> {
            Ok(None)
        }
    };
}

pub fn decode(
    action: &'static Action,
    shape: Shape,
    status: u16,
    text: &str,
    buf: &mut String,
) -> Result<Option<String>> {
    let mark = buf.len();
    let layout = out::begin(buf, action);
    let mut out = Out::new(buf);
    let mut st = State {
        out: &mut out,
        action,
        layout,
        shape,
        list_owner: Source::None,
        list_count: 0,
    };
    let mut top = TopResult::default();
    let mut de = serde_json::Deserializer::from_str(text);
    let parsed = TopSeed {
        st: &mut st,
        result: &mut top,
    }
    .deserialize(&mut de)
    .and_then(|()| de.end());
    let result = match parsed {
        Err(e) => Err(out::with_status(
            Error::decode(format!("HTTP {status}: malformed JSON response ({e})")),
            status,
        )),
        Ok(()) => conclude(&mut st, status, top),
    };
    if result.is_err() {
        out.buf.truncate(mark);
    }
    result
}

#[derive(Default)]
struct TopResult {
    is_object: bool,
    api_error: Option<ErrorFields>,
    gateway_error: Option<ErrorFields>,
    top: BodyFields,
    other: Option<BodyFields>,
    exact: Option<BodyFields>,
}

fn conclude(st: &mut State<'_, '_>, status: u16, r: TopResult) -> Result<Option<String>> {
    if !r.is_object {
        return Err(out::with_status(
            Error::decode(format!("HTTP {status}: the answer is not an object")),
            status,
        ));
    }
    if let Some(e) = r.api_error {
        return Err(e.into_error(ErrorShape::Api, status));
    }
    if let Some(e) = r.gateway_error {
        return Err(e.into_error(ErrorShape::Gateway, status));
    }
    let (source, body) = match (r.exact, r.other) {
        (Some(b), _) => (Source::Exact, b),
        (None, Some(b)) => (Source::Other, b),
        (None, None) => (Source::Top, r.top),
    };
    let count = (st.list_owner == source).then_some(st.list_count);
    if st.list_owner != source {
        st.out.type_err = None;
    }
    out::finish(st.out, st.layout, st.shape, status, body, count)
}

// ------------------------------------------------------------------------------------------------
// Keys

/// A map key, borrowed when it had no escapes.
enum Key<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl Key<'_> {
    fn as_str(&self) -> &str {
        match self {
            Key::Borrowed(s) => s,
            Key::Owned(s) => s,
        }
    }
}

struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Key<'de>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> DeResult<Key<'de>, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Key<'de>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a key")
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> DeResult<Key<'de>, E> {
        Ok(Key::Borrowed(v))
    }
    fn visit_str<E>(self, v: &str) -> DeResult<Key<'de>, E> {
        Ok(Key::Owned(v.to_string()))
    }
}

/// A field key of `model`: its index, or `None` for a field the model does not have.
struct FieldKey<'m> {
    model: &'m Model,
    hint: usize,
}

impl<'de> DeserializeSeed<'de> for FieldKey<'_> {
    type Value = Option<usize>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> DeResult<Option<usize>, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for FieldKey<'_> {
    type Value = Option<usize>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a key")
    }
    fn visit_str<E>(self, v: &str) -> DeResult<Option<usize>, E> {
        Ok(out::field_index(self.model, v.as_bytes(), self.hint))
    }
}

// ------------------------------------------------------------------------------------------------
// Scalars

/// Reads any value as a [`Scalar`] (objects and lists are skipped and reported as `Compound`) and
/// hands it to `f`.
struct ScalarSeed<F>(F);

impl<'de, F, T> DeserializeSeed<'de> for ScalarSeed<F>
where
    F: FnOnce(Scalar<'_>) -> T,
{
    type Value = T;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> DeResult<T, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, F, T> Visitor<'de> for ScalarSeed<F>
where
    F: FnOnce(Scalar<'_>) -> T,
{
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a value")
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> DeResult<T, E> {
        // Borrowed from the body: it had no escape sequence, so it needs none (serde_json refuses raw
        // control characters in strings).
        Ok((self.0)(Scalar::Str(v, true)))
    }
    fn visit_str<E>(self, v: &str) -> DeResult<T, E> {
        Ok((self.0)(Scalar::Str(v, false)))
    }
    fn visit_u64<E>(self, v: u64) -> DeResult<T, E> {
        Ok((self.0)(Scalar::U64(v)))
    }
    fn visit_i64<E>(self, v: i64) -> DeResult<T, E> {
        Ok((self.0)(Scalar::I64(v)))
    }
    fn visit_f64<E>(self, v: f64) -> DeResult<T, E> {
        Ok((self.0)(Scalar::F64(v)))
    }
    fn visit_bool<E>(self, v: bool) -> DeResult<T, E> {
        Ok((self.0)(Scalar::Bool(v)))
    }
    fn visit_unit<E>(self) -> DeResult<T, E> {
        Ok((self.0)(Scalar::Null))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> DeResult<T, A::Error> {
        IgnoredAny.visit_map(map)?;
        Ok((self.0)(Scalar::Compound))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> DeResult<T, A::Error> {
        IgnoredAny.visit_seq(seq)?;
        Ok((self.0)(Scalar::Compound))
    }
}

// ------------------------------------------------------------------------------------------------
// Top level and bodies

struct TopSeed<'s, 'o, 'b> {
    st: &'s mut State<'o, 'b>,
    result: &'s mut TopResult,
}

impl<'de> DeserializeSeed<'de> for TopSeed<'_, '_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> DeResult<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for TopSeed<'_, '_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> DeResult<(), A::Error> {
        let TopSeed { st, result } = self;
        result.is_object = true;
        let exact_len = st.action.name.len();
        while let Some(key) = map.next_key_seed(KeySeed)? {
            let k = key.as_str();
            if k == "responseError" || k == "error" {
                let shape = if k == "error" {
                    ErrorShape::Gateway
                } else {
                    ErrorShape::Api
                };
                let fields = map.next_value_seed(ErrorSeed(shape))?;
                match shape {
                    ErrorShape::Api => result.api_error = fields,
                    ErrorShape::Gateway => result.gateway_error = fields,
                }
            } else if k.len() == exact_len + 8 && k.starts_with(st.action.name) && k.ends_with("Response") {
                if let Some(b) = map.next_value_seed(BodySeed {
                    st: &mut *st,
                    source: Source::Exact,
                })? {
                    result.exact = Some(b);
                }
            } else if k.ends_with("Response") && result.other.is_none() {
                result.other = map.next_value_seed(BodySeed {
                    st: &mut *st,
                    source: Source::Other,
                })?;
            } else if k == st.action.list {
                map.next_value_seed(ListField {
                    st: &mut *st,
                    source: Source::Top,
                })?;
            } else if BodyFields::wants(k) {
                let top = &mut result.top;
                map.next_value_seed(ScalarSeed(|v: Scalar<'_>| top.set(k, v)))?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> DeResult<(), A::Error> {
        IgnoredAny.visit_seq(seq).map(|_| ())
    }
    fn visit_str<E>(self, _: &str) -> DeResult<(), E> {
        Ok(())
    }
}

/// An error object's fields (`None` when the value is not an object).
struct ErrorSeed(ErrorShape);

impl<'de> DeserializeSeed<'de> for ErrorSeed {
    type Value = Option<ErrorFields>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> DeResult<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ErrorSeed {
    type Value = Option<ErrorFields>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an error object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> DeResult<Self::Value, A::Error> {
        let mut fields = ErrorFields::default();
        while let Some(key) = map.next_key_seed(KeySeed)? {
            let text = map.next_value_seed(ScalarSeed(|v: Scalar<'_>| v.text_field()))?;
            fields.set(self.0, key.as_str(), text);
        }
        Ok(Some(fields))
    }
    not_an_object!();
}

/// A wrapper's body: its scalar fields are returned, its list is written if `source` ranks high
/// enough. `None` when the value is not an object.
struct BodySeed<'s, 'o, 'b> {
    st: &'s mut State<'o, 'b>,
    source: Source,
}

impl<'de> DeserializeSeed<'de> for BodySeed<'_, '_, '_> {
    type Value = Option<BodyFields>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> DeResult<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for BodySeed<'_, '_, '_> {
    type Value = Option<BodyFields>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a response object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> DeResult<Self::Value, A::Error> {
        let mut fields = BodyFields::default();
        while let Some(key) = map.next_key_seed(KeySeed)? {
            let k = key.as_str();
            if k == self.st.action.list {
                map.next_value_seed(ListField {
                    st: &mut *self.st,
                    source: self.source,
                })?;
            } else if BodyFields::wants(k) {
                let f = &mut fields;
                map.next_value_seed(ScalarSeed(|v: Scalar<'_>| f.set(k, v)))?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(Some(fields))
    }
    not_an_object!();
}

/// The action's list, written at the list position when `source` outranks its current writer.
struct ListField<'s, 'o, 'b> {
    st: &'s mut State<'o, 'b>,
    source: Source,
}

impl<'de> DeserializeSeed<'de> for ListField<'_, '_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> DeResult<(), D::Error> {
        let st = self.st;
        if self.source < st.list_owner {
            return IgnoredAny::deserialize(d).map(|_| ());
        }
        st.out.buf.truncate(st.layout.list_start);
        st.out.type_err = None;
        st.list_owner = self.source;
        let action = st.action;
        st.list_count = ListSeed {
            out: &mut *st.out,
            model: action.item,
            view: st.shape.item_view(),
            name: action.list,
        }
        .deserialize(d)?;
        Ok(())
    }
}

use serde::de::Deserialize;

// ------------------------------------------------------------------------------------------------
// Typed values

/// A list of `model` objects (`typed_list`): writes `[...]`, returns the item count.
struct ListSeed<'s, 'b> {
    out: &'s mut Out<'b>,
    model: &'static Model,
    view: View,
    name: &'static str,
}

impl<'de> DeserializeSeed<'de> for ListSeed<'_, '_> {
    type Value = usize;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> DeResult<usize, D::Error> {
        d.deserialize_any(self)
    }
}

impl ListSeed<'_, '_> {
    fn empty(self) -> usize {
        self.out.buf.push_str("[]");
        0
    }
    fn bad(self, got: &str) -> usize {
        self.out
            .type_error(format!("'{}': expected a list, got {got}", self.name));
        self.empty()
    }
}

impl<'de> Visitor<'de> for ListSeed<'_, '_> {
    type Value = usize;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> DeResult<usize, A::Error> {
        self.out.buf.push('[');
        let mut n = 0usize;
        loop {
            let comma = self.out.buf.len();
            if n > 0 {
                self.out.buf.push(',');
            }
            let got = seq.next_element_seed(ItemSeed {
                out: &mut *self.out,
                model: self.model,
                view: self.view,
                name: self.name,
            })?;
            if got.is_none() {
                self.out.buf.truncate(comma);
                break;
            }
            n += 1;
        }
        self.out.buf.push(']');
        Ok(n)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> DeResult<usize, A::Error> {
        // A single object where a list was expected.
        self.out.buf.push('[');
        write_object(self.out, self.model, self.view, map)?;
        self.out.buf.push(']');
        Ok(1)
    }
    fn visit_unit<E>(self) -> DeResult<usize, E> {
        Ok(self.empty())
    }
    fn visit_str<E>(self, v: &str) -> DeResult<usize, E> {
        if v.trim().is_empty() {
            Ok(self.empty())
        } else {
            Ok(self.bad("text"))
        }
    }
    fn visit_u64<E>(self, _: u64) -> DeResult<usize, E> {
        Ok(self.bad("a number"))
    }
    fn visit_i64<E>(self, _: i64) -> DeResult<usize, E> {
        Ok(self.bad("a number"))
    }
    fn visit_f64<E>(self, _: f64) -> DeResult<usize, E> {
        Ok(self.bad("a number"))
    }
    fn visit_bool<E>(self, _: bool) -> DeResult<usize, E> {
        Ok(self.bad("a boolean"))
    }
}

/// One item of a list (`typed_object`): an object; empty text stands for `{}`.
struct ItemSeed<'s, 'b> {
    out: &'s mut Out<'b>,
    model: &'static Model,
    view: View,
    name: &'static str,
}

impl<'de> DeserializeSeed<'de> for ItemSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> DeResult<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl ItemSeed<'_, '_> {
    fn bad(self, got: &str) {
        self.out
            .type_error(format!("'{}': expected an object, got {got}", self.name));
        self.out.buf.push_str("{}");
    }
}

impl<'de> Visitor<'de> for ItemSeed<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object")
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> DeResult<(), A::Error> {
        write_object(self.out, self.model, self.view, map)
    }
    fn visit_str<E>(self, v: &str) -> DeResult<(), E> {
        if v.trim().is_empty() {
            self.out.buf.push_str("{}");
        } else {
            self.bad("text");
        }
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> DeResult<(), A::Error> {
        IgnoredAny.visit_seq(seq)?;
        self.bad("a list");
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> DeResult<(), E> {
        self.bad("a number");
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> DeResult<(), E> {
        self.bad("a number");
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> DeResult<(), E> {
        self.bad("a number");
        Ok(())
    }
    fn visit_bool<E>(self, _: bool) -> DeResult<(), E> {
        self.bad("a boolean");
        Ok(())
    }
    fn visit_unit<E>(self) -> DeResult<(), E> {
        self.bad("null");
        Ok(())
    }
}

/// The fields of one `model` object, in the model's order, unknown ones skipped.
fn write_object<'de, A: MapAccess<'de>>(
    out: &mut Out<'_>,
    model: &'static Model,
    view: View,
    mut map: A,
) -> DeResult<(), A::Error> {
    let mut m = out.begin_object(view);
    let mut hint = 0;
    while let Some(idx) = map.next_key_seed(FieldKey { model, hint })? {
        let Some(idx) = idx else {
            map.next_value::<IgnoredAny>()?;
            continue;
        };
        hint = idx + 1;
        let field = &model.fields[idx];
        let Some((f, fv)) = out.begin_field(&mut m, model, idx) else {
            map.next_value::<IgnoredAny>()?;
            continue;
        };
        let written = match field.ty {
            FieldType::Str | FieldType::Int | FieldType::Long | FieldType::Float | FieldType::Bool => {
                let o = &mut *out;
                map.next_value_seed(ScalarSeed(|v: Scalar<'_>| o.scalar(field.ty, v, field.name, fv.num)))?
            }
            FieldType::Code => map.next_value_seed(ObjectSeed {
                out: &mut *out,
                model: &COMMON_CODE,
                view: fv.sub,
            })?,
            FieldType::Obj(sub) => map.next_value_seed(ObjectSeed {
                out: &mut *out,
                model: sub,
                view: fv.sub,
            })?,
            FieldType::StrList => {
                map.next_value_seed(StrListSeed { out: &mut *out })?;
                true
            }
            FieldType::List(sub) => {
                map.next_value_seed(ListSeed {
                    out: &mut *out,
                    model: sub,
                    view: fv.sub,
                    name: field.name,
                })?;
                true
            }
        };
        out.end_field(f, written);
    }
    out.end_object(m, model);
    Ok(())
}

/// A nested object (`Code`, `Obj`): written when the value is an object, absent otherwise.
struct ObjectSeed<'s, 'b> {
    out: &'s mut Out<'b>,
    model: &'static Model,
    view: View,
}

impl<'de> DeserializeSeed<'de> for ObjectSeed<'_, '_> {
    type Value = bool;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> DeResult<bool, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ObjectSeed<'_, '_> {
    type Value = bool;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object")
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> DeResult<bool, A::Error> {
        write_object(self.out, self.model, self.view, map)?;
        Ok(true)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> DeResult<bool, A::Error> {
        IgnoredAny.visit_seq(seq).map(|_| false)
    }
    fn visit_str<E>(self, _: &str) -> DeResult<bool, E> {
        Ok(false)
    }
    fn visit_u64<E>(self, _: u64) -> DeResult<bool, E> {
        Ok(false)
    }
    fn visit_i64<E>(self, _: i64) -> DeResult<bool, E> {
        Ok(false)
    }
    fn visit_f64<E>(self, _: f64) -> DeResult<bool, E> {
        Ok(false)
    }
    fn visit_bool<E>(self, _: bool) -> DeResult<bool, E> {
        Ok(false)
    }
    fn visit_unit<E>(self) -> DeResult<bool, E> {
        Ok(false)
    }
}

/// A list of strings: text and numbers kept (as text), anything else dropped; a lone non-empty text
/// is a one-item list; anything else is `[]`.
struct StrListSeed<'s, 'b> {
    out: &'s mut Out<'b>,
}

impl<'de> DeserializeSeed<'de> for StrListSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> DeResult<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl StrListSeed<'_, '_> {
    fn empty(self) {
        self.out.buf.push_str("[]");
    }
}

impl<'de> Visitor<'de> for StrListSeed<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of strings")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> DeResult<(), A::Error> {
        let out = self.out;
        out.buf.push('[');
        let mut n = 0usize;
        loop {
            let before = out.buf.len();
            if n > 0 {
                out.buf.push(',');
            }
            let o = &mut *out;
            let item = seq.next_element_seed(ScalarSeed(|v: Scalar<'_>| match v {
                Scalar::Str(..) | Scalar::U64(_) | Scalar::I64(_) | Scalar::F64(_) => {
                    o.scalar(FieldType::Str, v, "", false)
                }
                _ => false,
            }))?;
            match item {
                None => {
                    out.buf.truncate(before);
                    break;
                }
                Some(true) => n += 1,
                Some(false) => out.buf.truncate(before),
            }
        }
        out.buf.push(']');
        Ok(())
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> DeResult<(), E> {
        self.one(v, true);
        Ok(())
    }
    fn visit_str<E>(self, v: &str) -> DeResult<(), E> {
        self.one(v, false);
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> DeResult<(), A::Error> {
        IgnoredAny.visit_map(map)?;
        self.empty();
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> DeResult<(), E> {
        self.empty();
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> DeResult<(), E> {
        self.empty();
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> DeResult<(), E> {
        self.empty();
        Ok(())
    }
    fn visit_bool<E>(self, _: bool) -> DeResult<(), E> {
        self.empty();
        Ok(())
    }
    fn visit_unit<E>(self) -> DeResult<(), E> {
        self.empty();
        Ok(())
    }
}

impl StrListSeed<'_, '_> {
    fn one(self, v: &str, clean: bool) {
        if v.trim().is_empty() {
            return self.empty();
        }
        self.out.buf.push('[');
        self.out.scalar(FieldType::Str, Scalar::Str(v, clean), "", false);
        self.out.buf.push(']');
    }
}
