//! The words of `model/descriptions.toml`: one description per distinct parameter or field name, and
//! overrides where a name means something else in one action, model or input. The typings and the
//! reference read them through [`Descriptions::param`] and [`Descriptions::field`]; the tests below
//! keep the file whole (every parameter and field described, nothing stale) and honest (a text is not
//! spread over many names that mean different things).

use ncloud::catalog::{Action, Input, Model, Param, ParamKind, ACTIONS, ALL_MODELS, COMMON_CODE};
use ncloud::compat::table::{V0Method, V0_METHODS};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

pub const FILE: &str = "model/descriptions.toml";

type Table = BTreeMap<String, String>;

#[derive(Default)]
pub struct Descriptions {
    /// Name -> text, for a parameter or a field of that name wherever it appears.
    names: Table,
    /// `action` or `api.action` -> parameter -> text.
    actions: BTreeMap<String, Table>,
    /// Model, input or answer (`GetServerImageListResponse`) -> field or parameter -> text.
    models: BTreeMap<String, Table>,
    /// An old 0.1.x method (`compute.createLoginKey`) -> a key of its own, never sent -> text.
    old: BTreeMap<String, Table>,
}

fn strings(value: &toml::Value, what: &str) -> Table {
    let table = value
        .as_table()
        .unwrap_or_else(|| panic!("{FILE}: {what} must be a table of texts"));
    table
        .iter()
        .map(|(k, v)| {
            let text = v
                .as_str()
                .unwrap_or_else(|| panic!("{FILE}: {what}.{k} must be a text"));
            assert!(
                !text.trim().is_empty() && text.trim() == text,
                "{FILE}: {what}.{k} is empty or has spaces around it"
            );
            (k.clone(), text.to_string())
        })
        .collect()
}

fn nested(value: Option<&toml::Value>, what: &str) -> BTreeMap<String, Table> {
    let Some(value) = value else {
        return BTreeMap::new();
    };
    let table = value
        .as_table()
        .unwrap_or_else(|| panic!("{FILE}: [{what}] must be tables"));
    table
        .iter()
        .map(|(k, v)| (k.clone(), strings(v, &format!("{what}.{k}"))))
        .collect()
}

impl Descriptions {
    fn parse(text: &str) -> Self {
        let doc: toml::Table = text.parse().unwrap_or_else(|e| panic!("{FILE}: {e}"));
        for key in doc.keys() {
            assert!(
                ["names", "actions", "models", "old"].contains(&key.as_str()),
                "{FILE}: unknown table [{key}] (expected [names], [actions.<action>], [models.<model>], [old.<method>])"
            );
        }
        Descriptions {
            names: doc.get("names").map(|v| strings(v, "names")).unwrap_or_default(),
            actions: nested(doc.get("actions"), "actions"),
            models: nested(doc.get("models"), "models"),
            old: nested(doc.get("old"), "old"),
        }
    }

    /// The description of `action`'s parameter `name`: the action's own (`api.action` first), else
    /// the name's.
    pub fn param(&self, action: &Action, name: &str) -> Option<&str> {
        let own = |key: &str| self.actions.get(key).and_then(|t| t.get(name));
        own(&format!("{}.{}", action.api.name, action.name))
            .or_else(|| own(action.name))
            .or_else(|| self.names.get(name))
            .map(String::as_str)
    }

    /// The description of field (or input parameter) `name` of the model or input `owner`.
    pub fn field(&self, owner: &str, name: &str) -> Option<&str> {
        self.models
            .get(owner)
            .and_then(|t| t.get(name))
            .or_else(|| self.names.get(name))
            .map(String::as_str)
    }
}

/// The descriptions, read once.
pub fn get() -> &'static Descriptions {
    static D: OnceLock<Descriptions> = OnceLock::new();
    D.get_or_init(|| {
        let path = super::root().join(FILE);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        Descriptions::parse(&text)
    })
}

