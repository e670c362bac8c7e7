//! The emulator's state: regions, zones, servers, snapshots and products from the fixture, and the
//! images it keeps. Time-driven changes (creating -> created, terminating -> gone) are applied lazily,
//! at the start of each request, from the recorded instants.

use super::faults::InjectedFault;
use serde::Deserialize;
use serde_json::{json, Map, Value};
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
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            create_delay_ms: 1500,
            delete_delay_ms: 1500,
            failure_rate: 0.0,
            clock: None,
            seed: 1,
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
    pub regions: Vec<Value>,
    pub zones: Vec<Value>,
    pub servers: Vec<Value>,
    pub products: Vec<Value>,
    pub member_server_images: Vec<Value>,
    pub snapshots: Vec<Value>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct VpcFixture {
    pub regions: Vec<Value>,
    pub zones: Vec<Value>,
    pub servers: Vec<Value>,
    pub snapshots: Vec<Value>,
    pub products: Vec<Value>,
    pub member_server_image_instances: Vec<Value>,
    pub server_images: Vec<Value>,
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
    pub fn no_field(self) -> &'static str {
        match self {
            Kind::ClassicImage => "memberServerImageNo",
            Kind::MemberInstance => "memberServerImageInstanceNo",
            Kind::ServerImage => "serverImageNo",
        }
    }
    pub fn name_field(self) -> &'static str {
        match self {
            Kind::ClassicImage | Kind::MemberInstance => "memberServerImageName",
            Kind::ServerImage => "serverImageName",
        }
    }
    fn prefix(self) -> &'static str {
        match self {
            Kind::ClassicImage => "memberServerImage",
            Kind::MemberInstance => "memberServerImageInstance",
            Kind::ServerImage => "serverImage",
        }
    }
    pub fn status_field(self) -> String {
        format!("{}Status", self.prefix())
    }
    pub fn operation_field(self) -> String {
        format!("{}Operation", self.prefix())
    }
    pub fn status_name_field(self) -> String {
        format!("{}StatusName", self.prefix())
    }
    pub fn label(self) -> &'static str {
        match self {
            Kind::ClassicImage => "member server image",
            Kind::MemberInstance => "member server image instance",
            Kind::ServerImage => "server image",
        }
    }

    /// `{code, codeName}` of a status, as each API family names it.
    pub fn status(self, code: &str) -> Value {
        let name = match (self, code) {
            (Kind::ServerImage, "INIT") => "Server init state",
            (Kind::ServerImage, "CREAT") => "Server created state",
            (Kind::ServerImage, "CREFL") => "Server create failed state",
            (_, "INIT") => "NSI INIT state",
            (_, "CREAT") => "NSI CREATED state",
            (_, "CREFL") => "NSI CREATE FAILED state",
            _ => code,
        };
        json!({"code": code, "codeName": name})
    }

    pub fn operation(self, code: &str) -> Value {
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
        json!({"code": code, "codeName": name})
    }
}

/// One image the emulator keeps.
#[derive(Debug, Clone)]
pub struct Record {
    pub kind: Kind,
    /// The image in its typed form (extra keys are dropped when it is rendered).
    pub value: Value,
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
    pub fn no(&self) -> &str {
        self.value
            .get(self.kind.no_field())
            .and_then(Value::as_str)
            .unwrap_or_default()
    }
    pub fn name(&self) -> &str {
        self.value
            .get(self.kind.name_field())
            .and_then(Value::as_str)
            .unwrap_or_default()
    }
    pub fn status_code(&self) -> &str {
        self.value
            .get(self.kind.status_field())
            .and_then(|s| s.get("code"))
            .and_then(Value::as_str)
            .unwrap_or_default()
    }
    pub fn is_terminating(&self) -> bool {
        self.deleting_since.is_some()
    }
    pub fn set(&mut self, key: &str, v: Value) {
        if let Some(o) = self.value.as_object_mut() {
            o.insert(key.to_string(), v);
        }
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
}

impl State {
    pub fn new(fixture: Fixture) -> State {
        let now = Instant::now();
        let mut records = Vec::new();
        let first_vpc_region = fixture
            .vpc
            .regions
            .first()
            .and_then(|r| r.get("regionCode"))
            .and_then(Value::as_str)
            .unwrap_or("KR")
            .to_string();
        let text = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
        for v in &fixture.classic.member_server_images {
            let region = v
                .get("region")
                .and_then(|r| text(r, "regionNo"))
                .unwrap_or_else(|| "1".into());
            let platform = v.get("memberServerImagePlatformType").and_then(|p| text(p, "code"));
            records.push(Record::from_fixture(Kind::ClassicImage, v, region, platform, now));
        }
        for v in &fixture.vpc.member_server_image_instances {
            let region = text(v, "regionCode").unwrap_or_else(|| first_vpc_region.clone());
            let platform = text(v, "platformType");
            records.push(Record::from_fixture(Kind::MemberInstance, v, region, platform, now));
        }
        for v in &fixture.vpc.server_images {
            let region = text(v, "regionCode").unwrap_or_else(|| first_vpc_region.clone());
            records.push(Record::from_fixture(Kind::ServerImage, v, region, None, now));
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
            .position(|r| r.kind == kind && r.no() == no && region.is_none_or(|g| r.region == g))
    }
}

/// `INIT` -> `CREAT` (or `CREFL` when this creation was drawn to fail).
pub fn finish_creation(r: &mut Record) {
    let kind = r.kind;
    if r.will_fail {
        r.set(&kind.status_field(), kind.status("CREFL"));
        r.set(&kind.operation_field(), kind.operation("NULL"));
        r.set(&kind.status_name_field(), json!("createFailed"));
        return;
    }
    r.set(&kind.status_field(), kind.status("CREAT"));
    r.set(&kind.operation_field(), kind.operation("NULL"));
    r.set(&kind.status_name_field(), json!("created"));
    if kind != Kind::ServerImage {
        r.set("memberServerImageBlockStorageTotalRows", json!(r.storage_rows));
        r.set("memberServerImageBlockStorageTotalSize", json!(r.storage_size));
    }
}

impl Record {
    fn from_fixture(kind: Kind, v: &Value, region: String, platform: Option<String>, now: Instant) -> Record {
        let mut value = v.clone();
        if let Some(o) = value.as_object_mut() {
            ensure_defaults(kind, o);
        }
        let rows = v
            .get("memberServerImageBlockStorageTotalRows")
            .and_then(Value::as_i64)
            .unwrap_or(1);
        let size = v
            .get("memberServerImageBlockStorageTotalSize")
            .and_then(Value::as_i64)
            .unwrap_or(53_687_091_200);
        Record {
            kind,
            value,
            region,
            platform,
            created_at: now,
            will_fail: false,
            deleting_since: None,
            storage_rows: rows,
            storage_size: size,
        }
    }
}

/// Share fields every image has.
pub fn ensure_defaults(_kind: Kind, o: &mut Map<String, Value>) {
    if !o.contains_key("shareStatus") {
        o.insert("shareStatus".into(), share_status(false));
    }
    if !o.contains_key("sharedLoginIdList") {
        o.insert("sharedLoginIdList".into(), json!([]));
    }
}

pub fn share_status(shared: bool) -> Value {
    if shared {
        json!({"code": "SHARE", "codeName": "NSI Share State"})
    } else {
        json!({"code": "NULL", "codeName": "NSI Share NULL State"})
    }
}
