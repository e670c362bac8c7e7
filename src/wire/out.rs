//! The output side of the one-pass decoders (issue 8): the typed JSON text handed to JavaScript is
//! written straight into one buffer while the body is read, typed by the catalog's models as it goes.
//! Both `decode_json` and `decode_xml` drive this writer; neither builds a tree.
//!
//! Field order is the model's. Answers normally list fields in that order, so a field is written where
//! it arrives; only when fields arrive out of order (or twice) is that one object rewritten from the
//! spans recorded for it. Lists that are always present in the typed form (`StrList`, `List`) are
//! filled in as `[]` where the answer leaves them out.

use crate::catalog::{Action, FieldType, Model};
use crate::compat::{self, Conv, ImageNameKey};
use crate::error::{Error, Result};

/// Largest integer a JavaScript number holds exactly; larger values are handed over as text.
pub const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// Width reserved for `totalRows`, which JSON answers may send after the list: an i64 as text with
/// its quotes fits, the rest is padded with spaces (valid JSON whitespace).
const TOTAL_SLOT: usize = 22;

/// One scalar as read from either format.
#[derive(Debug, Clone, Copy)]
pub enum Scalar<'s> {
    /// Text; `clean` when it is known to need no JSON escaping.
    Str(&'s str, bool),
    U64(u64),
    I64(i64),
    F64(f64),
    Bool(bool),
    Null,
    /// An object or a list where a scalar was expected (already skipped).
    Compound,
}

impl Scalar<'_> {
    fn describe(&self) -> String {
        match *self {
            Scalar::Str(s, _) => serde_json::Value::String(s.to_string()).to_string(),
            Scalar::U64(n) => n.to_string(),
            Scalar::I64(n) => n.to_string(),
            Scalar::F64(f) => f.to_string(),
            Scalar::Bool(b) => b.to_string(),
            Scalar::Null => "null".into(),
            Scalar::Compound => "an object or a list".into(),
        }
    }

    /// `str_field` of the old decoder: text trimmed, numbers as text, anything else absent.
    pub fn text_field(&self) -> Option<String> {
        match *self {
            Scalar::Str(s, _) => Some(s.trim().to_string()),
            Scalar::U64(n) => Some(n.to_string()),
            Scalar::I64(n) => Some(n.to_string()),
            Scalar::F64(f) => serde_json::Number::from_f64(f).map(|n| n.to_string()),
            _ => None,
        }
    }

    /// A whole number, `Ok(None)` when absent (null, empty text), `Err` when not a number.
    pub fn integer(&self, name: &str) -> std::result::Result<Option<i64>, String> {
        let bad = || format!("'{name}': expected a number, got {}", self.describe());
        match *self {
            Scalar::Str(s, _) => {
                let t = s.trim();
                if t.is_empty() {
                    Ok(None)
                } else {
                    t.parse::<i64>().map(Some).map_err(|_| bad())
                }
            }
            Scalar::U64(n) => i64::try_from(n).map(Some).map_err(|_| bad()),
            Scalar::I64(n) => Ok(Some(n)),
            Scalar::Null => Ok(None),
            _ => Err(bad()),
        }
    }
}

/// Appends `s` as a JSON string literal.
pub fn push_json_str(buf: &mut String, s: &str) {
    buf.push('"');
    push_escaped(buf, s);
    buf.push('"');
}

/// Appends the inside of a JSON string literal (no quotes). Every character outside ASCII is written as
/// `\uXXXX` (UTF-16 units, as JSON allows): the text handed to JavaScript is then pure ASCII, which V8
/// takes as a one-byte string without UTF-8 decoding and parses faster (see `bindings::JsText`).
pub fn push_escaped(buf: &mut String, s: &str) {
    let bytes = s.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let esc: &str = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..=0x1f | 0x80..=0xff => "",
            _ => {
                i += 1;
                continue;
            }
        };
        buf.push_str(&s[start..i]);
        if !esc.is_empty() {
            buf.push_str(esc);
            i += 1;
        } else if b < 0x80 {
            push_unicode_escape(buf, u16::from(b));
            i += 1;
        } else {
            // `i` is at the first byte of a character: only whole characters are stepped over.
            let c = s[i..].chars().next().unwrap_or('\u{fffd}');
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                push_unicode_escape(buf, *u);
            }
            i += c.len_utf8();
        }
        start = i;
    }
    buf.push_str(&s[start..]);
}

