//! Conformance vectors as data (fixtures/protocol/*.json), run against the encoder and the decoder
//! separately, as smithy's protocol tests do. The vectors were written from the spec, the seeds and the
//! official SDKs' models; a failure means this code and those sources disagree. The emulator's vectors
//! run in `__test__/protocol-emulator.test.js` (a real HTTP exchange, signed by the test itself).

use ncloud::catalog::{action, Env};
use ncloud::encoding::encode_pairs;
use ncloud::service::{method, prepare, CallDefaults};
use ncloud::wire::decode_response;
use serde_json::Value;

fn load(name: &str) -> Vec<Value> {
    let path = format!("{}/fixtures/protocol/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let doc: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    doc["vectors"].as_array().cloned().unwrap_or_default()
}

fn sorted_pairs(form: &str) -> Vec<String> {
    let mut v: Vec<String> = form.split('&').filter(|s| !s.is_empty()).map(str::to_string).collect();
    v.sort();
    v
}

#[test]
fn encode_vectors() {
    let vectors = load("encode.json");
    assert!(vectors.len() >= 10, "the encode vectors are there");
    let mut failures = Vec::new();
    for v in &vectors {
        let id = v["id"].as_str().unwrap_or("?");
        let m = method(v["method"].as_str().unwrap_or_default()).unwrap_or_else(|| panic!("{id}: unknown method"));
        let defaults = CallDefaults {
            region_code: v["defaults"]["regionCode"].as_str().map(str::to_string),
            region_no: v["defaults"]["regionNo"].as_str().map(str::to_string),
        };
        match prepare(m, &v["params"], &defaults) {
            Ok(pairs) => {
                let got = sorted_pairs(&encode_pairs(&pairs));
                let want = sorted_pairs(v["form"].as_str().unwrap_or_default());
                if got != want {
                    failures.push(format!("{id}:\n  got  {got:?}\n  want {want:?}"));
                }
            }
            Err(e) => failures.push(format!("{id}: refused: {}", e.message)),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn decode_vectors() {
    let vectors = load("decode.json");
    assert!(vectors.len() >= 10, "the decode vectors are there");
    let mut failures = Vec::new();
    for v in &vectors {
        let id = v["id"].as_str().unwrap_or("?");
        let env = if v["env"] == "classic" { Env::Classic } else { Env::Vpc };
        let a = action(env, v["action"].as_str().unwrap_or_default()).unwrap_or_else(|| panic!("{id}: unknown action"));
        let status = v["status"].as_u64().unwrap_or(200) as u16;
        let body = v["body"].as_str().unwrap_or_default();
        match (
            decode_response(a, status, body.as_bytes()),
            v.get("result"),
            v.get("error"),
        ) {
            (Ok(got), Some(want), _) => {
                if &got != want {
                    failures.push(format!("{id}:\n  got  {got}\n  want {want}"));
                }
            }
            (Err(e), _, Some(want)) => {
                let got: Value = serde_json::from_str(&e.to_json()).unwrap_or_default();
                for (k, w) in want.as_object().into_iter().flatten() {
                    if &got[k] != w {
                        failures.push(format!("{id}: error field '{k}': got {}, want {w}", got[k]));
                    }
                }
            }
            (Ok(got), None, _) => failures.push(format!("{id}: decoded {got}, an error was expected")),
            (Err(e), None, _) | (Err(e), Some(_), None) => failures.push(format!("{id}: error {}", e.message)),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Never stricter than the API: every request the emulator vectors say NCP accepts, the client's own
/// validation accepts too (the request parsed by the emulator's reader, checked by the client's rules).
#[test]
fn the_client_accepts_what_the_api_accepts() {
    let vectors = load("emulator.json");
    let mut checked = 0;
    let mut failures = Vec::new();
    for v in vectors.iter().filter(|v| v["status"] == 200) {
        let id = v["id"].as_str().unwrap_or("?");
        let path = v["path"].as_str().unwrap_or_default();
        let (env, name) = match (path.strip_prefix("/vserver/v2/"), path.strip_prefix("/server/v2/")) {
            (Some(n), _) => (Env::Vpc, n),
            (_, Some(n)) => (Env::Classic, n),
            _ => panic!("{id}: path {path}"),
        };
        let a = action(env, name).unwrap_or_else(|| panic!("{id}: unknown action"));
        let pairs: Vec<(String, String)> = form_urlencoded::parse(v["query"].as_str().unwrap_or_default().as_bytes())
            .into_owned()
            .collect();
        let params = ncloud::emulator::rules::parse(&pairs).unwrap_or_else(|e| panic!("{id}: {e:?}"));
        // Unknown keys are left to the API, as NCP ignores them: only the declared ones are checked.
        let declared = params.into_iter().filter(|(k, _)| a.param(k).is_some()).collect();
        if let Err(e) = ncloud::validate::validate(a, &declared, &[]) {
            failures.push(format!("{id}: the client refuses what the API takes: {}", e.message));
        }
        checked += 1;
    }
    assert!(checked >= 5);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
