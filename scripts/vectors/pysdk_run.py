"""Runs ONE of NAVER's Python SDKs (ncloud_server, ncloud_vserver, ncloud_vpc, ncloud_loadbalancer,
ncloud_monitoring) against a local HTTP server on 127.0.0.1 and reports, as JSON on stdout:

* `actions`: every action of its V2Api (path, request and response model names);
* `models`: every model reachable from them (json names, swagger types, required flags);
* `results`: for each job read from stdin, the request the SDK really sent (method, path, query, raw
  body) and the SDK's own deserialisation of the answer body the job gave (camelCase keys, Python
  types), or the exception the SDK raised.

It is started by make_vectors.py with the venv's python, one process per SDK (two releases of
ncloud_monitoring cannot share one process). Usage: pysdk_run.py PACKAGE [EXTRA_SYS_PATH] < jobs.json
Nothing but 127.0.0.1 is contacted: NCLOUD_API_GW points the SDK at the local server.
"""

import importlib
import inspect
import json
import os
import re
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Capture:
    def __init__(self):
        self.requests = []
        self.answer = (200, b"{}")


CAP = Capture()


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n) if n else b""
        CAP.requests.append({"method": "POST", "target": self.path, "body": body.decode("latin-1"),
                             "contentType": self.headers.get("Content-Type")})
        self._answer()

    def do_GET(self):
        CAP.requests.append({"method": "GET", "target": self.path, "body": "", "contentType": None})
        self._answer()

    def _answer(self):
        status, data = CAP.answer
        self.send_response(status)
        self.send_header("Content-Type", "application/json;charset=UTF-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *a):
        pass


def snake(name):
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def describe_model(pkg, name, out):
    if name in out or not hasattr(pkg.model, name):
        return
    cls = getattr(pkg.model, name)
    fields = []
    out[name] = fields
    for attr, typ in cls.swagger_types.items():
        setter = getattr(cls, attr).fset
        required = bool(setter) and "must not be `None`" in inspect.getsource(setter)
        fields.append({"json": cls.attribute_map[attr], "attr": attr, "type": typ, "required": required})
        inner = re.sub(r"^list\[(.*)\]$", r"\1", typ)
        if inner not in ("str", "int", "bool", "float", "object", "date", "datetime"):
            describe_model(pkg, inner, out)


def build_model(pkg, name, params):
    cls = getattr(pkg.model, name)
    by_json = {cls.attribute_map[a]: a for a in cls.swagger_types}
    kwargs = {}
    for k, v in params.items():
        attr = by_json[k]
        typ = cls.swagger_types[attr]
        m = re.match(r"^list\[(.*)\]$", typ)
        if m and hasattr(pkg.model, m.group(1)):
            v = [build_model(pkg, m.group(1), item) for item in v]
        elif hasattr(pkg.model, typ):
            v = build_model(pkg, typ, v)
        kwargs[attr] = v
    return cls(**kwargs)


def dump(obj):
    """A deserialised SDK model as JSON with the API's (camelCase) names; None attributes left out."""
    if isinstance(obj, list):
        return [dump(x) for x in obj]
    if hasattr(obj, "swagger_types"):
        out = {}
        for attr in obj.swagger_types:
            v = getattr(obj, attr)
            if v is not None:
                out[obj.attribute_map[attr]] = dump(v)
        return out
    return obj


def main():
    package = sys.argv[1]
    if len(sys.argv) > 2:
        sys.path.insert(0, sys.argv[2])
    jobs = json.load(sys.stdin)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    os.environ["NCLOUD_API_GW"] = "http://127.0.0.1:%d" % server.server_address[1]

    pkg = importlib.import_module(package)
    conf = pkg.Configuration()
    # Older releases (ncloud-monitoring 1.1.0) ignore NCLOUD_API_GW: point the host at 127.0.0.1 by hand
    # and refuse to go on if it is anything else.
    local = "http://127.0.0.1:%d" % server.server_address[1]
    conf.host = re.sub(r"^https?://[^/]+", local, conf.host)
    if not conf.host.startswith(local + "/"):
        raise SystemExit("the SDK's host is not the local server: %s" % conf.host)
    conf.access_key = "AKIDEXAMPLE0000000001"
    conf.secret_key = "SECRETEXAMPLE000000000000000000000000001"
    api = pkg.V2Api(pkg.ApiClient(conf))

    actions, models = {}, {}
    src = inspect.getsource(type(api))
    for m in re.finditer(r"def (\w+)_with_http_info\(self, (\w+), \*\*kwargs\).*?:param (\w+) \2:.*?"
                         r"call_api\(\s*'/(\w+)', '(\w+)'.*?response_type='(\w+)'", src, re.S):
        # the request class from the docstring (":param GetInitScriptListRequest get_init_script_list_rqeust:")
        meth, argname, req, path, http, resp = m.groups()
        actions[path] = {"method": meth, "http": http, "request": req, "response": resp}
        describe_model(pkg, req, models)
        describe_model(pkg, resp, models)

    results = []
    for job in jobs:
        act = actions[job["action"]]
        CAP.requests.clear()
        CAP.answer = (job.get("status", 200), job.get("body", "{}").encode("utf-8"))
        res = {"id": job["id"]}
        try:
            req = build_model(pkg, act["request"], job["params"])
            got = getattr(api, act["method"])(req)
            res["decoded"] = dump(got)
        except Exception as e:  # the SDK's own failure is a finding, not a crash of the script
            res["error"] = "%s: %s" % (type(e).__name__, e)
        if CAP.requests:
            r = CAP.requests[0]
            path, _, query = r["target"].partition("?")
            res.update({"httpMethod": r["method"], "path": path, "query": query, "body": r["body"],
                        "contentType": r["contentType"]})
        results.append(res)
    server.shutdown()
    import importlib.metadata as md
    dist = next(d for d in md.distributions(path=sys.path) if (d.read_text("top_level.txt") or "").split() == [package]
                or d.metadata["Name"].replace("-", "_") == package)
    version = "%s/%s" % (dist.metadata["Name"], dist.version)
    json.dump({"package": package, "dist": version, "actions": actions, "models": models,
               "results": results}, sys.stdout, ensure_ascii=False, sort_keys=True)


if __name__ == "__main__":
    main()
