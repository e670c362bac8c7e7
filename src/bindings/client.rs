//! `NativeClient`: one connection pool and one set of credentials, its options and defaults, and the
//! one crossing of a call (`call`); `Cancel`, the switch of a call that can be aborted.

use super::handover::{self, Mailbox, Outcome};
use super::{panic_message, thrown};
use crate::error::{Error, ErrorCode};
use crate::service::{self, CallDefaults};
use crate::site::Site;
use crate::transport::origin;
use crate::transport::proxy::ProxyOption;
use crate::transport::{defaults, Limits, Secret, Trace, Transport, TransportConfig};
use crate::wire::Format;
use futures::FutureExt;
use napi::bindgen_prelude::{ClassInstance, PromiseRaw};
use napi::Env;
use napi_derive::napi;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;

/// The options of a client as `createClient` checked them; those not given take the defaults of
/// `transport::defaults` (see [`client_defaults`]).
#[napi(object)]
pub struct ClientOptions {
    /// The endpoint given (option, NCLOUD_API_GW, the profile's `ncloud_api_url`) or the emulator's;
    /// absent: each API's host on the site.
    pub endpoint: Option<String>,
    /// `'public'`, `'gov'` or `'fin'` (default: the endpoint's site, else public).
    pub site: Option<String>,
    /// The endpoint is an emulator: the site's hosts are sent to it (`origin::Routing::Emulator`).
    pub emulator: Option<bool>,
    /// A proxy URL over the environment's.
    pub proxy: Option<String>,
    /// No proxy, whatever the environment says (`proxy: false`).
    pub proxy_off: Option<bool>,
    pub access_key: String,
    pub secret_key: String,
    /// `'json'` or `'xml'`.
    pub response_format: Option<String>,
    /// Milliseconds, as every duration here.
    pub timeout: Option<i64>,
    pub attempt_timeout: Option<i64>,
    pub connect_timeout: Option<i64>,
    pub max_retries: Option<u32>,
    pub retry_base_delay: Option<i64>,
    pub max_response_bytes: Option<i64>,
    pub max_buffered_bytes: Option<i64>,
    pub max_sockets: Option<u32>,
    pub max_free_sockets: Option<u32>,
    pub keep_alive_timeout: Option<i64>,
    pub sign_parameters: Option<bool>,
    /// PEM text, one entry per item of the `ca` option.
    pub ca: Option<Vec<String>>,
    pub user_agent: Option<String>,
}

/// The defaults of the options `createClient` passes on to the core.
#[napi(object)]
pub struct ClientDefaults {
    pub response_format: String,
    pub timeout: i64,
    pub connect_timeout: i64,
    pub max_retries: u32,
    pub retry_base_delay: i64,
    pub max_response_bytes: i64,
    /// `maxBufferedBytes` is this many times `maxResponseBytes` unless given.
    pub buffered_answers: u32,
    pub max_sockets: u32,
    pub max_free_sockets: u32,
    pub keep_alive_timeout: i64,
    pub sign_parameters: bool,
}

/// The client's defaults, stated once in `transport::defaults`, for `lib/config.js`.
#[napi]
pub fn client_defaults() -> ClientDefaults {
    let ms = |d: Duration| d.as_millis() as i64;
    ClientDefaults {
        response_format: defaults::RESPONSE_FORMAT.as_str().to_string(),
        timeout: ms(defaults::TIMEOUT),
        connect_timeout: ms(defaults::CONNECT_TIMEOUT),
        max_retries: defaults::MAX_RETRIES,
        retry_base_delay: ms(defaults::RETRY_BASE_DELAY),
        max_response_bytes: defaults::MAX_RESPONSE_BYTES as i64,
        buffered_answers: defaults::BUFFERED_ANSWERS as u32,
        max_sockets: defaults::MAX_SOCKETS as u32,
        max_free_sockets: defaults::MAX_FREE_SOCKETS as u32,
        keep_alive_timeout: ms(defaults::KEEP_ALIVE_TIMEOUT),
        sign_parameters: false,
    }
}

/// One of NCP's sites, for `lib/config.js` (the `site` option, its default region).
#[napi(object)]
pub struct SiteInfo {
    pub name: String,
    pub title: String,
    /// The host of its API reference (`api-gov.ncloud-docs.com`).
    pub docs_host: String,
    pub default_region: String,
    /// Every host its APIs are served on.
    pub hosts: Vec<String>,
}

