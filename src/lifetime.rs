//! What one Node environment (the main thread, or a worker thread) owns in the core: its clients and
//! its emulators, closed when that environment is torn down (the worker ends or is terminated, the
//! process exits), so that the calls of a terminated worker release their connections at once instead
//! of at their own deadline, and its emulators stop listening.
//!
//! The core runs on one tokio runtime shared by every environment, outside Node's event loop: nothing
//! here keeps a process alive. Clients are held weakly (a client dropped by JavaScript goes away as
//! before); emulators strongly, as a running emulator lives until `close()` or the end of its
//! environment, whether or not JavaScript keeps its object.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex, MutexGuard, Weak};

/// Something an environment closes when it ends.
pub trait Closable: Send + Sync {
    fn close_now(&self);
    fn is_closed(&self) -> bool;
}

enum Held {
    Weak(Weak<dyn Closable>),
    Strong(Arc<dyn Closable>),
}

impl Held {
    fn live(&self) -> Option<Arc<dyn Closable>> {
        let item = match self {
            Held::Weak(w) => w.upgrade()?,
            Held::Strong(s) => s.clone(),
        };
        (!item.is_closed()).then_some(item)
    }
}

#[derive(Default)]
struct Owned {
    items: Vec<Held>,
    /// The list is pruned of closed and dropped items when it reaches this length.
    prune_at: usize,
}

/// An environment, by its `napi_env` address (removed from the table when the environment ends, so
/// an address reused later starts afresh).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct EnvKey(usize);

fn table() -> MutexGuard<'static, HashMap<EnvKey, Owned>> {
    static TABLE: LazyLock<Mutex<HashMap<EnvKey, Owned>>> = LazyLock::new(Mutex::default);
    TABLE.lock().unwrap_or_else(|p| p.into_inner())
}

/// The key of `env`, registering its clean-up hook the first time it is seen.
pub fn enter(env: &napi::Env) -> EnvKey {
    let key = EnvKey(env.raw() as usize);
    let fresh = {
        let mut t = table();
        let fresh = !t.contains_key(&key);
        t.entry(key).or_insert_with(|| Owned {
            items: Vec::new(),
            prune_at: 64,
        });
        fresh
    };
    if fresh && env.add_env_cleanup_hook(key, teardown).is_err() {
        // Without a hook nothing would ever close this environment's items: keep none of them.
        table().remove(&key);
    }
    key
}

/// Closes what the environment owns (its clean-up hook).
fn teardown(key: EnvKey) {
    let owned = table().remove(&key);
    for item in owned.into_iter().flat_map(|o| o.items) {
        if let Some(live) = item.live() {
            live.close_now();
        }
    }
}

fn keep(key: EnvKey, item: Held) {
    let mut t = table();
    let Some(owned) = t.get_mut(&key) else {
        // The environment has already ended (a worker terminated while this was being made).
        drop(t);
        if let Some(live) = item.live() {
            live.close_now();
        }
        return;
    };
    if owned.items.len() >= owned.prune_at {
        owned.items.retain(|h| h.live().is_some());
        owned.prune_at = (owned.items.len() * 2).max(64);
    }
    owned.items.push(item);
}

/// A client of `key`'s environment, closed when it ends (held weakly).
pub fn keep_weak(key: EnvKey, item: Weak<dyn Closable>) {
    keep(key, Held::Weak(item));
}

/// An emulator of `key`'s environment, kept until it is closed or the environment ends.
pub fn keep_strong(key: EnvKey, item: Arc<dyn Closable>) {
    keep(key, Held::Strong(item));
}

/// How many live items an environment holds, for the tests.
pub fn held(key: EnvKey) -> usize {
    table()
        .get(&key)
        .map_or(0, |o| o.items.iter().filter(|h| h.live().is_some()).count())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, Ordering};

    #[derive(Default)]
    struct Thing(AtomicBool);
    impl Closable for Thing {
        fn close_now(&self) {
            self.0.store(true, Ordering::SeqCst);
        }
        fn is_closed(&self) -> bool {
            self.0.load(Ordering::SeqCst)
        }
    }

    #[test]
    fn teardown_closes_what_is_still_there_and_pruning_bounds_the_list() {
        let key = EnvKey(usize::MAX - 7);
        table().insert(
            key,
            Owned {
                items: Vec::new(),
                prune_at: 64,
            },
        );
        let kept: Arc<Thing> = Arc::default();
        let strong: Arc<Thing> = Arc::default();
        keep_weak(key, Arc::downgrade(&kept) as Weak<dyn Closable>);
        keep_strong(key, strong.clone());
        for _ in 0..1000 {
            let dropped: Arc<Thing> = Arc::default();
            keep_weak(key, Arc::downgrade(&dropped) as Weak<dyn Closable>);
        }
        assert!(
            table().get(&key).map_or(0, |o| o.items.len()) < 200,
            "dropped clients are pruned"
        );
        assert_eq!(held(key), 2);
        teardown(key);
        assert!(kept.is_closed() && strong.is_closed());
        // After the end of the environment, a new item is closed at once.
        let late: Arc<Thing> = Arc::default();
        keep_strong(key, late.clone());
        assert!(late.is_closed());
    }
}
