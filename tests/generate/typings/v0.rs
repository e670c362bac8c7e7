//! The old 0.1.x client's methods (`compat::table::V0_METHODS`, from `model/surfaces.toml`): the
//! helper types of their results (`filter`, `STATUS`, `setWait`), the interfaces of their items (found
//! by running `compat::shapes` over sample items, [`probe::v0_item`]), their parameters (the caller's
//! keys, typed as the parameters they become) and their members on the client's surfaces.

use super::options::overloads;
use super::probe::{self, Struct};
use super::source::CompatMethod;
use super::writer::{pascal, quote};
use super::Gen;
use crate::descriptions;
use crate::words;
use crate::words::code_list as join_code;
use ncloud::catalog::{FieldType, ParamKind, Req};
use ncloud::compat::table::{Args, MessageSet, V0Method, V0Shape, SERVER_STATUS};

/// `compute.findFlavors` -> `FindFlavors`.
fn last(path: &str) -> String {
    pascal(path.rsplit('.').next().unwrap_or(path))
}

impl Gen {
    /// The helper types the old client's results carry, and its fixed result forms.
    pub(super) fn v0_helpers(&mut self) {
        let status: Vec<(String, String)> = SERVER_STATUS
            .iter()
            .map(|(k, v)| (format!("{k}: {};", quote(v)), String::new()))
            .collect();
        let status: Vec<(&str, &str)> = status.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        self.declaration(
            "V0ServerStatus",
            &["`server.STATUS` of the old 0.1.x client: the status names `setWait` can wait for."],
            "V0ServerStatus",
            &status,
        );
        self.declaration(
            "V0WaitOptions",
            &["Options of a server's `setWait` (the old 0.1.x client's)."],
            "V0WaitOptions",
            &[
                (
                    "status: string;",
                    "The `serverInstanceStatusName` to wait for (`server.STATUS.running` ...).",
                ),
                (
                    "interval?: number | undefined;",
                    "Milliseconds between polls (default 5000; the first poll after one interval).",
                ),
                (
                    "timeout?: number | undefined;",
                    "Give up after this many milliseconds (default 1800000).",
                ),
                (
                    "verbose?: boolean | undefined;",
                    "Call back after every poll with `{ serverName, serverInstanceStatusName }` too.",
                ),
            ],
        );
        self.alias(
            "V0Server<T>",
            &["A server of the old 0.1.x client: its fields, with the non-enumerable `STATUS` and `setWait`."],
            "T & {\n  readonly STATUS: V0ServerStatus;\n  setWait(options: V0WaitOptions, callback: (err: NcloudError | null, server?: V0Server<T> | { serverName: string; serverInstanceStatusName: string }) => void): void;\n}",
        );
        let basic = "filter(): T[];\n  filter(predicate: (item: T, index: number, list: T[]) => unknown): T[];";
        self.alias(
            "V0FilterList<T>",
            &["A list with the old client's `filter`: none, a function, or `{ key: value }` (every key deep-equal)."],
            &format!("T[] & {{\n  {basic}\n  filter(match: {{ [K in keyof T]?: T[K] }}): T[];\n}}"),
        );
        self.alias(
            "V0FlavorList<T>",
            &["Flavors with the old client's `filter({ vCpu, memory: '4GB', storage: '50GB', storageType: 'SSD' })`."],
            &format!("T[] & {{\n  {basic}\n  filter(match: {{ vCpu?: number; memory?: string | number; storage?: string | number; storageType?: string }}): T[];\n}}"),
        );
        self.alias(
            "V0PublicIpList<T>",
            &["Public IPs with the old client's `filter({ publicInstanceStatus: 'created' | 'used' })`."],
            &format!("T[] & {{\n  {basic}\n  filter(match: {{ publicInstanceStatus: 'created' | 'used' }}): T[];\n}}"),
        );
        self.declaration(
            "V0PortForwarding",
            &["The port-forwarding configuration of the old client's `findPortForwardingRules`."],
            "V0PortForwarding<T>",
            &[
                ("portForwardingConfigurationNo?: NumericId;", ""),
                ("portForwardingPublicIp?: string;", ""),
                ("totalRows?: number;", ""),
                ("portForwardingRuleList: T[];", ""),
            ],
        );
        self.alias(
            "V0PortForwardingDeleted<T>",
            &["What is left after `destroyPortForwardingRule`, with `setWait` (polls until the rule is gone)."],
            "V0PortForwarding<T> & {\n  setWait(callback: Callback<V0PortForwarding<T>>): void;\n  setWait(args: unknown, callback: Callback<V0PortForwarding<T>>): void;\n}",
        );
        self.declaration(
            "V0LoginKey",
            &["A login key made by the old client's `createLoginKey`."],
            "V0LoginKey",
            &[
                ("loginKeyName: string;", ""),
                ("privateKey: string;", "The PEM text, given once."),
            ],
        );
        self.declaration(
            "V0RootPassword",
            &["The old client's `findRootPassword`: the password NCP decrypted with the private key sent."],
            "V0RootPassword",
            &[("rootPassword: string;", "")],
        );
        self.declaration(
            "V0Statistic",
            &["The old client's `findStatistics`: the first statistic, its points in the 2017 form."],
            "V0Statistic",
            &[
                ("serverInstanceNo?: NumericId;", ""),
                (
                    "dataPoints: { member: Array<{ timestamp?: string; average?: number; unit?: string }> };",
                    "",
                ),
            ],
        );
        self.alias(
            "V0Retired",
            &["A method of NCP's retired File Storage REST API (`client.storage`): it fails with `ERR_UNSUPPORTED`."],
            "(...args: unknown[]) => Promise<never>",
        );
        self.alias(
            "V0RetiredEmitter",
            &["A transfer of NCP's retired File Storage REST API: its emitter emits an `ERR_UNSUPPORTED` `error`."],
            "(params?: Record<string, unknown>) => { on(event: string, listener: (...args: any[]) => void): unknown }",
        );
    }

