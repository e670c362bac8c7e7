#!/usr/bin/env python3
"""Write or check the action model (model/*.toml) against NAVER's SDKs.

Reads, as facts only (names, types, required-ness, XML element names):
  * NAVER's Go SDK v2 (a git mirror, read with `git show`): per service, v2_api.go for the action
    names and their request/response types, the request/response/model structs for parameters and
    answer fields (in struct order), and docs/*Request.md for required parameters (no `[optional]`);
  * NAVER's Python SDKs ncloud-server / ncloud-vserver (their installed sources, parsed, not
    imported): a request model whose setter raises on None marks a required parameter. Where the two
    disagree the less strict one wins, so the package never refuses a request an official SDK sends;
  * the old XML Go SDK (sdk/*.go tags `xml:"fooList>foo"` and the XML answers in its tests) for the
    element name of one item of a Classic list.

Write mode (default) creates model/server.toml, vserver.toml, vpc.toml and loadbalancer.toml, and
common.toml for what several of them use. A file that exists keeps every entry byte for byte: only
missing actions, models, inputs and code sets are appended (code sets into its [codes] table). The
entries it writes are first drafts: summaries come from SUMMARIES below, groups from group_of(), and
value rules only where the SDKs make them certain (see param_flags()).

--check writes nothing and reports, per file, the differences between the model and the SDKs:
actions, parameters, answer fields and model fields missing or extra, types that differ, and
`required` flags that differ from what the SDKs allow, parameters and fields in another order than
the SDK's (answer fields excepted), and the lint of lint(). Exit status 1 when it found any that
scripts/model/known-differences.txt does not list.

monitoring.toml and geolocation.toml are written by hand (the Go SDK v2 lacks those APIs); this
script only reads them for the global model namespace.
"""

from __future__ import annotations

import argparse
import ast
import functools
import re
import subprocess
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_GO = "/work/.mirror/NaverCloudPlatform+ncloud-sdk-go-v2/repo"
DEFAULT_OLD_GO = "/work/.mirror/NaverCloudPlatform+ncloud-sdk-go/repo"
DEFAULT_PY = str(ROOT / ".venv/lib/python3.11/site-packages")

ENVELOPE = ("requestId", "returnCode", "returnMessage")
# Where a Go SDK JSON tag is wrong: (service, struct, tag) -> the name NCP sends.
SDK_FIXES = {
    # delete_vpc_response.go tags the list "VpcList"; NCP's deleteVpc reference answers <vpcList>.
    ("vpc", "DeleteVpcResponse", "VpcList"): "vpcList",
}
INT32_RANGE = "range=0..2147483647"
# The differences --check expects: today's hand-written entries that say more or other than the SDKs.
KNOWN = Path(__file__).resolve().parent / "known-differences.txt"


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


