import { Mount } from '@cdktf/provider-vault/lib/mount';
import { Token as VaultToken } from '@cdktf/provider-vault/lib/token';
import { TerraformStack, TerraformVariable } from 'cdktf';
import { CiIdentityProvider } from '../../lib/vault/ci-identity-provider';
import { VaultDeployPolicy } from '../../lib/vault/deploy-policy';
import { VaultJwtAuth } from '../../lib/vault/jwt-auth';
import { VaultK8sAuth } from '../../lib/vault/k8s-auth';
import { KvV2Mount } from '../../lib/vault/kv-v2';
import { PkiIssuer } from '../../lib/vault/pki-issuer';
import { onlyResource, resourcesOf, synth, testStack } from '../helpers';

/** A Vault layer like the homelab's: a KV mount, Kubernetes auth with a role and its policy, PKI, and the CI identity. */
function vaultLayer() {
  const stack = testStack();
  const kv = new KvV2Mount(stack, 'Kv', { path: 'eso' });
  const auth = new VaultK8sAuth(stack, 'K8sAuth');
  const role = auth.addRole('Eso', { roleName: 'eso-vault', serviceAccountNames: ['vault-auth'], namespaces: ['vault'] });
  kv.grantRead(role, '*', { policyName: 'eso-vault-client' });
  new PkiIssuer(stack, 'Pki', { path: 'pki', rootCa: { commonName: 'example.com', ttl: '8760h' }, urlBase: 'https://vault.example:8200' });
  const ci = new VaultJwtAuth(stack, 'Ci', { provider: CiIdentityProvider.githubActions() });
  const deployRole = ci.addRole('Deploy', { roleName: 'deploy', repository: 'moelove/homelab', environment: 'production' });
  const planRole = ci.addRole('Plan', { roleName: 'plan', repository: 'moelove/homelab', pullRequests: true });
  const deploy = new VaultDeployPolicy(stack, 'DeployPolicy', { policyName: 'ci-deploy', manages: stack, protect: [ci] });
  const plan = new VaultDeployPolicy(stack, 'PlanPolicy', { policyName: 'ci-plan', manages: stack, readOnly: true, protect: [ci, deploy] });
  deployRole.addPolicy(deploy);
  planRole.addPolicy(plan);
  return { stack, deploy, plan };
}

const hclOf = (stack: TerraformStack, name: string): string => resourcesOf(stack, 'vault_policy').find((p) => p.name === name).policy;
const rulesOf = (p: VaultDeployPolicy) => Object.fromEntries(p.policyRules.map((r) => [r.path, [...r.capabilities].sort()]));

