#!/usr/bin/env python3
"""Writes fixtures/protocol/<api>.json (api: server, vserver, vpc, loadbalancer, monitoring,
geolocation): conformance vectors for this package's encoder (parameters -> form pairs) and decoder
(answer body -> typed JSON result), made from NAVER's own SDKs and NCP's API reference.

WHY THESE ARE NOT THIS PACKAGE'S OUTPUT
  Nothing of this package is built, imported or run here. Encode vectors are what NAVER's SDKs send:
  the Python SDKs are really called and their request bodies captured on 127.0.0.1 (pysdk_run.py);
  where only the Go SDK v2 has an action (or a parameter the Python SDK cannot send), the form is the
  Go SDK's buildQueryString rule restated in gomodel.py over the Go request struct. The parameters are
  every field of the SDK model filled in (or only the required ones), changed only where NCP's API
  reference says NCP refuses such a request (ncp_rules.py, cited in the vector's source). Decode vectors are
  answer bodies typed by NAVER's models: JSON bodies built field by field from the Go SDK v2 response
  structs (every field filled, plus sparse and empty variants), checked against the Python SDK's own
  deserialisation of the same body; XML bodies are the real answers in the old Go SDK's test files,
  typed by the Go SDK v2 models. Monitoring comes from ncloud-monitoring (Python), geolocation from the
  API reference (docs_examples.py).

WHAT IT READS
  --go2   git dir of github NaverCloudPlatform/ncloud-sdk-go-v2   (default /work/.mirror/NaverCloudPlatform+ncloud-sdk-go-v2/repo)
  --go1   git dir of github NaverCloudPlatform/ncloud-sdk-go      (default /work/.mirror/NaverCloudPlatform+ncloud-sdk-go/repo)
  --python  python of the venv holding the Python SDKs of requirements.txt (default .venv/bin/python)
  --monitoring-old  a `pip install --target` dir of ncloud-monitoring 1.1.0, the last release with
                    getMetricStatistics (default .venv/ncloud-monitoring-1.1.0)

HOW TO RUN (from the repository root; scripts/vectors/setup.sh makes the venv)
  bash scripts/vectors/setup.sh
  .venv/bin/python scripts/vectors/make_vectors.py            # writes fixtures/protocol/<api>.json + REPORT.md
  .venv/bin/python scripts/vectors/make_vectors.py --check    # exit 1 if a file would change

CONVENTIONS (also in each file's description)
  form: key=value pairs joined by '&' (a set: order free), list items 1-based, booleans true/false,
  RFC 3986 percent-encoding (A-Za-z0-9-._~ kept, the rest upper-case %XX of UTF-8, space %20),
  responseFormatType left out. result: the answer without its {action}Response wrapper, typed by the
  SDK models (Go *string -> string even for digits, ints -> number, *bool -> boolean, CommonCode ->
  {code, codeName}), unknown elements dropped, absent scalars absent, every list field an array.
  Entries whose id does not start with 'sdk-' are kept as they are; 'sdk-' entries are regenerated;
  any top-level key besides description/encode/decode (e.g. an `emulator` array) is kept unchanged.
  Output is deterministic (fixed values, stable order, no timestamps).
"""

import argparse
import json
import os
import subprocess
import sys
import uuid
from urllib.parse import quote, unquote

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)

import docs_examples  # noqa: E402
import gomodel  # noqa: E402
import ncp_rules  # noqa: E402
import values as V  # noqa: E402
import xmlbodies  # noqa: E402
from gomodel import ClassicUnion, GoField, GoSdk, GoStruct, go_form_pairs  # noqa: E402

APIS = ["server", "vserver", "vpc", "loadbalancer", "monitoring", "geolocation"]
VPC_SCOPE = ["getVpcList", "getVpcDetail", "createVpc", "deleteVpc",
             "getSubnetList", "getSubnetDetail", "createSubnet", "deleteSubnet"]
MONITORING_SCOPE = ["getListMetrics", "getMetricStatistics"]
PY_DIST = {"ncloud_server": "ncloud-server", "ncloud_vserver": "ncloud-vserver", "ncloud_vpc": "ncloud-vpc",
           "ncloud_loadbalancer": "ncloud-loadbalancer", "ncloud_monitoring": "ncloud-monitoring"}
PATHS = {"server": "/server/v2", "vserver": "/vserver/v2", "vpc": "/vpc/v2", "loadbalancer": "/loadbalancer/v2",
         "monitoring": "/monitoring/v2", "geolocation": "/geolocation/v2"}
ENVELOPE = ("requestId", "returnCode", "returnMessage", "totalRows")


def rfc3986(s):
    return quote(s, safe="")  # keeps A-Za-z0-9 - . _ ~ ; everything else %XX (upper-case) of UTF-8


def form_of(pairs):
    return "&".join(f"{rfc3986(k)}={rfc3986(v)}" for k, v in pairs)


def lower_first(s):
    return s[:1].lower() + s[1:]


# ------------------------------------------------------------------------------------ Python models

PY_ELEM = {"str": "string", "int": "int32", "bool": "bool", "float": "float64"}


class PyModel:
    """A Python SDK's models seen through the same interface as a Go service (struct(), fields)."""

    def __init__(self, described):
        self.structs = {}
        for name, fields in described.items():
            st = GoStruct(name)
            for f in fields:
                t = f["type"]
                if t.startswith("list["):
                    inner = t[5:-1]
                    kind, elem = "list", PY_ELEM.get(inner, inner)
                elif t in PY_ELEM:
                    kind, elem = "scalar", PY_ELEM[t]
                else:
                    kind, elem = "object", t
                json_name = f["json"]
                st.fields.append(GoField(json_name[0].upper() + json_name[1:], json_name, kind, elem, f["required"]))
            self.structs[name] = st

    def struct(self, name):
        return self.structs[name]

    def has_struct(self, name):
        return name in self.structs


def docs_model():
    m = PyModel({})
    for name, fields in docs_examples.GEO_MODEL.items():
        st = GoStruct(name)
        for j, kind, elem in fields:
            st.fields.append(GoField(j[0].upper() + j[1:], j, kind, elem, False))
        m.structs[name] = st
    return m


# ------------------------------------------------------------------------------------ parameters

