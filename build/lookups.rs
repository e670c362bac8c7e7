//! Look-ups by convention (model/README.md, "Look-ups by convention"): a `get…List` or `get…Detail`
//! action whose answer lists the records of one kind, filtered by parameters that each name a field of
//! the record by the naming NCP uses, needs no handler. This decides, for every action, whether it is
//! such a look-up and how each of its parameters filters; `build/emit.rs` routes those actions to the
//! emulator's one look-up (`src/emulator/lookup.rs`) and every other action to its handler.

use crate::kinds::Kind;
use crate::model::{Action, FType, Set};

#[path = "../src/emulator/how.rs"]
mod how;

/// How one parameter keeps records; a parent is named by its kind.
pub type How = how::How<String>;

#[derive(Debug, Clone)]
pub struct Filter {
    pub param: String,
    /// The field's path in the record (`zone.zoneNo`).
    pub field: Vec<String>,
    pub how: How,
}

#[derive(Debug, Clone)]
pub struct Lookup {
    pub kind: String,
    /// `(platform, store)`.
    pub store: (String, String),
    pub filters: Vec<Filter>,
    /// A detail action's id parameter: no record is the kind's not-found fault.
    pub detail: Option<String>,
    pub page: bool,
    pub sort: bool,
    /// The parameters the convention does not cover (another record's field, a number in other units,
    /// a parent that must exist): none for a look-up by convention; else the handler judges these and
    /// the look-up the others ([`Lookup::by_convention`]).
    pub rest: Vec<String>,
}

impl Lookup {
    /// Every parameter follows the convention: the action needs no handler.
    pub fn by_convention(&self) -> bool {
        self.rest.is_empty()
    }
}

/// Parameters every look-up may take without naming a field.
fn general(name: &str) -> bool {
    matches!(
        name,
        "regionCode" | "regionNo" | "pageNo" | "pageSize" | "sortedBy" | "sortingOrder" | "searchFilterValue"
    )
}

/// The look-up `action` is, if it lists the records of one kind named after it: by convention
/// ([`Lookup::by_convention`]), or but for the parameters in `rest`.
pub fn of(set: &Set, action: &Action) -> Option<Lookup> {
    if action.mutating || !action.name.starts_with("get") {
        return None;
    }
    let detail = action.name.ends_with("Detail");
    if !detail && !action.name.ends_with("List") {
        return None;
    }
    let (_, model) = action.list()?;
    let kind = set.kinds.iter().find(|k| k.name == model)?;
    // Named after its kind: `get<Kind>List` (Classic kinds without their `Classic`), or, for the
    // records of one parent the action requires, `get<Parent><Kind>List` (`getRouteTableSubnetList`:
    // the subnets of a route table).
    let named = action
        .name
        .strip_prefix("get")
        .and_then(|n| n.strip_suffix(if detail { "Detail" } else { "List" }))?;
    let bare = |name: &str| name.strip_prefix("Classic").unwrap_or(name).to_string();
    let own = bare(&kind.name);
    let under_parent = |prefix: &str| {
        kind.parents.iter().any(|(field, parent)| {
            bare(parent) == prefix && action.param(field).is_some_and(|p| p.req == crate::model::Req::Yes)
        })
    };
    let by_name = named == own
        || named
            .strip_suffix(own.as_str())
            .is_some_and(|p| !detail && under_parent(p));
    if !by_name {
        return None;
    }
    let platform = if set.apis[action.api].classic { "classic" } else { "vpc" };
    let mut stores = kind.stores.iter().filter(|(p, _)| p == platform);
    let store = stores.next()?.clone();
    if stores.next().is_some() {
        return None;
    }
    let mut filters = Vec::new();
    let mut rest = Vec::new();
    for p in action.params.iter().filter(|p| !general(&p.name)) {
        // A list that requires a parameter names a parent record that must exist, and a number is
        // often in other units than the record's (GB, bytes): both are a handler's.
        // A required parameter naming one of the kind's parents keeps the records of that parent,
        // which must exist.
        let id = detail && kind.id.as_deref() == Some(p.name.as_str());
        if let Some(parent) = (p.req == crate::model::Req::Yes && !id)
            .then(|| parent(set, kind, &p.name, platform))
            .flatten()
        {
            filters.push(parent);
            continue;
        }
        let handlers = (p.req != crate::model::Req::No && !id)
            || matches!(p.ty, crate::model::PType::Int | crate::model::PType::Long);
        match (handlers, filter(kind, &p.name, &p.ty)) {
            (false, Some(f)) => filters.push(f),
            _ => rest.push(p.name.clone()),
        }
    }
    let detail = match detail {
        // A detail names its record by the kind's id, which the emulator requires even where NAVER's
        // SDKs mark it optional (`lookup::answer` refuses a detail without it).
        true => {
            let id = kind.id.as_deref()?;
            action.param(id)?;
            Some(id.to_string())
        }
        false => None,
    };
    Some(Lookup {
        kind: kind.name.clone(),
        store,
        filters,
        detail,
        page: action.param("pageNo").is_some(),
        sort: action.param("sortingOrder").is_some(),
        rest,
    })
}