    /// The interfaces of the items of the old client's results, when they differ from their model's.
    pub(super) fn v0_shapes(&mut self, methods: &[CompatMethod]) {
        let items: Vec<(String, Struct)> = methods
            .iter()
            .filter_map(|m| {
                let action = m.method?.action;
                Some((m.v0.name().to_string(), probe::v0_item(m.v0, action)?))
            })
            .collect();
        for (name, st) in &items {
            let plain = self
                .plain
                .entry(st.model.name)
                .or_insert_with(|| probe::plain(st.model))
                .clone();
            if *st == plain || self.shapes.iter().any(|(_, s, _)| s == st) {
                continue;
            }
            let users: Vec<String> = items.iter().filter(|(_, s)| s == st).map(|(n, _)| n.clone()).collect();
            let mut type_name = format!("Compat{}", st.model.name);
            if self.shapes.iter().any(|(n, _, _)| *n == type_name) {
                type_name = format!("{}{}", last(name), st.model.name);
            }
            let doc = vec![
                format!(
                    "A `{}` as returned by the old client's {}:",
                    st.model.name,
                    join_code(&users)
                ),
                "keys renamed as the old client did, ids as numbers.".into(),
            ];
            self.shapes.push((type_name, st.clone(), doc));
        }
    }

    /// The result type of an old 0.1.x method made by `compat::shapes`.
    pub(super) fn v0_result(&mut self, m: &CompatMethod) -> String {
        let Some(action) = m.method.map(|x| x.action) else {
            return "never".into();
        };
        let item = probe::v0_item(m.v0, action).map(|st| self.shape_name(&st, "", ""));
        let item = item.unwrap_or_else(|| "never".into());
        match m.v0.shape {
            V0Shape::List => format!("{item}[]"),
            V0Shape::ListFilter => format!("V0FilterList<{item}>"),
            V0Shape::Flavors => format!("V0FlavorList<{item}>"),
            V0Shape::PublicIps => format!("V0PublicIpList<{item}>"),
            V0Shape::Servers => format!("V0Server<{item}>[]"),
            // One item of the answer (`null` only if the answer has none, which NCP does not send).
            V0Shape::Server | V0Shape::ServerFound => format!("V0Server<{item}>"),
            V0Shape::First | V0Shape::PublicIp => item,
            V0Shape::PortForwarding => format!("V0PortForwarding<{item}>"),
            V0Shape::PortForwardingDeleted => format!("V0PortForwardingDeleted<{item}>"),
            V0Shape::PortForwardingRule => item,
            V0Shape::LoginKeyCreated => "V0LoginKey".into(),
            V0Shape::RootPassword => "V0RootPassword".into(),
            V0Shape::Statistics => "V0Statistic".into(),
            V0Shape::Geolocation => {
                let model = action.response.fields.iter().find_map(|f| match f.ty {
                    FieldType::Obj(model) => Some(model.name),
                    _ => None,
                });
                model.unwrap_or("Record<string, unknown>").to_string()
            }
            V0Shape::PrivateImages | V0Shape::PrivateImagesVm | V0Shape::PrivateImage | V0Shape::Retired => {
                "never".into()
            }
        }
    }

