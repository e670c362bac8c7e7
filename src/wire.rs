//! The two wire formats. Decoding turns an XML (quick-xml) or JSON (serde_json) answer into the one
//! typed form of the action's response model, in one pass and without a tree (`wire/decode_json.rs`,
//! `wire/decode_xml.rs`, writing through `wire/out.rs` and `wire/response.rs`); rendering
//! (`wire/render.rs`, for the emulator) writes that form back out in the shapes of spec section 6.
//! Error bodies of every shape become one [`Error`].
//!
//! This module depends on the catalog, compat's tables and the error type only.

use crate::catalog::Action;
use crate::error::{snippet, Error, ErrorCode, Result};
use serde_json::Value;

mod decode_json;
mod decode_xml;
mod json_value;
mod out;
mod render;
mod response;
mod scalar;
mod typed;
mod view;

pub use out::{PartSink, PART_BYTES};
pub use render::{render_api_error, render_gateway_error, render_response};
pub use typed::typed_item;
pub use view::{Shape, View};

use response::with_status;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Xml,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        match s.to_ascii_lowercase().as_str() {
            "json" => Some(Format::Json),
            "xml" => Some(Format::Xml),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Xml => "xml",
        }
    }
}

/// Largest integer a JavaScript number holds exactly (2^53 - 1); larger ones are handed over as text.
pub const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// Decodes one answer of `action`. Success gives the response object without its `{action}Response`
/// wrapper: every field of the action's response model, typed as the JSON form, in the model's order
/// (lists always present, `[]` when the answer has none), then `requestId`, `returnCode`,
/// `returnMessage`. (A `Value` for callers that want one; the call path uses [`decode_into`] and hands
/// the text over.)
pub fn decode_response(action: &'static Action, http_status: u16, body: &[u8]) -> Result<Value> {
    let text = decode_response_text(action, http_status, body)?;
    serde_json::from_str(&text).map_err(|e| Error::internal(format!("the decoder wrote invalid JSON: {e}")))
}

/// [`decode_response`] as the JSON text handed to JavaScript.
pub fn decode_response_text(action: &'static Action, http_status: u16, body: &[u8]) -> Result<String> {
    let mut out = String::with_capacity(body.len() + 256);
    decode_into(action, Shape::Response, http_status, body, &mut out)?;
    Ok(out)
}

/// Appends the result of one answer to `out` as JSON text, in one pass over `body`: the typed
/// response object (`Shape::Response`) or one of the compat shapes of the action's list (on error `out`
/// is left as it was). Gives the answer's `requestId`, when it has one.
pub fn decode_into(
    action: &'static Action,
    shape: Shape,
    http_status: u16,
    body: &[u8],
    out: &mut String,
) -> Result<Option<String>> {
    decode_into_parts(action, shape, http_status, body, out, None)
}

/// [`decode_into`], the response object's list handed to `sink` in parts as it is written when it is
/// long (see [`PartSink`]): `out` then holds the list's last items only. Parts of an earlier decode
/// into the same sink are voided first.
pub fn decode_into_parts(
    action: &'static Action,
    shape: Shape,
    http_status: u16,
    body: &[u8],
    out: &mut String,
    mut sink: Option<&mut (dyn PartSink + 'static)>,
) -> Result<Option<String>> {
    if let Some(s) = sink.as_mut() {
        s.reset();
    }
    let mark = out.len();
    decode_body(action, shape, http_status, body, out, sink).map_err(|e| {
        out.truncate(mark);
        not_an_answer(e, http_status, body)
    })
}

/// An error status whose body is not an NCP answer (a proxy's or load balancer's text or HTML page,
/// an empty 503): the status is the news, so it is `ERR_GATEWAY` (`ERR_AUTH` for a 401) with the
/// body quoted, as for the gateway's own error bodies. On a 2xx it stays `ERR_DECODE`.
fn not_an_answer(e: Error, status: u16, body: &[u8]) -> Error {
    if e.code != ErrorCode::Decode || (200..300).contains(&status) {
        return e;
    }
    let text = String::from_utf8_lossy(&body[..body.len().min(1024)]);
    let quoted = snippet(text.trim_start_matches('\u{feff}'), 120);
    let code = if status == 401 {
        ErrorCode::Auth
    } else {
        ErrorCode::Gateway
    };
    let mut g = Error::new(
        code,
        if quoted.is_empty() {
            format!("HTTP {status} with an empty body (not an NCP answer)")
        } else {
            format!("HTTP {status} with a body that is not an NCP answer: {quoted}")
        },
    );
    g.http_status = Some(status);
    g
}

fn decode_body(
    action: &'static Action,
    shape: Shape,
    http_status: u16,
    body: &[u8],
    out: &mut String,
    sink: Option<&mut (dyn PartSink + 'static)>,
) -> Result<Option<String>> {
    let text = std::str::from_utf8(body).map_err(|_| {
        with_status(
            Error::decode(format!("HTTP {http_status}: the response body is not UTF-8 text")),
            http_status,
        )
    })?;
    let trimmed = text.trim_start_matches('\u{feff}').trim();
    if trimmed.is_empty() {
        return Err(with_status(
            Error::decode(format!("HTTP {http_status}: empty response body")),
            http_status,
        ));
    }
    let mark = out.len();
    let result = if trimmed.starts_with('{') {
        decode_json::decode(action, shape, http_status, trimmed, out, sink)
    } else if trimmed.starts_with('<') {
        if looks_like_html(trimmed) {
            return Err(with_status(
                Error::decode(format!(
                    "HTTP {http_status}: expected an NCP API answer, got an HTML page: {}",
                    snippet(trimmed, 120)
                )),
                http_status,
            ));
        }
        decode_xml::decode(action, shape, http_status, trimmed, out, sink)
    } else {
        return Err(with_status(
            Error::decode(format!(
                "HTTP {http_status}: unrecognized response body: {}",
                snippet(trimmed, 120)
            )),
            http_status,
        ));
    };
    if result.is_err() {
        out.truncate(mark);
    }
    result
}

/// An answer wrapped for another action (`{"deleteEverythingResponse": …}` to `createServerInstances`):
/// whatever it holds, it is not this call's answer.
fn foreign_answer(action: &Action, wrapper: &str, status: u16) -> Error {
    with_status(
        Error::decode(format!(
            "HTTP {status}: the answer is wrapped as {}, another action's, not {}Response: it is not this call's answer",
            snippet(wrapper, 80),
            action.name
        )),
        status,
    )
}

fn looks_like_html(s: &str) -> bool {
    let head: String = s.chars().take(64).collect::<String>().to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}
