//! The old clients' tables as JSON for the JavaScript side (`native.surfaces()`, read by `lib/v0.js`
//! and `lib/v1.js`): what JavaScript needs to build the surfaces and their helpers, nothing it does not.

use super::table::{
    Args, Transform, V0Method, V0Shape, V1Method, V1Shape, V1Type, MESSAGES, SERVER_STATUS, V0_METHODS, V1_SURFACES,
};
use crate::catalog::Action;
use serde_json::{json, Map, Value};

fn action(a: &Action) -> Value {
    json!({ "api": a.api.name, "name": a.name })
}

fn transform(t: Transform) -> &'static str {
    match t {
        Transform::Base64 => "base64",
        Transform::StripFraction => "strip_fraction",
        Transform::AppendNewline => "append_newline",
    }
}

/// `list_filter` ... as `model/surfaces.toml` spells it.
fn shape(s: V0Shape) -> &'static str {
    match s {
        V0Shape::List => "list",
        V0Shape::ListFilter => "list_filter",
        V0Shape::Flavors => "flavors",
        V0Shape::Servers => "servers",
        V0Shape::Server => "server",
        V0Shape::ServerFound => "server_found",
        V0Shape::First => "first",
        V0Shape::PrivateImages => "private_images",
        V0Shape::PrivateImagesVm => "private_images_vm",
        V0Shape::PrivateImage => "private_image",
        V0Shape::PublicIps => "public_ips",
        V0Shape::PublicIp => "public_ip",
        V0Shape::LoginKeyCreated => "login_key_created",
        V0Shape::RootPassword => "root_password",
        V0Shape::PortForwarding => "port_forwarding",
        V0Shape::PortForwardingRule => "port_forwarding_rule",
        V0Shape::PortForwardingDeleted => "port_forwarding_deleted",
        V0Shape::Statistics => "statistics",
        V0Shape::Geolocation => "geolocation",
        V0Shape::Retired => "retired",
    }
}

fn v0(m: &V0Method) -> Value {
    let args = match m.args {
        Args::None => "none",
        Args::Params => "params",
        Args::ParamsOpt => "params?",
        Args::ParamsOrList => "params|list",
        Args::Emitter => "params->emitter",
    };
    let params: Vec<Value> = m
        .params
        .iter()
        .map(|p| json!({ "name": p.name, "required": p.required, "local": p.local, "default": p.default }))
        .collect();
    json!({
        "path": m.path,
        "name": m.name(),
        "action": m.action.map(action),
        "args": args,
        "since": m.since,
        "in0139": m.in_0_1_39,
        "params": params,
        "shape": shape(m.shape),
        "flow": m.flow,
        "lookups": m.lookups.iter().map(|(p, a)| json!({ "param": p, "action": action(a) })).collect::<Vec<_>>(),
        "retired": m.retired,
        "replacement": m.replacement,
    })
}

fn v1_type(t: V1Type) -> &'static str {
    match t {
        V1Type::Str => "string",
        V1Type::Num => "number",
        V1Type::Bool => "boolean",
        V1Type::StrList => "string[]",
        V1Type::ObjList => "any[]",
        V1Type::Unchecked => "unchecked",
    }
}

fn v1(m: &V1Method) -> Value {
    let params: Vec<Value> = m
        .params
        .iter()
        .map(|p| json!({ "name": p.name, "type": v1_type(p.ty), "values": p.values }))
        .collect();
    json!({
        "name": m.name,
        "action": m.action.map(action),
        "params": params,
        "body": m.shape == V1Shape::Body,
        "wraps": m.wraps,
        "transforms": m.transforms.iter().map(|(k, t)| json!([k, transform(*t)])).collect::<Vec<_>>(),
        "resultKst": m.result_kst,
        "unreachable": m.unreachable,
        "takes": m.action.map(|a| a.params.iter().map(|p| p.name).collect::<Vec<_>>()).unwrap_or_default(),
        "encodes": m.action.map(|a| a.params.iter().filter(|p| p.base64).map(|p| p.name).collect::<Vec<_>>()).unwrap_or_default(),
    })
}

/// `{ v0: [...], v1: [...], messages: { set: { key: text } }, serverStatus: { key: name } }`.
pub fn to_json() -> Value {
    let mut messages = Map::new();
    for (set, key, text) in MESSAGES {
        let entry = messages.entry(*set).or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(o) = entry {
            o.insert((*key).to_string(), Value::String((*text).to_string()));
        }
    }
    let status: Map<String, Value> = SERVER_STATUS
        .iter()
        .map(|(k, v)| ((*k).to_string(), Value::String((*v).to_string())))
        .collect();
    json!({
        "v0": V0_METHODS.iter().map(v0).collect::<Vec<_>>(),
        "v1": V1_SURFACES.iter().map(|s| json!({
            "path": s.path,
            "api": s.api,
            "returnsUndefined": s.returns_undefined,
            "methods": s.methods.iter().map(v1).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "messages": messages,
        "serverStatus": status,
    })
}
