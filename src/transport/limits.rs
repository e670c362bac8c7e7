//! A client's bounds: how many connections it uses at once (`maxSockets`), how many bytes its answers
//! in flight may hold together (`maxBufferedBytes`), and its closed state (`client.close()`, or the end
//! of the Node environment — main thread or worker — that created it).

use crate::error::{Error, ErrorCode};
use std::sync::Arc;
use tokio::sync::{watch, OwnedSemaphorePermit, Semaphore};

/// At most `max` requests of a client in flight at once, so at most `max` connections in use (HTTP/1.1:
/// one request per connection); calls beyond it wait their turn.
#[derive(Debug)]
pub struct ConnectionLimit {
    slots: Arc<Semaphore>,
    max: usize,
}

impl ConnectionLimit {
    pub fn new(max: usize) -> Self {
        let max = max.clamp(1, Semaphore::MAX_PERMITS);
        ConnectionLimit {
            slots: Arc::new(Semaphore::new(max)),
            max,
        }
    }

    pub fn max(&self) -> usize {
        self.max
    }

    /// A slot for one attempt, waiting for one to free up; the caller bounds the wait by its deadline.
    pub async fn acquire(&self) -> Result<OwnedSemaphorePermit, Error> {
        self.slots.clone().acquire_owned().await.map_err(|_| closed_error())
    }

    /// A slot at once, when one is free (no waiting, no timer).
    pub fn try_acquire(&self) -> Option<OwnedSemaphorePermit> {
        self.slots.clone().try_acquire_owned().ok()
    }

    /// Slots in use (requests in flight).
    pub fn in_use(&self) -> usize {
        self.max - self.slots.available_permits()
    }
}

/// The bytes all answers of a client in flight hold, bounded by `maxBufferedBytes`. A body of known
/// length reserves it all before reading (waiting, holding nothing, while other answers hold the
/// budget); a body of unknown length reserves chunk by chunk, and fails at once when the budget is
/// spent (waiting while holding part of it could leave every reader waiting for the others).
#[derive(Debug)]
pub struct BufferBudget {
    bytes: Arc<Semaphore>,
    max: u64,
}

/// Bytes reserved by one answer, released when it is dropped.
#[derive(Debug, Default)]
pub struct Reserved {
    permits: Option<OwnedSemaphorePermit>,
}

impl Reserved {
    pub fn bytes(&self) -> usize {
        self.permits.as_ref().map_or(0, |p| p.num_permits())
    }
    fn add(&mut self, p: OwnedSemaphorePermit) {
        match &mut self.permits {
            Some(held) => held.merge(p),
            None => self.permits = Some(p),
        }
    }
}

/// Why a reservation failed.
#[derive(Debug, PartialEq, Eq)]
pub enum BudgetError {
    /// Larger than the whole budget: it can never fit.
    TooLarge,
    /// The budget is spent by other answers in flight.
    Spent,
}

impl BufferBudget {
    pub fn new(max: u64) -> Self {
        // Permits are counted in bytes; a semaphore holds at most MAX_PERMITS, and one acquisition
        // at most u32::MAX.
        let max = max.clamp(1, Semaphore::MAX_PERMITS as u64);
        BufferBudget {
            bytes: Arc::new(Semaphore::new(max as usize)),
            max,
        }
    }

    pub fn max(&self) -> u64 {
        self.max
    }

    /// Reserves `n` more bytes for `held`: waits while `held` holds nothing, fails at once otherwise.
    pub async fn reserve(&self, held: &mut Reserved, n: u64) -> Result<(), BudgetError> {
        if n == 0 {
            return Ok(());
        }
        let total = n.saturating_add(held.bytes() as u64);
        let Ok(n32) = u32::try_from(n) else {
            return Err(BudgetError::TooLarge);
        };
        if total > self.max {
            return Err(BudgetError::TooLarge);
        }
        let permit = if held.bytes() == 0 {
            self.bytes
                .clone()
                .acquire_many_owned(n32)
                .await
                .map_err(|_| BudgetError::Spent)?
        } else {
            self.bytes
                .clone()
                .try_acquire_many_owned(n32)
                .map_err(|_| BudgetError::Spent)?
        };
        held.add(permit);
        Ok(())
    }

    /// Bytes held by answers in flight.
    pub fn in_use(&self) -> u64 {
        self.max - self.bytes.available_permits() as u64
    }
}

/// The closed state of a client: set once, seen by every call in flight.
#[derive(Debug)]
pub struct Closer {
    tx: watch::Sender<bool>,
}

impl Default for Closer {
    fn default() -> Self {
        Closer {
            tx: watch::channel(false).0,
        }
    }
}

impl Closer {
    pub fn close(&self) {
        self.tx.send_replace(true);
    }

    pub fn is_closed(&self) -> bool {
        *self.tx.borrow()
    }

    /// Resolves once the client is closed.
    pub async fn closed(&self) {
        let mut rx = self.tx.subscribe();
        // The sender lives as long as `self`, so this only ends when the value turns true.
        let _ = rx.wait_for(|v| *v).await;
    }
}

/// The error of a call made on (or cut short by) a closed client.
pub fn closed_error() -> Error {
    Error::new(
        ErrorCode::ClientClosed,
        "the client is closed (client.close(), or the end of the thread that created it): nothing was sent",
    )
}

/// The error of a call cut short while in flight by `close()`.
pub fn closed_in_flight_error() -> Error {
    Error::new(
        ErrorCode::ClientClosed,
        "the client was closed while the call was in flight (client.close(), or the end of the thread that created it)",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_budget_waits_only_while_holding_nothing() {
        let budget = BufferBudget::new(100);
        let mut a = Reserved::default();
        budget.reserve(&mut a, 60).await.unwrap();
        let mut b = Reserved::default();
        budget.reserve(&mut b, 30).await.unwrap();
        // b holds some: it fails at once instead of waiting.
        assert_eq!(budget.reserve(&mut b, 20).await, Err(BudgetError::Spent));
        assert_eq!(budget.reserve(&mut b, 200).await, Err(BudgetError::TooLarge));
        assert_eq!(budget.in_use(), 90);
        // c holds nothing: it waits until a is done.
        let mut c = Reserved::default();
        {
            let waiting = budget.reserve(&mut c, 50);
            tokio::pin!(waiting);
            assert!(futures::FutureExt::now_or_never(waiting.as_mut()).is_none());
            drop(a);
            waiting.await.unwrap();
        }
        assert_eq!(budget.in_use(), 80);
        drop((b, c));
        assert_eq!(budget.in_use(), 0);
    }

    #[tokio::test]
    async fn closing_is_seen_by_waiters() {
        let closer = Arc::new(Closer::default());
        assert!(!closer.is_closed());
        let c2 = closer.clone();
        let waiter = tokio::spawn(async move { c2.closed().await });
        closer.close();
        waiter.await.unwrap();
        assert!(closer.is_closed());
        // Already closed: resolves at once.
        closer.closed().await;
    }
}
