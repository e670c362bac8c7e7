//! The napi layer: one call per request, results handed over in one piece, every failure (including a
//! panic) turned into an error value instead of crossing into Node.

use crate::emulator::{self, EmulatorHandle, EmulatorOptions};
use crate::error::{Error, ErrorCode};
use crate::service::{self, CallDefaults};
use crate::transport::{Secret, Transport, TransportConfig};
use crate::wire::Format;
use futures::FutureExt;
use napi_derive::napi;
use serde::Deserialize;
use serde_json::{json, Value};
use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::time::Duration;

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
    #[serde(default = "default_connect_timeout")]
    connect_timeout: u64,
    #[serde(default = "default_retries")]
    max_retries: u32,
    #[serde(default = "default_retry_delay")]
    retry_base_delay: u64,
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
fn default_retries() -> u32 {
    2
}
fn default_retry_delay() -> u64 {
    200
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
}

#[napi]
impl NativeClient {
    /// `config`: JSON of `{ endpoint, accessKey, secretKey, responseFormat, timeout, connectTimeout,
    /// maxRetries, retryBaseDelay }` (milliseconds).
    #[napi(constructor)]
    pub fn new(config: String) -> napi::Result<Self> {
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
            connect_timeout: Duration::from_millis(cfg.connect_timeout.max(1)),
            max_retries: cfg.max_retries,
            retry_base_delay: Duration::from_millis(cfg.retry_base_delay),
        })
        .map_err(js_error)?;
        Ok(NativeClient {
            transport: Arc::new(transport),
        })
    }

    /// Runs one method, given by its index in `methods()`. Resolves to the result as JSON text, or to
    /// `!` followed by the error as JSON text; never rejects. `regionCode` / `regionNo` are the
    /// defaults the JavaScript side holds (sent when the caller gives none).
    #[napi]
    pub async fn call(
        &self,
        method: u32,
        params: String,
        region_code: Option<String>,
        region_no: Option<String>,
    ) -> String {
        match self.run(method, params, region_code, region_no).await {
            Ok(text) => text,
            Err(e) => format!("!{}", e.to_json()),
        }
    }

    /// The same call, with the result built as JS objects by napi (kept for `npm run bench`, which
    /// compares it with handing over JSON text): `{ ok }` or `{ error }`.
    #[napi]
    pub async fn call_value(
        &self,
        method: u32,
        params: String,
        region_code: Option<String>,
        region_no: Option<String>,
    ) -> Value {
        let result = self.run(method, params, region_code, region_no).await.and_then(|text| {
            serde_json::from_str::<Value>(&text).map_err(|e| Error::internal(format!("invalid result JSON: {e}")))
        });
        match result {
            Ok(v) => json!({ "ok": v }),
            Err(e) => json!({ "error": serde_json::to_value(&e).unwrap_or(Value::Null) }),
        }
    }
}

impl NativeClient {
    async fn run(
        &self,
        method: u32,
        params: String,
        region_code: Option<String>,
        region_no: Option<String>,
    ) -> Result<String, Error> {
        let transport = self.transport.clone();
        let work = async move {
            let method = service::methods()
                .get(method as usize)
                .ok_or_else(|| Error::validation(format!("unknown method #{method}")))?;
            let params: Value = serde_json::from_str(&params)
                .map_err(|e| Error::validation(format!("parameters are not valid JSON: {e}")))?;
            let defaults = CallDefaults { region_code, region_no };
            service::call(&transport, method, &params, &defaults).await
        };
        match AssertUnwindSafe(work).catch_unwind().await {
            Ok(r) => r,
            Err(p) => Err(Error::new(
                ErrorCode::Internal,
                format!("internal error (panic): {}", panic_message(p)),
            )),
        }
    }
}

/// The methods `client.compute` offers, for the JavaScript facade: `[{ name, env, action, shape, summary }]`.
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
                "compat": m.shape != service::Shape::Response,
                "mutating": m.action.mutating,
                "summary": m.action.summary,
            })
        })
        .collect();
    Value::Array(list).to_string()
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
    #[napi]
    pub fn clear_log(&self) {
        self.handle.clear_log();
    }
    #[napi]
    pub fn inject_fault(&self, fault: String) -> napi::Result<()> {
        let f = serde_json::from_str(&fault).map_err(|e| js_error(Error::validation(format!("invalid fault: {e}"))))?;
        self.handle.inject_fault(f);
        Ok(())
    }
    #[napi]
    pub fn set_settings(&self, patch: String) -> napi::Result<()> {
        let v: Value =
            serde_json::from_str(&patch).map_err(|e| js_error(Error::validation(format!("invalid settings: {e}"))))?;
        self.handle.set_settings(&v).map_err(js_error)
    }
}

/// Starts an emulator; `options` is JSON of `{ host, port, accessKey, secretKey, fixture,
/// createDelayMs, deleteDelayMs, failureRate }`.
#[napi]
pub async fn start_emulator(options: String) -> napi::Result<NativeEmulator> {
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
        access_key: cfg
            .access_key
            .unwrap_or_else(|| emulator::server::DEFAULT_ACCESS_KEY.into()),
        secret_key: cfg
            .secret_key
            .unwrap_or_else(|| emulator::server::DEFAULT_SECRET_KEY.into()),
        fixture: cfg.fixture,
        settings: Value::Object(settings),
    };
    let handle = emulator::start(opts).await.map_err(js_error)?;
    Ok(NativeEmulator {
        handle: Arc::new(handle),
    })
}
