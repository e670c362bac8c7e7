//! How the emulator checks a request before its handler runs. The request is read without the catalog
//! ([`read::parse`]: lists and objects at any depth, every value text); then it is checked against
//! the action's parameters as the model declares them (the same declarations the client validates
//! with: requirement, type, rules), read the emulator's way where the two must judge differently and
//! with the emulator's own additions, both listed in one place, [`overrides`]. The handler receives the
//! checked, typed parameters (`Cx::params`). Failures are typed; the server maps them to NCP's answers
//! (900 missing, naming every missing parameter; 901 invalid).

use crate::catalog::{self, Action, Param, ParamKind, Req};
use serde_json::{Map, Value};

pub mod overrides;
pub mod read;

pub use read::parse;

pub type Params = Map<String, Value>;

/// Why a request is refused before its handler acts on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// Required parameters that are absent (NCP's 900, `location : a,b`).
    Missing(Vec<String>),
    /// A value the API does not take (901).
    Invalid { param: String, reason: String },
}

use Rule::*;

pub fn invalid(param: &str, reason: impl Into<String>) -> Failure {
    Failure::Invalid {
        param: param.to_string(),
        reason: reason.into(),
    }
}

/// One rule of one parameter, as the emulator applies it.
#[derive(Debug, Clone, Copy)]
pub enum Rule {
    /// Must be present (a value, or a list with items).
    Required,
    /// Must be present when the named parameter is (`pageSize` with `pageNo`).
    With(&'static str),
    /// An integer within bounds (each item, for a list); the handler sees a number.
    Int(i64, i64),
    /// `true` or `false`, any case; the handler sees a boolean.
    Bool,
    /// A list (`name.1`, `name.2` ...) without repeated values.
    Unique,
    /// A list of this many items.
    Items(usize, usize),
    /// Length in characters.
    Chars(usize, usize),
    /// Length in UTF-8 bytes, at most.
    Bytes(usize),
    /// One of these values exactly.
    OneOf(&'static [&'static str]),
    /// One of these values, any case.
    OneOfCi(&'static [&'static str]),
    /// VPC names (spec: 3-30 characters, lower-case letters, digits and '-', starting with a
    /// lower-case letter and ending with a lower-case letter or digit).
    VpcName,
    /// A check of the whole (typed) value written for the emulator ([`overrides`]).
    Check(fn(&str, &Value) -> Result<(), Failure>),
    /// A check of the model (`check=fn`, `catalog::checks`), as the client applies it.
    Model(fn(&str, &Value) -> Result<(), String>),
}

/// The rules of one parameter, and of the fields of its items when it is a list of objects.
#[derive(Debug, Clone)]
pub struct Spec {
    pub name: &'static str,
    pub rules: Vec<Rule>,
    pub fields: Option<Vec<Spec>>,
}

impl Spec {
    /// The spec of a parameter of the model: its requirement, its type (integers and booleans are
    /// typed), its rules ([`overrides::of_model`] says how the emulator reads each kind of rule).
    pub fn of(p: &'static Param) -> Spec {
        let mut rules = Vec::new();
        match p.req {
            Req::Yes => rules.push(Required),
            Req::With(other) => rules.push(With(other)),
            Req::No => {}
        }
        if matches!(p.kind, ParamKind::Int | ParamKind::Long | ParamKind::IntList) {
            let bounds = p.rules.iter().find_map(|r| match r {
                catalog::Rule::Range(lo, hi) => Some((*lo, *hi)),
                _ => None,
            });
            let (lo, hi) = bounds.unwrap_or((i64::MIN, i64::MAX));
            rules.push(Int(lo, hi));
        }
        if matches!(p.kind, ParamKind::Bool) {
            rules.push(Bool);
        }
        rules.extend(p.rules.iter().filter_map(overrides::of_model));
        let fields = match &p.kind {
            ParamKind::ObjList(input) => Some(input.params.iter().map(Spec::of).collect()),
            _ => None,
        };
        Spec {
            name: p.name,
            rules,
            fields,
        }
    }
}

