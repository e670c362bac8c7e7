//! What the emulator's owner does to it while it runs: load a fixture or a snapshot, change the
//! settings, inject a fault, take a snapshot, read the request log and counters. The handle
//! (`emu.*`, through `http::EmulatorHandle`) and the console (`console`) hold the same [`Control`],
//! so that a button of the console does exactly what the method does.

use super::faults::InjectedFault;
use super::shared::Shared;
use super::state::snapshot::Timing;
use super::state::{merge, resolve_site_fixture, Fixture, LogEntry, Settings, State};
use crate::error::{Error, Result};
use serde_json::Value;
use std::sync::{Arc, Mutex};
use std::time::Instant;

pub struct Control {
    pub(super) shared: Arc<Shared>,
    /// Settings that hold for every fixture loaded later, unless that fixture sets them itself
    /// (`startEmulator`'s `createDelayMs` ...; `configure` adds to them).
    settings: Mutex<Value>,
}

/// The fixture with the emulator-wide settings underneath it, over the default state as `site` has it.
pub(super) fn with_settings(settings: &Value, fixture: Option<&Value>, site: crate::site::Site) -> Result<Fixture> {
    let mut doc = serde_json::json!({ "settings": settings });
    if let Some(f) = fixture {
        if let Some(base) = f.get("base") {
            doc["base"] = base.clone();
        }
        merge(&mut doc, f);
    }
    let fixture = resolve_site_fixture(Some(&doc), site).map_err(Error::validation)?;
    check_settings(&fixture.settings)?;
    Ok(fixture)
}

fn check_settings(s: &Settings) -> Result<()> {
    if !(0.0..=1.0).contains(&s.failure_rate) {
        return Err(Error::validation(format!(
            "failureRate must be between 0 and 1, got {}",
            s.failure_rate
        )));
    }
    Ok(())
}

/// The state a fixture describes (a snapshot's pending transitions restored).
pub(super) fn state_of(fixture: Fixture) -> Result<State> {
    State::try_new(fixture).map_err(Error::validation)
}

impl Control {
    pub(super) fn new(shared: Arc<Shared>, settings: Value) -> Control {
        Control {
            shared,
            settings: Mutex::new(settings),
        }
    }

    /// Replaces the whole state with a fixture (over the default one), or a snapshot; the request
    /// log and counters stay.
    pub fn load(&self, fixture: Option<&Value>) -> Result<()> {
        let settings = self.settings.lock().unwrap_or_else(|p| p.into_inner()).clone();
        let fresh = state_of(with_settings(&settings, fixture, self.shared.site)?)?;
        let mut state = self.shared.lock();
        let (log, count) = (std::mem::take(&mut state.log), state.request_count);
        let counters = (state.abandoned, state.chaos_errors, state.chaos_resets);
        *state = fresh;
        state.log = log;
        state.request_count = count;
        (state.abandoned, state.chaos_errors, state.chaos_resets) = counters;
        Ok(())
    }

    /// The state as a fixture that `load` restores exactly (`state::snapshot`).
    pub fn snapshot(&self) -> Value {
        self.shared.lock().snapshot(Timing::Elapsed(Instant::now()))
    }

    /// The same, with each pending transition's start as a time (ms since the epoch): the console's view.
    pub(super) fn view(&self) -> Value {
        let epoch = chrono::Utc::now().timestamp_millis();
        self.shared.lock().snapshot(Timing::Since(Instant::now(), epoch))
    }

    /// The settings in force.
    pub fn settings(&self) -> Value {
        serde_json::to_value(&self.shared.lock().settings).unwrap_or(Value::Null)
    }

    pub fn request_count(&self) -> u64 {
        self.shared.lock().request_count
    }

    pub fn request_log(&self) -> Vec<LogEntry> {
        self.shared.lock().log.clone()
    }

    /// The log so far, emptied in the same step (the CLI prints each request once).
    pub fn drain_log(&self) -> Vec<LogEntry> {
        std::mem::take(&mut self.shared.lock().log)
    }

    pub fn clear_log(&self) {
        let mut s = self.shared.lock();
        s.log = Vec::new();
        s.request_count = 0;
        s.abandoned = 0;
        s.chaos_errors = 0;
        s.chaos_resets = 0;
    }

    /// Counters since start or the last `clear_log`: requests, requests abandoned by their client
    /// before the answer was written, and the chaos faults given.
    pub fn stats(&self) -> Value {
        let s = self.shared.lock();
        serde_json::json!({
            "requests": s.request_count,
            "abandoned": s.abandoned,
            "chaosErrors": s.chaos_errors,
            "chaosResets": s.chaos_resets,
        })
    }

    pub fn inject_fault(&self, fault: InjectedFault) -> Result<()> {
        fault.check().map_err(Error::validation)?;
        self.shared.lock().faults.push(fault);
        Ok(())
    }

    /// Changes the timing settings without touching the records.
    pub fn set_settings(&self, patch: &Value) -> Result<()> {
        // `clockOffsetMs` shifts the gateway's clock (the timestamp check and the Date header).
        let mut patch = patch.clone();
        if let Some(v) = patch.as_object_mut().and_then(|o| o.remove("clockOffsetMs")) {
            let ms = v
                .as_i64()
                .filter(|ms| ms.unsigned_abs() <= 10 * 365 * 86_400_000)
                .ok_or_else(|| Error::validation("clockOffsetMs must be an integer number of ms (at most 10 years)"))?;
            self.shared
                .clock_offset_ms
                .store(ms, std::sync::atomic::Ordering::Relaxed);
        }
        let patch = &patch;
        let mut s = self.shared.lock();
        let mut current = serde_json::to_value(&s.settings).unwrap_or(Value::Null);
        merge(&mut current, patch);
        let settings: Settings =
            serde_json::from_value(current).map_err(|e| Error::validation(format!("invalid settings: {e}")))?;
        check_settings(&settings)?;
        s.settings = settings;
        merge(&mut self.settings.lock().unwrap_or_else(|p| p.into_inner()), patch);
        Ok(())
    }
}
