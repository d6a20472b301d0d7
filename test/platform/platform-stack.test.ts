import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, TerraformStack, Testing } from 'cdktf';
import { localStatePath, PlatformStack } from '../../lib/platform/platform-stack';
import { loadPlatformConfig, PlatformConfig } from '../../stacks/config';
import { buildAll, DEFAULT_PLATFORM_CONFIG } from '../../stacks/main';
import { testApp } from '../helpers';

/** cdktf writes each stack to `<outdir>/stacks/<id>/` and runs Terraform there. */
const stackDir = (app: App, id: string) => path.join(app.outdir, 'stacks', id);
const PRODUCER = /^cross-stack-reference-input-(.+)$/;

/** Synthesizes the app as `cdktf synth` does (cross-stack references are wired only then) and reads what it wrote. */
function synthAll(app: App): Map<string, any> {
  app.synth();
  const stacks = app.node.children.filter((c): c is TerraformStack => c instanceof TerraformStack);
  return new Map(stacks.map((s) => [s.node.id, JSON.parse(fs.readFileSync(path.join(stackDir(app, s.node.id), 'cdk.tf.json'), 'utf8'))]));
}

/** Every `terraform_remote_state` of every stack, with the stack that reads it and the one it reads. */
function remoteStates(json: Map<string, any>): Array<{ consumer: string; producer: string; ds: any }> {
  return [...json].flatMap(([consumer, j]) => Object.entries(j.data?.terraform_remote_state ?? {})
    .map(([name, ds]) => ({ consumer, producer: PRODUCER.exec(name)?.[1] ?? `(not a cross-stack reference: ${name})`, ds })));
}

