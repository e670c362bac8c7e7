//! `signParameters`: the parameters go in the query string of a GET, where the gateway's signature
//! (over `METHOD path?query`) covers them, instead of the unsigned POST body. A URL has a length limit
//! that a body does not: a request target longer than [`MAX_REQUEST_TARGET`] bytes is refused before
//! anything is sent, rather than sent unsigned behind the caller's back. A POST body has the gateway's
//! limit, [`MAX_REQUEST_BODY`]: a larger one is refused before it is sent too. Both refusals name the
//! parameter that weighs most.

use crate::encoding::{encode_pairs, pct_encode};
use crate::error::{Error, Result};

/// Longest request target (path and query) sent: 8 KiB, the request-line limit of common servers and
/// gateways (nginx's `large_client_header_buffers`, Apache's `LimitRequestLine` of 8190 bytes).
pub const MAX_REQUEST_TARGET: usize = 8192;

/// Largest form body sent: 10 MiB. NCP documents a 10 MB limit on the body of a request through its API
/// Gateway (the gateway answers a larger one with HTTP 413, code 430, after it has been sent whole);
/// the binary reading is taken so that nothing the gateway accepts is refused here.
pub const MAX_REQUEST_BODY: usize = 10 << 20;

/// The form body of a POST, refused when it is larger than the gateway accepts.
pub fn form_body(action: &str, pairs: &[(String, String)]) -> Result<String> {
    let body = encode_pairs(pairs);
    if body.len() > MAX_REQUEST_BODY {
        return Err(Error::validation(format!(
            "{action}: the request body would be {} bytes, over the {MAX_REQUEST_BODY} bytes (10 MiB) NCP's API \
             gateway accepts; {}: send fewer items per call, or a smaller value",
            body.len(),
            heaviest(pairs)
        )));
    }
    Ok(body)
}

/// `'name' is N bytes of it`: the parameter whose encoded pairs weigh most (a list's items and an
/// object list's fields counted under the list's name).
fn heaviest(pairs: &[(String, String)]) -> String {
    let mut sizes: Vec<(&str, usize)> = Vec::new();
    for (k, v) in pairs {
        let name = k.split('.').next().unwrap_or(k);
        let n = pct_encode(k).len() + pct_encode(v).len() + 2;
        match sizes.iter_mut().find(|(p, _)| *p == name) {
            Some((_, total)) => *total += n,
            None => sizes.push((name, n)),
        }
    }
    match sizes.iter().max_by_key(|(_, n)| *n) {
        Some((name, n)) => format!("'{name}' is {n} bytes of it"),
        None => "it has no parameter".to_string(),
    }
}

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
             {MAX_REQUEST_TARGET}-byte limit ({}); send fewer items per call, or create the client without signParameters \
             to send them in the (unsigned) body",
            target.len(),
            heaviest(pairs)
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
        assert!(e.message.contains("'serverImageNoList' is "), "{}", e.message);
    }

    #[test]
    fn bodies_and_their_limit() {
        let pairs = vec![("serverImageNo".to_string(), "4000001".to_string())];
        assert_eq!(form_body("x", &pairs).unwrap(), "serverImageNo=4000001");
        // Exactly at the bound is sent; one byte more is refused, naming the heaviest parameter.
        let fill = MAX_REQUEST_BODY - "userData=".len() - "&serverName=s".len();
        let mut pairs = vec![
            ("userData".to_string(), "a".repeat(fill)),
            ("serverName".to_string(), "s".to_string()),
        ];
        assert_eq!(
            form_body("createServerInstances", &pairs).unwrap().len(),
            MAX_REQUEST_BODY
        );
        pairs[1].1.push('t');
        let e = form_body("createServerInstances", &pairs).unwrap_err();
        assert_eq!(e.code, crate::error::ErrorCode::Validation);
        assert!(e.message.contains("'userData' is "), "{}", e.message);
        // A list's items count under the list's name.
        let many: Vec<_> = (1..=300_000)
            .map(|i| (format!("serverInstanceNoList.{i}"), "4000001".to_string()))
            .collect();
        let e = form_body("getServerInstanceList", &many).unwrap_err();
        assert!(e.message.contains("'serverInstanceNoList' is "), "{}", e.message);
    }
}
