// Minimal require hook: transpiles TypeScript with swc (no type-check; `npm test`
// runs `tsc --noEmit` for that). Kept dependency-free beyond @swc/core so that
// `npm run synth` and cdktf's `app` start fast and need no cdktf CLI.
'use strict';
const fs = require('node:fs');
const { transformSync } = require('@swc/core');

require.extensions['.ts'] = function compileTs(module, filename) {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    sourceMaps: 'inline',
    module: { type: 'commonjs' },
    jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
  });
  module._compile(code, filename);
};
