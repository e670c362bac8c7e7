//! What every action's handler works with. Handlers live in `src/emulator/<api>/<group>.rs`, one
//! function per action named after it in snake case; `route::dispatch` is generated from the model by
//! `build/emit.rs` (`$OUT_DIR/dispatch.rs`), a `match` naming every action, so an action added to the
//! model without its handler (and that is no look-up by convention) does not compile. A handler:
//!
//! ```text
//! /// `stopServerInstances`: running servers shut down.
//! pub fn stop_server_instances(cx: &mut Cx<'_>) -> Answer {
//!     let p = cx.params(); // checked against the model before the handler runs: 900 / 901
//!     let (region, now, action) = (cx.region().to_string(), cx.now, cx.action.name);
//!     let mut items = Vec::new();
//!     for no in p.list("serverInstanceNoList") {
//!         // 24120 when there is none; 25013 unless its life lets the action start (running, at rest)
//!         let e = cx.state.vpc.servers.ready_mut(&no, Some(&region), action)?;
//!         items.push(e.begin(now, action).wire()); // its transition, on the emulator's timers
//!     }
//!     cx.list(items) // its answer's fields: totalRows and serverInstanceList
//! }
//! ```
//!
//! (`emulator::tests::a_new_actions_handler_is_one_function` runs this very function.)
//!
//! The answer is the response's fields (`totalRows` and the list, `rootPassword`, or nothing), which
//! the server renders with the action's response model.

use super::faults::{self, ApiFault};
use super::rules::{self, Failure, Params};
use super::state::{Entry, State, Stored};
use crate::catalog::{Action, FieldType};
use serde_json::{Map, Value};
use std::time::Instant;

/// The fields of a success answer besides the envelope.
pub type Fields = Map<String, Value>;
pub type Answer = Result<Fields, ApiFault>;

/// Everything a group file needs.
pub mod prelude {
    pub use super::{code_in, each, in_region, is, one, text_in, wire, Answer, Cx, Fields, ParamsExt};
    pub use crate::emulator::faults::{self, ApiFault};
    pub use crate::emulator::model::*;
    pub use crate::emulator::rules::Params;
    pub use crate::emulator::state::images::{self as image_ops, Image, ShareOp};
    pub use crate::emulator::state::{Entry, Record, Resource, State, Store, Stored};
    pub use serde_json::Value;
}

/// One call being handled.
pub struct Cx<'a> {
    pub state: &'a mut State,
    pub action: &'static Action,
    /// The instant the call is handled at (transitions start from it).
    pub now: Instant,
    raw: Option<Params>,
    region: Result<String, ApiFault>,
    /// The checked parameters of a state-changing call, for the request log.
    pub logged: Option<Value>,
}

impl<'a> Cx<'a> {
    /// A call with the parameters as read from the request. VPC calls belong to the region their
    /// `regionCode` names (the first region when absent; an unknown one is refused once the
    /// parameters are checked); Classic calls to the `regionNo` they give ("" for none).
    pub fn new(state: &'a mut State, action: &'static Action, raw: Params, now: Instant) -> Cx<'a> {
        let given = raw.get(action.env.region_param()).and_then(Value::as_str);
        let region = match action.env {
            crate::catalog::Env::Vpc => state.vpc_region(given),
            crate::catalog::Env::Classic => Ok(given.unwrap_or_default().to_string()),
        };
        Cx {
            state,
            action,
            now,
            raw: Some(raw),
            region,
            logged: None,
        }
    }

    /// Checks the parameters against the action's declarations in the model (with the emulator's
    /// overrides, `rules::overrides`), integers and booleans typed: missing ones are NCP's 900 (all
    /// named), bad values 901; then an unknown VPC region is refused. Parameters the model does not
    /// declare are kept (as text) and left alone, as NCP ignores what it does not know. `route::dispatch`
    /// runs it before the handler.
    pub fn check(&mut self) -> Result<(), ApiFault> {
        let mut p = self.raw.take().unwrap_or_default();
        match rules::check(&mut p, &rules::specs(self.action)) {
            Ok(()) => {}
            Err(Failure::Missing(names)) => return Err(faults::missing_param(&names)),
            Err(Failure::Invalid { reason, .. }) => return Err(faults::invalid_param(&reason)),
        }
        if self.action.mutating {
            self.logged = Some(Value::Object(p.clone()));
        }
        self.raw = Some(p);
        self.region.clone().map(drop)
    }

    /// The action's parameters, as checked before the handler runs.
    pub fn params(&mut self) -> Params {
        self.raw.take().unwrap_or_default()
    }

    /// What most handlers start with: the checked parameters, the call's region and its instant.
    pub fn start(&mut self) -> (Params, String, Instant) {
        (self.params(), self.region().to_string(), self.now)
    }

    /// The call's region: VPC region code, or the Classic `regionNo` given ("" for none).
    pub fn region(&self) -> &str {
        self.region.as_deref().unwrap_or_default()
    }

    /// An answer listing `items`: the action's list and, when its answer has one, `totalRows`.
    pub fn list(&self, items: Vec<Value>) -> Answer {
        let n = items.len();
        Ok(self.listing(items, n))
    }

    /// An answer listing one page of `items` (`pageNo`: 0 and 1 both mean the first page; `pageSize`
    /// 0 or absent: everything), with `totalRows` counting them all.
    pub fn page(&self, items: Vec<Value>, p: &Params) -> Answer {
        let total = items.len();
        let size = p.int("pageSize").unwrap_or(0).max(0) as usize;
        if size == 0 {
            return Ok(self.listing(items, total));
        }
        let page = p.int("pageNo").unwrap_or(1).max(1) as usize;
        let start = (page - 1).saturating_mul(size);
        Ok(self.listing(items.into_iter().skip(start).take(size).collect(), total))
    }

    fn listing(&self, items: Vec<Value>, total: usize) -> Fields {
        listing(self.action, items, total)
    }
}