/// The specs of an action's parameters: the model's, with the emulator's [`overrides`].
pub fn specs(action: &'static Action) -> Vec<Spec> {
    let mut out: Vec<Spec> = action.params.iter().map(Spec::of).collect();
    let each = overrides::OVERRIDES.iter().filter(|o| o.is(action));
    for (o, param) in each.flat_map(|o| o.params.iter().map(move |p| (o, p))) {
        let mut path = param.split('.');
        let mut list = &mut out;
        let mut at = path.next().and_then(|n| list.iter().position(|s| s.name == n));
        for field in path {
            let Some(i) = at else { break };
            list = list[i].fields.get_or_insert_with(Vec::new);
            at = list.iter().position(|s| s.name == field);
        }
        if let Some(i) = at {
            list[i].rules.extend_from_slice(o.rules);
        }
    }
    out
}

/// Checks `p` against the specs: every missing parameter first (as NCP names them all, nested ones as
/// `list.N.field`), then the values, in the model's order. Integers and booleans are typed in place.
pub fn check(p: &mut Params, specs: &[Spec]) -> Result<(), Failure> {
    let mut missing = Vec::new();
    missing_in(p, specs, "", &mut missing);
    if !missing.is_empty() {
        return Err(Failure::Missing(missing));
    }
    values_in(p, specs, "")
}

fn present(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => false,
        Some(Value::Array(items)) => !items.is_empty(),
        Some(_) => true,
    }
}

fn missing_in(p: &Params, specs: &[Spec], prefix: &str, out: &mut Vec<String>) {
    for s in specs {
        if s.rules.iter().any(|r| matches!(r, Required)) && !present(p.get(s.name)) {
            out.push(format!("{prefix}{}", s.name));
        }
    }
    for s in specs {
        let with = s.rules.iter().find_map(|r| match r {
            With(other) => Some(*other),
            _ => None,
        });
        if with.is_some_and(|o| present(p.get(o))) && !present(p.get(s.name)) {
            out.push(format!("{prefix}{}", s.name));
        }
    }
    for s in specs {
        if let (Some(inner), Some(Value::Array(items))) = (&s.fields, p.get(s.name)) {
            for (i, item) in items.iter().enumerate() {
                if let Value::Object(o) = item {
                    missing_in(o, inner, &format!("{prefix}{}.{}.", s.name, i + 1), out);
                }
            }
        }
    }
}

fn values_in(p: &mut Params, specs: &[Spec], prefix: &str) -> Result<(), Failure> {
    for s in specs {
        let full = format!("{prefix}{}", s.name);
        let Some(v) = p.get_mut(s.name) else { continue };
        if let Some(inner) = &s.fields {
            objects(&full, v, inner)?;
        }
        for r in &s.rules {
            check_one(*r, &full, v)?;
        }
    }
    Ok(())
}

/// The items of a list of objects, each checked with its fields' specs.
fn objects(name: &str, v: &mut Value, fields: &[Spec]) -> Result<(), Failure> {
    let Value::Array(items) = v else {
        return Err(invalid(name, format!("'{name}' must be a list of objects")));
    };
    for (i, item) in items.iter_mut().enumerate() {
        let Value::Object(o) = item else {
            return Err(invalid(name, format!("'{name}.{}' must be an object", i + 1)));
        };
        values_in(o, fields, &format!("{name}.{}.", i + 1))?;
    }
    Ok(())
}

fn text<'a>(name: &str, v: &'a Value) -> Result<&'a str, Failure> {
    v.as_str()
        .ok_or_else(|| invalid(name, format!("'{name}' must be a single value")))
}

fn list<'a>(name: &str, v: &'a Value) -> Result<&'a Vec<Value>, Failure> {
    v.as_array()
        .ok_or_else(|| invalid(name, format!("'{name}' must be a list ({name}.1, {name}.2 ...)")))
}

