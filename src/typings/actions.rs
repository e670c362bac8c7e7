//! Per action: its parameters (with the inputs of object-list parameters as named interfaces) and its
//! answer; the old client's renamed parameters; the union of every action name.
//!
//! Parameter typing: input ids (`Str` parameters named `...No`, lists named `...NoList`) accept numbers
//! too, as the validator does; `oneof` rules become literal unions; an optional key also accepts
//! `undefined`, so that `{ key: process.env.X }` type-checks under `exactOptionalPropertyTypes`.

use super::models::field_type;
use super::source::{self, params_name, response_name};
use super::writer::{pascal, quote, union_lines};
use super::Gen;
use crate::catalog::{Action, Env, Input, Param, ParamKind, Req, Rule, ACTIONS};
use crate::service::Method;

/// The allowed values. Case-insensitive ones are typed with their declared spelling (their doc comment
/// says any case is accepted).
fn one_of(rules: &[Rule]) -> Option<&'static [&'static str]> {
    rules.iter().find_map(|r| match r {
        Rule::OneOf(v) | Rule::OneOfIgnoreCase(v) => Some(*v),
        _ => None,
    })
}

fn is_id(name: &str) -> bool {
    name.ends_with("No") || name.ends_with("NoList")
}

fn scalar_type(kind: &ParamKind, key: &str, rules: &[Rule]) -> String {
    match (kind, one_of(rules)) {
        (ParamKind::Int | ParamKind::Long | ParamKind::IntList, Some(v)) => v.join(" | "),
        (ParamKind::Int | ParamKind::Long | ParamKind::IntList, None) => "number".into(),
        (ParamKind::Bool, _) => "boolean".into(),
        (_, Some(v)) => v.iter().map(|s| quote(s)).collect::<Vec<_>>().join(" | "),
        (_, None) if is_id(key) => "string | number".into(),
        (_, None) => "string".into(),
    }
}

fn range_doc(a: i64, b: i64) -> String {
    match (a, b) {
        (i64::MIN, i64::MAX) => "Integer.".into(),
        (a, i64::MAX) => format!("Integer, at least {a}."),
        (i64::MIN, b) => format!("Integer, at most {b}."),
        (a, b) => format!("Integer from {a} to {b}."),
    }
}

fn rule_docs(rules: &[&Rule]) -> Vec<String> {
    rules
        .iter()
        .filter_map(|rule| match rule {
            Rule::Len(a, b) => Some(format!("{a} to {b} characters.")),
            Rule::MaxBytes(n) => Some(format!("At most {n} bytes (UTF-8).")),
            Rule::ImageName => Some(
                "3 to 30 characters: lower-case letters, digits and `-`, starting with a letter and ending with a letter or digit."
                    .into(),
            ),
            Rule::OneOf(_) => None,
            Rule::OneOfIgnoreCase(_) => Some("Any letter case is accepted; the type lists the documented spelling.".into()),
            Rule::Range(a, b) => Some(range_doc(*a, *b)),
            Rule::Items(a, b) if *b == usize::MAX => Some(format!("At least {a} item{}.", if *a == 1 { "" } else { "s" })),
            Rule::Items(a, b) => Some(format!("{a} to {b} items.")),
            Rule::Unique => Some("No duplicate items.".into()),
            Rule::Check(_) => Some("The whole value is checked before sending (consistency across items).".into()),
            Rule::Codes(v) => Some(format!("The API takes {} (NCP may add codes).", v.join(", "))),
        })
        .collect()
}

/// Every input (the items of object-list parameters), in the order the actions first use them.
fn inputs() -> Vec<&'static Input> {
    fn walk(params: &'static [Param], out: &mut Vec<&'static Input>) {
        for p in params {
            if let ParamKind::ObjList(input) = &p.kind {
                if !out.iter().any(|i| std::ptr::eq(*i, *input)) {
                    out.push(input);
                    walk(input.params, out);
                }
            }
        }
    }
    let mut out = Vec::new();
    for a in ACTIONS {
        walk(a.params, &mut out);
    }
    out
}

/// One parameter as the caller writes it.
struct Key<'a> {
    /// The caller's name for it.
    name: &'a str,
    req: Req,
    /// Doc lines before the parameter's own.
    extra: Vec<String>,
    /// A single value standing for a one-item list.
    single: bool,
}

impl Gen {
    /// `ActionName`: every API action name.
    pub(super) fn action_names(&mut self) {
        let mut names: Vec<&str> = Vec::new();
        for a in ACTIONS {
            if !names.contains(&a.name) {
                names.push(a.name);
            }
        }
        self.w.blank();
        self.w.doc(0, &["Every API action name.".into()]);
        self.w.export("ActionName");
        self.w.line(0, "export type ActionName =");
        let lines = union_lines(&names, 110);
        for (i, l) in lines.iter().enumerate() {
            let end = if i + 1 == lines.len() { ";" } else { "" };
            self.w.line(1, &format!("{l}{end}"));
        }
    }

