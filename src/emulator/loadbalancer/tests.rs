//! The load balancer handlers driven without HTTP (as `emulator::tests` does): a load balancer's life
//! on the timers, its servers' health, its rules, its certificates.

use crate::emulator::faults::ApiFault;
use crate::emulator::handler::{Cx, Fields};
use crate::emulator::route::dispatch;
use crate::emulator::rules;
use crate::emulator::state::{resolve_fixture, State};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

fn call_at(state: &mut State, name: &str, query: &str, now: Instant) -> Result<Fields, ApiFault> {
    let action = crate::catalog::action_of("loadbalancer", name).expect("an action");
    let pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes()).into_owned().collect();
    let raw = rules::parse(&pairs).expect("readable");
    state.tick(now);
    dispatch(&mut Cx::new(state, action, raw, now))
}

const CERT: &str = "certificateName=web&privateKey=-----BEGIN%20RSA%20PRIVATE%20KEY-----%0Ax%0A-----END%20RSA%20PRIVATE%20KEY-----&publicKeyCertificate=-----BEGIN%20CERTIFICATE-----%0Ay%0A-----END%20CERTIFICATE-----";

#[test]
fn a_load_balancer_lives_on_the_timers_with_its_servers_health() {
    let fixture =
        json!({"settings": {"createDelayMs": 50, "deleteDelayMs": 30, "operationDelayMs": 20}, "ids": ["810982"]});
    let mut s = State::new(resolve_fixture(Some(&fixture)).expect("fixture"));
    let t0 = Instant::now();
    let ms = |n: u64| t0 + Duration::from_millis(n);
    let list = "loadBalancerInstanceList";
    let q = "loadBalancerName=web-lb&serverInstanceNoList.1=492964&loadBalancerRuleList.1.protocolTypeCode=HTTP\
             &loadBalancerRuleList.1.loadBalancerPort=80&loadBalancerRuleList.1.serverPort=8080\
             &loadBalancerRuleList.1.l7HealthCheckPath=/health";
    let made = call_at(&mut s, "createLoadBalancerInstance", q, t0).unwrap();
    let lb = &made[list][0];
    assert_eq!(lb["loadBalancerInstanceNo"], json!("810982"));
    assert_eq!(lb["loadBalancerInstanceStatusName"], json!("creating"));
    assert_eq!(
        lb["loadBalancerInstanceStatus"],
        json!({"code": "INIT", "codeName": "NET INIT state"})
    );
    assert_eq!(
        lb["loadBalancerInstanceOperation"],
        json!({"code": "USE", "codeName": "NET USE OP"})
    );
    assert_eq!(lb["domainName"], json!("slb-810982.ncloudslb.com"));
    assert_eq!(
        lb["loadBalancerAlgorithmType"],
        json!({"code": "RR", "codeName": "Round Robin"})
    );
    let server = &lb["loadBalancedServerInstanceList"][0];
    assert_eq!(server["serverInstance"]["serverInstanceNo"], json!("492964"));
    // Not in service yet: every rule sees the server down.
    assert_eq!(server["serverHealthCheckStatusList"][0]["serverStatus"], json!(false));
    assert_eq!(
        server["serverHealthCheckStatusList"][0]["l7HealthCheckPath"],
        json!("/health")
    );
    // A second one of the same name is refused; so is a change while it is being created.
    assert_eq!(
        call_at(&mut s, "createLoadBalancerInstance", q, ms(1))
            .unwrap_err()
            .return_code,
        "10300"
    );
    let swap = "loadBalancerInstanceNo=810982&serverInstanceNoList.1=491049";
    let busy = call_at(&mut s, "changeLoadBalancedServerInstances", swap, ms(2)).unwrap_err();
    assert_eq!(busy.return_code, "25013");

    let used = call_at(
        &mut s,
        "getLoadBalancerInstanceList",
        "loadBalancerInstanceNoList.1=810982",
        ms(50),
    )
    .unwrap();
    let lb = &used[list][0];
    assert_eq!(lb["loadBalancerInstanceStatusName"], json!("used"));
    assert_eq!(lb["loadBalancerInstanceStatus"]["code"], json!("USED"));
    assert_eq!(
        lb["loadBalancedServerInstanceList"][0]["serverHealthCheckStatusList"][0]["serverStatus"],
        json!(true),
        "the running server is up behind a load balancer in service"
    );

    let changed = call_at(&mut s, "changeLoadBalancedServerInstances", swap, ms(51)).unwrap();
    assert_eq!(changed[list][0]["loadBalancerInstanceStatusName"], json!("changing"));
    assert_eq!(
        changed[list][0]["loadBalancerInstanceOperation"]["codeName"],
        json!("NET CHANGE OP")
    );
    let behind = call_at(
        &mut s,
        "getLoadBalancedServerInstanceList",
        "loadBalancerInstanceNo=810982",
        ms(71),
    )
    .unwrap();
    let nos: Vec<&Value> = behind["serverInstanceList"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| &v["serverInstanceNo"])
        .collect();
    assert_eq!(nos, [&json!("491049")]);
    let missing = call_at(
        &mut s,
        "addServerInstancesToLoadBalancer",
        "loadBalancerInstanceNo=810982&serverInstanceNoList.1=9",
        ms(72),
    );
    assert_eq!(missing.unwrap_err().return_code, "24120");

    let del = call_at(
        &mut s,
        "deleteLoadBalancerInstances",
        "loadBalancerInstanceNoList.1=810982",
        ms(100),
    )
    .unwrap();
    assert_eq!(
        del[list][0]["loadBalancerInstanceOperation"]["codeName"],
        json!("NET TERMINATED OP")
    );
    let gone = call_at(&mut s, "getLoadBalancerInstanceList", "", ms(130)).unwrap();
    assert_eq!(gone["totalRows"], json!(0));
    let none = call_at(
        &mut s,
        "deleteLoadBalancerInstances",
        "loadBalancerInstanceNoList.1=810982",
        ms(131),
    );
    assert_eq!(none.unwrap_err().return_code, "10404");
}

