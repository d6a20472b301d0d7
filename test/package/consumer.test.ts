import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EXPECTED } from './public-api';

// A team's project (test/consumer: `cdktf init --template=typescript` plus
// strict and noUncheckedIndexedAccess) installs the packed library as a team
// would, offline from the npm cache `npm ci` filled, then compiles with tsc,
// synthesizes with plain node and runs its ts-jest tests.
// After a deliberate change to the team stack's output, refresh its snapshot
// with `CONSUMER_UPDATE_SNAPSHOT=1 npx jest test/package/consumer`.
const { installTeamProject, run: exec } = require('../../scripts/team-project') as {
  installTeamProject(dir: string): { team: string; env: NodeJS.ProcessEnv; packed: { files: Array<{ path: string }> } };
  run(cmd: string, args: string[], options: object): string;
};
const fixture = path.join(__dirname, '..', 'consumer');
const updateSnapshot = process.env.CONSUMER_UPDATE_SNAPSHOT === '1';
jest.setTimeout(5 * 60_000);

let tmp: string;
let team: string;
let env: NodeJS.ProcessEnv;
let packed: { files: Array<{ path: string }> };
const run = (cmd: string, args: string[]) => exec(cmd, args, { cwd: team, env });

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vpc-consumer-'));
  ({ team, env, packed } = installTeamProject(tmp));
});

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('the packed library', () => {
  it('holds built JavaScript, declarations, README, LICENSE and CHANGELOG, and nothing from test/ or CI', () => {
    const files = packed.files.map((f) => f.path);
    expect(files).toEqual(expect.arrayContaining([
      'package.json', 'README.md', 'LICENSE', 'CHANGELOG.md',
      'dist/index.js', 'dist/index.d.ts', 'dist/index.d.ts.map', 'dist/checks/index.js', 'dist/vault/index.d.ts',
    ]));
    const unexpected = files.filter((f) => !/^(dist\/.*\.(js|d\.ts|d\.ts\.map)|lib\/.*\.ts|package\.json|README\.md|LICENSE|CHANGELOG\.md)$/.test(f));
    expect(unexpected).toEqual([]);
    expect(files.filter((f) => /^(test|\.ci|stacks|examples|scripts)\//.test(f))).toEqual([]);
  });
});

describe('a team project installing it', () => {
  it('gets exactly one cdktf and one constructs', () => {
    const copies = (name: string) => run('npm', ['ls', name, '--all', '--parseable']).split('\n').filter(Boolean);
    expect(copies('cdktf')).toEqual([path.join(team, 'node_modules', 'cdktf')]);
    expect(copies('constructs')).toEqual([path.join(team, 'node_modules', 'constructs')]);
  });

  it('compiles with tsc under moduleResolution node (as cdktf init writes it), node16 and bundler', () => {
    run('npx', ['tsc']);
    run('npx', ['tsc', '--noEmit', '--module', 'node16', '--moduleResolution', 'node16']);
    run('npx', ['tsc', '--noEmit', '--module', 'esnext', '--moduleResolution', 'bundler']);
  });

  it('synthesizes with plain node, with the depends_on the library writes', () => {
    run('node', ['main.js']);
    const stack = JSON.parse(fs.readFileSync(path.join(team, 'cdktf.out', 'stacks', 'team-payments', 'cdk.tf.json'), 'utf8'));
    const manifests = stack.resource.kubernetes_manifest as Record<string, { depends_on?: string[] }>;
    const externalSecret = Object.entries(manifests).find(([id]) => id.startsWith('DbPassword'))!;
    expect(externalSecret[1].depends_on).toEqual([expect.stringMatching(/^kubernetes_manifest\.Store_/)]);
  });

  it('gets at runtime exactly the values each entry point declares', () => {
    const subpaths = Object.keys(EXPECTED).map((e) => `vault-platform-constructs${e.slice(1)}`);
    const runtime = JSON.parse(run('node', ['-e', `console.log(JSON.stringify(${JSON.stringify(subpaths)}.map((p) => Object.keys(require(p)).sort())))`]));
    const values = Object.values(EXPECTED).map((names) => names.filter((n) => /: (class|function|const|enum)$/.test(n)).map((n) => n.split(':')[0]).sort());
    expect(runtime).toEqual(values);
  });

  it('loads every entry point without loading a provider, and only the providers a construct uses', () => {
    const loaded = JSON.parse(run('node', ['-e', `
      const providers = () => Object.keys(require.cache).filter((f) => f.includes('@cdktf/provider-')).map((f) => f.replace(/.*node_modules\\/@cdktf\\//, ''));
      const { entryPoints } = require('./entry-points.js');
      for (const entry of Object.values(entryPoints)) Object.keys(entry);
      const onLoad = providers();
      const { App, TerraformStack } = require('cdktf');
      const { KvV2Mount, VaultK8sAuth } = entryPoints.vault;
      const stack = new TerraformStack(new App({ outdir: 'cdktf.out' }), 'probe');
      VaultK8sAuth.fromMount(stack, 'Auth', 'kubernetes').addRole('R', { roleName: 'r', serviceAccountNames: ['r'], namespaces: ['r'] });
      new KvV2Mount(stack, 'Kv', { path: 'p' });
      console.log(JSON.stringify({ onLoad, onUse: [...new Set(providers().map((f) => f.split('/')[0]))] }));
    `]));
    // This project installs the vault and kubernetes providers only (no azurerm, azuread, helm).
    expect(fs.readdirSync(path.join(team, 'node_modules', '@cdktf')).sort()).toEqual(['provider-kubernetes', 'provider-vault']);
    expect(loaded).toEqual({ onLoad: [], onUse: expect.arrayContaining(['provider-vault']) });
    expect(loaded.onUse.filter((p: string) => !['provider-vault', 'provider-kubernetes'].includes(p))).toEqual([]);
  });

  it('names the provider a construct needs when the team did not install it, under require and ESM import', () => {
    const use = 'try { new AzureSecretsEngine(); } catch (e) { console.log(e.message); }';
    const range = require('../../package.json').peerDependencies['@cdktf/provider-azuread'];
    const expected = `AzureSecretsEngine needs the peer dependency @cdktf/provider-azuread, which is not installed: npm install @cdktf/provider-azuread@'${range}'\n`;
    expect(run('node', ['-e', `const { AzureSecretsEngine } = require('vault-platform-constructs/vault'); ${use}`])).toBe(expected);
    expect(run('node', ['--input-type=module', '-e', `import { AzureSecretsEngine, KvV2Mount } from 'vault-platform-constructs'; ${use}`])).toBe(expected);
  });

  it('passes its ts-jest tests: Testing.synth, toHaveResourceWithProperties, a snapshot, and a failing raw sudo policy', () => {
    const out = run('npx', ['jest', updateSnapshot ? '-u' : '--ci']);
    if (updateSnapshot) {
      fs.copyFileSync(path.join(team, '__tests__', '__snapshots__', 'main-test.ts.snap'), path.join(fixture, '__tests__', '__snapshots__', 'main-test.ts.snap'));
    }
    expect(out).toBeDefined();
  });
});
