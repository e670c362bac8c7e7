// mosfet1kg/ncloud 0.1.39 (commit 4b4bca5), docs/compute/serverinstance/serverinstance-01.md, lines 731-738: the example as printed there (MIT,
// see ./LICENSE), run by ../../v0-examples.test.js against the emulator, whose keys are the placeholders
// below and whose address is NCLOUD_API_GW.
// The docs' examples assume a client: it is built first, as README.md lines 35-39 build it; and
// Node's `fs` module, required first.

var fs = require('fs');
var ncloud = require('ncloud');
var client = ncloud.createClient({
    oauth_consumer_key:'%YOUR_CONSUMER_KEY%',
    oauth_consumer_secret:'%YOUR_CONSUMER_SECRET%'
});

client.compute.findRootPassword({ serverInstanceNo: 500601, privateKey: fs.readFileSync('./testgb.pem', 'utf8')}, function(err, res) {
  if ( err ) {
      return console.log( err.message );
  }
  //
  //   console.log( res );
  //   // result example =>
  //   // { rootPassword: 'B7FEfi*aar' }
})
