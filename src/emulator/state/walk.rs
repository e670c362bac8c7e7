//! The life-cycle walk (tests only): every kind with a declared life is walked through it, from each
//! creation and from each phase it rests in, by every transition its life declares, on the emulator's
//! timers. In every state reached:
//! - a record the emulator would refuse work on because an operation runs shows it: a non-`NULL`
//!   operation, or for a record being created (or a kind without an operation field) a status it never
//!   rests in;
//! - each transition is refused exactly where its life says (not from its states, or busy), and a
//!   refusal is the kind's one code for it (`busy` in the model: 25013, images 25033);
//! - every phase a transition ends in is at rest: operation `NULL` (or none).
//!
//! `WALKS` (generated with the world, `build/emit_kinds.rs`) names every kind with a life, on both
//! platforms.

use super::life::{Entry, Resource};
use super::Settings;
use crate::emulator::model::{From, Next, Phase, Transition};
use std::collections::BTreeSet;
use std::time::{Duration, Instant};

const STEP: Duration = Duration::from_millis(100);

fn settings() -> Settings {
    Settings {
        create_delay_ms: 100,
        delete_delay_ms: 100,
        operation_delay_ms: Some(100),
        ..Settings::default()
    }
}

struct Walk {
    failures: Vec<String>,
    seen: BTreeSet<(String, String, String)>,
    rest_statuses: Vec<&'static str>,
    has_operation: bool,
}

fn state_of<T: Resource>(e: &Entry<T>) -> (String, String, String) {
    (
        e.rec.status().to_string(),
        e.rec.operation().to_string(),
        e.rec.status_name().to_string(),
    )
}

/// The phases a record rests in: where transitions end.
fn rest_phases(transitions: &[Transition]) -> Vec<Phase> {
    let mut out = Vec::new();
    for t in transitions {
        let last = match t.later.last() {
            Some((_, Next::To(p))) => Some(*p),
            Some(_) => None,
            None => t.now,
        };
        if let Some(p) = last {
            if !out.contains(&p) {
                out.push(p);
            }
        }
    }
    out
}

impl Walk {
    fn check<T: Resource>(&mut self, e: &Entry<T>, creating: bool, path: &str) {
        let (status, op, _) = state_of(e);
        let label = T::KIND.label();
        if e.busy() {
            let shows_op = !op.is_empty() && op != "NULL";
            let shows_status = !self.rest_statuses.contains(&status.as_str());
            let shows = if self.has_operation && !creating {
                shows_op
            } else {
                shows_op || shows_status
            };
            if !shows {
                self.failures.push(format!(
                    "{label} {path}: busy, but its record shows {status}/{op}: a client waiting for it would be refused"
                ));
            }
        }
        let life = T::KIND.facts().life.expect("a life");
        for t in life.transitions.iter().filter(|t| t.from != From::New) {
            let permitted = e.permits(t.action());
            let declared = life.of_action(t.action()).any(|x| match x.from {
                From::New => false,
                From::Any => true,
                From::States(s) => !e.busy() && s.contains(&status.as_str()),
            });
            if permitted != declared {
                self.failures.push(format!(
                    "{label} {path}: {} is {} in {status}/{op}, its life says otherwise",
                    t.name,
                    if permitted { "taken" } else { "refused" }
                ));
            }
            if !permitted {
                let refusal = e.permit(t.action()).err().map(|f| f.return_code);
                if refusal != Some(T::KIND.facts().busy) {
                    self.failures
                        .push(format!("{label} {path}: {} refused with {refusal:?}", t.name));
                }
            }
        }
    }

    /// Runs transition `t` on a copy of `rec`, checking every state on the way; explores from where
    /// it comes to rest.
    fn run<T: Resource + 'static>(&mut self, rec: &T, t: &Transition, path: &str) {
        let s = settings();
        let t0 = Instant::now();
        let mut e = Entry::new(rec.clone(), t0);
        e.begin(t0, t.name);
        let creating = t.from == From::New;
        let path = format!("{path} > {}", t.name);
        let mut at = t0;
        loop {
            self.check(&e, creating, &path);
            if !e.busy() {
                break;
            }
            at += STEP;
            if !e.advance(at, &s) {
                return;
            }
        }
        let (status, op, name) = state_of(&e);
        if self.has_operation && !op.is_empty() && op != "NULL" {
            self.failures
                .push(format!("{} {path}: comes to rest with operation {op}", T::KIND.label()));
        }
        if self.seen.insert((status, op, name)) {
            self.explore(&e.rec, &path);
        }
    }

    fn explore<T: Resource + 'static>(&mut self, rec: &T, path: &str) {
        let life = T::KIND.facts().life.expect("a life");
        let probe = Entry::new(rec.clone(), Instant::now());
        for t in life
            .transitions
            .iter()
            .filter(|t| t.from != From::New && t.now.is_some())
        {
            if probe.permits(t.action()) && !matches!(t.from, From::Any) {
                self.run(rec, t, path);
            }
        }
    }
}

/// Walks the life of `T`'s kind; gives what fails.
pub fn walk<T: Resource + Default + 'static>() -> Vec<String> {
    let life = T::KIND.facts().life.expect("a kind with a life");
    let rest = rest_phases(life.transitions);
    let mut w = Walk {
        failures: Vec::new(),
        seen: BTreeSet::new(),
        rest_statuses: rest.iter().filter_map(|p| p.status).collect(),
        has_operation: !T::default().operation().is_empty() || rest.iter().any(|p| p.operation.is_some()),
    };
    // From each creation.
    for t in life.transitions.iter().filter(|t| t.from == From::New) {
        w.run(&T::default(), t, "new");
    }
    // From each phase a record rests in (as a fixture gives it).
    for p in &rest {
        let mut rec = T::default();
        rec.set_phase(p);
        let e = Entry::new(rec.clone(), Instant::now());
        w.check(&e, false, "at rest");
        w.explore(&rec, p.name.unwrap_or(p.status.unwrap_or("?")));
    }
    if w.seen.is_empty() && rest.is_empty() {
        w.failures
            .push(format!("{}: its life reaches no state", T::KIND.label()));
    }
    w.failures
}