def build_params(model, struct_name, only_required=False, idx=0, skip=None, path=""):
    """Every field of a request struct filled (or only the required ones), typed by that model.
    `skip(field, path) -> reason|None` leaves out fields an SDK cannot send; left out ones are
    collected in the returned list."""
    params, left = {}, []
    for f in model.struct(struct_name).fields:
        if only_required and not f.required:
            continue
        p = f"{path}.{f.json}" if path else f.json
        reason = skip(f, path) if skip else None
        if reason:
            left.append((p, reason))
            continue
        if f.kind == "scalar":
            params[f.json] = V.param_scalar(f.json, f.elem, idx)
        elif f.kind == "list" and f.is_struct:
            items = []
            for i in range(2):
                item, l2 = build_params(model, f.elem, only_required, i, skip, p + "[]")
                items.append(item)
                left.extend(x for x in l2 if x not in left)
            params[f.json] = items
        elif f.kind == "list":
            raw = V.param_list(f.json)
            params[f.json] = [V.param_scalar(f.json[:-4] if f.json.endswith("List") else f.json, f.elem, i)
                              if f.elem != "string" else raw[i] for i in range(len(raw))]
        else:
            params[f.json], l2 = build_params(model, f.elem, only_required, idx, skip, p)
            left.extend(l2)
    return params, left


def retype(model, struct_name, params):
    """The same logical params typed by another SDK's model (e.g. Python int vs Go *string)."""
    out = {}
    st = model.struct(struct_name)
    for k, v in params.items():
        f = st.get(k)
        if f is None:
            out[k] = v
            continue
        if f.kind == "scalar":
            out[k] = cast(f.elem, v)
        elif f.kind == "list" and f.is_struct:
            out[k] = [retype(model, f.elem, item) for item in v]
        elif f.kind == "list":
            out[k] = [cast(f.elem, x) for x in v]
        else:
            out[k] = retype(model, f.elem, v)
    return out


def cast(elem, v):
    if elem == "string":
        return ("true" if v else "false") if isinstance(v, bool) else str(v)
    if elem in ("int", "int32", "int64"):
        return int(v)
    if elem == "bool":
        return v if isinstance(v, bool) else str(v).lower() == "true"
    return float(v)


def key_types(model, struct_name, params, prefix=""):
    """form key -> field type, for the pairs these params make (1-based list items)."""
    out = {}
    st = model.struct(struct_name)
    for k, v in params.items():
        f = st.get(k)
        name = f"{prefix}.{k}" if prefix else k
        if f is None:
            continue
        if f.kind == "scalar":
            out[name] = f.elem
        elif f.kind == "list" and f.is_struct:
            for i, item in enumerate(v, 1):
                out.update(key_types(model, f.elem, item, f"{name}.{i}"))
        elif f.kind == "list":
            for i in range(1, len(v) + 1):
                out[f"{name}.{i}"] = f.elem
        else:
            out.update(key_types(model, f.elem, v, name))
    return out


def python_cannot_send(api, go=None, go_request=None):
    """What NAVER's Python SDK serializer (ApiClient.__call_api, identical in all five packages) cannot
    put on the wire: it writes `key.N.sub=quote(str(value))` for list items that are dicts, so a list or
    an object inside a list item goes out as a Python repr ("['11', '12']"); a top-level object field
    likewise; and it base64-encodes userData with base64.b64encode(str), a TypeError on Python 3."""
    def skip(f, path):
        if go is not None and not path and go.struct(go_request).get(f.json) is None:
            return "not in the Go SDK v2 request struct, which is newer: left to REPORT.md"
        if f.json == "userData" and not path:
            return "userData: the SDK calls base64.b64encode on a str (TypeError on Python 3)"
        if path and f.kind in ("list", "object"):
            return "a list inside a list item: the SDK sends str() of the Python list"
        if not path and f.kind == "object":
            return "an object parameter: the SDK sends str() of the Python dict"
        return None
    return skip


def parse_py_body(body):
    pairs = []
    for part in body.split("&") if body else []:
        k, _, v = part.partition("=")
        pairs.append((unquote(k), unquote(v)))
    return pairs


# ------------------------------------------------------------------------------------ answers

def request_id(api, action, variant):
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"ncloud-vectors/{api}/{action}/{variant}"))


def main_list(st):
    for f in st.fields:
        if f.kind == "list" and f.is_struct and f.json not in ENVELOPE:
            return f
    return None


def answer_object(model, struct_name, mode, idx=0, depth=0):
    """(body, result) of one object typed by a struct. mode 'full': every field; 'sparse': two id/name
    scalars only. result: every list field an array, absent scalars absent."""
    st = model.struct(struct_name)
    if struct_name == "CommonCode":
        return dict(V.common_code("code")), dict(V.common_code("code"))
    body, result = {}, {}
    picked = 0
    for f in st.fields:
        if mode == "sparse":
            if f.kind == "scalar" and f.elem == "string" and (f.json.endswith("No") or f.json.endswith("Name")) and picked < 2:
                result[f.json] = V.answer_string(f.json, idx)
                body[f.json] = wire(f, result[f.json])
                picked += 1
            continue
        if f.kind == "scalar":
            fixed = V.STRUCT_ANSWERS.get(struct_name, {})
            result[f.json] = fixed[f.json] if f.json in fixed else answer_scalar(f, idx)
            body[f.json] = wire(f, result[f.json])
        elif f.kind == "object":
            if f.elem == "CommonCode":
                body[f.json] = V.common_code(f.json)
                result[f.json] = V.common_code(f.json)
            elif depth < 3:
                body[f.json], result[f.json] = answer_object(model, f.elem, "full", idx, depth + 1)
        elif f.is_struct:
            if depth < 3 and f.elem != "CommonCode":
                b, r = answer_object(model, f.elem, "full", 0, depth + 1)
                body[f.json], result[f.json] = [b], [r]
            elif f.elem == "CommonCode":
                body[f.json] = [V.common_code(f.json)]
                result[f.json] = [V.common_code(f.json)]
            else:
                body[f.json] = []
                result[f.json] = []
        else:
            items = [answer_list_item(f, i) for i in range(2)]
            body[f.json], result[f.json] = items, list(items)
    for f in st.fields:
        if f.kind == "list" and f.json not in result:
            result[f.json] = []
    return body, result


