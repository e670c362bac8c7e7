#!/usr/bin/env node
'use strict';
// `npx ncloud-emulator --port 8080`: the embedded NCP emulator as a standalone server, for any client
// (this package, the official SDKs, curl). Stops on SIGINT/SIGTERM.
const fs = require('node:fs');
const { parseArgs } = require('node:util');
const { startEmulator } = require('..');

const USAGE = `Usage: ncloud-emulator [options]
  --port <n>              port to listen on (default 8080; 0 picks a free one)
  --host <addr>           address to listen on (default 127.0.0.1)
  --access-key <key>      access key clients must sign with (default ncloud-emulator-access-key)
  --secret-key <key>      secret key clients must sign with (default ncloud-emulator-secret-key)
  --fixture <file.json>   initial state, merged over the default fixture
  --create-delay-ms <n>   how long new images stay 'creating' (default 1500)
  --delete-delay-ms <n>   how long deleted images stay 'terminating' (default 1500)
  --failure-rate <0..1>   share of VPC image creations that end in CREFL (default 0)
  --json                  print one JSON line {endpoint, accessKey, secretKey} when ready
  -h, --help`;

function number(v, name) {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) {
    console.error(`ncloud-emulator: --${name} must be a non-negative number`);
    process.exit(2);
  }
  return n;
}

async function main() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'access-key': { type: 'string' },
        'secret-key': { type: 'string' },
        fixture: { type: 'string' },
        'create-delay-ms': { type: 'string' },
        'delete-delay-ms': { type: 'string' },
        'failure-rate': { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    console.error(`ncloud-emulator: ${err.message}\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const options = {
    host: values.host ?? '127.0.0.1',
    port: number(values.port, 'port') ?? 8080,
  };
  if (values['access-key']) options.accessKey = values['access-key'];
  if (values['secret-key']) options.secretKey = values['secret-key'];
  if (values.fixture) options.fixture = JSON.parse(fs.readFileSync(values.fixture, 'utf8'));
  const cd = number(values['create-delay-ms'], 'create-delay-ms');
  const dd = number(values['delete-delay-ms'], 'delete-delay-ms');
  const fr = number(values['failure-rate'], 'failure-rate');
  if (cd !== undefined) options.createDelayMs = Math.floor(cd);
  if (dd !== undefined) options.deleteDelayMs = Math.floor(dd);
  if (fr !== undefined) options.failureRate = fr;

  const emu = await startEmulator(options);
  // The server runs on the native side; this keeps Node's event loop alive until a signal.
  const keepAlive = setInterval(() => {}, 1 << 30);
  const stop = async () => {
    clearInterval(keepAlive);
    await emu.close();
    process.exit(0);
  };
  // Before saying it is ready: the native server answers while this thread may not have run yet, so a
  // caller could otherwise send SIGTERM before the handlers exist (and the process dies of the signal).
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  if (values.json) {
    console.log(JSON.stringify({ endpoint: emu.endpoint, accessKey: emu.accessKey, secretKey: emu.secretKey }));
  } else {
    console.log(`ncloud emulator listening on ${emu.endpoint}`);
    console.log(`  access key: ${emu.accessKey}`);
    console.log(`  secret key: ${emu.secretKey}`);
    console.log(`  official SDKs: NCLOUD_API_GW=${emu.endpoint}`);
  }
}

main().catch((err) => {
  console.error(`ncloud-emulator: ${err.message}`);
  process.exit(1);
});
