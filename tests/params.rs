//! Parameters: validation (the old client's messages, the model's rules), flattening into wire pairs
//! at every depth the model declares (NAVER's Go SDK v2 rule, `prefix.N.field`), base64 values, and the
//! inverse (`unflatten`) that proves the encoding loses nothing.

mod common;

use common::{CREATE_SERVER_INSTANCES, NESTED};
use ncloud::catalog::generated::*;
use ncloud::catalog::Action;
use ncloud::encoding::{encode_pairs, flatten, unflatten};
use ncloud::error::ErrorCode;
use ncloud::validate::validate;
use proptest::prelude::*;
use serde_json::{json, Map, Value};

fn obj(v: Value) -> Map<String, Value> {
    v.as_object().cloned().unwrap_or_default()
}

fn err(action: &'static Action, v: Value, renames: &[(&str, &str)]) -> String {
    match validate(action, &obj(v), renames) {
        Ok(_) => panic!("expected a validation error"),
        Err(e) => e.message,
    }
}

fn pairs(action: &'static Action, v: Value) -> Vec<(String, String)> {
    flatten(&validate(action, &obj(v), &[]).unwrap_or_else(|e| panic!("{}", e.message)))
}

fn sorted(mut p: Vec<(String, String)>) -> Vec<(String, String)> {
    p.sort();
    p
}