def wire(f, value):
    """A field's value as the answer body sends it: a string-typed id the API sends as a number
    (gomodel.ANSWER_TYPE_FIXES) goes into the body as that number."""
    return int(value) if getattr(f, "wire", "") == "number" else value


def answer_list_item(f, i):
    if f.elem == "string" and V.answer_list(f.json, i) is not None:
        return V.answer_list(f.json, i)
    return answer_scalar(GoField("", f.json[:-4] if f.json.endswith("List") else f.json, "scalar", f.elem, False), i)


def answer_scalar(f, idx):
    if f.elem == "string":
        return V.answer_string(f.json, idx)
    if f.elem in ("int", "int32", "int64"):
        return V.answer_int(f.json, f.elem, idx)
    if f.elem == "bool":
        return (V._h(f.json) + idx) % 2 == 0
    return V.answer_float(f.json, idx)


def answer_vectors(api, model, action, resp_struct, src, prefix):
    """JSON decode vectors of one action: 'json' (a full item and a sparse one in the main list) and,
    where the answer has a list, 'json-empty' (totalRows 0, the list [] or left out)."""
    st = model.struct(resp_struct)
    lst = main_list(st)
    out = []
    body, result = {}, {}
    for f in st.fields:
        if f.json == "requestId":
            body[f.json] = result[f.json] = request_id(api, action, "json")
        elif f.json == "returnCode":
            body[f.json] = result[f.json] = "0"
        elif f.json == "returnMessage":
            body[f.json] = result[f.json] = "success"
        elif f.json == "totalRows":
            continue
        elif lst is not None and f is lst:
            b1, r1 = answer_object(model, f.elem, "full", 0, 1)
            b2, r2 = answer_object(model, f.elem, "sparse", 1, 1)
            body[f.json], result[f.json] = [b1, b2], [r1, r2]
        elif f.kind == "scalar":
            body[f.json] = result[f.json] = answer_scalar(f, 0)
        elif f.kind == "object":
            body[f.json], result[f.json] = answer_object(model, f.elem, "full", 0, 1)
        elif f.is_struct:
            b, r = answer_object(model, f.elem, "full", 0, 1)
            body[f.json], result[f.json] = [b], [r]
        else:
            body[f.json] = result[f.json] = [answer_list_item(f, i) for i in range(2)]
    if st.get("totalRows"):
        n = len(body[lst.json]) if lst is not None else 1
        body["totalRows"] = result["totalRows"] = n
    for f in st.fields:
        if f.kind == "list" and f.json not in result:
            result[f.json] = []
    wrapped = {f"{action}Response": body}
    out.append({"id": f"{prefix}-{action}-json", "source": src + "; every field filled, a second list item with ids only",
                "action": action, "status": 200,
                "body": json.dumps(wrapped, ensure_ascii=False, separators=(",", ":")), "result": result})
    if lst is not None:
        omit = len(action) % 2 == 1  # half of them leave the empty list out, half send []
        body, result = {"requestId": request_id(api, action, "empty"), "returnCode": "0", "returnMessage": "success"}, {}
        result.update(body)
        if st.get("totalRows"):
            body["totalRows"] = result["totalRows"] = 0
        if not omit:
            body[lst.json] = []
        for f in st.fields:
            if f.kind == "list":
                result[f.json] = []
        out.append({"id": f"{prefix}-{action}-json-empty",
                    "source": src + ("; no item: the list left out" if omit else "; no item: an empty list"),
                    "action": action, "status": 200,
                    "body": json.dumps({f"{action}Response": body}, ensure_ascii=False, separators=(",", ":")),
                    "result": result})
    return out


def compare_decoded(mine, py, path, notes):
    """The Python SDK's deserialisation of a body vs the result typed by the Go model."""
    if isinstance(mine, dict) and isinstance(py, dict):
        for k, v in mine.items():
            p = f"{path}.{k}"
            if k in py:  # fields one model lacks: model_differences lists them per model
                compare_decoded(v, py[k], p, notes)
    elif isinstance(mine, list) and isinstance(py, list):
        for a, b in zip(mine, py):
            compare_decoded(a, b, f"{path}[]", notes)
    elif type(mine) is not type(py) or mine != py:
        notes.append(f"{path}: Go-typed {json.dumps(mine, ensure_ascii=False)} but the Python SDK gives "
                     f"{json.dumps(py, ensure_ascii=False)} ({type(py).__name__})")


# ------------------------------------------------------------------------------------ driver

