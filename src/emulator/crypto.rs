//! The login-key cryptography both platforms' emulators need (Classic `server/v2` and VPC
//! `vserver/v2` alike): `createLoginKey` hands out a new RSA private key (PKCS#1 PEM, as NCP does) and
//! keeps its public key (OpenSSH form) and fingerprint (MD5, colon hex); a server's root password is
//! kept encrypted with its login key's public key (RSA PKCS#1 v1.5, base64); `getRootPassword`
//! decrypts it with the private key the caller sends, as NCP does, and fails when that key is not
//! the login key's. One small module on RustCrypto's `rsa` (pure Rust, no C), shared by both
//! platforms' handlers.
//!
//! Randomness comes from the emulator's seeded generator, so a fixture's seed makes the same keys and
//! passwords: these keys are test keys for an emulator, never for real servers.
//!
//! Hostile input is bounded: keys over 4096 bits and key texts over 16 KiB are refused before any
//! arithmetic, so a request cannot make the emulator compute for long.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use rsa::pkcs1::{DecodeRsaPrivateKey, EncodeRsaPrivateKey, LineEnding};
use rsa::pkcs8::DecodePrivateKey;
use rsa::traits::PublicKeyParts;
use rsa::{BigUint, Pkcs1v15Encrypt, RsaPrivateKey, RsaPublicKey};

/// The size of the keys `createLoginKey` makes (NCP's login keys are 2048-bit RSA).
pub const KEY_BITS: usize = 2048;
/// The largest key taken from a caller (private keys sent to `getRootPassword`, imported public keys).
pub const MAX_KEY_BITS: usize = 4096;
/// The longest key text read.
pub const MAX_KEY_TEXT: usize = 16 * 1024;

/// A seeded generator as the `rsa` crate wants one (`rand_core` 0.6). Marked `CryptoRng` because the
/// crate asks for it; the keys it makes are emulator test keys.
pub struct Seeded<'a>(pub &'a mut fastrand::Rng);

impl rand_core::RngCore for Seeded<'_> {
    fn next_u32(&mut self) -> u32 {
        self.0.u32(..)
    }
    fn next_u64(&mut self) -> u64 {
        self.0.u64(..)
    }
    fn fill_bytes(&mut self, dest: &mut [u8]) {
        self.0.fill(dest);
    }
    fn try_fill_bytes(&mut self, dest: &mut [u8]) -> Result<(), rand_core::Error> {
        self.0.fill(dest);
        Ok(())
    }
}

impl rand_core::CryptoRng for Seeded<'_> {}

/// A new root (administrator) password, from the emulator's seeded generator: 11 letters and digits
/// (none that read alike: no I, l, O, 0, 1) and one sign, as NCP's initial passwords mix them.
pub fn root_password(rng: &mut fastrand::Rng) -> String {
    const CHARS: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    let mut out: String = (0..11).map(|_| char::from(CHARS[rng.usize(..CHARS.len())])).collect();
    out.push(['!', '@', '#', '$', '%'][rng.usize(..5)]);
    out
}

/// A new login key: what `createLoginKey` answers (`privateKey`) and what the key list shows.
#[derive(Debug, Clone)]
pub struct NewKey {
    /// `-----BEGIN RSA PRIVATE KEY-----` ... (PKCS#1 PEM).
    pub private_pem: String,
    /// `ssh-rsa AAAA...`
    pub public_ssh: String,
    /// MD5 of the public key blob, colon hex (`6f:2b:...`), as `ssh-keygen -E md5` shows it.
    pub fingerprint: String,
}

/// Makes a 2048-bit key pair.
pub fn new_key(rng: &mut fastrand::Rng) -> Option<NewKey> {
    let private = RsaPrivateKey::new(&mut Seeded(rng), KEY_BITS).ok()?;
    let public = RsaPublicKey::from(&private);
    let pem = private.to_pkcs1_pem(LineEnding::LF).ok()?;
    let blob = ssh_blob(&public);
    Some(NewKey {
        private_pem: pem.to_string(),
        public_ssh: format!("ssh-rsa {}", STANDARD.encode(&blob)),
        fingerprint: md5_hex(&blob),
    })
}

/// An OpenSSH RSA public key (`ssh-rsa AAAA... [comment]`), checked; `None` for anything else.
pub fn parse_public(text: &str) -> Option<RsaPublicKey> {
    if text.len() > MAX_KEY_TEXT {
        return None;
    }
    let mut parts = text.split_whitespace();
    if parts.next()? != "ssh-rsa" {
        return None;
    }
    let blob = STANDARD.decode(parts.next()?).ok()?;
    let mut r = Reader(&blob);
    if r.string()? != b"ssh-rsa" {
        return None;
    }
    let e = BigUint::from_bytes_be(r.string()?);
    let n = BigUint::from_bytes_be(r.string()?);
    if !r.0.is_empty() || n.bits() > MAX_KEY_BITS {
        return None;
    }
    RsaPublicKey::new(n, e).ok()
}

/// The fingerprint of an OpenSSH RSA public key (`None` when it is not one).
pub fn fingerprint(public_ssh: &str) -> Option<String> {
    parse_public(public_ssh).map(|k| md5_hex(&ssh_blob(&k)))
}

