//! The two wire formats. Decoding turns an XML (quick-xml) or JSON (serde_json) answer into the one
//! typed form of the declared model; rendering (used by the emulator) writes that form back out in
//! the shapes of spec section 6. Error bodies of every shape become one [`Error`].

use crate::catalog::{Action, FieldType, Model};
use crate::error::{Error, Result};
use serde_json::{Map, Number, Value};

mod decode_json;
pub mod decode_xml;
pub mod out;
#[cfg(test)]
mod proptests;

use out::with_status;
pub use out::{Shape, View};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Xml,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        match s.to_ascii_lowercase().as_str() {
            "json" => Some(Format::Json),
            "xml" => Some(Format::Xml),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Xml => "xml",
        }
    }
}

/// Largest integer a JavaScript number holds exactly; larger values are handed over as text.
const MAX_SAFE_INTEGER: i64 = (1 << 53) - 1;

// ------------------------------------------------------------------------------------------------
// Decoding (one pass, no tree: see wire/decode_json.rs, wire/decode_xml.rs, wire/out.rs)

/// Decodes one answer of `action`. Success gives the response object without its `{action}Response`
/// wrapper: `totalRows`, the list, `requestId`, `returnCode`, `returnMessage`, typed as the JSON form.
/// (A `Value` for callers that want one; the call path uses [`decode_into`] and hands the text over.)
pub fn decode_response(action: &'static Action, http_status: u16, body: &[u8]) -> Result<Value> {
    let text = decode_response_text(action, http_status, body)?;
    serde_json::from_str(&text).map_err(|e| Error::internal(format!("the decoder wrote invalid JSON: {e}")))
}

/// [`decode_response`] as the JSON text handed to JavaScript.
pub fn decode_response_text(action: &'static Action, http_status: u16, body: &[u8]) -> Result<String> {
    let mut out = String::with_capacity(body.len() + 256);
    decode_into(action, Shape::Response, http_status, body, &mut out)?;
    Ok(out)
}

/// Appends the result of one answer to `out` as JSON text, in one pass over `body`: the typed
/// response object (`Shape::Response`) or one of the compat shapes (on error `out` is left as it was).
/// Gives the answer's `requestId`, when it has one.
pub fn decode_into(
    action: &'static Action,
    shape: Shape,
    http_status: u16,
    body: &[u8],
    out: &mut String,
) -> Result<Option<String>> {
    let text = std::str::from_utf8(body).map_err(|_| {
        with_status(
            Error::decode(format!("HTTP {http_status}: the response body is not UTF-8 text")),
            http_status,
        )
    })?;
    let trimmed = text.trim_start_matches('\u{feff}').trim();
    if trimmed.is_empty() {
        return Err(with_status(
            Error::decode(format!("HTTP {http_status}: empty response body")),
            http_status,
        ));
    }
    if trimmed.starts_with('{') {
        decode_json::decode(action, shape, http_status, trimmed, out)
    } else if trimmed.starts_with('<') {
        if looks_like_html(trimmed) {
            return Err(with_status(
                Error::decode(format!(
                    "HTTP {http_status}: expected an NCP API answer, got an HTML page: {}",
                    snippet(trimmed)
                )),
                http_status,
            ));
        }
        decode_xml::decode(action, shape, http_status, trimmed, out)
    } else {
        Err(with_status(
            Error::decode(format!(
                "HTTP {http_status}: unrecognized response body: {}",
                snippet(trimmed)
            )),
            http_status,
        ))
    }
}

