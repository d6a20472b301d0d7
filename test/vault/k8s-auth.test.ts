import { AuthBackend } from '@cdktf/provider-vault/lib/auth-backend';
import { KubernetesAuthBackendConfig } from '@cdktf/provider-vault/lib/kubernetes-auth-backend-config';
import { KubernetesAuthBackendRole } from '@cdktf/provider-vault/lib/kubernetes-auth-backend-role';
import { ClusterRoleBindingV1 } from '@cdktf/provider-kubernetes/lib/cluster-role-binding-v1';
import { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import { ServiceAccountV1 } from '@cdktf/provider-kubernetes/lib/service-account-v1';
import { DataKubernetesConfigMapV1 } from '@cdktf/provider-kubernetes/lib/data-kubernetes-config-map-v1';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { IN_CLUSTER_KUBERNETES_HOST, VaultK8sAuth } from '../../lib/vault/k8s-auth';
import { VaultPolicy } from '../../lib/vault/policy';
import { onlyResource, resourcesOf, synth, synthObject, testStack, warningsOf } from '../helpers';

const external = { kubernetesHost: 'https://k8s-endpoint.domain.com:6443' };

describe('VaultK8sAuth', () => {
  describe('Vault inside the cluster (default)', () => {
    let stack: TerraformStack;
    beforeEach(() => {
      stack = testStack();
      new VaultK8sAuth(stack, 'Auth');
    });

    it('mounts the kubernetes method at kubernetes', () => {
      expect(synth(stack)).toHaveResourceWithProperties(AuthBackend, { type: 'kubernetes', path: 'kubernetes' });
    });

    it('uses the in-cluster API address and disables issuer validation', () => {
      expect(synth(stack)).toHaveResourceWithProperties(KubernetesAuthBackendConfig, {
        kubernetes_host: IN_CLUSTER_KUBERNETES_HOST,
        disable_iss_validation: true,
      });
    });

    it('configures no reviewer JWT and no CA, so Vault uses its own pod token', () => {
      const config = onlyResource(stack, 'vault_kubernetes_auth_backend_config');
      expect(config.token_reviewer_jwt).toBeUndefined();
      expect(config.kubernetes_ca_cert).toBeUndefined();
      expect(config.disable_local_ca_jwt).toBeUndefined();
      expect(resourcesOf(stack, 'kubernetes_service_account_v1')).toHaveLength(0);
    });

    it('references the mount path from the backend resource', () => {
      expect(onlyResource(stack, 'vault_kubernetes_auth_backend_config').backend).toMatch(/^\$\{vault_auth_backend\.\w+\.path\}$/);
    });

    it('matches the snapshot', () => {
      expect(synth(stack)).toMatchSnapshot();
    });
  });

  describe('Vault outside the cluster', () => {
    let stack: TerraformStack;
    beforeEach(() => {
      stack = testStack();
      new VaultK8sAuth(stack, 'Auth', { path: 'atlantis', externalReviewer: external });
    });

    it('creates the reviewer ServiceAccount in vault', () => {
      expect(synth(stack)).toHaveResourceWithProperties(ServiceAccountV1, { metadata: { name: 'vault-reviewer', namespace: 'vault' } });
    });

    it('binds the reviewer to system:auth-delegator', () => {
      expect(synth(stack)).toHaveResourceWithProperties(ClusterRoleBindingV1, {
        metadata: { name: 'vault-reviewer-token-review' },
        role_ref: { api_group: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:auth-delegator' },
        subject: [expect.objectContaining({ kind: 'ServiceAccount', namespace: 'vault' })],
      });
    });

    it('creates a service-account-token Secret in the reviewer\'s own namespace', () => {
      expect(synth(stack)).toHaveResourceWithProperties(SecretV1, {
        type: 'kubernetes.io/service-account-token',
        wait_for_service_account_token: true,
        metadata: expect.objectContaining({ name: 'vault-reviewer-token', namespace: 'vault' }),
      });
    });

    it('reads the CA from kube-root-ca.crt', () => {
      expect(synth(stack)).toHaveDataSourceWithProperties(DataKubernetesConfigMapV1, { metadata: { name: 'kube-root-ca.crt', namespace: 'vault' } });
    });

    it('wires token and CA into the config by reference, already decoded', () => {
      const config = onlyResource(stack, 'vault_kubernetes_auth_backend_config');
      expect(config.kubernetes_host).toBe(external.kubernetesHost);
      expect(config.token_reviewer_jwt).toMatch(/^\$\{kubernetes_secret_v1\.\w+\.data\.token\}$/);
      expect(config.kubernetes_ca_cert).toMatch(/^\$\{data\.kubernetes_config_map_v1\.\w+\.data\["ca\.crt"\]\}$/);
      expect(config.disable_iss_validation).toBe(true);
    });

    it('writes no output, so the reviewer JWT is never exposed', () => {
      expect(synthObject(stack).output).toBeUndefined();
    });

    it('matches the snapshot', () => {
      expect(synth(stack)).toMatchSnapshot();
    });
  });

  describe('validation', () => {
    it('fails on a mount path with a leading slash', () => {
      expect(() => new VaultK8sAuth(testStack(), 'Auth', { path: '/kubernetes' }))
        .toThrow(/^VaultK8sAuth 'Test\/Auth': 'path' must be a Vault mount path: .* \(got '\/kubernetes'\)$/);
    });

    it('fails on a kubernetesHost that is not https', () => {
      expect(() => new VaultK8sAuth(testStack(), 'Auth', { kubernetesHost: 'http://10.0.0.1:6443' }))
        .toThrow(/'kubernetesHost' must be a URL starting with https:\/\/ \(got 'http:\/\/10.0.0.1:6443'\)/);
    });

    it('fails on an invalid reviewer ServiceAccount name and namespace, listing both', () => {
      expect(() => new VaultK8sAuth(testStack(), 'Auth', { externalReviewer: { ...external, serviceAccountName: 'Vault_Reviewer', namespace: '-vault' } }))
        .toThrow(/externalReviewer: 'serviceAccountName' must be a DNS-1123 label.*\(got 'Vault_Reviewer'\)\n.*externalReviewer: 'namespace' must be a DNS-1123 label.*\(got '-vault'\)/);
    });

    it('fails when kubernetesHost is set beside externalReviewer', () => {
      expect(() => new VaultK8sAuth(testStack(), 'Auth', { kubernetesHost: IN_CLUSTER_KUBERNETES_HOST, externalReviewer: external }))
        .toThrow(/'kubernetesHost' must not be set together with externalReviewer/);
    });
  });

  describe('fromMount', () => {
    it('adds roles to a mount that exists already', () => {
      const stack = testStack();
      const auth = VaultK8sAuth.fromMount(stack, 'Existing', 'kubernetes');
      auth.addRole('Role', { roleName: 'app', serviceAccountNames: ['app'], namespaces: ['apps'] });
      expect(resourcesOf(stack, 'vault_auth_backend')).toHaveLength(0);
      expect(synth(stack)).toHaveResourceWithProperties(KubernetesAuthBackendRole, { backend: 'kubernetes', role_name: 'app' });
    });

    it('rejects an invalid mount path', () => {
      expect(() => VaultK8sAuth.fromMount(testStack(), 'Existing', 'auth/kubernetes/'))
        .toThrow(/VaultK8sAuth 'Test\/Existing': 'mountPath' must be a Vault mount path.*\(got 'auth\/kubernetes\/'\)/);
    });
  });
});

describe('VaultK8sAuthRole', () => {
  const base = { roleName: 'eso-vault', serviceAccountNames: ['vault-auth'], namespaces: ['vault'] };

  it('binds the role to exact service accounts with the vault audience and a 1h TTL by default', () => {
    const stack = testStack();
    new VaultK8sAuth(stack, 'Auth').addRole('Role', base);
    expect(synth(stack)).toHaveResourceWithProperties(KubernetesAuthBackendRole, {
      role_name: 'eso-vault',
      bound_service_account_names: ['vault-auth'],
      bound_service_account_namespaces: ['vault'],
      audience: 'vault',
      token_ttl: 3600,
      token_policies: [],
    });
  });

  it('converts durations to seconds', () => {
    const stack = testStack();
    new VaultK8sAuth(stack, 'Auth').addRole('Role', { ...base, tokenTtl: '15m', tokenMaxTtl: '1h30m', tokenPeriod: 1800 });
    expect(synth(stack)).toHaveResourceWithProperties(KubernetesAuthBackendRole, { token_ttl: 900, token_max_ttl: 5400, token_period: 1800 });
  });

  it('attaches policy objects by name', () => {
    const stack = testStack();
    const policy = new VaultPolicy(stack, 'Policy', { policyName: 'reader', rules: [{ path: 'kv/data/x', capabilities: ['read'] }] });
    const role = new VaultK8sAuth(stack, 'Auth').addRole('Role', { ...base, policies: [policy, VaultPolicy.fromPolicyName('shared')] });
    expect(role.policyNames).toEqual(['reader', 'shared']);
    expect(synth(stack)).toHaveResourceWithProperties(KubernetesAuthBackendRole, { token_policies: ['reader', 'shared'] });
  });

  it('exposes its single ServiceAccount for consumers', () => {
    const role = new VaultK8sAuth(testStack(), 'Auth').addRole('Role', base);
    expect(role.singleServiceAccount).toEqual({ name: 'vault-auth', namespace: 'vault' });
    expect(role.mountPath).toBe('kubernetes');
  });

  it('has no single ServiceAccount when it binds several', () => {
    const role = new VaultK8sAuth(testStack(), 'Auth').addRole('Role', { ...base, serviceAccountNames: ['a', 'b'] });
    expect(role.singleServiceAccount).toBeUndefined();
  });

  it('fails when a role binds the * namespace without allowWildcardBindings', () => {
    expect(() => new VaultK8sAuth(testStack(), 'Auth').addRole('Role', { ...base, namespaces: ['*'] }))
      .toThrow(/^VaultK8sAuthRole 'Test\/Auth\/Role': role 'eso-vault': 'namespaces' binds every ServiceAccount or namespace with '\*'.* \(got '\*'\)$/);
  });

  it('allows a wildcard binding with the opt-in, and warns', () => {
    const role = new VaultK8sAuth(testStack(), 'Auth').addRole('Role', { ...base, serviceAccountNames: ['*'], allowWildcardBindings: true });
    expect(warningsOf(role)).toEqual([expect.stringMatching(/^allowWildcardBindings: role 'eso-vault'/)]);
  });

  it('fails on empty bindings', () => {
    expect(() => new VaultK8sAuth(testStack(), 'Auth').addRole('Role', { ...base, serviceAccountNames: [] }))
      .toThrow(/'serviceAccountNames' must not be empty \(got \[\]\)/);
  });

  it('fails on names that are not DNS-1123 labels', () => {
    expect(() => new VaultK8sAuth(testStack(), 'Auth').addRole('Role', { ...base, serviceAccountNames: ['Vault_Auth'] }))
      .toThrow(/'serviceAccountNames' must hold DNS-1123 labels.*\(got 'Vault_Auth'\)/);
  });

  it('fails on a malformed duration', () => {
    expect(() => new VaultK8sAuth(testStack(), 'Auth').addRole('Role', { ...base, tokenTtl: '15 minutes' }))
      .toThrow(/role 'eso-vault': 'tokenTtl' must be a duration like 15m or 1h.* \(got '15 minutes'\)/);
  });

  it('reports every bad prop of a role as a ValidationError with one problem each', () => {
    expect(() => new VaultK8sAuth(testStack(), 'Auth').addRole('Role', { ...base, tokenTtl: '15 minutes', namespaces: ['Vault'] }))
      .toThrow(expect.objectContaining({
        constructType: 'VaultK8sAuthRole',
        constructPath: 'Test/Auth/Role',
        problems: [expect.objectContaining({ prop: 'namespaces', value: 'Vault' }), expect.objectContaining({ prop: 'tokenTtl', value: '15 minutes' })],
      }));
  });

  it('fails on a day unit, which Go durations lack', () => {
    expect(() => new VaultK8sAuth(testStack(), 'Auth').addRole('Role', { ...base, tokenPeriod: '1d' }))
      .toThrow(/'tokenPeriod' must be a duration.*\(got '1d'\)/);
  });

  it('fails when the TTL exceeds the max TTL', () => {
    expect(() => new VaultK8sAuth(testStack(), 'Auth').addRole('Role', { ...base, tokenTtl: '2h', tokenMaxTtl: '1h' }))
      .toThrow(/'tokenTtl' must not exceed tokenMaxTtl \(1h\) \(got '2h'\)/);
  });

  it('fails on an empty audience', () => {
    expect(() => new VaultK8sAuth(testStack(), 'Auth').addRole('Role', { ...base, audience: ' ' }))
      .toThrow(/'audience' must be a non-empty audience string \(got ' '\)/);
  });

  it('fails on an invalid role name', () => {
    expect(() => new VaultK8sAuth(testStack(), 'Auth').addRole('Role', { ...base, roleName: 'eso vault' }))
      .toThrow(/'roleName' must be letters, digits.*\(got 'eso vault'\)/);
  });

  it('does not validate tokens known only at apply time', () => {
    const stack = testStack();
    const out = new TerraformOutput(stack, 'Out', { value: 'x' });
    expect(() => new VaultK8sAuth(stack, 'Auth').addRole('Role', { ...base, namespaces: [out.value as string] })).not.toThrow();
  });

  it('matches the snapshot', () => {
    const stack = testStack();
    new VaultK8sAuth(stack, 'Auth').addRole('Role', base);
    expect(synth(stack)).toMatchSnapshot();
  });
});