/// The public key (OpenSSH form) of a private key text, PKCS#1 or PKCS#8 PEM.
pub fn public_of(private_pem: &str) -> Option<String> {
    let k = parse_private(private_pem)?;
    Some(format!(
        "ssh-rsa {}",
        STANDARD.encode(ssh_blob(&RsaPublicKey::from(&k)))
    ))
}

/// Encrypts `secret` with an OpenSSH RSA public key: base64 of the PKCS#1 v1.5 ciphertext.
pub fn encrypt(public_ssh: &str, secret: &str, rng: &mut fastrand::Rng) -> Option<String> {
    let key = parse_public(public_ssh)?;
    let c = key.encrypt(&mut Seeded(rng), Pkcs1v15Encrypt, secret.as_bytes()).ok()?;
    Some(STANDARD.encode(c))
}

/// Decrypts what [`encrypt`] made with the private key given (PKCS#1 or PKCS#8 PEM); `None` when the
/// key is not readable, too large, or not the pair of the key it was encrypted with.
pub fn decrypt(private_pem: &str, cipher_b64: &str) -> Option<String> {
    let key = parse_private(private_pem)?;
    let c = STANDARD.decode(cipher_b64.trim()).ok()?;
    if c.len() != key.size() {
        return None;
    }
    let plain = key.decrypt(Pkcs1v15Encrypt, &c).ok()?;
    String::from_utf8(plain).ok()
}

fn parse_private(text: &str) -> Option<RsaPrivateKey> {
    // Sent in a form body, line breaks may arrive as CRLF or as literal "\n".
    if text.len() > MAX_KEY_TEXT {
        return None;
    }
    let text = text.replace("\\n", "\n").replace("\r\n", "\n");
    let text = text.trim();
    // The size is read from the PEM's length before the key is parsed (and validated): a 4096-bit
    // PKCS#1 key is about 3.3 KB of PEM.
    let key = RsaPrivateKey::from_pkcs1_pem(text)
        .ok()
        .or_else(|| RsaPrivateKey::from_pkcs8_pem(text).ok())?;
    (key.n().bits() <= MAX_KEY_BITS).then_some(key)
}

/// The OpenSSH wire form of an RSA public key: string "ssh-rsa", mpint e, mpint n.
fn ssh_blob(k: &RsaPublicKey) -> Vec<u8> {
    let mut out = Vec::new();
    put_string(&mut out, b"ssh-rsa");
    put_mpint(&mut out, &k.e().to_bytes_be());
    put_mpint(&mut out, &k.n().to_bytes_be());
    out
}

fn put_string(out: &mut Vec<u8>, s: &[u8]) {
    out.extend_from_slice(&(s.len() as u32).to_be_bytes());
    out.extend_from_slice(s);
}

fn put_mpint(out: &mut Vec<u8>, be: &[u8]) {
    if be.first().is_some_and(|b| b & 0x80 != 0) {
        out.extend_from_slice(&((be.len() + 1) as u32).to_be_bytes());
        out.push(0);
        out.extend_from_slice(be);
    } else {
        put_string(out, be);
    }
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn string(&mut self) -> Option<&'a [u8]> {
        let len = u32::from_be_bytes(self.0.get(..4)?.try_into().ok()?) as usize;
        let s = self.0.get(4..4usize.checked_add(len)?)?;
        self.0 = &self.0[4 + len..];
        Some(s)
    }
}

fn md5_hex(data: &[u8]) -> String {
    use md5::Digest;
    let d = md5::Md5::digest(data);
    d.iter().map(|b| format!("{b:02x}")).collect::<Vec<_>>().join(":")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_key_encrypts_what_only_its_private_key_decrypts() {
        let mut rng = fastrand::Rng::with_seed(7);
        let key = new_key(&mut rng).expect("a key");
        assert!(key.private_pem.starts_with("-----BEGIN RSA PRIVATE KEY-----"));
        assert!(key.public_ssh.starts_with("ssh-rsa AAAA"));
        assert_eq!(key.fingerprint.len(), 47);
        assert_eq!(fingerprint(&key.public_ssh).as_deref(), Some(key.fingerprint.as_str()));
        assert_eq!(public_of(&key.private_pem).as_deref(), Some(key.public_ssh.as_str()));
        let sealed = encrypt(&key.public_ssh, "Pa55-word!", &mut rng).expect("encrypted");
        assert_eq!(decrypt(&key.private_pem, &sealed).as_deref(), Some("Pa55-word!"));
        // Line breaks sent as "\n" text or CRLF still read.
        let escaped = key.private_pem.replace('\n', "\\n");
        assert_eq!(decrypt(&escaped, &sealed).as_deref(), Some("Pa55-word!"));
        let other = new_key(&mut rng).expect("another key");
        assert_eq!(decrypt(&other.private_pem, &sealed), None);
        assert_eq!(decrypt("not a key", &sealed), None);
        assert_eq!(decrypt(&key.private_pem, "%%%"), None);
        assert!(parse_public("ssh-dss AAAA").is_none());
        assert!(parse_public("ssh-rsa AAAAB3NzaC1yc2E=").is_none(), "a truncated blob");
        assert!(parse_public(&"x".repeat(MAX_KEY_TEXT + 1)).is_none());
    }
}
