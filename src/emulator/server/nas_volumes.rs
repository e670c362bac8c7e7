//! Classic NAS volumes themselves: listing, creation, size, return protection, deletion, usage.

use super::nas_found::{answer, answer_of, at_rest, found};
use super::{common, nas_access};
use crate::emulator::handler::prelude::*;

/// `getNasVolumeInstanceList`
pub fn get_nas_volume_instance_list(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let nos = p.list("nasVolumeInstanceNoList");
    let state = &*cx.state;
    let items = state
        .classic
        .nas_volumes
        .iter()
        .filter(|e| nos.is_empty() || nos.iter().any(|n| n == e.rec.no()))
        .filter(|e| {
            p.str("volumeAllotmentProtocolTypeCode").is_none_or(|c| {
                e.rec
                    .volume_allotment_protocol_type
                    .as_ref()
                    .is_some_and(|t| t.code == c)
            })
        })
        .filter(|e| {
            p.flag("isEventConfiguration")
                .is_none_or(|b| e.rec.is_event_configuration.unwrap_or(false) == b)
        })
        .filter(|e| {
            p.flag("isSnapshotConfiguration")
                .is_none_or(|b| e.rec.is_snapshot_configuration.unwrap_or(false) == b)
        })
        .filter(|e| common::in_place(&e.rec.region, &e.rec.zone, &p))
        .map(|e| answer(state, e))
        .collect();
    cx.list(items)
}

/// `createNasVolumeInstance`
pub fn create_nas_volume_instance(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let cifs = p.str("volumeAllotmentProtocolTypeCode") == Some("CIFS");
    if cifs {
        let missing: Vec<String> = ["cifsUserName", "cifsUserPassword"]
            .iter()
            .filter(|k| p.str(k).is_none())
            .map(|k| k.to_string())
            .collect();
        if !missing.is_empty() {
            return Err(faults::missing_param(&missing));
        }
    }
    let name = p.text("volumeName");
    let region_no = common::region_no(cx);
    let now = cx.now;
    let state = &mut *cx.state;
    state.classic.nas_volumes.name_free(&name, None, None)?;
    let rules = nas_access::rules_of(state, &p)?;
    let zone = common::zone(state, &region_no, p.str("zoneNo"))?;
    let region = common::region(state, zone.region_no.as_deref().unwrap_or(&region_no));
    let size = p.int("volumeSize").unwrap_or(500) * GIB;
    let protocol = if cifs { "CIFS" } else { "NFS" };
    let mount = if cifs {
        format!("\\\\10.250.53.94\\n2000001_{name}")
    } else {
        format!("10.250.53.94:/n2000001_{name}")
    };
    let rec = NasVolumeInstance {
        nas_volume_instance_no: Some(state.next_id()),
        create_date: Some(state.create_date()),
        nas_volume_instance_description: Some(p.str("nasVolumeDescription").unwrap_or_default().into()),
        mount_information: Some(mount),
        volume_allotment_protocol_type: Some(Code::new(protocol, protocol)),
        volume_name: Some(format!("n2000001_{name}")),
        volume_total_size: Some(size),
        volume_size: Some(size),
        snapshot_volume_configuration_ratio: Some(0.0),
        snapshot_volume_size: Some(0),
        is_snapshot_configuration: Some(false),
        is_event_configuration: Some(false),
        region: Some(region),
        zone: Some(zone),
        is_return_protection: Some(p.flag("isReturnProtection").unwrap_or(false)),
        access_control_rules: Some(rules),
        cifs_user_name: p.str("cifsUserName").map(str::to_string),
        ..NasVolumeInstance::default()
    };
    let no = rec.nas_volume_instance_no.clone().unwrap_or_default();
    state.create(rec, now, cx.action.name);
    answer_of(cx, &no)
}

/// `deleteNasVolumeInstance`
pub fn delete_nas_volume_instance(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let no = p.text("nasVolumeInstanceNo");
    let e = found(cx.state, &no)?;
    if e.rec.is_return_protection == Some(true) {
        return Err(faults::protected(Kind::NasVolumeInstance, &no));
    }
    at_rest(cx.state, &no, cx.action.name)?;
    let now = cx.now;
    if let Some(e) = cx.state.classic.nas_volumes.find_mut(&no, None) {
        e.begin(now, cx.action.name);
    }
    answer_of(cx, &no)
}

/// `changeNasVolumeSize`: the total size; the snapshot share keeps its ratio.
pub fn change_nas_volume_size(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let no = p.text("nasVolumeInstanceNo");
    at_rest(cx.state, &no, cx.action.name)?;
    let total = p.int("volumeSize").unwrap_or(500) * GIB;
    let now = cx.now;
    if let Some(e) = cx.state.classic.nas_volumes.find_mut(&no, None) {
        let ratio = e.rec.snapshot_volume_configuration_ratio.unwrap_or(0.0);
        e.begin(now, cx.action.name).then(move |v| set_sizes(v, total, ratio));
    }
    answer_of(cx, &no)
}

