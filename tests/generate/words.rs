//! The sentences the typings and the reference share, so that a hover and the reference page say the
//! same thing in the same words: a parameter's rules, what an answer holds, how a call is retried, what
//! an old method resolves to, and the address of an action's reference entry.

use ncloud::catalog::{Action, Api, Env, Field, FieldType, Input, Param, ParamKind, Req, Rule, WAITERS};
use ncloud::compat::table::{Args, V0Method, V0Shape, V0_METHODS, V1_SURFACES};

/// The reference's address, from `package.json`'s `repository` (the one place it is written).
fn repository() -> &'static str {
    static URL: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    URL.get_or_init(|| {
        let text = std::fs::read_to_string(super::root().join("package.json")).expect("package.json");
        let pkg: serde_json::Value = serde_json::from_str(&text).expect("package.json is JSON");
        let url = pkg["repository"]["url"]
            .as_str()
            .expect("package.json has repository.url");
        url.trim_start_matches("git+").trim_end_matches(".git").to_string()
    })
}

/// A heading's anchor as GitHub makes it (headings here are single identifiers).
pub fn anchor(heading: &str) -> String {
    heading.to_lowercase()
}

/// The reference page of an API (`vserver.md`).
pub fn page(api: &Api) -> String {
    format!("{}.md", api.name)
}

/// The address of `anchor` on reference page `page`.
pub fn link(page: &str, anchor: &str) -> String {
    format!("{}/blob/main/{}/{page}#{anchor}", repository(), super::reference::DIR)
}

/// The address of an action's reference entry.
pub fn action_link(action: &Action) -> String {
    link(&page(action.api), &self::anchor(action.name))
}

fn range(a: i64, b: i64) -> String {
    match (a, b) {
        (i64::MIN, i64::MAX) => "Integer.".into(),
        (a, i64::MAX) => format!("Integer, at least {a}."),
        (i64::MIN, b) => format!("Integer, at most {b}."),
        (a, b) => format!("Integer from {a} to {b}."),
    }
}

/// The rules of a parameter in words (a single value standing for a one-item list has no list rules).
pub fn rules(param: &Param, single: bool) -> Vec<String> {
    param
        .rules
        .iter()
        .filter(|r| !(single && matches!(r, Rule::Items(..) | Rule::Unique)))
        .map(|rule| match rule {
            Rule::Len(a, b) => format!("{a} to {b} characters."),
            Rule::MaxBytes(n) => format!("At most {n} bytes (UTF-8)."),
            Rule::ImageName => "3 to 30 characters: lower-case letters, digits and `-`, starting with a letter and ending with a letter or digit."
                .into(),
            Rule::OneOf(v) => format!("One of {}.", code_list(v)),
            Rule::OneOfIgnoreCase(v) => format!("One of {}, in any letter case.", code_list(v)),
            Rule::Range(a, b) => range(*a, *b),
            Rule::Items(a, b) if *b == usize::MAX => format!("At least {a} item{}.", if *a == 1 { "" } else { "s" }),
            Rule::Items(a, b) => format!("{a} to {b} items."),
            Rule::Unique => "No duplicate items.".into(),
            Rule::Check(_) => "The whole value is checked before sending (consistency across items).".into(),
            Rule::Codes(v) => format!("The API takes {} (NCP may add codes).", code_list(v)),
        })
        .chain(param.base64.then(|| "Sent base64-encoded (give the text as it is).".to_string()))
        .collect()
}

