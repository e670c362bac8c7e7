'use strict';
/**
 * `npm run bench -- peers` (or `npm run bench:peers`): this package side by side with a pure-JS client
 * (bench/peers/purejs.js) and a raw reqwest floor (examples/raw_floor.rs), on one canned loopback
 * server (examples/peer_server.rs), in one run. Every client runs each case in a process of its own;
 * each figure is the median of RUNS runs (client order rotated run by run). Prints a table per case,
 * the ratios against the figures issue 21 asks for, and as the last line one JSON summary. On Linux each
 * case also shows where the CPU of a call goes (the client's threads and the server: bench/peers/threads.js).
 */
const { spawn, spawnSync } = require('node:child_process');
const os = require('node:os');
const path = require('node:path');
const { CASES, SCALE } = require('./peers/cases');
const { cpuByThread } = require('./peers/threads');

const ROOT = path.join(__dirname, '..');
const RUNS = Math.max(3, Number(process.env.BENCH_RUNS ?? 3) | 0);
const EXAMPLES = path.join(ROOT, 'target', 'release', 'examples');

/** Which clients run which case (the leak case is about this package only). */
const PLAN = [
  ['list10k-json', ['ncloud', 'purejs', 'floor']],
  ['list10k-xml', ['ncloud', 'purejs', 'floor']],
  ['detail-json', ['ncloud', 'purejs', 'floor']],
  ['detail-xml', ['ncloud', 'purejs', 'floor']],
  ['classic-list', ['ncloud', 'purejs', 'floor']],
  ['seq100k', ['ncloud']],
];

function run(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], ...opts });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(' ')}: exit ${code}\n${err}`))));
  });
}

function startServer() {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(EXAMPLES, 'peer_server'), ['10000'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let buf = '';
    child.on('error', reject);
    child.stdout.on('data', (d) => {
      buf += d;
      const m = /listening (\d+)/.exec(buf);
      if (m) resolve({ child, endpoint: `http://127.0.0.1:${m[1]}` });
    });
    child.on('close', (code) => reject(new Error(`peer_server exited (${code}) before listening`)));
  });
}

/** The server's CPU seconds so far (null where /proc is not there). */
function serverCpu(server) {
  const t = cpuByThread(server.child.pid);
  return t ? t.main + t.runtime + t.helpers : null;
}

