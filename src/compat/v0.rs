//! The old 0.1.x client's methods ([`V0_METHODS`]) as 0.1.39 ran them: its checks with its messages,
//! its renames and transformations into the action's parameters, and its results. Everything is read
//! from the method's row of the table; nothing here names a method.
//!
//! Checks (docs A.4): string and list lengths of the keys given (or required), then unknown keys, then
//! required keys, each with the method's message set. A method whose results the seed shows (the image
//! methods, `messages = "seed"`) and the look-ups taking no parameters keep the action's own
//! validation, with the seed's texts, as before.

use super::table::{message, Args, MessageSet, Transform, V0Method, V0Param, V0_METHODS};
use crate::catalog::{Action, ParamKind};
use crate::error::{Error, ErrorCode, Result};
use crate::validate::validate;
use base64::Engine;
use serde_json::{Map, Value};

/// The method of that name (`findServers`, `management.monitoring.findMetrics`).
pub fn method(name: &str) -> Option<&'static V0Method> {
    V0_METHODS.iter().find(|m| m.name() == name)
}

/// `{min} and {max}` bounds as the old messages write them.
fn bounds(min: Option<usize>, max: Option<usize>) -> String {
    let parts: Vec<String> = [
        min.map(|n| format!("greater than or equals to {n}")),
        max.map(|n| format!("less than or equals to {n}")),
    ]
    .into_iter()
    .flatten()
    .collect();
    parts.join(" and ")
}

fn fill(template: &str, pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .fold(template.to_string(), |t, (k, v)| t.replace(&format!("{{{k}}}"), v))
}

/// A message of the method's set (`missing`, `unknown`, `length`, `items`).
fn text(set: MessageSet, key: &str, pairs: &[(&str, &str)]) -> String {
    fill(message(set.name(), key), pairs)
}

/// A message of `[messages.common]`.
pub fn common(key: &str, pairs: &[(&str, &str)]) -> String {
    fill(message("common", key), pairs)
}

/// `.length` of a value as JavaScript sees it: UTF-16 units of a string, items of an array.
fn js_length(v: &Value) -> Option<usize> {
    match v {
        Value::String(s) => Some(s.encode_utf16().count()),
        Value::Array(a) => Some(a.len()),
        _ => None,
    }
}

fn is_ip(s: &str) -> Option<std::net::IpAddr> {
    s.parse().ok()
}

/// The `ip` package's `isPrivate`: private, loopback, link-local and unspecified addresses.
fn is_private(ip: std::net::IpAddr) -> bool {
    match ip {
        std::net::IpAddr::V4(v4) => v4.is_private() || v4.is_loopback() || v4.is_link_local() || v4.is_unspecified(),
        std::net::IpAddr::V6(v6) => {
            let first = v6.segments()[0];
            v6.is_loopback() || v6.is_unspecified() || (first & 0xfe00) == 0xfc00 || (first & 0xffc0) == 0xfe80
        }
    }
}

/// 0.1.39's checks of one argument object, in its order: constraints, unknown keys, required keys; then
/// `findLocation`'s IP check.
fn check_object(m: &V0Method, set: MessageSet, item: &Map<String, Value>, in_list: bool) -> Result<()> {
    let given = |p: &V0Param| item.get(p.name).is_some_and(|v| !v.is_null());
    for p in m.params.iter().filter(|p| given(p) || p.required) {
        let v = item.get(p.name).unwrap_or(&Value::Null);
        if let Some((min, max)) = p.len {
            if js_length(v).is_none_or(|n| n < min || n > max) {
                let b = bounds(Some(min), Some(max));
                return Err(Error::validation(text(
                    set,
                    "length",
                    &[("key", p.name), ("bounds", &b)],
                )));
            }
        }
        if let Some((min, max)) = p.items {
            if !v.is_array() || js_length(v).is_none_or(|n| n < min || max.is_some_and(|x| n > x)) {
                let b = bounds(Some(min), max);
                return Err(Error::validation(text(
                    set,
                    "items",
                    &[("key", p.name), ("bounds", &b)],
                )));
            }
        }
    }
    if in_list && m.lookups.iter().any(|(k, _)| item.contains_key(*k)) {
        return Err(Error::validation(common("pf_array", &[])));
    }
    let shown: Vec<&V0Param> = m.params.iter().filter(|p| !p.extension).collect();
    let unknown: Vec<&str> = item
        .keys()
        .map(String::as_str)
        .filter(|k| !m.params.iter().any(|p| p.name == *k))
        .collect();
    if !unknown.is_empty() {
        let allowed: Vec<String> = shown
            .iter()
            .filter(|p| p.required)
            .map(|p| format!("*{}", p.name))
            .chain(shown.iter().filter(|p| !p.required).map(|p| p.name.to_string()))
            .collect();
        let keys = unknown.join(",");
        let allowed = allowed.join(", ");
        return Err(Error::validation(text(
            set,
            "unknown",
            &[("keys", &keys), ("allowed", &allowed)],
        )));
    }
    let missing: Vec<&str> = m
        .params
        .iter()
        .filter(|p| p.required && !item.contains_key(p.name))
        .map(|p| p.name)
        .collect();
    if !missing.is_empty() {
        return Err(Error::validation(text(set, "missing", &[("keys", &missing.join(","))])));
    }
    for p in m.params.iter().filter(|p| p.ip) {
        let v = item.get(p.name).and_then(Value::as_str).unwrap_or_default();
        match is_ip(v) {
            None => return Err(Error::validation(common("invalid_ip", &[]))),
            Some(ip) if is_private(ip) => return Err(Error::validation(common("private_ip", &[]))),
            Some(_) => {}
        }
    }
    Ok(())
}

