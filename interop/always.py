"""What NAVER's Python SDKs parse out of the emulator's answers, held to the model's `always` fields.

`install(package)` wraps the SDK package's `ApiClient.deserialize` (every generated `V2Api` method and
`call_api` go through it): each answer the SDK parses is walked along the action's response model in
`model/*.toml`, and every field declared `always` (model/README.md: the API returns it in every
answer; set from NCP's data-type reference) that the SDK's object holds as `None` is noted, with the
action and the model. `summary()` is what a driver script adds to its last JSON line under "always":

    {"checked": <fields checked>, "models": {Model: [always fields the SDK has]}, "empty": ["action Model.field", ...]}

The model is the one place that says which fields are always present: nothing here lists them. A field
the SDK's model does not have (an SDK older than the API) cannot be checked through it and is left out.
Any SDK package works (ncloud_server, ncloud_vserver, ncloud_vpc ...): the action is the response
type's name (`GetServerInstanceListResponse` -> `getServerInstanceList`), looked for in the model file
whose API the package serves.
"""

import os
import re

try:
    import tomllib
except ImportError:  # Python < 3.11
    tomllib = None

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCALARS = {"str", "int", "long", "float", "bool", "code"}

_models = {}     # model name -> [(field, type, always)]
_actions = {}    # (api name, action) -> [(field, type, always)]
_checked = set()  # (model, field) pairs checked at least once
_seen = {}       # model -> always fields the SDK's model has
_empty = {}      # "action Model.field" -> times
_fill = {}       # (model, field) -> [answers without it, answers]: every field, for report()


def _field(spec):
    name, _, rest = spec.partition(":")
    words = rest.split()
    ty = re.sub(r"\(.*\)$", "", words[0]) if words else "str"
    return name.strip(), ty, "always" in words[1:]


def _load():
    if _models or tomllib is None:
        return
    for f in sorted(os.listdir(os.path.join(ROOT, "model"))):
        if not f.endswith(".toml") or f in ("surfaces.toml", "descriptions.toml"):
            continue
        with open(os.path.join(ROOT, "model", f), "rb") as fh:
            doc = tomllib.load(fh)
        api = doc.get("api", {}).get("name")
        for name, m in doc.get("models", {}).items():
            _models[name] = [_field(s) for s in m.get("fields", [])]
        for name, a in doc.get("actions", {}).items():
            _actions[(api, name)] = [_field(s) for s in a.get("returns", [])]


def _attrs(obj):
    """The SDK object's fields by their wire names, or None when it is no SDK model."""
    amap = getattr(type(obj), "attribute_map", None)
    if not isinstance(amap, dict):
        return None
    return {wire: getattr(obj, attr, None) for attr, wire in amap.items()}


def _walk(action, model, obj):
    attrs = _attrs(obj)
    if attrs is None or model not in _models:
        return
    for name, ty, always in _models[model]:
        if name not in attrs:
            continue  # the SDK's model has no such field: nothing to check through it
        value = attrs[name]
        missing = value is None or (ty == "code" and getattr(value, "code", "") is None)
        tally = _fill.setdefault((model, name), [0, 0])
        tally[0] += missing
        tally[1] += 1
        if always:
            _seen.setdefault(model, set()).add(name)
            _checked.add((model, name))
            if missing:
                key = "%s %s.%s" % (action, model, name)
                _empty[key] = _empty.get(key, 0) + 1
        _nested(action, ty, value)


def _nested(action, ty, value):
    if value is None:
        return
    if ty.startswith("[") and ty[1:-1] not in SCALARS:
        for item in value or []:
            _walk(action, ty[1:-1], item)
    elif ty not in SCALARS and not ty.startswith("["):
        _walk(action, ty, value)


def _check(api, response_type, result):
    name = getattr(response_type, "__name__", response_type)
    if not isinstance(name, str) or not name.endswith("Response"):
        return
    action = name[0].lower() + name[1:-len("Response")]
    returns = _actions.get((api, action))
    attrs = _attrs(result)
    if returns is None or attrs is None:
        return
    for field, ty, _ in returns:
        _nested(action, ty, attrs.get(field))


def install(package, api):
    """Checks every answer `package` (the SDK's module) parses for the model's API `api`."""
    _load()
    client = package.ApiClient
    parse = client.deserialize

    def deserialize(self, response, response_type):
        result = parse(self, response, response_type)
        try:
            _check(api, response_type, result)
        except Exception as e:  # noqa: BLE001 - a fault here must not fail the SDK call
            key = "checker fault: %s: %s" % (type(e).__name__, e)
            _empty[key] = _empty.get(key, 0) + 1
        return result

    client.deserialize = deserialize


def summary():
    return {
        "checked": len(_checked),
        "models": {m: sorted(f) for m, f in sorted(_seen.items())},
        "empty": sorted(_empty),
        "model": tomllib is not None,
    }


def report():
    """Every field of the model the SDK has, with how many answers left it empty: "Model.field": [empty, seen]."""
    return {"%s.%s" % k: v for k, v in sorted(_fill.items())}
