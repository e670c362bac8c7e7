'use strict';
/**
 * `npm run bench`: measures the native client against an in-process emulator on 127.0.0.1.
 *
 *   1. result size: lists of 1 / 100 / 1000 images (and the XML wire format and the emulator's own share
 *      at 1000);
 *   2. throughput: sequential vs. 64 calls in flight, and the event-loop delay while they are in flight;
 *   3. validation failures rejected in the core (no request sent);
 *   4. callback vs. promise style.
 *
 * Prints a table per section and, as the very last line, one JSON summary. Figures are only comparable
 * within one run. BENCH_SCALE=0.1 (any factor in (0, 1]) shortens every loop, for a smoke test.
 */
const os = require('node:os');
const { performance, monitorEventLoopDelay } = require('node:perf_hooks');
const ncloud = require('..');
const { withImages, FIRST_NO } = require('./fixture');
const S = require('./stats');
const { rawCaller } = require('./rawhttp');

const SCALE = (() => {
  const v = Number(process.env.BENCH_SCALE ?? 1);
  return Number.isFinite(v) && v > 0 && v <= 1 ? v : 1;
})();
const n = (count) => Math.max(1, Math.round(count * SCALE));
/** No measuring loop runs longer than this, whatever its count (keeps slow machines under ~60 s). */
const LOOP_CAP_MS = 6000;
/** Everything is abandoned (exit 1) after this. */
const WATCHDOG_MS = 180_000;

const summary = { ok: false, scale: SCALE };

function machineFacts() {
  const cpus = os.cpus();
  const facts = {
    node: process.version,
    v8: process.versions.v8,
    platform: `${process.platform}-${process.arch}`,
    cpus: cpus.length,
    availableParallelism: typeof os.availableParallelism === 'function' ? os.availableParallelism() : cpus.length,
    cpuModel: cpus[0] ? cpus[0].model.trim() : 'unknown',
    loadavg1m: Math.round(os.loadavg()[0] * 100) / 100,
    totalMemMiB: Math.round(os.totalmem() / 2 ** 20),
    ncloud: ncloud.version,
    uvThreadpoolSize: process.env.UV_THREADPOOL_SIZE ?? '4 (default)',
  };
  console.log('ncloud benchmark (figures are only comparable within one run)');
  for (const [k, v] of Object.entries(facts)) console.log(`  ${k.padEnd(22)} ${v}`);
  if (SCALE !== 1) console.log(`  ${'BENCH_SCALE'.padEnd(22)} ${SCALE}`);
  return facts;
}

function heading(title) {
  console.log(`\n== ${title}`);
}

/** Strict structural equality, ignoring `requestId` (the emulator makes a new one per answer). */
function sameResult(a, b) {
  const strip = (v) => JSON.stringify(v, (k, x) => (k === 'requestId' ? undefined : x));
  return strip(a) === strip(b);
}

function assert(cond, message) {
  if (!cond) throw new Error(`bench sanity check failed: ${message}`);
}

const r3 = (v) => Math.round(v * 1000) / 1000;
const signed = (v) => `${v >= 0 ? '+' : ''}${S.fmt.ms(v)}`;

const row = (label, path, size, s, extra = '') => [
  label,
  path,
  size,
  String(s.calls),
  S.fmt.ms(s.meanMs),
  S.fmt.ms(s.p50Ms),
  S.fmt.ms(s.p95Ms),
  S.fmt.rate(s.callsPerSec),
  extra,
];
const HEAD = ['case', 'path', 'N', 'calls', 'mean ms', 'p50 ms', 'p95 ms', 'calls/s', 'note'];

// ------------------------------------------------------------------------------------------------
// 1. Result hand-over

