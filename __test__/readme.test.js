'use strict';
// The README's VPC life cycle runs as written.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { execFile } = require('node:child_process');

const root = path.join(__dirname, '..');

/** Runs the README's code block marked `<!-- readme-test: name -->` from inside the package. */
async function runExample(name) {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const m = readme.match(new RegExp(`<!-- readme-test: ${name} -->\\n\`\`\`js\\n([\\s\\S]*?)\`\`\``));
  assert.ok(m, `the README has the example marked ${name}`);
  // Run it from inside the package so that require('ncloud') resolves to this package.
  const file = path.join(root, `.readme-example-${name}-${process.pid}.js`);
  fs.writeFileSync(file, m[1]);
  try {
    return await new Promise((resolve) => {
      execFile(process.execPath, [file], { timeout: 30000 }, (err, stdout, stderr) => resolve({ code: err ? err.code : 0, stdout, stderr }));
    });
  } finally {
    fs.rmSync(file, { force: true });
  }
}

test('the README cancellation, waiter and paginator example runs as written', async () => {
  const { code, stdout, stderr } = await runExample('cancel-wait-paginate');
  assert.equal(code, 0, stderr);
  assert.match(stdout, /^poll 1: INIT$/m);
  assert.match(stdout, /^poll \d+: CREAT$/m);
  assert.match(stdout, /^ready golden-a created$/m);
  assert.match(stdout, /^image golden-a\nimage golden-b$/m);
  assert.match(stdout, /^aborted AbortError ABORT_ERR$/m);
  assert.match(stdout, /^gone null$/m);
});

test('the README life cycle example runs as written', async () => {
  {
    const { code, stdout, stderr } = await runExample('vpc-lifecycle');
    assert.equal(code, 0, stderr);
    assert.match(stdout, /^created \d+ creating$/m);
    assert.match(stdout, /status created$/m);
    assert.match(stdout, /shared with \[ 'partner@example\.com' \]/);
    assert.match(stdout, /deleted terminating/);
  }
});
