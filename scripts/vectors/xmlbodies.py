"""XML answers of Classic actions from NAVER's old Go SDK (github NaverCloudPlatform/ncloud-sdk-go):
its `sdk/*_test.go` files reply to the SDK with real answer bodies through gock
(`Reply(http.StatusOK).BodyString(\\`<...Response>...\\`)`). They are read here as text from a git
directory without a work tree, and typed by the Go SDK v2 models (`xml_result`).
"""

import re
import subprocess
import xml.etree.ElementTree as ET

BODY_RE = re.compile(r"BodyString\(`(.*?)`\)", re.S)


def old_sdk_bodies(gitdir, rev="HEAD"):
    """[(file, n, body, root tag)] for every success body (root element `...Response`)."""
    git = lambda *a: subprocess.run(["git", "-C", gitdir, *a], check=True, capture_output=True,
                                    text=True, encoding="utf-8").stdout
    commit = git("rev-parse", rev).strip()
    out = []
    for name in sorted(git("ls-tree", "--name-only", f"{rev}:sdk").split()):
        if not name.endswith("_test.go"):
            continue
        text = git("show", f"{rev}:sdk/{name}").replace("\r\n", "\n")
        for n, m in enumerate(BODY_RE.finditer(text), 1):
            body = m.group(1)
            try:
                root = ET.fromstring(body.strip())
            except ET.ParseError:
                continue
            if root.tag.endswith("Response"):
                out.append((f"sdk/{name}", n, body, root.tag))
    return commit, out


def typed_scalar(elem, text, where, notes):
    """XML text typed by a Go SDK v2 field type (*string -> string even when it is digits)."""
    if elem == "string":
        return text
    t = text.strip()
    if t == "":
        notes.append(f"empty: {where}")
        return None
    if elem in ("int", "int32", "int64"):
        return int(t)
    if elem == "bool":
        if t not in ("true", "false"):
            raise ValueError(f"{where}: {t!r} is not a bool")
        return t == "true"
    if elem in ("float", "float32", "float64"):
        return float(t)
    raise ValueError(elem)


def xml_object(model, struct_name, el, where, notes):
    """An element typed by a struct: unknown children dropped (noted), empty scalar text of a
    non-string field left out, every list field an array ([] when absent or empty)."""
    st = model.struct(struct_name)
    out = {}
    for child in el:
        f = st.get(child.tag)
        path = f"{struct_name}.{child.tag}"
        if f is None:
            notes.append(f"dropped: {struct_name}.{child.tag}")
            continue
        if f.kind == "scalar":
            if len(child):
                raise ValueError(f"{path}: a scalar field with child elements")
            v = typed_scalar(f.elem, child.text or "", path, notes)
            if v is not None:
                out[f.json] = v
        elif f.kind == "object":
            out[f.json] = xml_object(model, f.elem, child, path, notes)
        else:
            items = []
            for item in child:
                if f.is_struct and item.tag != f.elem[:1].lower() + f.elem[1:]:
                    notes.append(f"item: {path} items are <{item.tag}> (model {f.elem})")
                if f.is_struct:
                    items.append(xml_object(model, f.elem, item, f"{path}.{item.tag}", notes))
                else:
                    v = typed_scalar(f.elem, item.text or "", path, notes)
                    if v is not None:
                        items.append(v)
            out[f.json] = items
    for f in st.fields:
        if f.kind == "list" and f.json not in out:
            out[f.json] = []
    return out
