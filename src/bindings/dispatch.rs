//! How calls reach the runtime: in batches. Spawning a task from outside the runtime wakes one of its
//! threads (a system call) for every call; the calls a JavaScript thread starts in one go (every
//! continuation of a batch of answers starts its next call) are instead queued here and spawned by
//! one task, so that a burst of calls costs one wake-up, and the tasks start on a runtime thread.

use super::client::Call;
use super::handover::Settle;
use crate::transport::request::PARTS;
use crate::wire::PartSink;
use std::cell::RefCell;
use std::panic::AssertUnwindSafe;
use std::sync::{LazyLock, Mutex, MutexGuard};

struct Queue {
    calls: Vec<(Call, Settle)>,
    /// A task that will take the queued calls is on its way.
    scheduled: bool,
}

fn queue() -> MutexGuard<'static, Queue> {
    static QUEUE: LazyLock<Mutex<Queue>> = LazyLock::new(|| {
        Mutex::new(Queue {
            calls: Vec::new(),
            scheduled: false,
        })
    });
    QUEUE.lock().unwrap_or_else(|p| p.into_inner())
}

/// Starts `call`, whose promise `settle` settles.
pub fn start(call: Call, settle: Settle) {
    let mut q = queue();
    q.calls.push((call, settle));
    if q.scheduled {
        return;
    }
    q.scheduled = true;
    drop(q);
    let spawned = std::panic::catch_unwind(AssertUnwindSafe(|| napi::bindgen_prelude::spawn(spawn_queued())));
    if spawned.is_err() {
        // No runtime (the process is ending): the calls are dropped, which rejects their promises.
        let mut q = queue();
        q.scheduled = false;
        let calls = std::mem::take(&mut q.calls);
        drop(q);
        drop(calls);
    }
}

/// On the runtime: spawns every queued call as a task of its own, until the queue stays empty.
async fn spawn_queued() {
    let mut guard = Dropped(true);
    loop {
        let calls = {
            let mut q = queue();
            if q.calls.is_empty() {
                q.scheduled = false;
                guard.0 = false;
                return;
            }
            std::mem::take(&mut q.calls)
        };
        for (call, settle) in calls {
            // The call's (large) future is made here, on a runtime thread, in its task's own allocation.
            if call.trace {
                tokio::spawn(async move { settle.settle(call.run().await) });
            } else {
                // A long list goes to the JavaScript thread in parts as it is decoded (`parts`).
                let sink: Box<dyn PartSink + Send> = Box::new(settle.part_sink());
                tokio::spawn(async move {
                    let outcome = PARTS.scope(RefCell::new(sink), call.run()).await;
                    settle.settle(outcome)
                });
            }
        }
    }
}

/// Dropped before it ran (a runtime shutting down): the queue takes a new task next time, and the
/// calls queued now are dropped, which rejects their promises rather than leave them pending.
struct Dropped(bool);

impl Drop for Dropped {
    fn drop(&mut self) {
        if self.0 {
            let mut q = queue();
            q.scheduled = false;
            let calls = std::mem::take(&mut q.calls);
            drop(q);
            drop(calls);
        }
    }
}
