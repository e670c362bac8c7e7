//! The decoders on the package's own actions: seed bodies, both formats alike, empty lists, error
//! bodies of every shape, malformed and hostile bodies, field order, escapes. (The answers of other
//! shapes are in `answers.rs`; the literal conformance vectors in `protocol.rs`.)

use ncloud::catalog::generated::*;
use ncloud::error::ErrorCode;
use ncloud::wire::{decode_response, decode_response_text, render_api_error, render_response, Format};
use serde_json::{json, Map, Value};

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
        (200, &b"<html><body>Welcome</body></html>"[..]),
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
    // With an error status the status is the news: the gateway's (a proxy's) page is ERR_GATEWAY, a
    // 401's ERR_AUTH, the body quoted.
    for (status, body, code) in [
        (502, &b"<html><body>Bad Gateway</body></html>"[..], ErrorCode::Gateway),
        (503, &b""[..], ErrorCode::Gateway),
        (429, &b"Too Many Requests"[..], ErrorCode::Gateway),
        (
            404,
            &br#"{"getServerImageListResponse": {"returnCode": "0"#[..],
            ErrorCode::Gateway,
        ),
        (401, &b"Unauthorized"[..], ErrorCode::Auth),
    ] {
        let e = decode_response(&VSERVER_GET_SERVER_IMAGE_LIST, status, body).unwrap_err();
        assert_eq!(e.code, code, "{status}: {}", e.message);
        assert_eq!(e.http_status, Some(status));
        assert!(e.message.starts_with(&format!("HTTP {status} with ")), "{}", e.message);
        let quoted = String::from_utf8_lossy(&body[..body.len().min(10)]).into_owned();
        assert!(e.message.contains(&quoted), "{}", e.message);
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
    let fields = Map::from_iter([("serverImageList".to_string(), json!([item.clone()]))]);
    for format in [Format::Json, Format::Xml] {
        let text = render_response(&VSERVER_GET_SERVER_IMAGE_DETAIL, &fields, "rid", format);
        let back = decode_response(&VSERVER_GET_SERVER_IMAGE_DETAIL, 200, text.as_bytes()).unwrap();
        assert_eq!(back["serverImageList"][0], item, "{format:?}");
        assert_eq!(
            back["totalRows"],
            json!(1),
            "{format:?}: the list's length when not given"
        );
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
    let mut xml = String::from("<getServerImageListResponse><returnCode>0</returnCode><serverImageList><serverImage>");
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
    let e = decode_response(&VSERVER_GET_REGION_LIST, 200, deep_xml.as_bytes()).unwrap_err();
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
