'use strict';
// A minimal npm registry on 127.0.0.1 serving the packed tarballs, so that the consumer test installs
// exactly what a user writes in package.json, the alias included (`"ncloud": "npm:ncloud-client@^x"`):
// npm resolves an alias only through a registry. It answers a package document (`GET /<name>`) and the
// tarball (`GET /-/<file>`) of each package given; any other name is a 404, so nothing else can be
// installed from it (and the test runs with no other registry).
const crypto = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

/** The package.json inside a tarball. */
function manifestOf(tgz) {
  return JSON.parse(execFileSync('tar', ['xzOf', tgz, 'package/package.json'], { encoding: 'utf8' }));
}

/** Starts the registry for `tarballs`; resolves `{ url, close() }`. */
async function startRegistry(tarballs) {
  const packages = new Map();
  const files = new Map();
  for (const tgz of tarballs) {
    const manifest = manifestOf(tgz);
    const bytes = fs.readFileSync(tgz);
    const file = path.basename(tgz);
    files.set(file, bytes);
    packages.set(manifest.name, {
      manifest,
      file,
      integrity: `sha512-${crypto.createHash('sha512').update(bytes).digest('base64')}`,
      shasum: crypto.createHash('sha1').update(bytes).digest('hex'),
    });
  }
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent((req.url || '/').split('?')[0]);
    const origin = `http://${req.headers.host}`;
    if (url.startsWith('/-/') && files.has(url.slice(3))) {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(files.get(url.slice(3)));
      return;
    }
    const p = packages.get(url.slice(1));
    if (!p) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"error":"not found"}');
      return;
    }
    const version = p.manifest.version;
    const doc = {
      name: p.manifest.name,
      'dist-tags': { latest: version },
      versions: {
        [version]: { ...p.manifest, _id: `${p.manifest.name}@${version}`, dist: { tarball: `${origin}/-/${p.file}`, integrity: p.integrity, shasum: p.shasum } },
      },
    };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(doc));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

module.exports = { startRegistry, manifestOf };
