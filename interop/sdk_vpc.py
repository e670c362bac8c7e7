#!/usr/bin/env python3
"""Interop check: every action of NAVER's official `ncloud-vpc` SDK (1.0.1, the newest on PyPI)
driven against the ncloud emulator, in the order a team builds a network: look-ups, a VPC, its
network ACLs and their rules, subnets, route tables and their subnets, a NAT gateway and a route to
it, a second VPC and a peering request accepted (and another rejected), then everything deleted.

Each request is built, signed, sent and parsed by the SDK (V2Api methods and request models).
ncloud-vpc 1.0.1 has 41 of the 47 actions of vpc/v2 (not the six deny-allow group actions, which
the Go SDK v2 has; the emulator serves them, the vectors and the Rust tests cover them), and its
createNatGatewayInstance has no `subnetNo`: the gateway goes into the VPC's public NAT gateway
subnet of the zone, as NCP's reference says. Booleans go out as `True` / `False` (the emulator, like
NCP, takes them in any case).

Environment: NCLOUD_API_GW (the emulator's origin), NCLOUD_ACCESS_KEY, NCLOUD_SECRET_KEY, and
FIXTURE (the emulator's default scenario, fixtures/emulator.json: its VPC). Prints
`ok <action>: ...` / `FAIL <action>: ...` per step and, last, one JSON line {"passed", "failed",
"actions", "total", "pending"} as interop/sdk_vserver.py does. Exit code 0 only when nothing failed.
"""

from __future__ import print_function

import json
import os

from sdk_steps import Steps, first, until

import ncloud_vpc  # noqa: E402  (after sdk_steps: it sets NCLOUD_API_GW, which the SDK reads once)
from ncloud_vpc.rest import ApiException  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURE = os.environ.get("FIXTURE", os.path.join(HERE, "..", "fixtures", "emulator.json"))
with open(FIXTURE, encoding="utf-8") as f:
    DEFAULT_VPC = json.load(f)["vpc"]["vpcs"][0]
ZONE = "KR-1"

RUN = Steps(ncloud_vpc, ApiException, "/vpc/v2")
M, call, step = ncloud_vpc, RUN.call, RUN.step
S = {}  # what the steps made: numbers to point later steps at


def status(action, attr, field, **params):
    """The status code of the one record a detail action answers with; 'gone' when it is refused
    (HTTP 400: the record does not exist any more)."""
    try:
        rec = first(call(action, **params), attr)
    except ApiException as e:
        if e.status == 400:
            return "gone"
        raise
    return getattr(rec, field).code


def make(key, action, attr, no_field, read, **params):
    """Creates a record with `action`, keeps its number as S[key] and waits until it runs."""
    rec = first(call(action, **params), attr)
    S[key] = getattr(rec, no_field)
    until(lambda: read(S[key]), ("RUN",), "the new " + key.replace("_", " "))
    return rec


def vpc_status(no):
    return status("get_vpc_detail", "vpc_list", "vpc_status", vpc_no=no)


def subnet_status(no):
    return status("get_subnet_detail", "subnet_list", "subnet_status", subnet_no=no)


def acl_status(no):
    return status("get_network_acl_detail", "network_acl_list", "network_acl_status", network_acl_no=no)


def table_status(no):
    return status("get_route_table_detail", "route_table_list", "route_table_status", route_table_no=no)


def nat_status(no):
    return status("get_nat_gateway_instance_detail", "nat_gateway_instance_list", "nat_gateway_instance_status",
                  nat_gateway_instance_no=no)


def peering_status(no):
    return status("get_vpc_peering_instance_detail", "vpc_peering_instance_list", "vpc_peering_instance_status",
                  vpc_peering_instance_no=no)


# --- look-ups of the default scenario -------------------------------------------------------------
def vpcs():
    got = [v.vpc_no for v in call("get_vpc_list").vpc_list]
    assert DEFAULT_VPC["vpcNo"] in got, got
    return "%d VPCs" % len(got)


step("get_vpc_list", vpcs)
step("get_vpc_detail", lambda: first(call("get_vpc_detail", vpc_no=DEFAULT_VPC["vpcNo"]), "vpc_list").vpc_name)


# --- a VPC and its network ACLs -------------------------------------------------------------------
def make_vpc():
    make("vpc", "create_vpc", "vpc_list", "vpc_no", vpc_status, ipv4_cidr_block="10.20.0.0/16", vpc_name="py-vpc")
    return "no=%s" % S["vpc"]