/// NCP's sites (`src/site.rs`, with each API's hosts from the model).
#[napi]
pub fn sites() -> Vec<SiteInfo> {
    crate::site::SITES
        .into_iter()
        .map(|s| SiteInfo {
            name: s.name().into(),
            title: s.title().into(),
            docs_host: s.docs_host().into(),
            default_region: s.default_region().into(),
            hosts: origin::hosts(s).into_iter().map(String::from).collect(),
        })
        .collect()
}

/// The transport configuration of `options`, every option not given at its default.
pub fn transport_config(o: ClientOptions) -> crate::error::Result<TransportConfig> {
    let ms = |v: i64| Duration::from_millis(v.max(1) as u64);
    let asked = match o.site.as_deref() {
        Some(name) => Some(Site::parse(name).ok_or_else(|| {
            Error::validation(format!(
                "site must be 'public', 'gov' or 'fin', got '{}'",
                crate::error::clip(name, 40)
            ))
        })?),
        None => None,
    };
    let (site, routing) = origin::route(asked, o.endpoint.as_deref(), o.emulator.unwrap_or(false))?;
    let mut cfg = TransportConfig::new(
        origin::shown(o.endpoint.as_deref(), site),
        o.access_key,
        Secret::new(o.secret_key),
    );
    cfg.site = site;
    cfg.routing = routing;
    if let Some(f) = o.response_format {
        cfg.format = Format::parse(&f)
            .ok_or_else(|| Error::validation(format!("responseFormat must be 'json' or 'xml', got '{f}'")))?;
    }
    cfg.timeout = o.timeout.map_or(cfg.timeout, ms);
    cfg.attempt_timeout = o.attempt_timeout.map(ms);
    cfg.connect_timeout = o.connect_timeout.map_or(cfg.connect_timeout, ms);
    cfg.max_retries = o.max_retries.unwrap_or(cfg.max_retries);
    cfg.retry_base_delay = o
        .retry_base_delay
        .map_or(cfg.retry_base_delay, |v| Duration::from_millis(v.max(0) as u64));
    cfg.max_response_bytes = o.max_response_bytes.map_or(cfg.max_response_bytes, |v| v.max(1) as u64);
    cfg.user_agent_suffix = o.user_agent;
    let net = &mut cfg.net;
    net.max_sockets = o.max_sockets.map_or(net.max_sockets, |v| v.max(1) as usize);
    // Idle connections kept: as many as may be in use, unless given (see `defaults::MAX_FREE_SOCKETS`).
    net.max_free_sockets = o.max_free_sockets.map_or(net.max_sockets, |v| v as usize);
    net.keep_alive_timeout = o.keep_alive_timeout.map_or(net.keep_alive_timeout, ms);
    net.max_buffered_bytes = o
        .max_buffered_bytes
        .map_or(defaults::BUFFERED_ANSWERS.saturating_mul(cfg.max_response_bytes), |v| {
            v.max(1) as u64
        });
    net.sign_parameters = o.sign_parameters.unwrap_or(false);
    net.ca = o.ca.unwrap_or_default();
    net.proxy = match (o.proxy, o.proxy_off.unwrap_or(false)) {
        (_, true) => Some(ProxyOption::Off),
        (Some(url), false) => Some(ProxyOption::Url(url)),
        (None, false) => None,
    };
    Ok(cfg)
}

/// One client: one HTTP connection pool, one set of credentials.
#[napi]
pub struct NativeClient {
    transport: Arc<Transport>,
    /// Where its calls' outcomes wait for the JavaScript thread that made it.
    mailbox: Option<Arc<Mailbox>>,
}

