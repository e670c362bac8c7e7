// mosfet1kg/ncloud 0.1.39 (commit 4b4bca5), docs/compute/memberserverimage/memberserverimage-01.md, lines 102-125: the example as printed there (MIT,
// see ./LICENSE), run by ../../v0-examples.test.js against the emulator, whose keys are the placeholders
// below and whose address is NCLOUD_API_GW.
// The docs' examples assume a client: it is built first, as README.md lines 35-39 build it.

var ncloud = require('ncloud');
var client = ncloud.createClient({
    oauth_consumer_key:'%YOUR_CONSUMER_KEY%',
    oauth_consumer_secret:'%YOUR_CONSUMER_SECRET%'
});

client.compute.createPrivateImage({serverInstanceNo:492964, privateImageName:"helloWorld", privateImageDescription: "myFirstPrivateImage"}, function ( err,response ) {
    if ( err ) {
      return console.log( err.message );
    }
    console.log( response  );
    // { privateImageNo: 3795,
    //   privateImageName: 'helloWorld',
    //   privateImageDescription: 'myFirstPrivateImage',
    //   originalServerInstanceNo: 492964,
    //   originalVmFlavorId: 'SPSVRSSD00000003',
    //   originalServerName: 'ext-test',
    //   originalBaseBlockStorageDiskType: { code: 'NET', codeName: 'Network Storage' },
    //   originalVmImageId: 'SPSW0LINUX000046',
    //     originalOsInformation: 'CentOS 7.3 (64-bit)',
    //   originalVmImageName: 'centos-7.3-64',
    //   privateImageStatusName: 'creating',
    //   privateImageStatus: { code: 'INIT', codeName: 'NSI INIT state' },
    //   privateImageOperation: { code: 'CREAT', codeName: 'NSI CREAT OP' },
    //   privateImagePlatformType: { code: 'LNX64', codeName: 'Linux 64 Bit' },
    //   createDate: '2017-10-10T02:12:21+0900',
    //     region: { regionNo: 1, regionCode: 'KR', regionName: 'Korea' },
    //   zone: { zoneNo: 2, zoneName: 'KR-1', zoneDescription: '가산 NANG zone' },
    //   privateImageBlockStorageTotalRows: 0,
    //     privateImageBlockStorageTotalSize: 0 }
})