fn push_unicode_escape(buf: &mut String, u: u16) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    buf.push_str("\\u");
    for shift in [12, 8, 4, 0] {
        buf.push(char::from(HEX[usize::from((u >> shift) & 0xf)]));
    }
}

fn push_int(buf: &mut String, n: i64) {
    if n.unsigned_abs() <= MAX_SAFE_INTEGER {
        push_display(buf, n);
    } else {
        buf.push('"');
        push_display(buf, n);
        buf.push('"');
    }
}

fn push_display(buf: &mut String, n: impl std::fmt::Display) {
    use std::fmt::Write;
    let _ = write!(buf, "{n}");
}

/// How objects are written: the typed form, or one of the old client's shapes (`compat.rs`), applied
/// as the body is read so that no second pass is needed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// The typed form of the model.
    Typed,
    /// `compat::private_image`: renamed keys, some fields dropped, ids as numbers.
    Compat(ImageNameKey),
    /// `compat::REGION_PICK` / `compat::ZONE_PICK`.
    Region,
    Zone,
    /// `compat::list_item`: every `...No` key as a number, at any depth, and the old client's key
    /// renames (`(api key, old key)`) on the item itself.
    NumericIds(&'static [(&'static str, &'static str)]),
}

/// How one field is written under a view.
#[derive(Debug, Clone, Copy)]
pub struct FieldView {
    pub key: &'static str,
    /// Text that holds a whole number below 2^53 becomes a number (`compat::to_number`).
    pub num: bool,
    /// The view of a nested object or list.
    pub sub: View,
}

fn pick(keys: &'static [(&'static str, Conv)], name: &str) -> Option<FieldView> {
    keys.iter().find(|(k, _)| *k == name).map(|(k, conv)| FieldView {
        key: k,
        num: *conv == Conv::Num,
        sub: View::Typed,
    })
}

impl View {
    /// `None` when the view drops the field.
    #[inline]
    pub fn field(self, model: &'static Model, idx: usize) -> Option<FieldView> {
        let name = model.fields[idx].name;
        if self == View::Typed {
            return Some(FieldView {
                key: name,
                num: false,
                sub: View::Typed,
            });
        }
        self.field_slow(name)
    }

    fn field_slow(self, name: &'static str) -> Option<FieldView> {
        match self {
            View::Typed => Some(FieldView {
                key: name,
                num: false,
                sub: View::Typed,
            }),
            View::NumericIds(aliases) => Some(FieldView {
                key: aliases
                    .iter()
                    .find(|(src, _)| *src == name)
                    .map_or(name, |(_, dst)| dst),
                num: name.ends_with("No"),
                sub: View::NumericIds(&[]),
            }),
            View::Region => pick(compat::REGION_PICK, name),
            View::Zone => pick(compat::ZONE_PICK, name),
            View::Compat(name_key) => {
                let (key, _, conv) = compat::PRIVATE_IMAGE.iter().find(|(_, f, _)| *f == name)?;
                let key = match (conv, name_key) {
                    (Conv::ImageName, ImageNameKey::Vm) => "originalVmImageName",
                    _ => key,
                };
                Some(FieldView {
                    key,
                    num: *conv == Conv::Num,
                    sub: match conv {
                        Conv::Region => View::Region,
                        Conv::Zone => View::Zone,
                        _ => View::Typed,
                    },
                })
            }
        }
    }
}

/// What the decoder hands over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// The response object without its wrapper.
    Response,
    /// Only the list, its items in the view.
    List(View),
    /// Only the list's first item in the view (`null` when the list is empty).
    First(View),
}

impl Shape {
    pub fn item_view(self) -> View {
        match self {
            Shape::Response => View::Typed,
            Shape::List(v) | Shape::First(v) => v,
        }
    }
}

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
}

/// A field being written.
#[derive(Debug)]
pub struct FieldMark {
    before: usize,
    start: usize,
    idx: usize,
}

