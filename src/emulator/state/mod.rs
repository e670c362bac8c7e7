//! The emulator's state: every record it keeps, typed ([`world`]), each with the steps its kind's
//! declared life cycle has it take next ([`life`]), the look-ups it serves (regions, zones, products), the settings,
//! the number counter and the queues of values a fixture fixes in advance, and the request log.
//! Time-driven changes (creating -> created, shutting down -> stopped, terminating -> gone) are applied
//! lazily, at the start of each request, from the recorded instants.

use super::faults::InjectedFault;
use serde::Deserialize;
use serde_json::Value;
use std::collections::VecDeque;
use std::time::Instant;

pub mod images;
pub mod life;
pub mod snapshot;
#[cfg(test)]
mod walk;
pub mod world;

pub use life::{Delay, Entry, Phase, Record, Resource, Row, Rows, Step, Store, Stored};
pub use world::{ClassicWorld, VpcWorld};

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct Settings {
    /// How long a creation takes (a new image stays `INIT`/`creating` this long).
    pub create_delay_ms: u64,
    /// How long a deleted image (a terminated server ...) stays `terminating` before it vanishes.
    pub delete_delay_ms: u64,
    /// How long other operations take (start, stop, reboot, attach, detach, changes); `createDelayMs`
    /// when absent.
    pub operation_delay_ms: Option<u64>,
    /// Share of VPC creations that end in `CREFL` (0 to 1).
    pub failure_rate: f64,
    /// A fixed `createDate` for new images (`YYYY-MM-DDThh:mm:ss+0900`); the real time when absent.
    pub clock: Option<String>,
    /// Seed of the emulator's random choices (names, failures, request ids).
    pub seed: u64,
    /// Probabilistic faults on every request (chaos testing); off by default.
    pub chaos: Chaos,
}

/// Chaos mode: each request, after its signature check, gets an HTTP 5xx/429 answer instead of its own
/// with probability `errorRate` (not processed), or is processed and then has its connection closed
/// without an answer with probability `resetRate` (the answer is lost). Drawn from its own `seed`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, serde::Serialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct Chaos {
    pub error_rate: f64,
    pub reset_rate: f64,
    pub seed: u64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            create_delay_ms: 1500,
            delete_delay_ms: 1500,
            operation_delay_ms: None,
            failure_rate: 0.0,
            clock: None,
            seed: 1,
            chaos: Chaos::default(),
        }
    }
}

/// The fixture document (see `fixtures/emulator.json` for the default one).
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct Fixture {
    /// Documentation only.
    pub description: Option<String>,
    pub settings: Settings,
    /// The next generated number (every kind of record takes its number from this one counter).
    pub next_no: u64,
    /// Numbers handed out before `nextNo` is used.
    pub ids: Vec<String>,
    /// Names given to images created without one, before random ones.
    pub auto_names: Vec<String>,
    /// Request ids answered before random ones.
    pub request_ids: Vec<String>,
    pub classic: ClassicWorld,
    pub vpc: VpcWorld,
    /// What a snapshot says beyond a fixture (`State::snapshot`; restored by `State::try_new`).
    pub snapshot: Option<snapshot::Saved>,
}

pub static DEFAULT_FIXTURE: &str = include_str!("../../../fixtures/emulator.json");

/// Deep-merges `over` into `base`: objects merge key by key, anything else replaces.
pub fn merge(base: &mut Value, over: &Value) {
    match (base, over) {
        (Value::Object(b), Value::Object(o)) => {
            for (k, v) in o {
                match b.get_mut(k) {
                    Some(slot) => merge(slot, v),
                    None => {
                        b.insert(k.clone(), v.clone());
                    }
                }
            }
        }
        (slot, v) => *slot = v.clone(),
    }
}

/// A fixture given by a user, on top of the default one unless it says `"base": "empty"`.
pub fn resolve_fixture(user: Option<&Value>) -> Result<Fixture, String> {
    resolve_site_fixture(user, crate::site::Site::Public)
}

