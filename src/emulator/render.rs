//! The emulator's own rendering of a success answer, from the typed records (model.rs) it serialized:
//! no model of the client's is consulted, so a field the client forgot still reaches it (and shows up
//! as a gap in the tests) instead of being dropped on both sides. JSON: `{action}Response` holding
//! `totalRows`, the list, `requestId`, `returnCode`, `returnMessage` (spec 6); XML: the same elements,
//! envelope fields first, list items named after their list (`serverImageList` -> `serverImage`).

use serde_json::{Map, Value};

/// One success answer: the list field's name, its items (already in wire form) and the row count
/// (`None` for Classic `getZoneList`, which has no `totalRows`).
#[derive(Debug, Clone)]
pub struct Listing {
    pub list: &'static str,
    pub items: Vec<Value>,
    pub total_rows: Option<usize>,
}

pub fn json(action: &str, l: &Listing, request_id: &str) -> String {
    let mut inner = Map::new();
    if let Some(n) = l.total_rows {
        inner.insert("totalRows".into(), Value::from(n));
    }
    inner.insert(l.list.into(), Value::Array(l.items.clone()));
    inner.insert("requestId".into(), Value::String(request_id.into()));
    inner.insert("returnCode".into(), Value::String("0".into()));
    inner.insert("returnMessage".into(), Value::String("success".into()));
    let mut top = Map::new();
    top.insert(format!("{action}Response"), Value::Object(inner));
    Value::Object(top).to_string()
}

pub fn xml(action: &str, l: &Listing, request_id: &str) -> String {
    let mut out = String::with_capacity(256 + l.items.len() * 1024);
    let root = format!("{action}Response");
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<");
    out.push_str(&root);
    out.push('>');
    text(&mut out, "requestId", request_id);
    text(&mut out, "returnCode", "0");
    text(&mut out, "returnMessage", "success");
    if let Some(n) = l.total_rows {
        text(&mut out, "totalRows", &n.to_string());
    }
    list(&mut out, l.list, &l.items);
    out.push_str("</");
    out.push_str(&root);
    out.push('>');
    out
}

fn text(out: &mut String, name: &str, t: &str) {
    out.push('<');
    out.push_str(name);
    out.push('>');
    out.push_str(&quick_xml::escape::partial_escape(t));
    out.push_str("</");
    out.push_str(name);
    out.push('>');
}

/// A list element; its items are named after it without the `List` suffix. Records are at most two
/// levels deep (an image, its mappings), so the recursion is bounded by the structs, not by input.
fn list(out: &mut String, name: &str, items: &[Value]) {
    if items.is_empty() {
        out.push('<');
        out.push_str(name);
        out.push_str("/>");
        return;
    }
    let item = name.strip_suffix("List").unwrap_or(name);
    out.push('<');
    out.push_str(name);
    out.push('>');
    for v in items {
        value(out, item, v);
    }
    out.push_str("</");
    out.push_str(name);
    out.push('>');
}

fn value(out: &mut String, name: &str, v: &Value) {
    match v {
        Value::Null => {}
        Value::String(s) => text(out, name, s),
        Value::Bool(_) | Value::Number(_) => text(out, name, &v.to_string()),
        Value::Array(items) => list(out, name, items),
        Value::Object(o) => {
            out.push('<');
            out.push_str(name);
            out.push('>');
            for (k, x) in o {
                value(out, k, x);
            }
            out.push_str("</");
            out.push_str(name);
            out.push('>');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn xml_names_items_after_their_list_and_keeps_empty_lists() {
        let l = Listing {
            list: "serverImageList",
            items: vec![
                json!({"serverImageNo": "1", "isX": true, "blockStorageMappingList": [{"order": 0}], "sharedLoginIdList": []}),
            ],
            total_rows: Some(1),
        };
        assert_eq!(
            xml("getServerImageList", &l, "r"),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<getServerImageListResponse><requestId>r</requestId><returnCode>0</returnCode><returnMessage>success</returnMessage><totalRows>1</totalRows><serverImageList><serverImage><serverImageNo>1</serverImageNo><isX>true</isX><blockStorageMappingList><blockStorageMapping><order>0</order></blockStorageMapping></blockStorageMappingList><sharedLoginIdList/></serverImage></serverImageList></getServerImageListResponse>"
        );
        let zones = Listing {
            list: "zoneList",
            items: vec![],
            total_rows: None,
        };
        assert_eq!(
            json("getZoneList", &zones, "r"),
            r#"{"getZoneListResponse":{"zoneList":[],"requestId":"r","returnCode":"0","returnMessage":"success"}}"#
        );
    }
}