# One line each, our own words. Keys: "api.action" where both APIs have the name and mean different
# things, else the action name.
SUMMARIES = {
    # server instances
    "changeServerInstanceName": "Renames a server instance.",
    "changeServerInstanceSpec": "Changes the server product (CPU and memory spec) of a stopped server.",
    "createServerInstances": "Creates one or more server instances.",
    "getRootPassword": "Gets a server's initial root (administrator) password, decrypted with its login key.",
    "getRootPasswordServerInstanceList": "Gets the initial root passwords of several servers at once.",
    "getServerInstanceDetail": "Gets one server instance.",
    "getServerInstanceList": "Lists the server instances.",
    "interruptServerInstance": "Interrupts a server instance.",
    "rebootServerInstances": "Restarts running server instances.",
    "recreateServerInstance": "Recreates a server instance from another image, keeping its number.",
    "setProtectServerTermination": "Turns a server's termination protection on or off.",
    "startServerInstances": "Starts stopped server instances.",
    "stopServerInstances": "Stops running server instances.",
    "terminateServerInstances": "Terminates (returns) stopped server instances.",
    # images
    "createMemberServerImage": "Creates a member server image from a server.",
    "deleteMemberServerImages": "Deletes member server images.",
    "getMemberServerImageList": "Lists the member server images of the account.",
    "createMemberServerImageInstance": "Creates a member server image instance from a XEN server.",
    "deleteMemberServerImageInstances": "Deletes member server image instances.",
    "getMemberServerImageInstanceDetail": "Gets one member server image instance.",
    "getMemberServerImageInstanceList": "Lists member server image instances.",
    "addMemberServerImageSharingPermission": "Shares a member server image with other login ids.",
    "removeMemberServerImageSharingPermission": "Stops sharing a member server image with login ids.",
    "setMemberServerImageSharingPermission": "Replaces the share list of a member server image.",
    "addServerImageSharingPermission": "Shares a server image with other login ids.",
    "removeServerImageSharingPermission": "Stops sharing a server image with login ids.",
    "createServerImage": "Creates a server image from a server.",
    "createServerImageFromSnapshot": "Creates a server image from block storage snapshots.",
    "deleteServerImage": "Deletes server images.",
    "getServerImageDetail": "Gets one server image.",
    "getServerImageList": "Lists server images.",
    # look-ups
    "getHypervisorTypeList": "Lists the hypervisor types.",
    "getRaidList": "Lists the RAID types.",
    "getRegionList": "Lists the regions.",
    "getServerImageProductList": "Lists the NCP server image (OS) products.",
    "getServerProductList": "Lists the server products (specs) an image can run on.",
    "getServerSpecDetail": "Gets one server spec.",
    "getServerSpecList": "Lists the server specs.",
    "getZoneList": "Lists the zones of a region.",
    # public IP
    "associatePublicIpWithServerInstance": "Assigns a public IP to a server instance.",
    "createPublicIpInstance": "Creates a public IP, optionally assigned to a server.",
    "deletePublicIpInstance": "Deletes a public IP.",
    "deletePublicIpInstances": "Deletes public IPs.",
    "disassociatePublicIpFromServerInstance": "Removes a public IP from its server instance.",
    "getPublicIpInstanceDetail": "Gets one public IP.",
    "getPublicIpInstanceList": "Lists the public IPs.",
    "getPublicIpTargetServerInstanceList": "Lists the servers a public IP can be assigned to.",
    "replaceServerInstanceAssociatedWithPublicIp": "Moves a public IP to another server instance.",
    # block storage
    "attachBlockStorageInstance": "Attaches a block storage to a server instance.",
    "changeBlockStorageInstance": "Changes a block storage's size.",
    "changeBlockStorageVolumeSize": "Grows a block storage volume.",
    "createBlockStorageInstance": "Creates a block storage, optionally attached to a server.",
    "deleteBlockStorageInstances": "Deletes block storages.",
    "detachBlockStorageInstances": "Detaches block storages from their servers.",
    "getBlockStorageInstanceDetail": "Gets one block storage.",
    "getBlockStorageInstanceList": "Lists the block storages.",
    "getBlockStorageVolumeTypeList": "Lists the block storage volume types.",
    "setBlockStorageReturnProtection": "Turns a block storage's return protection on or off.",
    # snapshots
    "createBlockStorageSnapshotInstance": "Creates a snapshot of a block storage.",
    "deleteBlockStorageSnapshotInstances": "Deletes block storage snapshots.",
    "getBlockStorageSnapshotInstanceDetail": "Gets one block storage snapshot.",
    "getBlockStorageSnapshotInstanceList": "Lists the block storage snapshots.",
    # login keys
    "createLoginKey": "Creates a login key and returns its private key once.",
    "deleteLoginKey": "Deletes a login key.",
    "deleteLoginKeys": "Deletes login keys.",
    "getLoginKeyList": "Lists the login keys.",
    "importLoginKey": "Registers a login key from an existing public key.",
    # ACG
    "getAccessControlGroupList": "Lists the access control groups.",
    "getAccessControlGroupServerInstanceList": "Lists the servers of an access control group.",
    "getAccessControlRuleList": "Lists the rules of an access control group.",
    "addAccessControlGroupInboundRule": "Adds inbound rules to an access control group.",
    "addAccessControlGroupOutboundRule": "Adds outbound rules to an access control group.",
    "createAccessControlGroup": "Creates an access control group in a VPC.",
    "deleteAccessControlGroup": "Deletes an access control group.",
    "getAccessControlGroupDetail": "Gets one access control group.",
    "getAccessControlGroupRuleList": "Lists the rules of an access control group.",
    "removeAccessControlGroupInboundRule": "Removes inbound rules from an access control group.",
    "removeAccessControlGroupOutboundRule": "Removes outbound rules from an access control group.",
    # network interfaces, subnets, flow logs
    "addNetworkInterfaceAccessControlGroup": "Adds access control groups to a network interface.",
    "assignSecondaryIps": "Assigns secondary private IPs to a network interface.",
    "attachNetworkInterface": "Attaches a network interface to a server instance.",
    "createNetworkInterface": "Creates a network interface.",
    "deleteNetworkInterface": "Deletes a network interface.",
    "detachNetworkInterface": "Detaches a network interface from its server.",
    "getNetworkInterfaceDetail": "Gets one network interface.",
    "getNetworkInterfaceList": "Lists the network interfaces.",
    "removeNetworkInterfaceAccessControlGroup": "Removes access control groups from a network interface.",
    "unassignSecondaryIps": "Removes secondary private IPs from a network interface.",
    "getPrivateSubnetInstanceList": "Lists the private subnets.",
    "disableFlowLog": "Stops collecting the flow log of a network interface.",
    "enableFlowLog": "Starts collecting the flow log of a network interface into Object Storage.",
    "getFlowLogConfigurationList": "Lists the flow log settings of network interfaces.",
    # NAS
    "addNasVolumeAccessControl": "Adds servers or IPs to a NAS volume's access control.",
    "changeNasVolumeSize": "Changes the size of a NAS volume.",
    "changeNasVolumeSnapshotConfiguration": "Changes the snapshot settings of a NAS volume.",
    "createNasVolumeInstance": "Creates a NAS volume.",
    "createNasVolumeSnapshot": "Creates a snapshot of a NAS volume.",
    "deleteNasVolumeInstance": "Deletes a NAS volume.",
    "deleteNasVolumeSnapshot": "Deletes NAS volume snapshots.",
    "getNasVolumeAccessControlRuleList": "Lists the access control rules of a NAS volume.",
    "getNasVolumeInstanceList": "Lists the NAS volumes.",
    "getNasVolumeInstanceRatingList": "Lists the usage measurements of a NAS volume.",
    "getNasVolumeSnapshotConfigurationHistoryList": "Lists the snapshot setting changes of a NAS volume.",
    "getNasVolumeSnapshotList": "Lists the snapshots of a NAS volume.",
    "removeNasVolumeAccessControl": "Removes servers or IPs from a NAS volume's access control.",
    "restoreNasVolumeWithSnapshot": "Restores a NAS volume from one of its snapshots.",
    "setNasVolumeAccessControl": "Replaces a NAS volume's access control.",
    "setNasVolumeReturnProtection": "Turns a NAS volume's return protection on or off.",
    # port forwarding
    "addPortForwardingRules": "Adds port forwarding rules.",
    "deletePortForwardingRules": "Deletes port forwarding rules.",
    "getPortForwardingConfigurationList": "Lists the port forwarding settings (public IPs).",
    "getPortForwardingRuleList": "Lists the port forwarding rules.",
    # init scripts
    "createInitScript": "Creates an init script.",
    "deleteInitScripts": "Deletes init scripts.",
    "getInitScriptDetail": "Gets one init script.",
    "getInitScriptList": "Lists the init scripts.",
    # tags
    "createInstanceTags": "Adds tags to instances.",
    "deleteInstanceTags": "Removes tags from instances.",
    "getInstanceTagList": "Lists instance tags.",
    # placement groups
    "addPlacementGroupServerInstance": "Adds a server instance to a placement group.",
    "createPlacementGroup": "Creates a placement group.",
    "deletePlacementGroup": "Deletes a placement group.",
    "getPlacementGroupDetail": "Gets one placement group.",
    "getPlacementGroupList": "Lists the placement groups.",
    "removePlacementGroupServerInstance": "Removes a server instance from its placement group.",
    # fabric clusters
    "changeFabricClusterDescription": "Changes a fabric cluster's description.",
    "changeFabricClusterName": "Renames a fabric cluster.",
    "changeFabricClusterServerInstances": "Changes the server instances of a fabric cluster.",
    "createFabricCluster": "Creates a fabric cluster.",
    "deleteFabricCluster": "Deletes a fabric cluster.",
    "getFabricClusterDetail": "Gets one fabric cluster.",
    "getFabricClusterList": "Lists the fabric clusters.",
    "getFabricClusterPoolList": "Lists the fabric cluster pools.",
    "updateFabricCluster": "Updates a fabric cluster's name and description.",
    "updateFabricClusterServerInstances": "Updates the server instances of a fabric cluster.",
    # vpc
    "getVpcList": "Lists the VPCs.",
    "getVpcDetail": "Gets one VPC.",
    "createVpc": "Creates a VPC.",
    "deleteVpc": "Deletes a VPC.",
    "getSubnetList": "Lists the subnets.",
    "getSubnetDetail": "Gets one subnet.",
    "createSubnet": "Creates a subnet in a VPC.",
    "deleteSubnet": "Deletes a subnet.",
    # load balancer
    "addLoadBalancerSslCertificate": "Registers an SSL certificate for load balancers.",
    "addServerInstancesToLoadBalancer": "Adds servers behind a load balancer.",
    "deleteServerInstancesFromLoadBalancer": "Removes servers from behind a load balancer.",
    "changeLoadBalancedServerInstances": "Replaces the servers behind a load balancer.",
    "changeLoadBalancerInstanceConfiguration": "Changes a load balancer's algorithm, description and rules.",
    "createLoadBalancerInstance": "Creates a load balancer.",
    "deleteLoadBalancerInstances": "Deletes load balancers.",
    "deleteLoadBalancerSslCertificate": "Deletes an SSL certificate.",
    "getLoadBalancedServerInstanceList": "Lists the servers behind a load balancer with their health.",
    "getLoadBalancerInstanceList": "Lists the load balancers.",
    "getLoadBalancerSslCertificateList": "Lists the SSL certificates.",
    "getLoadBalancerTargetServerInstanceList": "Lists the servers a load balancer can use.",
}


