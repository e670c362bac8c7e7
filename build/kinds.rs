//! Reads the emulator's resource kinds (`[kinds.*]`), its own record shapes (`[records.*]`) and the code
//! names (`[names.*]`) of the model files (model/README.md, "Resource kinds"), and checks them against
//! the models: every field a kind names exists, every store is claimed once, every names table exists.

use crate::model::{FType, Field, Set, R};
use serde::Deserialize;
use std::collections::BTreeSet;

/// The two platforms a store belongs to (a fixture's `classic` and `vpc` objects).
pub const PLATFORMS: &[&str] = &["classic", "vpc"];

/// Where a kind's records say their region.
#[derive(Debug, Clone, PartialEq)]
pub enum Region {
    /// Every region (login keys, Classic groups ...).
    None,
    /// A field, or a field of a nested record (`region.regionNo`).
    Field(Vec<String>),
    /// The region of the parent record named by this field (a subnet: its VPC's).
    Parent(String),
}

#[derive(Debug, Clone)]
pub struct Kind {
    /// The record type: the model's name, or the kind's own for records no answer shows whole.
    pub name: String,
    pub file: String,
    pub doc: String,
    pub label: String,
    /// `(platform, store)`: where its records are kept (`("vpc", "servers")`).
    pub stores: Vec<(String, String)>,
    /// A plain list a fixture gives (no number of its own to act on, no life).
    pub lookup: bool,
    pub id: Option<String>,
    pub name_field: Option<String>,
    pub region: Region,
    pub zone: Option<Vec<String>>,
    pub status: Option<String>,
    pub operation: Option<String>,
    pub status_name: Option<String>,
    pub not_found: String,
    pub busy: String,
    /// `(field, kind)`: the records it belongs to.
    pub parents: Vec<(String, String)>,
    /// The record's fields: the model's, then its own.
    pub fields: Vec<Field>,
    /// Fields the API never sends.
    pub keep: Vec<Field>,
    pub status_names: Option<String>,
    pub operation_names: Option<String>,
    /// Its answers embed linked records, made by its handlers (`render = "own"`): its look-ups are
    /// written by hand.
    pub own_render: bool,
    /// `(parameter, field)`: look-up parameters named otherwise than the field they filter.
    pub aliases: Vec<(String, String)>,
    /// Its life cycle (`build/life.rs`).
    pub life: Option<crate::life::Life>,
}

impl Kind {
    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().chain(&self.keep).find(|f| f.name == name)
    }
}

