//! Rendering for the emulator: an action's answer written from its response model, in the shapes of
//! spec section 6, and the two error bodies of section 7.

use super::typed::typed_value;
use super::Format;
use crate::catalog::{Action, FieldType, Model, COMMON_CODE};
use serde_json::{Map, Value};

/// The success answer of `action` carrying `fields` (the answer's fields besides the envelope, by
/// name), as NCP writes it: `{"<action>Response": {...}}` in JSON, `<<action>Response>` in XML.
///
/// The fields are typed by the action's response model ([`super::typed_item`]'s rules: keys the model
/// does not declare are left out, list fields are always written) and come in the model's order. The
/// envelope (`requestId`, `returnCode` `0`, `returnMessage` `success`) follows them in JSON and
/// precedes them in XML (spec 6.1 and 6.2). `totalRows`, when the action has it with a list and
/// `fields` does not give it, is the list's length. XML lists are a wrapper element holding one
/// element per item, named by the item model's `xml_item`; the items of a string list are named after
/// the list without its `List` suffix (the decoders take any name).
pub fn render_response(action: &Action, fields: &Map<String, Value>, request_id: &str, format: Format) -> String {
    let root = action.response.xml_item;
    let typed = typed_response(action, fields);
    match format {
        Format::Json => {
            let mut inner = typed;
            inner.insert("requestId".into(), Value::String(request_id.into()));
            inner.insert("returnCode".into(), Value::String("0".into()));
            inner.insert("returnMessage".into(), Value::String("success".into()));
            let mut top = Map::new();
            top.insert(root.to_string(), Value::Object(inner));
            Value::Object(top).to_string()
        }
        Format::Xml => {
            // The XML root the reference shows when NCP names it otherwise (`getLocationResponse`).
            let root = action.wrapper.unwrap_or(root);
            let mut out = String::with_capacity(256);
            out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<");
            out.push_str(root);
            out.push('>');
            push_text_element(&mut out, "requestId", request_id);
            push_text_element(&mut out, "returnCode", "0");
            push_text_element(&mut out, "returnMessage", "success");
            push_fields(&mut out, action.response, &typed);
            out.push_str("</");
            out.push_str(root);
            out.push('>');
            out
        }
    }
}

/// The answer's fields in their typed form, `totalRows` filled in from the list when not given.
fn typed_response(action: &Action, fields: &Map<String, Value>) -> Map<String, Value> {
    let model = action.response;
    let list = action.list.filter(|_| action.total_rows);
    let mut out = Map::new();
    for field in model.fields {
        let mut v = typed_value(field.ty, fields.get(field.name));
        if v.is_none() && field.name == "totalRows" {
            if let Some(list) = list {
                let items = typed_value(FieldType::List(list.item), fields.get(list.name));
                v = Some(Value::from(
                    items.as_ref().and_then(Value::as_array).map_or(0, Vec::len),
                ));
            }
        }
        if let Some(v) = v {
            out.insert(field.name.to_string(), v);
        }
    }
    out
}

/// A server-API error body (`responseError`).
pub fn render_api_error(return_code: &str, return_message: &str, format: Format) -> String {
    match format {
        Format::Json => serde_json::json!({
            "responseError": { "returnCode": return_code, "returnMessage": return_message }
        })
        .to_string(),
        Format::Xml => {
            let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<responseError>");
            push_text_element(&mut out, "returnCode", return_code);
            push_text_element(&mut out, "returnMessage", return_message);
            out.push_str("</responseError>");
            out
        }
    }
}

/// An API-gateway error body (always JSON, as the gateway sends it).
pub fn render_gateway_error(error_code: &str, message: &str, details: &str) -> String {
    serde_json::json!({ "error": { "errorCode": error_code, "message": message, "details": details } }).to_string()
}

fn push_text_element(out: &mut String, name: &str, text: &str) {
    out.push('<');
    out.push_str(name);
    out.push('>');
    out.push_str(&quick_xml::escape::partial_escape(text));
    out.push_str("</");
    out.push_str(name);
    out.push('>');
}

fn open(out: &mut String, name: &str) {
    out.push('<');
    out.push_str(name);
    out.push('>');
}

fn close(out: &mut String, name: &str) {
    out.push_str("</");
    out.push_str(name);
    out.push('>');
}

/// A scalar as element text.
fn push_scalar(out: &mut String, name: &str, v: &Value) {
    match v {
        Value::String(s) => push_text_element(out, name, s),
        Value::Array(_) | Value::Object(_) => {}
        other => push_text_element(out, name, &other.to_string()),
    }
}

/// The element name of a string list's items: the list's name without `List`.
fn str_item_name(list: &str) -> &str {
    match list.strip_suffix("List") {
        Some(item) if !item.is_empty() => item,
        _ => "member",
    }
}

/// The fields of `model` in `obj` (already typed), in the model's order, as elements.
fn push_fields(out: &mut String, model: &Model, obj: &Map<String, Value>) {
    for field in model.fields {
        let Some(v) = obj.get(field.name) else { continue };
        match (field.ty, v) {
            (FieldType::StrList | FieldType::List(_), Value::Array(items)) if items.is_empty() => {
                out.push('<');
                out.push_str(field.name);
                out.push_str("/>");
            }
            (FieldType::StrList, Value::Array(items)) => {
                open(out, field.name);
                let tag = str_item_name(field.name);
                for i in items {
                    push_scalar(out, tag, i);
                }
                close(out, field.name);
            }
            (FieldType::List(m), Value::Array(items)) => {
                open(out, field.name);
                for i in items {
                    match i {
                        Value::Object(o) => push_object(out, m.xml_item, m, o),
                        other => push_scalar(out, m.xml_item, other),
                    }
                }
                close(out, field.name);
            }
            (FieldType::Code, Value::Object(o)) => push_object(out, field.name, &COMMON_CODE, o),
            (FieldType::Obj(m), Value::Object(o)) => push_object(out, field.name, m, o),
            (_, v) => push_scalar(out, field.name, v),
        }
    }
}

fn push_object(out: &mut String, tag: &str, model: &Model, obj: &Map<String, Value>) {
    open(out, tag);
    push_fields(out, model, obj);
    close(out, tag);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The geolocation API's XML answer is rooted as its reference shows (`getLocationResponse`); its
    /// JSON answer keeps the shape the clients read today.
    #[test]
    fn an_answer_named_otherwise_is_rooted_as_the_reference_shows() {
        let action = crate::catalog::action_of("geolocation", "geoLocation").expect("action");
        let fields = Map::new();
        let xml = render_response(action, &fields, "r-1", Format::Xml);
        assert!(
            xml.contains("\n<getLocationResponse><requestId>r-1</requestId>"),
            "{xml}"
        );
        assert!(xml.ends_with("</getLocationResponse>"), "{xml}");
        let server = crate::catalog::action_of("server", "getRegionList").expect("action");
        let xml = render_response(server, &fields, "r-2", Format::Xml);
        assert!(xml.contains("\n<getRegionListResponse>"), "{xml}");
    }
}
