//! The one error type of the core. Every failure (validation, API, gateway, network, decoding, a bug)
//! becomes an [`Error`]; the bindings hand it to JavaScript in one piece, where it becomes `NcloudError`.

use serde::Serialize;
use std::fmt;

/// Stable error codes, exposed to JavaScript as `err.code`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ErrorCode {
    /// The input was rejected before any request was sent.
    #[serde(rename = "ERR_VALIDATION")]
    Validation,
    /// No credentials were found, or only half of a pair (raised by the JavaScript side).
    #[serde(rename = "ERR_CREDENTIALS")]
    Credentials,
    /// The server API answered with a `responseError` / non-zero `returnCode`.
    #[serde(rename = "ERR_API")]
    Api,
    /// The credentials, the signature or the clock were refused (HTTP 401).
    #[serde(rename = "ERR_AUTH")]
    Auth,
    /// Any other API-gateway error (`{"error": {...}}`: 403, 404, 429, 5xx ...).
    #[serde(rename = "ERR_GATEWAY")]
    Gateway,
    /// The request never got an HTTP answer (refused, reset, DNS ...).
    #[serde(rename = "ERR_NETWORK")]
    Network,
    /// The request took longer than the configured timeout.
    #[serde(rename = "ERR_TIMEOUT")]
    Timeout,
    /// An answer arrived but could not be understood (truncated, HTML, empty ...).
    #[serde(rename = "ERR_DECODE")]
    Decode,
    /// A bug in this package (including a caught panic).
    #[serde(rename = "ERR_INTERNAL")]
    Internal,
    /// The caller aborted the call (its `AbortSignal`); named as Node names it.
    #[serde(rename = "ABORT_ERR")]
    Aborted,
    /// The client was closed (`client.close()`, or the end of the thread that created it).
    #[serde(rename = "ERR_CLIENT_CLOSED")]
    ClientClosed,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Error {
    pub code: ErrorCode,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub http_status: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub return_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub return_message: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// Whether sending the same request again may succeed: set by the transport from the one retry
    /// strategy (src/retry.rs), never by the constructors.
    pub retryable: bool,
    /// How many attempts were made before giving up (1 when no retry happened).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attempts: Option<u32>,
    /// The API's page in the reference of the client's site (`https://api-gov.ncloud-docs.com/docs/…`),
    /// on the errors of an answer (`ERR_API`, `ERR_AUTH`, `ERR_GATEWAY`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub docs_url: Option<String>,
}

pub type Result<T> = std::result::Result<T, Error>;

/// The old client's `helpers/errorHandler` answered every non-2xx response with
/// `new Error(`Error: returnCode: ${ data.returnCode }, returnMessage: ${ data.returnMessage }`)`:
/// messages of that form keep its `Error: ` prefix (`returnMessage` itself stays plain).
pub const API_PREFIX: &str = "Error: ";

impl Error {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Error {
            code,
            message: message.into(),
            action: None,
            http_status: None,
            return_code: None,
            return_message: None,
            request_id: None,
            retryable: false,
            attempts: None,
            docs_url: None,
        }
    }

    pub fn validation(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Validation, message)
    }

    pub fn decode(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Decode, message)
    }

    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Internal, message)
    }

    /// The call was cancelled by the caller (its request dropped, its retries stopped).
    pub fn aborted() -> Self {
        Self::new(ErrorCode::Aborted, "The operation was aborted")
    }

    /// A server-API error (`responseError`, or a non-zero `returnCode`): the message keeps the old client's
    /// `Error: returnCode: X, returnMessage: Y` form.
    pub fn api(http_status: u16, return_code: &str, return_message: &str) -> Self {
        let return_message = clip(return_message.trim(), MAX_QUOTED);
        let return_code = clip(return_code, 40);
        // A 401 is an authentication failure whatever the body's shape (the legacy 800 "Invalid consumerKey").
        let code = if http_status == 401 {
            ErrorCode::Auth
        } else {
            ErrorCode::Api
        };
        let mut text = format!("{API_PREFIX}returnCode: {return_code}, returnMessage: {return_message}");
        text.push_str(auth_hint(http_status, &return_code).unwrap_or(""));
        let mut e = Self::new(code, text);
        e.http_status = Some(http_status);
        e.return_code = Some(return_code.clone());
        e.return_message = Some(return_message);
        e
    }

    /// An API-gateway error (`{"error": {"errorCode", "message", "details"}}`).
    pub fn gateway(http_status: u16, error_code: &str, message: &str, details: Option<&str>) -> Self {
        let code = if http_status == 401 {
            ErrorCode::Auth
        } else {
            ErrorCode::Gateway
        };
        let error_code = clip(error_code, 40);
        let message = clip(message, MAX_QUOTED);
        let mut text = format!("{API_PREFIX}returnCode: {error_code}, returnMessage: {message}");
        if let Some(d) = details.filter(|d| !d.trim().is_empty()) {
            text.push_str(&format!(" ({})", clip(d.trim(), MAX_QUOTED)));
        }
        text.push_str(auth_hint(http_status, &error_code).unwrap_or(""));
        let mut e = Self::new(code, text);
        e.http_status = Some(http_status);
        e.return_code = Some(error_code);
        e.return_message = Some(message);
        e
    }

    pub fn with_action(mut self, action: &str) -> Self {
        if self.action.is_none() {
            self.action = Some(action.to_string());
        }
        self
    }

    pub fn to_json(&self) -> String {
        // Serializing a plain struct of strings and numbers cannot fail; keep a fallback anyway.
        serde_json::to_string(self).unwrap_or_else(|_| {
            r#"{"code":"ERR_INTERNAL","message":"error could not be serialized","retryable":false}"#.to_string()
        })
    }
}

