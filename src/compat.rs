//! The old community client's result shapes (spec `compat-ncloud-js.md`, seed 000): the envelope is
//! dropped, fields are renamed in place and ids become numbers. The field table below is exactly the
//! seed's output, key for key and in its order; fields the 2017 API did not have are not shown.

use serde_json::{Map, Number, Value};

pub mod export;
pub mod shapes;
pub mod table;
pub mod v0;
#[cfg(test)]
mod v0_tests;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Conv {
    Same,
    Num,
    Region,
    Zone,
    /// `originalServerImageName`, named per method (see [`ImageNameKey`]).
    ImageName,
}

/// (compat key, API field, conversion); the key of `ImageName` depends on the method.
pub const PRIVATE_IMAGE: &[(&str, &str, Conv)] = &[
    ("privateImageNo", "memberServerImageNo", Conv::Num),
    ("privateImageName", "memberServerImageName", Conv::Same),
    ("privateImageDescription", "memberServerImageDescription", Conv::Same),
    ("originalServerInstanceNo", "originalServerInstanceNo", Conv::Num),
    ("originalVmFlavorId", "originalServerProductCode", Conv::Same),
    ("originalServerName", "originalServerName", Conv::Same),
    (
        "originalBaseBlockStorageDiskType",
        "originalBaseBlockStorageDiskType",
        Conv::Same,
    ),
    ("originalVmImageId", "originalServerImageProductCode", Conv::Same),
    ("originalOsInformation", "originalOsInformation", Conv::Same),
    ("originalServerImageName", "originalServerImageName", Conv::ImageName),
    ("privateImageStatusName", "memberServerImageStatusName", Conv::Same),
    ("privateImageStatus", "memberServerImageStatus", Conv::Same),
    ("privateImageOperation", "memberServerImageOperation", Conv::Same),
    ("privateImagePlatformType", "memberServerImagePlatformType", Conv::Same),
    ("createDate", "createDate", Conv::Same),
    ("region", "region", Conv::Region),
    ("zone", "zone", Conv::Zone),
    (
        "privateImageBlockStorageTotalRows",
        "memberServerImageBlockStorageTotalRows",
        Conv::Num,
    ),
    (
        "privateImageBlockStorageTotalSize",
        "memberServerImageBlockStorageTotalSize",
        Conv::Num,
    ),
];

/// How a compat method names `originalServerImageName`: `findPrivateImages` keeps the API name, the
/// create and destroy methods say `originalVmImageName` (both as the seed shows).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageNameKey {
    Api,
    Vm,
}

fn to_number(v: &Value) -> Value {
    match v {
        Value::String(s) => match s.trim().parse::<i64>() {
            Ok(n) if n.abs() < (1 << 53) => Value::Number(Number::from(n)),
            _ => v.clone(),
        },
        other => other.clone(),
    }
}

/// The fields `Conv::Region` keeps, in order (also used by the decoder's compat view).
pub const REGION_PICK: &[(&str, Conv)] = &[
    ("regionNo", Conv::Num),
    ("regionCode", Conv::Same),
    ("regionName", Conv::Same),
];
/// The fields `Conv::Zone` keeps, in order.
pub const ZONE_PICK: &[(&str, Conv)] = &[
    ("zoneNo", Conv::Num),
    ("zoneName", Conv::Same),
    ("zoneDescription", Conv::Same),
];

fn pick(src: &Map<String, Value>, keys: &[(&str, Conv)]) -> Value {
    let mut out = Map::new();
    for (k, conv) in keys {
        if let Some(v) = src.get(*k) {
            out.insert(
                (*k).to_string(),
                if *conv == Conv::Num { to_number(v) } else { v.clone() },
            );
        }
    }
    Value::Object(out)
}

