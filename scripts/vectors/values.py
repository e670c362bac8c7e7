"""Fixed, deterministic example values for request parameters and answer fields, chosen by field name.

The values are plausible (codes and formats as NCP's API reference shows them) and some of them exercise
the encoding (a space, Korean text, '/', '*', '+', '@', '&', '=', a newline). They are inputs to NAVER's
SDKs (encode) and bodies typed by NAVER's SDK models (decode); nothing here is this package's output.
"""

import zlib

# Free text that exercises RFC 3986 encoding: space, Korean, '/', '*', '&', '=', '(', '+', '~'.
TEXTS = [
    "웹 서버 a/b*",
    "test description",
    "설명 (테스트) & more=1",
    "backup/daily ~ 2+2",
]

STRING_PARAMS = {
    "regionCode": "KR", "regionNo": "1", "zoneCode": "KR-1", "zoneNo": "2",
    "sortedBy": "serverName",
    "feeSystemTypeCode": "MTRAT", "blockStorageVolumeTypeCode": "SSD",
    "diskTypeCode": "NET", "diskDetailTypeCode": "SSD",
    "baseBlockStorageDiskTypeCode": "NET", "baseBlockStorageDiskDetailTypeCode": "SSD",
    "blockStorageDiskTypeCode": "NET", "blockStorageDiskDetailTypeCode": "SSD",
    "protocolTypeCode": "TCP", "loadBalancerAlgorithmTypeCode": "RR", "networkUsageTypeCode": "PUBLC",
    "osTypeCode": "LINUX", "subnetTypeCode": "PUBLIC", "usageTypeCode": "GEN", "supportedSubnetTypeCode": "PUBLIC",
    "natGatewayTypeCode": "PUBLIC", "networkAclRuleTypeCode": "INBND", "accessControlGroupRuleTypeCode": "INBND",
    "ruleActionCode": "ALLOW", "targetTypeCode": "NATGW", "placementGroupTypeCode": "AA", "snapshotTypeCode": "FULL",
    "storageTypeCode": "SSD", "volumeAllotmentProtocolTypeCode": "NFS", "collectActionTypeCode": "ALL",
    "generationCode": "G2", "infraResourceDetailTypeCode": "BM", "productTypeCode": "STAND",
    "snapshotVolumeConfigDayOfWeekTypeCode": "MON", "interval": "5m",
    "serverInstanceStatusCode": "RUN", "blockStorageInstanceStatusCode": "ATTAC",
    "memberServerImageInstanceStatusCode": "CREAT", "serverImageStatusCode": "CREAT",
    "blockStorageSnapshotInstanceStatusCode": "CREAT", "publicIpInstanceStatusCode": "USED",
    "accessControlGroupStatusCode": "RUN", "natGatewayInstanceStatusCode": "RUN",
    "networkAclDenyAllowGroupStatusCode": "RUN", "networkAclStatusCode": "RUN", "subnetStatusCode": "RUN",
    "vpcStatusCode": "RUN", "vpcPeeringInstanceStatusCode": "RUN",
    "serverSpecCode": "c2-g2-s50", "raidTypeName": "RAID5", "fabricClusterMode": "SINGLE",
    "http2UseYn": "N", "proxyProtocolUseYn": "N", "stickySessionUseYn": "Y", "writeAccess": "true",
    "ip": "203.0.113.7", "privateIp": "10.0.1.6", "publicIp": "203.0.113.10", "customIp": "10.0.1.20",
    "networkInterfaceIp": "10.0.1.10", "ipBlock": "10.0.1.0/24", "ipv4CidrBlock": "10.0.0.0/16",
    "destinationCidrBlock": "0.0.0.0/0", "subnet": "10.0.2.0/24", "portRange": "1-65535",
    "l7HealthCheckPath": "/l7check", "mountPoint": "/mnt/data", "deviceName": "/dev/xvdb", "partitionSize": "50",
    "accessControlGroupSequence": "1", "blockStorageSize": "100",
    "connectionInfo": "TCP 22", "searchFilterName": "serverName", "searchFilterValue": "web *",
    "startTime": "2024-03-21T00:00:00+0900", "endTime": "2024-03-21T06:00:00+0900",
    "storageBucketName": "my-bucket", "storageBucketDirectoryName": "flow/log",
    "targetVpcLoginId": "peer@example.com", "cifsUserName": "cifs-user", "cifsUserPassword": "P@ss w0rd/*",
    "tagKey": "env", "tagValue": "개발 dev",
    "userData": "#!/bin/bash\necho '안녕 hello' > /tmp/hello.txt",
    "initScriptContent": "#!/bin/bash\nyum -y update",
    "publicKey": "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7+x/y== user@host",
    "privateKey": "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7+x/y==\n-----END RSA PRIVATE KEY-----",
    "publicKeyCertificate": "-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIE/y==\n-----END CERTIFICATE-----",
    "certificateChain": "-----BEGIN CERTIFICATE-----\nMIIEkjCCA3qgAwIBAgIQ+A==\n-----END CERTIFICATE-----",
    "metricName": "CPUUtilization", "instanceNo": "1234567", "enc": "utf8", "ext": "t",
}