/// A record shape only the emulator keeps (what a server was launched from ...).
#[derive(Debug, Clone)]
pub struct Record {
    pub name: String,
    pub doc: String,
    pub fields: Vec<Field>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindToml {
    doc: Option<String>,
    label: String,
    stores: Vec<String>,
    #[serde(default)]
    lookup: bool,
    id: Option<String>,
    name: Option<String>,
    region: Option<String>,
    zone: Option<String>,
    status: Option<String>,
    operation: Option<String>,
    status_name: Option<String>,
    not_found: Option<String>,
    busy: Option<String>,
    #[serde(default)]
    parents: Vec<String>,
    #[serde(default)]
    fields: Vec<String>,
    #[serde(default)]
    keep: Vec<String>,
    status_names: Option<String>,
    operation_names: Option<String>,
    render: Option<String>,
    #[serde(default)]
    aliases: toml::Table,
    life: Option<crate::life::LifeToml>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordToml {
    doc: Option<String>,
    fields: Vec<String>,
}

fn fields(specs: &[String]) -> R<Vec<Field>> {
    specs.iter().map(|s| crate::specs::field(s)).collect()
}

fn path(s: &str) -> Vec<String> {
    s.split('.').map(str::to_string).collect()
}

/// Reads one file's kinds (`raw`: `(name, declaration)`) against the models read so far.
pub fn kinds(file: &str, raw: Vec<(String, KindToml)>, set: &Set) -> R<Vec<Kind>> {
    let mut out = Vec::new();
    for (name, k) in raw {
        let ctx = |e: String| format!("model/{file}.toml [kinds.{name}]: {e}");
        let model = set.models.iter().find(|m| m.name == name);
        if model.is_none() && k.fields.is_empty() {
            return Err(ctx("no model of this name: declare its `fields`".into()));
        }
        let mut all: Vec<Field> = model.map(|m| m.fields.clone()).unwrap_or_default();
        all.extend(fields(&k.fields).map_err(ctx)?);
        let stores = k
            .stores
            .iter()
            .map(|s| match s.split_once('.') {
                Some((p, st)) if PLATFORMS.contains(&p) && !st.is_empty() => Ok((p.to_string(), st.to_string())),
                _ => Err(ctx(format!("store '{s}': expected 'classic.<name>' or 'vpc.<name>'"))),
            })
            .collect::<R<Vec<_>>>()?;
        let parents = k
            .parents
            .iter()
            .map(|p| match p.split_once(':') {
                Some((f, kind)) => Ok((f.trim().to_string(), kind.trim().to_string())),
                None => Err(ctx(format!("parent '{p}': expected 'field: Kind'"))),
            })
            .collect::<R<Vec<_>>>()?;
        let own_render = match k.render.as_deref() {
            None => false,
            Some("own") => true,
            Some(other) => return Err(ctx(format!("render = '{other}': the only value is 'own'"))),
        };
        let life = match k.life {
            Some(l) => Some(crate::life::read(l, k.operation.is_some()).map_err(|e| ctx(format!("life: {e}")))?),
            None => None,
        };
        let region = match k.region.as_deref() {
            None => Region::None,
            Some(r) => match r.strip_prefix("from ") {
                Some(f) => Region::Parent(f.trim().to_string()),
                None => Region::Field(path(r)),
            },
        };
        out.push(Kind {
            doc: k.doc.unwrap_or_else(|| format!("`{name}` (model/{file}.toml)")),
            file: file.to_string(),
            label: k.label,
            stores,
            lookup: k.lookup,
            id: k.id,
            name_field: k.name,
            region,
            zone: k.zone.as_deref().map(path),
            status: k.status,
            operation: k.operation,
            status_name: k.status_name,
            not_found: k.not_found.unwrap_or_else(|| "10404".into()),
            busy: k.busy.unwrap_or_else(|| "25013".into()),
            parents,
            fields: all,
            keep: fields(&k.keep).map_err(ctx)?,
            status_names: k.status_names,
            operation_names: k.operation_names,
            own_render,
            aliases: k
                .aliases
                .iter()
                .map(|(param, field)| match field.as_str() {
                    Some(f) => Ok((param.clone(), f.to_string())),
                    None => Err(ctx(format!("aliases.{param}: the field's name, as text"))),
                })
                .collect::<R<Vec<_>>>()?,
            life,
            name,
        });
    }
    Ok(out)
}

pub fn records(file: &str, raw: Vec<(String, RecordToml)>) -> R<Vec<Record>> {
    raw.into_iter()
        .map(|(name, r)| {
            let f = fields(&r.fields).map_err(|e| format!("model/{file}.toml [records.{name}]: {e}"))?;
            Ok(Record {
                doc: r
                    .doc
                    .unwrap_or_else(|| format!("`{name}`: what the emulator keeps (model/{file}.toml)")),
                name,
                fields: f,
            })
        })
        .collect()
}

/// The type of the field at `path` of `kind`'s record (through nested records).
pub fn field_at<'a>(set: &'a Set, kind: &'a Kind, path: &[String]) -> Option<&'a FType> {
    let (first, rest) = path.split_first()?;
    let mut ty = &kind.field(first)?.ty;
    for seg in rest {
        let FType::Obj(m) = ty else { return None };
        ty = &record_fields(set, m)?.iter().find(|f| &f.name == seg)?.ty;
    }
    Some(ty)
}

/// The fields of the record type `name` (a kind's, an emulator record's or a model's).
pub fn record_fields<'a>(set: &'a Set, name: &str) -> Option<&'a [Field]> {
    if let Some(k) = set.kinds.iter().find(|k| k.name == name) {
        return Some(&k.fields);
    }
    if let Some(r) = set.records.iter().find(|r| r.name == name) {
        return Some(&r.fields);
    }
    set.models.iter().find(|m| m.name == name).map(|m| m.fields.as_slice())
}

