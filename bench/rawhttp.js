'use strict';
// A baseline for section 1: the same signed POST the native client sends, made with node:http, the body
// received but not parsed. It approximates the emulator's share of a call (render + HTTP), so that
// "client path mean - raw mean" approximates the client's own share (decode, shape, hand-over).
const http = require('node:http');
const crypto = require('node:crypto');

function rawCaller(emu, format) {
  const url = new URL(emu.endpoint);
  if (url.protocol !== 'http:' || url.hostname !== '127.0.0.1') throw new Error(`not a local emulator: ${emu.endpoint}`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const call = (action, form) => {
    const requestUri = `/vserver/v2/${action}?responseFormatType=${format}`;
    const timestamp = String(Date.now());
    const signature = crypto
      .createHmac('sha256', emu.secretKey)
      .update(`POST ${requestUri}\n${timestamp}\n${emu.accessKey}`)
      .digest('base64');
    const body = new URLSearchParams(form).toString();
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          method: 'POST',
          path: requestUri,
          agent,
          headers: {
            'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
            'content-length': Buffer.byteLength(body),
            'x-ncp-apigw-timestamp': timestamp,
            'x-ncp-iam-access-key': emu.accessKey,
            'x-ncp-apigw-signature-v2': signature,
          },
        },
        (res) => {
          let bytes = 0;
          res.on('data', (d) => (bytes += d.length));
          res.on('end', () =>
            res.statusCode === 200 ? resolve(bytes) : reject(new Error(`raw ${action}: HTTP ${res.statusCode}`)),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  };
  call.close = () => agent.destroy();
  return call;
}

module.exports = { rawCaller };