fn owned(p: &[(&str, &str)]) -> Vec<(String, String)> {
    p.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

#[test]
fn old_client_messages() {
    let renames = [("privateImageName", "memberServerImageName")];
    assert_eq!(
        err(&SERVER_CREATE_MEMBER_SERVER_IMAGE, json!({}), &renames),
        // helpers/Validator/service.ts (0.1.13-0.1.18):
        // throw new Error('Error: The following parameters should be defined : ' + not_exist_required_param);
        "Error: The following parameters should be defined : serverInstanceNo"
    );
    assert_eq!(
        err(
            &SERVER_CREATE_MEMBER_SERVER_IMAGE,
            json!({"serverInstanceNo": 1, "foo": 1, "bar": 2}),
            &renames
        ),
        // throw new Error('Error: Invalid Parameters : ' + invalidParam);
        "Error: Invalid Parameters : foo,bar"
    );
    assert_eq!(
        err(
            &SERVER_CREATE_MEMBER_SERVER_IMAGE,
            json!({"serverInstanceNo": 1, "privateImageName": "ab"}),
            &renames
        ),
        // `Error: The length of \'${ constraint.name }\' must be ` + `greater than or equals to ...` joined by " and "
        "Error: The length of 'privateImageName' must be greater than or equals to 3 and less than or equals to 30"
    );
    assert_eq!(
        err(
            &SERVER_DELETE_MEMBER_SERVER_IMAGES,
            json!({"privateImageNoList": []}),
            &[("privateImageNoList", "memberServerImageNoList")]
        ),
        // The numItems branch had no prefix: [ `The length of \'${ constraint.name }\' must be `, ... ]
        "The length of 'privateImageNoList' must be greater than or equals to 1"
    );
}

#[test]
fn numbers_become_text_and_order_follows_the_declaration() {
    let out = validate(
        &SERVER_CREATE_MEMBER_SERVER_IMAGE,
        &obj(json!({"memberServerImageName": "helloWorld", "serverInstanceNo": 492964})),
        &[],
    )
    .unwrap();
    let names: Vec<_> = out.iter().map(|(p, v)| (p.name, v.clone())).collect();
    assert_eq!(
        names,
        vec![
            ("serverInstanceNo", json!("492964")),
            ("memberServerImageName", json!("helloWorld"))
        ]
    );
}

#[test]
fn vpc_image_name_rule() {
    let base = json!({"serverInstanceNo": "1"});
    for bad in ["1starts-with-digit", "ends-with-dash-", "under_score", "sp ace"] {
        let mut v = base.clone();
        v["memberServerImageName"] = json!(bad);
        let msg = err(&VSERVER_CREATE_MEMBER_SERVER_IMAGE_INSTANCE, v, &[]);
        assert!(msg.contains("must start with a letter"), "{bad}: {msg}");
    }
    // Seeds 001/002 allow English letters (the client accepts the wider set; the API judges).
    for good in ["abc", "web-img-01", "a-1", "Test-001"] {
        let mut v = base.clone();
        v["memberServerImageName"] = json!(good);
        assert!(
            validate(&VSERVER_CREATE_MEMBER_SERVER_IMAGE_INSTANCE, &obj(v), &[]).is_ok(),
            "{good}"
        );
    }
}

#[test]
fn description_counts_bytes() {
    let v = json!({"serverInstanceNo": "1", "memberServerImageDescription": "이".repeat(334)});
    assert!(err(&VSERVER_CREATE_MEMBER_SERVER_IMAGE_INSTANCE, v, &[]).contains("1000 bytes"));
    let v = json!({"serverInstanceNo": "1", "memberServerImageDescription": "이".repeat(333)});
    assert!(validate(&VSERVER_CREATE_MEMBER_SERVER_IMAGE_INSTANCE, &obj(v), &[]).is_ok());
}

/// Classic block storage is sized in steps of 10 GB (NCP's reference): the client refuses 15 before
/// sending, as the emulator does.
#[test]
fn classic_block_storage_comes_in_10_gb_steps() {
    let v = json!({"serverInstanceNo": "1", "blockStorageSize": 15});
    assert!(err(&SERVER_CREATE_BLOCK_STORAGE_INSTANCE, v, &[]).contains("multiple of 10"));
    let v = json!({"blockStorageInstanceNo": "1", "blockStorageSize": 25});
    assert!(err(&SERVER_CHANGE_BLOCK_STORAGE_VOLUME_SIZE, v, &[]).contains("multiple of 10"));
    let v = json!({"serverInstanceNo": "1", "blockStorageSize": 20});
    assert!(validate(&SERVER_CREATE_BLOCK_STORAGE_INSTANCE, &obj(v), &[]).is_ok());
}

/// Servers made at once are numbered up to 999 (NCP's reference: `serverCreateStartNo` +
/// `serverCreateCount` at most 1000), on both platforms.
#[test]
fn numbered_servers_end_at_999() {
    let vpc = json!({"vpcNo": "1", "subnetNo": "2", "networkInterfaceList": [{"networkInterfaceOrder": 0}]});
    for (action, base) in [
        (&SERVER_CREATE_SERVER_INSTANCES, json!({})),
        (&VSERVER_CREATE_SERVER_INSTANCES, vpc),
    ] {
        let with = |start: i64, count: i64| {
            let mut v = obj(base.clone());
            v.insert("serverCreateStartNo".into(), json!(start));
            v.insert("serverCreateCount".into(), json!(count));
            validate(action, &v, &[]).err().map(|e| e.message)
        };
        let m = with(990, 20).unwrap_or_default();
        assert!(m.contains("must be at most 1000, got 990 + 20"), "{}: {m}", action.name);
        assert_eq!(with(990, 10), None, "{}", action.name);
    }
}

#[test]
fn page_size_with_page_no_and_enums() {
    let msg = err(&VSERVER_GET_SERVER_IMAGE_LIST, json!({"pageNo": 1}), &[]);
    assert!(msg.contains("pageSize") && msg.contains("pageNo"), "{msg}");
    let msg = err(
        &VSERVER_GET_SERVER_IMAGE_LIST,
        json!({"sortingOrder": "descending"}),
        &[],
    );
    assert_eq!(msg, "'sortingOrder' must be one of: ASC, DESC (got 'descending')");
    // Open code sets are passed on: NCP adds hypervisors, platforms and sizes over time.
    for open in [
        json!({"hypervisorTypeCodeList": ["XEN", "VMW"]}),
        json!({"serverImageStatusCode": "DONE"}),
        json!({"sortedBy": "createDate"}),
    ] {
        assert!(
            validate(&VSERVER_GET_SERVER_IMAGE_LIST, &obj(open.clone()), &[]).is_ok(),
            "{open}"
        );
    }
    assert!(validate(
        &SERVER_GET_MEMBER_SERVER_IMAGE_LIST,
        &obj(json!({"platformTypeCodeList": ["RKY64"]})),
        &[]
    )
    .is_ok());
}

#[test]
fn block_storage_list_rules() {
    let base = |list: Value| json!({"serverInstanceNo": "1", "serverImageName": "img-1", "blockStorageList": list});
    let msg = err(
        &VSERVER_CREATE_SERVER_IMAGE,
        base(json!([{"order": 1, "snapshotInstanceNo": "5"}])),
        &[],
    );
    assert!(msg.contains("exactly one base storage"), "{msg}");
    let msg = err(
        &VSERVER_CREATE_SERVER_IMAGE,
        base(json!([{"order": 0, "blockStorageVolumeTypeCode": "CB1"}])),
        &[],
    );
    assert!(msg.contains("cannot be set on the base storage"), "{msg}");
    let msg = err(
        &VSERVER_CREATE_SERVER_IMAGE,
        base(json!([{"order": 0}, {"order": 1, "colour": 1}])),
        &[],
    );
    assert_eq!(msg, "Error: Invalid Parameters : blockStorageList[1].colour");
    let ok = base(
        json!([{"order": 0, "snapshotInstanceNo": 11}, {"order": 1, "blockStorageSize": 10, "blockStorageVolumeTypeCode": "CB1", "emptyBlockStorage": true}]),
    );
    assert!(validate(&VSERVER_CREATE_SERVER_IMAGE, &obj(ok), &[]).is_ok());
    let too_many: Vec<Value> = (0..22).map(|i| json!({"order": i, "noBlockStorage": true})).collect();
    let msg = err(&VSERVER_CREATE_SERVER_IMAGE, base(Value::Array(too_many)), &[]);
    assert!(msg.contains("less than or equals to 21"), "{msg}");
}

#[test]
fn flattens_lists_and_objects_in_declaration_order() {
    let input = json!({
        "blockStorageList": [{"snapshotInstanceNo": "11", "order": 0}, {"order": 1, "blockStorageVolumeTypeCode": "CB1", "blockStorageSize": 10}],
        "serverImageName": "img-1",
        "serverInstanceNo": 42
    });
    let pairs = pairs(&VSERVER_CREATE_SERVER_IMAGE, input);
    assert_eq!(
        encode_pairs(&pairs),
        "serverInstanceNo=42&serverImageName=img-1&blockStorageList.1.order=0&blockStorageList.1.snapshotInstanceNo=11&blockStorageList.2.order=1&blockStorageList.2.blockStorageSize=10&blockStorageList.2.blockStorageVolumeTypeCode=CB1"
    );
    let (back, unknown) = unflatten(&VSERVER_CREATE_SERVER_IMAGE, &pairs);
    assert!(unknown.is_empty());
    let again = validate(&VSERVER_CREATE_SERVER_IMAGE, &back, &[]).unwrap();
    assert_eq!(flatten(&again), pairs);
}

#[test]
fn unflatten_sorts_indexes_and_reports_what_it_cannot_place() {
    let given = owned(&[
        ("memberServerImageNoList.2", "b"),
        ("memberServerImageNoList.1", "a"),
        ("responseFormatType", "json"),
        ("bogus", "1"),
        ("memberServerImageNoList.0", "zero"),
        ("memberServerImageNoList.x", "x"),
        ("memberServerImageNoList.3.deeper", "d"),
    ]);
    let (obj, unknown) = unflatten(&SERVER_DELETE_MEMBER_SERVER_IMAGES, &given);
    assert_eq!(Value::Object(obj), json!({"memberServerImageNoList": ["a", "b"]}));
    assert_eq!(
        unknown,
        [
            "bogus",
            "memberServerImageNoList.0",
            "memberServerImageNoList.x",
            "memberServerImageNoList.3.deeper"
        ]
    );
}

/// NAVER's Go SDK v2 (`services/vserver/api_client.go`, `buildQueryString`) writes a struct field as
/// `prefix.field`, a slice item as `prefix.N` from 1, recursively: a network interface's ACG list is
/// `networkInterfaceList.1.accessControlGroupNoList.1`; `userData` is `base64.StdEncoding` of its text
/// (`v2_api.go`). The pairs below apply that rule by hand to a request the SDK could send.
#[test]
fn nested_lists_and_base64_follow_the_go_sdk() {
    let got = pairs(
        &CREATE_SERVER_INSTANCES,
        json!({
            "vpcNo": "100",
            "subnetNo": 200,
            "networkInterfaceList": [
                {"networkInterfaceOrder": 0, "accessControlGroupNoList": ["11", "12"]},
                {"networkInterfaceOrder": "1", "subnetNo": "201", "ip": "10.0.1.6", "accessControlGroupNoList": [13]}
            ],
            "userData": "#!/bin/bash\necho 안녕",
            "serverCreateCount": 2,
            "blockStorageSize": "2199023255552",
            "portList": [80, "443"]
        }),
    );
    let want = owned(&[
        ("vpcNo", "100"),
        ("subnetNo", "200"),
        ("networkInterfaceList.1.networkInterfaceOrder", "0"),
        ("networkInterfaceList.1.accessControlGroupNoList.1", "11"),
        ("networkInterfaceList.1.accessControlGroupNoList.2", "12"),
        ("networkInterfaceList.2.networkInterfaceOrder", "1"),
        ("networkInterfaceList.2.subnetNo", "201"),
        ("networkInterfaceList.2.ip", "10.0.1.6"),
        ("networkInterfaceList.2.accessControlGroupNoList.1", "13"),
        // printf '#!/bin/bash\necho 안녕' | base64
        ("userData", "IyEvYmluL2Jhc2gKZWNobyDslYjrhZU="),
        ("serverCreateCount", "2"),
        ("blockStorageSize", "2199023255552"),
        ("portList.1", "80"),
        ("portList.2", "443"),
    ]);
    assert_eq!(sorted(got.clone()), sorted(want));
    // Read back: the same parameters, userData as its text again.
    let (back, unknown) = unflatten(&CREATE_SERVER_INSTANCES, &got);
    assert!(unknown.is_empty(), "{unknown:?}");
    assert_eq!(back["userData"], json!("#!/bin/bash\necho 안녕"));
    assert_eq!(
        back["networkInterfaceList"][1]["accessControlGroupNoList"],
        json!(["13"])
    );
    let again = validate(&CREATE_SERVER_INSTANCES, &back, &[]).unwrap();
    assert_eq!(flatten(&again), got);
    // A value that is not base64 of UTF-8 text cannot be placed.
    let (_, unknown) = unflatten(&CREATE_SERVER_INSTANCES, &owned(&[("userData", "not base64!")]));
    assert_eq!(unknown, ["userData"]);
}

#[test]
fn nested_values_are_validated_by_their_own_rules() {
    let base = |nic: Value| json!({"vpcNo": "1", "subnetNo": "2", "networkInterfaceList": [nic]});
    let msg = err(
        &CREATE_SERVER_INSTANCES,
        base(json!({"accessControlGroupNoList": ["1"]})),
        &[],
    );
    assert_eq!(
        msg,
        "Error: The following parameters should be defined : networkInterfaceList[0].networkInterfaceOrder"
    );
    let msg = err(
        &CREATE_SERVER_INSTANCES,
        base(json!({"networkInterfaceOrder": 0, "accessControlGroupNoList": ["1", "1"]})),
        &[],
    );
    assert_eq!(
        msg,
        "'networkInterfaceList[0].accessControlGroupNoList' must not contain duplicates: 1"
    );
    let msg = err(
        &CREATE_SERVER_INSTANCES,
        base(json!({"networkInterfaceOrder": 0, "accessControlGroupNoList": ["1", "2", "3", "4"]})),
        &[],
    );
    assert_eq!(
        msg,
        "The length of 'networkInterfaceList[0].accessControlGroupNoList' must be greater than or equals to 1 and less than or equals to 3"
    );
    let msg = err(
        &CREATE_SERVER_INSTANCES,
        base(json!({"networkInterfaceOrder": "first"})),
        &[],
    );
    assert_eq!(
        msg,
        "'networkInterfaceList[0].networkInterfaceOrder' must be an integer"
    );
    let mut v = base(json!({"networkInterfaceOrder": 0}));
    v["portList"] = json!([80, "http"]);
    assert_eq!(err(&CREATE_SERVER_INSTANCES, v, &[]), "'portList' must be an integer");
    // The text is checked, not its base64 form (21,847 bytes of text pass; their base64 is longer).
    let mut v = base(json!({"networkInterfaceOrder": 0}));
    v["userData"] = json!("x".repeat(21_847));
    assert!(validate(&CREATE_SERVER_INSTANCES, &obj(v.clone()), &[]).is_ok());
    v["userData"] = json!("x".repeat(21_848));
    assert!(err(&CREATE_SERVER_INSTANCES, v, &[]).contains("21847 bytes"));
}

#[test]
fn nesting_is_bounded_whatever_the_input() {
    // NODE holds a list of itself: a caller's value may nest only so deep (MAX_PARAM_DEPTH).
    let mut v = json!({"name": "leaf"});
    for _ in 0..50 {
        v = json!({"nodeList": [v]});
    }
    let e = validate(&NESTED, &obj(v), &[]).unwrap_err();
    assert_eq!(e.code, ErrorCode::Validation);
    assert!(e.message.contains("nested deeper"), "{}", e.message);
    let ok = json!({"nodeList": [{"name": "a", "nodeList": [{"name": "b"}]}]});
    assert_eq!(
        pairs(&NESTED, ok),
        owned(&[("nodeList.1.name", "a"), ("nodeList.1.nodeList.1.name", "b")])
    );
    // A key of many levels cannot be placed, and costs no recursion.
    let key = format!("nodeList{}.name", ".1.nodeList".repeat(50_000));
    let (back, unknown) = unflatten(&NESTED, &[(key.clone(), "x".into())]);
    assert!(back.is_empty());
    assert_eq!(unknown, [key]);
    // An index does not allocate room for itself.
    let (back, _) = unflatten(&NESTED, &owned(&[("nodeList.18446744073709551615.name", "far")]));
    assert_eq!(Value::Object(back), json!({"nodeList": [{"name": "far"}]}));
}

fn nic() -> impl Strategy<Value = Value> {
    (
        prop_oneof![Just(Value::Null), (0i64..3).prop_map(Value::from)],
        prop::option::of("[a-z0-9]{0,3}"),
        prop::collection::vec("[0-9]{1,3}", 0..4),
    )
        .prop_map(|(order, ip, acgs)| {
            let mut o = Map::new();
            o.insert("networkInterfaceOrder".into(), order);
            if let Some(ip) = ip {
                o.insert("ip".into(), Value::String(ip));
            }
            if !acgs.is_empty() {
                o.insert("accessControlGroupNoList".into(), json!(acgs));
            }
            Value::Object(o)
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    /// Whatever nested parameters pass validation, their pairs read back to parameters that give the
    /// same pairs: no two values share a key, nothing is lost or reordered.
    #[test]
    fn nested_parameters_encode_losslessly(
        nics in prop::collection::vec(nic(), 0..4),
        user_data in prop::option::of("(?s).{0,12}"),
        ports in prop::option::of(prop::collection::vec(-5i64..70_000, 0..3)),
    ) {
        let mut v = json!({"vpcNo": "1", "subnetNo": "2", "networkInterfaceList": nics});
        if let Some(u) = user_data {
            v["userData"] = json!(u);
        }
        if let Some(p) = ports {
            v["portList"] = json!(p);
        }
        if let Ok(norm) = validate(&CREATE_SERVER_INSTANCES, &obj(v), &[]) {
            let pairs = flatten(&norm);
            let (back, unknown) = unflatten(&CREATE_SERVER_INSTANCES, &pairs);
            prop_assert!(unknown.is_empty(), "{:?}", unknown);
            let again = validate(&CREATE_SERVER_INSTANCES, &back, &[]).map_err(|e| TestCaseError::fail(e.message))?;
            prop_assert_eq!(flatten(&again), pairs);
        }
    }
}