class Runner:
    def __init__(self, args):
        self.args = args
        self.report = {}  # api -> section -> [lines]

    def note(self, api, section, line):
        lines = self.report.setdefault(api, {}).setdefault(section, [])
        if line not in lines:
            lines.append(line)

    def py(self, package, extra, jobs):
        cmd = [self.args.python, os.path.join(HERE, "pysdk_run.py"), package] + ([extra] if extra else [])
        env = dict(os.environ)
        env.pop("NCLOUD_API_GW", None)
        r = subprocess.run(cmd, input=json.dumps(jobs), capture_output=True, text=True, encoding="utf-8",
                           env=env, cwd=ROOT)
        if r.returncode != 0:
            raise SystemExit(f"pysdk_run.py {package} failed:\n{r.stderr}")
        return json.loads(r.stdout)

    def py_sdks(self, api):
        mon_old = self.args.monitoring_old
        return {
            "server": [("ncloud_server", None)], "vserver": [("ncloud_vserver", None)],
            "vpc": [("ncloud_vpc", None)], "loadbalancer": [("ncloud_loadbalancer", None)],
            "monitoring": [("ncloud_monitoring", None), ("ncloud_monitoring", mon_old)],
        }.get(api, [])

    def run(self):
        self.go2 = GoSdk(self.args.go2)
        go1_commit, self.xml_bodies = xmlbodies.old_sdk_bodies(self.args.go1)
        self.go1_commit = go1_commit
        files = {}
        for api in APIS:
            files[api] = self.make_api(api)
        return files

    # -------------------------------------------------------------------------------------------
    def make_api(self, api):
        V.ENV["name"] = "vpc" if api in ("vserver", "vpc") else "classic"
        go = self.go2.service(api) if api in ("vserver", "vpc") else None
        if api in gomodel.CLASSIC_APIS:
            go = ClassicUnion(self.go2, api)
            for name, fields in go.added.items():
                if fields:
                    self.note(api, "answers: Classic shared models typed by the union of services/server and services/loadbalancer",
                              f"{name}: {', '.join(f'{j} (from services/{svc})' for j, svc in fields)}")
            self.note(api, "answers: Classic shared models typed by the union of services/server and services/loadbalancer",
                      "elsewhere in this API's sections 'the Go model' of these four is this union")
        if api == "geolocation":
            return self.make_geolocation()
        scope = list(go.actions) if api in ("server", "vserver", "loadbalancer") else \
            (VPC_SCOPE if api == "vpc" else MONITORING_SCOPE)

        # which Python SDK (package, extra path) serves which action
        sdks = []
        for package, extra in self.py_sdks(api):
            d = self.py(package, extra, [])
            ver = d["dist"].split("/")[1]
            sdks.append({"package": package, "extra": extra, "version": ver, "actions": d["actions"],
                         "model": PyModel(d["models"]), "label": f"{PY_DIST[package]} {ver}"})
        py_of = {}
        for a in scope:
            py_of[a] = next((s for s in sdks if a in s["actions"]), None)

        encode, decode, jobs = [], [], {}
        for action in scope:
            ga = go.actions.get(action) if go else None
            ps = py_of[action]
            if ga is None and ps is None:
                raise SystemExit(f"{api}.{action}: neither SDK has it")
            if ps:
                pm, preq = ps["model"], ps["actions"][action]["request"]
                skip = python_cannot_send(api, go, ga.request) if ga else python_cannot_send(api)
                full, left = build_params(pm, preq, skip=skip)
                req, _ = build_params(pm, preq, only_required=True, skip=skip)
                cases = [(v, p, n, left) for v, p, n in self.rule_cases(api, action, "1", full, pm, preq)]
                if req and req != full:
                    cases += [(v, p, n, []) for v, p, n in self.rule_cases(api, action, "required", req, pm, preq)]
                for variant, params, rnotes, left in cases:
                    jid = f"sdk-py-{action}-{variant}"
                    job = {"id": jid, "action": action, "params": params, "variant": variant, "notes": rnotes}
                    if variant == "1" and ga is not None:
                        dv = answer_vectors(api, go, action, ga.response, "", "x")[0]
                        job["body"] = dv["body"]
                        job["expect"] = dv["result"]
                    elif variant == "1" and ga is None:
                        dv = answer_vectors(api, pm, action, ps["actions"][action]["response"], "", "x")[0]
                        job["body"], job["expect"] = dv["body"], dv["result"]
                    jobs.setdefault((ps["package"], ps["extra"]), []).append((job, ps, left))
                # the SDK's own failure with userData, for the record
                if any(p == "userData" for p, _ in left):
                    p2 = dict(full, userData=V.STRING_PARAMS["userData"])
                    jobs.setdefault((ps["package"], ps["extra"]), []).append(
                        ({"id": f"probe-{action}-userData", "action": action, "params": p2}, ps, []))
        captured = {}
        for (package, extra), lst in jobs.items():
            d = self.py(package, extra, [j for j, _, _ in lst])
            for r in d["results"]:
                captured[r["id"]] = r

        for action in scope:
            ga = go.actions.get(action) if go else None
            ps = py_of[action]
            py_vectors = []
            py_covers = set()  # variants of the Go request the Python vectors already show
            if ps:
                for job, ps_, left in jobs[(ps["package"], ps["extra"])]:
                    if job["action"] != action:
                        continue
                    r = captured[job["id"]]
                    if job["id"].endswith("-required") and "error" in r and "body" not in r and not py_vectors:
                        continue  # the full request failed the same way: noted once
                    if job["id"].startswith("probe-"):
                        self.note(api, "Python SDK failures", f"{action}: with userData the SDK raises {r.get('error')} before sending anything")
                        continue
                    v, covers = self.python_vector(api, go, ga, ps, job, r, left)
                    if v is None:
                        continue
                    py_vectors.append(v)
                    if covers:
                        py_covers.add(job["variant"])
                    if "expect" in job:
                        notes = []
                        if "decoded" in r:
                            compare_decoded(job["expect"], r["decoded"], action, notes)
                        else:
                            notes.append(f"{action}: the Python SDK failed on the answer: {r.get('error')}")
                        for n in notes:
                            self.note(api, f"answers: Go model vs {ps['label']} deserialisation", n)
                encode.extend(py_vectors)
            if ga is not None:
                gfull, _ = build_params(go, ga.request)
                greq, _ = build_params(go, ga.request, only_required=True)
                for variant, params, rnotes in self.rule_cases(api, action, "1", gfull, go, ga.request):
                    if variant not in py_covers:
                        encode.append(self.go_vector(api, go, ga, variant, params, ps, bool(py_vectors), rnotes))
                if not py_vectors and greq and greq != gfull:
                    for variant, params, rnotes in self.rule_cases(api, action, "required", greq, go, ga.request):
                        encode.append(self.go_vector(api, go, ga, variant, params, ps, False, rnotes))
                src = f"Go SDK v2 {api} {ga.response} and its models at {self.go2.commit[:7]}" + self.union_source(go, ga.response)
                for why in go.fixes_reached(ga.response):
                    src += "; " + why
                    self.note(api, "answers: field types NCP's reference gives otherwise than the Go SDK v2", why)
                if ps:
                    src += f"; deserialised alike by {ps['label']} except where REPORT.md says"
                decode.extend(answer_vectors(api, go, action, ga.response, src, "sdk-go"))
            else:
                pm = ps["model"]
                src = f"{ps['label']} {ps['actions'][action]['response']} model (no Go SDK v2 service)"
                decode.extend(answer_vectors(api, pm, action, ps["actions"][action]["response"], src, "sdk-py"))
            decode.extend(self.xml_vectors(api, go, action, ga))
        self.model_differences(api, go, scope, py_of)
        for line in ncp_rules.DOUBTS.get(api, []):
            self.note(api, "requests: doubtful values no source read here settles (left as the SDK models make them)", line)
        check(api, scope, encode, decode)
        return {"encode": encode, "decode": decode, "sdks": sorted({s["label"] for s in py_of.values() if s})}

    # -------------------------------------------------------------------------------------------
    def python_vector(self, api, go, ga, ps, job, r, left):
        action, params = job["action"], job["params"]
        pm, preq = ps["model"], ps["actions"][action]["request"]
        if "error" in r and "body" not in r:
            if ga is None:
                raise SystemExit(f"{job['id']}: the SDK failed: {r['error']}")
            why = "; ".join(f"{p} ({w})" for p, w in left)
            self.note(api, "Python SDK failures", f"{action}: no request: {r['error']}"
                      + (f" (the field cannot be sent either: {why})" if why else ""))
            return None, False
        expected_path = PATHS[api] + "/" + action
        if r["path"] != expected_path or r["httpMethod"] != "POST" or r["query"] != "responseFormatType=json":
            raise SystemExit(f"{job['id']}: unexpected request {r['httpMethod']} {r['path']}?{r['query']}")
        types = key_types(pm, preq, params)
        pairs, fixes = [], set()
        for k, v in parse_py_body(r["body"]):
            if k not in types:
                raise SystemExit(f"{job['id']}: the SDK sent {k} that the params do not make")
            if v.startswith("[") or v.startswith("{") or v.startswith("b'"):
                raise SystemExit(f"{job['id']}: {k}={v}: a Python repr on the wire (python_cannot_send misses it)")
            if types[k] == "bool" and v in ("True", "False"):
                v = v.lower()
                fixes.add("bool")
            pairs.append((k, v))
        if "/" in r["body"] and any("/" in v for _, v in pairs):
            fixes.add("slash")
        if set(k for k, _ in pairs) != set(types):
            raise SystemExit(f"{job['id']}: sent {sorted(k for k, _ in pairs)} for {sorted(types)}")
        src = f"{ps['label']} {preq} serialized by the SDK's own ApiClient, body captured on 127.0.0.1"
        if fixes:
            src += "; re-encoded per RFC 3986"
            if "bool" in fixes:
                src += " and booleans True/False (the SDK's str(bool)) written true/false"
            if "slash" in fixes:
                src += " ('/' is left raw by the SDK's quote())"
                self.note(api, "Python SDK encoding", "quote() keeps '/' unescaped in values (safe='/' default); the vectors re-encode it as %2F")
            if "bool" in fixes:
                self.note(api, "Python SDK encoding", "booleans go out as True/False (str(bool)); the vectors write true/false")
        if left:
            src += "; left out, as this SDK cannot send them: " + "; ".join(f"{p} ({why})" for p, why in left)
            for p, why in left:
                if "Go SDK v2" not in why:
                    self.note(api, "Python SDK cannot send", f"{action}: {p}: {why}")
        covers = False
        if ga is not None:
            # the Go SDK's rule over the same values (typed by the Go struct) must give the same pairs
            gparams = retype(go, ga.request, params)
            gpairs = [(k, t) for k, t, _ in go_form_pairs(go, ga.request, gparams)]
            a, b = set(pairs), set(gpairs)
            for k, v in sorted(a - b):
                self.note(api, "Python vs Go request forms", f"{action}: Python sends {k}={v!r}, the Go SDK "
                          + ("does not have this parameter" if k not in dict(gpairs) else f"sends {dict(gpairs)[k]!r}"))
            for k, v in sorted(b - a):
                if k not in dict(pairs):
                    pass  # a Go-only parameter: not in these params
            gall, _ = build_params(go, ga.request)
            pyall, _ = build_params(pm, preq)
            real_left = [x for x in left if "Go SDK v2" not in x[1]]
            covers = not real_left and not (a - b) and set(gall) <= set(pyall) and job["variant"] != "required"
        src += self.rule_source(job["notes"])
        return ({"id": job["id"], "source": src, "action": action, "params": params, "form": form_of(pairs)}, covers)

    def rule_cases(self, api, action, variant, params, model, request):
        """ncp_rules.cases, its notes also collected for REPORT.md."""
        out = ncp_rules.cases(api, action, variant, params, model, request)
        for _, _, notes in out:
            for n in notes:
                self.note(api, "requests: what NCP's reference says beyond the SDK models (ncp_rules.py)", f"{action}: {n}")
        return out

    @staticmethod
    def union_source(go, response):
        if not isinstance(go, ClassicUnion) or not go.reaches_shared(response):
            return ""
        return ("; " + ", ".join(gomodel.CLASSIC_SHARED) + " typed by the union of the same-named models of "
                "services/server and services/loadbalancer (NCP's Classic server and load balancer APIs answer "
                "with the same objects; the old Go SDK's XML answers carry fields only one of them declares)")

    @staticmethod
    def rule_source(notes):
        return "".join(f"; {n}" for n in notes)

    def go_vector(self, api, go, ga, variant, params, ps, has_py, rnotes=()):
        raw = go_form_pairs(go, ga.request, params)
        pairs = [(k, t) for k, t, _ in raw]
        src = f"Go SDK v2 {api} {ga.request} at {self.go2.commit[:7]}, form by the Go SDK's own rule (buildQueryString: field name lower-camel, prefix.N.field)"
        if ps is None:
            src += "; only the Go SDK has this action"
        else:
            gf = {f.json for f in go.struct(ga.request).fields}
            pf = {f.json for f in ps["model"].struct(ps["actions"][ga.name]["request"]).fields}
            extra = sorted(gf - pf)
            if extra:
                src += f"; {ps['label']} lacks " + ", ".join(extra)
            if not has_py:
                src += f"; {ps['label']} cannot make this request (see scripts/vectors/REPORT.md)"
            elif variant == "1":
                src += f"; {ps['label']} cannot send some of these (see the sdk-py vector)"
        if variant == "required":
            src += "; required parameters only (json tags without omitempty)"
        src += self.rule_source(rnotes)
        if "userData" in params and ga.base64_user_data:
            src += "; userData base64-encoded as the Go SDK's v2_api.go does before sending (ncloud-server 1.1.3 raises TypeError instead)"
            pairs = [(k, __import__("base64").b64encode(t.encode("utf-8")).decode("ascii") if k == "userData" else t)
                     for k, t in pairs]
        wire = [w for k, t, w in raw]
        for k, t, w in raw:
            if k.split(".")[-1].isdigit() and t == w and gomodel.go_query_escape(t) != t:
                sec = self.report.setdefault(api, {}).setdefault("Go SDK encoding", [])
                if not sec:
                    sec.append(f"items of string lists are written unescaped (buildQueryString's reflect.String case), e.g. {ga.name} {k}={t}; scalar strings go through url.QueryEscape (space as '+'); the vectors decode both and re-encode per RFC 3986")
                break
        del wire
        return {"id": f"sdk-go-{ga.name}-{variant}", "source": src, "action": ga.name, "params": params,
                "form": form_of(pairs)}

    # -------------------------------------------------------------------------------------------
    def xml_vectors(self, api, go, action, ga):
        out = []
        import xml.etree.ElementTree as ET
        for d in docs_examples.DOCS_XML:
            if d["api"] == api and d["action"] == action:
                notes = []
                result = xmlbodies.xml_object(go, ga.response, ET.fromstring(d["body"]), action, notes)
                if notes:
                    raise SystemExit(f"{action}: docs XML: {notes}")
                out.append({"id": f"sdk-docs-{action}-xml", "status": 200, "action": action,
                            "source": f"NCP API reference {d['page']}, typed by Go SDK v2 {ga.response} (the SDKs' json tag says VpcList; the answer says vpcList)" if action == "deleteVpc"
                            else f"NCP API reference {d['page']}, typed by Go SDK v2 {ga.response}",
                            "body": d["body"], "result": result})
        if ga is None or api not in ("server", "loadbalancer"):
            return out
        n = 0
        for path, i, body, root in self.xml_bodies:
            if lower_first(root) != f"{action}Response":
                continue
            import xml.etree.ElementTree as ET
            el = ET.fromstring(body.strip())
            notes = []
            result = xmlbodies.xml_object(go, ga.response, el, action, notes)
            n += 1
            src = f"old Go SDK {path} (ncloud-sdk-go {self.go1_commit[:7]}) answer #{i}, typed by Go SDK v2 {ga.response}" + self.union_source(go, ga.response)
            if root != f"{action}Response":
                src += f"; its root element is <{root}>"
                self.note(api, "XML answers", f"{action}: {path} answers with root <{root}> (capitalised)")
            dropped = sorted({n.split(": ", 1)[1] for n in notes if n.startswith("dropped: ")})
            empties = sorted({n.split(": ", 1)[1] for n in notes if n.startswith("empty: ")})
            if dropped:
                src += "; elements not in the Go SDK v2 models dropped: " + ", ".join(dropped)
                for d in dropped:
                    self.note(api, "XML answers: elements the Go SDK v2 models do not have (dropped)", d)
            items = sorted({n.split(": ", 1)[1] for n in notes if n.startswith("item: ")})
            for d in items:
                self.note(api, "XML answers: list item elements not named after the model", d)
            if empties:
                src += "; empty elements of number/boolean fields left out: " + ", ".join(empties)
                for d in empties:
                    self.note(api, "XML answers: empty elements of number/boolean fields (left out)", d)
            out.append({"id": f"sdk-go1-{action}-xml-{n}", "source": src, "action": action, "status": 200,
                        "body": body, "result": result})
        return out

    def answer_model_diff(self, api, go, pm, gname, pname, label, seen):
        if (gname, pname) in seen or not pm.has_struct(pname) or gname == "CommonCode":
            return
        seen.add((gname, pname))
        g, p = go.struct(gname), pm.struct(pname)
        gj, pj = {f.json: f for f in g.fields}, {f.json: f for f in p.fields}
        only_g = [k for k in gj if k not in pj]
        only_p = [k for k in pj if k not in gj]
        if only_g:
            self.note(api, f"answer fields the Go model has and {label} lacks (that SDK drops them)", f"{gname}: {', '.join(only_g)}")
        if only_p:
            self.note(api, f"answer fields only {label} has (not in the vectors)", f"{gname}: {', '.join(only_p)}")
        for k in gj:
            if k not in pj:
                continue
            a, b = gj[k], pj[k]
            if a.is_struct and b.is_struct:
                self.answer_model_diff(api, go, pm, a.elem, b.elem, label, seen)
            elif a.is_struct != b.is_struct or a.kind != b.kind or (a.elem != b.elem and {a.elem, b.elem} != {"int32", "int64"}):
                self.note(api, f"answer field types: Go vs {label}", f"{gname}.{k}: Go {a.kind} {a.elem}, Python {b.kind} {b.elem}")

    def model_differences(self, api, go, scope, py_of):
        if go is None:
            return
        seen = set()
        for action in scope:
            ga, ps = go.actions.get(action), py_of[action]
            if ga is None or ps is None:
                continue
            pm = ps["model"]
            pa = ps["actions"][action]
            self.answer_model_diff(api, go, pm, ga.response, pa["response"], ps["label"], seen)
            g, p = go.struct(ga.request), pm.struct(pa["request"])
            gj, pj = {f.json: f for f in g.fields}, {f.json: f for f in p.fields}
            for k in sorted(set(gj) - set(pj)):
                self.note(api, "request parameters: Go only", f"{action}.{k}")
            for k in sorted(set(pj) - set(gj)):
                self.note(api, "request parameters: Python only", f"{action}.{k}")
            for k in sorted(set(gj) & set(pj)):
                if gj[k].required != pj[k].required:
                    self.note(api, "required: Go vs Python", f"{action}.{k}: Go {'required' if gj[k].required else 'optional'}, Python {'required' if pj[k].required else 'optional'}")
                ge, pe = gj[k].elem, pj[k].elem
                if gj[k].is_struct != pj[k].is_struct or (not gj[k].is_struct and ge != pe and {ge, pe} != {"int32", "int64"}):
                    self.note(api, "request types: Go vs Python", f"{action}.{k}: Go {gj[k].kind} {ge}, Python {pj[k].kind} {pe}")

    # -------------------------------------------------------------------------------------------
    def make_geolocation(self):
        import xml.etree.ElementTree as ET
        encode, decode = [], []
        for vid, src, params in docs_examples.encode_cases():
            encode.append({"id": vid, "source": f"NCP API reference {docs_examples.DOCS_PAGE}: {src}", "action": "geoLocation",
                           "params": params, "form": form_of(list(params.items()))})
        for vid, src, body, result in docs_examples.decode_cases():
            decode.append({"id": vid, "source": f"NCP API reference {docs_examples.DOCS_PAGE}: {src}", "action": "geoLocation",
                           "status": 200, "body": body, "result": result})
        # check the hand-written results against the docs' field types
        m = docs_model()
        notes = []
        got = xmlbodies.xml_object(m, "GeoLocationResponse", ET.fromstring(docs_examples.XML_EXT_F), "geoLocation", notes)
        assert got == decode[0]["result"], (got, decode[0]["result"])
        check("geolocation", ["geoLocation"], encode, decode)
        self.note("geolocation", "answers", "the XML answer's root is <getLocationResponse>, the JSON answer has no wrapper at all; returnCode is the number 0 in the docs' JSON example")
        return {"encode": encode, "decode": decode, "sdks": []}