    fn param(&mut self, indent: usize, env: Option<Env>, param: &Param, key: &Key) {
        let mut doc = key.extra.clone();
        match env {
            Some(Env::Vpc) if param.name == Env::Vpc.region_param() => {
                doc.push("Defaults to the client's `region`.".into())
            }
            Some(Env::Classic) if param.name == Env::Classic.region_param() => {
                doc.push("Defaults to `compute.regionNo` when that is set.".into())
            }
            _ => {}
        }
        if let Req::With(other) = key.req {
            doc.push(format!("Required when `{other}` is given."));
        }
        // A single item has no list rules.
        let rules: Vec<&Rule> = param
            .rules
            .iter()
            .filter(|r| !(key.single && matches!(r, Rule::Items(..) | Rule::Unique)))
            .collect();
        doc.extend(rule_docs(&rules));
        if key.single {
            doc.push("One item (a list of them is accepted too).".into());
        }
        self.w.doc(indent, &doc);
        let ty = match &param.kind {
            ParamKind::Str | ParamKind::Int | ParamKind::Long | ParamKind::Bool => {
                scalar_type(&param.kind, key.name, param.rules)
            }
            ParamKind::StrList | ParamKind::IntList => {
                let item = scalar_type(&param.kind, key.name, param.rules);
                if key.single {
                    item
                } else if item.contains(' ') {
                    format!("Array<{item}>")
                } else {
                    format!("{item}[]")
                }
            }
            ParamKind::ObjList(input) => format!("{}[]", input.name),
        };
        let name = key.name;
        if key.req == Req::Yes {
            self.w.line(indent, &format!("{name}: {ty};"));
        } else {
            self.w.line(indent, &format!("{name}?: {ty} | undefined;"));
        }
    }

    fn own(&mut self, indent: usize, env: Option<Env>, p: &Param) {
        let key = Key {
            name: p.name,
            req: p.req,
            extra: Vec::new(),
            single: false,
        };
        self.param(indent, env, p, &key);
    }

    /// The items of every object-list parameter.
    pub(super) fn inputs(&mut self) {
        for input in inputs() {
            self.w.blank();
            self.w.export(input.name);
            self.w.line(0, &format!("export interface {} {{", input.name));
            for p in input.params {
                self.own(1, None, p);
            }
            self.w.line(0, "}");
        }
    }

    pub(super) fn params(&mut self, action: &Action) {
        let name = params_name(action);
        self.w.blank();
        self.w.export(&name);
        if action.params.is_empty() {
            self.w.line(0, &format!("export type {name} = Record<string, never>;"));
            return;
        }
        self.w.line(0, &format!("export interface {name} {{"));
        for p in action.params {
            self.own(1, Some(action.env), p);
        }
        self.w.line(0, "}");
    }

    /// The answer without its `{action}Response` wrapper: the envelope and the action's own fields.
    pub(super) fn response(&mut self, action: &Action) {
        let name = response_name(action);
        self.w.export(name);
        let fields: Vec<String> = action
            .response
            .fields
            .iter()
            .map(|f| {
                let opt = if source::always_in_answer(action, f) { "" } else { "?" };
                format!("{}{opt}: {};", f.name, field_type(f))
            })
            .collect();
        if fields.is_empty() {
            self.w
                .line(0, &format!("export interface {name} extends ApiResponse {{}}"));
            return;
        }
        self.w
            .line(0, &format!("export interface {name} extends ApiResponse {{"));
        for f in fields {
            self.w.line(1, &f);
        }
        self.w.line(0, "}");
    }

    /// The parameters of a compat method: its own interface when it renames any, else the action's.
    pub(super) fn compat_params_name(method: &Method) -> String {
        if method.renames.is_empty() && method.one_as_list.is_empty() {
            params_name(method.action)
        } else {
            format!("{}Params", pascal(&method.name))
        }
    }

    /// The parameters of the old methods that keep the action's validation (the seed's image methods):
    /// the action's, under the old client's names.
    pub(super) fn compat_params(&mut self) {
        let methods: Vec<&'static Method> = self
            .compat
            .iter()
            .filter(|m| m.v0.messages != Some(crate::compat::table::MessageSet::V0139))
            .filter_map(|m| m.method)
            .collect();
        for method in methods {
            if method.renames.is_empty() && method.one_as_list.is_empty() {
                continue;
            }
            let name = Self::compat_params_name(method);
            let action = method.action;
            self.w.blank();
            self.w.doc(
                0,
                &[format!(
                    "Parameters of `{}`: the old client's names for those of `{}`.",
                    method.name, action.name
                )],
            );
            self.w.export(&name);
            self.w.line(0, &format!("export interface {name} {{"));
            for p in action.params {
                let keys: Vec<&str> = method
                    .renames
                    .iter()
                    .filter(|(_, param)| *param == p.name)
                    .map(|(user, _)| *user)
                    .collect();
                if keys.is_empty() {
                    self.own(1, Some(action.env), p);
                    continue;
                }
                for (i, user) in keys.iter().enumerate() {
                    let mut extra = vec![format!("The API's `{}`.", p.name)];
                    if i > 0 {
                        extra.push(format!("@deprecated An older spelling of `{}`.", keys[0]));
                    }
                    // Spellings of one parameter exclude each other: only the first can be required.
                    let req = if i > 0 && p.req == Req::Yes { Req::No } else { p.req };
                    let key = Key {
                        name: user,
                        req,
                        extra,
                        single: method.one_as_list.contains(user),
                    };
                    self.param(1, Some(action.env), p, &key);
                }
            }
            self.w.line(0, "}");
        }
    }
}
