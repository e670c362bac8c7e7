//! The output side of the one-pass decoders (issue 8): the typed JSON text handed to JavaScript is
//! written straight into one buffer while the body is read, typed by the catalog's models as it goes.
//! Both `decode_json` and `decode_xml` drive this writer; neither builds a tree.
//!
//! Field order is the model's. Answers normally list fields in that order, so a field is written where
//! it arrives; only when fields arrive out of order (or twice) is that one object rewritten from the
//! spans recorded for it. Lists that are always present in the typed form (`StrList`, `List`) are
//! filled in as `[]` where the answer leaves them out. One field of an object may be a *slot*: a
//! reserved width written in its place and filled in at the end (`totalRows`, which may follow the list
//! it counts).

use super::scalar::{push_display, push_integer};
pub(super) use super::scalar::{push_escaped, push_int, push_json_str, Scalar, SLOT_WIDTH};
use super::view::{FieldView, View};
use super::MAX_SAFE_INTEGER;
use crate::catalog::{FieldType, Model};

#[derive(Debug, Clone, Copy)]
struct Span {
    idx: usize,
    start: usize,
    end: usize,
}

/// An object being written.
#[derive(Debug)]
pub struct ObjMark {
    /// Just after its `{`.
    start: usize,
    /// Its first span in `Out::spans`.
    base: usize,
    /// Index of the next model field expected in order.
    next: usize,
    in_order: bool,
    view: View,
    /// The field written as a slot ([`Out::slot_field`]), if any.
    slot: Option<usize>,
}

/// A field being written.
#[derive(Debug)]
pub struct FieldMark {
    before: usize,
    start: usize,
    idx: usize,
}

impl FieldMark {
    /// The field's index in its model.
    pub fn idx(&self) -> usize {
        self.idx
    }
}

/// Takes a long list's items in parts while the answer is still being decoded, so that the reader
/// (JavaScript's `JSON.parse`, on another thread) works on the first items while later ones are
/// decoded. Only the response object's own list is handed over so (see [`Out::with_sink`]).
pub trait PartSink {
    /// The next items of the list `key`, as the JSON text of a list (`[...]`): they come, in order,
    /// before the items the finished answer still holds in that list.
    fn part(&mut self, key: &'static str, items: String);
    /// Every part handed over so far is void: the answer is being written again.
    fn reset(&mut self);
}

/// A part is handed over once the list's items written since the last one reach this many bytes:
/// with the item that crossed it and its brackets, a part then fits [`PART_BLOCK`].
pub const PART_BYTES: usize = PART_BLOCK - (64 << 10);
/// The block a part's text is given: 2 MiB, one transparent huge page where the core's allocator maps
/// large blocks so (`alloc`), made with one page fault instead of 512.
const PART_BLOCK: usize = 2 << 20;

/// The list being handed over in parts: where its items start in the output (after its `[`), and
/// its key.
#[derive(Debug, Clone, Copy)]
pub struct Parting {
    from: usize,
    key: &'static str,
}

pub struct Out<'a> {
    pub buf: &'a mut String,
    /// Where a long list's parts go, if anywhere.
    sink: Option<&'a mut (dyn PartSink + 'static)>,
    /// The response list about to be written (its `[` goes at this position), offered for parting.
    part_at: Option<(usize, &'static str)>,
    /// Parts were handed over (they are voided if the answer is written again).
    parted: bool,
    spans: Vec<Span>,
    /// The first typing error, reported only when the answer turns out to be a success.
    pub type_err: Option<String>,
    /// Where the slot's reserved width starts, once written.
    pub slot_at: Option<usize>,
}

fn always_present(ty: FieldType) -> bool {
    matches!(ty, FieldType::StrList | FieldType::List(_))
}

