//! Cross-field checks the model names with `check=<fn>` (`Rule::Check`): rules on a whole value that
//! no single flag says.

use serde_json::Value;

/// `blockStorageList`: at most 21 entries, exactly one base storage (order 0) that only a snapshot can
/// define, each order used once, and every additional entry says where its volume comes from.
pub fn block_storage_list(name: &str, value: &Value) -> Result<(), String> {
    let Some(items) = value.as_array() else {
        return Ok(());
    };
    let order_of = |v: &Value| v.get("order").and_then(Value::as_i64);
    let bases = items.iter().filter(|v| order_of(v) == Some(0)).count();
    if bases != 1 {
        return Err(format!(
            "'{name}' must have exactly one base storage (order 0), found {bases}"
        ));
    }
    let mut seen = std::collections::HashSet::new();
    for (i, item) in items.iter().enumerate() {
        let order = order_of(item).unwrap_or(-1);
        if !seen.insert(order) {
            return Err(format!("'{name}' uses order {order} more than once"));
        }
        let has = |k: &str| item.get(k).is_some();
        let is_true = |k: &str| item.get(k).and_then(Value::as_bool) == Some(true);
        if order == 0 {
            for k in ["blockStorageVolumeTypeCode", "noBlockStorage", "emptyBlockStorage"] {
                if has(k) {
                    return Err(format!("'{name}[{i}].{k}' cannot be set on the base storage (order 0)"));
                }
            }
        } else if !is_true("noBlockStorage") && !has("snapshotInstanceNo") && !has("blockStorageVolumeTypeCode") {
            return Err(format!(
                "'{name}[{i}]' needs 'snapshotInstanceNo' or 'blockStorageVolumeTypeCode' (or 'noBlockStorage: true')"
            ));
        }
    }
    Ok(())
}
