//! One-pass JSON decoding: serde_json's `Deserializer` drives model-typed visitors that write the
//! result straight into the output buffer (see `out.rs`, `response.rs`). No `Value` tree is built.
//! This file reads the top level and the bodies; `json_value.rs` the typed values.
//!
//! Depth: the visitors only descend where the model does (so at most the model's depth, well under
//! serde_json's own limit of 128 nested containers); everything the model does not know is skipped
//! with `IgnoredAny`, which serde_json walks iteratively (one byte of stack per level, on the heap).

use super::json_value::{FieldSeed, KeySeed, ListSeed, ScalarSeed};
use super::out::{Out, PartSink, Scalar};
use super::response::{with_status, Answer, BodyFields, ErrorFields, ErrorShape, Key, Target};
use super::view::Shape;
use crate::catalog::Action;
use crate::error::{Error, Result};
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;

type DeResult<T, E> = std::result::Result<T, E>;

/// Whose fields are in the output; a higher rank replaces a lower one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Source {
    None,
    /// The top-level object itself (no wrapper at all; the geolocation API answers so).
    Top,
    /// Another action's `...Response` wrapper whose answer has this one's fields (seed 001; see
    /// `Action::takes_wrapper`).
    Other,
    /// `{action}Response`.
    Exact,
}

struct State<'o, 'b> {
    out: &'o mut Out<'b>,
    action: &'static Action,
    answer: Answer,
    owner: Source,
}

impl State<'_, '_> {
    /// Starts writing the body of `source` if it ranks as high as the one written; false when it
    /// does not (its fields are then skipped).
    fn claim(&mut self, source: Source) -> bool {
        if source < self.owner {
            return false;
        }
        self.owner = source;
        self.answer.begin(self.out);
        true
    }
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

/// Decodes `text` (starting with `{`) into `buf`; on error, `buf` may hold a partial result (the
/// caller truncates it).
pub fn decode<'o>(
    action: &'static Action,
    shape: Shape,
    status: u16,
    text: &str,
    buf: &'o mut String,
    sink: Option<&'o mut (dyn PartSink + 'static)>,
) -> Result<Option<String>> {
    let answer = Answer::new(action, shape, buf.len())?;
    let mut out = Out::with_sink(buf, sink);
    let mut st = State {
        out: &mut out,
        action,
        answer,
        owner: Source::None,
    };
    let mut top = TopResult::default();
    let mut de = serde_json::Deserializer::from_str(text);
    let parsed = TopSeed {
        st: &mut st,
        result: &mut top,
    }
    .deserialize(&mut de)
    .and_then(|()| de.end());
    match parsed {
        Err(e) => Err(with_status(
            Error::decode(format!("HTTP {status}: malformed JSON response ({e})")),
            status,
        )),
        Ok(()) => conclude(st, status, top),
    }
}

#[derive(Default)]
struct TopResult {
    is_object: bool,
    api_error: Option<ErrorFields>,
    gateway_error: Option<ErrorFields>,
    top: BodyFields,
    other: Option<BodyFields>,
    exact: Option<BodyFields>,
    /// The first wrapper of an action whose answer is not this one's (`deleteEverythingResponse`).
    foreign: Option<String>,
}

fn conclude(st: State<'_, '_>, status: u16, r: TopResult) -> Result<Option<String>> {
    if !r.is_object {
        return Err(with_status(
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
    // The body whose fields were written: every body claims the output unless one of a higher rank
    // did, so the owner is the body chosen here.
    let body = match (r.exact, r.other, r.foreign) {
        (Some(b), _, _) => b,
        (None, Some(b), _) => b,
        (None, None, Some(wrapper)) => return Err(super::foreign_answer(st.action, &wrapper, status)),
        (None, None, None) => r.top,
    };
    st.answer.finish(st.out, status, body)
}

/// The value of the response field `idx`, written where the answer says.
fn answer_field<'de, A: MapAccess<'de>>(map: &mut A, st: &mut State<'_, '_>, idx: usize) -> DeResult<(), A::Error> {
    match st.answer.open(st.out, idx) {
        Target::Skip => {
            map.next_value::<IgnoredAny>()?;
        }
        Target::Total => {
            let total = map.next_value_seed(ScalarSeed(|v: Scalar<'_>| v.integer("totalRows")))?;
            st.answer.total(total);
        }
        Target::Field(f, fv, field) => {
            let (written, count) = map.next_value_seed(FieldSeed {
                out: &mut *st.out,
                field,
                fv,
            })?;
            st.answer.close(st.out, f, written, count);
        }
        Target::List(model, view) => {
            let name = st.action.list.map_or("", |l| l.name);
            let count = map.next_value_seed(ListSeed {
                out: &mut *st.out,
                model,
                view,
                name,
            })?;
            st.answer.list_done(count);
        }
    }
    Ok(())
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
        st.claim(Source::Top);
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
            } else if k.ends_with("Response") && st.action.takes_wrapper(k.as_bytes()) {
                if result.other.is_none() {
                    result.other = map.next_value_seed(BodySeed {
                        st: &mut *st,
                        source: Source::Other,
                    })?;
                } else {
                    map.next_value::<IgnoredAny>()?;
                }
            } else if k.ends_with("Response") {
                result.foreign.get_or_insert_with(|| k.to_string());
                map.next_value::<IgnoredAny>()?;
            } else {
                match st.answer.key(k.as_bytes()) {
                    Key::Field(idx) if st.owner == Source::Top => answer_field(&mut map, st, idx)?,
                    Key::Envelope => {
                        let top = &mut result.top;
                        map.next_value_seed(ScalarSeed(|v: Scalar<'_>| top.set(k.as_bytes(), v)))?;
                    }
                    Key::Field(_) | Key::Other => {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
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

/// A wrapper's body: its envelope is returned; its fields are written when `source` ranks as high as
/// the body written so far. `None` when the value is not an object.
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
        let st = self.st;
        let writing = st.claim(self.source);
        let mut fields = BodyFields::default();
        while let Some(key) = map.next_key_seed(KeySeed)? {
            let k = key.as_str().as_bytes();
            match st.answer.key(k) {
                Key::Field(idx) if writing => answer_field(&mut map, st, idx)?,
                Key::Envelope => {
                    let f = &mut fields;
                    map.next_value_seed(ScalarSeed(|v: Scalar<'_>| f.set(k, v)))?;
                }
                Key::Field(_) | Key::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(Some(fields))
    }
    not_an_object!();
}