# --------------------------------------------------------------------------------------------------
# Go SDK v2

GO_FIELD = re.compile(r'^\s*([A-Z]\w*)\s+(\S+)\s+`json:"(\w+)(,omitempty)?"`', re.M)
GO_STRUCT = re.compile(r"^type (\w+) struct \{(.*?)^\}", re.M | re.S)
GO_FUNC = re.compile(
    r"^func \(a \*V2ApiService\) \w+\(\w+ \*(\w+)\) \(\*(\w+), error\) \{(.*?)^\}", re.M | re.S)
DOC_ROW = re.compile(r"^\*\*(\w+)\*\* \| (.*?) \| (.*?) \| (.*)$", re.M)


@dataclass
class GoField:
    go: str  # Go field name
    name: str  # JSON name
    type: str  # Go type
    tag_required: bool  # no `omitempty`


class Git:
    def __init__(self, repo: str):
        self.repo = repo

    def show(self, path: str) -> str:
        return subprocess.run(["git", "-C", self.repo, "show", f"HEAD:{path}"], check=True,
                              capture_output=True, text=True).stdout

    def ls(self, folder: str) -> list[str]:
        out = subprocess.run(["git", "-C", self.repo, "ls-tree", "-r", "--name-only", "HEAD", folder],
                             check=True, capture_output=True, text=True).stdout
        return out.split()


@dataclass
class GoService:
    name: str
    actions: dict[str, tuple[str, str]]  # action -> (request struct, response struct), API order
    structs: dict[str, list[GoField]]
    doc_required: dict[str, dict[str, bool]]  # struct -> JSON name -> required by the docs


