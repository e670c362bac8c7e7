// mosfet1kg/ncloud 0.1.39 (commit 4b4bca5), docs/storage/storage-01.md, lines 69-87: the example as printed there (MIT,
// see ./LICENSE), run by ../../v0-examples.test.js against the emulator, whose keys are the placeholders
// below and whose address is NCLOUD_API_GW.
// The docs' examples assume a client: it is built first, as README.md lines 35-39 build it; and
// Node's `path` module, required first.

var path = require('path');
var ncloud = require('ncloud');
var client = ncloud.createClient({
    oauth_consumer_key:'%YOUR_CONSUMER_KEY%',
    oauth_consumer_secret:'%YOUR_CONSUMER_SECRET%'
});

const params = {
  localFile: path.join(__dirname, './testfile.gif'),
  container: 'helloworld',
  key: 'testfile.gif'
};

const downloader = client.storage.downloadFile( params );

downloader.on('progress', function (progress) {
  console.log( progress );
  //{ progressAmount: 4850115, progressTotal: 0.9531242968418533 }
});

downloader.on('error', function (err) {
  console.log( err );
});

downloader.on('end', function () {
  console.log( 'end');
})