describe('VaultDeployPolicy', () => {
  const { stack, deploy, plan } = vaultLayer();

  it('names exactly the mounts, auth methods, policies and roles the stack manages', () => {
    const paths = Object.keys(rulesOf(deploy));
    expect(paths).toEqual(expect.arrayContaining([
      'sys/mounts/eso', 'sys/mounts/eso/tune', 'sys/mounts/pki',
      'sys/auth/kubernetes', 'sys/auth/kubernetes/tune', 'auth/kubernetes/config', 'auth/kubernetes/role/eso-vault',
      'sys/policies/acl/eso-vault-client',
      'pki/issuers/generate/root/internal', 'pki/root/generate/internal', 'pki/issuer/+', 'pki/config/urls',
      'sys/auth/jwt', 'auth/jwt/role/deploy', 'auth/jwt/role/plan', 'sys/policies/acl/ci-deploy', 'sys/policies/acl/ci-plan',
    ]));
    // Nothing beyond them: no glob across mounts, no other policy, no secret data.
    for (const p of paths) {
      expect(p.split('/')[0]).not.toMatch(/[*+]/);
      expect(p).not.toMatch(/^sys\/policies\/acl\/.*\*/);
      expect(p).not.toMatch(/^eso\/data/);
      expect(p).toMatch(/^(sys\/(mounts|auth|policies\/acl)(\/|$)|auth\/(kubernetes|jwt|token)\/|pki\/)/);
    }
  });

  it('writes what the pipeline deploys, with sudo only on the exact auth paths', () => {
    const rules = rulesOf(deploy);
    expect(rules['sys/mounts/eso']).toEqual(['create', 'delete', 'read', 'update']);
    expect(rules['auth/kubernetes/role/eso-vault']).toEqual(['create', 'delete', 'read', 'update']);
    expect(rules['sys/policies/acl/eso-vault-client']).toEqual(['create', 'delete', 'read', 'update']);
    expect(rules['sys/auth/kubernetes']).toEqual(['create', 'delete', 'read', 'sudo', 'update']);
    expect(Object.entries(rules).filter(([, c]) => c.includes('sudo')).map(([p]) => p).sort()).toEqual(['sys/auth/jwt', 'sys/auth/kubernetes']);
    expect(rules['auth/token/create']).toEqual(['update']);
  });

  it('keeps the pipeline\'s own identity read-only, so a deploy cannot widen its rights', () => {
    const rules = rulesOf(deploy);
    expect(rules['sys/policies/acl/ci-deploy']).toEqual(['read']);
    expect(rules['auth/jwt/role/deploy']).toEqual(['read']);
    expect(rules['sys/auth/jwt']).toEqual(['read', 'sudo']);
  });

  it('reads only in the plan variant', () => {
    for (const [path, caps] of Object.entries(rulesOf(plan))) {
      if (path === 'auth/token/create') expect(caps).toEqual(['update']);
      else expect(caps.filter((c) => c !== 'read' && c !== 'sudo')).toEqual([]);
    }
    expect(rulesOf(plan)['pki/root/generate/internal']).toBeUndefined();
  });

  it('renders the rules into the vault_policy at synth', () => {
    const hcl = hclOf(stack, 'ci-deploy');
    expect(hcl).toContain('path "sys/mounts/eso" {\n  capabilities = ["create", "read", "update", "delete"]\n}');
    expect(hcl).toContain('path "sys/policies/acl/eso-vault-client"');
    expect(hclOf(stack, 'ci-plan')).not.toMatch(/"(create|delete)"/);
  });

  it('covers resources added after it', () => {
    const s = testStack();
    const p = new VaultDeployPolicy(s, 'P', { policyName: 'ci', manages: s });
    new KvV2Mount(s, 'Late', { path: 'late' });
    expect(Object.keys(rulesOf(p))).toContain('sys/mounts/late');
    expect(onlyResource(s, 'vault_policy').policy).toContain('sys/mounts/late');
  });

  it('fails on a managed resource type whose paths it does not know', () => {
    const s = testStack();
    new VaultToken(s, 'T', { policies: ['x'] });
    const p = new VaultDeployPolicy(s, 'P', { policyName: 'ci', manages: s });
    expect(() => p.policyRules).toThrow(/VaultDeployPolicy 'Test\/P': 'manages' holds vault_token 'Test\/T', whose Vault paths it does not know/);
  });

  it('leaves a mount path known only at apply time for Terraform to interpolate', () => {
    const s = testStack();
    const path = new TerraformVariable(s, 'path', { type: 'string' });
    new Mount(s, 'M', { path: path.stringValue, type: 'kv' });
    new VaultDeployPolicy(s, 'P', { policyName: 'ci', manages: s });
    // As a Terraform expression inside the policy text (quoted, or through jsonencode), never escaped to plain text.
    const text: string = onlyResource(s, 'vault_policy').policy;
    expect(text).toContain('sys/mounts/${var.path}');
    expect(text).not.toContain('\\u007b');
  });

  it('refuses a bad name and mount-wide or sudo additional rules', () => {
    const s = testStack();
    expect(() => new VaultDeployPolicy(s, 'P', { policyName: 'Root', manages: s, additionalRules: [{ path: '*', capabilities: ['read'] }, { path: 'x/y', capabilities: ['sudo'] }] }))
      .toThrow(/'policyName' must be lowercase[\s\S]*'additionalRules '\*'' must be scoped to one mount[\s\S]*must not grant sudo/);
  });

  it('matches the snapshot', () => {
    const s = testStack();
    new KvV2Mount(s, 'Kv', { path: 'eso' });
    new VaultDeployPolicy(s, 'P', { policyName: 'ci-deploy', manages: s });
    expect(synth(s)).toMatchSnapshot();
  });
});
