"""The driver: Runner reads the Go SDK v2 and the old Go SDK, runs each Python SDK (pysdk_run.py, in
the venv's python) and makes every API's vectors, encode and decode (encode_vectors.EncodeVectors,
decode_vectors.DecodeVectors) per action of its scope; model_differences lists where the Go and the
Python models disagree, and every finding goes to `report` for REPORT.md; check() verifies what an
API got (every action has both kinds of vectors, unique ids, well-formed forms).
"""

import json
import os
import subprocess

import docs_examples
import gomodel
import ncp_rules
import values as V
import xmlbodies
from common import APIS, HERE, MONITORING_SCOPE, PY_DIST, ROOT, PyModel, docs_model, form_of
from decode_vectors import DecodeVectors, answer_vectors, compare_decoded
from encode_vectors import EncodeVectors, build_params, python_cannot_send
from gomodel import ClassicUnion, GoSdk


class Runner(EncodeVectors, DecodeVectors):
    """Reads the SDKs and makes every API's vectors (make_api; geolocation from the reference),
    collecting the findings for REPORT.md in `report` (note())."""

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
        scope = list(go.actions) if api in ("server", "vserver", "loadbalancer", "vpc") else MONITORING_SCOPE

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
        if not any(v.get("action") == a for v in encode) or not any(v.get("action") == a for v in decode):
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
