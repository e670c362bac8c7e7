"""What NCP's API reference says about a request where NAVER's SDK models say less.

The SDK models give a parameter's type and whether it is required; they do not say that Classic sorts by
`ascending`/`descending` while VPC takes `ASC`/`DESC`, that a createServerImage storage item needs its
`order`, or which parameters NCP refuses together. A vector made by filling in every field of a model can
therefore be a request NCP refuses. `cases()` turns such a parameter set into requests NCP accepts and
says why, citing NCP's API reference, the project's NCP server-image API spec (ncp-server-image-api.md,
which gathers the reference's pages) or the old Go SDK's own checks. Only rules stated in those sources
are applied; REPORT.md lists what looks doubtful but is not stated there. Nothing here is this package's
model or output.
"""

import values as V

SPEC = "spec ncp-server-image-api.md"
CLASSIC = ("server", "loadbalancer")

# Classic list actions: the sortedBy values NCP takes, and who says so
CLASSIC_SORTED_BY = {
    ("server", "getMemberServerImageList"): ("memberServerImageName", f"{SPEC} §3.1: memberServerImageName | memberServerImageNo"),
    ("server", "getServerInstanceList"): ("serverName", "the old Go SDK's sdk/getServerInstanceList.go check: serverName | serverInstanceNo"),
    ("server", "getBlockStorageInstanceList"): ("blockStorageName", "the old Go SDK's sdk/getBlockStorageInstanceList.go check: blockStorageName | blockStorageInstanceNo"),
    ("server", "getPublicIpInstanceList"): ("publicIp", "the old Go SDK's sdk/getPublicIpInstanceList.go check: publicIp | publicIpInstanceNo"),
    ("loadbalancer", "getLoadBalancerInstanceList"): ("loadBalancerName", "the old Go SDK's sdk/getLoadBalancerInstanceList.go check: loadBalancerName | loadBalancerInstanceNo"),
}
VPC_SORTED_BY = {
    ("vserver", "getMemberServerImageInstanceList"): ("memberServerImageName", f"{SPEC} §4.1: only memberServerImageName"),
}
CLASSIC_SORTING_CHECKS = {
    "getServerInstanceList": "sdk/getServerInstanceList.go", "getBlockStorageInstanceList": "sdk/getBlockStorageInstanceList.go",
    "getPublicIpInstanceList": "sdk/getPublicIpInstanceList.go", "getLoadBalancerInstanceList": "sdk/getLoadBalancerInstanceList.go",
}

BLOCK_STORAGE_LIST_ACTIONS = ("createServerImage", "createServerImageFromSnapshot")
BLOCK_STORAGE_VOLUME_TYPES = ("CB1", "CB2", "FB1", "FB2")


# What looks doubtful in the vectors but no source read here settles: left as the SDK models make it,
# listed in REPORT.md.
DOUBTS = {
    "server": [
        "createServerInstances sends serverImageProductCode and memberServerImageNo together; NCP's reference "
        "says one of the two is required (it reads as a choice, but does not say both together are refused)",
    ],
    "vserver": [
        "createServerInstances-2 sends memberServerImageInstanceNo and serverImageProductCode together (the "
        "reference: one of the two is entered), and both createServerInstances vectors send serverSpecCode with "
        "serverProductCode (the reference pairs serverImageNo with serverSpecCode, serverImageProductCode with "
        "serverProductCode, without saying the other pairs are refused)",
        "createServerInstances fills every field of its blockStorageMappingList items (the base storage with "
        "noBlockStorage=true and blockStorageVolumeTypeCode SSD); the reference's rules for these items were not "
        "found in the sources read here, so the createServerImage rules are not carried over",
        "createServerInstances gives both networkInterfaceList items the ip 203.0.113.7, not an address of their subnets",
        "sortedBy serverName for getBlockStorageSnapshotInstanceList, getFabricClusterList, getInitScriptList and "
        "getServerImageList: their sortedBy values are not in the sources read here (spec §4.6 leaves "
        "getServerImageList's UNCONFIRMED)",
    ],
}


def cases(api, action, variant, params, model=None, request=None):
    """[(variant, params, notes)]: the requests NCP accepts made from `params` (a variant "1" with every
    field, or "required"). Usually one, the same params; a rule may change values or split one set of
    parameters NCP refuses together into several requests."""
    params = dict(params)
    notes = []
    if "sortingOrder" in params:
        params["sortingOrder"], why = sorting_order(api, action)
        notes.append(why)
    if "sortedBy" in params:
        rule = CLASSIC_SORTED_BY.get((api, action)) or VPC_SORTED_BY.get((api, action))
        if rule:
            params["sortedBy"] = rule[0]
            notes.append(f"sortedBy {rule[0]}: {rule[1]}")
    if api == "vserver" and action in BLOCK_STORAGE_LIST_ACTIONS and "blockStorageList" in params:
        params["blockStorageList"], why = block_storage_list(action, variant)
        check_block_storage_list(params["blockStorageList"])
        if model is not None:
            st = model.struct(model.struct(request).get("blockStorageList").elem)
            used = {k for item in params["blockStorageList"] for k in item}
            if variant != "required" and used != {f.json for f in st.fields}:
                raise SystemExit(f"{action}: blockStorageList items use {sorted(used)}, the model has "
                                 f"{sorted(f.json for f in st.fields)}: ncp_rules.block_storage_list needs a look")
        notes.append(why)
    if api == "vserver" and action == "createServerInstances":
        return server_image_choice(variant, params, notes)
    return [(variant, params, notes)]


