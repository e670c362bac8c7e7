//! What every connection of one emulator shares: its state behind one lock, its keys, its site and its clock
//! (the gateway checks requests with them, a call changes the state). Below the HTTP side, which makes
//! it, and the call and gateway, which use it.

use super::state::State;
use std::sync::{Mutex, MutexGuard};
use std::time::{SystemTime, UNIX_EPOCH};

pub struct Shared {
    pub(super) state: Mutex<State>,
    pub(super) access_key: String,
    pub(super) secret_key: String,
    /// More pairs accepted (`keys`, `setKeys`).
    pub(super) keys: std::sync::RwLock<Vec<(String, String)>>,
    /// The NCP site it plays.
    pub(super) site: crate::site::Site,
    pub(super) clock_offset_ms: std::sync::atomic::AtomicI64,
}

impl Shared {
    /// The secret key of an access key the gateway accepts.
    pub(super) fn secret_of(&self, access_key: &str) -> Option<String> {
        if access_key == self.access_key {
            return Some(self.secret_key.clone());
        }
        let keys = self.keys.read().unwrap_or_else(|p| p.into_inner());
        keys.iter().find(|(k, _)| k == access_key).map(|(_, s)| s.clone())
    }

    /// The emulator's (possibly shifted) clock, ms since the epoch.
    pub(super) fn now_ms(&self) -> i64 {
        let real = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis() as i64)
            .unwrap_or(0);
        real.saturating_add(self.clock_offset_ms.load(std::sync::atomic::Ordering::Relaxed))
    }
}

impl Shared {
    pub(super) fn lock(&self) -> MutexGuard<'_, State> {
        // A poisoned lock only means a handler panicked mid-request; the state is still usable.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }
}
