// mosfet1kg/ncloud 0.1.39 (commit 4b4bca5), docs/compute/publicipinstance/publicipinstance-01.md, lines 92-107: the example as printed there (MIT,
// see ./LICENSE), run by ../../v0-examples.test.js against the emulator, whose keys are the placeholders
// below and whose address is NCLOUD_API_GW.
// The docs' examples assume a client: it is built first, as README.md lines 35-39 build it.

var ncloud = require('ncloud');
var client = ncloud.createClient({
    oauth_consumer_key:'%YOUR_CONSUMER_KEY%',
    oauth_consumer_secret:'%YOUR_CONSUMER_SECRET%'
});

client.compute.createPublicIpInstance(function(error, publicIpInstance) {
  if ( error ) {
    return console.log( error.message );
  }
  
  console.log( publicIpInstance );
  // result example =>
  // { publicIpInstanceNo: 506967,
  //  publicIp: /**publicIpValue**/,
  //  publicIpDescription: '',
  //  createDate: '2017-10-22T01:59:31+0900',
  //  publicIpInstanceStatusName: 'created',
  //  publicIpInstanceStatus: { code: 'CREAT', codeName: 'NET CREATE state' },
  //  publicIpInstanceOperation: { code: 'NULL', codeName: 'NET NULL OP' },
  //  publicIpKindType: { code: 'GEN', codeName: 'General' },
  //  serverInstanceAssociatedWithPublicIp: '' }
});
