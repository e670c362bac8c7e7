//! `model/surfaces.toml` is checked like the model: the build's own reader (`build/surfaces.rs`) run
//! on the real file and on broken copies of it, each of which must be refused with the entry named.

include!("common/build_modules.rs");
include!("common/model_copy.rs");
#[allow(dead_code)]
#[path = "../build/surfaces.rs"]
mod surfaces;
#[allow(dead_code)]
#[path = "../build/surfaces_v1.rs"]
mod surfaces_v1;

fn original() -> String {
    std::fs::read_to_string(model_dir().join("surfaces.toml")).expect("model/surfaces.toml")
}

/// Loads `text` as `surfaces.toml` against the real model.
fn load(text: &str) -> Result<surfaces::Surfaces, String> {
    let set = model::load(&model_dir()).expect("the model loads");
    let dir = std::env::temp_dir().join(format!("ncloud-surfaces-{}-{}", std::process::id(), fastrand::u64(..)));
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(dir.join("surfaces.toml"), text).expect("write");
    let out = surfaces::load(&dir, &set);
    let _ = std::fs::remove_dir_all(&dir);
    out
}

fn refused(edit: impl Fn(&str) -> String, wanted: &[&str]) {
    let text = edit(&original());
    assert_ne!(text, original(), "the edit changed nothing");
    let err = load(&text).err().unwrap_or_else(|| panic!("accepted: {wanted:?}"));
    for w in wanted {
        assert!(err.contains(w), "{err}\n  should name {w}");
    }
}

#[test]
fn the_file_loads_with_every_message_set_and_status() {
    let s = load(&original()).expect("model/surfaces.toml loads");
    for set in ["seed", "0.1.39", "common", "v1"] {
        assert!(s.messages.iter().any(|(x, ..)| x == set), "{set}");
    }
    assert_eq!(s.server_status.first().map(|(k, _)| k.as_str()), Some("init"));
    assert!(s.v0.iter().any(|m| m.path == "storage.findFiles" && m.action.is_none()));
    // 0.1.39's 45 methods (and three names of older 0.1.x), 1.1.4's 62 (docs/old-clients.md A.7, B.5).
    assert_eq!(s.v0.iter().filter(|m| m.in_0_1_39).count(), 45);
    assert_eq!(s.v0.len(), 48);
    let v1: Vec<(String, usize)> = s.v1.iter().map(|x| (x.path.clone(), x.methods.len())).collect();
    assert_eq!(
        v1,
        [
            ("IaaS.server".to_string(), 51),
            ("IaaS.loadBalancer".to_string(), 9),
            ("PaaS.geoLocation".to_string(), 1),
            ("PaaS.containerRegistry".to_string(), 1),
        ]
    );
    // Every method but the unreachable one calls an action of the model.
    assert_eq!(
        s.v1.iter()
            .flat_map(|x| &x.methods)
            .filter(|m| m.action.is_none())
            .count(),
        1
    );
}