pub struct Out<'a> {
    pub buf: &'a mut String,
    spans: Vec<Span>,
    /// The first typing error, reported only when the answer turns out to be a success.
    pub type_err: Option<String>,
}

fn always_present(ty: FieldType) -> bool {
    matches!(ty, FieldType::StrList | FieldType::List(_))
}

impl<'a> Out<'a> {
    pub fn new(buf: &'a mut String) -> Self {
        Out {
            buf,
            spans: Vec::with_capacity(64),
            type_err: None,
        }
    }

    pub fn type_error(&mut self, msg: String) {
        if self.type_err.is_none() {
            self.type_err = Some(msg);
        }
    }

    pub fn begin_object(&mut self, view: View) -> ObjMark {
        self.buf.push('{');
        ObjMark {
            start: self.buf.len(),
            base: self.spans.len(),
            next: 0,
            in_order: true,
            view,
        }
    }

    #[inline]
    fn push_key(&mut self, m: &ObjMark, name: &str) -> (usize, usize) {
        let before = self.buf.len();
        self.buf.reserve(name.len() + 4);
        if self.spans.len() > m.base {
            self.buf.push(',');
        }
        let start = self.buf.len();
        self.buf.push('"');
        self.buf.push_str(name);
        self.buf.push_str("\":");
        (before, start)
    }

