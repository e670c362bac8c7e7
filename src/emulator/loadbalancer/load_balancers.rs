//! Classic load balancers: their rules and servers (kept as server numbers, shown as the servers
//! themselves with the health each rule sees), and the SSL certificates HTTPS and SSL rules name.
//!
//! Rules from NCP's API reference (createLoadBalancerInstance, changeLoadBalancerInstanceConfiguration,
//! addLoadBalancerSslCertificate): names 3-30 characters, algorithms `RR` | `LC` | `SIPHS`, networks
//! `PBLIP` | `PRVT`, rule protocols `HTTP` | `HTTPS` | `TCP` | `SSL`, ports 1-65534 with no load
//! balancer port twice and none of the ports NCP keeps for itself, a health-check path for HTTP(S)
//! rules, a certificate for HTTPS and SSL rules. Statuses as the old Go SDK's recorded answers show
//! them (the model's `[kinds.LoadBalancerInstance.life]`).

use crate::emulator::handler::prelude::*;
use serde_json::Map;

/// Ports NCP keeps for managing its load balancers (API reference: not usable as a load balancer port).
fn reserved(port: i64) -> bool {
    matches!(port, 22 | 3389 | 64000 | 65130 | 65131 | 18080..=18095)
}

fn algorithm(code: &str) -> Code {
    let name = match code {
        "LC" => "Least Connection",
        "SIPHS" => "Source IP Hash",
        _ => "Round Robin",
    };
    Code::new(code, name)
}

fn network(code: &str) -> Code {
    Code::new(code, if code == "PRVT" { "Private" } else { "Public" })
}

/// A fault of the load balancer API that `faults.rs` has no function for, with its codes: `10404`
/// (no such record), `25013` (cannot take the operation now) and `25035` (in use), as for every other kind.
fn fault(return_code: &'static str, message: String) -> ApiFault {
    ApiFault {
        http_status: 400,
        return_code,
        return_message: message,
    }
}

fn certificate_not_found(name: &str) -> ApiFault {
    fault("10404", format!("The SSL certificate does not exist. ({name})"))
}

/// The checked rules of a create or change call, as the load balancer keeps them.
fn rules(state: &State, p: &Params) -> Result<Vec<LoadBalancerRule>, ApiFault> {
    let mut out = Vec::new();
    let mut ports = Vec::new();
    for (i, r) in p.objects("loadBalancerRuleList").into_iter().enumerate() {
        let at = |field: &str| format!("loadBalancerRuleList.{}.{field}", i + 1);
        let protocol = r.text("protocolTypeCode");
        let port = r.int("loadBalancerPort").unwrap_or_default();
        if reserved(port) {
            return Err(faults::invalid_param(&format!(
                "'{}' {port} is kept by NCP for managing load balancers",
                at("loadBalancerPort")
            )));
        }
        if ports.contains(&port) {
            return Err(faults::invalid_param(&format!(
                "'{}' {port} is used by another rule of this load balancer",
                at("loadBalancerPort")
            )));
        }
        ports.push(port);
        let http = protocol == "HTTP" || protocol == "HTTPS";
        let path = r.str("l7HealthCheckPath").map(str::to_string);
        if http && path.is_none() {
            return Err(faults::missing_param(&[at("l7HealthCheckPath")]));
        }
        if path.as_deref().is_some_and(|p| !p.starts_with('/')) {
            return Err(faults::invalid_param(&format!(
                "'{}' must start with '/'",
                at("l7HealthCheckPath")
            )));
        }
        let certificate = r.str("certificateName").map(str::to_string);
        if protocol == "HTTPS" || protocol == "SSL" {
            let Some(name) = certificate.as_deref() else {
                return Err(faults::missing_param(&[at("certificateName")]));
            };
            if !state
                .classic
                .ssl_certificates
                .iter()
                .any(|c| is(&c.certificate_name, name))
            {
                return Err(certificate_not_found(name));
            }
        }
        let yn = |k: &str| Some(r.str(k).unwrap_or("N").to_string());
        out.push(LoadBalancerRule {
            protocol_type: Some(Code::new(&protocol, &protocol.to_ascii_lowercase())),
            load_balancer_port: Some(port),
            server_port: r.int("serverPort"),
            l7_health_check_path: Some(path.unwrap_or_default()),
            certificate_name: Some(certificate.unwrap_or_default()),
            proxy_protocol_use_yn: yn("proxyProtocolUseYn"),
            sticky_session_use_yn: yn("stickySessionUseYn"),
            http2_use_yn: yn("http2UseYn"),
        });
    }
    Ok(out)
}

