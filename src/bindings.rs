//! The napi layer: one call per request, results handed over in one piece, every failure (including a
//! panic) turned into an error value instead of crossing into Node.

use crate::emulator::{self, EmulatorHandle, EmulatorOptions};
use crate::error::{Error, ErrorCode};
use crate::service::{self, CallDefaults};
use crate::transport::{AttemptRecord, NetOptions, Secret, Transport, TransportConfig};
use crate::wire::Format;
use futures::FutureExt;
use napi::bindgen_prelude::PromiseRaw;
use napi::Env;
use napi_derive::napi;
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::watch;

fn panic_message(p: Box<dyn std::any::Any + Send>) -> String {
    p.downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into())
}

fn js_error(e: Error) -> napi::Error {
    napi::Error::from_reason(e.to_json())
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ClientConfig {
    endpoint: String,
    access_key: String,
    secret_key: String,
    #[serde(default = "default_format")]
    response_format: String,
    #[serde(default = "default_timeout")]
    timeout: u64,
    #[serde(default)]
    attempt_timeout: Option<u64>,
    #[serde(default = "default_connect_timeout")]
    connect_timeout: u64,
    #[serde(default = "default_max_response_bytes")]
    max_response_bytes: u64,
    #[serde(default)]
    ca: Vec<String>,
    #[serde(default)]
    user_agent: Option<String>,
    #[serde(default = "default_retries")]
    max_retries: u32,
    #[serde(default = "default_retry_delay")]
    retry_base_delay: u64,
    #[serde(default)]
    max_sockets: Option<usize>,
    #[serde(default)]
    max_free_sockets: Option<usize>,
    #[serde(default)]
    keep_alive_timeout: Option<u64>,
    #[serde(default)]
    max_buffered_bytes: Option<u64>,
    #[serde(default)]
    sign_parameters: bool,
}

fn default_format() -> String {
    "json".into()
}
fn default_timeout() -> u64 {
    30_000
}
fn default_connect_timeout() -> u64 {
    5_000
}
fn default_max_response_bytes() -> u64 {
    64 << 20
}
fn default_retries() -> u32 {
    2
}
fn default_retry_delay() -> u64 {
    200
}

/// The connection options, each at its default when not given (see `transport::NetOptions`).
fn net_options(
    max_sockets: Option<usize>,
    max_free_sockets: Option<usize>,
    keep_alive_timeout: Option<u64>,
    max_buffered_bytes: Option<u64>,
    sign_parameters: bool,
    ca: Vec<String>,
) -> NetOptions {
    let d = NetOptions::default();
    NetOptions {
        max_sockets: max_sockets.unwrap_or(d.max_sockets).max(1),
        max_free_sockets: max_free_sockets.unwrap_or(d.max_free_sockets),
        keep_alive_timeout: keep_alive_timeout.map_or(d.keep_alive_timeout, Duration::from_millis),
        max_buffered_bytes: max_buffered_bytes.unwrap_or(d.max_buffered_bytes).max(1),
        sign_parameters,
        ca,
    }
}

/// glibc raises its mmap threshold each time a large block is freed, so after the first multi-MB answer
/// every later body and result buffer comes from a per-thread arena that keeps the memory after it is
/// freed: with two tokio workers, a 10,000-image list left ~40 MB resident for good. A fixed threshold
/// (glibc's initial 128 KiB, doubled) keeps large buffers in their own mappings, returned on free.
/// Measured with `npm run bench -- peers`: peak RSS of the 10k JSON list 194 MiB -> 158 MiB.
fn tune_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        static ONCE: std::sync::Once = std::sync::Once::new();
        // SAFETY: mallopt only sets a malloc tunable; it is thread-safe in glibc.
        ONCE.call_once(|| unsafe {
            libc::mallopt(libc::M_MMAP_THRESHOLD, 256 * 1024);
        });
    }
}

/// One client: one HTTP connection pool, one set of credentials.
#[napi]
pub struct NativeClient {
    transport: Arc<Transport>,
    cancels: Arc<Cancels>,
}

/// The cancel switches of the calls in flight that can be aborted (an `AbortSignal` was given). The
/// JavaScript side takes an id with `cancelHandle()` before the call and flips it with `abort(id)`; the
/// call then drops its future (the HTTP request, its connection and any back-off sleep) and ends with
/// `ABORT_ERR`. An entry lives from `cancelHandle()` until its call ends.
#[derive(Default)]
struct Cancels {
    next: AtomicU32,
    switches: Mutex<HashMap<u32, watch::Sender<bool>>>,
}

