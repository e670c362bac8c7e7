#!/usr/bin/env python3
"""Interop check: every action of NAVER's official `ncloud-vserver` SDK (1.0.1, the newest on PyPI)
driven against the ncloud emulator, in the order of a server's life (look-ups, network, keys, a
launch, public IP, interfaces, storage, snapshots, images, termination, clean-up).

Each request is built, signed, sent and parsed by the SDK (V2Api methods and request models).
Where the SDK cannot build a correct request it goes through the SDK's own `ApiClient.call_api`
with correct parameters (same signing, transport and parsing; see `sdk_lifecycle.py`), and the
step says so. Defects of ncloud-vserver 1.0.1 met here:
  * a list inside an item of an object list is sent as Python text
    (`networkInterfaceList.1.accessControlGroupNoList=['3501']`), so `createServerInstances` cannot
    give the access control groups of its network interfaces: it is sent through `call_api`;
  * booleans go out as `True` / `False` (the emulator, like NCP, takes them in any case).

Environment: NCLOUD_API_GW (the emulator's origin), NCLOUD_ACCESS_KEY, NCLOUD_SECRET_KEY, and
FIXTURE (the emulator's default scenario, fixtures/emulator.json: the VPC, subnet, group, image
product and test login key it names). Prints `ok <action>: ...` / `FAIL <action>: ...` per step and,
last, one JSON line {"passed", "failed", "actions", "total", "pending"}: `actions` counts the SDK's
actions that ran and passed, `total` the SDK's actions (V2Api methods); `pending` names the actions
the emulator answered 404 (not served), which `npm test` requires to be none: the emulator serves all
67. Exit code 0 only when nothing failed.
"""

from __future__ import print_function

import json
import os

from sdk_steps import Steps, first, until

import ncloud_vserver  # noqa: E402  (after sdk_steps: it sets NCLOUD_API_GW, which the SDK reads once)
from ncloud_vserver.rest import ApiException  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURE = os.environ.get("FIXTURE", os.path.join(HERE, "..", "fixtures", "emulator.json"))

M = ncloud_vserver  # every request model is exported by the package

with open(FIXTURE, encoding="utf-8") as f:
    VPC = json.load(f)["vpc"]
VPC_NO = VPC["vpcs"][0]["vpcNo"]
PUBLIC_SUBNET = next(s["subnetNo"] for s in VPC["subnets"] if s["subnetType"]["code"] == "PUBLIC")
DEFAULT_ACG = next(g["accessControlGroupNo"] for g in VPC["accessControlGroups"] if g.get("isDefault"))
KEY = VPC["loginKeys"][0]
IMAGE_PRODUCT = VPC["products"][0]["productCode"]
XEN_PRODUCTS = [p["serverProductCode"] for p in VPC["serverSpecs"] if p["hypervisorType"]["code"] == "XEN"]

RUN = Steps(ncloud_vserver, ApiException, "/vserver/v2")
client, api, call, step = RUN.client, RUN.api, RUN.call, RUN.step
S = {}  # what the steps made: numbers to point later steps at


def raw(action_camel, params, response_type):
    """The SDK's own ApiClient.call_api, as every generated V2Api method calls it, with the wire
    names given (for requests the SDK's serializer gets wrong)."""
    return client.call_api(
        "/" + action_camel, "POST", {}, [("responseFormatType", "json")],
        {"Content-Type": client.select_header_content_type(["application/x-www-form-urlencoded"])},
        body=params, post_params=[], files={}, response_type=response_type, auth_settings=["x-ncp-iam"],
        _return_http_data_only=True, _preload_content=True, collection_formats={})


def server_status(no):
    v = call("get_server_instance_detail", server_instance_no=no).server_instance_list[0]
    return v.server_instance_status.code if v.server_instance_operation.code == "NULL" else "busy"


# --- look-ups ------------------------------------------------------------------------------------
step("get_region_list", lambda: "%d regions" % len(call("get_region_list").region_list))
step("get_zone_list", lambda: "%d zones" % len(call("get_zone_list", region_code="KR").zone_list))
step("get_server_image_product_list",
     lambda: "%d OS images" % len(call("get_server_image_product_list").product_list))


