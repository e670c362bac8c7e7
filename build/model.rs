//! Reads `model/*.toml` (format: `model/README.md`) into checked declarations for `emit.rs`.
//! Everything a reviewer could get wrong is refused here with the file and entry named: unknown keys,
//! unknown types, models or inputs, duplicate names, method paths claimed twice, waiters pointing at
//! fields that do not exist.

use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The model files, in the order their actions are numbered. Any other `.toml` file is an error, so
/// that nothing is silently left out, except [`NOT_ACTIONS`].
pub const FILES: &[&str] = &[
    "common",
    "server",
    "loadbalancer",
    "monitoring",
    "geolocation",
    "vserver",
    "vpc",
];

/// Files of `model/` that declare no action: `surfaces.toml`, the old clients' methods, read by
/// `build/surfaces.rs`; `descriptions.toml`, the words of the parameters and fields, read by the
/// generator of the typings and the reference (`tests/generate/`).
pub const NOT_ACTIONS: &[&str] = &["surfaces", "descriptions"];

/// The implicit model of `code` fields (`{ code, codeName }`).
pub const COMMON_CODE: &str = "CommonCode";

#[derive(Debug, Clone)]
pub struct Api {
    pub name: String,
    pub title: String,
    pub prefix: String,
    /// Where NCP serves it on each of its sites, in the order of `site::SITES`.
    pub hosts: Vec<String>,
    /// Its page in each site's API reference (`https://{site's docs host}/docs/{docs}`).
    pub docs: String,
    pub classic: bool,
    pub methods: Vec<String>,
    pub not_found: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum PType {
    Str,
    Int,
    Long,
    Bool,
    StrList,
    IntList,
    ObjList(String),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Req {
    Yes,
    No,
    With(String),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Rule {
    Len(u64, u64),
    MaxBytes(u64),
    ImageName,
    OneOf(Vec<String>),
    OneOfCi(Vec<String>),
    Range(Option<i64>, Option<i64>),
    Items(u64, Option<u64>),
    Unique,
    Check(String),
    /// `codes=set`: the values of a model code set (an open set: only the emulator refuses others).
    Codes(String),
}

#[derive(Debug, Clone)]
pub struct Param {
    pub name: String,
    pub ty: PType,
    pub req: Req,
    pub rules: Vec<Rule>,
    pub base64: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum FType {
    Str,
    Int,
    Long,
    Float,
    Bool,
    Code(Option<String>),
    StrList,
    Obj(String),
    List(String),
}

#[derive(Debug, Clone)]
pub struct Field {
    pub name: String,
    pub ty: FType,
    pub always: bool,
}

#[derive(Debug, Clone)]
pub struct Model {
    pub name: String,
    pub xml: String,
    pub fields: Vec<Field>,
}

#[derive(Debug, Clone)]
pub struct Input {
    pub name: String,
    pub params: Vec<Param>,
}

#[derive(Debug, Clone)]
pub struct Action {
    pub api: usize,
    pub name: String,
    pub group: String,
    pub summary: String,
    pub params: Vec<Param>,
    pub returns: Vec<Field>,
    pub mutating: bool,
    /// The answer's wrapper when NCP names it otherwise than `{name}Response`.
    pub wrapper: Option<String>,
    pub methods: Vec<String>,
    /// The paginator's method paths (empty: none).
    pub paginators: Vec<String>,
}

impl Action {
    /// The answer's list: its first list-of-model field.
    pub fn list(&self) -> Option<(&str, &str)> {
        self.returns.iter().find_map(|f| match &f.ty {
            FType::List(m) => Some((f.name.as_str(), m.as_str())),
            _ => None,
        })
    }
    pub fn total_rows(&self) -> bool {
        self.returns.iter().any(|f| f.name == "totalRows")
    }
    pub fn param(&self, name: &str) -> Option<&Param> {
        self.params.iter().find(|p| p.name == name)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Matcher {
    Path {
        path: Vec<String>,
        op: Op,
        values: Vec<String>,
    },
    Empty,
    Error(String),
    Gone,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Op {
    Eq,
    Ne,
    In,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum State {
    Success,
    Failure,
    Retry,
}

#[derive(Debug, Clone)]
pub struct Waiter {
    pub api: usize,
    pub name: String,
    pub action: usize,
    pub id: String,
    pub goal: String,
    pub timeout_ms: u64,
    pub acceptors: Vec<(State, Matcher)>,
    pub methods: Vec<String>,
}

#[derive(Debug, Default)]
pub struct Set {
    pub apis: Vec<Api>,
    pub codes: BTreeMap<String, Vec<String>>,
    pub models: Vec<Model>,
    pub inputs: Vec<Input>,
    pub actions: Vec<Action>,
    pub waiters: Vec<Waiter>,
    /// The emulator's resource kinds (`build/kinds.rs`).
    pub kinds: Vec<crate::kinds::Kind>,
    /// Record shapes only the emulator keeps.
    pub records: Vec<crate::kinds::Record>,
    /// Code names by table (`[names.*]`): code -> name, in declaration order.
    pub names: BTreeMap<String, Vec<(String, String)>>,
}

// ------------------------------------------------------------------------------------------------
// The TOML form.

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileToml {
    api: Option<ApiToml>,
    codes: Option<toml::Table>,
    models: Option<toml::Table>,
    inputs: Option<toml::Table>,
    actions: Option<toml::Table>,
    waiters: Option<toml::Table>,
    kinds: Option<toml::Table>,
    records: Option<toml::Table>,
    names: Option<toml::Table>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ApiToml {
    name: String,
    title: String,
    prefix: String,
    hosts: BTreeMap<String, String>,
    docs: String,
    env: String,
    methods: Vec<String>,
    #[serde(default)]
    not_found: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ModelToml {
    xml: Option<String>,
    fields: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InputToml {
    params: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ActionToml {
    group: String,
    summary: String,
    #[serde(default)]
    params: Vec<String>,
    #[serde(default)]
    returns: Vec<String>,
    mutating: Option<bool>,
    wrapper: Option<String>,
    methods: Option<Vec<String>>,
    paginate: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WaiterToml {
    action: String,
    id: String,
    goal: String,
    timeout: String,
    acceptors: Vec<String>,
}

pub type R<T> = Result<T, String>;

fn table<T: serde::de::DeserializeOwned>(t: Option<toml::Table>, what: &str) -> R<Vec<(String, T)>> {
    let mut out = Vec::new();
    for (k, v) in t.unwrap_or_default() {
        let parsed: T = v.try_into().map_err(|e| format!("[{what}.{k}]: {e}"))?;
        out.push((k, parsed));
    }
    Ok(out)
}

/// Reads and checks every model file of `dir`.
pub fn load(dir: &Path) -> R<Set> {
    let mut present = BTreeSet::new();
    for entry in std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.extension().is_some_and(|x| x == "toml") {
            let stem = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default()
                .to_string();
            if NOT_ACTIONS.contains(&stem.as_str()) {
                continue;
            }
            if !FILES.contains(&stem.as_str()) {
                return Err(format!("{}: not a model file (known: {FILES:?})", path.display()));
            }
            present.insert(stem);
        }
    }
    let mut set = Set::default();
    let mut raw_actions = Vec::new();
    let mut raw_waiters = Vec::new();
    let mut raw_kinds = Vec::new();
    for name in FILES.iter().filter(|f| present.contains(**f)) {
        let path = dir.join(format!("{name}.toml"));
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let file: FileToml = toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        let ctx = |e: String| format!("model/{name}.toml: {e}");
        let api = match file.api {
            Some(a) => {
                if a.name != *name {
                    return Err(ctx(format!("[api] name '{}' must be the file's name", a.name)));
                }
                let classic = match a.env.as_str() {
                    "classic" => true,
                    "vpc" => false,
                    other => return Err(ctx(format!("[api] env must be 'classic' or 'vpc', got '{other}'"))),
                };
                // A host on every site, and only on NCP's sites.
                let mut hosts = Vec::new();
                for site in crate::site::SITES {
                    let Some(h) = a.hosts.get(site.name()) else {
                        return Err(ctx(format!(
                            "[api] hosts has no '{}' (every site needs a host)",
                            site.name()
                        )));
                    };
                    let ok = !h.is_empty()
                        && h.split('.')
                            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
                    if !ok {
                        return Err(ctx(format!(
                            "[api] hosts.{} must be a host name such as 'x.apigw.ntruss.com', got '{h}'",
                            site.name()
                        )));
                    }
                    hosts.push(h.clone());
                }
                if let Some(other) = a.hosts.keys().find(|k| crate::site::Site::parse(k).is_none()) {
                    return Err(ctx(format!("[api] hosts.{other}: not a site (public, gov, fin)")));
                }
                if a.docs.is_empty()
                    || !a
                        .docs
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                {
                    return Err(ctx(format!(
                        "[api] docs must be a reference page's name such as 'compute-vserver', got '{}'",
                        a.docs
                    )));
                }
                set.apis.push(Api {
                    name: a.name,
                    title: a.title,
                    prefix: a.prefix,
                    hosts,
                    docs: a.docs,
                    classic,
                    methods: a.methods,
                    not_found: a.not_found,
                });
                Some(set.apis.len() - 1)
            }
            None => None,
        };
        for (k, v) in file.codes.unwrap_or_default() {
            let values: Vec<String> = v.try_into().map_err(|e| ctx(format!("[codes] {k}: {e}")))?;
            if set.codes.insert(k.clone(), values).is_some() {
                return Err(ctx(format!("code set '{k}' declared twice")));
            }
        }
        for (k, m) in table::<ModelToml>(file.models, "models").map_err(ctx)? {
            let fields = m
                .fields
                .iter()
                .map(|s| crate::specs::field(s))
                .collect::<R<Vec<_>>>()
                .map_err(|e| ctx(format!("[models.{k}] {e}")))?;
            let xml = m.xml.unwrap_or_else(|| lower_first(&k));
            set.models.push(Model { name: k, xml, fields });
        }
        for (k, i) in table::<InputToml>(file.inputs, "inputs").map_err(ctx)? {
            let params = i
                .params
                .iter()
                .map(|s| crate::specs::param(s))
                .collect::<R<Vec<_>>>()
                .map_err(|e| ctx(format!("[inputs.{k}] {e}")))?;
            set.inputs.push(Input { name: k, params });
        }
        for (k, v) in file.names.unwrap_or_default() {
            let table: toml::Table = v.try_into().map_err(|e| ctx(format!("[names.{k}]: {e}")))?;
            let mut pairs = Vec::new();
            for (code, name) in table {
                let name = name
                    .as_str()
                    .ok_or_else(|| ctx(format!("[names.{k}] {code}: a code name is text")))?;
                pairs.push((code, name.to_string()));
            }
            if set.names.insert(k.clone(), pairs).is_some() {
                return Err(ctx(format!("names '{k}' declared twice")));
            }
        }
        let records = table::<crate::kinds::RecordToml>(file.records, "records").map_err(ctx)?;
        set.records.extend(crate::kinds::records(name, records)?);
        raw_kinds.push((name, table::<crate::kinds::KindToml>(file.kinds, "kinds").map_err(ctx)?));
        let actions = table::<ActionToml>(file.actions, "actions").map_err(ctx)?;
        let waiters = table::<WaiterToml>(file.waiters, "waiters").map_err(ctx)?;
        if api.is_none() && (!actions.is_empty() || !waiters.is_empty()) {
            return Err(ctx("actions and waiters need an [api] table".into()));
        }
        if let Some(api) = api {
            raw_actions.extend(actions.into_iter().map(|a| (api, a)));
            raw_waiters.extend(waiters.into_iter().map(|w| (api, w)));
        }
    }
    for (file, kinds) in raw_kinds {
        let read = crate::kinds::kinds(file, kinds, &set)?;
        set.kinds.extend(read);
    }
    for (api, (k, a)) in raw_actions {
        let ctx = |e: String| format!("model/{}.toml [actions.{k}]: {e}", set.apis[api].name);
        let params = a
            .params
            .iter()
            .map(|s| crate::specs::param(s))
            .collect::<R<Vec<_>>>()
            .map_err(ctx)?;
        let returns = a
            .returns
            .iter()
            .map(|s| crate::specs::field(s))
            .collect::<R<Vec<_>>>()
            .map_err(ctx)?;
        let templates = a.methods.unwrap_or_else(|| set.apis[api].methods.clone());
        let paginate = a.paginate.unwrap_or(true)
            && params.iter().any(|p| p.name == "pageNo")
            && params.iter().any(|p| p.name == "pageSize");
        let paginators = if paginate {
            expand(&templates, &format!("paginate{}", upper_first(&k))).map_err(ctx)?
        } else {
            Vec::new()
        };
        set.actions.push(Action {
            api,
            mutating: a.mutating.unwrap_or(!k.starts_with("get")),
            wrapper: a.wrapper,
            methods: expand(&templates, &k).map_err(ctx)?,
            paginators,
            name: k,
            group: a.group,
            summary: a.summary,
            params,
            returns,
        });
    }
    for (api, (k, w)) in raw_waiters {
        let ctx = |e: String| format!("model/{}.toml [waiters.{k}]: {e}", set.apis[api].name);
        let action = set
            .actions
            .iter()
            .position(|a| a.api == api && a.name == w.action)
            .ok_or_else(|| ctx(format!("no action '{}' in this API", w.action)))?;
        let acceptors = w
            .acceptors
            .iter()
            .map(|s| crate::specs::acceptor(s))
            .collect::<R<Vec<_>>>()
            .map_err(ctx)?;
        let timeout_ms = duration_ms(&w.timeout).map_err(ctx)?;
        let methods = expand(&set.apis[api].methods, &k).map_err(ctx)?;
        set.waiters.push(Waiter {
            api,
            methods,
            name: k,
            action,
            id: w.id,
            goal: w.goal,
            timeout_ms,
            acceptors,
        });
    }
    crate::checks::check(&set)?;
    crate::kinds::check(&set)?;
    Ok(set)
}

fn expand(templates: &[String], name: &str) -> R<Vec<String>> {
    if templates.is_empty() {
        return Err("no method path".into());
    }
    templates
        .iter()
        .map(|t| {
            if t.contains("{name}") {
                Ok(t.replace("{name}", name))
            } else {
                Err(format!("method template '{t}' has no {{name}}"))
            }
        })
        .collect()
}

pub fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

pub fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

fn duration_ms(s: &str) -> R<u64> {
    let (num, unit) = s.split_at(s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len()));
    let n: u64 = num
        .parse()
        .map_err(|_| format!("timeout '{s}': expected e.g. 90s, 10m, 1h"))?;
    let mult = match unit {
        "ms" => 1,
        "s" => 1_000,
        "m" => 60_000,
        "h" => 3_600_000,
        _ => return Err(format!("timeout '{s}': the unit is ms, s, m or h")),
    };
    Ok(n * mult)
}
