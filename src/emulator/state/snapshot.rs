//! The state as a fixture that restores it exactly (`emu.snapshot()`, the CLI's `--state`, the
//! console's download): every record of every store and look-up, the settings, the number counter and
//! the queues, the random generators' positions, and each record's pending transition (the steps
//! still to come, how long its current phase has lasted, and what each step changes besides its
//! phase, as data). Loading it (`emu.load(snapshot)`) gives a state that answers every call as the
//! saved one would have, the timers resuming where they were.
//!
//! The fixture key `snapshot` holds what a plain fixture does not say; records stay in their stores
//! as fixtures have them, so a snapshot can be read and edited as one. It works on every store the
//! model's kinds declare (the `world!` macro calls [`store`] and [`restore_store`] for each), so a
//! new kind is saved and restored without a change here.

use super::life::{delay_of, Entry, Resource, Store, Then, To};
use super::{Settings, State};
use crate::emulator::model::{Delay, Phase};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::time::{Duration, Instant};

/// What a snapshot says beyond a fixture (the fixture key `snapshot`).
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Saved {
    /// When it was taken (ISO 8601, UTC): for its reader only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub taken_at: Option<String>,
    /// The position of the generator of names, failures and request ids (a decimal u64: JSON numbers
    /// lose precision above 2^53).
    pub rng: String,
    /// The position of chaos mode's generator.
    pub chaos_rng: String,
    /// The records with something a fixture does not say: a pending transition, or a region other
    /// than the one their fields give.
    #[serde(default)]
    pub entries: Vec<EntryState>,
}

/// One kept record's pending transition and region, by its place in its store.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EntryState {
    /// `<platform>.<store>` (`vpc.servers`): the fixture key of its store.
    pub store: String,
    /// Its index in the store.
    pub at: usize,
    /// Its number (checked on restore: a snapshot edited out of step is refused).
    pub no: String,
    /// The region it belongs to, where its fields say another (or none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// It belongs to every region although its fields name one.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub every_region: bool,
    /// How long its current phase has lasted (a snapshot: the wait resumes from there).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub elapsed_ms: Option<u64>,
    /// When its current phase began, ms since the epoch (the console's view only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<i64>,
    /// The steps still to come.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<StepState>,
}

/// One step still to come: after which timer, to which phase of the kind's life (by its name in the
/// model; `gone`: the record is removed; absent: the phase it rested in, which sets nothing), and
/// the fields it sets besides.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StepState {
    pub after: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub set: Option<Map<String, Value>>,
}

/// How pending steps are timed in the output.
#[derive(Debug, Clone, Copy)]
pub enum Timing {
    /// `elapsedMs`, for a snapshot to restore (the wait resumes where it was, whenever it is loaded).
    Elapsed(Instant),
    /// `since` in ms since the epoch (`now` is that instant): the console counts down from it.
    Since(Instant, i64),
}

impl Timing {
    fn now(self) -> Instant {
        match self {
            Timing::Elapsed(now) | Timing::Since(now, _) => now,
        }
    }
}

const GONE: &str = "gone";

fn delay_name(d: Delay) -> &'static str {
    match d {
        Delay::Create => "create",
        Delay::Delete => "delete",
        Delay::Operation => "operation",
    }
}

fn delay_of_name(name: &str) -> Option<Delay> {
    Some(match name {
        "create" => Delay::Create,
        "delete" => Delay::Delete,
        "operation" => Delay::Operation,
        _ => return None,
    })
}

/// The fields `after` sets over `before` (`null`: removed).
fn changes(before: &Map<String, Value>, after: &Map<String, Value>) -> Map<String, Value> {
    let mut out: Map<String, Value> = after
        .iter()
        .filter(|(k, v)| before.get(*k) != Some(v))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    for k in before.keys().filter(|k| !after.contains_key(*k)) {
        out.insert(k.clone(), Value::Null);
    }
    out
}

/// Turns the code a handler gave each step of `e`'s plan into the change it makes, as data: the plan
/// is played on a copy of the record and each step's effect seen as the fields it changes there.
/// The record's life is unchanged (an effect sets fields to values its handler fixed).
fn settle<T: Resource>(e: &mut Entry<T>) {
    let mut copy = e.rec.clone();
    for step in &mut e.plan {
        if let To::Phase(p) = &step.to {
            copy.set_phase(p);
        }
        match step.then.take() {
            None => {}
            Some(Then::Run(f)) => {
                let before = copy.to_wire();
                f(&mut copy);
                step.then = Some(Then::Set(changes(&before, &copy.to_wire())));
            }
            Some(Then::Set(fields)) => {
                super::life::set_fields(&mut copy, &fields);
                step.then = Some(Then::Set(fields));
            }
        }
    }
}

fn phase_name<T: Resource>(p: &Phase) -> Option<String> {
    let life = super::life::life_of::<T>()?;
    life.phases.iter().find(|(_, q)| q == p).map(|(n, _)| n.to_string())
}

