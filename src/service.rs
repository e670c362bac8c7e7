//! The client's methods: every VPC action, every Classic action (under `classic.`), and the old
//! 0.1.x client's methods (`model/surfaces.toml`, through `compat::table`). One call = validate,
//! encode, send, decode, shape.

use crate::catalog::{self, Action, Env};
use crate::compat::table::{V0Method, V0Shape, V0_METHODS};
use crate::compat::{self, ImageNameKey};
use crate::encoding::flatten;
use crate::error::{Error, Result};
use crate::transport::{Limits, Observe, Transport};
use crate::validate::validate;
use crate::wire;

mod old_calls;
use serde_json::{Map, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// The response object without its wrapper.
    Response,
    /// Compat: the list of private images.
    PrivateImages(ImageNameKey),
    /// Compat: the first private image.
    PrivateImage(ImageNameKey),
    /// Compat: the list with numeric ids and the old client's key renames (`response_alias`).
    List(&'static [(&'static str, &'static str)]),
    /// Compat: an old 0.1.x result made by `compat::shapes` from the response object (`Method::v0`).
    V0,
}

#[derive(Debug)]
pub struct Method {
    /// Its name in the core (`getServerImageList`, `classic.getZoneList`, `findPrivateImages`).
    pub name: String,
    /// Where it appears on the client (`compute.getServerImageList`, `compute.vpc.getServerImageList`);
    /// none for an old 0.1.x method, which `lib/v0.js` puts at its own path (`model/surfaces.toml`).
    pub paths: &'static [&'static str],
    pub action: &'static Action,
    /// (caller's key, parameter)
    pub renames: &'static [(&'static str, &'static str)],
    /// Caller's keys whose single value stands for a one-item list.
    pub one_as_list: &'static [&'static str],
    pub shape: Shape,
    /// The old 0.1.x method it is (`model/surfaces.toml`), if it is one.
    pub v0: Option<&'static V0Method>,
}

/// The shape of an old 0.1.x method: the seed's image forms are written by the decoder as it reads
/// the answer; every other is made from the response object (`compat::shapes`).
fn v0_shape(m: &V0Method) -> Shape {
    match m.shape {
        V0Shape::PrivateImages => Shape::PrivateImages(ImageNameKey::Api),
        V0Shape::PrivateImagesVm => Shape::PrivateImages(ImageNameKey::Vm),
        V0Shape::PrivateImage => Shape::PrivateImage(ImageNameKey::Vm),
        _ => Shape::V0,
    }
}

/// Every method of the client: the actions (VPC ones by their name, Classic ones as
/// `classic.<name>`), then the old 0.1.x methods of `model/surfaces.toml` that call an action (the
/// retired storage API's have none: `lib/v0.js` answers them).
pub fn methods() -> &'static [Method] {
    static METHODS: std::sync::OnceLock<Vec<Method>> = std::sync::OnceLock::new();
    METHODS.get_or_init(|| {
        let mut out: Vec<Method> = catalog::ACTIONS
            .iter()
            .map(|action| Method {
                name: action.method_name(),
                paths: action.methods,
                action,
                renames: &[],
                one_as_list: &[],
                shape: Shape::Response,
                v0: None,
            })
            .collect();
        out.extend(V0_METHODS.iter().filter_map(|m| {
            Some(Method {
                name: m.name().to_string(),
                paths: &[],
                action: m.action?,
                renames: m.renames,
                one_as_list: m.one_as_list,
                shape: v0_shape(m),
                v0: Some(m),
            })
        }));
        out
    })
}

/// A method by its name; names are unique (a test checks it).
pub fn method(name: &str) -> Option<&'static Method> {
    methods().iter().find(|m| m.name == name)
}

/// Per-call defaults the JavaScript side holds.
#[derive(Debug, Default, Clone)]
pub struct CallDefaults {
    /// VPC `regionCode` when the caller gives none.
    pub region_code: Option<String>,
    /// Classic `regionNo` (the old client's `client.compute.regionNo`).
    pub region_no: Option<String>,
    /// Pairs sent as given after the action's own parameters: the keys of a 1.x call that the action
    /// does not declare, which 1.1.4 sent as it was given them (lib/v1.js flattens them as it did).
    pub verbatim: Vec<(String, String)>,
    /// The call's own `timeout`, `attemptTimeout` and `maxRetries` over the client's.
    pub limits: Limits,
}

/// `pairs` and then the call's `verbatim` pairs; one that would repeat a name already sent (or the
/// format the transport asks for) is refused rather than sent twice.
fn with_verbatim(
    action: &Action,
    mut pairs: Vec<(String, String)>,
    verbatim: &[(String, String)],
) -> Result<Vec<(String, String)>> {
    for (key, value) in verbatim {
        if key == "responseFormatType" || pairs.iter().any(|(k, _)| k == key) {
            return Err(Error::validation(format!(
                "'{key}' is not a parameter of {} and would repeat one that is sent: give it as that parameter",
                action.name
            )));
        }
        pairs.push((key.clone(), value.clone()));
    }
    Ok(pairs)
}

