"""Reading NAVER's Python SDKs (ncloud-server, ncloud-vserver) from their installed sources, parsed
with ast and never imported: per model class, which camelCase names are required (a setter that
raises on None) and, in PY_TYPES, each name's swagger type.
"""

from __future__ import annotations

import ast
from pathlib import Path


PY_TYPES: dict[str, dict[str, str]] = {}  # class -> camelCase name -> swagger type


def read_python_sdk(site: str, package: str) -> dict[str, dict[str, bool]]:
    out: dict[str, dict[str, bool]] = {}
    folder = Path(site) / package / "model"
    if not folder.is_dir():
        raise SystemExit(f"{folder}: not found (pip install ncloud-server==1.1.3 ncloud-vserver==1.0.1)")
    for path in sorted(folder.glob("*.py")):
        tree = ast.parse(path.read_text())
        for cls in (n for n in tree.body if isinstance(n, ast.ClassDef)):
            attribute_map: dict[str, str] = {}
            swagger_types: dict[str, str] = {}
            required: set[str] = set()
            for node in cls.body:
                if isinstance(node, ast.Assign) and any(
                        isinstance(t, ast.Name) and t.id == "attribute_map" for t in node.targets):
                    attribute_map = ast.literal_eval(node.value)
                if isinstance(node, ast.Assign) and any(
                        isinstance(t, ast.Name) and t.id == "swagger_types" for t in node.targets):
                    swagger_types = ast.literal_eval(node.value)
                if isinstance(node, ast.FunctionDef) and any(
                        isinstance(d, ast.Attribute) and d.attr == "setter" for d in node.decorator_list):
                    if any(isinstance(n, ast.Raise) and "must not be `None`" in ast.unparse(n)
                           for n in ast.walk(node)):
                        required.add(node.name)
            if attribute_map:
                out[cls.name] = {camel: snake in required for snake, camel in attribute_map.items()}
                PY_TYPES.setdefault(package, {})[cls.name] = {
                    camel: swagger_types[snake] for snake, camel in attribute_map.items()}
    return out
