//! Storage, public IPs, interfaces and the smaller groups, driven without HTTP.

use crate::emulator::state::State;
use crate::emulator::vpc::tests::{code, created, created_no, first, instant, text, vs};
use serde_json::json;

const NET: &str = "vpcNo=1001&subnetNo=2001&networkInterfaceList.1.networkInterfaceOrder=0&networkInterfaceList.1.accessControlGroupNoList.1=3501";
const PRIVATE_NET: &str = "vpcNo=1001&subnetNo=2002&networkInterfaceList.1.networkInterfaceOrder=0&networkInterfaceList.1.accessControlGroupNoList.1=3501";

fn launch(s: &mut State, net: &str, q: &str) -> String {
    let made = vs(s, "createServerInstances", &format!("{net}&{q}")).unwrap();
    text(&first(&made, "serverInstanceList")["serverInstanceNo"])
}

fn new_volume(s: &mut State, q: &str) -> Result<String, &'static str> {
    vs(s, "createBlockStorageInstance", q)
        .map(|f| text(&first(&f, "blockStorageInstanceList")["blockStorageInstanceNo"]))
        .map_err(|e| e.return_code)
}

#[test]
fn block_storage_is_attached_within_each_hypervisors_limit() {
    let mut s = instant();
    // XEN: made attached to its server; 16 volumes per server, base storage included.
    let xen = launch(&mut s, NET, "serverImageProductCode=SW.VSVR.OS.LNX64.CNTOS.0703.B050");
    for _ in 0..15 {
        new_volume(&mut s, &format!("serverInstanceNo={xen}&blockStorageSize=10")).unwrap();
    }
    assert_eq!(
        new_volume(&mut s, &format!("serverInstanceNo={xen}&blockStorageSize=10")),
        Err("25036")
    );
    assert_eq!(
        new_volume(&mut s, &format!("serverInstanceNo={xen}&blockStorageSize=2010")),
        Err("901")
    );
    assert_eq!(
        new_volume(&mut s, &format!("serverInstanceNo={xen}&blockStorageSize=15")),
        Err("901")
    );
    // KVM: made detached in a zone, then attached; 21 volumes per server.
    let kvm = launch(&mut s, NET, "serverImageNo=4000001&serverSpecCode=c2-g3");
    assert_eq!(
        new_volume(&mut s, &format!("serverInstanceNo={kvm}&blockStorageSize=10")),
        Err("25040")
    );
    assert_eq!(
        new_volume(&mut s, "blockStorageSize=10"),
        Err("900"),
        "a KVM volume needs a zone"
    );
    let attach = |s: &mut State, v: &str, server: &str| {
        vs(
            s,
            "attachBlockStorageInstance",
            &format!("serverInstanceNo={server}&blockStorageInstanceNo={v}"),
        )
    };
    for _ in 0..20 {
        let v = new_volume(
            &mut s,
            "zoneCode=KR-1&blockStorageSize=16380&blockStorageVolumeTypeCode=FB1",
        )
        .unwrap();
        attach(&mut s, &v, &kvm).unwrap();
    }
    let extra = new_volume(&mut s, "zoneCode=KR-1&blockStorageSize=10").unwrap();
    assert_eq!(code(attach(&mut s, &extra, &kvm)), "25036");
    assert_eq!(
        code(attach(&mut s, &extra, &xen)),
        "25042",
        "a KVM volume on a XEN server"
    );
    let devices = vs(
        &mut s,
        "getBlockStorageInstanceList",
        &format!("serverInstanceNo={kvm}"),
    )
    .unwrap();
    assert_eq!(devices["totalRows"], json!(21));
    assert_eq!(devices["blockStorageInstanceList"][1]["deviceName"], json!("/dev/vdb"));
}