    /// `CreateServerParams`; `V0CreateLoginKeyParams` where an action's parameters have the name
    /// already (`createLoginKey`, `createPublicIpInstance` are VPC actions too).
    fn v0_params_name(v0: &V0Method) -> String {
        let name = format!("{}Params", last(v0.path));
        if ncloud::catalog::ACTIONS
            .iter()
            .any(|a| super::source::params_name(a) == name)
        {
            format!("V0{name}")
        } else {
            name
        }
    }

    /// The parameters of the methods 0.1.39 checked: the caller's keys (in 0.1.39's order), each typed
    /// as the parameter it becomes; its client-side options (`outputPath`, `autoCreateIp`) as such.
    pub(super) fn v0_params(&mut self) {
        let methods: Vec<(&'static V0Method, Option<&'static ncloud::service::Method>)> =
            self.compat.iter().map(|m| (m.v0, m.method)).collect();
        for (v0, method) in methods {
            let (Some(MessageSet::V0139), Some(method)) = (v0.messages, method) else {
                continue;
            };
            let action = method.action;
            let name = Self::v0_params_name(v0);
            let doc = format!("Parameters of the old client's `{}` (over `{}`).", v0.path, action.name);
            self.exported(&name, doc);
            if v0.params.is_empty() {
                self.w.line(0, &format!("export type {name} = Record<string, never>;"));
                continue;
            }
            self.w.line(0, &format!("export interface {name} {{"));
            for p in v0.params {
                let q = if p.required { "" } else { "?" };
                let undef = if p.required { "" } else { " | undefined" };
                let mut doc = Vec::new();
                let target = v0
                    .renames
                    .iter()
                    .find(|(k, _)| *k == p.name)
                    .map_or(p.name, |(_, t)| *t);
                doc.push(descriptions::of_old_key(v0, action, p.name, target).to_string());
                let ty = if p.local {
                    doc.push("A client-side option, never sent.".into());
                    if matches!(p.default, Some("true" | "false")) {
                        "boolean".to_string()
                    } else {
                        "string".to_string()
                    }
                } else {
                    if target != p.name {
                        doc.push(format!("The API's `{target}`."));
                    }
                    let mut parts = target.split('.');
                    let head = parts.next().unwrap_or(target);
                    let field = parts.nth(1);
                    let param = action.param(head);
                    let kind = match (param.map(|x| &x.kind), field) {
                        (Some(ParamKind::ObjList(input)), Some(f)) => {
                            input.params.iter().find(|x| x.name == f).map(|x| &x.kind)
                        }
                        (k, _) => k,
                    };
                    match kind {
                        Some(ParamKind::Int | ParamKind::Long) => "number | string".into(),
                        Some(ParamKind::Bool) => "boolean".into(),
                        Some(ParamKind::StrList | ParamKind::IntList) if v0.one_as_list.contains(&p.name) => {
                            "string | number".into()
                        }
                        Some(ParamKind::StrList | ParamKind::IntList) => "Array<string | number>".into(),
                        _ => "string | number".into(),
                    }
                };
                if let Some((min, max)) = p.len {
                    doc.push(format!("{min} to {max} characters."));
                }
                if let Some((min, max)) = p.items {
                    doc.push(match max {
                        Some(max) => format!("{min} to {max} items."),
                        None => format!("At least {min} item{}.", if min == 1 { "" } else { "s" }),
                    });
                }
                if let Some(d) = p.default {
                    doc.push(format!("Default: `{d}`."));
                }
                self.w.doc(1, &doc);
                self.w.line(1, &format!("{}{q}: {ty}{undef};", p.name));
            }
            self.w.line(0, "}");
        }
    }