def read_go_service(git: Git, svc: str) -> GoService:
    base = f"services/{svc}/"
    structs: dict[str, list[GoField]] = {}
    docs: dict[str, dict[str, bool]] = {}
    files = git.ls(base)
    for path in files:
        if path.endswith(".go") and not path.endswith("_test.go") and path.count("/") == 2:
            for m in GO_STRUCT.finditer(git.show(path)):
                struct = m.group(1)
                structs[struct] = [
                    GoField(f.group(1), SDK_FIXES.get((svc, struct, f.group(3)), f.group(3)),
                            f.group(2), f.group(4) is None)
                    for f in GO_FIELD.finditer(m.group(2))]
    for path in files:
        if path.startswith(base + "docs/") and path.endswith(".md"):
            struct = path.rsplit("/", 1)[1][:-3]
            if struct not in structs:
                continue
            by_go = {f.go: f.name for f in structs[struct]}
            docs[struct] = {by_go[r.group(1)]: "[optional]" not in r.group(4)
                            for r in DOC_ROW.finditer(git.show(path)) if r.group(1) in by_go}
    actions: dict[str, tuple[str, str]] = {}
    for m in GO_FUNC.finditer(git.show(base + "v2_api.go")):
        path = re.search(r'BasePath \+ "/(\w+)"', m.group(3)).group(1)
        actions[path] = (m.group(1), m.group(2))
    return GoService(svc, actions, structs, docs)


# --------------------------------------------------------------------------------------------------
# Python SDKs: {request or parameter class: {camelCase name: required}}

PY_TYPES: dict[str, dict[str, str]] = {}  # class -> camelCase name -> swagger type


def read_python_sdk(site: str, package: str) -> dict[str, dict[str, bool]]:
    out: dict[str, dict[str, bool]] = {}
    folder = Path(site) / package / "model"
    if not folder.is_dir():
        raise SystemExit(f"{folder}: not found (pip install ncloud-server==1.1.3 ncloud-vserver==1.0.1)")
    for path in sorted(folder.glob("*.py")):
        tree = ast.parse(path.read_text())
        for cls in (n for n in tree.body if isinstance(n, ast.ClassDef)):
            attribute_map: dict[str, str] = {}
            swagger_types: dict[str, str] = {}
            required: set[str] = set()
            for node in cls.body:
                if isinstance(node, ast.Assign) and any(
                        isinstance(t, ast.Name) and t.id == "attribute_map" for t in node.targets):
                    attribute_map = ast.literal_eval(node.value)
                if isinstance(node, ast.Assign) and any(
                        isinstance(t, ast.Name) and t.id == "swagger_types" for t in node.targets):
                    swagger_types = ast.literal_eval(node.value)
                if isinstance(node, ast.FunctionDef) and any(
                        isinstance(d, ast.Attribute) and d.attr == "setter" for d in node.decorator_list):
                    if any(isinstance(n, ast.Raise) and "must not be `None`" in ast.unparse(n)
                           for n in ast.walk(node)):
                        required.add(node.name)
            if attribute_map:
                out[cls.name] = {camel: snake in required for snake, camel in attribute_map.items()}
                PY_TYPES.setdefault(package, {})[cls.name] = {
                    camel: swagger_types[snake] for snake, camel in attribute_map.items()}
    return out


# --------------------------------------------------------------------------------------------------
# Old XML Go SDK: {list field: element of one item}

def read_xml_elements(git: Git) -> dict[str, str]:
    found: dict[str, dict[str, int]] = {}

    def seen(lst: str, item: str, weight: int) -> None:
        found.setdefault(lst, {}).setdefault(item, 0)
        found[lst][item] += weight

    for path in git.ls("sdk"):
        if not path.endswith(".go"):
            continue
        text = git.show(path)
        for m in re.finditer(r'xml:"(\w+List)>(\w+)[,"]', text):
            seen(m.group(1), m.group(2), 1000)  # the SDK's own struct tags decide
        lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
        for a, b in zip(lines, lines[1:]):
            ma, mb = re.fullmatch(r"<(\w+List)>", a), re.fullmatch(r"<(\w+)>", b)
            if ma and mb:
                seen(ma.group(1), mb.group(1), 1)
    return {lst: max(items, key=items.get) for lst, items in found.items()}


# --------------------------------------------------------------------------------------------------
# The model as the SDKs describe it

def lower_camel(name: str) -> str:
    return name[0].lower() + name[1:]


@dataclass
class Draft:
    """What the SDKs say: per file, its actions; globally, models and inputs by final name."""
    actions: dict[str, dict[str, dict]]  # api -> action -> {params, returns, request, response}
    models: dict[str, dict]  # name -> {fields: [(name, type)], xml, users: {api}}
    inputs: dict[str, dict]  # name -> {params: [(name, type, required)], users: {api}}
    sdk_names: dict[tuple[str, str], str]  # (family, SDK name) -> final name


