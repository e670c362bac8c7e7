//! The emulator's console: a page under `/__console` on the emulator's own address that shows its
//! state (each kind's records, from the model's `[kinds.*]`: `$OUT_DIR/console.rs`), its request log,
//! and the controls of [`Control`] (settings, chaos, a one-shot fault, reset, save and load). The page
//! (`page.html`, `console.css`, `console.js`) is static, built into the binary, and polls the JSON
//! answers below; nothing is fetched from elsewhere.
//!
//! Its requests are not API calls: they are not signed, counted or logged. It answers only requests
//! addressed to a loopback host (`localhost`, `127.0.0.1`, `[::1]`: a page of another site that
//! resolves its own name to 127.0.0.1 gets a 403), and changes state only on a `POST` of
//! `application/json` from its own origin (a form of another page cannot send one).
//! Until the page is first opened, the request path does no work for it ([`Console::record`]).

use super::control::Control;
use super::state::LogEntry;
use bytes::Bytes;
use http_body_util::Full;
use hyper::{Response, StatusCode};
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// Where the console is served.
pub const PATH: &str = "/__console";

/// The entries of the log the console keeps once opened.
const LOG_KEPT: usize = 2000;

/// What the console shows of a kind (generated from the model: `build/emit_console.rs`).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct View {
    /// The model's name of its records (`ServerInstance`).
    pub kind: &'static str,
    pub label: &'static str,
    /// The API whose model file declares it (`vserver`), and its title; empty for the kinds shared by
    /// a platform's APIs (`common.toml`).
    pub api: &'static str,
    pub title: &'static str,
    /// `(platform, store)`: where a fixture (and so a snapshot) lists its records.
    pub stores: &'static [(&'static str, &'static str)],
    /// A look-up (regions, products …): listed, never acted on.
    pub lookup: bool,
    /// Its fields: number, name, status, operation, status name (empty: none).
    pub id: &'static str,
    pub name: &'static str,
    pub status: &'static str,
    pub operation: &'static str,
    pub status_name: &'static str,
    /// `(field, kind)`: the records it belongs to.
    pub parents: &'static [(&'static str, &'static str)],
}

include!(concat!(env!("OUT_DIR"), "/console.rs"));

/// Whether a path is the console's.
pub fn owns(path: &str) -> bool {
    path == PATH || path.strip_prefix(PATH).is_some_and(|rest| rest.starts_with('/'))
}

/// What the console checks of a request's headers.
pub struct Headers {
    pub host: Option<String>,
    pub origin: Option<String>,
    pub content_type: Option<String>,
}

pub struct Console {
    control: Arc<Control>,
    /// Set when the page first asks for the log: from then on each request is kept for it.
    watched: AtomicBool,
    log: Mutex<Log>,
    /// The state saved with "Save point" (`POST api/save`), for "Back to the saved point".
    saved: Mutex<Option<Value>>,
}

#[derive(Default)]
struct Log {
    /// Number of the first entry kept.
    first: u64,
    entries: VecDeque<LogEntry>,
}

impl Log {
    fn push(&mut self, e: LogEntry) {
        if self.entries.len() == LOG_KEPT {
            self.entries.pop_front();
            self.first += 1;
        }
        self.entries.push_back(e);
    }
}

/// A loopback host of a `Host` header (port aside).
fn loopback(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => host.rsplit_once(':').map_or(host, |(h, _)| h),
    };
    name.eq_ignore_ascii_case("localhost") || name.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

fn answer(status: u16, content_type: &'static str, body: impl Into<Bytes>) -> Response<Full<Bytes>> {
    let mut res = Response::new(Full::new(body.into()));
    *res.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let h = res.headers_mut();
    let pairs: [(&str, &str); 5] = [
        ("content-type", content_type),
        ("cache-control", "no-store"),
        ("x-content-type-options", "nosniff"),
        ("referrer-policy", "no-referrer"),
        (
            "content-security-policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; \
             connect-src 'self'; frame-ancestors 'none'; form-action 'none'; base-uri 'none'",
        ),
    ];
    for (name, value) in pairs {
        if let Ok(v) = hyper::header::HeaderValue::from_str(value) {
            h.insert(name, v);
        }
    }
    res
}

