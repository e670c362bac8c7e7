//! Input validation, driven by the action declarations: it runs before any request is sent. Messages
//! follow the old `ncloud` client's wording. (The emulator checks what it receives with rules of its
//! own, `emulator/rules.rs`, so that it can disagree with the client.)

use crate::catalog::{Action, Param, ParamKind, Req, Rule};
use crate::error::{Error, Result, API_PREFIX};
use serde_json::{Map, Value};

mod hints;

/// A parameter with its normalized value: strings for `Str` (a `base64` parameter's text as given: it
/// is encoded on the way out, `encoding::flatten`), numbers for `Int` and `Long`, booleans for `Bool`,
/// arrays of strings, of numbers or of normalized objects (whose fields may be lists again) for lists.
pub type Normalized = Vec<(&'static Param, Value)>;

/// Deepest nesting of object lists in a parameter (`a.1.b.1.c`: 2). The model declares at most two
/// levels; the bound keeps recursion finite whatever the input (and a model that refers to itself).
pub const MAX_PARAM_DEPTH: usize = 4;

/// Why an input was refused. Names are the caller's (after renames).
#[derive(Debug, Clone, PartialEq)]
enum Invalid {
    /// Required parameters that are absent.
    Missing(Vec<String>),
    /// `param` is required when `other` is given (`pageSize` with `pageNo`).
    MissingWith {
        param: String,
        other: String,
    },
    /// Keys the action does not declare.
    Unknown(Vec<String>),
    /// A string's length in characters.
    Length {
        name: String,
        min: usize,
        max: usize,
    },
    /// A list's number of items.
    Items {
        name: String,
        min: usize,
        max: usize,
    },
    /// A string's size in UTF-8 bytes.
    Bytes {
        name: String,
        max: usize,
        got: usize,
    },
    /// The VPC image-name charset rule.
    ImageName {
        name: String,
        value: String,
    },
    NotOneOf {
        name: String,
        allowed: &'static [&'static str],
        value: String,
    },
    Range {
        name: String,
        min: i64,
        max: i64,
        value: String,
    },
    /// Not of the declared JSON type (`string`, `integer`, `boolean`, `array`, `object`).
    Type {
        name: String,
        expected: &'static str,
    },
    Duplicates {
        name: String,
        values: Vec<String>,
    },
    /// A cross-field rule ([`Rule::Check`]).
    Rule {
        name: String,
        message: String,
    },
}

impl Invalid {
    /// The message a user sees. The kinds the old client reported keep its text, `Error: ` prefix
    /// included (missing, unknown, string length: its `helpers/Validator/service` threw
    /// `new Error('Error: The following parameters should be defined : ' + ...)`); list sizes keep its
    /// unprefixed text (its `numItems` message had none); the others are this package's own.
    fn message(&self) -> String {
        match self {
            Invalid::Missing(names) => format!(
                "{API_PREFIX}The following parameters should be defined : {}",
                names.join(",")
            ),
            Invalid::MissingWith { param, other } => format!(
                "{API_PREFIX}The following parameters should be defined : {param} (required when '{other}' is given)"
            ),
            Invalid::Unknown(names) => format!("{API_PREFIX}Invalid Parameters : {}", names.join(",")),
            Invalid::Length { name, min, max } => {
                format!("{API_PREFIX}{}", bounds_message("length", name, *min, *max))
            }
            Invalid::Items { name, min, max } => bounds_message("length", name, *min, *max),
            Invalid::Bytes { name, max, got } => {
                format!("The size of '{name}' must be less than or equals to {max} bytes (UTF-8), got {got}")
            }
            Invalid::ImageName { name, value } => format!(
                "'{name}' must start with a letter, end with a letter or a digit, and contain only letters, digits and '-' (got '{value}')"
            ),
            Invalid::NotOneOf { name, allowed, value } => {
                format!("'{name}' must be one of: {} (got '{value}')", allowed.join(", "))
            }
            Invalid::Range { name, min, max, value } => {
                format!("'{name}' must be an integer between {min} and {max}, got {value}")
            }
            Invalid::Type { name, expected } => {
                let article = if expected.starts_with(['a', 'i', 'o']) { "an" } else { "a" };
                format!("'{name}' must be {article} {expected}")
            }
            Invalid::Duplicates { name, values } => {
                format!("'{name}' must not contain duplicates: {}", values.join(","))
            }
            Invalid::Rule { message, .. } => message.clone(),
        }
    }
}

