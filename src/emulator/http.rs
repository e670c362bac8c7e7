//! The HTTP side of the emulator (hyper): its lifetime (listening, connections, closing), reading a
//! request, routing it to an action, and writing the answer; the gateway's checks are in `gateway.rs`,
//! chaos and injected faults in `chaos.rs`, the API call itself in `call.rs`.

use super::call::dispatch;
use super::chaos::{chaos_draw, chaos_error, ChaosReset};
use super::faults::InjectedFault;
use super::gateway::authenticate;
use super::reply::{gateway, respond};
use super::rules;
use super::shared::Shared;
use super::state::{resolve_site_fixture, LogEntry, State, LOG_CAP};
use crate::catalog;
use crate::error::{Error, ErrorCode, Result};
use crate::signing;
use crate::wire::Format;
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use serde_json::Value;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::watch;

#[derive(Debug, Clone)]
pub struct EmulatorOptions {
    pub host: String,
    pub port: u16,
    pub access_key: String,
    pub secret_key: String,
    /// More key pairs the gateway accepts besides `access_key` (rotated keys, sub-accounts).
    pub keys: Vec<(String, String)>,
    /// The NCP site it plays: its regions (`site::play`) and the hosts it answers on.
    pub site: crate::site::Site,
    /// Fixture document (merged over the default one unless it says `"base": "empty"`).
    pub fixture: Option<Value>,
    /// Settings that hold for every fixture loaded later, unless that fixture sets them itself.
    pub settings: Value,
    /// A connection that has not sent a whole request head within this time is closed; the same
    /// limit closes idle keep-alive connections and bounds reading a request body.
    pub header_timeout: Duration,
    /// The emulator's clock minus the real one (a gateway whose clock is off, to test skew correction).
    pub clock_offset_ms: i64,
}

pub const DEFAULT_HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// Pause after a failed accept (EMFILE ...), so that running out of descriptors does not spin a core.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(100);
/// How much of a too-large request body is read (and dropped) so that the client sees the 413.
const MAX_DRAIN: usize = 64 << 20;
const MAX_BODY: usize = 1 << 20;

pub struct EmulatorHandle {
    pub endpoint: String,
    pub access_key: String,
    pub secret_key: String,
    pub site: crate::site::Site,
    settings: Mutex<Value>,
    shared: Arc<Shared>,
    stop: watch::Sender<bool>,
}

impl std::fmt::Debug for EmulatorHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EmulatorHandle")
            .field("endpoint", &self.endpoint)
            .field("access_key", &self.access_key)
            .field("secret_key", &"****")
            .finish()
    }
}

/// The fixture with the emulator-wide settings underneath it, over the default state as `site` has it.
fn with_settings(settings: &Value, fixture: Option<&Value>, site: crate::site::Site) -> Result<super::state::Fixture> {
    let mut doc = serde_json::json!({ "settings": settings });
    if let Some(f) = fixture {
        if let Some(base) = f.get("base") {
            doc["base"] = base.clone();
        }
        super::state::merge(&mut doc, f);
    }
    let fixture = resolve_site_fixture(Some(&doc), site).map_err(Error::validation)?;
    check_settings(&fixture.settings)?;
    Ok(fixture)
}

fn check_settings(s: &super::state::Settings) -> Result<()> {
    if !(0.0..=1.0).contains(&s.failure_rate) {
        return Err(Error::validation(format!(
            "failureRate must be between 0 and 1, got {}",
            s.failure_rate
        )));
    }
    Ok(())
}

