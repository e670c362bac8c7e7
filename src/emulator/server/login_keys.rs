//! Classic login keys. `createLoginKey` answers the private key once (NCP keeps only the public key);
//! `importLoginKey` registers an OpenSSH public key; names are 3-30 letters, digits, `-` or `_`, and
//! unique (`10300`). A key named by no server or by some may be deleted alike: the servers keep their
//! encrypted passwords.

use crate::emulator::crypto;
use crate::emulator::handler::prelude::*;

/// The login key a launch uses: the one named (it must exist), else the newest.
pub fn chosen(state: &State, given: Option<&str>) -> Result<String, ApiFault> {
    let keys = &state.classic.login_keys;
    match given {
        Some(name) => keys
            .find(name, None)
            .map(|e| e.rec.no().to_string())
            .ok_or_else(|| faults::not_found(Kind::ClassicLoginKey, name)),
        None => keys
            .items
            .last()
            .map(|e| e.rec.no().to_string())
            .ok_or_else(|| faults::missing_param(&["loginKeyName".into()])),
    }
}

/// The OpenSSH public key of a login key, made on demand for a fixture's key that has none (from its
/// `privateKey` when the fixture gives one, else a new pair whose private key stays in the emulator).
pub fn public_key(state: &mut State, name: &str) -> Result<String, ApiFault> {
    let e = state.classic.login_keys.found_mut(name, None)?;
    if let Some(k) = &e.rec.public_key {
        return Ok(k.clone());
    }
    let (private, public) = match &e.rec.private_key {
        Some(pem) => (pem.clone(), crypto::public_of(pem)),
        None => match crypto::new_key(&mut state.rng) {
            Some(k) => (k.private_pem, Some(k.public_ssh)),
            None => (String::new(), None),
        },
    };
    let public = public.ok_or_else(|| {
        faults::invalid_param(&format!(
            "login key '{name}': the private key is not an RSA private key (PKCS#1 or PKCS#8 PEM)"
        ))
    })?;
    e.rec.public_key = Some(public.clone());
    e.rec.private_key = Some(private);
    e.rec.fingerprint = e.rec.fingerprint.clone().or_else(|| crypto::fingerprint(&public));
    Ok(public)
}

fn taken(state: &State, name: &str) -> Result<(), ApiFault> {
    match state.classic.login_keys.find(name, None) {
        Some(_) => Err(faults::name_in_use(name)),
        None => Ok(()),
    }
}

/// `createLoginKey`: answers the new key's private key (PKCS#1 PEM).
pub fn create_login_key(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let name = p.text("keyName");
    taken(cx.state, &name)?;
    let pair =
        crypto::new_key(&mut cx.state.rng).ok_or_else(|| faults::invalid_param("the key pair could not be made"))?;
    let key = ClassicLoginKey {
        key_name: Some(name),
        fingerprint: Some(pair.fingerprint),
        public_key: Some(pair.public_ssh),
        create_date: Some(cx.state.create_date()),
        private_key: None,
    };
    cx.state.classic.login_keys.push(Entry::new(key, cx.now));
    let mut f = Fields::new();
    f.insert("privateKey".into(), Value::from(pair.private_pem));
    Ok(f)
}

/// `importLoginKey`: an OpenSSH RSA public key (`ssh-rsa AAAA…`); anything else is `901`.
pub fn import_login_key(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let name = p.text("keyName");
    let text = p.str("publicKey").unwrap_or_default();
    let fingerprint = crypto::fingerprint(text.trim()).ok_or_else(|| {
        faults::invalid_param("'publicKey' must be an OpenSSH RSA public key (ssh-rsa AAAA...) of at most 4096 bits")
    })?;
    taken(cx.state, &name)?;
    let key = ClassicLoginKey {
        key_name: Some(name),
        fingerprint: Some(fingerprint),
        public_key: Some(text.trim().to_string()),
        create_date: Some(cx.state.create_date()),
        private_key: None,
    };
    let item = Value::Object(key.to_wire());
    cx.state.classic.login_keys.push(Entry::new(key, cx.now));
    one(cx.action, item)
}

/// `deleteLoginKey`
pub fn delete_login_key(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let name = p.str("keyName").unwrap_or_default();
    cx.state
        .classic
        .login_keys
        .remove(name, None)
        .ok_or_else(|| faults::not_found(Kind::ClassicLoginKey, name))?;
    Ok(Fields::new())
}