/// A store's records as a fixture lists them; their pending transitions and regions go to `out`.
pub fn store<T: Resource>(store: &mut Store<T>, key: &str, timing: Timing, out: &mut Vec<EntryState>) -> Value {
    let now = timing.now();
    let mut records = Vec::with_capacity(store.items.len());
    for (at, e) in store.items.iter_mut().enumerate() {
        settle(e);
        records.push(Value::Object(e.rec.to_wire()));
        let own = e.rec.region().map(str::to_string);
        if e.plan.is_empty() && e.region == own {
            continue;
        }
        let elapsed = now.saturating_duration_since(e.since);
        let (elapsed_ms, since) = match (e.plan.is_empty(), timing) {
            (true, _) => (None, None),
            (false, Timing::Elapsed(_)) => (Some(elapsed.as_millis() as u64), None),
            (false, Timing::Since(_, epoch)) => (None, Some(epoch - elapsed.as_millis() as i64)),
        };
        out.push(EntryState {
            store: key.to_string(),
            at,
            no: e.rec.no().to_string(),
            region: e.region.clone().filter(|_| e.region != own),
            every_region: e.region.is_none() && own.is_some(),
            elapsed_ms,
            since,
            steps: e
                .plan
                .iter()
                .map(|s| StepState {
                    after: delay_name(s.after).into(),
                    to: match &s.to {
                        To::Gone => Some(GONE.into()),
                        To::Phase(p) => phase_name::<T>(p),
                    },
                    set: match &s.then {
                        Some(Then::Set(fields)) if !fields.is_empty() => Some(fields.clone()),
                        _ => None,
                    },
                })
                .collect(),
        });
    }
    Value::Array(records)
}

/// Gives the records of a store freshly read from a snapshot their saved regions and pending
/// transitions (`states`: those of this store); the others rest in the region their fields give.
pub fn restore_store<T: Resource>(store: &mut Store<T>, states: &[&EntryState], now: Instant) -> Result<(), String> {
    for e in &mut store.items {
        e.plan.clear();
        e.region = e.rec.region().map(str::to_string);
    }
    let life = super::life::life_of::<T>();
    for s in states {
        let where_ = || format!("snapshot entry {}[{}]", s.store, s.at);
        let e = store
            .items
            .get_mut(s.at)
            .ok_or_else(|| format!("{}: the store has no record there", where_()))?;
        if e.rec.no() != s.no {
            return Err(format!(
                "{}: the record there is '{}', not '{}'",
                where_(),
                e.rec.no(),
                s.no
            ));
        }
        if s.region.is_some() || s.every_region {
            e.region = s.region.clone();
        }
        let elapsed = Duration::from_millis(s.elapsed_ms.unwrap_or(0));
        e.since = now.checked_sub(elapsed).unwrap_or(now);
        for step in &s.steps {
            let after =
                delay_of_name(&step.after).ok_or_else(|| format!("{}: unknown timer '{}'", where_(), step.after))?;
            let to = match step.to.as_deref() {
                Some(GONE) => To::Gone,
                None => To::Phase(Phase {
                    status: None,
                    operation: None,
                    name: None,
                }),
                Some(name) => To::Phase(
                    life.and_then(|l| l.phases.iter().find(|(n, _)| *n == name))
                        .map(|(_, p)| *p)
                        .ok_or_else(|| format!("{}: no phase '{name}' in the kind's life", where_()))?,
                ),
            };
            e.plan.push_back(super::life::Step {
                after,
                to,
                then: step.set.clone().map(Then::Set),
            });
        }
    }
    Ok(())
}

/// The entries of `store` in a snapshot's list.
pub fn of_store<'a>(states: &'a [EntryState], key: &str) -> Vec<&'a EntryState> {
    states.iter().filter(|s| s.store == key).collect()
}

/// How long the next step of a pending transition takes with these settings, ms (the console's
/// countdown).
pub fn step_ms(after: &str, settings: &Settings) -> Option<u64> {
    delay_of_name(after).map(|d| delay_of(d, settings).as_millis() as u64)
}

fn time_text() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

impl State {
    /// The state as a fixture that restores it (`base: "empty"`: nothing of the default is merged
    /// in), after applying every step due by `now`. Records whose steps ran code are kept with that
    /// code's changes as data from here on (the same changes).
    pub fn snapshot(&mut self, timing: Timing) -> Value {
        self.tick(timing.now());
        let mut entries = Vec::new();
        let classic = self.classic.snapshot("classic", timing, &mut entries);
        let vpc = self.vpc.snapshot("vpc", timing, &mut entries);
        let saved = Saved {
            taken_at: Some(time_text()),
            rng: self.rng.get_seed().to_string(),
            chaos_rng: self.chaos_rng.1.get_seed().to_string(),
            entries,
        };
        serde_json::json!({
            "base": "empty",
            "description": "A snapshot of the ncloud emulator's state (emu.snapshot()); emu.load() restores it.",
            "settings": self.settings,
            "nextNo": self.next_no,
            "ids": self.ids,
            "autoNames": self.auto_names,
            "requestIds": self.request_ids,
            "classic": classic,
            "vpc": vpc,
            "snapshot": saved,
        })
    }

    /// A state read from a fixture, with what its `snapshot` key says restored: the regions and
    /// pending transitions of its records, the random generators' positions.
    pub fn try_new(mut fixture: super::Fixture) -> Result<State, String> {
        let saved = fixture.snapshot.take();
        let mut state = State::new(fixture);
        let Some(saved) = saved else {
            return Ok(state);
        };
        let now = Instant::now();
        for s in &saved.entries {
            let known = s.store.split_once('.').is_some_and(|(p, key)| match p {
                "classic" => super::ClassicWorld::has_store(key),
                "vpc" => super::VpcWorld::has_store(key),
                _ => false,
            });
            if !known {
                return Err(format!("snapshot entry {}[{}]: no such store", s.store, s.at));
            }
        }
        state.classic.restore("classic", &saved.entries, now)?;
        state.vpc.restore("vpc", &saved.entries, now)?;
        let number = |name: &str, text: &str| {
            text.parse::<u64>()
                .map_err(|_| format!("snapshot {name} must be a decimal number, got '{text}'"))
        };
        state.rng = fastrand::Rng::with_seed(number("rng", &saved.rng)?);
        state.chaos_rng.1 = fastrand::Rng::with_seed(number("chaosRng", &saved.chaos_rng)?);
        Ok(state)
    }
}