step("create_vpc", make_vpc)


def acls():
    got = call("get_network_acl_list", vpc_no=S["vpc"]).network_acl_list
    default = [a for a in got if a.is_default]
    assert len(default) == 1, "a VPC comes with one default network ACL: %r" % got
    S["default_acl"] = default[0].network_acl_no
    return "default %s" % S["default_acl"]


step("get_network_acl_list", acls)
step("get_network_acl_detail", lambda: first(call(
    "get_network_acl_detail", network_acl_no=S["default_acl"]), "network_acl_list").network_acl_name)


def make_acl():
    make("acl", "create_network_acl", "network_acl_list", "network_acl_no", acl_status, vpc_no=S["vpc"],
         network_acl_name="py-acl", network_acl_description="made by ncloud-vpc")
    return "no=%s" % S["acl"]


step("create_network_acl", make_acl)
step("set_network_acl_description", lambda: first(call(
    "set_network_acl_description", network_acl_no=S["acl"], network_acl_description="web tier"),
    "network_acl_list").network_acl_description)


def rules(action, direction, parameter, **extra):
    req = RUN.request(
        action, network_acl_no=S["acl"], network_acl_rule_list=[getattr(M, parameter)(
            priority=10, protocol_type_code="TCP", ip_block="0.0.0.0/0", port_range="443", rule_action_code="ALLOW",
            **extra)])
    resp = call(action, req)
    until(lambda: acl_status(S["acl"]), ("RUN",), "the network ACL")  # SET while its rules change
    types = {r.network_acl_rule_type.code for r in resp.network_acl_rule_list or []}
    assert types <= {direction}, types
    return "%d %s rules" % (resp.total_rows, direction)


step("add_network_acl_inbound_rule", lambda: rules(
    "add_network_acl_inbound_rule", "INBND", "AddNetworkAclRuleParameter", network_acl_rule_description="https in"))
step("add_network_acl_outbound_rule", lambda: rules(
    "add_network_acl_outbound_rule", "OTBND", "AddNetworkAclRuleParameter"))


def rule_list():
    both = call("get_network_acl_rule_list", network_acl_no=S["acl"]).total_rows
    inbound = call("get_network_acl_rule_list", network_acl_no=S["acl"], network_acl_rule_type_code="INBND")
    assert (both, inbound.total_rows) == (2, 1), (both, inbound.total_rows)
    return "%d rules, %d inbound" % (both, inbound.total_rows)


step("get_network_acl_rule_list", rule_list)
step("remove_network_acl_inbound_rule", lambda: rules(
    "remove_network_acl_inbound_rule", "INBND", "RemoveNetworkAclRuleParameter"))
step("remove_network_acl_outbound_rule", lambda: rules(
    "remove_network_acl_outbound_rule", "OTBND", "RemoveNetworkAclRuleParameter"))


# --- subnets --------------------------------------------------------------------------------------
def make_subnet(key, block, kind, usage):
    make(key, "create_subnet", "subnet_list", "subnet_no", subnet_status, vpc_no=S["vpc"], subnet=block, zone_code=ZONE,
         subnet_type_code=kind, usage_type_code=usage, network_acl_no=S["default_acl"],
         subnet_name="py-" + key.replace("_", "-"))
    return "no=%s" % S[key]


def subnets():
    make_subnet("nat_subnet", "10.20.9.0/24", "PUBLIC", "NATGW")
    return make_subnet("private", "10.20.2.0/24", "PRIVATE", "GEN")


step("create_subnet", subnets)
step("get_subnet_list", lambda: "%d subnets" % call("get_subnet_list", vpc_no=S["vpc"]).total_rows)
step("get_subnet_detail", lambda: first(call("get_subnet_detail", subnet_no=S["private"]), "subnet_list").subnet)


def subnet_acl():
    call("set_subnet_network_acl", network_acl_no=S["acl"], subnet_no=S["private"])
    until(lambda: acl_status(S["acl"]), ("RUN",), "the network ACL")
    got = first(call("get_subnet_detail", subnet_no=S["private"]), "subnet_list").network_acl_no
    assert got == S["acl"], got
    return "subnet %s uses %s" % (S["private"], got)


