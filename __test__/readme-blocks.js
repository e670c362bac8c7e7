'use strict';
// The README's fenced code blocks, for the tests that run and type-check them as printed. A block preceded
// by `<!-- readme-test: skip: <reason> -->` is not run (the reason says what covers it instead).
const fs = require('node:fs');
const path = require('node:path');

function readmeBlocks(file = path.join(__dirname, '..', 'README.md')) {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
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
      skip: mark ? mark[1] : null,
      file: `readme-${start + 1}.${lang === 'js' ? (esm ? 'mjs' : 'cjs') : lang}`,
    });
  }
  return blocks;
}

module.exports = { readmeBlocks };
