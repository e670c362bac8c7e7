//! One-pass XML decoding: quick-xml events go straight to the typed JSON writer (see `out.rs`), guided
//! by the model; no element tree is built.
//!
//! Depth: the readers descend only where the model does; elements the model does not know are skipped
//! by a loop that counts levels. Every element opened anywhere counts against [`MAX_DEPTH`], so a
//! hostile body cannot make the decoder hold more than that many open levels.

use super::out::{self, Out, PartSink, Scalar};
use super::response::{with_status, Answer, BodyFields, ErrorFields, ErrorShape, Key, Target};
use super::view::{FieldView, Shape, View};
use crate::catalog::{Action, Field, FieldType, Model, COMMON_CODE};
use crate::error::{Error, Result};
use quick_xml::events::{BytesRef, Event};
use quick_xml::Reader;

/// Deepest element nesting accepted (NCP answers use fewer than 10 levels).
pub const MAX_DEPTH: usize = 64;

struct Xml<'a> {
    reader: Reader<&'a [u8]>,
    depth: usize,
}

/// A syntax or structure error: the whole answer is malformed.
type X<T> = std::result::Result<T, String>;

impl<'a> Xml<'a> {
    fn next(&mut self) -> X<Event<'a>> {
        let ev = self.reader.read_event().map_err(|e| e.to_string())?;
        match &ev {
            Event::Start(_) => {
                self.depth += 1;
                if self.depth > MAX_DEPTH {
                    return Err(format!("elements nested deeper than {MAX_DEPTH} levels"));
                }
            }
            Event::End(_) => {
                self.depth = self.depth.checked_sub(1).ok_or("unbalanced XML")?;
            }
            _ => {}
        }
        Ok(ev)
    }

    /// Skips the rest of an element whose start was just read.
    fn skip(&mut self) -> X<()> {
        let mut level = 0usize;
        loop {
            match self.next()? {
                Event::Start(_) => level += 1,
                Event::End(_) => {
                    if level == 0 {
                        return Ok(());
                    }
                    level -= 1;
                }
                Event::GeneralRef(r) => {
                    resolve(&r, &mut |_| {})?;
                }
                Event::Eof => return Err(truncated()),
                _ => {}
            }
        }
    }

    /// The direct text of an element whose start was just read (nested elements skipped), piece by
    /// piece into `sink`.
    fn text(&mut self, sink: &mut dyn FnMut(&str)) -> X<()> {
        let mut level = 0usize;
        loop {
            match self.next()? {
                Event::Text(t) if level == 0 => sink(&t.decode().map_err(|e| e.to_string())?),
                Event::CData(t) if level == 0 => sink(&t.decode().map_err(|e| e.to_string())?),
                Event::GeneralRef(r) => {
                    if level == 0 {
                        resolve(&r, sink)?;
                    } else {
                        resolve(&r, &mut |_| {})?;
                    }
                }
                Event::Start(_) => level += 1,
                Event::End(_) => {
                    if level == 0 {
                        return Ok(());
                    }
                    level -= 1;
                }
                Event::Eof => return Err(truncated()),
                _ => {}
            }
        }
    }

    fn text_string(&mut self) -> X<String> {
        let mut s = String::new();
        self.text(&mut |p| s.push_str(p))?;
        Ok(s)
    }
}

fn truncated() -> String {
    "unexpected end of document (truncated?)".into()
}

fn resolve(r: &BytesRef<'_>, sink: &mut dyn FnMut(&str)) -> X<()> {
    if r.is_char_ref() {
        let c = r
            .resolve_char_ref()
            .map_err(|e| e.to_string())?
            .ok_or("unknown XML entity")?;
        sink(c.encode_utf8(&mut [0u8; 4]));
    } else {
        let name = r.decode().map_err(|e| e.to_string())?;
        let s = quick_xml::escape::resolve_predefined_entity(&name).ok_or("unknown XML entity")?;
        sink(s);
    }
    Ok(())
}

fn local(name: quick_xml::name::QName<'_>) -> Vec<u8> {
    name.local_name().as_ref().to_vec()
}

