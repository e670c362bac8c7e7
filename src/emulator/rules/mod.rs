//! The emulator's own rules, on purpose apart from the client's declarations (`validate.rs`), so that a
//! wrong rule on one side shows up as a disagreement in the tests. The request is read without the
//! catalog ([`read::parse`]); each handler then declares the rules of its action's parameters, written
//! from NCP's parameter tables, and gets the checked, typed parameters from [`check`] (through
//! `Cx::params`): there is no central list of actions here, only kinds of rules. Failures are typed;
//! the server maps them to NCP's answers (900 missing, naming every missing parameter; 901 invalid).

use serde_json::{Map, Value};

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

pub fn invalid(param: &str, reason: impl Into<String>) -> Failure {
    Failure::Invalid {
        param: param.to_string(),
        reason: reason.into(),
    }
}

/// One rule of one parameter.
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
    /// A list of objects (`name.N.field`), each checked with these rules.
    Each(Rules),
    /// A check of the whole (typed) value: cross-field rules.
    Check(fn(&str, &Value) -> Result<(), Failure>),
}

/// The rules of some parameters: `(name, rules)`, in the order NCP's table lists them.
pub type Rules = &'static [(&'static str, &'static [Rule])];

use Rule::*;

/// Any integer.
pub const INT: Rule = Int(i64::MIN, i64::MAX);
/// Descriptions: at most 1000 bytes.
pub const DESCRIPTION: Rule = Bytes(1000);
/// `pageNo` of every list action.
pub const PAGE_NO: (&str, &[Rule]) = ("pageNo", &[INT]);
/// VPC `pageSize`: 1-1000, required with `pageNo`.
pub const VPC_PAGE_SIZE: (&str, &[Rule]) = ("pageSize", &[With("pageNo"), Int(1, 1000)]);
/// VPC `sortingOrder`.
pub const VPC_ORDER: (&str, &[Rule]) = ("sortingOrder", &[OneOf(&["ASC", "DESC"])]);
/// Classic `pageSize`.
pub const CLASSIC_PAGE_SIZE: (&str, &[Rule]) = ("pageSize", &[INT]);
/// Classic `sortingOrder`, any case.
pub const CLASSIC_ORDER: (&str, &[Rule]) = ("sortingOrder", &[OneOfCi(&["ascending", "descending"])]);

/// Checks `p` against `rules`: every missing parameter first (as NCP names them all, nested ones as
/// `list.N.field`), then the values, in declaration order. Integers and booleans are typed in place.
pub fn check(p: &mut Params, rules: &[(&str, &[Rule])]) -> Result<(), Failure> {
    let mut missing = Vec::new();
    missing_in(p, rules, "", &mut missing);
    if !missing.is_empty() {
        return Err(Failure::Missing(missing));
    }
    values_in(p, rules, "")
}

fn present(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => false,
        Some(Value::Array(items)) => !items.is_empty(),
        Some(_) => true,
    }
}

fn missing_in(p: &Params, rules: &[(&str, &[Rule])], prefix: &str, out: &mut Vec<String>) {
    for (name, rs) in rules {
        if rs.iter().any(|r| matches!(r, Required)) && !present(p.get(*name)) {
            out.push(format!("{prefix}{name}"));
        }
    }
    for (name, rs) in rules {
        let with = rs.iter().find_map(|r| match r {
            With(other) => Some(*other),
            _ => None,
        });
        if with.is_some_and(|o| present(p.get(o))) && !present(p.get(*name)) {
            out.push(format!("{prefix}{name}"));
        }
    }
    for (name, rs) in rules {
        for r in rs.iter() {
            if let (Each(inner), Some(Value::Array(items))) = (r, p.get(*name)) {
                for (i, item) in items.iter().enumerate() {
                    if let Value::Object(o) = item {
                        missing_in(o, inner, &format!("{prefix}{name}.{}.", i + 1), out);
                    }
                }
            }
        }
    }
}