/// The servers named, each existing (and not being terminated) in `region`, without repeats.
fn servers(state: &State, nos: &[String], region: &str) -> Result<Vec<String>, ApiFault> {
    let mut out: Vec<String> = Vec::new();
    for no in nos {
        match state.classic.servers.find(no, Some(region)) {
            Some(e) if !e.terminating() => {
                if !out.contains(no) {
                    out.push(no.clone());
                }
            }
            _ => return Err(faults::server_not_found(no)),
        }
    }
    Ok(out)
}

/// A load balancer's wire form, its servers embedded with the health each rule sees: up when the
/// server runs and the load balancer is in service.
fn lb_wire(state: &State, e: &Entry<LoadBalancerInstance>) -> Value {
    let mut w = e.rec.to_wire();
    let in_service = e.rec.status() == "USED" && !e.busy();
    let mut servers = Vec::new();
    for no in e.rec.server_instance_no_list.iter().flatten() {
        let Some(server) = state.classic.servers.find(no, None) else {
            continue;
        };
        let up = in_service && server.rec.status() == "RUN" && !server.busy();
        let health: Vec<Value> = e
            .rec
            .load_balancer_rule_list
            .iter()
            .flatten()
            .map(|r| {
                let mut rule = r.to_wire();
                let mut h = Map::new();
                for key in [
                    "protocolType",
                    "loadBalancerPort",
                    "serverPort",
                    "l7HealthCheckPath",
                    "proxyProtocolUseYn",
                ] {
                    if let Some(v) = rule.remove(key) {
                        h.insert(key.into(), v);
                    }
                }
                h.insert("serverStatus".into(), Value::Bool(up));
                Value::Object(h)
            })
            .collect();
        let mut item = Map::new();
        item.insert("serverInstance".into(), server.wire());
        item.insert("serverHealthCheckStatusList".into(), Value::Array(health));
        servers.push(Value::Object(item));
    }
    w.insert("loadBalancedServerInstanceList".into(), Value::Array(servers));
    Value::Object(w)
}

/// The Classic region a call names (`regionNo`), the first one when it names none.
fn region(state: &State, given: Option<&str>) -> Result<ClassicRegion, ApiFault> {
    let regions = &state.classic.regions;
    let found = match given {
        Some(no) => regions.iter().find(|r| is(&r.region_no, no)),
        None => regions.first(),
    };
    found
        .cloned()
        .ok_or_else(|| faults::invalid_param(&format!("'regionNo' {} is not a region", given.unwrap_or("(none)"))))
}

/// A load balancer that exists and `action` may change now.
fn changeable<'a>(
    state: &'a mut State,
    no: &str,
    action: &str,
) -> Result<&'a mut Entry<LoadBalancerInstance>, ApiFault> {
    state.classic.load_balancers.ready_mut(no, None, action)
}

/// Runs a change on one load balancer and answers it.
fn change(cx: &mut Cx<'_>, no: &str, edit: impl FnOnce(&mut LoadBalancerInstance)) -> Answer {
    let now = cx.now;
    let e = changeable(cx.state, no, cx.action.name)?;
    edit(&mut e.rec);
    e.begin(now, cx.action.name);
    let state = &*cx.state;
    one(
        cx.action,
        state
            .classic
            .load_balancers
            .find(no, None)
            .map(|e| lb_wire(state, e))
            .unwrap_or(Value::Null),
    )
}

