//! The emulator's one look-up: the answer of every action that lists the records of one kind named
//! after it (a `get<Kind>List` or `get<Kind>Detail`, as `build/lookups.rs` decides from the model):
//! the records of its kind in the call's region, kept by each parameter given (a required parent's
//! number: the parent must exist), sorted and paged as the action says. When every parameter names a field of the records (a look-up by convention), the
//! action has no handler: the generated dispatch calls [`answer`]. When some do not (another record's
//! field, a number in other units: the look-up's `rest`), its handler calls [`answer_where`] with what
//! it keeps by those, and the look-up does the rest.

use super::faults;
use super::handler::{Answer, Cx, Fields, ParamsExt};
use super::model::Kind;
use super::rules::Params;
use super::state::{Entry, Resource, Row, Rows, State, Store, Stored};
use serde_json::Value;

mod generated {
    use super::*;
    use crate::catalog::ActionId;
    include!(concat!(env!("OUT_DIR"), "/lookups.rs"));
}

pub use generated::of;

/// A store's or a list's rows, for a look-up.
fn rows<R: Rows>(r: &R) -> Vec<Row<'_>> {
    r.rows()
}

/// How one parameter keeps records (`build/lookups.rs` names them); a parent is its kind's facts.
pub type How = super::how::How<&'static Parent>;

/// The parent kind a [`How::Parent`] parameter names.
#[derive(Debug)]
pub struct Parent {
    pub kind: Kind,
    /// A record of it has this number in this region ("": any) and is not being deleted.
    pub found: fn(&State, &str, &str) -> bool,
}

/// A record of a store has the number in the region, and is not being deleted.
fn live<T: Resource>(store: &Store<T>, no: &str, region: &str) -> bool {
    store.live(no, (!region.is_empty()).then_some(region)).is_ok()
}

/// One parameter of a look-up and the field it filters.
#[derive(Debug)]
pub struct Filter {
    pub param: &'static str,
    pub field: &'static [&'static str],
    pub how: How,
}

/// A look-up by convention, generated from the model.
pub struct Lookup {
    pub kind: Kind,
    /// The kind's records, each with the region of its entry.
    pub rows: for<'a> fn(&'a State) -> Vec<Row<'a>>,
    pub filters: &'static [Filter],
    /// A detail's id parameter: no record is the kind's not-found fault.
    pub detail: Option<&'static str>,
    /// The action pages (`pageNo`, `pageSize`).
    pub page: bool,
    /// The action sorts (`sortedBy`, `sortingOrder`).
    pub sort: bool,
    /// The parameters the handler judges (none for a look-up by convention).
    pub rest: &'static [&'static str],
}

/// The answer of a look-up by convention (the action's [`Lookup`]).
pub fn answer(cx: &mut Cx<'_>) -> Answer {
    let l = of(cx.action.id).ok_or_else(|| faults::unsupported(format!("{} is no look-up", cx.action.name)))?;
    let p = cx.params();
    let rows = (l.rows)(cx.state);
    respond(cx, l, rows, &p)
}

/// The answer of a look-up the convention covers but for its `rest`: the records of `T` that `keep`
/// keeps (it judges the parameters in `rest`, given the state and the parameters), then kept by the
/// others, sorted and paged as a look-up by convention is.
pub fn answer_where<T: Stored>(cx: &mut Cx<'_>, keep: impl Fn(&State, &Params, &T) -> bool) -> Answer {
    let l = of(cx.action.id).ok_or_else(|| faults::unsupported(format!("{} is no look-up", cx.action.name)))?;
    let p = cx.params();
    let state = &*cx.state;
    let rows = T::store(state)
        .iter()
        .filter(|e| keep(state, &p, &e.rec))
        .map(|e: &Entry<T>| (e.region.as_deref(), e.rec.to_wire()))
        .collect();
    respond(cx, l, rows, &p)
}

/// The rows of the call's region kept by every filter, sorted and paged.
fn respond(cx: &Cx<'_>, l: &Lookup, rows: Vec<Row<'_>>, p: &Params) -> Answer {
    let region = cx.region();
    let in_region = |r: Option<&str>| region.is_empty() || r.is_none_or(|r| r == region);
    if let Some(id) = l.detail.filter(|id| p.get(*id).is_none_or(Value::is_null)) {
        return Err(faults::missing_param(&[id.to_string()]));
    }
    for f in l.filters {
        let (How::Parent(parent), Some(no)) = (f.how, text(p.get(f.param))) else {
            continue;
        };
        if !(parent.found)(cx.state, &no, region) {
            return Err(faults::not_found(parent.kind, &no));
        }
    }
    let mut items: Vec<Fields> = rows
        .into_iter()
        .filter(|(r, _)| in_region(*r))
        .map(|(_, row)| row)
        .filter(|row| l.filters.iter().all(|f| f.keeps(row, p)))
        .collect();
    if let Some(id) = l.detail {
        if items.is_empty() {
            return Err(faults::not_found(l.kind, &text(p.get(id)).unwrap_or_default()));
        }
    }
    if l.sort {
        sort(&mut items, p);
    }
    let items = items.into_iter().map(Value::Object).collect();
    if l.page {
        cx.page(items, p)
    } else {
        cx.list(items)
    }
}

/// A scalar as text (numbers and booleans as written).
fn text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// The value at a field path of a row.
fn at<'a>(row: &'a Fields, path: &[&str]) -> Option<&'a Value> {
    let (first, rest) = path.split_first()?;
    rest.iter().try_fold(row.get(*first)?, |v, k| v.get(*k))
}

impl Filter {
    fn keeps(&self, row: &Fields, p: &Params) -> bool {
        let given = p.get(self.param).filter(|v| !v.is_null());
        let Some(given) = given else { return true };
        let field = at(row, self.field);
        let code = || field.and_then(|f| text(f.get("code")));
        let values = || -> Vec<String> {
            given
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|v| text(Some(v)))
                .collect()
        };
        match self.how {
            How::Eq | How::Parent(_) => text(field).is_some_and(|t| Some(t) == text(Some(given))),
            How::In => {
                let values = values();
                values.is_empty() || text(field).is_some_and(|t| values.contains(&t))
            }
            How::Code => code().is_some_and(|c| Some(c) == text(Some(given))),
            How::CodeIn => {
                let values = values();
                values.is_empty() || code().is_some_and(|c| values.contains(&c))
            }
            // A flag a record leaves out is false, as NCP answers it.
            How::Flag => Some(field.and_then(Value::as_bool).unwrap_or(false)) == given.as_bool(),
            How::Zone => field.is_none() || text(field) == text(Some(given)),
            How::Search => match (p.str("searchFilterName"), p.str("searchFilterValue")) {
                (Some(name), Some(value)) => text(row.get(name)).is_some_and(|t| t.contains(value)),
                _ => true,
            },
        }
    }
}

/// `sortedBy` a field (by its text), then reversed for `sortingOrder` `DESC` (VPC) or `descending`
/// (Classic, any case).
fn sort(items: &mut [Fields], p: &Params) {
    if let Some(field) = p.str("sortedBy") {
        items.sort_by_key(|row| text(row.get(field)).unwrap_or_default());
    }
    if p.str("sortingOrder")
        .is_some_and(|o| o.eq_ignore_ascii_case("desc") || o.eq_ignore_ascii_case("descending"))
    {
        items.reverse();
    }
}
