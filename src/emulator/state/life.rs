//! The general mechanism behind every resource's life: a store of typed records, each with the plan of
//! what happens to it next. An operation puts a record in its first phase at once (`creating`,
//! `shutting down` ...) and queues the later ones, each after one of the emulator's timers
//! (`createDelayMs`, `deleteDelayMs`, `operationDelayMs`); a step may end the record (`gone`) or change
//! more than its status (`then`: block storage totals once an image is created). Nothing runs in the
//! background: [`Store::tick`] applies the steps that are due at the start of each request, from the
//! instant the previous step was due, so the timing does not depend on how often anyone asks, and a
//! timer changed by `configure` applies to the steps still waiting.

use super::Settings;
use crate::emulator::model::ToWire;
use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};
use std::collections::VecDeque;
use std::time::{Duration, Instant};

/// Which of the emulator's timers a step waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delay {
    /// `createDelayMs`: creations (servers, images, storage, snapshots ...).
    Create,
    /// `deleteDelayMs`: deletions and terminations (the record is `terminating` meanwhile).
    Delete,
    /// `operationDelayMs` (default: `createDelayMs`): start, stop, reboot, attach, detach, changes.
    Operation,
}

impl Delay {
    pub fn of(self, s: &Settings) -> Duration {
        Duration::from_millis(match self {
            Delay::Create => s.create_delay_ms,
            Delay::Delete => s.delete_delay_ms,
            Delay::Operation => s.operation_delay_ms.unwrap_or(s.create_delay_ms),
        })
    }
}

/// What a record's status fields say at one point of its life: the status code, the operation code
/// and the status name, each left as it is when `None` (a deletion keeps the status; resources with a
/// status only have no operation nor name). Code names come from the record's kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Phase {
    pub status: Option<&'static str>,
    pub operation: Option<&'static str>,
    pub name: Option<&'static str>,
}

impl Phase {
    /// Status, operation and status name.
    pub const fn new(status: &'static str, operation: &'static str, name: &'static str) -> Phase {
        Phase {
            status: Some(status),
            operation: Some(operation),
            name: Some(name),
        }
    }
    /// An operation that leaves the status as it is.
    pub const fn op(operation: &'static str, name: &'static str) -> Phase {
        Phase {
            status: None,
            operation: Some(operation),
            name: Some(name),
        }
    }
    /// A status alone (resources without operation codes: VPCs, subnets, network interfaces ...).
    pub const fn status(status: &'static str) -> Phase {
        Phase {
            status: Some(status),
            operation: None,
            name: None,
        }
    }
}

/// A change made by a step besides its phase.
pub type Effect<T> = Box<dyn FnOnce(&mut T) + Send>;

/// Where a step takes the record.
pub enum To {
    Phase(Phase),
    /// The record is gone (terminated, deleted): answers no longer show it.
    Gone,
}

/// One later step of a record's plan.
pub struct Step<T> {
    pub after: Delay,
    pub to: To,
    pub then: Option<Effect<T>>,
}

impl<T> Step<T> {
    pub fn to(after: Delay, phase: Phase) -> Step<T> {
        Step {
            after,
            to: To::Phase(phase),
            then: None,
        }
    }
    pub fn gone(after: Delay) -> Step<T> {
        Step {
            after,
            to: To::Gone,
            then: None,
        }
    }
    /// The same step, also applying `f` to the record.
    pub fn then(mut self, f: impl FnOnce(&mut T) + Send + 'static) -> Step<T> {
        self.then = Some(Box::new(f));
        self
    }
}

impl<T> std::fmt::Debug for Step<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let to = match &self.to {
            To::Phase(p) => format!("{p:?}"),
            To::Gone => "gone".into(),
        };
        write!(
            f,
            "Step({:?} -> {to}{})",
            self.after,
            if self.then.is_some() { " +then" } else { "" }
        )
    }
}

/// An operation: the phase the record takes at once, and the steps that follow.
pub struct Plan<T> {
    pub now: Phase,
    pub later: Vec<Step<T>>,
}

impl<T> Plan<T> {
    pub fn new(now: Phase, later: Vec<Step<T>>) -> Plan<T> {
        Plan { now, later }
    }
}

/// A record of a kind (`[kinds.*]`): its wire form and the region it says it belongs to.
pub trait Record: ToWire {
    /// Labels and code names of its kind.
    const KIND: crate::emulator::model::Kind;
    /// The region it says it belongs to (VPC `regionCode`, Classic `region.regionNo`), if it says one.
    fn region(&self) -> Option<&str>;
}

/// A record the emulator keeps in a store: its number and its status fields.
pub trait Resource: Record {
    /// Its number (`serverInstanceNo` ...), or its name where the API has no number (login keys).
    fn no(&self) -> &str;
    /// The status code ("" for resources without one).
    fn status(&self) -> &str;
    /// The operation code ("" for resources without one).
    fn operation(&self) -> &str;
    /// The status name ("" for resources without one).
    fn status_name(&self) -> &str;
    /// Writes a phase into the record's own fields, with its kind's code names.
    fn set_phase(&mut self, p: &Phase);
}

/// A record as a look-up reads it: the region its entry belongs to, and its wire form.
pub type Row<'a> = (Option<&'a str>, Map<String, Value>);

