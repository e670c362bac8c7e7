#!/usr/bin/env node
'use strict';
// A headless browser for the console's test (__test__/console.test.js): Debian's `chromium`, installed
// with apt-get where it is missing (as root), and `puppeteer-core` from npm, installed into
// .browser/ (git-ignored; not a dependency of the package: users never need it). `npm test` runs this
// first; run alone, it prints what it found.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const cache = path.join(root, '.browser');
const PUPPETEER = 'puppeteer-core@25';
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

const quiet = (cmd, args, opts = {}) => spawnSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...opts });

function chromium(log) {
  const found = () => process.env.NCLOUD_CHROMIUM || CANDIDATES.find((p) => fs.existsSync(p));
  if (found()) return { path: found() };
  if (process.platform !== 'linux' || !fs.existsSync('/usr/bin/apt-get')) {
    return { missing: `Chromium cannot be installed here (${process.platform}: no apt-get); set NCLOUD_CHROMIUM to a Chromium binary` };
  }
  if (process.getuid && process.getuid() !== 0) {
    return { missing: 'Chromium is not installed and installing it (apt-get install chromium) needs root' };
  }
  log('apt-get install chromium');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  quiet('apt-get', ['update', '-qq'], { env });
  const r = quiet('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], { env });
  if (r.status !== 0 || !found()) return { missing: `apt-get install chromium failed: ${(r.stderr || '').trim().split('\n').pop()}` };
  return { path: found() };
}

function puppeteerCore(log) {
  const dir = path.join(cache, 'node_modules', 'puppeteer-core');
  if (!fs.existsSync(path.join(dir, 'package.json'))) {
    fs.mkdirSync(cache, { recursive: true });
    log(`npm install ${PUPPETEER} (into .browser/)`);
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const r = quiet(npm, ['install', '--prefix', cache, '--no-save', '--no-audit', '--no-fund', '--loglevel=error', PUPPETEER], { shell: process.platform === 'win32' });
    if (r.status !== 0) return { missing: `npm install ${PUPPETEER} failed: ${(r.stderr || '').trim().split('\n').pop()}` };
  }
  return { module: dir };
}

/**
 * `{ executablePath, puppeteer }`, installing what is missing; or `{ skip: reason }` where Chromium
 * or puppeteer-core cannot be had (the test prints the reason).
 */
function browser(log = (l) => console.log(`browser: ${l}`)) {
  const c = chromium(log);
  if (c.missing) return { skip: c.missing };
  const p = puppeteerCore(log);
  if (p.missing) return { skip: p.missing };
  return { executablePath: c.path, puppeteer: require(p.module) };
}

module.exports = { browser };

if (require.main === module) {
  const b = browser();
  if (b.skip) console.log(`browser: unavailable, the console test will be skipped: ${b.skip}`);
  else console.log(`browser: ${b.executablePath} with puppeteer-core from .browser/`);
}
