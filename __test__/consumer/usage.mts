// Strict TypeScript in an ES module: the default and named imports, both call styles, narrowing in the
// callback without `!`, literal unions for codes. Type-checked only (under module node16 and bundler).
import ncloud, { createClient, startEmulator, NcloudError, type ServerImage, type Callback } from 'ncloud';

export async function lifeCycle(): Promise<string> {
  const emu = await startEmulator({ port: 0 });
  const client = ncloud.createClient(emu);
  const other = createClient({ endpoint: emu.endpoint, accessKey: emu.accessKey, secretKey: emu.secretKey });

  const { serverImageList } = await client.compute.getServerImageList({ serverImageTypeCodeList: ['SELF'] });
  const image: ServerImage | undefined = serverImageList[0];
  if (image === undefined) return 'none';
  // Always-returned fields are not optional; codes are literal unions (and any other string).
  const status: 'INIT' | 'CREAT' | 'CREFL' | (string & {}) = image.serverImageStatus.code;
  const name: string = image.serverImageName;
  if (image.serverImageStatus.code === 'CREFL') console.log('failed', name);

  other.compute.getServerImageDetail({ serverImageNo: image.serverImageNo }, (err, result) => {
    if (err) {
      const e: NcloudError = err;
      console.log(e.code, e.httpStatus, e.returnCode, e.requestId);
      return;
    }
    // `result` is narrowed to the response here: no `!`, no `?.` on the response.
    console.log(result.serverImageList.length, result.requestId, result.totalRows);
  });

  const cb: Callback<number> = (err, n) => {
    if (err !== null) return;
    const doubled: number = n * 2;
    console.log(doubled);
  };
  cb(null, 1);

  client.compute.findPrivateImages((err, images) => {
    if (err) return;
    for (const i of images) console.log(i.privateImageNo.toFixed(0), i.privateImageStatus.code);
  });
  await emu.close();
  return status;
}
