#!/usr/bin/env python3
"""Interop check: drive the ncloud emulator with the OFFICIAL NCP Python SDK from PyPI.

    ncloud-vserver 1.0.1  (VPC,     <gw>/vserver/v2, API version 2020-11-18)
    ncloud-server  1.1.3  (Classic, <gw>/server/v2,  API version 2021-03-04)
    ncloud-apikey  1.0.5  (NcloudKey: the SDK family's key holder)

Every request below is built, signed, sent and parsed by the SDK itself (V2Api methods, request
models, ApiClient signing, ApiClient deserialisation into response models). No raw HTTP.

How the SDK finds the gateway and signs (read from site-packages, see README.md):
  * `Configuration.__init__` reads env NCLOUD_API_GW (origin only: scheme://host:port, no path, no
    trailing slash) and sets `host = NCLOUD_API_GW + "/vserver/v2"` (or "/server/v2"); when unset it
    uses https://ncloud.apigw.ntruss.com. `Configuration` is a TypeWithDefault singleton: the env var
    is read ONCE, at the first `Configuration()` of each package, so it must be set before that.
    Nothing else is needed: no region, no api-key header. A trailing "/" would produce
    "//vserver/v2" both in the URL and in the signed path, so it is stripped below.
  * Keys are NOT read from the environment by the SDK: they go in `configuration.access_key` /
    `configuration.secret_key` (the official README takes them from ncloud_apikey.NcloudKey().keys()).
    If access_key is empty, `update_params_for_auth` silently sends NO auth headers at all.
  * Each call is `POST {host}/{action}?responseFormatType=json`, Content-Type
    application/x-www-form-urlencoded, params in the body (lists as name.N=value, quote()d), headers
    x-ncp-apigw-timestamp / x-ncp-iam-access-key / x-ncp-apigw-signature-v1 (HMAC-SHA256 over
    "POST /vserver/v2/<action>?responseFormatType=json\\n<ts>\\n<accessKey>").
  * Responses: the SDK json-loads the body, takes the value of the top-level key containing
    "Response", and maps it onto the response model (unknown keys are ignored). A non-2xx status
    raises `ncloud_vserver.rest.ApiException` (status, reason, body=bytes, headers).

Gap in the SDK: ncloud-vserver 1.0.1 (the newest on PyPI) has NO sharing actions and its
MemberServerImageInstance model has no shareStatus / sharedLoginIdList. The three sharing actions
are therefore sent through the SDK's own generic `ApiClient.call_api` (same signing, transport and
envelope handling as the generated V2Api methods, copied argument for argument), and parsed into a
subclass of the SDK model that adds the two documented fields (registered in ncloud_vserver.model so
the SDK's deserialiser can resolve it by name, exactly like its generated models).
"""

from __future__ import print_function

import json
import os
import random
import sys
import time
import traceback

# --- environment (read before any Configuration() is built) -----------------------------------
from sdk_steps import ACCESS_KEY, GW, SECRET_KEY  # noqa: E402  (checked: exit 2 without them)
VPC_SERVER_NO = os.environ.get("VPC_SERVER_NO", "1000001")
CLASSIC_SERVER_NO = os.environ.get("CLASSIC_SERVER_NO", "492964")
SHARE_LOGIN_ID = os.environ.get("SHARE_LOGIN_ID", "partner@example.com")
POLL_INTERVAL_S = 0.2
POLL_TIMEOUT_S = 30.0

import ncloud_server  # noqa: E402
import ncloud_vserver  # noqa: E402
import ncloud_vserver.model  # noqa: E402
from ncloud_apikey.ncloud_key import NcloudKey  # noqa: E402
from ncloud_server.model.create_member_server_image_request import CreateMemberServerImageRequest  # noqa: E402
from ncloud_server.model.delete_member_server_images_request import DeleteMemberServerImagesRequest  # noqa: E402
from ncloud_server.model.get_member_server_image_list_request import GetMemberServerImageListRequest  # noqa: E402
from ncloud_server.rest import ApiException as ClassicApiException  # noqa: E402
from ncloud_vserver.model.create_member_server_image_instance_request import (  # noqa: E402
    CreateMemberServerImageInstanceRequest)
