#!/usr/bin/env python3
"""Every action of NAVER's official Classic Python SDK (ncloud-server 1.1.3, /server/v2) against the
ncloud emulator, in the order of a life cycle: look-ups, a login key, a server launched with it and
waited for, its root password decrypted with the key's private key, tags, block storage and snapshots,
public IPs, port forwarding, network interfaces, NAS volumes, a member image, the server's life-cycle
operations, and clean-up. The SDK builds, signs, sends and parses every request itself (V2Api methods
and request models); the script sends no HTTP of its own.

Environment as for sdk_lifecycle.py: NCLOUD_API_GW (origin only), NCLOUD_ACCESS_KEY, NCLOUD_SECRET_KEY.
Prints `ok <action>: …` / `FAIL <action>: …` per step and, last, one JSON line:
{"passed": N, "failed": M, "actions": <distinct SDK actions that passed>, "total": <SDK actions>}.
"""

from __future__ import print_function

import base64
import json
import os
import random
import sys
import time
import traceback

from sdk_steps import ACCESS_KEY, GW, SECRET_KEY  # the environment, checked (exit 2 without it)

import ncloud_server as sdk  # noqa: E402
from ncloud_server.rest import ApiException  # noqa: E402

IMAGE = "SPSW0LINUX000046"   # the default fixture's CentOS product
SPEC = "SPSVRSSD00000003"
BIGGER = "SPSVRSSD00000005"
OTHER_SERVER = "491604"      # a fixture server without a public IP (zone KR-1)
ACG = "5475"                 # the fixture's default access control group
SUBNET = "7001"              # the fixture's private subnet 192.168.10.0/24 (KR-1)
PF_CONFIG = "6101"           # the fixture's port forwarding configuration of KR-1
POLL_S, POLL_TIMEOUT_S = 0.1, 30.0

RESULTS = {"passed": 0, "failed": 0}
PASSED = set()
ALL = sorted(n for n in dir(sdk.V2Api) if not n.startswith("_") and not n.endswith("_with_http_info"))


def line(s):
    print(s)
    sys.stdout.flush()


def step(action, fn):
    """Runs one SDK call and its checks; `action` is the V2Api method's name."""
    try:
        detail = fn()
        RESULTS["passed"] += 1
        PASSED.add(action)
        line("ok %s: %s" % (action, detail))
        return True
    except ApiException as e:
        body = e.body.decode("utf-8", "replace") if isinstance(e.body, bytes) else e.body
        line("FAIL %s: ApiException status=%s body=%s" % (action, e.status, body))
    except AssertionError as e:
        line("FAIL %s: assertion: %s" % (action, e))
    except Exception as e:  # noqa: BLE001 - report and go on
        tb = traceback.format_exc().strip().splitlines()
        line("FAIL %s: %s: %s [%s]" % (action, type(e).__name__, e, tb[-3].strip() if len(tb) > 2 else ""))
    RESULTS["failed"] += 1
    return False


def ok(resp):
    # GetPortForwardingRuleListResponse has no envelope fields in the SDK (its model lacks returnCode).
    assert resp is not None and str(getattr(resp, "return_code", "0")) == "0", "returnCode=%r" % resp.return_code
    return resp


def quietly(fn):
    """A step's set-up call whose failure the next steps report."""
    try:
        fn()
    except Exception:  # noqa: BLE001
        pass


def wait(what, read, done):
    """Polls `read()` until `done(item)`; the item."""
    t0 = time.time()
    while True:
        item = read()
        if item is not None and done(item):
            return item
        assert time.time() - t0 < POLL_TIMEOUT_S, "%s: still %r" % (what, item)
        time.sleep(POLL_S)


def code(c):
    return None if c is None else c.code


def ssh_rsa_public_key():
    """An OpenSSH RSA public key (a random 2048-bit odd modulus, e = 65537): what importLoginKey reads."""
    def part(b):
        return len(b).to_bytes(4, "big") + b
    n = random.getrandbits(2048) | (1 << 2047) | 1
    blob = part(b"ssh-rsa") + part((65537).to_bytes(3, "big")) + part(b"\x00" + n.to_bytes(256, "big"))
    return "ssh-rsa " + base64.b64encode(blob).decode() + " interop@example"


