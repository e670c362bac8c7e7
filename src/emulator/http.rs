//! The HTTP side of the emulator (hyper): its lifetime (listening, connections, closing), reading a
//! request, routing it to an action (or to the console, under `/__console`), and writing the answer;
//! the gateway's checks are in `gateway.rs`, chaos and injected faults in `chaos.rs`, the API call
//! itself in `call.rs`, what the owner does to a running emulator in `control.rs`.

use super::call::dispatch;
use super::chaos::{chaos_draw, chaos_error, ChaosReset};
use super::console::{self, Console};
use super::control::{self, Control};
use super::gateway::authenticate;
use super::reply::{gateway, respond};
use super::rules;
use super::shared::Shared;
use super::state::{LogEntry, LOG_CAP};
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
use std::time::{Duration, Instant};
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
    /// Serve the console (`/__console`) on the same address.
    pub console: bool,
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
    /// The console's address (`<endpoint>/__console`), when it is on.
    pub console_url: Option<String>,
    control: Arc<Control>,
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

/// The handle does what its [`Control`] does (load, configure, inject a fault, snapshot, the log).
impl std::ops::Deref for EmulatorHandle {
    type Target = Control;
    fn deref(&self) -> &Control {
        &self.control
    }
}

pub async fn start(opts: EmulatorOptions) -> Result<EmulatorHandle> {
    let state = control::state_of(control::with_settings(
        &opts.settings,
        opts.fixture.as_ref(),
        opts.site,
    )?)?;
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
        state: Mutex::new(state),
        access_key: opts.access_key.clone(),
        secret_key: opts.secret_key.clone(),
        keys: std::sync::RwLock::new(opts.keys.clone()),
        site: opts.site,
        clock_offset_ms: std::sync::atomic::AtomicI64::new(opts.clock_offset_ms),
    });
    let control = Arc::new(Control::new(shared.clone(), opts.settings));
    let console = opts.console.then(|| Arc::new(Console::new(control.clone())));
    let (stop, stop_rx) = watch::channel(false);
    let accept_shared = shared.clone();
    let accept_console = console.clone();
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
                    let console = accept_console.clone();
                    let mut conn_stop = stop_rx.clone();
                    tokio::spawn(async move {
                        let service =
                            service_fn(move |req| serve(shared.clone(), console.clone(), header_timeout, req));
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
    let endpoint = format!("http://{host}:{}", addr.port());
    Ok(EmulatorHandle {
        console_url: console.map(|_| format!("{endpoint}{}", console::PATH)),
        endpoint,
        access_key: opts.access_key,
        secret_key: opts.secret_key,
        site: opts.site,
        control,
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

    /// The pairs accepted besides the emulator's own become `keys` (the others are refused from now on).
    pub fn set_keys(&self, keys: Vec<(String, String)>) {
        *self.control.shared.keys.write().unwrap_or_else(|p| p.into_inner()) = keys;
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
    console: Option<Arc<Console>>,
    body_timeout: Duration,
    req: Request<Incoming>,
) -> std::result::Result<Response<Full<Bytes>>, ChaosReset> {
    let started = Instant::now();
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
    let to_console = console.as_ref().filter(|_| console::owns(&path));
    // An uploaded state may be larger than any API request.
    let max_body = if to_console.is_some() { MAX_DRAIN } else { MAX_BODY };
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
    // What the console checks of a request of its own (where it comes from, what it sends).
    let console_headers = to_console.map(|_| console::Headers {
        host: header("host"),
        origin: header("origin"),
        content_type: header("content-type"),
    });
    let mut incoming = req.into_body();
    let mut body = Vec::new();
    let mut too_large = false;
    let read = async {
        let mut seen = 0usize;
        while let Some(frame) = incoming.frame().await {
            let Ok(frame) = frame else { break };
            if let Ok(data) = frame.into_data() {
                seen = seen.saturating_add(data.len());
                if seen > max_body {
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
    if let (Some(console), Some(headers)) = (to_console, console_headers) {
        guard.answered = true;
        return Ok(console.serve(&method, &path, &query, &headers, &body));
    }

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
    let mut signature_ok = None;
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
                Err(details) => {
                    signature_ok = Some(false);
                    (gateway(401, "200", "Authentication Failed", details), name)
                }
                Ok(()) => {
                    signature_ok = Some(true);
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
    // The console's copy is made only once its page was opened, outside the state's lock.
    let watched = console.as_ref().filter(|c| c.watched());
    {
        let mut state = shared.lock();
        state.request_count += 1;
        match chaos {
            Some("error") => state.chaos_errors += 1,
            Some(_) => state.chaos_resets += 1,
            None => {}
        }
        let kept = state.log.len() < LOG_CAP;
        let entry = (kept || watched.is_some()).then(|| LogEntry {
            time: chrono::Utc::now().timestamp_millis(),
            duration_ms: (started.elapsed() + reply.delay.unwrap_or_default()).as_micros() as f64 / 1000.0,
            method,
            path,
            action: action_name,
            status: reply.status,
            format: format.as_str().into(),
            signature_header: sig_header.map(str::to_string),
            signature: signature_ok.map(|ok| if ok { "valid" } else { "invalid" }),
            user_agent,
            access_key: access_key.clone(),
            host: host.clone(),
            reason: reply.reason.clone(),
            params: logged_params,
            chaos,
        });
        match (entry, watched) {
            (Some(entry), Some(console)) => {
                if kept {
                    state.log.push(entry.clone());
                }
                drop(state);
                console.record(entry);
            }
            (Some(entry), None) => state.log.push(entry),
            (None, _) => {}
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
