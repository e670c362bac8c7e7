'use strict';
// What an editor shows: TypeScript's language service (getQuickInfoAtPosition, what VS Code asks on
// hover) over a consumer file that calls every method of every surface of a real client — found by
// walking the client the package builds, not read from the typings — and hovers at each call; then at
// every parameter of 50 actions spread over the model, at every option of createClient, and at every
// method of an emulator. Each must show documentation.
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const fs = require('node:fs');
const ts = require('typescript');
const ncloud = require('..');
const { METHODS } = require('../lib/table');
const { KNOWN_OPTIONS } = require('../lib/config');

const root = path.join(__dirname, '..');
const FILE = path.join(root, '__test__', 'hover-consumer.ts');

/** The callable paths of a surface object: `compute.getServerImageList`, `IaaS.server().getZoneList`. */
function walk(value, prefix, out, v1) {
  for (const key of Object.keys(value)) {
    const member = value[key];
    const at = `${prefix}.${key}`;
    if (typeof member === 'function') {
      if (v1 && member.length === 0) {
        // A 1.x surface getter (`IaaS.server()`): a fresh object of methods.
        out.push(at);
        walk(member(), `${at}()`, out, false);
      } else {
        out.push(at);
      }
    } else if (member !== null && typeof member === 'object' && !Array.isArray(member)) {
      walk(member, at, out, v1);
    }
  }
}

/** Every method of every surface of a client, and the client's and the module's own. */
function everyCall() {
  const client = ncloud.createClient({ accessKey: 'hover-test', secretKey: 'hover-test', endpoint: 'http://127.0.0.1:9' });
  const calls = [];
  walk(client, 'c', calls, false);
  // Getters of the class: the 1.x roots (`IaaS`, `PaaS`) are objects of surface getters.
  for (const [name, d] of Object.entries(Object.getOwnPropertyDescriptors(ncloud.Client.prototype))) {
    if (d.get && client[name] !== null && typeof client[name] === 'object') walk(client[name], `c.${name}`, calls, true);
    else if (typeof d.value === 'function' && name !== 'constructor' && !name.startsWith('_')) calls.push(`c.${name}`);
  }
  client.close();
  for (const [name, d] of Object.entries(Object.getOwnPropertyDescriptors(ncloud.Emulator.prototype))) {
    if (typeof d.value === 'function' && name !== 'constructor') calls.push(`emu.${name}`);
  }
  for (const [name, fn] of Object.entries(ncloud)) {
    if (typeof fn === 'function' && !/^[A-Z]/.test(name)) calls.push(`ncloud.${name}`);
  }
  calls.push('ncloud.Ncloud.createClient', 'ncloud.NcloudError.from', 'ncloud.NcloudError.validation');
  return calls;
}

/** 50 actions with parameters, spread evenly over the method table (one method per action name, so
 * that the sample stays spread whatever number of actions the model holds). */
function sampledActions() {
  const withParams = METHODS.filter((m) => !m.compat && m.params.length > 0)
    .filter((m, i, all) => all.findIndex((x) => x.action === m.action) === i);
  const step = withParams.length / 50;
  return Array.from({ length: 50 }, (_, i) => withParams[Math.floor(i * step)]);
}

/** The consumer file, and where to hover: [{ what, offset }]. */
function consumerFile(calls, actions) {
  let text = `import ncloud = require(${JSON.stringify(path.join(root, 'index'))});\n`;
  text += 'declare const v: any;\ndeclare const emu: ncloud.Emulator;\n';
  const hovers = [];
  const add = (line, marks) => {
    const start = text.length;
    for (const [what, needle, from] of marks) {
      const at = line.indexOf(needle, from ?? 0);
      assert.ok(at >= 0, `${needle} in ${line}`);
      hovers.push({ what, offset: start + at });
    }
    text += `${line}\n`;
  };
  // createClient with every option it takes.
  const opts = KNOWN_OPTIONS.map((k) => `${k}: v`).join(', ');
  const created = `const c = ncloud.createClient({ ${opts} });`;
  add(created, KNOWN_OPTIONS.map((k) => [`createClient option ${k}`, `${k}: v`]));
  for (const call of calls) {
    const name = call.split('.').pop();
    add(`${call}(v);`, [[`${call}()`, name, call.length - name.length]]);
  }
  for (const m of actions) {
    const at = `c.${m.paths[0]}`;
    const line = `${at}({ ${m.params.map((p) => `${p}: v`).join(', ')} });`;
    add(line, m.params.map((p) => [`${m.paths[0]} parameter ${p}`, `${p}: v`, at.length]));
  }
  return { text, hovers };
}

function languageService(text) {
  const options = {
    strict: true,
    exactOptionalPropertyTypes: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    types: ['node'],
    typeRoots: [path.join(root, 'node_modules', '@types')],
    skipLibCheck: true,
    noEmit: true,
  };
  const host = {
    getScriptFileNames: () => [FILE],
    getScriptVersion: () => '1',
    getScriptSnapshot: (f) => {
      if (f === FILE) return ts.ScriptSnapshot.fromString(text);
      return fs.existsSync(f) ? ts.ScriptSnapshot.fromString(fs.readFileSync(f, 'utf8')) : undefined;
    },
    getCurrentDirectory: () => root,
    getCompilationSettings: () => options,
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: (f) => f === FILE || ts.sys.fileExists(f),
    readFile: (f) => (f === FILE ? text : ts.sys.readFile(f)),
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  };
  return ts.createLanguageService(host, ts.createDocumentRegistry());
}

test('every method of every surface, every parameter of 50 actions and every createClient option show documentation on hover', () => {
  const calls = everyCall();
  const actions = sampledActions();
  // The walk found every surface: the model's methods (each at each of its paths), 0.1.x and 1.x.
  const paths = new Set(METHODS.flatMap((m) => m.paths));
  for (const p of paths) assert.ok(calls.includes(`c.${p}`), `the client has ${p}`);
  assert.ok(calls.some((c) => c.startsWith('c.compute.find')), '0.1.x methods');
  assert.ok(calls.some((c) => c.startsWith('c.IaaS.server().')), '1.x methods');
  assert.ok(calls.some((c) => c.startsWith('c.compute.waitFor')) && calls.some((c) => c.startsWith('c.compute.paginate')));
  assert.equal(new Set(actions.map((a) => a.action)).size >= 45, true, 'the sample spreads over the actions');

  const { text, hovers } = consumerFile(calls, actions);
  const ls = languageService(text);
  const undocumented = [];
  for (const { what, offset } of hovers) {
    const info = ls.getQuickInfoAtPosition(FILE, offset);
    const doc = info ? ts.displayPartsToString(info.documentation).trim() : '';
    if (doc.length < 10) undocumented.push(`${what}${info ? '' : ' (no quick info: not typed?)'}`);
  }
  const methods = calls.length;
  const params = hovers.length - methods - KNOWN_OPTIONS.length;
  console.log(`hover: ${methods} methods, ${params} parameters of ${actions.length} actions, ${KNOWN_OPTIONS.length} options; ${undocumented.length} without documentation`);
  assert.deepEqual(undocumented, [], `no documentation on hover:\n${undocumented.join('\n')}`);
});