/// [`resolve_fixture`] on an emulator playing `site`: the default state as that site has it
/// (`super::site::play`), the user's fixture over it.
pub fn resolve_site_fixture(user: Option<&Value>, site: crate::site::Site) -> Result<Fixture, String> {
    let mut doc: Value = serde_json::from_str(DEFAULT_FIXTURE).map_err(|e| format!("default fixture: {e}"))?;
    super::site::play(&mut doc, site)?;
    if let Some(user) = user {
        let mut user = user.clone();
        let base = user.as_object_mut().and_then(|o| o.remove("base"));
        match base.as_ref().and_then(Value::as_str) {
            None | Some("default") => merge(&mut doc, &user),
            Some("empty") => doc = user,
            Some(other) => return Err(format!("fixture 'base' must be 'default' or 'empty', got '{other}'")),
        }
    }
    serde_json::from_value(doc).map_err(|e| format!("invalid fixture: {e}"))
}

#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LogEntry {
    /// When it was answered, ms since the epoch.
    pub time: i64,
    /// How long it took, from its head read to its answer handed over (an injected delay included), ms.
    pub duration_ms: f64,
    pub method: String,
    pub path: String,
    pub action: Option<String>,
    pub status: u16,
    pub format: String,
    pub signature_header: Option<String>,
    /// The gateway's verdict: `"valid"`, or `"invalid"` (refused with a 401: the reason says why);
    /// absent when it never got that far (no API at the path, a host of another site).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signature: Option<&'static str>,
    pub user_agent: Option<String>,
    /// The access key the request was signed with (never the secret or the signature).
    pub access_key: Option<String>,
    /// The `Host` it was sent to (`ncloud.apigw.gov-ntruss.com:8080` ...).
    pub host: Option<String>,
    /// Why the request was refused, when it was (the 401's details, the API error's return code); never
    /// a key, a signature or a secret.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The parameters of a state-changing action (to count what was created); absent for reads.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub params: Option<Value>,
    /// `"error"` or `"reset"` when chaos mode answered this request.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chaos: Option<&'static str>,
}

pub const LOG_CAP: usize = 10_000;

#[derive(Debug)]
pub struct State {
    pub settings: Settings,
    pub next_no: u64,
    pub ids: VecDeque<String>,
    pub auto_names: VecDeque<String>,
    pub request_ids: VecDeque<String>,
    /// Every Classic record and look-up.
    pub classic: ClassicWorld,
    /// Every VPC record and look-up.
    pub vpc: VpcWorld,
    pub rng: fastrand::Rng,
    pub log: Vec<LogEntry>,
    pub request_count: u64,
    pub faults: Vec<InjectedFault>,
    /// Requests whose handling ended before the answer was written (the client went away).
    pub abandoned: u64,
    /// Chaos answers given: HTTP errors and reset connections.
    pub chaos_errors: u64,
    pub chaos_resets: u64,
    /// The chaos draws, reseeded whenever `settings.chaos.seed` changes.
    pub chaos_rng: (u64, fastrand::Rng),
}

impl State {
    pub fn new(fixture: Fixture) -> State {
        let now = Instant::now();
        let chaos_seed = fixture.settings.chaos.seed;
        let Fixture {
            settings,
            next_no,
            ids,
            auto_names,
            request_ids,
            mut classic,
            mut vpc,
            ..
        } = fixture;
        classic.prepare(now);
        vpc.prepare(now);
        State {
            next_no: next_no.max(1),
            ids: ids.into(),
            auto_names: auto_names.into(),
            request_ids: request_ids.into(),
            rng: fastrand::Rng::with_seed(settings.seed),
            settings,
            classic,
            vpc,
            log: Vec::new(),
            request_count: 0,
            faults: Vec::new(),
            abandoned: 0,
            chaos_errors: 0,
            chaos_resets: 0,
            chaos_rng: (chaos_seed, fastrand::Rng::with_seed(chaos_seed)),
        }
    }

