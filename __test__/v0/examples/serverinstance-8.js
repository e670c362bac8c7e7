// mosfet1kg/ncloud 0.1.39 (commit 4b4bca5), docs/compute/serverinstance/serverinstance-01.md, lines 478-543: the example as printed there (MIT,
// see ./LICENSE), run by ../../v0-examples.test.js against the emulator, whose keys are the placeholders
// below and whose address is NCLOUD_API_GW.
// The docs' examples assume a client: it is built first, as README.md lines 35-39 build it.
// The docs print this example with a stray `})` after it, left out here (a syntax error as printed).

var ncloud = require('ncloud');
var client = ncloud.createClient({
    oauth_consumer_key:'%YOUR_CONSUMER_KEY%',
    oauth_consumer_secret:'%YOUR_CONSUMER_SECRET%'
});

client.compute.startServer({ serverInstanceNo: 500580 }, function (err, res) {
    if ( err ) {
      return console.log( err.message );
    }

    console.log( res );
    // response example=>
    // {
    //   "serverInstanceNo": 500580,
    //   "serverName": "testtest",
    //   "serverDescription": "",
    //   "cpuCount": 8,
    //   "memorySize": 17179869184,
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
    //   "code": "NSTOP",
    //     "codeName": "Server normal stopped state"
    // },
    //   "serverInstanceOperation": {
    //   "code": "START",
    //     "codeName": "Server START OP"
    // },
    //   "serverInstanceStatusName": "booting",
    //   "createDate": "2017-10-14T00:34:16+0900",
    //   "uptime": "2017-10-14T01:36:42+0900",
    //   "vmImageId": "SPSW0LINUX000046",
    //   "vmFlavorId": "SPSVRSSD00000007",
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
    //   "userData": "",
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