class Importer:
    def __init__(self, go: Git, old_go: Git, py_site: str):
        self.go = {api.name: read_go_service(go, api.service) for api in APIS}
        self.py = {api.name: read_python_sdk(py_site, api.python) for api in APIS if api.python}
        self.xml = read_xml_elements(old_go)
        self.notes: list[str] = []

    # ---- names
    @functools.cache
    def family_structs(self, family: str) -> dict[str, list[GoField]]:
        """Every non-request, non-response struct of a family, fields united (first file's order)."""
        out: dict[str, list[GoField]] = {}
        for api in APIS:
            if api.family != family:
                continue
            for name, fields in self.go[api.name].structs.items():
                if name.endswith(("Request", "Response")) or name == "CommonCode":
                    continue
                have = out.setdefault(name, [])
                names = {f.name for f in have}
                have.extend(f for f in fields if f.name not in names)
        return out

    def name_of(self, family: str, sdk: str) -> str:
        if family == "vpc" or sdk in SHARED_ACROSS_ENVS:
            return sdk
        if sdk in FORCE_CLASSIC:
            return "Classic" + sdk
        vpc = self.family_structs("vpc")
        if sdk not in vpc:
            return sdk
        mine = [(f.name, f.type) for f in self.family_structs("classic")[sdk]]
        theirs = [(f.name, f.type) for f in vpc[sdk]]
        return sdk if mine == theirs else "Classic" + sdk

    # ---- types
    # Inputs whose SDK struct also serves as a response model (one Go struct, two roles): the input
    # gets its own name, since models and inputs share one namespace (the TypeScript names).
    INPUT_RENAMES = {"BlockDevicePartition": "BlockDevicePartitionParameter", "BlockStorage": "BlockStorageParameter"}

    def as_input(self, typ: str, nested: str | None) -> str:
        if nested and nested in self.INPUT_RENAMES:
            return typ.replace(nested, self.INPUT_RENAMES[nested])
        return typ

    def go_type(self, family: str, t: str, code_set: str | None = None) -> tuple[str, str | None]:
        """(model type, the SDK struct it names or None)."""
        simple = {"*string": "str", "*int32": "int", "*int64": "long", "*bool": "bool",
                  "*float32": "float", "*float64": "float", "[]*string": "[str]", "[]*int32": "[int]",
                  "[]*int64": "[long]"}
        if t in simple:
            return simple[t], None
        if t == "*CommonCode":
            return (f"code({code_set})" if code_set else "code"), None
        if t == "[]*CommonCode":
            return "[CommonCode]", None
        m = re.fullmatch(r"(\[\])?\*(\w+)", t)
        if not m:
            raise SystemExit(f"unknown Go type {t}")
        name = self.name_of(family, m.group(2))
        return (f"[{name}]" if m.group(1) else name), m.group(2)

    # ---- what only the Python SDK declares
    def py_type(self, family: str, t: str, name: str) -> tuple[str, str | None]:
        if t == "int":  # Python does not tell 32 from 64 bits: sizes are 64-bit in the Go models
            return ("long" if name.endswith("Size") else "int"), None
        simple = {"str": "str", "bool": "bool", "float": "float", "list[str]": "[str]",
                  "list[int]": "[int]", "CommonCode": "code"}
        if t in simple:
            return simple[t], None
        m = re.fullmatch(r"(list\[)?(\w+)\]?", t)
        name_ = self.name_of(family, m.group(2))
        return (f"[{name_}]" if m.group(1) else name_), m.group(2)

    def py_extras(self, api: Api, struct: str, have: set[str]) -> list[tuple[str, str]]:
        """(name, Python type) of what the Python SDK's class has and the Go struct lacks."""
        types = PY_TYPES.get(api.python or "", {}).get(struct, {})
        return [(n, t) for n, t in types.items() if n not in have]

    def py_comment(self, api: Api) -> str:
        version = {"ncloud_server": "ncloud-server 1.1.3", "ncloud_vserver": "ncloud-vserver 1.0.1"}
        return f"# Only the Python SDK ({version[api.python]}) declares the following."

    # ---- required
    def required(self, api: Api, struct: str, name: str) -> bool:
        go = self.go[api.name]
        by_doc = go.doc_required.get(struct, {}).get(name)
        by_tag = next(f.tag_required for f in go.structs[struct] if f.name == name)
        if by_doc is None:
            by_doc = by_tag
        elif by_doc != by_tag:
            self.notes.append(f"{api.name} {struct}.{name}: Go docs say required={by_doc}, "
                              f"its JSON tag says required={by_tag}; docs taken")
        py = self.py.get(api.name, {}).get(struct, {}).get(name)
        if py is not None and py != by_doc:
            self.notes.append(f"{api.name} {struct}.{name}: Go docs say required={by_doc}, the "
                              f"Python SDK required={py}; not required")
            return False
        return by_doc

    def param_flags(self, api: Api, struct: str, name: str, typ: str,
                    python_only: bool = False) -> str:
        flags = []
        if not python_only and self.required(api, struct, name):
            flags.append("required")
        if name == "pageNo" and typ == "int":
            flags.append(INT32_RANGE)
        if name == "pageSize" and typ == "int":
            flags += ["required_with=pageNo", "range=1..1000"] if api.env == "vpc" else [INT32_RANGE]
        if name == "sortingOrder":
            flags.append("oneof=ASC|DESC" if api.env == "vpc" else "oneof_ci=ascending|descending")
        if name == "userData":
            flags.append("base64")  # v2_api.go base64-encodes UserData of every request
        return " ".join([f"{name}: {typ}"] + flags)

    # ---- the draft
    def draft(self) -> Draft:
        actions: dict[str, dict[str, dict]] = {}
        models: dict[str, dict] = {}
        inputs: dict[str, dict] = {}
        sdk_names: dict[tuple[str, str], str] = {}

        def use_model(api: Api, sdk: str) -> None:
            name = self.name_of(api.family, sdk)
            sdk_names[(api.family, sdk)] = name
            if name in models:
                models[name]["users"].add(api.name)
                if api.family not in models[name]["families"]:
                    models[name]["families"].add(api.family)
                    self.unite(models[name], api, sdk)
                return
            entry = {"users": {api.name}, "families": {api.family}, "fields": [], "sdk": sdk,
                     "xml": None}
            models[name] = entry
            self.unite(entry, api, sdk)
            if api.family == "classic":
                lists = [lst for fam_api in APIS if fam_api.family == "classic"
                         for s in self.go[fam_api.name].structs.values()
                         for f in s for lst in [f.name] if f.type == f"[]*{sdk}"]
                elems = {self.xml[lst] for lst in lists if lst in self.xml}
                if len(elems) > 1:
                    self.notes.append(f"{name}: the old Go SDK shows items {sorted(elems)}")
                entry["xml"] = sorted(elems)[0] if elems else lower_camel(sdk)
            else:
                entry["xml"] = lower_camel(sdk)
            for f in self.family_structs(api.family)[sdk]:
                _, nested = self.go_type(api.family, f.type)
                if nested:
                    use_model(api, nested)

        def use_input(api: Api, sdk: str) -> None:
            name = self.INPUT_RENAMES.get(sdk) or self.name_of(api.family, sdk)
            if name in inputs:
                inputs[name]["users"].add(api.name)
                return
            params = []
            for f in self.go[api.name].structs[sdk]:
                typ, nested = self.go_type(api.family, f.type)
                if nested:
                    use_input(api, nested)
                params.append(self.param_flags(api, sdk, f.name, self.as_input(typ, nested)))
            extras = self.py_extras(api, sdk, {f.name for f in self.go[api.name].structs[sdk]})
            if extras:
                params.append(self.py_comment(api))
            for n, t in extras:
                typ, nested = self.py_type(api.family, t, n)
                params.append(self.param_flags(api, sdk, n, typ, python_only=True))
            inputs[name] = {"users": {api.name}, "params": params, "sdk": sdk}

        for api in APIS:
            go = self.go[api.name]
            names = api.only or list(go.actions)
            actions[api.name] = {}
            for action in names:
                req, resp = go.actions[action]
                params = []
                for f in go.structs[req]:
                    typ, nested = self.go_type(api.family, f.type)
                    if nested:
                        use_input(api, nested)
                    params.append(self.param_flags(api, req, f.name, self.as_input(typ, nested)))
                extras = self.py_extras(api, req, {f.name for f in go.structs[req]})
                if extras:
                    params.append(self.py_comment(api))
                for n, t in extras:
                    typ, nested = self.py_type(api.family, t, n)
                    if nested:
                        use_input(api, nested)
                    params.append(self.param_flags(api, req, n, typ, python_only=True))
                returns = []
                for f in go.structs[resp]:
                    if f.name in ENVELOPE:
                        continue
                    typ, nested = self.go_type(api.family, f.type)
                    if nested:
                        use_model(api, nested)
                    returns.append(f"{f.name}: {typ}")
                extras = self.py_extras(api, resp, {f.name for f in go.structs[resp]})
                if extras:
                    returns.append(self.py_comment(api))
                for n, t in extras:
                    typ, nested = self.py_type(api.family, t, n)
                    if nested:
                        use_model(api, nested)
                    returns.append(f"{n}: {typ}")
                actions[api.name][action] = {"params": params, "returns": returns,
                                             "request": req, "response": resp}
        return Draft(actions, models, inputs, sdk_names)

    def unite(self, entry: dict, api: Api, sdk: str) -> None:
        """Adds the fields of the SDK model to a model entry (new names at the end)."""
        have = {n for n, _ in entry["fields"]}
        for f in self.family_structs(api.family)[sdk]:
            if f.name in have:
                continue
            typ, _ = self.go_type(api.family, f.type, CODE_SET_OF_FIELD.get(f.name))
            entry["fields"].append((f.name, typ))
            have.add(f.name)
        for fam_api in APIS:
            if fam_api.family != api.family or not fam_api.python:
                continue
            extras = self.py_extras(fam_api, sdk, have)
            if extras:
                entry["fields"].append((self.py_comment(fam_api), ""))
            for n, t in extras:
                entry["fields"].append((n, self.py_type(api.family, t, n)[0]))
                have.add(n)


