//! What the JavaScript side builds every surface from, read once when the package loads: the method
//! table (each method's index, the paths where it appears on the client, its action and parameters)
//! and the waiter and paginator declarations with their paths and the index of the method they call.
//! No list of actions or surfaces is written in JavaScript.

use crate::catalog::{self, Action, Env};
use crate::service::{self, Shape};
use napi_derive::napi;
use serde_json::{json, Value};

/// The index of `action`'s own method (its answer as is) in the method table.
fn method_index(action: &'static Action) -> Option<usize> {
    service::methods()
        .iter()
        .position(|m| std::ptr::eq(m.action, action) && m.shape == Shape::Response)
}

/// The method table, in index order (a call crosses with its method's index): `[{ index, name, paths,
/// api, env, action, compat, mutating, summary, params }]`, as JSON.
#[napi]
pub fn methods() -> String {
    let list: Vec<Value> = service::methods()
        .iter()
        .enumerate()
        .map(|(index, m)| {
            json!({
                "index": index,
                "name": m.name,
                "paths": m.paths,
                "api": m.action.api.name,
                "env": match m.action.env { Env::Classic => "classic", Env::Vpc => "vpc" },
                "action": m.action.name,
                "compat": m.shape != Shape::Response,
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

/// The declared waiters and paginators (src/catalog/waiters.rs), each with the `index` of the method it
/// calls, as JSON.
#[napi]
pub fn declarations() -> String {
    let mut out = catalog::waiters::to_json();
    let mut add_index = |key: &str, actions: &mut dyn Iterator<Item = &'static Action>| {
        if let Some(Value::Array(items)) = out.get_mut(key) {
            for (item, action) in items.iter_mut().zip(actions) {
                item["index"] = json!(method_index(action));
            }
        }
    };
    add_index("waiters", &mut catalog::WAITERS.iter().map(|w| w.action));
    add_index("paginators", &mut catalog::waiters::paginated());
    out.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_waiter_and_paginator_names_the_method_it_calls() {
        let d: Value = serde_json::from_str(&declarations()).expect("JSON");
        let methods: Value = serde_json::from_str(&methods()).expect("JSON");
        for key in ["waiters", "paginators"] {
            let items = d[key].as_array().expect("a list");
            assert!(!items.is_empty(), "{key}");
            for item in items {
                let index = item["index"].as_u64().expect("an index") as usize;
                assert_eq!(methods[index]["name"], item["method"], "{item}");
                assert_eq!(methods[index]["compat"], false);
            }
        }
    }

    #[test]
    fn every_method_has_a_path_and_no_path_is_taken_twice() {
        let mut seen = std::collections::HashSet::new();
        for m in service::methods() {
            // An old 0.1.x method is put at its own path by lib/v0.js (model/surfaces.toml).
            let own = m.v0.map(|v0| v0.path);
            assert!(!m.paths.is_empty() || own.is_some(), "{}", m.name);
            for p in m.paths.iter().copied().chain(own) {
                assert!(seen.insert(p), "{p} is the path of two methods");
            }
        }
    }
}
