/**
 * S2: External Secrets Operator reading Vault KV v2 with Kubernetes auth.
 *
 * Differences from the hand-made setup, on purpose: Vault runs in the cluster
 * (no long-lived reviewer token; see `atlantis-k8s-auth` for the external
 * reviewer), ESO reaches Vault over TLS verified with the `vault-tls` CA
 * instead of `http://`, and the role requires the `vault` audience.
 * The test value (`vault kv put eso/foo my-value=...`) is written by hand:
 * a secret literal must never be in the synthesized JSON.
 *
 * Two stacks, deployed in this order: `eso-vault-kv-operators` installs ESO
 * and its CRDs; `eso-vault-kv` holds the Vault side and the custom resources.
 * A `kubernetes_manifest` needs its CRD when it is planned, so they cannot
 * share a stack on a fresh cluster. Kubernetes auth is mounted at
 * `kubernetes-eso`, owned by this example alone, so it shares a Vault with
 * the other examples without a mount path colliding.
 */
import { ServiceAccountV1 } from '@cdktf/provider-kubernetes/lib/service-account-v1';
import { Construct } from 'constructs';
import { ExternalSecret, ExternalSecretsOperator, KvV2Mount, VaultK8sAuth, VaultSecretStore, VaultServer } from '../lib';
import { PlatformStack } from '../lib/platform';

/** In-cluster Vault, with its CA in the Secret the Vault chart's TLS setup uses. */
export const IN_CLUSTER_VAULT: VaultServer = {
  address: 'https://vault.vault.svc.cluster.local:8200',
  caCert: { name: 'vault-tls', key: 'ca.crt', namespace: 'vault' },
};

/** The auth mount this example owns. */
export const ESO_AUTH_PATH = 'kubernetes-eso';

/**
 * Builds the `eso-vault-kv-operators` stack (ESO with its CRDs) and the
 * `eso-vault-kv` stack, which depends on it; returns the latter.
 */
export function esoVaultKv(scope: Construct, id = 'eso-vault-kv'): PlatformStack {
  const operators = new PlatformStack(scope, `${id}-operators`, { providers: ['helm'] });
  new ExternalSecretsOperator(operators, 'ExternalSecrets');

  const stack = new PlatformStack(scope, id, { providers: ['vault', 'kubernetes'] });
  stack.addDependency(operators);

  const kv = new KvV2Mount(stack, 'Kv', { path: 'eso', description: 'used by ESO' });
  const auth = new VaultK8sAuth(stack, 'KubernetesAuth', { path: ESO_AUTH_PATH });
  const role = auth.addRole('EsoRole', {
    roleName: 'eso-vault',
    serviceAccountNames: ['vault-auth'],
    namespaces: ['vault'],
    tokenTtl: '15m',
  });
  kv.grantRead(role, '*', { policyName: 'eso-vault-client' });
  // The ServiceAccount ESO requests short-lived tokens for; ESO's own RBAC
  // already allows creating tokens for it.
  const login = role.singleServiceAccount!;
  new ServiceAccountV1(stack, 'EsoLoginServiceAccount', { metadata: { name: login.name, namespace: login.namespace } });

  const store = new VaultSecretStore(stack, 'Store', {
    name: 'vault-backend-k8s-auth',
    server: IN_CLUSTER_VAULT,
    kv,
    role,
  });
  new ExternalSecret(stack, 'Example', {
    name: 'vault-eso-example',
    namespace: 'default',
    store,
    refreshInterval: '15s',
    targetSecretName: 'output-secret',
    data: [{ secretKey: 'foobar', key: 'eso/foo', property: 'my-value' }],
  });
  return stack;
}