fn json_answer(status: u16, v: &Value) -> Response<Full<Bytes>> {
    answer(status, "application/json; charset=utf-8", v.to_string())
}

fn failed(status: u16, message: &str) -> Response<Full<Bytes>> {
    json_answer(status, &json!({ "error": message }))
}

impl Console {
    pub fn new(control: Arc<Control>) -> Console {
        Console {
            control,
            watched: AtomicBool::new(false),
            log: Mutex::new(Log::default()),
            saved: Mutex::new(None),
        }
    }

    /// Whether the page has asked for the log: from then on, each request is [`record`](Self::record)ed.
    pub fn watched(&self) -> bool {
        self.watched.load(Ordering::Relaxed)
    }

    /// Keeps a request for the page's log (called without the state's lock held).
    pub fn record(&self, entry: LogEntry) {
        self.log.lock().unwrap_or_else(|p| p.into_inner()).push(entry);
    }

    /// Answers a request under [`PATH`].
    pub fn serve(
        &self,
        method: &str,
        path: &str,
        query: &str,
        headers: &Headers,
        body: &[u8],
    ) -> Response<Full<Bytes>> {
        let Some(host) = headers.host.as_deref().filter(|h| loopback(h)) else {
            return failed(
                403,
                "the console answers on a loopback address only (localhost, 127.0.0.1, [::1])",
            );
        };
        let rest = path.strip_prefix(PATH).unwrap_or_default();
        match (method, rest) {
            ("GET", "" | "/") => answer(200, "text/html; charset=utf-8", include_str!("page.html")),
            ("GET", "/console.css") => answer(200, "text/css; charset=utf-8", include_str!("console.css")),
            ("GET", "/console.js") => answer(200, "text/javascript; charset=utf-8", include_str!("console.js")),
            ("GET", "/api/model") => json_answer(200, &json!({ "views": VIEWS })),
            ("GET", "/api/state") => json_answer(200, &self.state()),
            ("GET", "/api/log") => json_answer(200, &self.log_after(query)),
            ("GET", "/api/snapshot") => {
                let mut res = json_answer(200, &self.control.snapshot());
                if let Ok(v) =
                    hyper::header::HeaderValue::from_str("attachment; filename=\"ncloud-emulator-state.json\"")
                {
                    res.headers_mut().insert("content-disposition", v);
                }
                res
            }
            ("POST", action) => self.act(action, host, headers, body),
            (
                _,
                "" | "/" | "/console.css" | "/console.js" | "/api/model" | "/api/state" | "/api/log" | "/api/snapshot",
            ) => failed(405, "method not allowed"),
            _ => failed(404, "no such page of the console"),
        }
    }

    /// The state as the page shows it: the records (each pending transition with its start as a
    /// time), the settings, the counters and how long each timer lasts.
    fn state(&self) -> Value {
        let view = self.control.view();
        let settings = self.control.settings();
        let timers: serde_json::Map<String, Value> = ["create", "delete", "operation"]
            .into_iter()
            .filter_map(|t| {
                let s = serde_json::from_value(settings.clone()).ok()?;
                Some((t.to_string(), json!(super::state::snapshot::step_ms(t, &s)?)))
            })
            .collect();
        json!({
            "now": chrono::Utc::now().timestamp_millis(),
            "site": self.control.shared.site.name(),
            "state": view,
            "settings": settings,
            "timers": timers,
            "stats": self.control.stats(),
            "faults": self.control.shared.lock().faults.len(),
            "saved": self.saved.lock().unwrap_or_else(|p| p.into_inner()).is_some(),
        })
    }