/// Validates and encodes a call without sending it (an old method's look-ups are not made: the
/// parameter they would give must be in `params`).
pub fn prepare(method: &Method, params: &Value, defaults: &CallDefaults) -> Result<Vec<(String, String)>> {
    prepare_owned(method, params.clone(), defaults)
}

/// [`prepare`], taking the parameters (no copy of them is made).
fn prepare_owned(method: &Method, params: Value, defaults: &CallDefaults) -> Result<Vec<(String, String)>> {
    if let Some(m) = method.v0.filter(|m| old_calls::shaped_here(m)) {
        compat::v0::check(m, &params)?;
        let req = compat::v0::request(m, method.action, &params)?;
        let req = old_calls::with_region(method.action, req, defaults);
        let names = compat::v0::caller_names(m, &params);
        return Ok(flatten(&validate(
            method.action,
            &req,
            &compat::v0::name_pairs(&names),
        )?));
    }
    let mut input: Map<String, Value> = match params {
        Value::Object(o) => o,
        Value::Null => Map::new(),
        _ => return Err(Error::validation("The parameters must be given as an object")),
    };
    for key in method.one_as_list {
        if let Some(v) = input.get_mut(*key) {
            if !v.is_array() && !v.is_null() {
                *v = Value::Array(vec![v.take()]);
            }
        }
    }
    let action = method.action;
    let default = match action.env {
        Env::Vpc => ("regionCode", &defaults.region_code),
        Env::Classic => ("regionNo", &defaults.region_no),
    };
    if let (Some(_), Some(value)) = (action.param(default.0), default.1) {
        if !input.contains_key(default.0) && !method.renames.iter().any(|(_, p)| *p == default.0) {
            input.insert(default.0.to_string(), Value::String(value.clone()));
        }
    }
    let normalized = validate(action, &input, method.renames)?;
    with_verbatim(action, flatten(&normalized), &defaults.verbatim)
}

