'use strict';
// Child of handover.test.js (run with --expose-gc): large answers (a multi-MB list, handed over without
// a copy where Node can) come back whole and stay intact after the text they were parsed from is
// collected, call after call. Prints one JSON line.
const ROOT = process.argv[2];
const ncloud = require(ROOT);

async function main() {
  const emu = await ncloud.startEmulator({ port: 0, createDelayMs: 0 });
  const c = ncloud.createClient({ endpoint: emu.endpoint, accessKey: emu.accessKey, secretKey: emu.secretKey });
  // An item as the emulator answers it, in the typed form (which NCP's JSON already has).
  const [template] = (await c.compute.getServerImageList()).serverImageList;
  const n = 3000;
  const items = Array.from({ length: n }, (_, i) => ({
    ...template,
    serverImageNo: String(9000000 + i),
    serverImageName: `이미지-${i} "quoted" \\ tab\t`,
  }));
  const body = JSON.stringify({
    getServerImageListResponse: { totalRows: n, serverImageList: items, requestId: 'big', returnCode: '0', returnMessage: 'success' },
  });
  const results = [];
  for (let round = 0; round < 4; round++) {
    emu.injectFault({ action: 'getServerImageList', status: 200, body, contentType: 'application/json' });
    let r = await c.compute.getServerImageList();
    // The text is garbage once parsed: collect it (and free what held it) before the result is read.
    global.gc();
    await new Promise((resolve) => setImmediate(resolve));
    global.gc();
    const same = r.totalRows === n && r.serverImageList.length === n &&
      r.serverImageList.every((item, i) => JSON.stringify(item) === JSON.stringify(items[i]));
    results.push(same);
    r = null;
  }
  await c.close();
  await emu.close();
  process.stdout.write(`${JSON.stringify({ bytes: body.length, results })}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