/// `getLoadBalancerInstanceList`: by number, or by name with `sortedBy=loadBalancerName`.
pub fn get_load_balancer_instance_list(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let nos = p.list("loadBalancerInstanceNoList");
    let state = &*cx.state;
    let mut entries: Vec<&Entry<LoadBalancerInstance>> = state
        .classic
        .load_balancers
        .iter()
        .filter(|e| text_in(&e.rec.load_balancer_instance_no, &nos))
        .filter(|e| {
            p.str("loadBalancerName")
                .is_none_or(|n| is(&e.rec.load_balancer_name, n))
        })
        .filter(|e| {
            p.str("networkUsageTypeCode")
                .is_none_or(|c| code_in(&e.rec.network_usage_type, &[c.to_string()]))
        })
        .filter(|e| p.str("regionNo").is_none_or(|r| e.in_region(r)))
        .filter(|e| {
            p.str("zoneNo")
                .is_none_or(|z| e.rec.zone.as_ref().is_some_and(|zone| is(&zone.zone_no, z)))
        })
        .collect();
    let number = |e: &&Entry<LoadBalancerInstance>| e.rec.no().parse::<u64>().unwrap_or(u64::MAX);
    if p.str("sortedBy")
        .is_some_and(|b| b.eq_ignore_ascii_case("loadBalancerName"))
    {
        entries.sort_by(|a, b| a.rec.load_balancer_name.cmp(&b.rec.load_balancer_name));
    } else {
        entries.sort_by_key(number);
    }
    if p.str("sortingOrder")
        .is_some_and(|o| o.eq_ignore_ascii_case("descending"))
    {
        entries.reverse();
    }
    let items = entries.into_iter().map(|e| lb_wire(state, e)).collect();
    cx.page(items, &p)
}

/// `getLoadBalancerTargetServerInstanceList`: the servers of the region a load balancer can take.
pub fn get_load_balancer_target_server_instance_list(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let region = region(cx.state, p.str("regionNo"))?;
    let region_no = region.region_no.unwrap_or_default();
    let items = cx
        .state
        .classic
        .servers
        .in_region(&region_no)
        .filter(|e| !e.terminating())
        .map(Entry::wire)
        .collect();
    cx.list(items)
}

/// `createLoadBalancerInstance`: in service after `createDelayMs`.
pub fn create_load_balancer_instance(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let (now, state) = (cx.now, &mut *cx.state);
    let region = region(state, p.str("regionNo"))?;
    let region_no = region.region_no.clone().unwrap_or_default();
    let rules = rules(state, &p)?;
    let servers = servers(state, &p.list("serverInstanceNoList"), &region_no)?;
    if let Some(name) = p.str("loadBalancerName") {
        state.classic.load_balancers.name_free(name, None, None)?;
    }
    let zones: Vec<ClassicZone> = state
        .classic
        .zones
        .iter()
        .filter(|z| is(&z.region_no, &region_no))
        .cloned()
        .collect();
    let wanted = p.list("zoneNoList");
    let zone = match wanted.first() {
        Some(z) => Some(zones.iter().find(|x| is(&x.zone_no, z)).cloned().ok_or_else(|| {
            faults::invalid_param(&format!("'zoneNoList.1' {z} is not a zone of region {region_no}"))
        })?),
        None => servers
            .first()
            .and_then(|no| state.classic.servers.find(no, None))
            .and_then(|e| e.rec.zone.clone())
            .or_else(|| zones.first().cloned()),
    };
    let no = state.next_id();
    let n: u64 = no.parse().unwrap_or_default();
    let network_code = p.str("networkUsageTypeCode").unwrap_or("PBLIP");
    let virtual_ip = if network_code == "PRVT" {
        format!("10.{}.{}.{}", 60 + (n >> 16) % 4, (n >> 8) % 256, n % 254 + 1)
    } else {
        format!("210.89.{}.{}", 180 + (n >> 8) % 16, n % 254 + 1)
    };
    let certificate = rules
        .iter()
        .filter_map(|r| r.certificate_name.clone())
        .find(|c| !c.is_empty())
        .unwrap_or_default();
    let rec = LoadBalancerInstance {
        load_balancer_instance_no: Some(no.clone()),
        virtual_ip: Some(virtual_ip),
        load_balancer_name: Some(
            p.str("loadBalancerName")
                .map_or_else(|| format!("slb-{no}"), str::to_string),
        ),
        load_balancer_algorithm_type: Some(algorithm(p.str("loadBalancerAlgorithmTypeCode").unwrap_or("RR"))),
        load_balancer_description: Some(p.text("loadBalancerDescription")),
        create_date: Some(state.create_date()),
        domain_name: Some(format!("slb-{no}.ncloudslb.com")),
        network_usage_type: Some(network(network_code)),
        is_http_keep_alive: Some(false),
        connection_timeout: Some(60),
        certificate_name: Some(certificate),
        load_balancer_rule_list: Some(rules),
        region: Some(region),
        zone,
        server_instance_no_list: Some(servers),
        ..LoadBalancerInstance::default()
    };
    state
        .classic
        .load_balancers
        .push(Entry::new(rec, now))
        .begin(now, cx.action.name);
    let state = &*cx.state;
    let item = state.classic.load_balancers.find(&no, None).map(|e| lb_wire(state, e));
    cx.list(item.into_iter().collect())
}

