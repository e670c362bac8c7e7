//! The old 0.1.x methods' checks, requests and results, from their rows of the table (without HTTP).

use super::shapes::{rename, shape};
use super::table::{V0Shape, V0_METHODS};
use super::v0::{check, method, request};
use serde_json::{json, Value};

fn err(name: &str, input: Value) -> String {
    let m = method(name).unwrap_or_else(|| panic!("no method {name}"));
    check(m, &input).expect_err("refused").message
}

#[test]
fn checks_run_in_0_1_39_order_with_its_texts() {
    assert_eq!(
        err("management.monitoring.findMetrics", json!({})),
        "Error: The following parameters must be defined : serverInstanceNo"
    );
    // Unknown keys before required ones; the allowed list stars the required keys first.
    assert_eq!(
        err("management.monitoring.findStatistics", json!({ "foo": 1, "bar": 2 })),
        "Error: Invalid Parameters : foo,bar\nThis function allows following parameters: *serverInstanceNo, *metricName, *startTime, *endTime, period"
    );
    // Lengths before unknown keys, measured in UTF-16 units, only for keys given or required.
    if let Some(m) = method("createLoginKey") {
        assert_eq!(
            check(m, &json!({ "loginKeyName": "ab", "x": 1 })).unwrap_err().message,
            "Error: The length of 'loginKeyName' must be greater than or equals to 3 and less than or equals to 30"
        );
        assert!(check(m, &json!({ "loginKeyName": "키는세글자" })).is_ok());
    }
    // findLocation's IP check comes last.
    if let Some(m) = V0_METHODS.iter().find(|m| m.params.iter().any(|p| p.ip)) {
        let ip = m.params.iter().find(|p| p.ip).map(|p| p.name).unwrap_or_default();
        assert_eq!(
            check(m, &json!({ ip: "nope" })).unwrap_err().message,
            "Error: Invalid IP"
        );
        assert_eq!(
            check(m, &json!({ ip: "10.1.2.3" })).unwrap_err().message,
            "Error: Private IP Cannot be used for generating request"
        );
        assert!(check(m, &json!({ ip: "143.248.142.77" })).is_ok());
    }
}

#[test]
fn requests_rename_list_and_transform_as_the_row_says() {
    let m = method("management.monitoring.findStatistics").unwrap();
    let action = m.action.unwrap();
    let req = request(
        m,
        action,
        &json!({ "serverInstanceNo": 512641, "metricName": "CPUUtilization", "startTime": "2017-10-22T15:00:00.000Z", "endTime": "2017-10-22T16:00:00.123Z" }),
    )
    .unwrap();
    assert_eq!(
        Value::Object(req),
        json!({ "instanceNoList": [512641], "metricName": "CPUUtilization", "startTime": "2017-10-22T15:00:00Z", "endTime": "2017-10-22T16:00:00Z", "period": 1800 })
    );
}

#[test]
fn renames_keep_the_keys_place_and_follow_paths() {
    let mut v =
        json!({ "a": 1, "productCode": "P", "z": { "serverProductCode": "S", "k": [ { "isDefaultGroup": true } ] } });
    rename(&mut v, "productCode", "vmImageId");
    rename(&mut v, "z.serverProductCode", "vmFlavorId");
    rename(&mut v, "z.k.*.isDefaultGroup", "isDefault");
    assert_eq!(
        v.to_string(),
        r#"{"a":1,"vmImageId":"P","z":{"vmFlavorId":"S","k":[{"isDefault":true}]}}"#
    );
}