async function once(client, caseName, server) {
  const { endpoint } = server;
  const c = CASES[caseName];
  const before = serverCpu(server);
  let out;
  if (client === 'floor') {
    out = await run(path.join(EXAMPLES, 'raw_floor'), [endpoint, c.path, c.format, String(c.calls), String(c.inflight), String(c.warmup)]);
  } else {
    out = await run(process.execPath, ['--expose-gc', path.join(__dirname, 'peers', 'worker.js'), client, caseName, endpoint]);
  }
  const result = JSON.parse(out.trim().split('\n').pop());
  const after = serverCpu(server);
  // The server served this client alone, its warm-up calls too: CPU seconds per call it answered.
  if (before !== null && after !== null) result.serverCpuPerCall = (after - before) / (c.calls + c.warmup);
  if (client === 'floor') result.cpuByThread = { main: 0, runtime: result.cpuSeconds, helpers: 0 };
  return result;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const mib = (b) => (b / 2 ** 20).toFixed(1);
const pad = (rows) => {
  const w = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows.map((r) => r.map((v, i) => (i === 0 ? String(v).padEnd(w[i]) : String(v).padStart(w[i]))).join('  ')).join('\n');
};

/** Median CPU per call, by thread of the client and for the server (µs), when /proc gave them. */
function cpuSplit(ss, calls) {
  if (!ss.every((x) => x.cpuByThread && x.serverCpuPerCall !== undefined)) return {};
  const us = (f) => (median(ss.map(f)) * 1e6);
  return {
    cpuUsPerCall: {
      main: us((x) => x.cpuByThread.main / calls),
      runtime: us((x) => x.cpuByThread.runtime / calls),
      helpers: us((x) => x.cpuByThread.helpers / calls),
      server: us((x) => x.serverCpuPerCall),
    },
  };
}

/**
 * Where each client's calls spend CPU, and for the cases with calls in flight what that allows. When
 * the clients and the server together keep every core busy, the throughput follows the CPU a call
 * costs in all of them; the last line is the ratio to the floor this package would reach if its
 * runtime threads cost exactly what the floor's do, i.e. what its JavaScript side alone leaves.
 */
function printCpu(c, fig) {
  if (!Object.values(fig).every((f) => f.cpuUsPerCall)) return;
  const long = Object.values(fig).some((f) => f.msPerCall >= 1);
  const unit = long ? 'ms' : 'µs';
  const k = long ? 1e-3 : 1;
  const cores = os.cpus().length;
  const rows = [['CPU a call (' + unit + ')', 'JS thread', 'runtime', 'helpers', 'client', 'server', 'cores busy']];
  for (const [client, f] of Object.entries(fig)) {
    const u = f.cpuUsPerCall;
    const total = u.main + u.runtime + u.helpers;
    const busy = ((total + u.server) * 1e-6) / (f.msPerCall / 1000);
    rows.push([client, (u.main * k).toFixed(1), (u.runtime * k).toFixed(1), (u.helpers * k).toFixed(1), (total * k).toFixed(1), (u.server * k).toFixed(1), `${busy.toFixed(2)} of ${cores}`]);
  }
  console.log(pad(rows));
  if (c.inflight > 1 && fig.ncloud && fig.floor) {
    const n = fig.ncloud.cpuUsPerCall;
    const fl = fig.floor.cpuUsPerCall;
    const bound = (fl.runtime + fl.server) / (fl.runtime + n.main + n.helpers + n.server);
    console.log(`  CPU-bound, the floor's own runtime cost plus this package's JavaScript side allow at most ${bound.toFixed(2)}x the floor`);
    fig.ncloud.boundVsFloor = bound;
  }
  if (c.inflight === 1 && fig.ncloud && fig.purejs) {
    const n = fig.ncloud.cpuUsPerCall;
    const js = fig.purejs.cpuUsPerCall.main / n.main;
    console.log(`  the pure-JS client's JavaScript thread works ${js.toFixed(2)}x as long as this package's; its runtime pass (${(n.runtime * 1e-3).toFixed(1)} ms) runs beside that on the other core`);
    fig.ncloud.jsThreadVsPureJs = js;
  }
}

async function main() {
  const t0 = Date.now();
  const cpus = os.cpus();
  console.log('ncloud peers benchmark: this package vs a pure-JS client vs a raw reqwest floor, one canned loopback server');
  console.log(`  node ${process.version}, ${process.platform}-${process.arch}, ${cpus.length} cpus (${cpus[0]?.model.trim()}), load ${os.loadavg()[0].toFixed(2)}, ${RUNS} runs per figure (median)${SCALE !== 1 ? `, BENCH_SCALE ${SCALE}` : ''}`);
  console.error('building the bench binaries (cargo build --release --examples) ...');
  const build = spawnSync('cargo', ['build', '--release', '--examples', '--quiet'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('cargo build --release --examples failed');
  const buildSeconds = Math.round((Date.now() - t0) / 1000);
  const server = await startServer();
  const summary = { ok: false, runs: RUNS, scale: SCALE, cases: {} };
  try {
    for (const [caseName, clients] of PLAN) {
      const c = CASES[caseName];
      const samples = Object.fromEntries(clients.map((k) => [k, []]));
      for (let r = 0; r < RUNS; r++) {
        const order = clients.map((_, i) => clients[(i + r) % clients.length]);
        for (const client of order) samples[client].push(await once(client, caseName, server));
      }
      // Same results from both JS-facing clients.
      if (samples.ncloud && samples.purejs) {
        const a = samples.ncloud[0].digest;
        const b = samples.purejs[0].digest;
        if (a !== b) throw new Error(`${caseName}: ncloud and purejs results differ (${a} vs ${b})`);
      }
      const fig = {};
      for (const [client, ss] of Object.entries(samples)) {
        const seconds = median(ss.map((s) => s.seconds));
        fig[client] = {
          msPerCall: (seconds * 1000) / c.calls,
          callsPerSec: c.calls / seconds,
          cpuSeconds: median(ss.map((s) => s.cpuSeconds)),
          peakRssBytes: median(ss.map((s) => s.peakRssBytes)),
          ...cpuSplit(ss, c.calls),
          ...(c.leak ? { rssGrowthBytes: median(ss.map((s) => s.rssGrowthBytes)) } : {}),
        };
      }
      summary.cases[caseName] = fig;
      console.log(`\n== ${c.title}  (${c.calls} measured calls${c.inflight > 1 ? `, ${c.inflight} in flight` : ''})`);
      const head = ['client', c.inflight > 1 ? 'calls/s' : 'ms/call', 'CPU s', 'peak RSS MiB', c.leak ? 'RSS growth MiB' : 'vs pure-JS', 'vs floor'];
      const rows = [head];
      for (const [client, f] of Object.entries(fig)) {
        const vsJs = fig.purejs && client !== 'purejs'
          ? (c.inflight > 1 ? f.callsPerSec / fig.purejs.callsPerSec : f.msPerCall / fig.purejs.msPerCall).toFixed(2) + (c.inflight > 1 ? 'x thr' : 'x time')
          : '';
        const vsFloor = fig.floor && client !== 'floor'
          ? (c.inflight > 1 ? f.callsPerSec / fig.floor.callsPerSec : f.msPerCall / fig.floor.msPerCall).toFixed(2) + (c.inflight > 1 ? 'x thr' : 'x time')
          : '';
        rows.push([
          client,
          c.inflight > 1 ? Math.round(f.callsPerSec) : f.msPerCall.toFixed(1),
          f.cpuSeconds.toFixed(2),
          mib(f.peakRssBytes),
          c.leak ? mib(f.rssGrowthBytes) : vsJs,
          vsFloor,
        ]);
      }
      console.log(pad(rows));
      printCpu(c, fig);
    }
  } finally {
    server.child.kill();
  }
  // The figures issue 21 asks for (of a client created with no options).
  const s = summary.cases;
  const checks = [];
  const check = (label, value, target, ok) => checks.push({ label, value: Number(value.toFixed(3)), target, ok });
  for (const fmt of ['json', 'xml']) {
    const k = s[`list10k-${fmt}`];
    if (!k) continue;
    const speed = k.purejs.msPerCall / k.ncloud.msPerCall;
    const want = fmt === 'json' ? 1.4 : 8;
    check(`10k list ${fmt}: speed vs pure-JS (its time / ours)`, speed, `>= ${want}`, speed >= want);
    check(`10k list ${fmt}: peak RSS vs pure-JS`, k.ncloud.peakRssBytes / k.purejs.peakRssBytes, '<= 1', k.ncloud.peakRssBytes <= k.purejs.peakRssBytes);
  }
  for (const name of ['detail-json', 'detail-xml', 'classic-list']) {
    const k = s[name];
    if (!k) continue;
    check(`${name}: throughput vs pure-JS`, k.ncloud.callsPerSec / k.purejs.callsPerSec, '>= 2', k.ncloud.callsPerSec >= 2 * k.purejs.callsPerSec);
    if (name !== 'classic-list') check(`${name}: throughput vs floor`, k.ncloud.callsPerSec / k.floor.callsPerSec, '>= 0.75', k.ncloud.callsPerSec >= 0.75 * k.floor.callsPerSec);
    else check(`${name}: throughput vs floor`, k.ncloud.callsPerSec / k.floor.callsPerSec, '(shown)', true);
  }
  if (s.seq100k) check('100k sequential: RSS growth MiB', s.seq100k.ncloud.rssGrowthBytes / 2 ** 20, '< 10', s.seq100k.ncloud.rssGrowthBytes < 10 * 2 ** 20);
  console.log('\n== figures of issue 21 (the client as created with no options)');
  console.log(pad([['figure', 'value', 'target', ''], ...checks.map((c) => [c.label, c.value, c.target, c.ok ? 'met' : 'MISSED'])]));
  summary.checks = checks;
  summary.seconds = Math.round((Date.now() - t0) / 1000);
  summary.buildSeconds = buildSeconds;
  summary.ok = true;
  console.log(`\nwhole peers run: ${summary.seconds} s (of which ${buildSeconds} s building the bench binaries)`);
  console.log(JSON.stringify(summary));
}

module.exports = { main };
if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
