//! Conformance vectors as data (`fixtures/protocol/<api>.json`), run against the encoder and the
//! decoder separately, as smithy's protocol tests do. The vectors were written from the spec, the seeds
//! and NAVER's SDKs (`scripts/vectors/`: the Python SDKs' captured requests, the Go SDK v2's models,
//! the old Go SDK's XML answers), never from this package's output; a failure means this code and
//! those sources disagree. Every action of the model has at least one encode and one decode vector:
//! a test fails otherwise. The emulator's vectors run in `__test__/protocol-emulator.test.js` (a real
//! HTTP exchange, signed by the test itself).

use ncloud::catalog::{action_of, Action, ACTIONS, APIS};
use ncloud::encoding::encode_pairs;
use ncloud::service::{method, prepare, CallDefaults, Method};
use ncloud::wire::decode_response;
use serde_json::Value;

fn doc(name: &str) -> Value {
    let path = format!("{}/fixtures/protocol/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// (api, vector) for every vector of `kind` (`encode`, `decode`) of every API's file.
fn vectors(kind: &str) -> Vec<(&'static str, Value)> {
    let mut out = Vec::new();
    for api in APIS {
        let d = doc(&format!("{}.json", api.name));
        for v in d[kind].as_array().cloned().unwrap_or_default() {
            out.push((api.name, v));
        }
    }
    out
}

fn id(v: &Value) -> &str {
    v["id"].as_str().unwrap_or("?")
}

/// The action a vector names in its API's file; a failure for one the model does not have.
fn vector_action(api: &str, v: &Value) -> Result<&'static Action, String> {
    let name = v["action"].as_str().unwrap_or_default();
    action_of(api, name).ok_or_else(|| format!("{}: '{api}.{name}' is not an action of the model", id(v)))
}

/// The client method an encode vector calls: the action itself, or an old client's method.
fn vector_method(api: &str, v: &Value) -> Result<&'static Method, String> {
    let name = match v["method"].as_str() {
        Some(m) => m.trim_start_matches("compute.").to_string(),
        None => vector_action(api, v)?.method_name(),
    };
    method(&name).ok_or_else(|| format!("{}: no method '{name}'", id(v)))
}

fn sorted_pairs(form: &str) -> Vec<String> {
    let mut v: Vec<String> = form.split('&').filter(|s| !s.is_empty()).map(str::to_string).collect();
    v.sort();
    v
}

#[test]
fn encode_vectors() {
    let mut failures = Vec::new();
    for (api, v) in vectors("encode") {
        let m = match vector_method(api, &v) {
            Ok(m) => m,
            Err(e) => {
                failures.push(e);
                continue;
            }
        };
        let defaults = CallDefaults {
            region_code: v["defaults"]["regionCode"].as_str().map(str::to_string),
            region_no: v["defaults"]["regionNo"].as_str().map(str::to_string),
            ..CallDefaults::default()
        };
        match prepare(m, &v["params"], &defaults) {
            Ok(pairs) => {
                let got = sorted_pairs(&encode_pairs(&pairs));
                let want = sorted_pairs(v["form"].as_str().unwrap_or_default());
                if got != want {
                    failures.push(format!("{}:\n  got  {got:?}\n  want {want:?}", id(&v)));
                }
            }
            Err(e) => failures.push(format!("{}: refused: {}", id(&v), e.message)),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn decode_vectors() {
    let mut failures = Vec::new();
    for (api, v) in vectors("decode") {
        let a = match vector_action(api, &v) {
            Ok(a) => a,
            Err(e) => {
                failures.push(e);
                continue;
            }
        };
        let status = v["status"].as_u64().unwrap_or(200) as u16;
        let body = v["body"].as_str().unwrap_or_default();
        match (
            decode_response(a, status, body.as_bytes()),
            v.get("result"),
            v.get("error"),
        ) {
            (Ok(got), Some(want), _) => {
                if &got != want {
                    failures.push(format!("{}:\n  got  {got}\n  want {want}", id(&v)));
                }
            }
            (Err(e), _, Some(want)) => {
                let got: Value = serde_json::from_str(&e.to_json()).unwrap_or_default();
                for (k, w) in want.as_object().into_iter().flatten() {
                    // A message starts with the old client's form the vector gives; what to check
                    // may follow it (an authentication failure's hint: keys, clock, permissions).
                    let prefix = k == "message"
                        && matches!((got[k].as_str(), w.as_str()), (Some(g), Some(w)) if g.starts_with(w));
                    if &got[k] != w && !prefix {
                        failures.push(format!("{}: error field '{k}': got {}, want {w}", id(&v), got[k]));
                    }
                }
            }
            (Ok(got), None, _) => failures.push(format!("{}: decoded {got}, an error was expected", id(&v))),
            (Err(e), None, _) | (Err(e), Some(_), None) => failures.push(format!("{}: error {}", id(&v), e.message)),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every action of the model has at least one encode and one decode vector of its own.
#[test]
fn every_action_has_vectors() {
    let (encode, decode) = (vectors("encode"), vectors("decode"));
    let has = |list: &[(&str, Value)], a: &Action| {
        list.iter()
            .any(|(api, v)| *api == a.api.name && v["action"].as_str() == Some(a.name))
    };
    let missing: Vec<String> = ACTIONS
        .iter()
        .flat_map(|a| {
            let mut m = Vec::new();
            if !has(&encode, a) {
                m.push(format!("{}.{}: no encode vector", a.api.name, a.name));
            }
            if !has(&decode, a) {
                m.push(format!("{}.{}: no decode vector", a.api.name, a.name));
            }
            m
        })
        .collect();
    assert!(missing.is_empty(), "{} missing:\n{}", missing.len(), missing.join("\n"));
}

/// Never stricter than the API: every request the emulator vectors say NCP accepts, the client's own
/// validation accepts too (the request parsed by the emulator's reader, checked by the client's rules).
#[test]
fn the_client_accepts_what_the_api_accepts() {
    let vectors = doc("emulator.json")["vectors"].as_array().cloned().unwrap_or_default();
    let mut checked = 0;
    let mut failures = Vec::new();
    for v in vectors.iter().filter(|v| v["status"] == 200) {
        let id = id(v);
        let path = v["path"].as_str().unwrap_or_default();
        // The API whose prefix the path starts with (every API of the model).
        let (api, name) = APIS
            .iter()
            .find_map(|api| {
                let rest = path.strip_prefix(api.prefix)?.strip_prefix('/')?;
                Some((api.name, rest))
            })
            .unwrap_or_else(|| panic!("{id}: path {path} is under no API's prefix"));
        let a = action_of(api, name).unwrap_or_else(|| panic!("{id}: unknown action {api}.{name}"));
        let pairs: Vec<(String, String)> = form_urlencoded::parse(v["query"].as_str().unwrap_or_default().as_bytes())
            .into_owned()
            .collect();
        // Unknown keys are left to the API, as NCP ignores them: only the declared ones are checked.
        let params = ncloud::encoding::unflatten(a, &pairs).0;
        let declared = params.into_iter().filter(|(k, _)| a.param(k).is_some()).collect();
        if let Err(e) = ncloud::validate::validate(a, &declared, &[]) {
            failures.push(format!("{id}: the client refuses what the API takes: {}", e.message));
        }
        checked += 1;
    }
    assert!(checked >= 5);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