pub async fn start(opts: EmulatorOptions) -> Result<EmulatorHandle> {
    let fixture = with_settings(&opts.settings, opts.fixture.as_ref(), opts.site)?;
    let listener = TcpListener::bind((opts.host.as_str(), opts.port)).await.map_err(|e| {
        Error::new(
            ErrorCode::Network,
            format!("emulator could not listen on {}:{}: {e}", opts.host, opts.port),
        )
    })?;
    let addr = listener
        .local_addr()
        .map_err(|e| Error::internal(format!("emulator address: {e}")))?;
    let shared = Arc::new(Shared {
        state: Mutex::new(State::new(fixture)),
        access_key: opts.access_key.clone(),
        secret_key: opts.secret_key.clone(),
        keys: std::sync::RwLock::new(opts.keys.clone()),
        site: opts.site,
        clock_offset_ms: std::sync::atomic::AtomicI64::new(opts.clock_offset_ms),
    });
    let (stop, stop_rx) = watch::channel(false);
    let accept_shared = shared.clone();
    let mut accept_stop = stop_rx.clone();
    let header_timeout = opts.header_timeout;
    tokio::spawn(async move {
        loop {
            tokio::select! {
                _ = stopped(&mut accept_stop) => break,
                accepted = listener.accept() => {
                    let stream = match accepted {
                        Ok((stream, _)) => stream,
                        Err(_) => {
                            // Out of descriptors or memory: wait for some to be released.
                            tokio::select! {
                                _ = stopped(&mut accept_stop) => break,
                                _ = tokio::time::sleep(ACCEPT_BACKOFF) => continue,
                            }
                        }
                    };
                    let _ = stream.set_nodelay(true);
                    let shared = accept_shared.clone();
                    let mut conn_stop = stop_rx.clone();
                    tokio::spawn(async move {
                        let service = service_fn(move |req| serve(shared.clone(), header_timeout, req));
                        // A chaos reset is an error of the service: hyper then closes the connection
                        // without writing an answer. The head timeout also runs while a keep-alive
                        // connection waits for its next request, so it closes idle and slow (slowloris)
                        // connections alike.
                        let conn = http1::Builder::new()
                            .timer(hyper_util::rt::TokioTimer::new())
                            .header_read_timeout(header_timeout)
                            .serve_connection(TokioIo::new(stream), service);
                        tokio::select! {
                            _ = conn => {}
                            _ = stopped(&mut conn_stop) => {}
                        }
                    });
                }
            }
        }
    });
    let host = match addr.ip() {
        std::net::IpAddr::V4(ip) if ip.is_unspecified() => "127.0.0.1".to_string(),
        std::net::IpAddr::V6(ip) if ip.is_unspecified() => "[::1]".to_string(),
        std::net::IpAddr::V4(ip) => ip.to_string(),
        std::net::IpAddr::V6(ip) => format!("[{ip}]"),
    };
    Ok(EmulatorHandle {
        endpoint: format!("http://{host}:{}", addr.port()),
        access_key: opts.access_key,
        secret_key: opts.secret_key,
        site: opts.site,
        settings: Mutex::new(opts.settings),
        shared,
        stop,
    })
}

/// Resolves once the emulator is closed. Dropping the handle does not stop it: an emulator runs until
/// `close()` (or the end of the runtime, or of the Node environment that started it: `crate::lifetime`).
async fn stopped(rx: &mut watch::Receiver<bool>) {
    if rx.wait_for(|v| *v).await.is_err() {
        std::future::pending::<()>().await;
    }
}

impl crate::lifetime::Closable for EmulatorHandle {
    fn close_now(&self) {
        self.close();
    }
    fn is_closed(&self) -> bool {
        *self.stop.borrow()
    }
}

impl EmulatorHandle {
    /// Stops listening and drops open connections.
    pub fn close(&self) {
        let _ = self.stop.send(true);
    }

    /// Replaces the whole state with a fixture (over the default one).
    pub fn load(&self, fixture: Option<&Value>) -> Result<()> {
        let settings = self.settings.lock().unwrap_or_else(|p| p.into_inner()).clone();
        let fixture = with_settings(&settings, fixture, self.site)?;
        let mut state = self.shared.lock();
        let (log, count) = (std::mem::take(&mut state.log), state.request_count);
        let counters = (state.abandoned, state.chaos_errors, state.chaos_resets);
        *state = State::new(fixture);
        state.log = log;
        state.request_count = count;
        (state.abandoned, state.chaos_errors, state.chaos_resets) = counters;
        Ok(())
    }

