//! `NativeEmulator` and `startEmulator`: the embedded emulator as JavaScript sees it. Its options and
//! fixtures cross as JSON text (a fixture is any JSON); its failures are thrown, or reject the promise,
//! as the error's fields in one object (see `bindings`).

use super::handover::{self, Outcome};
use super::thrown;
use crate::emulator::{self, EmulatorHandle, EmulatorOptions};
use crate::error::Error;
use napi::bindgen_prelude::{PromiseRaw, ToNapiValue};
use napi::Env;
use napi_derive::napi;
use serde::Deserialize;
use serde_json::{json, Value};
use std::sync::Arc;
use std::time::Duration;

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
    /// More key pairs accepted besides `accessKey`/`secretKey`.
    #[serde(default)]
    keys: Vec<KeyPair>,
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
    /// The NCP site it plays (`'public'`, `'gov'`, `'fin'`).
    #[serde(default)]
    site: Option<String>,
    /// Serve the console under `/__console` (default true).
    #[serde(default = "yes")]
    console: bool,
}

fn yes() -> bool {
    true
}

/// A key pair the emulator's gateway accepts.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct KeyPair {
    access_key: String,
    secret_key: String,
}

fn pairs(keys: Vec<KeyPair>) -> Vec<(String, String)> {
    keys.into_iter().map(|k| (k.access_key, k.secret_key)).collect()
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
    /// The NCP site it plays.
    #[napi(getter)]
    pub fn site(&self) -> String {
        self.handle.site.name().into()
    }
    /// `<endpoint>/__console`, or null when it was started with `console: false`.
    #[napi(getter)]
    pub fn console_url(&self) -> Option<String> {
        self.handle.console_url.clone()
    }
    #[napi]
    pub fn close(&self) {
        self.handle.close();
    }
    /// Replaces the state with a fixture (JSON), over the default one.
    #[napi]
    pub fn load(&self, env: &Env, fixture: Option<String>) -> napi::Result<()> {
        let v = match fixture {
            Some(text) => Some(
                serde_json::from_str::<Value>(&text)
                    .map_err(|e| thrown(env, Error::validation(format!("fixture is not valid JSON: {e}"))))?,
            ),
            None => None,
        };
        self.handle.load(v.as_ref()).map_err(|e| thrown(env, e))
    }
    /// The state as a fixture that `load` restores exactly (JSON text).
    #[napi]
    pub fn snapshot(&self) -> String {
        self.handle.snapshot().to_string()
    }
    /// The key pairs accepted besides the emulator's own: JSON of `[{ accessKey, secretKey }]` (those
    /// no longer listed are refused from now on).
    #[napi]
    pub fn set_keys(&self, env: &Env, keys: String) -> napi::Result<()> {
        let keys: Vec<KeyPair> = serde_json::from_str(&keys)
            .map_err(|e| thrown(env, Error::validation(format!("invalid key pairs: {e}"))))?;
        self.handle.set_keys(pairs(keys));
        Ok(())
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
    pub fn inject_fault(&self, env: &Env, fault: String) -> napi::Result<()> {
        let f =
            serde_json::from_str(&fault).map_err(|e| thrown(env, Error::validation(format!("invalid fault: {e}"))))?;
        self.handle.inject_fault(f).map_err(|e| thrown(env, e))
    }
    #[napi]
    pub fn set_settings(&self, env: &Env, patch: String) -> napi::Result<()> {
        let v: Value = serde_json::from_str(&patch)
            .map_err(|e| thrown(env, Error::validation(format!("invalid settings: {e}"))))?;
        self.handle.set_settings(&v).map_err(|e| thrown(env, e))
    }
}

/// Starts an emulator; `options` is JSON of `{ host, port, accessKey, secretKey, fixture,
/// createDelayMs, deleteDelayMs, failureRate, console }`. It runs until `close()` or the end of the thread that
/// started it (see `crate::lifetime`), whether or not JavaScript keeps its object.
#[napi(ts_return_type = "Promise<NativeEmulator>")]
pub fn start_emulator<'env>(env: &'env Env, options: String) -> napi::Result<PromiseRaw<'env, NativeEmulator>> {
    let owner = crate::lifetime::enter(env);
    let (settle, promise) = handover::promise(env, &handover::mailbox(env)?)?;
    let task = async move {
        settle.settle(match start_emulator_owned(options).await {
            Ok(emulator) => {
                let kept: Arc<dyn crate::lifetime::Closable> = emulator.handle.clone();
                crate::lifetime::keep_strong(owner, kept);
                // SAFETY: called by the hand-over on the JavaScript thread, with its environment.
                Outcome::Value(Box::new(move |env| unsafe {
                    NativeEmulator::to_napi_value(env, emulator)
                }))
            }
            Err(e) => Outcome::Failed(e, None),
        })
    };
    // Without a runtime (the process is ending) the task is dropped, which rejects the promise.
    let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| napi::bindgen_prelude::spawn(task)));
    Ok(PromiseRaw::new(env.raw(), promise))
}

async fn start_emulator_owned(options: String) -> crate::error::Result<NativeEmulator> {
    let cfg: EmulatorConfig =
        serde_json::from_str(&options).map_err(|e| Error::validation(format!("invalid emulator options: {e}")))?;
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
    let site = match cfg.site.as_deref() {
        None => crate::site::Site::Public,
        Some(name) => crate::site::Site::parse(name).ok_or_else(|| {
            Error::validation(format!(
                "startEmulator: site must be 'public', 'gov' or 'fin', got '{}'",
                crate::error::clip(name, 40)
            ))
        })?,
    };
    let opts = EmulatorOptions {
        host: cfg.host,
        port: cfg.port,
        access_key: cfg.access_key.unwrap_or_else(|| emulator::DEFAULT_ACCESS_KEY.into()),
        secret_key: cfg.secret_key.unwrap_or_else(|| emulator::DEFAULT_SECRET_KEY.into()),
        keys: pairs(cfg.keys),
        site,
        fixture: cfg.fixture,
        settings: Value::Object(settings),
        header_timeout: cfg
            .header_timeout_ms
            .map_or(emulator::DEFAULT_HEADER_TIMEOUT, |ms| Duration::from_millis(ms.max(1))),
        clock_offset_ms: cfg.clock_offset_ms,
        console: cfg.console,
    };
    let handle = emulator::start(opts).await?;
    Ok(NativeEmulator {
        handle: Arc::new(handle),
    })
}
