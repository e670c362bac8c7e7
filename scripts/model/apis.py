"""The files import.py writes, and the draft's house rules: the four API files (Api, APIS) with their
Go SDK v2 service, Python SDK and method names; which SDK models are shared across environments or
take the Classic prefix; the known code sets of { code, codeName } fields (CODE_SETS, and the field
that uses each, CODE_SET_OF_FIELD); and group_of(), the README / emulator group of an action.
ROOT is the repository root.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


ROOT = Path(__file__).resolve().parents[2]


# --------------------------------------------------------------------------------------------------
# The API files this script writes.

@dataclass
class Api:
    name: str
    title: str
    service: str  # Go SDK v2 services/<service>
    prefix: str
    env: str
    methods: list[str]
    not_found: list[str]
    python: str | None = None  # Python SDK package
    only: list[str] | None = None  # the actions taken (default: all of the service)
    method_overrides: dict[str, list[str]] = field(default_factory=dict)

    @property
    def family(self) -> str:
        return self.env


APIS = [
    Api("server", "Classic server", "server", "/server/v2", "classic", ["compute.classic.{name}"],
        ["10404"], python="ncloud_server"),
    Api("vserver", "VPC server", "vserver", "/vserver/v2", "vpc",
        ["compute.{name}", "compute.vpc.{name}"], ["10404"], python="ncloud_vserver",
        method_overrides={
            # The old 0.1.x client already has these names on `compute` (Classic).
            "createLoginKey": ["compute.vpc.{name}"],
            "createPublicIpInstance": ["compute.vpc.{name}"],
        }),
    Api("vpc", "VPC network", "vpc", "/vpc/v2", "vpc", ["compute.{name}", "compute.vpc.{name}"], [],
        only=["getVpcList", "getVpcDetail", "createVpc", "deleteVpc",
              "getSubnetList", "getSubnetDetail", "createSubnet", "deleteSubnet"]),
    Api("loadbalancer", "Classic load balancer", "loadbalancer", "/loadbalancer/v2", "classic",
        ["loadBalancer.classic.{name}"], []),
]
HAND_WRITTEN = ["monitoring", "geolocation"]

# One model shared by both environments although the SDKs declare it twice (a union of the fields).
SHARED_ACROSS_ENVS = {"Product"}
# Classic models that take the Classic prefix although no VPC model has their name (they are parts
# of ClassicServerInstance, whose siblings are prefixed).
FORCE_CLASSIC = {"InstanceTag"}

# Known values of { code, codeName } fields (open sets), by field name, for the models this script
# writes. Sources: NCP's API data type pages (api.ncloud-docs.com common-apidatatype-*) and the
# codes seen in the old Go SDK's XML answers (sdk/*_test.go).
CODE_SETS = {
    # As src/catalog/models.rs had them (NCP's reference and the seeds).
    "platformType": ["LNX32", "LNX64", "WND32", "WND64", "UBD64", "UBS64", "RKY64"],
    "diskType": ["LOCAL", "NET"],
    "serverStatus": ["INIT", "CREAT", "RUN", "NSTOP", "TERMT", "FSTOP", "SETUP"],
    "serverOperation": ["NULL", "START", "SHTDN", "RESTA", "TERMT", "CHNG", "COPY", "SETUP"],
    "hypervisorType": ["XEN", "KVM", "RHV"],
    "volumeType": ["SSD", "HDD", "CB1", "CB2", "FB1", "FB2"],
    # Classic BlockStorageInstance page: INIT | CREAT | ATTAC | TERMT | NAVAI | DT_FL
    "blockStorageStatus": ["INIT", "CREAT", "ATTAC", "TERMT", "NAVAI", "DT_FL"],
    # old Go SDK answers
    "blockStorageOperation": ["NULL", "ATTAC", "DETAC"],
    # Classic BlockStorageInstance page: BASIC | SVRBS | SNAP | NSI
    "blockStorageType": ["BASIC", "SVRBS", "SNAP", "NSI"],
    # old Go SDK answers
    "publicIpStatus": ["CREAT", "USED", "TERMT"],
    "publicIpOperation": ["NULL", "USE", "DISUS"],
    "loadBalancerStatus": ["INIT", "USED"],
    "loadBalancerOperation": ["NULL", "USE", "CHANG", "TERMT"],
}
CODE_SET_OF_FIELD = {
    "serverInstanceStatus": "serverStatus",
    "serverInstanceOperation": "serverOperation",
    "platformType": "platformType",
    "baseBlockStorageDiskType": "diskType",
    "hypervisorType": "hypervisorType",
    "blockStorageVolumeType": "volumeType",
    "blockStorageInstanceStatus": "blockStorageStatus",
    "blockStorageInstanceOperation": "blockStorageOperation",
    "blockStorageType": "blockStorageType",
    "publicIpInstanceStatus": "publicIpStatus",
    "publicIpInstanceOperation": "publicIpOperation",
    "loadBalancerInstanceStatus": "loadBalancerStatus",
    "loadBalancerInstanceOperation": "loadBalancerOperation",
}


def group_of(api: str, action: str) -> str:
    """The emulator module / README group of an action (the scope document's groups)."""
    if api == "loadbalancer":
        return "load_balancers"
    rules = [
        ("FlowLog", "flow_logs"),
        ("NetworkInterface", "network_interfaces"),
        ("SecondaryIps", "network_interfaces"),
        ("Nas", "nas"),
        ("Subnet", "subnets"),
        ("Vpc", "vpcs"),
        ("PublicIp", "public_ips"),
        ("ServerImageProduct", "lookups"),
        ("ServerImage", "images"),  # also MemberServerImage and createServerImageFromSnapshot
        ("Snapshot", "snapshots"),
        ("BlockStorage", "block_storage"),
        ("LoginKey", "login_keys"),
        ("AccessControl", "acgs"),
        ("PortForwarding", "port_forwarding"),
        ("InitScript", "init_scripts"),
        ("InstanceTag", "tags"),
        ("PlacementGroup", "placement_groups"),
        ("FabricCluster", "fabric_clusters"),
        ("ServerInstanceSpec", "servers"),
    ]
    for key, group in rules:
        if key in action:
            return group
    for key in ("Region", "Zone", "Product", "Spec", "Raid", "Hypervisor"):
        if key in action:
            return "lookups"
    if any(k in action for k in ("ServerInstance", "RootPassword", "ProtectServerTermination")):
        return "servers"
    raise SystemExit(f"no group for {api}.{action}")