impl<'a> Out<'a> {
    /// An output whose response list, when long, goes to `sink` in parts as it is written.
    pub fn with_sink(buf: &'a mut String, sink: Option<&'a mut (dyn PartSink + 'static)>) -> Self {
        Out {
            buf,
            sink,
            part_at: None,
            parted: false,
            spans: Vec::with_capacity(64),
            type_err: None,
            slot_at: None,
        }
    }

    pub fn type_error(&mut self, msg: String) {
        if self.type_err.is_none() {
            self.type_err = Some(msg);
        }
    }

    /// Drops everything written from `mark` on, to write again from there (no object may be open).
    pub fn reset(&mut self, mark: usize) {
        self.void_parts();
        self.buf.truncate(mark);
        self.spans.clear();
        self.type_err = None;
        self.slot_at = None;
    }

    /// Voids the parts handed over so far, if any.
    fn void_parts(&mut self) {
        self.part_at = None;
        if std::mem::take(&mut self.parted) {
            if let Some(sink) = self.sink.as_mut() {
                sink.reset();
            }
        }
    }

    /// The response object's list `key` is about to be written here: when it is a list and grows
    /// long, its items go to the sink in parts. A list given again replaces the first one, parts and
    /// all.
    pub fn offer_parts(&mut self, key: &'static str) {
        if self.sink.is_some() {
            self.void_parts();
            self.part_at = Some((self.buf.len(), key));
        }
    }

    /// The field offered for parting has ended (whatever its value was).
    pub fn end_offer(&mut self) {
        self.part_at = None;
    }

    /// Called by a list writer right after its `[`: whether this is the list offered for parting.
    pub fn parting(&mut self) -> Option<Parting> {
        match self.part_at {
            Some((at, key)) if at + 1 == self.buf.len() => {
                self.part_at = None;
                Some(Parting {
                    from: self.buf.len(),
                    key,
                })
            }
            _ => None,
        }
    }

    /// After an item of a parted list: hands the items written since the last part over once they
    /// reach [`PART_BYTES`]. True when it did (the next item is then the first in the output again,
    /// written without a comma).
    #[inline]
    pub fn part_done(&mut self, p: Option<Parting>) -> bool {
        let Some(p) = p else { return false };
        if self.buf.len() - p.from < PART_BYTES {
            return false;
        }
        let Some(sink) = self.sink.as_mut() else { return false };
        let mut items = String::with_capacity((self.buf.len() - p.from + 2).max(PART_BLOCK));
        items.push('[');
        items.push_str(&self.buf[p.from..]);
        items.push(']');
        self.buf.truncate(p.from);
        sink.part(p.key, items);
        self.parted = true;
        true
    }

    pub fn begin_object(&mut self, view: View) -> ObjMark {
        self.begin_object_with_slot(view, None)
    }

    /// An object whose field `slot` is written as a slot.
    pub fn begin_object_with_slot(&mut self, view: View, slot: Option<usize>) -> ObjMark {
        self.buf.push('{');
        ObjMark {
            start: self.buf.len(),
            base: self.spans.len(),
            next: 0,
            in_order: true,
            view,
            slot,
        }
    }

    #[inline]
    fn push_key(&mut self, m: &ObjMark, name: &str) -> (usize, usize) {
        let before = self.buf.len();
        let comma = self.spans.len() > m.base;
        // One reservation, then byte pushes into it.
        self.buf.reserve(name.len() + 4);
        // SAFETY: only ASCII punctuation and the bytes of `name` (a `str`) are appended.
        let bytes = unsafe { self.buf.as_mut_vec() };
        if comma {
            bytes.push(b',');
        }
        let start = bytes.len();
        bytes.push(b'"');
        bytes.extend_from_slice(name.as_bytes());
        bytes.extend_from_slice(b"\":");
        (before, start)
    }

    fn push_slot(&mut self, m: &ObjMark, key: &str, idx: usize) {
        let (_, start) = self.push_key(m, key);
        self.slot_at = Some(self.buf.len());
        self.buf.extend(std::iter::repeat_n(' ', SLOT_WIDTH));
        self.spans.push(Span {
            idx,
            start,
            end: self.buf.len(),
        });
    }

    /// Writes `[]` for every always-present field in `from..to` (fields the answer left out), and the
    /// slot if it is among them.
    fn fill_missing(&mut self, m: &ObjMark, model: &'static Model, from: usize, to: usize) {
        for idx in from..to {
            let slot = m.slot == Some(idx);
            if !slot && !always_present(model.fields[idx].ty) {
                continue;
            }
            if let Some(fv) = m.view.field(model, idx) {
                if slot {
                    self.push_slot(m, fv.key, idx);
                    continue;
                }
                let (_, start) = self.push_key(m, fv.key);
                self.buf.push_str("[]");
                self.spans.push(Span {
                    idx,
                    start,
                    end: self.buf.len(),
                });
            }
        }
    }

    /// Keeps the object's order for field `idx`, which is about to be written.
    #[inline]
    fn advance(&mut self, m: &mut ObjMark, model: &'static Model, idx: usize) {
        if m.in_order {
            if idx >= m.next {
                if idx > m.next {
                    self.fill_missing(m, model, m.next, idx);
                }
                m.next = idx + 1;
            } else {
                m.in_order = false;
            }
        }
    }

    /// Starts field `idx`; `None` when the object's view drops it (the caller skips its value).
    pub fn begin_field(
        &mut self,
        m: &mut ObjMark,
        model: &'static Model,
        idx: usize,
    ) -> Option<(FieldMark, FieldView)> {
        let fv = m.view.field(model, idx)?;
        self.advance(m, model, idx);
        let (before, start) = self.push_key(m, fv.key);
        Some((FieldMark { before, start, idx }, fv))
    }

    /// The object's slot field arrived: its reserved width is written in its place the first time
    /// (the caller keeps the value, written into [`Self::slot_at`] at the end); later ones write nothing.
    pub fn slot_field(&mut self, m: &mut ObjMark, model: &'static Model, idx: usize) {
        if self.slot_at.is_some() {
            return;
        }
        if let Some(fv) = m.view.field(model, idx) {
            self.advance(m, model, idx);
            self.push_slot(m, fv.key, idx);
        }
    }

    /// Ends a field; `written == false` takes its key back (the value was absent).
    pub fn end_field(&mut self, f: FieldMark, written: bool) {
        if written {
            self.spans.push(Span {
                idx: f.idx,
                start: f.start,
                end: self.buf.len(),
            });
        } else {
            self.buf.truncate(f.before);
        }
    }

    /// Writes what the object still lacks (missing lists, the slot) and puts its fields in the
    /// model's order; the object stays open (see [`Self::end_object`]).
    pub fn finish_fields(&mut self, mut m: ObjMark, model: &'static Model) {
        if m.in_order {
            let from = m.next;
            m.next = model.fields.len();
            self.fill_missing(&m, model, from, model.fields.len());
        } else {
            // Rare: fields out of the model's order or given twice (the last one wins, as before).
            let spans = &self.spans[m.base..];
            let mut text = String::with_capacity(self.buf.len() - m.start + 16 + SLOT_WIDTH);
            let mut slot_at = None;
            for (idx, field) in model.fields.iter().enumerate() {
                let span = spans.iter().rev().find(|s| s.idx == idx);
                let slot = m.slot == Some(idx);
                let missing = match m.view.field(model, idx) {
                    Some(fv) if span.is_none() && (slot || always_present(field.ty)) => Some(fv.key),
                    _ => None,
                };
                if span.is_none() && missing.is_none() {
                    continue;
                }
                if !text.is_empty() {
                    text.push(',');
                }
                match (span, missing) {
                    (Some(s), _) => {
                        if let Some(at) = self.slot_at.filter(|at| slot && (s.start..s.end).contains(at)) {
                            slot_at = Some(m.start + text.len() + (at - s.start));
                        }
                        text.push_str(&self.buf[s.start..s.end]);
                    }
                    (None, Some(key)) => {
                        text.push('"');
                        text.push_str(key);
                        text.push_str("\":");
                        if slot {
                            slot_at = Some(m.start + text.len());
                            text.extend(std::iter::repeat_n(' ', SLOT_WIDTH));
                        } else {
                            text.push_str("[]");
                        }
                    }
                    (None, None) => {}
                }
            }
            self.buf.truncate(m.start);
            self.buf.push_str(&text);
            if m.slot.is_some() {
                self.slot_at = slot_at;
            }
        }
        self.spans.truncate(m.base);
    }

    pub fn end_object(&mut self, m: ObjMark, model: &'static Model) {
        self.finish_fields(m, model);
        self.buf.push('}');
    }

    /// An object of `model` with no fields at all (an empty element, or empty text where an item
    /// was expected).
    pub fn empty_object(&mut self, model: &'static Model, view: View) {
        let m = self.begin_object(view);
        self.end_object(m, model);
    }

    /// Writes a scalar field's value typed as `ty` (`Str`, `Int`, `Long`, `Float`, `Bool`); false when the
    /// value counts as absent. Wrong types are recorded as a typing error. `num`: text holding a whole
    /// number below 2^53 is written as a number (the compat shapes' ids).
    pub fn scalar(&mut self, ty: FieldType, v: Scalar<'_>, name: &str, num: bool) -> bool {
        if num && matches!(ty, FieldType::Str) {
            let n = match v {
                Scalar::Str(s, _) => s.trim().parse::<i64>().ok(),
                Scalar::U64(n) => i64::try_from(n).ok(),
                Scalar::I64(n) => Some(n),
                _ => None,
            };
            if let Some(n) = n.filter(|n| n.unsigned_abs() <= MAX_SAFE_INTEGER) {
                push_integer(self.buf, n);
                return true;
            }
        }
        match ty {
            FieldType::Str => match v {
                Scalar::Str(s, true) if s.is_ascii() => {
                    self.buf.push('"');
                    self.buf.push_str(s);
                    self.buf.push('"');
                    true
                }
                Scalar::Str(s, _) => {
                    push_json_str(self.buf, s);
                    true
                }
                Scalar::U64(n) => {
                    self.buf.push('"');
                    push_integer(self.buf, n);
                    self.buf.push('"');
                    true
                }
                Scalar::I64(n) => {
                    self.buf.push('"');
                    push_integer(self.buf, n);
                    self.buf.push('"');
                    true
                }
                Scalar::F64(_) => match v.text_field() {
                    Some(t) => {
                        push_json_str(self.buf, &t);
                        true
                    }
                    None => false,
                },
                Scalar::Bool(b) => {
                    self.buf.push_str(if b { "\"true\"" } else { "\"false\"" });
                    true
                }
                Scalar::Null | Scalar::Compound => false,
            },
            FieldType::Int | FieldType::Long => match v.integer(name) {
                Ok(Some(n)) => {
                    push_int(self.buf, n);
                    true
                }
                Ok(None) => false,
                Err(e) => {
                    self.type_error(e);
                    false
                }
            },
            FieldType::Float => match v {
                Scalar::F64(f) if f.is_finite() => {
                    push_display(self.buf, f);
                    true
                }
                Scalar::U64(n) => {
                    push_integer(self.buf, n);
                    true
                }
                Scalar::I64(n) => {
                    push_integer(self.buf, n);
                    true
                }
                Scalar::Str(s, _) if s.trim().is_empty() => false,
                Scalar::Str(s, _) => match s.trim().parse::<f64>() {
                    // Text that is a JSON number already is kept as written: an XML `0.0` stays a float
                    // (`0.0`), `12` stays `12`.
                    Ok(f) if f.is_finite() && serde_json::from_str::<serde_json::Number>(s.trim()).is_ok() => {
                        self.buf.push_str(s.trim());
                        true
                    }
                    Ok(f) if f.is_finite() => {
                        push_display(self.buf, f);
                        true
                    }
                    _ => {
                        self.type_error(format!("'{name}': expected a number, got {}", v.describe()));
                        false
                    }
                },
                Scalar::Null => false,
                other => {
                    self.type_error(format!("'{name}': expected a number, got {}", other.describe()));
                    false
                }
            },
            FieldType::Bool => match v {
                Scalar::Bool(b) => {
                    self.buf.push_str(if b { "true" } else { "false" });
                    true
                }
                Scalar::Str(s, _) if s.trim().eq_ignore_ascii_case("true") => {
                    self.buf.push_str("true");
                    true
                }
                Scalar::Str(s, _) if s.trim().eq_ignore_ascii_case("false") => {
                    self.buf.push_str("false");
                    true
                }
                Scalar::Str(s, _) if s.trim().is_empty() => false,
                Scalar::Null => false,
                other => {
                    self.type_error(format!("'{name}': expected a boolean, got {}", other.describe()));
                    false
                }
            },
            // Compound types are written by the format's own reader.
            _ => false,
        }
    }
}

/// The index of `model`'s field called `name`, trying `hint` (the next field in order) first.
#[inline]
pub fn field_index(model: &Model, name: &[u8], hint: usize) -> Option<usize> {
    if let Some(f) = model.fields.get(hint) {
        if f.name.as_bytes() == name {
            return Some(hint);
        }
    }
    model.fields.iter().position(|f| f.name.as_bytes() == name)
}
