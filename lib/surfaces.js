'use strict';
// The client's surfaces, built along the paths the model declares (lib/table.js): every method, waiter
// and paginator at each of its paths (`compute.getServerImageList` and `compute.vpc.getServerImageList`
// are one function), under a root of the client (`client.compute`, and any other root the model names:
// `client.loadBalancer`, `client.monitoring`, `client.geolocation` ...).
const { invoke } = require('./call');
const { waitFor } = require('./waiters');
const { paginate } = require('./pages');
const { METHODS, DECLARED } = require('./table');
const v0 = require('./v0');

/**
 * `client.compute`: the VPC actions by name (also under `compute.vpc`), the Classic ones under
 * `compute.classic`, the old client's methods (`findPrivateImages` ...), waiters and paginators. Set
 * `compute.regionNo` to add `regionNo` to Classic calls, as the old client did.
 */
class Compute {
  constructor() {
    this.regionNo = undefined;
  }
}

/** Method name -> its entry of the table (the old methods call the core by name). */
const BY_NAME = new Map(METHODS.map((m) => [m.name, m]));

/** Every path of every declaration, with the function to put there. */
function entries(client) {
  const out = [];
  for (const m of METHODS) {
    const fn = (...args) => invoke(client, m, args);
    out.push([m.paths, fn]);
  }
  for (const w of DECLARED.waiters) {
    out.push([w.methods, (no, options) => waitFor(client, w, no, options)]);
  }
  for (const p of DECLARED.paginators) {
    out.push([p.methods, (params, options) => paginate(client, p, params, options)]);
  }
  return out;
}

/** Puts every surface on `client`; `client.compute` is a `Compute`. */
function attachSurfaces(client) {
  const roots = new Map([['compute', new Compute()]]);
  for (const [paths, fn] of entries(client)) {
    for (const path of paths) {
      const parts = path.split('.');
      const name = parts.pop();
      const root = parts.shift();
      if (!roots.has(root)) {
        // A root the model adds must not hide a member of the client (`close`, `emulator` ...).
        if (root in client) throw new Error(`ncloud: the model's surface '${root}' would hide client.${root}`);
        roots.set(root, {});
      }
      let node = roots.get(root);
      for (const part of parts) node = node[part] ??= {};
      if (name in node) throw new Error(`ncloud: two declarations at ${path}`);
      if (fn.name !== name) Object.defineProperty(fn, 'name', { value: name });
      node[name] = fn;
    }
  }
  for (const [root, surface] of roots) client[root] = surface;
  // The old 0.1.x client's methods (model/surfaces.toml), each at its path: `compute.findServers`,
  // `management.monitoring.findMetrics`, `storage.*` (lib/v0.js).
  v0.attach(client, (name, params, o) => client._call(BY_NAME.get(name), params, o));
}

module.exports = { attachSurfaces, Compute };
