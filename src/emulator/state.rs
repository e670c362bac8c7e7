//! The emulator's state: regions, zones, servers, snapshots and products from the fixture, and the
//! images it keeps. Time-driven changes (creating -> created, terminating -> gone) are applied lazily,
//! at the start of each request, from the recorded instants.

use super::faults::InjectedFault;
use super::model::*;
use serde::Deserialize;
use serde_json::Value;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct Settings {
    /// How long a new image stays `INIT`/`creating`.
    pub create_delay_ms: u64,
    /// How long a deleted image stays `terminating` before it vanishes.
    pub delete_delay_ms: u64,
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
            failure_rate: 0.0,
            clock: None,
            seed: 1,
            chaos: Chaos::default(),
        }
    }
}

/// The fixture document (see `fixtures/emulator.json` for the default one).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct Fixture {
    /// Documentation only.
    pub description: Option<String>,
    pub settings: Settings,
    /// The next generated number (image ids).
    pub next_no: u64,
    /// Numbers handed out before `nextNo` is used.
    pub ids: Vec<String>,
    /// Names given to images created without one, before random ones.
    pub auto_names: Vec<String>,
    /// Request ids answered before random ones.
    pub request_ids: Vec<String>,
    pub classic: ClassicFixture,
    pub vpc: VpcFixture,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct ClassicFixture {
    pub regions: Vec<ClassicRegion>,
    pub zones: Vec<ClassicZone>,
    pub servers: Vec<ClassicServer>,
    pub products: Vec<Product>,
    pub member_server_images: Vec<ClassicImage>,
    pub snapshots: Vec<ClassicSnapshot>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct VpcFixture {
    pub regions: Vec<Region>,
    pub zones: Vec<Zone>,
    pub servers: Vec<VpcServer>,
    pub snapshots: Vec<Snapshot>,
    pub products: Vec<Product>,
    pub member_server_image_instances: Vec<MemberInstance>,
    pub server_images: Vec<ServerImage>,
}

pub static DEFAULT_FIXTURE: &str = include_str!("../../fixtures/emulator.json");

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
    let mut doc: Value = serde_json::from_str(DEFAULT_FIXTURE).map_err(|e| format!("default fixture: {e}"))?;
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Classic `MemberServerImage`.
    ClassicImage,
    /// VPC `MemberServerImageInstance`.
    MemberInstance,
    /// VPC `ServerImage`.
    ServerImage,
}

impl Kind {
    pub fn label(self) -> &'static str {
        match self {
            Kind::ClassicImage => "member server image",
            Kind::MemberInstance => "member server image instance",
            Kind::ServerImage => "server image",
        }
    }

    /// `{code, codeName}` of a status, as each API family names it.
    pub fn status(self, code: &str) -> Code {
        let name = match (self, code) {
            (Kind::ServerImage, "INIT") => "Server init state",
            (Kind::ServerImage, "CREAT") => "Server created state",
            (Kind::ServerImage, "CREFL") => "Server create failed state",
            (_, "INIT") => "NSI INIT state",
            (_, "CREAT") => "NSI CREATED state",
            (_, "CREFL") => "NSI CREATE FAILED state",
            _ => code,
        };
        Code::new(code, name)
    }

    pub fn operation(self, code: &str) -> Code {
        let name = match (self, code) {
            (Kind::ServerImage, "NULL") => "NULL OP",
            (Kind::ServerImage, "CREAT") => "CREATE OP",
            (Kind::ServerImage, "TERMT") => "TERMINATE OP",
            (Kind::ClassicImage, "NULL") => "NSI NULLOP",
            (_, "NULL") => "NSI NULL OP",
            (_, "CREAT") => "NSI CREAT OP",
            (_, "TERMT") => "NSI TERMINATE OP",
            _ => code,
        };
        Code::new(code, name)
    }
}

/// An image the emulator keeps, in its typed form.
#[derive(Debug, Clone)]
pub enum Image {
    Classic(ClassicImage),
    Member(MemberInstance),
    Server(ServerImage),
}

/// The fields every kind of image has, by reference, whatever their names on the wire.
struct Common<'a> {
    status: &'a mut Option<Code>,
    operation: &'a mut Option<Code>,
    status_name: &'a mut Option<String>,
    share_status: &'a mut Option<Code>,
    shared: &'a mut Option<Vec<String>>,
}

impl Image {
    pub fn kind(&self) -> Kind {
        match self {
            Image::Classic(_) => Kind::ClassicImage,
            Image::Member(_) => Kind::MemberInstance,
            Image::Server(_) => Kind::ServerImage,
        }
    }