impl Cancels {
    fn map(&self) -> std::sync::MutexGuard<'_, HashMap<u32, watch::Sender<bool>>> {
        self.switches.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn register(&self) -> u32 {
        let mut map = self.map();
        // Ids wrap after 2^32 calls; skip any still in use.
        loop {
            let id = self.next.fetch_add(1, Ordering::Relaxed).wrapping_add(1);
            if id != 0 && !map.contains_key(&id) {
                map.insert(id, watch::channel(false).0);
                return id;
            }
        }
    }

    fn abort(&self, id: u32) {
        if let Some(tx) = self.map().get(&id) {
            tx.send_replace(true);
        }
    }

    fn subscribe(&self, id: u32) -> Option<watch::Receiver<bool>> {
        self.map().get(&id).map(|tx| tx.subscribe())
    }

    fn release(&self, id: u32) {
        self.map().remove(&id);
    }
}

/// Resolves once the switch is flipped; never when it is dropped unflipped.
async fn aborted(mut rx: watch::Receiver<bool>) {
    if rx.wait_for(|v| *v).await.is_err() {
        std::future::pending::<()>().await;
    }
}

#[napi]
impl NativeClient {
    /// `config`: JSON of `{ endpoint, accessKey, secretKey, responseFormat, timeout, attemptTimeout,
    /// connectTimeout, maxRetries, retryBaseDelay (milliseconds), maxResponseBytes, ca (PEM) }`.
    #[napi(constructor)]
    pub fn new(env: &Env, config: String) -> napi::Result<Self> {
        let client = Self::build(config)?;
        // Closed when the thread that created it ends (a terminated worker's calls release their sockets).
        let weak: std::sync::Weak<dyn crate::lifetime::Closable> = Arc::downgrade(&client.transport) as _;
        crate::lifetime::keep_weak(crate::lifetime::enter(env), weak);
        Ok(client)
    }

    /// Closes the client: calls in flight end with `ERR_CLIENT_CLOSED`, later ones fail at once
    /// without sending anything, and the connection pool is released.
    #[napi]
    pub fn close(&self) {
        self.transport.close();
    }

    /// `[requests in flight, bytes their answers hold]`, for the tests.
    #[napi]
    pub fn in_flight(&self) -> Vec<f64> {
        let (requests, bytes) = self.transport.in_flight();
        vec![requests as f64, bytes as f64]
    }
}

impl NativeClient {
    /// The client of a configuration (JSON, see [`NativeClient::new`]), owned by no environment.
    fn build(config: String) -> napi::Result<Self> {
        tune_allocator();
        let cfg: ClientConfig = serde_json::from_str(&config)
            .map_err(|e| js_error(Error::validation(format!("invalid client options: {e}"))))?;
        let format = Format::parse(&cfg.response_format).ok_or_else(|| {
            js_error(Error::validation(format!(
                "responseFormat must be 'json' or 'xml', got '{}'",
                cfg.response_format
            )))
        })?;
        let transport = Transport::new(TransportConfig {
            endpoint: cfg.endpoint,
            access_key: cfg.access_key,
            secret_key: Secret::new(cfg.secret_key),
            format,
            timeout: Duration::from_millis(cfg.timeout.max(1)),
            attempt_timeout: cfg.attempt_timeout.map(|t| Duration::from_millis(t.max(1))),
            connect_timeout: Duration::from_millis(cfg.connect_timeout.max(1)),
            max_response_bytes: cfg.max_response_bytes,
            user_agent_suffix: cfg.user_agent,
            max_retries: cfg.max_retries,
            retry_base_delay: Duration::from_millis(cfg.retry_base_delay),
            net: net_options(
                cfg.max_sockets,
                cfg.max_free_sockets,
                cfg.keep_alive_timeout,
                cfg.max_buffered_bytes,
                cfg.sign_parameters,
                cfg.ca,
            ),
        })
        .map_err(js_error)?;
        Ok(NativeClient {
            transport: Arc::new(transport),
            cancels: Arc::default(),
        })
    }
}