def check(api, scope, encode, decode):
    """Every action of the scope has an encode and a decode vector; ids are unique; every form is
    well-formed RFC 3986 pairs with unique keys; every result's lists are arrays."""
    ids = [v["id"] for v in encode + decode]
    dup = {i for i in ids if ids.count(i) > 1}
    if dup:
        raise SystemExit(f"{api}: duplicate ids {sorted(dup)}")
    for a in scope:
        if not any(v["action"] == a for v in encode) or not any(v["action"] == a for v in decode):
            raise SystemExit(f"{api}.{a}: an encode and a decode vector are both needed")
    allowed = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~%")
    for v in encode:
        keys = []
        for part in v["form"].split("&") if v["form"] else []:
            k, eq, val = part.partition("=")
            if not eq or not set(k) <= allowed or not set(val) <= allowed:
                raise SystemExit(f"{v['id']}: bad pair {part!r}")
            keys.append(k)
        if len(keys) != len(set(keys)):
            raise SystemExit(f"{v['id']}: repeated keys")
    for v in decode:
        body = v["body"]
        if body.lstrip().startswith("{"):
            json.loads(body)


# ------------------------------------------------------------------------------------ files

CONVENTIONS = (
    "encode: 'params' are the action's parameters as the API spells them, typed as the SDK model says "
    "(strings, numbers, booleans; lists as arrays; object lists as arrays of objects); 'form' is what the SDK "
    "sends, as key=value pairs joined by '&' and compared as a set (order free), list items 1-based "
    "(name.1, name.1.field, name.1.sub.1), booleans true/false, values percent-encoded per RFC 3986 "
    "(A-Za-z0-9-._~ kept, everything else upper-case %XX of UTF-8, space %20), responseFormatType left out. "
    "decode: 'body' is an answer as the gateway sends it (JSON {\"<action>Response\": {...}}, or XML); "
    "'result' is the response object without its wrapper, typed by the SDK models (Go *string -> string even "
    "when XML gives digits, *int32/*int64 -> number, *bool -> boolean, CommonCode -> {code, codeName}), unknown "
    "elements dropped, absent scalar fields absent, every list field (top level and inside items) an array, [] "
    "when absent or empty. Ids starting with 'sdk-' are written by scripts/vectors/make_vectors.py and "
    "rewritten on every run; any other entry, and any other top-level key, is kept unchanged. See scripts/vectors/REPORT.md for what the SDKs "
    "disagree on."
)