def products():
    got = [p.product_code for p in call("get_server_product_list", server_image_product_code=IMAGE_PRODUCT).product_list]
    assert set(got) == set(XEN_PRODUCTS), got
    return "%d XEN server products" % len(got)


step("get_server_product_list", products)

# --- access control groups -----------------------------------------------------------------------
step("get_access_control_group_list",
     lambda: "%d groups" % len(call("get_access_control_group_list", vpc_no=VPC_NO).access_control_group_list))


def make_group():
    g = first(call("create_access_control_group", vpc_no=VPC_NO, access_control_group_name="py-acg",
                   access_control_group_description="made by ncloud-vserver"), "access_control_group_list")
    S["acg"] = g.access_control_group_no
    return "no=%s" % S["acg"]


step("create_access_control_group", make_group)
step("get_access_control_group_detail", lambda: first(call(
    "get_access_control_group_detail", access_control_group_no=S["acg"]), "access_control_group_list").access_control_group_name)


def group_status():
    g = first(call("get_access_control_group_detail", access_control_group_no=S["acg"]), "access_control_group_list")
    return g.access_control_group_status.code


def add_rules(direction):
    name = "AccessControlGroup%sRule" % direction.capitalize()
    req = getattr(M, "Add%sRequest" % name)(
        vpc_no=VPC_NO, access_control_group_no=S["acg"],
        access_control_group_rule_list=[M.AddAccessControlGroupRuleParameter(
            protocol_type_code="TCP", ip_block="0.0.0.0/0", port_range="80", access_control_group_rule_description="web")])
    resp = call("add_access_control_group_%s_rule" % direction, req)
    until(group_status, ("RUN",), "the group")  # SET while its rules change
    return "%d rules" % resp.total_rows


def remove_rules(direction):
    name = "AccessControlGroup%sRule" % direction.capitalize()
    req = getattr(M, "Remove%sRequest" % name)(
        vpc_no=VPC_NO, access_control_group_no=S["acg"],
        access_control_group_rule_list=[M.RemoveAccessControlGroupRuleParameter(
            protocol_type_code="TCP", ip_block="0.0.0.0/0", port_range="80")])
    resp = call("remove_access_control_group_%s_rule" % direction, req)
    until(group_status, ("RUN",), "the group")
    return "%d rules left" % resp.total_rows


step("add_access_control_group_inbound_rule", lambda: add_rules("inbound"))
step("add_access_control_group_outbound_rule", lambda: add_rules("outbound"))
step("get_access_control_group_rule_list", lambda: "%d inbound" % call(
    "get_access_control_group_rule_list", access_control_group_no=S["acg"], access_control_group_rule_type_code="INBND").total_rows)
step("remove_access_control_group_inbound_rule", lambda: remove_rules("inbound"))
step("remove_access_control_group_outbound_rule", lambda: remove_rules("outbound"))

# --- login keys, init scripts, placement groups --------------------------------------------------


def new_key():
    resp = call("create_login_key", key_name="py-made-key")
    assert resp.private_key.startswith("-----BEGIN RSA PRIVATE KEY-----"), resp.private_key[:40]
    return "private key of %d characters" % len(resp.private_key)


step("create_login_key", new_key)
step("import_login_key", lambda: first(call(
    "import_login_key", key_name="py-imported", public_key=KEY["publicKey"]), "login_key_list").fingerprint)
step("get_login_key_list", lambda: "%d keys" % call("get_login_key_list").total_rows)


def make_script():
    s = first(call("create_init_script", init_script_name="py-boot", os_type_code="LNX",
                   init_script_content="#!/bin/sh\necho hello"), "init_script_list")
    S["script"] = s.init_script_no
    return "no=%s" % S["script"]


step("create_init_script", make_script)
step("get_init_script_list", lambda: "%d scripts" % call("get_init_script_list").total_rows)
step("get_init_script_detail", lambda: first(call(
    "get_init_script_detail", init_script_no=S["script"]), "init_script_list").os_type.code)


def make_placement():
    g = first(call("create_placement_group", placement_group_name="py-spread", placement_group_type_code="AA"),
              "placement_group_list")
    S["pg"] = g.placement_group_no
    return "no=%s" % S["pg"]