/// The array form of a method that takes one, as JavaScript hands it over (`{ "$items": [...] }`: a
/// call's parameters cross as an object), as the array.
pub fn list_form<'a>(m: &V0Method, input: &'a Value) -> std::borrow::Cow<'a, Value> {
    match input.as_object() {
        Some(o) if m.args == Args::ParamsOrList && o.len() == 1 && o.get("$items").is_some_and(Value::is_array) => {
            std::borrow::Cow::Owned(o["$items"].clone())
        }
        _ => std::borrow::Cow::Borrowed(input),
    }
}

/// The caller's argument as the list of objects it stands for (one, or the items of the array form).
fn objects(m: &V0Method, input: &Value) -> Result<(Vec<Map<String, Value>>, bool)> {
    let input = &*list_form(m, input);
    match input {
        Value::Null => Ok((vec![Map::new()], false)),
        Value::Object(o) => Ok((vec![o.clone()], false)),
        Value::Array(items) if m.args == Args::ParamsOrList => {
            let mut out = Vec::with_capacity(items.len());
            for item in items {
                match item {
                    Value::Object(o) => out.push(o.clone()),
                    _ => return Err(Error::validation("Each item of the list must be an object")),
                }
            }
            Ok((out, true))
        }
        _ => Err(Error::validation("The parameters must be given as an object")),
    }
}

/// The old client's checks of the caller's argument (object, or list of objects for the array form).
pub fn check(m: &V0Method, input: &Value) -> Result<()> {
    let Some(set) = m.messages.filter(|s| *s == MessageSet::V0139) else {
        return Ok(());
    };
    let (items, in_list) = objects(m, input)?;
    for item in &items {
        check_object(m, set, item, in_list)?;
    }
    Ok(())
}

fn base64_text(v: &Value) -> Value {
    match v {
        Value::String(s) if !s.is_empty() => {
            Value::String(base64::engine::general_purpose::STANDARD.encode(s.as_bytes()))
        }
        other => other.clone(),
    }
}

fn strip_fraction(v: &Value) -> Value {
    let Value::String(s) = v else { return v.clone() };
    let Some(dot) = s.find('.') else { return v.clone() };
    let digits = s[dot + 1..].chars().take_while(char::is_ascii_digit).count();
    if digits == 0 {
        return v.clone();
    }
    Value::String(format!("{}{}", &s[..dot], &s[dot + 1 + digits..]))
}

/// Puts `value` at `target` (`name`, or `list.N.field`) of the action's input; `index` replaces `N`
/// for the items of the array form.
fn put(out: &mut Map<String, Value>, target: &str, index: usize, value: Value) {
    let mut parts = target.splitn(3, '.');
    let (Some(name), idx, field) = (parts.next(), parts.next(), parts.next()) else {
        return;
    };
    match (idx, field) {
        (Some(_), Some(field)) => {
            let list = out.entry(name.to_string()).or_insert_with(|| Value::Array(Vec::new()));
            if let Value::Array(items) = list {
                while items.len() <= index {
                    items.push(Value::Object(Map::new()));
                }
                if let Some(Value::Object(o)) = items.get_mut(index) {
                    o.insert(field.to_string(), value);
                }
            }
        }
        _ => {
            out.insert(name.to_string(), value);
        }
    }
}