/// The description of a parameter of an action or of an input, for the generators: never missing
/// (the tests below make sure), so a missing one is a generation error naming what to add.
pub fn of_param(owner: Owner, p: &Param) -> &'static str {
    let d = get();
    let found = match owner {
        Owner::Action(a) => d.param(a, p.name),
        Owner::Input(i) => d.field(i.name, p.name),
    };
    found.unwrap_or_else(|| panic!("{FILE}: no description of parameter '{}' ({})", p.name, owner.label()))
}

/// The description of a key of an old 0.1.x method: its own (`[old."<path>"]`, for a key never sent),
/// else that of the parameter it is sent as (`target`: a parameter, or `list.N.field` of an object list).
pub fn of_old_key(v0: &V0Method, action: &'static Action, key: &str, target: &str) -> &'static str {
    let d = get();
    if let Some(text) = d.old.get(v0.path).and_then(|t| t.get(key)) {
        return text;
    }
    let mut parts = target.split('.');
    let head = parts.next().unwrap_or(target);
    let field = parts.nth(1);
    let param = action.params.iter().find(|p| p.name == head);
    let found = match (param, field) {
        (Some(p), None) => d.param(action, p.name),
        (
            Some(Param {
                kind: ParamKind::ObjList(input),
                ..
            }),
            Some(f),
        ) => d.field(input.name, f),
        _ => None,
    };
    found.unwrap_or_else(|| {
        panic!(
            "{FILE}: no description of key '{key}' of {} (add it under [old.\"{}\"])",
            v0.path, v0.path
        )
    })
}

/// The description of a field of a model (an item model or an action's answer).
pub fn of_field(model: &Model, name: &str) -> &'static str {
    get()
        .field(model.name, name)
        .unwrap_or_else(|| panic!("{FILE}: no description of field '{name}' (model {})", model.name))
}

