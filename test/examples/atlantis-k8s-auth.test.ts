import { AuthBackend } from '@cdktf/provider-vault/lib/auth-backend';
import { KubernetesAuthBackendConfig } from '@cdktf/provider-vault/lib/kubernetes-auth-backend-config';
import { KubernetesAuthBackendRole } from '@cdktf/provider-vault/lib/kubernetes-auth-backend-role';
import { Policy } from '@cdktf/provider-vault/lib/policy';
import { ClusterRoleBindingV1 } from '@cdktf/provider-kubernetes/lib/cluster-role-binding-v1';
import { ServiceAccountV1 } from '@cdktf/provider-kubernetes/lib/service-account-v1';
import { atlantisK8sAuth } from '../../examples/atlantis-k8s-auth';
import { VaultK8sAuth } from '../../lib/vault/k8s-auth';
import { VaultPolicy } from '../../lib/vault/policy';
import { resourcesOf, synth, testApp, testStack, warningsOf } from '../helpers';

/** S5's hand-written admin policy: every capability on every path. */
const S5_ADMIN_RULE = { path: '*', capabilities: ['create', 'read', 'update', 'delete', 'list', 'sudo'] as const };

describe('example atlantis-k8s-auth (S5)', () => {
  const stack = atlantisK8sAuth(testApp());
  const json = synth(stack);

  it('installs Atlantis (chart 6.9.3) logging in with a token of the role\'s audience, as the role\'s ServiceAccount, at VAULT_ADDR', () => {
    const [release] = resourcesOf(stack, 'helm_release');
    expect(release).toMatchObject({ name: 'atlantis', chart: 'atlantis', version: '6.9.3', namespace: 'atlantis', repository: 'https://runatlantis.github.io/helm-charts' });
    const values = JSON.parse(release.values[0]);
    const [role] = resourcesOf(stack, 'vault_kubernetes_auth_backend_role');
    expect(values.serviceAccount).toEqual({ create: true, mount: true, name: role.bound_service_account_names[0] });
    expect(values.extraVolumes).toEqual([{ name: 'vault-token', projected: { defaultMode: 292, sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 600, audience: role.audience } }] } }]);
    expect(values.extraVolumeMounts).toEqual([{ name: 'vault-token', mountPath: '/var/run/secrets/vault', readOnly: true }]);
    expect(values.environment).toEqual({ VAULT_ADDR: 'https://vault.domain.com:8200' });
    // The VCS credentials come from a Secret made by hand; nothing secret is in the values.
    expect(values.vcsSecretName).toBe('atlantis-vcs');
    expect(release.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^vault_kubernetes_auth_backend_role\./)]));
  });

  it('mounts Kubernetes auth at atlantis with the external API address', () => {
    expect(json).toHaveResourceWithProperties(AuthBackend, { type: 'kubernetes', path: 'atlantis' });
    expect(json).toHaveResourceWithProperties(KubernetesAuthBackendConfig, { kubernetes_host: 'https://k8s-endpoint.domain.com:6443', disable_iss_validation: true });
  });

  it('creates reviewer vault-reviewer in vault, bound to system:auth-delegator', () => {
    expect(json).toHaveResourceWithProperties(ServiceAccountV1, { metadata: { name: 'vault-reviewer', namespace: 'vault' } });
    expect(json).toHaveResourceWithProperties(ClusterRoleBindingV1, {
      metadata: { name: 'vault-auth-role-token-review-binding' },
      role_ref: expect.objectContaining({ name: 'system:auth-delegator' }),
    });
  });

  it('binds role atlantis to SA atlantis in atlantis with a 30m period and a scoped policy', () => {
    expect(json).toHaveResourceWithProperties(KubernetesAuthBackendRole, {
      backend: 'atlantis',
      role_name: 'atlantis',
      bound_service_account_names: ['atlantis'],
      bound_service_account_namespaces: ['atlantis'],
      token_period: 1800,
      token_policies: ['atlantis-read'],
    });
    expect(json).toHaveResourceWithProperties(Policy, { name: 'atlantis-read', policy: 'path "atlantis/data/*" {\n  capabilities = ["read"]\n}\n' });
  });

  it('has no policy with a * path or sudo, and no warning', () => {
    for (const p of resourcesOf(stack, 'vault_policy')) {
      expect(p.policy).not.toMatch(/path "\*"|sudo/);
    }
    expect(warningsOf(stack)).toEqual([]);
  });

  it('refuses S5\'s admin policy without the opt-ins', () => {
    expect(() => new VaultPolicy(testStack(), 'Admin', { policyName: 'admin', rules: [S5_ADMIN_RULE] }))
      .toThrow(/'path' is a glob across every mount.*\n.*includes sudo/);
  });

  it('accepts S5\'s admin policy with the opt-ins, and warns twice', () => {
    const s = testStack();
    const admin = new VaultPolicy(s, 'Admin', { policyName: 'admin', rules: [S5_ADMIN_RULE], allowWildcardPaths: true, allowSudo: true });
    new VaultK8sAuth(s, 'Auth', { path: 'atlantis' }).addRole('Role', { roleName: 'atlantis', serviceAccountNames: ['atlantis'], namespaces: ['atlantis'], policies: [admin] });
    expect(warningsOf(s)).toHaveLength(2);
  });

  it('matches the snapshot', () => {
    expect(json).toMatchSnapshot();
  });
});