# --------------------------------------------------------------------------------------------------
# Reading and writing the files

def q(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def toml_array(key: str, items: list[str], one_line: bool = False) -> str:
    if not items:
        return f"{key} = []\n"
    if one_line and not any(i.startswith("# ") for i in items):
        return f"{key} = [" + ", ".join(q(i) for i in items) + "]\n"
    return f"{key} = [\n" + "".join(f"  {i}\n" if i.startswith("# ") else f"  {q(i)},\n"
                                     for i in items) + "]\n"


def header(api: Api) -> str:
    return (f"# {api.title} ({api.prefix}): the model of its actions (model/README.md). First written "
            f"by\n# scripts/model/import.py from NAVER's SDKs (and, for the actions served before the "
            f"model, from\n# src/catalog); edited by hand since.\n\n"
            f"[api]\nname = {q(api.name)}\ntitle = {q(api.title)}\nprefix = {q(api.prefix)}\n"
            f"env = {q(api.env)}\n" + toml_array("methods", api.methods, True)
            + toml_array("not_found", api.not_found, True) + "\n")


COMMON_HEADER = ("# Models and code sets that several API files use (model/README.md). `CommonCode` "
                 "({ code, codeName })\n# is implicit: fields of type `code`.\n\n")


def load_model(folder: Path) -> dict[str, dict]:
    out = {}
    for path in sorted(folder.glob("*.toml")):
        with path.open("rb") as fh:
            out[path.stem] = tomllib.load(fh)
    return out


def summary_of(api: str, action: str) -> str:
    return SUMMARIES.get(f"{api}.{action}") or SUMMARIES[action]


def model_entry(name: str, model: dict) -> str:
    text = f"[models.{name}]\n"
    if model["xml"] != lower_camel(name):
        text += f"xml = {q(model['xml'])}\n"
    return text + toml_array("fields", [f"{n}: {t}" if t else n for n, t in model["fields"]]) + "\n"


def input_entry(name: str, inp: dict) -> str:
    return f"[inputs.{name}]\n" + toml_array("params", inp["params"]) + "\n"


def action_entry(api: Api, name: str, action: dict) -> str:
    text = f"[actions.{name}]\ngroup = {q(group_of(api.name, name))}\n"
    text += f"summary = {q(summary_of(api.name, name))}\n"
    text += toml_array("params", action["params"])
    text += toml_array("returns", action["returns"], one_line=True)
    if name in api.method_overrides:
        text += toml_array("methods", api.method_overrides[name], one_line=True)
    return text + "\n"


def insert_codes(text: str, entries: list[str]) -> str:
    """Adds code-set lines at the end of the file's [codes] table (or a new table at the end)."""
    if not entries:
        return text
    lines = text.splitlines(keepends=True)
    try:
        start = next(i for i, ln in enumerate(lines) if ln.strip() == "[codes]")
    except StopIteration:
        return text.rstrip("\n") + "\n\n[codes]\n" + "".join(entries)
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("[")), len(lines))
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    return "".join(lines[:end] + entries + lines[end:])