/// An element's local name, copied into `buf` when it fits (every name of NCP's answers does), so
/// that reading an element allocates nothing; longer ones go to the heap.
fn local_in<'b>(name: quick_xml::name::QName<'_>, buf: &'b mut [u8; 64]) -> std::borrow::Cow<'b, [u8]> {
    let name = name.local_name();
    let name = name.as_ref();
    match buf.get_mut(..name.len()) {
        Some(to) => {
            to.copy_from_slice(name);
            std::borrow::Cow::Borrowed(to)
        }
        None => std::borrow::Cow::Owned(name.to_vec()),
    }
}

/// Decodes `text` (starting with `<`) into `buf`; on error, `buf` may hold a partial result (the
/// caller truncates it).
pub fn decode<'o>(
    action: &'static Action,
    shape: Shape,
    status: u16,
    text: &str,
    buf: &'o mut String,
    sink: Option<&'o mut (dyn PartSink + 'static)>,
) -> Result<Option<String>> {
    let malformed = |e: String| {
        with_status(
            Error::decode(format!("HTTP {status}: malformed XML response ({e})")),
            status,
        )
    };
    let mut answer = Answer::new(action, shape, buf.len())?;
    let mut out = Out::with_sink(buf, sink);
    let mut x = Xml {
        reader: Reader::from_str(text),
        depth: 0,
    };
    match read_document(&mut x, action, &mut answer, &mut out).map_err(malformed)? {
        Root::Error(shape, fields) => Err(fields.into_error(shape, status)),
        Root::Foreign(wrapper) => Err(super::foreign_answer(action, &wrapper, status)),
        Root::Body(false, _) => Err(with_status(
            Error::decode(format!("HTTP {status}: the answer has no returnCode")),
            status,
        )),
        Root::Body(true, fields) => answer.finish(&mut out, status, fields),
    }
}

enum Root {
    Error(ErrorShape, ErrorFields),
    /// A wrapper (`...Response`) or not, and its envelope.
    Body(bool, BodyFields),
    /// The wrapper of an action whose answer is not this one's.
    Foreign(String),
}

fn read_document(x: &mut Xml<'_>, action: &'static Action, answer: &mut Answer, out: &mut Out<'_>) -> X<Root> {
    // Up to the root element.
    let (name, empty) = loop {
        match x.next()? {
            Event::Start(e) => break (local(e.name()), false),
            Event::Empty(e) => break (local(e.name()), true),
            Event::End(_) => return Err("unbalanced XML".into()),
            Event::GeneralRef(r) => resolve(&r, &mut |_| {})?,
            Event::Eof => return Err("expected one root element, found 0".into()),
            _ => {}
        }
    };
    let root = match name.as_slice() {
        b"responseError" | b"error" => {
            let shape = if name == b"error" {
                ErrorShape::Gateway
            } else {
                ErrorShape::Api
            };
            let mut fields = ErrorFields::default();
            if !empty {
                read_children(x, |x, child, empty| {
                    let t = if empty { String::new() } else { x.text_string()? };
                    if let Ok(key) = std::str::from_utf8(child) {
                        fields.set(shape, key, Some(t.trim().to_string()));
                    }
                    Ok(())
                })?;
            }
            Root::Error(shape, fields)
        }
        _ if name.ends_with(b"Response") && !action.takes_wrapper(&name) => {
            if !empty {
                x.skip()?;
            }
            Root::Foreign(String::from_utf8_lossy(&name).into_owned())
        }
        _ => {
            let is_wrapper = name.ends_with(b"Response");
            answer.begin(out);
            let mut fields = BodyFields::default();
            if !empty {
                let mut scratch = String::new();
                read_children(x, |x, child, empty| {
                    match answer.key(child) {
                        Key::Field(idx) => answer_field(x, out, answer, idx, empty, &mut scratch)?,
                        Key::Envelope if empty => fields.set(child, Scalar::Str("", true)),
                        Key::Envelope => {
                            let t = x.text_string()?;
                            fields.set(child, Scalar::Str(t.trim(), false));
                        }
                        Key::Other if empty => {}
                        Key::Other => x.skip()?,
                    }
                    Ok(())
                })?;
            }
            Root::Body(is_wrapper, fields)
        }
    };
    // Nothing but text, comments and the like may follow the root.
    loop {
        match x.next()? {
            Event::Start(_) | Event::Empty(_) => return Err("expected one root element, found 2 or more".into()),
            Event::End(_) => return Err("unbalanced XML".into()),
            Event::GeneralRef(r) => resolve(&r, &mut |_| {})?,
            Event::Eof => return Ok(root),
            _ => {}
        }
    }
}

