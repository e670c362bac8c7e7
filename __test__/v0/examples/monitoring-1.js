// mosfet1kg/ncloud 0.1.39 (commit 4b4bca5), docs/management/monitoring-01.md, lines 14-25: the example as printed there (MIT,
// see ./LICENSE), run by ../../v0-examples.test.js against the emulator, whose keys are the placeholders
// below and whose address is NCLOUD_API_GW.
// The docs' examples assume a client: it is built first, as README.md lines 35-39 build it.

var ncloud = require('ncloud');
var client = ncloud.createClient({
    oauth_consumer_key:'%YOUR_CONSUMER_KEY%',
    oauth_consumer_secret:'%YOUR_CONSUMER_SECRET%'
});

client.management.monitoring.findMetrics({serverInstanceNo: 512641 }, function( err, metrics ) {
  if (err) {
    return console.log(err.message);
  }

  console.log(metrics);
  // result example =>
  // [ { serverInstanceNo: 512641, metricName: 'CPUUtilization' },
  //   { serverInstanceNo: 512641, metricName: 'DiskReadBytes' },
  //   { serverInstanceNo: 512641, metricName: 'DiskWriteBytes' },
  //   { serverInstanceNo: 512641, metricName: 'NetworkIn' },
  //   { serverInstanceNo: 512641, metricName: 'NetworkOut' } ]
});
