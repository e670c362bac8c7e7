//! Request encoding: flattened parameters and one RFC 3986 percent-encoder. The same encoded bytes
//! are signed (when in the query) and sent.
//!
//! Flattening follows NAVER's Go SDK v2 (`buildQueryString`) at every level: a list item is
//! `prefix.N` (from 1), a field of an object item `prefix.N.field`, so an object list whose items hold
//! lists gives `networkInterfaceList.1.accessControlGroupNoList.1=...`. A `base64` parameter is sent as
//! the standard base64 of its UTF-8 text, as the SDK sends `userData`.

use crate::catalog::{Action, Param, ParamKind};
use crate::validate::{Normalized, MAX_PARAM_DEPTH};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// Everything but the RFC 3986 unreserved set `A-Z a-z 0-9 - . _ ~` is escaped, as upper-case `%XX`.
const RFC3986: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

pub fn pct_encode(s: &str) -> String {
    utf8_percent_encode(s, RFC3986).to_string()
}

/// `k=v&k=v`, both sides percent-encoded, in the given order.
pub fn encode_pairs(pairs: &[(String, String)]) -> String {
    // Encoded in place (no text per pair), in a buffer that fits unless escapes lengthen it.
    let mut out = String::with_capacity(pairs.iter().map(|(k, v)| k.len() + v.len() + 2).sum());
    for (i, (k, v)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.extend(utf8_percent_encode(k, RFC3986));
        out.push('=');
        out.extend(utf8_percent_encode(v, RFC3986));
    }
    out
}

/// The text sent for one scalar value of `param`.
fn leaf(param: &Param, v: &Value) -> String {
    let text = match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    if param.base64 {
        STANDARD.encode(text.as_bytes())
    } else {
        text
    }
}

/// Flattens validated parameters into wire pairs, in declaration order.
pub fn flatten(params: &Normalized) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (param, value) in params {
        push(&mut out, param, param.name.to_string(), value, 0);
    }
    out
}

/// The pairs of one parameter's value under `key`. Recursion follows the model's inputs, and stops
/// at [`MAX_PARAM_DEPTH`] whatever the value holds (validation refuses deeper values).
fn push(out: &mut Vec<(String, String)>, param: &'static Param, key: String, value: &Value, depth: usize) {
    match (&param.kind, value) {
        (ParamKind::StrList | ParamKind::IntList, Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                out.push((format!("{key}.{}", i + 1), leaf(param, item)));
            }
        }
        (ParamKind::ObjList(input), Value::Array(items)) => {
            if depth >= MAX_PARAM_DEPTH {
                return;
            }
            for (i, item) in items.iter().enumerate() {
                for field in input.params {
                    if let Some(v) = item.get(field.name) {
                        push(out, field, format!("{key}.{}.{}", i + 1, field.name), v, depth + 1);
                    }
                }
            }
        }
        (_, v) => out.push((key, leaf(param, v))),
    }
}

/// A value being rebuilt by [`unflatten`]: list items by their index, object fields by name.
enum Node {
    Text(String),
    List(BTreeMap<u64, Node>),
    Object(Vec<(&'static str, Node)>),
}

/// The inverse of [`flatten`] for a received request: rebuilds the parameter object an action
/// declares, at any depth the model declares (lists ordered by their 1-based index; a `base64`
/// parameter decoded back to its text). Values are text, as they arrive. Keys it cannot place (not
/// declared, a bad index, nested deeper than the model, a `base64` value that is not base64 of UTF-8
/// text) are returned apart, so the caller decides whether to ignore them.
pub fn unflatten(action: &Action, pairs: &[(String, String)]) -> (Map<String, Value>, Vec<String>) {
    let mut root: Vec<(&'static str, Node)> = Vec::new();
    let mut unknown = Vec::new();
    for (key, value) in pairs {
        if key == "responseFormatType" {
            continue;
        }
        if place(&mut root, action.params, key, value).is_none() {
            unknown.push(key.clone());
        }
    }
    let mut out = Map::new();
    for (name, node) in root {
        out.insert(name.to_string(), node_value(node));
    }
    (out, unknown)
}

fn entry<'n>(fields: &'n mut Vec<(&'static str, Node)>, name: &'static str, new: fn() -> Node) -> &'n mut Node {
    let at = match fields.iter().position(|(n, _)| *n == name) {
        Some(at) => at,
        None => {
            fields.push((name, new()));
            fields.len() - 1
        }
    };
    &mut fields[at].1
}

/// Puts one pair where its key says; `None` when it does not fit the model. The key is resolved
/// against the model first (iteratively, at most [`MAX_PARAM_DEPTH`] object levels), so that a key
/// that does not fit leaves nothing behind.
fn place(root: &mut Vec<(&'static str, Node)>, params: &'static [Param], key: &str, value: &str) -> Option<()> {
    let mut parts = key.split('.');
    let mut params = params;
    // The object lists walked through (parameter, item index), then the value's parameter and index.
    let mut path: Vec<(&'static Param, u64)> = Vec::new();
    let (param, at) = loop {
        let name = parts.next()?;
        let param = params.iter().find(|p| p.name == name)?;
        match &param.kind {
            ParamKind::ObjList(input) => {
                if path.len() == MAX_PARAM_DEPTH {
                    return None;
                }
                path.push((param, index(parts.next()?)?));
                params = input.params;
            }
            ParamKind::StrList | ParamKind::IntList => break (param, Some(index(parts.next()?)?)),
            ParamKind::Str | ParamKind::Int | ParamKind::Long | ParamKind::Bool => break (param, None),
        }
    };
    if parts.next().is_some() {
        return None;
    }
    let text = if param.base64 {
        String::from_utf8(STANDARD.decode(value).ok()?).ok()?
    } else {
        value.to_string()
    };
    let mut fields = root;
    for (list, i) in path {
        let Node::List(items) = entry(fields, list.name, || Node::List(BTreeMap::new())) else {
            return None;
        };
        let Node::Object(item) = items.entry(i).or_insert_with(|| Node::Object(Vec::new())) else {
            return None;
        };
        fields = item;
    }
    match at {
        Some(i) => {
            let Node::List(items) = entry(fields, param.name, || Node::List(BTreeMap::new())) else {
                return None;
            };
            items.insert(i, Node::Text(text));
        }
        None => *entry(fields, param.name, || Node::Text(String::new())) = Node::Text(text),
    }
    Some(())
}

/// A list index: a whole number from 1.
fn index(s: &str) -> Option<u64> {
    s.parse::<u64>().ok().filter(|i| *i >= 1)
}

/// The rebuilt value; its depth is bounded by [`place`] (at most [`MAX_PARAM_DEPTH`] + 1 object levels).
fn node_value(node: Node) -> Value {
    match node {
        Node::Text(s) => Value::String(s),
        Node::List(items) => Value::Array(items.into_values().map(node_value).collect()),
        Node::Object(fields) => Value::Object(
            fields
                .into_iter()
                .map(|(k, n)| (k.to_string(), node_value(n)))
                .collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3986_encoder() {
        assert_eq!(pct_encode("a b+c/é~_.-"), "a%20b%2Bc%2F%C3%A9~_.-");
        assert_eq!(
            pct_encode("my image 이미지"),
            "my%20image%20%EC%9D%B4%EB%AF%B8%EC%A7%80"
        );
    }
}
