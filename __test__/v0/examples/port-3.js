// mosfet1kg/ncloud 0.1.39 (commit 4b4bca5), docs/compute/portforwarding/port-01.md, lines 69-87: the example as printed there (MIT,
// see ./LICENSE), run by ../../v0-examples.test.js against the emulator, whose keys are the placeholders
// below and whose address is NCLOUD_API_GW.
// The docs' examples assume a client: it is built first, as README.md lines 35-39 build it.

var ncloud = require('ncloud');
var client = ncloud.createClient({
    oauth_consumer_key:'%YOUR_CONSUMER_KEY%',
    oauth_consumer_secret:'%YOUR_CONSUMER_SECRET%'
});

 client.compute.createPortForwardingRule([
    { serverInstanceNo: 510873, externalPort: 52273, internalPort: 22 },
    { serverInstanceNo: 510876, externalPort: 52274, internalPort: 22 },
    { serverInstanceNo: 510879, externalPort: 52275, internalPort: 22 }
  ], function (err, response) {
    if (err) {
      return console.log(err.message);
    }
    
    console.log( response );
    // [ { portForwardingExternalPort: 52275,
    //   portForwardingInternalPort: 22,
    //   serverInstance: [Object] },
    //   { portForwardingExternalPort: 52274,
    //   portForwardingInternalPort: 22,
    //   serverInstance: [Object] },
    //   { portForwardingExternalPort: 52273,
    //   portForwardingInternalPort: 22,
    //   serverInstance: [Object] }]
 })