/// At most `max` characters of `s` on one line (whitespace runs and control characters become one
/// space), with `…` when cut: how a body or header is quoted in an error message.
pub fn snippet(s: &str, max: usize) -> String {
    let mut out = String::new();
    let mut space = false;
    for (n, ch) in s.trim().chars().enumerate() {
        if n == max {
            out.push('…');
            break;
        }
        if ch.is_whitespace() || ch.is_control() {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(ch);
            space = false;
        }
    }
    out
}

/// At most `max` characters of `s`, with `…` when cut (a message field from an answer).
pub fn clip(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// Longest text taken from an answer into an error's message or fields.
pub const MAX_QUOTED: usize = 300;

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// What to check after an authentication or permission failure: NCP's gateway answers 401 with
/// `200 Authentication Failed` (bad signature, unknown key, a timestamp more than 5 minutes off) or
/// `210 Permission Denied` (a sub-account without a policy for the action), 403 with `230 Forbidden`;
/// the legacy API answers 401 with `800`, and `24001` for an invalid key (`/work/shared/spec`,
/// ncp-server-image-api.md, "Errors"). `None` for any other failure.
pub fn auth_hint(http_status: u16, return_code: &str) -> Option<&'static str> {
    if matches!(return_code, "210" | "230") || (http_status == 403 && return_code != "200") {
        return Some(
            " - the key is valid but not allowed this action: for a sub-account, check that its policies \
             allow it (Sub Account > policies in the NCP console)",
        );
    }
    let auth = http_status == 401 || matches!(return_code, "200" | "800" | "24001");
    auth.then_some(
        " - check the access key and the secret key (one API key's pair, neither swapped nor truncated), the \
         clock of this machine (a signature's timestamp is valid for 5 minutes), and, for a sub-account, \
         that its policies allow this action",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_error_keeps_the_old_message_form() {
        let e = Error::api(400, "25018", "  The server is busy.\n ");
        assert_eq!(
            e.message,
            "Error: returnCode: 25018, returnMessage: The server is busy."
        );
        assert_eq!(e.return_message.as_deref(), Some("The server is busy."));
        assert_eq!(e.code, ErrorCode::Api);
    }

    #[test]
    fn quoted_text_is_short() {
        let huge = "x".repeat(50 << 20);
        // The quoted text is clipped; the hint of an authentication failure (fixed text) comes on top.
        let hint = auth_hint(401, "800").map_or(0, str::len);
        let e = Error::api(401, "800", &huge);
        assert!(e.message.len() < 400 + hint, "{}", e.message.len());
        assert!(e.return_message.as_deref().is_some_and(|m| m.ends_with('…')));
        let g = Error::gateway(401, "200", &huge, Some(&huge));
        assert!(g.message.len() < 800 + hint);
        assert_eq!(snippet("  a \n\r\t b  ", 10), "a b");
        assert_eq!(snippet("abcdef", 3), "abc…");
        assert_eq!(clip("한국어", 2), "한국…");
    }

    #[test]
    fn gateway_401_is_an_auth_error() {
        let e = Error::gateway(401, "200", "Authentication Failed", Some("Invalid signature"));
        assert_eq!(e.code, ErrorCode::Auth);
        let json = e.to_json();
        assert!(json.contains(r#""code":"ERR_AUTH""#), "{json}");
        assert!(json.contains(r#""httpStatus":401"#), "{json}");
    }
}