#[napi]
impl NativeClient {
    #[napi(constructor)]
    pub fn new(env: &Env, options: ClientOptions) -> napi::Result<Self> {
        let mut client = Self::build(options).map_err(|e| thrown(env, e))?;
        client.mailbox = Some(handover::mailbox(env)?);
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

    /// Later calls sign with this pair (a credentials provider's new keys, the 1.x `setConfig`); calls
    /// in flight keep the pair they began with. Neither key is ever quoted in an error.
    #[napi]
    pub fn set_credentials(&self, env: &Env, access_key: String, secret_key: String) -> napi::Result<()> {
        self.transport
            .set_keys(&access_key, &secret_key)
            .map_err(|e| thrown(env, e))
    }

    /// Where the client sends, as messages name it: the endpoint given, or the site's gateway.
    #[napi(getter)]
    pub fn endpoint(&self) -> String {
        self.transport.config().endpoint.clone()
    }

    /// The site the client talks to (`'public'`, `'gov'`, `'fin'`).
    #[napi(getter)]
    pub fn site(&self) -> String {
        self.transport.config().site.name().into()
    }

    /// `[requests in flight, bytes their answers hold]`, for the tests.
    #[napi]
    pub fn in_flight(&self) -> Vec<f64> {
        let (requests, bytes) = self.transport.in_flight();
        vec![requests as f64, bytes as f64]
    }

    /// Runs one method, given by its index in the method table (`methods()`), with the parameters as
    /// JSON text. Resolves to the answer as JSON text (with `trace`: `{ text, trace }`, the attempts'
    /// records), or to the result already parsed when a long list came in parts (`bindings::parts`);
    /// rejects with the error's fields in one object (see `bindings`). With `cancel`,
    /// `cancel.abort()` ends the call at once with `ABORT_ERR`, dropping its request.
    ///
    /// The work runs on the tokio runtime off the JavaScript thread and owns what it uses (clones of
    /// the transport), so it outlives this object safely: Node frees the object when a worker thread's
    /// environment is torn down with calls in flight.
    #[napi(
        ts_return_type = "Promise<string | Record<string, unknown> | { text: string; trace: Array<Record<string, unknown>> }>"
    )]
    pub fn call<'env>(
        &self,
        env: &'env Env,
        method: u32,
        params: String,
        options: CallOptions<'_>,
    ) -> napi::Result<PromiseRaw<'env, String>> {
        let (settle, promise) = match &self.mailbox {
            Some(mailbox) => handover::promise(env, mailbox)?,
            None => handover::promise(env, &handover::mailbox(env)?)?,
        };
        let call = Call {
            transport: self.transport.clone(),
            method,
            params,
            defaults: CallDefaults {
                region_code: options.region_code,
                region_no: options.region_no,
                verbatim: options
                    .verbatim
                    .unwrap_or_default()
                    .into_iter()
                    .filter_map(|pair| <[String; 2]>::try_from(pair).ok().map(|[k, v]| (k, v)))
                    .collect(),
                limits: options.limits.as_ref().map_or_else(Limits::default, CallLimits::limits),
            },
            cancel: options.cancel.map(|c| c.tx.subscribe()),
            trace: options.trace.unwrap_or(false),
        };
        super::dispatch::start(call, settle);
        Ok(PromiseRaw::new(env.raw(), promise))
    }
}

impl NativeClient {
    /// The client of `options`, owned by no environment.
    fn build(options: ClientOptions) -> crate::error::Result<Self> {
        let transport = Transport::new(transport_config(options)?)?;
        Ok(NativeClient {
            transport: Arc::new(transport),
            mailbox: None,
        })
    }
}

/// The options of one call, read in one crossing.
#[napi(object, object_to_js = false)]
pub struct CallOptions<'a> {
    /// VPC `regionCode` when the caller gives none.
    pub region_code: Option<String>,
    /// Classic `regionNo` when the caller gives none.
    pub region_no: Option<String>,
    /// The call's cancel switch (`new Cancel()`), for a call that can be aborted.
    pub cancel: Option<ClassInstance<'a, Cancel>>,
    /// Hand the attempts' records back with the outcome (`NODE_DEBUG=ncloud`, a `logger`, hooks).
    pub trace: Option<bool>,
    /// The call's own limits over the client's, when it gives any (one object, so that a call without
    /// them costs one property read).
    pub limits: Option<CallLimits>,
    /// `[name, value]` pairs sent as given after the action's own (a 1.x call's undeclared keys).
    pub verbatim: Option<Vec<Vec<String>>>,
}

/// A call's own limits (`lib/call.js` checked them: whole numbers, durations at least 1 ms).
#[napi(object, object_to_js = false)]
pub struct CallLimits {
    /// Deadline of the whole call, ms (`timeout`).
    pub timeout: Option<u32>,
    /// Limit of one attempt, ms (`attemptTimeout`).
    pub attempt_timeout: Option<u32>,
    /// Retries after the first attempt (`maxRetries`).
    pub max_retries: Option<u32>,
}

