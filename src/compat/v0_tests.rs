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
