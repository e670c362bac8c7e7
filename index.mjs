// The ES module face of `ncloud`: real named exports (and the default export the CommonJS face gives).
import ncloud from './index.js';

export const {
  createClient,
  startEmulator,
  Client,
  Emulator,
  NcloudError,
  AbortError,
  Ncloud,
  version,
} = ncloud;
export default ncloud;
