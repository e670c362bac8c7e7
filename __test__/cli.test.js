'use strict';
// `ncloud-emulator` as its users run it: --version, range errors in its own words, a bad --fixture named,
// scenario files with --scene, and one log line per request on stderr (with the reason of a 401, never a
// signature or a secret), --quiet.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');
const { ncloud, NODE } = require('./helpers');

const bin = path.join(__dirname, '..', 'bin', 'ncloud-emulator.js');

function cli(args) {
  const r = spawnSync(NODE[0], [...NODE.slice(1), bin, ...args], { encoding: 'utf8', timeout: 20_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Starts the CLI with --json (and --stop-on-stdin-close); resolves { child, info, stderr() } once it listens. */
function serve(args) {
  const child = spawn(NODE[0], [...NODE.slice(1), bin, '--port', '0', '--json', '--stop-on-stdin-close', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve({ child, info: JSON.parse(out.split('\n')[0]), stderr: () => err });
    });
    child.once('exit', (code) => reject(new Error(`exited early with ${code}: ${err}`)));
  });
}

/** Stops the CLI as a script would: SIGTERM, or on Windows (no SIGTERM there) by closing its stdin. */
async function stop(child, how = process.platform === 'win32' ? 'stdin' : 'SIGTERM') {
  const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  if (how === 'stdin') child.stdin.end();
  else child.kill(how);
  return exited;
}

test('--version prints the package version', () => {
  const r = cli(['--version']);
  assert.equal(r.code, 0);
  assert.equal(r.stdout.trim(), require('../package.json').version);
});

test('out-of-range options are refused in the CLI\'s own words', () => {
  for (const [args, message] of [
    [['--port', '99999'], /--port must be an integer 0–65535, got '99999'/],
    [['--port=-1'], /--port must be an integer 0–65535/],
    [['--port', 'http'], /--port must be an integer 0–65535/],
    [['--failure-rate', '2'], /--failure-rate must be a number 0–1, got '2'/],
    [['--failure-rate', 'NaN'], /--failure-rate must be a number 0–1/],
    [['--create-delay-ms', '1.5'], /--create-delay-ms must be an integer/],
    [['--colour'], /Unknown option '--colour'/],
  ]) {
    const r = cli(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, message);
    assert.doesNotMatch(r.stderr, /serde|invalid type|unknown variant/);
  }
});

test('a bad --fixture names the file', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ncloud-cli-'));
  try {
    const missing = path.join(dir, 'missing.json');
    let r = cli(['--fixture', missing]);
    assert.equal(r.code, 2);
    assert.ok(r.stderr.includes(`--fixture ${missing}: no such file`), r.stderr);
    const broken = path.join(dir, 'broken.json');
    fs.writeFileSync(broken, '{ "vpc": ');
    r = cli(['--fixture', broken]);
    assert.equal(r.code, 2);
    assert.ok(r.stderr.includes(`--fixture ${broken}:`), r.stderr);
    const wrong = path.join(dir, 'wrong.json');
    fs.writeFileSync(wrong, JSON.stringify({ vpc: { serverz: [] } }));
    r = cli(['--port', '0', '--fixture', wrong]);
    assert.equal(r.code, 2);
    assert.ok(r.stderr.includes(`--fixture ${wrong}:`), r.stderr);
    assert.match(r.stderr, /serverz/);
    // A scenario file needs --scene, and says which scenes it has.
    r = cli(['--fixture', path.join(__dirname, '..', 'fixtures', 'seed-000.json')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /is a scenario file: add --scene <name>, one of findPrivateImages, createPrivateImage/);
    r = cli(['--fixture', path.join(__dirname, '..', 'fixtures', 'seed-000.json'), '--scene', 'nope']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /has no scene 'nope'/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('--fixture <scenario file> --scene <name> serves that scene (the seed images)', async () => {
  const file = path.join(__dirname, '..', 'fixtures', 'seed-000.json');
  const { child, info } = await serve(['--quiet', '--fixture', file, '--scene', 'findPrivateImages']);
  try {
    const c = ncloud.createClient(info);
    const images = await c.compute.findPrivateImages();
    // The seed's two images (the seed masks their numbers).
    const want = require('./expected/seed-000.json').findPrivateImages;
    assert.deepEqual(images.map((i) => ({ ...i, privateImageNo: '__PLACEHOLDER__' })), want);
  } finally {
    assert.equal(await stop(child), 0);
  }
});

test('one log line per request on stderr, with the reason of a 401 and no secret; --quiet turns it off', async () => {
  const { child, info, stderr } = await serve([]);
  let logged;
  try {
    const good = ncloud.createClient(info);
    await good.compute.getRegionList();
    const bad = ncloud.createClient({ ...info, secretKey: 'not-the-secret-key', maxRetries: 0 });
    await assert.rejects(bad.compute.getZoneList(), { code: 'ERR_AUTH' });
    // The CLI prints its log every 100 ms.
    for (let i = 0; i < 50 && stderr().split('\n').filter(Boolean).length < 2; i++) await new Promise((r) => setTimeout(r, 50));
    logged = stderr();
  } finally {
    assert.equal(await stop(child), 0);
  }
  const lines = logged.split('\n').filter(Boolean);
  assert.equal(lines.length, 2, logged);
  assert.match(lines[0], /^\d{4}-\d\d-\d\dT\S+ POST getRegionList 200$/);
  assert.match(lines[1], /^\S+ POST getZoneList 401 \(Authentication Failed: signature mismatch\)$/);
  assert.ok(!logged.includes(info.secretKey) && !logged.includes('not-the-secret-key'), 'no secret in the log');
  assert.doesNotMatch(logged, /[A-Za-z0-9+/]{43}=/, 'no signature in the log');

  const quiet = await serve(['--quiet']);
  try {
    await ncloud.createClient(quiet.info).compute.getRegionList();
    await new Promise((r) => setTimeout(r, 300));
  } finally {
    assert.equal(await stop(quiet.child), 0);
  }
  assert.equal(quiet.stderr(), '');
});

test('--stop-on-stdin-close: closing its stdin stops it (exit 0, the log flushed) and frees its port', async () => {
  const { child, info, stderr } = await serve([]);
  await ncloud.createClient(info).compute.getRegionList();
  assert.equal(await stop(child, 'stdin'), 0);
  assert.match(stderr(), /getRegionList 200/, 'the last requests are logged before it exits');
  const { port } = new URL(info.endpoint);
  const refused = await new Promise((resolve) => {
    const socket = require('node:net').connect(Number(port), '127.0.0.1');
    socket.once('connect', () => socket.destroy() && resolve(false)).once('error', (e) => resolve(e.code));
  });
  assert.equal(refused, 'ECONNREFUSED', 'nothing listens on its port any more');
});

/** The HTTP status of a GET, with node:http (Node's fetch fails under wine, where this suite also runs). */
function statusOf(url) {
  return new Promise((resolve, reject) => {
    require('node:http')
      .get(url, (res) => {
        res.resume();
        resolve(res.statusCode);
      })
      .on('error', reject);
  });
}

test('--state FILE: the world saved when it stops is the one it starts from next time; --no-console', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ncloud-cli-state-'));
  const file = path.join(dir, 'world.json');
  const first = await serve(['--state', file, '--create-delay-ms', '0']);
  let stopped;
  try {
    const { compute } = ncloud.createClient(first.info);
    await compute.vpc.createLoginKey({ keyName: 'kept-across-runs' });
    assert.equal(await statusOf(`${first.info.endpoint}/__console`), 200, 'the console is on by default');
  } finally {
    stopped = await stop(first.child);
  }
  assert.equal(stopped, 0);
  const saved = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.equal(saved.base, 'empty');
  assert.ok(saved.vpc.loginKeys.some((k) => k.keyName === 'kept-across-runs'));

  const second = await serve(['--state', file, '--no-console']);
  try {
    const again = ncloud.createClient(second.info).compute;
    assert.equal((await again.getLoginKeyList({ keyName: 'kept-across-runs' })).totalRows, 1);
    assert.equal(await statusOf(`${second.info.endpoint}/__console`), 404);
  } finally {
    assert.equal(await stop(second.child), 0);
  }
  const broken = path.join(dir, 'broken.json');
  fs.writeFileSync(broken, '{"snapshot": {"rng": "x"}}');
  const r = cli(['--port', '0', '--state', broken]);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /--state .*broken\.json/);
});
