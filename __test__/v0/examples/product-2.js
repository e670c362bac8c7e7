// mosfet1kg/ncloud 0.1.39 (commit 4b4bca5), docs/compute/product/product-01.md, lines 47-66: the example as printed there (MIT,
// see ./LICENSE), run by ../../v0-examples.test.js against the emulator, whose keys are the placeholders
// below and whose address is NCLOUD_API_GW.
// The docs' examples assume a client: it is built first, as README.md lines 35-39 build it.

var ncloud = require('ncloud');
var client = ncloud.createClient({
    oauth_consumer_key:'%YOUR_CONSUMER_KEY%',
    oauth_consumer_secret:'%YOUR_CONSUMER_SECRET%'
});

client.compute.findFlavors( { vmImageId: 'SPSW0LINUX000031' }, function( error, response ){
    if( error ){
        console.log( error );
    }else{
        console.log( response );
        // response example =>
        // [ { vmFlavorId: 'SPSVRSTAND000056',
        //     vmFlavorName: 'vCPU 1EA, Memory 1GB, Disk 50GB',
        //     vmFlavorType: { code: 'MICRO', codeName: 'Micro Server' },
        //     vmFlavorDescription: 'vCPU 1EA, Memory 1GB, Disk 50GB',
        //     infraResourceType: { code: 'SVR', codeName: 'Server' },
        //     cpuCount: 1,
        //     memorySize: 1073741824,
        //     baseBlockStorageSize: 53687091200,
        //     osInformation: '',
        //     diskType: { code: 'NET', codeName: 'Network Storage' },
        //     addBlockStroageSize: 0 },
        //              /** more items**/
        // }]
    }
});
