//! What every action's handler works with. Handlers live in `src/emulator/<api>/<group>.rs`, one
//! function per action named after it in snake case; [`dispatch`] is generated from the model by
//! `build/emit.rs` (`$OUT_DIR/dispatch.rs`), a `match` naming every action, so an action added to the
//! model without its handler does not compile. A handler:
//!
//! ```text
//! /// `stopServerInstances`: running servers shut down, then are stopped.
//! pub fn stop_server_instances(cx: &mut Cx<'_>) -> Answer {
//!     let p = cx.params(); // checked against the model before the handler runs: 900 / 901
//!     let (region, now) = (cx.region().to_string(), cx.now);
//!     let mut items = Vec::new();
//!     for no in p.list("serverInstanceNoList") {
//!         let servers = &mut cx.state.vpc.servers;
//!         let e = servers.find_mut(&no, Some(&region)).ok_or_else(|| faults::not_found(Kind::ServerInstance, &no))?;
//!         if e.rec.status() != "RUN" || e.busy() {
//!             return Err(faults::not_now(Kind::ServerInstance, &no, e.rec.status_name()));
//!         }
//!         e.run(now, plans::server::stop()); // its transition, on the emulator's timers
//!         items.push(e.wire());
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
use super::state::State;
use crate::catalog::{Action, FieldType};
use serde_json::{Map, Value};
use std::time::Instant;

/// The fields of a success answer besides the envelope.
pub type Fields = Map<String, Value>;
pub type Answer = Result<Fields, ApiFault>;

/// Everything a group file needs.
pub mod prelude {
    pub use super::{code_in, in_region, is, text_in, wire, Answer, Cx, Fields, ParamsExt};
    pub use crate::emulator::faults::{self, ApiFault};
    pub use crate::emulator::model::*;
    pub use crate::emulator::rules::Params;
    pub use crate::emulator::state::images::{self as image_ops, Image, ShareOp};
    pub use crate::emulator::state::{plans, Entry, Record, Resource, State, Store};
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
    /// declare are kept (as text) and left alone, as NCP ignores what it does not know. [`dispatch`]
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
        let mut f = Fields::new();
        let fields = self.action.response.fields;
        if fields.iter().any(|f| f.name == "totalRows") {
            f.insert("totalRows".into(), Value::from(total));
        }
        if let Some(list) = fields.iter().find(|f| matches!(f.ty, FieldType::List(_))) {
            f.insert(list.name.into(), Value::Array(items));
        }
        f
    }
}

/// Reading checked parameters (and the objects of an object list).
pub trait ParamsExt {
    fn str(&self, k: &str) -> Option<&str>;
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