async function resultSize(emu, clients) {
  heading('1. result size: getServerImageList returning N images (sequential, interleaved)');
  const plan = [
    { size: 1, warmup: n(200), iterations: n(2000), capMs: LOOP_CAP_MS },
    { size: 100, warmup: n(30), iterations: n(300), capMs: LOOP_CAP_MS },
    { size: 1000, warmup: n(4), iterations: n(50), capMs: LOOP_CAP_MS * 2.5, xml: true },
  ];
  const raw = { json: rawCaller(emu, 'json'), xml: rawCaller(emu, 'xml') };
  const rows = [];
  const out = {};
  try {
    for (const { size, warmup, iterations, capMs, xml } of plan) {
      emu.load(withImages(size));
      const cases = {
        'json/text': () => clients.json.compute.getServerImageList({}),
      };
      if (xml) {
        cases['xml/text'] = () => clients.xml.compute.getServerImageList({});
        cases['raw-http/json'] = () => raw.json('getServerImageList', { regionCode: clients.json.region });
        cases['raw-http/xml'] = () => raw.xml('getServerImageList', { regionCode: clients.xml.region });
      }
      // Sanity: every path returns the same N images.
      const results = {};
      for (const [name, fn] of Object.entries(cases)) if (!name.startsWith('raw')) results[name] = await fn();
      const ref = results['json/text'];
      assert(ref.serverImageList.length === size && ref.totalRows === size, `N=${size}: got ${ref.serverImageList.length}`);
      for (const [name, r] of Object.entries(results)) assert(sameResult(ref, r), `N=${size}: ${name} differs from json/text`);
      if (xml) {
        const formats = emu.requests().slice(-1).map((r) => r.format); // the xml client's call above (the last one)
        assert(formats.every((f) => f === 'xml'), `the xml client sent ${formats}`);
      }
      const bytes = Buffer.byteLength(JSON.stringify(ref));

      const before = emu.requestCount();
      const res = await S.interleaved(cases, { warmup, iterations, rounds: 5, maxMs: capMs });
      const sent = emu.requestCount() - before;
      const measured = Object.values(res).reduce((a, s) => a + s.calls, 0) + warmup * Object.keys(cases).length;
      assert(sent === measured, `N=${size}: ${measured} calls made (with warm-up) but ${sent} requests reached the emulator`);

      out[`N${size}`] = {
        resultBytes: bytes,
        ...Object.fromEntries(Object.entries(res).map(([k, s]) => [k, S.compact(s)])),
      };
      for (const [name, s] of Object.entries(res)) {
        let note = '';
        if (name === 'json/text') note = `result ${(bytes / 1024).toFixed(1)} KiB as JSON`;
        if (name === 'xml/text') {
          const extra = s.meanMs - res['json/text'].meanMs;
          note = `vs json/text: ${signed(extra)} ms/call end to end`;
          out[`N${size}`].xmlExtraMsPerCall = r3(extra);
        }
        if (name === 'raw-http/json' || name === 'raw-http/xml') {
          const fmt = name.split('/')[1];
          const clientShare = res[`${fmt}/text`].meanMs - s.meanMs;
          note = `emulator+HTTP share; ${fmt}/text minus this: ${S.fmt.ms(clientShare)} ms`;
          out[`N${size}`][`clientShareMs_${fmt}Text`] = r3(clientShare);
        }
        rows.push(row('list', name, String(size), s, note));
      }
    }
  } finally {
    raw.json.close();
    raw.xml.close();
  }
  S.table(HEAD, rows);
  const c = out.N1000;
  if (c && c.clientShareMs_jsonText !== undefined) {
    console.log(
      `N=1000 client-side share (path mean - raw-http mean): json ${S.fmt.ms(c.clientShareMs_jsonText)} ms, ` +
        `xml ${S.fmt.ms(c.clientShareMs_xmlText)} ms => XML vs JSON on the client: ${signed(c.clientShareMs_xmlText - c.clientShareMs_jsonText)} ms/call; ` +
        `emulator+HTTP: xml ${signed(c['raw-http/xml'].meanMs - c['raw-http/json'].meanMs)} ms/call vs json.`,
    );
    c.xmlDecodeExtraMsPerCall = r3(c.clientShareMs_xmlText - c.clientShareMs_jsonText);
  }
  return out;
}

// ------------------------------------------------------------------------------------------------
// 2. Throughput, concurrency, event loop

/** Runs `work` with a 1 ms ticker and monitorEventLoopDelay on; returns what they saw. */
async function withLoopProbe(work) {
  const h = monitorEventLoopDelay({ resolution: 1 });
  let last = performance.now();
  let maxGap = 0;
  let ticks = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    if (now - last > maxGap) maxGap = now - last;
    last = now;
    ticks++;
  }, 1);
  h.enable();
  let result;
  try {
    result = await work();
  } finally {
    h.disable();
    clearInterval(ticker);
  }
  return {
    result,
    loop: {
      // histogram values are nanoseconds of delay beyond the 1 ms resolution timer
      maxDelayMs: h.max / 1e6,
      p99DelayMs: h.percentile(99) / 1e6,
      meanDelayMs: h.mean / 1e6,
      tickerTicks: ticks,
      tickerMaxGapMs: maxGap,
    },
  };
}

