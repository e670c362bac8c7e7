#!/usr/bin/env python3
"""Write or check the action model (model/*.toml) against NAVER's SDKs.

Reads, as facts only (names, types, required-ness, XML element names):
  * NAVER's Go SDK v2 (a git mirror, read with `git show`): per service, v2_api.go for the action
    names and their request/response types, the request/response/model structs for parameters and
    answer fields (in struct order), and docs/*Request.md for required parameters (no `[optional]`);
  * NAVER's Python SDKs ncloud-server / ncloud-vserver (their installed sources, parsed, not
    imported): a request model whose setter raises on None marks a required parameter. Where the two
    disagree the less strict one wins, so the package never refuses a request an official SDK sends;
  * the old XML Go SDK (sdk/*.go tags `xml:"fooList>foo"` and the XML answers in its tests) for the
    element name of one item of a Classic list.

Write mode (default) creates model/server.toml, vserver.toml, vpc.toml and loadbalancer.toml, and
common.toml for what several of them use. A file that exists keeps every entry byte for byte: only
missing actions, models, inputs and code sets are appended (code sets into its [codes] table). The
entries it writes are first drafts: summaries come from SUMMARIES below, groups from group_of(), and
value rules only where the SDKs make them certain (see param_flags()).

--check writes nothing and reports, per file, the differences between the model and the SDKs:
actions, parameters, answer fields and model fields missing or extra, types that differ, and
`required` flags that differ from what the SDKs allow, parameters and fields in another order than
the SDK's (answer fields excepted), and the lint of lint(). Exit status 1 when it found any that
scripts/model/known-differences.txt does not list.

monitoring.toml and geolocation.toml are written by hand (the Go SDK v2 lacks those APIs); this
script only reads them for the global model namespace.

The code, by what it does (this file is the command line):
  apis.py         the API files written, shared/Classic model names, code sets, group_of()
  summaries.py    the one-line summary of each action
  go_sdk.py       reading the Go SDK v2 (actions, structs, docs' required flags); Git
  python_sdk.py   reading the Python SDKs' model classes (required setters, swagger types)
  old_go_sdk.py   reading the old XML Go SDK (the element of one item of a Classic list)
  draft.py        Importer: the three SDKs -> Draft (actions, models, inputs)
  toml_files.py   loading model/*.toml and appending the missing entries (write mode)
  check_model.py  --check and lint()
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from apis import ROOT  # noqa: E402
from check_model import check  # noqa: E402
from draft import Importer  # noqa: E402
from go_sdk import Git  # noqa: E402
from toml_files import write  # noqa: E402

DEFAULT_GO = "/work/.mirror/NaverCloudPlatform+ncloud-sdk-go-v2/repo"
DEFAULT_OLD_GO = "/work/.mirror/NaverCloudPlatform+ncloud-sdk-go/repo"
DEFAULT_PY = str(ROOT / ".venv/lib/python3.11/site-packages")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--go-sdk", default=DEFAULT_GO, help="git mirror of ncloud-sdk-go-v2")
    parser.add_argument("--old-go-sdk", default=DEFAULT_OLD_GO, help="git mirror of ncloud-sdk-go")
    parser.add_argument("--python-site", default=DEFAULT_PY,
                        help="site-packages with ncloud_server and ncloud_vserver")
    parser.add_argument("--model", default=str(ROOT / "model"), help="the model folder")
    parser.add_argument("--check", action="store_true", help="report differences, write nothing")
    args = parser.parse_args()
    importer = Importer(Git(args.go_sdk), Git(args.old_go_sdk), args.python_site)
    if args.check:
        return check(importer, Path(args.model))
    write(importer, Path(args.model))
    return 0


if __name__ == "__main__":
    sys.exit(main())
