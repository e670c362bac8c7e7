'use strict';
// A user's app, as a new user gets it: the main package and this platform's binary package are packed
// with `npm pack` (scripts/pack.js, the napi-rs release flow), served by a local registry
// (consumer/registry.js) and installed into an empty app directory as the README says: `ncloud-client`
// by its name and, for drop-in users, under the alias `"ncloud": "npm:ncloud-client@^x"`, with no
// compiler on PATH. Then used from CommonJS, ES modules (through the alias, as an old app does) and
// strict TypeScript (module node16 and bundler, exactOptionalPropertyTypes). Every code block of the
// README and of docs/*.md runs there too, as printed, with only `ncloud-client` installed (the alias set
// aside) and no credentials in the environment; the README's first one also with `require('ncloud')`.
// `npm run platforms` runs this file for each target it builds (consumer/target.js): that target's
// package, installed as npm installs it there, the app run by that platform's Node (under qemu-user or
// wine), and then the repository's own suites and demo against the installed package.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync, spawn, spawnSync } = require('node:child_process');
const { readmeBlocks, docBlocks } = require('./readme-blocks');
const { startRegistry } = require('./consumer/registry');
const { TARGET, SUITES, runNode, startNode, npmEnv, packArgs } = require('./consumer/target');

const root = path.join(__dirname, '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const COMPILERS = ['cargo', 'rustc', 'rustup', 'cc', 'gcc', 'g++', 'c++', 'clang', 'make', 'cmake', 'napi', 'node-gyp', 'zig'];

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ncloud-consumer-'));
const app = path.join(work, 'app');
const marker = path.join(work, 'compiler-calls.txt');
let packed;
let installMs;

/** PATH with shims that record any compiler the install would run, ahead of node's own directory. */
function shimmedEnv() {
  const shims = path.join(work, 'shims');
  fs.mkdirSync(shims, { recursive: true });
  for (const name of COMPILERS) {
    const file = path.join(shims, name);
    fs.writeFileSync(file, `#!/bin/sh\necho "${name} $*" >> '${marker}'\nexit 127\n`);
    fs.chmodSync(file, 0o755);
  }
  return {
    ...process.env,
    PATH: [shims, path.dirname(process.execPath), '/usr/bin', '/bin'].join(path.delimiter),
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
}

/** Runs the app's Node (this one, or the target's) in the app. */
function node(args, opts = {}) {
  return runNode(args, { cwd: app, ...opts });
}

/** Runs this machine's Node (for tools such as tsc that do not load the addon). */
function hostNode(args, opts = {}) {
  const r = spawnSync(process.execPath, args, { cwd: app, encoding: 'utf8', timeout: 60_000, ...opts });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** A user's home for the app's Node: HOME, and on Windows the profile (USERPROFILE). */
const homeEnv = (dir) => ({ HOME: dir, USERPROFILE: dir });

/** Runs a command without blocking the event loop (the registry answers from this process). */
function run(cmd, args, opts) {
  return new Promise((resolve) => {
    // npm is npm.cmd on Windows, which Node runs only through a shell (since 20.12.2).
    const child = spawn(cmd, args, { ...opts, shell: process.platform === 'win32', stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeout ?? 120_000);
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

test.before(async () => {
  packed = JSON.parse(execFileSync(process.execPath, [path.join(root, 'scripts', 'pack.js'), path.join(work, 'tarballs'), ...packArgs()], { encoding: 'utf8' }).trim().split('\n').pop());
  fs.mkdirSync(app);
  const { version } = require('../package.json');
  // What the README tells users to write: the package by its name, and the alias for drop-in users.
  const dependencies = { ncloud: `npm:ncloud-client@^${version}`, 'ncloud-client': `^${version}` };
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'consumer-app', version: '1.0.0', private: true, dependencies }, null, 2));
  const registry = await startRegistry([packed.main, packed.platform]);
  const started = Date.now();
  try {
    const r = await run(npm, ['install', '--no-audit', '--no-fund', '--prefer-online'], {
      cwd: app,
      env: { ...shimmedEnv(), ...npmEnv(), npm_config_registry: registry.url, npm_config_cache: path.join(work, 'npm-cache') },
      timeout: 120_000,
    });
    assert.equal(r.status, 0, `npm install failed:\n${r.stdout}\n${r.stderr}`);
  } finally {
    installMs = Date.now() - started;
    await registry.close();
  }
});

test.after(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

test('the install runs no compiler and no install script, and takes the binary from the platform package', () => {
  assert.equal(fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8') : '', '', 'no compiler may run during the install');
  const installed = path.join(app, 'node_modules', 'ncloud-client');
  const pkg = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8'));
  assert.equal(pkg.name, 'ncloud-client');
  // The alias: node_modules/ncloud is ncloud-client, installed from the same tarball.
  assert.equal(JSON.parse(fs.readFileSync(path.join(app, 'node_modules', 'ncloud', 'package.json'), 'utf8')).name, 'ncloud-client');
  for (const f of ['LICENSE', 'README.md']) assert.ok(fs.existsSync(path.join(installed, f)), `the package carries ${f}`);
  for (const k of ['repository', 'bugs', 'homepage']) assert.ok(pkg[k], `package.json has ${k}`);
  for (const s of ['preinstall', 'install', 'postinstall', 'prepare']) assert.equal(pkg.scripts?.[s], undefined, `no ${s} script`);
  // No script for a file the package does not ship (start, test, bench are the repository's own).
  for (const s of ['start', 'test', 'bench']) assert.equal(pkg.scripts?.[s], undefined, `no ${s} script`);
  for (const [name, script] of Object.entries(pkg.scripts ?? {})) {
    const file = /^node\s+(\S+)$/.exec(script);
    assert.ok(file && fs.existsSync(path.join(installed, file[1])), `script ${name} (${script}) runs a file the package ships`);
  }
  assert.deepEqual(pkg.optionalDependencies, { [packed.platformPackage]: pkg.version });
  assert.deepEqual(
    fs.readdirSync(path.join(installed, 'native')).filter((f) => f.endsWith('.node')),
    [],
    'the main package carries no binary',
  );
  assert.equal(packed.platformPackage, `ncloud-client-${packed.platformSuffix}`);
  const binary = path.join(app, 'node_modules', packed.platformPackage, `ncloud.${packed.platformSuffix}.node`);
  assert.ok(fs.existsSync(binary), binary);
  // Every file the package names exists (entry points, types, bins, fixtures it exports).
  const named = [pkg.main, pkg.types, ...Object.values(pkg.bin)];
  for (const cond of Object.values(pkg.exports['.'])) named.push(cond.types, cond.default);
  for (const f of named) assert.ok(fs.existsSync(path.join(installed, f)), `the installed package has ${f}`);
  console.log(`# consumer install: ${installMs} ms; binary ${packed.binaryBytes} bytes`);
});

test('CommonJS: a real call against startEmulator(), both call styles', () => {
  fs.copyFileSync(path.join(__dirname, 'consumer', 'app.cjs'), path.join(app, 'app.cjs'));
  const r = node(['app.cjs']);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout.trim());
  assert.equal(out.style, 'cjs');
  assert.ok(out.regions > 0);
  assert.equal(out.binaries.length, 1);
  // The app's own separators (a Windows path under wine).
  assert.ok(out.binaries[0].replace(/\\/g, '/').includes(`node_modules/${packed.platformPackage}/`), out.binaries[0]);
});

test('ES modules: default and named imports, a real call', () => {
  fs.copyFileSync(path.join(__dirname, 'consumer', 'app.mjs'), path.join(app, 'app.mjs'));
  const r = node(['app.mjs']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout.trim()), { style: 'esm', images: JSON.parse(r.stdout.trim()).images, code: 'ERR_API' });
});

test('without a binary for the platform, the loader says what it looked for and how to build from source', () => {
  const pkgDir = path.join(app, 'node_modules', packed.platformPackage);
  const aside = `${pkgDir}.aside`;
  fs.renameSync(pkgDir, aside);
  try {
    const r = node(['-e', "try { require('ncloud-client') } catch (e) { console.log(JSON.stringify({ code: e.code, message: e.message })) }"]);
    assert.equal(r.code, 0, r.stderr);
    const e = JSON.parse(r.stdout.trim());
    assert.equal(e.code, 'ERR_NCLOUD_NATIVE_MISSING');
    const platform = packed.platformSuffix;
    assert.ok(e.message.includes(`(${platform},`), e.message);
    assert.ok(e.message.includes(`platform: ${TARGET.platform}, arch: ${TARGET.arch}, libc: `), e.message);
    assert.ok(e.message.includes(`the package ${packed.platformPackage}@`), e.message);
    assert.ok(e.message.includes('npm install --include=optional'), e.message);
    assert.match(e.message, /cargo >= \d+\.\d+/);
    assert.ok(e.message.includes('npx ncloud-build-native'), e.message);
    // Short: no list of every package napi-rs knows (no wasm32-wasi package exists).
    assert.ok(e.message.split('\n').length <= 6, e.message);
    assert.doesNotMatch(e.message, /wasm32|wasi/);
  } finally {
    fs.renameSync(aside, pkgDir);
  }
});

test('the one-liner of a fresh install works', () => {
  for (const name of ['ncloud-client', 'ncloud']) {
    const r = node(['-e', `require('${name}').startEmulator({port:0}).then(e=>e.close())`]);
    assert.equal(r.code, 0, r.stderr);
  }
});

test("the README's first example runs as printed, and with require('ncloud') (the alias) for require('ncloud-client')", () => {
  const first = readmeBlocks().find((b) => b.lang === 'js' && !b.skip);
  assert.ok(first, 'the README has a runnable example');
  assert.ok(first.line <= 60, `the first runnable example starts within the first 60 lines (line ${first.line})`);
  assert.match(first.code, /require\('ncloud-client'\)/, 'the first example uses the published name');
  assert.match(first.code, /startEmulator\(/, 'the first example runs against the embedded emulator (no account)');
  const head = fs.readFileSync(path.join(root, 'README.md'), 'utf8').split('\n').slice(0, 60).join('\n');
  assert.match(head, /^npm install ncloud-client$/m, 'the install command is in the first 60 lines');
  assert.match(head, /npm:ncloud-client/, 'so is the alias for drop-in users');
  const env = { ...process.env, ...homeEnv(work) };
  for (const [file, code] of [
    ['first.cjs', first.code],
    ['first-alias.cjs', first.code.replaceAll("require('ncloud-client')", "require('ncloud')")],
  ]) {
    fs.writeFileSync(path.join(app, file), code);
    const r = node([file], { env });
    assert.equal(r.code, 0, `${file}:\n${r.stdout}\n${r.stderr}`);
  }
});

/** Runs `fn` with the `ncloud` alias set aside: an app that installed only `ncloud-client`. */
async function withoutAlias(fn) {
  const alias = path.join(app, 'node_modules', 'ncloud');
  const aside = path.join(work, 'ncloud-alias-aside');
  fs.renameSync(alias, aside);
  try {
    return await fn();
  } finally {
    fs.renameSync(aside, alias);
  }
}

const TS_BASE = {
  strict: true,
  exactOptionalPropertyTypes: true,
  noEmit: true,
  target: 'ES2022',
  lib: ['ES2022'],
  types: ['node'],
  typeRoots: [path.join(root, 'node_modules', '@types')],
  allowJs: true,
  checkJs: true,
  resolveJsonModule: true,
  skipLibCheck: false,
};

/** `tsc -p` over `files` of the app, module node16 and bundler (`.cts` files are CommonJS-only TypeScript). */
function typeCheck(files, tag) {
  const configs = {
    node16: [{ ...TS_BASE, module: 'node16', moduleResolution: 'node16' }, files],
    bundler: [{ ...TS_BASE, module: 'esnext', moduleResolution: 'bundler' }, files.filter((f) => !f.endsWith('.cts'))],
  };
  for (const [name, [compilerOptions, list]] of Object.entries(configs)) {
    const config = path.join(app, `tsconfig.${tag}.${name}.json`);
    fs.writeFileSync(config, JSON.stringify({ compilerOptions, files: list }, null, 2));
    const r = hostNode([tsc, '-p', config], { timeout: 120_000 });
    assert.equal(r.code, 0, `tsc (${tag}, ${name}):\n${r.stdout}${r.stderr}`);
  }
}

test('strict TypeScript (node16 and bundler) accepts the usage files', () => {
  const files = ['usage.mts', 'usage.cts'];
  for (const f of files) fs.copyFileSync(path.join(__dirname, 'consumer', f), path.join(app, f));
  typeCheck(files, 'usage');
});

test('strict TypeScript accepts every code block of the README and docs/ as printed, with only ncloud-client installed', async () => {
  const blocks = docBlocks().filter((b) => b.lang === 'js' && !b.skip);
  assert.ok(blocks.length >= 10, 'the README and docs have their examples');
  for (const b of blocks) fs.writeFileSync(path.join(app, b.file), b.code);
  await withoutAlias(() => typeCheck(blocks.map((b) => b.file), 'docs'));
});

test('every code block of the README and docs/ runs as printed, with only ncloud-client installed and no credentials in the environment', async () => {
  // Nothing of the machine's NCP set-up: no keys, no gateway, no ~/.ncloud/configure (HOME is empty).
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('NCLOUD_')));
  Object.assign(env, homeEnv(work));
  await withoutAlias(async () => {
    for (const b of docBlocks()) {
      if (b.skip) {
        assert.ok(b.skip.length > 5, `${b.where}: a skip needs a reason`);
        continue;
      }
      // NCLOUD_EMULATOR=1 only for the blocks after their file says to set it.
      const blockEnv = b.emulatorEnv ? { ...env, NCLOUD_EMULATOR: '1' } : env;
      if (b.lang === 'js') {
        fs.writeFileSync(path.join(app, b.file), b.code);
        const r = node([b.file], { env: blockEnv, timeout: 60_000 });
        assert.equal(r.code, 0, `${b.where} (${b.file}) failed:\n${r.stdout}\n${r.stderr}`);
      } else if (b.lang === 'sh') {
        for (const line of b.code.split('\n').filter((l) => l.trim() && !l.trim().startsWith('#'))) {
          const cmd = line.replace(/\s+#.*$/, '').trim();
          assert.match(cmd, /^npx ncloud-emulator\b/, `${b.where}: only ncloud-emulator commands run here; mark others with a skip reason`);
          await runEmulatorCli(cmd.split(/\s+/).slice(2), blockEnv);
        }
      } else {
        assert.fail(`${b.where}: no runner for '${b.lang}' (mark it with a skip reason)`);
      }
    }
  });
});

test('the README: at most 400 lines, NCLOUD_EMULATOR=1 said before the second example, no path of the alias, no table cell of 400 characters', () => {
  const text = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const lines = text.split('\n');
  assert.ok(lines.length <= 400, `README.md has ${lines.length} lines`);
  const blocks = readmeBlocks().filter((b) => !b.skip);
  assert.ok(blocks.slice(1).every((b) => b.emulatorEnv), 'every example after the first one comes after NCLOUD_EMULATOR=1 is said');
  assert.doesNotMatch(text, /require\('ncloud\/|from 'ncloud'|node_modules\/ncloud\//, 'a path that works only under the alias');
  for (const l of lines.filter((x) => x.startsWith('|'))) {
    for (const c of l.split(' | ')) assert.ok(c.length < 400, `a table cell of ${c.length} characters: ${c.slice(0, 60)}…`);
  }
});

/**
 * The installed CLI: ncloud-client's own bin, as `npx ncloud-emulator` finds it in an app that installed
 * only it, run by the app's Node (the `.bin` link may point into the alias, is a shell wrapper on
 * Windows, and cannot start another platform's Node by itself).
 */
function cliPath() {
  const pkgDir = path.join(app, 'node_modules', 'ncloud-client');
  return path.join(pkgDir, JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')).bin['ncloud-emulator']);
}

/** Runs the installed CLI with `args` (any --port replaced by 0) until it is ready, then stops it. */
async function runEmulatorCli(args, env) {
  const a = args.map((x, i) => (args[i - 1] === '--port' ? '0' : x));
  const started = await startNode([cliPath(), ...a], { cwd: app, env, ready: (text) => /listening on|^\{"endpoint"/m.test(text), exitOk: true, timeout: 20_000 });
  const { child, output } = started;
  if (started.exited === 0) return output(); // --version, --help
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  child.kill('SIGTERM');
  const how = await exited;
  assert.ok(how === 0 || how === 'SIGTERM', `ncloud-emulator ${a.join(' ')} exited ${how}:\n${output()}`);
  return output();
}

// `npm run platforms`: the repository's own suites and demo, run by the target's Node (under qemu-user or
// wine) against the package as installed (copied next to it, so that their `require('..')` is the
// installed package). Each suite's counts are printed for the platform script to report.
if (TARGET.on) {
  test("on the target: the repository's suites and demo against the installed package", async (t) => {
    const installed = path.join(app, 'node_modules', 'ncloud-client');
    fs.cpSync(__dirname, path.join(installed, '__test__'), { recursive: true });
    // What the suites read besides the package: the demo, and the docs some of them check.
    for (const d of ['demo', 'docs']) fs.cpSync(path.join(root, d), path.join(installed, d), { recursive: true });
    const env = { ...process.env, ...homeEnv(work) };
    for (const suite of SUITES) {
      await t.test(suite, () => {
        const r = node(['--test-reporter=tap', path.join(installed, '__test__', `${suite}.test.js`)], { env, timeout: 900_000 });
        const count = (k) => Number(new RegExp(`^# ${k} (\\d+)$`, 'm').exec(r.stdout)?.[1] ?? NaN);
        console.log(`# suite ${suite}: ${count('pass')} passed, ${count('fail')} failed`);
        assert.equal(r.code, 0, `${suite} on ${TARGET.target}:\n${r.stdout.split('\n').filter((l) => /^\s*(not ok|#)/.test(l) || /error|Error|expected|actual/.test(l)).slice(0, 60).join('\n')}\n${r.stderr.slice(-3000)}`);
        assert.ok(count('pass') > 0 && count('fail') === 0, `${suite}: counts read`);
      });
    }
    for (const [demo, expect] of [
      ['index.js', /(matches seed 000[^\n]*\n[\s\S]*){4}signed requests served/],
      ['golden.js', /image \d+ and key golden-key deleted/],
    ]) {
      await t.test(`demo/${demo}`, () => {
        const r = node([path.join(installed, 'demo', demo)], { env, timeout: 600_000 });
        console.log(`# demo ${demo}: exit ${r.code}`);
        assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
        assert.match(r.stdout, expect);
      });
    }
  });
}