# per API: product codes look different in Classic and VPC, and so do sort orders (ncp_rules.py says why)
API_STRINGS = {
    "classic": {"sortingOrder": "descending","serverImageProductCode": "SPSW0LINUX000046", "serverProductCode": "SPSVRSSD00000003",
                "productCode": "SPSVRSSD00000003", "exclusionProductCode": "SPSVRSTAND000004"},
    "vpc": {"sortingOrder": "DESC", "serverImageProductCode": "SW.VSVR.OS.LNX64.CNTOS.0703.B050",
            "serverProductCode": "SVR.VSVR.STAND.C002.M008.NET.SSD.B050.G002",
            "productCode": "SVR.VSVR.STAND.C002.M008.NET.SSD.B050.G002",
            "exclusionProductCode": "SVR.VSVR.STAND.C004.M016.NET.SSD.B050.G002"},
}
ENV = {"name": "classic"}  # set by make_vectors.py per API

# the second item of an object list differs from the first
ALT_STRINGS = {
    "tagKey": "team", "tagValue": "ops/운영", "mountPoint": "/mnt/logs", "partitionSize": "100",
    "protocolTypeCode": "UDP", "ipBlock": "192.168.0.0/16", "portRange": "8080-8090",
    "accessControlGroupSequence": "2", "destinationCidrBlock": "10.10.0.0/16", "targetTypeCode": "VGW",
    "ruleActionCode": "DROP", "privateIp": "10.0.1.7", "customIp": "10.0.1.23", "deviceName": "/dev/xvdc",
}
ALT_INTS = {"loadBalancerPort": 443, "serverPort": 8443, "portForwardingExternalPort": 10023,
            "portForwardingInternalPort": 3389, "priority": 2, "blockStorageSize": 200}

LIST_PARAMS = {
    "platformTypeCodeList": ["LNX64", "WND64"], "hypervisorTypeCodeList": ["XEN", "KVM"],
    "hypervisorCodeList": ["KVM"], "blockStorageTypeCodeList": ["BASIC", "SVRBS"],
    "serverImageTypeCodeList": ["NCP", "SELF"], "serverInstanceTypeCodeList": ["STAND", "HICPU"],
    "platformCategoryCodeList": ["OS", "APP"], "osTypeCodeList": ["CENTOS", "UBUNTU"],
    "blockStorageVolumeTypeCodeList": ["SSD", "HDD"], "serverSpecCodeList": ["c2-g2-s50", "s2-g3"],
    "targetLoginIdList": ["a@example.com", "b.c@example.com"], "tagKeyList": ["env", "team"],
    "tagValueList": ["dev", "운영"], "ipList": ["10.0.0.1", "10.0.0.2/32"],
    "customIpList": ["10.0.1.21", "10.0.1.22"], "secondaryIpList": ["10.0.1.11", "10.0.1.12"],
    "publicIpList": ["203.0.113.11", "203.0.113.12"], "portForwardingPublicIpList": ["203.0.113.20"],
    "keyNameList": ["my-key", "other-key"], "zoneNoList": ["2", "3"],
}

INT_PARAMS = {
    "pageNo": 1, "pageSize": 10, "serverCreateCount": 2, "serverCreateStartNo": 1, "order": 0,
    "networkInterfaceOrder": 0, "blockStorageSize": 100, "volumeSize": 500, "priority": 1,
    "loadBalancerPort": 80, "serverPort": 8080, "portForwardingExternalPort": 10022,
    "portForwardingInternalPort": 22, "secondaryIpCount": 2, "collectIntervalMinute": 5,
    "snapshotVolumeConfigTime": 3, "snapshotVolumeConfigurationRatio": 10,
    "blockStorageSnapshotVolumeSize": 10, "period": 300,
}


def _h(s):
    return zlib.crc32(s.encode("utf-8"))


def _id(name, salt=""):
    return str(1000000 + _h(name + salt) % 9000000)


def _kebab_stem(name, suffix):
    stem = name[: -len(suffix)] if suffix and name.endswith(suffix) else name
    words, cur = [], ""
    for ch in stem:
        if ch.isupper() and cur:
            words.append(cur)
            cur = ch.lower()
        else:
            cur += ch.lower()
    if cur:
        words.append(cur)
    return (words[-1] if words else "x")[:12]


