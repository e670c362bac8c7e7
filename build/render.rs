//! How a kind's records are answered besides the fields they hold (`[kinds.<Kind>.render]`,
//! model/README.md, "Rendering"): linked records embedded (a Classic public IP's server), and what an
//! answer says for a field a record leaves out (a value NCP's reference makes always present that the
//! emulator cannot know, or a copy of another field). Read and checked here against the kind's
//! fields; `build/emit_kinds.rs` writes them into the kind's facts, `src/emulator/render.rs` applies
//! them to every answer that shows a record of the kind, at any depth.

use crate::kinds::{record_fields, Kind};
use crate::model::{FType, Set, COMMON_CODE};
use serde::Deserialize;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RenderToml {
    /// `"field: source"`.
    #[serde(default)]
    embed: Vec<String>,
    /// `field = value` (TOML: text, number, boolean, `{ code, codeName }`).
    #[serde(default)]
    defaults: toml::Table,
    /// `field = "other field"`.
    #[serde(default)]
    copies: toml::Table,
    /// `"<group>::<function>"`: behaviour of the API's handlers run on each answered record last.
    hook: Option<String>,
}

/// Where an embedded field's records (or texts) come from.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    /// The texts at a path of the record, through nested records and lists (`serverInstanceNo`,
    /// `accessControlRules.serverInstanceNo`).
    Path(Vec<String>),
    /// `children Kind.field`: the `field` of the records of `Kind` whose parent field names this record.
    Children {
        kind: String,
        parent: String,
        field: String,
    },
}

#[derive(Debug, Clone, Default)]
pub struct Render {
    /// `(answer field, source)`.
    pub embed: Vec<(String, Source)>,
    /// `(answer field, value)`.
    pub defaults: Vec<(String, toml::Value)>,
    /// `(answer field, field copied)`.
    pub copies: Vec<(String, String)>,
    /// A handler function completing each answered record (`<group>::<function>` of the kind's API).
    pub hook: Option<String>,
}

/// A TOML value as JSON text.
pub fn json(v: &toml::Value) -> Result<String, String> {
    Ok(match v {
        toml::Value::String(s) => {
            let mut o = String::from("\"");
            for c in s.chars() {
                match c {
                    '"' => o.push_str("\\\""),
                    '\\' => o.push_str("\\\\"),
                    c if (c as u32) < 0x20 => o.push_str(&format!("\\u{:04x}", c as u32)),
                    c => o.push(c),
                }
            }
            o.push('"');
            o
        }
        toml::Value::Integer(i) => i.to_string(),
        toml::Value::Float(f) => f.to_string(),
        toml::Value::Boolean(b) => b.to_string(),
        toml::Value::Table(t) => {
            let parts: Result<Vec<String>, String> = t
                .iter()
                .map(|(k, v)| Ok(format!("{}:{}", json(&toml::Value::String(k.clone()))?, json(v)?)))
                .collect();
            format!("{{{}}}", parts?.join(","))
        }
        other => return Err(format!("{other:?}: a text, number, boolean or {{ code, codeName }}")),
    })
}

/// Whether a TOML value fits a field's type.
fn fits(v: &toml::Value, ty: &FType) -> bool {
    match (ty, v) {
        (FType::Str, toml::Value::String(_)) => true,
        (FType::Int | FType::Long, toml::Value::Integer(_)) => true,
        (FType::Float, toml::Value::Float(_) | toml::Value::Integer(_)) => true,
        (FType::Bool, toml::Value::Boolean(_)) => true,
        (FType::Code(_), toml::Value::Table(t)) => {
            t.len() == 2
                && t.get("code").is_some_and(toml::Value::is_str)
                && t.get("codeName").is_some_and(toml::Value::is_str)
        }
        (FType::Obj(m), toml::Value::Table(t)) if m == COMMON_CODE => {
            t.len() == 2
                && t.get("code").is_some_and(toml::Value::is_str)
                && t.get("codeName").is_some_and(toml::Value::is_str)
        }
        _ => false,
    }
}

/// The type at a path of the kind's record, through nested records and lists (a list's items).
fn path_type<'a>(set: &'a Set, kind: &'a Kind, path: &[String]) -> Option<&'a FType> {
    let (first, rest) = path.split_first()?;
    let mut ty = &kind.field(first)?.ty;
    for seg in rest {
        let (FType::Obj(m) | FType::List(m)) = ty else {
            return None;
        };
        ty = &record_fields(set, m)?.iter().find(|f| &f.name == seg)?.ty;
    }
    Some(ty)
}

