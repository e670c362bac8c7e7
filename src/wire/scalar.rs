//! One scalar as either decoder reads it, and how scalars are written as JSON text: the leaf end of
//! the typed writer ([`super::out`]), kept apart from the writer's bookkeeping of objects and lists.

use super::MAX_SAFE_INTEGER;

/// Width of a slot: an i64 as text with its quotes fits, the rest is padded with spaces (valid JSON
/// whitespace).
pub const SLOT_WIDTH: usize = 22;

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
    pub(super) fn describe(&self) -> String {
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

/// Appends a whole number: a JSON number up to 2^53 - 1 in magnitude, text beyond.
pub fn push_int(buf: &mut String, n: i64) {
    let mut digits = itoa::Buffer::new();
    let text = digits.format(n);
    if n.unsigned_abs() <= MAX_SAFE_INTEGER {
        buf.push_str(text);
    } else {
        buf.push('"');
        buf.push_str(text);
        buf.push('"');
    }
}

/// Appends a whole number's digits (no `fmt` machinery).
pub(super) fn push_integer(buf: &mut String, n: impl itoa::Integer) {
    buf.push_str(itoa::Buffer::new().format(n));
}

pub(super) fn push_display(buf: &mut String, n: impl std::fmt::Display) {
    use std::fmt::Write;
    let _ = write!(buf, "{n}");
}