def codes_used(fields: list[str]) -> set[str]:
    return {m for f in fields for m in re.findall(r"code\((\w+)\)", f)}


def write(importer: Importer, folder: Path) -> None:
    draft = importer.draft()
    files = load_model(folder)
    have_models = {n for d in files.values() for n in d.get("models", {})}
    have_inputs = {n for d in files.values() for n in d.get("inputs", {})}
    have_codes = {n for d in files.values() for n in d.get("codes", {})}
    texts: dict[str, str] = {}
    for api in APIS:
        path = folder / f"{api.name}.toml"
        texts[api.name] = path.read_text() if path.exists() else header(api)
    common_path = folder / "common.toml"
    texts["common"] = common_path.read_text() if common_path.exists() else COMMON_HEADER

    def home(users: set[str]) -> str:
        return "common" if len(users) > 1 else next(iter(users))

    new_models = {n: m for n, m in draft.models.items() if n not in have_models}
    new_inputs = {n: i for n, i in draft.inputs.items() if n not in have_inputs}
    appended: dict[str, list[str]] = {k: [] for k in texts}
    code_users: dict[str, set[str]] = {}
    for name, model in new_models.items():
        where = home(model["users"])
        appended[where].append(model_entry(name, model))
        for c in codes_used([t for _, t in model["fields"]]):
            code_users.setdefault(c, set()).update(model["users"])
    for name, inp in new_inputs.items():
        appended[home(inp["users"])].append(input_entry(name, inp))
    for api in APIS:
        existing = files.get(api.name, {}).get("actions", {})
        for name, action in draft.actions[api.name].items():
            if name not in existing:
                appended[api.name].append(action_entry(api, name, action))
    code_lines: dict[str, list[str]] = {k: [] for k in texts}
    for c in sorted(code_users):
        if c not in have_codes:
            code_lines[home(code_users[c])].append(toml_array(c, CODE_SETS[c], True))
    for key, text in texts.items():
        text = insert_codes(text, code_lines[key])
        if appended[key]:
            text = text.rstrip("\n") + "\n\n" + "".join(appended[key]).rstrip("\n") + "\n"
        (folder / f"{key}.toml").write_text(text)
    for note in sorted(set(importer.notes)):
        print("note:", note)


# --------------------------------------------------------------------------------------------------
# --check

def split_decl(decl: str) -> tuple[str, str, list[str]]:
    name, rest = decl.split(":", 1)
    parts = rest.split()
    return name.strip(), parts[0], parts[1:]


def plain(typ: str) -> str:
    """A type without its code set: `code(serverStatus)` is a `code`."""
    return re.sub(r"^code\(\w+\)$", "code", typ)


