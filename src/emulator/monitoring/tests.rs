//! The monitoring handlers driven without HTTP: the scenario's metrics and their statistics.

use crate::emulator::faults::ApiFault;
use crate::emulator::handler::{Cx, Fields};
use crate::emulator::route::dispatch;
use crate::emulator::rules;
use crate::emulator::state::{resolve_fixture, State};
use serde_json::{json, Value};
use std::time::Instant;

fn call(state: &mut State, name: &str, query: &str) -> Result<Fields, ApiFault> {
    let action = crate::catalog::action_of("monitoring", name).expect("an action");
    let pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes()).into_owned().collect();
    let raw = rules::parse(&pairs).expect("readable");
    let now = Instant::now();
    state.tick(now);
    dispatch(&mut Cx::new(state, action, raw, now))
}

#[test]
fn a_server_has_the_scenarios_metrics_with_a_series_each() {
    let own = json!({"classic": {"metrics": [
        {"metricName": "CPUUtilization", "unit": "Percent", "level": 50, "swing": 0, "noise": 0, "max": 100},
        {"metricName": "Custom", "unit": "Count", "level": 3, "swing": 0, "noise": 0, "instanceNo": "492964"}
    ]}});
    let mut s = State::new(resolve_fixture(Some(&own)).expect("fixture"));
    let listed = call(&mut s, "getListMetrics", "instanceNo=492964").unwrap();
    let names: Vec<&Value> = listed["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| &m["metricName"])
        .collect();
    assert_eq!(names, [&json!("CPUUtilization"), &json!("Custom")]);
    let other = call(&mut s, "getListMetrics", "instanceNo=491049&metricName=Custom").unwrap();
    assert_eq!(other["metrics"], json!([]));
    assert_eq!(
        call(&mut s, "getListMetrics", "instanceNo=1").unwrap_err().return_code,
        "24120"
    );

    let q = "instanceNoList.1=492964&instanceNoList.2=491049&metricName=CPUUtilization\
             &startTime=2017-10-22T15:00:00Z&endTime=2017-10-23T00:00:00%2B0900&period=1800";
    // 15:00Z is 00:00+0900: an empty range is refused.
    assert_eq!(call(&mut s, "getMetricStatistics", q).unwrap_err().return_code, "901");
    let q = q.replace("2017-10-22T15:00:00Z", "2017-10-22T06:00:00Z");
    let stats = call(&mut s, "getMetricStatistics", &q).unwrap();
    let points = stats["statistics"][0]["dataPointsList"][0]["dataPointList"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(points.len(), 18);
    // Neither wave nor noise: the server's own level (half to one and a half times 50) at every point.
    let v = points[0]["average"].as_f64().unwrap();
    assert!((25.0..=75.0).contains(&v), "{v}");
    assert_eq!(
        points[0],
        json!({"timestamp": "2017-10-22T15:00:00+0900", "average": v, "unit": "Percent"})
    );
    assert!(points.iter().all(|p| p["average"] == json!(v)));
    assert_eq!(points[17]["timestamp"], json!("2017-10-22T23:30:00+0900"));
    let group = &stats["statistics"][0]["dataPointsList"][0];
    assert_eq!(group["label"], json!("CPUUtilization"));
    assert_eq!(group["average"], json!(v));
    assert_eq!(group["sum"], json!((v * 18.0 * 1000.0).round() / 1000.0));
    assert_eq!(stats["statistics"][1]["instanceNo"], json!("491049"));

    let mut bad = |q: &str| call(&mut s, "getMetricStatistics", q).unwrap_err();
    let base =
        "instanceNoList.1=492964&metricName=CPUUtilization&startTime=2017-10-22T06:00:00Z&endTime=2017-10-22T07:00:00Z";
    assert_eq!(bad(&format!("{base}&period=61")).return_code, "901");
    assert_eq!(
        bad(&format!("{base}&period=60").replace("06:00:00Z", "06:00:00.000Z")).return_code,
        "901"
    );
    assert_eq!(
        bad(&format!("{base}&period=60")
            .replace("Custom", "x")
            .replace("CPUUtilization", "Memory"))
        .return_code,
        "901"
    );
    let huge = "instanceNoList.1=492964&metricName=CPUUtilization&startTime=2000-01-01T00:00:00Z&endTime=2030-01-01T00:00:00Z&period=60";
    assert_eq!(bad(huge).return_code, "901");
    assert_eq!(bad("metricName=CPUUtilization").return_code, "900");
}
