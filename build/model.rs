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
/// `build/surfaces.rs`.
pub const NOT_ACTIONS: &[&str] = &["surfaces"];

/// The implicit model of `code` fields (`{ code, codeName }`).
pub const COMMON_CODE: &str = "CommonCode";

#[derive(Debug, Clone)]
pub struct Api {
    pub name: String,
    pub title: String,
    pub prefix: String,
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
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ApiToml {
    name: String,
    title: String,
    prefix: String,
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

type R<T> = Result<T, String>;

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
                set.apis.push(Api {
                    name: a.name,
                    title: a.title,
                    prefix: a.prefix,
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
                .map(|s| field(s))
                .collect::<R<Vec<_>>>()
                .map_err(|e| ctx(format!("[models.{k}] {e}")))?;
            let xml = m.xml.unwrap_or_else(|| lower_first(&k));
            set.models.push(Model { name: k, xml, fields });
        }
        for (k, i) in table::<InputToml>(file.inputs, "inputs").map_err(ctx)? {
            let params = i
                .params
                .iter()
                .map(|s| param(s))
                .collect::<R<Vec<_>>>()
                .map_err(|e| ctx(format!("[inputs.{k}] {e}")))?;
            set.inputs.push(Input { name: k, params });
        }
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
    for (api, (k, a)) in raw_actions {
        let ctx = |e: String| format!("model/{}.toml [actions.{k}]: {e}", set.apis[api].name);
        let params = a.params.iter().map(|s| param(s)).collect::<R<Vec<_>>>().map_err(ctx)?;
        let returns = a.returns.iter().map(|s| field(s)).collect::<R<Vec<_>>>().map_err(ctx)?;
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
            .map(|s| acceptor(s))
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
    check(&set)?;
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

// ------------------------------------------------------------------------------------------------
// One-line specs.

/// `"name: type rest"` split into (name, type, rest words).
fn split_spec(s: &str) -> R<(String, String, Vec<String>)> {
    let (name, rest) = s
        .split_once(':')
        .ok_or_else(|| format!("'{s}': expected 'name: type ...'"))?;
    let name = name.trim();
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(format!("'{s}': bad name '{name}'"));
    }
    let mut words = rest.split_whitespace().map(str::to_string);
    let ty = words.next().ok_or_else(|| format!("'{s}': no type"))?;
    Ok((name.to_string(), ty, words.collect()))
}

fn range_u(v: &str, what: &str) -> R<(Option<u64>, Option<u64>)> {
    let (a, b) = v.split_once("..").ok_or_else(|| format!("{what}={v}: expected a..b"))?;
    let num = |t: &str| -> R<Option<u64>> {
        if t.is_empty() {
            Ok(None)
        } else {
            t.parse()
                .map(Some)
                .map_err(|_| format!("{what}={v}: '{t}' is not a number"))
        }
    };
    Ok((num(a)?, num(b)?))
}

pub fn param(s: &str) -> R<Param> {
    let (name, ty, flags) = split_spec(s)?;
    let ty = match ty.as_str() {
        "str" => PType::Str,
        "int" => PType::Int,
        "long" => PType::Long,
        "bool" => PType::Bool,
        "[str]" => PType::StrList,
        "[int]" => PType::IntList,
        t if t.starts_with('[') && t.ends_with(']') && t.len() > 2 => PType::ObjList(t[1..t.len() - 1].to_string()),
        t => return Err(format!("'{s}': unknown parameter type '{t}'")),
    };
    let mut p = Param {
        name,
        ty,
        req: Req::No,
        rules: Vec::new(),
        base64: false,
    };
    for flag in flags {
        let (k, v) = flag.split_once('=').unwrap_or((flag.as_str(), ""));
        let rule = match (k, v) {
            ("required", "") => {
                p.req = Req::Yes;
                continue;
            }
            ("required_with", other) if !other.is_empty() => {
                p.req = Req::With(other.to_string());
                continue;
            }
            ("base64", "") => {
                p.base64 = true;
                continue;
            }
            ("unique", "") => Rule::Unique,
            ("image_name", "") => Rule::ImageName,
            ("len", v) => match range_u(v, k)? {
                (a, Some(b)) => Rule::Len(a.unwrap_or(0), b),
                _ => return Err(format!("'{s}': len needs an upper bound")),
            },
            ("bytes", v) => match range_u(v, k)? {
                (None, Some(b)) => Rule::MaxBytes(b),
                _ => return Err(format!("'{s}': bytes is written bytes=..N")),
            },
            ("items", v) => {
                let (a, b) = range_u(v, k)?;
                Rule::Items(a.unwrap_or(0), b)
            }
            ("range", v) => {
                let (a, b) = v.split_once("..").ok_or_else(|| format!("'{s}': range=a..b"))?;
                let num = |t: &str| -> R<Option<i64>> {
                    if t.is_empty() {
                        Ok(None)
                    } else {
                        t.parse()
                            .map(Some)
                            .map_err(|_| format!("'{s}': '{t}' is not an integer"))
                    }
                };
                Rule::Range(num(a)?, num(b)?)
            }
            ("oneof", v) if !v.is_empty() => Rule::OneOf(v.split('|').map(str::to_string).collect()),
            ("oneof_ci", v) if !v.is_empty() => Rule::OneOfCi(v.split('|').map(str::to_string).collect()),
            ("check", v) if !v.is_empty() => Rule::Check(v.to_string()),
            _ => return Err(format!("'{s}': unknown flag '{flag}'")),
        };
        p.rules.push(rule);
    }
    Ok(p)
}

pub fn field(s: &str) -> R<Field> {
    let (name, ty, flags) = split_spec(s)?;
    let ty = match ty.as_str() {
        "str" => FType::Str,
        "int" => FType::Int,
        "long" => FType::Long,
        "float" => FType::Float,
        "bool" => FType::Bool,
        "code" => FType::Code(None),
        "[str]" => FType::StrList,
        "[code]" => FType::List(COMMON_CODE.into()),
        t if t.starts_with("code(") && t.ends_with(')') => FType::Code(Some(t[5..t.len() - 1].to_string())),
        t if t.starts_with('[') && t.ends_with(']') && t.len() > 2 => FType::List(t[1..t.len() - 1].to_string()),
        t if t.starts_with(|c: char| c.is_ascii_uppercase()) => FType::Obj(t.to_string()),
        t => return Err(format!("'{s}': unknown field type '{t}'")),
    };
    let mut always = false;
    for flag in flags {
        match flag.as_str() {
            "always" => always = true,
            other => return Err(format!("'{s}': unknown flag '{other}'")),
        }
    }
    Ok(Field { name, ty, always })
}

pub fn acceptor(s: &str) -> R<(State, Matcher)> {
    let mut words = s.split_whitespace();
    let state = match words.next() {
        Some("success") => State::Success,
        Some("failure") => State::Failure,
        Some("retry") => State::Retry,
        _ => return Err(format!("acceptor '{s}': starts with success, failure or retry")),
    };
    let rest: Vec<&str> = words.collect();
    let matcher = match rest.as_slice() {
        ["empty"] => Matcher::Empty,
        ["gone"] => Matcher::Gone,
        ["error", code] => Matcher::Error((*code).to_string()),
        [path, op, value] => {
            let op = match *op {
                "=" => Op::Eq,
                "!=" => Op::Ne,
                "in" => Op::In,
                _ => return Err(format!("acceptor '{s}': the operator is =, != or in")),
            };
            let values: Vec<String> = if op == Op::In {
                value.split('|').map(str::to_string).collect()
            } else {
                vec![(*value).to_string()]
            };
            Matcher::Path {
                path: path.split('.').map(str::to_string).collect(),
                op,
                values,
            }
        }
        _ => return Err(format!("acceptor '{s}': unknown matcher")),
    };
    Ok((state, matcher))
}

// ------------------------------------------------------------------------------------------------
// Cross-checks.

fn check(set: &Set) -> R<()> {
    let mut names = BTreeSet::new();
    names.insert(COMMON_CODE);
    for m in &set.models {
        if !names.insert(m.name.as_str()) {
            return Err(format!("model '{}' declared twice", m.name));
        }
    }
    for i in &set.inputs {
        if !names.insert(i.name.as_str()) {
            return Err(format!("input '{}' has the name of another model or input", i.name));
        }
    }
    let model = |n: &str| n == COMMON_CODE || set.models.iter().any(|m| m.name == n);
    let input = |n: &str| set.inputs.iter().any(|i| i.name == n);
    let check_fields = |owner: &str, fields: &[Field]| -> R<()> {
        let mut seen = BTreeSet::new();
        for f in fields {
            if !seen.insert(f.name.as_str()) {
                return Err(format!("{owner}: field '{}' twice", f.name));
            }
            match &f.ty {
                FType::Obj(m) | FType::List(m) if !model(m) => {
                    return Err(format!("{owner}.{}: no model '{m}'", f.name));
                }
                FType::Code(Some(c)) if !set.codes.contains_key(c) => {
                    return Err(format!("{owner}.{}: no code set '{c}'", f.name));
                }
                _ => {}
            }
        }
        Ok(())
    };
    let check_params = |owner: &str, params: &[Param]| -> R<()> {
        let mut seen = BTreeSet::new();
        for p in params {
            if !seen.insert(p.name.as_str()) {
                return Err(format!("{owner}: parameter '{}' twice", p.name));
            }
            if let PType::ObjList(i) = &p.ty {
                if !input(i) {
                    return Err(format!("{owner}.{}: no input '{i}'", p.name));
                }
            }
            if let Req::With(other) = &p.req {
                if !params.iter().any(|q| &q.name == other) {
                    return Err(format!(
                        "{owner}.{}: required_with names no parameter '{other}'",
                        p.name
                    ));
                }
            }
        }
        Ok(())
    };
    for m in &set.models {
        check_fields(&m.name, &m.fields)?;
    }
    for i in &set.inputs {
        check_params(&i.name, &i.params)?;
    }
    let mut paths: BTreeMap<&str, String> = BTreeMap::new();
    let mut action_names = BTreeSet::new();
    for a in &set.actions {
        let api = &set.apis[a.api].name;
        let owner = format!("{api}.{}", a.name);
        if !action_names.insert((a.api, a.name.as_str())) {
            return Err(format!("{owner}: declared twice"));
        }
        check_fields(&owner, &a.returns)?;
        check_params(&owner, &a.params)?;
        if a.group.is_empty() || !a.group.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
            return Err(format!("{owner}: group '{}' must be snake_case", a.group));
        }
        if !a.paginators.is_empty() && (a.mutating || a.list().is_none()) {
            return Err(format!("{owner}: a paginator needs a read action with a list"));
        }
        for m in a.methods.iter().chain(&a.paginators) {
            if let Some(other) = paths.insert(m, owner.clone()) {
                return Err(format!("method '{m}' is claimed by {other} and {owner}"));
            }
        }
    }
    for w in &set.waiters {
        let a = &set.actions[w.action];
        let owner = format!("{}.{}", set.apis[w.api].name, w.name);
        if a.mutating {
            return Err(format!("{owner}: polls {}, which changes state", a.name));
        }
        if a.param(&w.id).is_none() {
            return Err(format!("{owner}: {} has no parameter '{}'", a.name, w.id));
        }
        let (_, item) = a.list().ok_or_else(|| format!("{owner}: {} answers no list", a.name))?;
        for (_, m) in &w.acceptors {
            if let Matcher::Path { path, .. } = m {
                let mut cur = set.models.iter().find(|x| x.name == item);
                for (i, seg) in path.iter().enumerate() {
                    let f = cur
                        .and_then(|x| x.fields.iter().find(|f| &f.name == seg))
                        .ok_or_else(|| format!("{owner}: no field '{}' in {item}", path[..=i].join(".")))?;
                    cur = match &f.ty {
                        FType::Obj(n) => set.models.iter().find(|x| &x.name == n),
                        FType::Code(_) => None,
                        _ => None,
                    };
                    let last = i + 1 == path.len();
                    let code_leaf = matches!(f.ty, FType::Code(_)) && i + 2 == path.len();
                    if !last && !code_leaf && cur.is_none() {
                        return Err(format!("{owner}: '{}' is not an object", path[..=i].join(".")));
                    }
                    if code_leaf {
                        let leaf = &path[i + 1];
                        if leaf != "code" && leaf != "codeName" {
                            return Err(format!("{owner}: a code has only code and codeName, not '{leaf}'"));
                        }
                        break;
                    }
                }
            }
        }
        if !w.acceptors.iter().any(|(s, _)| *s == State::Success) {
            return Err(format!("{owner}: no success acceptor"));
        }
        for m in &w.methods {
            if let Some(other) = paths.insert(m, owner.clone()) {
                return Err(format!("method '{m}' is claimed by {other} and {owner}"));
            }
        }
    }
    Ok(())
}