/// Records as a look-up reads them.
pub trait Rows {
    fn rows(&self) -> Vec<Row<'_>>;
}

impl<T: Resource> Rows for Store<T> {
    fn rows(&self) -> Vec<Row<'_>> {
        self.items
            .iter()
            .map(|e| (e.region.as_deref(), e.rec.to_wire()))
            .collect()
    }
}

impl<T: Record> Rows for Vec<T> {
    fn rows(&self) -> Vec<Row<'_>> {
        self.iter().map(|r| (r.region(), r.to_wire())).collect()
    }
}

/// One kept record with its plan.
#[derive(Debug)]
pub struct Entry<T> {
    pub rec: T,
    /// VPC region code or Classic region number; `None`: every region.
    pub region: Option<String>,
    /// When the current phase began (the next step's delay counts from here).
    pub since: Instant,
    pub plan: VecDeque<Step<T>>,
}

impl<T: Resource> Entry<T> {
    /// A record at rest in its region (as read from a fixture, or just made by a handler).
    pub fn new(rec: T, now: Instant) -> Entry<T> {
        let region = rec.region().map(str::to_string);
        Entry {
            rec,
            region,
            since: now,
            plan: VecDeque::new(),
        }
    }

    /// Starts an operation: the record takes `phase` now and the steps later (the steps of an
    /// operation still running are dropped: a deletion overrides a creation).
    pub fn start(&mut self, now: Instant, phase: Phase, steps: Vec<Step<T>>) {
        self.rec.set_phase(&phase);
        self.since = now;
        self.plan = steps.into();
    }

    /// Runs an operation ([`Entry::start`] with a [`Plan`]).
    pub fn run(&mut self, now: Instant, plan: Plan<T>) {
        self.start(now, plan.now, plan.later);
    }

    /// An operation is still running on it (NCP refuses most others meanwhile).
    pub fn busy(&self) -> bool {
        !self.plan.is_empty()
    }

    /// It is being deleted or terminated.
    pub fn terminating(&self) -> bool {
        self.plan.iter().any(|s| matches!(s.to, To::Gone))
    }

    pub fn in_region(&self, region: &str) -> bool {
        self.region.as_deref().is_none_or(|r| r == region)
    }

    /// Applies every step due by `now`; `false` when the record is gone.
    pub fn advance(&mut self, now: Instant, settings: &Settings) -> bool {
        while let Some(step) = self.plan.front() {
            let due = self.since + step.after.of(settings);
            if due > now {
                break;
            }
            let Some(step) = self.plan.pop_front() else { break };
            self.since = due;
            match step.to {
                To::Gone => return false,
                To::Phase(p) => self.rec.set_phase(&p),
            }
            if let Some(f) = step.then {
                f(&mut self.rec);
            }
        }
        true
    }

    /// The record's wire form.
    pub fn wire(&self) -> serde_json::Value {
        serde_json::Value::Object(self.rec.to_wire())
    }
}

/// The records of one kind, in the order they were made. Read from a fixture as a plain list of
/// records (each at rest).
#[derive(Debug)]
pub struct Store<T> {
    pub items: Vec<Entry<T>>,
}

impl<T> Default for Store<T> {
    fn default() -> Self {
        Store { items: Vec::new() }
    }
}

impl<'de, T: Resource + Deserialize<'de>> Deserialize<'de> for Store<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let now = Instant::now();
        let recs = Vec::<T>::deserialize(d)?;
        Ok(Store {
            items: recs.into_iter().map(|r| Entry::new(r, now)).collect(),
        })
    }
}

impl<T: Resource> Store<T> {
    /// Keeps a new record and gives it back (to start its first operation).
    pub fn push(&mut self, entry: Entry<T>) -> &mut Entry<T> {
        self.items.push(entry);
        let last = self.items.len() - 1;
        &mut self.items[last]
    }

    pub fn iter(&self) -> impl Iterator<Item = &Entry<T>> {
        self.items.iter()
    }

    /// The records of a region (records without a region belong to every region).
    pub fn in_region<'a>(&'a self, region: &'a str) -> impl Iterator<Item = &'a Entry<T>> + 'a {
        self.items.iter().filter(move |e| e.in_region(region))
    }

    /// The position of a record by number, within a region when one is given.
    pub fn position(&self, no: &str, region: Option<&str>) -> Option<usize> {
        self.items
            .iter()
            .position(|e| e.rec.no() == no && region.is_none_or(|r| e.in_region(r)))
    }

    pub fn find(&self, no: &str, region: Option<&str>) -> Option<&Entry<T>> {
        self.position(no, region).map(|i| &self.items[i])
    }

    pub fn find_mut(&mut self, no: &str, region: Option<&str>) -> Option<&mut Entry<T>> {
        self.position(no, region).map(|i| &mut self.items[i])
    }

    /// Forgets a record at once (resources without a life: login keys, init scripts ...).
    pub fn remove(&mut self, no: &str, region: Option<&str>) -> Option<T> {
        self.position(no, region).map(|i| self.items.remove(i).rec)
    }

    /// Applies every step due by `now` and drops the records that are gone.
    pub fn tick(&mut self, now: Instant, settings: &Settings) {
        if self.items.iter().any(Entry::busy) {
            self.items.retain_mut(|e| e.advance(now, settings));
        }
    }
}