    /// The pairs accepted besides the emulator's own become `keys` (the others are refused from now on).
    pub fn set_keys(&self, keys: Vec<(String, String)>) {
        *self.shared.keys.write().unwrap_or_else(|p| p.into_inner()) = keys;
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

    /// Changes the timing settings without touching the images.
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
        let mut current = serde_json::to_value(SettingsView::from(&s.settings)).unwrap_or(Value::Null);
        super::state::merge(&mut current, patch);
        let settings: super::state::Settings =
            serde_json::from_value(current).map_err(|e| Error::validation(format!("invalid settings: {e}")))?;
        check_settings(&settings)?;
        s.settings = settings;
        super::state::merge(&mut self.settings.lock().unwrap_or_else(|p| p.into_inner()), patch);
        Ok(())
    }
}

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct SettingsView {
    create_delay_ms: u64,
    delete_delay_ms: u64,
    operation_delay_ms: Option<u64>,
    failure_rate: f64,
    clock: Option<String>,
    seed: u64,
    chaos: super::state::Chaos,
}

impl From<&super::state::Settings> for SettingsView {
    fn from(s: &super::state::Settings) -> Self {
        SettingsView {
            create_delay_ms: s.create_delay_ms,
            delete_delay_ms: s.delete_delay_ms,
            operation_delay_ms: s.operation_delay_ms,
            failure_rate: s.failure_rate,
            clock: s.clock.clone(),
            seed: s.seed,
            chaos: s.chaos.clone(),
        }
    }
}

/// Counts a request as abandoned when its handling is dropped before the answer is handed to hyper
/// (hyper drops the handler when the client closes the connection).
struct AnswerGuard {
    shared: Arc<Shared>,
    answered: bool,
}

impl Drop for AnswerGuard {
    fn drop(&mut self) {
        if !self.answered {
            self.shared.lock().abandoned += 1;
        }
    }
}