describe('PlatformStack state', () => {
  describe('with the local backend (every stack npm run synth writes)', () => {
    // Synthesized in beforeAll, not while collecting: a failing synth then
    // still lets afterAll remove the output folder.
    let app: App;
    let json: Map<string, any>;
    beforeAll(() => {
      app = buildAll(testApp());
      json = synthAll(app);
    });
    const backendFile = (id: string) => path.resolve(stackDir(app, id), json.get(id).terraform.backend.local.path);

    it('puts every state file beside the output folder, in the project root, never inside cdktf.out', () => {
      for (const id of json.keys()) {
        const file = backendFile(id);
        expect({ id, file }).toEqual({ id, file: path.join(path.dirname(app.outdir), `terraform.${id}.tfstate`) });
        expect(path.relative(app.outdir, file).startsWith('..')).toBe(true);
      }
    });

    it('gives every stack its own state file', () => {
      const files = [...json.keys()].map(backendFile);
      expect(new Set(files).size).toBe(files.length);
    });

    it('reads every remote state from the file its producer writes, resolved from the reader\'s own folder', () => {
      const reads = remoteStates(json);
      // The layered platform crosses stacks by remote state; the test is empty otherwise.
      expect(reads.length).toBeGreaterThanOrEqual(3);
      for (const { consumer, producer, ds } of reads) {
        expect({ consumer, producer, backend: ds.backend }).toEqual({ consumer, producer, backend: 'local' });
        expect(json.has(producer)).toBe(true);
        // Terraform resolves the data source's relative path from the folder it runs in: the consumer's.
        const read = path.resolve(stackDir(app, consumer), ds.config.path);
        expect({ consumer, read }).toEqual({ consumer, read: backendFile(producer) });
        expect(ds.workspace).toBe('${terraform.workspace}');
      }
    });

    it('uses no attribute azuread 3.x deprecates (end_date_relative warns on every plan)', () => {
      for (const [id, j] of json) expect({ id, deprecated: JSON.stringify(j).includes('end_date_relative') }).toEqual({ id, deprecated: false });
    });

    it('names the path relative to the stack folder, so the JSON does not depend on the machine', () => {
      expect(json.get('homelab-identity').terraform.backend.local.path).toBe('../../../terraform.homelab-identity.tfstate');
      expect(localStatePath('x')).toBe('../../../terraform.x.tfstate');
    });
  });

  // The same, run by Terraform itself where it is installed: no provider is
  // downloaded (only the built-in terraform_remote_state and outputs), so it
  // works offline. Each layer keeps its backend, remote states and outputs;
  // output values that need a provider become literals.
  const terraform = spawnSync('terraform', ['version'], { encoding: 'utf8' }).status === 0;
  (terraform ? it : it.skip)('lets Terraform read every layer\'s outputs from the state its producer wrote', () => {
    const app = buildAll(testApp(), { only: ['homelab-identity'] });
    const json = synthAll(app);
    // A project folder of its own inside the test's outdir: state lands beside its cdktf.out.
    const project = path.join(app.outdir, 'terraform-project');
    const env = { ...process.env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' };
    const run = (cwd: string, ...args: string[]) => {
      const r = spawnSync('terraform', [...args, '-no-color'], { cwd, env, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`terraform ${args.join(' ')} in ${cwd}: ${r.stderr}`);
      return r.stdout;
    };
    const order = ['homelab-identity', 'homelab-platform', 'homelab-vault', 'homelab-workloads'];
    let checked = 0;
    for (const id of order) {
      const j = json.get(id);
      const dir = path.join(project, 'cdktf.out', 'stacks', id);
      fs.mkdirSync(dir, { recursive: true });
      const outputs = Object.fromEntries(Object.keys(j.output ?? {}).map((name) => [name, { value: `${id}/${name}` }]));
      const reads = Object.keys(j.data?.terraform_remote_state ?? {});
      // Each consumer re-exports what it read, so a failed read fails the apply.
      for (const name of reads) {
        const producer = PRODUCER.exec(name)![1];
        for (const out of Object.keys(json.get(producer).output ?? {})) {
          outputs[`read-${producer}-${out}`] = { value: `\${data.terraform_remote_state.${name}.outputs.${out}}` };
        }
      }
      fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify({
        terraform: { backend: j.terraform.backend },
        ...(reads.length ? { data: { terraform_remote_state: j.data.terraform_remote_state } } : {}),
        output: outputs,
      }));
      run(dir, 'init', '-input=false');
      run(dir, 'apply', '-input=false', '-auto-approve');
      const values = JSON.parse(run(dir, 'output', '-json'));
      for (const [name, o] of Object.entries(values) as [string, any][]) {
        const m = /^read-(.+?)-(cross-stack-output-.+)$/.exec(name);
        if (m) {
          expect({ name, value: o.value }).toEqual({ name, value: `${m[1]}/${m[2]}` });
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(3);
    expect(fs.readdirSync(project).filter((f) => f.endsWith('.tfstate')).sort()).toEqual(order.map((id) => `terraform.${id}.tfstate`).sort());
  });

  it('reads remote azurerm state from the producer\'s own blob', () => {
    const config: PlatformConfig = {
      ...loadPlatformConfig(DEFAULT_PLATFORM_CONFIG),
      backend: { type: 'azurerm', resourceGroupName: 'rg-state', storageAccountName: 'sthomelabstate', containerName: 'tfstate' },
    };
    const json = synthAll(buildAll(testApp(), { configs: [config], only: ['homelab-identity'] }));
    const reads = remoteStates(json);
    expect(reads.length).toBeGreaterThanOrEqual(3);
    for (const { producer, ds } of reads) {
      const written = json.get(producer).terraform.backend.azurerm;
      expect(ds.backend).toBe('azurerm');
      expect(ds.config).toEqual(expect.objectContaining({ key: `${producer}.tfstate`, container_name: 'tfstate', storage_account_name: 'sthomelabstate' }));
      expect(written.key).toBe(ds.config.key);
    }
  });

  it('writes a local backend by default', () => {
    const stack = new PlatformStack(testApp(), 'solo', { providers: [] });
    expect(JSON.parse(Testing.synth(stack)).terraform.backend).toEqual({ local: { path: '../../../terraform.solo.tfstate' } });
  });
});
