#!/usr/bin/env node
'use strict';
// `npx ncloud-emulator --port 8080`: the embedded NCP emulator as a standalone server, for any client
// (this package, the official SDKs, curl). Logs one line per request on stderr. Stops on SIGINT (Ctrl+C),
// SIGTERM, SIGHUP, SIGBREAK (Ctrl+Break on Windows) and, with --stop-on-stdin-close, when its standard
// input closes: the way to stop it from a script on Windows, which has no signals to send. With
// --state FILE it starts from the state saved there and saves its state there when it stops. Its
// console is at <endpoint>/__console (--no-console turns it off).
const fs = require('node:fs');
const { parseArgs } = require('node:util');
const { startEmulator, version } = require('..');

const USAGE = `Usage: ncloud-emulator [options]
  --port <n>              port to listen on, 0-65535 (default 8080; 0 picks a free one)
  --host <addr>           address to listen on (default 127.0.0.1)
  --access-key <key>      access key clients must sign with (default ncloud-emulator-access-key)
  --secret-key <key>      secret key clients must sign with (default ncloud-emulator-secret-key)
  --fixture <file.json>   initial state, merged over the default fixture
  --scene <name>          with a scenario file (fixtures/seed-000.json, fixtures/seeds-vpc.json):
                          the scene to load
  --create-delay-ms <n>   how long new images stay 'creating' (default 1500)
  --delete-delay-ms <n>   how long deleted images stay 'terminating' (default 1500)
  --failure-rate <0..1>   share of VPC image creations that end in CREFL (default 0)
  --state <file.json>     start from the state saved in this file (when it exists; else from
                          --fixture or the default) and save the state there when stopping
  --no-console            do not serve the console page at <endpoint>/__console
  --json                  print one JSON line {endpoint, accessKey, secretKey} when ready
  --quiet                 no log line per request
  --stop-on-stdin-close   stop when standard input closes (a parent process that ends or closes the
                          pipe stops it, on Windows too, where there is no SIGTERM)
  --version               print the version and exit
  -h, --help`;

class UsageError extends Error {}

function integer(v, name, min, max) {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(`--${name} must be an integer ${min}–${max}, got '${v}'`);
  }
  return n;
}

function fraction(v, name) {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) {
    throw new UsageError(`--${name} must be a number 0–1, got '${v}'`);
  }
  return n;
}

/** The fixture in `file`: a fixture document, or one scene of a scenario file (`{ scenes: { … } }`). */
function readFixture(file, scene) {
  let doc;
  try {
    doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`--fixture ${file}: ${err.code === 'ENOENT' ? 'no such file' : err.message}`);
  }
  if (doc && typeof doc === 'object' && doc.scenes && typeof doc.scenes === 'object') {
    const names = Object.keys(doc.scenes);
    if (scene === undefined) {
      throw new UsageError(`--fixture ${file} is a scenario file: add --scene <name>, one of ${names.join(', ')}`);
    }
    if (!Object.hasOwn(doc.scenes, scene)) {
      throw new UsageError(`--fixture ${file} has no scene '${scene}': one of ${names.join(', ')}`);
    }
    return doc.scenes[scene];
  }
  if (scene !== undefined) throw new UsageError(`--scene needs a scenario file; ${file} has no 'scenes'`);
  return doc;
}

/** The state saved by an earlier run with --state (a snapshot: any fixture is taken). */
function readState(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`--state ${file}: ${err.message}`);
  }
}

