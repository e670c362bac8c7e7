"""The files make_vectors.py writes: describe() an API file's description (its sources and the
conventions, CONVENTIONS), merge() the new vectors into an existing file (entries not starting with
'sdk-' and other top-level keys kept), dumps() the stable, diff-friendly JSON layout, counts(), and
write_report() the text of REPORT.md.
"""

import json
import os

import gomodel
from common import APIS, PATHS


CONVENTIONS = (
    "encode: 'params' are the action's parameters as the API spells them, typed as the SDK model says "
    "(strings, numbers, booleans; lists as arrays; object lists as arrays of objects); 'form' is what the SDK "
    "sends, as key=value pairs joined by '&' and compared as a set (order free), list items 1-based "
    "(name.1, name.1.field, name.1.sub.1), booleans true/false, values percent-encoded per RFC 3986 "
    "(A-Za-z0-9-._~ kept, everything else upper-case %XX of UTF-8, space %20), responseFormatType left out. "
    "decode: 'body' is an answer as the gateway sends it (JSON {\"<action>Response\": {...}}, or XML); "
    "'result' is the response object without its wrapper, typed by the SDK models (Go *string -> string even "
    "when XML gives digits, *int32/*int64 -> number, *bool -> boolean, CommonCode -> {code, codeName}), unknown "
    "elements dropped, absent scalar fields absent, every list field (top level and inside items) an array, [] "
    "when absent or empty. Ids starting with 'sdk-' are written by scripts/vectors/make_vectors.py and "
    "rewritten on every run; any other entry, and any other top-level key, is kept unchanged. See scripts/vectors/REPORT.md for what the SDKs "
    "disagree on."
)


def describe(api, meta, runner):
    go = f"NAVER's Go SDK v2 (ncloud-sdk-go-v2 {runner.go2.commit[:7]}, services/{api})"
    parts = {
        "server": f"{go}; ncloud-server (Python) requests captured on 127.0.0.1; XML answers from the old Go SDK's tests (ncloud-sdk-go {runner.go1_commit[:7]})",
        "vserver": f"{go}; ncloud-vserver (Python) requests captured on 127.0.0.1",
        "vpc": f"{go}, all 47 actions; ncloud-vpc (Python) requests captured on 127.0.0.1; XML answers printed in NCP's API reference (deleteVpc, deleteSubnet)",
        "loadbalancer": f"{go}; ncloud-loadbalancer (Python) requests captured on 127.0.0.1; XML answers from the old Go SDK's tests (ncloud-sdk-go {runner.go1_commit[:7]})",
        "monitoring": "NAVER's Python SDK ncloud-monitoring: getListMetrics from its newest release, getMetricStatistics from 1.1.0 (the last release that has it; 1.1.3+ has getMetricStatisticList instead); requests captured on 127.0.0.1, answers typed by its models",
        "geolocation": "NCP's API reference (geoLocation page and GeoLocation data type): its request example, its XML example verbatim, its JSON shape",
    }[api]
    if api in gomodel.CLASSIC_APIS:
        parts += ("; answers hold " + ", ".join(gomodel.CLASSIC_SHARED) + " typed by the union of the same-named "
                  "Go SDK v2 models of services/server and services/loadbalancer, as NCP's Classic APIs answer with "
                  "the same objects and the old Go SDK's XML answers carry fields only one of them declares "
                  "(isDefault, baseBlockStroageDiskDetailType, internetLineType, zoneCode, regionNo)")
    sdks = ", ".join(meta["sdks"])
    return (f"Conformance vectors for {PATHS[api]}, written by scripts/vectors/make_vectors.py from {parts}"
            + (f" (Python SDKs: {sdks})" if sdks else "") + ". Not this package's output. " + CONVENTIONS)


def merge(path, generated, description):
    """The file's new content: `description`, `encode` and `decode` written anew ('sdk-' entries
    regenerated, every other entry kept as it was, first), and every other top-level key of the
    existing file (e.g. an `emulator` array someone added) kept unchanged, in the file's key order."""
    old = json.load(open(path, encoding="utf-8")) if os.path.exists(path) else {}
    keep = {k: [v for v in old.get(k, []) if not str(v.get("id", "")).startswith("sdk-")]
            for k in ("encode", "decode")}
    new = {"description": description, "encode": keep["encode"] + generated["encode"],
           "decode": keep["decode"] + generated["decode"]}
    doc = {}
    for k in list(old) + [k for k in new if k not in old]:
        doc[k] = new[k] if k in new else old[k]
    return doc