    /// The log entries after number `after` (`?after=N`), each with its number. The first time, the
    /// log the emulator kept so far is taken over.
    fn log_after(&self, query: &str) -> Value {
        let after = form_urlencoded::parse(query.as_bytes())
            .find(|(k, _)| k == "after")
            .and_then(|(_, v)| v.parse::<u64>().ok())
            .unwrap_or(0);
        // The state's lock is never taken while the console's is held (the request path takes them
        // the other way round, one after the other).
        let earlier = (!self.watched()).then(|| self.control.request_log());
        let mut log = self.log.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(earlier) = earlier.filter(|_| !self.watched.swap(true, Ordering::Relaxed)) {
            for e in earlier {
                log.push(e);
            }
        }
        let next = log.first + log.entries.len() as u64;
        let skip = after.saturating_sub(log.first) as usize;
        let entries: Vec<Value> = log
            .entries
            .iter()
            .enumerate()
            .skip(skip)
            .map(|(i, e)| {
                let mut v = serde_json::to_value(e).unwrap_or(Value::Null);
                v["seq"] = json!(log.first + i as u64);
                v
            })
            .collect();
        json!({ "next": next, "entries": entries })
    }

    /// A change asked by the page: `settings`, `fault`, `load`, `reset`, `save`, `restore`.
    fn act(&self, action: &str, host: &str, headers: &Headers, body: &[u8]) -> Response<Full<Bytes>> {
        let own = |o: &str| o == format!("http://{host}");
        if headers.origin.as_deref().is_some_and(|o| !own(o)) {
            return failed(403, "the console takes changes from its own page only");
        }
        let json_sent = headers.content_type.as_deref().is_some_and(|t| {
            t.split(';')
                .next()
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"))
        });
        if !json_sent {
            return failed(415, "the console takes application/json");
        }
        let doc: Value = if body.is_empty() {
            Value::Null
        } else {
            match serde_json::from_slice(body) {
                Ok(v) => v,
                Err(e) => return failed(400, &format!("invalid JSON: {e}")),
            }
        };
        let done = match action {
            "/api/settings" => self.control.set_settings(&doc),
            "/api/fault" => serde_json::from_value(doc)
                .map_err(|e| crate::error::Error::validation(format!("invalid fault: {e}")))
                .and_then(|f| self.control.inject_fault(f)),
            "/api/load" => self.control.load(Some(&doc)),
            "/api/reset" => self.control.load(None),
            "/api/save" => {
                *self.saved.lock().unwrap_or_else(|p| p.into_inner()) = Some(self.control.snapshot());
                Ok(())
            }
            "/api/restore" => match self.saved.lock().unwrap_or_else(|p| p.into_inner()).clone() {
                Some(saved) => self.control.load(Some(&saved)),
                None => Err(crate::error::Error::validation("no saved point yet")),
            },
            _ => return failed(404, "no such action of the console"),
        };
        match done {
            Ok(()) => json_answer(200, &json!({ "ok": true })),
            Err(e) => failed(400, &e.message),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_hosts_are_answered() {
        for h in ["127.0.0.1:8080", "localhost:1", "LOCALHOST", "[::1]:9", "127.1.2.3"] {
            assert!(loopback(h), "{h}");
        }
        for h in ["example.com", "10.0.0.1:80", "[fe80::1]:80", "localhost.evil.com"] {
            assert!(!loopback(h), "{h}");
        }
    }

    #[test]
    fn every_kind_of_the_model_is_viewed_once() {
        let mut names: Vec<_> = VIEWS.iter().map(|v| v.kind).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), VIEWS.len());
        assert!(VIEWS
            .iter()
            .any(|v| v.kind == "ServerInstance" && v.stores == [("vpc", "servers")]));
        assert!(owns("/__console") && owns("/__console/api/state") && !owns("/__consoles"));
    }
}