/// Applies `f` to a value, or to each item of a list.
fn each(v: &mut Value, f: &mut dyn FnMut(&mut Value) -> Result<(), Failure>) -> Result<(), Failure> {
    match v {
        Value::Array(items) => items.iter_mut().try_for_each(f),
        one => f(one),
    }
}

fn to_int(name: &str, v: &mut Value, lo: i64, hi: i64) -> Result<(), Failure> {
    let n = match &*v {
        Value::Number(n) => n.as_i64(),
        Value::String(t) => Some(
            t.trim()
                .parse::<i64>()
                .map_err(|_| invalid(name, format!("'{name}' must be an integer, got '{t}'")))?,
        ),
        _ => None,
    };
    match n {
        Some(n) if (lo..=hi).contains(&n) => {
            *v = Value::from(n);
            Ok(())
        }
        Some(n) => Err(invalid(
            name,
            format!("'{name}' must be an integer between {lo} and {hi}, got {n}"),
        )),
        None => Err(invalid(name, format!("'{name}' must be an integer, got {v}"))),
    }
}

fn to_bool(name: &str, v: &mut Value) -> Result<(), Failure> {
    let b = match &*v {
        Value::Bool(b) => *b,
        Value::String(t) if t.eq_ignore_ascii_case("true") => true,
        Value::String(t) if t.eq_ignore_ascii_case("false") => false,
        other => {
            let t = other.as_str().map_or_else(|| other.to_string(), str::to_string);
            return Err(invalid(name, format!("'{name}' must be true or false, got '{t}'")));
        }
    };
    *v = Value::Bool(b);
    Ok(())
}

fn check_one(rule: Rule, name: &str, v: &mut Value) -> Result<(), Failure> {
    match rule {
        Required | With(_) => Ok(()),
        Int(lo, hi) => each(v, &mut |x| to_int(name, x, lo, hi)),
        Bool => each(v, &mut |x| to_bool(name, x)),
        Unique => {
            let items = list(name, v)?;
            let mut seen = std::collections::HashSet::new();
            match items.iter().find(|i| !seen.insert(i.as_str())) {
                Some(dup) => Err(invalid(name, format!("'{name}' repeats {dup}"))),
                None => Ok(()),
            }
        }
        Items(lo, hi) => {
            let n = list(name, v)?.len();
            if (lo..=hi).contains(&n) {
                Ok(())
            } else {
                Err(invalid(name, format!("'{name}' takes {lo} to {hi} items, got {n}")))
            }
        }
        Chars(lo, hi) => each(v, &mut |x| {
            let n = text(name, x)?.chars().count();
            if (lo..=hi).contains(&n) {
                Ok(())
            } else {
                Err(invalid(
                    name,
                    format!("'{name}' must be {lo} to {hi} characters long, got {n}"),
                ))
            }
        }),
        Bytes(max) => each(v, &mut |x| {
            let n = text(name, x)?.len();
            if n <= max {
                Ok(())
            } else {
                Err(invalid(name, format!("'{name}' must be at most {max} bytes, got {n}")))
            }
        }),
        OneOf(allowed) => each(v, &mut |x| {
            let t = text(name, x)?;
            if allowed.contains(&t) {
                Ok(())
            } else {
                Err(invalid(
                    name,
                    format!("'{name}' must be one of: {} (got '{t}')", allowed.join(", ")),
                ))
            }
        }),
        OneOfCi(allowed) => each(v, &mut |x| {
            let t = text(name, x)?;
            if allowed.iter().any(|a| a.eq_ignore_ascii_case(t)) {
                Ok(())
            } else {
                Err(invalid(
                    name,
                    format!("'{name}' must be one of: {} (got '{t}')", allowed.join(", ")),
                ))
            }
        }),
        VpcName => each(v, &mut |x| {
            let t = text(name, x)?;
            if spec_image_name(t) {
                Ok(())
            } else {
                Err(invalid(
                    name,
                    format!("'{name}' must be 3-30 lower-case letters, digits or '-', start with a lower-case letter and end with a lower-case letter or a digit (got '{t}')"),
                ))
            }
        }),
        Check(f) => f(name, v),
        Model(f) => f(name, v).map_err(|reason| invalid(name, reason)),
    }
}

