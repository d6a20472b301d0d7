import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { Testing } from 'cdktf';
import { parse } from 'yaml';
import { loadPlatformConfig, PlatformConfig } from '../../stacks/config';
import { buildHomelab, LAYERS } from '../../stacks/homelab';
import { DEFAULT_PLATFORM_CONFIG } from '../../stacks/main';
import { testApp } from '../helpers';

const ROOT = path.join(__dirname, '..', '..');
const WORKFLOW = path.join(ROOT, 'examples', 'ci', 'github-actions.yml');
const text = fs.readFileSync(WORKFLOW, 'utf8');
const workflow = parse(text);
const config = loadPlatformConfig(DEFAULT_PLATFORM_CONFIG);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { localBackendProblems } = require('../../scripts/require-remote-backend.js') as { localBackendProblems(outdir: string, stacks: string[]): string[] };

let tmp: string;
beforeAll(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ci-workflow-')); });
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Writes the homelab layers of `c` as `cdktf synth` would lay them out, and returns the outdir. */
function synthLayers(c: PlatformConfig, name: string): string {
  const stacks = buildHomelab(testApp(), c);
  const outdir = path.join(tmp, name);
  for (const l of LAYERS) {
    const dir = path.join(outdir, 'stacks', stacks[l].node.id);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'cdk.tf.json'), Testing.synth(stacks[l]));
  }
  return outdir;
}

