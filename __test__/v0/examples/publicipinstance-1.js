// mosfet1kg/ncloud 0.1.39 (commit 4b4bca5), docs/compute/publicipinstance/publicipinstance-01.md, lines 12-75: the example as printed there (MIT,
// see ./LICENSE), run by ../../v0-examples.test.js against the emulator, whose keys are the placeholders
// below and whose address is NCLOUD_API_GW.
// The docs' examples assume a client: it is built first, as README.md lines 35-39 build it.

var ncloud = require('ncloud');
var client = ncloud.createClient({
    oauth_consumer_key:'%YOUR_CONSUMER_KEY%',
    oauth_consumer_secret:'%YOUR_CONSUMER_SECRET%'
});

client.compute.findPublicIpInstances(function( error, publicIpInstanceList ) {
    if ( error ) {
      return console.log( error.message );
    }
    
    console.log( publicIpInstanceList );
    // result examples =>
    // [ { publicIpInstanceNo: 425369,
    //   publicIp: /** publicIpValue **/,
    //   publicIpDescription: '',
    //   createDate: '2017-08-15T17:15:35+0900',
    //   publicIpInstanceStatusName: 'used',
    //   publicIpInstanceStatus: { code: 'USED', codeName: 'NET USED state' },
    //   publicIpInstanceOperation: { code: 'NULL', codeName: 'NET NULL OP' },
    //   publicIpKindType: { code: 'GEN', codeName: 'General' },
    //   serverInstanceAssociatedWithPublicIp:
    //     { serverInstanceNo: 487088,
    //       serverName: 'no-host',
    //       serverDescription: '',
    //       cpuCount: 2,
    //       memorySize: 4294967296,
    //       baseBlockStorageSize: 53687091200,
    //       platformType: [Object],
    //       loginKeyName: 'open',
    //       isFeeChargingMonitoring: false,
    //       publicIp: /** publicIpValue **/,
    //       privateIp: /** privateIpValue **/,
    //       serverImageName: 'centos-6.6-64',
    //       serverInstanceStatus: [Object],
    //       serverInstanceOperation: [Object],
    //       serverInstanceStatusName: 'running',
    //       createDate: '2017-09-21T21:54:27+0900',
    //       uptime: '2017-09-21T21:57:04+0900',
    //       vmImageId: 'SPSW0LINUX000044',
    //       vmFlavorId: 'SPSVRSSD00000003',
    //       isProtectServerTermination: false,
    //       portForwardingPublicIp: '220.230.112.133',
    //       portForwardingExternalPort: 2224,
    //       portForwardingInternalPort: 22,
    //       zone: [Object],
    //       region: [Object],
    //       baseBlockStorageDiskType: [Object],
    //       userData: '',
    //       accessControlGroupList: [Array] } },
    //   { publicIpInstanceNo: 506813,
    //     publicIp: /** publicIpValue **/,
    //     publicIpDescription: '',
    //     createDate: '2017-10-21T22:31:48+0900',
    //     publicIpInstanceStatusName: 'created',
    //     publicIpInstanceStatus: { code: 'CREAT', codeName: 'NET CREATE state' },
    //     publicIpInstanceOperation: { code: 'NULL', codeName: 'NET NULL OP' },
    //     publicIpKindType: { code: 'GEN', codeName: 'General' } } ]
    
    console.log( publicIpInstanceList.filter({publicInstanceStatus: 'created'}));
    // Use filter to find specific instances if needed.
    // result examples =>
    // [ { publicIpInstanceNo: 506813,
    //   publicIp: '220.230.119.11',
    //   publicIpDescription: '',
    //   createDate: '2017-10-21T22:31:48+0900',
    //   publicIpInstanceStatusName: 'created',
    //   publicIpInstanceStatus: { code: 'CREAT', codeName: 'NET CREATE state' },
    //   publicIpInstanceOperation: { code: 'NULL', codeName: 'NET NULL OP' },
    //   publicIpKindType: { code: 'GEN', codeName: 'General' } } ]
})
