//! A long list handed over in parts while it is decoded (`wire::decode_into_parts`, used by the addon
//! so that JavaScript parses the first items while later ones are decoded): the parts and the list
//! the answer's text still holds make, in order, exactly the list `decode_into` writes, in both
//! formats; a decode that starts over voids the parts first.

use ncloud::catalog::generated::VSERVER_GET_SERVER_IMAGE_LIST as LIST;
use ncloud::wire::{decode_into, decode_into_parts, render_response, Format, PartSink, Shape, PART_BYTES};
use serde_json::{json, Map, Value};

#[derive(Default)]
struct Parts {
    parts: Vec<(&'static str, String)>,
    resets: usize,
}

impl PartSink for Parts {
    fn part(&mut self, key: &'static str, items: String) {
        self.parts.push((key, items));
    }
    fn reset(&mut self) {
        if !self.parts.is_empty() {
            self.resets += 1;
        }
        self.parts.clear();
    }
}

fn images(n: usize) -> Vec<Value> {
    (0..n)
        .map(|i| {
            json!({
                "serverImageNo": (7_000_000 + i).to_string(),
                "serverImageName": format!("이미지-{i} \"q\" \\"),
                "serverImageDescription": "x".repeat(400),
                "serverImageType": {"code": "NCP", "codeName": "NCP Server Image"},
                "blockStorageMappingList": [{"order": 0, "blockStorageSize": 10737418240i64, "isEncryptedVolume": false}],
                "sharedLoginIdList": [],
            })
        })
        .collect()
}

fn body(n: usize, format: Format) -> String {
    let fields = Map::from_iter([("serverImageList".to_string(), Value::Array(images(n)))]);
    render_response(&LIST, &fields, "rid", format)
}

/// The whole list: the parts' items, then the answer's own.
fn joined(parts: &Parts, text: &str) -> Value {
    let mut result: Value = serde_json::from_str(text).expect("the answer's text is JSON");
    let mut items: Vec<Value> = Vec::new();
    for (key, part) in &parts.parts {
        assert_eq!(*key, "serverImageList");
        let part: Value = serde_json::from_str(part).expect("a part is a JSON list");
        items.extend(part.as_array().expect("a list").iter().cloned());
    }
    items.extend(result["serverImageList"].as_array().expect("the list").iter().cloned());
    result["serverImageList"] = Value::Array(items);
    result
}

#[test]
fn the_parts_and_the_rest_make_the_whole_list_in_both_formats() {
    for format in [Format::Json, Format::Xml] {
        for n in [0, 1, 7000] {
            let body = body(n, format);
            let mut whole = String::new();
            decode_into(&LIST, Shape::Response, 200, body.as_bytes(), &mut whole).expect("decodes");
            let mut parts = Parts::default();
            let mut text = String::new();
            decode_into_parts(
                &LIST,
                Shape::Response,
                200,
                body.as_bytes(),
                &mut text,
                Some(&mut parts),
            )
            .expect("decodes");
            if n == 7000 {
                // Long enough to come in parts whatever PART_BYTES is tuned to (it is ~2 MiB).
                assert!(whole.len() > 2 * PART_BYTES, "{format:?}: {} bytes", whole.len());
            }
            if whole.len() > 2 * PART_BYTES {
                assert!(parts.parts.len() >= 2, "{format:?} n={n}: {} parts", parts.parts.len());
            } else if n <= 1 {
                assert!(parts.parts.is_empty(), "{format:?} n={n}: a short list is not parted");
            }
            let expected: Value = serde_json::from_str(&whole).expect("JSON");
            assert_eq!(joined(&parts, &text), expected, "{format:?} n={n}");
            assert_eq!(
                expected["totalRows"],
                json!(n),
                "{format:?}: totalRows counts every item"
            );
        }
    }
}

#[test]
fn a_decode_that_starts_over_voids_the_parts_first() {
    let body = body(5000, Format::Json);
    let mut parts = Parts::default();
    let mut text = String::new();
    decode_into_parts(
        &LIST,
        Shape::Response,
        200,
        body.as_bytes(),
        &mut text,
        Some(&mut parts),
    )
    .expect("decodes");
    assert!(!parts.parts.is_empty());
    // Another attempt into the same sink: the first one's parts are void before any new one.
    let mut again = String::new();
    decode_into_parts(
        &LIST,
        Shape::Response,
        200,
        body.as_bytes(),
        &mut again,
        Some(&mut parts),
    )
    .expect("decodes");
    assert_eq!(parts.resets, 1);
    let mut whole = String::new();
    decode_into(&LIST, Shape::Response, 200, body.as_bytes(), &mut whole).expect("decodes");
    assert_eq!(
        joined(&parts, &again),
        serde_json::from_str::<Value>(&whole).expect("JSON")
    );

    // The list given twice in one answer: the last one wins, and the first one's parts are void.
    let inner: Value = serde_json::from_str(&body).expect("JSON");
    let list = inner["getServerImageListResponse"]["serverImageList"].clone();
    let twice = format!(
        r#"{{"getServerImageListResponse":{{"serverImageList":{list},"totalRows":2,"serverImageList":[{}],"requestId":"r","returnCode":"0","returnMessage":"success"}}}}"#,
        list[0]
    );
    let mut parts = Parts::default();
    let mut text = String::new();
    decode_into_parts(
        &LIST,
        Shape::Response,
        200,
        twice.as_bytes(),
        &mut text,
        Some(&mut parts),
    )
    .expect("decodes");
    assert!(parts.parts.is_empty(), "the first list's parts were voided");
    assert!(parts.resets >= 1);
    let result = joined(&parts, &text);
    assert_eq!(result["serverImageList"].as_array().map(Vec::len), Some(1));

    // An answer that turns out to be an error still fails, whatever was handed over before.
    let failed = body.replace(r#""returnCode":"0""#, r#""returnCode":"800""#);
    let mut parts = Parts::default();
    let mut text = String::new();
    let err = decode_into_parts(
        &LIST,
        Shape::Response,
        200,
        failed.as_bytes(),
        &mut text,
        Some(&mut parts),
    )
    .expect_err("an API error");
    assert_eq!(err.return_code.as_deref(), Some("800"));
}
