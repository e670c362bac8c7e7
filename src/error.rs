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
    /// Whether sending the same request again may succeed (used by the retry policy).
    pub retryable: bool,
    /// How many attempts were made before giving up (1 when no retry happened).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attempts: Option<u32>,
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

    /// A server-API error (`responseError`, or a non-zero `returnCode`): the message keeps the old client's
    /// `Error: returnCode: X, returnMessage: Y` form.
    pub fn api(http_status: u16, return_code: &str, return_message: &str) -> Self {
        let return_message = return_message.trim();
        // A 401 is an authentication failure whatever the body's shape (the legacy 800 "Invalid consumerKey").
        let code = if http_status == 401 {
            ErrorCode::Auth
        } else {
            ErrorCode::Api
        };
        let mut e = Self::new(
            code,
            format!("{API_PREFIX}returnCode: {return_code}, returnMessage: {return_message}"),
        );
        e.http_status = Some(http_status);
        e.return_code = Some(return_code.to_string());
        e.return_message = Some(return_message.to_string());
        // 1300 is NCP's "temporarily out of service, try again"; 5xx answers are transient too.
        e.retryable = http_status >= 500 || return_code == "1300";
        e
    }

    /// An API-gateway error (`{"error": {"errorCode", "message", "details"}}`).
    pub fn gateway(http_status: u16, error_code: &str, message: &str, details: Option<&str>) -> Self {
        let code = if http_status == 401 {
            ErrorCode::Auth
        } else {
            ErrorCode::Gateway
        };
        let mut text = format!("{API_PREFIX}returnCode: {error_code}, returnMessage: {message}");
        if let Some(d) = details.filter(|d| !d.trim().is_empty()) {
            text.push_str(&format!(" ({})", d.trim()));
        }
        let mut e = Self::new(code, text);
        e.http_status = Some(http_status);
        e.return_code = Some(error_code.to_string());
        e.return_message = Some(message.to_string());
        e.retryable = matches!(http_status, 429 | 502 | 503 | 504);
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

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

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
        assert!(!e.retryable);
        assert!(Error::api(500, "1300", "later").retryable);
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
