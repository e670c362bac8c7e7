#!/usr/bin/env python3
"""Writes fixtures/protocol/<api>.json (api: server, vserver, vpc, loadbalancer, monitoring,
geolocation): conformance vectors for this package's encoder (parameters -> form pairs) and decoder
(answer body -> typed JSON result), made from NAVER's own SDKs and NCP's API reference.

WHY THESE ARE NOT THIS PACKAGE'S OUTPUT
  Nothing of this package is built, imported or run here. Encode vectors are what NAVER's SDKs send:
  the Python SDKs are really called and their request bodies captured on 127.0.0.1 (pysdk_run.py);
  where only the Go SDK v2 has an action (or a parameter the Python SDK cannot send), the form is the
  Go SDK's buildQueryString rule restated in gomodel.py over the Go request struct. The parameters are
  every field of the SDK model filled in (or only the required ones), changed only where NCP's API
  reference says NCP refuses such a request (ncp_rules.py, cited in the vector's source). Decode vectors are
  answer bodies typed by NAVER's models: JSON bodies built field by field from the Go SDK v2 response
  structs (every field filled, plus sparse and empty variants), checked against the Python SDK's own
  deserialisation of the same body; XML bodies are the real answers in the old Go SDK's test files,
  typed by the Go SDK v2 models. Monitoring comes from ncloud-monitoring (Python), geolocation from the
  API reference (docs_examples.py).

WHAT IT READS
  --go2   git dir of github NaverCloudPlatform/ncloud-sdk-go-v2   (default /work/.mirror/NaverCloudPlatform+ncloud-sdk-go-v2/repo)
  --go1   git dir of github NaverCloudPlatform/ncloud-sdk-go      (default /work/.mirror/NaverCloudPlatform+ncloud-sdk-go/repo)
  --python  python of the venv holding the Python SDKs of requirements.txt (default .venv/bin/python)
  --monitoring-old  a `pip install --target` dir of ncloud-monitoring 1.1.0, the last release with
                    getMetricStatistics (default .venv/ncloud-monitoring-1.1.0)

HOW TO RUN (from the repository root; scripts/vectors/setup.sh makes the venv)
  bash scripts/vectors/setup.sh
  .venv/bin/python scripts/vectors/make_vectors.py            # writes fixtures/protocol/<api>.json + REPORT.md
  .venv/bin/python scripts/vectors/make_vectors.py --check    # exit 1 if a file would change

CONVENTIONS (also in each file's description)
  form: key=value pairs joined by '&' (a set: order free), list items 1-based, booleans true/false,
  RFC 3986 percent-encoding (A-Za-z0-9-._~ kept, the rest upper-case %XX of UTF-8, space %20),
  responseFormatType left out. result: the answer without its {action}Response wrapper, typed by the
  SDK models (Go *string -> string even for digits, ints -> number, *bool -> boolean, CommonCode ->
  {code, codeName}), unknown elements dropped, absent scalars absent, every list field an array.
  Entries whose id does not start with 'sdk-' are kept as they are; 'sdk-' entries are regenerated;
  any top-level key besides description/encode/decode (e.g. an `emulator` array) is kept unchanged.
  Output is deterministic (fixed values, stable order, no timestamps).
"""

import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from common import APIS, HERE, ROOT  # noqa: E402
from runner import Runner  # noqa: E402
from vector_files import counts, describe, dumps, merge, write_report  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--go2", default=os.environ.get("NCLOUD_SDK_GO_V2", "/work/.mirror/NaverCloudPlatform+ncloud-sdk-go-v2/repo"))
    ap.add_argument("--go1", default=os.environ.get("NCLOUD_SDK_GO", "/work/.mirror/NaverCloudPlatform+ncloud-sdk-go/repo"))
    ap.add_argument("--python", default=os.path.join(ROOT, ".venv", "bin", "python"))
    ap.add_argument("--monitoring-old", default=os.path.join(ROOT, ".venv", "ncloud-monitoring-1.1.0"))
    ap.add_argument("--out", default=os.path.join(ROOT, "fixtures", "protocol"))
    ap.add_argument("--check", action="store_true", help="write nothing; exit 1 if a file would change")
    args = ap.parse_args()

    runner = Runner(args)
    generated = runner.run()
    docs, changed = {}, []
    for api in APIS:
        path = os.path.join(args.out, f"{api}.json")
        docs[api] = merge(path, generated[api], describe(api, generated[api], runner))
        text = dumps(docs[api])
        json.loads(text)
        old = open(path, encoding="utf-8").read() if os.path.exists(path) else None
        if old != text:
            changed.append(path)
            if not args.check:
                open(path, "w", encoding="utf-8").write(text)
        e, d, j, x = counts(docs[api])
        print(f"{api}.json: encode {e}, decode {d} (JSON {j}, XML {x})")
    report = write_report(runner, docs) + "\n"
    default_out = os.path.join(ROOT, "fixtures", "protocol")
    rpath = os.path.join(HERE if os.path.abspath(args.out) == default_out else args.out, "REPORT.md")
    old = open(rpath, encoding="utf-8").read() if os.path.exists(rpath) else None
    if old != report:
        changed.append(rpath)
        if not args.check:
            open(rpath, "w", encoding="utf-8").write(report)
    if args.check and changed:
        print("would change: " + ", ".join(os.path.relpath(p, ROOT) for p in changed))
        sys.exit(1)


if __name__ == "__main__":
    main()