/// Shapes a decoded response object for the method.
pub fn shape(method: &Method, response: Value) -> Value {
    let list = || {
        method
            .action
            .list
            .and_then(|l| response.get(l.name))
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    match method.shape {
        Shape::Response => response,
        Shape::PrivateImages(key) => Value::Array(list().iter().map(|i| compat::private_image(i, key)).collect()),
        Shape::PrivateImage(key) => list()
            .first()
            .map(|i| compat::private_image(i, key))
            .unwrap_or(Value::Null),
        Shape::List(aliases) => Value::Array(list().iter().map(|i| compat::list_item(i, aliases)).collect()),
        Shape::V0 => response,
    }
}

impl Shape {
    /// The same shape, written by the decoder as it reads the answer (no second pass; `shape` above
    /// is the reference it is tested against).
    pub fn wire(self) -> wire::Shape {
        match self {
            Shape::Response => wire::Shape::Response,
            Shape::PrivateImages(key) => wire::Shape::List(wire::View::Compat(key)),
            Shape::PrivateImage(key) => wire::Shape::First(wire::View::Compat(key)),
            Shape::List(aliases) => wire::Shape::List(wire::View::NumericIds(aliases)),
            Shape::V0 => wire::Shape::Response,
        }
    }
}

/// One whole call, as it crosses from JavaScript: the parameters as JSON text are validated, encoded,
/// sent (with retries) and the answer decoded into the method's shape, as JSON text. `observer` is
/// told of every attempt (see [`crate::transport::Observe`]).
pub async fn call(
    transport: &Transport,
    method: &Method,
    params: &str,
    defaults: &CallDefaults,
    observer: &mut impl Observe,
) -> Result<String> {
    let params = serde_json::from_str::<Value>(params).map_err(|e| {
        Error::validation(format!("parameters are not valid JSON: {e}")).with_action(method.action.name)
    })?;
    if let (Some(m), Shape::V0) = (method.v0, method.shape) {
        return old_calls::call(transport, m, method.action, &params, defaults, observer).await;
    }
    let pairs = prepare_owned(method, params, defaults).map_err(|e| e.with_action(method.action.name))?;
    transport
        .call(method.action, pairs, method.shape.wire(), &defaults.limits, observer)
        .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::{self, render_response, Format};
    use serde_json::json;

    #[test]
    fn method_names_are_unique_and_a_vpc_action_off_compute_is_vpc_named() {
        let mut names: Vec<&str> = methods().iter().map(|m| m.name.as_str()).collect();
        let n = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), n, "two methods of one name");
        let vpc = method("vpc.createPublicIpInstance").expect("the VPC action");
        assert_eq!(vpc.action.env, Env::Vpc);
        let old = method("createPublicIpInstance").expect("the 0.1.x method");
        assert!(old.v0.is_some() && old.action.env == Env::Classic);
    }

    #[test]
    fn verbatim_pairs_follow_the_actions_own_and_never_repeat_one() {
        let m = methods()
            .iter()
            .find(|m| m.v0.is_none() && m.action.env == Env::Classic && m.action.name == "getZoneList")
            .expect("Classic getZoneList");
        let defaults = CallDefaults {
            verbatim: vec![("futureKey".into(), "1".into()), ("tags.1".into(), "a".into())],
            ..CallDefaults::default()
        };
        let pairs = prepare(m, &serde_json::json!({ "regionNo": "1" }), &defaults).unwrap();
        let names: Vec<&str> = pairs.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(names, ["regionNo", "futureKey", "tags.1"]);
        for clash in ["regionNo", "responseFormatType"] {
            let defaults = CallDefaults {
                verbatim: vec![(clash.into(), "2".into())],
                ..CallDefaults::default()
            };
            let e = prepare(m, &serde_json::json!({ "regionNo": "1" }), &defaults).unwrap_err();
            assert!(
                e.message
                    .contains(&format!("'{clash}' is not a parameter of getZoneList")),
                "{}",
                e.message
            );
        }
    }

    fn member_image(no: &str) -> Value {
        json!({
            "memberServerImageNo": no, "memberServerImageName": "img \"q\" \\ 이미지", "memberServerImageDescription": "",
            "originalServerInstanceNo": "492964", "originalServerProductCode": "SPSVRSSD00000003",
            "originalServerName": "ext-test",
            "originalBaseBlockStorageDiskType": {"code": "NET", "codeName": "Network Storage"},
            "originalServerImageProductCode": "SPSW0LINUX000046", "originalOsInformation": "CentOS 7.3 (64-bit)",
            "originalServerImageName": "centos-7.3-64", "memberServerImageStatusName": "creating",
            "memberServerImageStatus": {"code": "INIT", "codeName": "NSI INIT state"},
            "region": {"regionNo": "1", "regionCode": "KR", "regionName": "Korea"},
            "zone": {"zoneNo": "2", "zoneName": "KR-1", "zoneCode": "KR-1", "zoneDescription": "z", "regionNo": "1"},
            "memberServerImageBlockStorageTotalRows": 0, "memberServerImageBlockStorageTotalSize": "9007199254740993",
            "shareStatus": {"code": "NULL", "codeName": "NSI Share NULL State"}, "sharedLoginIdList": ["a"]
        })
    }

    /// The decoder writes every compat shape itself; `shape` over the decoded response object is the
    /// reference it must match, in both formats, for empty, one-item and two-item lists.
    #[test]
    fn compat_shapes_written_by_the_decoder_match_the_reference() {
        let zones = vec![
            json!({"zoneNo": "2", "zoneName": "KR-1", "zoneCode": "KR-1", "zoneDescription": "a", "regionNo": "1"}),
            json!({"zoneNo": "99999999999999999", "zoneName": "KR-2", "zoneCode": "KR-2", "zoneDescription": "b", "regionNo": " 1 "}),
        ];
        let images = vec![member_image("3791"), member_image("x12")];
        // (`Shape::V0` is the response object on the wire, shaped afterwards by `compat::shapes`.)
        for m in methods()
            .iter()
            .filter(|m| !matches!(m.shape, Shape::Response | Shape::V0))
        {
            let Some(list) = m.action.list else { continue };
            let items: &[Value] = if list.item.name == "MemberServerImage" {
                &images
            } else if list.item.name == "ClassicZone" {
                &zones
            } else {
                &[]
            };
            for n in [0, 1.min(items.len()), items.len()] {
                for format in [Format::Json, Format::Xml] {
                    let fields = Map::from_iter([(list.name.to_string(), Value::Array(items[..n].to_vec()))]);
                    let body = render_response(m.action, &fields, "rid", format);
                    let reference = shape(m, wire::decode_response(m.action, 200, body.as_bytes()).unwrap());
                    let mut text = String::new();
                    wire::decode_into(m.action, m.shape.wire(), 200, body.as_bytes(), &mut text).unwrap();
                    let got: Value = serde_json::from_str(&text).unwrap();
                    assert_eq!(got, reference, "{} n={n} {format:?}: {text}", m.name);
                    // Same key order too (the seeds are compared key for key).
                    assert_eq!(got.to_string(), reference.to_string(), "{} n={n} {format:?}", m.name);
                }
            }
        }
    }
}
