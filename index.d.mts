// Types of the ES module face (index.mjs): the same declarations as index.d.ts, with a real default export.
import ncloud from './index.js';

export * from './index.js';
export default ncloud;