    /// Writes `[]` for every always-present field in `from..to` (fields the answer left out).
    fn fill_missing(&mut self, m: &ObjMark, model: &'static Model, from: usize, to: usize) {
        for idx in from..to {
            if !always_present(model.fields[idx].ty) {
                continue;
            }
            if let Some(fv) = m.view.field(model, idx) {
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

    /// Starts field `idx`; `None` when the object's view drops it (the caller skips its value).
    pub fn begin_field(
        &mut self,
        m: &mut ObjMark,
        model: &'static Model,
        idx: usize,
    ) -> Option<(FieldMark, FieldView)> {
        let fv = m.view.field(model, idx)?;
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
        let (before, start) = self.push_key(m, fv.key);
        Some((FieldMark { before, start, idx }, fv))
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

    pub fn end_object(&mut self, mut m: ObjMark, model: &'static Model) {
        if m.in_order {
            let from = m.next;
            m.next = model.fields.len();
            self.fill_missing(&m, model, from, model.fields.len());
        } else {
            // Rare: fields out of the model's order or given twice (the last one wins, as before).
            let spans = &self.spans[m.base..];
            let mut text = String::with_capacity(self.buf.len() - m.start + 16);
            for (idx, field) in model.fields.iter().enumerate() {
                let span = spans.iter().rev().find(|s| s.idx == idx);
                let missing_list = match m.view.field(model, idx) {
                    Some(fv) if span.is_none() && always_present(field.ty) => Some(fv.key),
                    _ => None,
                };
                if span.is_none() && missing_list.is_none() {
                    continue;
                }
                if !text.is_empty() {
                    text.push(',');
                }
                match (span, missing_list) {
                    (Some(s), _) => text.push_str(&self.buf[s.start..s.end]),
                    (None, Some(key)) => {
                        text.push('"');
                        text.push_str(key);
                        text.push_str("\":[]");
                    }
                    (None, None) => {}
                }
            }
            self.buf.truncate(m.start);
            self.buf.push_str(&text);
        }
        self.buf.push('}');
        self.spans.truncate(m.base);
    }

    /// An object of `model` with no fields at all (an empty element, or empty text where an item
    /// was expected).
    pub fn empty_object(&mut self, model: &'static Model, view: View) {
        let m = self.begin_object(view);
        self.end_object(m, model);
    }

    /// Writes a scalar field's value typed as `ty` (`Str`, `Int`, `Long`, `Bool`); false when the
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
                push_display(self.buf, n);
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
                    push_display(self.buf, n);
                    self.buf.push('"');
                    true
                }
                Scalar::I64(n) => {
                    self.buf.push('"');
                    push_display(self.buf, n);
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
                // `{:?}` keeps a whole float a float (`0.0`, not `0`), so it reads back as one.
                Scalar::F64(f) if f.is_finite() => {
                    self.buf.push_str(&format!("{f:?}"));
                    true
                }
                Scalar::U64(n) => {
                    push_display(self.buf, n);
                    true
                }
                Scalar::I64(n) => {
                    push_display(self.buf, n);
                    true
                }
                Scalar::Str(s, _) if s.trim().is_empty() => false,
                Scalar::Str(s, _) => match s.trim().parse::<f64>() {
                    Ok(f) if f.is_finite() => {
                        self.buf.push_str(&format!("{f:?}"));
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

/// The fields of a success body that matter to the envelope and to error detection.
#[derive(Debug, Default, Clone)]
pub struct BodyFields {
    pub return_code: Option<String>,
    pub response_code: Option<String>,
    pub return_message: Option<String>,
    pub response_text: Option<String>,
    pub message: Option<String>,
    pub request_id: Option<String>,
    /// `None`: absent; `Some(Ok(None))`: empty; `Some(Err)`: not a number.
    pub total_rows: Option<std::result::Result<Option<i64>, String>>,
}

impl BodyFields {
    /// Whether `key` is one of the fields kept here.
    pub fn wants(key: &str) -> bool {
        matches!(
            key,
            "returnCode" | "responseCode" | "returnMessage" | "responseText" | "message" | "requestId" | "totalRows"
        )
    }

    pub fn set(&mut self, key: &str, v: Scalar<'_>) {
        let slot = match key {
            "returnCode" => &mut self.return_code,
            "responseCode" => &mut self.response_code,
            "returnMessage" => &mut self.return_message,
            "responseText" => &mut self.response_text,
            "message" => &mut self.message,
            "requestId" => &mut self.request_id,
            "totalRows" => {
                self.total_rows = Some(v.integer("totalRows"));
                return;
            }
            _ => return,
        };
        *slot = v.text_field();
    }
}

/// The fields of an error body (`responseError` or the gateway's `error`).
#[derive(Debug, Default, Clone)]
pub struct ErrorFields {
    pub code: Option<String>,
    pub message: Option<String>,
    pub details: Option<String>,
    pub request_id: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorShape {
    /// `{"responseError": {"returnCode", "returnMessage"}}`
    Api,
    /// `{"error": {"errorCode", "message", "details"}}`
    Gateway,
}

impl ErrorFields {
    pub fn set(&mut self, shape: ErrorShape, key: &str, v: Option<String>) {
        let slot = match (shape, key) {
            (ErrorShape::Api, "returnCode") | (ErrorShape::Gateway, "errorCode") => &mut self.code,
            (ErrorShape::Api, "returnMessage") | (ErrorShape::Gateway, "message") => &mut self.message,
            (ErrorShape::Gateway, "details") => &mut self.details,
            (ErrorShape::Gateway, "requestId") => &mut self.request_id,
            _ => return,
        };
        *slot = v;
    }

    pub fn into_error(self, shape: ErrorShape, status: u16) -> Error {
        let code = self.code.unwrap_or_else(|| "unknown".into());
        let msg = self.message.unwrap_or_default();
        match shape {
            ErrorShape::Api => Error::api(status, &code, &msg),
            ErrorShape::Gateway => {
                let mut err = Error::gateway(status, &code, &msg, self.details.as_deref());
                err.request_id = self.request_id;
                err
            }
        }
    }
}

/// The error with the answer's HTTP status (whether to retry is `retry::classify`'s decision alone).
pub fn with_status(mut e: Error, status: u16) -> Error {
    e.http_status = Some(status);
    e
}

/// Where the response object's parts go in the output buffer.
#[derive(Debug, Clone, Copy)]
pub struct Layout {
    /// Start of the whole object (everything from here is dropped on error).
    pub mark: usize,
    /// The `totalRows` slot, when the action has one.
    pub total_slot: Option<usize>,
    /// Just after `"<list>":`, where the list is written.
    pub list_start: usize,
}

/// Opens the response object: `{"totalRows":<slot>,"<list>":`.
pub fn begin(buf: &mut String, action: &Action) -> Layout {
    let mark = buf.len();
    buf.push('{');
    let total_slot = if action.total_rows {
        buf.push_str("\"totalRows\":");
        let at = buf.len();
        buf.extend(std::iter::repeat_n(' ', TOTAL_SLOT));
        buf.push(',');
        Some(at)
    } else {
        None
    };
    buf.push('"');
    buf.push_str(action.list);
    buf.push_str("\":");
    Layout {
        mark,
        total_slot,
        list_start: buf.len(),
    }
}

/// Decides a body's outcome (shape 3 errors, status, typing errors) and closes the response object.
/// Gives the answer's `requestId` (for the per-attempt record).
/// `list_count` is `None` when the chosen body had no list (then `[]` is written).
pub fn finish(
    out: &mut Out<'_>,
    layout: Layout,
    shape: Shape,
    status: u16,
    body: BodyFields,
    list_count: Option<usize>,
) -> Result<Option<String>> {
    let return_code = body.return_code.clone().or_else(|| body.response_code.clone());
    match return_code.as_deref() {
        Some("0") => {}
        Some(code) => {
            let msg = body
                .return_message
                .or(body.response_text)
                .or(body.message)
                .unwrap_or_default();
            let mut e = Error::api(status, code, &msg);
            e.request_id = body.request_id.filter(|s| !s.is_empty());
            return Err(e);
        }
        None => {
            return Err(with_status(
                Error::decode(format!("HTTP {status}: the answer has no returnCode")),
                status,
            ))
        }
    }
    if !(200..300).contains(&status) {
        return Err(with_status(
            Error::decode(format!("HTTP {status}: a success body with an error status")),
            status,
        ));
    }
    if let Some(e) = out.type_err.take() {
        return Err(with_status(Error::decode(e), status));
    }
    let count = match list_count {
        Some(n) => n,
        None => {
            out.buf.truncate(layout.list_start);
            out.buf.push_str("[]");
            0
        }
    };
    match shape {
        Shape::Response => {}
        Shape::List(_) => {
            // Only the list: it is the last thing written.
            let list = out.buf.split_off(layout.list_start);
            out.buf.truncate(layout.mark);
            out.buf.push_str(&list);
            return Ok(body.request_id);
        }
        Shape::First(_) => {
            let first = match first_item_end(&out.buf[layout.list_start..]) {
                Some(end) => out.buf[layout.list_start + 1..layout.list_start + end].to_string(),
                None => "null".to_string(),
            };
            out.buf.truncate(layout.mark);
            out.buf.push_str(&first);
            return Ok(body.request_id);
        }
    }
    if let Some(at) = layout.total_slot {
        let total = match body.total_rows {
            Some(Err(e)) => return Err(with_status(Error::decode(e), status)),
            Some(Ok(Some(n))) => n,
            _ => i64::try_from(count).unwrap_or(i64::MAX),
        };
        let mut slot = String::with_capacity(TOTAL_SLOT);
        push_int(&mut slot, total);
        while slot.len() < TOTAL_SLOT {
            slot.push(' ');
        }
        out.buf.replace_range(at..at + TOTAL_SLOT, &slot);
    }
    for (key, v) in [
        ("requestId", &body.request_id),
        ("returnCode", &body.return_code),
        ("returnMessage", &body.return_message),
    ] {
        if let Some(v) = v {
            out.buf.push_str(",\"");
            out.buf.push_str(key);
            out.buf.push_str("\":");
            push_json_str(out.buf, v);
        }
    }
    out.buf.push('}');
    Ok(body.request_id)
}

/// The index of `model`'s field called `name`, trying `hint` (the next field in order) first.
pub fn field_index(model: &Model, name: &[u8], hint: usize) -> Option<usize> {
    if let Some(f) = model.fields.get(hint) {
        if f.name.as_bytes() == name {
            return Some(hint);
        }
    }
    model.fields.iter().position(|f| f.name.as_bytes() == name)
}

/// In a list this module wrote (`[{...},...]`), the end of the first item (exclusive), or `None` for an
/// empty list. Iterative; strings are skipped with their escapes.
fn first_item_end(list: &str) -> Option<usize> {
    let bytes = list.as_bytes();
    let mut depth = 0usize;
    let mut in_str = false;
    let mut escaped = false;
    for (i, &b) in bytes.iter().enumerate().skip(1) {
        if in_str {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_str = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_str = true,
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                if depth == 0 {
                    return None;
                }
                depth -= 1;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
    }
    None
}
