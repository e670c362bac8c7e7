// mosfet1kg/ncloud 0.1.39 (commit 4b4bca5), docs/compute/serverinstance/serverinstance-01.md, lines 197-237: the example as printed there (MIT,
// see ./LICENSE), run by ../../v0-examples.test.js against the emulator, whose keys are the placeholders
// below and whose address is NCLOUD_API_GW.
// The docs' examples assume a client: it is built first, as README.md lines 35-39 build it.

var ncloud = require('ncloud');
var client = ncloud.createClient({
    oauth_consumer_key:'%YOUR_CONSUMER_KEY%',
    oauth_consumer_secret:'%YOUR_CONSUMER_SECRET%'
});

client.compute.createServer({
    vmImageId: 'SPSW0LINUX000046',
    vmFlavorId: 'SPSVRSSD00000010',
    serverName: 'helloworld45',
    serverDescription: 'test',
    loginKeyName : 'testgb',
    accessControlGroupConfigurationNoList: [4656],
    userData: "#!/bin/bash \n yum update -y && yum install -y vim \n mkdir ~/helloWorld"
}, function(err, res) {
    if( err ) {
      return console.log( err.message );
    }
    
    console.log( res );
    // result example =>
    // { serverInstanceNo: 499187,
    //   serverName: 'helloworld45',
    //   serverDescription: 'test',
    //   cpuCount: 2,
    //   memorySize: 8589934592,
    //   baseBlockStorageSize: 53687091200,
    //   platformType: { code: 'LNX64', codeName: 'Linux 64 Bit' },
    //   loginKeyName: 'testgb',
    //     isFeeChargingMonitoring: false,
    //   publicIp: '',
    //   privateIp:  /**private ip**/,
    //   serverImageName: 'centos-7.3-64',
    //   serverInstanceStatus: { code: 'INIT', codeName: 'Server init state' },
    //   serverInstanceOperation: { code: 'NULL', codeName: 'Server NULL OP' },
    //   serverInstanceStatusName: 'init',
    //     createDate: '2017-10-13T02:40:02+0900',
    //   uptime: '2017-10-13T02:40:02+0900',
    //   vmImageId: 'SPSW0LINUX000046',
    //   vmFlavorId: 'SPSVRSSD00000010',
    //   isProtectServerTermination: false,
    //   portForwardingPublicIp: /**public ip for port forwarding**/,
    //   zone: { zoneNo: 2, zoneName: 'KR-1', zoneDescription: '가산 NANG zone' },
    //   region: { regionNo: 1, regionCode: 'KR', regionName: 'Korea' },
    //   baseBlockStorageDiskType: { code: 'NET', codeName: 'Network Storage' },
    //   userData: '#!/bin/bash \n yum update -y && yum install -y vim \n mkdir ~/helloWorld',
    //     accessControlGroupList: [ '' ] }
})
