// mosfet1kg/ncloud 0.1.39 (commit 4b4bca5), docs/compute/publicipinstance/publicipinstance-01.md, lines 223-266: the example as printed there (MIT,
// see ./LICENSE), run by ../../v0-examples.test.js against the emulator, whose keys are the placeholders
// below and whose address is NCLOUD_API_GW.
// The docs' examples assume a client: it is built first, as README.md lines 35-39 build it.

var ncloud = require('ncloud');
var client = ncloud.createClient({
    oauth_consumer_key:'%YOUR_CONSUMER_KEY%',
    oauth_consumer_secret:'%YOUR_CONSUMER_SECRET%'
});

client.compute.attachPublicIpInstance({ serverInstanceNo: 503087 }, function(error, result) {
  if ( error ) {
    return console.log( error.message );
  }
  
  console.log( result );
  // result example =>
  // { publicIpInstanceNo: 506969,
  //   publicIp: /**publicIpValue**/,
  //   publicIpDescription: '',
  //   createDate: '2017-10-22T02:03:42+0900',
  //   publicIpInstanceStatusName: 'using',
  //   publicIpInstanceStatus: { code: 'CREAT', codeName: 'NET CREATE state' },
  //   publicIpInstanceOperation: { code: 'USE', codeName: 'NET USE OP' },
  //   publicIpKindType: { code: 'GEN', codeName: 'General' },
  //   serverInstanceAssociatedWithPublicIp:
  //   { serverInstanceNo: 503087,
  //     serverName: 'dbtest',
  //     serverDescription: 'E3r4!!4t9@n',
  //     cpuCount: 2,
  //     memorySize: 8589934592,
  //     baseBlockStorageSize: 53687091200,
  //     platformType: { code: 'LNX64', codeName: 'Linux 64 Bit' },
  //     loginKeyName: 'real004',
  //       isFeeChargingMonitoring: false,
  //     publicIp: /**publicIpValue**/,
  //     privateIp: /**privateIpValue**/,
  //     serverImageName: 'centos-7.3-64',
  //     serverInstanceStatus: { code: 'RUN', codeName: 'Server run state' },
  //     serverInstanceOperation: { code: 'NULL', codeName: 'Server NULL OP' },
  //     serverInstanceStatusName: 'running',
  //       createDate: '2017-10-18T14:27:20+0900',
  //     uptime: '2017-10-18T14:29:50+0900',
  //     vmImageId: 'SPSW0LINUX000046',
  //     vmFlavorId: 'SPSVRSSD00000010',
  //     isProtectServerTermination: false,
  //     portForwardingPublicIp: /**portForwardingPublicIp**/,
  //     portForwardingExternalPort: 2223,
  //     portForwardingInternalPort: 22,
  //     zone: { zoneNo: 2, zoneName: 'KR-1', zoneDescription: '가산 NANG zone' },
  //     region: { regionNo: 1, regionCode: 'KR', regionName: 'Korea' },
  //     baseBlockStorageDiskType: { code: 'NET', codeName: 'Network Storage' },
  //     userData: '',
  //       accessControlGroupList: [ [Object] ] } }
})