step("create_placement_group", make_placement)
step("get_placement_group_list", lambda: "%d groups" % call("get_placement_group_list").total_rows)
step("get_placement_group_detail", lambda: first(call(
    "get_placement_group_detail", placement_group_no=S["pg"]), "placement_group_list").placement_group_type.code)

# --- a server --------------------------------------------------------------------------------------


def launch():
    # Through call_api: the SDK would send networkInterfaceList.1.accessControlGroupNoList=['...'].
    params = {
        "vpcNo": VPC_NO, "subnetNo": PUBLIC_SUBNET, "serverImageProductCode": IMAGE_PRODUCT,
        "serverName": "py-web", "loginKeyName": KEY["keyName"], "initScriptNo": S["script"],
        "isProtectServerTermination": False,
        "networkInterfaceList.1.networkInterfaceOrder": "0",
        "networkInterfaceList.1.accessControlGroupNoList.1": DEFAULT_ACG,
    }
    resp = raw("createServerInstances", params, "CreateServerInstancesResponse")
    v = first(resp, "server_instance_list")
    S["server"] = v.server_instance_no
    until(lambda: server_status(S["server"]), ("RUN",), "the new server")
    return "no=%s running (sent through ApiClient.call_api: SDK list-in-item defect)" % S["server"]


step("create_server_instances", launch)
step("get_server_instance_list", lambda: "%d servers" % call("get_server_instance_list", vpc_no=VPC_NO).total_rows)
step("get_server_instance_detail", lambda: server_status(S["server"]))


def reboot():
    call("reboot_server_instances", server_instance_no_list=[S["server"]])
    return until(lambda: server_status(S["server"]), ("RUN",), "the rebooted server")


step("reboot_server_instances", reboot)


def password():
    got = call("get_root_password", server_instance_no=S["server"], private_key=KEY["privateKey"]).root_password
    assert got and len(got) >= 8, got
    return "a password of %d characters" % len(got)


step("get_root_password", password)


def passwords():
    resp = call("get_root_password_server_instance_list", root_password_server_instance_list=[
        M.RootPasswordServerInstanceParameter(server_instance_no="1000001", private_key=KEY["privateKey"])])
    got = first(resp, "root_password_server_instance_list").root_password
    assert got == "Ncp-emu-1000001!", got
    return "decrypted with the fixture's test key"


step("get_root_password_server_instance_list", passwords)

# --- public IP -------------------------------------------------------------------------------------
step("get_public_ip_target_server_instance_list", lambda: "%d targets" % call(
    "get_public_ip_target_server_instance_list").total_rows)


def make_ip():
    ip = first(call("create_public_ip_instance", public_ip_description="py"), "public_ip_instance_list")
    S["ip"] = ip.public_ip_instance_no
    return "no=%s %s" % (S["ip"], ip.public_ip)


def ip_status():
    ip = first(call("get_public_ip_instance_detail", public_ip_instance_no=S["ip"]), "public_ip_instance_list")
    return ip.public_ip_instance_status.code


step("create_public_ip_instance", make_ip)
step("get_public_ip_instance_list", lambda: "%d IPs" % call("get_public_ip_instance_list").total_rows)
step("get_public_ip_instance_detail", lambda: until(ip_status, ("RUN",), "the public IP"))


def associate():
    call("associate_public_ip_with_server_instance", public_ip_instance_no=S["ip"], server_instance_no=S["server"])
    until(ip_status, ("RUN",), "the association")
    v = call("get_server_instance_detail", server_instance_no=S["server"]).server_instance_list[0]
    assert v.public_ip_instance_no == S["ip"], v.public_ip_instance_no
    return "server %s has %s" % (S["server"], v.public_ip)


def disassociate():
    call("disassociate_public_ip_from_server_instance", public_ip_instance_no=S["ip"], server_instance_no=S["server"])
    return until(ip_status, ("RUN",), "the disassociation")


step("associate_public_ip_with_server_instance", associate)
step("disassociate_public_ip_from_server_instance", disassociate)
step("delete_public_ip_instance", lambda: first(call(
    "delete_public_ip_instance", public_ip_instance_no=S["ip"]), "public_ip_instance_list").public_ip_instance_status.code)

# --- network interfaces ----------------------------------------------------------------------------


def nic_status():
    n = first(call("get_network_interface_detail", network_interface_no=S["nic"]), "network_interface_list")
    return n.network_interface_status.code


