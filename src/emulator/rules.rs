//! The emulator's own reading of a request: the form pairs become parameters without the client's
//! catalog (`name.N` is a list, `name.N.field` a list of objects), and each action's rules are written
//! here again from the spec's parameter tables (sections 3-4), on purpose apart from the client's
//! declarations, so that a wrong rule on one side shows up as a disagreement in the tests. Failures are
//! typed; the server maps them to NCP's answers (900 missing, 901 invalid).

use crate::catalog::ActionId;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

pub type Params = Map<String, Value>;

/// Why a request is refused before any handler sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// Required parameters that are absent (NCP's 900, `location : a,b`).
    Missing(Vec<String>),
    /// A value the API does not take (901).
    Invalid { param: String, reason: String },
}

fn invalid(param: &str, reason: impl Into<String>) -> Failure {
    Failure::Invalid {
        param: param.to_string(),
        reason: reason.into(),
    }
}

/// List indexes above this are refused (the body is at most 1 MiB; no list of the API is this long).
const MAX_INDEX: usize = 1000;

/// Parameters sent as numbers and as booleans (spec tables: Integer / Boolean), wherever they appear.
const INTEGERS: &[&str] = &[
    "pageNo",
    "pageSize",
    "blockStorageSize",
    "order",
    "blockStorageSnapshotVolumeSize",
];
const BOOLEANS: &[&str] = &[
    "isBootable",
    "isEncryptedOriginalBlockStorageVolume",
    "noBlockStorage",
    "emptyBlockStorage",
];

fn typed(name: &str, text: &str) -> Result<Value, Failure> {
    if INTEGERS.contains(&name) {
        return text
            .trim()
            .parse::<i64>()
            .map(Value::from)
            .map_err(|_| invalid(name, format!("'{name}' must be an integer, got '{text}'")));
    }
    if BOOLEANS.contains(&name) {
        return match text.to_ascii_lowercase().as_str() {
            "true" => Ok(Value::Bool(true)),
            "false" => Ok(Value::Bool(false)),
            _ => Err(invalid(name, format!("'{name}' must be true or false, got '{text}'"))),
        };
    }
    Ok(Value::String(text.to_string()))
}

/// The fields of one `name.N.field` object, in arrival order.
type Fields<'a> = Vec<(&'a str, &'a str)>;

/// The form pairs (query and body) as parameters. The last of repeated scalar keys wins.
pub fn parse(pairs: &[(String, String)]) -> Result<Params, Failure> {
    let mut scalars: Vec<(&str, &str)> = Vec::new();
    let mut lists: BTreeMap<&str, BTreeMap<usize, &str>> = BTreeMap::new();
    let mut objects: BTreeMap<&str, BTreeMap<usize, Fields<'_>>> = BTreeMap::new();
    for (key, value) in pairs {
        if key == "responseFormatType" {
            continue;
        }
        let mut parts = key.splitn(3, '.');
        let name = parts.next().unwrap_or_default();
        let index = parts.next().and_then(|i| i.parse::<usize>().ok());
        match (index, parts.next()) {
            (None, _) => scalars.push((key.as_str(), value.as_str())),
            (Some(i), _) if i == 0 || i > MAX_INDEX => {
                return Err(invalid(
                    name,
                    format!("'{key}': list indexes run from 1 to {MAX_INDEX}"),
                ))
            }
            (Some(i), None) => {
                lists.entry(name).or_default().insert(i, value.as_str());
            }
            (Some(i), Some(field)) => objects
                .entry(name)
                .or_default()
                .entry(i)
                .or_default()
                .push((field, value.as_str())),
        }
    }
    let mut out = Params::new();
    for (name, text) in scalars {
        out.insert(name.to_string(), typed(name, text)?);
    }
    for (name, items) in lists {
        let values = items.into_values().map(|t| Value::String(t.to_string())).collect();
        out.insert(name.to_string(), Value::Array(values));
    }
    for (name, items) in objects {
        let mut values = Vec::with_capacity(items.len());
        for fields in items.into_values() {
            let mut o = Map::new();
            for (field, text) in fields {
                o.insert(field.to_string(), typed(field, text)?);
            }
            values.push(Value::Object(o));
        }
        out.insert(name.to_string(), Value::Array(values));
    }
    Ok(out)
}

