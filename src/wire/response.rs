//! The response object of one answer and the outcome of its body. The object is the action's
//! response model (`Action::response`) written through the typed writer (`out.rs`), every field typed,
//! then the envelope (`requestId`, `returnCode`, `returnMessage`); the compat shapes write the list
//! alone. Both decoders drive it: they read the body, [`Answer`] says where each field goes and decides
//! at the end whether the body is a success (error shapes, `returnCode`, HTTP status, typing errors).

use super::out::{push_int, push_json_str, FieldMark, ObjMark, Out, Scalar, SLOT_WIDTH};
use super::view::{FieldView, Shape, View};
use crate::catalog::{Action, Field, Model};
use crate::error::{Error, Result};

/// The envelope of a success body, and the fields that tell an error body apart.
#[derive(Debug, Default, Clone)]
pub struct BodyFields {
    pub return_code: Option<String>,
    pub response_code: Option<String>,
    pub return_message: Option<String>,
    pub response_text: Option<String>,
    pub message: Option<String>,
    pub request_id: Option<String>,
}

impl BodyFields {
    /// Whether `key` is one of the fields kept here.
    pub fn wants(key: &[u8]) -> bool {
        matches!(
            key,
            b"returnCode" | b"responseCode" | b"returnMessage" | b"responseText" | b"message" | b"requestId"
        )
    }