impl Invalid {
    /// The same refusal with each name `caller` knows another way given that way (`caller(name)`),
    /// names quoted in a cross-field rule's message included.
    fn named(self, caller: &dyn Fn(&str) -> Option<String>) -> Invalid {
        let one = |n: String| caller(&n).unwrap_or(n);
        let all = |names: Vec<String>| names.into_iter().map(one).collect();
        match self {
            Invalid::Missing(names) => Invalid::Missing(all(names)),
            Invalid::Unknown(names) => Invalid::Unknown(all(names)),
            Invalid::MissingWith { param, other } => Invalid::MissingWith {
                param: one(param),
                other: one(other),
            },
            Invalid::Length { name, min, max } => Invalid::Length {
                name: one(name),
                min,
                max,
            },
            Invalid::Items { name, min, max } => Invalid::Items {
                name: one(name),
                min,
                max,
            },
            Invalid::Bytes { name, max, got } => Invalid::Bytes {
                name: one(name),
                max,
                got,
            },
            Invalid::ImageName { name, value } => Invalid::ImageName { name: one(name), value },
            Invalid::NotOneOf { name, allowed, value } => Invalid::NotOneOf {
                name: one(name),
                allowed,
                value,
            },
            Invalid::Range { name, min, max, value } => Invalid::Range {
                name: one(name),
                min,
                max,
                value,
            },
            Invalid::Type { name, expected } => Invalid::Type {
                name: one(name),
                expected,
            },
            Invalid::Duplicates { name, values } => Invalid::Duplicates {
                name: one(name),
                values,
            },
            Invalid::Rule { name, message } => match caller(&name) {
                Some(shown) => Invalid::Rule {
                    message: message.replace(&format!("'{name}'"), &format!("'{shown}'")),
                    name: shown,
                },
                None => Invalid::Rule { name, message },
            },
        }
    }
}

impl From<Invalid> for Error {
    fn from(i: Invalid) -> Error {
        Error::validation(i.message())
    }
}

/// Checks a call's parameters and gives them normalized, in declaration order. A key the action does
/// not declare is refused, as the old client refused it. `renames` maps a caller's key to the
/// parameter it stands for (`privateImageName` -> `memberServerImageName`); messages then use the
/// caller's key (of the keys naming one parameter, the one given). A rename may also name a field of an
/// item as messages write it (`externalPort` -> `portForwardingRuleList[0].portForwardingExternalPort`),
/// for a caller whose key became that field: messages then name the caller's key there too.
pub fn validate(action: &'static Action, input: &Map<String, Value>, renames: &[(&str, &str)]) -> Result<Normalized> {
    check(action, input, renames).map_err(|invalid| {
        let invalid = invalid.named(&|name| caller_key(renames, input, name).map(str::to_string));
        // A missing or unknown parameter names the caller's wrong keys, with the likely fix.
        let note = match invalid {
            Invalid::Missing(_) => hints::unknown_keys_note(action, input, renames, false),
            Invalid::Unknown(_) => hints::unknown_keys_note(action, input, renames, true),
            _ => None,
        };
        match note {
            Some(note) => Error::validation(format!("{} ({note})", invalid.message())),
            None => Error::from(invalid),
        }
    })
}

/// The caller's key for the parameter (or field) `name` by `renames`: of the keys naming it, the one
/// the caller gave, else the first.
fn caller_key<'r>(renames: &[(&'r str, &str)], input: &Map<String, Value>, name: &str) -> Option<&'r str> {
    let mut keys = renames.iter().filter(|(_, p)| *p == name);
    let first = keys.clone().next();
    keys.find(|(u, _)| input.contains_key(*u)).or(first).map(|(u, _)| *u)
}

