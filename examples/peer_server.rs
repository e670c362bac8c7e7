//! The canned loopback server of `npm run bench -- peers` (bench/peers.js): answers NCP-shaped JSON and
//! XML, rendered once at start by this crate's own renderer, and checks nothing (every client under
//! test still signs its requests). Runs on one thread so that it takes at most one core.
//!
//! `cargo run --release --example peer_server -- [N_IMAGES]` prints `listening <port>` on stdout.
//! Routes (the query's `responseFormatType` picks the format):
//! - `POST /vserver/v2/getServerImageList`: N images (default 10,000);
//! - `POST /vserver/v2/getServerImageDetail`: one image;
//! - `POST /server/v2/getMemberServerImageList`: two Classic member images.

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use ncloud::catalog::generated as a;
use ncloud::catalog::Action;
use ncloud::wire::{render_response, Format};
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use std::convert::Infallible;
use std::io::Write;
use std::sync::Arc;
use tokio::net::TcpListener;

fn server_images(n: usize) -> Vec<Value> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/emulator.json");
    let text = std::fs::read_to_string(path).expect("fixtures/emulator.json");
    let fixture: Value = serde_json::from_str(&text).expect("fixture JSON");
    let template = fixture["vpc"]["serverImages"][0].clone();
    (0..n)
        .map(|i| {
            let mut img = template.clone();
            img["serverImageNo"] = json!((7_000_001 + i).to_string());
            img["serverImageName"] = json!(format!("bench-image-{:05}", i + 1));
            img
        })
        .collect()
}

fn member_images() -> Vec<Value> {
    (0..2)
        .map(|i| {
            json!({
                "memberServerImageNo": (3791 + i).to_string(), "memberServerImageName": format!("img-{i}"),
                "memberServerImageDescription": "", "originalServerInstanceNo": "492964",
                "originalServerProductCode": "SPSVRSSD00000003", "originalServerName": "ext-test",
                "originalBaseBlockStorageDiskType": {"code": "NET", "codeName": "Network Storage"},
                "originalServerImageProductCode": "SPSW0LINUX000046", "originalOsInformation": "CentOS 7.3 (64-bit)",
                "originalServerImageName": "centos-7.3-64", "memberServerImageStatusName": "created",
                "memberServerImageStatus": {"code": "CREAT", "codeName": "NSI CREAT state"},
                "memberServerImageOperation": {"code": "NULL", "codeName": "NSI NULL OP"},
                "memberServerImagePlatformType": {"code": "LNX64", "codeName": "Linux 64 Bit"},
                "createDate": "2017-10-10T01:28:44+0900",
                "region": {"regionNo": "1", "regionCode": "KR", "regionName": "Korea"},
                "zone": {"zoneNo": "2", "zoneName": "KR-1", "zoneCode": "KR-1", "zoneDescription": "KR-1 zone", "regionNo": "1"},
                "memberServerImageBlockStorageTotalRows": 1, "memberServerImageBlockStorageTotalSize": 53687091200i64,
                "shareStatus": {"code": "NULL", "codeName": "NSI Share NULL State"}, "sharedLoginIdList": []
            })
        })
        .collect()
}

/// A list answer of `action` holding `items` (`totalRows` is their number).
fn list_body(action: &Action, items: &[Value], request_id: &str, format: Format) -> String {
    let list = action.list.map_or("", |l| l.name);
    let fields = Map::from_iter([(list.to_string(), Value::Array(items.to_vec()))]);
    render_response(action, &fields, request_id, format)
}

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(10_000);
    let images = server_images(n);
    let members = member_images();
    let mut bodies: HashMap<(String, &'static str), Bytes> = HashMap::new();
    for format in [Format::Json, Format::Xml] {
        let f = format.as_str();
        let list = list_body(&a::VSERVER_GET_SERVER_IMAGE_LIST, &images, "bench-list", format);
        bodies.insert(("/vserver/v2/getServerImageList".into(), f), Bytes::from(list));
        let detail = list_body(
            &a::VSERVER_GET_SERVER_IMAGE_DETAIL,
            &images[..1],
            "bench-detail",
            format,
        );
        bodies.insert(("/vserver/v2/getServerImageDetail".into(), f), Bytes::from(detail));
        let classic = list_body(
            &a::SERVER_GET_MEMBER_SERVER_IMAGE_LIST,
            &members,
            "bench-classic",
            format,
        );
        bodies.insert(("/server/v2/getMemberServerImageList".into(), f), Bytes::from(classic));
    }
    let bodies = Arc::new(bodies);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    rt.block_on(async move {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1:0");
        let port = listener.local_addr().expect("local addr").port();
        println!("listening {port}");
        let _ = std::io::stdout().flush();
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                continue;
            };
            let _ = stream.set_nodelay(true);
            let bodies = bodies.clone();
            tokio::spawn(async move {
                let service = service_fn(move |req: Request<hyper::body::Incoming>| {
                    let bodies = bodies.clone();
                    async move {
                        let path = req.uri().path().to_string();
                        let format = if req.uri().query().unwrap_or("").contains("responseFormatType=xml") {
                            "xml"
                        } else {
                            "json"
                        };
                        // Read the request body whole, as a real server would.
                        let _ = req.into_body().collect().await;
                        let (status, body, ctype) = match bodies.get(&(path, format)) {
                            Some(b) => (
                                200,
                                b.clone(),
                                if format == "xml" {
                                    "application/xml"
                                } else {
                                    "application/json"
                                },
                            ),
                            None => (
                                404,
                                Bytes::from_static(b"{\"error\":{\"errorCode\":\"404\",\"message\":\"Not Found\"}}"),
                                "application/json",
                            ),
                        };
                        let resp = Response::builder()
                            .status(status)
                            .header("content-type", ctype)
                            .body(Full::new(body))
                            .unwrap_or_else(|_| Response::new(Full::new(Bytes::new())));
                        Ok::<_, Infallible>(resp)
                    }
                });
                let _ = http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });
}
