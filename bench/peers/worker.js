'use strict';
/**
 * One client, one case, in its own process (spawned by bench/peers.js):
 *   node --expose-gc bench/peers/worker.js <ncloud|purejs> <case> <endpoint>
 * Prints one JSON line: calls, seconds, cpuSeconds (measured phase), peakRssBytes (process life),
 * digest (sha256 of the first result without requestId, to check both clients return the same thing),
 * cpuByThread (the measured phase's CPU seconds by thread: JavaScript thread, runtime workers, helpers;
 * Linux only) and, for the sequential leak case, rssGrowthBytes after warm-up.
 */
const crypto = require('node:crypto');
const { performance } = require('node:perf_hooks');
const { CASES } = require('./cases');
const { cpuByThread, since } = require('./threads');

const [clientName, caseName, endpoint] = process.argv.slice(2);
const c = CASES[caseName];
if (!c) throw new Error(`unknown case ${caseName}`);
const creds = { accessKey: 'bench-access-key', secretKey: 'bench-secret-key' };

function makeCall() {
  if (clientName === 'ncloud') {
    const ncloud = require('../..');
    // Created as users create it: no socket, retry or pool option, its defaults measured as they are.
    const client = ncloud.createClient({ ...creds, endpoint, responseFormat: c.format });
    const compute = client.compute;
    if (c.method === 'findPrivateImages') return () => compute.findPrivateImages();
    return () => compute[c.method](c.params);
  }
  if (clientName === 'purejs') {
    const { PureJsClient } = require('./purejs');
    const client = new PureJsClient({ ...creds, endpoint, responseFormat: c.format });
    if (c.method === 'findPrivateImages') return () => client.findPrivateImages();
    return () => client.call(c.env, c.method, c.params);
  }
  throw new Error(`unknown client ${clientName}`);
}

/** Key order is not part of a result's meaning: keys are sorted, requestId left out. */
function canonical(v) {
  if (Array.isArray(v)) return v.map(canonical);
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(Object.keys(v).filter((k) => k !== 'requestId').sort().map((k) => [k, canonical(v[k])]));
  }
  return v;
}

function digest(result) {
  const text = JSON.stringify(canonical(result));
  return crypto.createHash('sha256').update(text).digest('hex').slice(0, 16);
}

const rss = () => {
  if (global.gc) global.gc();
  return process.memoryUsage.rss();
};

async function main() {
  const call = makeCall();
  const first = await call();
  const out = { client: clientName, case: caseName, digest: digest(first) };
  for (let i = 1; i < c.warmup; i++) await call();
  const rssAfterWarmup = c.leak ? rss() : 0;
  const cpu0 = process.cpuUsage();
  const threads0 = cpuByThread();
  const t0 = performance.now();
  if (c.inflight > 1) {
    let next = 0;
    const worker = async () => {
      while (next++ < c.calls) await call();
    };
    await Promise.all(Array.from({ length: c.inflight }, worker));
  } else {
    for (let i = 0; i < c.calls; i++) await call();
  }
  out.seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  out.cpuSeconds = (cpu.user + cpu.system) / 1e6;
  out.cpuByThread = since(threads0, cpuByThread());
  out.calls = c.calls;
  if (c.leak) out.rssGrowthBytes = rss() - rssAfterWarmup;
  out.peakRssBytes = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
