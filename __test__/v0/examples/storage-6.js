// mosfet1kg/ncloud 0.1.39 (commit 4b4bca5), docs/storage/storage-01.md, lines 217-225: the example as printed there (MIT,
// see ./LICENSE), run by ../../v0-examples.test.js against the emulator, whose keys are the placeholders
// below and whose address is NCLOUD_API_GW.
// The docs' examples assume a client: it is built first, as README.md lines 35-39 build it.

var ncloud = require('ncloud');
var client = ncloud.createClient({
    oauth_consumer_key:'%YOUR_CONSUMER_KEY%',
    oauth_consumer_secret:'%YOUR_CONSUMER_SECRET%'
});

const params = {
  container: 'helloworld',
  key: 'testFolder'
};

client.storage.deleteFolder( params, function (err, res) {
  if ( err ) {
    return console.log( err );
  }
})