#[napi]
impl NativeClient {
    /// A cancel switch for the next `call`: pass its id as `cancelId`, flip it with `abort(id)`.
    #[napi]
    pub fn cancel_handle(&self) -> u32 {
        self.cancels.register()
    }

    /// Aborts the call holding that switch (nothing when it has ended).
    #[napi]
    pub fn abort(&self, id: u32) {
        self.cancels.abort(id);
    }

    /// How many cancel switches are held (calls with a signal in flight); for the leak tests.
    #[napi]
    pub fn pending_cancels(&self) -> u32 {
        self.cancels.map().len() as u32
    }

    /// Runs one method, given by its index in `methods()`. Resolves to the result as JSON text, or to
    /// `!` followed by the error as JSON text; never rejects. `regionCode` / `regionNo` are the defaults
    /// the JavaScript side holds (sent when the caller gives none). With `cancelId` (from
    /// `cancelHandle()`), `abort(cancelId)` ends the call with `ABORT_ERR`. With `trace`, the text starts
    /// with `~`, the record of every attempt as JSON and a newline (for `NODE_DEBUG=ncloud`).
    ///
    /// Not an `async fn` on `&self`: such a future borrows the object, which Node frees when a worker
    /// thread's environment is torn down with calls in flight (use after free, SIGSEGV). The future
    /// owns clones of the transport and of the cancel switches instead and outlives the object safely.
    #[napi(ts_return_type = "Promise<string>")]
    pub fn call<'env>(
        &self,
        env: &'env Env,
        method: u32,
        params: String,
        opts: CallOpts,
    ) -> napi::Result<PromiseRaw<'env, JsText>> {
        let (transport, cancels) = (self.transport.clone(), self.cancels.clone());
        env.spawn_future(async move {
            let trace_wanted = opts.trace.unwrap_or(false);
            let (result, trace) = run_cancellable(transport, cancels, method, params, opts).await;
            let mut out = String::new();
            if trace_wanted {
                out.push('~');
                out.push_str(&serde_json::to_string(&trace).unwrap_or_else(|_| "[]".into()));
                out.push('\n');
            }
            Ok(JsText(match result {
                Ok(text) if out.is_empty() => text,
                Ok(text) => {
                    out.push_str(&text);
                    out
                }
                Err(e) => {
                    out.push('!');
                    out.push_str(&e.to_json());
                    out
                }
            }))
        })
    }

    /// The same call, with the result built as JS objects by napi (kept for `npm run bench`, which
    /// compares it with handing over JSON text): `{ ok }` or `{ error }`, and `attempts`.
    #[napi(ts_return_type = "Promise<any>")]
    pub fn call_value<'env>(
        &self,
        env: &'env Env,
        method: u32,
        params: String,
        opts: CallOpts,
    ) -> napi::Result<PromiseRaw<'env, Value>> {
        let (transport, cancels) = (self.transport.clone(), self.cancels.clone());
        env.spawn_future(async move {
            let (result, trace) = run_cancellable(transport, cancels, method, params, opts).await;
            let result = result.and_then(|text| {
                serde_json::from_str::<Value>(&text).map_err(|e| Error::internal(format!("invalid result JSON: {e}")))
            });
            let attempts = serde_json::to_value(&trace).unwrap_or(Value::Null);
            Ok(match result {
                Ok(v) => json!({ "ok": v, "attempts": attempts }),
                Err(e) => json!({ "error": serde_json::to_value(&e).unwrap_or(Value::Null), "attempts": attempts }),
            })
        })
    }
}

/// A call's answer text on its way to JavaScript. The decoder writes pure ASCII (non-ASCII characters
/// as `\uXXXX`), which becomes a one-byte V8 string by a plain copy (`napi_create_string_latin1`):
/// no UTF-8 decoding, and `JSON.parse` reads one-byte strings faster. Text that is not ASCII (an error
/// message quoting the answer) goes through UTF-8 as usual.
pub struct JsText(String);

