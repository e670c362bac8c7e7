"""Reading NAVER's Go SDK v2 from its git mirror (git show / ls-tree, no work tree): per service, the
actions of v2_api.go with their request and response structs, every struct's fields in order (JSON
name, Go type, `omitempty` or not) and, from docs/*Request.md, which parameters the docs call
required. SDK_FIXES corrects the JSON tags the SDK has wrong. Git also serves old_go_sdk.py.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass


# Where a Go SDK JSON tag is wrong: (service, struct, tag) -> the name NCP sends.
SDK_FIXES = {
    # delete_vpc_response.go tags the list "VpcList"; NCP's deleteVpc reference answers <vpcList>.
    ("vpc", "DeleteVpcResponse", "VpcList"): "vpcList",
}


GO_FIELD = re.compile(r'^\s*([A-Z]\w*)\s+(\S+)\s+`json:"(\w+)(,omitempty)?"`', re.M)
GO_STRUCT = re.compile(r"^type (\w+) struct \{(.*?)^\}", re.M | re.S)
GO_FUNC = re.compile(
    r"^func \(a \*V2ApiService\) \w+\(\w+ \*(\w+)\) \(\*(\w+), error\) \{(.*?)^\}", re.M | re.S)
DOC_ROW = re.compile(r"^\*\*(\w+)\*\* \| (.*?) \| (.*?) \| (.*)$", re.M)


@dataclass
class GoField:
    go: str  # Go field name
    name: str  # JSON name
    type: str  # Go type
    tag_required: bool  # no `omitempty`


class Git:
    def __init__(self, repo: str):
        self.repo = repo

    def show(self, path: str) -> str:
        return subprocess.run(["git", "-C", self.repo, "show", f"HEAD:{path}"], check=True,
                              capture_output=True, text=True).stdout

    def ls(self, folder: str) -> list[str]:
        out = subprocess.run(["git", "-C", self.repo, "ls-tree", "-r", "--name-only", "HEAD", folder],
                             check=True, capture_output=True, text=True).stdout
        return out.split()


@dataclass
class GoService:
    name: str
    actions: dict[str, tuple[str, str]]  # action -> (request struct, response struct), API order
    structs: dict[str, list[GoField]]
    doc_required: dict[str, dict[str, bool]]  # struct -> JSON name -> required by the docs


def read_go_service(git: Git, svc: str) -> GoService:
    base = f"services/{svc}/"
    structs: dict[str, list[GoField]] = {}
    docs: dict[str, dict[str, bool]] = {}
    files = git.ls(base)
    for path in files:
        if path.endswith(".go") and not path.endswith("_test.go") and path.count("/") == 2:
            for m in GO_STRUCT.finditer(git.show(path)):
                struct = m.group(1)
                structs[struct] = [
                    GoField(f.group(1), SDK_FIXES.get((svc, struct, f.group(3)), f.group(3)),
                            f.group(2), f.group(4) is None)
                    for f in GO_FIELD.finditer(m.group(2))]
    for path in files:
        if path.startswith(base + "docs/") and path.endswith(".md"):
            struct = path.rsplit("/", 1)[1][:-3]
            if struct not in structs:
                continue
            by_go = {f.go: f.name for f in structs[struct]}
            docs[struct] = {by_go[r.group(1)]: "[optional]" not in r.group(4)
                            for r in DOC_ROW.finditer(git.show(path)) if r.group(1) in by_go}
    actions: dict[str, tuple[str, str]] = {}
    for m in GO_FUNC.finditer(git.show(base + "v2_api.go")):
        path = re.search(r'BasePath \+ "/(\w+)"', m.group(3)).group(1)
        actions[path] = (m.group(1), m.group(2))
    return GoService(svc, actions, structs, docs)
