//! Classic login keys and root passwords, as NCP handles them: `createLoginKey` makes an RSA key pair
//! and hands out its private key once (PKCS#1 PEM, `-----BEGIN RSA PRIVATE KEY-----`); a server is
//! created with a root password encrypted for its login key's public key (PKCS#1 v1.5), and
//! `getRootPassword` decrypts it with the private key the caller gives. `importLoginKey` takes an
//! OpenSSH public key (`ssh-rsa AAAA… comment`). Fingerprints are MD5 over the key's OpenSSH form,
//! colon-separated, as Classic answers show them.
//!
//! Keys are made on demand only (a created login key; a server whose fixture key has no key material),
//! 2048-bit in release builds and 1024-bit in debug builds (the unit tests), so no test waits for one.

use base64::Engine;
use md5::{Digest, Md5};
use rsa::pkcs1::{DecodeRsaPrivateKey, EncodeRsaPrivateKey, LineEnding};
use rsa::pkcs8::DecodePrivateKey;
use rsa::traits::PublicKeyParts;
use rsa::{BigUint, Pkcs1v15Encrypt, RsaPrivateKey, RsaPublicKey};

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;

/// The size of the keys the emulator makes.
pub const BITS: usize = if cfg!(debug_assertions) { 1024 } else { 2048 };

/// A key pair as the emulator keeps it: the private key's PEM and the public key's OpenSSH form.
pub struct Pair {
    pub private_pem: String,
    pub public_openssh: String,
    pub fingerprint: String,
}

/// A new key pair.
pub fn generate() -> Result<Pair, String> {
    let key = RsaPrivateKey::new(&mut rsa::rand_core::OsRng, BITS).map_err(|e| e.to_string())?;
    let pem = key.to_pkcs1_pem(LineEnding::LF).map_err(|e| e.to_string())?;
    let public = RsaPublicKey::from(&key);
    Ok(Pair {
        private_pem: pem.to_string(),
        public_openssh: openssh(&public),
        fingerprint: fingerprint(&public),
    })
}

/// The pair of a private key PEM (PKCS#1 or PKCS#8).
pub fn from_private(pem: &str) -> Result<Pair, String> {
    let key = read_private(pem)?;
    let public = RsaPublicKey::from(&key);
    Ok(Pair {
        private_pem: pem.to_string(),
        public_openssh: openssh(&public),
        fingerprint: fingerprint(&public),
    })
}

fn read_private(pem: &str) -> Result<RsaPrivateKey, String> {
    let pem = pem.trim();
    RsaPrivateKey::from_pkcs1_pem(pem)
        .or_else(|_| RsaPrivateKey::from_pkcs8_pem(pem))
        .map_err(|_| "not an RSA private key (PKCS#1 or PKCS#8 PEM)".to_string())
}

/// The SSH wire form of a public key (`string "ssh-rsa", mpint e, mpint n`).
fn blob(k: &RsaPublicKey) -> Vec<u8> {
    fn put(out: &mut Vec<u8>, bytes: &[u8]) {
        out.extend_from_slice(&(bytes.len() as u32).to_be_bytes());
        out.extend_from_slice(bytes);
    }
    fn mpint(n: &BigUint) -> Vec<u8> {
        let mut b = n.to_bytes_be();
        if b.first().is_some_and(|x| x & 0x80 != 0) {
            b.insert(0, 0);
        }
        b
    }
    let mut out = Vec::new();
    put(&mut out, b"ssh-rsa");
    put(&mut out, &mpint(k.e()));
    put(&mut out, &mpint(k.n()));
    out
}

/// `ssh-rsa AAAA…`.
pub fn openssh(k: &RsaPublicKey) -> String {
    format!("ssh-rsa {}", B64.encode(blob(k)))
}

/// MD5 of the OpenSSH form, `xx:xx:…`.
pub fn fingerprint(k: &RsaPublicKey) -> String {
    let digest = Md5::digest(blob(k));
    digest.iter().map(|b| format!("{b:02x}")).collect::<Vec<_>>().join(":")
}

/// Reads an OpenSSH RSA public key (`ssh-rsa <base64> [comment]`); the reason when it is not one.
pub fn read_openssh(text: &str) -> Result<RsaPublicKey, String> {
    let mut words = text.split_whitespace();
    let (Some("ssh-rsa"), Some(b64)) = (words.next(), words.next()) else {
        return Err("an OpenSSH RSA public key starts with 'ssh-rsa '".into());
    };
    let raw = B64.decode(b64).map_err(|_| "the key is not base64".to_string())?;
    let mut at = 0usize;
    let mut take = || -> Result<&[u8], String> {
        let len_bytes = raw.get(at..at + 4).ok_or("the key is truncated")?;
        let len = u32::from_be_bytes([len_bytes[0], len_bytes[1], len_bytes[2], len_bytes[3]]) as usize;
        let start = at + 4;
        let part = raw
            .get(start..start.saturating_add(len))
            .ok_or("the key is truncated")?;
        at = start + len;
        Ok(part)
    };
    if take()? != b"ssh-rsa" {
        return Err("the key's type is not ssh-rsa".into());
    }
    let e = BigUint::from_bytes_be(take()?);
    let n = BigUint::from_bytes_be(take()?);
    RsaPublicKey::new(n, e).map_err(|e| format!("not a usable RSA key: {e}"))
}

/// A password encrypted for the public key (OpenSSH form), base64.
pub fn encrypt(public_openssh: &str, password: &str) -> Result<String, String> {
    let k = read_openssh(public_openssh)?;
    let ct = k
        .encrypt(&mut rsa::rand_core::OsRng, Pkcs1v15Encrypt, password.as_bytes())
        .map_err(|e| e.to_string())?;
    Ok(B64.encode(ct))
}

/// The password decrypted with a private key PEM; `None` when the key cannot decrypt it.
pub fn decrypt(private_pem: &str, cipher_b64: &str) -> Option<String> {
    let key = read_private(private_pem).ok()?;
    let ct = B64.decode(cipher_b64).ok()?;
    let plain = key.decrypt(Pkcs1v15Encrypt, &ct).ok()?;
    String::from_utf8(plain).ok()
}

/// A new root password: 12 characters of letters, digits and a few signs, from the emulator's seed.
pub fn password(rng: &mut fastrand::Rng) -> String {
    const CHARS: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!@#$%";
    (0..12).map(|_| CHARS[rng.usize(..CHARS.len())] as char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_encrypted_for_a_new_key_decrypts_with_its_private_key_only() {
        let pair = generate().unwrap();
        assert!(pair.private_pem.starts_with("-----BEGIN RSA PRIVATE KEY-----"));
        assert_eq!(pair.fingerprint.len(), 47);
        let ct = encrypt(&pair.public_openssh, "s3cret!").unwrap();
        assert_eq!(decrypt(&pair.private_pem, &ct).as_deref(), Some("s3cret!"));
        let other = generate().unwrap();
        assert_eq!(decrypt(&other.private_pem, &ct), None);
        assert_eq!(decrypt("not a key", &ct), None);
        // The OpenSSH form reads back to the same key, and a private key gives the same pair.
        let again = from_private(&pair.private_pem).unwrap();
        assert_eq!(again.public_openssh, pair.public_openssh);
        assert_eq!(again.fingerprint, pair.fingerprint);
        assert!(read_openssh("ssh-dss AAAA").is_err());
        assert!(read_openssh("ssh-rsa AAAAB3NzaC1yc2EAAAADAQAB").is_err());
    }
}
