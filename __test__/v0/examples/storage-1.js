// mosfet1kg/ncloud 0.1.39 (commit 4b4bca5), docs/storage/storage-01.md, lines 18-39: the example as printed there (MIT,
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
  localFile: path.join(__dirname, '../example/storage/testfile.gif'),
  container: 'helloworld',
  key: 'testfile.gif'
};

const uploader = client.storage.uploadFile(params);

uploader.on('progress', function (progress) {
  console.log( progress );
  // progress exampe=>
  // { etag: '5527074453435704246',
  //  progressAmount: 555745280,  // bytes
  //  progressTotal: 0.16069388337116636 // percentage } 
});

uploader.on('error', function (err) {
  console.log( err );
});

uploader.on('end', function () {
  console.log('end');
})