/// Reads a kind's `render` table (fields checked once every kind is read: [`check`]).
pub fn read(r: Option<RenderToml>) -> Result<Render, String> {
    let Some(r) = r else { return Ok(Render::default()) };
    let mut out = Render::default();
    for e in &r.embed {
        let (field, source) = e
            .split_once(':')
            .ok_or_else(|| format!("embed '{e}': expected 'field: source'"))?;
        let source = source.trim();
        let source = match source.strip_prefix("children ") {
            Some(rest) => {
                let (kind, field) = rest
                    .trim()
                    .split_once('.')
                    .ok_or_else(|| format!("embed '{e}': expected 'children Kind.field'"))?;
                Source::Children {
                    kind: kind.into(),
                    parent: String::new(),
                    field: field.into(),
                }
            }
            None => Source::Path(source.split('.').map(str::to_string).collect()),
        };
        out.embed.push((field.trim().to_string(), source));
    }
    for (field, v) in &r.defaults {
        json(v).map_err(|e| format!("defaults.{field}: {e}"))?;
        out.defaults.push((field.clone(), v.clone()));
    }
    out.hook = r.hook;
    for (field, v) in &r.copies {
        let from = v
            .as_str()
            .ok_or_else(|| format!("copies.{field}: the name of a field, as text"))?;
        out.copies.push((field.clone(), from.to_string()));
    }
    Ok(out)
}

/// Checks a kind's rendering against its fields and the other kinds; fills in the parent field of
/// `children` sources.
pub fn check(set: &Set, kind: &Kind) -> Result<Render, String> {
    let mut r = kind.render.clone();
    let model = |name: &str| record_fields(set, name);
    let is_kind = |name: &str| set.kinds.iter().any(|k| k.name == name);
    for (field, source) in &mut r.embed {
        let target = kind
            .fields
            .iter()
            .find(|f| &f.name == field)
            .ok_or_else(|| format!("embed {field}: no field of the model"))?;
        // The kind a `children` source's texts name (its own numbers).
        let named = match source {
            Source::Children {
                kind: child, field: f, ..
            } => set
                .kinds
                .iter()
                .find(|k| &k.name == child)
                .filter(|k| k.id.as_deref() == Some(f.as_str())),
            Source::Path(_) => None,
        };
        // What one text of the source becomes: a record of a kind, an object holding one, the named
        // record answered through the field's model (its fields a part of the record's), an object of
        // one text field, or the text itself; a number counts them.
        let ok = match &target.ty {
            FType::StrList | FType::Str | FType::Int | FType::Long => true,
            FType::Obj(m) | FType::List(m) => {
                is_kind(m)
                    || model(m).is_some_and(|fs| {
                        fs.iter().any(|f| matches!(&f.ty, FType::Obj(k) if is_kind(k)))
                            || named.is_some_and(|k| fs.iter().all(|f| k.field(&f.name).is_some_and(|x| x.ty == f.ty)))
                            || (fs.len() == 1 && fs[0].ty == FType::Str)
                    })
            }
            _ => false,
        };
        if !ok {
            return Err(format!(
                "embed {field}: not a field that records of a kind or texts can fill"
            ));
        }
        match source {
            Source::Path(p) => match path_type(set, kind, p) {
                Some(FType::Str | FType::StrList) => {}
                _ => {
                    return Err(format!(
                        "embed {field}: '{}' is no text field of the record",
                        p.join(".")
                    ))
                }
            },
            Source::Children {
                kind: child,
                parent,
                field: f,
            } => {
                let c = set
                    .kinds
                    .iter()
                    .find(|k| &k.name == child)
                    .ok_or_else(|| format!("embed {field}: no kind '{child}'"))?;
                let (pf, _) =
                    c.parents.iter().find(|(_, p)| p == &kind.name).ok_or_else(|| {
                        format!("embed {field}: '{child}' has no parent field naming a {}", kind.name)
                    })?;
                if !matches!(c.field(f).map(|x| &x.ty), Some(FType::Str)) {
                    return Err(format!("embed {field}: '{child}' has no text field '{f}'"));
                }
                *parent = pf.clone();
            }
        }
    }
    if let Some(h) = &r.hook {
        let ok = h.split_once("::").is_some_and(|(g, f)| {
            [g, f]
                .iter()
                .all(|x| !x.is_empty() && x.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
        });
        if !ok || !set.apis.iter().any(|a| a.name == kind.file) {
            return Err(format!(
                "hook '{h}': '<group>::<function>' of the handlers of the kind's API"
            ));
        }
    }
    for (field, v) in &r.defaults {
        let f = kind
            .fields
            .iter()
            .find(|f| &f.name == field)
            .ok_or_else(|| format!("defaults.{field}: no field of the model"))?;
        if !fits(v, &f.ty) {
            return Err(format!("defaults.{field}: not a value of its type"));
        }
    }
    for (field, from) in &r.copies {
        let (Some(a), Some(b)) = (kind.fields.iter().find(|f| &f.name == field), kind.field(from)) else {
            return Err(format!(
                "copies.{field}: '{field}' or '{from}' is no field of the record"
            ));
        };
        if a.ty != b.ty {
            return Err(format!("copies.{field}: '{from}' is of another type"));
        }
    }
    Ok(r)
}
