//! The answers the emulator writes: NCP's API errors, the gateway's errors, successes, as one [`Reply`].

use super::faults::ApiFault;
use crate::wire::{render_api_error, render_gateway_error, Format};
use bytes::Bytes;
use http_body_util::Full;
use hyper::Response;
use std::time::Duration;

pub struct Reply {
    pub status: u16,
    pub body: String,
    pub content_type: &'static str,
    pub delay: Option<Duration>,
    /// For the request log: why the request was refused.
    pub reason: Option<String>,
    /// Extra response headers (an injected fault's `headers`).
    pub headers: Vec<(String, String)>,
}

pub const JSON_TYPE: &str = "application/json;charset=UTF-8";
pub const XML_TYPE: &str = "application/xml;charset=UTF-8";

pub fn gateway(status: u16, code: &str, message: &str, details: &str) -> Reply {
    Reply {
        status,
        body: render_gateway_error(code, message, details),
        content_type: JSON_TYPE,
        delay: None,
        reason: Some(format!("{message}: {details}")),
        headers: Vec::new(),
    }
}

pub fn api_fault(f: &ApiFault, format: Format) -> Reply {
    Reply {
        status: f.http_status,
        body: render_api_error(f.return_code, &f.return_message, format),
        content_type: if format == Format::Json { JSON_TYPE } else { XML_TYPE },
        delay: None,
        reason: Some(format!("returnCode {}", f.return_code)),
        headers: Vec::new(),
    }
}

pub fn respond(reply: Reply) -> Response<Full<Bytes>> {
    let mut res = Response::new(Full::new(Bytes::from(reply.body)));
    *res.status_mut() = hyper::StatusCode::from_u16(reply.status).unwrap_or(hyper::StatusCode::INTERNAL_SERVER_ERROR);
    if let Ok(v) = hyper::header::HeaderValue::from_str(reply.content_type) {
        res.headers_mut().insert(hyper::header::CONTENT_TYPE, v);
    }
    for (name, value) in &reply.headers {
        if let (Ok(n), Ok(v)) = (
            hyper::header::HeaderName::from_bytes(name.as_bytes()),
            hyper::header::HeaderValue::from_str(value),
        ) {
            res.headers_mut().append(n, v);
        }
    }
    res
}
