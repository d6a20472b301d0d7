import { TerraformStack } from 'cdktf';
import { Release } from '@cdktf/provider-helm/lib/release';
import { AuthBackend } from '@cdktf/provider-vault/lib/auth-backend';
import { KubernetesAuthBackendRole } from '@cdktf/provider-vault/lib/kubernetes-auth-backend-role';
import { Mount } from '@cdktf/provider-vault/lib/mount';
import { Policy } from '@cdktf/provider-vault/lib/policy';
import { ServiceAccountV1 } from '@cdktf/provider-kubernetes/lib/service-account-v1';
import { esoVaultKv } from '../../examples/eso-vault-kv';
import { manifestsOf, resourcesOf, synth, testApp, warningsOf } from '../helpers';

describe('example eso-vault-kv (S2)', () => {
  const stack = esoVaultKv(testApp());
  const json = synth(stack);
  const operators = stack.node.scope!.node.findChild('eso-vault-kv-operators') as TerraformStack;

  it('installs ESO with its CRDs in the operators stack deployed first, apart from the custom resources', () => {
    expect(synth(operators)).toHaveResourceWithProperties(Release, { chart: 'external-secrets', namespace: 'external-secrets' });
    expect(stack.dependencies).toEqual([operators]);
    expect(resourcesOf(stack, 'helm_release')).toEqual([]);
    expect(resourcesOf(operators, 'kubernetes_manifest')).toEqual([]);
  });

  it('mounts its own Kubernetes auth at kubernetes-eso', () => {
    expect(json).toHaveResourceWithProperties(AuthBackend, { path: 'kubernetes-eso', type: 'kubernetes' });
  });

  it('mounts KV v2 at eso, described as used by ESO', () => {
    expect(json).toHaveResourceWithProperties(Mount, { path: 'eso', type: 'kv', options: { version: '2' }, description: 'used by ESO' });
  });

  it('writes policy eso-vault-client with read on eso/data/* only', () => {
    expect(json).toHaveResourceWithProperties(Policy, { name: 'eso-vault-client', policy: 'path "eso/data/*" {\n  capabilities = ["read"]\n}\n' });
  });

  it('binds role eso-vault to SA vault-auth in vault for 15m', () => {
    expect(json).toHaveResourceWithProperties(KubernetesAuthBackendRole, {
      backend: 'kubernetes-eso',
      role_name: 'eso-vault',
      bound_service_account_names: ['vault-auth'],
      bound_service_account_namespaces: ['vault'],
      token_ttl: 900,
      token_policies: ['eso-vault-client'],
      audience: 'vault',
    });
    expect(json).toHaveResourceWithProperties(ServiceAccountV1, { metadata: { name: 'vault-auth', namespace: 'vault' } });
  });

  it('creates store vault-backend-k8s-auth and ExternalSecret vault-eso-example', () => {
    const [store] = manifestsOf(stack, 'ClusterSecretStore');
    expect(store.metadata.name).toBe('vault-backend-k8s-auth');
    expect(store.spec.provider.vault).toMatchObject({ path: 'eso', version: 'v2', auth: { kubernetes: { mountPath: 'kubernetes-eso', role: 'eso-vault', serviceAccountRef: { name: 'vault-auth', namespace: 'vault' } } } });
    const [es] = manifestsOf(stack, 'ExternalSecret');
    expect(es.metadata.name).toBe('vault-eso-example');
    expect(es.spec).toMatchObject({ refreshInterval: '15s', target: { name: 'output-secret' }, data: [{ secretKey: 'foobar', remoteRef: { key: 'eso/foo', property: 'my-value' } }] });
  });

  it('verifies Vault\'s TLS and emits no warning', () => {
    expect(manifestsOf(stack, 'ClusterSecretStore')[0].spec.provider.vault.server).toMatch(/^https:\/\//);
    expect(warningsOf(stack)).toEqual([]);
  });

  it('matches the snapshot of the operators stack', () => {
    expect(synth(operators)).toMatchSnapshot();
  });

  it('matches the snapshot', () => {
    expect(json).toMatchSnapshot();
  });
});