def sorting_order(api, action):
    if api in CLASSIC:
        src = f"{SPEC} §3.1"
        if action in CLASSIC_SORTING_CHECKS:
            src += f"; the old Go SDK's {CLASSIC_SORTING_CHECKS[action]} checks the same"
        return "descending", (f"sortingOrder descending: NCP's Classic API takes ascending | descending "
                              f"(case-insensitive), VPC takes ASC | DESC ({src})")
    return "DESC", f"sortingOrder DESC: NCP's VPC API takes ASC | DESC, Classic ascending | descending ({SPEC} §4.1)"


def block_storage_list(action, variant):
    """blockStorageList of createServerImage / createServerImageFromSnapshot as NCP's reference has it
    (spec §4.8, §4.9): every item has its `order` (required by the reference, optional in both SDKs'
    models), 0 is the base storage and appears once, each order once; the base storage takes only
    snapshotInstanceNo; an additional item is an existing snapshot (snapshotInstanceNo, blockStorageSize
    at least the snapshot's), a new empty volume (blockStorageVolumeTypeCode CB1|CB2|FB1|FB2,
    blockStorageSize, emptyBlockStorage=true) or a volume left out (noBlockStorage=true)."""
    snap = lambda i: V.param_string("snapshotInstanceNo", i)
    if variant == "required":
        if action == "createServerImageFromSnapshot":
            items = [{"order": 0, "snapshotInstanceNo": snap(0)}]
            why = ("blockStorageList: the base storage only, with its order (required by NCP's reference, "
                   "optional in the SDK models) and its snapshotInstanceNo (the image is made from snapshots: "
                   f"the base must be a bootable snapshot, {SPEC} §4.8, §4.9)")
        else:
            items = [{"order": 0}]
            why = ("blockStorageList: the base storage only, with its order, required by NCP's reference "
                   f"though optional in the SDK models ({SPEC} §4.8)")
        return items, why
    items = [
        {"order": 0, "snapshotInstanceNo": snap(0)},
        {"order": 1, "snapshotInstanceNo": snap(1), "blockStorageSize": 200},
        {"order": 2, "blockStorageSize": 100, "blockStorageVolumeTypeCode": "CB1", "emptyBlockStorage": True},
        {"order": 3, "noBlockStorage": True},
    ]
    why = ("blockStorageList as NCP's reference allows it, not every field of every item: order on every "
           "item, each order once; the base storage (order 0) with snapshotInstanceNo only (no "
           "blockStorageVolumeTypeCode, noBlockStorage, emptyBlockStorage); additional storage from a "
           "snapshot (snapshotInstanceNo, blockStorageSize), a new empty one (blockStorageVolumeTypeCode CB1, "
           f"blockStorageSize, emptyBlockStorage=true) and one left out (noBlockStorage=true) ({SPEC} §4.8, §4.9)")
    return items, why


def check_block_storage_list(items):
    """The rules of spec §4.8 over a blockStorageList; raises on a list NCP's reference refuses."""
    orders = [it.get("order") for it in items]
    if any(o is None for o in orders):
        raise SystemExit(f"blockStorageList {items}: an item without its order")
    if len(set(orders)) != len(orders) or orders.count(0) != 1 or not all(0 <= o <= 20 for o in orders):
        raise SystemExit(f"blockStorageList {items}: orders {orders} (one 0, each once, 0..20)")
    for it in items:
        if it["order"] == 0:
            if set(it) - {"order", "snapshotInstanceNo"}:
                raise SystemExit(f"blockStorageList {it}: the base storage takes only snapshotInstanceNo")
        elif not (it.get("snapshotInstanceNo") or it.get("blockStorageVolumeTypeCode") or it.get("noBlockStorage") is True):
            raise SystemExit(f"blockStorageList {it}: an additional item needs snapshotInstanceNo or blockStorageVolumeTypeCode (or noBlockStorage=true)")
        if it.get("blockStorageVolumeTypeCode") not in (None,) + BLOCK_STORAGE_VOLUME_TYPES:
            raise SystemExit(f"blockStorageList {it}: volume type not one of {BLOCK_STORAGE_VOLUME_TYPES}")
        if it.get("emptyBlockStorage") is True and it.get("noBlockStorage") is True:
            raise SystemExit(f"blockStorageList {it}: a new empty volume that is left out")


def server_image_choice(variant, params, notes):
    """VPC createServerInstances: NCP's reference (createServerInstances, VPC) says serverImageNo cannot be
    used together with memberServerImageInstanceNo or serverImageProductCode, and that one of the three is
    required. The full parameter set becomes two requests: serverImageNo (with serverSpecCode, the way
    the reference gives for KVM) and the other image parameters; the required-only one gets serverImageNo."""
    ref = "NCP API reference createServerInstances (VPC): serverImageNo cannot be used together with memberServerImageInstanceNo or serverImageProductCode; one of the three is required"
    if variant == "required":
        p = dict(params)
        p["serverImageNo"] = V.param_string("serverImageNo")
        return [(variant, p, notes + [f"serverImageNo added to the required parameters ({ref})"])]
    others = ("memberServerImageInstanceNo", "serverImageProductCode")
    if "serverImageNo" not in params or not any(k in params for k in others):
        return [(variant, params, notes)]
    kvm = {k: v for k, v in params.items() if k not in others}
    xen = {k: v for k, v in params.items() if k != "serverImageNo"}
    return [(variant, kvm, notes + [f"with serverImageNo, so without {' and '.join(others)} (the -2 vector has them) ({ref})"]),
            ("2", xen, notes + [f"without serverImageNo, as it has {' and '.join(others)} (the -1 vector has serverImageNo) ({ref})"])]