/// The caller's keys as the action's validation names what they became (`vmImageId` for
/// `serverImageProductCode`, `externalPort` for `portForwardingRuleList[0].portForwardingExternalPort`,
/// `[1].externalPort` in the array form), for the keys given: `validate`'s renames, so that its
/// messages name the caller's keys.
pub fn caller_names(m: &V0Method, input: &Value) -> Vec<(String, String)> {
    let Ok((items, in_list)) = objects(m, input) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        for (from, to) in m.renames.iter().filter(|(f, _)| item.contains_key(*f)) {
            let mut parts = to.splitn(3, '.');
            match (parts.next(), parts.next(), parts.next()) {
                (Some(list), Some(_), Some(field)) => {
                    let shown = if in_list {
                        format!("[{i}].{from}")
                    } else {
                        (*from).to_string()
                    };
                    out.push((shown, format!("{list}[{i}].{field}")));
                }
                _ if i == 0 => out.push(((*from).to_string(), (*to).to_string())),
                _ => {}
            }
        }
    }
    out
}

/// `names` as `validate` takes them.
pub fn name_pairs(names: &[(String, String)]) -> Vec<(&str, &str)> {
    names.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect()
}

/// Whether the action encodes the parameter in base64 itself (the model's `base64` flag).
fn action_encodes(action: &Action, param: &str) -> bool {
    action.param(param).is_some_and(|p| p.base64)
}

/// The action's input from the caller's argument: renames (to object-list paths too), single values
/// as one-item lists, transformations, defaults; local keys (client-side options) left out.
pub fn request(m: &V0Method, action: &'static Action, input: &Value) -> Result<Map<String, Value>> {
    let (items, _) = objects(m, input)?;
    let mut out = Map::new();
    for (i, item) in items.iter().enumerate() {
        for (key, value) in item {
            let Some(p) = m.params.iter().find(|p| p.name == key) else {
                // Only methods that check nothing get here (an extension: the action's own keys).
                out.insert(key.clone(), value.clone());
                continue;
            };
            if p.local || value.is_null() {
                continue;
            }
            let target = m.renames.iter().find(|(f, _)| f == key).map_or(p.name, |(_, t)| *t);
            let mut value = value.clone();
            for (_, t) in m.transforms.iter().filter(|(k, _)| k == key) {
                value = match t {
                    Transform::Base64 if action_encodes(action, target) => value,
                    Transform::Base64 => base64_text(&value),
                    // 0.1.39 called `.replace` on the value: anything but text was a TypeError there,
                    // and is refused here (a number is not a time the API reads).
                    Transform::StripFraction if !value.is_string() => {
                        return Err(Error::validation(format!(
                            "'{key}' must be a string: a time such as 2017-10-22T15:00:00Z (0.1.39 could not take anything else)"
                        )))
                    }
                    Transform::StripFraction => strip_fraction(&value),
                    Transform::AppendNewline => match &value {
                        Value::String(s) => Value::String(format!("{s}\n")),
                        other => other.clone(),
                    },
                };
            }
            if m.one_as_list.contains(&p.name) && !value.is_array() {
                value = Value::Array(vec![value]);
            }
            if target.contains('.') || i == 0 {
                put(&mut out, target, i, value);
            }
        }
        for p in m.params.iter().filter(|p| !item.contains_key(p.name)) {
            if let Some(d) = p.default.filter(|_| !p.local) {
                let target = m.renames.iter().find(|(f, _)| *f == p.name).map_or(p.name, |(_, t)| *t);
                let typed = match action.param(target).map(|x| &x.kind) {
                    Some(ParamKind::Int | ParamKind::Long) => d.parse::<i64>().map_or(Value::from(d), Value::from),
                    _ => Value::from(d),
                };
                put(&mut out, target, i, typed);
            }
        }
    }
    Ok(out)
}

/// Validates and encodes a call of a 0.1.39-checked method: the old client's checks, then the
/// action's own rules on the input it makes (their messages name the action's parameters).
pub fn action_input(m: &V0Method, action: &'static Action, input: &Value) -> Result<Map<String, Value>> {
    check(m, input)?;
    let req = request(m, action, input)?;
    // The action's rules (types, the API's limits) on what is sent, naming the caller's keys; keys it
    // does not take were refused by the old client's checks already.
    validate(action, &req, &name_pairs(&caller_names(m, input)))?;
    Ok(req)
}

/// An error of the old client itself, after an answer (`findServer` of a server that is not there).
pub fn old_error(message: String) -> Error {
    Error::new(ErrorCode::Api, message)
}
