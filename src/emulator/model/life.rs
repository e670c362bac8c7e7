//! Life cycles as data (`[kinds.<Kind>.life]` of the model, generated into each kind's facts): what a
//! record's status fields say at each point ([`Phase`]), and the transitions each action starts
//! ([`Transition`]: the states it starts from, the phase taken at once, the later ones on the
//! emulator's timers). `state::life` runs them; the handlers start them by name and never set status
//! fields by hand.

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

/// What a record's status fields say at one point of its life: the status code, the operation code
/// and the status name, each left as it is when `None` (an operation keeps the status; kinds with a
/// status only have no operation nor name). Code names come from the record's kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Phase {
    pub status: Option<&'static str>,
    pub operation: Option<&'static str>,
    pub name: Option<&'static str>,
}

/// Where a transition starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum From {
    /// A creation: the record is new.
    New,
    /// Whatever state the record is in (its handler judges).
    Any,
    /// A record at rest (no operation running) with one of these status codes.
    States(&'static [&'static str]),
}

/// Where a later step takes the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    To(Phase),
    /// Back to the phase the record rested in when the transition began.
    Back,
    /// The record is gone (terminated, deleted): answers no longer show it.
    Gone,
}

/// One transition of a kind: what an action does to a record.
#[derive(Debug)]
pub struct Transition {
    /// The action that starts it, or `action#variant` for one of the ways it goes.
    pub name: &'static str,
    pub from: From,
    /// The phase taken at once; `None`: a check only (the action needs the record so, nothing changes).
    pub now: Option<Phase>,
    pub later: &'static [(Delay, Next)],
}

impl Transition {
    /// The action it belongs to (its name without the variant).
    pub fn action(&self) -> &'static str {
        self.name.split('#').next().unwrap_or(self.name)
    }
}

/// A kind's life cycle.
#[derive(Debug)]
pub struct Life {
    /// Every phase, by its name in the model.
    pub phases: &'static [(&'static str, Phase)],
    pub transitions: &'static [Transition],
}

impl Life {
    /// The transition named so (`action` or `action#variant`).
    pub fn transition(&self, name: &str) -> Option<&'static Transition> {
        self.transitions.iter().find(|t| t.name == name)
    }

    /// Every transition of an action (its variants too).
    pub fn of_action<'a>(&'a self, action: &'a str) -> impl Iterator<Item = &'static Transition> + 'a {
        self.transitions.iter().filter(move |t| t.action() == action)
    }
}
