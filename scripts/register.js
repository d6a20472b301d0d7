// Minimal require hook for `npm run synth` and cdktf's `app`: transpiles
// TypeScript with swc (types are stripped, not checked; `npm test` runs
// `tsc --noEmit` for that), so no cdktf CLI, ts-node or build step is needed.
//
// Output is cached by content hash under node_modules/.cache, and swc is only
// loaded on a cache miss: its native binding alone costs ~26 MB of RSS, more
// than a synth of every stack would otherwise add.
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const cacheDir = path.join(__dirname, '..', 'node_modules', '.cache', 'ts-register');
const SWC_OPTIONS = {
  // Source maps only when Node will apply them (`node --enable-source-maps`);
  // otherwise they are 0.65 MB of comments each synth reads and scans, for
  // 7 MB of peak RSS (108 -> 101 MB in a synth of every stack).
  sourceMaps: process.sourceMapsEnabled ? 'inline' : false,
  module: { type: 'commonjs' },
  jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
};
const salt = JSON.stringify(SWC_OPTIONS) + process.version;
let swc;

function transpile(source, filename) {
  const key = crypto.createHash('sha256').update(salt).update(filename).update(source).digest('hex');
  const cached = path.join(cacheDir, `${key}.js`);
  try {
    return fs.readFileSync(cached, 'utf8');
  } catch {
    swc = swc || require('@swc/core');
    const { code } = swc.transformSync(source, { ...SWC_OPTIONS, filename });
    try {
      fs.mkdirSync(cacheDir, { recursive: true });
      fs.writeFileSync(`${cached}.${process.pid}`, code);
      fs.renameSync(`${cached}.${process.pid}`, cached); // atomic for concurrent runs
    } catch {
      // A read-only tree still works, just without the cache.
    }
    return code;
  }
}

require.extensions['.ts'] = function compileTs(module, filename) {
  module._compile(transpile(fs.readFileSync(filename, 'utf8'), filename), filename);
};
