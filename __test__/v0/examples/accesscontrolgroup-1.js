// mosfet1kg/ncloud 0.1.39 (commit 4b4bca5), docs/compute/accesscontrolgroup/accesscontrolgroup-01.md, lines 12-43: the example as printed there (MIT,
// see ./LICENSE), run by ../../v0-examples.test.js against the emulator, whose keys are the placeholders
// below and whose address is NCLOUD_API_GW.
// The docs' examples assume a client: it is built first, as README.md lines 35-39 build it.

var ncloud = require('ncloud');
var client = ncloud.createClient({
    oauth_consumer_key:'%YOUR_CONSUMER_KEY%',
    oauth_consumer_secret:'%YOUR_CONSUMER_SECRET%'
});

client.compute.findAccessControlGroups( function( error, response ){
    if( error ){
      console.log( error );
    }else {
      console.log(response);
      // response example =>
      // [ { accessControlGroupConfigurationNo: 5479,
      //   accessControlGroupName: 'ncloud-default-acg',
      //   accessControlGroupDescription: 'Default AccessControlGroup',
      //   isDefault: true,
      //   createDate: '2017-04-14T10:13:10+0900' },
      //   { accessControlGroupConfigurationNo: 5480,
      //     accessControlGroupName: 'ncloud-load-balancer',
      //     accessControlGroupDescription: 'Default Loadbalancer AccessControlGroup',
      //     isDefault: true,
      //     createDate: '2017-04-14T10:13:10+0900' } ]
      
      // It is possible to pick the specific acg.
      const filteredList = response.filter({accessControlGroupName: 'ncloud-default-acg'})[0];
      console.log( filteredList );
      // [ { vmFlavorId: 'SPSVRSSD00000003',
      //   vmFlavorName: 'vCPU 2EA, Memory 4GB, [SSD]Disk 50GB',
      //   vmFlavorType: { code: 'STAND', codeName: 'Standard' },
      //   vmFlavorDescription: 'vCPU 2EA, Memory 4GB, [SSD]Disk 50GB',
      //   infraResourceType: { code: 'SVR', codeName: 'Server' },
      //   cpuCount: 2,
      //   memorySize: 4294967296,
      //   baseBlockStorageSize: 53687091200,
      //   osInformation: '',
      //   diskType: { code: 'NET', codeName: 'Network Storage' },
      //   addBlockStroageSize: 0 } ]
    }
});