/// One `MemberServerImage` in the old client's shape.
pub fn private_image(item: &Value, name_key: ImageNameKey) -> Value {
    let Some(src) = item.as_object() else {
        return item.clone();
    };
    let mut out = Map::new();
    for (key, field, conv) in PRIVATE_IMAGE {
        let Some(v) = src.get(*field) else { continue };
        let key = match (conv, name_key) {
            (Conv::ImageName, ImageNameKey::Vm) => "originalVmImageName",
            _ => key,
        };
        let v = match conv {
            Conv::Same | Conv::ImageName => v.clone(),
            Conv::Num => to_number(v),
            Conv::Region => match v.as_object() {
                Some(r) => pick(r, REGION_PICK),
                None => v.clone(),
            },
            Conv::Zone => match v.as_object() {
                Some(z) => pick(z, ZONE_PICK),
                None => v.clone(),
            },
        };
        out.insert(key.to_string(), v);
    }
    Value::Object(out)
}

/// The other compat look-ups (`findServers`, `findRegions` ...): the list, with `...No` ids as numbers
/// as the old client returned them.
pub fn numeric_ids(v: &Value) -> Value {
    match v {
        Value::Object(o) => Value::Object(
            o.iter()
                .map(|(k, v)| {
                    let v = if k.ends_with("No") {
                        to_number(v)
                    } else {
                        numeric_ids(v)
                    };
                    (k.clone(), v)
                })
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(numeric_ids).collect()),
        other => other.clone(),
    }
}

/// One item of a compat look-up: ids as numbers, then the old client's key renames, in place (the key
/// keeps its position).
pub fn list_item(v: &Value, aliases: &[(&str, &str)]) -> Value {
    match numeric_ids(v) {
        Value::Object(o) if !aliases.is_empty() => Value::Object(
            o.into_iter()
                .map(|(k, v)| match aliases.iter().find(|(src, _)| *src == k) {
                    Some((_, dst)) => ((*dst).to_string(), v),
                    None => (k, v),
                })
                .collect(),
        ),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn renames_in_seed_order_with_numbers() {
        let api = json!({
            "memberServerImageNo": "3791", "memberServerImageName": "img", "memberServerImageDescription": "",
            "originalServerInstanceNo": "492964", "originalServerProductCode": "SPSVRSSD00000003",
            "originalServerName": "ext-test",
            "originalBaseBlockStorageDiskType": {"code": "NET", "codeName": "Network Storage"},
            "originalServerImageProductCode": "SPSW0LINUX000046", "originalOsInformation": "CentOS 7.3 (64-bit)",
            "originalServerImageName": "centos-7.3-64", "memberServerImageStatusName": "creating",
            "memberServerImageStatus": {"code": "INIT", "codeName": "NSI INIT state"},
            "memberServerImageOperation": {"code": "CREAT", "codeName": "NSI CREAT OP"},
            "memberServerImagePlatformType": {"code": "LNX64", "codeName": "Linux 64 Bit"},
            "createDate": "2017-10-10T01:28:44+0900",
            "region": {"regionNo": "1", "regionCode": "KR", "regionName": "Korea"},
            "zone": {"zoneNo": "2", "zoneName": "KR-1", "zoneCode": "KR-1", "zoneDescription": "z", "regionNo": "1"},
            "memberServerImageBlockStorageTotalRows": 0, "memberServerImageBlockStorageTotalSize": 0,
            "shareStatus": {"code": "NULL", "codeName": "NSI Share NULL State"}, "sharedLoginIdList": []
        });
        let out = private_image(&api, ImageNameKey::Vm);
        let keys: Vec<&String> = out.as_object().unwrap().keys().collect();
        assert_eq!(keys[0], "privateImageNo");
        assert_eq!(keys[9], "originalVmImageName");
        assert_eq!(keys.len(), 19);
        assert_eq!(out["privateImageNo"], json!(3791));
        assert_eq!(
            out["zone"],
            json!({"zoneNo": 2, "zoneName": "KR-1", "zoneDescription": "z"})
        );
        assert_eq!(
            private_image(&api, ImageNameKey::Api)["originalServerImageName"],
            json!("centos-7.3-64")
        );
    }
}
