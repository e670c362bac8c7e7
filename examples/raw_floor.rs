//! The raw reqwest floor of `npm run bench -- peers` (bench/peers.js): the same signed POSTs this
//! package sends (same reqwest client settings, same signing code), with no N-API, no validation and
//! no decoding (the body is received whole and dropped). Prints one JSON line of figures.
//!
//! `cargo run --release --example raw_floor -- <endpoint> <env/action> <json|xml> <calls> <in flight> [warm-up]`

use futures::future::join_all;
use ncloud::signing;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

const ACCESS_KEY: &str = "bench-access-key";
const SECRET_KEY: &str = "bench-secret-key";

/// (user + system CPU seconds, peak RSS bytes) of this process, from /proc.
fn usage() -> (f64, u64) {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which is in parentheses): utime is the 14th field overall.
    let after = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or("");
    let f: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    let cpu = (ticks(11) + ticks(12)) / 100.0;
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let hwm = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(0);
    (cpu, hwm * 1024)
}

async fn one(http: &reqwest::Client, endpoint: &str, path: &str, format: &str, form: &str) -> usize {
    let request_uri = format!("{path}?responseFormatType={format}");
    let url = format!("{endpoint}{request_uri}");
    let ts = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or(0)
        .to_string();
    let sig = signing::sign(SECRET_KEY, "POST", &request_uri, &ts, ACCESS_KEY);
    let resp = http
        .post(&url)
        .header("content-type", "application/x-www-form-urlencoded; charset=utf-8")
        .header(
            "accept",
            if format == "xml" {
                "application/xml"
            } else {
                "application/json"
            },
        )
        .header(signing::HEADER_TIMESTAMP, &ts)
        .header(signing::HEADER_ACCESS_KEY, ACCESS_KEY)
        .header(signing::HEADER_SIGNATURE_V2, sig)
        .body(form.to_string())
        .send()
        .await
        .expect("request");
    assert!(resp.status().is_success(), "HTTP {}", resp.status());
    resp.bytes().await.expect("body").len()
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 6 {
        eprintln!("usage: raw_floor <endpoint> <path> <json|xml> <calls> <in flight> [warm-up]");
        std::process::exit(2);
    }
    let endpoint = args[1].trim_end_matches('/').to_string();
    let path = args[2].clone();
    let format = args[3].clone();
    let calls: usize = args[4].parse().expect("calls");
    let inflight: usize = args[5].parse::<usize>().expect("in flight").max(1);
    let warmup: usize = args.get(6).and_then(|v| v.parse().ok()).unwrap_or(0);
    let form = if path.starts_with("/vserver/") {
        if path.ends_with("Detail") {
            "regionCode=KR&serverImageNo=7000001"
        } else {
            "regionCode=KR"
        }
    } else {
        ""
    };
    let http = reqwest::Client::builder()
        .user_agent(ncloud::transport::USER_AGENT)
        .connect_timeout(Duration::from_secs(5))
        .timeout(Duration::from_secs(30))
        .pool_idle_timeout(Duration::from_secs(60))
        .build()
        .expect("client");
    for _ in 0..warmup {
        one(&http, &endpoint, &path, &format, form).await;
    }
    let (cpu0, _) = usage();
    let start = Instant::now();
    let next = Arc::new(AtomicUsize::new(0));
    let workers = (0..inflight.min(calls.max(1))).map(|_| {
        let (http, endpoint, path, format, next) = (
            http.clone(),
            endpoint.clone(),
            path.clone(),
            format.clone(),
            next.clone(),
        );
        tokio::spawn(async move {
            let mut bytes = 0usize;
            while next.fetch_add(1, Ordering::Relaxed) < calls {
                bytes += one(&http, &endpoint, &path, &format, form).await;
            }
            bytes
        })
    });
    let bytes: usize = join_all(workers).await.into_iter().map(|r| r.unwrap_or(0)).sum();
    let secs = start.elapsed().as_secs_f64();
    let (cpu1, peak) = usage();
    println!(
        "{{\"calls\":{calls},\"seconds\":{secs},\"cpuSeconds\":{},\"peakRssBytes\":{peak},\"bytes\":{bytes}}}",
        cpu1 - cpu0
    );
}
