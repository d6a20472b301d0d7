import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describeError, wantsStackTraces } from '../../stacks/cli';
import { DEFAULT_PLATFORM_CONFIG } from '../../stacks/main';

// `npm run synth` as a person runs it: a child process, in a scratch directory
// (its cdktf.out lands there), removed after the tests.
const ROOT = path.join(__dirname, '..', '..');
let dir: string;
beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-cli-test-')); });
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function run(program: string, env: Record<string, string> = {}, args: string[] = []) {
  const { CDKTF_OUTDIR: _o, DEBUG: _d, STACKS: _s, PLATFORM_CONFIG: _p, ...inherited } = process.env;
  const r = spawnSync(process.execPath, ['-r', path.join(ROOT, 'scripts', 'register.js'), program, ...args], {
    cwd: dir, encoding: 'utf8', env: { ...inherited, CHECKPOINT_DISABLE: '1', ...env },
  });
  return { status: r.status, stderr: r.stderr, stdout: r.stdout };
}
const synth = (env: Record<string, string> = {}, args: string[] = []) => run(path.join(ROOT, 'stacks', 'main.ts'), env, args);

function config(name: string, edit: (c: any) => void = () => {}, prefix = ''): string {
  const c = JSON.parse(fs.readFileSync(DEFAULT_PLATFORM_CONFIG, 'utf8'));
  edit(c);
  const file = path.join(dir, name);
  fs.writeFileSync(file, prefix + JSON.stringify(c));
  return file;
}

/** A program that builds one stack with `body`, through the same runner as main.ts. */
function program(name: string, body: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `
import { PlatformStack } from '${ROOT}/lib/platform/platform-stack';
import { runSynth } from '${ROOT}/stacks/cli';
import { VaultPolicy } from '${ROOT}/lib/vault/policy';
import { SecurityChecks } from '${ROOT}/lib/checks';
void VaultPolicy; void SecurityChecks;
process.exitCode = runSynth((app) => { const stack = new PlatformStack(app, 'probe', { providers: ['vault'] }); ${body} });
`);
  return file;
}

const NO_TRACE = /^\s+at /m;
// Child processes that synthesize: seconds each on a loaded machine.
jest.setTimeout(60_000);

