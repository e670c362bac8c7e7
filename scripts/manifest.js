#!/usr/bin/env node
'use strict';
// The package.json a user installs. The repository's scripts are for working on it (`start` runs demo/,
// `test` scripts/test.js, `bench` bench/, `build` needs the napi-rs CLI and cargo): none of those files
// is shipped (package.json `files`), so the published manifest keeps only the scripts that run a file
// the package ships with `node` (`build:from-source`), and none of the others.
//
//   node scripts/manifest.js prepack    package.json -> the published one (the original kept aside)
//   node scripts/manifest.js postpack   the original back
//
// `npm publish` and `npm pack` run them around the packing (package.json `prepack` / `postpack`);
// scripts/pack.js, which packs with --ignore-scripts, applies `publishedManifest` to its copy itself.
const fs = require('node:fs');
const path = require('node:path');

/** Whether `file` (relative, `/`-separated) is one of the `files` entries: a file, a folder `x/`, or `dir/*.ext`. */
function ships(files, file) {
  const f = path.posix.normalize(file.replace(/\\/g, '/')).replace(/^\.\//, '');
  return files.some((entry) => {
    const e = entry.replace(/^\.\//, '');
    if (e.endsWith('/')) return f.startsWith(e);
    if (e.includes('*')) {
      const re = new RegExp(`^${e.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')}$`);
      return re.test(f);
    }
    return f === e || f.startsWith(`${e}/`);
  });
}

/** The file a script runs with `node <file>` (and nothing else), or null. */
function nodeFile(script) {
  const m = /^node\s+(\S+)$/.exec(script.trim());
  return m ? m[1] : null;
}

/** `pkg` as published: its scripts reduced to those that run a shipped file with node. */
function publishedManifest(pkg) {
  const out = { ...pkg };
  const kept = {};
  for (const [name, script] of Object.entries(pkg.scripts ?? {})) {
    const file = nodeFile(script);
    if (file && ships(pkg.files ?? [], file)) kept[name] = script;
  }
  if (Object.keys(kept).length) out.scripts = kept;
  else delete out.scripts;
  return out;
}

function main(step, dir = process.cwd()) {
  const file = path.join(dir, 'package.json');
  const aside = path.join(dir, '.package.json.prepack');
  if (step === 'prepack') {
    const text = fs.readFileSync(file, 'utf8');
    // A prepack that ran without its postpack (a failed pack) left the original aside: keep that one.
    if (!fs.existsSync(aside)) fs.writeFileSync(aside, text);
    const original = JSON.parse(fs.readFileSync(aside, 'utf8'));
    fs.writeFileSync(file, `${JSON.stringify(publishedManifest(original), null, 2)}\n`);
  } else if (step === 'postpack') {
    if (fs.existsSync(aside)) fs.renameSync(aside, file);
  } else {
    throw new Error(`manifest.js: expected prepack or postpack, got ${step}`);
  }
}

if (require.main === module) main(process.argv[2]);

module.exports = { publishedManifest, ships, nodeFile };
