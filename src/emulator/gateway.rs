//! The API gateway's checks: the access key, the timestamp window and the signature (`signing.rs`) over
//! `METHOD path?query` as sent.

use super::shared::Shared;
use crate::signing;

pub const DEFAULT_ACCESS_KEY: &str = "ncloud-emulator-access-key";
pub const DEFAULT_SECRET_KEY: &str = "ncloud-emulator-secret-key";
/// The gateway rejects requests whose timestamp is further than this from its clock.
pub const TIMESTAMP_WINDOW_MS: i64 = 5 * 60 * 1000;

pub(super) fn authenticate(
    shared: &Shared,
    method: &str,
    target: &str,
    timestamp: Option<&str>,
    access_key: Option<&str>,
    signature: Option<&str>,
) -> std::result::Result<(), &'static str> {
    let (Some(ts), Some(ak), Some(sig)) = (timestamp, access_key, signature) else {
        return Err("missing authentication headers");
    };
    let Ok(ts_ms) = ts.parse::<i64>() else {
        return Err("invalid timestamp");
    };
    let now = shared.now_ms();
    if (now.saturating_sub(ts_ms)).unsigned_abs() > TIMESTAMP_WINDOW_MS as u64 {
        return Err("timestamp is outside the 5-minute window");
    }
    let Some(secret) = shared.secret_of(ak) else {
        return Err("unknown access key");
    };
    if !signing::verify(&secret, method, target, ts, ak, sig) {
        return Err("signature mismatch");
    }
    Ok(())
}
