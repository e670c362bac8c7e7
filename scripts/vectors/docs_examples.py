"""Examples from NCP's API reference pages, for the one action no NAVER SDK covers: geolocation
`geoLocation` (GET /geolocation/v2/geoLocation). Read through the stored copies of
api.ncloud-docs.com / api-gov.ncloud-docs.com (pages "ai-application-service-geolocation-geolocation"
and "common-apidatatype-geolocation"):

* request query parameters: `ip` (String, required), `ext` (`t` | `f`, default `f`), `enc` (`utf8` |
  `euckr`, default `utf8`), `responseFormatType`; the docs' curl example sends
  `?ip=**.**.**.**&ext=t&enc=utf8&responseFormatType=json` (the IP is masked there);
* answer fields: `requestId` String, `returnCode` String ("0" on success), and an object `geoLocation`
  with `country`, `code`, `r1`, `r2`, `r3` (String), `lat`, `long` (Number), `net` (String);
  r3/lat/long/net only with ext=t;
* the XML example (ext=f) is wrapped in `<getLocationResponse>` (not `geoLocationResponse`);
* the JSON example (ext=f) has NO `{action}Response` wrapper: it starts
  `{"returnCode": 0, "requestId": "c4e5200...` (returnCode a number there).
"""

DOCS_PAGE = "api.ncloud-docs.com/docs/ai-application-service-geolocation-geolocation (and its api-gov twin)"

# The docs' XML example (ext=f), as printed on the api-gov page (indentation kept).
XML_EXT_F = """<getLocationResponse>
     <requestId>c4e52003-7879-4216-8eb5-66c93acfd0d2</requestId>
     <returnCode>0</returnCode>
     <geoLocation>
       <country>KR</country>
       <code>4113558000</code>
       <r1>경기도</r1>
       <r2>성남시 분당구</r2>
     </geoLocation>
</getLocationResponse>"""

GEO_MODEL = {
    # struct name -> [(json, kind, elem)]
    "GeoLocationResponse": [("requestId", "scalar", "string"), ("returnCode", "scalar", "string"),
                            ("returnMessage", "scalar", "string"), ("geoLocation", "object", "GeoLocation")],
    "GeoLocation": [("country", "scalar", "string"), ("code", "scalar", "string"), ("r1", "scalar", "string"),
                    ("r2", "scalar", "string"), ("r3", "scalar", "string"), ("lat", "scalar", "float64"),
                    ("long", "scalar", "float64"), ("net", "scalar", "string")],
}


def encode_cases():
    return [
        ("sdk-docs-geoLocation-1", "docs request example (ip, ext=t, enc=utf8; the docs mask the IP, an example IP here)",
         {"ip": "125.209.222.142", "ext": "t", "enc": "utf8"}),
        ("sdk-docs-geoLocation-required", "docs: ip is the only required parameter",
         {"ip": "203.0.113.7"}),
    ]


def decode_cases():
    ext_f = {"country": "KR", "code": "4113558000", "r1": "경기도", "r2": "성남시 분당구"}
    ext_t = {"country": "KR", "code": "1168064000", "r1": "서울특별시", "r2": "강남구", "r3": "역삼동",
             "lat": 37.5, "long": 127.03125, "net": "SK Broadband"}
    import json
    return [
        ("sdk-docs-geoLocation-xml", "docs XML example (ext=f), verbatim: root <getLocationResponse>, fields in <geoLocation>",
         XML_EXT_F,
         {"requestId": "c4e52003-7879-4216-8eb5-66c93acfd0d2", "returnCode": "0", "geoLocation": ext_f}),
        ("sdk-docs-geoLocation-json", "docs JSON example (ext=f): no {action}Response wrapper, returnCode the number 0 (typed String by the docs' table)",
         json.dumps({"returnCode": 0, "requestId": "c4e52003-7879-4216-8eb5-66c93acfd0d2", "geoLocation": ext_f},
                    ensure_ascii=False, separators=(",", ":")),
         {"requestId": "c4e52003-7879-4216-8eb5-66c93acfd0d2", "returnCode": "0", "geoLocation": ext_f}),
        ("sdk-docs-geoLocation-json-ext", "docs answer table with ext=t: r3, lat/long Numbers, net (values made up; same shape as the docs' JSON example)",
         json.dumps({"returnCode": "0", "requestId": "3b0f5a52-2c1e-4d0e-9d5c-6f1f2b7f0a11", "geoLocation": ext_t},
                    ensure_ascii=False, separators=(",", ":")),
         {"requestId": "3b0f5a52-2c1e-4d0e-9d5c-6f1f2b7f0a11", "returnCode": "0", "geoLocation": ext_t}),
    ]
