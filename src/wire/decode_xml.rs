//! One-pass XML decoding: quick-xml events go straight to the typed JSON writer (see `out.rs`), guided
//! by the model; no element tree is built.
//!
//! Depth: the readers descend only where the model does; elements the model does not know are skipped
//! by a loop that counts levels. Every element opened anywhere counts against [`MAX_DEPTH`], so a
//! hostile body cannot make the decoder hold more than that many open levels.

use super::out::{self, BodyFields, ErrorFields, ErrorShape, Out, Scalar, Shape, View};
use crate::catalog::COMMON_CODE;
use crate::catalog::{Action, FieldType, Model};
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

pub fn decode(
    action: &'static Action,
    shape: Shape,
    status: u16,
    text: &str,
    buf: &mut String,
) -> Result<Option<String>> {
    let mark = buf.len();
    let result = run(action, shape, status, text, buf);
    if result.is_err() {
        buf.truncate(mark);
    }
    result
}

enum Root {
    Error(ErrorShape, ErrorFields),
    /// A wrapper (`...Response`) or not, its fields, and the list count when the list was there.
    Body(bool, BodyFields, Option<usize>),
}

fn run(action: &'static Action, shape: Shape, status: u16, text: &str, buf: &mut String) -> Result<Option<String>> {
    let malformed = |e: String| {
        out::with_status(
            Error::decode(format!("HTTP {status}: malformed XML response ({e})")),
            status,
        )
    };
    let layout = out::begin(buf, action);
    let mut out = Out::new(buf);
    let mut x = Xml {
        reader: Reader::from_str(text),
        depth: 0,
    };
    let root = read_document(&mut x, action, shape.item_view(), &mut out, layout.list_start).map_err(malformed)?;
    match root {
        Root::Error(shape, fields) => Err(fields.into_error(shape, status)),
        Root::Body(false, _, _) => Err(out::with_status(
            Error::decode(format!("HTTP {status}: the answer has no returnCode")),
            status,
        )),
        Root::Body(true, fields, count) => out::finish(&mut out, layout, shape, status, fields, count),
    }
}

fn read_document(
    x: &mut Xml<'_>,
    action: &'static Action,
    view: View,
    out: &mut Out<'_>,
    list_start: usize,
) -> X<Root> {
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
        _ => {
            let exact = format!("{}Response", action.name);
            let is_wrapper = name == exact.as_bytes() || name.ends_with(b"Response");
            let mut fields = BodyFields::default();
            let mut count = None;
            if !empty {
                let list = action.list.as_bytes();
                loop {
                    match x.next()? {
                        Event::Start(e) => {
                            let child = local(e.name());
                            if child == list {
                                out.buf.truncate(list_start);
                                out.type_err = None;
                                count = Some(write_list(x, out, action.item, view)?);
                            } else if let Some(key) = body_key(&child) {
                                let t = x.text_string()?;
                                fields.set(key, Scalar::Str(t.trim(), false));
                            } else {
                                x.skip()?;
                            }
                        }
                        Event::Empty(e) => {
                            let child = local(e.name());
                            if child == list {
                                out.buf.truncate(list_start);
                                out.type_err = None;
                                out.buf.push_str("[]");
                                count = Some(0);
                            } else if let Some(key) = body_key(&child) {
                                fields.set(key, Scalar::Str("", true));
                            }
                        }
                        Event::End(_) => break,
                        Event::GeneralRef(r) => resolve(&r, &mut |_| {})?,
                        Event::Eof => return Err(truncated()),
                        _ => {}
                    }
                }
            }
            Root::Body(is_wrapper, fields, count)
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

fn body_key(name: &[u8]) -> Option<&str> {
    let s = std::str::from_utf8(name).ok()?;
    BodyFields::wants(s).then_some(s)
}

/// Calls `f` for each child element of the element whose start was just read (`f` reads the child
/// to its end); empty children `<x/>` are passed too, flagged (nothing is left to read of them).
fn read_children(x: &mut Xml<'_>, mut f: impl FnMut(&mut Xml<'_>, &[u8], bool) -> X<()>) -> X<()> {
    loop {
        match x.next()? {
            Event::Start(e) => {
                let name = local(e.name());
                f(x, &name, false)?;
            }
            Event::Empty(e) => {
                let name = local(e.name());
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
    let mut n = 0usize;
    loop {
        match x.next()? {
            Event::Start(_) => {
                if n > 0 {
                    out.buf.push(',');
                }
                write_object(x, out, model, view)?;
                n += 1;
            }
            Event::Empty(_) => {
                if n > 0 {
                    out.buf.push(',');
                }
                out.empty_object(model, view);
                n += 1;
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
                let field = &model.fields[idx];
                let Some((f, fv)) = out.begin_field(&mut m, model, idx) else {
                    x.skip()?;
                    continue;
                };
                let written = match field.ty {
                    FieldType::Str if !fv.num => {
                        write_text_string(x, out)?;
                        true
                    }
                    FieldType::Str | FieldType::Int | FieldType::Long | FieldType::Float | FieldType::Bool => {
                        scratch.clear();
                        x.text(&mut |p| scratch.push_str(p))?;
                        out.scalar(field.ty, Scalar::Str(&scratch, false), field.name, fv.num)
                    }
                    FieldType::Code => {
                        write_object(x, out, &COMMON_CODE, fv.sub)?;
                        true
                    }
                    FieldType::Obj(sub) => {
                        write_object(x, out, sub, fv.sub)?;
                        true
                    }
                    FieldType::StrList => {
                        write_str_list(x, out)?;
                        true
                    }
                    FieldType::List(sub) => {
                        write_list(x, out, sub, fv.sub)?;
                        true
                    }
                };
                out.end_field(f, written);
            }
            Event::Empty(e) => {
                let Some(idx) = out::field_index(model, e.local_name().as_ref(), hint) else {
                    continue;
                };
                hint = idx + 1;
                let field = &model.fields[idx];
                let Some((f, fv)) = out.begin_field(&mut m, model, idx) else {
                    continue;
                };
                let written = match field.ty {
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
                };
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
