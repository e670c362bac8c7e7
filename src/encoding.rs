//! Request encoding: flattened parameters (`name.1`, `blockStorageList.1.order`) and one RFC 3986
//! percent-encoder. The same encoded bytes are signed (when in the query) and sent.

use crate::catalog::{Action, ParamKind};
use crate::validate::Normalized;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde_json::{Map, Value};

/// Everything but the RFC 3986 unreserved set `A-Z a-z 0-9 - . _ ~` is escaped, as upper-case `%XX`.
const RFC3986: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

pub fn pct_encode(s: &str) -> String {
    utf8_percent_encode(s, RFC3986).to_string()
}

/// `k=v&k=v`, both sides percent-encoded, in the given order.
pub fn encode_pairs(pairs: &[(String, String)]) -> String {
    let mut out = String::new();
    for (i, (k, v)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.push_str(&pct_encode(k));
        out.push('=');
        out.push_str(&pct_encode(v));
    }
    out
}

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Flattens validated parameters into wire pairs, in declaration order.
pub fn flatten(params: &Normalized) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (param, value) in params {
        match (&param.kind, value) {
            (ParamKind::StrList, Value::Array(items)) => {
                for (i, item) in items.iter().enumerate() {
                    out.push((format!("{}.{}", param.name, i + 1), text(item)));
                }
            }
            (ParamKind::ObjList(input), Value::Array(items)) => {
                for (i, item) in items.iter().enumerate() {
                    for field in input.params.iter() {
                        match item.get(field.name) {
                            // A list inside an item: `networkInterfaceList.1.accessControlGroupNoList.1`.
                            Some(Value::Array(list)) => {
                                for (j, v) in list.iter().enumerate() {
                                    out.push((format!("{}.{}.{}.{}", param.name, i + 1, field.name, j + 1), text(v)));
                                }
                            }
                            Some(v) => out.push((format!("{}.{}.{}", param.name, i + 1, field.name), text(v))),
                            None => {}
                        }
                    }
                }
            }
            (_, v) => out.push((param.name.to_string(), text(v))),
        }
    }
    out
}

/// The inverse of [`flatten`] for a received request: rebuilds the parameter object an action
/// declares (lists ordered by their 1-based index). Keys the action does not declare are returned
/// apart, so the caller decides whether to ignore them.
pub fn unflatten(action: &Action, pairs: &[(String, String)]) -> (Map<String, Value>, Vec<String>) {
    let mut out = Map::new();
    let mut unknown = Vec::new();
    // (param, index, sub-field, value)
    let mut indexed: Vec<(&str, usize, Option<String>, String)> = Vec::new();
    for (key, value) in pairs {
        if key == "responseFormatType" {
            continue;
        }
        let mut parts = key.splitn(3, '.');
        let name = parts.next().unwrap_or_default();
        let index = parts.next().map(|i| i.parse::<usize>());
        let sub = parts.next().map(str::to_string);
        match (action.param(name), index) {
            (Some(param), None) if !matches!(param.kind, ParamKind::StrList | ParamKind::ObjList(_)) => {
                out.insert(name.to_string(), Value::String(value.clone()));
            }
            (Some(param), Some(Ok(i))) if matches!(param.kind, ParamKind::StrList) && sub.is_none() => {
                indexed.push((param.name, i, None, value.clone()));
            }
            (Some(param), Some(Ok(i))) if matches!(param.kind, ParamKind::ObjList(_)) && sub.is_some() => {
                indexed.push((param.name, i, sub, value.clone()));
            }
            _ => unknown.push(key.clone()),
        }
    }
    // A stable sort: the sub-fields of one index keep their order.
    indexed.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    let mut last: Option<(&str, usize)> = None;
    for (name, index, sub, value) in indexed {
        let list = out.entry(name.to_string()).or_insert_with(|| Value::Array(Vec::new()));
        if let Value::Array(items) = list {
            match sub {
                None => items.push(Value::String(value)),
                Some(field) => {
                    if last != Some((name, index)) {
                        items.push(Value::Object(Map::new()));
                    }
                    if let Some(Value::Object(obj)) = items.last_mut() {
                        obj.insert(field, Value::String(value));
                    }
                }
            }
        }
        last = Some((name, index));
    }
    (out, unknown)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::generated::*;
    use crate::validate::validate;
    use serde_json::json;

    #[test]
    fn rfc3986_encoder() {
        assert_eq!(pct_encode("a b+c/é~_.-"), "a%20b%2Bc%2F%C3%A9~_.-");
        assert_eq!(
            pct_encode("my image 이미지"),
            "my%20image%20%EC%9D%B4%EB%AF%B8%EC%A7%80"
        );
    }

    #[test]
    fn flattens_lists_and_objects_in_declaration_order() {
        let input = json!({
            "blockStorageList": [{"snapshotInstanceNo": "11", "order": 0}, {"order": 1, "blockStorageVolumeTypeCode": "CB1", "blockStorageSize": 10}],
            "serverImageName": "img-1",
            "serverInstanceNo": 42
        });
        let norm = validate(&VSERVER_CREATE_SERVER_IMAGE, input.as_object().unwrap(), &[], true).unwrap();
        let pairs = flatten(&norm);
        let enc = encode_pairs(&pairs);
        assert_eq!(
            enc,
            "serverInstanceNo=42&serverImageName=img-1&blockStorageList.1.order=0&blockStorageList.1.snapshotInstanceNo=11&blockStorageList.2.order=1&blockStorageList.2.blockStorageSize=10&blockStorageList.2.blockStorageVolumeTypeCode=CB1"
        );
        let (back, unknown) = unflatten(&VSERVER_CREATE_SERVER_IMAGE, &pairs);
        assert!(unknown.is_empty());
        let again = validate(&VSERVER_CREATE_SERVER_IMAGE, &back, &[], true).unwrap();
        assert_eq!(flatten(&again), pairs);
    }

    #[test]
    fn unflatten_sorts_indexes_and_reports_unknown_keys() {
        let pairs: Vec<(String, String)> = [
            ("memberServerImageNoList.2", "b"),
            ("memberServerImageNoList.1", "a"),
            ("responseFormatType", "json"),
            ("bogus", "1"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let (obj, unknown) = unflatten(&SERVER_DELETE_MEMBER_SERVER_IMAGES, &pairs);
        assert_eq!(Value::Object(obj), json!({"memberServerImageNoList": ["a", "b"]}));
        assert_eq!(unknown, vec!["bogus".to_string()]);
    }
}
