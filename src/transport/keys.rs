//! The keys a client signs with: the access key (checked once as a header value) and the secret's
//! HMAC key schedule, swapped whole when they change (`setCredentials`: a credentials provider's new
//! pair, the 1.x `setConfig`), so that a call in flight keeps the pair it began with and no call pays
//! for a change that does not happen (one read lock and one reference count per attempt).

use crate::error::{Error, ErrorCode, Result};
use crate::signing::Signer;
use reqwest::header::HeaderValue;
use std::sync::{Arc, RwLock};

/// One access key and its secret, ready to sign with.
#[derive(Debug)]
pub struct Keys {
    pub access_key: String,
    /// The access key as a header value, checked once.
    pub header: HeaderValue,
    pub signer: Signer,
}

impl Keys {
    /// The pair, refused when the access key cannot travel in a header (CR, LF, NUL ...: every call
    /// would fail). Neither key is ever quoted.
    pub fn new(access_key: &str, secret_key: &str) -> Result<Self> {
        let header = match HeaderValue::from_str(access_key) {
            Ok(v) if !access_key.chars().any(char::is_control) => v,
            _ => {
                return Err(Error::new(
                    ErrorCode::Credentials,
                    "the access key contains a control character (CR, LF, NUL, tab ...) and cannot be sent in a header: check for a stray line break",
                ))
            }
        };
        Ok(Keys {
            access_key: access_key.to_string(),
            header,
            signer: Signer::new(secret_key),
        })
    }
}

/// The client's current keys.
#[derive(Debug)]
pub struct KeySlot(RwLock<Arc<Keys>>);

impl KeySlot {
    pub fn new(keys: Keys) -> Self {
        KeySlot(RwLock::new(Arc::new(keys)))
    }

    /// The keys to sign one request with.
    pub fn current(&self) -> Arc<Keys> {
        self.0.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Later requests sign with `keys`.
    pub fn replace(&self, keys: Keys) {
        *self.0.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(keys);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_that_cannot_be_a_header_is_refused_without_being_quoted() {
        let e = Keys::new("AK\r\nX-Evil: 1", "secret").unwrap_err();
        assert_eq!(e.code, ErrorCode::Credentials);
        assert!(!e.message.contains("Evil"), "{}", e.message);
        let slot = KeySlot::new(Keys::new("first", "s1").unwrap());
        let held = slot.current();
        slot.replace(Keys::new("second", "s2").unwrap());
        assert_eq!(held.access_key, "first", "a request under way keeps its pair");
        assert_eq!(slot.current().access_key, "second");
    }
}
