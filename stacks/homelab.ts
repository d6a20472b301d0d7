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
 *
 * One exception to "Entra ID in layer 1": Vault's own application for the
 * Azure secrets engine lives in layer 3 with the engine. Its bootstrap client
 * secret is written into Vault and rotated away in the same apply; in layer 1
 * it would have to cross to layer 3 through remote state, and could expire
 * (24h) before layer 3 is applied.
 */
import { App } from 'cdktf';
import { ServiceAccountV1 } from '@cdktf/provider-kubernetes/lib/service-account-v1';
import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { AcmeIssuer, AcmeServer } from '../lib/cert-manager/acme-issuer';
import { CertManager } from '../lib/cert-manager/cert-manager-release';
import { Certificate } from '../lib/cert-manager/certificate';
import { VaultIssuer } from '../lib/cert-manager/vault-issuer';
import { AzureDnsZone } from '../lib/entra/azure-dns-zone';
import { WorkloadApplication } from '../lib/entra/workload-application';
import { AutoUnsealKeyVault } from '../lib/keyvault/auto-unseal-key-vault';
import { ExternalSecret } from '../lib/secrets-sync/external-secret';
import { ExternalSecretsOperator } from '../lib/secrets-sync/external-secrets-operator';
import { VaultAuth } from '../lib/secrets-sync/vault-auth';
import { VaultConnection } from '../lib/secrets-sync/vault-connection';
import { VaultDynamicSecret } from '../lib/secrets-sync/vault-dynamic-secret';
import { VaultSecretsOperator } from '../lib/secrets-sync/vault-secrets-operator';
import { VaultSecretStore } from '../lib/secrets-sync/vault-secret-store';
import { AzureSecretsEngine } from '../lib/vault/azure-secrets-engine';
import { VaultK8sAuth } from '../lib/vault/k8s-auth';
import { KvV2Mount } from '../lib/vault/kv-v2';
import { PkiIssuer } from '../lib/vault/pki-issuer';
import { VaultSealConfig } from '../lib/vault/seal-config';
import { VaultServer } from '../lib/vault/vault-server';
import { VaultHelmRelease } from '../lib/vault/vault-helm-release';
import { PlatformConfig } from './config';
import { buildCiIdentity } from './ci-identity';
import { PlatformStack } from '../lib/platform';

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
  const vault = stack('vault', scenarios.certManagerAzureDns ? ['vault', 'kubernetes', 'azuread'] : ['vault', 'kubernetes']);
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

  if (scenarios.certManagerAzureDns || scenarios.vaultPki) {
    // cert-manager reads a ClusterIssuer's Secrets (Vault's CA, the Azure
    // client secret) from its cluster resource namespace only.
    const certManager = new CertManager(platform, 'CertManager');
    const certManagerServer: VaultServer = {
      address: server.address,
      caCert: { name: config.vault.caSecretName, key: 'ca.crt', namespace: certManager.clusterResourceNamespace },
    };

    if (scenarios.certManagerAzureDns) {
      // S1: cert-manager's Azure DNS identity gets a 1h client secret from
      // Vault, delivered by VSO, instead of a 24-month secret pasted by hand.
      new VaultSecretsOperator(platform, 'VaultSecretsOperator');
      const { tenantId, subscriptionId } = config.azure;
      const dnsZone = AzureDnsZone.fromIds(identity, 'DnsZone', {
        subscriptionId, resourceGroupName: config.azure.dnsZoneResourceGroupName, zoneName: config.azure.dnsZoneName,
      });
      const certManagerApp = new WorkloadApplication(identity, 'CertManagerApplication', { displayName: `${config.name}-cert-manager`, dnsZones: [dnsZone] });

      const engine = new AzureSecretsEngine(vault, 'AzureSecrets', { tenantId, subscriptionId });
      const credentials = engine.addRole('CertManagerRole', { roleName: 'certmanager-role', application: certManagerApp, ttl: '1h' });
      const role = auth.addRole('AzureRole', { roleName: 'azure-role', serviceAccountNames: ['cert-manager'], namespaces: [certManager.namespace] });
      engine.grantCredentials(credentials, role);

      const connection = new VaultConnection(workloads, 'VsoConnection', { name: 'vault', namespace: certManager.namespace, server: certManagerServer });
      const vaultAuth = new VaultAuth(workloads, 'VsoAuth', { name: 'azure-role', namespace: certManager.namespace, connection, role });
      const secret = new VaultDynamicSecret(workloads, 'AzureCredentials', {
        name: 'azure-service-principal', namespace: certManager.namespace, auth: vaultAuth, source: credentials,
        secretName: 'azure-service-principal-secret', rolloutRestartTargets: [{ kind: 'Deployment', name: 'cert-manager' }],
      });
      new AcmeIssuer(workloads, 'LetsEncrypt', {
        name: 'letsencrypt', email: config.acme.email, certManager,
        server: config.acme.production ? AcmeServer.LETS_ENCRYPT_PRODUCTION : AcmeServer.LETS_ENCRYPT_STAGING,
        azureDns: { application: certManagerApp, clientSecret: secret, tenantId, subscriptionId, dnsZone },
      });
    }

    if (scenarios.vaultPki) {
      // S4: an internal CA for config.pki.domain, issued through one
      // ClusterIssuer whose Vault role binds its own ServiceAccount only.
      const domain = config.pki.domain;
      const pki = new PkiIssuer(vault, 'Pki', { path: 'pki', rootCa: { commonName: domain, ttl: '8760h' }, urlBase: server.address });
      const pkiRole = pki.addRole('PkiRole', { roleName: domain.replace(/\./g, '-dot-'), allowedDomains: [domain], allowSubdomains: true, maxTtl: '72h' });
      const issuerRole = auth.addRole('IssuerRole', { roleName: 'issuer', serviceAccountNames: ['vault-issuer'], namespaces: [certManager.clusterResourceNamespace], tokenTtl: '20m' });
      const issuer = new VaultIssuer(workloads, 'VaultIssuer', { name: 'vault-issuer', server: certManagerServer, pkiRole, authRole: issuerRole });
      const certName = domain.replace(/\./g, '-');
      new Certificate(workloads, 'WwwCertificate', {
        name: certName, namespace: 'default', issuer, secretName: `${certName}-tls`, commonName: `www.${domain}`, dnsNames: [`www.${domain}`],
      });
    }
  }

  // The deploy pipeline's own identity: JWT login, plan and deploy policies,
  // short-lived Kubernetes credentials (stacks/ci-identity.ts).
  buildCiIdentity(vault, config);

  return { identity, platform, vault, workloads };
}
