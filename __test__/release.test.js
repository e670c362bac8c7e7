'use strict';
// The release agrees with itself and with `npm run platforms`: package.json's napi.targets, the release
// workflow's build and test matrices, the per-platform packages in npm/ (names, os, cpu, libc, binary),
// and scripts/platforms/targets.js (how each target is built and run here) name the same six targets.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const yaml = require('js-yaml');
const pkg = require('../package.json');
const { suffixOf, packageOf } = require('../lib/platform');
const { ROWS } = require('../scripts/platforms/targets');
const { SUITES } = require('./consumer/target');

const root = path.join(__dirname, '..');
const workflow = yaml.load(fs.readFileSync(path.join(root, '.github', 'workflows', 'release.yml'), 'utf8'));
const targets = pkg.napi.targets;
const sorted = (list) => [...list].sort();

/** What npm reads to pick a platform package: `{ os, cpu, libc? }` of a napi platform suffix. */
function npmFieldsOf(suffix) {
  const [os, cpu, abi] = suffix.split('-');
  return { os, cpu, ...(os === 'linux' ? { libc: abi === 'musl' ? 'musl' : 'glibc' } : {}) };
}

test('the release workflow builds each of napi.targets once, with napi build --target <it>', () => {
  const builds = workflow.jobs.build.strategy.matrix.include;
  assert.deepEqual(sorted(builds.map((b) => b.target)), sorted(targets));
  for (const b of builds) {
    assert.match(b.build, new RegExp(`napi build --platform --release --target ${b.target} `), b.target);
    assert.match(b.build, /--output-dir native /, `${b.target}: into native/, where napi artifacts looks`);
  }
});

test('the release workflow tests every target it can run, with the suites npm run platforms runs', () => {
  const tested = workflow.jobs.test.strategy.matrix.include.map((t) => t.target);
  const musl = targets.filter((t) => t.endsWith('-musl'));
  assert.deepEqual(sorted([...tested, ...musl]), sorted(targets), 'each target in the test matrix or the Alpine job');
  const steps = [...workflow.jobs.test.steps, ...workflow.jobs['test-musl'].steps].map((s) => s.run).filter((r) => r && r.includes('node --test'));
  assert.equal(steps.length, 2);
  for (const run of steps) {
    for (const suite of ['consumer', ...SUITES]) assert.ok(run.includes(`__test__/${suite}.test.js`), `${run}: runs ${suite}`);
  }
});

test('npm/ holds one package per target: its name, os, cpu, libc and binary', () => {
  assert.deepEqual(sorted(fs.readdirSync(path.join(root, 'npm'))), sorted(targets.map(suffixOf)));
  for (const target of targets) {
    const suffix = suffixOf(target);
    const p = JSON.parse(fs.readFileSync(path.join(root, 'npm', suffix, 'package.json'), 'utf8'));
    assert.equal(p.name, packageOf(suffix));
    assert.equal(p.version, pkg.version, `${p.name}: the main package's version`);
    const want = npmFieldsOf(suffix);
    assert.deepEqual(p.os, [want.os], `${p.name}: os`);
    assert.deepEqual(p.cpu, [want.cpu], `${p.name}: cpu`);
    assert.deepEqual(p.libc, want.libc && [want.libc], `${p.name}: libc`);
    assert.equal(p.main, `ncloud.${suffix}.node`);
    assert.deepEqual(p.files, [p.main]);
  }
});

test('scripts/platforms knows how to build each target, and installs each as npm would on it', () => {
  assert.deepEqual(sorted(Object.keys(ROWS)), sorted(targets));
  for (const [target, row] of Object.entries(ROWS)) {
    assert.ok(['host', 'cross'].includes(row.build), target);
    if (row.run && row.run !== 'host') assert.deepEqual(row.npm, npmFieldsOf(suffixOf(target)), `${target}: npm --os/--cpu/--libc`);
    if (!row.run) assert.ok(row.how.startsWith('cannot run here'), `${target}: says why it does not run`);
  }
});

test("docs/install.md's table has a row for each package", () => {
  const doc = fs.readFileSync(path.join(root, 'docs', 'install.md'), 'utf8');
  const rows = doc.split('\n').filter((l) => l.startsWith('| ') && l.includes('`ncloud-client-'));
  const named = rows.flatMap((l) => [...l.matchAll(/`(ncloud-client-[\w-]+)`/g)].map((m) => m[1]));
  assert.deepEqual(sorted(named), sorted(targets.map((t) => packageOf(suffixOf(t)))));
  for (const row of rows) assert.equal(row.split(' | ').length, 5, `five columns (platform, package, built here, run here, release): ${row}`);
});