fn check(
    action: &'static Action,
    input: &Map<String, Value>,
    renames: &[(&str, &str)],
) -> std::result::Result<Normalized, Invalid> {
    let display = |param: &str| caller_key(renames, input, param).unwrap_or(param).to_string();

    let mut given: Vec<(&'static Param, &Value)> = Vec::new();
    let mut unknown: Vec<String> = Vec::new();
    for (key, value) in input {
        if value.is_null() {
            continue;
        }
        let name = renames.iter().find(|(u, _)| u == key).map(|(_, p)| *p).unwrap_or(key);
        match action.param(name) {
            Some(param) if !given.iter().any(|(p, _)| p.name == param.name) => given.push((param, value)),
            Some(_) => unknown.push(key.clone()),
            None => unknown.push(key.clone()),
        }
    }
    let has = |name: &str| given.iter().any(|(p, _)| p.name == name);

    let mut missing = Vec::new();
    for param in action.params {
        match param.req {
            Req::Yes if !has(param.name) => missing.push(display(param.name)),
            Req::With(other) if has(other) && !has(param.name) => {
                return Err(Invalid::MissingWith {
                    param: display(param.name),
                    other: display(other),
                });
            }
            _ => {}
        }
    }
    if !missing.is_empty() {
        return Err(Invalid::Missing(missing));
    }
    if !unknown.is_empty() {
        return Err(Invalid::Unknown(unknown));
    }

    let mut out = Vec::with_capacity(given.len());
    for param in action.params {
        if let Some((_, value)) = given.iter().find(|(p, _)| p.name == param.name) {
            let name = display(param.name);
            let value = normalize(param, &name, value, 0)?;
            out.push((param, value));
        }
    }
    Ok(out)
}

type Checked<T> = std::result::Result<T, Invalid>;

fn type_error(name: &str, expected: &'static str) -> Invalid {
    Invalid::Type {
        name: name.to_string(),
        expected,
    }
}

fn normalize(param: &'static Param, name: &str, value: &Value, depth: usize) -> Checked<Value> {
    // The size of a list is checked before its items.
    if let Value::Array(items) = value {
        for rule in param.rules {
            if let Rule::Items(min, max) = rule {
                if items.len() < *min || items.len() > *max {
                    return Err(Invalid::Items {
                        name: name.to_string(),
                        min: *min,
                        max: *max,
                    });
                }
            }
        }
    }
    let v = match &param.kind {
        ParamKind::Str => Value::String(scalar_text(name, value)?),
        ParamKind::Int | ParamKind::Long => Value::from(integer(name, value)?),
        ParamKind::Bool => Value::Bool(boolean(name, value)?),
        ParamKind::StrList => {
            let items = list(name, value)?;
            let mut out = Vec::with_capacity(items.len());
            for item in items {
                out.push(Value::String(scalar_text(name, item)?));
            }
            Value::Array(out)
        }
        ParamKind::IntList => {
            let items = list(name, value)?;
            let mut out = Vec::with_capacity(items.len());
            for item in items {
                out.push(Value::from(integer(name, item)?));
            }
            Value::Array(out)
        }
        ParamKind::ObjList(input) => {
            if depth >= MAX_PARAM_DEPTH {
                return Err(Invalid::Rule {
                    name: name.to_string(),
                    message: format!("'{name}' is nested deeper than {MAX_PARAM_DEPTH} lists of objects"),
                });
            }
            let fields = input.params;
            let items = list(name, value)?;
            let mut out = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                let Some(obj) = item.as_object() else {
                    return Err(type_error(&format!("{name}[{i}]"), "object"));
                };
                out.push(normalize_object(fields, &format!("{name}[{i}]"), obj, depth + 1)?);
            }
            Value::Array(out)
        }
    };
    check_rules(param, name, &v)?;
    Ok(v)
}

fn normalize_object(fields: &'static [Param], prefix: &str, obj: &Map<String, Value>, depth: usize) -> Checked<Value> {
    let names: Vec<&str> = fields.iter().map(|f| f.name).collect();
    let unknown: Vec<String> = obj
        .keys()
        .filter(|k| !fields.iter().any(|f| f.name == k.as_str()))
        .map(|k| match hints::suggest(k, &names) {
            Some(s) => format!("{prefix}.{k} (did you mean '{s}'?)"),
            None => format!("{prefix}.{k}"),
        })
        .collect();
    if !unknown.is_empty() {
        return Err(Invalid::Unknown(unknown));
    }
    let missing: Vec<String> = fields
        .iter()
        .filter(|f| f.req == Req::Yes && obj.get(f.name).is_none_or(Value::is_null))
        .map(|f| format!("{prefix}.{}", f.name))
        .collect();
    if !missing.is_empty() {
        return Err(Invalid::Missing(missing));
    }
    let mut out = Map::new();
    for field in fields {
        if let Some(v) = obj.get(field.name).filter(|v| !v.is_null()) {
            let name = format!("{prefix}.{}", field.name);
            out.insert(field.name.to_string(), normalize(field, &name, v, depth)?);
        }
    }
    Ok(Value::Object(out))
}

fn scalar_text(name: &str, value: &Value) -> Checked<String> {
    match value {
        Value::String(s) => Ok(s.clone()),
        Value::Number(n) if n.is_i64() || n.is_u64() => Ok(n.to_string()),
        _ => Err(type_error(name, "string")),
    }
}

fn integer(name: &str, value: &Value) -> Checked<i64> {
    let parsed = match value {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse::<i64>().ok(),
        _ => None,
    };
    parsed.ok_or_else(|| type_error(name, "integer"))
}