def param_string(name, idx=0):
    if idx and name in ALT_STRINGS:
        return ALT_STRINGS[name]
    if name in API_STRINGS[ENV["name"]]:
        return API_STRINGS[ENV["name"]][name]
    if name in STRING_PARAMS:
        v = STRING_PARAMS[name]
        if name in ("order",):
            return str(idx)
        return v
    if name.endswith("No"):
        return _id(name, str(idx))
    if name.endswith("Description"):
        return TEXTS[(_h(name) + idx) % len(TEXTS)]
    if name.endswith("Name") or name in ("keyName", "loginKeyName"):
        return "%s-%02d" % (_kebab_stem(name, "Name"), idx + 1)
    if name.endswith("Code"):
        return _kebab_stem(name, "Code").upper()[:5]
    if name.endswith("Ip"):
        return "10.0.1.%d" % (30 + idx)
    if name.endswith("Yn"):
        return "N"
    return "%s-%d" % (_kebab_stem(name, ""), idx + 1)


def param_list(name):
    if name in LIST_PARAMS:
        return list(LIST_PARAMS[name])
    if name.endswith("NoList"):
        base = name[: -len("List")]
        return [_id(base, "a"), _id(base, "b")]
    stem = name[: -len("List")] if name.endswith("List") else name
    return [param_string(stem, 0), param_string(stem, 1)]


def param_int(name, idx=0):
    if name in ("order", "networkInterfaceOrder"):
        return idx
    if idx and name in ALT_INTS:
        return ALT_INTS[name]
    if name in INT_PARAMS:
        return INT_PARAMS[name]
    return 1 + _h(name) % 50


def param_bool(name, idx=0):
    # mostly true; some false so that both spellings show up
    return (_h(name) + idx) % 3 != 0


def param_scalar(name, elem, idx=0):
    if elem == "string":
        return param_string(name, idx)
    if elem in ("int", "int32", "int64"):
        return param_int(name, idx)
    if elem == "bool":
        return param_bool(name, idx)
    if elem in ("float32", "float64", "float"):
        return 1.5
    raise ValueError(elem)


# ---------------------------------------------------------------------------------------------- answers

CODES = {
    "serverInstanceStatus": ("RUN", "Server run state"),
    "serverInstanceOperation": ("NULL", "Server NULL OP"),
    "platformType": ("LNX64", "Linux 64 Bit"),
    "hypervisorType": ("KVM", "KVM"),
    "baseBlockStorageDiskType": ("NET", "Network Storage"),
    "baseBlockStorageDiskDetailType": ("SSD", "SSD"),
    "diskType": ("NET", "Network Storage"),
    "diskDetailType": ("SSD", "SSD"),
    "blockStorageDiskType": ("NET", "Network Storage"),
    "blockStorageDiskDetailType": ("SSD", "SSD"),
    "blockStorageVolumeType": ("CB1", "Common BlockStorage 1"),
    "blockStorageType": ("SVRBS", "Server BS"),
    "blockStorageInstanceStatus": ("ATTAC", "Block storage ATTACHED state"),
    "blockStorageInstanceOperation": ("NULL", "Block Storage NULLOP"),
    "serverImageType": ("SELF", "SELF Server Image"),
    "serverImageStatus": ("CREAT", "NSI CREATED state"),
    "memberServerImageStatus": ("CREAT", "NSI CREATED state"),
    "memberServerImageInstanceStatus": ("CREAT", "NSI CREATED state"),
    "shareStatus": ("NULL", "NSI Share NULL State"),
    "protocolType": ("TCP", "tcp"),
    "internetLineType": ("PUBLC", "PUBLC"),
    "feeSystemType": ("MTRAT", "요금제 Monthly rate"),
    "productType": ("STAND", "Standard"),
    "infraResourceType": ("SVR", "Server"),
    "infraResourceDetailType": ("SVR", "Server"),
    "osType": ("CENTOS", "CentOS"),
    "osCategoryType": ("LINUX", "LINUX"),
    "cpuArchitectureType": ("X86_64", "x86 64bit"),
    "serverInstanceType": ("STAND", "Standard"),
    "publicIpInstanceStatus": ("USED", "USED state"),
    "publicIpInstanceOperation": ("NULL", "NULL OP"),
    "loadBalancerAlgorithmType": ("RR", "Round Robin"),
    "networkUsageType": ("PUBLC", "Public"),
    "loadBalancerInstanceStatus": ("USED", "NET USED state"),
    "loadBalancerInstanceOperation": ("NULL", "NET NULL OP"),
    "vpcStatus": ("RUN", "run"),
    "subnetStatus": ("RUN", "run"),
    "subnetType": ("PUBLIC", "Public"),
    "usageType": ("GEN", "General"),
}


