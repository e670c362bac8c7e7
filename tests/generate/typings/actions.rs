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
use crate::descriptions::{self, Owner};
use crate::words;
use ncloud::catalog::{Action, Param, ParamKind, Req, Rule, ACTIONS};
use ncloud::service::Method;

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

    fn param(&mut self, indent: usize, owner: Owner, param: &Param, key: &Key) {
        let mut doc = key.extra.clone();
        doc.push(descriptions::of_param(owner, param).to_string());
        if let Owner::Action(a) = owner {
            doc.extend(words::client_default(a, param.name).map(str::to_string));
        }
        doc.extend(words::required(key.req).filter(|_| key.req != Req::Yes));
        doc.extend(words::rules(param, key.single));
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

    fn own(&mut self, indent: usize, owner: Owner, p: &Param) {
        let key = Key {
            name: p.name,
            req: p.req,
            extra: Vec::new(),
            single: false,
        };
        self.param(indent, owner, p, &key);
    }

    /// The items of every object-list parameter.
    pub(super) fn inputs(&mut self) {
        for input in words::inputs(ACTIONS) {
            self.w.blank();
            self.w.export(input.name);
            self.w.line(0, &format!("export interface {} {{", input.name));
            for p in input.params {
                self.own(1, Owner::Input(input), p);
            }
            self.w.line(0, "}");
        }
    }

    pub(super) fn params(&mut self, action: &'static Action) {
        let name = params_name(action);
        self.w.blank();
        self.w.export(&name);
        if action.params.is_empty() {
            self.w.line(0, &format!("export type {name} = Record<string, never>;"));
            return;
        }
        self.w.line(0, &format!("export interface {name} {{"));
        for p in action.params {
            self.own(1, Owner::Action(action), p);
        }
        self.w.line(0, "}");
    }

    /// The answer without its `{action}Response` wrapper: the envelope and the action's own fields.
    pub(super) fn response(&mut self, action: &Action) {
        let name = response_name(action);
        self.w.export(name);
        if action.response.fields.is_empty() {
            self.w
                .line(0, &format!("export interface {name} extends ApiResponse {{}}"));
            return;
        }
        self.w
            .line(0, &format!("export interface {name} extends ApiResponse {{"));
        for f in action.response.fields {
            let opt = if source::always_in_answer(action, f) { "" } else { "?" };
            self.w
                .doc(1, &[descriptions::of_field(action.response, f.name).to_string()]);
            self.w.line(1, &format!("{}{opt}: {};", f.name, field_type(f)));
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
            .filter(|m| m.v0.messages != Some(ncloud::compat::table::MessageSet::V0139))
            .filter_map(|m| m.method)
            .collect();
        for method in methods {
            if method.renames.is_empty() && method.one_as_list.is_empty() {
                continue;
            }
            let name = Self::compat_params_name(method);
            let action = method.action;
            let doc = format!(
                "Parameters of `{}`: the old client's names for those of `{}`.",
                method.name, action.name
            );
            self.exported(&name, doc);
            self.w.line(0, &format!("export interface {name} {{"));
            for p in action.params {
                let keys: Vec<&str> = method
                    .renames
                    .iter()
                    .filter(|(_, param)| *param == p.name)
                    .map(|(user, _)| *user)
                    .collect();
                if keys.is_empty() {
                    self.own(1, Owner::Action(action), p);
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
                    self.param(1, Owner::Action(action), p, &key);
                }
            }
            self.w.line(0, "}");
        }
    }
}
