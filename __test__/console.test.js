'use strict';
// The emulator's console (`<endpoint>/__console`) driven in headless Chromium while the golden-image
// demo runs against the emulator: its tables show the demo's servers and images with the statuses the
// API reports, statuses change without a reload, the image links to the servers launched from it, the
// request log shows the demo's calls and filters from the keyboard, a fault injected from the page is
// what the next API call gets, an uploaded state is restored, reset and the save point work; a
// screenshot is saved (to NCLOUD_CONSOLE_SCREENSHOT, e.g. docs/console.png, or the temporary
// directory). Also, without a browser: who the console answers, and that it can be turned off.
// Chromium and puppeteer-core come from scripts/browser.js; where they cannot be had the browser test
// says so and is skipped.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { emulator, client } = require('./helpers');
const { goldenImage } = require('../demo/golden');
const { browser } = require('../scripts/browser');

function deferred() {
  let resolve;
  const promise = new Promise((r) => (resolve = r));
  return { promise, resolve };
}

/** `compute` whose `name` call waits for `gate` the `nth` time, after telling `reached`. */
function gated(compute, stops) {
  const seen = {};
  return new Proxy(compute, {
    get(target, prop) {
      const v = Reflect.get(target, prop);
      if (typeof v !== 'function') return v;
      const stop = stops.find((s) => s.name === prop);
      if (!stop) return v.bind(target);
      return async (...args) => {
        seen[prop] = (seen[prop] || 0) + 1;
        if (seen[prop] === stop.nth) {
          stop.reached.resolve();
          await stop.gate.promise;
        }
        return v.apply(target, args);
      };
    },
  });
}

/** Waits until the page's row of record `no` of `kind` shows `status`. */
function rowStatus(page, kind, no, status) {
  return page.waitForFunction(
    (id, want) => document.getElementById(id)?.dataset.status === want,
    { timeout: 15000, polling: 100 },
    `rec-${kind}-${no}`,
    status,
  );
}