def make_nic():
    n = first(call("create_network_interface", vpc_no=VPC_NO, subnet_no=PUBLIC_SUBNET,
                   access_control_group_no_list=[S["acg"]], network_interface_name="py-nic"), "network_interface_list")
    S["nic"] = n.network_interface_no
    until(nic_status, ("NOTUSED",), "the new interface")
    return "no=%s ip=%s" % (S["nic"], n.ip)


step("create_network_interface", make_nic)
step("get_network_interface_list", lambda: "%d interfaces" % call("get_network_interface_list").total_rows)
step("get_network_interface_detail", nic_status)
step("add_network_interface_access_control_group", lambda: first(call(
    "add_network_interface_access_control_group", network_interface_no=S["nic"], access_control_group_no_list=[DEFAULT_ACG]),
    "network_interface_list").access_control_group_no_list)
step("remove_network_interface_access_control_group", lambda: first(call(
    "remove_network_interface_access_control_group", network_interface_no=S["nic"], access_control_group_no_list=[DEFAULT_ACG]),
    "network_interface_list").access_control_group_no_list)


def stop():
    call("stop_server_instances", server_instance_no_list=[S["server"]])
    return until(lambda: server_status(S["server"]), ("NSTOP",), "the stopped server")


step("stop_server_instances", stop)


def attach_nic():
    call("attach_network_interface", server_instance_no=S["server"], network_interface_no=S["nic"], subnet_no=PUBLIC_SUBNET)
    return until(nic_status, ("USED",), "the attached interface")


def detach_nic():
    call("detach_network_interface", server_instance_no=S["server"], network_interface_no=S["nic"], subnet_no=PUBLIC_SUBNET)
    return until(nic_status, ("NOTUSED",), "the detached interface")


step("attach_network_interface", attach_nic)
step("detach_network_interface", detach_nic)
step("delete_network_interface", lambda: first(call(
    "delete_network_interface", network_interface_no=S["nic"]), "network_interface_list").network_interface_no)

# --- block storage and snapshots -------------------------------------------------------------------


def volume_status():
    b = first(call("get_block_storage_instance_detail", block_storage_instance_no=S["bs"]), "block_storage_instance_list")
    return b.block_storage_instance_status.code if b.block_storage_instance_operation.code == "NULL" else "busy"


def make_volume():
    b = first(call("create_block_storage_instance", server_instance_no=S["server"], block_storage_size=10,
                   block_storage_name="py-data"), "block_storage_instance_list")
    S["bs"] = b.block_storage_instance_no
    return until(volume_status, ("ATTAC",), "the new volume")


step("create_block_storage_instance", make_volume)
step("get_block_storage_instance_list", lambda: "%d volumes" % call(
    "get_block_storage_instance_list", server_instance_no=S["server"]).total_rows)
step("get_block_storage_instance_detail", volume_status)


def grow():
    call("change_block_storage_volume_size", block_storage_instance_no=S["bs"], block_storage_size=20)
    until(volume_status, ("ATTAC",), "the resized volume")
    b = first(call("get_block_storage_instance_detail", block_storage_instance_no=S["bs"]), "block_storage_instance_list")
    assert b.block_storage_size == 20 << 30, b.block_storage_size
    return "20 GB"


step("change_block_storage_volume_size", grow)


def snap_status():
    s = first(call("get_block_storage_snapshot_instance_detail", block_storage_snapshot_instance_no=S["snap"]),
              "block_storage_snapshot_instance_list")
    return s.block_storage_snapshot_instance_status.code


def make_snapshot():
    s = first(call("create_block_storage_snapshot_instance", original_block_storage_instance_no=S["bs"],
                   block_storage_snapshot_name="py-snap"), "block_storage_snapshot_instance_list")
    S["snap"] = s.block_storage_snapshot_instance_no
    return "no=%s" % S["snap"]


step("create_block_storage_snapshot_instance", make_snapshot)
step("get_block_storage_snapshot_instance_list", lambda: "%d snapshots" % call(
    "get_block_storage_snapshot_instance_list").total_rows)