def _camel_words(name):
    words, cur = [], ""
    for ch in name:
        if ch.isupper() and cur:
            words.append(cur)
            cur = ch
        else:
            cur += ch
    words.append(cur)
    return words


def common_code(name):
    if name in CODES:
        c, n = CODES[name]
    elif name.endswith("Status"):
        c, n = "RUN", "run state"
    elif name.endswith("Operation"):
        c, n = "NULL", "NULL OP"
    else:
        c = "".join(w[0] for w in _camel_words(name)).upper()[:5] or "CODE"
        n = " ".join(_camel_words(name)).lower()
    return {"code": c, "codeName": n}


# answer objects whose fields are better shown together
STRUCT_ANSWERS = {"ProtocolType": {"code": "TCP", "codeName": "tcp", "number": 6}}

ANSWER_STRINGS = {"destinationPort": "22", "macAddress": "F2:20:4A:9B:03:1E",
                  "fingerprint": "9a:3b:1c:7d:00:ee:51:2f:8b:64:90:aa:13:c4:de:f0",
                  "mountInformation": "10.250.53.13:/n000000_nas01", "originalOsInformation": "CentOS 7.8 (64-bit)",
                  "ratingTime": "2024-03-21T18:20:00+0900",
                  "metricName": "CPUUtilization", "unit": "Percent", "label": "CPUUtilization",
                  "returnMessage": "success", "regionNo": "1", "zoneNo": "2", "zoneDescription": "평촌 zone",
                  "osInformation": "CentOS 7.8 (64-bit)", "platformType": "LNX64", "memorySize": "8GB"}


LIST_ANSWERS = {"sharedLoginIdList": ["a@example.com", "b.c@example.com"], "eventList": ["MAINTENANCE", "REBOOT"]}


def answer_list(name, idx):
    if name in LIST_ANSWERS:
        return LIST_ANSWERS[name][idx % 2]
    if name.endswith("NoList"):
        return _id(name[:-4], "ab"[idx % 2])
    return None


def answer_string(name, idx=0):
    low = name.lower()
    if name in ANSWER_STRINGS:
        return ANSWER_STRINGS[name]
    if name in API_STRINGS[ENV["name"]]:
        return API_STRINGS[ENV["name"]][name]
    if name in STRING_PARAMS and not name.endswith("No") and name not in ("userData",):
        return STRING_PARAMS[name]
    if name in ("regionCode",):
        return "KR"
    if name == "regionName":
        return "Korea"
    if name == "zoneCode" or name == "zoneName":
        return "KR-%d" % (1 + idx)
    if name.endswith("No") or name.endswith("InstanceNo"):
        return _id(name, str(idx))
    if low.endswith("date") or name in ("uptime", "timestamp", "lastModifyDate"):
        return "2024-03-21T18:22:55+0900"
    if name.endswith("Ip") or name in ("ip", "privateIp", "publicIp"):
        return "10.0.1.%d" % (6 + idx)
    if "cidr" in low or name in ("ipBlock", "subnet"):
        return "10.0.%d.0/24" % (1 + idx)
    if name.endswith("Description"):
        return TEXTS[(_h(name) + idx) % len(TEXTS)]
    if name.endswith("StatusName"):
        return "running"
    if name.endswith("Name"):
        return "%s-%02d" % (_kebab_stem(name, "Name"), idx + 1)
    if name.endswith("Code"):
        return _kebab_stem(name, "Code").upper()[:5]
    if name in ("rootPassword",):
        return "Pa$$w0rd/+="
    if name in ("privateKey", "publicKey", "userData", "initScriptContent", "certificateChain",
                "publicKeyCertificate"):
        return STRING_PARAMS.get(name, "text")
    if name.endswith("Yn"):
        return "N"
    if name.startswith("is") and len(name) > 2 and name[2].isupper():
        return "Y"
    return "%s-%d" % (_kebab_stem(name, ""), idx + 1)


def answer_int(name, elem, idx=0):
    low = name.lower()
    if "size" in low:
        return 53687091200 if elem == "int64" else 100
    if name == "order":
        return idx
    if low.endswith("port"):
        return 8080
    if "count" in low or "rows" in low:
        return 1 + idx
    if elem == "int64":
        return 4294967296 + _h(name) % 1000
    return 1 + _h(name) % 100


def answer_float(name, idx=0):
    # binary fractions: the same number whether a decoder reads it as f32 or f64
    return [0.5, 99.75, 12.25, 36.375][(_h(name) + idx) % 4]