#[test]
fn volumes_detach_resize_protect_and_snapshot_as_ncp_says() {
    let mut s = instant();
    let kvm = launch(&mut s, NET, "serverImageNo=4000001");
    let base = text(
        &first(
            &vs(
                &mut s,
                "getBlockStorageInstanceList",
                &format!("serverInstanceNo={kvm}"),
            )
            .unwrap(),
            "blockStorageInstanceList",
        )["blockStorageInstanceNo"],
    );
    assert_eq!(
        code(vs(
            &mut s,
            "detachBlockStorageInstances",
            &format!("blockStorageInstanceNoList.1={base}")
        )),
        "25040"
    );
    let v = new_volume(&mut s, "zoneCode=KR-1&blockStorageSize=100&isReturnProtection=true").unwrap();
    vs(
        &mut s,
        "attachBlockStorageInstance",
        &format!("serverInstanceNo={kvm}&blockStorageInstanceNo={v}"),
    )
    .unwrap();
    let delete = |s: &mut State| {
        code(vs(
            s,
            "deleteBlockStorageInstances",
            &format!("blockStorageInstanceNoList.1={v}"),
        ))
    };
    assert_eq!(delete(&mut s), "25039");
    vs(
        &mut s,
        "setBlockStorageReturnProtection",
        &format!("blockStorageInstanceNo={v}&isReturnProtection=false"),
    )
    .unwrap();
    assert_eq!(delete(&mut s), "25035", "attached");
    assert_eq!(
        code(vs(
            &mut s,
            "changeBlockStorageVolumeSize",
            &format!("blockStorageInstanceNo={v}&blockStorageSize=200")
        )),
        "25040",
        "KVM grows by changeBlockStorageInstance"
    );
    assert_eq!(
        code(vs(
            &mut s,
            "changeBlockStorageInstance",
            &format!("blockStorageInstanceNo={v}&blockStorageSize=50")
        )),
        "901",
        "smaller"
    );
    let grown = vs(
        &mut s,
        "changeBlockStorageInstance",
        &format!("blockStorageInstanceNo={v}&blockStorageSize=200"),
    )
    .unwrap();
    assert_eq!(
        first(&grown, "blockStorageInstanceList")["blockStorageSize"],
        json!(200_i64 << 30)
    );
    vs(
        &mut s,
        "detachBlockStorageInstances",
        &format!("blockStorageInstanceNoList.1={v}"),
    )
    .unwrap();
    vs(
        &mut s,
        "deleteBlockStorageInstances",
        &format!("blockStorageInstanceNoList.1={v}"),
    )
    .unwrap();
    // A snapshot of the base storage is bootable and makes an image with the server's OS.
    let snap = created(
        &mut s,
        "createBlockStorageSnapshotInstance",
        &format!("originalBlockStorageInstanceNo={base}&blockStorageSnapshotName=boot"),
    );
    assert_eq!(snap["isBootable"], json!(true));
    let sno = text(&snap["blockStorageSnapshotInstanceNo"]);
    let img = vs(
        &mut s,
        "createServerImageFromSnapshot",
        &format!("serverImageName=from-snap&blockStorageList.1.order=0&blockStorageList.1.snapshotInstanceNo={sno}"),
    )
    .unwrap();
    assert_eq!(first(&img, "serverImageList")["osType"]["code"], json!("ROCKY"));
    // XEN: the dedicated resize, while the server is stopped.
    let xen = launch(&mut s, NET, "serverImageProductCode=SW.VSVR.OS.LNX64.CNTOS.0703.B050");
    let xv = new_volume(
        &mut s,
        &format!("serverInstanceNo={xen}&blockStorageSize=10&blockStorageDiskDetailTypeCode=HDD"),
    )
    .unwrap();
    assert_eq!(
        code(vs(
            &mut s,
            "changeBlockStorageVolumeSize",
            &format!("blockStorageInstanceNo={xv}&blockStorageSize=20")
        )),
        "25013"
    );
    vs(&mut s, "stopServerInstances", &format!("serverInstanceNoList.1={xen}")).unwrap();
    vs(
        &mut s,
        "changeBlockStorageVolumeSize",
        &format!("blockStorageInstanceNo={xv}&blockStorageSize=20"),
    )
    .unwrap();
    vs(
        &mut s,
        "deleteBlockStorageSnapshotInstances",
        &format!("blockStorageSnapshotInstanceNoList.1={sno}"),
    )
    .unwrap();
    assert_eq!(
        code(vs(
            &mut s,
            "getBlockStorageSnapshotInstanceDetail",
            &format!("blockStorageSnapshotInstanceNo={sno}")
        )),
        "10405"
    );
}

