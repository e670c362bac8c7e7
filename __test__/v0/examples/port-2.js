// mosfet1kg/ncloud 0.1.39 (commit 4b4bca5), docs/compute/portforwarding/port-01.md, lines 55-63: the example as printed there (MIT,
// see ./LICENSE), run by ../../v0-examples.test.js against the emulator, whose keys are the placeholders
// below and whose address is NCLOUD_API_GW.
// The docs' examples assume a client: it is built first, as README.md lines 35-39 build it.

var ncloud = require('ncloud');
var client = ncloud.createClient({
    oauth_consumer_key:'%YOUR_CONSUMER_KEY%',
    oauth_consumer_secret:'%YOUR_CONSUMER_SECRET%'
});

client.compute.createPortForwardingRule({ serverInstanceNo: 491009, externalPort: 52273, internalPort: 3389 }, function (err, response) {
  if ( err ) {
    return console.log( err.message );
  }
  console.log( response );
  // response example =>
  //{ portForwardingExternalPort: 2224,
  //  portForwardingInternalPort: 22,
  //  serverInstance: [Object] } 
});
