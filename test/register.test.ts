import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { testApp } from './helpers';

// scripts/register.js is what `npm run synth` and cdktf.json's `app` run
// through: it transpiles, and it keeps V8's compiled code between runs. A
// synth must not depend on which of its caches are warm, cold or broken.
const repo = path.join(__dirname, '..');

function run(dir: string, out: string, extraNodeArgs: string[] = [], stacks = 'eso-vault-kv', hook = './scripts/register.js', env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [...extraNodeArgs, '-r', hook, 'stacks/main.ts'], {
    cwd: repo,
    env: { ...process.env, TS_REGISTER_CACHE: path.join(dir, 'cache'), CDKTF_OUTDIR: path.join(dir, out), STACKS: stacks, CHECKPOINT_DISABLE: '1', ...env },
    encoding: 'utf8',
  });
  return r;
}

const synthOf = (dir: string, out: string) => fs.readFileSync(path.join(dir, out, 'stacks', 'eso-vault-kv', 'cdk.tf.json'), 'utf8');
const codeCaches = (dir: string) => fs.readdirSync(path.join(dir, 'cache')).filter((f) => f.endsWith('.v8'));
const transpiled = (dir: string) => new Set(fs.readdirSync(path.join(dir, 'cache')).filter((f) => f.endsWith('.js')));

/** A copy of the hook in `dir`, resolving `@swc/core` to a package that claims `swcVersion` (and runs the real swc). */
function hookCopy(dir: string, swcVersion: string, appended = ''): string {
  const swc = path.join(dir, 'node_modules', '@swc', 'core');
  fs.mkdirSync(swc, { recursive: true });
  fs.writeFileSync(path.join(swc, 'package.json'), JSON.stringify({ name: '@swc/core', version: swcVersion, main: 'index.js' }));
  fs.writeFileSync(path.join(swc, 'index.js'), `module.exports = require(${JSON.stringify(require.resolve('@swc/core'))});`);
  fs.mkdirSync(path.join(dir, 'scripts'), { recursive: true });
  const hook = path.join(dir, 'scripts', 'register.js');
  fs.writeFileSync(hook, fs.readFileSync(path.join(repo, 'scripts', 'register.js'), 'utf8') + appended);
  return hook;
}

describe('scripts/register.js', () => {
  it('synthesizes the same with a cold, a warm and a corrupt code cache', () => {
    const dir = testApp().outdir;
    expect(run(dir, 'cold').status).toBe(0);
    const caches = codeCaches(dir);
    // This repo's modules and the provider modules (cdktf's own are left out).
    expect(caches.length).toBeGreaterThan(40);

    expect(run(dir, 'warm').status).toBe(0);
    expect(synthOf(dir, 'warm')).toBe(synthOf(dir, 'cold'));

    for (const f of caches) fs.writeFileSync(path.join(dir, 'cache', f), 'not a code cache');
    expect(run(dir, 'corrupt').status).toBe(0);
    expect(synthOf(dir, 'corrupt')).toBe(synthOf(dir, 'cold'));
    // V8 rejected them, and the run wrote them again.
    for (const f of caches) expect(fs.readFileSync(path.join(dir, 'cache', f), 'utf8')).not.toBe('not a code cache');
  });

  it('keeps TypeScript line numbers in stack traces under node --enable-source-maps', () => {
    const dir = testApp().outdir;
    // npm run synth prints a user error without its trace unless DEBUG=1 asks for it.
    const r = run(dir, 'maps', ['--enable-source-maps'], 'no-such-stack', undefined, { DEBUG: '1' });
    expect(r.status).not.toBe(0);
    const line = fs.readFileSync(path.join(repo, 'stacks', 'main.ts'), 'utf8').split('\n').findIndex((l) => l.includes('STACKS names unknown stacks')) + 1;
    expect(r.stderr).toContain('STACKS names unknown stacks ["no-such-stack"]');
    expect(r.stderr).toContain(`stacks/main.ts:${line}:`);
  });

  it('transpiles again when swc or the hook itself changes, and npm run clean empties the cache', () => {
    // Its own cache: the other tests share the file's outdir.
    const dir = path.join(testApp().outdir, 'cache-key');
    const real = JSON.parse(fs.readFileSync(require.resolve('@swc/core/package.json'), 'utf8')).version;
    expect(run(dir, 'a', [], 'eso-vault-kv', hookCopy(path.join(dir, 'same'), real)).status).toBe(0);
    const first = transpiled(dir);
    expect(run(dir, 'b', [], 'eso-vault-kv', hookCopy(path.join(dir, 'same'), real)).status).toBe(0);
    expect(transpiled(dir)).toEqual(first);

    expect(run(dir, 'c', [], 'eso-vault-kv', hookCopy(path.join(dir, 'upgraded'), '99.0.0')).status).toBe(0);
    const afterUpgrade = transpiled(dir);
    expect(afterUpgrade.size).toBe(2 * first.size);

    expect(run(dir, 'd', [], 'eso-vault-kv', hookCopy(path.join(dir, 'edited'), real, '\n// edited\n')).status).toBe(0);
    expect(transpiled(dir).size).toBe(3 * first.size);
    expect(synthOf(dir, 'd')).toBe(synthOf(dir, 'a'));

    const clean = spawnSync(process.execPath, ['scripts/register.js', '--clean'], { cwd: repo, env: { ...process.env, TS_REGISTER_CACHE: path.join(dir, 'cache') }, encoding: 'utf8' });
    expect(clean.status).toBe(0);
    expect(fs.existsSync(path.join(dir, 'cache'))).toBe(false);
  }, 120_000); // four synths in child processes, three of them cold
});
