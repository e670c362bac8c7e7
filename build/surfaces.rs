//! Reads `model/surfaces.toml` (the old clients' methods; format in its header) into checked
//! declarations for `build/emit_surfaces.rs`, refusing what a reviewer could get wrong with the entry
//! named: unknown keys, flags, shapes, argument kinds and message sets; actions the model does not
//! have; renames to parameters the action does not take; response renames of fields its answer does
//! not have; 1.x methods wrapping methods that do not exist.

use crate::model::{FType, PType, Set};
pub use crate::surfaces_v1::V1Surface;
use crate::surfaces_v1::{v1, V1SurfaceToml};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// The result shapes of 0.1.x methods (`surfaces.toml`'s header defines each).
pub const V0_SHAPES: &[&str] = &[
    "list",
    "list_filter",
    "flavors",
    "servers",
    "server",
    "server_found",
    "first",
    "private_images",
    "private_images_vm",
    "private_image",
    "public_ips",
    "public_ip",
    "login_key_created",
    "root_password",
    "port_forwarding",
    "port_forwarding_rule",
    "port_forwarding_deleted",
    "statistics",
    "geolocation",
    "retired",
];
pub const ARGS: &[&str] = &["none", "params", "params?", "params|list", "params->emitter"];
pub const TRANSFORMS: &[&str] = &["base64", "strip_fraction", "append_newline"];
pub const FLOWS: &[&str] = &["attach_public_ip"];
pub const MESSAGE_SETS: &[&str] = &["seed", "0.1.39", "common", "v1"];
/// The messages each set has, every one of them (the code reads them by these names).
pub const MESSAGE_KEYS: &[(&str, &[&str])] = &[
    ("seed", &["missing", "unknown", "length", "items"]),
    ("0.1.39", &["missing", "unknown", "length", "items"]),
    (
        "common",
        &[
            "api",
            "only_one",
            "invalid_ip",
            "private_ip",
            "server_not_found",
            "wait_status",
            "wait_timeout",
            "no_public_ip",
            "pf_array",
            "filter_vcpu",
            "filter_memory",
            "filter_storage",
            "filter_storage_type",
            "filter_public_ip",
            "storage_error",
        ],
    ),
    (
        "v1",
        &[
            "type_string",
            "type_enum",
            "type_string_list",
            "type_number",
            "type_array",
            "type_boolean",
            "missing",
            "warning",
        ],
    ),
];

#[derive(Debug, Clone, Default)]
pub struct V0Param {
    pub name: String,
    pub required: bool,
    pub len: Option<(u64, u64)>,
    pub items: Option<(u64, Option<u64>)>,
    pub default: Option<String>,
    pub local: bool,
    pub ip: bool,
    pub extension: bool,
}

#[derive(Debug, Clone)]
pub struct V0 {
    pub path: String,
    /// Index into `Set::actions`; `None` for a retired API.
    pub action: Option<usize>,
    pub also: Vec<usize>,
    pub old_action: Option<String>,
    pub args: String,
    pub since: String,
    pub in_0_1_39: bool,
    pub params: Vec<V0Param>,
    pub renames: Vec<(String, String)>,
    pub one_as_list: Vec<String>,
    /// `param <- action`: the value is read first with that action (index into `Set::actions`).
    pub lookups: Vec<(String, usize)>,
    pub transforms: Vec<(String, String)>,
    pub messages: Option<String>,
    pub shape: String,
    pub response_renames: Vec<(String, String)>,
    pub queue: bool,
    pub flow: Option<String>,
    pub differs: Option<String>,
    pub retired: Option<String>,
    pub replacement: Option<String>,
}