/// Cross-checks of the kinds once every file is read.
pub fn check(set: &Set) -> R<()> {
    let mut names = BTreeSet::new();
    let mut stores = BTreeSet::new();
    for r in &set.records {
        if set.models.iter().any(|m| m.name == r.name) || !names.insert(r.name.as_str()) {
            return Err(format!("[records.{}]: the name of a model or another record", r.name));
        }
    }
    for k in &set.kinds {
        let ctx = |e: String| format!("model/{}.toml [kinds.{}]: {e}", k.file, k.name);
        if !names.insert(k.name.as_str()) {
            return Err(ctx("declared twice".into()));
        }
        for (p, s) in &k.stores {
            if !stores.insert((p.as_str(), s.as_str())) {
                return Err(ctx(format!("store '{p}.{s}' is another kind's")));
            }
        }
        let mut seen = BTreeSet::new();
        for f in k.fields.iter().chain(&k.keep) {
            if !seen.insert(f.name.as_str()) {
                return Err(ctx(format!("field '{}' twice", f.name)));
            }
            if let FType::Obj(m) | FType::List(m) = &f.ty {
                if m != crate::model::COMMON_CODE && record_fields(set, m).is_none() {
                    return Err(ctx(format!("{}: no model or record '{m}'", f.name)));
                }
            }
        }
        for (what, f) in [
            ("id", &k.id),
            ("name", &k.name_field),
            ("status", &k.status),
            ("operation", &k.operation),
            ("status_name", &k.status_name),
        ] {
            if let Some(f) = f {
                if k.field(f).is_none() {
                    return Err(ctx(format!("{what}: no field '{f}'")));
                }
            }
        }
        if !k.lookup && k.id.is_none() {
            return Err(ctx(
                "a kind with a life needs its `id` field (or `lookup = true`)".into()
            ));
        }
        let region_path = match &k.region {
            Region::None => None,
            Region::Field(p) => Some(p.clone()),
            Region::Parent(f) => Some(vec![f.clone()]),
        };
        if let Some(p) = region_path {
            if field_at(set, k, &p).is_none() {
                return Err(ctx(format!("region: no field '{}'", p.join("."))));
            }
        }
        if let Some(z) = &k.zone {
            if field_at(set, k, z).is_none() {
                return Err(ctx(format!("zone: no field '{}'", z.join("."))));
            }
        }
        for (param, field) in &k.aliases {
            if k.field(field).is_none() {
                return Err(ctx(format!("aliases.{param}: no field '{field}'")));
            }
        }
        for (field, parent) in &k.parents {
            if k.field(field).is_none() {
                return Err(ctx(format!("parent: no field '{field}'")));
            }
            if !set.kinds.iter().any(|x| &x.name == parent) {
                return Err(ctx(format!("parent: no kind '{parent}'")));
            }
        }
        if let Region::Parent(f) = &k.region {
            if !k.parents.iter().any(|(pf, _)| pf == f) {
                return Err(ctx(format!("region: '{f}' is not one of its parents")));
            }
        }
        for table in [&k.status_names, &k.operation_names].into_iter().flatten() {
            if !set.names.contains_key(table) {
                return Err(ctx(format!("no [names.{table}]")));
            }
        }
        if let Some(life) = &k.life {
            if k.lookup {
                return Err(ctx("a look-up list has no life".into()));
            }
            crate::life::check(set, k, life).map_err(|e| ctx(format!("life: {e}")))?;
        }
    }
    crate::life::check_waiters(set)
}
