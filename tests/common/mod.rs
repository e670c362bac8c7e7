//! Hand-built actions of the shapes the model will soon hold but does not yet (the catalog's types
//! are public): answers without a list, with other top-level fields, with nested lists of floats, and
//! parameters that nest lists in object lists or are sent as base64. Field names follow NAVER's SDK
//! models and API reference (cited at each one); the tests that use them say what they check.

#![allow(dead_code)]

use ncloud::catalog::generated::{ActionId, API_SERVER};
use ncloud::catalog::{Action, Env, Field, FieldType, Input, ListField, Model, Param, ParamKind, Req, Rule};

const fn field(name: &'static str, ty: FieldType) -> Field {
    Field {
        name,
        ty,
        always: false,
        codes: &[],
    }
}

const fn param(name: &'static str, kind: ParamKind, req: Req) -> Param {
    Param {
        name,
        kind,
        req,
        rules: &[],
        base64: false,
    }
}

const fn action(
    name: &'static str,
    params: &'static [Param],
    response: &'static Model,
    list: Option<ListField>,
    total_rows: bool,
) -> Action {
    Action {
        // Any id: these actions are not in the table it indexes.
        id: ActionId::ServerGetZoneList,
        api: &API_SERVER,
        name,
        env: Env::Classic,
        group: "tests",
        params,
        response,
        list,
        total_rows,
        mutating: false,
        wrapper: None,
        summary: "",
        methods: &[],
        paginators: &[],
    }
}

/// Classic `deleteLoginKey`: the envelope only (Go SDK v2 `DeleteLoginKeyResponse`).
pub static DELETE_LOGIN_KEY: Action = action(
    "deleteLoginKey",
    &[param("keyName", ParamKind::Str, Req::Yes)],
    &R_DELETE_LOGIN_KEY,
    None,
    false,
);
static R_DELETE_LOGIN_KEY: Model = Model {
    name: "DeleteLoginKeyResponse",
    xml_item: "deleteLoginKeyResponse",
    fields: &[],
};

/// Classic `getRootPassword`: `totalRows` and `rootPassword`, no list (Go SDK v2
/// `GetRootPasswordResponse`: `TotalRows *int32`, `RootPassword *string`).
pub static GET_ROOT_PASSWORD: Action = action(
    "getRootPassword",
    &[
        param("serverInstanceNo", ParamKind::Str, Req::Yes),
        param("privateKey", ParamKind::Str, Req::Yes),
    ],
    &R_GET_ROOT_PASSWORD,
    None,
    true,
);
static R_GET_ROOT_PASSWORD: Model = Model {
    name: "GetRootPasswordResponse",
    xml_item: "getRootPasswordResponse",
    fields: &[
        field("totalRows", FieldType::Int),
        field("rootPassword", FieldType::Str),
    ],
};

/// Classic `createLoginKey`: `privateKey` (Go SDK v2 `CreateLoginKeyResponse`).
pub static CREATE_LOGIN_KEY: Action = action(
    "createLoginKey",
    &[param("keyName", ParamKind::Str, Req::Yes)],
    &R_CREATE_LOGIN_KEY,
    None,
    false,
);
static R_CREATE_LOGIN_KEY: Model = Model {
    name: "CreateLoginKeyResponse",
    xml_item: "createLoginKeyResponse",
    fields: &[field("privateKey", FieldType::Str)],
};

/// A monitoring-style answer: a list of objects holding lists of data points with `float` values.
pub static GET_METRIC_STATISTICS: Action = action(
    "getMetricStatistics",
    &[
        param("instanceNoList", ParamKind::StrList, Req::Yes),
        param("metricName", ParamKind::Str, Req::Yes),
        param("period", ParamKind::Int, Req::No),
    ],
    &R_GET_METRIC_STATISTICS,
    Some(ListField {
        name: "metricStatisticList",
        item: &METRIC_STATISTIC,
    }),
    false,
);
static R_GET_METRIC_STATISTICS: Model = Model {
    name: "GetMetricStatisticsResponse",
    xml_item: "getMetricStatisticsResponse",
    fields: &[field("metricStatisticList", FieldType::List(&METRIC_STATISTIC))],
};
pub static METRIC_STATISTIC: Model = Model {
    name: "MetricStatistic",
    xml_item: "metricStatistic",
    fields: &[
        field("instanceNo", FieldType::Str),
        field("metricName", FieldType::Str),
        field("dataPointList", FieldType::List(&DATA_POINT)),
    ],
};
pub static DATA_POINT: Model = Model {
    name: "DataPoint",
    xml_item: "dataPoint",
    fields: &[
        field("timestamp", FieldType::Str),
        field("average", FieldType::Float),
        field("maximum", FieldType::Float),
        field("unit", FieldType::Str),
    ],
};