#[test]
fn results_take_the_old_clients_forms() {
    let metrics = method("management.monitoring.findMetrics").unwrap();
    let out = shape(
        metrics,
        metrics.action.unwrap(),
        json!({ "metrics": [{ "instanceNo": "512641", "metricName": "CPUUtilization" }] }),
        &json!({}),
    )
    .unwrap();
    assert_eq!(
        out,
        json!([{ "serverInstanceNo": 512641, "metricName": "CPUUtilization" }])
    );

    let stats = method("management.monitoring.findStatistics").unwrap();
    let answer = json!({ "statistics": [{ "instanceNo": "503087", "dataPointsList": [{ "label": "CPUUtilization",
        "dataPointList": [{ "timestamp": "2017-10-24T15:00:00Z", "average": 0.057, "unit": "Percent" }] }] }] });
    let out = shape(stats, stats.action.unwrap(), answer, &json!({})).unwrap();
    assert_eq!(
        out.to_string(),
        r#"{"serverInstanceNo":503087,"dataPoints":{"member":[{"timestamp":"2017-10-24T15:00:00.000Z","average":0.057,"unit":"Percent"}]}}"#
    );
    assert_eq!(
        shape(stats, stats.action.unwrap(), json!({ "statistics": [] }), &json!({})).unwrap(),
        Value::Null
    );
    // Today's answers write NCP's yyyy-MM-dd'T'HH:mm:ssZ with an offset: 0.1.39's UTC form all the same.
    let answer = json!({ "statistics": [{ "instanceNo": "503087", "dataPointsList": [{ "label": "CPUUtilization",
        "dataPointList": [{ "timestamp": "2017-10-25T00:30:00+0900", "average": 1.5, "unit": "Percent" },
                          { "timestamp": "2017-10-24T15:00:00-01:00", "average": 1, "unit": "Percent" },
                          { "timestamp": "yesterday", "average": 2, "unit": "Percent" }] }] }] });
    let out = shape(stats, stats.action.unwrap(), answer, &json!({})).unwrap();
    let times: Vec<&str> = out["dataPoints"]["member"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["timestamp"].as_str().unwrap())
        .collect();
    assert_eq!(
        times,
        ["2017-10-24T15:30:00.000Z", "2017-10-24T16:00:00.000Z", "yesterday"]
    );

    // Every shape of the table is one this module makes (or the decoder's image view, or retired).
    for m in V0_METHODS {
        if let (Some(a), V0Shape::List | V0Shape::ListFilter | V0Shape::Servers) = (m.action, m.shape) {
            let empty = json!({ a.list.map_or("", |l| l.name): [] });
            assert_eq!(shape(m, a, empty, &json!({})).unwrap(), json!([]), "{}", m.path);
        }
    }
}

#[test]
fn every_row_names_a_known_message_set_and_retired_rows_their_successor() {
    for m in V0_METHODS {
        if m.action.is_none() {
            assert!(m.retired.is_some() && m.replacement.is_some(), "{}", m.path);
        }
        if let Some(set) = m.messages {
            for key in ["missing", "unknown", "length", "items"] {
                assert!(
                    !super::table::message(set.name(), key).is_empty(),
                    "{} {key}",
                    set.name()
                );
            }
        }
    }
}

