//! The client's methods, in one table: every action of the model (at the paths it declares:
//! `compute.getServerImageList`, `compute.classic.getZoneList` ...), then the old client's compat
//! methods (`compute.findPrivateImages` ...). One call = validate, encode, send, decode, shape.

use crate::catalog::{self, Action, Env};
use crate::compat::{self, ImageNameKey};
use crate::encoding::flatten;
use crate::error::{Error, Result};
use crate::transport::{Observe, Transport};
use crate::validate::validate;
use crate::wire;
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
}

/// One method of the client: an action, or an old client's method over one (see [`methods`]).
#[derive(Debug)]
pub struct Method {
    /// Its name in the core (`getServerImageList`, `classic.getZoneList`, `findPrivateImages`).
    pub name: String,
    /// Where it appears on the client (`compute.getServerImageList`, `compute.vpc.getServerImageList`).
    pub paths: &'static [&'static str],
    pub action: &'static Action,
    /// (caller's key, parameter)
    pub renames: &'static [(&'static str, &'static str)],
    /// Caller's keys whose single value stands for a one-item list.
    pub one_as_list: &'static [&'static str],
    pub shape: Shape,
}

struct CompatDecl {
    name: &'static str,
    /// Its path on the client: the old client's `compute.<name>`.
    path: &'static [&'static str],
    action: &'static Action,
    renames: &'static [(&'static str, &'static str)],
    one_as_list: &'static [&'static str],
    shape: Shape,
}

use catalog::generated as a;

const IMAGE_NO_LIST: (&str, &str) = ("privateImageNoList", "memberServerImageNoList");

/// The old client's `response_alias` of `findServers` (src/ncloud/compute/serverInstance/paramSet.ts,
/// 0.1.16-0.1.29): `{ src: 'serverImageProductCode', dst: 'vmImageId' }, { src: 'serverProductCode', dst: 'vmFlavorId' }`.
const SERVER_ALIASES: &[(&str, &str)] = &[
    ("serverImageProductCode", "vmImageId"),
    ("serverProductCode", "vmFlavorId"),
];

/// The old client's `response_alias` of `findPublicImages` (src/ncloud/compute/product/paramSet.ts).
const PRODUCT_ALIASES: &[(&str, &str)] = &[
    ("productCode", "vmImageId"),
    ("productName", "vmImageName"),
    ("productType", "vmImageType"),
    ("productDescription", "vmImageDescription"),
];

static COMPAT: &[CompatDecl] = &[
    CompatDecl {
        name: "findPrivateImages",
        path: &["compute.findPrivateImages"],
        action: &a::SERVER_GET_MEMBER_SERVER_IMAGE_LIST,
        renames: &[IMAGE_NO_LIST],
        one_as_list: &[],
        shape: Shape::PrivateImages(ImageNameKey::Api),
    },
    CompatDecl {
        name: "createPrivateImage",
        path: &["compute.createPrivateImage"],
        action: &a::SERVER_CREATE_MEMBER_SERVER_IMAGE,
        renames: &[
            ("privateImageName", "memberServerImageName"),
            ("privateImageDescription", "memberServerImageDescription"),
            // npm 0.1.12 spelling.
            ("privateImageDesc", "memberServerImageDescription"),
        ],
        one_as_list: &[],
        shape: Shape::PrivateImage(ImageNameKey::Vm),
    },
    CompatDecl {
        name: "destroyPrivateImages",
        path: &["compute.destroyPrivateImages"],
        action: &a::SERVER_DELETE_MEMBER_SERVER_IMAGES,
        renames: &[IMAGE_NO_LIST],
        one_as_list: &[],
        shape: Shape::PrivateImages(ImageNameKey::Vm),
    },
    CompatDecl {
        name: "destroyPrivateImage",
        path: &["compute.destroyPrivateImage"],
        action: &a::SERVER_DELETE_MEMBER_SERVER_IMAGES,
        renames: &[("privateImageNo", "memberServerImageNoList")],
        one_as_list: &["privateImageNo"],
        shape: Shape::PrivateImage(ImageNameKey::Vm),
    },
    CompatDecl {
        name: "findServers",
        path: &["compute.findServers"],
        action: &a::SERVER_GET_SERVER_INSTANCE_LIST,
        renames: &[],
        one_as_list: &[],
        shape: Shape::List(SERVER_ALIASES),
    },
    CompatDecl {
        name: "findPublicImages",
        path: &["compute.findPublicImages"],
        action: &a::SERVER_GET_SERVER_IMAGE_PRODUCT_LIST,
        renames: &[],
        one_as_list: &[],
        shape: Shape::List(PRODUCT_ALIASES),
    },
    CompatDecl {
        name: "findZones",
        path: &["compute.findZones"],
        action: &a::SERVER_GET_ZONE_LIST,
        renames: &[],
        one_as_list: &[],
        shape: Shape::List(&[]),
    },
    CompatDecl {
        name: "findRegions",
        path: &["compute.findRegions"],
        action: &a::SERVER_GET_REGION_LIST,
        renames: &[],
        one_as_list: &[],
        shape: Shape::List(&[]),
    },
];

/// The one method table: every action (in `catalog::ACTIONS` order, so an action's method is at its
/// `ActionId`), then the old client's methods. A call crosses from JavaScript with its index here.
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
            })
            .collect();
        out.extend(COMPAT.iter().map(|c| Method {
            name: c.name.to_string(),
            paths: c.path,
            action: c.action,
            renames: c.renames,
            one_as_list: c.one_as_list,
            shape: c.shape,
        }));
        out
    })
}

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
}

/// Validates and encodes a call without sending it.
pub fn prepare(method: &Method, params: &Value, defaults: &CallDefaults) -> Result<Vec<(String, String)>> {
    prepare_owned(method, params.clone(), defaults)
}

/// [`prepare`], taking the parameters (no copy of them is made).
fn prepare_owned(method: &Method, params: Value, defaults: &CallDefaults) -> Result<Vec<(String, String)>> {
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
        Env::Vpc => (Env::Vpc.region_param(), &defaults.region_code),
        Env::Classic => (Env::Classic.region_param(), &defaults.region_no),
    };
    if let (Some(_), Some(value)) = (action.param(default.0), default.1) {
        if !input.contains_key(default.0) && !method.renames.iter().any(|(_, p)| *p == default.0) {
            input.insert(default.0.to_string(), Value::String(value.clone()));
        }
    }
    let normalized = validate(action, &input, method.renames)?;
    Ok(flatten(&normalized))
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
    let pairs = serde_json::from_str::<Value>(params)
        .map_err(|e| Error::validation(format!("parameters are not valid JSON: {e}")))
        .and_then(|params| prepare_owned(method, params, defaults))
        .map_err(|e| e.with_action(method.action.name))?;
    transport
        .call(method.action, pairs, method.shape.wire(), observer)
        .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::{self, render_response, Format};
    use serde_json::json;

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
        for m in methods().iter().filter(|m| m.shape != Shape::Response) {
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