def check(importer: Importer, folder: Path) -> int:
    draft = importer.draft()
    files = load_model(folder)
    models = {n: m for d in files.values() for n, m in d.get("models", {}).items()}
    inputs = {n: m for d in files.values() for n, m in d.get("inputs", {}).items()}
    problems: list[str] = []

    def compare(where: str, mine: list[str], sdk: list[str], with_required: bool,
                order: bool = True) -> None:
        m = {split_decl(x)[0]: split_decl(x) for x in mine if not x.startswith("# ")}
        s = {split_decl(x)[0]: split_decl(x) for x in sdk if not x.startswith("# ")}
        for n in s:
            if n not in m:
                problems.append(f"{where}: missing {n} ({s[n][1]})")
        if order and [n for n in m if n in s] != [n for n in s if n in m]:
            problems.append(f"{where}: order differs from the SDK's: {', '.join(n for n in s if n in m)}")
        for n in m:
            if n not in s:
                problems.append(f"{where}: extra {n} (not in the SDK)")
            elif plain(m[n][1]) != plain(s[n][1]):
                problems.append(f"{where}: {n} is {m[n][1]}, the SDK says {s[n][1]}")
            elif with_required and ("required" in m[n][2]) != ("required" in s[n][2]):
                problems.append(f"{where}: {n} required={'required' in m[n][2]}, the SDKs allow "
                                f"required={'required' in s[n][2]}")

    for api in APIS:
        mine = files.get(api.name, {}).get("actions", {})
        sdk = draft.actions[api.name]
        for name in sdk:
            if name not in mine:
                problems.append(f"{api.name}: missing action {name}")
        for name, entry in mine.items():
            if name not in sdk:
                problems.append(f"{api.name}: extra action {name}")
                continue
            compare(f"{api.name}.{name} params", entry.get("params", []), sdk[name]["params"], True)
            compare(f"{api.name}.{name} returns", entry.get("returns", []), sdk[name]["returns"], False,
                    order=False)
    for name, sdk_model in draft.models.items():
        if name not in models:
            problems.append(f"model {name}: missing")
            continue
        compare(f"model {name}", models[name].get("fields", []),
                [f"{n}: {t}" if t else n for n, t in sdk_model["fields"]], False)
        xml = models[name].get("xml", lower_camel(name))
        if xml != sdk_model["xml"]:
            problems.append(f"model {name}: xml {xml!r}, the old Go SDK shows {sdk_model['xml']!r}")
    for name, sdk_input in draft.inputs.items():
        if name not in inputs:
            problems.append(f"input {name}: missing")
            continue
        compare(f"input {name}", inputs[name].get("params", []), sdk_input["params"], True)
    problems += lint(files)
    known = set()
    if KNOWN.exists():
        known = {ln for ln in KNOWN.read_text().splitlines() if ln and not ln.startswith("#")}
    for p in problems:
        print(("known: " if p in known else "") + p)
    for note in sorted(set(importer.notes)):
        print("note:", note)
    new = [p for p in problems if p not in known]
    print(f"{len(problems)} difference(s), {len(new)} not in {KNOWN.relative_to(ROOT)}")
    return 1 if new else 0


FLAG = re.compile(r"required|required_with=\w+|range=-?\d*\.\.-?\d*|len=\d*\.\.\d*|bytes=\.\.\d+"
                  r"|items=\d*\.\.\d*|unique|oneof=[\w|]+|oneof_ci=[\w|]+|image_name|base64|check=\w+")


def lint(files: dict[str, dict]) -> list[str]:
    """Every name declared once, every reference declared, every flag known (model/README.md)."""
    problems = []
    declared: dict[str, dict[str, str]] = {"models": {}, "inputs": {}, "codes": {}}
    for file, data in files.items():
        for kind, names in declared.items():
            for name in data.get(kind, {}):
                if name in names:
                    problems.append(f"{kind[:-1]} {name}: declared in {names[name]} and {file}")
                names[name] = file
    models, inputs, codes = declared["models"], declared["inputs"], declared["codes"]
    scalar = {"str", "int", "long", "float", "bool", "code", "[str]", "[int]", "[long]"}

    def field_type(where: str, typ: str) -> None:
        inner = typ.strip("[]")
        m = re.fullmatch(r"code\((\w+)\)", typ)
        if m:
            if m.group(1) not in codes:
                problems.append(f"{where}: code set {m.group(1)} is not declared")
        elif typ not in scalar and inner not in models and inner != "CommonCode":
            problems.append(f"{where}: type {typ} is not declared")

    for file, data in files.items():
        for name, model in data.get("models", {}).items():
            for decl in model.get("fields", []):
                n, typ, flags = split_decl(decl)
                field_type(f"{file} model {name}.{n}", typ)
                if flags not in ([], ["always"]):
                    problems.append(f"{file} model {name}.{n}: unknown flags {flags}")
        params = [(f"{file} input {n}", i.get("params", [])) for n, i in data.get("inputs", {}).items()]
        params += [(f"{file} action {n}", a.get("params", [])) for n, a in data.get("actions", {}).items()]
        for where, decls in params:
            for decl in decls:
                n, typ, flags = split_decl(decl)
                inner = typ.strip("[]")
                if typ not in scalar - {"code"} and inner not in inputs:
                    problems.append(f"{where}.{n}: type {typ} is not declared")
                problems += [f"{where}.{n}: unknown flag {f}" for f in flags if not FLAG.fullmatch(f)]
        for name, action in data.get("actions", {}).items():
            for decl in action.get("returns", []):
                n, typ, _ = split_decl(decl)
                field_type(f"{file} action {name} returns {n}", typ)
            for key in ("group", "summary", "params", "returns"):
                if key not in action:
                    problems.append(f"{file} action {name}: no {key}")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--go-sdk", default=DEFAULT_GO, help="git mirror of ncloud-sdk-go-v2")
    parser.add_argument("--old-go-sdk", default=DEFAULT_OLD_GO, help="git mirror of ncloud-sdk-go")
    parser.add_argument("--python-site", default=DEFAULT_PY,
                        help="site-packages with ncloud_server and ncloud_vserver")
    parser.add_argument("--model", default=str(ROOT / "model"), help="the model folder")
    parser.add_argument("--check", action="store_true", help="report differences, write nothing")
    args = parser.parse_args()
    importer = Importer(Git(args.go_sdk), Git(args.old_go_sdk), args.python_site)
    if args.check:
        return check(importer, Path(args.model))
    write(importer, Path(args.model))
    return 0


if __name__ == "__main__":
    sys.exit(main())
