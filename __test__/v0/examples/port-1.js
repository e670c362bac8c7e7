// mosfet1kg/ncloud 0.1.39 (commit 4b4bca5), docs/compute/portforwarding/port-01.md, lines 14-35: the example as printed there (MIT,
// see ./LICENSE), run by ../../v0-examples.test.js against the emulator, whose keys are the placeholders
// below and whose address is NCLOUD_API_GW.
// The docs' examples assume a client: it is built first, as README.md lines 35-39 build it.

var ncloud = require('ncloud');
var client = ncloud.createClient({
    oauth_consumer_key:'%YOUR_CONSUMER_KEY%',
    oauth_consumer_secret:'%YOUR_CONSUMER_SECRET%'
});

client.compute.findPortForwardingRules( function( error, response ){
  if( error ){
    return console.log( error );
  }
  console.log( response  );
  // response example =>
  // { portForwardingConfigurationNo: 4694,
  //   portForwardingPublicIp: '220.230.112.133',
  //   totalRows: 4,
  //   portForwardingRuleList:
  //   [ { portForwardingExternalPort: 2266,
  //     portForwardingInternalPort: 22,
  //     serverInstance: [Object] },
  //     { portForwardingExternalPort: 2223,
  //       portForwardingInternalPort: 22,
  //       serverInstance: [Object] },
  //     { portForwardingExternalPort: 2222,
  //       portForwardingInternalPort: 22,
  //       serverInstance: [Object] },
  //     { portForwardingExternalPort: 2224,
  //       portForwardingInternalPort: 22,
  //       serverInstance: [Object] } ] }
});