def describe(api, meta, runner):
    go = f"NAVER's Go SDK v2 (ncloud-sdk-go-v2 {runner.go2.commit[:7]}, services/{api})"
    parts = {
        "server": f"{go}; ncloud-server (Python) requests captured on 127.0.0.1; XML answers from the old Go SDK's tests (ncloud-sdk-go {runner.go1_commit[:7]})",
        "vserver": f"{go}; ncloud-vserver (Python) requests captured on 127.0.0.1",
        "vpc": f"{go}, the 8 actions a launch needs; ncloud-vpc (Python) requests captured on 127.0.0.1; XML answers printed in NCP's API reference (deleteVpc, deleteSubnet)",
        "loadbalancer": f"{go}; ncloud-loadbalancer (Python) requests captured on 127.0.0.1; XML answers from the old Go SDK's tests (ncloud-sdk-go {runner.go1_commit[:7]})",
        "monitoring": "NAVER's Python SDK ncloud-monitoring: getListMetrics from its newest release, getMetricStatistics from 1.1.0 (the last release that has it; 1.1.3+ has getMetricStatisticList instead); requests captured on 127.0.0.1, answers typed by its models",
        "geolocation": "NCP's API reference (geoLocation page and GeoLocation data type): its request example, its XML example verbatim, its JSON shape",
    }[api]
    if api in gomodel.CLASSIC_APIS:
        parts += ("; answers hold " + ", ".join(gomodel.CLASSIC_SHARED) + " typed by the union of the same-named "
                  "Go SDK v2 models of services/server and services/loadbalancer, as NCP's Classic APIs answer with "
                  "the same objects and the old Go SDK's XML answers carry fields only one of them declares "
                  "(isDefault, baseBlockStroageDiskDetailType, internetLineType, zoneCode, regionNo)")
    sdks = ", ".join(meta["sdks"])
    return (f"Conformance vectors for {PATHS[api]}, written by scripts/vectors/make_vectors.py from {parts}"
            + (f" (Python SDKs: {sdks})" if sdks else "") + ". Not this package's output. " + CONVENTIONS)


