const ncloud = require('ncloud-client');

/**
 * The golden-image workflow on NCP's VPC API: build a server from an NCP image, stop it, make a
 * server image of it, launch three servers from that image in one call, share the image with
 * another account, then tear everything down. Each step is logged as it completes.
 * @param {import('ncloud-client').Client['compute']} compute
 * @param {{ log?: (line: string) => void, wait?: { minDelayMs?: number, maxDelayMs?: number } }} [options]
 */
async function goldenImage(compute, { log = console.log, wait = {} } = {}) {
  const t0 = Date.now();
  const done = (/** @type {string} */ what) => log(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(5)} s] ${what}`);

  // An NCP image, the smallest spec that runs it, and where to put the servers: the region's VPC,
  // its public subnet and its default access control group; a new login key seals root passwords.
  const { serverImageList: [base] } = await compute.getServerImageList({ serverImageName: 'rocky-8.10-base' });
  const { serverSpecList: [spec] } = await compute.getServerSpecList({ serverImageNo: base.serverImageNo });
  const { vpcList: [vpc] } = await compute.getVpcList();
  const { subnetList: [subnet] } = await compute.getSubnetList({ vpcNo: vpc.vpcNo, subnetTypeCode: 'PUBLIC' });
  const { accessControlGroupList: groups } = await compute.getAccessControlGroupList({ vpcNo: vpc.vpcNo });
  const acg = groups.find((g) => g.isDefault) ?? groups[0];
  const keyName = 'golden-key';
  const { privateKey } = await compute.vpc.createLoginKey({ keyName }); // keep it: it decrypts root passwords
  done(`picked ${base.serverImageName} on ${spec.serverSpecCode} in ${vpc.vpcName}/${subnet.subnetName}; key ${keyName} made`);

  const launch = {
    vpcNo: vpc.vpcNo,
    subnetNo: subnet.subnetNo,
    serverSpecCode: spec.serverSpecCode,
    loginKeyName: keyName,
    networkInterfaceList: [{ networkInterfaceOrder: 0, accessControlGroupNoList: [acg.accessControlGroupNo] }],
  };
  const { serverInstanceList: [builder] } = await compute.createServerInstances({ ...launch, serverImageNo: base.serverImageNo, serverName: 'builder' });
  await compute.waitForServerInstanceRunning(builder.serverInstanceNo, wait);
  done(`server ${builder.serverInstanceNo} (${builder.serverName}) running`);

  await compute.stopServerInstances({ serverInstanceNoList: [builder.serverInstanceNo] });
  await compute.waitForServerInstanceStopped(builder.serverInstanceNo, wait);
  done(`server ${builder.serverInstanceNo} stopped`);

  const { serverImageList: [made] } = await compute.createServerImage({ serverInstanceNo: builder.serverInstanceNo, serverImageName: 'golden-rocky' });
  const image = await compute.waitForServerImage(made.serverImageNo, wait);
  done(`image ${image.serverImageNo} (${image.serverImageName}) created`);

  const { serverInstanceList: launched } = await compute.createServerInstances({ ...launch, serverImageNo: image.serverImageNo, serverName: 'web', serverCreateCount: 3 });
  const fleet = await Promise.all(launched.map((s) => compute.waitForServerInstanceRunning(s.serverInstanceNo, wait)));
  done(`${fleet.map((s) => s.serverName).join(', ')} running from image ${image.serverImageNo}`);

  const { serverImageList: [shared] } = await compute.addServerImageSharingPermission({ serverImageNo: image.serverImageNo, targetLoginIdList: ['partner@example.com'] });
  done(`image shared with ${shared.sharedLoginIdList?.join(', ')}`);

  // Tear down: servers are terminated once stopped; then the image and the key go.
  const all = [builder, ...fleet].map((s) => s.serverInstanceNo);
  await compute.stopServerInstances({ serverInstanceNoList: fleet.map((s) => s.serverInstanceNo) });
  await Promise.all(fleet.map((s) => compute.waitForServerInstanceStopped(s.serverInstanceNo, wait)));
  await compute.terminateServerInstances({ serverInstanceNoList: all });
  await Promise.all(all.map((no) => compute.waitForServerInstanceTerminated(no, wait)));
  done(`servers ${all.join(', ')} terminated`);
  await compute.deleteServerImage({ serverImageNoList: [image.serverImageNo] });
  await compute.waitForServerImageDeleted(image.serverImageNo, wait);
  await compute.deleteLoginKeys({ keyNameList: [keyName] });
  done(`image ${image.serverImageNo} and key ${keyName} deleted`);
  return { base, builder, image, fleet, shared, keyName, privateKey };
}

module.exports = { goldenImage };

if (require.main === module) {
  (async () => {
    // The embedded emulator, with small delays; against NCP: ncloud.createClient() reads your keys.
    const emu = await ncloud.startEmulator({ port: 0, createDelayMs: 300, deleteDelayMs: 200, fixture: { settings: { operationDelayMs: 200 } } });
    try {
      await goldenImage(ncloud.createClient(emu).compute, { wait: { minDelayMs: 50, maxDelayMs: 200 } });
    } finally {
      await emu.close();
    }
  })().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
