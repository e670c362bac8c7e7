//! A Classic NAS volume's snapshots and their settings: the share of the volume kept for snapshots
//! (`snapshotVolumeConfigurationRatio`, 0-100 %), the weekly day and hour; each change is kept in the
//! history. Snapshots are named `snapshot<n>`; at most 30 per volume and 100 history entries (the
//! emulator's bounds).

use super::nas_found::{at_rest, found};
use super::nas_volumes::set_sizes;
use crate::emulator::handler::prelude::*;

const MAX_SNAPSHOTS: usize = 30;
const MAX_HISTORY: usize = 100;

fn snapshots(cx: &Cx<'_>, no: &str) -> Answer {
    let e = found(cx.state, no)?;
    let items = e.rec.snapshots.iter().flatten().map(wire).collect();
    cx.list(items)
}

/// `getNasVolumeSnapshotList`
pub fn get_nas_volume_snapshot_list(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    snapshots(cx, p.str("nasVolumeInstanceNo").unwrap_or_default())
}

/// `createNasVolumeSnapshot`: of a volume with snapshot space.
pub fn create_nas_volume_snapshot(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let no = p.text("nasVolumeInstanceNo");
    let e = at_rest(cx.state, &no, cx.action.name)?;
    if e.rec.snapshot_volume_size.unwrap_or(0) <= 0 {
        return Err(faults::not_now(
            Kind::NasVolumeInstance,
            &no,
            "without snapshot space (snapshotVolumeConfigurationRatio 0)",
        ));
    }
    if e.rec.snapshots.as_ref().map_or(0, Vec::len) >= MAX_SNAPSHOTS {
        return Err(faults::limit("snapshots per NAS volume", MAX_SNAPSHOTS));
    }
    let date = cx.state.create_date();
    let serial = cx.state.next_id();
    if let Some(e) = cx.state.classic.nas_volumes.find_mut(&no, None) {
        let used = e.rec.volume_size.unwrap_or(0) / 10;
        e.rec.snapshots.get_or_insert_with(Vec::new).push(NasVolumeSnapshot {
            nas_volume_snapshot_name: Some(format!("snapshot{serial}")),
            create_date: Some(date),
            snapshot_size: Some(used),
            is_busy: Some(false),
        });
    }
    snapshots(cx, &no)
}

fn snapshot_named(state: &State, no: &str, name: &str) -> Result<(), ApiFault> {
    let e = found(state, no)?;
    if e.rec
        .snapshots
        .iter()
        .flatten()
        .any(|s| is(&s.nas_volume_snapshot_name, name))
    {
        Ok(())
    } else {
        Err(faults::product_not_found("NAS volume snapshot", name))
    }
}

/// `deleteNasVolumeSnapshot`
pub fn delete_nas_volume_snapshot(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let no = p.text("nasVolumeInstanceNo");
    let name = p.str("nasVolumeSnapshotName").unwrap_or_default();
    snapshot_named(cx.state, &no, name)?;
    if let Some(e) = cx.state.classic.nas_volumes.find_mut(&no, None) {
        if let Some(list) = e.rec.snapshots.as_mut() {
            list.retain(|s| !is(&s.nas_volume_snapshot_name, name));
        }
    }
    snapshots(cx, &no)
}

/// `restoreNasVolumeWithSnapshot`: the volume changes (`CHNG`) while it is restored.
pub fn restore_nas_volume_with_snapshot(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let no = p.text("nasVolumeInstanceNo");
    snapshot_named(cx.state, &no, p.str("nasVolumeSnapshotName").unwrap_or_default())?;
    at_rest(cx.state, &no, cx.action.name)?;
    let now = cx.now;
    if let Some(e) = cx.state.classic.nas_volumes.find_mut(&no, None) {
        e.begin(now, cx.action.name);
    }
    snapshots(cx, &no)
}

/// `changeNasVolumeSnapshotConfiguration`: the snapshot share (percent of the volume), and a weekly
/// day and hour when given (daily otherwise).
pub fn change_nas_volume_snapshot_configuration(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let no = p.text("nasVolumeInstanceNo");
    at_rest(cx.state, &no, cx.action.name)?;
    let ratio = p.int("snapshotVolumeConfigurationRatio").unwrap_or(0) as f64;
    let day = p.str("snapshotVolumeConfigDayOfWeekTypeCode").map(|d| Code::new(d, d));
    let period = match day {
        Some(_) => Code::new("WEEKLY", "Weekly"),
        None => Code::new("DAILY", "Daily"),
    };
    let time = p.int("snapshotVolumeConfigTime");
    let serial = cx.state.next_id();
    let date = cx.state.create_date();
    let Some(e) = cx.state.classic.nas_volumes.find_mut(&no, None) else {
        return Err(faults::not_found(Kind::NasVolumeInstance, &no));
    };
    let total = e.rec.volume_total_size.unwrap_or(0);
    set_sizes(&mut e.rec, total, ratio);
    e.rec.is_snapshot_configuration = Some(ratio > 0.0);
    e.rec.snapshot_volume_config_period_type = Some(period.clone());
    e.rec.snapshot_volume_config_day_of_week_type = day.clone();
    e.rec.snapshot_volume_config_time = time;
    let history = e.rec.snapshot_history.get_or_insert_with(Vec::new);
    if history.len() >= MAX_HISTORY {
        history.remove(0);
    }
    history.push(NasVolumeSnapshotConfigurationHistory {
        nas_volume_instance_no: Some(no.clone()),
        history_sequence_no: Some(serial),
        history_type: Some(Code::new("CHNG", "Change")),
        ip: Some("127.0.0.1".into()),
        register_date: Some(date),
        snapshot_volume_configuration_ratio: Some(ratio),
        snapshot_volume_config_period_type: Some(period),
        snapshot_volume_config_day_of_week_type: day,
        snapshot_volume_config_time: time,
    });
    super::nas_found::answer_of(cx, &no)
}

/// `getNasVolumeSnapshotConfigurationHistoryList`
pub fn get_nas_volume_snapshot_configuration_history_list(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let e = found(cx.state, p.str("nasVolumeInstanceNo").unwrap_or_default())?;
    let items = e.rec.snapshot_history.iter().flatten().map(wire).collect();
    cx.list(items)
}
