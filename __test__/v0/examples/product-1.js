// mosfet1kg/ncloud 0.1.39 (commit 4b4bca5), docs/compute/product/product-01.md, lines 10-30: the example as printed there (MIT,
// see ./LICENSE), run by ../../v0-examples.test.js against the emulator, whose keys are the placeholders
// below and whose address is NCLOUD_API_GW.
// The docs' examples assume a client: it is built first, as README.md lines 35-39 build it.

var ncloud = require('ncloud');
var client = ncloud.createClient({
    oauth_consumer_key:'%YOUR_CONSUMER_KEY%',
    oauth_consumer_secret:'%YOUR_CONSUMER_SECRET%'
});

client.compute.findPublicImages( function( error, response ){
    if( error ){
        console.log( error );
    }else {
        console.log(response);

        // response example =>
        // [ { vmImageId: 'SPSW0LINUX000043',
        //     vmImageName: 'centos-5.11-64',
        //     vmImageType: { code: 'LINUX', codeName: 'Linux' },
        //     vmImageDescription: 'CentOS 5.11(64bit)',
        //     infraResourceType: { code: 'SW', codeName: 'Software' },
        //     cpuCount: 0,
        //     memorySize: 0,
        //     baseBlockStorageSize: 0,
        //     platformType: { code: 'LNX64', codeName: 'Linux 64 Bit' },
        //     osInformation: 'CentOS 5.11 (64-bit)',
        //     addBlockStroageSize: 0 },
        //          /** more items **/
        // ]
    }
});