from ncloud_vserver.model.delete_member_server_image_instances_request import (  # noqa: E402
    DeleteMemberServerImageInstancesRequest)
from ncloud_vserver.model.get_member_server_image_instance_detail_request import (  # noqa: E402
    GetMemberServerImageInstanceDetailRequest)
from ncloud_vserver.model.get_member_server_image_instance_list_request import (  # noqa: E402
    GetMemberServerImageInstanceListRequest)
from ncloud_vserver.model.member_server_image_instance import MemberServerImageInstance  # noqa: E402
from ncloud_vserver.rest import ApiException  # noqa: E402


# --- SDK model extension for the sharing fields (see module docstring) --------------------------
class SharedMemberServerImageInstance(MemberServerImageInstance):
    """MemberServerImageInstance + shareStatus/sharedLoginIdList (documented, absent from SDK 1.0.1)."""

    swagger_types = dict(MemberServerImageInstance.swagger_types,
                         share_status="CommonCode", shared_login_id_list="list[str]")
    attribute_map = dict(MemberServerImageInstance.attribute_map,
                         share_status="shareStatus", shared_login_id_list="sharedLoginIdList")

    def __init__(self, share_status=None, shared_login_id_list=None, **kwargs):
        MemberServerImageInstance.__init__(self, **kwargs)
        self.share_status = share_status
        self.shared_login_id_list = shared_login_id_list


class MemberServerImageSharingResponse(object):
    """Envelope of add/remove/setMemberServerImageSharingPermission and of the detail re-read."""

    swagger_types = {
        "request_id": "str",
        "return_code": "str",
        "return_message": "str",
        "total_rows": "int",
        "member_server_image_instance_list": "list[SharedMemberServerImageInstance]",
    }
    attribute_map = {
        "request_id": "requestId",
        "return_code": "returnCode",
        "return_message": "returnMessage",
        "total_rows": "totalRows",
        "member_server_image_instance_list": "memberServerImageInstanceList",
    }

    def __init__(self, **kwargs):
        for attr in self.swagger_types:
            setattr(self, attr, kwargs.get(attr))


# The SDK resolves "list[Name]" through getattr(ncloud_vserver.model, Name).
ncloud_vserver.model.SharedMemberServerImageInstance = SharedMemberServerImageInstance


def vpc_generic_call(api_client, action, params, response_type):
    """Same call_api invocation as every generated V2Api method (e.g. get_member_server_image_instance_detail)."""
    return api_client.call_api(
        "/" + action, "POST",
        {},                                   # path_params
        [("responseFormatType", "json")],     # query_params
        {"Content-Type": api_client.select_header_content_type(["application/x-www-form-urlencoded"])},
        body=params,                          # dict of wire names; lists -> name.N=value by the SDK
        post_params=[],
        files={},
        response_type=response_type,
        auth_settings=["x-ncp-iam"],
        _return_http_data_only=True,
        _preload_content=True,
        collection_formats={})


# --- tiny step runner ----------------------------------------------------------------------------
RESULTS = {"passed": 0, "failed": 0}


def _line(s):
    print(s)
    sys.stdout.flush()


def step(name, fn):
    """Run fn(); it returns a short detail string (and optionally a value) or raises."""
    try:
        out = fn()
        detail, value = (out if isinstance(out, tuple) else (out, None))
        RESULTS["passed"] += 1
        _line("ok %s: %s" % (name, detail))
        return True, value
    except ApiException as e:  # also covers the Classic one, see fmt_api_exc
        RESULTS["failed"] += 1
        _line("FAIL %s: %s" % (name, fmt_api_exc(e)))
    except ClassicApiException as e:
        RESULTS["failed"] += 1
        _line("FAIL %s: %s" % (name, fmt_api_exc(e)))
    except AssertionError as e:
        RESULTS["failed"] += 1
        _line("FAIL %s: assertion: %s" % (name, e))
    except Exception as e:  # noqa: BLE001 - report, keep going
        RESULTS["failed"] += 1
        tb = traceback.format_exc().strip().splitlines()
        _line("FAIL %s: %s: %s [%s]" % (name, type(e).__name__, e, tb[-3].strip() if len(tb) > 2 else ""))
    return False, None