async fn serve(
    shared: Arc<Shared>,
    body_timeout: Duration,
    req: Request<Incoming>,
) -> std::result::Result<Response<Full<Bytes>>, ChaosReset> {
    let mut guard = AnswerGuard {
        shared: shared.clone(),
        answered: false,
    };
    let method = req.method().as_str().to_string();
    let target = req
        .uri()
        .path_and_query()
        .map(|pq| pq.as_str().to_string())
        .unwrap_or_else(|| "/".into());
    let path = req.uri().path().to_string();
    let query = req.uri().query().unwrap_or_default().to_string();
    let header = |name: &str| {
        req.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let timestamp = header(signing::HEADER_TIMESTAMP);
    let access_key = header(signing::HEADER_ACCESS_KEY);
    let host = header("host");
    let user_agent = header("user-agent");
    let (sig_header, signature) = match header(signing::HEADER_SIGNATURE_V2) {
        Some(s) => (Some("v2"), Some(s)),
        None => match header(signing::HEADER_SIGNATURE_V1) {
            Some(s) => (Some("v1"), Some(s)),
            None => (None, None),
        },
    };
    let mut incoming = req.into_body();
    let mut body = Vec::new();
    let mut too_large = false;
    let read = async {
        let mut seen = 0usize;
        while let Some(frame) = incoming.frame().await {
            let Ok(frame) = frame else { break };
            if let Ok(data) = frame.into_data() {
                seen = seen.saturating_add(data.len());
                if seen > MAX_BODY {
                    // Read the rest (up to a bound) so that the client, still sending, gets the 413
                    // rather than a broken pipe.
                    too_large = true;
                    if seen > MAX_DRAIN {
                        break;
                    }
                } else {
                    body.extend_from_slice(&data);
                }
            }
        }
    };
    if tokio::time::timeout(body_timeout, read).await.is_err() {
        let r = gateway(408, "408", "Request Timeout", "the request body did not arrive in time");
        guard.answered = true;
        return Ok(respond(r));
    }
    if too_large {
        let r = gateway(413, "430", "Request Entity Too Large", "the request body is too large");
        guard.answered = true;
        return Ok(respond(r));
    }
    let body = Bytes::from(body);

    let mut pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes()).into_owned().collect();
    pairs.extend(form_urlencoded::parse(&body).into_owned());
    let format = pairs
        .iter()
        .rev()
        .find(|(k, _)| k == "responseFormatType")
        .and_then(|(_, v)| Format::parse(v))
        .unwrap_or(Format::Xml);

    let route = route(&path);
    let refused = route.and_then(|a| super::site::refusal(shared.site, host.as_deref(), a.api));
    let mut chaos = None;
    let mut checked = None;
    let (reply, action_name) = match route {
        None => (
            gateway(404, "300", "Not Found Exception", &format!("no API at {path}")),
            None,
        ),
        // A host of NCP's that does not serve this API on the emulator's site: the gateway's 404.
        Some(action) if refused.is_some() => (
            gateway(
                404,
                "300",
                "Not Found Exception",
                refused.as_deref().unwrap_or_default(),
            ),
            Some(action.name.to_string()),
        ),
        Some(action) => {
            let name = Some(action.name.to_string());
            match authenticate(
                &shared,
                &method,
                &target,
                timestamp.as_deref(),
                access_key.as_deref(),
                signature.as_deref(),
            ) {
                Err(details) => (gateway(401, "200", "Authentication Failed", details), name),
                Ok(()) => {
                    chaos = chaos_draw(&mut shared.lock());
                    if chaos == Some("error") {
                        (chaos_error(&mut shared.lock(), format), name)
                    } else {
                        let (reply, params) = dispatch(&shared, action, &pairs, format);
                        checked = params;
                        (reply, name)
                    }
                }
            }
        }
    };

    // The handler's checked parameters; the request as read when it never got that far.
    let logged_params = checked.or_else(|| {
        route
            .filter(|a| a.mutating)
            .and_then(|_| rules::parse(&pairs).ok())
            .map(Value::Object)
    });
    {
        let mut state = shared.lock();
        state.request_count += 1;
        match chaos {
            Some("error") => state.chaos_errors += 1,
            Some(_) => state.chaos_resets += 1,
            None => {}
        }
        if state.log.len() < LOG_CAP {
            state.log.push(LogEntry {
                method,
                path,
                action: action_name,
                status: reply.status,
                format: format.as_str().into(),
                signature_header: sig_header.map(str::to_string),
                user_agent,
                access_key: access_key.clone(),
                host: host.clone(),
                reason: reply.reason.clone(),
                params: logged_params,
                chaos,
            });
        }
    }
    if let Some(d) = reply.delay {
        tokio::time::sleep(d).await;
    }
    guard.answered = true;
    if chaos == Some("reset") {
        return Err(ChaosReset);
    }
    let mut res = respond(reply);
    // The gateway's clock, as an HTTP date (clients correct their clock skew from it).
    if let Some(date) = chrono::DateTime::from_timestamp_millis(shared.now_ms()) {
        if let Ok(v) = hyper::header::HeaderValue::from_str(&date.format("%a, %d %b %Y %H:%M:%S GMT").to_string()) {
            res.headers_mut().insert(hyper::header::DATE, v);
        }
    }
    Ok(res)
}

/// The action at `path`: an API's prefix (`/vserver/v2`), then the action's name.
fn route(path: &str) -> Option<&'static catalog::Action> {
    catalog::APIS.iter().find_map(|api| {
        let name = path.strip_prefix(api.prefix)?.strip_prefix('/')?;
        catalog::action_of(api.name, name.trim_end_matches('/'))
    })
}