    fn common(&mut self) -> Common<'_> {
        match self {
            Image::Classic(i) => Common {
                status: &mut i.member_server_image_status,
                operation: &mut i.member_server_image_operation,
                status_name: &mut i.member_server_image_status_name,
                share_status: &mut i.share_status,
                shared: &mut i.shared_login_id_list,
            },
            Image::Member(i) => Common {
                status: &mut i.member_server_image_instance_status,
                operation: &mut i.member_server_image_instance_operation,
                status_name: &mut i.member_server_image_instance_status_name,
                share_status: &mut i.share_status,
                shared: &mut i.shared_login_id_list,
            },
            Image::Server(i) => Common {
                status: &mut i.server_image_status,
                operation: &mut i.server_image_operation,
                status_name: &mut i.server_image_status_name,
                share_status: &mut i.share_status,
                shared: &mut i.shared_login_id_list,
            },
        }
    }

    /// The image's wire form.
    pub fn wire(&self) -> Value {
        let v = match self {
            Image::Classic(i) => serde_json::to_value(i),
            Image::Member(i) => serde_json::to_value(i),
            Image::Server(i) => serde_json::to_value(i),
        };
        v.unwrap_or(Value::Null)
    }
}

/// The same field of whichever kind of image a record holds (Classic, member instance, server image).
macro_rules! pick {
    ($r:expr, $classic:ident, $member:ident, $server:ident) => {
        match &$r.image {
            Image::Classic(i) => &i.$classic,
            Image::Member(i) => &i.$member,
            Image::Server(i) => &i.$server,
        }
    };
}

/// One image the emulator keeps.
#[derive(Debug, Clone)]
pub struct Record {
    pub image: Image,
    /// VPC region code, or Classic region number.
    pub region: String,
    pub platform: Option<String>,
    pub created_at: Instant,
    pub will_fail: bool,
    pub deleting_since: Option<Instant>,
    /// Block-storage totals to show once created.
    pub storage_rows: i64,
    pub storage_size: i64,
}

impl Record {
    pub fn kind(&self) -> Kind {
        self.image.kind()
    }
    pub fn no(&self) -> &str {
        pick!(
            self,
            member_server_image_no,
            member_server_image_instance_no,
            server_image_no
        )
        .as_deref()
        .unwrap_or_default()
    }
    pub fn name(&self) -> &str {
        pick!(
            self,
            member_server_image_name,
            member_server_image_name,
            server_image_name
        )
        .as_deref()
        .unwrap_or_default()
    }
    pub fn status_code(&self) -> &str {
        pick!(
            self,
            member_server_image_status,
            member_server_image_instance_status,
            server_image_status
        )
        .as_ref()
        .map(|c| c.code.as_str())
        .unwrap_or_default()
    }
    pub fn status_name(&self) -> &str {
        pick!(
            self,
            member_server_image_status_name,
            member_server_image_instance_status_name,
            server_image_status_name
        )
        .as_deref()
        .unwrap_or_default()
    }
    pub fn original_server(&self) -> &str {
        pick!(
            self,
            original_server_instance_no,
            original_server_instance_no,
            original_server_instance_no
        )
        .as_deref()
        .unwrap_or_default()
    }
    pub fn shared(&self) -> Vec<String> {
        pick!(self, shared_login_id_list, shared_login_id_list, shared_login_id_list)
            .clone()
            .unwrap_or_default()
    }
    pub fn is_terminating(&self) -> bool {
        self.deleting_since.is_some()
    }
    /// Status, operation and status name at once.
    pub fn set_state(&mut self, status: Option<&str>, operation: &str, status_name: &str) {
        let kind = self.kind();
        let c = self.image.common();
        if let Some(st) = status {
            *c.status = Some(kind.status(st));
        }
        *c.operation = Some(kind.operation(operation));
        *c.status_name = Some(status_name.to_string());
    }
    pub fn set_shared(&mut self, ids: Vec<String>) {
        let c = self.image.common();
        *c.share_status = Some(share_status(!ids.is_empty()));
        *c.shared = Some(ids);
    }
    pub fn wire(&self) -> Value {
        self.image.wire()
    }
}