    /// Keeps a new record in its kind's store, in the phase its life starts `action` from
    /// ([`Store::create`]).
    pub fn create<T: life::Stored + 'static>(&mut self, rec: T, now: Instant, action: &str) -> &mut Entry<T> {
        let settings = self.settings.clone();
        T::store_mut(self).create(rec, now, action, &settings)
    }

    /// The next number, for any kind of record.
    pub fn next_id(&mut self) -> String {
        if let Some(id) = self.ids.pop_front() {
            return id;
        }
        let id = self.next_no;
        self.next_no += 1;
        id.to_string()
    }

    pub fn auto_name(&mut self) -> String {
        if let Some(n) = self.auto_names.pop_front() {
            return n;
        }
        let hex: String = (0..15)
            .map(|_| char::from_digit(self.rng.u32(0..16), 16).unwrap_or('0'))
            .collect();
        format!("img-{hex}")
    }

    pub fn request_id(&mut self) -> String {
        if let Some(id) = self.request_ids.pop_front() {
            return id;
        }
        let mut h = || format!("{:08x}", self.rng.u32(..));
        let (a, b, c, d) = (h(), h(), h(), h());
        format!("{a}-{}-{}-{}-{}{}", &b[..4], &b[4..], &c[..4], &c[4..], d)
    }

    /// Whether a creation that may fail (VPC images) fails: drawn only when `failureRate` is set.
    pub fn draw_failure(&mut self) -> bool {
        self.settings.failure_rate > 0.0 && self.rng.f64() < self.settings.failure_rate
    }

    pub fn create_date(&self) -> String {
        match &self.settings.clock {
            Some(fixed) => fixed.clone(),
            None => {
                let now = chrono::Utc::now();
                match chrono::FixedOffset::east_opt(9 * 3600) {
                    Some(kst) => now.with_timezone(&kst).format("%Y-%m-%dT%H:%M:%S%z").to_string(),
                    None => now.format("%Y-%m-%dT%H:%M:%S+0000").to_string(),
                }
            }
        }
    }

    /// Applies every change that is due.
    pub fn tick(&mut self, now: Instant) {
        self.classic.tick(now, &self.settings);
        self.vpc.tick(now, &self.settings);
    }

    /// The VPC region of a call: `regionCode` when it names a region, the first region when absent.
    pub fn vpc_region(&self, given: Option<&str>) -> Result<String, super::faults::ApiFault> {
        let regions = &self.vpc.regions;
        match given {
            Some(code) if regions.iter().any(|r| r.region_code.as_deref() == Some(code)) => Ok(code.to_string()),
            Some(code) => Err(super::faults::invalid_region(code)),
            None => Ok(regions
                .first()
                .and_then(|r| r.region_code.clone())
                .unwrap_or_else(|| "KR".into())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_misspelt_fixture_key_is_an_error_not_a_vanished_field() {
        let bad = serde_json::json!({"vpc": {"servers": [{"serverInstanceN0": "1"}]}});
        let err = resolve_fixture(Some(&bad)).unwrap_err();
        assert!(err.contains("unknown field `serverInstanceN0`"), "{err}");
        let ok = serde_json::json!({"classic": {"snapshots": [{"blockStorageSnapshotInstanceNo": "1"}]}});
        assert_eq!(resolve_fixture(Some(&ok)).unwrap().classic.snapshots.items.len(), 1);
        let nested = serde_json::json!({"vpc": {"blockStorages": [{"blockStorageInstanceNo": "1", "colour": "red"}]}});
        assert!(resolve_fixture(Some(&nested))
            .unwrap_err()
            .contains("unknown field `colour`"));
    }

    /// For every kind with a life, on both platforms: its declared life cycle walked (`walk`), each
    /// refused operation only where its record shows it busy (or at rest in a state the operation
    /// does not start from), with the kind's one code.
    #[test]
    fn every_life_cycle_is_walked_and_refuses_only_what_its_record_shows() {
        let mut failures = Vec::new();
        for (kind, walk) in world::WALKS {
            failures.extend(walk().into_iter().map(|f| format!("{kind:?}: {f}")));
        }
        assert!(world::WALKS.len() >= 20, "{}", world::WALKS.len());
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn the_default_fixture_reads_into_the_typed_records() {
        let f = resolve_fixture(None).unwrap();
        let state = State::new(f);
        assert!(state
            .vpc
            .servers
            .iter()
            .any(|s| s.rec.hypervisor_type.as_ref().is_some_and(|h| h.code == "KVM")));
        assert!(!state.classic.snapshots.items.is_empty());
        // What a VPC launch names exists: the VPC and subnet of the servers, their interfaces, a login key.
        let server = &state.vpc.servers.items[0].rec;
        let vpc_no = server.vpc_no.as_deref().unwrap_or_default();
        assert!(state.vpc.vpcs.find(vpc_no, Some("KR")).is_some());
        assert!(state
            .vpc
            .subnets
            .find(server.subnet_no.as_deref().unwrap_or_default(), None)
            .is_some());
        for nic in server.network_interface_no_list.iter().flatten() {
            assert!(state.vpc.network_interfaces.find(nic, Some("KR")).is_some(), "{nic}");
        }
        assert!(state.vpc.login_keys.find("my-key", None).is_some());
    }
}
