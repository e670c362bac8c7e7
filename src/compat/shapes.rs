//! The results of the old 0.1.x methods (shapes defined in `model/surfaces.toml`), made from the
//! action's response object: the envelope dropped, ids as numbers, the 2017 field names (renames in
//! place: a renamed key keeps its position), and the per-shape forms of docs A.6 - A.8. The helpers a
//! result carries (`filter`, `STATUS`, `setWait`) are JavaScript functions, added by `lib/v0.js`.

use super::numeric_ids;
use super::table::{V0Method, V0Shape};
use super::v0::{common, old_error};
use crate::catalog::Action;
use crate::error::Result;
use serde_json::{Map, Value};

/// Renames `src` to `dst` in place in `v`; `src` is a key, or a path through objects (`a.b`) and lists
/// (`a.*.b`, or a list met on the way: every item).
pub fn rename(v: &mut Value, src: &str, dst: &str) {
    match v {
        Value::Array(items) => items.iter_mut().for_each(|i| rename(i, src, dst)),
        Value::Object(o) => match src.split_once('.') {
            None => {
                if o.contains_key(src) {
                    let old = std::mem::take(o);
                    *o = old
                        .into_iter()
                        .map(|(k, v)| if k == src { (dst.to_string(), v) } else { (k, v) })
                        .collect();
                }
            }
            Some((head, rest)) => {
                let rest = rest.strip_prefix("*.").unwrap_or(rest);
                if let Some(inner) = o.get_mut(head) {
                    rename(inner, rest, dst);
                }
            }
        },
        _ => {}
    }
}

fn renamed(mut v: Value, renames: &[(&str, &str)]) -> Value {
    for (src, dst) in renames {
        rename(&mut v, src, dst);
    }
    v
}

/// The first occurrence of each Korean word of a product's name and description in English (0.1.39's
/// `findFlavors`).
fn flavor_words(v: &mut Value) {
    const WORDS: &[(&str, &str)] = &[
        ("개", "EA"),
        ("메모리", "Memory"),
        ("디스크", "Disk"),
        ("기본", "default "),
        ("추가", "additional "),
    ];
    for key in ["productName", "productDescription"] {
        if let Some(Value::String(s)) = v.get_mut(key) {
            for (ko, en) in WORDS {
                *s = s.replacen(ko, en, 1);
            }
        }
    }
}

/// The nested server of a public IP: renamed when it is an object with fields, else `absent` (the
/// list's items drop the key, a single result shows `''`).
fn public_ip(mut item: Value, renames: &[(&str, &str)], absent: Option<Value>) -> Value {
    const KEY: &str = "serverInstanceAssociatedWithPublicIp";
    let has_server = item.get(KEY).and_then(Value::as_object).is_some_and(|o| !o.is_empty());
    if let Value::Object(o) = &mut item {
        if !has_server {
            match absent {
                Some(v) => {
                    o.insert(KEY.into(), v);
                }
                None => {
                    o.shift_remove(KEY);
                }
            }
        }
    }
    renamed(item, renames)
}

/// A point's timestamp in 0.1.39's `findStatistics` form, `2017-10-24T15:00:00.000Z`: `.000Z` for the
/// first `Z` (what 0.1.39 did to the 2017 API's UTC times), and a time the API writes with an offset
/// (`2017-10-25T00:00:00+0900`, NCP's `yyyy-MM-dd'T'HH:mm:ssZ`) as that same UTC form; anything else
/// as it is.
fn milliseconds(t: &Value) -> Value {
    let Value::String(s) = t else { return t.clone() };
    if s.contains('Z') {
        return Value::String(s.replacen('Z', ".000Z", 1));
    }
    match chrono::DateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%z") {
        Ok(at) => Value::String(
            at.with_timezone(&chrono::Utc)
                .format("%Y-%m-%dT%H:%M:%S%.3fZ")
                .to_string(),
        ),
        Err(_) => t.clone(),
    }
}

/// The rules of a port-forwarding answer whose external port is one the caller gave.
fn ports_match(rule: &Value, port: &Value) -> bool {
    let n = |v: &Value| match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    };
    let got = &rule["portForwardingExternalPort"];
    n(got).is_some() && n(got) == n(port)
}

fn depth_first<'a>(v: &'a Value, key: &str) -> Option<&'a Value> {
    match v {
        Value::Object(o) => o.get(key).or_else(|| o.values().find_map(|x| depth_first(x, key))),
        Value::Array(a) => a.iter().find_map(|x| depth_first(x, key)),
        _ => None,
    }
}

