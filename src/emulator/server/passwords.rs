//! Root passwords (`getRootPassword`, `getRootPasswordServerInstanceList`): NCP keeps a server's
//! initial root (administrator) password encrypted for its login key and answers it decrypted with
//! the private key the caller gives (the PEM text of the key file `createLoginKey` handed out). A key
//! that does not decrypt it is refused (`25041`, the emulator's own code).

use super::{common, login_keys};
use crate::emulator::crypto;
use crate::emulator::handler::prelude::*;

/// The password of one server, decrypted with `private_key`. A server launched before its key had key
/// material (a fixture's server) gets its password now, encrypted for the key's public key.
fn decrypt(state: &mut State, no: &str, private_key: &str) -> Result<String, ApiFault> {
    let e = common::server(state, no)?;
    let cipher = e.rec.encrypted_root_password.clone();
    let key_name = e.rec.login_key_name.clone().unwrap_or_default();
    let cipher = match cipher {
        Some(c) => c,
        None => {
            let public = login_keys::public_key(state, &key_name)?;
            let password = crypto::root_password(&mut state.rng);
            let c = crypto::encrypt(&public, &password, &mut state.rng).ok_or_else(|| faults::wrong_private_key(no))?;
            if let Some(e) = state.classic.servers.find_mut(no, None) {
                e.rec.encrypted_root_password = Some(c.clone());
            }
            c
        }
    };
    crypto::decrypt(private_key, &cipher).ok_or_else(|| faults::wrong_private_key(no))
}

/// `getRootPassword`
pub fn get_root_password(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let no = p.str("serverInstanceNo").unwrap_or_default();
    let password = decrypt(cx.state, no, p.str("privateKey").unwrap_or_default())?;
    let mut f = Fields::new();
    f.insert("totalRows".into(), Value::from(1));
    f.insert("rootPassword".into(), Value::from(password));
    Ok(f)
}

/// `getRootPasswordServerInstanceList`: each server with the private key given for it.
pub fn get_root_password_server_instance_list(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let mut items = Vec::new();
    for o in p.objects("rootPasswordServerInstanceList") {
        let no = o.str("serverInstanceNo").unwrap_or_default();
        let password = decrypt(cx.state, no, o.str("privateKey").unwrap_or_default())?;
        items.push(serde_json::json!({"serverInstanceNo": no, "rootPassword": password}));
    }
    cx.list(items)
}
