//! One call of an old 0.1.x method whose result is not the seed's image form: the old client's checks
//! first (before anything is sent), then the look-ups it made (`defaults = ["param <- action"]`: the
//! port-forwarding configuration number), its choice of what to call (`flow`), the call itself and its
//! result shape (`shapes.rs`).

use super::CallDefaults;
use crate::catalog::{Action, Env};
use crate::compat::shapes::shape;
use crate::compat::table::{V0Method, V0Shape};
use crate::compat::v0::{caller_names, check, common, name_pairs, old_error, request};
use crate::encoding::flatten;
use crate::error::{Error, Result};
use crate::transport::{Observe, Transport};
use crate::validate::validate;
use crate::wire;
use serde_json::{Map, Value};

/// Adds the client's `regionNo` (`client.compute.regionNo`) when the action takes it and the call
/// gives none.
pub(crate) fn with_region(
    action: &Action,
    mut input: Map<String, Value>,
    defaults: &CallDefaults,
) -> Map<String, Value> {
    if action.env == Env::Classic && action.param("regionNo").is_some() && !input.contains_key("regionNo") {
        if let Some(no) = &defaults.region_no {
            input.insert("regionNo".into(), Value::String(no.clone()));
        }
    }
    input
}

/// Validates `input` against the action's rules (a key it does not take is refused: the old client's
/// checks let through only keys that become its parameters, and the methods taking no parameters
/// accept the action's own; messages name the caller's keys by `names`), sends it and gives the
/// response object.
pub(crate) async fn send(
    transport: &Transport,
    action: &'static Action,
    input: Map<String, Value>,
    names: &[(&str, &str)],
    defaults: &CallDefaults,
    observer: &mut impl Observe,
) -> Result<Value> {
    let input = with_region(action, input, defaults);
    let normalized = validate(action, &input, names).map_err(|e| e.with_action(action.name))?;
    let text = transport
        .call(
            action,
            flatten(&normalized),
            wire::Shape::Response,
            &defaults.limits,
            observer,
        )
        .await?;
    serde_json::from_str(&text).map_err(|e| Error::internal(format!("the decoded answer is not JSON: {e}")))
}

/// `attachPublicIpInstance` without `publicIpInstanceNo` (docs A.8.5): the first free public IP, or a
/// new one when `autoCreateIp` (default true) allows, else the old client's error. `Ok(Some(result))`
/// when the method's result is already made (a new IP), `Ok(None)` when `input` now names the IP to
/// associate.
async fn attach_public_ip(
    transport: &Transport,
    m: &V0Method,
    input: &mut Value,
    defaults: &CallDefaults,
    observer: &mut impl Observe,
) -> Result<Option<Value>> {
    if input.get("publicIpInstanceNo").is_some_and(|v| !v.is_null()) {
        return Ok(None);
    }
    let (Some(list), Some(create)) = (m.also.first(), m.also.get(1)) else {
        return Err(Error::internal(format!(
            "{}: its flow needs a list and a create action",
            m.path
        )));
    };
    let ips = send(transport, list, Map::new(), &[], defaults, observer).await?;
    let free = list
        .list
        .and_then(|l| ips[l.name].as_array())
        .into_iter()
        .flatten()
        .find(|ip| ip["publicIpInstanceStatusName"] == "created")
        .and_then(|ip| ip.get("publicIpInstanceNo").cloned());
    if let (Some(no), Value::Object(o)) = (free, &mut *input) {
        o.insert("publicIpInstanceNo".into(), no);
        return Ok(None);
    }
    let auto = match input.get("autoCreateIp") {
        None | Some(Value::Null) => true,
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => n.as_f64().is_some_and(|x| x != 0.0),
        Some(Value::String(s)) => !s.is_empty(),
        Some(_) => true,
    };
    if !auto {
        return Err(old_error(common("no_public_ip", &[])));
    }
    let mut new = Map::new();
    if let Some(server) = input.get("serverInstanceNo") {
        new.insert("serverInstanceNo".into(), server.clone());
    }
    let made = send(transport, create, new, &[], defaults, observer).await?;
    shape(m, create, made, input).map(Some)
}

/// One whole call of `m` (a method with an action), the result as JSON text.
pub async fn call(
    transport: &Transport,
    m: &'static V0Method,
    action: &'static Action,
    params: &Value,
    defaults: &CallDefaults,
    observer: &mut impl Observe,
) -> Result<String> {
    let named = |e: Error| e.with_action(action.name);
    let params = &*crate::compat::v0::list_form(m, params);
    check(m, params).map_err(named)?;
    let mut input = params.clone();
    if input.is_null() {
        input = Value::Object(Map::new());
    }
    let mut resolved = Vec::new();
    for (param, lookup) in m.lookups {
        if input.get(*param).is_none_or(Value::is_null) {
            let answer = send(transport, lookup, Map::new(), &[], defaults, observer).await?;
            resolved.push((*param, answer.get(*param).cloned().unwrap_or(Value::Null)));
        }
    }
    if m.flow == Some("attach_public_ip") {
        if let Some(done) = attach_public_ip(transport, m, &mut input, defaults, observer).await? {
            return Ok(done.to_string());
        }
    }
    let mut req = request(m, action, &input).map_err(named)?;
    for (param, value) in resolved {
        req.insert(param.to_string(), value);
    }
    let names = caller_names(m, &input);
    let answer = send(transport, action, req, &name_pairs(&names), defaults, observer).await?;
    let result = shape(m, action, answer, &input).map_err(named)?;
    Ok(result.to_string())
}

/// Whether `m`'s result is made here (every shape but the seed's image forms).
pub fn shaped_here(m: &V0Method) -> bool {
    !matches!(
        m.shape,
        V0Shape::PrivateImages | V0Shape::PrivateImagesVm | V0Shape::PrivateImage | V0Shape::Retired
    )
}
