//! The emulator's declarations in the model (`[kinds.*]`, their life cycles, the look-ups by
//! convention) are checked like the rest of the model: the build's own reader run on the real files
//! and on broken copies, each of which must be refused with the entry named.

include!("common/build_modules.rs");
include!("common/model_copy.rs");

fn refused(file: &str, from: &str, to: &str, words: &[&str]) {
    let err = load_with(file, from, to)
        .err()
        .unwrap_or_else(|| panic!("accepted: {to}"));
    for w in words {
        assert!(err.contains(w), "'{w}' not in: {err}");
    }
}

#[test]
fn the_kinds_read_and_broken_ones_are_refused_with_the_entry_named() {
    let set = model::load(&model_dir()).expect("the model loads");
    assert!(set.kinds.len() >= 40, "{}", set.kinds.len());
    assert!(set.kinds.iter().filter(|k| k.life.is_some()).count() >= 20);
    refused(
        "vpc.toml",
        "id = \"subnetNo\"",
        "id = \"subnetNumber\"",
        &["kinds.Subnet", "subnetNumber"],
    );
    refused(
        "vpc.toml",
        "stores = [\"vpc.subnets\"]",
        "stores = [\"vpc.vpcs\"]",
        &["vpc.vpcs", "another kind's"],
    );
}

#[test]
fn a_life_names_actions_of_the_model_and_phases_of_its_own() {
    refused(
        "vpc.toml",
        "\"deleteSubnet: RUN -> terminating ~delete> gone\"",
        "\"removeSubnet: RUN -> terminating ~delete> gone\"",
        &["kinds.Subnet", "removeSubnet", "no action"],
    );
    refused(
        "vpc.toml",
        "\"deleteSubnet: RUN -> terminating ~delete> gone\"",
        "\"deleteSubnet: RUN -> ending ~delete> gone\"",
        &["kinds.Subnet", "no phase 'ending'"],
    );
    refused(
        "vpc.toml",
        "\"deleteSubnet: RUN -> terminating ~delete> gone\"",
        "\"deleteSubnet: RUNNING -> terminating ~delete> gone\"",
        &["kinds.Subnet", "RUNNING"],
    );
}

/// A kind's rendering names fields of its record and of the kinds it embeds, with values of their type.
#[test]
fn a_rendering_names_fields_it_can_fill_from_what_the_record_holds() {
    let set = model::load(&model_dir()).expect("the model loads");
    let ip = set
        .kinds
        .iter()
        .find(|k| k.name == "ClassicPublicIpInstance")
        .expect("kind");
    assert_eq!(ip.render.embed.len(), 1);
    let pf = set
        .kinds
        .iter()
        .find(|k| k.name == "PortForwardingConfiguration")
        .expect("kind");
    assert!(
        matches!(&pf.render.embed[0].1, render::Source::Children { parent, .. } if parent == "portForwardingConfigurationNo")
    );
    refused(
        "server.toml",
        "embed = [\"serverInstanceAssociatedWithPublicIp: serverInstanceNo\"]",
        "embed = [\"serverInstanceAssociatedWithPublicIp: serverNo\"]",
        &["kinds.ClassicPublicIpInstance", "render", "serverNo"],
    );
    refused(
        "server.toml",
        "embed = [\"serverInstanceAssociatedWithPublicIp: serverInstanceNo\"]",
        "embed = [\"publicIpDescription: serverInstanceNo\", \"createDate: zone\"]",
        &["kinds.ClassicPublicIpInstance", "createDate"],
    );
    refused(
        "server.toml",
        "embed = [\"serverInstanceAssociatedWithPublicIp: serverInstanceNo\"]",
        "defaults = { publicIpKindType = true }",
        &["kinds.ClassicPublicIpInstance", "defaults.publicIpKindType", "type"],
    );
    refused(
        "server.toml",
        "embed = [\"serverInstanceAssociatedWithPublicIp: serverInstanceNo\"]",
        "copies = { createDate = \"region\" }",
        &["kinds.ClassicPublicIpInstance", "copies.createDate"],
    );
    refused(
        "loadbalancer.toml",
        "hook = \"load_balancers::server_health\"",
        "hook = \"server_health\"",
        &["kinds.LoadBalancerInstance", "hook"],
    );
}

/// A waiter cannot wait for a state the emulator never reaches.
#[test]
fn a_waiter_waiting_for_a_state_no_record_rests_in_is_refused() {
    refused(
        "vserver.toml",
        "\"success serverInstanceStatus.code = NSTOP\"",
        "\"success serverInstanceStatus.code = FSTOP\"",
        &["waitForServerInstanceStopped", "FSTOP", "ServerInstance"],
    );
    refused(
        "server.toml",
        "\"success publicIpInstanceStatus.code in CREAT|USED\"",
        "\"success publicIpInstanceStatus.code in CREAT|SET\"",
        &["waitForPublicIpInstance", "SET"],
    );
}

#[test]
fn look_ups_by_convention_are_found_and_a_parameter_without_a_field_is_left_to_a_handler() {
    let set = model::load(&model_dir()).expect("the model loads");
    let of = |api: &str, name: &str| {
        let a = set
            .actions
            .iter()
            .find(|a| set.apis[a.api].name == api && a.name == name)
            .expect("action");
        lookups::of(&set, a)
    };
    let vpcs = of("vpc", "getVpcList").expect("getVpcList is a look-up");
    assert!(vpcs.by_convention());
    assert_eq!(vpcs.store, ("vpc".to_string(), "vpcs".to_string()));
    assert!(vpcs
        .filters
        .iter()
        .any(|f| f.param == "vpcStatusCode" && f.field == ["vpcStatus"]));
    let detail = of("vserver", "getServerInstanceDetail").expect("a detail");
    assert_eq!(detail.detail.as_deref(), Some("serverInstanceNo"));
    // Filters through other records, numbers in other units: a handler's, the look-up doing the rest.
    let rest = |api: &str, name: &str| of(api, name).expect("a look-up").rest;
    assert_eq!(rest("vserver", "getServerInstanceList"), ["ip"]);
    assert_eq!(
        rest("vserver", "getBlockStorageSnapshotInstanceList"),
        ["blockStorageSnapshotVolumeSize"]
    );
    // A required parent (one of the kind's `parents`) that must exist: the look-up's.
    let rules = of("vserver", "getAccessControlGroupRuleList").expect("a look-up");
    assert!(rules.by_convention());
    assert!(rules
        .filters
        .iter()
        .any(|f| f.param == "accessControlGroupNo" && f.how == lookups::How::Parent("AccessControlGroup".into())));
    // Named after a parent the action requires and its kind: the subnets of a route table.
    let subnets = of("vpc", "getRouteTableSubnetList").expect("a look-up of subnets");
    assert_eq!(subnets.kind, "Subnet");
    assert!(subnets.by_convention());
    // A detail's id the SDKs mark optional is still its id (the emulator requires it).
    let nat = of("vpc", "getNatGatewayInstanceDetail").expect("a detail");
    assert_eq!(nat.detail.as_deref(), Some("natGatewayInstanceNo"));
    // Not named after its kind.
    assert!(of("vserver", "getPublicIpTargetServerInstanceList").is_none());
}
