//! What the generator reads from the catalog and the method table, each through one function here, so
//! that a change of the catalog's form is a change of one function: the answer's list (optional once
//! answers without a list exist), the names of an action's types, the old clients' methods (their
//! tables, generated from `model/surfaces.toml`).

use ncloud::catalog::{Action, Field, FieldType, Model, CODE_SETS};
use ncloud::compat::table::{V0Method, V1Method, V0_METHODS, V1_SURFACES};
use ncloud::service::{self, Method};

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

/// A method of the old 0.1.x client (`compute.findPrivateImages`, `storage.findFiles`): its path on the
/// client, its row of `model/surfaces.toml` and, when it calls an action, its method of the core.
pub struct CompatMethod {
    pub path: String,
    pub v0: &'static V0Method,
    pub method: Option<&'static Method>,
}

/// Every method of the old 0.1.x client, in `model/surfaces.toml`'s order.
pub fn compat_methods() -> Vec<CompatMethod> {
    V0_METHODS
        .iter()
        .map(|v0| CompatMethod {
            path: v0.path.to_string(),
            v0,
            method: service::methods()
                .iter()
                .find(|m| m.v0.is_some_and(|x| std::ptr::eq(x, v0))),
        })
        .collect()
}

/// A surface of the old 1.x client (`client.IaaS.server()`) and its methods: each the model action it
/// calls (`None`: declared by 1.x, never callable), with its row of `model/surfaces.toml`.
pub struct V1Surface {
    /// `IaaS.server()`: a getter call per segment ending in `()`.
    pub path: String,
    pub methods: Vec<(&'static str, Option<&'static Action>, &'static V1Method)>,
}

/// The 1.x client's surfaces, from `model/surfaces.toml` (`compat::table::V1_SURFACES`).
pub fn v1_surfaces() -> Vec<V1Surface> {
    V1_SURFACES
        .iter()
        .map(|s| V1Surface {
            path: format!("{}()", s.path),
            methods: s.methods.iter().map(|m| (m.name, m.action, m)).collect(),
        })
        .collect()
}
