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

use crate::emulator::faults::{self, ApiFault};
pub use crate::emulator::model::{Delay, Phase};
use crate::emulator::model::{From, Life, Next, Transition};

/// How long a step of each timer takes with these settings.
pub fn delay_of(d: Delay, s: &Settings) -> Duration {
    Duration::from_millis(match d {
        Delay::Create => s.create_delay_ms,
        Delay::Delete => s.delete_delay_ms,
        Delay::Operation => s.operation_delay_ms.unwrap_or(s.create_delay_ms),
    })
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
}

/// A change made by a step besides its phase.
pub type Effect<T> = Box<dyn FnOnce(&mut T) + Send>;

/// What a step changes besides its phase: code a handler gave (`Run`), or the same change as data,
/// fields set on the record's wire form (`Set`, `null` removing one), which a snapshot can keep
/// (`super::snapshot` turns the one into the other).
pub enum Then<T> {
    Run(Effect<T>),
    Set(Map<String, Value>),
}

impl<T: Record> Then<T> {
    pub fn apply(self, rec: &mut T) {
        match self {
            Then::Run(f) => f(rec),
            Then::Set(fields) => set_fields(rec, &fields),
        }
    }
}

/// Sets fields of a record through its wire form (`null` removes one); a value the record cannot
/// hold leaves it as it was.
pub fn set_fields<T: Record>(rec: &mut T, fields: &Map<String, Value>) {
    let mut wire = rec.to_wire();
    for (k, v) in fields {
        match v {
            Value::Null => wire.remove(k),
            v => wire.insert(k.clone(), v.clone()),
        };
    }
    if let Ok(changed) = serde_json::from_value(Value::Object(wire)) {
        *rec = changed;
    }
}

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
    pub then: Option<Then<T>>,
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
        self.then = Some(Then::Run(Box::new(f)));
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

/// The life cycle of a kind, as the model declares it.
pub fn life_of<T: Record>() -> Option<&'static Life> {
    T::KIND.facts().life
}

/// A record of a kind (`[kinds.*]`): its wire form (read back from it: fixtures, snapshots) and the
/// region it says it belongs to.
pub trait Record: ToWire + Clone + serde::de::DeserializeOwned {
    /// Labels and code names of its kind.
    const KIND: crate::emulator::model::Kind;
    /// The region it says it belongs to (VPC `regionCode`, Classic `region.regionNo`), if it says one.
    fn region(&self) -> Option<&str>;
}

/// A record the emulator keeps in a store: its number and its status fields.
pub trait Resource: Record {
    /// Its number (`serverInstanceNo` ...), or its name where the API has no number (login keys).
    fn no(&self) -> &str;
    /// Its name, as its kind declares it ("" for kinds without one).
    fn name(&self) -> &str;
    /// The status code ("" for resources without one).
    fn status(&self) -> &str;
    /// The operation code ("" for resources without one).
    fn operation(&self) -> &str;
    /// The status name ("" for resources without one).
    fn status_name(&self) -> &str;
    /// Writes a phase into the record's own fields, with its kind's code names.
    fn set_phase(&mut self, p: &Phase);
}

/// A kind kept in one store of the state (generated for each such kind): its records found by type.
pub trait Stored: Resource + Sized {
    fn store(s: &super::State) -> &Store<Self>;
    fn store_mut(s: &mut super::State) -> &mut Store<Self>;
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

    /// Starts the transition `name` (an action of the model, or `action#variant`) of the record's
    /// kind's life: its first phase now, the later ones on the emulator's timers (a deletion overrides
    /// a creation still running). The transition's own state rule is checked by [`Entry::permit`].
    pub fn begin(&mut self, now: Instant, name: &str) -> &mut Self {
        let Some(t) = life_of::<T>().and_then(|l| l.transition(name)) else {
            debug_assert!(false, "{}: no transition '{name}' in the model", T::KIND.label());
            return self;
        };
        let back = self.rest_phase();
        if let Some(p) = &t.now {
            self.rec.set_phase(p);
        }
        self.since = now;
        self.plan = t
            .later
            .iter()
            .map(|(after, next)| match next {
                Next::To(p) => Step::to(*after, *p),
                Next::Back => Step::to(*after, back),
                Next::Gone => Step::gone(*after),
            })
            .collect();
        self
    }