/// One item of the answer's list as the method gives it: ids as numbers, the method's renames (the
/// nested server of a public IP as its shapes say; a product's Korean words for `flavors`).
pub fn item(m: &V0Method, v: &Value) -> Value {
    let v = numeric_ids(v);
    match m.shape {
        V0Shape::Flavors => {
            let mut v = v;
            flavor_words(&mut v);
            renamed(v, m.response_renames)
        }
        V0Shape::PublicIps => public_ip(v, m.response_renames, None),
        V0Shape::PublicIp => public_ip(v, m.response_renames, Some(Value::String(String::new()))),
        _ => renamed(v, m.response_renames),
    }
}

/// The result of `m` from `response`, the action's response object without its wrapper; `input` is
/// what the caller gave.
pub fn shape(m: &V0Method, action: &Action, response: Value, input: &Value) -> Result<Value> {
    let renames = m.response_renames;
    let items = || -> Vec<Value> {
        action
            .list
            .and_then(|l| response.get(l.name))
            .and_then(Value::as_array)
            .map(|a| a.iter().map(|i| item(m, i)).collect())
            .unwrap_or_default()
    };
    Ok(match m.shape {
        V0Shape::List | V0Shape::ListFilter | V0Shape::Servers | V0Shape::Flavors | V0Shape::PublicIps => {
            Value::Array(items())
        }
        V0Shape::Server | V0Shape::First | V0Shape::PublicIp => items().into_iter().next().unwrap_or(Value::Null),
        V0Shape::ServerFound => match items().into_iter().next() {
            Some(i) => i,
            None => {
                let no = input.get("serverInstanceNo").map_or_else(String::new, |v| match v {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                });
                return Err(old_error(common("server_not_found", &[("serverInstanceNo", &no)])));
            }
        },
        V0Shape::LoginKeyCreated => {
            let mut o = Map::new();
            o.insert(
                "loginKeyName".into(),
                input.get("loginKeyName").cloned().unwrap_or(Value::Null),
            );
            o.insert(
                "privateKey".into(),
                response.get("privateKey").cloned().unwrap_or(Value::Null),
            );
            Value::Object(o)
        }
        V0Shape::RootPassword => {
            let mut o = Map::new();
            o.insert(
                "rootPassword".into(),
                depth_first(&response, "rootPassword").cloned().unwrap_or(Value::Null),
            );
            Value::Object(o)
        }
        V0Shape::PortForwarding | V0Shape::PortForwardingDeleted => {
            let mut o = Map::new();
            let list = action.list.map_or("", |l| l.name);
            for key in [
                "portForwardingConfigurationNo",
                "portForwardingPublicIp",
                "totalRows",
                list,
            ] {
                if let Some(v) = response.get(key) {
                    o.insert(key.into(), v.clone());
                }
            }
            renamed(numeric_ids(&Value::Object(o)), renames)
        }
        V0Shape::PortForwardingRule => {
            let rules = items();
            match input {
                Value::Array(asked) => Value::Array(
                    rules
                        .into_iter()
                        .filter(|r| asked.iter().any(|a| ports_match(r, &a["externalPort"])))
                        .collect(),
                ),
                one => rules
                    .into_iter()
                    .find(|r| ports_match(r, &one["externalPort"]))
                    .unwrap_or(Value::Null),
            }
        }
        V0Shape::Statistics => match items().into_iter().next() {
            None => Value::Null,
            Some(stat) => {
                // (`item` made the instance number a number and renamed it.)
                let mut points = Vec::new();
                for group in stat["dataPointsList"].as_array().into_iter().flatten() {
                    for p in group["dataPointList"].as_array().into_iter().flatten() {
                        let mut point = Map::new();
                        point.insert("timestamp".into(), milliseconds(&p["timestamp"]));
                        for key in ["average", "unit"] {
                            if let Some(v) = p.get(key) {
                                point.insert(key.into(), v.clone());
                            }
                        }
                        points.push(Value::Object(point));
                    }
                }
                let mut o = Map::new();
                for (key, v) in stat
                    .as_object()
                    .into_iter()
                    .flatten()
                    .filter(|(k, _)| *k != "dataPointsList")
                {
                    o.insert(key.clone(), v.clone());
                }
                let mut member = Map::new();
                member.insert("member".into(), Value::Array(points));
                o.insert("dataPoints".into(), Value::Object(member));
                Value::Object(o)
            }
        },
        V0Shape::Geolocation => response.get("geoLocation").cloned().unwrap_or(Value::Null),
        // Answered by the image view of the decoder (`service::Shape`), and never sent (retired).
        V0Shape::PrivateImages | V0Shape::PrivateImagesVm | V0Shape::PrivateImage | V0Shape::Retired => response,
    })
}
