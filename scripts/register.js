// Minimal require hook for `npm run synth` and cdktf's `app`: transpiles
// TypeScript with swc (types are stripped, not checked; `npm test` runs
// `tsc --noEmit` for that), so no cdktf CLI, ts-node or build step is needed.
//
// Output is cached under node_modules/.cache/ts-register, keyed by the file's
// path and content, the swc options, the @swc/core version, this file's own
// content, and Node's version and architecture, so upgrading swc, Node or this
// hook never serves stale output. `npm run clean` (`node scripts/register.js
// --clean`) empties the cache. swc is only loaded on a cache miss: its native
// binding takes more memory than the rest of a synth adds.
//
// It also keeps V8's compiled code for this repo's modules and the provider
// modules, as v8-compile-cache or Node 22's module.enableCompileCache() do
// (this machine runs Node 20). Most of a synth runs code once: the
// constructors, validations and provider classes are parsed and compiled for
// a single call, and that is most of what this repo adds to loading cdktf.
// cdktf's own modules are left alone on purpose, so the bench's baseline
// (`require('cdktf')`) costs the same inside the synth as outside it.
//
// Measured against tsx, @swc-node/register and running tsc's output before
// it was kept (README, Performance). It hooks in through require.extensions,
// as those CommonJS registers do; the module wrapper and require function
// come from Node's public Module.wrap and Module.createRequire.
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const vm = require('node:vm');

// TS_REGISTER_CACHE moves it (the tests use a fresh one).
const cacheDir = process.env.TS_REGISTER_CACHE || path.join(__dirname, '..', 'node_modules', '.cache', 'ts-register');
const SWC_OPTIONS = {
  // Source maps only when Node will apply them (`node --enable-source-maps`);
  // otherwise they are comments every synth would read, scan and keep.
  sourceMaps: process.sourceMapsEnabled ? 'inline' : false,
  module: { type: 'commonjs' },
  jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
};
// The package.json, not the package: reading a version must not load swc's native binding.
const swcVersion = JSON.parse(fs.readFileSync(require.resolve('@swc/core/package.json'), 'utf8')).version;
const ownVersion = crypto.createHash('sha256').update(fs.readFileSync(__filename)).digest('hex');
const salt = JSON.stringify(SWC_OPTIONS) + swcVersion + ownVersion + process.version + process.arch;
const hash = (...parts) => parts.reduce((h, p) => h.update(p), crypto.createHash('sha256').update(salt)).digest('hex');
let swc;

function writeAtomic(file, data) {
  try {
    fs.mkdirSync(cacheDir, { recursive: true });
    fs.writeFileSync(`${file}.${process.pid}`, data);
    fs.renameSync(`${file}.${process.pid}`, file); // atomic for concurrent runs
  } catch {
    // A read-only tree still works, just without the cache.
  }
}

function transpile(source, filename, key) {
  const cached = path.join(cacheDir, `${key}.js`);
  try {
    return fs.readFileSync(cached, 'utf8');
  } catch {
    swc = swc || require('@swc/core');
    const { code } = swc.transformSync(source, { ...SWC_OPTIONS, filename });
    writeAtomic(cached, code);
    return code;
  }
}

// --- V8 code cache --------------------------------------------------------

/** Scripts compiled without a usable cache, written at exit (after the run, so their functions are compiled too). */
const toCache = [];
process.once('exit', () => {
  for (const [script, file] of toCache) writeAtomic(file, script.createCachedData());
});

/**
 * Compiles and runs a CommonJS module the way Module.prototype._compile does,
 * with V8's code cache. Under `--enable-source-maps` Node's own path is kept,
 * since it registers the source maps that stack traces are mapped with.
 */
function compileWithCache(module, code, filename, key) {
  if (process.sourceMapsEnabled) return module._compile(code, filename);
  const file = path.join(cacheDir, `${key}.v8`);
  let cachedData;
  try {
    cachedData = fs.readFileSync(file);
  } catch {
    // Not cached yet.
  }
  const script = new vm.Script(Module.wrap(code), { filename, cachedData });
  if (!cachedData || script.cachedDataRejected) toCache.push([script, file]);
  const fn = script.runInThisContext({ displayErrors: true });
  // Node's public createRequire supplies resolve, resolve.paths, main,
  // extensions and cache; loading goes through module.require so that this
  // module is the parent of what it loads, as under Node's own loader.
  const require = Object.assign((id) => module.require(id), Module.createRequire(filename));
  return fn.call(module.exports, module.exports, require, module, filename, path.dirname(filename));
}

require.extensions['.ts'] = function compileTs(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const key = hash(filename, source);
  compileWithCache(module, transpile(source, filename, key), filename, key);
};

// Provider packages: a published version's files never change, so the
// package version, the path and the length name the content without hashing
// megabytes of it on every run.
const PROVIDER = /^(.*[\\/]node_modules[\\/]@cdktf[\\/]provider-[^\\/]+)[\\/]/;
const versions = new Map();
const loadJs = require.extensions['.js'];
require.extensions['.js'] = function compileProvider(module, filename) {
  const root = PROVIDER.exec(filename)?.[1];
  if (!root) return loadJs(module, filename);
  if (!versions.has(root)) versions.set(root, JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version);
  const code = fs.readFileSync(filename, 'utf8');
  compileWithCache(module, code, filename, hash(filename, versions.get(root), String(code.length)));
};

if (require.main === module && process.argv[2] === '--clean') {
  fs.rmSync(cacheDir, { recursive: true, force: true });
  console.log(`removed ${path.relative(process.cwd(), cacheDir) || cacheDir}`);
}