/// What a parameter belongs to.
#[derive(Clone, Copy)]
pub enum Owner {
    Action(&'static Action),
    Input(&'static Input),
}

impl Owner {
    fn label(self) -> String {
        match self {
            Owner::Action(a) => format!("{}.{}", a.api.name, a.name),
            Owner::Input(i) => format!("input {}", i.name),
        }
    }
}

/// Every parameter of the model with its owner, inputs' parameters once each.
pub fn all_params() -> Vec<(Owner, &'static Param)> {
    let mut out: Vec<(Owner, &'static Param)> = Vec::new();
    for a in ACTIONS {
        out.extend(a.params.iter().map(|p| (Owner::Action(a), p)));
    }
    for i in crate::words::inputs(ACTIONS) {
        out.extend(i.params.iter().map(|p| (Owner::Input(i), p)));
    }
    out
}

/// Every model with fields to describe: the item models (`{ code, codeName }` included) and every
/// action's answer.
pub fn all_models() -> Vec<&'static Model> {
    let mut out: Vec<&'static Model> = ALL_MODELS.to_vec();
    if !out.iter().any(|m| std::ptr::eq(*m, &COMMON_CODE)) {
        out.push(&COMMON_CODE);
    }
    for a in ACTIONS {
        if !out.iter().any(|m| std::ptr::eq(*m, a.response)) {
            out.push(a.response);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A text may stand for this many names at most (the names of one thing: `serverImageNo` and
    /// `memberServerImageNo` are two things).
    const SHARE_LIMIT: usize = 10;

    /// Every (name, text, where) the generators use.
    fn uses() -> Vec<(&'static str, &'static str, String)> {
        let d = get();
        let mut out = Vec::new();
        for (owner, p) in all_params() {
            let text = match owner {
                Owner::Action(a) => d.param(a, p.name),
                Owner::Input(i) => d.field(i.name, p.name),
            };
            if let Some(t) = text {
                out.push((p.name, t, owner.label()));
            }
        }
        for m in all_models() {
            for f in m.fields {
                if let Some(t) = d.field(m.name, f.name) {
                    out.push((f.name, t, format!("model {}", m.name)));
                }
            }
        }
        out
    }

    #[test]
    fn every_parameter_and_response_field_has_a_description() {
        let d = get();
        let mut missing: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
        for (owner, p) in all_params() {
            let found = match owner {
                Owner::Action(a) => d.param(a, p.name),
                Owner::Input(i) => d.field(i.name, p.name),
            };
            if found.is_none() {
                missing
                    .entry(p.name)
                    .or_default()
                    .insert(format!("parameter of {}", owner.label()));
            }
        }
        for m in all_models() {
            for f in m.fields {
                if d.field(m.name, f.name).is_none() {
                    missing
                        .entry(f.name)
                        .or_default()
                        .insert(format!("field of {}", m.name));
                }
            }
        }
        let list: Vec<String> = missing
            .iter()
            .map(|(name, at)| format!("  {name}  ({})", at.iter().cloned().collect::<Vec<_>>().join("; ")))
            .collect();
        assert!(
            list.is_empty(),
            "{} names have no description; add each under [names] of {FILE} (or an override under \
             [actions.<action>] / [models.<model>] where the name means something else there):\n{}",
            list.len(),
            list.join("\n")
        );
    }

    /// Every key of an old 0.1.x method that is never sent has words of its own; every entry of
    /// `[old]` is such a key.
    #[test]
    fn old_keys_never_sent_are_described() {
        let d = get();
        let mut problems = Vec::new();
        for v0 in V0_METHODS {
            for p in v0.params.iter().filter(|p| p.local) {
                if d.old.get(v0.path).and_then(|t| t.get(p.name)).is_none() {
                    problems.push(format!("[old.\"{}\"] {}: missing", v0.path, p.name));
                }
            }
        }
        for (path, table) in &d.old {
            let v0 = V0_METHODS.iter().find(|m| m.path == path);
            for key in table.keys() {
                if !v0.is_some_and(|m| m.params.iter().any(|p| p.local && p.name == key)) {
                    problems.push(format!(
                        "[old.\"{path}\"] {key}: not a key of that method that is never sent"
                    ));
                }
            }
        }
        assert!(problems.is_empty(), "{FILE}:\n{}", problems.join("\n"));
    }

    /// No text stands for more than `SHARE_LIMIT` names; the shared ones are listed (run with
    /// `--nocapture` to see them).
    #[test]
    fn no_text_is_shared_by_many_names() {
        let mut by_text: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        for (name, text, _) in uses() {
            by_text.entry(text).or_default().insert(name);
        }
        let shared: Vec<(&str, &BTreeSet<&str>)> = by_text
            .iter()
            .filter(|(_, names)| names.len() > 1)
            .map(|(t, n)| (*t, n))
            .collect();
        for (text, names) in &shared {
            println!(
                "shared by {}: {text:?} — {}",
                names.len(),
                names.iter().copied().collect::<Vec<_>>().join(", ")
            );
        }
        let over: Vec<String> = shared
            .iter()
            .filter(|(_, names)| names.len() > SHARE_LIMIT)
            .map(|(text, names)| format!("  {text:?}: {}", names.iter().copied().collect::<Vec<_>>().join(", ")))
            .collect();
        assert!(
            over.is_empty(),
            "these texts stand for more than {SHARE_LIMIT} names; say what each name is:\n{}",
            over.join("\n")
        );
    }

    /// Every entry of the file is used: a name some parameter or field has, an override of an action,
    /// model or input that exists and of a key it has.
    #[test]
    fn nothing_in_the_file_is_stale() {
        let d = get();
        let mut names: BTreeSet<&str> = BTreeSet::new();
        let mut params_of: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
        for (owner, p) in all_params() {
            names.insert(p.name);
            match owner {
                Owner::Action(a) => {
                    params_of.entry(a.name.to_string()).or_default().insert(p.name);
                    params_of
                        .entry(format!("{}.{}", a.api.name, a.name))
                        .or_default()
                        .insert(p.name);
                }
                Owner::Input(i) => {
                    params_of.entry(format!("input {}", i.name)).or_default().insert(p.name);
                }
            }
        }
        let mut fields_of: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        for m in all_models() {
            for f in m.fields {
                names.insert(f.name);
                fields_of.entry(m.name).or_default().insert(f.name);
            }
        }
        let mut stale = Vec::new();
        for name in d.names.keys() {
            if !names.contains(name.as_str()) {
                stale.push(format!("[names] {name}: no parameter or field has this name"));
            }
        }
        for (action, table) in &d.actions {
            let Some(params) = params_of.get(action) else {
                stale.push(format!("[actions.{action}]: no such action"));
                continue;
            };
            for key in table.keys().filter(|k| !params.contains(k.as_str())) {
                stale.push(format!("[actions.{action}] {key}: the action has no such parameter"));
            }
        }
        for (model, table) in &d.models {
            let own = fields_of
                .get(model.as_str())
                .or_else(|| params_of.get(&format!("input {model}")));
            let Some(own) = own else {
                stale.push(format!("[models.{model}]: no such model or input"));
                continue;
            };
            for key in table.keys().filter(|k| !own.contains(k.as_str())) {
                stale.push(format!("[models.{model}] {key}: no such field"));
            }
        }
        assert!(stale.is_empty(), "{FILE}:\n{}", stale.join("\n"));
    }

    /// An action a text names (`getServerImageList`, as where a value comes from) exists. A word reads
    /// as an action's name when it starts with an action's verb and ends with an action's last word
    /// (`createFailed`, a status name, does not).
    #[test]
    fn the_actions_a_text_names_exist() {
        let actions: BTreeSet<&str> = ACTIONS.iter().map(|a| a.name).collect();
        let verb = |w: &str| -> String { w.chars().take_while(|c| c.is_ascii_lowercase()).collect() };
        let tail = |w: &str| -> String {
            let at = w.rfind(|c: char| c.is_ascii_uppercase()).unwrap_or(0);
            w[at..].to_string()
        };
        let verbs: BTreeSet<String> = actions.iter().map(|a| verb(a)).collect();
        let tails: BTreeSet<String> = actions.iter().map(|a| tail(a)).collect();
        let mut unknown = BTreeSet::new();
        for (_, text, at) in uses() {
            for (i, part) in text.split('`').enumerate() {
                let looks_like_action = i % 2 == 1
                    && part.chars().all(|c| c.is_ascii_alphanumeric())
                    && part.len() > verb(part).len()
                    && verbs.contains(&verb(part))
                    && tails.contains(&tail(part));
                if looks_like_action && !actions.contains(part) {
                    unknown.insert(format!("`{part}` ({at})"));
                }
            }
        }
        assert!(
            unknown.is_empty(),
            "{FILE} names actions the model does not have: {unknown:?}"
        );
    }

    #[test]
    fn overrides_win_over_names() {
        let d = Descriptions::parse(
            "[names]\na = \"A.\"\n[actions.getZoneList]\na = \"Zone A.\"\n[actions.\"server.getZoneList\"]\na = \"Classic A.\"\n[models.M]\na = \"M's A.\"",
        );
        assert_eq!(d.names["a"], "A.");
        assert_eq!(d.field("M", "a"), Some("M's A."));
        assert_eq!(d.field("N", "a"), Some("A."));
        let classic = ACTIONS
            .iter()
            .find(|a| a.name == "getZoneList" && a.api.name == "server");
        let vpc = ACTIONS
            .iter()
            .find(|a| a.name == "getZoneList" && a.api.name == "vserver");
        assert_eq!(d.param(classic.expect("Classic getZoneList"), "a"), Some("Classic A."));
        assert_eq!(d.param(vpc.expect("VPC getZoneList"), "a"), Some("Zone A."));
    }
}