/// The filter of a parameter naming one of `kind`'s parents (`parents = ["routeTableNo: RouteTable"]`):
/// the parent kind, whose records (with a life, not a look-up list) are kept in a store of the
/// look-up's platform.
fn parent(set: &Set, kind: &Kind, name: &str, platform: &str) -> Option<Filter> {
    let (field, parent) = kind.parents.iter().find(|(field, _)| field == name)?;
    let p = set.kinds.iter().find(|k| &k.name == parent && !k.lookup)?;
    p.stores.iter().find(|(pl, _)| pl == platform)?;
    Some(Filter {
        param: name.to_string(),
        field: vec![field.clone()],
        how: How::Parent(p.name.clone()),
    })
}

/// How the parameter `name` filters `kind`'s records, if it names a field by NCP's conventions.
fn filter(kind: &Kind, name: &str, ty: &crate::model::PType) -> Option<Filter> {
    use crate::model::PType;
    let list = matches!(ty, PType::StrList | PType::IntList);
    let field_ty = |f: &str| kind.field(f).map(|x| &x.ty);
    let make = |field: &str, how: How| Filter {
        param: name.to_string(),
        field: vec![field.to_string()],
        how,
    };
    if name == "searchFilterName" {
        return Some(make("", How::Search));
    }
    if matches!(name, "zoneCode" | "zoneNo") {
        let zone = kind.zone.clone()?;
        return Some(Filter {
            param: name.to_string(),
            field: zone,
            how: How::Zone,
        });
    }
    if let Some((_, field)) = kind.aliases.iter().find(|(param, _)| param == name) {
        let how = match field_ty(field)? {
            FType::Bool => How::Flag,
            FType::Code(_) if list => How::CodeIn,
            FType::Code(_) => How::Code,
            _ if list => How::In,
            _ => How::Eq,
        };
        return Some(make(field, how));
    }
    let base = if list { name.strip_suffix("List")? } else { name };
    // A field of that name: text (or a number) compared as text, a boolean as a boolean.
    match field_ty(base) {
        Some(FType::Str | FType::Int | FType::Long) => return Some(make(base, if list { How::In } else { How::Eq })),
        Some(FType::Bool) if !list => return Some(make(base, How::Flag)),
        Some(FType::Code(_)) => return Some(make(base, if list { How::CodeIn } else { How::Code })),
        _ => {}
    }
    // `xCode` names the code of `x` (or of `xType`).
    let stem = base.strip_suffix("Code")?;
    for field in [stem.to_string(), format!("{stem}Type")] {
        if matches!(field_ty(&field), Some(FType::Code(_))) {
            return Some(make(&field, if list { How::CodeIn } else { How::Code }));
        }
    }
    None
}