def merge(path, generated, description):
    """The file's new content: `description`, `encode` and `decode` written anew ('sdk-' entries
    regenerated, every other entry kept as it was, first), and every other top-level key of the
    existing file (e.g. an `emulator` array someone added) kept unchanged, in the file's key order."""
    old = json.load(open(path, encoding="utf-8")) if os.path.exists(path) else {}
    keep = {k: [v for v in old.get(k, []) if not str(v.get("id", "")).startswith("sdk-")]
            for k in ("encode", "decode")}
    new = {"description": description, "encode": keep["encode"] + generated["encode"],
           "decode": keep["decode"] + generated["decode"]}
    doc = {}
    for k in list(old) + [k for k in new if k not in old]:
        doc[k] = new[k] if k in new else old[k]
    return doc


def dumps(doc):
    """One vector per line-group, stable and diff-friendly. Arrays of objects (encode, decode and any
    other such top-level key) are written one object per group; any other value as indented JSON."""
    out = ["{"]
    keys = list(doc)
    for n, key in enumerate(keys):
        comma = "," if n < len(keys) - 1 else ""
        items = doc[key]
        if isinstance(items, list) and items and all(isinstance(v, dict) for v in items):
            out.append(f"  {json.dumps(key, ensure_ascii=False)}: [")
            for i, v in enumerate(items):
                fields = []
                for k, val in v.items():
                    fields.append(f"      {json.dumps(k, ensure_ascii=False)}: "
                                  + json.dumps(val, ensure_ascii=False, separators=(", ", ": ")))
                out.append("    {\n" + ",\n".join(fields) + "\n    }" + ("," if i < len(items) - 1 else ""))
            out.append("  ]" + comma)
        else:
            text = json.dumps(items, ensure_ascii=False, indent=2).replace("\n", "\n  ")
            out.append(f"  {json.dumps(key, ensure_ascii=False)}: {text}{comma}")
    out.append("}")
    return "\n".join(out) + "\n"