/// Geolocation `geoLocation`: one object `geoLocation` (NCP API reference, GeoLocation v2: `country`,
/// `code`, `r1`-`r3` strings, `lat`/`long` numbers, `net`).
pub static GEO_LOCATION: Action = Action {
    // Its XML answer's wrapper (the reference).
    wrapper: Some("getLocationResponse"),
    ..action(
        "geoLocation",
        &[
            param("ip", ParamKind::Str, Req::Yes),
            param("enc", ParamKind::Str, Req::No),
            param("ext", ParamKind::Str, Req::No),
        ],
        &R_GEO_LOCATION,
        None,
        false,
    )
};
static R_GEO_LOCATION: Model = Model {
    name: "GeoLocationResponse",
    xml_item: "geoLocationResponse",
    fields: &[field("geoLocation", FieldType::Obj(&GEO))],
};
static GEO: Model = Model {
    name: "GeoLocation",
    xml_item: "geoLocation",
    fields: &[
        field("country", FieldType::Str),
        field("code", FieldType::Str),
        field("r1", FieldType::Str),
        field("r2", FieldType::Str),
        field("r3", FieldType::Str),
        field("lat", FieldType::Float),
        field("long", FieldType::Float),
        field("net", FieldType::Str),
    ],
};

/// A list with other top-level fields around it, of every field type (the response-level writer's
/// cases: a slot for `totalRows`, a code, an object, a string list, a long, a bool).
pub static MIXED: Action = action(
    "getMixedList",
    &[],
    &R_MIXED,
    Some(ListField {
        name: "itemList",
        item: &ITEM,
    }),
    true,
);
static R_MIXED: Model = Model {
    name: "GetMixedListResponse",
    xml_item: "getMixedListResponse",
    fields: &[
        field("note", FieldType::Str),
        field("totalRows", FieldType::Int),
        field("itemList", FieldType::List(&ITEM)),
        field("status", FieldType::Code),
        field("owner", FieldType::Obj(&ITEM)),
        field("tagList", FieldType::StrList),
        field("usedBytes", FieldType::Long),
        field("ratio", FieldType::Float),
        field("done", FieldType::Bool),
    ],
};
pub static ITEM: Model = Model {
    name: "Item",
    xml_item: "item",
    fields: &[
        field("itemNo", FieldType::Str),
        field("size", FieldType::Long),
        field("nameList", FieldType::StrList),
    ],
};

/// Every hand-built answer shape.
pub static ANSWERS: &[&Action] = &[
    &DELETE_LOGIN_KEY,
    &GET_ROOT_PASSWORD,
    &CREATE_LOGIN_KEY,
    &GET_METRIC_STATISTICS,
    &GEO_LOCATION,
    &MIXED,
];

/// VPC `createServerInstances`' parameters of interest (Go SDK v2 `CreateServerInstancesRequest` and
/// `NetworkInterfaceParameter`): an object list whose items hold a list, `userData` sent as base64,
/// numbers of both widths and a list of integers.
pub static CREATE_SERVER_INSTANCES: Action = action(
    "createServerInstances",
    &[
        param("vpcNo", ParamKind::Str, Req::Yes),
        param("subnetNo", ParamKind::Str, Req::Yes),
        Param {
            name: "networkInterfaceList",
            kind: ParamKind::ObjList(&NETWORK_INTERFACE),
            req: Req::Yes,
            rules: &[Rule::Items(1, 3)],
            base64: false,
        },
        Param {
            name: "userData",
            kind: ParamKind::Str,
            req: Req::No,
            rules: &[Rule::MaxBytes(21847)],
            base64: true,
        },
        param("serverCreateCount", ParamKind::Int, Req::No),
        param("blockStorageSize", ParamKind::Long, Req::No),
        param("portList", ParamKind::IntList, Req::No),
    ],
    &R_DELETE_LOGIN_KEY,
    None,
    false,
);
pub static NETWORK_INTERFACE: Input = Input {
    name: "NetworkInterfaceParameter",
    params: &[
        param("networkInterfaceOrder", ParamKind::Int, Req::Yes),
        param("networkInterfaceNo", ParamKind::Str, Req::No),
        param("subnetNo", ParamKind::Str, Req::No),
        param("ip", ParamKind::Str, Req::No),
        Param {
            name: "accessControlGroupNoList",
            kind: ParamKind::StrList,
            req: Req::No,
            rules: &[Rule::Items(1, 3), Rule::Unique],
            base64: false,
        },
    ],
};

/// An input that holds itself: the depth of what a caller passes must stay bounded anyway.
pub static NESTED: Action = action(
    "nested",
    &[param("nodeList", ParamKind::ObjList(&NODE), Req::No)],
    &R_DELETE_LOGIN_KEY,
    None,
    false,
);
pub static NODE: Input = Input {
    name: "Node",
    params: &[
        param("name", ParamKind::Str, Req::No),
        param("nodeList", ParamKind::ObjList(&NODE), Req::No),
    ],
};