impl CallLimits {
    fn limits(&self) -> Limits {
        let ms = |v: u32| Duration::from_millis(u64::from(v.max(1)));
        Limits {
            timeout: self.timeout.map(ms),
            attempt_timeout: self.attempt_timeout.map(ms),
            max_retries: self.max_retries,
        }
    }
}

/// The cancel switch of one call: `abort()` drops the call's future (its request and connection, the
/// retry loop and its back-off sleep) and ends it with `ABORT_ERR`. Flipped before the call starts,
/// the call sends nothing. A switch no one flips costs nothing once the call has ended.
#[napi]
pub struct Cancel {
    tx: watch::Sender<bool>,
}

#[napi]
impl Cancel {
    #[napi(constructor)]
    #[allow(clippy::new_without_default)]
    pub fn new() -> Self {
        Cancel {
            tx: watch::channel(false).0,
        }
    }

    /// Aborts the call holding this switch (nothing once it has ended).
    #[napi]
    pub fn abort(&self) {
        self.tx.send_replace(true);
    }
}

/// One call, owning everything it uses.
pub struct Call {
    pub transport: Arc<Transport>,
    pub method: u32,
    pub params: String,
    pub defaults: CallDefaults,
    pub cancel: Option<watch::Receiver<bool>>,
    pub trace: bool,
}

impl Call {
    /// Runs the call, raced against its cancel switch; a panic becomes `ERR_INTERNAL`.
    pub async fn run(self) -> Outcome {
        let Call {
            transport,
            method,
            params,
            defaults,
            cancel,
            trace,
        } = self;
        let mut records = Trace::default();
        let result = {
            let work = async {
                let records = &mut records;
                let method = service::methods()
                    .get(method as usize)
                    .ok_or_else(|| Error::validation(format!("unknown method #{method}")))?;
                if trace {
                    service::call(&transport, method, &params, &defaults, records).await
                } else {
                    service::call(&transport, method, &params, &defaults, &mut ()).await
                }
            };
            // Pinned where it is: the wrappers below hold a reference, not a copy of the large future.
            let work = std::pin::pin!(work);
            let work = AssertUnwindSafe(work).catch_unwind();
            match cancel {
                None => work.await,
                // Checked first, so a switch flipped before the call started never sends anything.
                Some(rx) if *rx.borrow() => Ok(Err(Error::aborted())),
                Some(rx) => tokio::select! {
                    biased;
                    _ = aborted(rx) => Ok(Err(Error::aborted())),
                    r = work => r,
                },
            }
        };
        // An abort drops the attempt under way (only an abort ends a call with ABORT_ERR): its record
        // ends here.
        if matches!(&result, Ok(Err(e)) if e.code == ErrorCode::Aborted) {
            crate::transport::Observe::cut(&mut records, ErrorCode::Aborted);
        }
        let result = result.unwrap_or_else(|p| {
            Err(Error::new(
                ErrorCode::Internal,
                format!("internal error (panic): {}", panic_message(p)),
            ))
        });
        let records = trace.then_some(records.records);
        match result {
            Ok(text) => Outcome::Text(text, records),
            Err(e) => Outcome::Failed(e, records),
        }
    }
}