/// One rule of one parameter.
#[derive(Debug, Clone, Copy)]
enum R {
    /// Must be present (scalar or list).
    Required,
    /// A list without repeated values.
    Unique,
    /// VPC image names (spec: 3-30 characters, lower-case letters, digits and '-', starting with a
    /// lower-case letter and ending with a lower-case letter or digit).
    VpcName,
    /// Classic image names: 3-30 characters (seed 000 creates `helloWorld`).
    ClassicName,
    /// Descriptions: at most 1000 bytes.
    Description,
    /// `ASC` | `DESC`.
    VpcOrder,
    /// `ascending` | `descending`, any case.
    ClassicOrder,
    /// `pageSize` 1-1000, required with `pageNo`.
    VpcPageSize,
    /// `blockStorageList`: 1-21 entries, orders 0-20 each once, exactly one base (order 0) taken from a
    /// snapshot, other entries say where their volume comes from.
    BlockStorage,
}

use R::*;

type Table = &'static [(&'static str, &'static [R])];

const VPC_LIST: Table = &[("pageSize", &[VpcPageSize]), ("sortingOrder", &[VpcOrder])];
const CLASSIC_LIST: Table = &[("sortingOrder", &[ClassicOrder])];

/// The rules of an action. The match is exhaustive: a new action needs a line here.
fn rules(id: ActionId) -> Table {
    use ActionId::*;
    match id {
        ServerGetMemberServerImageList | ServerGetServerInstanceList => CLASSIC_LIST,
        ServerCreateMemberServerImage => &[
            ("serverInstanceNo", &[Required]),
            ("memberServerImageName", &[ClassicName]),
            ("memberServerImageDescription", &[Description]),
        ],
        ServerDeleteMemberServerImages => &[("memberServerImageNoList", &[Required, Unique])],
        ServerAddMemberServerImageSharingPermission | ServerRemoveMemberServerImageSharingPermission => &[
            ("memberServerImageNo", &[Required]),
            ("targetLoginIdList", &[Required, Unique]),
        ],
        ServerSetMemberServerImageSharingPermission => {
            &[("memberServerImageNo", &[Required]), ("targetLoginIdList", &[Unique])]
        }
        ServerGetServerImageProductList
        | ServerGetRegionList
        | ServerGetZoneList
        | ServerGetBlockStorageSnapshotInstanceList
        | VserverGetServerImageProductList
        | VserverGetRegionList
        | VserverGetZoneList => &[],
        VserverGetMemberServerImageInstanceList
        | VserverGetServerImageList
        | VserverGetServerInstanceList
        | VserverGetBlockStorageSnapshotInstanceList => VPC_LIST,
        VserverGetMemberServerImageInstanceDetail => &[("memberServerImageInstanceNo", &[Required])],
        VserverCreateMemberServerImageInstance => &[
            ("serverInstanceNo", &[Required]),
            ("memberServerImageName", &[VpcName]),
            ("memberServerImageDescription", &[Description]),
        ],
        VserverDeleteMemberServerImageInstances => &[("memberServerImageInstanceNoList", &[Required, Unique])],
        VserverAddMemberServerImageSharingPermission | VserverRemoveMemberServerImageSharingPermission => &[
            ("memberServerImageInstanceNo", &[Required]),
            ("targetLoginIdList", &[Required, Unique]),
        ],
        VserverSetMemberServerImageSharingPermission => &[
            ("memberServerImageInstanceNo", &[Required]),
            ("targetLoginIdList", &[Unique]),
        ],
        VserverGetServerImageDetail => &[("serverImageNo", &[Required])],
        VserverCreateServerImage => &[
            ("serverInstanceNo", &[Required]),
            ("serverImageName", &[Required, VpcName]),
            ("serverImageDescription", &[Description]),
            ("blockStorageList", &[BlockStorage]),
        ],
        VserverCreateServerImageFromSnapshot => &[
            ("serverImageName", &[Required, VpcName]),
            ("serverImageDescription", &[Description]),
            ("blockStorageList", &[Required, BlockStorage]),
        ],
        VserverDeleteServerImage => &[("serverImageNoList", &[Required, Unique])],
        VserverAddServerImageSharingPermission | VserverRemoveServerImageSharingPermission => &[
            ("serverImageNo", &[Required]),
            ("targetLoginIdList", &[Required, Unique]),
        ],
    }
}