    pub fn set(&mut self, key: &[u8], v: Scalar<'_>) {
        let slot = match key {
            b"returnCode" => &mut self.return_code,
            b"responseCode" => &mut self.response_code,
            b"returnMessage" => &mut self.return_message,
            b"responseText" => &mut self.response_text,
            b"message" => &mut self.message,
            b"requestId" => &mut self.request_id,
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

/// What a key of a body stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// A field of the action's response model (its index).
    Field(usize),
    /// A field of the envelope ([`BodyFields`]).
    Envelope,
    /// Anything else (skipped).
    Other,
}

/// Where the value of a response field goes.
pub enum Target {
    /// Nowhere: skip it.
    Skip,
    /// `totalRows` of an action with a list: read it as a scalar, give it to [`Answer::total`].
    Total,
    /// A field of the response object: write its value with the format's field writer, then call
    /// [`Answer::close`].
    Field(FieldMark, FieldView, &'static Field),
    /// The list alone (compat shapes): write it with the format's list writer, items of this model in
    /// this view, then call [`Answer::list_done`].
    List(&'static Model, View),
}

/// One answer being written.
#[derive(Debug)]
pub struct Answer {
    action: &'static Action,
    shape: Shape,
    /// Start of the result in the output: everything from here is dropped on error, or when a better
    /// body replaces the one written (JSON, see `decode_json::Source`).
    mark: usize,
    /// The response object (`Shape::Response`), once begun.
    obj: Option<ObjMark>,
    /// The list's index in `action.response`.
    list_idx: Option<usize>,
    /// The index of `totalRows`, when it counts the list (written as a slot, the list's length when
    /// the answer leaves it out).
    total_idx: Option<usize>,
    /// `totalRows` as read (the last one wins).
    total: Option<std::result::Result<Option<i64>, String>>,
    /// Items of the list as written.
    count: usize,
    /// The list was written (compat shapes).
    has_list: bool,
}

impl Answer {
    /// An answer of `action` in `shape`, written from `mark` on. A compat shape needs a list.
    pub fn new(action: &'static Action, shape: Shape, mark: usize) -> Result<Answer> {
        let fields = action.response.fields;
        let list_idx = action.list.and_then(|l| fields.iter().position(|f| f.name == l.name));
        if shape != Shape::Response && list_idx.is_none() {
            return Err(Error::internal(format!(
                "{}: an answer without a list has no list shape",
                action.name
            )));
        }
        let total_idx = match list_idx {
            Some(_) if action.total_rows => fields.iter().position(|f| f.name == "totalRows"),
            _ => None,
        };
        Ok(Answer {
            action,
            shape,
            mark,
            obj: None,
            list_idx,
            total_idx,
            total: None,
            count: 0,
            has_list: false,
        })
    }

    /// (Re)starts the answer at its mark: what an earlier body wrote is dropped.
    pub fn begin(&mut self, out: &mut Out<'_>) {
        out.reset(self.mark);
        self.total = None;
        self.count = 0;
        self.has_list = false;
        self.obj = match self.shape {
            Shape::Response => Some(out.begin_object_with_slot(View::Typed, self.total_idx)),
            Shape::List(_) | Shape::First(_) => None,
        };
    }

    /// What the body's key `name` stands for.
    #[inline]
    pub fn key(&self, name: &[u8]) -> Key {
        if BodyFields::wants(name) {
            return Key::Envelope;
        }
        match self
            .action
            .response
            .fields
            .iter()
            .position(|f| f.name.as_bytes() == name)
        {
            Some(idx) => Key::Field(idx),
            None => Key::Other,
        }
    }

    /// Where the value of response field `idx` goes.
    pub fn open(&mut self, out: &mut Out<'_>, idx: usize) -> Target {
        let model = self.action.response;
        match (self.shape, &mut self.obj) {
            (Shape::Response, Some(obj)) => {
                if self.total_idx == Some(idx) {
                    out.slot_field(obj, model, idx);
                    return Target::Total;
                }
                match out.begin_field(obj, model, idx) {
                    Some((f, fv)) => {
                        if self.list_idx == Some(idx) {
                            out.offer_parts(fv.key);
                        }
                        Target::Field(f, fv, &model.fields[idx])
                    }
                    None => Target::Skip,
                }
            }
            (Shape::List(view) | Shape::First(view), _) if self.list_idx == Some(idx) => {
                match self.action.list {
                    Some(list) => {
                        // The last list wins.
                        out.reset(self.mark);
                        Target::List(list.item, view)
                    }
                    None => Target::Skip,
                }
            }
            _ => Target::Skip,
        }
    }

    /// `totalRows` as read: a number, `Ok(None)` when empty, `Err` when not a number.
    pub fn total(&mut self, v: std::result::Result<Option<i64>, String>) {
        self.total = Some(v);
    }

    /// Ends a field opened as [`Target::Field`]; `count` is the number of items written when it is a
    /// list.
    pub fn close(&mut self, out: &mut Out<'_>, f: FieldMark, written: bool, count: usize) {
        if self.list_idx == Some(f.idx()) {
            self.count = count;
            out.end_offer();
        }
        out.end_field(f, written);
    }

    /// Ends a list opened as [`Target::List`].
    pub fn list_done(&mut self, count: usize) {
        self.count = count;
        self.has_list = true;
    }

    /// Decides the body's outcome (shape 3 errors, status, typing errors) and closes the result.
    /// Gives the answer's `requestId` (for the per-attempt record).
    pub fn finish(mut self, out: &mut Out<'_>, status: u16, body: BodyFields) -> Result<Option<String>> {
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
        match self.shape {
            Shape::Response => {}
            Shape::List(_) => {
                if !self.has_list {
                    out.buf.push_str("[]");
                }
                return Ok(body.request_id);
            }
            Shape::First(_) => {
                let list = &out.buf[self.mark..];
                let first = match first_item_end(list).filter(|_| self.has_list) {
                    Some(end) => list[1..end].to_string(),
                    None => "null".to_string(),
                };
                out.buf.truncate(self.mark);
                out.buf.push_str(&first);
                return Ok(body.request_id);
            }
        }
        let Some(obj) = self.obj.take() else {
            return Err(Error::internal("the response object was never begun"));
        };
        out.finish_fields(obj, self.action.response);
        if let (Some(at), Some(_)) = (out.slot_at, self.total_idx) {
            let total = match self.total {
                Some(Err(e)) => return Err(with_status(Error::decode(e), status)),
                Some(Ok(Some(n))) => n,
                _ => i64::try_from(self.count).unwrap_or(i64::MAX),
            };
            let mut slot = String::with_capacity(SLOT_WIDTH);
            push_int(&mut slot, total);
            while slot.len() < SLOT_WIDTH {
                slot.push(' ');
            }
            out.buf.replace_range(at..at + SLOT_WIDTH, &slot);
        }
        let mut first = out.buf.ends_with('{');
        for (key, v) in [
            ("requestId", &body.request_id),
            ("returnCode", &body.return_code),
            ("returnMessage", &body.return_message),
        ] {
            if let Some(v) = v {
                if !first {
                    out.buf.push(',');
                }
                first = false;
                out.buf.push('"');
                out.buf.push_str(key);
                out.buf.push_str("\":");
                push_json_str(out.buf, v);
            }
        }
        out.buf.push('}');
        Ok(body.request_id)
    }
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
