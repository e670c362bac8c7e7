"""The model/*.toml files: load_model() reads them; write() appends what the draft has and the files
lack (actions, models, inputs, code sets into [codes]), as TOML entries in the house style, keeping
every existing entry byte for byte, and new files start with their [api] header.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from apis import APIS, CODE_SETS, Api, group_of
from draft import Importer, lower_camel
from summaries import summary_of


def q(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def toml_array(key: str, items: list[str], one_line: bool = False) -> str:
    if not items:
        return f"{key} = []\n"
    if one_line and not any(i.startswith("# ") for i in items):
        return f"{key} = [" + ", ".join(q(i) for i in items) + "]\n"
    return f"{key} = [\n" + "".join(f"  {i}\n" if i.startswith("# ") else f"  {q(i)},\n"
                                     for i in items) + "]\n"


def header(api: Api) -> str:
    return (f"# {api.title} ({api.prefix}): the model of its actions (model/README.md). First written "
            f"by\n# scripts/model/import.py from NAVER's SDKs (and, for the actions served before the "
            f"model, from\n# src/catalog); edited by hand since.\n\n"
            f"[api]\nname = {q(api.name)}\ntitle = {q(api.title)}\nprefix = {q(api.prefix)}\n"
            f"env = {q(api.env)}\n" + toml_array("methods", api.methods, True)
            + toml_array("not_found", api.not_found, True) + "\n")


COMMON_HEADER = ("# Models and code sets that several API files use (model/README.md). `CommonCode` "
                 "({ code, codeName })\n# is implicit: fields of type `code`.\n\n")


def load_model(folder: Path) -> dict[str, dict]:
    out = {}
    for path in sorted(folder.glob("*.toml")):
        with path.open("rb") as fh:
            out[path.stem] = tomllib.load(fh)
    return out


def model_entry(name: str, model: dict) -> str:
    text = f"[models.{name}]\n"
    if model["xml"] != lower_camel(name):
        text += f"xml = {q(model['xml'])}\n"
    return text + toml_array("fields", [f"{n}: {t}" if t else n for n, t in model["fields"]]) + "\n"


def input_entry(name: str, inp: dict) -> str:
    return f"[inputs.{name}]\n" + toml_array("params", inp["params"]) + "\n"


def action_entry(api: Api, name: str, action: dict) -> str:
    text = f"[actions.{name}]\ngroup = {q(group_of(api.name, name))}\n"
    text += f"summary = {q(summary_of(api.name, name))}\n"
    text += toml_array("params", action["params"])
    text += toml_array("returns", action["returns"], one_line=True)
    if name in api.method_overrides:
        text += toml_array("methods", api.method_overrides[name], one_line=True)
    return text + "\n"


def insert_codes(text: str, entries: list[str]) -> str:
    """Adds code-set lines at the end of the file's [codes] table (or a new table at the end)."""
    if not entries:
        return text
    lines = text.splitlines(keepends=True)
    try:
        start = next(i for i, ln in enumerate(lines) if ln.strip() == "[codes]")
    except StopIteration:
        return text.rstrip("\n") + "\n\n[codes]\n" + "".join(entries)
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("[")), len(lines))
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    return "".join(lines[:end] + entries + lines[end:])


def codes_used(fields: list[str]) -> set[str]:
    return {m for f in fields for m in re.findall(r"code\((\w+)\)", f)}


def write(importer: Importer, folder: Path) -> None:
    draft = importer.draft()
    files = load_model(folder)
    have_models = {n for d in files.values() for n in d.get("models", {})}
    have_inputs = {n for d in files.values() for n in d.get("inputs", {})}
    have_codes = {n for d in files.values() for n in d.get("codes", {})}
    texts: dict[str, str] = {}
    for api in APIS:
        path = folder / f"{api.name}.toml"
        texts[api.name] = path.read_text() if path.exists() else header(api)
    common_path = folder / "common.toml"
    texts["common"] = common_path.read_text() if common_path.exists() else COMMON_HEADER

    def home(users: set[str]) -> str:
        return "common" if len(users) > 1 else next(iter(users))

    new_models = {n: m for n, m in draft.models.items() if n not in have_models}
    new_inputs = {n: i for n, i in draft.inputs.items() if n not in have_inputs}
    appended: dict[str, list[str]] = {k: [] for k in texts}
    code_users: dict[str, set[str]] = {}
    for name, model in new_models.items():
        where = home(model["users"])
        appended[where].append(model_entry(name, model))
        for c in codes_used([t for _, t in model["fields"]]):
            code_users.setdefault(c, set()).update(model["users"])
    for name, inp in new_inputs.items():
        appended[home(inp["users"])].append(input_entry(name, inp))
    for api in APIS:
        existing = files.get(api.name, {}).get("actions", {})
        for name, action in draft.actions[api.name].items():
            if name not in existing:
                appended[api.name].append(action_entry(api, name, action))
    code_lines: dict[str, list[str]] = {k: [] for k in texts}
    for c in sorted(code_users):
        if c not in have_codes:
            code_lines[home(code_users[c])].append(toml_array(c, CODE_SETS[c], True))
    for key, text in texts.items():
        text = insert_codes(text, code_lines[key])
        if appended[key]:
            text = text.rstrip("\n") + "\n\n" + "".join(appended[key]).rstrip("\n") + "\n"
        (folder / f"{key}.toml").write_text(text)
    for note in sorted(set(importer.notes)):
        print("note:", note)