async function throughput(emu, clients) {
  heading('2. throughput: getServerImageDetail on one image');
  emu.load(withImages(10));
  const params = { serverImageNo: String(FIRST_NO) };
  const call = () => clients.json.compute.getServerImageDetail(params);
  const first = await call();
  assert(first.serverImageList[0].serverImageNo === params.serverImageNo, 'detail returned another image');

  const seq = await S.sequential(call, { warmup: n(300), iterations: n(3000), maxMs: LOOP_CAP_MS });
  const seqS = S.summarize(seq.samples, seq.wallMs);
  const par = await S.concurrent(call, { width: 64, warmupBatches: 3, batches: n(100), maxMs: LOOP_CAP_MS });
  const parS = S.summarize(par.samples, par.wallMs);

  // Event loop: idle baseline, then 64 in flight with the ticker running.
  const idle = await withLoopProbe(async () => {
    for (let i = 0; i < 25; i++) await new Promise((r) => setTimeout(r, 10));
  });
  const busy = await withLoopProbe(() =>
    S.concurrent(call, { width: 64, warmupBatches: 0, batches: n(100), maxMs: LOOP_CAP_MS }),
  );
  const busyS = S.summarize(busy.result.samples, busy.result.wallMs);

  S.table(HEAD, [
    row('detail', 'sequential', '1', seqS),
    row('detail', '64 in flight', '1', parS, `speed-up ${S.fmt.ratio(parS.callsPerSec / seqS.callsPerSec)} over sequential`),
    row('detail', '64 in flight + 1ms ticker', '1', busyS, 'the event-loop run below'),
  ]);
  const L = (x) => `max ${x.maxDelayMs.toFixed(2)} ms, p99 ${x.p99DelayMs.toFixed(2)} ms, mean ${x.meanDelayMs.toFixed(3)} ms; ` +
    `ticker: ${x.tickerTicks} ticks, max gap ${x.tickerMaxGapMs.toFixed(2)} ms`;
  console.log(`event-loop delay, idle (250 ms)      : ${L(idle.loop)}`);
  console.log(`event-loop delay, 64 calls in flight : ${L(busy.loop)}`);
  return {
    sequential: S.compact(seqS),
    inFlight64: S.compact(parS),
    speedUp: r3(parS.callsPerSec / seqS.callsPerSec),
    eventLoop: {
      idle: Object.fromEntries(Object.entries(idle.loop).map(([k, v]) => [k, r3(v)])),
      inFlight64: { ...Object.fromEntries(Object.entries(busy.loop).map(([k, v]) => [k, r3(v)])), calls: busyS.calls },
    },
  };
}

// ------------------------------------------------------------------------------------------------
// 3. Validation failures

async function validation(emu, clients, detailMeanMs) {
  heading('3. validation failures: createServerImage rejected in the core (no request sent)');
  const expectReject = async (fn) => {
    try {
      await fn();
    } catch (err) {
      if (err && err.code === 'ERR_VALIDATION') return;
      throw err;
    }
    throw new Error('bench sanity check failed: the call was expected to be rejected');
  };
  const cases = {
    'missing params': () => expectReject(() => clients.json.compute.createServerImage({})),
    'bad name': () =>
      expectReject(() => clients.json.compute.createServerImage({ serverInstanceNo: '1', serverImageName: 'Bad Name!' })),
  };
  const before = emu.requestCount();
  const res = await S.interleaved(cases, { warmup: n(500), iterations: n(20000), rounds: 4, maxMs: LOOP_CAP_MS });
  const sent = emu.requestCount() - before;
  assert(sent === 0, `${sent} requests reached the emulator during validation failures`);
  const rows = Object.entries(res).map(([name, s]) =>
    row('createServerImage', name, '-', s, `${S.fmt.ratio(detailMeanMs / s.meanMs)} the rate of a detail call`),
  );
  S.table(HEAD, rows);
  console.log(`requests that reached the emulator: ${sent}`);
  return Object.fromEntries(Object.entries(res).map(([k, s]) => [k, S.compact(s)]));
}

// ------------------------------------------------------------------------------------------------
// 4. Callback vs promise