/// Checks the parameters of one action: every missing one first (as NCP names them all), then values.
pub fn check(id: ActionId, p: &Params) -> Result<(), Failure> {
    let table = rules(id);
    let mut missing: Vec<String> = table
        .iter()
        .filter(|(name, rs)| rs.iter().any(|r| matches!(r, Required)) && !p.contains_key(*name))
        .map(|(name, _)| (*name).to_string())
        .collect();
    if table.iter().any(|(_, rs)| rs.iter().any(|r| matches!(r, VpcPageSize)))
        && p.contains_key("pageNo")
        && !p.contains_key("pageSize")
    {
        missing.push("pageSize".into());
    }
    if !missing.is_empty() {
        return Err(Failure::Missing(missing));
    }
    for (name, rs) in table {
        let Some(v) = p.get(*name) else { continue };
        for r in *rs {
            check_one(*r, name, v)?;
        }
    }
    Ok(())
}

fn text<'a>(name: &str, v: &'a Value) -> Result<&'a str, Failure> {
    v.as_str()
        .ok_or_else(|| invalid(name, format!("'{name}' must be a single value")))
}

fn check_one(rule: R, name: &str, v: &Value) -> Result<(), Failure> {
    match rule {
        Required => Ok(()),
        Unique => {
            let items = v
                .as_array()
                .ok_or_else(|| invalid(name, format!("'{name}' must be a list ({name}.1, {name}.2 ...)")))?;
            let mut seen = std::collections::HashSet::new();
            match items.iter().find(|i| !seen.insert(i.as_str())) {
                Some(dup) => Err(invalid(name, format!("'{name}' repeats {dup}"))),
                None => Ok(()),
            }
        }
        VpcName => {
            let t = text(name, v)?;
            if spec_image_name(t) {
                Ok(())
            } else {
                Err(invalid(
                    name,
                    format!("'{name}' must be 3-30 lower-case letters, digits or '-', start with a lower-case letter and end with a lower-case letter or a digit (got '{t}')"),
                ))
            }
        }
        ClassicName => {
            let n = text(name, v)?.chars().count();
            if (3..=30).contains(&n) {
                Ok(())
            } else {
                Err(invalid(
                    name,
                    format!("'{name}' must be 3 to 30 characters long, got {n}"),
                ))
            }
        }
        Description => {
            let n = text(name, v)?.len();
            if n <= 1000 {
                Ok(())
            } else {
                Err(invalid(name, format!("'{name}' must be at most 1000 bytes, got {n}")))
            }
        }
        VpcOrder => match text(name, v)? {
            "ASC" | "DESC" => Ok(()),
            other => Err(invalid(
                name,
                format!("'{name}' must be one of: ASC, DESC (got '{other}')"),
            )),
        },
        ClassicOrder => {
            let t = text(name, v)?;
            if t.eq_ignore_ascii_case("ascending") || t.eq_ignore_ascii_case("descending") {
                Ok(())
            } else {
                Err(invalid(
                    name,
                    format!("'{name}' must be one of: ascending, descending (got '{t}')"),
                ))
            }
        }
        VpcPageSize => match v.as_i64() {
            Some(n) if (1..=1000).contains(&n) => Ok(()),
            _ => Err(invalid(
                name,
                format!("'{name}' must be an integer between 1 and 1000, got {v}"),
            )),
        },
        BlockStorage => block_storage(name, v),
    }
}

