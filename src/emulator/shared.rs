//! What every connection of one emulator shares: its state behind one lock, its keys and its clock
//! (the gateway checks requests with them, a call changes the state). Below the HTTP side, which makes
//! it, and the call and gateway, which use it.

use super::state::State;
use std::sync::{Mutex, MutexGuard};
use std::time::{SystemTime, UNIX_EPOCH};

pub struct Shared {
    pub(super) state: Mutex<State>,
    pub(super) access_key: String,
    pub(super) secret_key: String,
    pub(super) clock_offset_ms: std::sync::atomic::AtomicI64,
}

impl Shared {
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
