'use strict';
// What every surface of the client is built from, read from the core once, when the package loads
// (src/bindings/table.rs): the method table — each method's index (the handle a call crosses with),
// the paths where it appears on the client (`compute.getServerImageList`, `compute.classic.getZoneList`,
// `loadBalancer.classic.…`), its action and parameters — and the waiter and paginator declarations
// with their paths and the index of the method they call. No list of actions or surfaces is written
// in JavaScript.
const native = require('./native');

/** `[{ index, name, paths, api, env, action, compat, mutating, summary, params }]`, in index order. */
const METHODS = JSON.parse(native.methods());
/** `{ minDelayMs, maxDelayMs, pageSize, waiters: [...], paginators: [...] }`. */
const DECLARED = JSON.parse(native.declarations());

module.exports = { METHODS, DECLARED };
