// mosfet1kg/ncloud 0.1.39 (commit 4b4bca5), docs/compute/region/region-01.md, lines 10-26: the example as printed there (MIT,
// see ./LICENSE), run by ../../v0-examples.test.js against the emulator, whose keys are the placeholders
// below and whose address is NCLOUD_API_GW.
// The docs' examples assume a client: it is built first, as README.md lines 35-39 build it.

var ncloud = require('ncloud');
var client = ncloud.createClient({
    oauth_consumer_key:'%YOUR_CONSUMER_KEY%',
    oauth_consumer_secret:'%YOUR_CONSUMER_SECRET%'
});

client.compute.findRegions( function( error, response ){
  if( error ){
    console.log( error );
  }else {
    console.log( response  );
    // response example =>
    // [ { regionNo: 1, regionCode: 'KR', regionName: 'Korea' },
    //   { regionNo: 2, regionCode: 'USW', regionName: 'US-West' },
    //   { regionNo: 3, regionCode: 'HK', regionName: 'HongKong' },
    //   { regionNo: 4, regionCode: 'SG', regionName: 'Sigapore' },
    //   { regionNo: 5, regionCode: 'JP', regionName: 'Japan' },
    //   { regionNo: 6, regionCode: 'DE', regionName: 'Germany' } ]
    
    // you can change regionNo variable to handle resources within the specific region.
    client.compute.regionNo = 2;
  }
});

