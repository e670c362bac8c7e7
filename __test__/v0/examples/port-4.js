// mosfet1kg/ncloud 0.1.39 (commit 4b4bca5), docs/compute/portforwarding/port-01.md, lines 107-121: the example as printed there (MIT,
// see ./LICENSE), run by ../../v0-examples.test.js against the emulator, whose keys are the placeholders
// below and whose address is NCLOUD_API_GW.
// The docs' examples assume a client: it is built first, as README.md lines 35-39 build it.

var ncloud = require('ncloud');
var client = ncloud.createClient({
    oauth_consumer_key:'%YOUR_CONSUMER_KEY%',
    oauth_consumer_secret:'%YOUR_CONSUMER_SECRET%'
});

client.compute.destroyPortForwardingRule({ serverInstanceNo: 507498, externalPort: 52273, internalPort: 22 }, function( err, rules ) {
  if ( err ) {
     return console.log( err.message );
   }
  
  // list port forwarding rules like the result of findPortForwardingRules method.
  console.log( rules );
  
  // It is possible to wait for the rule to be detached completely if needed.
  rules.setWait({},function(err, rules) {
    if ( err ) {
      return console.log( err.message );
    }
    console.log( rules );
  })
})
