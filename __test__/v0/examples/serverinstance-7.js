// mosfet1kg/ncloud 0.1.39 (commit 4b4bca5), docs/compute/serverinstance/serverinstance-01.md, lines 395-459: the example as printed there (MIT,
// see ./LICENSE), run by ../../v0-examples.test.js against the emulator, whose keys are the placeholders
// below and whose address is NCLOUD_API_GW.
// The docs' examples assume a client: it is built first, as README.md lines 35-39 build it.

var ncloud = require('ncloud');
var client = ncloud.createClient({
    oauth_consumer_key:'%YOUR_CONSUMER_KEY%',
    oauth_consumer_secret:'%YOUR_CONSUMER_SECRET%'
});

client.compute.stopServer({ serverInstanceNo: "500601" }, function (err, res) {
  if ( err ) {
    return console.log( err.message );
  }

  console.log( res );
  // response example =>
  // {
  //   "serverInstanceNo": 500601,
  //   "serverName": "helloworld48",
  //   "serverDescription": "test",
  //   "cpuCount": 2,
  //   "memorySize": 8589934592,
  //   "baseBlockStorageSize": 53687091200,
  //   "platformType": {
  //   "code": "LNX64",
  //     "codeName": "Linux 64 Bit"
  // },
  //   "loginKeyName": "testgb",
  //   "isFeeChargingMonitoring": false,
  //   "publicIp": "",
  //   "privateIp": /**privateIpValue**/,
  //   "serverImageName": "centos-7.3-64",
  //   "serverInstanceStatus": {
  //   "code": "RUN",
  //     "codeName": "Server run state"
  // },
  //   "serverInstanceOperation": {
  //   "code": "SHTDN",
  //     "codeName": "Server SHUTDOWN OP"
  // },
  //   "serverInstanceStatusName": "shutting down",
  //   "createDate": "2017-10-14T03:19:42+0900",
  //   "uptime": "2017-10-15T21:22:01+0900",
  //   "vmImageId": "SPSW0LINUX000046",
  //   "vmFlavorId": "SPSVRSSD00000010",
  //   "isProtectServerTermination": false,
  //   "portForwardingPublicIp": /**portForwardingPublicIpValue**/,
  //   "zone": {
  //   "zoneNo": 2,
  //     "zoneName": "KR-1",
  //     "zoneDescription": "가산 NANG zone"
  // },
  //   "region": {
  //   "regionNo": 1,
  //     "regionCode": "KR",
  //     "regionName": "Korea"
  // },
  //   "baseBlockStorageDiskType": {
  //   "code": "NET",
  //     "codeName": "Network Storage"
  // },
  //   "userData": "#!/bin/bash\n\ntouch ~/helloworld\nmkdir ~/test\n",
  //   "accessControlGroupList": [
  //   {
  //     "accessControlGroup": {
  //       "accessControlGroupConfigurationNo": 4656,
  //       "accessControlGroupName": "ncloud-default-acg",
  //       "accessControlGroupDescription": "Default AccessControlGroup",
  //       "isDefault": true,
  //       "createDate": "2017-02-17T11:56:27+0900"
  //     }
  //   }
  // ]
  // }
})
