// mosfet1kg/ncloud 0.1.39 (commit 4b4bca5), docs/compute/serverinstance/serverinstance-01.md, lines 151-191: the example as printed there (MIT,
// see ./LICENSE), run by ../../v0-examples.test.js against the emulator, whose keys are the placeholders
// below and whose address is NCLOUD_API_GW.
// The docs' examples assume a client: it is built first, as README.md lines 35-39 build it.

var ncloud = require('ncloud');
var client = ncloud.createClient({
    oauth_consumer_key:'%YOUR_CONSUMER_KEY%',
    oauth_consumer_secret:'%YOUR_CONSUMER_SECRET%'
});

client.compute.createServer({
    privateImageNo : 3803,
    vmFlavorId: 'SPSVRSSD00000010',
    serverName: 'helloworld41',
    serverDescription: 'test',
    loginKeyName : 'testgb',
    accessControlGroupConfigurationNoList: [4656],
    // userData: file//'#!/bin/bash \n\n echo test > ~/test'   //'#!/bin/bash \n\n echo helloworld > ~/helloworld \n touch ~/test'   // touch ~/helloWorld'  // Tilde  // yum update -y && yum upgrade -y
}, function(err, res) {
    if( err ) {
      return console.log( err.message );
    }
    
    console.log( res );
    // result example =>
    // { serverInstanceNo: 499184,
    //   serverName: 'helloworld44',
    //   serverDescription: 'test',
    //   cpuCount: 2,
    //   memorySize: 8589934592,
    //   baseBlockStorageSize: 53687091200,
    //   platformType: { code: 'UBS64', codeName: 'Ubuntu Server 64 Bit' },
    //   loginKeyName: 'testgb',
    //     isFeeChargingMonitoring: false,
    //   publicIp: '',
    //   privateIp: /**private ip**/,
    //   serverImageName: 'tensorflow-ubuntu-16.04-64-server',
    //   serverInstanceStatus: { code: 'INIT', codeName: 'Server init state' },
    //   serverInstanceOperation: { code: 'NULL', codeName: 'Server NULL OP' },
    //   serverInstanceStatusName: 'init',
    //     createDate: '2017-10-13T02:35:11+0900',
    //   uptime: '2017-10-13T02:35:11+0900',
    //   vmImageId: 'SPSW0LINUX000065',
    //   vmFlavorId: 'SPSVRSSD00000010',
    //   isProtectServerTermination: false,
    //   portForwardingPublicIp: /**public ip for port forwarding**/,
    //   zone: { zoneNo: 2, zoneName: 'KR-1', zoneDescription: '가산 NANG zone' },
    //   region: { regionNo: 1, regionCode: 'KR', regionName: 'Korea' },
    //   baseBlockStorageDiskType: { code: 'NET', codeName: 'Network Storage' },
    //   userData: '',
    //     accessControlGroupList: [ '' ] }
})
