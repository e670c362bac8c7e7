"""--check: compares the model files with the draft (actions, parameters, answer fields, model and
input fields missing or extra, types, `required`, order, XML item names), adds lint() (every name
declared once, every reference declared, every flag known), prints each difference, marking those
known-differences.txt lists, and returns 1 when any is not listed.
"""

from __future__ import annotations

import re
from pathlib import Path

from apis import APIS, ROOT
from draft import Importer, lower_camel
from toml_files import load_model


# The differences --check expects: today's hand-written entries that say more or other than the SDKs.
KNOWN = Path(__file__).resolve().parent / "known-differences.txt"


def split_decl(decl: str) -> tuple[str, str, list[str]]:
    name, rest = decl.split(":", 1)
    parts = rest.split()
    return name.strip(), parts[0], parts[1:]


def plain(typ: str) -> str:
    """A type without its code set: `code(serverStatus)` is a `code`."""
    return re.sub(r"^code\(\w+\)$", "code", typ)


def check(importer: Importer, folder: Path) -> int:
    draft = importer.draft()
    files = load_model(folder)
    models = {n: m for d in files.values() for n, m in d.get("models", {}).items()}
    inputs = {n: m for d in files.values() for n, m in d.get("inputs", {}).items()}
    problems: list[str] = []

    def compare(where: str, mine: list[str], sdk: list[str], with_required: bool,
                order: bool = True) -> None:
        m = {split_decl(x)[0]: split_decl(x) for x in mine if not x.startswith("# ")}
        s = {split_decl(x)[0]: split_decl(x) for x in sdk if not x.startswith("# ")}
        for n in s:
            if n not in m:
                problems.append(f"{where}: missing {n} ({s[n][1]})")
        if order and [n for n in m if n in s] != [n for n in s if n in m]:
            problems.append(f"{where}: order differs from the SDK's: {', '.join(n for n in s if n in m)}")
        for n in m:
            if n not in s:
                problems.append(f"{where}: extra {n} (not in the SDK)")
            elif plain(m[n][1]) != plain(s[n][1]):
                problems.append(f"{where}: {n} is {m[n][1]}, the SDK says {s[n][1]}")
            elif with_required and ("required" in m[n][2]) != ("required" in s[n][2]):
                problems.append(f"{where}: {n} required={'required' in m[n][2]}, the SDKs allow "
                                f"required={'required' in s[n][2]}")

    for api in APIS:
        mine = files.get(api.name, {}).get("actions", {})
        sdk = draft.actions[api.name]
        for name in sdk:
            if name not in mine:
                problems.append(f"{api.name}: missing action {name}")
        for name, entry in mine.items():
            if name not in sdk:
                problems.append(f"{api.name}: extra action {name}")
                continue
            compare(f"{api.name}.{name} params", entry.get("params", []), sdk[name]["params"], True)
            compare(f"{api.name}.{name} returns", entry.get("returns", []), sdk[name]["returns"], False,
                    order=False)
    for name, sdk_model in draft.models.items():
        if name not in models:
            problems.append(f"model {name}: missing")
            continue
        compare(f"model {name}", models[name].get("fields", []),
                [f"{n}: {t}" if t else n for n, t in sdk_model["fields"]], False)
        xml = models[name].get("xml", lower_camel(name))
        if xml != sdk_model["xml"]:
            problems.append(f"model {name}: xml {xml!r}, the old Go SDK shows {sdk_model['xml']!r}")
    for name, sdk_input in draft.inputs.items():
        if name not in inputs:
            problems.append(f"input {name}: missing")
            continue
        compare(f"input {name}", inputs[name].get("params", []), sdk_input["params"], True)
    problems += lint(files)
    known = set()
    if KNOWN.exists():
        known = {ln for ln in KNOWN.read_text().splitlines() if ln and not ln.startswith("#")}
    for p in problems:
        print(("known: " if p in known else "") + p)
    for note in sorted(set(importer.notes)):
        print("note:", note)
    new = [p for p in problems if p not in known]
    print(f"{len(problems)} difference(s), {len(new)} not in {KNOWN.relative_to(ROOT)}")
    return 1 if new else 0


FLAG = re.compile(r"required|required_with=\w+|range=-?\d*\.\.-?\d*|len=\d*\.\.\d*|bytes=\.\.\d+"
                  r"|items=\d*\.\.\d*|unique|oneof=[\w|]+|oneof_ci=[\w|]+|image_name|base64|check=\w+")


def lint(files: dict[str, dict]) -> list[str]:
    """Every name declared once, every reference declared, every flag known (model/README.md)."""
    problems = []
    declared: dict[str, dict[str, str]] = {"models": {}, "inputs": {}, "codes": {}}
    for file, data in files.items():
        for kind, names in declared.items():
            for name in data.get(kind, {}):
                if name in names:
                    problems.append(f"{kind[:-1]} {name}: declared in {names[name]} and {file}")
                names[name] = file
    models, inputs, codes = declared["models"], declared["inputs"], declared["codes"]
    scalar = {"str", "int", "long", "float", "bool", "code", "[str]", "[int]", "[long]"}

    def field_type(where: str, typ: str) -> None:
        inner = typ.strip("[]")
        m = re.fullmatch(r"code\((\w+)\)", typ)
        if m:
            if m.group(1) not in codes:
                problems.append(f"{where}: code set {m.group(1)} is not declared")
        elif typ not in scalar and inner not in models and inner != "CommonCode":
            problems.append(f"{where}: type {typ} is not declared")

    for file, data in files.items():
        for name, model in data.get("models", {}).items():
            for decl in model.get("fields", []):
                n, typ, flags = split_decl(decl)
                field_type(f"{file} model {name}.{n}", typ)
                if flags not in ([], ["always"]):
                    problems.append(f"{file} model {name}.{n}: unknown flags {flags}")
        params = [(f"{file} input {n}", i.get("params", [])) for n, i in data.get("inputs", {}).items()]
        params += [(f"{file} action {n}", a.get("params", [])) for n, a in data.get("actions", {}).items()]
        for where, decls in params:
            for decl in decls:
                n, typ, flags = split_decl(decl)
                inner = typ.strip("[]")
                if typ not in scalar - {"code"} and inner not in inputs:
                    problems.append(f"{where}.{n}: type {typ} is not declared")
                problems += [f"{where}.{n}: unknown flag {f}" for f in flags if not FLAG.fullmatch(f)]
        for name, action in data.get("actions", {}).items():
            for decl in action.get("returns", []):
                n, typ, _ = split_decl(decl)
                field_type(f"{file} action {name} returns {n}", typ)
            for key in ("group", "summary", "params", "returns"):
                if key not in action:
                    problems.append(f"{file} action {name}: no {key}")
    return problems
