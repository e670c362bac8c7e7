//! The client's methods: every VPC action, every Classic action (under `classic.`), and the old
//! client's compat methods. One call = validate, encode, send, decode, shape.

use crate::catalog::{self, Action, Env};
use crate::compat::{self, ImageNameKey};
use crate::encoding::flatten;
use crate::error::{Error, Result};
use crate::transport::Transport;
use crate::validate::validate;
use serde_json::{Map, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// The response object without its wrapper.
    Response,
    /// Compat: the list of private images.
    PrivateImages(ImageNameKey),
    /// Compat: the first private image.
    PrivateImage(ImageNameKey),
    /// Compat: the list with numeric ids.
    List,
}

#[derive(Debug)]
pub struct Method {
    pub name: String,
    pub action: &'static Action,
    /// (caller's key, parameter)
    pub renames: &'static [(&'static str, &'static str)],
    /// Caller's keys whose single value stands for a one-item list.
    pub one_as_list: &'static [&'static str],
    pub shape: Shape,
}

struct CompatDecl {
    name: &'static str,
    action: &'static Action,
    renames: &'static [(&'static str, &'static str)],
    one_as_list: &'static [&'static str],
    shape: Shape,
}

use catalog::actions as a;

const IMAGE_NO_LIST: (&str, &str) = ("privateImageNoList", "memberServerImageNoList");

static COMPAT: &[CompatDecl] = &[
    CompatDecl {
        name: "findPrivateImages",
        action: &a::GET_MEMBER_SERVER_IMAGE_LIST,
        renames: &[IMAGE_NO_LIST],
        one_as_list: &[],
        shape: Shape::PrivateImages(ImageNameKey::Api),
    },
    CompatDecl {
        name: "createPrivateImage",
        action: &a::CREATE_MEMBER_SERVER_IMAGE,
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
        action: &a::DELETE_MEMBER_SERVER_IMAGES,
        renames: &[IMAGE_NO_LIST],
        one_as_list: &[],
        shape: Shape::PrivateImages(ImageNameKey::Vm),
    },
    CompatDecl {
        name: "destroyPrivateImage",
        action: &a::DELETE_MEMBER_SERVER_IMAGES,
        renames: &[("privateImageNo", "memberServerImageNoList")],
        one_as_list: &["privateImageNo"],
        shape: Shape::PrivateImage(ImageNameKey::Vm),
    },
    CompatDecl {
        name: "findServers",
        action: &a::CLASSIC_GET_SERVER_INSTANCE_LIST,
        renames: &[],
        one_as_list: &[],
        shape: Shape::List,
    },
    CompatDecl {
        name: "findPublicImages",
        action: &a::CLASSIC_GET_SERVER_IMAGE_PRODUCT_LIST,
        renames: &[],
        one_as_list: &[],
        shape: Shape::List,
    },
    CompatDecl {
        name: "findZones",
        action: &a::CLASSIC_GET_ZONE_LIST,
        renames: &[],
        one_as_list: &[],
        shape: Shape::List,
    },
    CompatDecl {
        name: "findRegions",
        action: &a::CLASSIC_GET_REGION_LIST,
        renames: &[],
        one_as_list: &[],
        shape: Shape::List,
    },
];

/// Every method of `client.compute`: VPC actions by their name, Classic actions as `classic.<name>`,
/// then the compat methods.
pub fn methods() -> &'static [Method] {
    static METHODS: std::sync::OnceLock<Vec<Method>> = std::sync::OnceLock::new();
    METHODS.get_or_init(|| {
        let mut out: Vec<Method> = catalog::ACTIONS
            .iter()
            .map(|action| Method {
                name: match action.env {
                    Env::Vpc => action.name.to_string(),
                    Env::Classic => format!("classic.{}", action.name),
                },
                action,
                renames: &[],
                one_as_list: &[],
                shape: Shape::Response,
            })
            .collect();
        out.extend(COMPAT.iter().map(|c| Method {
            name: c.name.to_string(),
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
    let mut input: Map<String, Value> = match params {
        Value::Object(o) => o.clone(),
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
    let normalized = validate(action, &input, method.renames, true)?;
    Ok(flatten(&normalized))
}

/// Shapes a decoded response object for the method.
pub fn shape(method: &Method, response: Value) -> Value {
    let list = || {
        response
            .get(method.action.list)
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
        Shape::List => compat::numeric_ids(&Value::Array(list())),
    }
}

/// One whole call; the result as JSON text. The response object passes through as the decoder wrote
/// it; only the compat shapes (small lists) are re-shaped through a `Value`.
pub async fn call(transport: &Transport, method: &Method, params: &Value, defaults: &CallDefaults) -> Result<String> {
    let pairs = prepare(method, params, defaults).map_err(|e| e.with_action(method.action.name))?;
    let text = transport.call(method.action, pairs).await?;
    if method.shape == Shape::Response {
        return Ok(text);
    }
    let response: Value =
        serde_json::from_str(&text).map_err(|e| Error::internal(format!("the decoder wrote invalid JSON: {e}")))?;
    Ok(shape(method, response).to_string())
}