fn boolean(name: &str, value: &Value) -> Checked<bool> {
    match value {
        Value::Bool(b) => Ok(*b),
        Value::String(s) if s.eq_ignore_ascii_case("true") => Ok(true),
        Value::String(s) if s.eq_ignore_ascii_case("false") => Ok(false),
        _ => Err(type_error(name, "boolean")),
    }
}

fn list<'v>(name: &str, value: &'v Value) -> Checked<&'v Vec<Value>> {
    value.as_array().ok_or_else(|| type_error(name, "array"))
}

/// The text a rule sees for one scalar value.
fn text_of(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn check_rules(param: &Param, name: &str, value: &Value) -> Checked<()> {
    let items: Vec<&Value> = match value {
        Value::Array(a) => a.iter().collect(),
        v => vec![v],
    };
    for rule in param.rules {
        match rule {
            Rule::Items(min, max) => {
                let n = items.len();
                if n < *min || n > *max {
                    return Err(Invalid::Items {
                        name: name.to_string(),
                        min: *min,
                        max: *max,
                    });
                }
            }
            Rule::Unique => {
                let mut seen = std::collections::HashSet::new();
                let dups: Vec<String> = items
                    .iter()
                    .map(|v| text_of(v))
                    .filter(|t| !seen.insert(t.clone()))
                    .collect();
                if !dups.is_empty() {
                    return Err(Invalid::Duplicates {
                        name: name.to_string(),
                        values: dups,
                    });
                }
            }
            Rule::Check(check) => check(name, value).map_err(|message| Invalid::Rule {
                name: name.to_string(),
                message,
            })?,
            _ => {
                for item in &items {
                    check_item(rule, name, item)?;
                }
            }
        }
    }
    Ok(())
}

fn check_item(rule: &Rule, name: &str, value: &Value) -> Checked<()> {
    let text = text_of(value);
    let name_s = || name.to_string();
    match rule {
        Rule::Len(min, max) => {
            let n = text.chars().count();
            if n < *min || n > *max {
                return Err(Invalid::Length {
                    name: name_s(),
                    min: *min,
                    max: *max,
                });
            }
        }
        Rule::MaxBytes(max) => {
            if text.len() > *max {
                return Err(Invalid::Bytes {
                    name: name_s(),
                    max: *max,
                    got: text.len(),
                });
            }
        }
        Rule::ImageName => {
            let n = text.chars().count();
            if !(3..=30).contains(&n) {
                return Err(Invalid::Length {
                    name: name_s(),
                    min: 3,
                    max: 30,
                });
            }
            if !is_image_name(&text) {
                return Err(Invalid::ImageName {
                    name: name_s(),
                    value: text,
                });
            }
        }
        Rule::OneOf(allowed) if !allowed.contains(&text.as_str()) => {
            return Err(Invalid::NotOneOf {
                name: name_s(),
                allowed,
                value: text,
            })
        }
        Rule::OneOfIgnoreCase(allowed) if !allowed.iter().any(|a| a.eq_ignore_ascii_case(&text)) => {
            return Err(Invalid::NotOneOf {
                name: name_s(),
                allowed,
                value: text,
            })
        }
        Rule::Range(min, max) => {
            let n = value.as_i64().unwrap_or(i64::MIN);
            if n < *min || n > *max {
                return Err(Invalid::Range {
                    name: name_s(),
                    min: *min,
                    max: *max,
                    value: text,
                });
            }
        }
        Rule::OneOf(_)
        | Rule::OneOfIgnoreCase(_)
        | Rule::Items(..)
        | Rule::Unique
        | Rule::Check(_)
        | Rule::Codes(_) => {}
    }
    Ok(())
}

/// The client's image-name rule, the wider reading of seeds 001/002 ("only English letters, numbers and
/// '-', start with an English letter, end with a letter or number"): upper case is accepted and the API
/// judges. The emulator applies the spec's narrower lower-case rule on its side.
fn is_image_name(s: &str) -> bool {
    let bytes = s.as_bytes();
    let allowed = |b: &u8| b.is_ascii_alphanumeric() || *b == b'-';
    match (bytes.first(), bytes.last()) {
        (Some(first), Some(last)) => {
            first.is_ascii_alphabetic() && last.is_ascii_alphanumeric() && bytes.iter().all(allowed)
        }
        _ => false,
    }
}

/// The old client's bounds wording.
fn bounds_message(what: &str, name: &str, min: usize, max: usize) -> String {
    match (min, max) {
        (min, usize::MAX) => format!("The {what} of '{name}' must be greater than or equals to {min}"),
        (0, max) => format!("The {what} of '{name}' must be less than or equals to {max}"),
        (min, max) => {
            format!("The {what} of '{name}' must be greater than or equals to {min} and less than or equals to {max}")
        }
    }
}