#[test]
fn messages_name_the_callers_keys_not_the_parameters_they_became() {
    use super::v0::{caller_names, name_pairs};
    use crate::validate::validate;
    let refused = |name: &str, input: Value| -> String {
        let m = method(name).unwrap_or_else(|| panic!("no method {name}"));
        let action = m.action.unwrap();
        let req = request(m, action, &input).expect("request");
        let names = caller_names(m, &input);
        validate(action, &req, &name_pairs(&names))
            .expect_err("refused")
            .message
    };
    assert_eq!(
        refused("findFlavors", json!({ "vmImageId": {} })),
        "'vmImageId' must be a string"
    );
    assert_eq!(
        refused("management.monitoring.findMetrics", json!({ "serverInstanceNo": {} })),
        "'serverInstanceNo' must be a string"
    );
    // A single value sent as a one-item list is still the caller's key.
    assert_eq!(
        refused(
            "management.monitoring.findStatistics",
            json!({ "serverInstanceNo": [], "metricName": "CPUUtilization", "startTime": "2020-01-01T00:00:00Z", "endTime": "2020-01-01T01:00:00Z" })
        ),
        "The length of 'serverInstanceNo' must be greater than or equals to 1 and less than or equals to 30"
    );
    // A key that became a field of an item: the caller's key, with the item's place in the array form.
    let rule = json!({ "portForwardingConfigurationNo": "1", "serverInstanceNo": "1", "externalPort": {}, "internalPort": 22 });
    assert_eq!(
        refused("createPortForwardingRule", rule.clone()),
        "'externalPort' must be an integer"
    );
    let second = json!({ "$items": [{ "serverInstanceNo": "1", "externalPort": 1, "internalPort": 22 }, { "serverInstanceNo": "1", "externalPort": 2, "internalPort": "x" }] });
    let m = method("createPortForwardingRule").unwrap();
    let mut req = request(m, m.action.unwrap(), &second).unwrap();
    req.insert("portForwardingConfigurationNo".into(), json!("1"));
    assert_eq!(
        validate(m.action.unwrap(), &req, &name_pairs(&caller_names(m, &second)))
            .unwrap_err()
            .message,
        "'[1].internalPort' must be an integer"
    );
    // A time that is not text is refused before anything is made of it (0.1.39: a TypeError).
    let stats = method("management.monitoring.findStatistics").unwrap();
    let input = json!({ "serverInstanceNo": "1", "metricName": "CPUUtilization", "startTime": 1700000000000_i64, "endTime": "2020-01-01T01:00:00Z" });
    assert!(request(stats, stats.action.unwrap(), &input)
        .unwrap_err()
        .message
        .starts_with("'startTime' must be a string"));
}

#[test]
fn no_rename_target_is_another_callers_key() {
    // `validate` finds a caller's key by its target: a target that is also a key the caller may give
    // would be read as that key.
    for m in V0_METHODS {
        for (_, to) in m.renames {
            let top = to.split('.').next().unwrap_or(to);
            assert!(!m.params.iter().any(|p| p.name == top), "{}: {to}", m.path);
        }
    }
}

#[test]
fn every_renamed_key_is_named_as_the_caller_gave_it() {
    use super::v0::{caller_names, name_pairs};
    use crate::catalog::{ParamKind, Req};
    use crate::validate::validate;
    // Every key of every 0.1.x method that the action knows by another name (model/surfaces.toml
    // `renames`): given a value of no type the action takes (an object), the message names that key.
    for m in V0_METHODS {
        let Some(action) = m.action else { continue };
        for (from, to) in m.renames {
            let mut input = serde_json::Map::new();
            for p in m.params.iter().filter(|p| !p.local && !p.ip) {
                input.insert(p.name.to_string(), json!("123"));
            }
            input.insert((*from).to_string(), json!({}));
            // (Other keys renamed to the same parameter would stand for it too.)
            input.retain(|k, _| k == from || !m.renames.iter().any(|(f, t)| t == to && f == k));
            let input = Value::Object(input);
            let mut req = request(m, action, &input).unwrap_or_else(|e| panic!("{}: {}", m.path, e.message));
            let missing: Vec<_> = action
                .params
                .iter()
                .filter(|p| p.req == Req::Yes && !req.contains_key(p.name))
                .collect();
            for p in missing {
                let v = match p.kind {
                    ParamKind::StrList | ParamKind::IntList => json!(["1"]),
                    _ => json!("1"),
                };
                req.insert(p.name.to_string(), v);
            }
            let message = validate(action, &req, &name_pairs(&caller_names(m, &input)))
                .map(|_| String::new())
                .unwrap_or_else(|e| e.message);
            let param = to.rsplit('.').next().unwrap_or(to);
            assert!(
                message.contains(&format!("'{from}'")),
                "{} {from} -> {to}: {message}",
                m.path
            );
            assert!(
                *from == param || !message.contains(param),
                "{} {from} -> {to}: {message}",
                m.path
            );
        }
    }
}
