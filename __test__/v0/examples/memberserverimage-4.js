// mosfet1kg/ncloud 0.1.39 (commit 4b4bca5), docs/compute/memberserverimage/memberserverimage-01.md, lines 142-169: the example as printed there (MIT,
// see ./LICENSE), run by ../../v0-examples.test.js against the emulator, whose keys are the placeholders
// below and whose address is NCLOUD_API_GW.
// The docs' examples assume a client: it is built first, as README.md lines 35-39 build it.

var ncloud = require('ncloud');
var client = ncloud.createClient({
    oauth_consumer_key:'%YOUR_CONSUMER_KEY%',
    oauth_consumer_secret:'%YOUR_CONSUMER_SECRET%'
});

client.compute.destroyPrivateImage({ privateImageNo: 3800 }, function(err, res) {
    if ( err ) {
      return console.log( err.message );
    }
    
    console.log( res );
    // expected Result =>
    //  {
    //     privateImageNo: 3800,
    //     privateImageName: 'test3',
    //     privateImageDescription: '',
    //     originalServerInstanceNo: 491049,
    //     originalVmFlavorId: 'SPSVRSSD00000003',
    //     originalServerName: 'test-ten',
    //     originalBaseBlockStorageDiskType: { code: 'NET', codeName: 'Network Storage' },
    //     originalVmImageId: 'SPSW0LINUX000065',
    //     originalOsInformation: 'Ubuntu Server 16.04 with Tensorflow (64-bit)',
    //     originalVmImageName: 'tensorflow-ubuntu-16.04-64-server',
    //     privateImageStatusName: 'terminating',
    //     privateImageStatus: { code: 'CREAT', codeName: 'NSI CREATED state' },
    //     privateImageOperation: { code: 'TERMT', codeName: 'NSI TERMINATE OP' },
    //     privateImagePlatformType: { code: 'UBS64', codeName: 'Ubuntu Server 64 Bit' },
    //     createDate: '2017-10-10T21:39:31+0900',
    //     region: { regionNo: 1, regionCode: 'KR', regionName: 'Korea' },
    //     zone: { zoneNo: 2, zoneName: 'KR-1', zoneDescription: '가산 NANG zone' },
    //     privateImageBlockStorageTotalRows: 1,
    //     privateImageBlockStorageTotalSize: 53687091200 
    //  }
})
