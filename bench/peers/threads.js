'use strict';
/**
 * Where a process spends its CPU, by thread, from Linux's /proc (each thread's `schedstat`: nanoseconds
 * on a CPU). `cpuByThread(pid)` sums them as { main, runtime, helpers } seconds: the process's first
 * thread (Node's JavaScript thread), the core's tokio workers (`tokio-rt-worker`), and everything else
 * (V8's garbage-collection helpers, libuv's pool). Elsewhere than Linux it returns null and the bench
 * prints no split.
 */
const fs = require('node:fs');

function cpuByThread(pid = process.pid) {
  let tids;
  try {
    tids = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    return null;
  }
  const out = { main: 0, runtime: 0, helpers: 0 };
  for (const tid of tids) {
    let ns;
    let name;
    try {
      ns = Number(fs.readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
      name = fs.readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
    } catch {
      continue; // the thread ended meanwhile
    }
    const kind = String(tid) === String(pid) ? 'main' : name.startsWith('tokio-rt') ? 'runtime' : 'helpers';
    out[kind] += ns / 1e9;
  }
  return out;
}

/** `b - a` per kind (threads that ended between the two readings are not counted). */
function since(a, b) {
  if (!a || !b) return null;
  return { main: b.main - a.main, runtime: b.runtime - a.runtime, helpers: b.helpers - a.helpers };
}

module.exports = { cpuByThread, since };
