'use strict';
// Run with --expose-gc. An emulator whose object is dropped and collected keeps answering (a test that
// keeps only its endpoint and keys, for another SDK); one that is closed stops; an emulator started by a
// worker stops when the worker ends; and none of them keeps the process from exiting. Prints JSON.
const { Worker } = require('node:worker_threads');
const ncloud = require(process.argv[2]);

async function call(target) {
  const c = ncloud.createClient({ ...target, maxRetries: 0 });
  try {
    return (await c.compute.getRegionList()).totalRows === 3 ? 'answered' : 'wrong answer';
  } catch (err) {
    return err.code;
  } finally {
    await c.close();
  }
}

let collected = false;
const registry = new FinalizationRegistry(() => {
  collected = true;
});

/** Starts an emulator and keeps only its endpoint and keys. */
async function startAndDrop() {
  const emu = await ncloud.startEmulator({ port: 0 });
  registry.register(emu, 'emulator');
  return { endpoint: emu.endpoint, accessKey: emu.accessKey, secretKey: emu.secretKey };
}

(async () => {
  const target = await startAndDrop();
  for (let i = 0; i < 20 && !collected; i++) {
    global.gc();
    await new Promise((r) => setTimeout(r, 50));
  }
  // The native object's finalizer runs after the JS object's collection, on a later turn.
  for (let i = 0; i < 5; i++) {
    global.gc();
    await new Promise((r) => setTimeout(r, 50));
  }
  const afterGc = await call(target);

  const kept = await ncloud.startEmulator({ port: 0 });
  const keptTarget = { endpoint: kept.endpoint, accessKey: kept.accessKey, secretKey: kept.secretKey };
  const beforeClose = await call(keptTarget);
  await kept.close();
  const afterClose = await call(keptTarget);

  // An emulator started in a worker (which drops nothing) stops when the worker ends.
  const w = new Worker(`
    const { parentPort, workerData } = require('node:worker_threads');
    setInterval(() => {}, 1000); // alive until terminated
    require(workerData).startEmulator({ port: 0 }).then((e) => parentPort.postMessage({ endpoint: e.endpoint, accessKey: e.accessKey, secretKey: e.secretKey }));
  `, { eval: true, workerData: process.argv[2] });
  const workerTarget = await new Promise((resolve) => w.once('message', resolve));
  const workerAlive = await call(workerTarget);
  await w.terminate();
  const workerEnded = await call(workerTarget);
  console.log(JSON.stringify({ collected, afterGc, beforeClose, afterClose, workerAlive, workerEnded }));
  // No close() for the first emulator: the process must still end on its own.
})();