    /// A 0.1.x method's doc and overloads on its surface.
    pub(super) fn v0_member(&mut self, i: usize, key: &str) -> (Vec<String>, Vec<String>) {
        let m = &self.compat[i];
        let (v0, method) = (m.v0, m.method);
        let Some(method) = method else {
            let doc = vec![
                format!(
                    "`{}` of the old 0.1.x client spoke to {}, which NCP has retired.",
                    v0.path,
                    v0.retired.unwrap_or("a retired API")
                ),
                format!(
                    "It fails with `ERR_UNSUPPORTED` (through the callback, the promise{}); use {}.",
                    if v0.args == Args::Emitter {
                        " or the emitter's `error` event"
                    } else {
                        ""
                    },
                    v0.replacement.unwrap_or("its successor")
                ),
            ];
            let line = if v0.args == Args::Emitter {
                format!("{key}(params?: Record<string, unknown>): {{ on(event: string, listener: (...args: any[]) => void): unknown }};")
            } else {
                format!("{key}(...args: unknown[]): Promise<never>;")
            };
            return (doc, vec![line]);
        };
        let action = method.action;
        let first = action.methods.first().copied().unwrap_or(action.name);
        let mut doc = vec![
            action.summary.to_string(),
            String::new(),
            format!(
                "The old 0.1.x client's `{}` (since {}): calls `client.{first}` (`{}`) and resolves to {}.",
                v0.path,
                v0.since,
                words::path(action),
                words::v0_result(v0)
            ),
        ];
        let keys = words::v0_keys(v0);
        if !keys.is_empty() {
            doc.push(keys);
        }
        doc.push(words::v0_differs(v0));
        // A name that is also a VPC action's: this is the old client's method; the action is elsewhere.
        let vpc = ncloud::catalog::ACTIONS
            .iter()
            .filter(|a| a.env == ncloud::catalog::Env::Vpc && a.name == key)
            .flat_map(|a| a.methods.iter())
            .find(|p| **p != v0.path);
        if let Some(other) = vpc {
            doc.push(format!("The VPC action of this name is `client.{other}`."));
        }
        doc.push(format!("@see {}", crate::reference::old_link(v0.path)));
        let result = {
            let cm = CompatMethod {
                path: v0.path.to_string(),
                v0,
                method: Some(method),
            };
            self.compat_result(&cm)
        };
        let (params, required) = match v0.messages {
            Some(MessageSet::V0139) => (Self::v0_params_name(v0), v0.params.iter().any(|p| p.required)),
            _ => (
                Self::compat_params_name(method),
                action.params.iter().any(|p| p.req == Req::Yes) && v0.args != Args::None,
            ),
        };
        let lines = match v0.args {
            // One rule for one object, the rules for a list of them.
            Args::ParamsOrList => {
                let mut l = overloads(key, &params, &result, true);
                l.extend(overloads(key, &format!("{params}[]"), &format!("{result}[]"), true));
                l
            }
            Args::None | Args::ParamsOpt => overloads(key, &params, &result, false),
            _ => overloads(key, &params, &result, required),
        };
        (doc, lines)
    }
}