#[derive(Debug, Default)]
pub struct Surfaces {
    /// `server.STATUS`: (key, status name), in file order.
    pub server_status: Vec<(String, String)>,
    /// (set, key, text), in file order.
    pub messages: Vec<(String, String, String)>,
    pub v0: Vec<V0>,
    pub v1: Vec<V1Surface>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileToml {
    server_status: toml::Table,
    messages: BTreeMap<String, toml::Table>,
    v0: toml::Table,
    v1: toml::Table,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct V0Toml {
    action: String,
    #[serde(default)]
    also: Vec<String>,
    old_action: Option<String>,
    args: String,
    since: String,
    in_0_1_39: Option<bool>,
    #[serde(default)]
    params: Vec<String>,
    #[serde(default)]
    renames: Vec<String>,
    #[serde(default)]
    one_as_list: Vec<String>,
    #[serde(default)]
    defaults: Vec<String>,
    #[serde(default)]
    transforms: Vec<String>,
    messages: Option<String>,
    shape: String,
    #[serde(default)]
    response_renames: Vec<String>,
    queue: Option<String>,
    flow: Option<String>,
    differs: Option<String>,
    retired: Option<String>,
    replacement: Option<String>,
    #[allow(dead_code)] // documentation: a known key, not used by the build
    notes: Option<String>,
}

pub(crate) type R<T> = Result<T, String>;

fn arrow(s: &str, sep: &str, what: &str) -> R<(String, String)> {
    let (a, b) = s
        .split_once(sep)
        .ok_or_else(|| format!("{what} '{s}': expected 'a {} b'", sep.trim()))?;
    let (a, b) = (a.trim(), b.trim());
    if a.is_empty() || b.is_empty() || a.contains(' ') || b.contains(' ') {
        return Err(format!("{what} '{s}': expected 'a {} b'", sep.trim()));
    }
    Ok((a.to_string(), b.to_string()))
}

fn range(v: &str, flag: &str) -> R<(u64, Option<u64>)> {
    let (a, b) = v.split_once("..").ok_or_else(|| format!("{flag}={v}: expected a..b"))?;
    let a = a.parse().map_err(|_| format!("{flag}={v}: '{a}' is not a number"))?;
    let b = if b.is_empty() {
        None
    } else {
        Some(b.parse().map_err(|_| format!("{flag}={v}: '{b}' is not a number"))?)
    };
    Ok((a, b))
}

/// `"name flag flag=value ..."`; also gives the names of an `unchecked_one_of=a|b` entry.
fn v0_param(s: &str) -> R<(Option<V0Param>, Vec<String>)> {
    let mut words = s.split_whitespace();
    let first = words.next().ok_or("an empty parameter")?;
    if let Some(names) = first.strip_prefix("unchecked_one_of=") {
        return Ok((None, names.split('|').map(str::to_string).collect()));
    }
    if !first.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(format!("parameter '{s}': bad name '{first}'"));
    }
    let mut p = V0Param {
        name: first.to_string(),
        ..V0Param::default()
    };
    for flag in words {
        let (k, v) = flag.split_once('=').unwrap_or((flag, ""));
        match (k, v) {
            ("required", "") => p.required = true,
            ("local", "") => p.local = true,
            ("ip", "") => p.ip = true,
            ("extension", "") => p.extension = true,
            ("len", v) => match range(v, k)? {
                (a, Some(b)) => p.len = Some((a, b)),
                _ => return Err(format!("parameter '{s}': len needs an upper bound")),
            },
            ("items", v) => p.items = Some(range(v, k)?),
            ("default", v) if !v.is_empty() => p.default = Some(v.to_string()),
            _ => return Err(format!("parameter '{s}': unknown flag '{flag}'")),
        }
    }
    Ok((Some(p), Vec::new()))
}

pub(crate) fn action_index(set: &Set, full: &str) -> R<usize> {
    let (api, name) = full
        .split_once('.')
        .ok_or_else(|| format!("action '{full}': expected <api>.<action>"))?;
    set.actions
        .iter()
        .position(|a| set.apis[a.api].name == api && a.name == name)
        .ok_or_else(|| format!("action '{full}' is not in the model"))
}

/// Whether `path` (`a`, `a.b`, `a.*.b`) names a field of `model`, following objects and lists.
fn field_path(set: &Set, model: &str, path: &str) -> bool {
    let mut cur = Some(model.to_string());
    let parts: Vec<&str> = path.split('.').filter(|p| *p != "*").collect();
    for (i, part) in parts.iter().enumerate() {
        let Some(m) = cur.as_deref().and_then(|n| set.models.iter().find(|m| m.name == n)) else {
            return false;
        };
        let Some(f) = m.fields.iter().find(|f| f.name == *part) else {
            return false;
        };
        cur = match &f.ty {
            FType::Obj(n) | FType::List(n) => Some(n.clone()),
            _ if i + 1 == parts.len() => None,
            _ => return false,
        };
    }
    true
}

/// Whether `target` (`name`, or an object-list path `list.1.field`) is a parameter of the action.
fn param_path(set: &Set, action: usize, target: &str) -> bool {
    let a = &set.actions[action];
    let mut parts = target.split('.');
    let Some(p) = parts.next().and_then(|n| a.param(n)) else {
        return false;
    };
    match (parts.next(), parts.next(), parts.next(), &p.ty) {
        (None, ..) => true,
        (Some(i), Some(field), None, PType::ObjList(input)) if i.parse::<u32>().is_ok() => set
            .inputs
            .iter()
            .any(|x| &x.name == input && x.params.iter().any(|q| q.name == field)),
        _ => false,
    }
}

pub(crate) fn transform(s: &str, known: &dyn Fn(&str) -> bool) -> R<(String, String)> {
    let (key, name) = s
        .split_once(' ')
        .ok_or_else(|| format!("transform '{s}': expected 'key name'"))?;
    if !TRANSFORMS.contains(&name) {
        return Err(format!(
            "transform '{s}': unknown transformation '{name}' (known: {TRANSFORMS:?})"
        ));
    }
    if !known(key) {
        return Err(format!("transform '{s}': '{key}' is not a parameter"));
    }
    Ok((key.to_string(), name.to_string()))
}

/// Reads and checks `dir/surfaces.toml` against the model.
pub fn load(dir: &Path, set: &Set) -> R<Surfaces> {
    let path = dir.join("surfaces.toml");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let file: FileToml = toml::from_str(&text).map_err(|e| format!("model/surfaces.toml: {e}"))?;
    let mut out = Surfaces::default();
    for (k, v) in &file.server_status {
        let name = v
            .as_str()
            .ok_or_else(|| format!("model/surfaces.toml [server_status] {k}: not a string"))?;
        out.server_status.push((k.clone(), name.to_string()));
    }
    for (set_name, table) in &file.messages {
        if !MESSAGE_SETS.contains(&set_name.as_str()) {
            return Err(format!(
                "model/surfaces.toml [messages.{set_name}]: unknown message set"
            ));
        }
        let keys = MESSAGE_KEYS
            .iter()
            .find(|(s, _)| s == set_name)
            .map_or(&[][..], |(_, k)| *k);
        for (k, v) in table {
            if !keys.contains(&k.as_str()) {
                return Err(format!(
                    "model/surfaces.toml [messages.{set_name}] {k}: unknown message (known: {keys:?})"
                ));
            }
            let text = v
                .as_str()
                .ok_or_else(|| format!("model/surfaces.toml [messages.{set_name}] {k}: not a string"))?;
            out.messages.push((set_name.clone(), k.clone(), text.to_string()));
        }
        if let Some(k) = keys.iter().find(|k| !table.contains_key(**k)) {
            return Err(format!("model/surfaces.toml [messages.{set_name}]: no message {k}"));
        }
    }
    for (path, v) in file.v0 {
        let ctx = |e: String| format!("model/surfaces.toml [v0.\"{path}\"]: {e}");
        let t: V0Toml = v.try_into().map_err(|e| ctx(format!("{e}")))?;
        out.v0.push(v0(set, &path, t, &out.messages).map_err(ctx)?);
    }
    for (path, v) in file.v1 {
        let ctx = |e: String| format!("model/surfaces.toml [v1.\"{path}\"]: {e}");
        let t: V1SurfaceToml = v.try_into().map_err(|e| ctx(format!("{e}")))?;
        out.v1.push(v1(set, &path, t).map_err(ctx)?);
    }
    let mut seen = std::collections::BTreeSet::new();
    for m in &out.v0 {
        if !seen.insert(m.path.as_str()) {
            return Err(format!("model/surfaces.toml: [v0.\"{}\"] twice", m.path));
        }
    }
    Ok(out)
}

fn v0(set: &Set, path: &str, t: V0Toml, messages: &[(String, String, String)]) -> R<V0> {
    if path.split('.').count() < 2
        || !path
            .split('.')
            .all(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric()))
    {
        return Err("the path must be '<root>[.<part>].<method>'".into());
    }
    if !ARGS.contains(&t.args.as_str()) {
        return Err(format!("args '{}' (known: {ARGS:?})", t.args));
    }
    if !V0_SHAPES.contains(&t.shape.as_str()) {
        return Err(format!("shape '{}' (known: {V0_SHAPES:?})", t.shape));
    }
    if let Some(m) = &t.messages {
        if !messages.iter().any(|(s, ..)| s == m) || m == "common" || m == "v1" {
            return Err(format!("messages '{m}': not a validation message set"));
        }
    }
    if let Some(f) = &t.flow {
        if !FLOWS.contains(&f.as_str()) {
            return Err(format!("flow '{f}' (known: {FLOWS:?})"));
        }
    }
    let retired = t.shape == "retired";
    let action = if t.action.is_empty() {
        if !retired || t.retired.is_none() || t.replacement.is_none() {
            return Err("only a retired method (shape retired, with retired and replacement) has no action".into());
        }
        None
    } else {
        if retired {
            return Err("a retired method has action = \"\"".into());
        }
        Some(action_index(set, &t.action)?)
    };
    let also = t.also.iter().map(|a| action_index(set, a)).collect::<R<Vec<_>>>()?;
    let mut params = Vec::new();
    let mut one_of = Vec::new();
    for s in &t.params {
        match v0_param(s)? {
            (Some(p), _) => {
                if params.iter().any(|q: &V0Param| q.name == p.name) {
                    return Err(format!("parameter '{}' twice", p.name));
                }
                params.push(p);
            }
            (None, names) => one_of = names,
        }
    }
    let is_param = |k: &str| params.iter().any(|p| p.name == k);
    for n in &one_of {
        if !is_param(n) {
            return Err(format!("unchecked_one_of names '{n}', not a parameter"));
        }
    }
    let renames = t
        .renames
        .iter()
        .map(|r| arrow(r, "->", "rename"))
        .collect::<R<Vec<_>>>()?;
    if let Some(a) = action {
        for (from, to) in &renames {
            if !is_param(from) {
                return Err(format!("rename of '{from}', not a parameter"));
            }
            if !param_path(set, a, to) {
                return Err(format!(
                    "rename to '{to}': {} takes no such parameter",
                    set.actions[a].name
                ));
            }
        }
        for p in params
            .iter()
            .filter(|p| !p.local && !renames.iter().any(|(f, _)| *f == p.name))
        {
            if !param_path(set, a, &p.name) {
                return Err(format!(
                    "'{}' is neither renamed nor a parameter of {}",
                    p.name, set.actions[a].name
                ));
            }
        }
    }
    for k in &t.one_as_list {
        let target = renames.iter().find(|(f, _)| f == k).map(|(_, t)| t.as_str());
        let list = target.zip(action).is_some_and(|(t, a)| {
            set.actions[a]
                .param(t)
                .is_some_and(|p| matches!(p.ty, PType::StrList | PType::IntList))
        });
        if !list {
            return Err(format!("one_as_list '{k}': not renamed to a list parameter"));
        }
    }
    let mut lookups = Vec::new();
    for d in &t.defaults {
        let (param, source) = arrow(d, "<-", "default")?;
        if !is_param(&param) {
            return Err(format!("default of '{param}', not a parameter"));
        }
        lookups.push((param, action_index(set, &source)?));
    }
    let transforms = t
        .transforms
        .iter()
        .map(|s| transform(s, &is_param))
        .collect::<R<Vec<_>>>()?;
    let response_renames = t
        .response_renames
        .iter()
        .map(|r| arrow(r, "->", "response rename"))
        .collect::<R<Vec<_>>>()?;
    if let Some(a) = action.filter(|_| !response_renames.is_empty()) {
        // The port-forwarding shapes keep the answer's object: their renames start at its fields.
        let whole = t.shape == "port_forwarding" || t.shape == "port_forwarding_deleted";
        for (src, dst) in &response_renames {
            let known = if whole {
                let (head, rest) = src.split_once('.').unwrap_or((src, ""));
                set.actions[a].returns.iter().any(|f| {
                    f.name == head
                        && match (&f.ty, rest.strip_prefix("*.").unwrap_or(rest)) {
                            (_, "") => true,
                            (FType::Obj(m) | FType::List(m), rest) => field_path(set, m, rest),
                            _ => false,
                        }
                })
            } else {
                let item = set.actions[a]
                    .list()
                    .map(|(_, m)| m.to_string())
                    .ok_or_else(|| format!("{} answers no list to rename in", set.actions[a].name))?;
                field_path(set, &item, src)
            };
            if !known || dst.contains('.') {
                return Err(format!(
                    "response rename '{src} -> {dst}': the answer of {} has no field '{src}'",
                    set.actions[a].name
                ));
            }
        }
    }
    if t.queue.as_deref().is_some_and(|q| q != "3s") {
        return Err("queue is \"3s\" (the old client's step)".into());
    }
    Ok(V0 {
        path: path.to_string(),
        action,
        also,
        old_action: t.old_action,
        args: t.args,
        since: t.since,
        in_0_1_39: t.in_0_1_39.unwrap_or(true),
        params,
        renames,
        one_as_list: t.one_as_list,
        lookups,
        transforms,
        messages: t.messages,
        shape: t.shape,
        response_renames,
        queue: t.queue.is_some(),
        flow: t.flow,
        differs: t.differs,
        retired: t.retired,
        replacement: t.replacement,
    })
}
