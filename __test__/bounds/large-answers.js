'use strict';
// N concurrent calls on one client (default options), each answered with a valid answer of SIZE bytes
// and a Content-Length: the outcome of each call and the most bytes the client's answers held at once.
// Prints JSON.
const http = require('node:http');
const ncloud = require(process.argv[2]);
const n = Number(process.argv[3] ?? 12);
const size = Number(process.argv[4] ?? 60e6);

(async () => {
  // A getRegionList answer padded with a field the decoder skips.
  const head = '{"getRegionListResponse":{"requestId":"r","returnCode":"0","returnMessage":"success","totalRows":1,"regionList":[{"regionCode":"KR","regionName":"Korea"}],"padding":"';
  const tail = '"}}';
  const body = Buffer.alloc(size, 0x61);
  body.write(head, 0);
  body.write(tail, size - tail.length);
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
      res.end(body);
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const c = ncloud.createClient({ endpoint: `http://127.0.0.1:${server.address().port}`, accessKey: 'a', secretKey: 'b', maxRetries: 0 });
  let peakHeldBytes = 0;
  const sampler = setInterval(() => (peakHeldBytes = Math.max(peakHeldBytes, c._inFlight()[1])), 2);
  const results = await Promise.all(Array.from({ length: n }, () => c.compute.getRegionList().then((r) => (r.totalRows === 1 ? 'ok' : 'wrong'), (e) => `${e.code}: ${e.message}`)));
  clearInterval(sampler);
  const counts = {};
  for (const r of results) counts[r] = (counts[r] || 0) + 1;
  const maxBufferedBytes = 4 * 64 * 2 ** 20;
  console.log(JSON.stringify({ results: counts, peakHeldBytes, maxBufferedBytes, inFlightAfter: c._inFlight() }));
  await c.close();
  server.closeAllConnections();
  server.close();
})();