/// The spec's VPC image-name rule.
pub fn spec_image_name(name: &str) -> bool {
    let b = name.as_bytes();
    (3..=30).contains(&name.chars().count())
        && b.first().is_some_and(u8::is_ascii_lowercase)
        && b.last().is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pairs(q: &str) -> Vec<(String, String)> {
        form_urlencoded::parse(q.as_bytes()).into_owned().collect()
    }

    fn spec(name: &'static str, rules: &[Rule]) -> Spec {
        Spec {
            name,
            rules: rules.to_vec(),
            fields: None,
        }
    }

    fn list(name: &'static str, rules: &[Rule], fields: Vec<Spec>) -> Spec {
        Spec {
            fields: Some(fields),
            ..spec(name, rules)
        }
    }

    const INT: Rule = Int(i64::MIN, i64::MAX);

    #[test]
    fn missing_parameters_are_all_named_nested_ones_too() {
        let create = [
            spec("serverInstanceNo", &[Required]),
            spec("serverImageName", &[Required, VpcName]),
            spec("serverImageDescription", &[Bytes(1000)]),
        ];
        let mut p = parse(&pairs("serverImageDescription=d")).unwrap();
        assert_eq!(
            check(&mut p, &create),
            Err(Failure::Missing(vec![
                "serverInstanceNo".into(),
                "serverImageName".into()
            ]))
        );
        let nested = [
            spec("vpcNo", &[Required]),
            list(
                "networkInterfaceList",
                &[Required],
                vec![spec("order", &[Required, INT]), spec("subnetNo", &[Required])],
            ),
            spec("pageSize", &[With("pageNo"), Int(1, 1000)]),
        ];
        let mut p = parse(&pairs(
            "networkInterfaceList.1.order=0&networkInterfaceList.2.subnetNo=s&pageNo=1",
        ))
        .unwrap();
        assert_eq!(
            check(&mut p, &nested),
            Err(Failure::Missing(vec![
                "vpcNo".into(),
                "pageSize".into(),
                "networkInterfaceList.1.subnetNo".into(),
                "networkInterfaceList.2.order".into(),
            ]))
        );
    }

    #[test]
    fn values_are_typed_in_place_and_refused_with_the_reason() {
        let r = [
            spec("pageNo", &[INT]),
            spec("isBootable", &[Bool]),
            list("list", &[], vec![spec("order", &[Int(0, 20)]), spec("ids", &[Unique])]),
        ];
        let mut p = parse(&pairs(
            "pageNo=2&isBootable=TRUE&list.1.order=3&list.1.ids.1=a&list.1.ids.2=b&other=7",
        ))
        .unwrap();
        check(&mut p, &r).unwrap();
        assert_eq!(
            Value::Object(p),
            json!({"pageNo": 2, "isBootable": true, "list": [{"order": 3, "ids": ["a", "b"]}], "other": "7"})
        );
        let reason = |q: &str| match check(&mut parse(&pairs(q)).unwrap(), &r) {
            Err(Failure::Invalid { reason, .. }) => reason,
            other => panic!("{other:?}"),
        };
        assert_eq!(reason("pageNo=one"), "'pageNo' must be an integer, got 'one'");
        assert_eq!(
            reason("isBootable=yes"),
            "'isBootable' must be true or false, got 'yes'"
        );
        assert_eq!(
            reason("list.1.order=21"),
            "'list.1.order' must be an integer between 0 and 20, got 21"
        );
        assert_eq!(reason("list.1.ids.1=a&list.1.ids.2=a"), "'list.1.ids' repeats \"a\"");
    }

    #[test]
    fn the_spec_name_rule_is_lower_case() {
        for (name, ok) in [
            ("test-001", true),
            ("Test-001", false),
            ("a1", false),
            ("img_1", false),
            ("abc-", false),
        ] {
            assert_eq!(spec_image_name(name), ok, "{name}");
        }
    }
}
