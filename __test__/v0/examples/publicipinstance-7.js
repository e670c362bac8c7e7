// mosfet1kg/ncloud 0.1.39 (commit 4b4bca5), docs/compute/publicipinstance/publicipinstance-01.md, lines 339-353: the example as printed there (MIT,
// see ./LICENSE), run by ../../v0-examples.test.js against the emulator, whose keys are the placeholders
// below and whose address is NCLOUD_API_GW.
// The docs' examples assume a client: it is built first, as README.md lines 35-39 build it.

var ncloud = require('ncloud');
var client = ncloud.createClient({
    oauth_consumer_key:'%YOUR_CONSUMER_KEY%',
    oauth_consumer_secret:'%YOUR_CONSUMER_SECRET%'
});

client.compute.destroyPublicIpInstance({ publicIpInstanceNo: 506969 }, function(error, result) {
  if ( error ) {
    return console.log( error.message );
  }
  console.log( result );
  // result example =>
  // { publicIpInstanceNo: 506969,
  //   publicIp: '210.89.177.241',
  //   publicIpDescription: '',
  //   createDate: '2017-10-22T02:03:42+0900',
  //   publicIpInstanceStatusName: 'terminated',
  //   publicIpInstanceStatus: { code: 'TERMT', codeName: 'NET TERMINATED state' },
  //   publicIpInstanceOperation: { code: 'NULL', codeName: 'NET NULL OP' },
  //   publicIpKindType: { code: 'GEN', codeName: 'General' },
  //   serverInstanceAssociatedWithPublicIp: '' }
});