/** Writes the state to `file` whole or not at all (a temporary file renamed over it). */
function saveState(emu, file) {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(emu.snapshot(), null, 2)}\n`);
  fs.renameSync(tmp, file);
}

function parse(argv) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'access-key': { type: 'string' },
        'secret-key': { type: 'string' },
        fixture: { type: 'string' },
        scene: { type: 'string' },
        'create-delay-ms': { type: 'string' },
        'delete-delay-ms': { type: 'string' },
        'failure-rate': { type: 'string' },
        state: { type: 'string' },
        'no-console': { type: 'boolean' },
        json: { type: 'boolean' },
        quiet: { type: 'boolean' },
        'stop-on-stdin-close': { type: 'boolean' },
        version: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    throw new UsageError(err.message);
  }
  const options = { host: values.host ?? '127.0.0.1', port: integer(values.port, 'port', 0, 65535) ?? 8080 };
  if (values['access-key'] !== undefined) options.accessKey = values['access-key'];
  if (values['secret-key'] !== undefined) options.secretKey = values['secret-key'];
  if (values.state !== undefined && fs.existsSync(values.state)) options.fixture = readState(values.state);
  else if (values.fixture !== undefined) options.fixture = readFixture(values.fixture, values.scene);
  else if (values.scene !== undefined) throw new UsageError('--scene needs --fixture <scenario file>');
  const cd = integer(values['create-delay-ms'], 'create-delay-ms', 0, 86_400_000);
  const dd = integer(values['delete-delay-ms'], 'delete-delay-ms', 0, 86_400_000);
  const fr = fraction(values['failure-rate'], 'failure-rate');
  if (cd !== undefined) options.createDelayMs = cd;
  if (dd !== undefined) options.deleteDelayMs = dd;
  if (fr !== undefined) options.failureRate = fr;
  if (values['no-console']) options.console = false;
  return { values, options };
}

function logLine(r) {
  const what = r.action ?? r.path;
  const reason = r.reason ? ` (${r.reason})` : '';
  return `${new Date().toISOString()} ${r.method} ${what} ${r.status}${reason}`;
}

async function main() {
  let parsed;
  try {
    parsed = parse(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`ncloud-emulator: ${err.message}\n${USAGE}`);
    process.exit(2);
  }
  const { values, options } = parsed;
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (values.version) {
    console.log(version);
    return;
  }
  let emu;
  try {
    emu = await startEmulator(options);
  } catch (err) {
    const from = values.state !== undefined && fs.existsSync(values.state) ? `--state ${values.state}` : values.fixture !== undefined ? `--fixture ${values.fixture}` : undefined;
    const where = from !== undefined && /fixture|snapshot/i.test(err.message) ? `${from}: ` : '';
    console.error(`ncloud-emulator: ${where}${err.message}`);
    process.exit(where ? 2 : 1);
  }
  // The server runs on the native side; this timer keeps Node's event loop alive and prints the log. The
  // signal handlers are in place before the endpoint is printed: a caller may signal as soon as it read it.
  const flush = () => {
    for (const r of emu.takeRequests()) if (!values.quiet) process.stderr.write(`${logLine(r)}\n`);
  };
  const ticker = setInterval(flush, 100);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    clearInterval(ticker);
    flush();
    let code = 0;
    if (values.state !== undefined) {
      try {
        saveState(emu, values.state);
        if (!values.quiet) process.stderr.write(`state saved to ${values.state}\n`);
      } catch (err) {
        console.error(`ncloud-emulator: --state ${values.state}: could not save the state: ${err.message}`);
        code = 1;
      }
    }
    await emu.close();
    process.exit(code);
  };
  // SIGBREAK is Ctrl+Break and SIGHUP a closed console window on Windows (Node emulates both there).
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK']) process.once(signal, stop);
  if (values['stop-on-stdin-close']) {
    process.stdin.on('end', stop).on('close', stop).on('error', stop).resume();
  }
  if (values.json) {
    console.log(JSON.stringify({ endpoint: emu.endpoint, accessKey: emu.accessKey, secretKey: emu.secretKey }));
  } else {
    console.log(`ncloud emulator ${version} listening on ${emu.endpoint}`);
    console.log(`  access key: ${emu.accessKey}`);
    console.log(`  secret key: ${emu.secretKey}`);
    console.log(`  official SDKs: NCLOUD_API_GW=${emu.endpoint}`);
    if (emu.consoleUrl) console.log(`  console: ${emu.consoleUrl}`);
  }
}

main().catch((err) => {
  console.error(`ncloud-emulator: ${err.message}`);
  process.exit(1);
});
