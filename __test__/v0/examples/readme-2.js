// mosfet1kg/ncloud 0.1.39 (commit 4b4bca5), README.md, lines 114-128: the example as printed there (MIT,
// see ./LICENSE), run by ../../v0-examples.test.js against the emulator, whose keys are the placeholders
// below and whose address is NCLOUD_API_GW.
// The docs' examples assume a client: it is built first, as README.md lines 35-39 build it.

var ncloud = require('ncloud');
var client = ncloud.createClient({
    oauth_consumer_key:'%YOUR_CONSUMER_KEY%',
    oauth_consumer_secret:'%YOUR_CONSUMER_SECRET%'
});

client.openapi.geolocation.findLocation({ ip: '143.248.142.77', ext: 't'}, function( error, reply ){
    if(error){
        console.log( error );
    }else{
        console.log( reply );
        // expected Result =>
        // { country: 'KR',
        //   code: '3020054000',
        //   r1: '대전광역시',
        //   r2: '유성구',
        //   r3: '구성동',
        //   lat: 36.370724,
        //   long: 127.3661,
        //   net: 'Korea Advanced Institute of Science and Technology' }
    }
});
