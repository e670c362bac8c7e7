//! What the generator reads from the catalog and the method table, each through one function here, so
//! that a change of the catalog's form is a change of one function: the answer's list (optional once
//! answers without a list exist), the names of an action's types, the old clients' method lists.

use crate::catalog::{Action, Field, FieldType, Model, ACTIONS, CODE_SETS};
use crate::service::{self, Method, Shape};

/// The answer's list field and its item model, if the answer has a list.
pub fn answer_list(action: &Action) -> Option<(&'static str, &'static Model)> {
    action.list.map(|l| (l.name, l.item))
}

/// Whether every answer of `action` has `field` as the decoder hands it over: the fields the API always
/// returns, the lists (written `[]` when the answer has none) and `totalRows` (counted when absent).
pub fn always_in_answer(action: &Action, field: &Field) -> bool {
    field.always
        || matches!(field.ty, FieldType::List(_) | FieldType::StrList)
        || (field.name == "totalRows" && action.total_rows)
}

/// `GetZoneListResponse`, `ClassicGetZoneListResponse`: the name the model gives the answer.
pub fn response_name(action: &Action) -> &'static str {
    action.response.name
}

/// The parameters' name, formed as the answer's (`ClassicGetZoneListParams`).
pub fn params_name(action: &Action) -> String {
    let base = action.response.name;
    format!("{}Params", base.strip_suffix("Response").unwrap_or(base))
}

/// The TypeScript name of a code set (`imageStatus` -> `ImageStatusCode`), when `codes` is exactly one
/// declared set (two sets with the same values cannot be told apart: the union is then written out).
pub fn code_set_name(codes: &[&str]) -> Option<String> {
    let mut found = CODE_SETS.iter().filter(|(_, values)| *values == codes);
    match (found.next(), found.next()) {
        (Some((name, _)), None) => Some(format!("{}Code", super::writer::pascal(name))),
        _ => None,
    }
}

/// A method of the old 0.1.x client (`compute.findPrivateImages`): its path on the client and its
/// declaration in the method table (renamed parameters, result shape).
pub struct CompatMethod {
    pub path: String,
    pub method: &'static Method,
}

/// The old 0.1.x client's methods, on `client.compute` (where `lib/client.js` puts them).
pub fn compat_methods() -> Vec<CompatMethod> {
    service::methods()
        .iter()
        .filter(|m| m.shape != Shape::Response)
        .map(|method| CompatMethod {
            path: format!("compute.{}", method.name),
            method,
        })
        .collect()
}

/// A surface of the old 1.x client (`client.IaaS.server()`) and the model actions it serves, each as a
/// method of the action's name resolving to the answer without its wrapper.
pub struct V1Surface {
    /// `IaaS.server()`: a getter call per segment ending in `()`.
    pub path: &'static str,
    pub methods: Vec<(&'static str, &'static Action)>,
}

/// The 1.x client's surfaces (`apis` of its `description.yaml` at 1.1.4: a closed set, 1.x is no longer
/// developed) and the actions each serves. Today every action of the Classic `server` API is served by
/// `IaaS.server()`; the others serve none yet (their methods reject with `ERR_UNSUPPORTED`).
/// `model/surfaces.toml` will declare this list; it is then read here and nowhere else.
pub fn v1_surfaces() -> Vec<V1Surface> {
    let served = |api: &str| -> Vec<(&'static str, &'static Action)> {
        ACTIONS
            .iter()
            .filter(|a| a.api.name == api)
            .map(|a| (a.name, *a))
            .collect()
    };
    vec![
        V1Surface {
            path: "IaaS.server()",
            methods: served("server"),
        },
        V1Surface {
            path: "IaaS.loadBalancer()",
            methods: Vec::new(),
        },
        V1Surface {
            path: "PaaS.geoLocation()",
            methods: Vec::new(),
        },
        V1Surface {
            path: "PaaS.containerRegistry()",
            methods: Vec::new(),
        },
    ]
}
