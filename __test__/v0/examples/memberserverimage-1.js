// mosfet1kg/ncloud 0.1.39 (commit 4b4bca5), docs/compute/memberserverimage/memberserverimage-01.md, lines 12-56: the example as printed there (MIT,
// see ./LICENSE), run by ../../v0-examples.test.js against the emulator, whose keys are the placeholders
// below and whose address is NCLOUD_API_GW.
// The docs' examples assume a client: it is built first, as README.md lines 35-39 build it.

var ncloud = require('ncloud');
var client = ncloud.createClient({
    oauth_consumer_key:'%YOUR_CONSUMER_KEY%',
    oauth_consumer_secret:'%YOUR_CONSUMER_SECRET%'
});

client.compute.findPrivateImages( function( error, response ){
    if( error ){
      console.log( error );
    }else {
      console.log( response );
      // [ 
      // { privateImageNo: /**privateImageNo**/,
      //   privateImageName: 'ext-test-image',
      //   privateImageDescription: 'Auto Scailing Test용',
      //   originalServerInstanceNo: 492964,
      //   originalVmFlavorId: 'SPSVRSSD00000003',
      //   originalServerName: 'ext-test',
      //   originalBaseBlockStorageDiskType: { code: 'NET', codeName: 'Network Storage' },
      //   originalVmImageId: 'SPSW0LINUX000046',
      //   originalOsInformation: 'CentOS 7.3 (64-bit)',
      //   originalServerImageName: 'centos-7.3-64',
      //   privateImageStatusName: 'created',
      //   privateImageStatus: { code: 'CREAT', codeName: 'NSI CREATED state' },
      //   privateImageOperation: { code: 'NULL', codeName: 'NSI NULLOP' },
      //   privateImagePlatformType: { code: 'LNX64', codeName: 'Linux 64 Bit' },
      //   createDate: '2017-09-29T11:39:17+0900',
      //   region: { regionNo: 1, regionCode: 'KR', regionName: 'Korea' },
      //   zone: { zoneNo: 2, zoneName: 'KR-1', zoneDescription: '가산 NANG zone' },
      //   privateImageBlockStorageTotalRows: 1,
      //   privateImageBlockStorageTotalSize: 53687091200 },
      // { privateImageNo: /**privateImageNo**/,
      //   privateImageName: 'myTest',
      //   privateImageDescription: 'myDesc',
      //   originalServerInstanceNo: 492964,
      //   originalVmFlavorId: 'SPSVRSSD00000003',
      //   originalServerName: 'ext-test',
      //   originalBaseBlockStorageDiskType: { code: 'NET', codeName: 'Network Storage' },
      //   originalVmImageId: 'SPSW0LINUX000046',
      //   originalOsInformation: 'CentOS 7.3 (64-bit)',
      //   originalServerImageName: 'centos-7.3-64',
      //   privateImageStatusName: 'created',
      //   privateImageStatus: { code: 'CREAT', codeName: 'NSI CREATED state' },
      //   privateImageOperation: { code: 'NULL', codeName: 'NSI NULLOP' },
      //   privateImagePlatformType: { code: 'LNX64', codeName: 'Linux 64 Bit' },
      //   createDate: '2017-10-09T16:34:04+0900',
      //   region: { regionNo: 1, regionCode: 'KR', regionName: 'Korea' },
      //   zone: { zoneNo: 2, zoneName: 'KR-1', zoneDescription: '가산 NANG zone' },
      //   privateImageBlockStorageTotalRows: 1,
      //   privateImageBlockStorageTotalSize: 53687091200 } ]
    }
});