#[test]
fn public_ips_go_only_to_servers_of_a_public_subnet_one_each() {
    let mut s = instant();
    let private = launch(&mut s, PRIVATE_NET, "serverImageNo=4000001");
    let public = launch(&mut s, NET, "serverImageNo=4000001&associateWithPublicIp=true");
    assert_eq!(
        code(vs(
            &mut s,
            "createPublicIpInstance",
            &format!("serverInstanceNo={private}")
        )),
        "25037"
    );
    assert_eq!(
        code(vs(
            &mut s,
            "createPublicIpInstance",
            &format!("serverInstanceNo={public}")
        )),
        "28100"
    );
    let ip = vs(&mut s, "createPublicIpInstance", "publicIpDescription=spare").unwrap();
    let ip = first(&ip, "publicIpInstanceList").clone();
    assert_eq!(ip["publicIpInstanceStatus"]["code"], json!("RUN"));
    let ip_no = text(&ip["publicIpInstanceNo"]);
    let assoc = |s: &mut State, server: &str| {
        vs(
            s,
            "associatePublicIpWithServerInstance",
            &format!("publicIpInstanceNo={ip_no}&serverInstanceNo={server}"),
        )
    };
    assert_eq!(code(assoc(&mut s, &private)), "25037");
    let targets = vs(&mut s, "getPublicIpTargetServerInstanceList", "").unwrap();
    let nos: Vec<String> = targets["serverInstanceList"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| text(&v["serverInstanceNo"]))
        .collect();
    assert!(
        !nos.contains(&private) && !nos.contains(&public) && nos.contains(&"1000001".to_string()),
        "{nos:?}"
    );
    let done = assoc(&mut s, "1000001").unwrap();
    assert_eq!(
        first(&done, "publicIpInstanceList")["serverInstanceNo"],
        json!("1000001")
    );
    assert_eq!(
        code(vs(
            &mut s,
            "deletePublicIpInstance",
            &format!("publicIpInstanceNo={ip_no}")
        )),
        "25035"
    );
    let server = first(
        &vs(&mut s, "getServerInstanceDetail", "serverInstanceNo=1000001").unwrap(),
        "serverInstanceList",
    )
    .clone();
    assert_eq!(server["publicIp"], ip["publicIp"]);
    vs(
        &mut s,
        "disassociatePublicIpFromServerInstance",
        &format!("publicIpInstanceNo={ip_no}"),
    )
    .unwrap();
    vs(&mut s, "deletePublicIpInstance", &format!("publicIpInstanceNo={ip_no}")).unwrap();
    // As many public IPs as servers (6 servers, 1 IP in use): the sixth spare is refused.
    for _ in 0..5 {
        vs(&mut s, "createPublicIpInstance", "").unwrap();
    }
    assert_eq!(code(vs(&mut s, "createPublicIpInstance", "")), "10101");
}