fn looks_like_html(s: &str) -> bool {
    let head: String = s.chars().take(64).collect::<String>().to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

fn snippet(s: &str) -> String {
    let one_line: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out: String = one_line.chars().take(120).collect();
    if one_line.chars().count() > 120 {
        out.push('…');
    }
    out
}

// ------------------------------------------------------------------------------------------------
// The typed form of a `Value` (the emulator renders its state through it)

fn typed_list(model: &Model, v: Option<Value>, name: &str) -> Result<Vec<Value>> {
    match v {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => items.into_iter().map(|i| typed_object(model, i, name)).collect(),
        // A single object where a list was expected.
        Some(o @ Value::Object(_)) => Ok(vec![typed_object(model, o, name)?]),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(Vec::new()),
        Some(other) => Err(Error::decode(format!("'{name}': expected a list, got {other}"))),
    }
}

fn scalar_string(v: Value) -> Option<Value> {
    match v {
        s @ Value::String(_) => Some(s),
        Value::Number(n) => Some(Value::String(n.to_string())),
        Value::Bool(b) => Some(Value::String(b.to_string())),
        _ => None,
    }
}

fn typed_object(model: &Model, v: Value, name: &str) -> Result<Value> {
    let mut obj = match v {
        Value::Object(obj) => obj,
        Value::String(s) if s.trim().is_empty() => return Ok(Value::Object(Map::new())),
        other => return Err(Error::decode(format!("'{name}': expected an object, got {other}"))),
    };
    let mut out = Map::new();
    for field in model.fields {
        let raw = obj.remove(field.name);
        let typed = match field.ty {
            FieldType::Str => raw.and_then(scalar_string),
            FieldType::Int | FieldType::Long => match raw {
                Some(v) => number(&v, field.name)?,
                None => None,
            },
            FieldType::Float => match raw {
                Some(Value::Number(n)) => Some(Value::Number(n)),
                Some(Value::String(s)) if s.trim().is_empty() => None,
                Some(Value::String(s)) => match s.trim().parse::<f64>().ok().and_then(Number::from_f64) {
                    Some(n) => Some(Value::Number(n)),
                    None => return Err(Error::decode(format!("'{}': expected a number, got {s:?}", field.name))),
                },
                Some(Value::Null) | None => None,
                Some(other) => {
                    return Err(Error::decode(format!(
                        "'{}': expected a number, got {other}",
                        field.name
                    )))
                }
            },
            FieldType::Bool => match raw {
                Some(Value::Bool(b)) => Some(Value::Bool(b)),
                Some(Value::String(s)) if s.trim().eq_ignore_ascii_case("true") => Some(Value::Bool(true)),
                Some(Value::String(s)) if s.trim().eq_ignore_ascii_case("false") => Some(Value::Bool(false)),
                Some(Value::String(s)) if s.trim().is_empty() => None,
                Some(Value::Null) | None => None,
                Some(other) => {
                    return Err(Error::decode(format!(
                        "'{}': expected a boolean, got {other}",
                        field.name
                    )))
                }
            },
            FieldType::Code => match raw {
                Some(v @ Value::Object(_)) => Some(typed_object(&crate::catalog::COMMON_CODE, v, field.name)?),
                _ => None,
            },
            FieldType::Obj(m) => match raw {
                Some(v @ Value::Object(_)) => Some(typed_object(m, v, field.name)?),
                _ => None,
            },
            FieldType::StrList => Some(Value::Array(match raw {
                Some(Value::Array(items)) => items
                    .into_iter()
                    .filter(|i| i.is_string() || i.is_number())
                    .filter_map(scalar_string)
                    .collect(),
                Some(Value::String(s)) if !s.trim().is_empty() => vec![Value::String(s)],
                _ => Vec::new(),
            })),
            FieldType::List(m) => Some(Value::Array(typed_list(m, raw, field.name)?)),
        };
        if let Some(v) = typed {
            out.insert(field.name.to_string(), v);
        }
    }
    Ok(Value::Object(out))
}

/// One item in its typed form (extra keys dropped, types coerced); the item itself if it does not fit.
pub fn typed_item(model: &Model, v: &Value) -> Value {
    typed_object(model, v.clone(), model.name).unwrap_or_else(|_| v.clone())
}

/// A number from a number or numeric text; empty text is "absent".
fn number(v: &Value, name: &str) -> Result<Option<Value>> {
    let n = match v {
        Value::Number(n) => n.as_i64(),
        Value::String(s) if s.trim().is_empty() => return Ok(None),
        Value::String(s) => s.trim().parse::<i64>().ok(),
        Value::Null => return Ok(None),
        _ => None,
    };
    match n {
        Some(n) if n.abs() <= MAX_SAFE_INTEGER => Ok(Some(Value::Number(Number::from(n)))),
        Some(n) => Ok(Some(Value::String(n.to_string()))),
        None => Err(Error::decode(format!("'{name}': expected a number, got {v}"))),
    }
}

// ------------------------------------------------------------------------------------------------
// Rendering (emulator side)

/// A success answer for `action` carrying `items` (already in the typed form).
pub fn render_success(action: &Action, items: &[Value], total_rows: usize, request_id: &str, format: Format) -> String {
    match format {
        Format::Json => {
            let mut inner = Map::new();
            if action.total_rows {
                inner.insert("totalRows".into(), Value::from(total_rows));
            }
            let typed = items.iter().map(|i| typed_item(action.item, i)).collect();
            inner.insert(action.list.into(), Value::Array(typed));
            inner.insert("requestId".into(), Value::String(request_id.into()));
            inner.insert("returnCode".into(), Value::String("0".into()));
            inner.insert("returnMessage".into(), Value::String("success".into()));
            let mut top = Map::new();
            top.insert(format!("{}Response", action.name), Value::Object(inner));
            Value::Object(top).to_string()
        }
        Format::Xml => {
            let mut out = String::with_capacity(256 + items.len() * 1024);
            let root = format!("{}Response", action.name);
            out.push_str(&format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<{root}>"));
            push_text_element(&mut out, "requestId", request_id);
            push_text_element(&mut out, "returnCode", "0");
            push_text_element(&mut out, "returnMessage", "success");
            if action.total_rows {
                push_text_element(&mut out, "totalRows", &total_rows.to_string());
            }
            if items.is_empty() {
                out.push_str(&format!("<{}/>", action.list));
            } else {
                out.push_str(&format!("<{}>", action.list));
                for item in items {
                    push_object(&mut out, action.item.xml_item, action.item, item);
                }
                out.push_str(&format!("</{}>", action.list));
            }
            out.push_str(&format!("</{root}>"));
            out
        }
    }
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

fn push_object(out: &mut String, tag: &str, model: &Model, value: &Value) {
    out.push_str(&format!("<{tag}>"));
    for field in model.fields {
        let Some(v) = value.get(field.name) else { continue };
        match (field.ty, v) {
            (FieldType::StrList, Value::Array(items)) | (FieldType::List(_), Value::Array(items))
                if items.is_empty() =>
            {
                out.push_str(&format!("<{}/>", field.name));
            }
            (FieldType::StrList, Value::Array(items)) => {
                let item_tag = field.name.trim_end_matches("List");
                out.push_str(&format!("<{}>", field.name));
                for i in items {
                    push_text_element(out, item_tag, i.as_str().unwrap_or_default());
                }
                out.push_str(&format!("</{}>", field.name));
            }
            (FieldType::List(m), Value::Array(items)) => {
                out.push_str(&format!("<{}>", field.name));
                for i in items {
                    push_object(out, m.xml_item, m, i);
                }
                out.push_str(&format!("</{}>", field.name));
            }
            (FieldType::Code, v) => push_object(out, field.name, &crate::catalog::COMMON_CODE, v),
            (FieldType::Obj(m), v) => push_object(out, field.name, m, v),
            (_, Value::String(s)) => push_text_element(out, field.name, s),
            (_, other) => push_text_element(out, field.name, &other.to_string()),
        }
    }
    out.push_str(&format!("</{tag}>"));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::generated::*;
    use crate::error::ErrorCode;
    use serde_json::json;

    fn expected(name: &str) -> Value {
        let path = format!("{}/__test__/expected/{name}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    fn body(name: &str) -> Vec<u8> {
        let path = format!("{}/fixtures/wire/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    fn masked_name(mut v: Value, list: &str, field: &str) -> Value {
        v[list][0][field] = json!("test-***");
        v
    }

    #[test]
    fn seed_bodies_decode_to_the_typed_form() {
        // Seed 001 is the documentation's answer, wrapped as getServerImageListResponse: accepted.
        let got = decode_response(&VSERVER_CREATE_SERVER_IMAGE, 200, &body("seed-001.xml")).unwrap();
        assert_eq!(
            got,
            masked_name(expected("seed-001.json"), "serverImageList", "serverImageName")
        );
        let got = decode_response(&VSERVER_CREATE_MEMBER_SERVER_IMAGE_INSTANCE, 200, &body("seed-002.xml")).unwrap();
        assert_eq!(
            got,
            masked_name(
                expected("seed-002.json"),
                "memberServerImageInstanceList",
                "memberServerImageName"
            )
        );
        let got = decode_response(&VSERVER_GET_SERVER_IMAGE_DETAIL, 200, &body("seed-003.xml")).unwrap();
        assert_eq!(got, expected("seed-003.json"));
        let got = decode_response(
            &VSERVER_GET_MEMBER_SERVER_IMAGE_INSTANCE_DETAIL,
            200,
            &body("seed-004.json"),
        )
        .unwrap();
        assert_eq!(got, expected("seed-004.json"));
    }

    #[test]
    fn xml_and_json_decode_to_the_same_value() {
        let xml = r#"<getMemberServerImageListResponse><requestId>r1</requestId><returnCode>0</returnCode>
            <returnMessage>success</returnMessage><totalRows>1</totalRows><memberServerImageList>
            <memberServerImage><memberServerImageNo>3791</memberServerImageNo><memberServerImageName>a &amp; b</memberServerImageName>
            <memberServerImageDescription/><originalServerInstanceNo>492964</originalServerInstanceNo>
            <memberServerImageStatus><code>INIT</code><codeName>NSI INIT state</codeName></memberServerImageStatus>
            <region><regionNo>1</regionNo><regionCode>KR</regionCode><regionName>Korea</regionName></region>
            <memberServerImageBlockStorageTotalRows>1</memberServerImageBlockStorageTotalRows>
            <memberServerImageBlockStorageTotalSize>53687091200</memberServerImageBlockStorageTotalSize>
            <sharedLoginIdList><sharedLoginId>a@b.c</sharedLoginId><x>d@e.f</x></sharedLoginIdList>
            <unknownNewField>ignored</unknownNewField>
            </memberServerImage></memberServerImageList></getMemberServerImageListResponse>"#;
        // The gateway's JSON: ids as strings; the old API: ids as numbers. Both are accepted.
        let json = r#"{"getMemberServerImageListResponse": {"totalRows": "1", "memberServerImageList": [{
            "memberServerImageNo": 3791, "memberServerImageName": "a & b", "memberServerImageDescription": "",
            "originalServerInstanceNo": "492964", "memberServerImageStatus": {"code": "INIT", "codeName": "NSI INIT state"},
            "region": {"regionNo": 1, "regionCode": "KR", "regionName": "Korea"},
            "memberServerImageBlockStorageTotalRows": 1, "memberServerImageBlockStorageTotalSize": "53687091200",
            "sharedLoginIdList": ["a@b.c", "d@e.f"], "unknownNewField": 1}],
            "requestId": "r1", "returnCode": 0, "returnMessage": "success"}}"#;
        let a = decode_response(&SERVER_GET_MEMBER_SERVER_IMAGE_LIST, 200, xml.as_bytes()).unwrap();
        let b = decode_response(&SERVER_GET_MEMBER_SERVER_IMAGE_LIST, 200, json.as_bytes()).unwrap();
        assert_eq!(a, b);
        let item = &a["memberServerImageList"][0];
        assert_eq!(item["memberServerImageNo"], json!("3791"));
        assert_eq!(item["memberServerImageName"], json!("a & b"));
        assert_eq!(item["memberServerImageDescription"], json!(""));
        assert_eq!(item["memberServerImageBlockStorageTotalSize"], json!(53687091200i64));
        assert_eq!(item["region"]["regionNo"], json!("1"));
        assert_eq!(item.get("unknownNewField"), None);
        assert_eq!(a["totalRows"], json!(1));
        assert_eq!(a["returnCode"], json!("0"));
    }

    #[test]
    fn empty_lists_in_every_form() {
        for body in [
            r#"<getServerImageListResponse><returnCode>0</returnCode><totalRows>0</totalRows><serverImageList/></getServerImageListResponse>"#,
            r#"<getServerImageListResponse><returnCode>0</returnCode><totalRows>0</totalRows><serverImageList></serverImageList></getServerImageListResponse>"#,
            r#"<getServerImageListResponse><returnCode>0</returnCode><totalRows>0</totalRows></getServerImageListResponse>"#,
            r#"{"getServerImageListResponse": {"returnCode": "0", "totalRows": 0, "serverImageList": []}}"#,
            r#"{"getServerImageListResponse": {"returnCode": "0", "totalRows": 0, "serverImageList": null}}"#,
            r#"{"getServerImageListResponse": {"returnCode": "0", "totalRows": 0}}"#,
        ] {
            let v = decode_response(&VSERVER_GET_SERVER_IMAGE_LIST, 200, body.as_bytes()).unwrap();
            assert_eq!(v["serverImageList"], json!([]), "{body}");
            assert_eq!(v["totalRows"], json!(0), "{body}");
        }
        // Nested lists: missing or empty become [] too.
        let v = decode_response(
            &VSERVER_GET_SERVER_IMAGE_LIST,
            200,
            br#"{"getServerImageListResponse": {"returnCode": "0", "serverImageList": [{"serverImageNo": 1, "blockStorageMappingList": null}]}}"#,
        )
        .unwrap();
        assert_eq!(v["serverImageList"][0]["blockStorageMappingList"], json!([]));
        assert_eq!(v["serverImageList"][0]["sharedLoginIdList"], json!([]));
        assert_eq!(v["totalRows"], json!(1));
    }

    #[test]
    fn error_bodies_of_every_shape() {
        let e = decode_response(
            &VSERVER_GET_REGION_LIST,
            400,
            br#"{"responseError": {"returnCode": "1007009", "returnMessage": "busy"}}"#,
        )
        .unwrap_err();
        assert_eq!(
            (e.code, e.http_status, e.return_code.as_deref()),
            (ErrorCode::Api, Some(400), Some("1007009"))
        );
        assert_eq!(e.message, "Error: returnCode: 1007009, returnMessage: busy");
        let e = decode_response(
            &VSERVER_GET_REGION_LIST,
            401,
            b"<responseError>\n <returnCode>800</returnCode>\n <returnMessage>\n  Invalid consumerKey\n </returnMessage>\n</responseError>",
        )
        .unwrap_err();
        assert_eq!(e.return_message.as_deref(), Some("Invalid consumerKey"));
        assert_eq!(
            e.code,
            ErrorCode::Auth,
            "a 401 is an authentication failure whatever its body"
        );
        let e = decode_response(
            &VSERVER_GET_REGION_LIST,
            429,
            br#"{"error": {"errorCode": "410", "message": "Throttle Limited", "details": "slow down"}}"#,
        )
        .unwrap_err();
        assert_eq!((e.code, e.http_status), (ErrorCode::Gateway, Some(429)));
        let e = decode_response(
            &VSERVER_GET_REGION_LIST,
            401,
            br#"{"error": {"errorCode": 200, "message": "Authentication Failed"}}"#,
        )
        .unwrap_err();
        assert_eq!((e.code, e.return_code.as_deref()), (ErrorCode::Auth, Some("200")));
        let e = decode_response(
            &VSERVER_GET_REGION_LIST,
            200,
            br#"{"getRegionListResponse": {"returnCode": "1300", "returnMessage": "later", "requestId": "q"}}"#,
        )
        .unwrap_err();
        assert_eq!(
            (e.code, e.return_code.as_deref(), e.request_id.as_deref()),
            (ErrorCode::Api, Some("1300"), Some("q"))
        );
        let e = decode_response(
            &VSERVER_GET_REGION_LIST,
            500,
            br#"{"responseCode": "500", "message": "internal"}"#,
        )
        .unwrap_err();
        assert_eq!((e.code, e.return_code.as_deref()), (ErrorCode::Api, Some("500")));
    }

    #[test]
    fn malformed_bodies_are_decode_errors() {
        for (status, body) in [
            (
                200,
                &b"<getRegionListResponse><returnCode>0</returnCode><regionList>"[..],
            ),
            (200, &br#"{"getRegionListResponse": {"returnCode": "0""#[..]),
            (502, &b"<html><body>Bad Gateway</body></html>"[..]),
            (200, &b""[..]),
            (200, &b"   \n"[..]),
            (200, &b"\xff\xfe"[..]),
            (200, &br#"{"getRegionListResponse": {"regionList": []}}"#[..]),
            (
                200,
                &br#"{"getServerImageListResponse": {"returnCode": "0", "totalRows": "many"}}"#[..],
            ),
        ] {
            let e = decode_response(&VSERVER_GET_SERVER_IMAGE_LIST, status, body).unwrap_err();
            assert_eq!(
                e.code,
                ErrorCode::Decode,
                "{:?}: {}",
                String::from_utf8_lossy(body),
                e.message
            );
            assert_eq!(e.http_status, Some(status));
        }
    }

    #[test]
    fn large_numbers_beyond_2_pow_53_are_text() {
        let v = decode_response(
            &VSERVER_GET_SERVER_IMAGE_DETAIL,
            200,
            br#"{"r": 1, "getServerImageDetailResponse": {"returnCode": "0", "serverImageList": [{"blockStorageMappingList": [{"blockStorageSize": 9007199254740993}]}]}}"#,
        )
        .unwrap();
        assert_eq!(
            v["serverImageList"][0]["blockStorageMappingList"][0]["blockStorageSize"],
            json!("9007199254740993")
        );
    }

    #[test]
    fn rendering_round_trips_through_decoding() {
        let item = expected("seed-003.json")["serverImageList"][0].clone();
        for format in [Format::Json, Format::Xml] {
            let text = render_success(
                &VSERVER_GET_SERVER_IMAGE_DETAIL,
                std::slice::from_ref(&item),
                1,
                "rid",
                format,
            );
            let back = decode_response(&VSERVER_GET_SERVER_IMAGE_DETAIL, 200, text.as_bytes()).unwrap();
            assert_eq!(back["serverImageList"][0], item, "{format:?}");
            assert_eq!(back["requestId"], json!("rid"));
            let err = render_api_error("900", "a < b & 'c'", format);
            let e = decode_response(&VSERVER_GET_SERVER_IMAGE_DETAIL, 400, err.as_bytes()).unwrap_err();
            assert_eq!(e.return_message.as_deref(), Some("a < b & 'c'"));
        }
    }

    #[test]
    fn fields_out_of_order_or_twice_come_out_in_model_order_last_one_winning() {
        let json =
            br#"{"getServerImageDetailResponse": {"serverImageList": [{"createDate": "d", "serverImageName": "first",
            "serverImageNo": 7, "serverImageName": "second", "blockStorageMappingList": {"order": "1"}}],
            "returnCode": "0", "totalRows": 1}}"#;
        let v = decode_response(&VSERVER_GET_SERVER_IMAGE_DETAIL, 200, json).unwrap();
        let item = &v["serverImageList"][0];
        let keys: Vec<&String> = item.as_object().unwrap().keys().collect();
        assert_eq!(
            keys,
            [
                "serverImageNo",
                "serverImageName",
                "createDate",
                "blockStorageMappingList",
                "sharedLoginIdList"
            ]
        );
        assert_eq!(item["serverImageName"], json!("second"));
        assert_eq!(item["blockStorageMappingList"], json!([{"order": 1}]));
        let xml = b"<getServerImageDetailResponse><returnCode>0</returnCode><serverImageList><serverImage>\
            <createDate>d</createDate><serverImageName>first</serverImageName><serverImageNo>7</serverImageNo>\
            <serverImageName>second</serverImageName></serverImage></serverImageList></getServerImageDetailResponse>";
        let x = decode_response(&VSERVER_GET_SERVER_IMAGE_DETAIL, 200, xml).unwrap();
        assert_eq!(
            x["serverImageList"][0],
            json!({"serverImageNo": "7", "serverImageName": "second", "createDate": "d",
                "blockStorageMappingList": [], "sharedLoginIdList": []})
        );
    }

    #[test]
    fn deep_nesting_is_a_decode_error_or_skipped_never_a_crash() {
        let depth = 200_000;
        // Deep where the model goes: refused by the bounded readers.
        let mut xml =
            String::from("<getServerImageListResponse><returnCode>0</returnCode><serverImageList><serverImage>");
        xml.push_str(&"<osType>".repeat(depth));
        let e = decode_response(&VSERVER_GET_SERVER_IMAGE_LIST, 200, xml.as_bytes()).unwrap_err();
        assert_eq!(e.code, ErrorCode::Decode, "{}", e.message);
        let json = format!(
            r#"{{"getServerImageListResponse": {{"returnCode": "0", "serverImageList": {}"#,
            "[".repeat(depth)
        );
        let e = decode_response(&VSERVER_GET_SERVER_IMAGE_LIST, 200, json.as_bytes()).unwrap_err();
        assert_eq!(e.code, ErrorCode::Decode, "{}", e.message);
        // Deep in a field the model does not know: skipped without recursion when well formed.
        let json = format!(
            r#"{{"getServerImageListResponse": {{"returnCode": "0", "x": {}{}, "serverImageList": []}}}}"#,
            "[".repeat(depth),
            "]".repeat(depth)
        );
        let v = decode_response(&VSERVER_GET_SERVER_IMAGE_LIST, 200, json.as_bytes()).unwrap();
        assert_eq!(v["serverImageList"], json!([]));
        // XML past the depth bound is refused even where the model does not look.
        let xml = format!(
            "<getServerImageListResponse><returnCode>0</returnCode><x>{}{}</x></getServerImageListResponse>",
            "<y>".repeat(100),
            "</y>".repeat(100)
        );
        let e = decode_response(&VSERVER_GET_SERVER_IMAGE_LIST, 200, xml.as_bytes()).unwrap_err();
        assert_eq!(e.code, ErrorCode::Decode, "{}", e.message);
    }

    #[test]
    fn escapes_and_entities_survive_the_one_pass_writer() {
        let json = br#"{"getServerImageDetailResponse": {"returnCode": "0", "serverImageList": [{"serverImageName": "a\"b\\c\u0001\u00e9\ud83d\ude00 \n"}]}}"#;
        let v = decode_response(&VSERVER_GET_SERVER_IMAGE_DETAIL, 200, json).unwrap();
        assert_eq!(v["serverImageList"][0]["serverImageName"], json!("a\"b\\c\u{1}é😀 \n"));
        let xml = "<getServerImageDetailResponse><returnCode>0</returnCode><serverImageList><serverImage>\
            <serverImageName>a&quot;b\\c&#1;&#xe9;<![CDATA[<x>]]>\t</serverImageName></serverImage></serverImageList></getServerImageDetailResponse>";
        let v = decode_response(&VSERVER_GET_SERVER_IMAGE_DETAIL, 200, xml.as_bytes()).unwrap();
        assert_eq!(v["serverImageList"][0]["serverImageName"], json!("a\"b\\c\u{1}é<x>\t"));
    }

    #[test]
    fn deep_nesting_is_a_decode_error_not_a_stack_overflow() {
        let deep_xml = format!("{}{}", "<a>".repeat(100_000), "</a>".repeat(100_000));
        let e = decode_response(&VSERVER_GET_REGION_LIST, 502, deep_xml.as_bytes()).unwrap_err();
        assert_eq!(e.code, ErrorCode::Decode);
        assert!(e.message.contains("nested deeper than 64"), "{}", e.message);
        // JSON: a subtree the model does not know is skipped without recursion (no stack overflow), and
        // the answer is still refused; where the model descends, serde_json's recursion limit holds.
        let deep_json = format!("{}1{}", "{\"a\":".repeat(100_000), "}".repeat(100_000));
        let e = decode_response(&VSERVER_GET_REGION_LIST, 200, deep_json.as_bytes()).unwrap_err();
        assert_eq!(e.code, ErrorCode::Decode, "{}", e.message);
        let deep_list = format!(
            "{{\"getRegionListResponse\": {{\"returnCode\": \"0\", \"regionList\": {}1{}}}}}",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        let e = decode_response(&VSERVER_GET_REGION_LIST, 200, deep_list.as_bytes()).unwrap_err();
        assert_eq!(e.code, ErrorCode::Decode, "{}", e.message);
        // An ordinary answer is far below the bound.
        let ok = format!(
            "<getRegionListResponse><returnCode>0</returnCode><regionList>{}</regionList></getRegionListResponse>",
            "<region><regionCode>KR</regionCode></region>"
        );
        assert!(decode_response(&VSERVER_GET_REGION_LIST, 200, ok.as_bytes()).is_ok());
    }

    #[test]
    fn the_smallest_i64_does_not_overflow() {
        let body = br#"{"getServerImageDetailResponse": {"returnCode": "0", "totalRows": -9223372036854775808, "serverImageList": []}}"#;
        let v = decode_response(&VSERVER_GET_SERVER_IMAGE_DETAIL, 200, body).unwrap();
        assert_eq!(v["totalRows"], json!("-9223372036854775808"));
    }

    #[test]
    fn the_text_handed_over_is_ascii_and_means_the_same() {
        let body = "{\"getRegionListResponse\": {\"returnCode\": \"0\", \"requestId\": \"r\", \"regionList\": [{\"regionCode\": \"KR\", \"regionName\": \"한국 \\\"서울\\\" 😀\"}]}}";
        let text = decode_response_text(&VSERVER_GET_REGION_LIST, 200, body.as_bytes()).unwrap();
        assert!(text.is_ascii(), "{text}");
        assert!(text.contains("\\ud55c\\uad6d"), "{text}");
        let v: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["regionList"][0]["regionName"], json!("한국 \"서울\" 😀"));
        let xml = "<getRegionListResponse><returnCode>0</returnCode><regionList><region><regionName>가산 &amp; 😀</regionName></region></regionList></getRegionListResponse>";
        let text = decode_response_text(&VSERVER_GET_REGION_LIST, 200, xml.as_bytes()).unwrap();
        assert!(text.is_ascii(), "{text}");
        let v: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["regionList"][0]["regionName"], json!("가산 & 😀"));
    }
}
