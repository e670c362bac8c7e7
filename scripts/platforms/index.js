#!/usr/bin/env node
'use strict';
// `npm run platforms [-- --only linux-arm64-gnu,win32-x64-msvc]`: for each target of package.json's
// `napi.targets`, builds the addon on this machine (targets.js says how) and, where this machine can run
// the target's Node (natively, under qemu-user or under wine), runs the user's path there:
// __test__/consumer.test.js packs that target's package, installs it into an empty app with no compiler,
// runs CommonJS, ES modules, the README's examples, the loader's message, then the repository's suites
// (seed 000, every method in JSON and XML, the golden image, errors, both old clients, the CLI, the
// portable checks) and the demo against it. Not part of `npm test`: it installs toolchains (toolchains.js,
// cached in .platforms/) and takes about half an hour on 2 cores. Prints what it did per target.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { parseArgs } = require('node:util');
const pkg = require('../../package.json');
const { suffixOf, packageOf } = require('../../lib/platform');
const { rowOf, nodeCommand, nodeEnv, root } = require('./targets');
const { toolchains, cache } = require('./toolchains');
const { buildTarget, PROFILE } = require('./build');

const { values } = parseArgs({ options: { only: { type: 'string' }, 'no-run': { type: 'boolean' } } });
const only = values.only ? values.only.split(',') : null;
const rows = pkg.napi.targets.map(rowOf).filter((r) => !only || only.includes(r.napiTarget) || only.includes(suffixOf(r.napiTarget)));
const log = (line) => console.log(`platforms: ${line}`);
const logs = path.join(cache, 'logs');
fs.mkdirSync(logs, { recursive: true });

/** Runs the user's path for `row` (consumer.test.js on the target's Node); the counts it printed. */
function runUserPath(row, tc, binaries) {
  const platform = suffixOf(row.napiTarget);
  const env = {
    ...process.env,
    NCLOUD_TARGET: row.napiTarget,
    NCLOUD_TARGET_BINARIES: binaries,
    NCLOUD_TARGET_NODE: JSON.stringify(nodeCommand(row, tc)),
    NCLOUD_TARGET_ENV: JSON.stringify(nodeEnv(row, tc)),
    NCLOUD_TARGET_NPM: JSON.stringify(row.npm ?? {}),
  };
  const started = Date.now();
  const logFile = path.join(logs, `${platform}.run.log`);
  const fd = fs.openSync(logFile, 'w');
  let r;
  try {
    r = spawnSync(process.execPath, ['--test-reporter=tap', path.join('__test__', 'consumer.test.js')], { cwd: root, env, stdio: ['ignore', fd, fd], timeout: 3_600_000 });
  } finally {
    fs.closeSync(fd);
  }
  const text = fs.readFileSync(logFile, 'utf8');
  const num = (re) => Number(re.exec(text)?.[1] ?? 0);
  const suites = [...text.matchAll(/^# suite (\S+): (\d+) passed, (\d+) failed/gm)].map((m) => ({ name: m[1], passed: Number(m[2]), failed: Number(m[3]) }));
  const demos = [...text.matchAll(/^# demo (\S+): exit (\d+)/gm)].map((m) => ({ name: m[1], ok: m[2] === '0' }));
  const summary = { passed: num(/^# pass (\d+)$/m), failed: num(/^# fail (\d+)$/m) };
  const failures = [...text.matchAll(/^\s*not ok \d+ - (.*)$/gm)].map((m) => m[1]);
  return { ok: r.status === 0, seconds: Math.round((Date.now() - started) / 1000), ...summary, suites, demos, failures };
}

const mb = (bytes) => `${(bytes / 1e6).toFixed(2)} MB`;

function main() {
  const wants = new Set(rows.flatMap((r) => [r.run, r.zig && 'zig', r.libnode && 'libnode']).filter(Boolean));
  const tc = toolchains(log, { wants });
  log(`${tc.rustc} (Debian, -Zbuild-std) for the cross builds, profile '${PROFILE}' (Cargo.toml); ${process.version} here${tc.zig ? `; zig ${tc.zig.version}` : ''}${tc.wine ? `; ${tc.wine}` : ''}`);
  const results = [];
  for (const row of rows) {
    const platform = suffixOf(row.napiTarget);
    const res = { row, platform };
    results.push(res);
    log(`${platform}: building ${row.build === 'host' ? 'with `npm run build` (release profile)' : `${row.rust} (${row.zig ? `zig cc -target ${row.zig}` : row.linker})`} …`);
    res.build = buildTarget(row, tc, path.join(logs, `${platform}.build.log`));
    log(`${platform}: ${res.build.status} in ${res.build.seconds} s${res.build.bytes ? `, ${mb(res.build.bytes)}` : ''}${res.build.note ? `; ${res.build.note}` : ''}`);
    if (res.build.status !== 'built' || !row.run || values['no-run']) continue;
    log(`${platform}: the user's path on ${row.how} …`);
    res.run = runUserPath(row, tc, path.dirname(res.build.file));
    const suites = res.run.suites.map((s) => `${s.name} ${s.passed}/${s.passed + s.failed}`).join(', ');
    log(`${platform}: ${res.run.ok ? 'passed' : 'FAILED'} in ${res.run.seconds} s: ${res.run.passed} passed, ${res.run.failed} failed (consumer app); suites on the target: ${suites || 'none ran'}; demos: ${res.run.demos.map((d) => `${d.name} ${d.ok ? 'ok' : 'FAILED'}`).join(', ') || 'none ran'}`);
    for (const f of res.run.failures.slice(0, 10)) log(`${platform}:   not ok - ${f}`);
  }

  console.log('\n| target | package | built here | run here (how) | user\'s path |');
  console.log('|---|---|---|---|---|');
  let passed = 0;
  let failed = 0;
  for (const { row, platform, build, run } of results) {
    const built = build.status === 'built' ? `built, ${mb(build.bytes)} (${build.seconds} s)` : `${build.status} (${build.seconds} s)${build.note ? `: ${build.note}` : ''}`;
    let ran = 'no';
    if (run) {
      const inner = run.suites.reduce((a, s) => ({ p: a.p + s.passed, f: a.f + s.failed }), { p: 0, f: 0 });
      passed += run.passed + inner.p;
      failed += run.failed + inner.f;
      ran = `${run.ok ? 'passed' : 'FAILED'}: app ${run.passed}/${run.passed + run.failed}, suites ${inner.p}/${inner.p + inner.f}, demos ${run.demos.filter((d) => d.ok).length}/${run.demos.length}`;
    } else if (row.run && build.status === 'built') ran = 'not run (--no-run)';
    console.log(`| ${platform} | ${packageOf(platform)} | ${built} | ${row.run ? row.how : `no: ${row.how}`} | ${ran} |`);
  }
  const buildFailed = results.filter((r) => r.build.status === 'failed').length;
  const runFailed = results.filter((r) => r.run && !r.run.ok).length;
  console.log(`\nplatforms: ${results.filter((r) => r.build.status === 'built').length} of ${results.length} targets built, ${results.filter((r) => r.run).length} run; logs in ${path.relative(root, logs)}/`);
  console.log(`platforms: ${passed} passed, ${failed} failed`);
  process.exit(buildFailed || runFailed ? 1 : 0);
}

main();