step("get_block_storage_snapshot_instance_detail", lambda: until(snap_status, ("CREAT",), "the snapshot"))
step("delete_block_storage_snapshot_instances", lambda: first(call(
    "delete_block_storage_snapshot_instances", block_storage_snapshot_instance_no_list=[S["snap"]]),
    "block_storage_snapshot_instance_list").block_storage_snapshot_instance_operation.code)


def detach_volume():
    call("detach_block_storage_instances", block_storage_instance_no_list=[S["bs"]])
    return until(volume_status, ("CREAT",), "the detached volume")


def attach_volume():
    call("attach_block_storage_instance", server_instance_no=S["server"], block_storage_instance_no=S["bs"])
    return until(volume_status, ("ATTAC",), "the attached volume")


step("detach_block_storage_instances", detach_volume)
step("attach_block_storage_instance", attach_volume)


def delete_volume():
    detach_volume()
    resp = call("delete_block_storage_instances", block_storage_instance_no_list=[S["bs"]])
    return first(resp, "block_storage_instance_list").block_storage_instance_operation.code


step("delete_block_storage_instances", delete_volume)

# --- placement, spec, member image -----------------------------------------------------------------
step("add_placement_group_server_instance", lambda: first(call(
    "add_placement_group_server_instance", placement_group_no=S["pg"], server_instance_no=S["server"]),
    "server_instance_list").placement_group_no)
step("remove_placement_group_server_instance", lambda: first(call(
    "remove_placement_group_server_instance", placement_group_no=S["pg"], server_instance_no=S["server"]),
    "server_instance_list").server_instance_no)


def spec():
    call("change_server_instance_spec", server_instance_no=S["server"], server_product_code=XEN_PRODUCTS[1])
    until(lambda: server_status(S["server"]), ("NSTOP",), "the server changing spec")
    v = call("get_server_instance_detail", server_instance_no=S["server"]).server_instance_list[0]
    assert v.server_product_code == XEN_PRODUCTS[1], v.server_product_code
    return "%s vCPU" % v.cpu_count


step("change_server_instance_spec", spec)


def image_status():
    i = first(call("get_member_server_image_instance_detail", member_server_image_instance_no=S["img"]),
              "member_server_image_instance_list")
    return i.member_server_image_instance_status.code


def make_image():
    i = first(call("create_member_server_image_instance", server_instance_no=S["server"],
                   member_server_image_name="py-golden"), "member_server_image_instance_list")
    S["img"] = i.member_server_image_instance_no
    return "no=%s" % S["img"]


step("create_member_server_image_instance", make_image)
step("get_member_server_image_instance_list", lambda: "%d images" % call(
    "get_member_server_image_instance_list").total_rows)
step("get_member_server_image_instance_detail", lambda: until(image_status, ("CREAT",), "the image"))
step("delete_member_server_image_instances", lambda: first(call(
    "delete_member_server_image_instances", member_server_image_instance_no_list=[S["img"]]),
    "member_server_image_instance_list").member_server_image_instance_operation.code)

# --- start, terminate, clean up --------------------------------------------------------------------


def start():
    call("start_server_instances", server_instance_no_list=[S["server"]])
    until(lambda: server_status(S["server"]), ("RUN",), "the started server")
    call("stop_server_instances", server_instance_no_list=[S["server"]])
    return until(lambda: server_status(S["server"]), ("NSTOP",), "the stopped server")


def gone(read):
    try:
        read()
    except ApiException as e:
        return e.status == 400
    return False


def terminate():
    call("terminate_server_instances", server_instance_no_list=[S["server"]])
    until(lambda: gone(lambda: server_status(S["server"])), (True,), "the terminated server")
    return "gone"


step("start_server_instances", start)
step("terminate_server_instances", terminate)
step("delete_placement_group", lambda: first(call(
    "delete_placement_group", placement_group_no=S["pg"]), "placement_group_list").placement_group_no)
step("delete_init_scripts", lambda: "%d deleted" % call("delete_init_scripts", init_script_no_list=[S["script"]]).total_rows)
step("delete_access_control_group", lambda: first(call(
    "delete_access_control_group", vpc_no=VPC_NO, access_control_group_no=S["acg"]), "access_control_group_list").access_control_group_no)
step("delete_login_keys", lambda: "%s deleted" % call(
    "delete_login_keys", key_name_list=["py-imported", "py-made-key"]).total_rows)

RUN.finish()
