//! Classic port forwarding: each zone has one configuration (a public IP, fixture key
//! `portForwardingConfigurations`); its rules forward an external port (1024-65534, NCP's Classic
//! reference) to a server of the zone (`25042` for another; one rule per server: its
//! `portForwardingExternalPort`). A port already forwarded is refused (`25038`), a server already
//! forwarded too (`25035`); deleting a rule that does not exist is `10404`.

use super::common;
use crate::emulator::handler::prelude::*;

fn config(state: &State, no: &str) -> Result<PortForwardingConfiguration, ApiFault> {
    state
        .classic
        .port_forwarding_configurations
        .iter()
        .find(|c| is(&c.port_forwarding_configuration_no, no))
        .cloned()
        .ok_or_else(|| faults::product_not_found("port forwarding configuration", no))
}

/// A configuration's number, public IP and zone, as its rules and their answers show them.
fn config_fields(c: &PortForwardingConfiguration) -> Fields {
    let mut v = Fields::new();
    v.insert(
        "portForwardingConfigurationNo".into(),
        c.port_forwarding_configuration_no.clone().into(),
    );
    v.insert(
        "portForwardingPublicIp".into(),
        c.port_forwarding_public_ip.clone().into(),
    );
    if let Some(z) = &c.zone {
        v.insert("zone".into(), wire(z));
    }
    v
}

/// A rule's answer: its configuration's IP and zone, and its server.
fn rule_answer(state: &State, c: &PortForwardingConfiguration, r: &PortForwardingRule) -> Value {
    let mut v = config_fields(c);
    v.insert(
        "portForwardingExternalPort".into(),
        r.port_forwarding_external_port.into(),
    );
    v.insert(
        "portForwardingInternalPort".into(),
        r.port_forwarding_internal_port.into(),
    );
    if let Some(s) = r
        .server_instance_no
        .as_deref()
        .and_then(|s| state.classic.servers.find(s, None))
    {
        v.insert("serverInstance".into(), s.wire());
    }
    Value::Object(v)
}

/// The answer of the rule actions: the configuration's rules, its number, IP, zone and line type.
fn rules_answer(cx: &Cx<'_>, c: &PortForwardingConfiguration) -> Answer {
    let state = &*cx.state;
    let items: Vec<Value> = state
        .classic
        .port_forwarding_rules
        .iter()
        .filter(|r| r.port_forwarding_configuration_no == c.port_forwarding_configuration_no)
        .map(|r| rule_answer(state, c, r))
        .collect();
    let mut f = cx.list(items)?;
    f.extend(config_fields(c));
    if let Some(t) = &c.internet_line_type {
        f.insert(
            "internetLineType".into(),
            serde_json::to_value(t).unwrap_or(Value::Null),
        );
    }
    Ok(f)
}

/// The server fields a rule sets (or clears: the ports; the zone's IP stays, as NCP shows it on every
/// server of the zone).
fn show_on_server(state: &mut State, server: &str, forward: Option<(&str, i64, i64)>) {
    if let Some(e) = state.classic.servers.find_mut(server, None) {
        let (ext, int) = match forward {
            Some((ip, ext, int)) => {
                e.rec.port_forwarding_public_ip = Some(ip.to_string());
                (Some(ext), Some(int))
            }
            None => (None, None),
        };
        e.rec.port_forwarding_external_port = ext;
        e.rec.port_forwarding_internal_port = int;
    }
}

/// `getPortForwardingConfigurationList`
pub fn get_port_forwarding_configuration_list(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let servers = p.list("serverInstanceNoList");
    let ips = p.list("portForwardingPublicIpList");
    let state = &*cx.state;
    let items = state
        .classic
        .port_forwarding_configurations
        .iter()
        .filter(|c| text_in(&c.port_forwarding_public_ip, &ips))
        .filter(|c| {
            p.str("regionNo").is_none_or(|r| {
                c.zone
                    .as_ref()
                    .is_none_or(|z| z.region_no.as_deref().is_none_or(|x| x == r))
            })
        })
        .map(|c| {
            let nos: Vec<String> = state
                .classic
                .port_forwarding_rules
                .iter()
                .filter(|r| r.port_forwarding_configuration_no == c.port_forwarding_configuration_no)
                .filter_map(|r| r.server_instance_no.clone())
                .collect();
            let mut v = c.to_wire();
            v.insert("serverInstanceNoList".into(), Value::from(nos));
            Value::Object(v)
        })
        .filter(|v| {
            servers.is_empty()
                || v["serverInstanceNoList"]
                    .as_array()
                    .is_some_and(|a| a.iter().any(|s| servers.iter().any(|x| s == x)))
        })
        .collect();
    cx.list(items)
}