step("set_subnet_network_acl", subnet_acl)


# --- route tables ---------------------------------------------------------------------------------
def tables():
    got = call("get_route_table_list", vpc_no=S["vpc"]).route_table_list
    kinds = sorted((t.supported_subnet_type.code, t.is_default) for t in got)
    assert kinds == [("PRIVATE", True), ("PUBLIC", True)], kinds
    S["default_private_table"] = next(t.route_table_no for t in got if t.supported_subnet_type.code == "PRIVATE")
    return "the default public and private tables"


step("get_route_table_list", tables)
step("get_route_table_detail", lambda: first(call(
    "get_route_table_detail", route_table_no=S["default_private_table"]), "route_table_list").route_table_name)


def make_table():
    make("table", "create_route_table", "route_table_list", "route_table_no", table_status, vpc_no=S["vpc"],
         supported_subnet_type_code="PRIVATE", route_table_name="py-table",
         route_table_description="through the NAT gateway")
    return "no=%s" % S["table"]


step("create_route_table", make_table)
step("set_route_table_description", lambda: first(call(
    "set_route_table_description", route_table_no=S["table"], route_table_description="private, via NAT"),
    "route_table_list").route_table_description)


def table_subnets(action):
    call(action, vpc_no=S["vpc"], route_table_no=S["table"], subnet_no_list=[S["private"]])
    until(lambda: table_status(S["table"]), ("RUN",), "the route table")
    return subnets_of(S["table"])


def subnets_of(table):
    return [s.subnet_no for s in call("get_route_table_subnet_list", route_table_no=table).subnet_list or []]


def add_table_subnet():
    assert table_subnets("add_route_table_subnet") == [S["private"]]
    assert S["private"] not in subnets_of(S["default_private_table"]), "a subnet is in one table only"
    return "subnet %s moved" % S["private"]


step("add_route_table_subnet", add_table_subnet)
step("get_route_table_subnet_list", lambda: "%d subnets" % len(subnets_of(S["table"])))


# --- a NAT gateway and a route to it --------------------------------------------------------------
def make_nat():
    n = make("nat", "create_nat_gateway_instance", "nat_gateway_instance_list", "nat_gateway_instance_no", nat_status,
             vpc_no=S["vpc"], zone_code=ZONE, nat_gateway_name="py-nat", nat_gateway_description="egress")
    return "no=%s public IP %s" % (S["nat"], n.public_ip)


step("create_nat_gateway_instance", make_nat)
step("get_nat_gateway_instance_list", lambda: "%d NAT gateways" % call(
    "get_nat_gateway_instance_list", nat_gateway_instance_no_list=[S["nat"]]).total_rows)
step("get_nat_gateway_instance_detail", lambda: first(call(
    "get_nat_gateway_instance_detail", nat_gateway_instance_no=S["nat"]), "nat_gateway_instance_list").nat_gateway_name)
step("set_nat_gateway_description", lambda: first(call(
    "set_nat_gateway_description", nat_gateway_instance_no=S["nat"], nat_gateway_description="egress of py-vpc"),
    "nat_gateway_instance_list").nat_gateway_description)


def route(action):
    req = RUN.request(
        action, vpc_no=S["vpc"], route_table_no=S["table"], route_list=[M.RouteParameter(
            destination_cidr_block="0.0.0.0/0", target_type_code="NATGW", target_no=S["nat"], target_name="py-nat")])
    resp = call(action, req)
    until(lambda: table_status(S["table"]), ("RUN",), "the route table")  # SET while its routes change
    return [(r.destination_cidr_block, r.target_type.code) for r in resp.route_list or []]


def add_route():
    got = route("add_route")
    assert ("0.0.0.0/0", "NATGW") in got, got
    return "%d routes" % len(got)


def routes():
    got = call("get_route_list", route_table_no=S["table"], vpc_no=S["vpc"]).route_list
    assert [r.target_type.code for r in got] == ["LOCAL", "NATGW"], got
    return "LOCAL and the NAT gateway"


step("add_route", add_route)
step("get_route_list", routes)
step("remove_route", lambda: "%d routes left" % len(route("remove_route")))


# --- a second VPC and peerings --------------------------------------------------------------------
def peering(target, name):
    p = first(call("create_vpc_peering_instance", source_vpc_no=S["vpc"], target_vpc_no=target,
                   target_vpc_name=name, target_vpc_login_id="partner@example.com", vpc_peering_name="py-peer-" + name,
                   vpc_peering_description="a request to another account"), "vpc_peering_instance_list")
    return p.vpc_peering_instance_no


