// mosfet1kg/ncloud 0.1.39 (commit 4b4bca5), docs/management/monitoring-01.md, lines 45-78: the example as printed there (MIT,
// see ./LICENSE), run by ../../v0-examples.test.js against the emulator, whose keys are the placeholders
// below and whose address is NCLOUD_API_GW.
// The docs' examples assume a client: it is built first, as README.md lines 35-39 build it.

var ncloud = require('ncloud');
var client = ncloud.createClient({
    oauth_consumer_key:'%YOUR_CONSUMER_KEY%',
    oauth_consumer_secret:'%YOUR_CONSUMER_SECRET%'
});

var moment = require('moment-timezone');

var startTime_2daysAgo = moment().subtract(2, 'day').startOf('day').toDate().toISOString();
var endTime_now = moment().toDate().toISOString();
  
client.management.monitoring.findStatistics({serverInstanceNo: 503087, metricName: 'CPUUtilization', startTime: startTime_2daysAgo, endTime: endTime_now },
  function( err, stats ) {
    if (err) {
      return console.log(err.message);
    }
  
    console.log( stats.dataPoints.member );
    // [ { timestamp: '2017-10-24T15:00:00.000Z',
    //   average: 0.057,
    //   unit: 'Percent' },
    //   { timestamp: '2017-10-24T15:30:00.000Z',
    //     average: 0.056667,
    //     unit: 'Percent' },
    //   { timestamp: '2017-10-24T16:00:00.000Z',
    //     average: 0.058333,
    //     unit: 'Percent' },
    //   { timestamp: '2017-10-24T16:30:00.000Z',
    //     average: 0.056667,
    //     unit: 'Percent' },
    //   { timestamp: '2017-10-24T17:00:00.000Z',
    //     average: 0.056667,
    //     unit: 'Percent' },
    //   { timestamp: '2017-10-24T17:30:00.000Z',
    //     average: 0.057,
    //     unit: 'Percent' },
    //   { timestamp: '2017-10-24T18:00:00.000Z',
    //     average: 0.065333,
    //    /** more items **/
    // ]
});