/// The response field `idx`, whose start (or empty element) was just read, written where the answer
/// says.
fn answer_field(
    x: &mut Xml<'_>,
    out: &mut Out<'_>,
    answer: &mut Answer,
    idx: usize,
    empty: bool,
    scratch: &mut String,
) -> X<()> {
    match answer.open(out, idx) {
        Target::Skip if empty => {}
        Target::Skip => x.skip()?,
        Target::Total => {
            let t = if empty { String::new() } else { x.text_string()? };
            answer.total(Scalar::Str(t.trim(), false).integer("totalRows"));
        }
        Target::Field(f, fv, field) => {
            let (written, count) = if empty {
                (write_empty_field(out, field, fv), 0)
            } else {
                write_field(x, out, field, fv, scratch)?
            };
            answer.close(out, f, written, count);
        }
        Target::List(model, view) => {
            let count = if empty {
                out.buf.push_str("[]");
                0
            } else {
                write_list(x, out, model, view)?
            };
            answer.list_done(count);
        }
    }
    Ok(())
}

/// Calls `f` for each child element of the element whose start was just read (`f` reads the child
/// to its end); empty children `<x/>` are passed too, flagged (nothing is left to read of them).
fn read_children(x: &mut Xml<'_>, mut f: impl FnMut(&mut Xml<'_>, &[u8], bool) -> X<()>) -> X<()> {
    let mut buf = [0u8; 64];
    loop {
        match x.next()? {
            Event::Start(e) => {
                let name = local_in(e.name(), &mut buf);
                f(x, &name, false)?;
            }
            Event::Empty(e) => {
                let name = local_in(e.name(), &mut buf);
                f(x, &name, true)?;
            }
            Event::End(_) => return Ok(()),
            Event::GeneralRef(r) => resolve(&r, &mut |_| {})?,
            Event::Eof => return Err(truncated()),
            _ => {}
        }
    }
}

/// The children of a list element, each an object of `model` whatever its tag; returns the count.
fn write_list(x: &mut Xml<'_>, out: &mut Out<'_>, model: &'static Model, view: View) -> X<usize> {
    out.buf.push('[');
    let parting = out.parting();
    let mut n = 0usize;
    // Items in the output (those handed over in parts are not).
    let mut here = 0usize;
    loop {
        match x.next()? {
            Event::Start(_) => {
                if here > 0 {
                    out.buf.push(',');
                }
                write_object(x, out, model, view)?;
                n += 1;
                here = if out.part_done(parting) { 0 } else { here + 1 };
            }
            Event::Empty(_) => {
                if here > 0 {
                    out.buf.push(',');
                }
                out.empty_object(model, view);
                n += 1;
                here = if out.part_done(parting) { 0 } else { here + 1 };
            }
            Event::End(_) => break,
            Event::GeneralRef(r) => resolve(&r, &mut |_| {})?,
            Event::Eof => return Err(truncated()),
            _ => {}
        }
    }
    out.buf.push(']');
    Ok(n)
}

/// The children of a string-list element: each one's text, whatever its tag.
fn write_str_list(x: &mut Xml<'_>, out: &mut Out<'_>) -> X<()> {
    out.buf.push('[');
    let mut n = 0usize;
    loop {
        match x.next()? {
            Event::Start(_) => {
                if n > 0 {
                    out.buf.push(',');
                }
                write_text_string(x, out)?;
                n += 1;
            }
            Event::Empty(_) => {
                if n > 0 {
                    out.buf.push(',');
                }
                out.buf.push_str("\"\"");
                n += 1;
            }
            Event::End(_) => break,
            Event::GeneralRef(r) => resolve(&r, &mut |_| {})?,
            Event::Eof => return Err(truncated()),
            _ => {}
        }
    }
    out.buf.push(']');
    Ok(())
}

