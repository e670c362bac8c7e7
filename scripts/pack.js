#!/usr/bin/env node
'use strict';
// `node scripts/pack.js <dir>`: the two tarballs a user on this platform installs, made with the napi-rs
// release flow and `npm pack`, into <dir>:
//   - ncloud-client-<platform>-<version>.tgz: `napi artifacts` copies native/ncloud.<platform>.node into the
//     per-platform package (npm/<platform>, from `napi create-npm-dirs`), then `npm pack`;
//   - ncloud-client-<version>.tgz: `npm pack` of this package, whose package.json `napi pre-publish` gives the
//     `optionalDependencies` on the platform package (as a release does), then `npm pack` again.
// By default the platform of this machine is packed, from native/ (the release workflow packs every
// target); `--target <napi target> --binaries <dir>` packs another target's binary from <dir> (what
// `npm run platforms` builds). Prints one JSON line `{ main, platform, platformPackage, binaryBytes }`.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { platformTriple, suffixOf, packageOf } = require('../lib/platform');
const { publishedManifest } = require('./manifest');

const root = path.join(__dirname, '..');
const pkg = require('../package.json');
const { values: opts, positionals } = require('node:util').parseArgs({
  allowPositionals: true,
  options: { target: { type: 'string' }, binaries: { type: 'string' } },
});
const out = path.resolve(positionals[0] || path.join(root, 'dist'));
const napi = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'napi.cmd' : 'napi');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const platform = opts.target ? suffixOf(opts.target) : platformTriple();
const target = pkg.napi.targets.find((t) => suffixOf(t) === platform);
if (!target) throw new Error(`pack: ${platform} is not one of package.json's napi.targets`);
const binaries = path.resolve(opts.binaries || path.join(root, 'native'));
const binary = path.join(binaries, `ncloud.${platform}.node`);
if (!fs.existsSync(binary)) throw new Error(`pack: ${path.relative(root, binary)} is missing: run \`npm run build\` first`);

// npm.cmd and napi.cmd on Windows run only through a shell (Node >= 20.12.2).
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32' && /\.cmd$/.test(cmd) });
const packInto = (dir) => {
  const name = run(npm, ['pack', '--ignore-scripts', '--silent', '--pack-destination', out], dir).trim().split('\n').pop();
  return path.join(out, name);
};

fs.mkdirSync(out, { recursive: true });
// napi's commands only touch paths inside the project they run in: stage inside this one.
const stage = path.join(root, `.consumer-stage-${process.pid}`);
const rootCopy = path.join(root, `ncloud.${platform}.node`);
const hadRootCopy = fs.existsSync(rootCopy);
fs.rmSync(stage, { recursive: true, force: true });
try {
  const napiConfig = path.join(stage, 'napi.json');
  fs.mkdirSync(path.join(stage, 'npm'), { recursive: true });
  fs.cpSync(path.join(root, 'npm', platform), path.join(stage, 'npm', platform), { recursive: true });
  fs.writeFileSync(napiConfig, JSON.stringify({ binaryName: pkg.napi.binaryName, targets: [target] }));
  // The one binary, alone in its directory (napi artifacts refuses one of a target it was not given).
  const only = path.join(stage, 'binaries');
  fs.mkdirSync(only);
  fs.copyFileSync(binary, path.join(only, path.basename(binary)));
  run(napi, ['artifacts', '--output-dir', path.relative(root, only), '--npm-dir', path.relative(root, path.join(stage, 'npm')), '-c', napiConfig], root);
  if (!hadRootCopy) fs.rmSync(rootCopy, { force: true });
  const platformTgz = packInto(path.join(stage, 'npm', platform));

  // The main package as a release publishes it: packed, then given its optionalDependencies.
  const mainDir = path.join(stage, 'main');
  fs.mkdirSync(mainDir);
  const firstTgz = run(npm, ['pack', '--ignore-scripts', '--silent', '--pack-destination', stage], root).trim().split('\n').pop();
  run('tar', ['xzf', path.join(stage, firstTgz), '-C', mainDir, '--strip-components=1'], root);
  // The published manifest (its prepack step, skipped by --ignore-scripts): no scripts for files not shipped.
  const manifest = path.join(mainDir, 'package.json');
  fs.writeFileSync(manifest, `${JSON.stringify(publishedManifest(JSON.parse(fs.readFileSync(manifest, 'utf8'))), null, 2)}\n`);
  fs.cpSync(path.join(stage, 'npm'), path.join(mainDir, 'npm'), { recursive: true });
  fs.copyFileSync(napiConfig, path.join(mainDir, 'napi.json'));
  run(napi, ['pre-publish', '-c', 'napi.json', '--skip-optional-publish', '-t', 'npm'], mainDir);
  fs.rmSync(path.join(mainDir, 'npm'), { recursive: true });
  fs.rmSync(path.join(mainDir, 'napi.json'));
  const mainTgz = packInto(mainDir);
  console.log(JSON.stringify({ main: mainTgz, platform: platformTgz, platformPackage: packageOf(platform), platformSuffix: platform, binaryBytes: fs.statSync(binary).size }));
} finally {
  fs.rmSync(stage, { recursive: true, force: true });
}
