//! `signParameters`: the parameters go in the query string of a GET, where the gateway's signature
//! (over `METHOD path?query`) covers them, instead of the unsigned POST body. A URL has a length limit
//! that a body does not: a request target longer than [`MAX_REQUEST_TARGET`] bytes is refused before
//! anything is sent, rather than sent unsigned behind the caller's back.

use crate::encoding::encode_pairs;
use crate::error::{Error, Result};

/// Longest request target (path and query) sent: 8 KiB, the request-line limit of common servers and
/// gateways (nginx's `large_client_header_buffers`, Apache's `LimitRequestLine` of 8190 bytes).
pub const MAX_REQUEST_TARGET: usize = 8192;

/// The signed request target of a call with its parameters in the query: `request_uri` (the path and
/// `?responseFormatType=...`), `&`, the encoded parameters.
pub fn signed_target(action: &str, request_uri: &str, pairs: &[(String, String)]) -> Result<String> {
    let query = encode_pairs(pairs);
    let mut target = String::with_capacity(request_uri.len() + 1 + query.len());
    target.push_str(request_uri);
    if !query.is_empty() {
        target.push('&');
        target.push_str(&query);
    }
    if target.len() > MAX_REQUEST_TARGET {
        return Err(Error::validation(format!(
            "{action}: with signParameters the parameters travel in the URL, which would be {} bytes, over the \
             {MAX_REQUEST_TARGET}-byte limit; send fewer items per call, or create the client without signParameters \
             to send them in the (unsigned) body",
            target.len()
        )));
    }
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_and_their_limit() {
        let pairs = vec![
            ("serverImageNo".to_string(), "4000001".to_string()),
            ("a b".to_string(), "é&=".to_string()),
        ];
        let t = signed_target(
            "getServerImageDetail",
            "/vserver/v2/getServerImageDetail?responseFormatType=json",
            &pairs,
        )
        .unwrap();
        assert_eq!(
            t,
            "/vserver/v2/getServerImageDetail?responseFormatType=json&serverImageNo=4000001&a%20b=%C3%A9%26%3D"
        );
        assert_eq!(signed_target("x", "/p?f=json", &[]).unwrap(), "/p?f=json");
        let many: Vec<_> = (0..1000)
            .map(|i| ("serverImageNoList.".to_string() + &i.to_string(), "4000001".to_string()))
            .collect();
        let e = signed_target("getServerImageList", "/p?f=json", &many).unwrap_err();
        assert_eq!(e.code, crate::error::ErrorCode::Validation);
        assert!(e.message.contains("over the 8192-byte limit"), "{}", e.message);
    }
}
