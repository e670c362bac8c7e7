"""What the other modules of make_vectors.py share: where the repository is (HERE, ROOT), the APIs
and the actions taken of monitoring, the Python SDK packages' distribution names, the path
of each API, the answer envelope; the form conventions (rfc3986, form_of: pairs percent-encoded per
RFC 3986, joined by '&'); and PyModel, a Python SDK's models (as pysdk_run.py describes them) or the
API reference's geolocation model (docs_model) seen through the interface of a Go service.
"""

import os
from urllib.parse import quote

import docs_examples
from gomodel import GoField, GoStruct


HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


APIS = ["server", "vserver", "vpc", "loadbalancer", "monitoring", "geolocation"]
MONITORING_SCOPE = ["getListMetrics", "getMetricStatistics"]
PY_DIST = {"ncloud_server": "ncloud-server", "ncloud_vserver": "ncloud-vserver", "ncloud_vpc": "ncloud-vpc",
           "ncloud_loadbalancer": "ncloud-loadbalancer", "ncloud_monitoring": "ncloud-monitoring"}
PATHS = {"server": "/server/v2", "vserver": "/vserver/v2", "vpc": "/vpc/v2", "loadbalancer": "/loadbalancer/v2",
         "monitoring": "/monitoring/v2", "geolocation": "/geolocation/v2"}
ENVELOPE = ("requestId", "returnCode", "returnMessage", "totalRows")


def rfc3986(s):
    return quote(s, safe="")  # keeps A-Za-z0-9 - . _ ~ ; everything else %XX (upper-case) of UTF-8


def form_of(pairs):
    return "&".join(f"{rfc3986(k)}={rfc3986(v)}" for k, v in pairs)


def lower_first(s):
    return s[:1].lower() + s[1:]


# ------------------------------------------------------------------------------------ Python models

PY_ELEM = {"str": "string", "int": "int32", "bool": "bool", "float": "float64"}


class PyModel:
    """A Python SDK's models seen through the same interface as a Go service (struct(), fields)."""

    def __init__(self, described):
        self.structs = {}
        for name, fields in described.items():
            st = GoStruct(name)
            for f in fields:
                t = f["type"]
                if t.startswith("list["):
                    inner = t[5:-1]
                    kind, elem = "list", PY_ELEM.get(inner, inner)
                elif t in PY_ELEM:
                    kind, elem = "scalar", PY_ELEM[t]
                else:
                    kind, elem = "object", t
                json_name = f["json"]
                st.fields.append(GoField(json_name[0].upper() + json_name[1:], json_name, kind, elem, f["required"]))
            self.structs[name] = st

    def struct(self, name):
        return self.structs[name]

    def has_struct(self, name):
        return name in self.structs


def docs_model():
    m = PyModel({})
    for name, fields in docs_examples.GEO_MODEL.items():
        st = GoStruct(name)
        for j, kind, elem in fields:
            st.fields.append(GoField(j[0].upper() + j[1:], j, kind, elem, False))
        m.structs[name] = st
    return m
