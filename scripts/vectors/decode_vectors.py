"""Decode vectors (answer body -> typed result). answer_object / answer_vectors build JSON answers
field by field from a response model (every field filled, a sparse item, an empty list) with the
values of values.py, each with the result typed by that model; compare_decoded sets the Python SDK's
own deserialisation of a body against that result. DecodeVectors, a part of runner.Runner, adds the
XML answers: the old Go SDK's test answers and those printed in NCP's reference (xml_vectors), typed
by the Go SDK v2 models (xmlbodies.py).
"""

import json
import uuid

import docs_examples
import gomodel
import values as V
import xmlbodies
from common import ENVELOPE, lower_first
from gomodel import ClassicUnion, GoField


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


class DecodeVectors:
    """The decode half of runner.Runner (its note(), go1_commit and xml_bodies are used)."""

    @staticmethod
    def union_source(go, response):
        if not isinstance(go, ClassicUnion) or not go.reaches_shared(response):
            return ""
        return ("; " + ", ".join(gomodel.CLASSIC_SHARED) + " typed by the union of the same-named models of "
                "services/server and services/loadbalancer (NCP's Classic server and load balancer APIs answer "
                "with the same objects; the old Go SDK's XML answers carry fields only one of them declares)")

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