#[test]
fn rules_are_checked_as_the_reference_says() {
    let mut s = State::new(resolve_fixture(None).expect("fixture"));
    let now = Instant::now();
    let rule = |extra: &str| {
        format!("loadBalancerRuleList.1.protocolTypeCode=HTTP&loadBalancerRuleList.1.serverPort=80{extra}")
    };
    let no_path = call_at(
        &mut s,
        "createLoadBalancerInstance",
        &rule("&loadBalancerRuleList.1.loadBalancerPort=80"),
        now,
    );
    let no_path = no_path.unwrap_err();
    assert_eq!(no_path.return_code, "900");
    assert!(
        no_path
            .return_message
            .ends_with("loadBalancerRuleList.1.l7HealthCheckPath"),
        "{}",
        no_path.return_message
    );
    let kept = call_at(
        &mut s,
        "createLoadBalancerInstance",
        &rule("&loadBalancerRuleList.1.loadBalancerPort=22&loadBalancerRuleList.1.l7HealthCheckPath=/"),
        now,
    );
    assert_eq!(kept.unwrap_err().return_code, "901");
    let twice = "loadBalancerRuleList.1.protocolTypeCode=TCP&loadBalancerRuleList.1.loadBalancerPort=80&loadBalancerRuleList.1.serverPort=80\
                 &loadBalancerRuleList.2.protocolTypeCode=TCP&loadBalancerRuleList.2.loadBalancerPort=80&loadBalancerRuleList.2.serverPort=81";
    assert_eq!(
        call_at(&mut s, "createLoadBalancerInstance", twice, now)
            .unwrap_err()
            .return_code,
        "901"
    );
    let none = call_at(&mut s, "createLoadBalancerInstance", "loadBalancerName=abc", now).unwrap_err();
    assert_eq!(
        none.return_message,
        "Required field is not specified. location : loadBalancerRuleList"
    );
    let https = "loadBalancerRuleList.1.protocolTypeCode=HTTPS&loadBalancerRuleList.1.loadBalancerPort=443&loadBalancerRuleList.1.serverPort=80\
                 &loadBalancerRuleList.1.l7HealthCheckPath=/&loadBalancerRuleList.1.certificateName=web";
    // The certificate must exist; once added, it cannot be deleted while a rule uses it.
    assert_eq!(
        call_at(&mut s, "createLoadBalancerInstance", https, now)
            .unwrap_err()
            .return_code,
        "10404"
    );
    let added = call_at(&mut s, "addLoadBalancerSslCertificate", CERT, now).unwrap();
    assert_eq!(added["sslCertificateList"][0]["certificateName"], json!("web"));
    assert_eq!(
        call_at(&mut s, "addLoadBalancerSslCertificate", CERT, now)
            .unwrap_err()
            .return_code,
        "10300"
    );
    let made = call_at(&mut s, "createLoadBalancerInstance", https, now).unwrap();
    assert_eq!(made["loadBalancerInstanceList"][0]["certificateName"], json!("web"));
    let used = call_at(&mut s, "deleteLoadBalancerSslCertificate", "certificateName=web", now).unwrap_err();
    assert_eq!(used.return_code, "25035");
    let listed = call_at(&mut s, "getLoadBalancerSslCertificateList", "certificateName=web", now).unwrap();
    assert_eq!(listed["totalRows"], json!(1));
    let bad_pem = call_at(
        &mut s,
        "addLoadBalancerSslCertificate",
        "certificateName=x&privateKey=a&publicKeyCertificate=b",
        now,
    );
    assert_eq!(bad_pem.unwrap_err().return_code, "901");
    let targets = call_at(&mut s, "getLoadBalancerTargetServerInstanceList", "regionNo=1", now).unwrap();
    assert!(targets["totalRows"].as_u64().unwrap() >= 1);
}
