//! VPC login keys. NCP's reference: a key name of 3 to 30 letters, digits, `-` or `_`, unique in the
//! account; `createLoginKey` makes an RSA key pair and answers the private key once (NCP keeps only
//! the public key); `importLoginKey` registers an OpenSSH RSA public key. The keys are read and made
//! by [`crate::emulator::crypto`], which the Classic handlers share.

use crate::emulator::crypto;
use crate::emulator::handler::prelude::*;

fn keys(s: &State) -> &Store<LoginKey> {
    &s.vpc.login_keys
}

fn taken(state: &State, name: &str) -> Result<(), ApiFault> {
    if keys(state).find(name, None).is_some() {
        return Err(faults::name_in_use(name));
    }
    Ok(())
}

/// `importLoginKey`: an OpenSSH RSA public key (`ssh-rsa AAAA...`).
pub fn import_login_key(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let name = p.text("keyName");
    let state = &mut *cx.state;
    taken(state, &name)?;
    let public = p.str("publicKey").unwrap_or_default().trim().to_string();
    let fingerprint = crypto::fingerprint(&public).ok_or_else(|| {
        faults::invalid_param("'publicKey' must be an OpenSSH RSA public key (ssh-rsa AAAA...) of at most 4096 bits")
    })?;
    let key = LoginKey {
        key_name: Some(name),
        fingerprint: Some(fingerprint),
        public_key: Some(public),
        create_date: Some(state.create_date()),
        private_key: None,
    };
    one(cx.action, state.vpc.login_keys.push(Entry::new(key, cx.now)).wire())
}

/// `createLoginKey`: a new 2048-bit RSA key pair; the answer carries its private key (PKCS#1 PEM),
/// which NCP never shows again: only the public key is kept.
pub fn create_login_key(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let state = &mut *cx.state;
    let name = p
        .str("keyName")
        .map_or_else(|| format!("key-{}", state.next_id()), str::to_string);
    taken(state, &name)?;
    let made = crypto::new_key(&mut state.rng)
        .ok_or_else(|| faults::unsupported("The key pair could not be made; try again."))?;
    let key = LoginKey {
        key_name: Some(name.clone()),
        fingerprint: Some(made.fingerprint),
        public_key: Some(made.public_ssh),
        create_date: Some(state.create_date()),
        private_key: None,
    };
    state.vpc.login_keys.push(Entry::new(key, cx.now));
    let mut f = Fields::new();
    f.insert("totalRows".into(), Value::from(1));
    f.insert("keyName".into(), Value::from(name));
    f.insert("privateKey".into(), Value::from(made.private_pem));
    Ok(f)
}

/// `deleteLoginKeys`: every key must exist, and none may be the key of a server that is not
/// terminated (NCP: "authentication keys assigned to a server instance cannot be deleted"; `10407`,
/// the code NCP's Classic `deleteLoginKey` reference publishes). All or nothing.
pub fn delete_login_keys(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let names = p.list("keyNameList");
    let state = &mut *cx.state;
    for name in &names {
        keys(state)
            .find(name, None)
            .ok_or_else(|| faults::not_found(Kind::LoginKey, name))?;
        let user = state
            .vpc
            .servers
            .iter()
            .map(|e| &e.rec)
            .find(|v| is(&v.login_key_name, name) && v.status() != "TERMT");
        if let Some(v) = user {
            return Err(faults::login_key_in_use(
                name,
                v.server_instance_no.as_deref().unwrap_or_default(),
            ));
        }
    }
    for name in &names {
        state.vpc.login_keys.remove(name, None);
    }
    let mut f = Fields::new();
    f.insert("totalRows".into(), Value::from(names.len()));
    Ok(f)
}

/// The public key a server's password is sealed with (its login key's), if the key is known.
pub fn public_key(state: &State, name: &str) -> Option<String> {
    let k = keys(state).find(name, None)?;
    k.rec
        .public_key
        .clone()
        .or_else(|| k.rec.private_key.as_deref().and_then(crypto::public_of))
}

/// A login key to launch with: it must exist.
pub fn check(state: &State, name: &str) -> Result<(), ApiFault> {
    keys(state)
        .find(name, None)
        .map(|_| ())
        .ok_or_else(|| faults::not_found(Kind::LoginKey, name))
}
