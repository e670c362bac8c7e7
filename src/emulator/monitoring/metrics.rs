//! Classic monitoring: the metrics of the scenario's servers and their statistics, computed by
//! [`super::series`]. Rules from NCP's API reference (getMetricStatistics, and its successor
//! getMetricStatisticList): at most 30 servers, the five metric names, times as
//! `yyyy-MM-dd'T'HH:mm:ssZ` (`+0900` or `Z`), periods of 1 minute, 5 minutes, 30 minutes, 2 hours or
//! 1 day (in seconds).

use crate::emulator::handler::prelude::*;
use crate::emulator::model::MetricSeries;
use chrono::{DateTime, FixedOffset};
use serde_json::Map;

/// The periods NCP collects at, in seconds.
const PERIODS: &[i64] = &[60, 300, 1800, 7200, 86_400];
/// The most data points one answer holds (every server's together): the emulator's own bound, so that
/// a year at one-minute periods for 30 servers is refused rather than computed.
const MAX_POINTS: i64 = 10_000;

/// The metrics server `no` has: the scenario's general ones, each replaced by the server's own of the
/// same name, then the server's own others.
fn metrics_of<'a>(all: &'a [MetricSeries], no: &str) -> Vec<&'a MetricSeries> {
    let own = |m: &&MetricSeries| is(&m.instance_no, no);
    let mut out: Vec<&MetricSeries> = all
        .iter()
        .filter(|m| m.instance_no.is_none())
        .map(|m| {
            all.iter()
                .filter(own)
                .find(|o| o.metric_name == m.metric_name)
                .unwrap_or(m)
        })
        .collect();
    for m in all.iter().filter(own) {
        if !out.iter().any(|o| o.metric_name == m.metric_name) {
            out.push(m);
        }
    }
    out
}

fn server_exists(state: &State, no: &str) -> Result<(), ApiFault> {
    match state.classic.servers.find(no, None) {
        Some(_) => Ok(()),
        None => Err(faults::server_not_found(no)),
    }
}

/// `getListMetrics`: the metrics of one server (only `metricName` when given).
pub fn get_list_metrics(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let no = p.str("instanceNo").unwrap_or_default();
    server_exists(cx.state, no)?;
    let items = metrics_of(&cx.state.classic.metrics, no)
        .into_iter()
        .filter(|m| p.str("metricName").is_none_or(|n| is(&m.metric_name, n)))
        .map(|m| {
            let mut item = Map::new();
            item.insert("instanceNo".into(), Value::String(no.to_string()));
            item.insert(
                "metricName".into(),
                Value::String(m.metric_name.clone().unwrap_or_default()),
            );
            Value::Object(item)
        })
        .collect();
    cx.list(items)
}

/// `yyyy-MM-dd'T'HH:mm:ssZ` with `Z` an offset (`+0900`) or `Z` itself.
fn instant(name: &str, text: &str) -> Result<DateTime<FixedOffset>, ApiFault> {
    DateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%z")
        .or_else(|_| match text.strip_suffix('Z') {
            Some(utc) => DateTime::parse_from_str(&format!("{utc}+0000"), "%Y-%m-%dT%H:%M:%S%z"),
            None => DateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%:z"),
        })
        .map_err(|_| {
            faults::invalid_param(&format!(
                "'{name}' must be yyyy-MM-dd'T'HH:mm:ssZ (2013-07-25T17:50:00+0900 or 2013-07-25T08:50:00Z), got '{text}'"
            ))
        })
}

/// `getMetricStatistics`: per server, the metric's points from `startTime` (up to, not including,
/// `endTime`) every `period` seconds, with their average, maximum, minimum and sum.
pub fn get_metric_statistics(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let period = p.int("period").unwrap_or_default();
    if !PERIODS.contains(&period) {
        return Err(faults::invalid_param(&format!(
            "'period' must be one of 60, 300, 1800, 7200, 86400 (seconds), got {period}"
        )));
    }
    let start = instant("startTime", p.str("startTime").unwrap_or_default())?;
    let end = instant("endTime", p.str("endTime").unwrap_or_default())?;
    if end <= start {
        return Err(faults::invalid_param("'endTime' must be after 'startTime'"));
    }
    let name = p.str("metricName").unwrap_or_default();
    let nos = p.list("instanceNoList");
    let first = (start.timestamp() + period - 1).div_euclid(period) * period;
    let count = if end.timestamp() > first {
        (end.timestamp() - first + period - 1) / period
    } else {
        0
    };
    if count.saturating_mul(nos.len() as i64) > MAX_POINTS {
        return Err(faults::invalid_param(&format!(
            "the range holds {count} points of {period} s for each of {} servers: at most {MAX_POINTS} in all; ask for a shorter range or a longer period",
            nos.len()
        )));
    }
    let kst = FixedOffset::east_opt(9 * 3600).unwrap_or(*start.offset());
    let mut items = Vec::new();
    for no in &nos {
        server_exists(cx.state, no)?;
        let metrics = metrics_of(&cx.state.classic.metrics, no);
        let Some(m) = metrics.into_iter().find(|m| is(&m.metric_name, name)) else {
            return Err(faults::invalid_param(&format!(
                "'metricName' {name} is not a metric of server {no}"
            )));
        };
        let unit = m.unit.clone().unwrap_or_default();
        let mut points = Vec::new();
        let (mut sum, mut lo, mut hi) = (0.0f64, f64::MAX, f64::MIN);
        for k in 0..count {
            let t = first + k * period;
            let v = m.value(no, t);
            sum += v;
            lo = lo.min(v);
            hi = hi.max(v);
            let at = DateTime::from_timestamp(t, 0).map(|d| d.with_timezone(&kst));
            let mut point = Map::new();
            point.insert(
                "timestamp".into(),
                Value::String(
                    at.map(|d| d.format("%Y-%m-%dT%H:%M:%S%z").to_string())
                        .unwrap_or_default(),
                ),
            );
            point.insert("average".into(), Value::from(v));
            point.insert("unit".into(), Value::String(unit.clone()));
            points.push(Value::Object(point));
        }
        let round = |v: f64| (v * 1000.0).round() / 1000.0;
        let mut group = Map::new();
        group.insert("label".into(), Value::String(name.to_string()));
        if count > 0 {
            group.insert("average".into(), Value::from(round(sum / count as f64)));
            group.insert("maximum".into(), Value::from(hi));
            group.insert("minimum".into(), Value::from(lo));
            group.insert("sum".into(), Value::from(round(sum)));
        }
        group.insert("dataPointList".into(), Value::Array(points));
        let mut item = Map::new();
        item.insert("instanceNo".into(), Value::String(no.clone()));
        item.insert("dataPointsList".into(), Value::Array(vec![Value::Object(group)]));
        items.push(Value::Object(item));
    }
    cx.list(items)
}