    /// Resumes a creation a fixture gives under way: the later steps of transition `name`, counted
    /// from `now`, the record's fields left as the fixture has them.
    pub fn resume(&mut self, now: Instant, name: &str) -> &mut Self {
        let fields = self.rec.clone();
        self.begin(now, name);
        self.rec = fields;
        self
    }

    /// Adds `f` to the last step of the plan just begun (applied at once when nothing waits): what
    /// changes besides the status fields once the transition is done.
    pub fn then(&mut self, f: impl FnOnce(&mut T) + Send + 'static) -> &mut Self {
        match self.plan.back_mut() {
            Some(step) => step.then = Some(Then::Run(Box::new(f))),
            None => f(&mut self.rec),
        }
        self
    }

    /// The declared phase the record rests in now (what `back` returns to).
    fn rest_phase(&self) -> Phase {
        let status = self.rec.status();
        life_of::<T>()
            .and_then(|l| {
                l.phases
                    .iter()
                    .map(|(_, p)| p)
                    .find(|p| p.status == Some(status) && p.operation.is_none_or(|o| o == "NULL"))
            })
            .copied()
            .unwrap_or(Phase {
                status: None,
                operation: None,
                name: None,
            })
    }

    /// Whether `action` may act on the record now, as its kind's life says: a record at rest in a
    /// state one of the action's transitions starts from (any state for an `any` transition). An
    /// action the life names nothing for, or a record that states no status (a fixture's), needs the
    /// record at rest only.
    pub fn permits(&self, action: &str) -> bool {
        let mut ts = life_of::<T>().into_iter().flat_map(|l| l.of_action(action)).peekable();
        if ts.peek().is_none() || self.rec.status().is_empty() {
            return !self.busy() || ts.any(|t| t.from == From::Any);
        }
        ts.any(|t: &Transition| match t.from {
            From::New => false,
            From::Any => true,
            From::States(codes) => !self.busy() && codes.contains(&self.rec.status()),
        })
    }

    /// [`Entry::permits`], or the kind's refusal (`25013`, or the kind's `busy` code).
    pub fn permit(&self, action: &str) -> Result<(), ApiFault> {
        match self.permits(action) {
            true => Ok(()),
            false => Err(faults::not_now(T::KIND, self.rec.no(), self.phase())),
        }
    }

    /// What the record is doing, for a refusal: its status name, or its status code for the kinds
    /// without one.
    pub fn phase(&self) -> &str {
        match self.rec.status_name() {
            "" => self.rec.status(),
            name => name,
        }
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
            let due = self.since + delay_of(step.after, settings);
            if due > now {
                break;
            }
            let Some(step) = self.plan.pop_front() else { break };
            self.since = due;
            match step.to {
                To::Gone => return false,
                To::Phase(p) => self.rec.set_phase(&p),
            }
            if let Some(then) = step.then {
                then.apply(&mut self.rec);
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

impl<'de, T: Resource> Deserialize<'de> for Store<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let now = Instant::now();
        let recs = Vec::<T>::deserialize(d)?;
        Ok(Store {
            items: recs.into_iter().map(|r| Entry::new(r, now)).collect(),
        })
    }
}

impl<T: Resource> Store<T> {
    /// Keeps a new record, starts its creation (transition `name`) and applies what is due at once
    /// (every step when the timers are 0): the record as the answer shows it.
    pub fn create(&mut self, rec: T, now: Instant, name: &str, settings: &Settings) -> &mut Entry<T> {
        let e = self.push(Entry::new(rec, now));
        e.begin(now, name);
        e.advance(now, settings);
        e
    }

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
    /// The records of `region` a list of numbers names (every one of them when the list is empty).
    pub fn listed<'a>(&'a self, region: &'a str, nos: &'a [String]) -> impl Iterator<Item = &'a T> + 'a {
        self.in_region(region)
            .map(|e| &e.rec)
            .filter(move |r| nos.is_empty() || nos.iter().any(|n| n == r.no()))
    }