test('the console shows the golden-image demo live and drives the emulator', { timeout: 180000 }, async (t) => {
  const b = browser((l) => console.log(`# console test: ${l}`));
  if (b.skip) {
    console.log(`# console test SKIPPED: ${b.skip}`);
    t.skip(`no headless browser: ${b.skip}`);
    return;
  }
  const emu = await emulator({ createDelayMs: 1500, deleteDelayMs: 500, fixture: { settings: { operationDelayMs: 800 } } });
  t.after(() => emu.close());
  const { compute } = client(emu);
  const chrome = await b.puppeteer.launch({
    executablePath: b.executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
  });
  t.after(() => chrome.close());
  const page = await chrome.newPage();
  const external = [];
  page.on('request', (r) => { if (!r.url().startsWith(emu.endpoint)) external.push(r.url()); });
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.setViewport({ width: 1280, height: 900 });
  await page.goto(emu.consoleUrl, { waitUntil: 'load' });
  await page.select('#every', '500');
  // Every record the page ever drew, with the statuses it showed; and a mark a reload would lose.
  await page.evaluate(() => {
    window.loadedOnce = true;
    window.seen = {};
    new MutationObserver(() => {
      for (const tr of document.querySelectorAll('#apis tr[data-no]')) {
        (window.seen[tr.id] ||= []).at(-1) !== tr.dataset.status && window.seen[tr.id].push(tr.dataset.status);
      }
    }).observe(document.getElementById('apis'), { childList: true, subtree: true });
  });

  const fleetLaunch = { name: 'createServerInstances', nth: 2, reached: deferred(), gate: deferred() };
  const share = { name: 'addServerImageSharingPermission', nth: 1, reached: deferred(), gate: deferred() };
  const run = goldenImage(gated(compute, [fleetLaunch, share]), { log: () => {}, wait: { minDelayMs: 20, maxDelayMs: 100 } });
  const failed = run.then(() => null, (e) => e);

  // 1. The builder stopped and its image created: the tables say what the API says.
  await Promise.race([fleetLaunch.reached.promise, failed.then((e) => assert.fail(e))]);
  const { serverInstanceList: servers } = await compute.getServerInstanceList();
  const { serverImageList: [image] } = await compute.getServerImageList({ serverImageName: 'golden-rocky' });
  assert.equal(image.serverImageStatus.code, 'CREAT');
  for (const s of servers) await rowStatus(page, 'ServerInstance', s.serverInstanceNo, s.serverInstanceStatus.code);
  const builder = servers.find((s) => s.serverName === 'builder');
  assert.equal(builder.serverInstanceStatus.code, 'NSTOP');
  await rowStatus(page, 'ServerImage', image.serverImageNo, 'CREAT');
  fleetLaunch.gate.resolve();

  // 2. The fleet running: its rows appeared and went through their statuses without a reload; the
  //    image links to the servers launched from it.
  await Promise.race([share.reached.promise, failed.then((e) => assert.fail(e))]);
  const { serverInstanceList: all } = await compute.getServerInstanceList();
  const fleet = all.filter((s) => s.serverImageNo === image.serverImageNo);
  assert.equal(fleet.length, 3);
  for (const s of fleet) {
    assert.equal(s.serverInstanceStatus.code, 'RUN');
    await rowStatus(page, 'ServerInstance', s.serverInstanceNo, 'RUN');
  }
  const seen = await page.evaluate(() => ({ loadedOnce: window.loadedOnce, seen: window.seen }));
  assert.equal(seen.loadedOnce, true, 'the page was not reloaded');
  const history = seen.seen[`rec-ServerInstance-${fleet[0].serverInstanceNo}`];
  assert.ok(history.length >= 2 && history.at(-1) === 'RUN', `statuses shown: ${history}`);
  const linked = await page.$$eval(`#rec-ServerImage-${image.serverImageNo} a`, (as) => as.map((a) => a.getAttribute('href')));
  for (const s of fleet) assert.ok(linked.includes(`#rec-ServerInstance-${s.serverInstanceNo}`), `image links: ${linked}`);
  const saved = emu.snapshot();
  const savedFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ncloud-console-')), 'state.json');
  fs.writeFileSync(savedFile, JSON.stringify(saved));
  await page.waitForSelector('#log tbody tr[data-action="createServerImage"]');
  await page.evaluate(() => document.querySelector('details[data-api="vserver"]').scrollIntoView());
  const shot = process.env.NCLOUD_CONSOLE_SCREENSHOT || path.join(os.tmpdir(), 'ncloud-console.png');
  await page.screenshot({ path: shot, fullPage: false });
  assert.ok(fs.statSync(shot).size > 10000, 'a screenshot was saved');
  console.log(`# console screenshot: ${shot}`);
  share.gate.resolve();
  assert.equal(await failed, null, 'the demo ran to its end');

  // 3. The request log: the demo's calls, as many as reached the emulator; filtered from the keyboard.
  await page.waitForFunction((n) => document.querySelectorAll('#log tbody tr').length >= n, { timeout: 15000 }, Math.min(500, emu.requestCount()));
  const actions = await page.$$eval('#log tbody tr', (rows) => rows.map((r) => r.dataset.action));
  for (const a of ['createLoginKey', 'createServerInstances', 'stopServerInstances', 'createServerImage', 'addServerImageSharingPermission', 'terminateServerInstances', 'deleteServerImage', 'deleteLoginKeys']) {
    assert.ok(actions.includes(a), `the log shows ${a}`);
  }
  const verdicts = await page.$$eval('#log tbody tr', (trs) => trs.filter((tr) => tr.children[5].textContent !== 'valid').map((tr) => tr.textContent));
  assert.deepEqual(verdicts, [], 'every call of the demo was signed right');
  await page.focus('body');
  await page.keyboard.press('/');
  await page.keyboard.type('createServerImage');
  const filtered = await page.$$eval('#log tbody tr', (rows) => rows.map((r) => r.dataset.action));
  assert.deepEqual(filtered, ['createServerImage']);

  // 4. A fault injected from the page is what the next call gets, once.
  await page.$eval('#fault [name=action]', (i) => (i.value = 'getServerInstanceList'));
  await page.$eval('#fault [name=status]', (i) => (i.value = '400'));
  await page.$eval('#fault [name=returnCode]', (i) => (i.value = '29999'));
  await page.$eval('#fault [name=returnMessage]', (i) => (i.value = 'injected from the console'));
  await page.click('#fault button[type=submit]');
  await page.waitForFunction(() => /Fault armed/.test(document.getElementById('status').textContent), { timeout: 5000 });
  const err = await compute.getServerInstanceList().then(() => null, (e) => e);
  assert.ok(err, 'the call failed');
  assert.equal(err.returnCode, '29999');
  assert.equal(err.httpStatus, 400);
  assert.match(err.message, /injected from the console/);
  assert.equal((await compute.getServerInstanceList()).totalRows, servers.length - 1, 'once; the demo left only the fixture\'s servers');

  // 5. A state uploaded from a file (the snapshot taken with the fleet running) is restored.
  const input = await page.$('#upload');
  await input.uploadFile(savedFile);
  for (const s of fleet) await rowStatus(page, 'ServerInstance', s.serverInstanceNo, 'RUN');
  assert.equal((await compute.getServerInstanceList()).totalRows, all.length);
  const downloaded = await page.evaluate(() => fetch('/__console/api/snapshot').then((r) => r.json()));
  assert.equal(downloaded.base, 'empty');
  assert.deepEqual(downloaded.vpc.servers, saved.vpc.servers);

  // Save point, reset to the default state (the fleet is gone), back to the saved point (it is back).
  const said = (re) => page.waitForFunction((src) => new RegExp(src).test(document.getElementById('status').textContent), { timeout: 5000 }, re.source);
  await page.click('#save');
  await said(/Saved point taken/);
  await page.click('#reset');
  await said(/Reset to the default state/);
  await page.waitForFunction((id) => !document.getElementById(id), { timeout: 15000 }, `rec-ServerInstance-${fleet[0].serverInstanceNo}`);
  assert.equal((await compute.getServerInstanceList()).totalRows, servers.length - 1);
  await page.waitForFunction(() => !document.getElementById('restore').disabled, { timeout: 5000 });
  await page.click('#restore');
  await said(/Back to the saved point/);
  await rowStatus(page, 'ServerInstance', fleet[0].serverInstanceNo, 'RUN');
  assert.equal((await compute.getServerInstanceList()).totalRows, all.length);

  // 6. A narrow window: nothing wider than the window but the tables' own scrolling.
  await page.setViewport({ width: 380, height: 800 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than a narrow window`);
  assert.deepEqual(external, [], 'nothing fetched from elsewhere');
  assert.deepEqual(problems, [], 'no script errors');
});

/** A raw request to the emulator's console (what a browser of another page could send). */
function raw(emu, method, pathname, headers = {}, body = '') {
  const { port } = new URL(emu.endpoint);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: pathname, headers }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

test('the console answers its own page on loopback only, and can be turned off', async (t) => {
  const emu = await emulator();
  t.after(() => emu.close());
  assert.equal(emu.consoleUrl, `${emu.endpoint}/__console`);
  const page = await raw(emu, 'GET', '/__console');
  assert.equal(page.status, 200);
  assert.match(page.headers['content-security-policy'], /default-src 'self'/);
  assert.match(page.text, /<title>ncloud emulator console<\/title>/);
  // Another site's name resolved to 127.0.0.1 (DNS rebinding) is refused; so are changes from
  // another origin or in a form's encoding.
  assert.equal((await raw(emu, 'GET', '/__console/api/state', { host: 'evil.example:80' })).status, 403);
  const json = { 'content-type': 'application/json' };
  assert.equal((await raw(emu, 'POST', '/__console/api/reset', { ...json, origin: 'http://evil.example' })).status, 403);
  assert.equal((await raw(emu, 'POST', '/__console/api/reset', { 'content-type': 'application/x-www-form-urlencoded' })).status, 415);
  const bad = await raw(emu, 'POST', '/__console/api/settings', json, JSON.stringify({ failureRate: 3 }));
  assert.equal(bad.status, 400);
  assert.match(JSON.parse(bad.text).error, /failureRate must be between 0 and 1/);
  const ok = await raw(emu, 'POST', '/__console/api/settings', json, JSON.stringify({ createDelayMs: 7 }));
  assert.equal(ok.status, 200);
  assert.equal(JSON.parse((await raw(emu, 'GET', '/__console/api/state')).text).settings.createDelayMs, 7);
  // Its requests are not API calls: not counted, not logged.
  assert.equal(emu.requestCount(), 0);

  const off = await emulator({ console: false });
  t.after(() => off.close());
  assert.equal(off.consoleUrl, null);
  assert.equal((await raw(off, 'GET', '/__console')).status, 404);
});