def counts(doc):
    dec = doc["decode"]
    xml = sum(1 for v in dec if v["body"].lstrip().startswith("<"))
    return len(doc["encode"]), len(dec), len(dec) - xml, xml


def write_report(runner, docs):
    lines = ["# What the SDKs say, and where they disagree", "",
             "Written by make_vectors.py on every run (deterministic). Counts per file, then per API the findings",
             "the script collected while making the vectors.", "",
             "| file | encode | decode | JSON | XML | actions |", "|---|---|---|---|---|---|"]
    for api in APIS:
        e, d, j, x = counts(docs[api])
        acts = len({v["action"] for v in docs[api]["encode"]} | {v["action"] for v in docs[api]["decode"]})
        lines.append(f"| {api}.json | {e} | {d} | {j} | {x} | {acts} |")
    lines += ["", "## Where the vectors follow NCP's reference rather than a filled-in SDK model", "",
              "- Requests (`ncp_rules.py`, cited in each vector's `source`; per API under \"requests: what NCP's "
              "reference says beyond the SDK models\"): Classic `sortingOrder` is `ascending` | `descending` "
              "(case-insensitive), VPC's `ASC` | `DESC` (spec ncp-server-image-api.md §3.1, §4.1); `sortedBy` "
              "takes the values the spec or the old Go SDK's checks name; the `blockStorageList` of VPC "
              "createServerImage / createServerImageFromSnapshot follows the reference (spec §4.8, §4.9: `order` "
              "on every item, also in the required-only vector; the base storage with `snapshotInstanceNo` only; "
              "each order once; an additional item with `snapshotInstanceNo`, `blockStorageVolumeTypeCode` or "
              "`noBlockStorage=true`); VPC createServerInstances never sends `serverImageNo` next to "
              "`memberServerImageInstanceNo` / `serverImageProductCode` (two vectors). What looks doubtful but "
              "no source read here settles is listed per API, left as the models make it.",
              "- Answers: Classic `ServerInstance`, `AccessControlGroup`, `Zone`, `Region` are typed by the union "
              "of the same-named Go SDK v2 models of services/server and services/loadbalancer (NCP's Classic APIs "
              "answer with the same objects; the old Go SDK's XML answers carry `isDefault`, "
              "`baseBlockStroageDiskDetailType`, `internetLineType`, `zoneCode`/`regionNo` that only one declares); "
              "VPC `BlockStorageMapping.blockStorageSnapshotInstanceNo` is a string in results (NCP's reference "
              "and the latest vserver swagger; spec §5.4) and a number in the bodies, as real answers send it.",
              ""]
    if gomodel.QUIRKS:
        lines += ["## Go SDK v2 model slips", ""] + [f"- {q}" for q in gomodel.QUIRKS] + [
            "", "The vectors use the plain lowerCamel names (the API reference shows `vpcList` for deleteVpc).", ""]
    for api in APIS:
        sections = runner.report.get(api)
        if not sections:
            continue
        lines += [f"## {api}", ""]
        for sec in sorted(sections):
            lines += [f"### {sec}", ""] + [f"- {x}" for x in sections[sec]] + [""]
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--go2", default=os.environ.get("NCLOUD_SDK_GO_V2", "/work/.mirror/NaverCloudPlatform+ncloud-sdk-go-v2/repo"))
    ap.add_argument("--go1", default=os.environ.get("NCLOUD_SDK_GO", "/work/.mirror/NaverCloudPlatform+ncloud-sdk-go/repo"))
    ap.add_argument("--python", default=os.path.join(ROOT, ".venv", "bin", "python"))
    ap.add_argument("--monitoring-old", default=os.path.join(ROOT, ".venv", "ncloud-monitoring-1.1.0"))
    ap.add_argument("--out", default=os.path.join(ROOT, "fixtures", "protocol"))
    ap.add_argument("--check", action="store_true", help="write nothing; exit 1 if a file would change")
    args = ap.parse_args()

    runner = Runner(args)
    generated = runner.run()
    docs, changed = {}, []
    for api in APIS:
        path = os.path.join(args.out, f"{api}.json")
        docs[api] = merge(path, generated[api], describe(api, generated[api], runner))
        text = dumps(docs[api])
        json.loads(text)
        old = open(path, encoding="utf-8").read() if os.path.exists(path) else None
        if old != text:
            changed.append(path)
            if not args.check:
                open(path, "w", encoding="utf-8").write(text)
        e, d, j, x = counts(docs[api])
        print(f"{api}.json: encode {e}, decode {d} (JSON {j}, XML {x})")
    report = write_report(runner, docs) + "\n"
    default_out = os.path.join(ROOT, "fixtures", "protocol")
    rpath = os.path.join(HERE if os.path.abspath(args.out) == default_out else args.out, "REPORT.md")
    old = open(rpath, encoding="utf-8").read() if os.path.exists(rpath) else None
    if old != report:
        changed.append(rpath)
        if not args.check:
            open(rpath, "w", encoding="utf-8").write(report)
    if args.check and changed:
        print("would change: " + ", ".join(os.path.relpath(p, ROOT) for p in changed))
        sys.exit(1)


if __name__ == "__main__":
    main()