/// The spec's VPC image-name rule.
pub fn spec_image_name(name: &str) -> bool {
    let b = name.as_bytes();
    (3..=30).contains(&name.chars().count())
        && b.first().is_some_and(u8::is_ascii_lowercase)
        && b.last().is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
}

fn block_storage(name: &str, v: &Value) -> Result<(), Failure> {
    let items = v
        .as_array()
        .ok_or_else(|| invalid(name, format!("'{name}' must be a list of objects")))?;
    if items.is_empty() || items.len() > 21 {
        return Err(invalid(
            name,
            format!("'{name}' takes 1 to 21 entries, got {}", items.len()),
        ));
    }
    let mut orders = std::collections::HashSet::new();
    for (i, item) in items.iter().enumerate() {
        let n = i + 1;
        let Some(order) = item.get("order").and_then(Value::as_i64) else {
            return Err(Failure::Missing(vec![format!("{name}.{n}.order")]));
        };
        if !(0..=20).contains(&order) {
            return Err(invalid(
                name,
                format!("'{name}.{n}.order' must be 0 to 20, got {order}"),
            ));
        }
        if !orders.insert(order) {
            return Err(invalid(name, format!("'{name}' uses order {order} more than once")));
        }
        let has = |k: &str| item.get(k).is_some();
        let yes = |k: &str| item.get(k).and_then(Value::as_bool) == Some(true);
        if order == 0 {
            if has("blockStorageVolumeTypeCode") || has("noBlockStorage") || has("emptyBlockStorage") {
                return Err(invalid(
                    name,
                    format!("'{name}.{n}': the base storage (order 0) cannot be changed"),
                ));
            }
        } else if !yes("noBlockStorage") && !has("snapshotInstanceNo") && !has("blockStorageVolumeTypeCode") {
            return Err(invalid(
                name,
                format!("'{name}.{n}' needs snapshotInstanceNo or blockStorageVolumeTypeCode (or noBlockStorage=true)"),
            ));
        }
    }
    if !orders.contains(&0) {
        return Err(invalid(name, format!("'{name}' needs the base storage (order 0)")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(q: &str) -> Vec<(String, String)> {
        form_urlencoded::parse(q.as_bytes()).into_owned().collect()
    }

    #[test]
    fn parses_lists_and_objects_by_index_without_the_catalog() {
        let p = parse(&pairs(
            "a.2=y&a.1=x&b.1.order=0&b.1.noBlockStorage=TRUE&b.2.order=1&pageNo=2&responseFormatType=json",
        ))
        .unwrap();
        assert_eq!(p["a"], serde_json::json!(["x", "y"]));
        assert_eq!(
            p["b"],
            serde_json::json!([{"order": 0, "noBlockStorage": true}, {"order": 1}])
        );
        assert_eq!(p["pageNo"], serde_json::json!(2));
        assert!(!p.contains_key("responseFormatType"));
        assert!(matches!(parse(&pairs("pageNo=x")), Err(Failure::Invalid { .. })));
        assert!(matches!(parse(&pairs("a.0=x")), Err(Failure::Invalid { .. })));
        assert!(matches!(parse(&pairs("a.1001=x")), Err(Failure::Invalid { .. })));
    }

    #[test]
    fn missing_parameters_are_all_named() {
        let p = parse(&pairs("serverImageDescription=d")).unwrap();
        assert_eq!(
            check(ActionId::VserverCreateServerImage, &p),
            Err(Failure::Missing(vec![
                "serverInstanceNo".into(),
                "serverImageName".into()
            ]))
        );
    }

    #[test]
    fn the_spec_name_rule_is_lower_case() {
        for (name, ok) in [
            ("test-001", true),
            ("Test-001", false),
            ("a1", false),
            ("img_1", false),
            ("abc-", false),
        ] {
            assert_eq!(spec_image_name(name), ok, "{name}");
        }
    }
}
