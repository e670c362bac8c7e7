// Strict TypeScript in a CommonJS module (`import = require`), type-checked only.
import ncloud = require('ncloud');

export async function classic(): Promise<number> {
  const emu = await ncloud.startEmulator({ port: 0 });
  const client = ncloud.createClient(emu);
  const images = await client.compute.findPrivateImages();
  const created = await client.compute.createPrivateImage({ serverInstanceNo: 492964, privateImageName: 'helloWorld' });
  if (created !== null) console.log(created.privateImageNo + 1, created.privateImageStatus.code);
  await emu.close();
  return images.length;
}