def skip(name, why):
    RESULTS["failed"] += 1
    _line("FAIL %s: skipped (%s)" % (name, why))


def fmt_api_exc(e):
    body = e.body.decode("utf-8", "replace") if isinstance(e.body, bytes) else e.body
    return "ApiException status=%s reason=%s body=%s" % (e.status, e.reason, body)


def code_of(common_code):
    return None if common_code is None else common_code.code


def expect_ok(resp):
    assert resp is not None, "no response object"
    assert str(resp.return_code) == "0", "returnCode=%r returnMessage=%r" % (resp.return_code, resp.return_message)


def only_item(resp, list_attr):
    items = getattr(resp, list_attr)
    assert items is not None and len(items) == 1, "%s has %r items" % (list_attr, None if items is None else len(items))
    return items[0]


# --- VPC (ncloud_vserver) ------------------------------------------------------------------------
def run_vpc(key):
    cfg = ncloud_vserver.Configuration()
    cfg.access_key = key["access_key"]
    cfg.secret_key = key["secret_key"]
    assert cfg.host == GW + "/vserver/v2", cfg.host
    client = ncloud_vserver.ApiClient(cfg)
    api = ncloud_vserver.V2Api(client)

    name = "py-sdk-img-%04d" % random.randint(0, 9999)
    state = {}

    def create():
        resp = api.create_member_server_image_instance(CreateMemberServerImageInstanceRequest(
            server_instance_no=VPC_SERVER_NO, member_server_image_name=name,
            member_server_image_description="created by the official python sdk"))
        expect_ok(resp)
        img = only_item(resp, "member_server_image_instance_list")
        assert img.member_server_image_instance_no, "empty memberServerImageInstanceNo"
        assert img.member_server_image_name == name, "name %r != %r" % (img.member_server_image_name, name)
        assert img.original_server_instance_no == VPC_SERVER_NO, \
            "originalServerInstanceNo %r" % img.original_server_instance_no
        assert code_of(img.member_server_image_instance_status) in ("INIT", "CREAT"), \
            "status %r" % code_of(img.member_server_image_instance_status)
        state["no"] = img.member_server_image_instance_no
        return "no=%s name=%s status=%s op=%s statusName=%s" % (
            state["no"], img.member_server_image_name, code_of(img.member_server_image_instance_status),
            code_of(img.member_server_image_instance_operation), img.member_server_image_instance_status_name)

    if not step("vpc.createMemberServerImageInstance", create)[0]:
        for s in ("vpc.getMemberServerImageInstanceDetail", "vpc.waitCreated", "vpc.getMemberServerImageInstanceList",
                  "vpc.addMemberServerImageSharingPermission", "vpc.removeMemberServerImageSharingPermission",
                  "vpc.setMemberServerImageSharingPermission", "vpc.deleteMemberServerImageInstances"):
            skip(s, "no image was created")
        return
    no = state["no"]

    def detail_typed():
        resp = api.get_member_server_image_instance_detail(
            GetMemberServerImageInstanceDetailRequest(member_server_image_instance_no=no))
        expect_ok(resp)
        img = only_item(resp, "member_server_image_instance_list")
        assert img.member_server_image_instance_no == no, "detail returned no=%r" % img.member_server_image_instance_no
        assert resp.total_rows == 1, "totalRows=%r" % resp.total_rows
        return "no=%s status=%s createDate=%s" % (no, code_of(img.member_server_image_instance_status), img.create_date)

    step("vpc.getMemberServerImageInstanceDetail", detail_typed)

    def wait_created():
        t0 = time.time()
        polls = 0
        last = None
        while True:
            polls += 1
            resp = api.get_member_server_image_instance_detail(
                GetMemberServerImageInstanceDetailRequest(member_server_image_instance_no=no))
            img = only_item(resp, "member_server_image_instance_list")
            last = code_of(img.member_server_image_instance_status)
            assert last != "CREFL", "image creation failed (CREFL)"
            if last == "CREAT":
                return "CREAT after %d polls / %.1fs, op=%s statusName=%s blockStorageTotalSize=%s" % (
                    polls, time.time() - t0, code_of(img.member_server_image_instance_operation),
                    img.member_server_image_instance_status_name, img.member_server_image_block_storage_total_size)
            assert time.time() - t0 < POLL_TIMEOUT_S, "still %s after %d polls / %.0fs" % (last, polls, POLL_TIMEOUT_S)
            time.sleep(POLL_INTERVAL_S)

    created, _ = step("vpc.waitCreated", wait_created)

    def list_filtered():
        resp = api.get_member_server_image_instance_list(GetMemberServerImageInstanceListRequest(
            member_server_image_instance_no_list=[no]))
        expect_ok(resp)
        assert resp.total_rows == 1, "totalRows=%r" % resp.total_rows
        img = only_item(resp, "member_server_image_instance_list")
        assert img.member_server_image_instance_no == no, "list returned no=%r" % img.member_server_image_instance_no
        return "totalRows=1 no=%s name=%s" % (no, img.member_server_image_name)

    step("vpc.getMemberServerImageInstanceList", list_filtered)

    def shared_ids():
        resp = vpc_generic_call(client, "getMemberServerImageInstanceDetail",
                                {"memberServerImageInstanceNo": no}, MemberServerImageSharingResponse)
        expect_ok(resp)
        img = only_item(resp, "member_server_image_instance_list")
        return sorted(img.shared_login_id_list or []), code_of(img.share_status)

    def sharing(action, ids, expect):
        def run():
            resp = vpc_generic_call(client, action, {"memberServerImageInstanceNo": no, "targetLoginIdList": ids},
                                    MemberServerImageSharingResponse)
            expect_ok(resp)
            img = only_item(resp, "member_server_image_instance_list")
            assert img.member_server_image_instance_no == no, "returned no=%r" % img.member_server_image_instance_no
            got, share_status = shared_ids()
            assert got == sorted(expect), "detail sharedLoginIdList=%r, expected %r" % (got, sorted(expect))
            return "sharedLoginIdList=%s shareStatus=%s (response item: %s)" % (
                got, share_status, img.shared_login_id_list)
        return run

    step("vpc.addMemberServerImageSharingPermission",
         sharing("addMemberServerImageSharingPermission", [SHARE_LOGIN_ID], [SHARE_LOGIN_ID]))
    step("vpc.removeMemberServerImageSharingPermission",
         sharing("removeMemberServerImageSharingPermission", [SHARE_LOGIN_ID], []))
    set_ids = [SHARE_LOGIN_ID, "second-partner@example.com"]
    step("vpc.setMemberServerImageSharingPermission",
         sharing("setMemberServerImageSharingPermission", set_ids, set_ids))

    def delete():
        resp = api.delete_member_server_image_instances(
            DeleteMemberServerImageInstancesRequest(member_server_image_instance_no_list=[no]))
        expect_ok(resp)
        img = only_item(resp, "member_server_image_instance_list")
        assert img.member_server_image_instance_no == no, "returned no=%r" % img.member_server_image_instance_no
        op = code_of(img.member_server_image_instance_operation)
        assert img.member_server_image_instance_status_name == "terminating" or op == "TERMT", \
            "statusName=%r op=%r" % (img.member_server_image_instance_status_name, op)
        return "no=%s statusName=%s op=%s" % (no, img.member_server_image_instance_status_name, op)

    step("vpc.deleteMemberServerImageInstances", delete)

    def negative():
        try:
            resp = api.get_member_server_image_instance_detail(
                GetMemberServerImageInstanceDetailRequest(member_server_image_instance_no="99999999"))
        except ApiException as e:
            body = e.body.decode("utf-8", "replace") if isinstance(e.body, bytes) else str(e.body)
            assert e.status == 400, "status=%r body=%s" % (e.status, body)
            return "ApiException status=%s body=%s" % (e.status, body)
        raise AssertionError("no ApiException; got %r" % (resp and resp.to_dict()))

    step("vpc.getMemberServerImageInstanceDetail(unknown no) -> 400", negative)


