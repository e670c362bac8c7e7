'use strict';
// The repository's npm scripts (issue 21, item 17): `npm start` in a clone whose addon is built needs no
// cargo, and the package.json npm publishes carries no script for a file the package does not ship.
const test = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { publishedManifest, ships, nodeFile } = require('../scripts/manifest');

const root = path.join(__dirname, '..');
const pkg = require('../package.json');

/** npm's own script (npm-cli.js), to run npm with a PATH of our choosing. */
function npmCli() {
  const bin = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    const p = path.join(dir, bin);
    if (fs.existsSync(p)) {
      const real = fs.realpathSync(p);
      if (real.endsWith('.js')) return real;
      const cli = path.join(path.dirname(real), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js');
      if (fs.existsSync(cli)) return cli;
    }
  }
  throw new Error('npm not found on PATH');
}

/** A PATH with node and the shell npm runs scripts with, and no cargo: a folder of links to them. */
function pathWithoutCargo(t) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ncloud-nocargo-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.symlinkSync(process.execPath, path.join(dir, path.basename(process.execPath)));
  const sh = (process.env.PATH || '').split(path.delimiter).map((d) => path.join(d, 'sh')).find((p) => fs.existsSync(p));
  if (sh) fs.symlinkSync(sh, path.join(dir, 'sh'));
  return dir;
}

test('npm start in a clone with the addon built runs the demo without cargo', (t) => {
  const env = { ...process.env, PATH: pathWithoutCargo(t) };
  assert.notEqual(spawnSync('cargo', ['--version'], { env }).status, 0, 'cargo is out of reach');
  const r = spawnSync(process.execPath, [npmCli(), 'start'], { cwd: root, env, encoding: 'utf8', timeout: 180_000 });
  assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
  assert.match(r.stderr, /ncloud: .*native\/ncloud\.[\w-]+\.node (is up to date|as it is)/);
  assert.doesNotMatch(`${r.stdout}${r.stderr}`, /napi build|cargo build/);
  assert.match(r.stdout, /Done\.\s*$/);
});

test('without a built addon and without cargo, npm start says what to install', (t) => {
  const clone = fs.mkdtempSync(path.join(os.tmpdir(), 'ncloud-clone-'));
  t.after(() => fs.rmSync(clone, { recursive: true, force: true }));
  for (const f of ['package.json', 'scripts/ensure-native.js', 'lib/platform.js']) fs.cpSync(path.join(root, f), path.join(clone, f));
  const r = spawnSync(process.execPath, [path.join(clone, 'scripts', 'ensure-native.js')], { env: { ...process.env, PATH: pathWithoutCargo(t) }, encoding: 'utf8' });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /is not built, and cargo is not on PATH: install Rust \(cargo >= [\d.]+, https:\/\/rustup\.rs\)/);
});

test('the published package.json keeps only scripts that run a file the package ships', (t) => {
  const published = publishedManifest(pkg);
  for (const name of ['start', 'prestart', 'test', 'bench', 'bench:peers', 'build', 'prepack', 'postpack', 'prepublishOnly']) {
    assert.equal(published.scripts?.[name], undefined, name);
  }
  for (const [name, script] of Object.entries(published.scripts ?? {})) {
    assert.ok(ships(pkg.files, nodeFile(script)), `${name}: ${script}`);
  }
  assert.deepEqual(published.scripts, { 'build:from-source': 'node bin/ncloud-build-native.js' });
  // Everything else is as it was.
  assert.deepEqual({ ...published, scripts: undefined }, { ...pkg, scripts: undefined });
  // npm runs the prepack / postpack steps itself: a pack of a copy of this package.json gives that
  // manifest, and leaves the copy as it was.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ncloud-pack-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const original = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
  fs.writeFileSync(path.join(dir, 'package.json'), original);
  fs.mkdirSync(path.join(dir, 'scripts'));
  fs.copyFileSync(path.join(root, 'scripts', 'manifest.js'), path.join(dir, 'scripts', 'manifest.js'));
  fs.writeFileSync(path.join(dir, 'index.js'), '');
  const name = execFileSync(process.execPath, [npmCli(), 'pack', '--silent'], { cwd: dir, encoding: 'utf8' }).trim().split('\n').pop();
  const out = path.join(dir, 'out');
  fs.mkdirSync(out);
  execFileSync('tar', ['xzf', path.join(dir, name), '-C', out]);
  assert.deepEqual(JSON.parse(fs.readFileSync(path.join(out, 'package', 'package.json'), 'utf8')), published);
  assert.equal(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'), original);
  assert.ok(!fs.existsSync(path.join(dir, '.package.json.prepack')));
});