def make_peering():
    make("peer_vpc", "create_vpc", "vpc_list", "vpc_no", vpc_status, ipv4_cidr_block="10.30.0.0/16", vpc_name="py-peer")
    S["peering"] = peering(S["peer_vpc"], "py-peer")
    got = first(call("get_vpc_peering_instance_detail", vpc_peering_instance_no=S["peering"]), "vpc_peering_instance_list")
    assert (got.vpc_peering_instance_status.code, got.vpc_peering_instance_operation.code) == ("INIT", "NULL"), got
    return "no=%s waiting for acceptance" % S["peering"]


def accept_and_reject():
    call("accept_or_reject_vpc_peering", vpc_peering_instance_no=S["peering"], is_accept=True)
    until(lambda: peering_status(S["peering"]), ("RUN",), "the accepted peering")
    call("delete_vpc_peering_instance", vpc_peering_instance_no=S["peering"])
    until(lambda: peering_status(S["peering"]), ("gone",), "the deleted peering")
    rejected = peering(S["peer_vpc"], "py-peer")
    call("accept_or_reject_vpc_peering", vpc_peering_instance_no=rejected, is_accept=False)
    until(lambda: peering_status(rejected), ("gone",), "the rejected peering")
    S["peering"] = peering(S["peer_vpc"], "py-peer")
    return "accepted ran, rejected went"


step("create_vpc_peering_instance", make_peering)
step("get_vpc_peering_instance_list", lambda: "%d peerings" % call(
    "get_vpc_peering_instance_list", vpc_peering_instance_no_list=[S["peering"]]).total_rows)
step("get_vpc_peering_instance_detail", lambda: first(call(
    "get_vpc_peering_instance_detail", vpc_peering_instance_no=S["peering"]),
    "vpc_peering_instance_list").target_vpc_login_id)
step("set_vpc_peering_description", lambda: first(call(
    "set_vpc_peering_description", vpc_peering_instance_no=S["peering"], vpc_peering_description="kept a moment"),
    "vpc_peering_instance_list").vpc_peering_description)
step("accept_or_reject_vpc_peering", accept_and_reject)


def delete_peering():
    call("delete_vpc_peering_instance", vpc_peering_instance_no=S["peering"])
    return until(lambda: peering_status(S["peering"]), ("gone",), "the deleted peering")


step("delete_vpc_peering_instance", delete_peering)


# --- everything deleted ---------------------------------------------------------------------------
def remove_table_subnet():
    assert table_subnets("remove_route_table_subnet") == []
    assert S["private"] in subnets_of(S["default_private_table"]), "back in the default table"
    return "subnet %s back in the default table" % S["private"]


def delete(action, read, **params):
    call(action, **params)
    return until(read, ("gone",), action)


step("remove_route_table_subnet", remove_table_subnet)
step("delete_route_table", lambda: delete("delete_route_table", lambda: table_status(S["table"]),
                                          route_table_no=S["table"]))
step("delete_nat_gateway_instance", lambda: delete(
    "delete_nat_gateway_instance", lambda: nat_status(S["nat"]), nat_gateway_instance_no=S["nat"]))


def delete_acl():
    call("set_subnet_network_acl", network_acl_no=S["default_acl"], subnet_no=S["private"])
    until(lambda: acl_status(S["default_acl"]), ("RUN",), "the default network ACL")
    return delete("delete_network_acl", lambda: acl_status(S["acl"]), network_acl_no=S["acl"])


step("delete_network_acl", delete_acl)


def delete_subnets():
    for key in ("private", "nat_subnet"):
        delete("delete_subnet", lambda: subnet_status(S[key]), subnet_no=S[key])
    return "gone"


def delete_vpcs():
    for key in ("peer_vpc", "vpc"):
        delete("delete_vpc", lambda: vpc_status(S[key]), vpc_no=S[key])
    left = call("get_route_table_list", vpc_no=S["vpc"]).total_rows
    assert left == 0, "the default route tables go with their VPC (%d left)" % left
    return "gone, with their defaults"


step("delete_subnet", delete_subnets)
step("delete_vpc", delete_vpcs)

RUN.finish()