/// Resolves once the switch is flipped; never when it is dropped unflipped.
async fn aborted(mut rx: watch::Receiver<bool>) {
    if rx.wait_for(|v| *v).await.is_err() {
        std::future::pending::<()>().await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emulator::{self, EmulatorOptions};
    use serde_json::{json, Value};

    fn options(endpoint: &str) -> ClientOptions {
        ClientOptions {
            endpoint: Some(endpoint.into()),
            site: None,
            emulator: None,
            proxy: None,
            proxy_off: None,
            access_key: "ak".into(),
            secret_key: "sk".into(),
            response_format: None,
            timeout: None,
            attempt_timeout: None,
            connect_timeout: None,
            max_retries: None,
            retry_base_delay: None,
            max_response_bytes: None,
            max_buffered_bytes: None,
            max_sockets: None,
            max_free_sockets: None,
            keep_alive_timeout: None,
            sign_parameters: None,
            ca: None,
            user_agent: None,
        }
    }

    async fn run_call(client: &NativeClient, method: &str, cancel: Option<&Cancel>) -> Result<Value, Error> {
        let index = service::methods()
            .iter()
            .position(|m| m.name == method)
            .expect("a method of that name") as u32;
        let call = Call {
            transport: client.transport.clone(),
            method: index,
            params: "{}".into(),
            defaults: CallDefaults::default(),
            cancel: cancel.map(|c| c.tx.subscribe()),
            trace: false,
        };
        match call.run().await {
            Outcome::Text(text, _) => Ok(serde_json::from_str(&text).expect("the result is JSON")),
            Outcome::Failed(e, _) => Err(e),
            Outcome::Value(_) => panic!("a call ends with text or an error"),
        }
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

    #[test]
    fn options_not_given_take_the_defaults() {
        let cfg = transport_config(options("http://127.0.0.1:1")).expect("config");
        assert_eq!(cfg.timeout, defaults::TIMEOUT);
        assert_eq!(cfg.format, defaults::RESPONSE_FORMAT);
        assert_eq!(cfg.net.max_sockets, defaults::MAX_SOCKETS);
        assert_eq!(cfg.net.max_free_sockets, defaults::MAX_FREE_SOCKETS);
        let mut o = options("http://127.0.0.1:1");
        o.max_sockets = Some(200);
        let cfg = transport_config(o).expect("config");
        assert_eq!(cfg.net.max_free_sockets, 200, "as many idle as may be in use");
        assert_eq!(cfg.net.max_buffered_bytes, 4 * defaults::MAX_RESPONSE_BYTES);
        let mut o = options("http://127.0.0.1:1");
        o.max_response_bytes = Some(1000);
        o.response_format = Some("xml".into());
        let cfg = transport_config(o).expect("config");
        assert_eq!(cfg.net.max_buffered_bytes, 4000, "four answers of the given size");
        assert_eq!(cfg.format, Format::Xml);
        let mut o = options("http://127.0.0.1:1");
        o.response_format = Some("yaml".into());
        assert_eq!(transport_config(o).err().map(|e| e.code), Some(ErrorCode::Validation));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn abort_drops_the_request_and_a_flipped_switch_sends_nothing() {
        let emu = emulator::start(EmulatorOptions {
            host: "127.0.0.1".into(),
            port: 0,
            access_key: "ak".into(),
            secret_key: "sk".into(),
            keys: Vec::new(),
            site: crate::site::Site::Public,
            fixture: None,
            settings: json!({}),
            header_timeout: Duration::from_secs(10),
            clock_offset_ms: 0,
            console: false,
        })
        .await
        .expect("emulator starts");
        let emu = Arc::new(emu);
        let client = Arc::new(NativeClient::build(options(&emu.endpoint)).expect("client"));
        let fault =
            serde_json::from_value(json!({ "action": "getRegionList", "status": 200, "body": "{}", "delayMs": 30000 }))
                .expect("fault");
        emu.inject_fault(fault).expect("fault accepted");

        let cancel = Arc::new(Cancel::new());
        let call = {
            let (client, cancel) = (client.clone(), cancel.clone());
            tokio::spawn(async move { run_call(&client, "getRegionList", Some(&cancel)).await })
        };
        until("the request reached the emulator", || emu.request_count() == 1).await;
        cancel.abort();
        let err = call.await.expect("joined").expect_err("aborted");
        assert_eq!(err.code, ErrorCode::Aborted);
        until("the emulator saw the connection close", || {
            emu.stats()["abandoned"] == 1
        })
        .await;
        assert_eq!(client.in_flight()[0], 0.0, "the connection slot was given back");

        // A switch flipped before the call: nothing is sent.
        let cancel = Cancel::new();
        cancel.abort();
        let err = run_call(&client, "getRegionList", Some(&cancel))
            .await
            .expect_err("aborted");
        assert_eq!(err.code, ErrorCode::Aborted);
        assert_eq!(emu.request_count(), 1);
        // Aborting an ended call is a no-op; calls without a switch are unaffected.
        cancel.abort();
        let ok = run_call(&client, "getZoneList", None).await.expect("zones");
        assert!(ok.get("zoneList").is_some(), "{ok}");
        emu.close();
    }
}