    pub fn position(&self, no: &str, region: Option<&str>) -> Option<usize> {
        self.items
            .iter()
            .position(|e| e.rec.no() == no && region.is_none_or(|r| e.in_region(r)))
    }

    /// The record `no` (in `region`, when given), or its kind's not-found fault.
    pub fn found(&self, no: &str, region: Option<&str>) -> Result<&Entry<T>, ApiFault> {
        self.find(no, region).ok_or_else(|| faults::not_found(T::KIND, no))
    }

    /// [`Store::found`], to change it.
    pub fn found_mut(&mut self, no: &str, region: Option<&str>) -> Result<&mut Entry<T>, ApiFault> {
        self.find_mut(no, region).ok_or_else(|| faults::not_found(T::KIND, no))
    }

    /// The record `no` (in `region`, when given) unless it is being deleted, or its kind's not-found
    /// fault: what a handler acting on a record starts from.
    pub fn live(&self, no: &str, region: Option<&str>) -> Result<&Entry<T>, ApiFault> {
        self.find(no, region)
            .filter(|e| !e.terminating())
            .ok_or_else(|| faults::not_found(T::KIND, no))
    }

    /// [`Store::live`], to change it.
    pub fn live_mut(&mut self, no: &str, region: Option<&str>) -> Result<&mut Entry<T>, ApiFault> {
        self.find_mut(no, region)
            .filter(|e| !e.terminating())
            .ok_or_else(|| faults::not_found(T::KIND, no))
    }

    /// `name` is not held by another record (of `region`, when given) that is not being deleted
    /// (`except` aside, the record being renamed): `10300` otherwise.
    pub fn name_free(&self, name: &str, region: Option<&str>, except: Option<&str>) -> Result<(), ApiFault> {
        let taken = self.items.iter().any(|e| {
            !e.terminating()
                && e.rec.name() == name
                && region.is_none_or(|r| e.in_region(r))
                && except.is_none_or(|no| e.rec.no() != no)
        });
        if taken {
            return Err(faults::name_in_use(name));
        }
        Ok(())
    }

    /// The record `no` that `action` may act on now ([`Entry::permit`]): found, and in a state the
    /// action's transitions start from, or the kind's refusal.
    pub fn ready(&self, no: &str, region: Option<&str>, action: &str) -> Result<&Entry<T>, ApiFault> {
        let e = self.found(no, region)?;
        e.permit(action)?;
        Ok(e)
    }

    /// The record `no` not being deleted ([`Store::live`]) that `action` may act on now
    /// ([`Entry::permit`]).
    pub fn usable(&self, no: &str, region: Option<&str>, action: &str) -> Result<&Entry<T>, ApiFault> {
        let e = self.live(no, region)?;
        e.permit(action)?;
        Ok(e)
    }

    /// [`Store::ready`], to change it.
    pub fn ready_mut(&mut self, no: &str, region: Option<&str>, action: &str) -> Result<&mut Entry<T>, ApiFault> {
        let e = self.found_mut(no, region)?;
        e.permit(action)?;
        Ok(e)
    }

    /// The record a reference names (another record's `serverInstanceNo` ...), if there is one.
    pub fn rec(&self, no: &Option<String>) -> Option<&T> {
        no.as_deref().and_then(|n| self.find(n, None)).map(|e| &e.rec)
    }

    /// A text field of the record a reference names (another record's `serverInstanceNo` ...).
    pub fn text_of<'a>(&'a self, no: &Option<String>, field: impl Fn(&'a T) -> &'a Option<String>) -> Option<&'a str> {
        self.rec(no).and_then(|r| field(r).as_deref())
    }

    /// The records not being deleted that `keep` keeps (the subnets of a VPC ...).
    pub fn live_where(&self, keep: impl Fn(&T) -> bool) -> Vec<&T> {
        self.items
            .iter()
            .filter(|e| !e.terminating() && keep(&e.rec))
            .map(|e| &e.rec)
            .collect()
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
