'use strict';
// 12 concurrent calls whose answers never end (chunked, no Content-Length), with the default options:
// the peak resident memory of the process. Prints JSON.
const http = require('node:http');
const ncloud = require(process.argv[2]);

(async () => {
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  const server = http.createServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' });
    const pump = () => {
      while (res.write(chunk));
      res.once('drain', pump);
    };
    res.on('close', () => res.removeAllListeners('drain'));
    pump();
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const c = ncloud.createClient({ endpoint: `http://127.0.0.1:${server.address().port}`, accessKey: 'a', secretKey: 'b', maxRetries: 0 });
  const startRss = process.memoryUsage.rss();
  const results = await Promise.all(Array.from({ length: 12 }, () => c.compute.getRegionList().then(() => 'ok', (e) => e.code + (/maxBufferedBytes/.test(e.message) ? ' (maxBufferedBytes)' : ''))));
  const counts = {};
  for (const r of results) counts[r] = (counts[r] || 0) + 1;
  console.log(JSON.stringify({ startRssMiB: Math.round(startRss / 2 ** 20), peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024), results: counts }));
  server.closeAllConnections();
  server.close();
})();
