//! Writes the checked model (`model.rs`) as Rust statics of the types in `src/catalog/types.rs`:
//! `$OUT_DIR/catalog.rs` (APIs, models, inputs, the `ActionId` enum, actions, waiters), included by
//! `src/catalog/generated.rs`, and `$OUT_DIR/dispatch.rs`, the emulator's exhaustive dispatch.

use crate::model::{FType, Matcher, Op, PType, Param, Req, Rule, Set, State};
use std::fmt::Write;

/// `getServerImageList` -> `GET_SERVER_IMAGE_LIST`.
pub fn screaming(s: &str) -> String {
    let mut out = String::new();
    let mut prev_lower = false;
    for c in s.chars() {
        if c.is_ascii_uppercase() && prev_lower {
            out.push('_');
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        out.push(c.to_ascii_uppercase());
    }
    out
}

/// `getServerImageList` -> `get_server_image_list`.
pub fn snake(s: &str) -> String {
    screaming(s).to_ascii_lowercase()
}

fn pascal(s: &str) -> String {
    crate::model::upper_first(s)
}

fn q(s: &str) -> String {
    format!("{s:?}")
}

fn strs(items: &[String]) -> String {
    let inner: Vec<String> = items.iter().map(|s| q(s)).collect();
    format!("&[{}]", inner.join(", "))
}

fn model_static(name: &str) -> String {
    if name == crate::model::COMMON_CODE {
        return "COMMON_CODE".into();
    }
    format!("M_{}", screaming(name))
}

fn action_static(set: &Set, i: usize) -> String {
    let a = &set.actions[i];
    format!("{}_{}", screaming(&set.apis[a.api].name), screaming(&a.name))
}

pub fn action_variant(set: &Set, i: usize) -> String {
    let a = &set.actions[i];
    format!("{}{}", pascal(&set.apis[a.api].name), pascal(&a.name))
}

/// The TypeScript name of an action's answer (`GetZoneListResponse`, `ClassicGetZoneListResponse`).
pub fn response_name(set: &Set, i: usize) -> String {
    let a = &set.actions[i];
    let prefix = if set.apis[a.api].classic { "Classic" } else { "" };
    format!("{prefix}{}Response", pascal(&a.name))
}

fn param(out: &mut String, p: &Param) {
    let kind = match &p.ty {
        PType::Str => "ParamKind::Str".to_string(),
        PType::Int => "ParamKind::Int".to_string(),
        PType::Long => "ParamKind::Long".to_string(),
        PType::Bool => "ParamKind::Bool".to_string(),
        PType::StrList => "ParamKind::StrList".to_string(),
        PType::IntList => "ParamKind::IntList".to_string(),
        PType::ObjList(i) => format!("ParamKind::ObjList(&I_{})", screaming(i)),
    };
    let req = match &p.req {
        Req::Yes => "Req::Yes".to_string(),
        Req::No => "Req::No".to_string(),
        Req::With(o) => format!("Req::With({})", q(o)),
    };
    let rules: Vec<String> = p
        .rules
        .iter()
        .map(|r| match r {
            Rule::Len(a, b) => format!("Rule::Len({a}, {b})"),
            Rule::MaxBytes(b) => format!("Rule::MaxBytes({b})"),
            Rule::ImageName => "Rule::ImageName".into(),
            Rule::OneOf(v) => format!("Rule::OneOf({})", strs(v)),
            Rule::OneOfCi(v) => format!("Rule::OneOfIgnoreCase({})", strs(v)),
            Rule::Range(a, b) => format!(
                "Rule::Range({}, {})",
                a.map_or("i64::MIN".into(), |n| n.to_string()),
                b.map_or("i64::MAX".into(), |n| n.to_string())
            ),
            Rule::Items(a, b) => format!("Rule::Items({a}, {})", b.map_or("usize::MAX".into(), |n| n.to_string())),
            Rule::Unique => "Rule::Unique".into(),
            Rule::Check(f) => format!("Rule::Check(super::checks::{f})"),
            Rule::Codes(set) => format!("Rule::Codes(C_{})", screaming(set)),
        })
        .collect();
    let _ = writeln!(
        out,
        "    Param {{ name: {}, kind: {kind}, req: {req}, rules: &[{}], base64: {} }},",
        q(&p.name),
        rules.join(", "),
        p.base64
    );
}

fn fields(out: &mut String, set: &Set, fields: &[crate::model::Field]) {
    for f in fields {
        let (ty, codes) = match &f.ty {
            FType::Str => ("FieldType::Str".to_string(), "&[]".to_string()),
            FType::Int => ("FieldType::Int".into(), "&[]".into()),
            FType::Long => ("FieldType::Long".into(), "&[]".into()),
            FType::Float => ("FieldType::Float".into(), "&[]".into()),
            FType::Bool => ("FieldType::Bool".into(), "&[]".into()),
            FType::Code(c) => (
                "FieldType::Code".into(),
                c.as_ref().map_or("&[]".into(), |c| format!("C_{}", screaming(c))),
            ),
            FType::StrList => ("FieldType::StrList".into(), "&[]".into()),
            FType::Obj(m) => (format!("FieldType::Obj(&{})", model_static(m)), "&[]".into()),
            FType::List(m) => (format!("FieldType::List(&{})", model_static(m)), "&[]".into()),
        };
        let _ = set;
        let _ = writeln!(
            out,
            "        Field {{ name: {}, ty: {ty}, always: {}, codes: {codes} }},",
            q(&f.name),
            f.always
        );
    }
}

/// `$OUT_DIR/catalog.rs`.
pub fn catalog(set: &Set) -> Result<String, String> {
    let mut o = String::from("// @generated by build.rs from model/*.toml: edit those files, not this one.\n\n");
    for api in &set.apis {
        let _ = writeln!(
            o,
            "pub static API_{}: Api = Api {{ name: {}, title: {}, prefix: {}, hosts: [{}], docs: {}, env: Env::{}, not_found: {} }};",
            screaming(&api.name),
            q(&api.name),
            q(&api.title),
            q(&api.prefix),
            api.hosts.iter().map(|h| q(h)).collect::<Vec<_>>().join(", "),
            q(&api.docs),
            if api.classic { "Classic" } else { "Vpc" },
            strs(&api.not_found)
        );
    }
    let apis: Vec<String> = set
        .apis
        .iter()
        .map(|a| format!("&API_{}", screaming(&a.name)))
        .collect();
    let _ = writeln!(
        o,
        "\n/// Every API, in model-file order.\npub static APIS: &[&Api] = &[{}];\n",
        apis.join(", ")
    );
    for (name, values) in &set.codes {
        let _ = writeln!(o, "const C_{}: &[&str] = {};", screaming(name), strs(values));
    }
    let sets: Vec<String> = set
        .codes
        .keys()
        .map(|name| format!("({}, C_{})", q(name), screaming(name)))
        .collect();
    let _ = writeln!(
        o,
        "\n/// Every code set by its name in the model (the typings name a union after it).\npub static CODE_SETS: &[(&str, &[&str])] = &[{}];",
        sets.join(", ")
    );
    o.push('\n');
    for m in &set.models {
        let _ = writeln!(
            o,
            "pub static {}: Model = Model {{ name: {}, xml_item: {}, fields: &[",
            model_static(&m.name),
            q(&m.name),
            q(&m.xml)
        );
        fields(&mut o, set, &m.fields);
        o.push_str("] };\n");
    }
    let models: Vec<String> = set
        .models
        .iter()
        .map(|m| format!("&{}", model_static(&m.name)))
        .collect();
    let _ = writeln!(
        o,
        "\n/// Every item model, in declaration order.\npub static ALL_MODELS: &[&Model] = &[&COMMON_CODE, {}];\n",
        models.join(", ")
    );
    for i in &set.inputs {
        let _ = writeln!(
            o,
            "pub static I_{}: Input = Input {{ name: {}, params: &[",
            screaming(&i.name),
            q(&i.name)
        );
        for p in &i.params {
            param(&mut o, p);
        }
        o.push_str("] };\n");
    }
    // The closed set of actions: a `match` over it must name each one.
    o.push_str("\n/// Every action as a closed set, in model-file order (`ACTIONS[id as usize]`).\n");
    o.push_str("#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]\n#[repr(u16)]\npub enum ActionId {\n");
    for i in 0..set.actions.len() {
        let _ = writeln!(o, "    {},", action_variant(set, i));
    }
    o.push_str("}\n\n");
    for (i, a) in set.actions.iter().enumerate() {
        let api = &set.apis[a.api];
        let rname = response_name(set, i);
        if set.models.iter().any(|m| m.name == rname) {
            return Err(format!("the model name '{rname}' is the name of {}'s answer", a.name));
        }
        let _ = writeln!(
            o,
            "pub static R_{}: Model = Model {{ name: {}, xml_item: {}, fields: &[",
            action_static(set, i),
            q(&rname),
            q(&format!("{}Response", a.name))
        );
        fields(&mut o, set, &a.returns);
        o.push_str("] };\n");
        let _ = writeln!(o, "pub static {}: Action = Action {{", action_static(set, i));
        let _ = writeln!(o, "    id: ActionId::{},", action_variant(set, i));
        let _ = writeln!(o, "    api: &API_{},", screaming(&api.name));
        let _ = writeln!(o, "    name: {},", q(&a.name));
        let _ = writeln!(o, "    env: Env::{},", if api.classic { "Classic" } else { "Vpc" });
        let _ = writeln!(o, "    group: {},", q(&a.group));
        o.push_str("    params: &[\n");
        for p in &a.params {
            o.push_str("    ");
            param(&mut o, p);
        }
        o.push_str("    ],\n");
        let _ = writeln!(o, "    response: &R_{},", action_static(set, i));
        match a.list() {
            Some((list, item)) => {
                let _ = writeln!(
                    o,
                    "    list: Some(ListField {{ name: {}, item: &{} }}),",
                    q(list),
                    model_static(item)
                );
            }
            None => o.push_str("    list: None,\n"),
        }
        let _ = writeln!(o, "    total_rows: {},", a.total_rows());
        let _ = writeln!(o, "    mutating: {},", a.mutating);
        match &a.wrapper {
            Some(w) => {
                let _ = writeln!(o, "    wrapper: Some({}),", q(w));
            }
            None => o.push_str("    wrapper: None,\n"),
        }
        let _ = writeln!(o, "    summary: {},", q(&a.summary));
        let _ = writeln!(o, "    methods: {},", strs(&a.methods));
        let _ = writeln!(o, "    paginators: {},", strs(&a.paginators));
        o.push_str("};\n");
    }
    let actions: Vec<String> = (0..set.actions.len())
        .map(|i| format!("&{}", action_static(set, i)))
        .collect();
    let _ = writeln!(
        o,
        "\n/// Every action, in `ActionId` order.\npub static ACTIONS: &[&Action] = &[\n    {},\n];\n",
        actions.join(",\n    ")
    );
    o.push_str("pub static WAITERS: &[Waiter] = &[\n");
    for w in &set.waiters {
        let _ = writeln!(o, "    Waiter {{");
        let _ = writeln!(o, "        name: {},", q(&w.name));
        let _ = writeln!(o, "        action: &{},", action_static(set, w.action));
        let _ = writeln!(o, "        id_param: {},", q(&w.id));
        let _ = writeln!(o, "        goal: {},", q(&w.goal));
        let _ = writeln!(o, "        timeout_ms: {},", w.timeout_ms);
        o.push_str("        acceptors: &[\n");
        for (state, m) in &w.acceptors {
            let state = match state {
                State::Success => "Success",
                State::Failure => "Failure",
                State::Retry => "Retry",
            };
            let matcher = match m {
                Matcher::Path { path, op, values } => format!(
                    "Matcher::Path {{ path: {}, op: Op::{}, values: {} }}",
                    strs(path),
                    match op {
                        Op::Eq => "Eq",
                        Op::Ne => "Ne",
                        Op::In => "In",
                    },
                    strs(values)
                ),
                Matcher::Empty => "Matcher::Empty".into(),
                Matcher::Gone => "Matcher::Gone".into(),
                Matcher::Error(c) => format!("Matcher::Error({})", q(c)),
            };
            let _ = writeln!(
                o,
                "            Acceptor {{ state: AcceptorState::{state}, matcher: {matcher} }},"
            );
        }
        o.push_str("        ],\n");
        let _ = writeln!(o, "        methods: {},", strs(&w.methods));
        o.push_str("    },\n");
    }
    o.push_str("];\n");
    Ok(o)
}

/// `$OUT_DIR/lookups.rs`, included by `src/emulator/lookup.rs`: the look-up of every action that lists
/// the records of one kind named after it (`build/lookups.rs`): its kind and store, a filter per
/// parameter the convention covers, the parameters it leaves to the handler (`rest`), and
/// `of(ActionId)` to find it.
pub fn lookups(set: &Set) -> String {
    use crate::lookups::How;
    let mut o = String::from("// @generated by build.rs from model/*.toml: edit those files, not this one.\n\n");
    let mut arms = String::new();
    for (i, a) in set.actions.iter().enumerate() {
        let Some(l) = crate::lookups::of(set, a) else { continue };
        let name = format!("L_{}", action_static(set, i));
        let filters: Vec<String> = l
            .filters
            .iter()
            .map(|f| {
                let parent;
                let how = match &f.how {
                    How::Eq => "Eq",
                    How::In => "In",
                    How::Code => "Code",
                    How::CodeIn => "CodeIn",
                    How::Flag => "Flag",
                    How::Zone => "Zone",
                    How::Search => "Search",
                    How::Parent(kind) => {
                        let k = set.kinds.iter().find(|k| &k.name == kind).expect("a parent kind");
                        let store = k
                            .stores
                            .iter()
                            .find(|(p, _)| *p == l.store.0)
                            .expect("a store of the platform");
                        parent = format!(
                            "Parent(&Parent {{ kind: Kind::{kind}, found: |s, no, r| live(&s.{}.{}, no, r) }})",
                            store.0,
                            snake(&store.1)
                        );
                        parent.as_str()
                    }
                };
                format!(
                    "Filter {{ param: {}, field: {}, how: How::{how} }}",
                    q(&f.param),
                    strs(&f.field)
                )
            })
            .collect();
        let _ = writeln!(
            o,
            "/// `{}.{}`: the `{}` records of `{}.{}`.\nstatic {name}: Lookup = Lookup {{ kind: Kind::{}, rows: |s| rows(&s.{}.{}), filters: &[{}], detail: {}, page: {}, sort: {}, rest: {} }};",
            set.apis[a.api].name,
            a.name,
            l.kind,
            l.store.0,
            l.store.1,
            l.kind,
            l.store.0,
            snake(&l.store.1),
            filters.join(", "),
            l.detail.as_deref().map_or("None".to_string(), |d| format!("Some({})", q(d))),
            l.page,
            l.sort,
            strs(&l.rest)
        );
        let _ = writeln!(arms, "        ActionId::{} => Some(&{name}),", action_variant(set, i));
    }
    o.push_str("\n/// The look-up of an action, if it lists the records of one kind named after it.\n");
    o.push_str("pub fn of(id: ActionId) -> Option<&'static Lookup> {\n    match id {\n");
    o.push_str(&arms);
    o.push_str("        _ => None,\n    }\n}\n");
    o
}

/// `$OUT_DIR/dispatch.rs`, included by `src/emulator/route.rs`: a `match` over every action calling
/// either the emulator's one look-up (`crate::emulator::lookup::answer`), for the actions that are
/// look-ups by convention (`build/lookups.rs`), or its handler
/// `crate::emulator::<api>::<group>::<action in snake case>(cx)`. An action that is not a look-up by
/// convention and has no handler function (or a group without its module) does not compile.
pub fn dispatch(set: &Set) -> String {
    let mut o = String::from("// @generated by build.rs from model/*.toml: edit those files, not this one.\n\n");
    let mut arms = String::new();
    let mut by_convention = Vec::new();
    for (i, a) in set.actions.iter().enumerate() {
        let variant = action_variant(set, i);
        if crate::lookups::of(set, a).is_some_and(|l| l.by_convention()) {
            let _ = writeln!(
                arms,
                "        ActionId::{variant} => crate::emulator::lookup::answer(cx),"
            );
            by_convention.push(format!(
                "({}, {}, {})",
                q(&set.apis[a.api].name),
                q(&a.group),
                q(&snake(&a.name))
            ));
        } else {
            let _ = writeln!(
                arms,
                "        ActionId::{variant} => crate::emulator::{}::{}::{}(cx),",
                set.apis[a.api].name,
                a.group,
                snake(&a.name)
            );
        }
    }
    let _ = writeln!(
        o,
        "\n/// `(api, group, handler)` of every look-up by convention: none of them has a handler.\npub static BY_CONVENTION: &[(&str, &str, &str)] = &[{}];",
        by_convention.join(", ")
    );
    o.push_str("\n/// Runs the emulator's handler (or look-up) of `cx.action`.\n");
    o.push_str("pub fn dispatch(cx: &mut Cx<'_>) -> Answer {\n    match cx.action.id {\n");
    o.push_str(&arms);
    o.push_str("    }\n}\n");
    o
}