/// An element's text as a JSON string, escaped piece by piece into the output.
fn write_text_string(x: &mut Xml<'_>, out: &mut Out<'_>) -> X<()> {
    out.buf.push('"');
    let buf = &mut *out.buf;
    x.text(&mut |p| out::push_escaped(buf, p))?;
    out.buf.push('"');
    Ok(())
}

/// The value of one field whose start element was just read, typed by the field: gives whether it
/// was written and, for a list, its number of items.
#[inline(always)]
fn write_field(
    x: &mut Xml<'_>,
    out: &mut Out<'_>,
    field: &'static Field,
    fv: FieldView,
    scratch: &mut String,
) -> X<(bool, usize)> {
    Ok(match field.ty {
        FieldType::Str if !fv.num => {
            write_text_string(x, out)?;
            (true, 0)
        }
        FieldType::Str | FieldType::Int | FieldType::Long | FieldType::Float | FieldType::Bool => {
            scratch.clear();
            x.text(&mut |p| scratch.push_str(p))?;
            (out.scalar(field.ty, Scalar::Str(scratch, false), field.name, fv.num), 0)
        }
        FieldType::Code => {
            write_object(x, out, &COMMON_CODE, fv.sub)?;
            (true, 0)
        }
        FieldType::Obj(sub) => {
            write_object(x, out, sub, fv.sub)?;
            (true, 0)
        }
        FieldType::StrList => {
            write_str_list(x, out)?;
            (true, 0)
        }
        FieldType::List(sub) => (true, write_list(x, out, sub, fv.sub)?),
    })
}

/// The value of one field given as an empty element (`<x/>`): empty text, an empty object or list, or
/// absent for numbers and booleans.
#[inline(always)]
fn write_empty_field(out: &mut Out<'_>, field: &'static Field, fv: FieldView) -> bool {
    match field.ty {
        FieldType::Str => {
            out.buf.push_str("\"\"");
            true
        }
        FieldType::Int | FieldType::Long | FieldType::Float | FieldType::Bool => false,
        FieldType::Code => {
            out.empty_object(&COMMON_CODE, fv.sub);
            true
        }
        FieldType::Obj(sub) => {
            out.empty_object(sub, fv.sub);
            true
        }
        FieldType::StrList | FieldType::List(_) => {
            out.buf.push_str("[]");
            true
        }
    }
}

/// One object of `model` whose start element was just read.
fn write_object(x: &mut Xml<'_>, out: &mut Out<'_>, model: &'static Model, view: View) -> X<()> {
    let mut m = out.begin_object(view);
    let mut hint = 0;
    let mut scratch = String::new();
    loop {
        match x.next()? {
            Event::Start(e) => {
                let Some(idx) = out::field_index(model, e.local_name().as_ref(), hint) else {
                    x.skip()?;
                    continue;
                };
                hint = idx + 1;
                let Some((f, fv)) = out.begin_field(&mut m, model, idx) else {
                    x.skip()?;
                    continue;
                };
                let (written, _) = write_field(x, out, &model.fields[idx], fv, &mut scratch)?;
                out.end_field(f, written);
            }
            Event::Empty(e) => {
                let Some(idx) = out::field_index(model, e.local_name().as_ref(), hint) else {
                    continue;
                };
                hint = idx + 1;
                let Some((f, fv)) = out.begin_field(&mut m, model, idx) else {
                    continue;
                };
                let written = write_empty_field(out, &model.fields[idx], fv);
                out.end_field(f, written);
            }
            Event::End(_) => break,
            Event::GeneralRef(r) => resolve(&r, &mut |_| {})?,
            Event::Eof => return Err(truncated()),
            _ => {}
        }
    }
    out.end_object(m, model);
    Ok(())
}