#[test]
fn interfaces_attach_to_stopped_servers_and_carry_groups_and_secondary_ips() {
    let mut s = instant();
    let server = launch(&mut s, NET, "serverImageNo=4000001");
    let made = vs(
        &mut s,
        "createNetworkInterface",
        "vpcNo=1001&subnetNo=2001&accessControlGroupNoList.1=3501&ip=10.0.1.50&secondaryIpCount=2",
    )
    .unwrap();
    let nic = first(&made, "networkInterfaceList").clone();
    assert_eq!(nic["networkInterfaceStatus"]["code"], json!("NOTUSED"));
    assert_eq!(nic["secondaryIpList"], json!(["10.0.1.7", "10.0.1.8"]));
    let no = text(&nic["networkInterfaceNo"]);
    let q = format!("serverInstanceNo={server}&networkInterfaceNo={no}&subnetNo=2001");
    assert_eq!(code(vs(&mut s, "attachNetworkInterface", &q)), "25013", "running");
    vs(
        &mut s,
        "stopServerInstances",
        &format!("serverInstanceNoList.1={server}"),
    )
    .unwrap();
    let attached = vs(&mut s, "attachNetworkInterface", &q).unwrap();
    assert_eq!(first(&attached, "networkInterfaceList")["deviceName"], json!("eth1"));
    assert_eq!(
        code(vs(
            &mut s,
            "deleteNetworkInterface",
            &format!("networkInterfaceNo={no}")
        )),
        "25035"
    );
    let acg = created_no(
        &mut s,
        "createAccessControlGroup",
        "vpcNo=1001&accessControlGroupName=extra",
    );
    vs(
        &mut s,
        "addNetworkInterfaceAccessControlGroup",
        &format!("networkInterfaceNo={no}&accessControlGroupNoList.1={acg}"),
    )
    .unwrap();
    assert_eq!(
        code(vs(
            &mut s,
            "deleteAccessControlGroup",
            &format!("vpcNo=1001&accessControlGroupNo={acg}")
        )),
        "25035"
    );
    vs(
        &mut s,
        "removeNetworkInterfaceAccessControlGroup",
        &format!("networkInterfaceNo={no}&accessControlGroupNoList.1={acg}"),
    )
    .unwrap();
    assert_eq!(
        code(vs(
            &mut s,
            "removeNetworkInterfaceAccessControlGroup",
            &format!("networkInterfaceNo={no}&accessControlGroupNoList.1=3501")
        )),
        "25040",
        "one group stays"
    );
    vs(
        &mut s,
        "assignSecondaryIps",
        &format!("networkInterfaceNo={no}&secondaryIpList.1=10.0.1.60"),
    )
    .unwrap();
    assert_eq!(
        code(vs(
            &mut s,
            "assignSecondaryIps",
            &format!("networkInterfaceNo={no}&secondaryIpList.1=10.0.1.11")
        )),
        "25038"
    );
    let un = vs(
        &mut s,
        "unassignSecondaryIps",
        &format!("networkInterfaceNo={no}&secondaryIpList.1=10.0.1.7"),
    )
    .unwrap();
    assert_eq!(
        first(&un, "networkInterfaceList")["secondaryIpList"],
        json!(["10.0.1.8", "10.0.1.60"])
    );
    let default_nic = text(
        &first(
            &vs(&mut s, "getServerInstanceDetail", &format!("serverInstanceNo={server}")).unwrap(),
            "serverInstanceList",
        )["networkInterfaceNoList"][0],
    );
    assert_eq!(
        code(vs(
            &mut s,
            "detachNetworkInterface",
            &format!("serverInstanceNo={server}&networkInterfaceNo={default_nic}&subnetNo=2001")
        )),
        "25040"
    );
    vs(&mut s, "detachNetworkInterface", &q).unwrap();
    // Flow logs of an interface.
    let flow = format!("networkInterfaceNo={no}&collectActionTypeCode=ALL&storageBucketName=logs");
    vs(&mut s, "enableFlowLog", &flow).unwrap();
    assert_eq!(code(vs(&mut s, "enableFlowLog", &flow)), "25038");
    let got = vs(
        &mut s,
        "getFlowLogConfigurationList",
        &format!("networkInterfaceNoList.1={no}"),
    )
    .unwrap();
    assert_eq!(
        first(&got, "flowLogConfigurationList")["collectIntervalMinute"],
        json!(5)
    );
    vs(&mut s, "disableFlowLog", &format!("networkInterfaceNo={no}")).unwrap();
    vs(&mut s, "deleteNetworkInterface", &format!("networkInterfaceNo={no}")).unwrap();
}

