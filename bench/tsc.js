'use strict';
/**
 * `node bench/tsc.js`: what the package's types cost a TypeScript user. A consumer file that imports the
 * package and uses it as the README does (VPC and Classic actions, a callback, a waiter, a paginator, an
 * old 0.1.x and 1.x method, errors) is checked with `tsc --strict --exactOptionalPropertyTypes`, and so is
 * the same file without the package (its import replaced by `any` stand-ins), alternately, RUNS times
 * each. Prints each run's time (tsc's own \`Total time\` of --extendedDiagnostics: parse, bind, check, without the
 * process's start-up) and the ratio of the medians. The package is linked into a temporary
 * app's node_modules as an install would place it; `@types/node` is there in both cases.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const root = path.join(__dirname, '..');
const RUNS = Math.max(1, Number(process.env.TSC_RUNS ?? 3));
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');

const BODY = `
async function main(): Promise<void> {
  const client = createClient({ region: 'KR', timeout: 10_000 });
  const { serverImageList } = await client.compute.getServerImageList({ serverImageTypeCodeList: ['SELF'] });
  for (const image of serverImageList) console.log(image.serverImageNo, image.serverImageStatus.code);
  const created = await client.compute.createServerImage({ serverInstanceNo: '1', serverImageName: 'golden-a' });
  const first = created.serverImageList[0];
  if (first) {
    const ready = await client.compute.waitForServerImage(first.serverImageNo, { onPoll: ({ status }) => console.log(status) });
    console.log(ready.serverImageName);
  }
  for await (const server of client.compute.paginateGetServerInstanceList({ vpcNo: '1' })) console.log(server.serverName);
  client.compute.getZoneList({ regionCode: 'KR' }, (err, result) => {
    if (err) return console.error(err.code, err.message);
    console.log(result.zoneList.map((z) => z.zoneCode));
  });
  const { serverInstanceList } = await client.compute.classic.getServerInstanceList({ serverInstanceNoList: ['1'] });
  console.log(serverInstanceList.length);
  const images = await client.compute.findPrivateImages();
  console.log(images.map((i) => i.privateImageName));
  const zones = await client.IaaS.server().getZoneList({ regionNo: '1' });
  console.log(zones.zoneList.length);
  try {
    await client.compute.deleteServerImage({ serverImageNoList: ['1'] });
  } catch (err) {
    if (err instanceof NcloudError) console.log(err.code, err.returnCode);
  }
  await client.close();
}
main().catch((err: unknown) => console.error(err));
`;

const WITH = `import { createClient, NcloudError } from 'ncloud-client';\n${BODY}`;
// The same statements with nothing typed by the package: every value it would type is \`any\`.
const WITHOUT = `declare const createClient: (options?: unknown) => any;\ndeclare const NcloudError: new (...args: any[]) => any;\n${BODY}`;

function app() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ncloud-tsc-'));
  const modules = path.join(dir, 'node_modules');
  fs.mkdirSync(path.join(modules, '@types'), { recursive: true });
  fs.symlinkSync(root, path.join(modules, 'ncloud-client'), 'junction');
  fs.symlinkSync(path.join(root, 'node_modules', '@types', 'node'), path.join(modules, '@types', 'node'), 'junction');
  fs.writeFileSync(path.join(dir, 'package.json'), '{ "name": "tsc-bench", "private": true }\n');
  fs.writeFileSync(path.join(dir, 'with.ts'), WITH);
  fs.writeFileSync(path.join(dir, 'without.ts'), WITHOUT);
  return dir;
}

function check(dir, file) {
  const args = [tsc, '--extendedDiagnostics', '--strict', '--exactOptionalPropertyTypes', '--noEmit', '--target', 'ES2022', '--module', 'node16', '--moduleResolution', 'node16', '--types', 'node', file];
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - started) / 1e6;
  // tsc's own figure (parse, bind, check), without the process's start-up.
  const total = /^Total time:\s+([\d.]+)s$/m.exec(r.stdout);
  const ms = total ? Number(total[1]) * 1000 : wall;
  // Without the package, callback parameters have no type: strict mode's implicit-any errors (TS7006,
  // TS7031) are expected there, and the check runs to its end all the same.
  const errors = r.stdout.split('\n').filter((l) => /error TS\d+:/.test(l));
  const unexpected = errors.filter((l) => !(file === 'without.ts' && /error TS70(06|31):/.test(l)));
  if (r.status !== 0 && unexpected.length > 0) throw new Error(`tsc ${file} failed:\n${r.stdout}${r.stderr}`);
  return ms;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function main() {
  const dir = app();
  try {
    const withTimes = [];
    const withoutTimes = [];
    for (let i = 0; i < RUNS; i++) {
      withTimes.push(check(dir, 'with.ts'));
      withoutTimes.push(check(dir, 'without.ts'));
      console.log(`run ${i + 1}: with the package ${withTimes[i].toFixed(0)} ms, without ${withoutTimes[i].toFixed(0)} ms`);
    }
    const ratio = median(withTimes) / median(withoutTimes);
    console.log(`median: with ${median(withTimes).toFixed(0)} ms, without ${median(withoutTimes).toFixed(0)} ms, ratio ${ratio.toFixed(2)}x`);
    console.log(JSON.stringify({ with: withTimes.map(Math.round), without: withoutTimes.map(Math.round), ratio: Math.round(ratio * 100) / 100 }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main();
