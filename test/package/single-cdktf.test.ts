import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

// A second copy of cdktf (the library installed from a path, or a team on
// another version) must fail loudly at the first construct, never synthesize
// with the rule pack and depends_on quietly gone.
const repo = path.join(__dirname, '..', '..');
// Inside the checkout (node_modules is ignored), never /tmp: nothing outlives it.
const scratch = path.join(repo, 'node_modules', '.cache', 'second-cdktf');
const secondCdktf = path.join(scratch, 'node_modules', 'cdktf');

/** Runs `code` in plain node with the library's sources loaded through scripts/register.js; returns stderr. */
function run(code: string): { status: number; stderr: string } {
  const file = path.join(scratch, 'app.js');
  fs.writeFileSync(file, code);
  try {
    execFileSync(process.execPath, ['-r', path.join(repo, 'scripts', 'register.js'), file], { cwd: scratch, stdio: 'pipe' });
    return { status: 0, stderr: '' };
  } catch (e) {
    const err = e as { status: number; stderr: Buffer };
    return { status: err.status, stderr: err.stderr.toString() };
  }
}

const lib = (p: string) => JSON.stringify(path.join(repo, 'lib', p));

describe('single cdktf copy', () => {
  beforeAll(() => {
    fs.rmSync(scratch, { recursive: true, force: true });
    const original = path.dirname(require.resolve('cdktf/package.json'));
    fs.mkdirSync(secondCdktf, { recursive: true });
    fs.cpSync(path.join(original, 'lib'), path.join(secondCdktf, 'lib'), { recursive: true });
    fs.copyFileSync(path.join(original, 'package.json'), path.join(secondCdktf, 'package.json'));
    // cdktf's own dependencies may stay shared: only cdktf's classes and symbols matter here.
    fs.symlinkSync(path.join(original, 'node_modules'), path.join(secondCdktf, 'node_modules'));
  });
  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it('refuses the first construct of an app made with another cdktf, naming both copies', () => {
    const { status, stderr } = run(`
      const { App, TerraformStack } = require('cdktf');
      const { KvV2Mount } = require(${lib('vault/kv-v2')});
      const app = new App({ outdir: ${JSON.stringify(path.join(scratch, 'out'))} });
      new KvV2Mount(new TerraformStack(app, 'team'), 'Kv', { path: 'team' });
      app.synth();
    `);
    expect(status).not.toBe(0);
    expect(stderr).toContain("two copies of 'cdktf' are loaded");
    expect(stderr).toContain(`The app's constructs come from ${secondCdktf}`);
    expect(stderr).toContain(`the library's from ${path.join(repo, 'node_modules', 'cdktf')}`);
    expect(stderr).toMatch(/npm dedupe/);
    expect(fs.existsSync(path.join(scratch, 'out', 'manifest.json'))).toBe(false);
  });

  it('refuses the rule pack on such an app, which would otherwise check nothing', () => {
    const { status, stderr } = run(`
      const { App, TerraformStack } = require('cdktf');
      const { SecurityChecks } = require(${lib('checks')});
      const app = new App({ outdir: ${JSON.stringify(path.join(scratch, 'out'))} });
      new TerraformStack(app, 'team');
      SecurityChecks.applyTo(app, { failOnError: true });
    `);
    expect(status).not.toBe(0);
    expect(stderr).toContain("two copies of 'cdktf' are loaded");
  });

  it('lets an app of the same copy through', () => {
    expect(run(`
      const { App, TerraformStack } = require(${JSON.stringify(require.resolve('cdktf'))});
      const { KvV2Mount } = require(${lib('vault/kv-v2')});
      const app = new App({ outdir: ${JSON.stringify(path.join(scratch, 'out'))} });
      new KvV2Mount(new TerraformStack(app, 'team'), 'Kv', { path: 'team' });
    `)).toEqual({ status: 0, stderr: '' });
  });
});