#[test]
fn mistakes_are_refused_with_the_entry_named() {
    let in_entry = |entry: &'static str, from: &'static str, to: &'static str| {
        move |t: &str| {
            let at = t.find(entry).expect("entry");
            let (head, tail) = t.split_at(at);
            format!("{head}{}", tail.replacen(from, to, 1))
        }
    };
    refused(
        in_entry(
            "[v0.\"management.monitoring.findMetrics\"]",
            "since = ",
            "colour = \"red\"\nsince = ",
        ),
        &["findMetrics", "colour"],
    );
    refused(
        in_entry(
            "[v0.\"management.monitoring.findMetrics\"]",
            "shape = \"list_filter\"",
            "shape = \"listfilter\"",
        ),
        &["findMetrics", "listfilter"],
    );
    refused(
        in_entry(
            "[v0.\"management.monitoring.findMetrics\"]",
            "args = \"params\"",
            "args = \"param\"",
        ),
        &["findMetrics", "param"],
    );
    refused(
        in_entry(
            "[v0.\"management.monitoring.findMetrics\"]",
            "-> instanceNo\"",
            "-> instanceNumber\"",
        ),
        &["findMetrics", "instanceNumber"],
    );
    refused(
        in_entry(
            "[v0.\"management.monitoring.findMetrics\"]",
            "instanceNo -> serverInstanceNo",
            "instanceNumber -> serverInstanceNo",
        ),
        &["findMetrics", "instanceNumber"],
    );
    refused(
        in_entry(
            "[v0.\"management.monitoring.findStatistics\"]",
            "\"period default=1800\"",
            "\"period dflt=1800\"",
        ),
        &["findStatistics", "dflt"],
    );
    refused(
        in_entry(
            "[v0.\"management.monitoring.findStatistics\"]",
            "strip_fraction",
            "strip",
        ),
        &["findStatistics", "strip"],
    );
    refused(
        in_entry(
            "[v0.\"management.monitoring.findMetrics\"]",
            "monitoring.getListMetrics",
            "monitoring.getListMetric",
        ),
        &["findMetrics", "monitoring.getListMetric", "not in the model"],
    );
    refused(
        in_entry("[v1.\"IaaS.server\".methods]", "getRaidList ", "getRaidLists "),
        &["IaaS.server", "server.getRaidLists", "not in the model"],
    );
    refused(
        in_entry(
            "[v1.\"IaaS.server\".methods]",
            "wraps = \"createServerInstancesProto\"",
            "wraps = \"createServerInstancesProt\"",
        ),
        &["IaaS.server", "createServerInstancesProt"],
    );
    refused(
        in_entry("[v0.\"storage.findFiles\"]", "shape = \"retired\"", "shape = \"list\""),
        &["storage.findFiles", "retired"],
    );
    refused(
        in_entry("[messages.v1]", "type_string ", "type_strings "),
        &["messages.v1", "type_strings"],
    );
    refused(
        in_entry("[messages.common]", "invalid_ip       = \"Error: Invalid IP\"\n", ""),
        &["messages.common", "invalid_ip"],
    );
    refused(
        |t: &str| t.replacen("[messages.common]", "[messages.colour]", 1),
        &["messages.colour"],
    );
    refused(
        in_entry(
            "[v1.\"IaaS.loadBalancer\".methods]",
            "params = \"loadBalancerInstanceNo:str! regionNo:str\"",
            "params = \"loadBalancerInstanceNo:string! regionNo:str\"",
        ),
        &["IaaS.loadBalancer", "string"],
    );
    refused(
        in_entry(
            "[v1.\"IaaS.loadBalancer\".methods]",
            "getLoadBalancedServerInstanceList       = { http = \"GET\"",
            "getLoadBalancedServerInstanceList       = { http = \"PUT\"",
        ),
        &["IaaS.loadBalancer", "getLoadBalancedServerInstanceList", "PUT"],
    );
}

#[test]
fn an_apis_hosts_on_every_site_are_read_and_a_bad_one_refused() {
    let set = model::load(&model_dir()).expect("the model loads");
    let geo = set.apis.iter().find(|a| a.name == "geolocation").expect("geolocation");
    assert_eq!(
        geo.hosts,
        [
            "geolocation.apigw.ntruss.com",
            "geolocation.apigw.gov-ntruss.com",
            "geolocation.apigw.fin-ntruss.com"
        ]
    );
    assert!(set.apis.iter().filter(|a| a.name != "geolocation").all(|a| a.hosts
        == [
            "ncloud.apigw.ntruss.com",
            "ncloud.apigw.gov-ntruss.com",
            "fin-ncloud.apigw.fin-ntruss.com"
        ]));
    // A copy of the model whose geolocation host is not a host name is refused, the file named.
    let err = load_with(
        "geolocation.toml",
        "public = \"geolocation.apigw.ntruss.com\"",
        "public = \"https://geolocation.apigw.ntruss.com/\"",
    )
    .err();
    let err = err.expect("a URL as host is refused");
    assert!(err.contains("geolocation") && err.contains("hosts.public"), "{err}");
}
