'use strict';
// The README's VPC life cycle runs as written.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { execFile } = require('node:child_process');

const root = path.join(__dirname, '..');

test('the README life cycle example runs as written', async () => {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const m = readme.match(/<!-- readme-test: vpc-lifecycle -->\n```js\n([\s\S]*?)```/);
  assert.ok(m, 'the README has the marked example');
  // Run it from inside the package so that require('ncloud') resolves to this package.
  const file = path.join(root, `.readme-example-${process.pid}.js`);
  fs.writeFileSync(file, m[1]);
  try {
    const { code, stdout, stderr } = await new Promise((resolve) => {
      execFile(process.execPath, [file], { timeout: 30000 }, (err, stdout, stderr) => resolve({ code: err ? err.code : 0, stdout, stderr }));
    });
    assert.equal(code, 0, stderr);
    assert.match(stdout, /^created \d+ creating$/m);
    assert.match(stdout, /status created$/m);
    assert.match(stdout, /shared with \[ 'partner@example\.com' \]/);
    assert.match(stdout, /deleted terminating/);
  } finally {
    fs.rmSync(file, { force: true });
  }
});