/// `getPortForwardingRuleList`: the rules of a zone's configuration (`zoneNo`, else the region's first
/// zone).
pub fn get_port_forwarding_rule_list(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let region_no = common::region_no(cx);
    let zone = common::zone(cx.state, &region_no, p.str("zoneNo"))?;
    let found = cx
        .state
        .classic
        .port_forwarding_configurations
        .iter()
        .find(|c| common::zone_no(&c.zone) == zone.zone_no.as_deref())
        .cloned();
    match found {
        Some(c) => rules_answer(cx, &c),
        None => cx.list(Vec::new()),
    }
}

/// `addPortForwardingRules`
pub fn add_port_forwarding_rules(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let c = config(cx.state, p.str("portForwardingConfigurationNo").unwrap_or_default())?;
    let no = c.port_forwarding_configuration_no.clone();
    let mut new: Vec<PortForwardingRule> = Vec::new();
    for r in p.objects("portForwardingRuleList") {
        let server = r.str("serverInstanceNo").unwrap_or_default();
        let ext = r.int("portForwardingExternalPort").unwrap_or_default();
        let s = common::server(cx.state, server)?;
        if common::zone_no(&s.rec.zone) != common::zone_no(&c.zone) {
            return Err(faults::mismatch(format!(
                "The server {server} is not in the zone of port forwarding configuration {}.",
                no.as_deref().unwrap_or_default()
            )));
        }
        let rules = cx.state.classic.port_forwarding_rules.iter().chain(new.iter());
        for old in rules.filter(|o| o.port_forwarding_configuration_no == no) {
            if old.port_forwarding_external_port == Some(ext) {
                return Err(faults::address_conflict(format!(
                    "The external port {ext} is in use by another rule."
                )));
            }
            if is(&old.server_instance_no, server) {
                return Err(faults::in_use(
                    Kind::ClassicServerInstance,
                    server,
                    "another port-forwarding rule",
                ));
            }
        }
        new.push(PortForwardingRule {
            port_forwarding_configuration_no: no.clone(),
            port_forwarding_external_port: Some(ext),
            port_forwarding_internal_port: r.int("portForwardingInternalPort"),
            server_instance_no: Some(server.to_string()),
            ..PortForwardingRule::default()
        });
    }
    let ip = c.port_forwarding_public_ip.clone().unwrap_or_default();
    for r in &new {
        let server = r.server_instance_no.clone().unwrap_or_default();
        let (ext, int) = (
            r.port_forwarding_external_port.unwrap_or_default(),
            r.port_forwarding_internal_port.unwrap_or_default(),
        );
        show_on_server(cx.state, &server, Some((&ip, ext, int)));
    }
    cx.state.classic.port_forwarding_rules.extend(new);
    rules_answer(cx, &c)
}

/// `deletePortForwardingRules`: each rule named (external port, internal port and server) must exist.
pub fn delete_port_forwarding_rules(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let c = config(cx.state, p.str("portForwardingConfigurationNo").unwrap_or_default())?;
    let no = c.port_forwarding_configuration_no.clone();
    let mut gone = Vec::new();
    for r in p.objects("portForwardingRuleList") {
        let server = r.text("serverInstanceNo");
        let ext = r.int("portForwardingExternalPort");
        let int = r.int("portForwardingInternalPort");
        let i = cx
            .state
            .classic
            .port_forwarding_rules
            .iter()
            .position(|o| {
                o.port_forwarding_configuration_no == no
                    && o.port_forwarding_external_port == ext
                    && o.port_forwarding_internal_port == int
                    && is(&o.server_instance_no, &server)
            })
            .ok_or_else(|| {
                faults::product_not_found("port forwarding rule", &format!("{}:{server}", ext.unwrap_or_default()))
            })?;
        if !gone.contains(&i) {
            gone.push(i);
        }
    }
    gone.sort_unstable();
    for i in gone.into_iter().rev() {
        let r = cx.state.classic.port_forwarding_rules.remove(i);
        show_on_server(cx.state, r.server_instance_no.as_deref().unwrap_or_default(), None);
    }
    rules_answer(cx, &c)
}