# --- Classic (ncloud_server) ---------------------------------------------------------------------
def run_classic(key):
    cfg = ncloud_server.Configuration()
    cfg.access_key = key["access_key"]
    cfg.secret_key = key["secret_key"]
    assert cfg.host == GW + "/server/v2", cfg.host
    api = ncloud_server.V2Api(ncloud_server.ApiClient(cfg))

    name = "py-classic-%04d" % random.randint(0, 9999)
    state = {}

    def create():
        resp = api.create_member_server_image(CreateMemberServerImageRequest(
            server_instance_no=CLASSIC_SERVER_NO, member_server_image_name=name))
        expect_ok(resp)
        img = only_item(resp, "member_server_image_list")
        assert img.member_server_image_no, "empty memberServerImageNo"
        assert img.member_server_image_name == name, "name %r != %r" % (img.member_server_image_name, name)
        state["no"] = img.member_server_image_no
        return "no=%s name=%s status=%s op=%s statusName=%s" % (
            state["no"], name, code_of(img.member_server_image_status), code_of(img.member_server_image_operation),
            img.member_server_image_status_name)

    if not step("classic.createMemberServerImage", create)[0]:
        skip("classic.getMemberServerImageList", "no image was created")
        skip("classic.deleteMemberServerImages", "no image was created")
        return
    no = state["no"]

    def find_in_list():
        # Poll the list (filtered by number) until the image is CREAT, so the delete below is legal.
        t0 = time.time()
        polls = 0
        while True:
            polls += 1
            resp = api.get_member_server_image_list(GetMemberServerImageListRequest(member_server_image_no_list=[no]))
            expect_ok(resp)
            found = [i for i in (resp.member_server_image_list or []) if i.member_server_image_no == no]
            assert len(found) == 1, "image %s not in list (totalRows=%r)" % (no, resp.total_rows)
            img = found[0]
            st = code_of(img.member_server_image_status)
            if st == "CREAT":
                return "found no=%s totalRows=%s status=CREAT after %d polls, region=%s zone=%s platform=%s" % (
                    no, resp.total_rows, polls, img.region and img.region.region_code,
                    img.zone and img.zone.zone_code, code_of(img.member_server_image_platform_type))
            assert time.time() - t0 < POLL_TIMEOUT_S, "still %s after %.0fs" % (st, POLL_TIMEOUT_S)
            time.sleep(POLL_INTERVAL_S)

    step("classic.getMemberServerImageList", find_in_list)

    def delete():
        resp = api.delete_member_server_images(DeleteMemberServerImagesRequest(member_server_image_no_list=[no]))
        expect_ok(resp)
        img = only_item(resp, "member_server_image_list")
        assert img.member_server_image_no == no, "returned no=%r" % img.member_server_image_no
        op = code_of(img.member_server_image_operation)
        assert img.member_server_image_status_name == "terminating" or op == "TERMT", \
            "statusName=%r op=%r" % (img.member_server_image_status_name, op)
        return "no=%s statusName=%s op=%s" % (no, img.member_server_image_status_name, op)

    step("classic.deleteMemberServerImages", delete)


def main():
    # The SDK family's key holder; with explicit keys it never touches ~/.ncloud/configure.
    key = NcloudKey({"access_key": ACCESS_KEY, "secret_key": SECRET_KEY}).keys()
    _line("# gateway %s, vpc server %s, classic server %s, share id %s" % (
        GW, VPC_SERVER_NO, CLASSIC_SERVER_NO, SHARE_LOGIN_ID))
    for section in (run_vpc, run_classic):
        try:
            section(key)
        except Exception as e:  # noqa: BLE001 - setup error in a section
            RESULTS["failed"] += 1
            _line("FAIL %s.setup: %s: %s" % (section.__name__, type(e).__name__, e))
    print(json.dumps(RESULTS))
    sys.stdout.flush()
    return 0 if RESULTS["failed"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