/// `changeLoadBalancerInstanceConfiguration`: new algorithm, description and rules.
pub fn change_load_balancer_instance_configuration(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let no = p.text("loadBalancerInstanceNo");
    changeable(cx.state, &no, cx.action.name)?;
    let rules = rules(cx.state, &p)?;
    let algo = algorithm(p.str("loadBalancerAlgorithmTypeCode").unwrap_or("RR"));
    let description = p.str("loadBalancerDescription").map(str::to_string);
    change(cx, &no, move |lb| {
        lb.load_balancer_algorithm_type = Some(algo);
        if description.is_some() {
            lb.load_balancer_description = description;
        }
        lb.certificate_name = Some(
            rules
                .iter()
                .filter_map(|r| r.certificate_name.clone())
                .find(|c| !c.is_empty())
                .unwrap_or_default(),
        );
        lb.load_balancer_rule_list = Some(rules);
    })
}

/// The servers a server-changing call names, checked in the load balancer's region.
fn named_servers(cx: &mut Cx<'_>, p: &Params, no: &str) -> Result<Vec<String>, ApiFault> {
    let e = changeable(cx.state, no, cx.action.name)?;
    let region = e.region.clone().unwrap_or_default();
    servers(cx.state, &p.list("serverInstanceNoList"), &region)
}

/// `changeLoadBalancedServerInstances`: these servers, and only these, behind the load balancer.
pub fn change_load_balanced_server_instances(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let no = p.text("loadBalancerInstanceNo");
    let servers = named_servers(cx, &p, &no)?;
    change(cx, &no, |lb| lb.server_instance_no_list = Some(servers))
}

/// `addServerInstancesToLoadBalancer`
pub fn add_server_instances_to_load_balancer(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let no = p.text("loadBalancerInstanceNo");
    let added = named_servers(cx, &p, &no)?;
    change(cx, &no, |lb| {
        let list = lb.server_instance_no_list.get_or_insert_with(Vec::new);
        for s in added {
            if !list.contains(&s) {
                list.push(s);
            }
        }
    })
}

/// `deleteServerInstancesFromLoadBalancer`: every server named must be behind the load balancer.
pub fn delete_server_instances_from_load_balancer(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let no = p.text("loadBalancerInstanceNo");
    let e = changeable(cx.state, &no, cx.action.name)?;
    let current = e.rec.server_instance_no_list.clone().unwrap_or_default();
    let removed = p.list("serverInstanceNoList");
    if let Some(missing) = removed.iter().find(|s| !current.contains(s)) {
        return Err(faults::invalid_param(&format!(
            "server instance {missing} is not behind load balancer {no}"
        )));
    }
    change(cx, &no, |lb| {
        lb.server_instance_no_list = Some(current.into_iter().filter(|s| !removed.contains(s)).collect());
    })
}