#[test]
fn placement_groups_init_scripts_and_fabric_clusters() {
    let mut s = instant();
    let pg = created_no(
        &mut s,
        "createPlacementGroup",
        "placementGroupName=spread&placementGroupTypeCode=AA",
    );
    let add = format!("placementGroupNo={pg}&serverInstanceNo=1000001");
    assert_eq!(
        code(vs(&mut s, "addPlacementGroupServerInstance", &add)),
        "25013",
        "running"
    );
    let joined = vs(
        &mut s,
        "addPlacementGroupServerInstance",
        &format!("placementGroupNo={pg}&serverInstanceNo=1000003"),
    )
    .unwrap();
    assert_eq!(
        first(&joined, "serverInstanceList")["placementGroupName"],
        json!("spread")
    );
    assert_eq!(
        code(vs(&mut s, "deletePlacementGroup", &format!("placementGroupNo={pg}"))),
        "25035"
    );
    vs(
        &mut s,
        "removePlacementGroupServerInstance",
        &format!("placementGroupNo={pg}&serverInstanceNo=1000003"),
    )
    .unwrap();
    vs(&mut s, "deletePlacementGroup", &format!("placementGroupNo={pg}")).unwrap();

    let script = created_no(
        &mut s,
        "createInitScript",
        "initScriptContent=%23!%2Fbin%2Fsh&osTypeCode=LNX&initScriptName=boot",
    );
    let v = launch(&mut s, NET, &format!("serverImageNo=4000001&initScriptNo={script}"));
    assert_eq!(
        first(
            &vs(&mut s, "getServerInstanceDetail", &format!("serverInstanceNo={v}")).unwrap(),
            "serverInstanceList"
        )["initScriptNo"],
        json!(script)
    );
    vs(&mut s, "deleteInitScripts", &format!("initScriptNoList.1={script}")).unwrap();
    assert_eq!(
        code(vs(&mut s, "getInitScriptDetail", &format!("initScriptNo={script}"))),
        "10404"
    );

    let pool = created_no(&mut s, "getFabricClusterPoolList", "zoneCode=KR-1");
    let fc = created_no(
        &mut s,
        "createFabricCluster",
        &format!("fabricClusterName=train&zoneCode=KR-1&vpcNo=1001&fabricClusterPoolNo={pool}"),
    );
    let gpu = launch(
        &mut s,
        NET,
        &format!("serverImageNo=4000001&serverSpecCode=g8-h100-g3&fabricClusterPoolNo={pool}"),
    );
    let put = vs(
        &mut s,
        "updateFabricClusterServerInstances",
        &format!("fabricClusterNo={fc}&clusterModeServerInstanceNoList.1={gpu}"),
    )
    .unwrap();
    assert_eq!(first(&put, "fabricClusterList")["serverCount"], json!(1));
    assert_eq!(
        code(vs(
            &mut s,
            "changeFabricClusterServerInstances",
            &format!("fabricClusterNo={fc}&clusterModeServerInstanceNoList.1=1000001")
        )),
        "25042"
    );
    assert_eq!(
        code(vs(&mut s, "deleteFabricCluster", &format!("fabricClusterNo={fc}"))),
        "25035"
    );
    vs(
        &mut s,
        "changeFabricClusterServerInstances",
        &format!("fabricClusterNo={fc}"),
    )
    .unwrap();
    vs(
        &mut s,
        "changeFabricClusterName",
        &format!("fabricClusterNo={fc}&fabricClusterName=train-2"),
    )
    .unwrap();
    vs(&mut s, "deleteFabricCluster", &format!("fabricClusterNo={fc}")).unwrap();
}
