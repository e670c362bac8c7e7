// mosfet1kg/ncloud 0.1.39 (commit 4b4bca5), docs/storage/storage-01.md, lines 131-158: the example as printed there (MIT,
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
  key: '/',
};

client.storage.findFiles( params, function (err, res) {
  if (err) {
    return console.log( err ); 
  }
  
  console.log( res );
  // Result example =>
  // { Contents: 
  //    [ { name: 'kickass2.mkv',
  //    'resource-type': '4',
  //     etag: '114352073644237862',
  //     'resource-status': '2',
  //    'last-modified': '1509993830134',
  //     'content-type': 'video/x-matroska',
  //     size: '3458409669' },
  //    { name: 'test',
  //     'resource-type': '2',
  //     etag: '3362642876774536151',
  //     'resource-status': '2',
  //     'last-modified': '1510471954592',
  //     'content-type': {},
  //     size: '0' } ],
  //    NextMarker: null } // NextMaker is null if there is no next page.
})
