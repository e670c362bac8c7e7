//! Runs one method many times through the whole Rust call path (`service::call`: the parameters' JSON
//! text, validation, encoding, signing, reqwest, decoding, shaping; everything but the N-API crossing)
//! against a server such as `peer_server`, for profiling:
//! `valgrind --tool=callgrind target/release/examples/profile_call <endpoint> <method> <json|xml> <calls>`.

use ncloud::service::{self, CallDefaults};
use ncloud::transport::{Secret, Transport, TransportConfig};
use ncloud::wire::Format;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let endpoint = args.get(1).cloned().unwrap_or_else(|| "http://127.0.0.1:8080".into());
    let name = args.get(2).cloned().unwrap_or_else(|| "getServerImageDetail".into());
    let format = Format::parse(args.get(3).map(String::as_str).unwrap_or("json")).unwrap_or(Format::Json);
    let calls: usize = args.get(4).and_then(|v| v.parse().ok()).unwrap_or(1000);
    let method = service::method(&name).expect("known method");
    let params = if name == "getServerImageDetail" {
        r#"{"serverImageNo":"7000001"}"#
    } else {
        "{}"
    };
    let mut config = TransportConfig::new(
        endpoint,
        "bench-access-key".into(),
        Secret::new("bench-secret-key".into()),
    );
    config.format = format;
    config.max_retries = 0;
    let transport = Transport::new(config).expect("transport");
    let defaults = CallDefaults {
        region_code: Some("KR".into()),
        region_no: None,
        ..CallDefaults::default()
    };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        let mut bytes = 0usize;
        for _ in 0..calls {
            bytes += service::call(&transport, method, params, &defaults, &mut ())
                .await
                .expect("call")
                .len();
        }
        println!("{calls} calls, {bytes} result bytes");
    });
}
