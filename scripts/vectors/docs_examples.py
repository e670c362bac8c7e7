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


# XML answers printed in NCP's API reference for VPC actions (values masked with *** there, kept as
# they are: every one of them is a string field). Typed by the Go SDK v2 models like the old Go SDK's.
DOCS_XML = [
    {"api": "vpc", "action": "deleteVpc",
     "page": "api.ncloud-docs.com/docs/en/networking-vpc-vpcmanagement-deletevpc (response example)",
     "body": """<deleteVpcResponse>
  <requestId>f6d32d67-ab92-4096-b240-ed2e96d8d265</requestId>
  <returnCode>0</returnCode>
  <returnMessage>success</returnMessage>
  <totalRows>1</totalRows>
  <vpcList>
    <vpc>
      <vpcNo>***04</vpcNo>
      <vpcName>test-***</vpcName>
      <ipv4CidrBlock>***.***.0.0/16</ipv4CidrBlock>
      <vpcStatus>
        <code>TERMTING</code>
        <codeName>terminating</codeName>
      </vpcStatus>
      <regionCode>KR</regionCode>
      <createDate>2020-07-27T17:17:05+0900</createDate>
    </vpc>
  </vpcList>
</deleteVpcResponse>"""},
    {"api": "vpc", "action": "deleteSubnet",
     "page": "cli.ncloud-docs.com/docs/en/cli-vpc-subnetmanagement-deletesubnet (response example; the stored copy is cut inside the closing tag, completed here)",
     "body": """<deleteSubnetResponse>
  <requestId>a0746ba0-488a-45d1-94e9-a62dea9db1a8</requestId>
  <returnCode>0</returnCode>
  <returnMessage>success</returnMessage>
  <totalRows>1</totalRows>
  <subnetList>
    <subnet>
      <subnetNo>***43</subnetNo>
      <vpcNo>***04</vpcNo>
      <zoneCode>KR-1</zoneCode>
      <subnetName>test-***</subnetName>
      <subnet>***.***.1.0/24</subnet>
      <subnetStatus>
        <code>TERMTING</code>
        <codeName>terminating</codeName>
      </subnetStatus>
      <createDate>2020-07-31T14:38:00+0900</createDate>
      <subnetType>
        <code>PUBLIC</code>
        <codeName>Public</codeName>
      </subnetType>
      <usageType>
        <code>GEN</code>
        <codeName>General</codeName>
      </usageType>
      <networkAclNo>***31</networkAclNo>
    </subnet>
  </subnetList>
</deleteSubnetResponse>"""},
]
