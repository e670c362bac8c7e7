'use strict';
// Small measurement helpers for bench/index.js: sample collection, summaries, table output.
const { performance } = require('node:perf_hooks');

/** p-th percentile (0..100) of an ascending array, nearest-rank. */
function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/**
 * Summarizes per-call latencies (ms). `wallMs` is the wall time the calls took; calls/s is
 * calls / wall time (for sequential runs that is about 1 / mean).
 */
function summarize(samples, wallMs) {
  const sorted = Float64Array.from(samples).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  const calls = sorted.length;
  return {
    calls,
    meanMs: calls ? sum / calls : NaN,
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    maxMs: calls ? sorted[calls - 1] : NaN,
    callsPerSec: wallMs > 0 ? (calls * 1000) / wallMs : NaN,
  };
}

/**
 * Runs `fn` (returns a promise) sequentially: `warmup` unmeasured calls, then up to `iterations`
 * measured ones, stopping early once `maxMs` of measuring has passed (so a slow machine stays bounded).
 * Returns the raw samples and the wall time.
 */
async function sequential(fn, { warmup, iterations, maxMs }) {
  for (let i = 0; i < warmup; i++) await fn(i);
  const samples = [];
  const start = performance.now();
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    await fn(i);
    const t1 = performance.now();
    samples.push(t1 - t0);
    if (t1 - start > maxMs) break;
  }
  return { samples, wallMs: performance.now() - start };
}

/**
 * Runs `fn` with `width` calls in flight (Promise.all per batch): up to `batches` measured batches
 * after `warmupBatches`, stopping early after `maxMs`. Each call's latency is its own start-to-settle time.
 */
async function concurrent(fn, { width, warmupBatches, batches, maxMs }) {
  const batch = (record) =>
    Promise.all(
      Array.from({ length: width }, async (_, i) => {
        const t0 = performance.now();
        await fn(i);
        if (record) record.push(performance.now() - t0);
      }),
    );
  for (let b = 0; b < warmupBatches; b++) await batch(null);
  const samples = [];
  const start = performance.now();
  for (let b = 0; b < batches; b++) {
    await batch(samples);
    if (performance.now() - start > maxMs) break;
  }
  return { samples, wallMs: performance.now() - start };
}

/**
 * Interleaves several sequential cases round by round (A B A B ...) so that drift (GC, CPU frequency,
 * a concurrent build) hits each case alike. `cases`: { name: fn }. Returns { name: summary }.
 */
async function interleaved(cases, { warmup, iterations, rounds, maxMs }) {
  const names = Object.keys(cases);
  for (const n of names) await sequential(cases[n], { warmup, iterations: 0, maxMs: Infinity });
  const acc = Object.fromEntries(names.map((n) => [n, { samples: [], wallMs: 0 }]));
  const per = Math.max(1, Math.ceil(iterations / rounds));
  const start = performance.now();
  for (let r = 0; r < rounds; r++) {
    for (const n of names) {
      const { samples, wallMs } = await sequential(cases[n], { warmup: 0, iterations: per, maxMs: Infinity });
      acc[n].samples.push(...samples);
      acc[n].wallMs += wallMs;
    }
    if (performance.now() - start > maxMs) break;
  }
  return Object.fromEntries(names.map((n) => [n, summarize(acc[n].samples, acc[n].wallMs)]));
}

const fmt = {
  ms: (v) => (Number.isFinite(v) ? (v >= 100 ? v.toFixed(1) : v >= 10 ? v.toFixed(2) : v.toFixed(3)) : '-'),
  rate: (v) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : '-'),
  ratio: (v) => (Number.isFinite(v) ? `${v.toFixed(2)}x` : '-'),
};

/** Prints rows (arrays of strings) under headers, columns padded; numeric-looking cells right-aligned. */
function table(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i] ?? '').length)));
  const numeric = (s) => /^[-\d.,]+(x|%)?$/.test(s);
  const line = (cells) =>
    cells
      .map((c, i) => {
        const s = String(c ?? '');
        return numeric(s) ? s.padStart(widths[i]) : s.padEnd(widths[i]);
      })
      .join('  ')
      .trimEnd();
  console.log(line(headers));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

/** A compact copy of a summary for the JSON line (3 significant decimals). */
function compact(s) {
  const r = (v) => (Number.isFinite(v) ? Math.round(v * 1000) / 1000 : null);
  return { calls: s.calls, meanMs: r(s.meanMs), p50Ms: r(s.p50Ms), p95Ms: r(s.p95Ms), callsPerSec: Math.round(s.callsPerSec) };
}

module.exports = { percentile, summarize, sequential, concurrent, interleaved, table, fmt, compact };
