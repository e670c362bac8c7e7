//! Reads a kind's life cycle (`[kinds.<Kind>.life]`, model/README.md "Life cycles"): its phases (what
//! its status fields say at each point) and its transitions (per action: the states it starts from, the
//! phase it takes at once, the later ones on the emulator's timers), and checks them against the kind,
//! the model's actions and the waiters that wait on the kind.

use crate::kinds::Kind;
use crate::model::{Matcher, Set, State, R};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LifeToml {
    phases: Vec<String>,
    transitions: Vec<String>,
}

/// What the status fields say at one point (`None`: left as they are).
#[derive(Debug, Clone, PartialEq)]
pub struct Phase {
    pub name: String,
    pub status: Option<String>,
    pub operation: Option<String>,
    pub status_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum From {
    /// A creation: the record is new.
    New,
    /// Whatever state the record is in (the handler judges).
    Any,
    /// Records at rest with one of these status codes.
    States(Vec<String>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Next {
    Phase(String),
    /// Back to the rest phase it started from.
    Back,
    /// The record is gone.
    Gone,
}

#[derive(Debug, Clone)]
pub struct Transition {
    /// The action that starts it, or `action#variant` for one of several ways it goes.
    pub name: String,
    pub from: From,
    /// The phase taken at once (`None`: a check only, nothing changes).
    pub now: Option<String>,
    /// `(timer, next)`: `create`, `delete` or `operation`.
    pub later: Vec<(String, Next)>,
}

#[derive(Debug, Clone, Default)]
pub struct Life {
    pub phases: Vec<Phase>,
    pub transitions: Vec<Transition>,
}

impl Life {
    pub fn phase(&self, name: &str) -> Option<&Phase> {
        self.phases.iter().find(|p| p.name == name)
    }

    /// The phases a record rests in: the last of each transition (and those `back` returns to).
    pub fn rest(&self) -> Vec<&Phase> {
        let mut out: Vec<&Phase> = Vec::new();
        for t in &self.transitions {
            let last = match t.later.last() {
                Some((_, Next::Phase(p))) => Some(p.as_str()),
                Some(_) => None,
                None => t.now.as_deref(),
            };
            if let Some(p) = last.and_then(|n| self.phase(n)) {
                if !out.contains(&p) {
                    out.push(p);
                }
            }
        }
        out
    }
}

fn phase(s: &str, has_op: bool) -> R<Phase> {
    let (name, rest) = s
        .split_once(':')
        .ok_or_else(|| format!("phase '{s}': expected 'name: STATUS [OPERATION status name]'"))?;
    let mut words = rest.split_whitespace();
    let code = |w: Option<&str>| -> R<Option<String>> {
        match w {
            Some("-") => Ok(None),
            Some(c) => Ok(Some(c.to_string())),
            None => Err(format!("phase '{s}': a code is missing")),
        }
    };
    let status = code(words.next())?;
    let operation = if has_op { code(words.next())? } else { None };
    let name_words: Vec<&str> = words.collect();
    Ok(Phase {
        name: name.trim().to_string(),
        status,
        operation,
        status_name: (!name_words.is_empty()).then(|| name_words.join(" ")),
    })
}

fn transition(s: &str) -> R<Transition> {
    let (name, rest) = s
        .split_once(':')
        .ok_or_else(|| format!("transition '{s}': expected 'action: FROM [-> phase ~timer> phase ...]'"))?;
    let (from, path) = match rest.split_once("->") {
        Some((f, p)) => (f.trim(), Some(p.trim())),
        None => (rest.trim(), None),
    };
    let from = match from {
        "new" => From::New,
        "any" => From::Any,
        codes => From::States(codes.split('|').map(|c| c.trim().to_string()).collect()),
    };
    let mut now = None;
    let mut later = Vec::new();
    if let Some(path) = path {
        let mut parts = path.split('~');
        now = parts.next().map(|p| p.trim().to_string());
        for step in parts {
            let (timer, next) = step
                .split_once('>')
                .ok_or_else(|| format!("transition '{s}': a step is '~timer> phase'"))?;
            let next = match next.trim() {
                "gone" => Next::Gone,
                "back" => Next::Back,
                p => Next::Phase(p.to_string()),
            };
            later.push((timer.trim().to_string(), next));
        }
    }
    Ok(Transition {
        name: name.trim().to_string(),
        from,
        now,
        later,
    })
}

/// Reads one kind's life.
pub fn read(t: LifeToml, has_op: bool) -> R<Life> {
    Ok(Life {
        phases: t.phases.iter().map(|p| phase(p, has_op)).collect::<R<_>>()?,
        transitions: t.transitions.iter().map(|p| transition(p)).collect::<R<_>>()?,
    })
}

/// Checks a kind's life against the kind and the model.
pub fn check(set: &Set, k: &Kind, life: &Life) -> R<()> {
    let mut seen = std::collections::BTreeSet::new();
    let names = |t: &Option<String>| t.as_ref().and_then(|t| set.names.get(t));
    for p in &life.phases {
        if !seen.insert(p.name.as_str()) {
            return Err(format!("phase '{}' twice", p.name));
        }
        for (code, table, field) in [
            (&p.status, names(&k.status_names), &k.status),
            (&p.operation, names(&k.operation_names), &k.operation),
        ] {
            let Some(code) = code else { continue };
            if field.is_none() {
                return Err(format!("phase '{}': the kind has no field for {code}", p.name));
            }
            if table.is_some_and(|t| !t.iter().any(|(c, _)| c == code)) {
                return Err(format!("phase '{}': {code} has no name in the kind's names", p.name));
            }
        }
    }
    let statuses: Vec<&str> = life.phases.iter().filter_map(|p| p.status.as_deref()).collect();
    for t in &life.transitions {
        let ctx = |e: String| format!("transition '{}': {e}", t.name);
        let action = t.name.split('#').next().unwrap_or_default();
        if !set.actions.iter().any(|a| a.name == action) {
            return Err(ctx(format!("no action '{action}' in the model")));
        }
        if let From::States(codes) = &t.from {
            if let Some(c) = codes.iter().find(|c| !statuses.contains(&c.as_str())) {
                return Err(ctx(format!("from {c}: no phase has that status")));
            }
        }
        let named = t.now.iter().chain(t.later.iter().filter_map(|(_, n)| match n {
            Next::Phase(p) => Some(p),
            _ => None,
        }));
        for p in named {
            if life.phase(p).is_none() {
                return Err(ctx(format!("no phase '{p}'")));
            }
        }
        for (i, (timer, next)) in t.later.iter().enumerate() {
            if !matches!(timer.as_str(), "create" | "delete" | "operation") {
                return Err(ctx(format!("timer '{timer}': create, delete or operation")));
            }
            if next == &Next::Gone && i + 1 != t.later.len() {
                return Err(ctx("nothing follows gone".into()));
            }
        }
        if t.now.is_none() && t.from == From::New {
            return Err(ctx("a creation takes a phase".into()));
        }
    }
    Ok(())
}

/// A waiter cannot wait for a state the emulator never reaches: each status its success acceptors
/// name is the status of a phase a record of the kind rests in.
pub fn check_waiters(set: &Set) -> R<()> {
    for w in &set.waiters {
        let action = &set.actions[w.action];
        let Some((_, model)) = action.list() else { continue };
        let Some(kind) = set.kinds.iter().find(|k| k.name == model) else {
            continue;
        };
        let (Some(life), Some(status)) = (&kind.life, &kind.status) else {
            continue;
        };
        let rest: Vec<&str> = life.rest().iter().filter_map(|p| p.status.as_deref()).collect();
        for (state, m) in &w.acceptors {
            let Matcher::Path { path, values, .. } = m else {
                continue;
            };
            if *state != State::Success || path.first() != Some(status) {
                continue;
            }
            if let Some(v) = values.iter().find(|v| !rest.contains(&v.as_str())) {
                return Err(format!(
                    "{}.{}: waits for {}.code = {v}, a status {} never rests in (its life: {rest:?})",
                    set.apis[w.api].name, w.name, status, kind.name
                ));
            }
        }
    }
    Ok(())
}
