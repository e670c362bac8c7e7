// mosfet1kg/ncloud 0.1.39 (commit 4b4bca5), docs/compute/accesscontrolgroup/accesscontrolgroup-01.md, lines 58-83: the example as printed there (MIT,
// see ./LICENSE), run by ../../v0-examples.test.js against the emulator, whose keys are the placeholders
// below and whose address is NCLOUD_API_GW.
// The docs' examples assume a client: it is built first, as README.md lines 35-39 build it.

var ncloud = require('ncloud');
var client = ncloud.createClient({
    oauth_consumer_key:'%YOUR_CONSUMER_KEY%',
    oauth_consumer_secret:'%YOUR_CONSUMER_SECRET%'
});

client.compute.findAccessControlRules( { accessControlGroupConfigurationNo: 4656 }, function( err, response ) {
  if ( err ) {
    console.log( err.message );
  }
  console.log( response );
  // result example =>
  // [ { accessControlRuleConfigurationNo: 66510,
  //   protocolType: { code: 'TCP', codeName: 'tcp' },
  //   sourceIp: '10.64.56.146/32',
  //   destinationPort: 22,
  //   accessControlRuleDescription: '' },
  //   { accessControlRuleConfigurationNo: 66511,
  //     protocolType: { code: 'TCP', codeName: 'tcp' },
  //     sourceIp: '0.0.0.0/0',
  //     destinationPort: 22,
  //     accessControlRuleDescription: '' },
  //   { accessControlRuleConfigurationNo: 80639,
  //     protocolType: { code: 'TCP', codeName: 'tcp' },
  //     sourceIp: '',
  //     destinationPort: 1,
  //     accessControlRuleDescription: '' },
  //   { accessControlRuleConfigurationNo: 85350,
  //     protocolType: { code: 'TCP', codeName: 'tcp' },
  //     sourceIp: '0.0.0.0/0',
  //     destinationPort: 80,
  //     accessControlRuleDescription: '' } ]
})
