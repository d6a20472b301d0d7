/**
 * S1: cert-manager solves ACME DNS-01 challenges in Azure DNS with a client
 * secret that Vault's Azure secrets engine leases for an hour at a time
 * (renewed for at most 24h, then replaced by a new one) and the Vault Secrets
 * Operator delivers, instead of a 24-month secret pasted by hand.
 *
 * Differences from the hand-made setup, on purpose: VSO reaches Vault over TLS
 * verified with a CA Secret (`vault-ca`, key `ca.crt`, in `cert-manager`:
 * VSO reads it from the VaultConnection's namespace only; distribute it with
 * trust-manager or copy it there) instead of `http://` with `skipTLSVerify`;
 * the Graph admin consent for Vault's application is granted in Terraform;
 * the auth role requires the `vault` audience. Environment-specific ids are
 * Terraform variables; no secret is ever an input.
 *
 * Two stacks, deployed in this order: `cert-manager-azure-dns-operators`
 * installs cert-manager and VSO with their CRDs; `cert-manager-azure-dns`
 * holds Vault's side, the VSO objects and the ClusterIssuer, which need those
 * CRDs when they are planned. Kubernetes auth is mounted at
 * `kubernetes-cert-manager`, owned by this example alone.
 */
import { TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import {
  AcmeIssuer, AzureDnsZone, AzureSecretsEngine, CertManager, VaultAuth, VaultConnection, VaultDynamicSecret,
  VaultK8sAuth, VaultSecretsOperator, VaultServer, WorkloadApplication,
} from '../lib';
import { PlatformStack } from '../lib/platform';
import { IN_CLUSTER_VAULT } from './eso-vault-kv';

/** The namespace cert-manager, its VSO objects and its credentials Secret live in. */
const CERT_MANAGER_NAMESPACE = 'cert-manager';

/** In-cluster Vault, with its CA copied into cert-manager's namespace for VSO. */
export const VAULT_FOR_CERT_MANAGER: VaultServer = {
  address: IN_CLUSTER_VAULT.address,
  caCert: { name: 'vault-ca', key: 'ca.crt', namespace: CERT_MANAGER_NAMESPACE },
};

/** The auth mount this example owns. */
export const CERT_MANAGER_AUTH_PATH = 'kubernetes-cert-manager';

/**
 * Builds the `cert-manager-azure-dns-operators` stack (cert-manager and VSO
 * with their CRDs) and the `cert-manager-azure-dns` stack, which depends on
 * it; returns the latter.
 */
export function certManagerAzureDns(scope: Construct, id = 'cert-manager-azure-dns'): PlatformStack {
  const operators = new PlatformStack(scope, `${id}-operators`, { providers: ['helm'] });
  const certManager = new CertManager(operators, 'CertManager');
  new VaultSecretsOperator(operators, 'VaultSecretsOperator');

  const stack = new PlatformStack(scope, id, { providers: ['vault', 'kubernetes', 'azuread'] });
  stack.addDependency(operators);
  const input = (name: string, description: string) => new TerraformVariable(stack, name, { type: 'string', description }).stringValue;
  const tenantId = input('tenant_id', 'Entra ID tenant id');
  const subscriptionId = input('subscription_id', 'Azure subscription holding the DNS zone');

  const engine = new AzureSecretsEngine(stack, 'AzureSecrets', { tenantId, subscriptionId });
  // The cert-manager application exists already (with DNS Zone Contributor on
  // the zone): its client id is written into the ClusterIssuer and must not change.
  const certManagerApp = WorkloadApplication.fromIds(stack, 'CertManagerApplication', {
    clientId: input('cert_manager_client_id', 'Client id of the existing cert-manager application'),
    applicationObjectId: input('cert_manager_application_object_id', 'Object id of the existing cert-manager application'),
  });
  const credentials = engine.addRole('CertManagerRole', { roleName: 'certmanager-role', application: certManagerApp, ttl: '1h' });

  const auth = new VaultK8sAuth(stack, 'KubernetesAuth', { path: CERT_MANAGER_AUTH_PATH });
  const role = auth.addRole('AzureRole', {
    roleName: 'azure-role',
    serviceAccountNames: ['cert-manager'],
    namespaces: [CERT_MANAGER_NAMESPACE],
  });
  engine.grantCredentials(credentials, role);

  const connection = new VaultConnection(stack, 'VaultConnection', {
    name: 'vault',
    namespace: CERT_MANAGER_NAMESPACE,
    server: VAULT_FOR_CERT_MANAGER,
  });
  const vaultAuth = new VaultAuth(stack, 'VaultAuth', { name: 'azure-role', namespace: CERT_MANAGER_NAMESPACE, connection, role });
  const secret = new VaultDynamicSecret(stack, 'AzureCredentials', {
    name: 'azure-service-principal',
    namespace: CERT_MANAGER_NAMESPACE,
    auth: vaultAuth,
    source: credentials,
    secretName: 'azure-service-principal-secret',
    // cert-manager reads the secret when the issuer is set up; a restart makes it pick up the new one.
    rolloutRestartTargets: [{ kind: 'Deployment', name: 'cert-manager' }],
  });

  new AcmeIssuer(stack, 'LetsEncrypt', {
    name: 'letsencrypt',
    email: input('acme_email', 'Contact email for the Let\'s Encrypt account'),
    certManager,
    azureDns: {
      application: certManagerApp,
      clientSecret: secret,
      tenantId,
      subscriptionId,
      dnsZone: AzureDnsZone.fromIds(stack, 'DnsZone', {
        subscriptionId,
        resourceGroupName: input('dns_zone_resource_group', 'Resource group of the Azure DNS zone'),
        zoneName: input('dns_zone_name', 'Name of the Azure DNS zone, e.g. example.com'),
      }),
    },
  });
  return stack;
}