/// `deleteLoadBalancerInstances`: terminating, then gone after `deleteDelayMs`.
pub fn delete_load_balancer_instances(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let nos = p.list("loadBalancerInstanceNoList");
    for no in &nos {
        changeable(cx.state, no, cx.action.name)?;
    }
    let now = cx.now;
    for no in &nos {
        if let Some(e) = cx.state.classic.load_balancers.find_mut(no, None) {
            e.begin(now, cx.action.name);
        }
    }
    let state = &*cx.state;
    let items = nos
        .iter()
        .filter_map(|no| state.classic.load_balancers.find(no, None))
        .map(|e| lb_wire(state, e))
        .collect();
    cx.list(items)
}

/// `getLoadBalancedServerInstanceList`: the servers behind a load balancer.
pub fn get_load_balanced_server_instance_list(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let no = p.str("loadBalancerInstanceNo").unwrap_or_default();
    let state = &*cx.state;
    let e = state.classic.load_balancers.found(no, None)?;
    let items = e
        .rec
        .server_instance_no_list
        .iter()
        .flatten()
        .filter_map(|s| state.classic.servers.find(s, None))
        .map(Entry::wire)
        .collect();
    cx.list(items)
}

/// `getLoadBalancerSslCertificateList`
pub fn get_load_balancer_ssl_certificate_list(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let name = p.str("certificateName");
    let items = cx
        .state
        .classic
        .ssl_certificates
        .iter()
        .filter(|c| name.is_none_or(|n| is(&c.certificate_name, n)))
        .map(wire)
        .collect();
    cx.list(items)
}

/// `addLoadBalancerSslCertificate`: a new name (`10300` when taken); the key and the certificate must
/// be PEM text.
pub fn add_load_balancer_ssl_certificate(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let name = p.text("certificateName");
    for (key, label) in [
        ("privateKey", "PRIVATE KEY-----"),
        ("publicKeyCertificate", "CERTIFICATE-----"),
    ] {
        let text = p.str(key).unwrap_or_default();
        if !(text.contains("-----BEGIN ") && text.contains(label)) {
            return Err(faults::invalid_param(&format!(
                "'{key}' must be PEM text (-----BEGIN ...{label})"
            )));
        }
    }
    let certs = &mut cx.state.classic.ssl_certificates;
    if certs.iter().any(|c| is(&c.certificate_name, &name)) {
        return Err(faults::name_in_use(&name));
    }
    let cert = SslCertificate {
        certificate_name: Some(name),
        private_key: p.str("privateKey").map(str::to_string),
        public_key_certificate: p.str("publicKeyCertificate").map(str::to_string),
        certificate_chain: Some(p.text("certificateChain")),
    };
    let item = wire(&cert);
    certs.push(cert);
    one(cx.action, item)
}

/// `deleteLoadBalancerSslCertificate`: not while a load balancer's rule uses it (`25035`, a record in use).
pub fn delete_load_balancer_ssl_certificate(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let name = p.text("certificateName");
    let state = &mut *cx.state;
    let in_use = state.classic.load_balancers.iter().find(|e| {
        e.rec
            .load_balancer_rule_list
            .iter()
            .flatten()
            .any(|r| is(&r.certificate_name, &name))
    });
    if let Some(lb) = in_use {
        return Err(fault(
            "25035",
            format!(
                "The SSL certificate is in use by load balancer instance {} and cannot be deleted now. ({name})",
                lb.rec.no()
            ),
        ));
    }
    let certs = &mut state.classic.ssl_certificates;
    let i = certs
        .iter()
        .position(|c| is(&c.certificate_name, &name))
        .ok_or_else(|| certificate_not_found(&name))?;
    let cert = certs.remove(i);
    one(cx.action, wire(&cert))
}