describe('examples/ci/github-actions.yml', () => {
  const vault = JSON.parse(Testing.synth(buildHomelab(testApp(), config).vault));
  const jwtRoles = Object.fromEntries((Object.values(vault.resource.vault_jwt_auth_backend_role) as any[]).map((r) => [r.role_name, r]));
  const kubeRoles = Object.fromEntries((Object.values(vault.resource.vault_kubernetes_secret_backend_role) as any[]).map((r) => [r.name, r]));
  const stepsOf = (job: string): any[] => workflow.jobs[job].steps;
  const runOf = (job: string) => stepsOf(job).map((s) => s.run ?? '').join('\n');

  it('is a valid workflow by the GitHub Actions schema', () => {
    expect(validateWorkflow(text).errors).toEqual([]);
  });

  it('stores no Vault token and no kubeconfig: it reads no secret at all', () => {
    expect(text).not.toMatch(/secrets\./);
    expect(text).not.toMatch(/secrets\.(VAULT_TOKEN|KUBECONFIG)/);
  });

  it('lets both jobs request an OIDC token, and nothing else by default', () => {
    expect(workflow.permissions).toEqual({ contents: 'read' });
    for (const job of ['plan', 'deploy']) expect(workflow.jobs[job].permissions).toEqual({ contents: 'read', 'id-token': 'write' });
  });

  it('plans on pull requests with the plan roles and deploys from the protected environment with the deploy roles', () => {
    expect(workflow.jobs.plan.if).toBe("github.event_name == 'pull_request'");
    expect(workflow.jobs.deploy.if).toMatch(/github.ref == 'refs\/heads\/main'/);
    expect(workflow.jobs.deploy.environment).toBe(config.ci!.deployEnvironment);
    expect(workflow.jobs.plan.environment).toBeUndefined();
    expect(runOf('plan')).toMatch(/cdktf-cli@[\d.]+ diff/);
    expect(runOf('plan')).not.toMatch(/ deploy /);
    expect(runOf('deploy')).toMatch(/cdktf-cli@[\d.]+ deploy \$STACKS_IN_ORDER/);
  });

  it('logs in with roles the Vault layer binds to this job: exact repository, pull requests or the environment', () => {
    const plan = workflow.jobs.plan.env;
    const deploy = workflow.jobs.deploy.env;
    expect(jwtRoles[plan.VAULT_ROLE].bound_claims).toMatchObject({ repository: config.ci!.repository, event_name: 'pull_request' });
    expect(jwtRoles[deploy.VAULT_ROLE].bound_claims).toEqual({ repository: config.ci!.repository, environment: workflow.jobs.deploy.environment });
    for (const env of [plan, deploy]) {
      expect(jwtRoles[env.VAULT_ROLE].backend).toBe('jwt');
      expect(jwtRoles[env.VAULT_ROLE].bound_audiences).toEqual(['vault']);
      expect(kubeRoles[env.KUBE_ROLE].backend).toBe('kubernetes');
      expect(kubeRoles[env.KUBE_ROLE].allowed_kubernetes_namespaces).toEqual([config.vault.namespace]);
    }
    // The script's defaults are the mounts, audience and namespace the stack uses.
    const script = fs.readFileSync(path.join(ROOT, 'examples', 'ci', 'ci-credentials.sh'), 'utf8');
    expect(script).toContain('jwt_mount="${VAULT_JWT_MOUNT:-jwt}"');
    expect(script).toContain('audience="${VAULT_AUDIENCE:-vault}"');
    expect(script).toContain('kube_mount="${KUBE_SECRETS_MOUNT:-kubernetes}"');
    expect(script).toContain(`kube_namespace="\${KUBE_NAMESPACE:-${config.vault.namespace}}"`);
  });

  it('asks for Kubernetes tokens no longer than the roles allow, and no longer than the Vault token lives', () => {
    const ttl = (job: string) => /ci-credentials\.sh "\$VAULT_ROLE" "\$KUBE_ROLE" (\d+)m/.exec(runOf(job))![1];
    for (const job of ['plan', 'deploy']) {
      const { VAULT_ROLE, KUBE_ROLE } = workflow.jobs[job].env;
      const seconds = Number(ttl(job)) * 60;
      expect(seconds).toBeLessThanOrEqual(kubeRoles[KUBE_ROLE].token_max_ttl);
      // Vault revokes a lease when the token that created it expires.
      expect(seconds).toBeLessThanOrEqual(jwtRoles[VAULT_ROLE].token_ttl);
    }
  });

  it('deploys the layers in order and revokes its tokens whatever happens', () => {
    expect(workflow.env.STACKS_IN_ORDER).toBe(LAYERS.map((l) => `${config.name}-${l}`).join(' '));
    for (const job of ['plan', 'deploy']) {
      const steps = stepsOf(job);
      const last = steps[steps.length - 1];
      expect(last).toEqual(expect.objectContaining({ if: 'always()', run: 'bash examples/ci/revoke.sh' }));
      const names = steps.map((s) => s.name ?? s.run ?? s.uses);
      expect(names.indexOf('Require remote state')).toBeLessThan(names.indexOf('Vault login and Kubernetes credentials'));
    }
  });

  describe('the remote-state gate', () => {
    it('fails on the local backend, naming the stack and what to set', () => {
      const problems = localBackendProblems(synthLayers(config, 'local'), LAYERS.map((l) => `homelab-${l}`));
      expect(problems).toHaveLength(4);
      expect(problems[0]).toMatch(/^homelab-identity keeps its state in the local backend, which is lost when the CI runner ends: set "backend" in the platform config \(PLATFORM_CONFIG\) to \{"type": "azurerm", \.\.\.\}/);
    });

    it('passes with azurerm or HCP Terraform, and fails on a stack that was not synthesized', () => {
      const azurerm = synthLayers({ ...config, name: 'lab', backend: { type: 'azurerm', resourceGroupName: 'rg-state', storageAccountName: 'stlabstate', containerName: 'tfstate' } }, 'azurerm');
      expect(localBackendProblems(azurerm, LAYERS.map((l) => `lab-${l}`))).toEqual([]);
      const cloud = synthLayers({ ...config, name: 'lab', backend: { type: 'cloud', organization: 'acme', workspacePrefix: 'lab' } }, 'cloud');
      expect(localBackendProblems(cloud, LAYERS.map((l) => `lab-${l}`))).toEqual([]);
      expect(localBackendProblems(cloud, ['nope'])[0]).toMatch(/^nope: .* does not exist; synthesize first/);
    });

    it('is given a config with remote state that differs from the default only in its backend', () => {
      const ciConfig = path.join(ROOT, workflow.env.PLATFORM_CONFIG);
      const c = loadPlatformConfig(ciConfig);
      expect(c.backend.type).not.toBe('local');
      expect(localBackendProblems(synthLayers(c, 'sample'), workflow.env.STACKS_IN_ORDER.split(' '))).toEqual([]);
      const { backend: _b, ...rest } = JSON.parse(fs.readFileSync(ciConfig, 'utf8'));
      const { backend: _d, ...defaults } = JSON.parse(fs.readFileSync(DEFAULT_PLATFORM_CONFIG, 'utf8'));
      expect(rest).toEqual(defaults);
    });

    it('exits 1 with a GitHub error annotation from the command line', () => {
      const outdir = synthLayers(config, 'cli');
      const run = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'require-remote-backend.js'), outdir, 'homelab-identity'], { encoding: 'utf8' });
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/^::error title=Local Terraform state in CI::homelab-identity keeps its state/);
    });
  });

  // The script runs jq and kubectl, as a GitHub-hosted runner has them; without them here, say so rather than fail.
  const hasTools = ['jq', 'kubectl'].every((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0);
  (hasTools ? describe : describe.skip)('ci-credentials.sh, against a stubbed Vault (needs jq and kubectl)', () => {
    // A fake curl answers the three requests the script makes and records them; the real kubectl writes the kubeconfig.
    function runScript() {
      const dir = fs.mkdtempSync(path.join(tmp, 'runner-'));
      const bin = path.join(dir, 'bin');
      fs.mkdirSync(bin);
      fs.writeFileSync(path.join(bin, 'curl'), `#!/usr/bin/env bash
printf '%s\\n' "$*" >> "${dir}/curl.log"
[ "$(printf '%s' "$*" | grep -c -- '--data @-')" = 1 ] && cat >> "${dir}/curl.log" && echo >> "${dir}/curl.log"
case "$*" in
  *audience=vault*) echo '{"value":"job-oidc-token"}' ;;
  */v1/auth/jwt/login*) echo '{"auth":{"client_token":"hvs.job-token"}}' ;;
  */v1/kubernetes/creds/*) echo '{"lease_id":"kubernetes/creds/homelab-deploy/abc","data":{"service_account_token":"sa-token"}}' ;;
  *) exit 22 ;;
esac
`, { mode: 0o755 });
      const env = {
        PATH: `${bin}:${process.env.PATH}`, RUNNER_TEMP: dir, GITHUB_ENV: path.join(dir, 'github_env'),
        ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.example/?api-version=2.0', ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'request-token',
        VAULT_ADDR: 'https://vault.example:8200', VAULT_CA_PEM: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----',
        KUBE_API_SERVER: 'https://k8s.example:6443', KUBE_CA_PEM: '-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----',
      };
      const stdout = execFileSync('bash', [path.join(ROOT, 'examples', 'ci', 'ci-credentials.sh'), 'homelab-deploy', 'homelab-deploy', '30m'], { env, encoding: 'utf8' });
      return { dir, stdout, log: fs.readFileSync(path.join(dir, 'curl.log'), 'utf8'), githubEnv: fs.readFileSync(env.GITHUB_ENV, 'utf8') };
    }

    it('logs in with the job token, asks for the role\'s Kubernetes token, masks both and builds a kubeconfig', () => {
      const { dir, stdout, log, githubEnv } = runScript();
      expect(log).toContain('https://token.example/?api-version=2.0&audience=vault');
      expect(log).toMatch(/https:\/\/vault\.example:8200\/v1\/auth\/jwt\/login\n\{\s*"role": "homelab-deploy",\s*"jwt": "job-oidc-token"\s*\}/);
      expect(log).toMatch(/-H X-Vault-Token: hvs\.job-token -X POST --data @- https:\/\/vault\.example:8200\/v1\/kubernetes\/creds\/homelab-deploy\n\{\s*"kubernetes_namespace": "vault",\s*"cluster_role_binding": true,\s*"ttl": "30m"\s*\}/);
      for (const secret of ['job-oidc-token', 'hvs.job-token', 'sa-token']) expect(stdout).toContain(`::add-mask::${secret}`);
      expect(githubEnv).toContain('VAULT_TOKEN=hvs.job-token\n');
      expect(githubEnv).toContain('KUBE_LEASE_ID=kubernetes/creds/homelab-deploy/abc\n');
      const kubeconfig = parse(fs.readFileSync(path.join(dir, 'kubeconfig'), 'utf8'));
      expect(kubeconfig.users).toEqual([{ name: 'ci', user: { token: 'sa-token' } }]);
      expect(kubeconfig.clusters[0].cluster.server).toBe('https://k8s.example:6443');
      expect(fs.statSync(path.join(dir, 'kubeconfig')).mode & 0o077).toBe(0);
    });
  });
});
