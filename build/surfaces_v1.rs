//! The 1.x part of `model/surfaces.toml` (`[v1."<surface>"]`): its surfaces and methods, checked
//! against the model like the rest (`build/surfaces.rs`).

use crate::model::Set;
use crate::surfaces::{action_index, transform, R};
use serde::Deserialize;

pub const V1_SHAPES: &[&str] = &["response", "body"];

#[derive(Debug, Clone)]
pub struct V1Param {
    pub name: String,
    /// `str`, `num`, `bool`, `[str]`, `[obj]`, or 1.x's misspelt `bollean` (never checked).
    pub ty: String,
    pub required: bool,
    pub values: Vec<String>,
    pub replace: Option<String>,
    pub in_path: bool,
}

#[derive(Debug, Clone)]
pub struct V1Method {
    pub name: String,
    pub action: Option<usize>,
    pub http: String,
    pub params: Vec<V1Param>,
    pub shape: String,
    pub wraps: Option<String>,
    pub transforms: Vec<(String, String)>,
    pub result_kst: Option<String>,
    pub unreachable: bool,
    pub differs: Option<String>,
}

#[derive(Debug, Clone)]
pub struct V1Surface {
    pub path: String,
    pub api: String,
    pub since: String,
    pub returns_undefined: bool,
    pub methods: Vec<V1Method>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct V1SurfaceToml {
    #[allow(dead_code)] // documentation: a known key, not used by the build
    call: String,
    pub api: String,
    shape: String,
    since: String,
    #[serde(default)]
    returns_undefined: bool,
    #[allow(dead_code)] // documentation: a known key, not used by the build
    notes: Option<String>,
    methods: toml::Table,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct V1MethodToml {
    action: Option<String>,
    http: String,
    #[serde(default)]
    params: Option<String>,
    shape: Option<String>,
    wraps: Option<String>,
    #[serde(default)]
    transforms: Vec<String>,
    result: Option<String>,
    #[serde(default)]
    unreachable: bool,
    #[allow(dead_code)] // documentation: a known key, not used by the build
    path: Option<String>,
    differs: Option<String>,
    #[allow(dead_code)] // documentation: a known key, not used by the build
    note: Option<String>,
}

/// 1.x's `"name:type[!][=a|b][@replace]"`.
fn v1_param(s: &str) -> R<V1Param> {
    let (name, rest) = s
        .split_once(':')
        .ok_or_else(|| format!("1.x parameter '{s}': expected name:type"))?;
    let (rest, replace) = match rest.split_once('@') {
        Some((r, p)) => (r, Some(p.to_string())),
        None => (rest, None),
    };
    let (rest, values) = match rest.split_once('=') {
        Some((r, v)) => (r, v.split('|').map(str::to_string).collect()),
        None => (rest, Vec::new()),
    };
    let (ty, required) = match rest.strip_suffix('!') {
        Some(t) => (t, true),
        None => (rest, false),
    };
    if !["str", "num", "bool", "bollean", "[str]", "[obj]"].contains(&ty) {
        return Err(format!("1.x parameter '{s}': unknown type '{ty}'"));
    }
    let in_path = replace.as_deref() == Some("path");
    if replace.is_some() && !in_path && ty != "[obj]" {
        return Err(format!("1.x parameter '{s}': only [obj] lists have a @pattern"));
    }
    Ok(V1Param {
        name: name.to_string(),
        ty: ty.to_string(),
        required,
        values,
        replace: if in_path { None } else { replace },
        in_path,
    })
}

pub fn v1(set: &Set, path: &str, t: V1SurfaceToml) -> R<V1Surface> {
    if !V1_SHAPES.contains(&t.shape.as_str()) {
        return Err(format!("shape '{}' (known: {V1_SHAPES:?})", t.shape));
    }
    let api_known = set.apis.iter().any(|a| a.name == t.api);
    let mut methods = Vec::new();
    for (name, v) in &t.methods {
        let ctx = |e: String| format!("method {name}: {e}");
        let m: V1MethodToml = v.clone().try_into().map_err(|e| ctx(format!("{e}")))?;
        let shape = m.shape.clone().unwrap_or_else(|| t.shape.clone());
        if !V1_SHAPES.contains(&shape.as_str()) {
            return Err(ctx(format!("shape '{shape}'")));
        }
        if m.http != "GET" && m.http != "POST" {
            return Err(ctx(format!("http '{}'", m.http)));
        }
        let action = if m.unreachable {
            None
        } else {
            if !api_known {
                return Err(ctx(format!(
                    "api '{}' is not in the model (only unreachable methods may name another)",
                    t.api
                )));
            }
            let a = m.action.clone().unwrap_or_else(|| name.clone());
            Some(action_index(set, &format!("{}.{a}", t.api)).map_err(ctx)?)
        };
        if m.params.is_some() && m.wraps.is_some() {
            return Err(ctx(
                "a hand-written method takes the parameters of the method it wraps".into()
            ));
        }
        let params = m
            .params
            .as_deref()
            .unwrap_or_default()
            .split_whitespace()
            .map(v1_param)
            .collect::<R<Vec<_>>>()
            .map_err(ctx)?;
        let result_kst = match m.result.as_deref() {
            None => None,
            Some(r) => Some(
                r.strip_suffix(" kst")
                    .ok_or_else(|| ctx(format!("result '{r}': expected '<path> kst'")))?
                    .to_string(),
            ),
        };
        methods.push(V1Method {
            name: name.clone(),
            action,
            http: m.http,
            params,
            shape,
            wraps: m.wraps,
            transforms: Vec::new(),
            result_kst,
            unreachable: m.unreachable,
            differs: m.differs,
        });
        let raw = m.transforms;
        let last = methods.len() - 1;
        let wrapped = methods[last].wraps.clone();
        if let Some(w) = wrapped.as_ref().filter(|w| !t.methods.contains_key(w.as_str())) {
            return Err(ctx(format!("wraps '{w}', not a method of this surface")));
        }
        let wrapped_params: Vec<String> = match &wrapped {
            Some(w) => t
                .methods
                .get(w)
                .and_then(|v| v.get("params"))
                .and_then(|p| p.as_str())
                .unwrap_or_default()
                .split_whitespace()
                .filter_map(|p| p.split(':').next().map(str::to_string))
                .collect(),
            None => methods[last].params.iter().map(|p| p.name.clone()).collect(),
        };
        methods[last].transforms = raw
            .iter()
            .map(|s| transform(s, &|k| wrapped_params.iter().any(|p| p == k)))
            .collect::<R<Vec<_>>>()
            .map_err(ctx)?;
    }
    for m in &methods {
        if let Some(w) = &m.wraps {
            let target = methods.iter().find(|x| &x.name == w);
            if target.is_none_or(|x| x.wraps.is_some() || x.action != m.action) {
                return Err(format!(
                    "method {}: wraps '{w}', not a generated method of the same action",
                    m.name
                ));
            }
        }
    }
    Ok(V1Surface {
        path: path.to_string(),
        api: t.api,
        since: t.since,
        returns_undefined: t.returns_undefined,
        methods,
    })
}
