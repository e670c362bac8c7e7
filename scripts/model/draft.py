"""The model as the SDKs describe it: Importer reads the three SDKs (go_sdk, python_sdk, old_go_sdk)
and draft() turns them into a Draft, the actions of each API file with their params and returns,
and the models and inputs they use under their final names (Classic prefix, unions of the fields
of a family, the Python SDK's extra fields, required-ness where the SDKs agree, value rules where
they make them certain). Both writing (toml_files) and --check (check_model) start from it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from apis import APIS, CODE_SET_OF_FIELD, FORCE_CLASSIC, SHARED_ACROSS_ENVS, Api
from go_sdk import Git, GoField, read_go_service
from old_go_sdk import read_xml_elements
from python_sdk import PY_TYPES, read_python_sdk


ENVELOPE = ("requestId", "returnCode", "returnMessage")
INT32_RANGE = "range=0..2147483647"


def lower_camel(name: str) -> str:
    return name[0].lower() + name[1:]


@dataclass
class Draft:
    """What the SDKs say: per file, its actions; globally, models and inputs by final name."""
    actions: dict[str, dict[str, dict]]  # api -> action -> {params, returns, request, response}
    models: dict[str, dict]  # name -> {fields: [(name, type)], xml, users: {api}}
    inputs: dict[str, dict]  # name -> {params: [(name, type, required)], users: {api}}
    sdk_names: dict[tuple[str, str], str]  # (family, SDK name) -> final name


class Importer:
    def __init__(self, go: Git, old_go: Git, py_site: str):
        self.go = {api.name: read_go_service(go, api.service) for api in APIS}
        self.py = {api.name: read_python_sdk(py_site, api.python) for api in APIS if api.python}
        self.xml = read_xml_elements(old_go)
        self.notes: list[str] = []

    # ---- names
    @functools.cache
    def family_structs(self, family: str) -> dict[str, list[GoField]]:
        """Every non-request, non-response struct of a family, fields united (first file's order)."""
        out: dict[str, list[GoField]] = {}
        for api in APIS:
            if api.family != family:
                continue
            for name, fields in self.go[api.name].structs.items():
                if name.endswith(("Request", "Response")) or name == "CommonCode":
                    continue
                have = out.setdefault(name, [])
                names = {f.name for f in have}
                have.extend(f for f in fields if f.name not in names)
        return out

    def name_of(self, family: str, sdk: str) -> str:
        if family == "vpc" or sdk in SHARED_ACROSS_ENVS:
            return sdk
        if sdk in FORCE_CLASSIC:
            return "Classic" + sdk
        vpc = self.family_structs("vpc")
        if sdk not in vpc:
            return sdk
        mine = [(f.name, f.type) for f in self.family_structs("classic")[sdk]]
        theirs = [(f.name, f.type) for f in vpc[sdk]]
        return sdk if mine == theirs else "Classic" + sdk

    # ---- types
    # Inputs whose SDK struct also serves as a response model (one Go struct, two roles): the input
    # gets its own name, since models and inputs share one namespace (the TypeScript names).
    INPUT_RENAMES = {"BlockDevicePartition": "BlockDevicePartitionParameter", "BlockStorage": "BlockStorageParameter"}

    def as_input(self, typ: str, nested: str | None) -> str:
        if nested and nested in self.INPUT_RENAMES:
            return typ.replace(nested, self.INPUT_RENAMES[nested])
        return typ

    def go_type(self, family: str, t: str, code_set: str | None = None) -> tuple[str, str | None]:
        """(model type, the SDK struct it names or None)."""
        simple = {"*string": "str", "*int32": "int", "*int64": "long", "*bool": "bool",
                  "*float32": "float", "*float64": "float", "[]*string": "[str]", "[]*int32": "[int]",
                  "[]*int64": "[long]"}
        if t in simple:
            return simple[t], None
        if t == "*CommonCode":
            return (f"code({code_set})" if code_set else "code"), None
        if t == "[]*CommonCode":
            return "[CommonCode]", None
        m = re.fullmatch(r"(\[\])?\*(\w+)", t)
        if not m:
            raise SystemExit(f"unknown Go type {t}")
        name = self.name_of(family, m.group(2))
        return (f"[{name}]" if m.group(1) else name), m.group(2)

    # ---- what only the Python SDK declares
    def py_type(self, family: str, t: str, name: str) -> tuple[str, str | None]:
        if t == "int":  # Python does not tell 32 from 64 bits: sizes are 64-bit in the Go models
            return ("long" if name.endswith("Size") else "int"), None
        simple = {"str": "str", "bool": "bool", "float": "float", "list[str]": "[str]",
                  "list[int]": "[int]", "CommonCode": "code"}
        if t in simple:
            return simple[t], None
        m = re.fullmatch(r"(list\[)?(\w+)\]?", t)
        name_ = self.name_of(family, m.group(2))
        return (f"[{name_}]" if m.group(1) else name_), m.group(2)

    def py_extras(self, api: Api, struct: str, have: set[str]) -> list[tuple[str, str]]:
        """(name, Python type) of what the Python SDK's class has and the Go struct lacks."""
        types = PY_TYPES.get(api.python or "", {}).get(struct, {})
        return [(n, t) for n, t in types.items() if n not in have]

    def py_comment(self, api: Api) -> str:
        version = {"ncloud_server": "ncloud-server 1.1.3", "ncloud_vserver": "ncloud-vserver 1.0.1"}
        return f"# Only the Python SDK ({version[api.python]}) declares the following."

    # ---- required
    def required(self, api: Api, struct: str, name: str) -> bool:
        go = self.go[api.name]
        by_doc = go.doc_required.get(struct, {}).get(name)
        by_tag = next(f.tag_required for f in go.structs[struct] if f.name == name)
        if by_doc is None:
            by_doc = by_tag
        elif by_doc != by_tag:
            self.notes.append(f"{api.name} {struct}.{name}: Go docs say required={by_doc}, "
                              f"its JSON tag says required={by_tag}; docs taken")
        py = self.py.get(api.name, {}).get(struct, {}).get(name)
        if py is not None and py != by_doc:
            self.notes.append(f"{api.name} {struct}.{name}: Go docs say required={by_doc}, the "
                              f"Python SDK required={py}; not required")
            return False
        return by_doc

    def param_flags(self, api: Api, struct: str, name: str, typ: str,
                    python_only: bool = False) -> str:
        flags = []
        if not python_only and self.required(api, struct, name):
            flags.append("required")
        if name == "pageNo" and typ == "int":
            flags.append(INT32_RANGE)
        if name == "pageSize" and typ == "int":
            flags += ["required_with=pageNo", "range=1..1000"] if api.env == "vpc" else [INT32_RANGE]
        if name == "sortingOrder":
            flags.append("oneof=ASC|DESC" if api.env == "vpc" else "oneof_ci=ascending|descending")
        if name == "userData":
            flags.append("base64")  # v2_api.go base64-encodes UserData of every request
        return " ".join([f"{name}: {typ}"] + flags)

    # ---- the draft
    def draft(self) -> Draft:
        actions: dict[str, dict[str, dict]] = {}
        models: dict[str, dict] = {}
        inputs: dict[str, dict] = {}
        sdk_names: dict[tuple[str, str], str] = {}

        def use_model(api: Api, sdk: str) -> None:
            name = self.name_of(api.family, sdk)
            sdk_names[(api.family, sdk)] = name
            if name in models:
                models[name]["users"].add(api.name)
                if api.family not in models[name]["families"]:
                    models[name]["families"].add(api.family)
                    self.unite(models[name], api, sdk)
                return
            entry = {"users": {api.name}, "families": {api.family}, "fields": [], "sdk": sdk,
                     "xml": None}
            models[name] = entry
            self.unite(entry, api, sdk)
            if api.family == "classic":
                lists = [lst for fam_api in APIS if fam_api.family == "classic"
                         for s in self.go[fam_api.name].structs.values()
                         for f in s for lst in [f.name] if f.type == f"[]*{sdk}"]
                elems = {self.xml[lst] for lst in lists if lst in self.xml}
                if len(elems) > 1:
                    self.notes.append(f"{name}: the old Go SDK shows items {sorted(elems)}")
                entry["xml"] = sorted(elems)[0] if elems else lower_camel(sdk)
            else:
                entry["xml"] = lower_camel(sdk)
            for f in self.family_structs(api.family)[sdk]:
                _, nested = self.go_type(api.family, f.type)
                if nested:
                    use_model(api, nested)

        def use_input(api: Api, sdk: str) -> None:
            name = self.INPUT_RENAMES.get(sdk) or self.name_of(api.family, sdk)
            if name in inputs:
                inputs[name]["users"].add(api.name)
                return
            params = []
            for f in self.go[api.name].structs[sdk]:
                typ, nested = self.go_type(api.family, f.type)
                if nested:
                    use_input(api, nested)
                params.append(self.param_flags(api, sdk, f.name, self.as_input(typ, nested)))
            extras = self.py_extras(api, sdk, {f.name for f in self.go[api.name].structs[sdk]})
            if extras:
                params.append(self.py_comment(api))
            for n, t in extras:
                typ, nested = self.py_type(api.family, t, n)
                params.append(self.param_flags(api, sdk, n, typ, python_only=True))
            inputs[name] = {"users": {api.name}, "params": params, "sdk": sdk}

        for api in APIS:
            go = self.go[api.name]
            names = api.only or list(go.actions)
            actions[api.name] = {}
            for action in names:
                req, resp = go.actions[action]
                params = []
                for f in go.structs[req]:
                    typ, nested = self.go_type(api.family, f.type)
                    if nested:
                        use_input(api, nested)
                    params.append(self.param_flags(api, req, f.name, self.as_input(typ, nested)))
                extras = self.py_extras(api, req, {f.name for f in go.structs[req]})
                if extras:
                    params.append(self.py_comment(api))
                for n, t in extras:
                    typ, nested = self.py_type(api.family, t, n)
                    if nested:
                        use_input(api, nested)
                    params.append(self.param_flags(api, req, n, typ, python_only=True))
                returns = []
                for f in go.structs[resp]:
                    if f.name in ENVELOPE:
                        continue
                    typ, nested = self.go_type(api.family, f.type)
                    if nested:
                        use_model(api, nested)
                    returns.append(f"{f.name}: {typ}")
                extras = self.py_extras(api, resp, {f.name for f in go.structs[resp]})
                if extras:
                    returns.append(self.py_comment(api))
                for n, t in extras:
                    typ, nested = self.py_type(api.family, t, n)
                    if nested:
                        use_model(api, nested)
                    returns.append(f"{n}: {typ}")
                actions[api.name][action] = {"params": params, "returns": returns,
                                             "request": req, "response": resp}
        return Draft(actions, models, inputs, sdk_names)

    def unite(self, entry: dict, api: Api, sdk: str) -> None:
        """Adds the fields of the SDK model to a model entry (new names at the end)."""
        have = {n for n, _ in entry["fields"]}
        for f in self.family_structs(api.family)[sdk]:
            if f.name in have:
                continue
            typ, _ = self.go_type(api.family, f.type, CODE_SET_OF_FIELD.get(f.name))
            entry["fields"].append((f.name, typ))
            have.add(f.name)
        for fam_api in APIS:
            if fam_api.family != api.family or not fam_api.python:
                continue
            extras = self.py_extras(fam_api, sdk, have)
            if extras:
                entry["fields"].append((self.py_comment(fam_api), ""))
            for n, t in extras:
                entry["fields"].append((n, self.py_type(api.family, t, n)[0]))
                have.add(n)