impl napi::bindgen_prelude::ToNapiValue for JsText {
    unsafe fn to_napi_value(env: napi::sys::napi_env, val: Self) -> napi::Result<napi::sys::napi_value> {
        let text = val.0;
        let len = isize::try_from(text.len())
            .map_err(|_| napi::Error::from_reason("answer too large for a JavaScript string"))?;
        let mut out = std::ptr::null_mut();
        // SAFETY: `text` outlives the call, `len` is its length in bytes, and Latin-1 is read only for
        // ASCII text, where the two encodings agree byte for byte.
        let status = unsafe {
            if text.is_ascii() {
                napi::sys::napi_create_string_latin1(env, text.as_ptr().cast(), len, &mut out)
            } else {
                napi::sys::napi_create_string_utf8(env, text.as_ptr().cast(), len, &mut out)
            }
        };
        if status != napi::sys::Status::napi_ok {
            return Err(napi::Error::from_reason(format!(
                "could not hand the answer over to JavaScript (napi status {status})"
            )));
        }
        Ok(out)
    }
}

/// The per-call options the JavaScript side passes with a call (one object, read field by field).
#[napi(object)]
#[derive(Default)]
pub struct CallOpts {
    /// VPC `regionCode` when the caller gives none.
    pub region_code: Option<String>,
    /// Classic `regionNo` when the caller gives none.
    pub region_no: Option<String>,
    /// The cancel switch of this call (`cancelHandle()`).
    pub cancel_id: Option<u32>,
    /// Hand the attempts' records back with the result.
    pub trace: Option<bool>,
}

/// `run`, raced against the call's cancel switch: flipping it drops the whole call future (the in-flight
/// request and its connection, the retry loop and its back-off sleep).
async fn run_cancellable(
    transport: Arc<Transport>,
    cancels: Arc<Cancels>,
    method: u32,
    params: String,
    opts: CallOpts,
) -> (Result<String, Error>, Vec<AttemptRecord>) {
    let defaults = CallDefaults {
        region_code: opts.region_code,
        region_no: opts.region_no,
    };
    let Some(id) = opts.cancel_id else {
        return run(transport, method, params, defaults).await;
    };
    let result = match cancels.subscribe(id) {
        // Checked first, so a switch flipped before the call started never sends anything.
        Some(rx) if *rx.borrow() => (Err(Error::aborted()), Vec::new()),
        Some(rx) => tokio::select! {
            biased;
            _ = aborted(rx) => (Err(Error::aborted()), Vec::new()),
            r = run(transport, method, params, defaults) => r,
        },
        None => (
            Err(Error::validation(format!("unknown cancel handle {id}"))),
            Vec::new(),
        ),
    };
    cancels.release(id);
    result
}

/// One call, owning everything it uses (see [`NativeClient::call`]); a panic becomes `ERR_INTERNAL`.
/// Also returns the record of each attempt (for `NODE_DEBUG=ncloud`).
async fn run(
    transport: Arc<Transport>,
    method: u32,
    params: String,
    defaults: CallDefaults,
) -> (Result<String, Error>, Vec<AttemptRecord>) {
    let mut trace = Vec::new();
    let traced = &mut trace;
    let work = async move {
        let method = service::methods()
            .get(method as usize)
            .ok_or_else(|| Error::validation(format!("unknown method #{method}")))?;
        let params: Value = serde_json::from_str(&params)
            .map_err(|e| Error::validation(format!("parameters are not valid JSON: {e}")))?;
        service::call_traced(&transport, method, &params, &defaults, traced).await
    };
    let result = match AssertUnwindSafe(work).catch_unwind().await {
        Ok(r) => r,
        Err(p) => Err(Error::new(
            ErrorCode::Internal,
            format!("internal error (panic): {}", panic_message(p)),
        )),
    };
    (result, trace)
}

/// The methods `client.compute` offers, for the JavaScript facade: `[{ name, env, action, compat, mutating, summary, params }]`.
#[napi]
pub fn methods() -> String {
    let list: Vec<Value> = service::methods()
        .iter()
        .enumerate()
        .map(|(index, m)| {
            json!({
                "index": index,
                "name": m.name,
                "env": match m.action.env { crate::catalog::Env::Classic => "classic", crate::catalog::Env::Vpc => "vpc" },
                "action": m.action.name,
                "api": m.action.api.name,
                "compat": m.shape != service::Shape::Response,
                "mutating": m.action.mutating,
                "summary": m.action.summary,
                "params": m.action.params.iter().map(|p| p.name).collect::<Vec<_>>(),
            })
        })
        .collect();
    Value::Array(list).to_string()
}

/// The old clients' methods (`model/surfaces.toml`, through `compat::table`), for `lib/v0.js` and
/// `lib/v1.js`.
#[napi]
pub fn surfaces() -> String {
    crate::compat::export::to_json().to_string()
}