/// `` `A`, `B` ``.
pub fn code_list<S: AsRef<str>>(items: &[S]) -> String {
    items
        .iter()
        .map(|s| format!("`{}`", s.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Whether a parameter is required, in words (`None`: optional).
pub fn required(req: Req) -> Option<String> {
    match req {
        Req::Yes => Some("Required.".into()),
        Req::With(other) => Some(format!("Required when `{other}` is given.")),
        Req::No => None,
    }
}

/// A parameter's type as the reference writes it.
pub fn param_type(param: &Param) -> String {
    match &param.kind {
        ParamKind::Str => "string".into(),
        ParamKind::Int => "integer".into(),
        ParamKind::Long => "integer (64-bit)".into(),
        ParamKind::Bool => "boolean".into(),
        ParamKind::StrList => "string[]".into(),
        ParamKind::IntList => "integer[]".into(),
        ParamKind::ObjList(input) => format!("{}[]", input.name),
    }
}

/// A field's type as the reference writes it.
pub fn field_type(field: &Field) -> String {
    match field.ty {
        FieldType::Str => "string".into(),
        FieldType::Int => "integer".into(),
        FieldType::Long => "integer (64-bit)".into(),
        FieldType::Float => "number".into(),
        FieldType::Bool => "boolean".into(),
        FieldType::Code if field.codes.is_empty() => "{ code, codeName }".into(),
        FieldType::Code => format!("{{ code, codeName }}: {}", field.codes.join(" | ")),
        FieldType::StrList => "string[]".into(),
        FieldType::Obj(m) => m.name.into(),
        FieldType::List(m) => format!("{}[]", m.name),
    }
}

/// The API an action belongs to, in words (`the VPC server API`).
pub fn api_name(action: &Action) -> String {
    format!("the {} API", action.api.title)
}

/// What calling the action sends: its path.
pub fn path(action: &Action) -> String {
    format!("{}/{}", action.api.prefix, action.name)
}

/// What the answer holds besides the envelope: `` `serverImageList` (`ServerImage[]`) and `totalRows` ``.
pub fn answer(action: &Action) -> String {
    let fields: Vec<String> = action
        .response
        .fields
        .iter()
        .map(|f| match f.ty {
            FieldType::List(m) => format!("`{}` (`{}[]`)", f.name, m.name),
            FieldType::Obj(m) => format!("`{}` (`{}`)", f.name, m.name),
            _ => format!("`{}`", f.name),
        })
        .collect();
    match fields.as_slice() {
        [] => "its answer (`requestId`, `returnCode`, `returnMessage`)".into(),
        [one] => format!("its answer: {one}, with `requestId`, `returnCode`, `returnMessage`"),
        [rest @ .., last] => format!(
            "its answer: {} and {last}, with `requestId`, `returnCode`, `returnMessage`",
            rest.join(", ")
        ),
    }
}

/// How a failed call of the action is tried again.
pub fn retries(action: &Action) -> &'static str {
    if action.mutating {
        "It changes state: it is tried again only when the request was never sent."
    } else {
        "Read-only: tried again (up to `maxRetries`) after a network error, a timeout, throttling or a 5xx."
    }
}

/// The waiters that poll `action`.
pub fn waiters_of(action: &Action) -> Vec<&'static str> {
    WAITERS
        .iter()
        .filter(|w| std::ptr::eq(w.action, action))
        .map(|w| w.name)
        .collect()
}

/// What an old 0.1.x method resolves to, in words.
pub fn v0_result(v0: &V0Method) -> String {
    let renames = if v0.response_renames.is_empty() {
        String::new()
    } else {
        let list: Vec<String> = v0
            .response_renames
            .iter()
            .map(|(from, to)| format!("`{from}` as `{to}`"))
            .collect();
        format!(" ({})", list.join(", "))
    };
    let old = format!("in the old shape{renames}, ids as numbers");
    match v0.shape {
        V0Shape::List => format!("the answer's items {old}"),
        V0Shape::ListFilter => format!("the answer's items {old}, with the old `filter` helper (`filter({{ key: value }})`, `filter(fn)`)"),
        V0Shape::Flavors => format!("the flavors {old}, with `filter({{ vCpu, memory, storage, storageType }})`"),
        V0Shape::Servers => format!("the servers {old}, each with `STATUS` and `setWait`"),
        V0Shape::Server => format!("the server {old}, with `STATUS` and `setWait`"),
        V0Shape::ServerFound => format!("the server {old}, with `STATUS` and `setWait` (an unknown number is an error)"),
        V0Shape::First => format!("the answer's first item {old}"),
        V0Shape::PrivateImages | V0Shape::PrivateImagesVm => "the images in the old client's shape (seed 000: renamed keys, numeric ids)".into(),
        V0Shape::PrivateImage => "the image in the old client's shape (seed 000: renamed keys, numeric ids)".into(),
        V0Shape::PublicIps => format!("the public IPs {old}, with `filter({{ publicInstanceStatus: 'created' | 'used' }})`"),
        V0Shape::PublicIp => format!("the public IP {old}"),
        V0Shape::LoginKeyCreated => "`{ loginKeyName, privateKey }`; with `outputPath`, the key is also written to `<outputPath>/<loginKeyName>.pem` (mode 0600)".into(),
        V0Shape::RootPassword => "`{ rootPassword }`, which NCP decrypts with the `privateKey` sent".into(),
        V0Shape::PortForwarding => "`{ portForwardingConfigurationNo, portForwardingPublicIp, totalRows, portForwardingRuleList }`".into(),
        V0Shape::PortForwardingRule => "the rule made (for a list of rules, the rules made)".into(),
        V0Shape::PortForwardingDeleted => "the configuration left, with `setWait(callback)`, which polls until the rule is gone".into(),
        V0Shape::Statistics => "the first statistic, each point's `timestamp` in 0.1.39's UTC form (`2017-10-24T15:00:00.000Z`)".into(),
        V0Shape::Geolocation => "the answer's `geoLocation`".into(),
        V0Shape::Retired => "nothing: it fails with `ERR_UNSUPPORTED`".into(),
    }
}

/// How an old 0.1.x method's keys become the action's parameters, in words (empty: as they are).
pub fn v0_keys(v0: &V0Method) -> String {
    if v0.renames.is_empty() {
        return String::new();
    }
    let list: Vec<String> = v0
        .renames
        .iter()
        .map(|(key, param)| {
            let single = if v0.one_as_list.contains(key) {
                " (one item)"
            } else {
                ""
            };
            format!("`{key}` is sent as `{param}`{single}")
        })
        .collect();
    format!("{}.", list.join(", "))
}

/// Where an old 0.1.x method differs from the old client, or that it does not.
pub fn v0_differs(v0: &V0Method) -> String {
    let mut text = match v0.differs {
        Some(d) => format!("Unlike the old client: {d}."),
        None if v0.args == Args::None => "As in the old client: its result.".into(),
        None => "As in the old client: its keys, checks, messages and result.".into(),
    };
    if v0.args == Args::None {
        text.push_str(" 0.1.39 took only a callback; an object of the action's own parameters may come first here.");
    }
    text
}

/// The old clients' methods that call `action`: `` `client.compute.findPublicImages` (0.1.x) ``.
pub fn old_methods(action: &Action) -> Vec<String> {
    let mut out: Vec<String> = V0_METHODS
        .iter()
        .filter(|m| m.action.is_some_and(|a| std::ptr::eq(a, action)))
        .map(|m| format!("`client.{}` (0.1.x)", m.path))
        .collect();
    for s in V1_SURFACES {
        for m in s
            .methods
            .iter()
            .filter(|m| m.action.is_some_and(|a| std::ptr::eq(a, action)))
        {
            out.push(format!("`client.{}().{}` (1.x)", s.path, m.name));
        }
    }
    out
}

/// What the client gives a parameter the caller leaves out: the region of a call.
pub fn client_default(action: &Action, param: &str) -> Option<&'static str> {
    (param == action.env.region_param()).then_some(match action.env {
        Env::Vpc => "Defaults to the client's `region`.",
        Env::Classic => "Defaults to `client.compute.regionNo` when that is set.",
    })
}

/// The inputs (items of object-list parameters) of `actions`, nested ones too, in the order they are
/// first used, each once.
pub fn inputs<'a>(actions: impl IntoIterator<Item = &'a &'static Action>) -> Vec<&'static Input> {
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
    for a in actions {
        walk(a.params, &mut out);
    }
    out
}
