import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildAll } from '../../stacks/main';
import { testApp } from '../helpers';

// `npm run validate` as a team runs it on its own cdktf.out: a child process.
const ROOT = path.join(__dirname, '..', '..');
// Each run is a new process: cold (a fresh clone) it compiles the schemas it needs.
jest.setTimeout(120_000);
const validate = (...args: string[]) => spawnSync(process.execPath, ['-r', path.join(ROOT, 'scripts', 'register.js'), path.join(ROOT, 'scripts', 'validate.ts'), ...args], { cwd: ROOT, encoding: 'utf8' });

describe('npm run validate', () => {
  let outdir: string;
  let checked = 0;
  beforeAll(() => {
    const app = buildAll(testApp(), { only: ['eso-vault-kv', 'vault-pki-cert-manager'] });
    app.synth();
    outdir = app.outdir;
    for (const stack of fs.readdirSync(path.join(outdir, 'stacks'))) {
      const { resource = {} } = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
      checked += Object.keys(resource.kubernetes_manifest ?? {}).length + Object.keys(resource.helm_release ?? {}).length;
    }
  });

  it('prints a line per resource and a summary, and exits 0 when everything matches', () => {
    const r = validate(outdir);
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toContainEqual(expect.stringMatching(/^OK {3}eso-vault-kv kubernetes_manifest\.Store_\w+ \(ClusterSecretStore vault-backend-k8s-auth\)$/));
    expect(lines).toContainEqual(expect.stringMatching(/^OK {3}eso-vault-kv\S* helm_release\.ExternalSecrets_\w+ \(chart external-secrets 2\.9\.0\)$/));
    expect(lines.at(-1)).toBe(`${checked} resource(s) checked against official schemas: ${checked} ok, 0 failed`);
    expect(checked).toBeGreaterThanOrEqual(5);
  });

  it('fails naming stack, resource and field, and lists a stack left by an earlier synth as stale', () => {
    const file = path.join(outdir, 'stacks', 'vault-pki-cert-manager', 'cdk.tf.json');
    const original = fs.readFileSync(file, 'utf8');
    const stale = path.join(outdir, 'stacks', 'old-stack');
    try {
      const doc = JSON.parse(original);
      const id = Object.keys(doc.resource.kubernetes_manifest).find((k) => doc.resource.kubernetes_manifest[k].manifest.kind === 'Certificate')!;
      doc.resource.kubernetes_manifest[id].manifest.spec.dnsName = ['x.moelove.info'];
      fs.writeFileSync(file, JSON.stringify(doc));
      fs.mkdirSync(stale);
      fs.writeFileSync(path.join(stale, 'cdk.tf.json'), '{}');
      const r = validate('--verbose', outdir);
      expect(r.status).toBe(1);
      expect(r.stdout).toMatch(new RegExp(`^FAIL vault-pki-cert-manager kubernetes_manifest\\.${id} \\(Certificate default/moelove-info\\): /spec/dnsName: unknown field "dnsName" .*did you mean "dnsNames"\\?$`, 'm'));
      expect(r.stdout).toMatch(/^ {5}construct vault-pki-cert-manager\/MoeloveCertificate\/Resource$/m);
      expect(r.stdout).toMatch(/^STALE old-stack: not in .*manifest.json \(left by an earlier synth\); not checked$/m);
      expect(r.stdout).toMatch(new RegExp(`^${checked} resource\\(s\\) checked against official schemas: ${checked - 1} ok, 1 failed; 1 stale stack\\(s\\) ignored$`, 'm'));
    } finally {
      fs.writeFileSync(file, original);
      fs.rmSync(stale, { recursive: true, force: true });
    }
  });

  it('says what to do when there is nothing to check', () => {
    const r = validate(path.join(outdir, 'nothing-here'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^validate: no synthesized stacks in .*nothing-here \(run `npm run synth` first, or name the output directory\)\n$/);
  });
});
