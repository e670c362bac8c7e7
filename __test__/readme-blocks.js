'use strict';
// The fenced code blocks of the README and of docs/*.md, for the tests that run and type-check them as
// printed. A block preceded by `<!-- readme-test: skip: <reason> -->` is not run (the reason says what
// covers it instead). A block after the first mention of `NCLOUD_EMULATOR=1` in its file runs with that
// variable set (the file told the reader to set it before the block); a block before it runs without.
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');

function readmeBlocks(file = path.join(root, 'README.md')) {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const name = path.basename(file, '.md').toLowerCase();
  const said = lines.findIndex((l) => l.includes('NCLOUD_EMULATOR=1'));
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)\s*$/.exec(lines[i]);
    if (!open) continue;
    const start = i;
    const body = [];
    for (i += 1; i < lines.length && !/^```\s*$/.test(lines[i]); i++) body.push(lines[i]);
    let j = start - 1;
    while (j >= 0 && lines[j].trim() === '') j--;
    const mark = j >= 0 ? /^<!--\s*readme-test:\s*skip:\s*(.*?)\s*-->$/.exec(lines[j].trim()) : null;
    const code = `${body.join('\n')}\n`;
    const esm = /^\s*(import|export)\s/m.test(code);
    const lang = open[1] || 'text';
    blocks.push({
      lang,
      code,
      line: start + 1,
      where: `${path.relative(root, file)}:${start + 1}`,
      skip: mark ? mark[1] : null,
      emulatorEnv: said >= 0 && said < start,
      file: `${name}-${start + 1}.${lang === 'js' ? (esm ? 'mjs' : 'cjs') : lang}`,
    });
  }
  return blocks;
}

/** The README and the hand-written pages of docs/ (the generated reference has no code blocks). */
function docFiles() {
  const docs = path.join(root, 'docs');
  const pages = fs
    .readdirSync(docs)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => path.join(docs, f));
  return [path.join(root, 'README.md'), ...pages];
}

/** Every code block of the README and of docs/*.md. */
function docBlocks() {
  return docFiles().flatMap((f) => readmeBlocks(f));
}

module.exports = { readmeBlocks, docBlocks, docFiles };