describe('npm run synth', () => {
  it('prints an unknown stack name as its message alone and exits 1', () => {
    const r = synth({ STACKS: 'nope' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^STACKS names unknown stacks \["nope"\]; known: .*\beso-vault-kv\b.*\n$/);
    expect(r.stderr).not.toMatch(NO_TRACE);
  });

  it('adds the stack trace with DEBUG=1 or --verbose', () => {
    expect(synth({ STACKS: 'nope', DEBUG: '1' }).stderr).toMatch(NO_TRACE);
    expect(synth({ STACKS: 'nope' }, ['--verbose']).stderr).toMatch(NO_TRACE);
  });

  it('prints a config problem as its message alone, invisible characters shown', () => {
    const file = config('bad.json', (c) => { c.backend = { type: '__proto__' }; c.name = 'home\u200blab'; c.constructor = 1; });
    const r = synth({ PLATFORM_CONFIG: file });
    expect(r.status).toBe(1);
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      `config '${file}': 'constructor' is not a known key (known: name, azure, kubernetes, vault, acme, pki, scenarios)`,
      `config '${file}': 'name' must be a DNS-1123 label (lowercase letters, digits, "-") (got "home\\u200blab")`,
      `config '${file}': 'backend.type' must be one of local, azurerm, cloud (got "__proto__")`,
    ]);
  });

  it('accepts a config file that starts with a byte order mark', () => {
    const r = synth({ PLATFORM_CONFIG: config('bom.json', () => {}, '\uFEFF'), STACKS: 'homelab-identity' });
    expect(r.status).toBe(0);
    expect(r.stderr).not.toMatch(/config '|JSON/);
  });

  it('names both files when two configs have one name', () => {
    const a = config('a.json');
    const b = config('b.json');
    const r = synth({ PLATFORM_CONFIG: `${a},${b}` });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`configs '${a}' and '${b}' both have name 'homelab': each cluster needs its own name, which prefixes its stack names (homelab-identity, ...)\n`);
  });

  it('prints a construct validation error as its message alone', () => {
    const r = run(program('invalid.ts', `new VaultPolicy(stack, 'P', { policyName: 'Bad Name!' });`));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^VaultPolicy 'probe\/P': 'policyName' .*Bad Name!/);
    expect(r.stderr).not.toMatch(NO_TRACE);
  });

  it('prints a failing rule as its findings alone, without advice to switch the gate off', () => {
    const r = run(program('rule.ts', `new VaultPolicy(stack, 'P', { policyName: 'ops', allowSudo: true, rules: [{ path: 'sys/mounts', capabilities: ['sudo'] }] }); SecurityChecks.applyTo(app, { failOnError: true });`));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/\[probe\/P[^\]]*\] .*VP-/);
    expect(r.stderr).not.toMatch(NO_TRACE);
    expect(r.stderr).not.toMatch(/CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS/);
  });

  it('prints the warnings cdktf only stores in manifest.json', () => {
    const r = run(program('warning.ts', `new VaultPolicy(stack, 'P', { policyName: 'ops', allowSudo: true, rules: [{ path: 'sys/mounts', capabilities: ['sudo'] }] });`));
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^Warning: \[probe\/P\] .*sudo/m);
  });

  it('leaves no stale stack from an earlier synth when STACKS names fewer, and keeps one holding state', () => {
    expect(synth().status).toBe(0);
    const stacks = () => fs.readdirSync(path.join(dir, 'cdktf.out', 'stacks')).sort();
    expect(stacks()).toContain('vault-auto-unseal');
    fs.writeFileSync(path.join(dir, 'cdktf.out', 'stacks', 'vault-auto-unseal', 'terraform.tfstate'), '{}');
    const r = synth({ STACKS: 'eso-vault-kv' });
    expect(r.status).toBe(0);
    expect(stacks()).toEqual(expect.arrayContaining(['eso-vault-kv', 'vault-auto-unseal']));
    expect(stacks()).not.toEqual(expect.arrayContaining(['atlantis-k8s-auth']));
    expect(stacks()).not.toEqual(expect.arrayContaining(['homelab-identity']));
    expect(r.stderr).toMatch(/^Removed stack directories an earlier synth left in cdktf.out: .*\batlantis-k8s-auth\b.*\bhomelab-identity\b/m);
    expect(r.stderr).toMatch(/^Stale \(not synthesized now\), kept because they hold Terraform state: cdktf.out\/stacks\/vault-auto-unseal$/m);
  });
});

describe('describeError', () => {
  it.each([
    ['a construct validation error', new Error("VaultPolicy 'a/P': 'policyName' must be ..."), false, "VaultPolicy 'a/P': 'policyName' must be ..."],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'x')"), false, "TypeError: Cannot read properties of undefined (reading 'x')\n(this looks like a bug; run with DEBUG=1 or --verbose for the stack trace)"],
    ['something thrown that is not an Error', 'boom', false, 'Error: boom'],
    ['cdktf\'s error annotations', new Error('Encountered Annotations with level "ERROR":\n[s/P] [VP-POL-1] bad\n\nEither fix the issues above, or set the environment variable CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS to ignore these annotations.\n'), false, 'Synth refused; fix these errors:\n[s/P] [VP-POL-1] bad'],
  ])('prints %s without a stack trace', (_, error, verbose, expected) => {
    expect(describeError(error, verbose)).toBe(expected);
  });

  it('prints the stack trace when asked', () => {
    const e = new Error('x');
    expect(describeError(e, true)).toBe(e.stack);
  });

  it.each([
    [{}, [], false], [{ DEBUG: '1' }, [], true], [{ DEBUG: 'cdktf' }, [], true], [{ DEBUG: '0' }, [], false],
    [{ DEBUG: 'false' }, [], false], [{ DEBUG: '' }, [], false], [{}, ['--verbose'], true], [{}, ['-v'], true],
  ])('asks for stack traces with env %j and args %j: %s', (env, argv, expected) => {
    expect(wantsStackTraces(argv, env)).toBe(expected);
  });
});
