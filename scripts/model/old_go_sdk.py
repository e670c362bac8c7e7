"""Reading the old XML Go SDK (ncloud-sdk-go) from its git mirror: for each Classic list element
(`fooList`), the element name of one item, from its struct tags `xml:"fooList>foo"` first and else
from the XML answers in its tests.
"""

from __future__ import annotations

import re

from go_sdk import Git


def read_xml_elements(git: Git) -> dict[str, str]:
    found: dict[str, dict[str, int]] = {}

    def seen(lst: str, item: str, weight: int) -> None:
        found.setdefault(lst, {}).setdefault(item, 0)
        found[lst][item] += weight

    for path in git.ls("sdk"):
        if not path.endswith(".go"):
            continue
        text = git.show(path)
        for m in re.finditer(r'xml:"(\w+List)>(\w+)[,"]', text):
            seen(m.group(1), m.group(2), 1000)  # the SDK's own struct tags decide
        lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
        for a, b in zip(lines, lines[1:]):
            ma, mb = re.fullmatch(r"<(\w+List)>", a), re.fullmatch(r"<(\w+)>", b)
            if ma and mb:
                seen(ma.group(1), mb.group(1), 1)
    return {lst: max(items, key=items.get) for lst, items in found.items()}