/// The declared waiters and paginators (src/catalog/waiters.rs), for the JavaScript facade.
#[napi]
pub fn waiters() -> String {
    crate::catalog::waiters::to_json().to_string()
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct EmulatorConfig {
    #[serde(default = "default_host")]
    host: String,
    #[serde(default)]
    port: u16,
    #[serde(default)]
    access_key: Option<String>,
    #[serde(default)]
    secret_key: Option<String>,
    #[serde(default)]
    fixture: Option<Value>,
    /// Shortcuts merged into `fixture.settings`.
    #[serde(default)]
    create_delay_ms: Option<u64>,
    #[serde(default)]
    delete_delay_ms: Option<u64>,
    #[serde(default)]
    failure_rate: Option<f64>,
    /// Head/idle timeout of the emulator's connections, ms.
    #[serde(default)]
    header_timeout_ms: Option<u64>,
    /// Shift of the emulator's clock, ms (a gateway whose clock is off).
    #[serde(default)]
    clock_offset_ms: i64,
}

fn default_host() -> String {
    "127.0.0.1".into()
}

/// A running emulator.
#[napi]
pub struct NativeEmulator {
    handle: Arc<EmulatorHandle>,
}

#[napi]
impl NativeEmulator {
    #[napi(getter)]
    pub fn endpoint(&self) -> String {
        self.handle.endpoint.clone()
    }
    #[napi(getter)]
    pub fn access_key(&self) -> String {
        self.handle.access_key.clone()
    }
    #[napi(getter)]
    pub fn secret_key(&self) -> String {
        self.handle.secret_key.clone()
    }
    #[napi]
    pub fn close(&self) {
        self.handle.close();
    }
    /// Replaces the state with a fixture (JSON), over the default one.
    #[napi]
    pub fn load(&self, fixture: Option<String>) -> napi::Result<()> {
        let v = match fixture {
            Some(text) => Some(
                serde_json::from_str::<Value>(&text)
                    .map_err(|e| js_error(Error::validation(format!("fixture is not valid JSON: {e}"))))?,
            ),
            None => None,
        };
        self.handle.load(v.as_ref()).map_err(js_error)
    }
    #[napi]
    pub fn request_count(&self) -> f64 {
        self.handle.request_count() as f64
    }
    #[napi]
    pub fn request_log(&self) -> String {
        serde_json::to_string(&self.handle.request_log()).unwrap_or_else(|_| "[]".into())
    }
    /// The request log so far, emptied in the same step.
    #[napi]
    pub fn drain_log(&self) -> String {
        serde_json::to_string(&self.handle.drain_log()).unwrap_or_else(|_| "[]".into())
    }
    /// JSON of `{ requests, abandoned, chaosErrors, chaosResets }`.
    #[napi]
    pub fn stats(&self) -> String {
        self.handle.stats().to_string()
    }
    #[napi]
    pub fn clear_log(&self) {
        self.handle.clear_log();
    }
    #[napi]
    pub fn inject_fault(&self, fault: String) -> napi::Result<()> {
        let f = serde_json::from_str(&fault).map_err(|e| js_error(Error::validation(format!("invalid fault: {e}"))))?;
        self.handle.inject_fault(f).map_err(js_error)
    }
    #[napi]
    pub fn set_settings(&self, patch: String) -> napi::Result<()> {
        let v: Value =
            serde_json::from_str(&patch).map_err(|e| js_error(Error::validation(format!("invalid settings: {e}"))))?;
        self.handle.set_settings(&v).map_err(js_error)
    }
}

/// Starts an emulator; `options` is JSON of `{ host, port, accessKey, secretKey, fixture,
/// createDelayMs, deleteDelayMs, failureRate }`. It runs until `close()` or the end of the thread that
/// started it (see `crate::lifetime`), whether or not JavaScript keeps its object.
#[napi(ts_return_type = "Promise<NativeEmulator>")]
pub fn start_emulator<'env>(env: &'env Env, options: String) -> napi::Result<PromiseRaw<'env, NativeEmulator>> {
    let owner = crate::lifetime::enter(env);
    env.spawn_future(async move {
        let emulator = start_emulator_owned(options).await?;
        let kept: Arc<dyn crate::lifetime::Closable> = emulator.handle.clone();
        crate::lifetime::keep_strong(owner, kept);
        Ok(emulator)
    })
}