fn values_in(p: &mut Params, rules: &[(&str, &[Rule])], prefix: &str) -> Result<(), Failure> {
    for (name, rs) in rules {
        let full = format!("{prefix}{name}");
        let Some(v) = p.get_mut(*name) else { continue };
        for r in rs.iter() {
            check_one(*r, &full, v)?;
        }
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
        Each(inner) => {
            let Value::Array(items) = v else {
                return Err(invalid(name, format!("'{name}' must be a list of objects")));
            };
            for (i, item) in items.iter_mut().enumerate() {
                let Value::Object(o) = item else {
                    return Err(invalid(name, format!("'{name}.{}' must be an object", i + 1)));
                };
                values_in(o, inner, &format!("{name}.{}.", i + 1))?;
            }
            Ok(())
        }
        Check(f) => f(name, v),
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

/// VPC `blockStorageList` of an image: 1-21 entries, orders 0-20 each once, the base storage (order 0)
/// unchanged, other entries saying where their volume comes from. (Its items are typed by `Each` first.)
pub fn block_storage(name: &str, v: &Value) -> Result<(), Failure> {
    let items = v
        .as_array()
        .ok_or_else(|| invalid(name, format!("'{name}' must be a list of objects")))?;
    if items.is_empty() || items.len() > 21 {
        return Err(invalid(
            name,
            format!("'{name}' takes 1 to 21 entries, got {}", items.len()),
        ));
    }
    let mut orders = std::collections::HashSet::new();
    for (i, item) in items.iter().enumerate() {
        let n = i + 1;
        let Some(order) = item.get("order").and_then(Value::as_i64) else {
            return Err(Failure::Missing(vec![format!("{name}.{n}.order")]));
        };
        if !(0..=20).contains(&order) {
            return Err(invalid(
                name,
                format!("'{name}.{n}.order' must be 0 to 20, got {order}"),
            ));
        }
        if !orders.insert(order) {
            return Err(invalid(name, format!("'{name}' uses order {order} more than once")));
        }
        let has = |k: &str| item.get(k).is_some();
        let yes = |k: &str| item.get(k).and_then(Value::as_bool) == Some(true);
        if order == 0 {
            if has("blockStorageVolumeTypeCode") || has("noBlockStorage") || has("emptyBlockStorage") {
                return Err(invalid(
                    name,
                    format!("'{name}.{n}': the base storage (order 0) cannot be changed"),
                ));
            }
        } else if !yes("noBlockStorage") && !has("snapshotInstanceNo") && !has("blockStorageVolumeTypeCode") {
            return Err(invalid(
                name,
                format!("'{name}.{n}' needs snapshotInstanceNo or blockStorageVolumeTypeCode (or noBlockStorage=true)"),
            ));
        }
    }
    if !orders.contains(&0) {
        return Err(invalid(name, format!("'{name}' needs the base storage (order 0)")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pairs(q: &str) -> Vec<(String, String)> {
        form_urlencoded::parse(q.as_bytes()).into_owned().collect()
    }

    const CREATE: Rules = &[
        ("serverInstanceNo", &[Required]),
        ("serverImageName", &[Required, VpcName]),
        ("serverImageDescription", &[DESCRIPTION]),
    ];

    #[test]
    fn missing_parameters_are_all_named_nested_ones_too() {
        let mut p = parse(&pairs("serverImageDescription=d")).unwrap();
        assert_eq!(
            check(&mut p, CREATE),
            Err(Failure::Missing(vec![
                "serverInstanceNo".into(),
                "serverImageName".into()
            ]))
        );
        const NESTED: Rules = &[
            ("vpcNo", &[Required]),
            (
                "networkInterfaceList",
                &[
                    Required,
                    Each(&[("order", &[Required, INT]), ("subnetNo", &[Required])]),
                ],
            ),
            VPC_PAGE_SIZE,
        ];
        let mut p = parse(&pairs(
            "networkInterfaceList.1.order=0&networkInterfaceList.2.subnetNo=s&pageNo=1",
        ))
        .unwrap();
        assert_eq!(
            check(&mut p, NESTED),
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
        const R: Rules = &[
            ("pageNo", &[INT]),
            ("isBootable", &[Bool]),
            ("list", &[Each(&[("order", &[Int(0, 20)]), ("ids", &[Unique])])]),
        ];
        let mut p = parse(&pairs(
            "pageNo=2&isBootable=TRUE&list.1.order=3&list.1.ids.1=a&list.1.ids.2=b&other=7",
        ))
        .unwrap();
        check(&mut p, R).unwrap();
        assert_eq!(
            Value::Object(p),
            json!({"pageNo": 2, "isBootable": true, "list": [{"order": 3, "ids": ["a", "b"]}], "other": "7"})
        );
        let reason = |q: &str| match check(&mut parse(&pairs(q)).unwrap(), R) {
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
