//! The JSON decoder's typed values: serde visitors, generated from the catalog's models, that write
//! each value straight into the output (`out.rs`) as serde_json reads it. Recursion follows the model;
//! whatever the model does not know is skipped with `IgnoredAny`, which serde_json walks iteratively.

use super::out::{self, Out, Scalar};
use super::view::{FieldView, View};
use crate::catalog::{Field, FieldType, Model, COMMON_CODE};
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;

type DeResult<T, E> = std::result::Result<T, E>;

// ------------------------------------------------------------------------------------------------
// Keys

/// A map key, borrowed when it had no escapes.
pub(super) enum Key<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl Key<'_> {
    pub(super) fn as_str(&self) -> &str {
        match self {
            Key::Borrowed(s) => s,
            Key::Owned(s) => s,
        }
    }
}

pub(super) struct KeySeed;

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
pub(super) struct ScalarSeed<F>(pub(super) F);

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
// Typed values

/// A list of `model` objects: writes `[...]`, returns the item count.
pub(super) struct ListSeed<'s, 'b> {
    pub(super) out: &'s mut Out<'b>,
    pub(super) model: &'static Model,
    pub(super) view: View,
    pub(super) name: &'static str,
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
        let parting = self.out.parting();
        let mut n = 0usize;
        // Items in the output (those handed over in parts are not).
        let mut here = 0usize;
        loop {
            let comma = self.out.buf.len();
            if here > 0 {
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
            here = if self.out.part_done(parting) { 0 } else { here + 1 };
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

/// One item of a list: an object; empty text stands for `{}`.
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

/// The value of one field, typed by the field: gives whether it was written (absent values are not)
/// and, for a list, its number of items.
pub(super) struct FieldSeed<'s, 'b> {
    pub(super) out: &'s mut Out<'b>,
    pub(super) field: &'static Field,
    pub(super) fv: FieldView,
}

impl<'de> DeserializeSeed<'de> for FieldSeed<'_, '_> {
    type Value = (bool, usize);
    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> DeResult<(bool, usize), D::Error> {
        let FieldSeed { out, field, fv } = self;
        match field.ty {
            FieldType::Str | FieldType::Int | FieldType::Long | FieldType::Float | FieldType::Bool => d
                .deserialize_any(ScalarSeed(|v: Scalar<'_>| out.scalar(field.ty, v, field.name, fv.num)))
                .map(|w| (w, 0)),
            FieldType::Code => ObjectSeed {
                out,
                model: &COMMON_CODE,
                view: fv.sub,
            }
            .deserialize(d)
            .map(|w| (w, 0)),
            FieldType::Obj(sub) => ObjectSeed {
                out,
                model: sub,
                view: fv.sub,
            }
            .deserialize(d)
            .map(|w| (w, 0)),
            FieldType::StrList => StrListSeed { out }.deserialize(d).map(|()| (true, 0)),
            FieldType::List(sub) => ListSeed {
                out,
                model: sub,
                view: fv.sub,
                name: field.name,
            }
            .deserialize(d)
            .map(|n| (true, n)),
        }
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
        let (written, _) = map.next_value_seed(FieldSeed {
            out: &mut *out,
            field,
            fv,
        })?;
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