/** Sequential callback-style loop, no promise per call: each callback starts the next call. */
function callbackLoop(method, params, iterations) {
  return new Promise((resolve, reject) => {
    const samples = [];
    const start = performance.now();
    let t0 = 0;
    const next = (i) => {
      if (i === iterations) return resolve({ samples, wallMs: performance.now() - start });
      t0 = performance.now();
      method(params, (err) => {
        if (err) return reject(err);
        samples.push(performance.now() - t0);
        next(i + 1);
      });
    };
    next(0);
  });
}

async function styles(emu, clients) {
  heading('4. callback vs promise: compute.getServerImageDetail (sequential, interleaved)');
  emu.load(withImages(10));
  const params = { serverImageNo: String(FIRST_NO) };
  const method = clients.json.compute.getServerImageDetail;
  const rounds = 8;
  const per = Math.ceil(n(2000) / rounds);
  await callbackLoop(method, params, n(200));
  await S.sequential(() => method(params), { warmup: n(200), iterations: 0, maxMs: 0 });
  const acc = { promise: { samples: [], wallMs: 0 }, callback: { samples: [], wallMs: 0 } };
  const start = performance.now();
  for (let r = 0; r < rounds; r++) {
    const p = await S.sequential(() => method(params), { warmup: 0, iterations: per, maxMs: Infinity });
    const c = await callbackLoop(method, params, per);
    for (const [k, v] of [['promise', p], ['callback', c]]) {
      acc[k].samples.push(...v.samples);
      acc[k].wallMs += v.wallMs;
    }
    if (performance.now() - start > LOOP_CAP_MS) break;
  }
  const p = S.summarize(acc.promise.samples, acc.promise.wallMs);
  const c = S.summarize(acc.callback.samples, acc.callback.wallMs);
  S.table(HEAD, [
    row('detail', 'promise (await)', '1', p),
    row('detail', 'callback', '1', c, `callback/promise calls/s ${S.fmt.ratio(c.callsPerSec / p.callsPerSec)}`),
  ]);
  return {
    promise: S.compact(p),
    callback: S.compact(c),
    callbackToPromiseRate: Math.round((c.callsPerSec / p.callsPerSec) * 1000) / 1000,
  };
}

// ------------------------------------------------------------------------------------------------

async function main() {
  const t0 = performance.now();
  summary.machine = machineFacts();
  const emu = await ncloud.startEmulator({ port: 0, createDelayMs: 0 });
  try {
    const url = new URL(emu.endpoint);
    assert(url.protocol === 'http:' && url.hostname === '127.0.0.1', `emulator endpoint ${emu.endpoint} is not local`);
    console.log(`  ${'emulator'.padEnd(22)} ${emu.endpoint}`);
    // Explicit endpoint and keys (never the environment's), no retries: one call = one request.
    const base = { endpoint: emu.endpoint, accessKey: emu.accessKey, secretKey: emu.secretKey, maxRetries: 0 };
    const clients = {
      json: ncloud.createClient({ ...base, responseFormat: 'json' }),
      xml: ncloud.createClient({ ...base, responseFormat: 'xml' }),
    };
    for (const c of Object.values(clients)) assert(c.endpoint === emu.endpoint && !c.usingEmulator, 'client is not on the emulator');

    summary.resultSize = await resultSize(emu, clients);
    summary.throughput = await throughput(emu, clients);
    summary.validation = await validation(emu, clients, summary.throughput.sequential.meanMs);
    summary.style = await styles(emu, clients);
    summary.ok = true;
  } finally {
    await emu.close();
    summary.emulatorClosed = emu.closed;
    summary.totalSeconds = Math.round((performance.now() - t0) / 100) / 10;
  }
  console.log(`\ntotal ${summary.totalSeconds} s`);
}

if (process.argv[2] === 'peers') {
  // `npm run bench -- peers`: the side-by-side comparison (bench/peers.js), instead of the sections above.
  require('./peers')
    .main()
    .catch((err) => {
      console.error(err && err.stack ? err.stack : err);
      process.exitCode = 1;
    });
  return;
}

const watchdog = setTimeout(() => {
  console.error(`bench: still running after ${WATCHDOG_MS / 1000} s, giving up`);
  console.log(JSON.stringify({ ...summary, ok: false, error: 'watchdog' }));
  process.exit(1);
}, WATCHDOG_MS);
watchdog.unref();

main().then(
  () => {
    console.log(JSON.stringify(summary));
    process.exitCode = 0;
  },
  (err) => {
    console.error(err && err.stack ? err.stack : err);
    console.log(JSON.stringify({ ...summary, ok: false, error: String(err && err.message ? err.message : err) }));
    process.exitCode = 1;
  },
);