def dumps(doc):
    """One vector per line-group, stable and diff-friendly. Arrays of objects (encode, decode and any
    other such top-level key) are written one object per group; any other value as indented JSON."""
    out = ["{"]
    keys = list(doc)
    for n, key in enumerate(keys):
        comma = "," if n < len(keys) - 1 else ""
        items = doc[key]
        if isinstance(items, list) and items and all(isinstance(v, dict) for v in items):
            out.append(f"  {json.dumps(key, ensure_ascii=False)}: [")
            for i, v in enumerate(items):
                fields = []
                for k, val in v.items():
                    fields.append(f"      {json.dumps(k, ensure_ascii=False)}: "
                                  + json.dumps(val, ensure_ascii=False, separators=(", ", ": ")))
                out.append("    {\n" + ",\n".join(fields) + "\n    }" + ("," if i < len(items) - 1 else ""))
            out.append("  ]" + comma)
        else:
            text = json.dumps(items, ensure_ascii=False, indent=2).replace("\n", "\n  ")
            out.append(f"  {json.dumps(key, ensure_ascii=False)}: {text}{comma}")
    out.append("}")
    return "\n".join(out) + "\n"


def counts(doc):
    dec = doc["decode"]
    xml = sum(1 for v in dec if v["body"].lstrip().startswith("<"))
    return len(doc["encode"]), len(dec), len(dec) - xml, xml


def write_report(runner, docs):
    lines = ["# What the SDKs say, and where they disagree", "",
             "Written by make_vectors.py on every run (deterministic). Counts per file, then per API the findings",
             "the script collected while making the vectors.", "",
             "| file | encode | decode | JSON | XML | actions |", "|---|---|---|---|---|---|"]
    for api in APIS:
        e, d, j, x = counts(docs[api])
        acts = len({v.get("action", v.get("method")) for v in docs[api]["encode"] + docs[api]["decode"]})
        lines.append(f"| {api}.json | {e} | {d} | {j} | {x} | {acts} |")
    lines += ["", "## Where the vectors follow NCP's reference rather than a filled-in SDK model", "",
              "- Requests (`ncp_rules.py`, cited in each vector's `source`; per API under \"requests: what NCP's "
              "reference says beyond the SDK models\"): Classic `sortingOrder` is `ascending` | `descending` "
              "(case-insensitive), VPC's `ASC` | `DESC` (spec ncp-server-image-api.md §3.1, §4.1); `sortedBy` "
              "takes the values the spec or the old Go SDK's checks name; the `blockStorageList` of VPC "
              "createServerImage / createServerImageFromSnapshot follows the reference (spec §4.8, §4.9: `order` "
              "on every item, also in the required-only vector; the base storage with `snapshotInstanceNo` only; "
              "each order once; an additional item with `snapshotInstanceNo`, `blockStorageVolumeTypeCode` or "
              "`noBlockStorage=true`); VPC createServerInstances never sends `serverImageNo` next to "
              "`memberServerImageInstanceNo` / `serverImageProductCode` (two vectors). What looks doubtful but "
              "no source read here settles is listed per API, left as the models make it.",
              "- Answers: Classic `ServerInstance`, `AccessControlGroup`, `Zone`, `Region` are typed by the union "
              "of the same-named Go SDK v2 models of services/server and services/loadbalancer (NCP's Classic APIs "
              "answer with the same objects; the old Go SDK's XML answers carry `isDefault`, "
              "`baseBlockStroageDiskDetailType`, `internetLineType`, `zoneCode`/`regionNo` that only one declares); "
              "VPC `BlockStorageMapping.blockStorageSnapshotInstanceNo` is a string in results (NCP's reference "
              "and the latest vserver swagger; spec §5.4) and a number in the bodies, as real answers send it.",
              ""]
    if gomodel.QUIRKS:
        lines += ["## Go SDK v2 model slips", ""] + [f"- {q}" for q in gomodel.QUIRKS] + [
            "", "The vectors use the plain lowerCamel names (the API reference shows `vpcList` for deleteVpc).", ""]
    for api in APIS:
        sections = runner.report.get(api)
        if not sections:
            continue
        lines += [f"## {api}", ""]
        for sec in sorted(sections):
            lines += [f"### {sec}", ""] + [f"- {x}" for x in sections[sec]] + [""]
    return "\n".join(lines)