/// An answer listing one record (`one(cx.action, e.wire())`, while `e` still borrows the state).
pub fn one(action: &Action, item: Value) -> Answer {
    Ok(listing(action, vec![item], 1))
}

/// The action's list and, when its answer has one, `totalRows`.
fn listing(action: &Action, items: Vec<Value>, total: usize) -> Fields {
    let mut f = Fields::new();
    let fields = action.response.fields;
    if fields.iter().any(|f| f.name == "totalRows") {
        f.insert("totalRows".into(), Value::from(total));
    }
    if let Some(list) = fields.iter().find(|f| matches!(f.ty, FieldType::List(_))) {
        f.insert(list.name.into(), Value::Array(items));
    }
    f
}

/// The action on every record `nos` names, all or none: each must be there (not being deleted: its
/// kind's not-found code), pass `check` and be in a state its life starts the action from, before any
/// changes; then each begins the action's transition, `then` applied to it when that ends. Answers
/// them as they are then. VPC records are looked for in the call's region, Classic ones anywhere.
pub fn each<T: Stored + 'static>(
    cx: &mut Cx<'_>,
    nos: &[String],
    check: impl Fn(&State, &Entry<T>) -> Result<(), ApiFault>,
    then: Option<fn(&mut T)>,
) -> Answer {
    let (now, action) = (cx.now, cx.action.name);
    let region = matches!(cx.action.env, crate::catalog::Env::Vpc).then(|| cx.region().to_string());
    let region = region.as_deref();
    for no in nos {
        let e = T::store(cx.state).live(no, region)?;
        check(cx.state, e)?;
        e.permit(action)?;
    }
    let mut items = Vec::new();
    for no in nos {
        let e = T::store_mut(cx.state).found_mut(no, region)?;
        e.begin(now, action);
        if let Some(f) = then {
            e.then(f);
        }
        items.push(e.wire());
    }
    cx.list(items)
}

/// Reading checked parameters (and the objects of an object list).
pub trait ParamsExt {
    fn str(&self, k: &str) -> Option<&str>;
    /// A text value, "" when absent (a required one is never absent).
    fn text(&self, k: &str) -> String {
        self.str(k).unwrap_or_default().to_string()
    }
    /// A list of text values (empty when absent).
    fn list(&self, k: &str) -> Vec<String>;
    /// An integer (declared `Int`, or numeric text).
    fn int(&self, k: &str) -> Option<i64>;
    /// A boolean (declared `Bool`, or `true`/`false` text).
    fn flag(&self, k: &str) -> Option<bool>;
    /// The objects of an object list (`name.N.field`).
    fn objects(&self, k: &str) -> Vec<&Map<String, Value>>;
}

impl ParamsExt for Map<String, Value> {
    fn str(&self, k: &str) -> Option<&str> {
        self.get(k).and_then(Value::as_str)
    }
    fn list(&self, k: &str) -> Vec<String> {
        self.get(k)
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
            .unwrap_or_default()
    }
    fn int(&self, k: &str) -> Option<i64> {
        match self.get(k)? {
            Value::Number(n) => n.as_i64(),
            Value::String(t) => t.trim().parse().ok(),
            _ => None,
        }
    }
    fn flag(&self, k: &str) -> Option<bool> {
        match self.get(k)? {
            Value::Bool(b) => Some(*b),
            Value::String(t) if t.eq_ignore_ascii_case("true") => Some(true),
            Value::String(t) if t.eq_ignore_ascii_case("false") => Some(false),
            _ => None,
        }
    }
    fn objects(&self, k: &str) -> Vec<&Map<String, Value>> {
        self.get(k)
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_object).collect())
            .unwrap_or_default()
    }
}

/// An optional text field equals `want`.
pub fn is(field: &Option<String>, want: &str) -> bool {
    field.as_deref() == Some(want)
}

/// An optional code's `code` is in `codes` (an empty filter takes everything).
pub fn code_in(field: &Option<super::model::Code>, codes: &[String]) -> bool {
    codes.is_empty() || field.as_ref().is_some_and(|c| codes.contains(&c.code))
}

/// An optional text field is in `values` (an empty filter takes everything).
pub fn text_in(field: &Option<String>, values: &[String]) -> bool {
    values.is_empty() || field.as_ref().is_some_and(|v| values.contains(v))
}

/// A record of a plain list (zones, products) belongs to `region` (no region: every region).
pub fn in_region(field: &Option<String>, region: &str) -> bool {
    field.as_deref().is_none_or(|r| r == region)
}

/// A look-up record's wire form.
pub fn wire<T: super::model::ToWire>(t: &T) -> Value {
    Value::Object(t.to_wire())
}