async fn start_emulator_owned(options: String) -> napi::Result<NativeEmulator> {
    let cfg: EmulatorConfig = serde_json::from_str(&options)
        .map_err(|e| js_error(Error::validation(format!("invalid emulator options: {e}"))))?;
    let mut settings = serde_json::Map::new();
    if let Some(v) = cfg.create_delay_ms {
        settings.insert("createDelayMs".into(), json!(v));
    }
    if let Some(v) = cfg.delete_delay_ms {
        settings.insert("deleteDelayMs".into(), json!(v));
    }
    if let Some(v) = cfg.failure_rate {
        settings.insert("failureRate".into(), json!(v));
    }
    let opts = EmulatorOptions {
        host: cfg.host,
        port: cfg.port,
        access_key: cfg.access_key.unwrap_or_else(|| emulator::DEFAULT_ACCESS_KEY.into()),
        secret_key: cfg.secret_key.unwrap_or_else(|| emulator::DEFAULT_SECRET_KEY.into()),
        fixture: cfg.fixture,
        settings: Value::Object(settings),
        header_timeout: cfg
            .header_timeout_ms
            .map_or(emulator::DEFAULT_HEADER_TIMEOUT, |ms| Duration::from_millis(ms.max(1))),
        clock_offset_ms: cfg.clock_offset_ms,
    };
    let handle = emulator::start(opts).await.map_err(js_error)?;
    Ok(NativeEmulator {
        handle: Arc::new(handle),
    })
}

#[cfg(test)]
mod cancel_tests {
    use super::*;

    async fn run_call(client: &NativeClient, method: &str, cancel_id: Option<u32>) -> Result<Value, Error> {
        let (transport, cancels) = (client.transport.clone(), client.cancels.clone());
        let index = service::methods()
            .iter()
            .position(|m| m.name == method)
            .expect("a method of that name") as u32;
        let opts = CallOpts {
            cancel_id,
            ..CallOpts::default()
        };
        let text = run_cancellable(transport, cancels, index, "{}".into(), opts).await.0?;
        Ok(serde_json::from_str(&text).expect("the result is JSON"))
    }

    async fn until(what: &str, check: impl Fn() -> bool) {
        for _ in 0..1000 {
            if check() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        panic!("never happened: {what}");
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn abort_drops_the_request_and_a_flipped_switch_sends_nothing() {
        let emu = emulator::start(EmulatorOptions {
            host: "127.0.0.1".into(),
            port: 0,
            access_key: "ak".into(),
            secret_key: "sk".into(),
            fixture: None,
            settings: json!({}),
            header_timeout: Duration::from_secs(10),
            clock_offset_ms: 0,
        })
        .await
        .expect("emulator starts");
        let emu = Arc::new(emu);
        let config = json!({ "endpoint": emu.endpoint, "accessKey": "ak", "secretKey": "sk" }).to_string();
        let client = Arc::new(NativeClient::build(config).expect("client"));
        let fault =
            serde_json::from_value(json!({ "action": "getRegionList", "status": 200, "body": "{}", "delayMs": 30000 }))
                .expect("fault");
        emu.inject_fault(fault).expect("fault accepted");

        let id = client.cancel_handle();
        let call = {
            let client = client.clone();
            tokio::spawn(async move { run_call(&client, "getRegionList", Some(id)).await })
        };
        until("the request reached the emulator", || emu.request_count() == 1).await;
        client.abort(id);
        let err = call.await.expect("joined").expect_err("aborted");
        assert_eq!(err.code, ErrorCode::Aborted);
        until("the emulator saw the connection close", || {
            emu.stats()["abandoned"] == 1
        })
        .await;
        assert_eq!(client.pending_cancels(), 0);

        // A switch flipped before the call: nothing is sent.
        let id = client.cancel_handle();
        client.abort(id);
        let err = run_call(&client, "getRegionList", Some(id)).await.expect_err("aborted");
        assert_eq!(err.code, ErrorCode::Aborted);
        assert_eq!(emu.request_count(), 1);
        assert_eq!(client.pending_cancels(), 0);
        // Aborting an ended call is a no-op; calls without a switch are unaffected.
        client.abort(id);
        let ok = run_call(&client, "getZoneList", None).await.expect("zones");
        assert!(ok.get("zoneList").is_some(), "{ok}");
        emu.close();
    }
}
