/**
 * One cluster's platform as four layered stacks, driven by a config file
 * (`stacks/config/<cluster>.json`). Each layer can be planned only when the
 * one below it has been applied:
 *
 * 1. `<name>-identity`  Entra ID applications and identities, the Key Vault and unseal key.
 * 2. `<name>-platform`  Helm releases: Vault (auto-unseal), ESO, VSO, cert-manager, with CRDs.
 * 3. `<name>-vault`     Vault auth backends, engines, policies, roles (needs a running, unsealed Vault).
 * 4. `<name>-workloads` Custom resources (needs the CRDs installed by layer 2).
 *
 * A `kubernetes_manifest` needs its CRD at plan time, so no custom resource
 * shares a stack with the Helm release that installs its CRD.
 */
import { App } from 'cdktf';
import { ServiceAccountV1 } from '@cdktf/provider-kubernetes/lib/service-account-v1';
import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { AutoUnsealKeyVault } from '../lib/keyvault/auto-unseal-key-vault';
import { ExternalSecret } from '../lib/secrets-sync/external-secret';
import { ExternalSecretsOperator } from '../lib/secrets-sync/external-secrets-operator';
import { VaultSecretStore } from '../lib/secrets-sync/vault-secret-store';
import { VaultK8sAuth } from '../lib/vault/k8s-auth';
import { KvV2Mount } from '../lib/vault/kv-v2';
import { VaultSealConfig } from '../lib/vault/seal-config';
import { VaultServer } from '../lib/vault/vault-server';
import { VaultHelmRelease } from '../lib/vault/vault-helm-release';
import { PlatformConfig } from './config';
import { PlatformStack } from './platform-stack';

/** The four layers, bottom first. */
export interface HomelabStacks {
  readonly identity: PlatformStack;
  readonly platform: PlatformStack;
  readonly vault: PlatformStack;
  readonly workloads: PlatformStack;
}

/** The layer names, bottom first, as `cdktf deploy` must run them. */
export const LAYERS = ['identity', 'platform', 'vault', 'workloads'] as const;

/** Builds the layered stacks of one cluster into `app`. */
export function buildHomelab(app: App, config: PlatformConfig): HomelabStacks {
  const { backend, scenarios } = config;
  const stack = (layer: (typeof LAYERS)[number], providers: ConstructorParameters<typeof PlatformStack>[2]['providers']) =>
    new PlatformStack(app, `${config.name}-${layer}`, { providers, backend });
  const identity = stack('identity', ['azurerm', 'azuread']);
  const platform = stack('platform', ['kubernetes', 'helm']);
  const vault = stack('vault', ['vault', 'kubernetes']);
  const workloads = stack('workloads', ['kubernetes']);
  platform.addDependency(identity);
  vault.addDependency(platform);
  workloads.addDependency(vault);

  // Layer 2: Vault itself. Its namespace is created here; the TLS Secret
  // (`vault-tls`) is issued before Vault starts (see README).
  const vaultNamespace = new NamespaceV1(platform, 'VaultNamespace', { metadata: { name: config.vault.namespace } });
  let sealConfig: VaultSealConfig | undefined;
  if (scenarios.autoUnseal) {
    const unseal = new AutoUnsealKeyVault(identity, 'AutoUnseal', {
      keyVaultName: config.azure.keyVaultName,
      resourceGroupName: config.azure.resourceGroupName,
      location: config.azure.location,
      tenantId: config.azure.tenantId,
      keyName: 'generated-key',
      identity: {
        mode: 'workloadIdentity',
        oidcIssuerUrl: config.kubernetes.oidcIssuerUrl,
        serviceAccount: { name: 'vault', namespace: config.vault.namespace },
      },
    });
    sealConfig = new VaultSealConfig(platform, 'SealConfig', { source: unseal, namespace: vaultNamespace.metadata.name });
  }
  const vaultRelease = new VaultHelmRelease(platform, 'Vault', { namespace: config.vault.namespace, sealConfig, tlsSecretName: config.vault.caSecretName });

  // Clients reach Vault at the address its release serves TLS for.
  const server: VaultServer = {
    address: vaultRelease.address,
    caCert: { name: config.vault.caSecretName, key: 'ca.crt', namespace: config.vault.namespace },
  };
  const auth = new VaultK8sAuth(vault, 'KubernetesAuth');

  if (scenarios.esoKv) {
    new ExternalSecretsOperator(platform, 'ExternalSecrets');
    const kv = new KvV2Mount(vault, 'EsoKv', { path: 'eso', description: 'used by ESO' });
    const role = auth.addRole('EsoRole', { roleName: 'eso-vault', serviceAccountNames: ['vault-auth'], namespaces: [config.vault.namespace], tokenTtl: '15m' });
    kv.grantRead(role, '*', { policyName: 'eso-vault-client' });
    const login = role.singleServiceAccount!;
    new ServiceAccountV1(workloads, 'EsoLoginServiceAccount', { metadata: { name: login.name, namespace: login.namespace } });
    const store = new VaultSecretStore(workloads, 'EsoStore', { name: 'vault-backend-k8s-auth', server, kv, role });
    new ExternalSecret(workloads, 'EsoExample', {
      name: 'vault-eso-example', namespace: 'default', store, refreshInterval: '15s', targetSecretName: 'output-secret',
      data: [{ secretKey: 'foobar', key: 'eso/foo', property: 'my-value' }],
    });
  }

  return { identity, platform, vault, workloads };
}