def main():
    cfg = sdk.Configuration()
    cfg.access_key, cfg.secret_key = ACCESS_KEY, SECRET_KEY
    assert cfg.host == GW + "/server/v2", cfg.host
    api = sdk.V2Api(sdk.ApiClient(cfg))
    tag = "%04d" % random.randint(0, 9999)
    s = {}

    def server(no):
        r = ok(api.get_server_instance_list(sdk.GetServerInstanceListRequest(server_instance_no_list=[no])))
        return (r.server_instance_list or [None])[0]

    def server_is(no, status):
        return wait("server %s" % no, lambda: server(no),
                    lambda v: code(v.server_instance_status) == status and code(v.server_instance_operation) == "NULL")

    # -- look-ups ---------------------------------------------------------------------------------
    step("get_region_list", lambda: "%d regions" % len(ok(api.get_region_list(sdk.GetRegionListRequest())).region_list))
    step("get_zone_list", lambda: [z.zone_name for z in ok(api.get_zone_list(sdk.GetZoneListRequest(region_no="1"))).zone_list])
    step("get_server_image_product_list", lambda: "%d images" % ok(api.get_server_image_product_list(
        sdk.GetServerImageProductListRequest())).total_rows)

    def products():
        r = ok(api.get_server_product_list(sdk.GetServerProductListRequest(server_image_product_code=IMAGE)))
        codes = [p.product_code for p in r.product_list]
        assert SPEC in codes, codes
        return codes
    step("get_server_product_list", products)
    step("get_raid_list", lambda: [x.raid_name for x in ok(api.get_raid_list(sdk.GetRaidListRequest())).raid_list])
    step("get_init_script_list", lambda: [x.init_script_name for x in ok(api.get_init_script_list(
        sdk.GetInitScriptListRequest())).init_script_list])
    step("get_access_control_group_list", lambda: [g.access_control_group_name for g in ok(api.get_access_control_group_list(
        sdk.GetAccessControlGroupListRequest(is_default=True))).access_control_group_list])
    step("get_access_control_rule_list", lambda: [r.destination_port for r in ok(api.get_access_control_rule_list(
        sdk.GetAccessControlRuleListRequest(access_control_group_configuration_no=ACG))).access_control_rule_list])
    step("get_private_subnet_instance_list", lambda: [x.subnet for x in ok(api.get_private_subnet_instance_list(
        sdk.GetPrivateSubnetInstanceListRequest())).private_subnet_instance_list])

    # -- login keys -------------------------------------------------------------------------------
    def create_key():
        r = ok(api.create_login_key(sdk.CreateLoginKeyRequest(key_name="py-key-" + tag)))
        assert r.private_key and r.private_key.startswith("-----BEGIN RSA PRIVATE KEY-----"), r.private_key
        s["pem"] = r.private_key
        return "privateKey of %d characters" % len(r.private_key)
    step("create_login_key", create_key)

    def import_key():
        r = ok(api.import_login_key(sdk.ImportLoginKeyRequest(key_name="py-imp-" + tag, public_key=ssh_rsa_public_key())))
        return "fingerprint %s" % r.login_key_list[0].fingerprint
    step("import_login_key", import_key)
    step("get_login_key_list", lambda: "%d keys" % ok(api.get_login_key_list(sdk.GetLoginKeyListRequest())).total_rows)

    # -- a server ---------------------------------------------------------------------------------
    def create_server():
        r = ok(api.create_server_instances(sdk.CreateServerInstancesRequest(
            server_image_product_code=IMAGE, server_product_code=SPEC, server_name="py-" + tag,
            # The SDK base64-encodes userData itself (api_client.py: base64.b64encode(value)), which on
            # Python 3 takes bytes only: a str, the type its model declares, raises TypeError (SDK defect).
            login_key_name="py-key-" + tag, user_data=b"#!/bin/sh\necho hi\n",
            instance_tag_list=[sdk.InstanceTagParameter(tag_key="env", tag_value="interop")])))
        s["server"] = r.server_instance_list[0].server_instance_no
        v = server_is(s["server"], "RUN")
        return "no=%s running, zone %s" % (s["server"], v.zone.zone_name)
    step("create_server_instances", create_server)
    no = s.get("server", "0")
    step("get_server_instance_list", lambda: "status %s" % code(server(no).server_instance_status))
    step("get_access_control_group_server_instance_list", lambda: "%d servers" % ok(
        api.get_access_control_group_server_instance_list(sdk.GetAccessControlGroupServerInstanceListRequest(
            access_control_group_configuration_no=ACG))).total_rows)

    def root_password():
        r = ok(api.get_root_password(sdk.GetRootPasswordRequest(server_instance_no=no, private_key=s.get("pem"))))
        assert r.root_password, "no rootPassword"
        s["password"] = r.root_password
        return "a password of %d characters" % len(r.root_password)
    step("get_root_password", root_password)

    def root_passwords():
        r = ok(api.get_root_password_server_instance_list(sdk.GetRootPasswordServerInstanceListRequest(
            root_password_server_instance_list=[sdk.RootPasswordServerInstanceParameter(
                server_instance_no=no, private_key=s.get("pem"))])))
        got = r.root_password_server_instance_list[0].root_password
        assert got == s.get("password"), "%r != %r" % (got, s.get("password"))
        return "the same password"
    step("get_root_password_server_instance_list", root_passwords)

    # -- tags ---------------------------------------------------------------------------------------
    step("create_instance_tags", lambda: "%d tags" % ok(api.create_instance_tags(sdk.CreateInstanceTagsRequest(
        instance_no_list=[no], instance_tag_list=[sdk.InstanceTagParameter(tag_key="team", tag_value="ops")]))).total_rows)

    def tags():
        r = ok(api.get_instance_tag_list(sdk.GetInstanceTagListRequest(instance_no_list=[no])))
        keys = sorted(t.tag_key for t in r.instance_tag_list)
        assert keys == ["env", "team"], keys
        return keys
    step("get_instance_tag_list", tags)
    step("delete_instance_tags", lambda: "%s removed" % ok(api.delete_instance_tags(sdk.DeleteInstanceTagsRequest(
        instance_no_list=[no], instance_tag_list=[sdk.InstanceTagParameter(tag_key="team")]))).total_rows)

    # -- block storage and snapshots ----------------------------------------------------------------
    def storage(bs):
        r = ok(api.get_block_storage_instance_list(sdk.GetBlockStorageInstanceListRequest(block_storage_instance_no_list=[bs])))
        return (r.block_storage_instance_list or [None])[0]

    def storage_is(bs, status):
        return wait("storage %s" % bs, lambda: storage(bs), lambda v: code(v.block_storage_instance_status) == status
                    and code(v.block_storage_instance_operation) == "NULL")

    def create_storage():
        r = ok(api.create_block_storage_instance(sdk.CreateBlockStorageInstanceRequest(
            server_instance_no=no, block_storage_size=10, block_storage_name="py-bs-" + tag)))
        s["bs"] = r.block_storage_instance_list[0].block_storage_instance_no
        return "attached as %s" % storage_is(s["bs"], "ATTAC").device_name
    step("create_block_storage_instance", create_storage)
    bs = s.get("bs", "0")
    step("get_block_storage_instance_list", lambda: "%d storages of the server" % ok(api.get_block_storage_instance_list(
        sdk.GetBlockStorageInstanceListRequest(server_instance_no=no))).total_rows)

    def grow():
        ok(api.change_block_storage_volume_size(sdk.ChangeBlockStorageVolumeSizeRequest(block_storage_instance_no=bs, block_storage_size=20)))
        v = storage_is(bs, "ATTAC")
        assert v.block_storage_size == 20 << 30, v.block_storage_size
        return "20 GB"
    step("change_block_storage_volume_size", grow)

    def snapshot():
        r = ok(api.create_block_storage_snapshot_instance(sdk.CreateBlockStorageSnapshotInstanceRequest(block_storage_instance_no=bs)))
        s["snap"] = r.block_storage_snapshot_instance_list[0].block_storage_snapshot_instance_no
        return "no=%s" % s["snap"]
    step("create_block_storage_snapshot_instance", snapshot)

    def snapshots():
        def read():
            r = ok(api.get_block_storage_snapshot_instance_list(sdk.GetBlockStorageSnapshotInstanceListRequest(
                block_storage_snapshot_instance_no_list=[s.get("snap", "0")])))
            return (r.block_storage_snapshot_instance_list or [None])[0]
        v = wait("snapshot", read, lambda v: code(v.block_storage_snapshot_instance_status) == "CREAT")
        return "created from %s" % v.original_block_storage_instance_no
    step("get_block_storage_snapshot_instance_list", snapshots)
    step("delete_block_storage_snapshot_instances", lambda: ok(api.delete_block_storage_snapshot_instances(
        sdk.DeleteBlockStorageSnapshotInstancesRequest(block_storage_snapshot_instance_no_list=[s.get("snap", "0")])))
        .block_storage_snapshot_instance_list[0].block_storage_snapshot_instance_status_name)

    def detach():
        ok(api.detach_block_storage_instances(sdk.DetachBlockStorageInstancesRequest(block_storage_instance_no_list=[bs])))
        return "detached: %s" % code(storage_is(bs, "CREAT").block_storage_instance_status)
    step("detach_block_storage_instances", detach)

    def attach():
        ok(api.attach_block_storage_instance(sdk.AttachBlockStorageInstanceRequest(server_instance_no=no, block_storage_instance_no=bs)))
        return "attached to %s" % storage_is(bs, "ATTAC").server_instance_no
    step("attach_block_storage_instance", attach)
    step("delete_block_storage_instances", lambda: ok(api.delete_block_storage_instances(sdk.DeleteBlockStorageInstancesRequest(
        block_storage_instance_no_list=[bs]))).block_storage_instance_list[0].block_storage_instance_status_name)

    # -- public IPs ---------------------------------------------------------------------------------
    def ip(no_):
        r = ok(api.get_public_ip_instance_list(sdk.GetPublicIpInstanceListRequest(public_ip_instance_no_list=[no_])))
        return (r.public_ip_instance_list or [None])[0]

    def ip_is(no_, status):
        return wait("public IP %s" % no_, lambda: ip(no_), lambda v: code(v.public_ip_instance_status) == status
                    and code(v.public_ip_instance_operation) == "NULL")

    step("get_public_ip_target_server_instance_list", lambda: "%d servers" % ok(api.get_public_ip_target_server_instance_list(
        sdk.GetPublicIpTargetServerInstanceListRequest())).total_rows)

    def create_ip():
        r = ok(api.create_public_ip_instance(sdk.CreatePublicIpInstanceRequest(public_ip_description="py " + tag)))
        s["ip"] = r.public_ip_instance_list[0].public_ip_instance_no
        return "%s created" % ip_is(s["ip"], "CREAT").public_ip
    step("create_public_ip_instance", create_ip)
    pip = s.get("ip", "0")

    def associate():
        ok(api.associate_public_ip_with_server_instance(sdk.AssociatePublicIpWithServerInstanceRequest(
            public_ip_instance_no=pip, server_instance_no=no)))
        v = ip_is(pip, "USED")
        assert v.server_instance_associated_with_public_ip.server_instance_no == no
        return "used by %s" % no
    step("associate_public_ip_with_server_instance", associate)
    step("get_public_ip_instance_list", lambda: "%d associated" % ok(api.get_public_ip_instance_list(
        sdk.GetPublicIpInstanceListRequest(is_associated=True))).total_rows)

    def replace():
        ok(api.replace_server_instance_associated_with_public_ip(sdk.ReplaceServerInstanceAssociatedWithPublicIpRequest(
            public_ip_instance_no=pip, server_instance_no=OTHER_SERVER)))
        return "moved to %s" % ip_is(pip, "USED").server_instance_associated_with_public_ip.server_instance_no
    step("replace_server_instance_associated_with_public_ip", replace)

    def disassociate():
        ok(api.disassociate_public_ip_from_server_instance(sdk.DisassociatePublicIpFromServerInstanceRequest(public_ip_instance_no=pip)))
        return "free: %s" % code(ip_is(pip, "CREAT").public_ip_instance_status)
    step("disassociate_public_ip_from_server_instance", disassociate)
    step("delete_public_ip_instances", lambda: ok(api.delete_public_ip_instances(sdk.DeletePublicIpInstancesRequest(
        public_ip_instance_no_list=[pip]))).public_ip_instance_list[0].public_ip_instance_status_name)

    # -- port forwarding ----------------------------------------------------------------------------
    rule = sdk.PortForwardingRuleParameter(port_forwarding_external_port=random.randint(3000, 9000),
                                           port_forwarding_internal_port=22, server_instance_no=no)

    def add_rule():
        r = ok(api.add_port_forwarding_rules(sdk.AddPortForwardingRulesRequest(
            port_forwarding_configuration_no=PF_CONFIG, port_forwarding_rule_list=[rule])))
        ports = [x.port_forwarding_external_port for x in r.port_forwarding_rule_list]
        assert rule.port_forwarding_external_port in ports, ports
        return "ports %s via %s" % (ports, r.port_forwarding_public_ip)
    step("add_port_forwarding_rules", add_rule)
    step("get_port_forwarding_rule_list", lambda: "%d rules" % len(ok(api.get_port_forwarding_rule_list(
        sdk.GetPortForwardingRuleListRequest(region_no="1", zone_no="2"))).port_forwarding_rule_list))
    step("delete_port_forwarding_rules", lambda: "%d rules left" % len(ok(api.delete_port_forwarding_rules(
        sdk.DeletePortForwardingRulesRequest(port_forwarding_configuration_no=PF_CONFIG,
                                             port_forwarding_rule_list=[rule]))).port_forwarding_rule_list))

    # -- network interfaces -------------------------------------------------------------------------
    nic_ip = "192.168.10.%d" % random.randint(10, 250)

    def nic():
        r = ok(api.get_network_interface_list(sdk.GetNetworkInterfaceListRequest()))
        return next((n for n in r.network_interface_list or [] if n.network_interface_ip == nic_ip), None)

    def create_nic():
        ok(api.create_network_interface(sdk.CreateNetworkInterfaceRequest(
            private_subnet_instance_no=SUBNET, network_interface_name="py-nic-" + tag, network_interface_ip=nic_ip)))
        return "free: %s" % wait("nic", nic, lambda n: n.status_code == "NOTUSED").network_interface_no
    step("create_network_interface", create_nic)
    step("get_network_interface_list", lambda: "%d interfaces" % ok(api.get_network_interface_list(
        sdk.GetNetworkInterfaceListRequest())).total_rows)
    nic_no = (nic() or sdk.NetworkInterface(network_interface_no="0")).network_interface_no

    def attach_nic():
        ok(api.attach_network_interface(sdk.AttachNetworkInterfaceRequest(network_interface_no=nic_no, server_instance_no=no)))
        return "used by %s" % wait("nic", nic, lambda n: n.status_code == "USED").server_instance_no
    step("attach_network_interface", attach_nic)

    def detach_nic():
        ok(api.detach_network_interface(sdk.DetachNetworkInterfaceRequest(network_interface_no=nic_no, server_instance_no=no)))
        return wait("nic", nic, lambda n: n.status_code == "NOTUSED").status_code
    step("detach_network_interface", detach_nic)
    step("delete_network_interface", lambda: ok(api.delete_network_interface(sdk.DeleteNetworkInterfaceRequest(
        network_interface_no=nic_no))).return_message)

    # -- NAS ------------------------------------------------------------------------------------------
    def volume(nas):
        r = ok(api.get_nas_volume_instance_list(sdk.GetNasVolumeInstanceListRequest(nas_volume_instance_no_list=[nas])))
        return (r.nas_volume_instance_list or [None])[0]

    def volume_ready(nas):
        return wait("nas %s" % nas, lambda: volume(nas), lambda v: code(v.nas_volume_instance_status) == "CREAT"
                    and code(v.nas_volume_instance_operation) == "NULL")

    def create_nas():
        r = ok(api.create_nas_volume_instance(sdk.CreateNasVolumeInstanceRequest(
            volume_name="py" + tag, volume_size=500, volume_allotment_protocol_type_code="NFS", server_instance_no_list=[no])))
        s["nas"] = r.nas_volume_instance_list[0].nas_volume_instance_no
        return volume_ready(s["nas"]).mount_information
    step("create_nas_volume_instance", create_nas)
    nas = s.get("nas", "0")
    step("get_nas_volume_instance_list", lambda: "%d servers may mount it" % len(volume(nas).nas_volume_server_instance_list))

    def access(action, req, want):
        def run():
            ok(getattr(api, action)(req))
            v = volume_ready(nas)
            got = sorted(x.custom_ip for x in v.nas_volume_instance_custom_ip_list or [])
            assert got == want, got
            return "custom IPs %s" % got
        return run
    step("add_nas_volume_access_control", access("add_nas_volume_access_control", sdk.AddNasVolumeAccessControlRequest(
        nas_volume_instance_no=nas, custom_ip_list=["10.0.0.1", "10.0.0.2"]), ["10.0.0.1", "10.0.0.2"]))
    step("remove_nas_volume_access_control", access("remove_nas_volume_access_control", sdk.RemoveNasVolumeAccessControlRequest(
        nas_volume_instance_no=nas, custom_ip_list=["10.0.0.1"]), ["10.0.0.2"]))
    step("set_nas_volume_access_control", access("set_nas_volume_access_control", sdk.SetNasVolumeAccessControlRequest(
        nas_volume_instance_no=nas, custom_ip_list=["10.0.0.3"]), ["10.0.0.3"]))

    def nas_size():
        ok(api.change_nas_volume_size(sdk.ChangeNasVolumeSizeRequest(nas_volume_instance_no=nas, volume_size=600)))
        v = volume_ready(nas)
        assert v.volume_total_size == 600 << 30, v.volume_total_size
        return "600 GB"
    step("change_nas_volume_size", nas_size)
    step("get_nas_volume_instance_rating_list", lambda: "%d rows" % len(ok(api.get_nas_volume_instance_rating_list(
        sdk.GetNasVolumeInstanceRatingListRequest(nas_volume_instance_no=nas, start_time="2024-03-21T00:00:00+0900",
                                                  end_time="2024-03-21T01:00:00+0900", interval="5m")))
        .nas_volume_instance_rating_list))
    step("delete_nas_volume_instance", lambda: ok(api.delete_nas_volume_instance(sdk.DeleteNasVolumeInstanceRequest(
        nas_volume_instance_no=nas))).nas_volume_instance_list[0].nas_volume_instance_status_name)

    # -- a member image, and the server's life ---------------------------------------------------------
    def image():
        r = ok(api.create_member_server_image(sdk.CreateMemberServerImageRequest(server_instance_no=no, member_server_image_name="py-img-" + tag)))
        s["image"] = r.member_server_image_list[0].member_server_image_no
        return "no=%s" % s["image"]
    step("create_member_server_image", image)

    def images():
        def read():
            r = ok(api.get_member_server_image_list(sdk.GetMemberServerImageListRequest(member_server_image_no_list=[s.get("image", "0")])))
            return (r.member_server_image_list or [None])[0]
        return code(wait("image", read, lambda v: code(v.member_server_image_status) == "CREAT").member_server_image_status)
    step("get_member_server_image_list", images)

    def op(action, req, status):
        def run():
            ok(getattr(api, action)(req))
            return "then %s" % server_is(no, status).server_instance_status_name
        return run
    step("reboot_server_instances", op("reboot_server_instances", sdk.RebootServerInstancesRequest(server_instance_no_list=[no]), "RUN"))
    step("stop_server_instances", op("stop_server_instances", sdk.StopServerInstancesRequest(server_instance_no_list=[no]), "NSTOP"))
    step("change_server_instance_spec", op("change_server_instance_spec", sdk.ChangeServerInstanceSpecRequest(
        server_instance_no=no, server_product_code=BIGGER), "NSTOP"))
    step("start_server_instances", op("start_server_instances", sdk.StartServerInstancesRequest(server_instance_no_list=[no]), "RUN"))
    quietly(lambda: ok(api.stop_server_instances(sdk.StopServerInstancesRequest(server_instance_no_list=[no]))))
    quietly(lambda: server_is(no, "NSTOP"))
    step("recreate_server_instance", op("recreate_server_instance", sdk.RecreateServerInstanceRequest(
        server_instance_no=no, server_image_product_code=IMAGE, server_instance_name="py-re-" + tag), "RUN"))
    quietly(lambda: ok(api.stop_server_instances(sdk.StopServerInstancesRequest(server_instance_no_list=[no]))))
    quietly(lambda: server_is(no, "NSTOP"))
    step("terminate_server_instances", lambda: ok(api.terminate_server_instances(sdk.TerminateServerInstancesRequest(
        server_instance_no_list=[no]))).server_instance_list[0].server_instance_status_name)
    step("delete_member_server_images", lambda: ok(api.delete_member_server_images(sdk.DeleteMemberServerImagesRequest(
        member_server_image_no_list=[s.get("image", "0")]))).member_server_image_list[0].member_server_image_status_name)
    step("delete_login_key", lambda: ok(api.delete_login_key(sdk.DeleteLoginKeyRequest(key_name="py-imp-" + tag))).return_message)

    missing = [a for a in ALL if a not in PASSED]
    if missing:
        line("# not passed: %s" % ", ".join(missing))
    print(json.dumps({"passed": RESULTS["passed"], "failed": RESULTS["failed"], "actions": len(PASSED), "total": len(ALL)}))
    return 0 if RESULTS["failed"] == 0 and not missing else 1


if __name__ == "__main__":
    sys.exit(main())