#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LogEntry {
    pub method: String,
    pub path: String,
    pub action: Option<String>,
    pub status: u16,
    pub format: String,
    pub signature_header: Option<String>,
    pub user_agent: Option<String>,
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
    pub fixture: Fixture,
    pub next_no: u64,
    pub ids: std::collections::VecDeque<String>,
    pub auto_names: std::collections::VecDeque<String>,
    pub request_ids: std::collections::VecDeque<String>,
    pub records: Vec<Record>,
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
        let mut records = Vec::new();
        let first_vpc_region = fixture
            .vpc
            .regions
            .first()
            .and_then(|r| r.region_code.clone())
            .unwrap_or_else(|| "KR".to_string());
        for v in &fixture.classic.member_server_images {
            let region = v
                .region
                .as_ref()
                .and_then(|r| r.region_no.clone())
                .unwrap_or_else(|| "1".into());
            let platform = v.member_server_image_platform_type.as_ref().map(|p| p.code.clone());
            let (rows, size) = (
                v.member_server_image_block_storage_total_rows,
                v.member_server_image_block_storage_total_size,
            );
            records.push(Record::from_fixture(
                Image::Classic(v.clone()),
                region,
                platform,
                rows,
                size,
                now,
            ));
        }
        for v in &fixture.vpc.member_server_image_instances {
            let region = v.region_code.clone().unwrap_or_else(|| first_vpc_region.clone());
            let platform = v.platform_type.clone();
            let (rows, size) = (
                v.member_server_image_block_storage_total_rows,
                v.member_server_image_block_storage_total_size,
            );
            records.push(Record::from_fixture(
                Image::Member(v.clone()),
                region,
                platform,
                rows,
                size,
                now,
            ));
        }
        for v in &fixture.vpc.server_images {
            let region = v.region_code.clone().unwrap_or_else(|| first_vpc_region.clone());
            records.push(Record::from_fixture(
                Image::Server(v.clone()),
                region,
                None,
                None,
                None,
                now,
            ));
        }
        State {
            settings: fixture.settings.clone(),
            next_no: fixture.next_no.max(1),
            ids: fixture.ids.iter().cloned().collect(),
            auto_names: fixture.auto_names.iter().cloned().collect(),
            request_ids: fixture.request_ids.iter().cloned().collect(),
            rng: fastrand::Rng::with_seed(fixture.settings.seed),
            fixture,
            records,
            log: Vec::new(),
            request_count: 0,
            faults: Vec::new(),
            abandoned: 0,
            chaos_errors: 0,
            chaos_resets: 0,
            chaos_rng: (chaos_seed, fastrand::Rng::with_seed(chaos_seed)),
        }
    }

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
        let create = Duration::from_millis(self.settings.create_delay_ms);
        let delete = Duration::from_millis(self.settings.delete_delay_ms);
        self.records
            .retain(|r| r.deleting_since.is_none_or(|t| now.duration_since(t) < delete));
        for r in &mut self.records {
            if r.status_code() == "INIT" && !r.is_terminating() && now.duration_since(r.created_at) >= create {
                finish_creation(r);
            }
        }
    }

    /// The position of an image by number (within a region, for VPC images).
    pub fn find(&self, kind: Kind, no: &str, region: Option<&str>) -> Option<usize> {
        self.records
            .iter()
            .position(|r| r.kind() == kind && r.no() == no && region.is_none_or(|g| r.region == g))
    }
}

/// `INIT` -> `CREAT` (or `CREFL` when this creation was drawn to fail).
pub fn finish_creation(r: &mut Record) {
    if r.will_fail {
        r.set_state(Some("CREFL"), "NULL", "createFailed");
        return;
    }
    r.set_state(Some("CREAT"), "NULL", "created");
    let (rows, size) = (r.storage_rows, r.storage_size);
    match &mut r.image {
        Image::Classic(i) => {
            i.member_server_image_block_storage_total_rows = Some(rows);
            i.member_server_image_block_storage_total_size = Some(size);
        }
        Image::Member(i) => {
            i.member_server_image_block_storage_total_rows = Some(rows);
            i.member_server_image_block_storage_total_size = Some(size);
        }
        Image::Server(_) => {}
    }
}

impl Record {
    fn from_fixture(
        image: Image,
        region: String,
        platform: Option<String>,
        rows: Option<i64>,
        size: Option<i64>,
        now: Instant,
    ) -> Record {
        let mut r = Record {
            image,
            region,
            platform,
            created_at: now,
            will_fail: false,
            deleting_since: None,
            storage_rows: rows.unwrap_or(1),
            storage_size: size.unwrap_or(53_687_091_200),
        };
        // Share fields every image has.
        let c = r.image.common();
        if c.share_status.is_none() {
            *c.share_status = Some(share_status(false));
        }
        if c.shared.is_none() {
            *c.shared = Some(Vec::new());
        }
        r
    }
}

pub fn share_status(shared: bool) -> Code {
    if shared {
        Code::new("SHARE", "NSI Share State")
    } else {
        Code::new("NULL", "NSI Share NULL State")
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
        assert_eq!(resolve_fixture(Some(&ok)).unwrap().classic.snapshots.len(), 1);
    }

    #[test]
    fn the_default_fixture_reads_into_the_typed_records() {
        let f = resolve_fixture(None).unwrap();
        let state = State::new(f);
        assert!(state
            .fixture
            .vpc
            .servers
            .iter()
            .any(|s| s.hypervisor_type.as_ref().is_some_and(|h| h.code == "KVM")));
        assert!(!state.fixture.classic.snapshots.is_empty());
    }
}
