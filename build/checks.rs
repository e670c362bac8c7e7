//! Cross-checks of the whole model once read: names declared once, every reference declared, method
//! paths claimed once, waiters pointing at fields that exist.

use crate::model::{FType, Field, Matcher, PType, Param, Req, Set, State, COMMON_CODE, R};
use std::collections::{BTreeMap, BTreeSet};

pub fn check(set: &Set) -> R<()> {
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
            for r in &p.rules {
                if let crate::model::Rule::Codes(c) = r {
                    if !set.codes.contains_key(c) {
                        return Err(format!("{owner}.{}: no code set '{c}'", p.name));
                    }
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
