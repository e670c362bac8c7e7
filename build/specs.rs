//! The one-line specs of the model files: parameters (`"name: type flags"`), response fields and
//! waiter acceptors (`model/README.md`).

use crate::model::{FType, Field, Matcher, Op, PType, Param, Req, Rule, State, COMMON_CODE, R};

/// `"name: type rest"` split into (name, type, rest words).
fn split_spec(s: &str) -> R<(String, String, Vec<String>)> {
    let (name, rest) = s
        .split_once(':')
        .ok_or_else(|| format!("'{s}': expected 'name: type ...'"))?;
    let name = name.trim();
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(format!("'{s}': bad name '{name}'"));
    }
    let mut words = rest.split_whitespace().map(str::to_string);
    let ty = words.next().ok_or_else(|| format!("'{s}': no type"))?;
    Ok((name.to_string(), ty, words.collect()))
}

fn range_u(v: &str, what: &str) -> R<(Option<u64>, Option<u64>)> {
    let (a, b) = v.split_once("..").ok_or_else(|| format!("{what}={v}: expected a..b"))?;
    let num = |t: &str| -> R<Option<u64>> {
        if t.is_empty() {
            Ok(None)
        } else {
            t.parse()
                .map(Some)
                .map_err(|_| format!("{what}={v}: '{t}' is not a number"))
        }
    };
    Ok((num(a)?, num(b)?))
}

pub fn param(s: &str) -> R<Param> {
    let (name, ty, flags) = split_spec(s)?;
    let ty = match ty.as_str() {
        "str" => PType::Str,
        "int" => PType::Int,
        "long" => PType::Long,
        "bool" => PType::Bool,
        "[str]" => PType::StrList,
        "[int]" => PType::IntList,
        t if t.starts_with('[') && t.ends_with(']') && t.len() > 2 => PType::ObjList(t[1..t.len() - 1].to_string()),
        t => return Err(format!("'{s}': unknown parameter type '{t}'")),
    };
    let mut p = Param {
        name,
        ty,
        req: Req::No,
        rules: Vec::new(),
        base64: false,
    };
    for flag in flags {
        let (k, v) = flag.split_once('=').unwrap_or((flag.as_str(), ""));
        let rule = match (k, v) {
            ("required", "") => {
                p.req = Req::Yes;
                continue;
            }
            ("required_with", other) if !other.is_empty() => {
                p.req = Req::With(other.to_string());
                continue;
            }
            ("base64", "") => {
                p.base64 = true;
                continue;
            }
            ("unique", "") => Rule::Unique,
            ("image_name", "") => Rule::ImageName,
            ("len", v) => match range_u(v, k)? {
                (a, Some(b)) => Rule::Len(a.unwrap_or(0), b),
                _ => return Err(format!("'{s}': len needs an upper bound")),
            },
            ("bytes", v) => match range_u(v, k)? {
                (None, Some(b)) => Rule::MaxBytes(b),
                _ => return Err(format!("'{s}': bytes is written bytes=..N")),
            },
            ("items", v) => {
                let (a, b) = range_u(v, k)?;
                Rule::Items(a.unwrap_or(0), b)
            }
            ("range", v) => {
                let (a, b) = v.split_once("..").ok_or_else(|| format!("'{s}': range=a..b"))?;
                let num = |t: &str| -> R<Option<i64>> {
                    if t.is_empty() {
                        Ok(None)
                    } else {
                        t.parse()
                            .map(Some)
                            .map_err(|_| format!("'{s}': '{t}' is not an integer"))
                    }
                };
                Rule::Range(num(a)?, num(b)?)
            }
            ("oneof", v) if !v.is_empty() => Rule::OneOf(v.split('|').map(str::to_string).collect()),
            ("oneof_ci", v) if !v.is_empty() => Rule::OneOfCi(v.split('|').map(str::to_string).collect()),
            ("check", v) if !v.is_empty() => Rule::Check(v.to_string()),
            ("codes", v) if !v.is_empty() => Rule::Codes(v.to_string()),
            _ => return Err(format!("'{s}': unknown flag '{flag}'")),
        };
        p.rules.push(rule);
    }
    Ok(p)
}

pub fn field(s: &str) -> R<Field> {
    let (name, ty, flags) = split_spec(s)?;
    let ty = match ty.as_str() {
        "str" => FType::Str,
        "int" => FType::Int,
        "long" => FType::Long,
        "float" => FType::Float,
        "bool" => FType::Bool,
        "code" => FType::Code(None),
        "[str]" => FType::StrList,
        "[code]" => FType::List(COMMON_CODE.into()),
        t if t.starts_with("code(") && t.ends_with(')') => FType::Code(Some(t[5..t.len() - 1].to_string())),
        t if t.starts_with('[') && t.ends_with(']') && t.len() > 2 => FType::List(t[1..t.len() - 1].to_string()),
        t if t.starts_with(|c: char| c.is_ascii_uppercase()) => FType::Obj(t.to_string()),
        t => return Err(format!("'{s}': unknown field type '{t}'")),
    };
    let mut always = false;
    for flag in flags {
        match flag.as_str() {
            "always" => always = true,
            other => return Err(format!("'{s}': unknown flag '{other}'")),
        }
    }
    Ok(Field { name, ty, always })
}

pub fn acceptor(s: &str) -> R<(State, Matcher)> {
    let mut words = s.split_whitespace();
    let state = match words.next() {
        Some("success") => State::Success,
        Some("failure") => State::Failure,
        Some("retry") => State::Retry,
        _ => return Err(format!("acceptor '{s}': starts with success, failure or retry")),
    };
    let rest: Vec<&str> = words.collect();
    let matcher = match rest.as_slice() {
        ["empty"] => Matcher::Empty,
        ["gone"] => Matcher::Gone,
        ["error", code] => Matcher::Error((*code).to_string()),
        [path, op, value] => {
            let op = match *op {
                "=" => Op::Eq,
                "!=" => Op::Ne,
                "in" => Op::In,
                _ => return Err(format!("acceptor '{s}': the operator is =, != or in")),
            };
            let values: Vec<String> = if op == Op::In {
                value.split('|').map(str::to_string).collect()
            } else {
                vec![(*value).to_string()]
            };
            Matcher::Path {
                path: path.split('.').map(str::to_string).collect(),
                op,
                values,
            }
        }
        _ => return Err(format!("acceptor '{s}': unknown matcher")),
    };
    Ok((state, matcher))
}
