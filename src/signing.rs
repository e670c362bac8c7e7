//! NCP API Gateway request signing, "signature v2" (spec section 2):
//! `base64(HMAC-SHA256(secret, "{METHOD} {REQUEST_URI}\n{TIMESTAMP}\n{ACCESS_KEY}"))`.
//! The request URI is the path plus `?query` exactly as it goes on the wire; the body is not signed.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

pub const HEADER_TIMESTAMP: &str = "x-ncp-apigw-timestamp";
pub const HEADER_ACCESS_KEY: &str = "x-ncp-iam-access-key";
pub const HEADER_SIGNATURE_V2: &str = "x-ncp-apigw-signature-v2";
/// The name the official Go/Python/JS SDKs send the same value under.
pub const HEADER_SIGNATURE_V1: &str = "x-ncp-apigw-signature-v1";

/// The exact message that is signed.
pub fn string_to_sign(method: &str, request_uri: &str, timestamp: &str, access_key: &str) -> String {
    format!("{method} {request_uri}\n{timestamp}\n{access_key}")
}

fn mac(secret_key: &str) -> HmacSha256 {
    // HMAC accepts keys of any length, so this cannot fail.
    <HmacSha256 as Mac>::new_from_slice(secret_key.as_bytes()).expect("HMAC takes keys of any size")
}

/// The base64 signature of one request.
pub fn sign(secret_key: &str, method: &str, request_uri: &str, timestamp: &str, access_key: &str) -> String {
    Signer::new(secret_key).sign(method, request_uri, timestamp, access_key)
}

/// A signer keyed once per client: the HMAC key schedule (two SHA-256 blocks) is done at creation and
/// cloned per request, and the string to sign is fed in pieces instead of being formatted first.
#[derive(Clone)]
pub struct Signer {
    mac: HmacSha256,
}

impl std::fmt::Debug for Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Signer(****)")
    }
}

impl Signer {
    pub fn new(secret_key: &str) -> Self {
        Signer { mac: mac(secret_key) }
    }

    /// The same value as [`sign`].
    pub fn sign(&self, method: &str, request_uri: &str, timestamp: &str, access_key: &str) -> String {
        let mut m = self.mac.clone();
        for piece in [method, " ", request_uri, "\n", timestamp, "\n", access_key] {
            m.update(piece.as_bytes());
        }
        STANDARD.encode(m.finalize().into_bytes())
    }
}

/// Checks a signature in constant time (used by the emulator).
pub fn verify(
    secret_key: &str,
    method: &str,
    request_uri: &str,
    timestamp: &str,
    access_key: &str,
    signature: &str,
) -> bool {
    let Ok(given) = STANDARD.decode(signature.trim()) else {
        return false;
    };
    let mut m = mac(secret_key);
    m.update(string_to_sign(method, request_uri, timestamp, access_key).as_bytes());
    m.verify_slice(&given).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const AK: &str = "AKIDEXAMPLE0000000001";
    const SK: &str = "SECRETEXAMPLE/0000000000000000000000001";
    const TS: &str = "1700000000000";

    #[test]
    fn string_to_sign_layout() {
        assert_eq!(
            string_to_sign("GET", "/server/v2/getRegionList", TS, AK),
            "GET /server/v2/getRegionList\n1700000000000\nAKIDEXAMPLE0000000001"
        );
    }

    #[test]
    fn vector_a_vpc_get_detail() {
        let uri = "/vserver/v2/getServerImageDetail?regionCode=KR&serverImageNo=12345&responseFormatType=json";
        assert_eq!(
            sign(SK, "GET", uri, TS, AK),
            "952r+b9X3D8DO4wyPrLS4nMsq4StUX9dVbQT99y1MIM="
        );
    }

    #[test]
    fn vector_b_classic_get_list() {
        let uri = "/server/v2/getMemberServerImageList?responseFormatType=json";
        assert_eq!(
            sign(SK, "GET", uri, TS, AK),
            "OTPbepXdDzmsWYPCMFJhzxdF0pYyB1dKQJ0x6CCXndc="
        );
    }

    #[test]
    fn vector_c_enc_list_and_utf8_name() {
        // The query is built by our own encoder, so this also pins the encoder to the vector.
        let pairs = vec![
            ("regionCode".to_string(), "KR".to_string()),
            ("memberServerImageInstanceNoList.1".to_string(), "111".to_string()),
            ("memberServerImageInstanceNoList.2".to_string(), "222".to_string()),
            ("memberServerImageName".to_string(), "my image 이미지".to_string()),
            ("responseFormatType".to_string(), "json".to_string()),
        ];
        let query = crate::encoding::encode_pairs(&pairs);
        let uri = format!("/vserver/v2/getMemberServerImageInstanceList?{query}");
        assert_eq!(
            uri,
            "/vserver/v2/getMemberServerImageInstanceList?regionCode=KR&memberServerImageInstanceNoList.1=111&memberServerImageInstanceNoList.2=222&memberServerImageName=my%20image%20%EC%9D%B4%EB%AF%B8%EC%A7%80&responseFormatType=json"
        );
        assert_eq!(
            sign(SK, "GET", &uri, TS, AK),
            "Ynu45gxEqkq8M94gOoC8V7egzShTTyKHK6tmjIB3Dzo="
        );
    }

    #[test]
    fn vector_d_post_as_python_sends_it() {
        let uri = "/vserver/v2/getServerImageDetail?responseFormatType=json";
        assert_eq!(
            sign(SK, "POST", uri, TS, AK),
            "oMsRqvgsYn7gLljHDD+gJtt19XKTtbv80bRNDs0965g="
        );
    }

    #[test]
    fn vector_e_post_without_query() {
        let uri = "/vserver/v2/getServerImageDetail";
        assert_eq!(
            sign(SK, "POST", uri, TS, AK),
            "r0ZXppkZKiB5Jd+ZggMekEevJavHGkpQa12EfoE87dc="
        );
    }

    #[test]
    fn verify_accepts_the_right_signature_only() {
        let uri = "/vserver/v2/getServerImageDetail";
        let sig = sign(SK, "POST", uri, TS, AK);
        assert!(verify(SK, "POST", uri, TS, AK, &sig));
        assert!(!verify("other-secret", "POST", uri, TS, AK, &sig));
        assert!(!verify(SK, "GET", uri, TS, AK, &sig));
        assert!(!verify(SK, "POST", uri, TS, AK, "not base64 !!"));
    }
}
