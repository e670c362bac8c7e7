"""Encode vectors (parameters -> form pairs). build_params fills in every field of a request model
(or only the required ones) with the values of values.py; retype and key_types carry the same
parameters over to another SDK's model; python_cannot_send says what the Python SDK's serializer
cannot put on the wire; parse_py_body reads a captured request body. EncodeVectors, a part of
runner.Runner, turns a captured Python SDK request (python_vector) or a Go SDK v2 request struct
(go_vector) into a vector, the rules of ncp_rules.py applied (rule_cases) and cited in its source.
"""

from urllib.parse import unquote

import gomodel
import ncp_rules
import values as V
from common import PATHS, form_of
from gomodel import go_form_pairs


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


class EncodeVectors:
    """The encode half of runner.Runner (its note(), report and go2 are used)."""

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