/// The sizes of a volume of `total` bytes keeping `ratio` percent for snapshots.
pub fn set_sizes(v: &mut NasVolumeInstance, total: i64, ratio: f64) {
    let snap = (total as f64 * ratio / 100.0) as i64;
    v.volume_total_size = Some(total);
    v.snapshot_volume_size = Some(snap);
    v.volume_size = Some(total - snap);
    v.snapshot_volume_configuration_ratio = Some(ratio);
}

/// `setNasVolumeReturnProtection`
pub fn set_nas_volume_return_protection(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let no = p.text("nasVolumeInstanceNo");
    found(cx.state, &no)?;
    if let Some(e) = cx.state.classic.nas_volumes.find_mut(&no, None) {
        e.rec.is_return_protection = p.flag("isReturnProtection");
    }
    answer_of(cx, &no)
}

/// Seconds since the epoch of `YYYY-MM-DDThh:mm:ss+zzzz` (or with `Z`).
fn instant(name: &str, t: &str) -> Result<i64, ApiFault> {
    chrono::DateTime::parse_from_str(t, "%Y-%m-%dT%H:%M:%S%z")
        .or_else(|_| chrono::DateTime::parse_from_rfc3339(t))
        .map(|d| d.timestamp())
        .map_err(|_| {
            faults::invalid_param(&format!(
                "'{name}' must be a time as YYYY-MM-DDThh:mm:ss+0900, got '{t}'"
            ))
        })
}

/// Rows a rating answer holds at most (a day of 5-minute rows).
const MAX_ROWS: i64 = 288;

/// `getNasVolumeInstanceRatingList`: one row per `interval` (`5m`, `30m`, `2h`, `1d` ...) from
/// `startTime` to `endTime`, at most 288 rows; the usage is a plausible slow growth from 10 % of the
/// volume, the same for the same volume and times.
pub fn get_nas_volume_instance_rating_list(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let no = p.str("nasVolumeInstanceNo").unwrap_or_default();
    let v = found(cx.state, no)?.rec.clone();
    let start = instant("startTime", p.str("startTime").unwrap_or_default())?;
    let end = instant("endTime", p.str("endTime").unwrap_or_default())?;
    let interval = p.str("interval").unwrap_or_default();
    // The unit is the last character (any text may come: split on a character boundary).
    let cut = interval.char_indices().last().map_or(0, |(i, _)| i);
    let (n, unit) = interval.split_at(cut);
    let seconds = match unit {
        "m" => Some(60),
        "h" => Some(3600),
        "d" => Some(86400),
        _ => None,
    };
    let step = match (n.parse::<i64>(), seconds) {
        (Ok(n), Some(unit)) if n > 0 => n.checked_mul(unit).filter(|s| *s <= 366 * 86400),
        _ => None,
    };
    let Some(step) = step else {
        return Err(faults::invalid_param(&format!(
            "'interval' must be like 5m, 2h or 1d (at most a year), got '{interval}'"
        )));
    };
    if end < start {
        return Err(faults::invalid_param("'endTime' must not be before 'startTime'"));
    }
    let size = v.volume_size.unwrap_or(500 * GIB);
    let snap = v.snapshot_volume_size.unwrap_or(0);
    let kst = chrono::FixedOffset::east_opt(9 * 3600);
    let rows = (end.saturating_sub(start) / step).saturating_add(1).clamp(0, MAX_ROWS);
    let items = (0..rows)
        .map(|i| {
            let t = start.saturating_add(i * step);
            let ratio = 10.0 + (i as f64) * 0.01 + ((t / step) % 7) as f64 * 0.1;
            let used = (size as f64 * ratio / 100.0) as i64;
            let time = chrono::DateTime::from_timestamp(t, 0)
                .zip(kst)
                .map(|(d, z)| d.with_timezone(&z).format("%Y-%m-%dT%H:%M:%S%z").to_string())
                .unwrap_or_default();
            serde_json::json!({
                "ratingTime": time,
                "volumeSize": size, "volumeUseSize": used, "volumeUseRatio": ratio,
                "averageVolumeSize": size, "averageVolumeUseSize": used, "averageVolumeUseRatio": ratio,
                "maxVolumeUseSize": used, "maxVolumeUseRatio": ratio,
                "minVolumeUseSize": used, "minVolumeUseRatio": ratio,
                "snapshotVolumeSize": snap, "snapshotVolumeUseSize": 0, "snapshotVolumeUseRatio": 0.0,
                "snapshotAverageVolumeSize": snap, "snapshotAverageVolumeUseSize": 0,
                "snapshotAverageVolumeUseRatio": 0.0, "snapshotMaxVolumeUseSize": 0,
                "snapshotMaxVolumeUseRatio": 0.0, "snapshotMinVolumeUseSize": 0, "snapshotMinVolumeUseRatio": 0.0,
            })
        })
        .collect();
    cx.list(items)
}
