/**
 * The bad-input matrix: every row is a prop value that must be rejected at
 * synth, with a message naming the construct path, the prop, the value
 * received and what is allowed.
 */
import { Aspects, Fn, TerraformStack, TerraformVariable, Token } from 'cdktf';
import { Application } from '@cdktf/provider-azuread/lib/application';
import { ApplicationPasswordA as ApplicationPassword } from '@cdktf/provider-azuread/lib/application-password';
import { KeyVault, KeyVaultConfig } from '@cdktf/provider-azurerm/lib/key-vault';
import { RoleDefinition } from '@cdktf/provider-azurerm/lib/role-definition';
import { Release } from '@cdktf/provider-helm/lib/release';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { AzureSecretBackendRole } from '@cdktf/provider-vault/lib/azure-secret-backend-role';
import { KubernetesAuthBackendRole, KubernetesAuthBackendRoleConfig } from '@cdktf/provider-vault/lib/kubernetes-auth-backend-role';
import { PkiSecretBackendRole } from '@cdktf/provider-vault/lib/pki-secret-backend-role';
import { DataVaultPolicyDocument } from '@cdktf/provider-vault/lib/data-vault-policy-document';
import { Policy } from '@cdktf/provider-vault/lib/policy';
import { VaultProvider } from '@cdktf/provider-vault/lib/provider';
import { SecurityChecks } from '../lib/checks/security-checks';
import { parsePolicy } from '../lib/core/policy-document';
import { unescapeTemplate } from '../lib/core/template-literal';
import { AcmeIssuer, AcmeIssuerProps, AzureDnsSolverOptions } from '../lib/cert-manager/acme-issuer';
import { CertManager } from '../lib/cert-manager/cert-manager-release';
import { Certificate, CertificateProps } from '../lib/cert-manager/certificate';
import { VaultIssuer, VaultIssuerProps } from '../lib/cert-manager/vault-issuer';
import { AzureDnsZone, AzureDnsZoneIds } from '../lib/entra/azure-dns-zone';
import { IEntraApplication, WorkloadApplication, WorkloadApplicationIds, WorkloadApplicationProps } from '../lib/entra/workload-application';
import { ExternalSecret } from '../lib/secrets-sync/external-secret';
import { VaultAuth, VaultAuthProps } from '../lib/secrets-sync/vault-auth';
import { VaultConnection, VaultConnectionProps } from '../lib/secrets-sync/vault-connection';
import { VaultDynamicSecret, VaultDynamicSecretProps } from '../lib/secrets-sync/vault-dynamic-secret';
import { VaultSecretsOperator } from '../lib/secrets-sync/vault-secrets-operator';
import { VaultStaticSecret, VaultStaticSecretProps } from '../lib/secrets-sync/vault-static-secret';
import { AzureSecretsEngine, AzureSecretsEngineProps, AzureSecretsEngineRoleOptions } from '../lib/vault/azure-secrets-engine';
import { PkiIssuer, PkiIssuerProps } from '../lib/vault/pki-issuer';
import { PkiRole, PkiRoleOptions } from '../lib/vault/pki-role';
import { AzureKeyVaultSealSource, VaultSealConfig, VaultSealConfigProps } from '../lib/vault/seal-config';
import { ExternalSecretsOperator } from '../lib/secrets-sync/external-secrets-operator';
import { VaultSecretStore } from '../lib/secrets-sync/vault-secret-store';
import { VaultK8sAuth } from '../lib/vault/k8s-auth';
import { VaultK8sAuthRoleOptions } from '../lib/vault/k8s-auth-role';
import { KvV2Mount } from '../lib/vault/kv-v2';
import { VaultPolicy } from '../lib/vault/policy';
import { AutoUnsealKeyVault, AutoUnsealKeyVaultProps } from '../lib/keyvault/auto-unseal-key-vault';
import { VaultHelmRelease, VaultHelmReleaseProps } from '../lib/vault/vault-helm-release';
import { judged } from './checks/judged';
import { onlyResource, synth, testStack, warningsOf } from './helpers';

type Row = [what: string, build: (stack: TerraformStack) => unknown, message: RegExp];

const ROLE: VaultK8sAuthRoleOptions = { roleName: 'app', serviceAccountNames: ['app'], namespaces: ['apps'] };
const addRole = (s: TerraformStack, o: Partial<VaultK8sAuthRoleOptions>) => new VaultK8sAuth(s, 'Auth').addRole('Role', { ...ROLE, ...o });
const store = (s: TerraformStack, o: Partial<ConstructorParameters<typeof VaultSecretStore>[2]> = {}) => new VaultSecretStore(s, 'Store', {
  name: 'vault', server: { address: 'https://vault:8200' }, kv: new KvV2Mount(s, 'Kv'), role: addRole(s, {}), ...o,
});
const externalSecret = (s: TerraformStack, o: Partial<ConstructorParameters<typeof ExternalSecret>[2]>) => new ExternalSecret(s, 'Es', {
  name: 'es', namespace: 'apps', store: store(s), targetSecretName: 'out', data: [{ secretKey: 'k', key: 'secret/x' }], ...o,
});
const policy = (s: TerraformStack, rules: any[], name = 'p') => new VaultPolicy(s, 'Policy', { policyName: name, rules });

export const FOUNDATION_ROWS: Row[] = [
  ['policy name with capitals', (s) => policy(s, [], 'Admins'), /VaultPolicy 'Test\/Policy': 'policyName' must be lowercase.*\(got 'Admins'\)/],
  ['policy named root', (s) => policy(s, [], 'root'), /'policyName' .*not 'root' or 'default' \(got 'root'\)/],
  ['unknown capability', (s) => policy(s, [{ path: 'kv/x', capabilities: ['write'] }]), /'capabilities' must only hold .* \(got 'write'\)/],
  ['empty capabilities', (s) => policy(s, [{ path: 'kv/x', capabilities: [] }]), /'capabilities' must not be empty \(got \[\]\)/],
  ['policy path with leading slash', (s) => policy(s, [{ path: '/kv/x', capabilities: ['read'] }]), /'path' must be a non-empty Vault path.*\(got '\/kv\/x'\)/],
  ['empty policy path', (s) => policy(s, [{ path: '', capabilities: ['read'] }]), /'path' must be a non-empty Vault path.*\(got ''\)/],
  ['* path without opt-in', (s) => policy(s, [{ path: '*', capabilities: ['read'] }]), /'path' is a glob across every mount.*\(got '\*'\)/],
  ['pki* path without opt-in', (s) => policy(s, [{ path: 'pki*', capabilities: ['read'] }]), /'path' is a glob across every mount.*\(got 'pki\*'\)/],
  ['sudo without opt-in', (s) => policy(s, [{ path: 'sys/raw', capabilities: ['sudo'] }]), /'capabilities' includes sudo.*\(got 'sudo'\)/],
  ['auth path with leading slash', (s) => new VaultK8sAuth(s, 'Auth', { path: '/kubernetes' }), /VaultK8sAuth 'Test\/Auth': 'path' must be a Vault mount path.*\(got '\/kubernetes'\)/],
  ['auth path with trailing slash', (s) => new VaultK8sAuth(s, 'Auth', { path: 'kubernetes/' }), /'path' must be a Vault mount path.*\(got 'kubernetes\/'\)/],
  ['auth path with auth/ prefix in fromMount', (s) => VaultK8sAuth.fromMount(s, 'Auth', 'auth/kubernetes/'), /'mountPath' must be a Vault mount path.*\(got 'auth\/kubernetes\/'\)/],
  ['http kubernetesHost', (s) => new VaultK8sAuth(s, 'Auth', { kubernetesHost: 'http://api:6443' }), /'kubernetesHost' must be a URL starting with https:\/\/ \(got 'http:\/\/api:6443'\)/],
  ['kubernetesHost that is no URL', (s) => new VaultK8sAuth(s, 'Auth', { externalReviewer: { kubernetesHost: 'k8s-endpoint:6443' } }), /externalReviewer: 'kubernetesHost' must be a URL.*\(got 'k8s-endpoint:6443'\)/],
  ['reviewer namespace not DNS-1123', (s) => new VaultK8sAuth(s, 'Auth', { externalReviewer: { kubernetesHost: 'https://api:6443', namespace: 'Vault' } }), /externalReviewer: 'namespace' must be a DNS-1123 label.*\(got 'Vault'\)/],
  ['reviewer binding name not DNS-1123', (s) => new VaultK8sAuth(s, 'Auth', { externalReviewer: { kubernetesHost: 'https://api:6443', clusterRoleBindingName: 'Vault_Review' } }), /'clusterRoleBindingName' must be a DNS-1123 subdomain.*\(got 'Vault_Review'\)/],
  ['role name with a space', (s) => addRole(s, { roleName: 'my role' }), /VaultK8sAuthRole 'Test\/Auth\/Role': role 'my role': 'roleName' must be.*\(got 'my role'\)/],
  ['empty ServiceAccount list', (s) => addRole(s, { serviceAccountNames: [] }), /'serviceAccountNames' must not be empty \(got \[\]\)/],
  ['empty namespace list', (s) => addRole(s, { namespaces: [] }), /'namespaces' must not be empty \(got \[\]\)/],
  ['* ServiceAccount without opt-in', (s) => addRole(s, { serviceAccountNames: ['*'] }), /'serviceAccountNames' binds every ServiceAccount.*\(got '\*'\)/],
  ['* namespace without opt-in', (s) => addRole(s, { namespaces: ['*'] }), /'namespaces' binds every ServiceAccount or namespace.*\(got '\*'\)/],
  ['ServiceAccount name not DNS-1123', (s) => addRole(s, { serviceAccountNames: ['App_SA'] }), /'serviceAccountNames' must hold DNS-1123 labels.*\(got 'App_SA'\)/],
  ['namespace longer than 63 characters', (s) => addRole(s, { namespaces: ['n'.repeat(64)] }), /'namespaces' must hold DNS-1123 labels.*\(got 'n{64}'\)/],
  ['TTL in words', (s) => addRole(s, { tokenTtl: '15 minutes' }), /'tokenTtl' must be a duration like 15m or 1h.*\(got '15 minutes'\)/],
  ['TTL in days', (s) => addRole(s, { tokenTtl: '7d' }), /'tokenTtl' must be a duration.*\(got '7d'\)/],
  ['negative max TTL', (s) => addRole(s, { tokenMaxTtl: -60 }), /'tokenMaxTtl' must be a duration.*\(got -60\)/],
  ['zero period', (s) => addRole(s, { tokenPeriod: 0 }), /'tokenPeriod' must be at least 1s \(got 0\)/],
  ['TTL above max TTL', (s) => addRole(s, { tokenTtl: '2h', tokenMaxTtl: '30m' }), /'tokenTtl' must not exceed tokenMaxTtl \(30m\) \(got '2h'\)/],
  ['blank audience', (s) => addRole(s, { audience: '' }), /'audience' must be a non-empty audience string \(got ''\)/],
  ['KV path with leading slash', (s) => new KvV2Mount(s, 'Kv', { path: '/eso' }), /KvV2Mount 'Test\/Kv': 'path' must be a Vault mount path.*\(got '\/eso'\)/],
  ['KV path with a space', (s) => new KvV2Mount(s, 'Kv', { path: 'my kv' }), /'path' must be a Vault mount path.*\(got 'my kv'\)/],
  ['KV grant glob with leading slash', (s) => new KvV2Mount(s, 'Kv').grantRead(addRole(s, {}), '/foo'), /grantRead to role 'app': 'pathGlob' must be a secret path.*\(got '\/foo'\)/],
  ['empty KV grant glob', (s) => new KvV2Mount(s, 'Kv').grantRead(addRole(s, {}), ''), /'pathGlob' must be a secret path.*\(got ''\)/],
  ['ESO chart version range', (s) => new ExternalSecretsOperator(s, 'Eso', { chartVersion: '>=2.0.0' }), /ExternalSecretsOperator 'Test\/Eso': 'chartVersion' must be an exact chart version.*\(got '>=2.0.0'\)/],
  ['ESO namespace not DNS-1123', (s) => new ExternalSecretsOperator(s, 'Eso', { namespace: 'External_Secrets' }), /'namespace' must be a DNS-1123 label.*\(got 'External_Secrets'\)/],
  ['store name not DNS-1123', (s) => store(s, { name: 'Vault Store' }), /VaultSecretStore 'Test\/Store': 'name' must be a DNS-1123 subdomain.*\(got 'Vault Store'\)/],
  ['store over plain http', (s) => store(s, { server: { address: 'http://vault:8200' } }), /'server.address' must be an https:\/\/ URL.*\(got 'http:\/\/vault:8200'\)/],
  ['store address that is no URL', (s) => store(s, { server: { address: 'vault:8200', allowInsecureHttp: true } }), /'server.address' must be an http:\/\/ or https:\/\/ URL \(got 'vault:8200'\)/],
  ['store CA key with a slash', (s) => store(s, { server: { address: 'https://vault:8200', caCert: { name: 'ca', key: 'tls/ca.crt', namespace: 'vault' } } }), /'server.caCert.key' must be a Secret data key \(got 'tls\/ca.crt'\)/],
  ['store with a multi-SA role', (s) => store(s, { role: new VaultK8sAuth(s, 'Auth2').addRole('R', { ...ROLE, namespaces: ['a', 'b'] }) }), /'role' must be a role that binds exactly one ServiceAccount.*\(got 'app'\)/],
  ['ExternalSecret refresh in words', (s) => externalSecret(s, { refreshInterval: 'hourly' }), /ExternalSecret 'Test\/Es': 'refreshInterval' must be a duration.*\(got 'hourly'\)/],
  ['ExternalSecret with no data', (s) => externalSecret(s, { data: [] }), /'data' must not be empty \(got \[\]\)/],
  ['ExternalSecret target not DNS-1123', (s) => externalSecret(s, { targetSecretName: 'Out_Secret' }), /'targetSecretName' must be a DNS-1123 subdomain.*\(got 'Out_Secret'\)/],
  ['ExternalSecret key with leading slash', (s) => externalSecret(s, { data: [{ secretKey: 'k', key: '/secret/x' }] }), /data\[0\]: 'key' must be a non-empty Vault secret path.*\(got '\/secret\/x'\)/],
];

const UNSEAL: AutoUnsealKeyVaultProps = {
  keyVaultName: 'kv-unseal', resourceGroupName: 'rg', location: 'westeurope', allowedIpRanges: ['203.0.113.10'],
  identity: { mode: 'workloadIdentity', oidcIssuerUrl: 'https://oidc.example.com/issuer' },
};
const unseal = (s: TerraformStack, o: Partial<AutoUnsealKeyVaultProps>) => new AutoUnsealKeyVault(s, 'AutoUnseal', { ...UNSEAL, ...o });
const vaultChart = (s: TerraformStack, o: Partial<VaultHelmReleaseProps>) => new VaultHelmRelease(s, 'Vault', o);

const AUTO_UNSEAL_ROWS: Row[] = [
  ['Key Vault name with an underscore', (s) => unseal(s, { keyVaultName: 'kv_unseal' }), /AutoUnsealKeyVault 'Test\/AutoUnseal': 'keyVaultName' must be 3-24 characters.*\(got 'kv_unseal'\)/],
  ['Key Vault name too short', (s) => unseal(s, { keyVaultName: 'kv' }), /'keyVaultName' must be 3-24 characters.*\(got 'kv'\)/],
  ['Key Vault name with consecutive hyphens', (s) => unseal(s, { keyVaultName: 'kv--unseal' }), /'keyVaultName' .*no consecutive hyphens \(got 'kv--unseal'\)/],
  ['HSM key on the standard SKU', (s) => unseal(s, { keyType: 'RSA-HSM' }), /'keyType' requires sku 'premium'.*\(got 'RSA-HSM'\)/],
  ['RSA 1024 unseal key', (s) => unseal(s, { keySize: 1024 as never }), /'keySize' must be one of '2048', '3072', '4096' \(got 1024\)/],
  ['client secret living over two years', (s) => unseal(s, { identity: { mode: 'clientSecret', clientSecretExpiry: '20000h' } }), /'identity.clientSecretExpiry' must be at most 17520h \(2 years\) \(got '20000h'\)/],
  ['client secret expiry in words', (s) => unseal(s, { identity: { mode: 'clientSecret', clientSecretExpiry: '2 years' } }), /'identity.clientSecretExpiry' must be a whole number of hours.*\(got '2 years'\)/],
  ['OIDC issuer over http', (s) => unseal(s, { identity: { mode: 'workloadIdentity', oidcIssuerUrl: 'http://oidc.example.com' } }), /'identity.oidcIssuerUrl' must be a URL starting with https:\/\/ \(got 'http:\/\/oidc.example.com'\)/],
  ['firewall range that is no CIDR', (s) => unseal(s, { allowedIpRanges: ['10.0.0.0/33'] }), /'allowedIpRanges' must hold IPv4 addresses or CIDR ranges.*\(got '10.0.0.0\/33'\)/],
  ['tenant id that is no UUID', (s) => unseal(s, { tenantId: 'contoso' }), /'tenantId' must be a UUID.*\(got 'contoso'\)/],
  ['even Raft quorum', (s) => vaultChart(s, { highAvailability: true, replicas: 4 }), /VaultHelmRelease 'Test\/Vault': 'replicas' must be 3, 5 or 7.*\(got 4\)/],
  ['Vault chart version range', (s) => vaultChart(s, { chartVersion: '~0.34' }), /'chartVersion' must be an exact chart version.*\(got '~0.34'\)/],
  ['dev mode with HA', (s) => vaultChart(s, { devMode: true, highAvailability: true }), /'devMode' cannot be combined with highAvailability \(got true\)/],
];

const TENANT = '11111111-1111-1111-1111-111111111111';
const SUBSCRIPTION = '22222222-2222-2222-2222-222222222222';
const APP: IEntraApplication = { clientId: '33333333-3333-3333-3333-333333333333', applicationObjectId: '44444444-4444-4444-4444-444444444444' };
const engine = (s: TerraformStack, o: Partial<AzureSecretsEngineProps> = {}, id = 'Engine') => new AzureSecretsEngine(s, id, { tenantId: TENANT, subscriptionId: SUBSCRIPTION, ...o });
const engineRole = (s: TerraformStack, o: Partial<AzureSecretsEngineRoleOptions>) => engine(s).addRole('Role', { roleName: 'certmanager-role', application: APP, ...o });
const entraApp = (s: TerraformStack, o: Partial<WorkloadApplicationProps>) => new WorkloadApplication(s, 'App', { displayName: 'cert-manager', ...o });
const importedApp = (s: TerraformStack, o: Partial<WorkloadApplicationIds> = {}) => WorkloadApplication.fromIds(s, 'App', { ...APP, ...o });
const zone = (s: TerraformStack, o: Partial<AzureDnsZoneIds> = {}, id = 'Zone') => AzureDnsZone.fromIds(s, id, { subscriptionId: SUBSCRIPTION, resourceGroupName: 'rg-dns', zoneName: 'example.com', ...o });

/** S1: Vault's Azure secrets engine, the Entra workload application and the Azure DNS zone. */
const S1_AZURE_ROWS: Row[] = [
  ['engine tenant id that is no UUID', (s) => engine(s, { tenantId: 'contoso.onmicrosoft.com' }), /AzureSecretsEngine 'Test\/Engine': 'tenantId' must be a UUID like 0{8}-.* \(got 'contoso.onmicrosoft.com'\)/],
  ['engine subscription id that is no UUID', (s) => engine(s, { subscriptionId: 'prod' }), /AzureSecretsEngine 'Test\/Engine': 'subscriptionId' must be a UUID like .* \(got 'prod'\)/],
  ['engine path with a trailing slash', (s) => engine(s, { path: 'azure/' }), /AzureSecretsEngine 'Test\/Engine': 'path' must be a Vault mount path: .*no '\/' at either end \(got 'azure\/'\)/],
  ['bootstrap secret expiry in days', (s) => engine(s, { bootstrapSecretExpiry: '1d' }), /AzureSecretsEngine 'Test\/Engine': 'bootstrapSecretExpiry' must be a whole number of hours from 1h to 720h.* \(got '1d'\)/],
  ['bootstrap secret living a year', (s) => engine(s, { bootstrapSecretExpiry: '8760h' }), /AzureSecretsEngine 'Test\/Engine': 'bootstrapSecretExpiry' must be a whole number of hours from 1h to 720h.* \(got '8760h'\)/],
  ['root password TTL under an hour', (s) => engine(s, { rootPasswordTtl: '30m' }), /AzureSecretsEngine 'Test\/Engine': 'rootPasswordTtl' must be at least 1h \(got '30m'\)/],
  ['root password TTL over two years', (s) => engine(s, { rootPasswordTtl: '20000h' }), /AzureSecretsEngine 'Test\/Engine': 'rootPasswordTtl' must be at most 17520h \(got '20000h'\)/],
  ['unknown Azure cloud for the engine', (s) => engine(s, { environment: 'AzureStack' as never }), /AzureSecretsEngine 'Test\/Engine': 'environment' must be one of 'AzurePublicCloud', .* \(got 'AzureStack'\)/],
  ['engine role name with a space', (s) => engineRole(s, { roleName: 'cert manager' }), /AzureSecretsEngineRole 'Test\/Engine\/Role': role 'cert manager': 'roleName' must be letters, digits, '_', '-' or '.'.* \(got 'cert manager'\)/],
  ['engine role with neither application nor azureRoles', (s) => engineRole(s, { application: undefined }), /AzureSecretsEngineRole 'Test\/Engine\/Role': role 'certmanager-role': 'application' or azureRoles must be set.* \(got nothing\)/],
  ['engine role with both application and azureRoles', (s) => engineRole(s, { azureRoles: [{ roleName: 'Reader', scope: `/subscriptions/${SUBSCRIPTION}` }] }), /AzureSecretsEngineRole 'Test\/Engine\/Role': role 'certmanager-role': 'azureRoles' must not be set together with application.* \(got \["Reader"\]\)/],
  ['engine role application object id that is no UUID', (s) => engineRole(s, { application: { ...APP, applicationObjectId: 'cert-manager' } }), /AzureSecretsEngineRole 'Test\/Engine\/Role': role 'certmanager-role': 'application.applicationObjectId' must be a UUID.* \(got 'cert-manager'\)/],
  ['engine role with an empty azureRoles list', (s) => engineRole(s, { application: undefined, azureRoles: [] }), /AzureSecretsEngineRole 'Test\/Engine\/Role': role 'certmanager-role': 'azureRoles' must not be empty \(got \[\]\)/],
  ['Azure role scope without /subscriptions', (s) => engineRole(s, { application: undefined, azureRoles: [{ roleName: 'Reader', scope: 'resourceGroups/rg' }] }), /AzureSecretsEngineRole 'Test\/Engine\/Role': role 'certmanager-role': azureRoles\[0\]: 'scope' must be an Azure resource id like \/subscriptions\/<uuid>.* \(got 'resourceGroups\/rg'\)/],
  ['Azure role scope with a subscription name', (s) => engineRole(s, { application: undefined, azureRoles: [{ roleName: 'Reader', scope: '/subscriptions/prod/resourceGroups/rg' }] }), /AzureSecretsEngineRole 'Test\/Engine\/Role': .*azureRoles\[0\]: 'scope' must be an Azure resource id.* \(got '\/subscriptions\/prod\/resourceGroups\/rg'\)/],
  ['blank Azure role name', (s) => engineRole(s, { application: undefined, azureRoles: [{ roleName: ' ', scope: `/subscriptions/${SUBSCRIPTION}` }] }), /AzureSecretsEngineRole 'Test\/Engine\/Role': .*azureRoles\[0\]: 'roleName' must be the name of an Azure role like Contributor \(got ' '\)/],
  ['engine role TTL in days', (s) => engineRole(s, { ttl: '1d' }), /AzureSecretsEngineRole 'Test\/Engine\/Role': role 'certmanager-role': 'ttl' must be a duration like 15m or 1h.* \(got '1d'\)/],
  ['engine role zero TTL', (s) => engineRole(s, { ttl: 0 }), /AzureSecretsEngineRole 'Test\/Engine\/Role': role 'certmanager-role': 'ttl' must be at least 1s \(got 0\)/],
  ['engine role TTL above max TTL', (s) => engineRole(s, { ttl: '2h', maxTtl: '30m' }), /AzureSecretsEngineRole 'Test\/Engine\/Role': role 'certmanager-role': 'ttl' must not exceed maxTtl \(30m\) \(got '2h'\)/],
  ['grantCredentials with a role of another engine', (s) => engine(s).grantCredentials(
    engine(s, { path: 'azure-prod' }, 'Other').addRole('Role', { roleName: 'certmanager-role', application: APP }), addRole(s, {})),
  /AzureSecretsEngine 'Test\/Engine': grantCredentials to role 'app': 'role' must be a role added with this engine's addRole \(mount 'azure'\) \(got 'certmanager-role'\)/],
  ['application display name with a leading space', (s) => entraApp(s, { displayName: ' cert-manager' }), /WorkloadApplication 'Test\/App': 'displayName' must be 1-120 characters without leading or trailing spaces \(got ' cert-manager'\)/],
  ['empty application display name', (s) => entraApp(s, { displayName: '' }), /WorkloadApplication 'Test\/App': 'displayName' must be 1-120 characters.* \(got ''\)/],
  ['application display name over 120 characters', (s) => entraApp(s, { displayName: 'a'.repeat(121) }), /WorkloadApplication 'Test\/App': 'displayName' must be 1-120 characters.* \(got 'a{121}'\)/],
  ['application owner given as an email', (s) => entraApp(s, { owners: ['alice@example.com'] }), /WorkloadApplication 'Test\/App': 'owners' must be a UUID like .* \(got 'alice@example.com'\)/],
  ['DNS zone grant on a resource group id', (s) => entraApp(s, { dnsZones: [{ id: `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-dns`, name: 'example.com', resourceGroupName: 'rg-dns' }] }),
    /WorkloadApplication 'Test\/App': grantDnsZoneContributor: 'zone.id' must be the resource id of an Azure DNS zone .* \(got '\/subscriptions\/2{8}-.*\/resourceGroups\/rg-dns'\)/],
  ['imported client id that is no UUID', (s) => importedApp(s, { clientId: 'cert-manager' }), /WorkloadApplication 'Test\/App': 'clientId' must be a UUID like .* \(got 'cert-manager'\)/],
  ['imported application object id that is no UUID', (s) => importedApp(s, { applicationObjectId: '4444' }), /WorkloadApplication 'Test\/App': 'applicationObjectId' must be a UUID.* \(got '4444'\)/],
  ['imported service principal id that is no UUID', (s) => importedApp(s, { servicePrincipalObjectId: 'sp-cert-manager' }), /WorkloadApplication 'Test\/App': 'servicePrincipalObjectId' must be a UUID.* \(got 'sp-cert-manager'\)/],
  ['DNS zone grant on an import without service principal', (s) => importedApp(s).grantDnsZoneContributor(zone(s)),
    /WorkloadApplication 'Test\/App': grantDnsZoneContributor: 'servicePrincipalObjectId' is required to assign Azure roles: import the application with it \(got nothing\)/],
  ['zone subscription that is no UUID', (s) => zone(s, { subscriptionId: 'prod' }), /AzureDnsZone 'Test\/Zone': 'subscriptionId' must be a UUID like .* \(got 'prod'\)/],
  ['zone resource group ending in a dot', (s) => zone(s, { resourceGroupName: 'rg-dns.' }), /AzureDnsZone 'Test\/Zone': 'resourceGroupName' must be an Azure resource group name: .*not ending in '\.' \(got 'rg-dns\.'\)/],
  ['zone resource group with a slash', (s) => zone(s, { resourceGroupName: 'rg/dns' }), /AzureDnsZone 'Test\/Zone': 'resourceGroupName' must be an Azure resource group name.* \(got 'rg\/dns'\)/],
  ['zone name without a dot', (s) => zone(s, { zoneName: 'example' }), /AzureDnsZone 'Test\/Zone': 'zoneName' must be a DNS zone name like example.com \(got 'example'\)/],
  ['zone name with a trailing dot', (s) => zone(s, { zoneName: 'example.com.' }), /AzureDnsZone 'Test\/Zone': 'zoneName' must be a DNS zone name like example.com \(got 'example.com.'\)/],
];

const VSO_NS = 'cert-manager';
const VSO_SOURCE = { mountPath: 'azure', credentialsPath: 'creds/certmanager-role', roleName: 'certmanager-role' };
const vsoRole = (s: TerraformStack, o: Partial<VaultK8sAuthRoleOptions> = {}) => new VaultK8sAuth(s, 'VsoK8s').addRole('VsoRole', { roleName: 'azure-role', serviceAccountNames: ['cert-manager'], namespaces: [VSO_NS], ...o });
const connection = (s: TerraformStack, o: Partial<VaultConnectionProps> = {}) => new VaultConnection(s, 'Connection', {
  name: 'vault', namespace: VSO_NS, server: { address: 'https://vault.vault.svc:8200', caCert: { name: 'vault-ca', key: 'ca.crt', namespace: VSO_NS } }, ...o,
});
const vaultAuth = (s: TerraformStack, o: Partial<VaultAuthProps> = {}) => new VaultAuth(s, 'VaultAuth', {
  name: 'azure-role', namespace: VSO_NS, connection: o.connection ?? connection(s), role: o.role ?? vsoRole(s), ...o,
});
const dynamicSecret = (s: TerraformStack, o: Partial<VaultDynamicSecretProps> = {}) => new VaultDynamicSecret(s, 'Dynamic', {
  name: 'azure-service-principal', namespace: VSO_NS, auth: o.auth ?? vaultAuth(s), source: VSO_SOURCE, secretName: 'azure-service-principal-secret', ...o,
});
const staticSecret = (s: TerraformStack, o: Partial<VaultStaticSecretProps> = {}) => new VaultStaticSecret(s, 'Static', {
  name: 'app-config', namespace: VSO_NS, auth: o.auth ?? vaultAuth(s), kv: o.kv ?? new KvV2Mount(s, 'AppsKv', { path: 'apps' }), path: 'team-a/config', secretName: 'app-config', ...o,
});

/** S1 delivery: Vault Secrets Operator and its custom resources. */
const VSO_ROWS: Row[] = [
  ['VSO chart version range', (s) => new VaultSecretsOperator(s, 'Vso', { chartVersion: '1.4.x' }), /VaultSecretsOperator 'Test\/Vso': 'chartVersion' must be an exact chart version like 1.2.3.* \(got '1.4.x'\)/],
  ['VSO namespace not DNS-1123', (s) => new VaultSecretsOperator(s, 'Vso', { namespace: 'VSO' }), /VaultSecretsOperator 'Test\/Vso': 'namespace' must be a DNS-1123 label.* \(got 'VSO'\)/],
  ['VaultConnection name not DNS-1123', (s) => connection(s, { name: 'Vault' }), /VaultConnection 'Test\/Connection': 'name' must be a DNS-1123 subdomain.* \(got 'Vault'\)/],
  ['VaultConnection namespace not DNS-1123', (s) => connection(s, { namespace: 'Cert_Manager', server: { address: 'https://vault:8200' } }), /VaultConnection 'Test\/Connection': 'namespace' must be a DNS-1123 label.* \(got 'Cert_Manager'\)/],
  ['VaultConnection address without a scheme', (s) => connection(s, { server: { address: 'vault:8200' } }), /VaultConnection 'Test\/Connection': 'server.address' must be an https:\/\/ URL.* \(got 'vault:8200'\)/],
  ['VaultConnection CA under a key other than ca.crt', (s) => connection(s, { server: { address: 'https://vault:8200', caCert: { name: 'vault-ca', key: 'tls.crt', namespace: VSO_NS } } }), /VaultConnection 'Test\/Connection': 'server.caCert.key' must be 'ca.crt': VSO reads the CA bundle from that key only \(got 'tls.crt'\)/],
  ['VaultConnection CA Secret in another namespace', (s) => connection(s, { server: { address: 'https://vault:8200', caCert: { name: 'vault-ca', key: 'ca.crt', namespace: 'vault' } } }), /VaultConnection 'Test\/Connection': 'server.caCert.namespace' must be 'cert-manager', the VaultConnection's namespace.* \(got 'vault'\)/],
  ['VaultConnection tlsServerName with a scheme', (s) => connection(s, { tlsServerName: 'https://vault' }), /VaultConnection 'Test\/Connection': 'tlsServerName' must be a DNS name \(got 'https:\/\/vault'\)/],
  ['VaultAuth name not DNS-1123', (s) => vaultAuth(s, { name: 'Azure Role' }), /VaultAuth 'Test\/VaultAuth': 'name' must be a DNS-1123 subdomain.* \(got 'Azure Role'\)/],
  ['VaultAuth outside its ServiceAccount\'s namespace', (s) => vaultAuth(s, { namespace: 'apps' }), /VaultAuth 'Test\/VaultAuth': 'namespace' must be 'cert-manager', the namespace of role 'azure-role''s ServiceAccount.* \(got 'apps'\)/],
  ['VaultAuth with a role binding two ServiceAccounts', (s) => vaultAuth(s, { role: vsoRole(s, { serviceAccountNames: ['cert-manager', 'other'] }) }), /VaultAuth 'Test\/VaultAuth': 'role' must be a role that binds exactly one ServiceAccount.* \(got 'azure-role'\)/],
  ['VaultAuth token lifetime under 10 minutes', (s) => vaultAuth(s, { tokenExpirationSeconds: 60 }), /VaultAuth 'Test\/VaultAuth': 'tokenExpirationSeconds' must be a whole number of seconds from 600 .*to 86400 \(got 60\)/],
  ['VaultAuth token lifetime over a day', (s) => vaultAuth(s, { tokenExpirationSeconds: 90000 }), /VaultAuth 'Test\/VaultAuth': 'tokenExpirationSeconds' must be a whole number of seconds from 600 .*to 86400 \(got 90000\)/],
  ['VaultDynamicSecret renewal at 95%', (s) => dynamicSecret(s, { renewalPercent: 95 }), /VaultDynamicSecret 'Test\/Dynamic': 'renewalPercent' must be a whole percentage from 1 to 90.* \(got 95\)/],
  ['VaultDynamicSecret renewal at 0%', (s) => dynamicSecret(s, { renewalPercent: 0 }), /VaultDynamicSecret 'Test\/Dynamic': 'renewalPercent' must be a whole percentage from 1 to 90.* \(got 0\)/],
  ['VaultDynamicSecret outside its VaultAuth\'s namespace', (s) => dynamicSecret(s, { namespace: 'apps' }), /VaultDynamicSecret 'Test\/Dynamic': 'namespace' must be 'cert-manager', the namespace of VaultAuth 'azure-role' \(got 'apps'\)/],
  ['VaultDynamicSecret Secret name not DNS-1123', (s) => dynamicSecret(s, { secretName: 'Azure_Secret' }), /VaultDynamicSecret 'Test\/Dynamic': 'secretName' must be a DNS-1123 subdomain.* \(got 'Azure_Secret'\)/],
  ['VaultDynamicSecret restart target of kind Pod', (s) => dynamicSecret(s, { rolloutRestartTargets: [{ kind: 'Pod' as never, name: 'cert-manager' }] }), /VaultDynamicSecret 'Test\/Dynamic': rolloutRestartTargets\[0\]: 'kind' must be one of 'Deployment', 'DaemonSet', 'StatefulSet', 'argo.Rollout' \(got 'Pod'\)/],
  ['VaultStaticSecret path with data/', (s) => staticSecret(s, { path: 'data/team-a/config' }), /VaultStaticSecret 'Test\/Static': 'path' must be a secret path inside the mount .*without 'data\/'.* \(got 'data\/team-a\/config'\)/],
  ['VaultStaticSecret path with a trailing slash', (s) => staticSecret(s, { path: 'team-a/' }), /VaultStaticSecret 'Test\/Static': 'path' must be a secret path inside the mount without a leading or trailing '\/'.* \(got 'team-a\/'\)/],
  ['VaultStaticSecret compound refreshAfter', (s) => staticSecret(s, { refreshAfter: '1h30m' }), /VaultStaticSecret 'Test\/Static': 'refreshAfter' must be one number and unit like 30s, 5m or 1h \(got '1h30m'\)/],
  ['VaultStaticSecret refreshAfter without a unit', (s) => staticSecret(s, { refreshAfter: '60' }), /VaultStaticSecret 'Test\/Static': 'refreshAfter' must be one number and unit like 30s, 5m or 1h \(got '60'\)/],
  ['VaultStaticSecret outside its VaultAuth\'s namespace', (s) => staticSecret(s, { namespace: 'apps' }), /VaultStaticSecret 'Test\/Static': 'namespace' must be 'cert-manager', the namespace of VaultAuth 'azure-role' \(got 'apps'\)/],
];

const acme = (s: TerraformStack, o: Partial<AcmeIssuerProps> = {}, az: Partial<AzureDnsSolverOptions> = {}) => new AcmeIssuer(s, 'Acme', {
  name: 'letsencrypt', email: 'ops@example.com', clusterResourceNamespace: 'cert-manager',
  azureDns: {
    application: APP, clientSecret: { name: 'azure-sp', key: 'client_secret', namespace: 'cert-manager' },
    tenantId: TENANT, subscriptionId: SUBSCRIPTION, dnsZone: az.dnsZone ?? zone(s), ...az,
  },
  ...o,
});

/** S1 issuance: cert-manager and the ACME azureDNS ClusterIssuer. */
const CERT_MANAGER_ROWS: Row[] = [
  ['cert-manager chart version latest', (s) => new CertManager(s, 'CertManager', { chartVersion: 'latest' }), /CertManager 'Test\/CertManager': 'chartVersion' must be an exact chart version like 1.2.3.* \(got 'latest'\)/],
  ['cert-manager namespace with a space', (s) => new CertManager(s, 'CertManager', { namespace: 'cert manager' }), /CertManager 'Test\/CertManager': 'namespace' must be a DNS-1123 label.* \(got 'cert manager'\)/],
  ['cert-manager cluster resource namespace not DNS-1123', (s) => new CertManager(s, 'CertManager', { clusterResourceNamespace: 'Cert_Manager' }), /CertManager 'Test\/CertManager': 'clusterResourceNamespace' must be a DNS-1123 label.* \(got 'Cert_Manager'\)/],
  ['ACME issuer name with capitals', (s) => acme(s, { name: 'LetsEncrypt' }), /AcmeIssuer 'Test\/Acme': 'name' must be a DNS-1123 subdomain.* \(got 'LetsEncrypt'\)/],
  ['ACME contact without a domain', (s) => acme(s, { email: 'ops' }), /AcmeIssuer 'Test\/Acme': 'email' must be an email address like ops@example.com \(got 'ops'\)/],
  ['empty ACME contact', (s) => acme(s, { email: '' }), /AcmeIssuer 'Test\/Acme': 'email' must be an email address like ops@example.com \(got ''\)/],
  ['ACME server that is not Let\'s Encrypt', (s) => acme(s, { server: 'https://acme.example.com/directory' as never }), /AcmeIssuer 'Test\/Acme': 'server' must be one of 'https:\/\/acme-v02\.api\.letsencrypt\.org\/directory', .* \(got 'https:\/\/acme\.example\.com\/directory'\)/],
  ['ACME tenant given as a domain', (s) => acme(s, {}, { tenantId: 'contoso.onmicrosoft.com' }), /AcmeIssuer 'Test\/Acme': 'azureDns.tenantId' must be a UUID like .* \(got 'contoso.onmicrosoft.com'\)/],
  ['ACME client id that is no UUID', (s) => acme(s, {}, { application: { ...APP, clientId: 'cert-manager' } }), /AcmeIssuer 'Test\/Acme': 'azureDns.application.clientId' must be a UUID like .* \(got 'cert-manager'\)/],
  ['ACME subscription other than the zone\'s', (s) => acme(s, {}, { dnsZone: zone(s, { subscriptionId: '55555555-5555-5555-5555-555555555555' }) }),
    /AcmeIssuer 'Test\/Acme': 'azureDns.subscriptionId' must be the subscription of dnsZone 'example.com' \('5{8}-5{4}-5{4}-5{4}-5{12}'\).* \(got '2{8}-2{4}-2{4}-2{4}-2{12}'\)/],
  ['unknown Azure cloud for the solver', (s) => acme(s, {}, { environment: 'AzureStack' as never }), /AcmeIssuer 'Test\/Acme': 'azureDns.environment' must be one of 'AzurePublicCloud', .* \(got 'AzureStack'\)/],
  ['ClusterIssuer Secret reference without a namespace', (s) => acme(s, {}, { clientSecret: { name: 'azure-sp', key: 'client_secret' } }),
    /AcmeIssuer 'Test\/Acme': 'azureDns.clientSecret.namespace' must be set to 'cert-manager', cert-manager's cluster resource namespace, for a ClusterIssuer.* \(got nothing\)/],
  ['ClusterIssuer Secret outside the cluster resource namespace', (s) => acme(s, {}, { clientSecret: { name: 'azure-sp', key: 'client_secret', namespace: 'apps' } }),
    /AcmeIssuer 'Test\/Acme': 'azureDns.clientSecret.namespace' must be 'cert-manager', cert-manager's cluster resource namespace.* \(got 'apps'\)/],
  ['ACME Secret key with a slash', (s) => acme(s, {}, { clientSecret: { name: 'azure-sp', key: 'azure/secret', namespace: 'cert-manager' } }), /AcmeIssuer 'Test\/Acme': 'azureDns.clientSecret.key' must be a Secret data key \(got 'azure\/secret'\)/],
  ['ClusterIssuer without cert-manager or its namespace', (s) => acme(s, { clusterResourceNamespace: undefined }), /AcmeIssuer 'Test\/Acme': 'certManager' or clusterResourceNamespace is required for a ClusterIssuer.* \(got nothing\)/],
  ['clusterResourceNamespace conflicting with cert-manager\'s', (s) => acme(s, { certManager: new CertManager(s, 'CertManager'), clusterResourceNamespace: 'issuers' }),
    /AcmeIssuer 'Test\/Acme': 'clusterResourceNamespace' must match certManager's 'cert-manager' when both are given \(got 'issuers'\)/],
];

const pki = (s: TerraformStack, o: Partial<PkiIssuerProps> = {}, id = 'Pki') => new PkiIssuer(s, id, { rootCa: { commonName: 'example.com' }, ...o });
const pkiRole = (s: TerraformStack, o: Partial<PkiRoleOptions> = {}) => pki(s).addRole('Web', { roleName: 'web', allowedDomains: ['example.com'], allowSubdomains: true, ...o });
const foreignPkiRole = (s: TerraformStack) => pki(s, { path: 'other' }, 'Other').addRole('Web', { roleName: 'web', allowedDomains: ['example.com'] });

/** S4: the Vault PKI and its roles. */
const PKI_ROWS: Row[] = [
  ['PKI path with a leading slash', (s) => pki(s, { path: '/pki' }), /PkiIssuer 'Test\/Pki': 'path' must be a Vault mount path.* \(got '\/pki'\)/],
  ['PKI max lease TTL in years', (s) => pki(s, { maxLeaseTtl: '1y' }), /PkiIssuer 'Test\/Pki': 'maxLeaseTtl' must be a duration like 15m or 1h.* \(got '1y'\)/],
  ['empty root CA common name', (s) => pki(s, { rootCa: { commonName: '' } }), /PkiIssuer 'Test\/Pki': rootCa: 'commonName' must be a non-empty name of at most 64 characters \(got ''\)/],
  ['root CA common name over 64 characters', (s) => pki(s, { rootCa: { commonName: 'c'.repeat(65) } }), /PkiIssuer 'Test\/Pki': rootCa: 'commonName' must be a non-empty name of at most 64 characters \(got 'c{65}'\)/],
  ['root CA outliving its mount', (s) => pki(s, { rootCa: { commonName: 'example.com', ttl: '87600h' } }), /PkiIssuer 'Test\/Pki': rootCa: 'ttl' must be at most 8760h \(got '87600h'\)/],
  ['RSA 1024 root CA', (s) => pki(s, { rootCa: { commonName: 'example.com', keyBits: 1024 } }), /PkiIssuer 'Test\/Pki': rootCa: 'keyBits' must be one of 2048, 3072, 4096 for key type 'rsa' \(got 1024\)/],
  ['intermediate on the root\'s mount', (s) => pki(s, { intermediate: { commonName: 'Intermediate', path: 'pki' } }), /PkiIssuer 'Test\/Pki': intermediate: 'path' must differ from the root mount path 'pki' \(got 'pki'\)/],
  ['intermediate outliving the root', (s) => pki(s, { rootCa: { commonName: 'example.com', ttl: '100h' }, intermediate: { commonName: 'Intermediate', ttl: '200h' } }), /PkiIssuer 'Test\/Pki': intermediate: 'ttl' must be at most 100h \(got '200h'\)/],
  ['PKI urlBase with a trailing slash', (s) => pki(s, { urlBase: 'https://vault:8200/' }), /PkiIssuer 'Test\/Pki': 'urlBase' must be an http:\/\/ or https:\/\/ URL without a trailing '\/' \(got 'https:\/\/vault:8200\/'\)/],
  ['PKI urlBase without a scheme', (s) => pki(s, { urlBase: 'vault:8200' }), /PkiIssuer 'Test\/Pki': 'urlBase' must be an http:\/\/ or https:\/\/ URL.* \(got 'vault:8200'\)/],
  ['PKI role name with a slash', (s) => pkiRole(s, { roleName: 'web/x' }), /PkiRole 'Test\/Pki\/Web': role 'web\/x': 'roleName' must be letters, digits, '_', '-' or '.'.* \(got 'web\/x'\)/],
  ['PKI role with no allowed domains', (s) => pkiRole(s, { allowedDomains: [] }), /PkiRole 'Test\/Pki\/Web': role 'web': 'allowedDomains' must not be empty \(got \[\]\)/],
  ['PKI role allowing a wildcard domain', (s) => pkiRole(s, { allowedDomains: ['*.example.com'] }), /PkiRole 'Test\/Pki\/Web': role 'web': 'allowedDomains' must hold lowercase DNS names like example.com .* \(got '\*\.example\.com'\)/],
  ['PKI role max TTL beyond the CA', (s) => pkiRole(s, { maxTtl: '9000h' }), /PkiRole 'Test\/Pki\/Web': role 'web': 'maxTtl' must not exceed the root CA's TTL and mount 'pki''s max lease TTL \(8760h\).* \(got '9000h'\)/],
  ['PKI role max TTL in days', (s) => pkiRole(s, { maxTtl: '3d' }), /PkiRole 'Test\/Pki\/Web': role 'web': 'maxTtl' must be a duration like 15m or 1h.* \(got '3d'\)/],
  ['PKI role TTL above max TTL', (s) => pkiRole(s, { ttl: '2h', maxTtl: '1h' }), /PkiRole 'Test\/Pki\/Web': role 'web': 'ttl' must not exceed maxTtl \(1h\) \(got '2h'\)/],
  ['EC key with RSA bits', (s) => pkiRole(s, { keyType: 'ec', keyBits: 2048 }), /PkiRole 'Test\/Pki\/Web': role 'web': 'keyBits' must be one of 256, 384, 521 for key type 'ec' \(got 2048\)/],
  ['unknown PKI key type', (s) => pkiRole(s, { keyType: 'dsa' as never }), /PkiRole 'Test\/Pki\/Web': role 'web': 'keyType' must be one of 'rsa', 'ec', 'ed25519' \(got 'dsa'\)/],
  ['extended key usage given as key usage', (s) => pkiRole(s, { keyUsage: ['ServerAuth' as never] }), /PkiRole 'Test\/Pki\/Web': role 'web': 'keyUsage' must be one of 'DigitalSignature', .* \(got 'ServerAuth'\)/],
  ['grantSign with a role of another PKI', (s) => pki(s).grantSign(foreignPkiRole(s), addRole(s, {})),
    /PkiIssuer 'Test\/Pki': grantSign: 'pkiRole' must be a role added with this issuer's addRole \(it lives on mount 'other'\) \(got 'web'\)/],
  ['grantIssue with a role of another PKI', (s) => pki(s).grantIssue(foreignPkiRole(s), addRole(s, {})),
    /PkiIssuer 'Test\/Pki': grantIssue: 'pkiRole' must be a role added with this issuer's addRole \(it lives on mount 'other'\) \(got 'web'\)/],
];

const ISSUER_ROLE: VaultK8sAuthRoleOptions = { roleName: 'issuer', serviceAccountNames: ['issuer'], namespaces: ['default'] };
const vaultIssuer = (s: TerraformStack, o: Partial<VaultIssuerProps> = {}, role: Partial<VaultK8sAuthRoleOptions> = {}) => new VaultIssuer(s, 'VaultIssuer', {
  name: 'vault-issuer', namespace: 'default', server: { address: 'https://vault.vault.svc:8200' },
  pkiRole: o.pkiRole ?? pkiRole(s),
  authRole: o.authRole ?? new VaultK8sAuth(s, 'IssuerK8s').addRole('IssuerRole', { ...ISSUER_ROLE, ...role }),
  ...o,
});
const certificate = (s: TerraformStack, o: Partial<CertificateProps> = {}) => new Certificate(s, 'Cert', {
  name: 'www', namespace: 'default', issuer: o.issuer ?? vaultIssuer(s), dnsNames: ['www.example.com'], ...o,
});

/** S4: the Vault-backed cert-manager issuer and its Certificates. */
const VAULT_ISSUER_ROWS: Row[] = [
  ['Vault issuer name with an underscore', (s) => vaultIssuer(s, { name: 'vault_issuer' }), /VaultIssuer 'Test\/VaultIssuer': 'name' must be a DNS-1123 subdomain.* \(got 'vault_issuer'\)/],
  ['Vault issuer namespace not DNS-1123', (s) => vaultIssuer(s, { namespace: 'Default' }), /VaultIssuer 'Test\/VaultIssuer': 'namespace' must be a DNS-1123 label.* \(got 'Default'\)/],
  ['Vault issuer over plain http', (s) => vaultIssuer(s, { server: { address: 'http://vault:8200' } }), /VaultIssuer 'Test\/VaultIssuer': 'server.address' must be an https:\/\/ URL \(set allowInsecureHttp: true to accept http:\/\/\) \(got 'http:\/\/vault:8200'\)/],
  ['Vault issuer CA Secret in another namespace', (s) => vaultIssuer(s, { server: { address: 'https://vault:8200', caCert: { name: 'vault-ca', key: 'ca.crt', namespace: 'vault' } } }),
    /VaultIssuer 'Test\/VaultIssuer': 'server.caCert.namespace' must be 'default' \(or unset\): cert-manager reads caBundleSecretRef from the Issuer's namespace \(got 'vault'\)/],
  ['Vault issuer with two CAs for Vault\'s TLS', (s) => vaultIssuer(s, { caBundleFromPki: true, server: { address: 'https://vault:8200', caCert: { name: 'vault-ca', key: 'ca.crt' } } }),
    /VaultIssuer 'Test\/VaultIssuer': 'caBundleFromPki' must not be set together with server.caCert.* \(got true\)/],
  ['Vault issuer with a PKI role made outside addRole', (s) => vaultIssuer(s, { pkiRole: new PkiRole(s, 'LooseRole', { roleName: 'web', mountPath: 'pki', allowedDomains: ['example.com'] }) }),
    /VaultIssuer 'Test\/VaultIssuer': 'pkiRole' must be a role created with PkiIssuer.addRole \(got 'web'\)/],
  ['Vault issuer auth role bound in another namespace', (s) => vaultIssuer(s, {}, { namespaces: ['apps'] }),
    /VaultIssuer 'Test\/VaultIssuer': 'authRole' must bind a ServiceAccount in 'default' \(the Issuer's namespace\).*the role binds 'apps\/issuer' \(got 'issuer'\)/],
  ['Vault issuer auth role binding every ServiceAccount', (s) => vaultIssuer(s, {}, { serviceAccountNames: ['issuer', 'other'] }),
    /VaultIssuer 'Test\/VaultIssuer': 'authRole' must be a role that binds exactly one ServiceAccount.* \(got 'issuer'\)/],
  ['long-lived token with an audience-bound role', (s) => vaultIssuer(s, { useLongLivedTokenSecret: true }),
    /VaultIssuer 'Test\/VaultIssuer': 'authRole' must set requireAudience: false with useLongLivedTokenSecret.* \(got 'issuer'\)/],
  ['token Secret name without the long-lived opt-in', (s) => vaultIssuer(s, { tokenSecretName: 'issuer-token' }), /VaultIssuer 'Test\/VaultIssuer': 'tokenSecretName' applies only with useLongLivedTokenSecret: true \(got 'issuer-token'\)/],
  ['cert-manager ServiceAccount name not DNS-1123', (s) => vaultIssuer(s, { certManagerServiceAccount: { name: 'Cert_Manager', namespace: 'cert-manager' } }),
    /VaultIssuer 'Test\/VaultIssuer': 'certManagerServiceAccount.name' must be a DNS-1123 label.* \(got 'Cert_Manager'\)/],
  ['Certificate with no DNS names', (s) => certificate(s, { dnsNames: [] }), /Certificate 'Test\/Cert': 'dnsNames' must not be empty \(got \[\]\)/],
  ['Certificate DNS name with capitals', (s) => certificate(s, { dnsNames: ['WWW.example.com'] }), /Certificate 'Test\/Cert': 'dnsNames' must hold lowercase DNS names like www.example.com \(got 'WWW.example.com'\)/],
  ['Certificate name outside the PKI role\'s domains', (s) => certificate(s, { dnsNames: ['www.example.org'] }), /Certificate 'Test\/Cert': 'dnsNames' must be allowed by PKI role 'web' \(domains \["example.com"\].* \(got 'www.example.org'\)/],
  ['Certificate common name not among its DNS names', (s) => certificate(s, { commonName: 'api.example.com' }), /Certificate 'Test\/Cert': 'commonName' must be one of dnsNames \(got 'api.example.com'\)/],
  ['Certificate lifetime under an hour', (s) => certificate(s, { duration: '30m' }), /Certificate 'Test\/Cert': 'duration' must be at least 1h \(cert-manager's minimum\) \(got '30m'\)/],
  ['Certificate lifetime in days', (s) => certificate(s, { duration: '90d' }), /Certificate 'Test\/Cert': 'duration' must be a Go duration like 72h, 90m or 1h30m .*no 'd'\) \(got '90d'\)/],
  ['Certificate lifetime beyond the PKI role\'s max TTL', (s) => certificate(s, { duration: '100h' }), /Certificate 'Test\/Cert': 'duration' must not exceed PKI role 'web''s max TTL \(72h\) \(got '100h'\)/],
  ['Certificate renewed a minute before expiry', (s) => certificate(s, { renewBefore: '1m' }), /Certificate 'Test\/Cert': 'renewBefore' must be at least 5m \(cert-manager's minimum\) \(got '1m'\)/],
  ['Certificate renewed before it is issued', (s) => certificate(s, { renewBefore: '80h' }), /Certificate 'Test\/Cert': 'renewBefore' must be shorter than duration \(72h\) \(got '80h'\)/],
  ['Certificate outside its Issuer\'s namespace', (s) => certificate(s, { namespace: 'apps' }), /Certificate 'Test\/Cert': 'namespace' must be 'default', the namespace of Issuer 'vault-issuer': an Issuer only signs for its own namespace \(got 'apps'\)/],
];

const SEAL_SOURCE: AzureKeyVaultSealSource = {
  tenantId: TENANT, keyVaultName: 'kv-unseal', keyName: 'vault-unseal', clientId: APP.clientId,
  workloadIdentityServiceAccount: { name: 'vault', namespace: 'vault' },
};
const seal = (s: TerraformStack, o: Partial<VaultSealConfigProps> = {}) => new VaultSealConfig(s, 'Seal', { source: SEAL_SOURCE, ...o });

/** S3's seal stanza in a Secret. */
const SEAL_ROWS: Row[] = [
  ['seal Secret name that is no volume name', (s) => seal(s, { secretName: 'vault.storage' }), /VaultSealConfig 'Test\/Seal': 'secretName' must be a DNS-1123 label \(it is also the volume name in Vault's pods\).* \(got 'vault.storage'\)/],
  ['seal namespace not DNS-1123', (s) => seal(s, { source: { ...SEAL_SOURCE, workloadIdentityServiceAccount: undefined }, namespace: 'Vault' }), /VaultSealConfig 'Test\/Seal': 'namespace' must be a DNS-1123 label.* \(got 'Vault'\)/],
  ['seal Secret outside the federated ServiceAccount\'s namespace', (s) => seal(s, { namespace: 'platform' }), /VaultSealConfig 'Test\/Seal': 'namespace' must be the namespace the federated credential trusts \('vault'\).* \(got 'platform'\)/],
  ['literal seal client secret', (s) => seal(s, { source: { ...SEAL_SOURCE, workloadIdentityServiceAccount: undefined, clientSecret: 'hunter2' } }),
    /VaultSealConfig 'Test\/Seal': 'source.clientSecret' must be a Terraform reference .*never a literal \(got '\(literal, hidden\)'\)/],
  ['seal client secret together with workload identity', (s) => seal(s, { source: { ...SEAL_SOURCE, clientSecret: new TerraformVariable(s, 'Secret', { type: 'string', sensitive: true }).stringValue } }),
    /VaultSealConfig 'Test\/Seal': 'source.clientSecret' must not be set together with a workload identity ServiceAccount: pick one identity \(got '\(reference\)'\)/],
];

const FILE = '${file("/etc/hostname")}';
const varOf = (s: TerraformStack, name: string, type = 'string') => new TerraformVariable(s, name, { type });
const rule = (path: string, capabilities: string[]) => [{ path, capabilities }] as any[];

/** Issue 14: hostile input a careless or malicious teammate would write, refused at synth. */
const HOSTILE_ROWS: Row[] = [
  // Class 3: policies that are root in all but name, and paths Vault reads otherwise than they look.
  ['policy path with a mid-path *', (s) => policy(s, rule('kv/*/config', ['read'])), /'path' must hold '\*' only as its last character: Vault matches a '\*' anywhere else literally.*\(got 'kv\/\*\/config'\)/],
  ['policy path climbing with ..', (s) => policy(s, rule('kv/../sys/policies/acl/x', ['read'])), /'path' must not hold empty, '.' or '..' segments: Vault would match another path than the one written \(got 'kv\/..\/sys\/policies\/acl\/x'\)/],
  ['policy path with an empty segment', (s) => policy(s, rule('kv//x', ['read'])), /'path' must not hold empty, '.' or '..' segments.*\(got 'kv\/\/x'\)/],
  ['policy path with a . segment', (s) => policy(s, rule('kv/./x', ['read'])), /'path' must not hold empty, '.' or '..' segments.*\(got 'kv\/.\/x'\)/],
  ['update on one ACL policy', (s) => policy(s, rule('sys/policies/acl/admin', ['update'])), /grants update on "sys\/policies\/acl\/admin", which reaches sys\/policies\/acl\/\*.*root-equivalent.*allowPrivilegedPaths: true/],
  ['create on every ACL policy', (s) => policy(s, rule('sys/policies/acl/*', ['create'])), /grants create on "sys\/policies\/acl\/\*".*root-equivalent/],
  ['update through the prefix glob sys/pol*', (s) => policy(s, rule('sys/pol*', ['update'])), /grants update on "sys\/pol\*", which reaches sys\/policies\/acl\/\*/],
  ['update through a + segment', (s) => policy(s, rule('sys/+/acl/admin', ['update'])), /grants update on "sys\/\+\/acl\/admin", which reaches sys\/policies\/acl\/\*/],
  ['update on the legacy sys/policy endpoint', (s) => policy(s, rule('sys/policy/admin', ['update'])), /which reaches sys\/policy\/\*.*root-equivalent/],
  ['create on sys/auth (enable an auth method)', (s) => policy(s, rule('sys/auth/jwt', ['create'])), /grants create on "sys\/auth\/jwt", which reaches sys\/auth\/\*/],
  ['patch on an identity group', (s) => policy(s, rule('identity/group/name/admins', ['patch'])), /grants patch on "identity\/group\/name\/admins", which reaches identity\/group\/\*/],
  ['create on token roles', (s) => policy(s, rule('auth/token/roles/ci', ['create'])), /which reaches auth\/token\/roles\/\*/],
  ['create on sys/mounts', (s) => policy(s, rule('sys/mounts/kv', ['create'])), /grants create on "sys\/mounts\/kv", Vault's own configuration; set allowPrivilegedPaths: true/],
  ['update on an auth role', (s) => policy(s, rule('auth/kubernetes/role/admin', ['update'])), /grants update on "auth\/kubernetes\/role\/admin", Vault's own configuration/],
  ['update on everyone\'s leases', (s) => policy(s, rule('sys/leases/revoke/*', ['update'])), /grants update on "sys\/leases\/revoke\/\*", Vault's own configuration/],
  ['allowed parameter value with a quote', (s) => policy(s, [{ path: 'kv/data/x', capabilities: ['read'], allowedParameters: { a: ['x" }\npath "*" {'] } }]), /'allowedParameters.a' must hold values without quotes, backslashes or line breaks/],
  ['** path without opt-in', (s) => policy(s, rule('**', ['read'])), /'path' is a glob across every mount.*\(got '\*\*'\)/],
  ['+ first segment without opt-in', (s) => policy(s, rule('+/data/x', ['read'])), /'path' is a glob across every mount.*\(got '\+\/data\/x'\)/],
  // Class 9: names.
  ['fromPolicyName root', () => VaultPolicy.fromPolicyName('root'), /VaultPolicy.fromPolicyName: 'policyName' must be an existing policy's name .*never 'root' \(got 'root'\)/],
  ['fromPolicyName with a space', () => VaultPolicy.fromPolicyName('kv reader'), /VaultPolicy.fromPolicyName: 'policyName' must be .*\(got 'kv reader'\)/],
  ['two policies with one Vault name', (s) => { policy(s, [], 'shared'); new VaultPolicy(s, 'Other', { policyName: 'shared' }); },
    /VaultPolicy 'Test\/Other': 'policyName' must be unique in the stack: policy 'Test\/Policy' already has this name.*\(got 'shared'\)/],
  ['a grant policy named like an existing policy', (s) => { policy(s, [], 'app-kv-read'); new KvV2Mount(s, 'Kv', { path: 'kv' }).grantRead(addRole(s, {}), 'x', { policyName: 'app-kv-read' }); },
    /'policyName' must be unique in the stack: policy 'Test\/Policy' already has this name.*\(got 'app-kv-read'\)/],
  // Class 5: globs, as Vault's Kubernetes auth plugin matches them.
  ['** ServiceAccount', (s) => addRole(s, { serviceAccountNames: ['**'] }), /'serviceAccountNames' binds every ServiceAccount or namespace with '\*\*', which matches every name.*\(got '\*\*'\)/],
  ['** namespace', (s) => addRole(s, { namespaces: ['**'] }), /'namespaces' binds every ServiceAccount or namespace with '\*\*', which matches every name.*\(got '\*\*'\)/],
  ['prefix-glob namespace kube-*', (s) => addRole(s, { namespaces: ['kube-*'] }), /'namespaces' binds every ServiceAccount or namespace matching the glob 'kube-\*'.*\(got 'kube-\*'\)/],
  ['suffix-glob namespace *-prod', (s) => addRole(s, { namespaces: ['*-prod'] }), /'namespaces' binds .* matching the glob '\*-prod'.*\(got '\*-prod'\)/],
  ['prefix-glob ServiceAccount pay*', (s) => addRole(s, { serviceAccountNames: ['pay*'] }), /'serviceAccountNames' binds .* matching the glob 'pay\*'.*\(got 'pay\*'\)/],
  ['substring-glob namespace *system*', (s) => addRole(s, { namespaces: ['*system*'] }), /'namespaces' binds .* matching the glob '\*system\*'.*\(got '\*system\*'\)/],
  ['glob of no label even with the opt-in', (s) => addRole(s, { namespaces: ['Kube_*'], allowWildcardBindings: true }), /'namespaces' binds .* matching the glob 'Kube_\*'.*\(got 'Kube_\*'\)/],
  ['ServiceAccount with a mid-name *', (s) => addRole(s, { serviceAccountNames: ['a*b'] }), /'serviceAccountNames' must hold DNS-1123 labels.*\(got 'a\*b'\)/],
  // Class 6: networks.
  ['Key Vault open to 0.0.0.0/0', (s) => unseal(s, { allowedIpRanges: ['0.0.0.0/0'] }), /'allowedIpRanges' must not open the firewall to every address \(0.0.0.0\/0\) \(got '0.0.0.0\/0'\)/],
  ['Key Vault open to two /1s', (s) => unseal(s, { allowedIpRanges: ['0.0.0.0/1', '128.0.0.0/1'] }), /'allowedIpRanges' must hold public addresses, not 0.0.0.0\/8 \("this network"\) \(got '0.0.0.0\/1'\)\n.*'allowedIpRanges' must hold public addresses, not 169.254.0.0\/16 .*\(got '128.0.0.0\/1'\)/],
  ['Key Vault open to 8.0.0.0/6', (s) => unseal(s, { allowedIpRanges: ['8.0.0.0/6'] }), /'allowedIpRanges' must hold public addresses: Key Vault firewall rules refuse private ranges.*\(got '8.0.0.0\/6'\)/],
  ['loopback address', (s) => unseal(s, { allowedIpRanges: ['127.0.0.1'] }), /'allowedIpRanges' must hold public addresses, not 127.0.0.0\/8 \(loopback\) \(got '127.0.0.1'\)/],
  ['the cloud metadata endpoint', (s) => unseal(s, { allowedIpRanges: ['169.254.169.254'] }), /not 169.254.0.0\/16 \(link-local, home of the cloud metadata endpoint 169.254.169.254\) \(got '169.254.169.254'\)/],
  ['carrier-grade NAT space', (s) => unseal(s, { allowedIpRanges: ['100.64.0.0/10'] }), /not 100.64.0.0\/10 \(carrier-grade NAT.*\(got '100.64.0.0\/10'\)/],
  ['a multicast address', (s) => unseal(s, { allowedIpRanges: ['224.0.0.1'] }), /not 224.0.0.0\/4 \(multicast\) \(got '224.0.0.1'\)/],
  ['the broadcast address', (s) => unseal(s, { allowedIpRanges: ['255.255.255.255'] }), /not 240.0.0.0\/4 \(reserved, and the broadcast address\) \(got '255.255.255.255'\)/],
  ['benchmarking space', (s) => unseal(s, { allowedIpRanges: ['198.18.0.0/15'] }), /not 198.18.0.0\/15 \(benchmarking.*\(got '198.18.0.0\/15'\)/],
  ['"this network" 0.0.0.0', (s) => unseal(s, { allowedIpRanges: ['0.0.0.0'] }), /not 0.0.0.0\/8 \("this network"\) \(got '0.0.0.0'\)/],
  ['a public /8', (s) => unseal(s, { allowedIpRanges: ['52.0.0.0/8'] }), /'allowedIpRanges' must be a \/16 or narrower: a \/8 is 16777216 addresses.*\(got '52.0.0.0\/8'\)/],
  ['a public /15', (s) => unseal(s, { allowedIpRanges: ['20.0.0.0/15'] }), /must be a \/16 or narrower: a \/15 is 131072 addresses.*\(got '20.0.0.0\/15'\)/],
  ['five public /16s', (s) => unseal(s, { allowedIpRanges: ['20.1.0.0/16', '20.2.0.0/16', '20.3.0.0/16', '20.4.0.0/16', '20.5.0.0/16'] }), /'allowedIpRanges' must open at most 262144 addresses in all \(four \/16s\); these ranges open 327680/],
  ['an address with leading zeros', (s) => unseal(s, { allowedIpRanges: ['010.0.0.1'] }), /'allowedIpRanges' must hold IPv4 addresses or CIDR ranges.*\(got '010.0.0.1'\)/],
  // Class 7: URLs.
  ['kubernetesHost in capitals over HTTP', (s) => new VaultK8sAuth(s, 'Auth', { kubernetesHost: 'HTTP://api:6443' }), /'kubernetesHost' must be a URL starting with https:\/\/ \(got 'HTTP:\/\/api:6443'\)/],
  ['kubernetesHost with credentials', (s) => new VaultK8sAuth(s, 'Auth', { kubernetesHost: 'https://user:pw@api:6443' }), /'kubernetesHost' must not carry credentials \('user:password@'\).*\(got 'https:\/\/user:pw@api:6443'\)/],
  ['reviewer kubernetesHost with a user name', (s) => new VaultK8sAuth(s, 'Auth', { externalReviewer: { kubernetesHost: 'https://admin@api:6443' } }), /externalReviewer: 'kubernetesHost' must not carry credentials/],
  ['PKI urlBase with credentials', (s) => pki(s, { urlBase: 'https://user:pw@vault.example.com:8200' }), /PkiIssuer 'Test\/Pki': 'urlBase' must not carry credentials.*\(got 'https:\/\/user:pw@vault.example.com:8200'\)/],
  ['store address with credentials', (s) => store(s, { server: { address: 'https://u:p@vault:8200' } }), /VaultSecretStore 'Test\/Store': 'server.address' must not carry credentials/],
  ['VaultConnection address with credentials', (s) => connection(s, { server: { address: 'https://u:p@vault:8200' } }), /VaultConnection 'Test\/Connection': 'server.address' must not carry credentials/],
  ['OIDC issuer with credentials', (s) => unseal(s, { identity: { mode: 'workloadIdentity', oidcIssuerUrl: 'https://a:b@oidc.example.com' } }), /'identity.oidcIssuerUrl' must not carry credentials/],
  ['store over HTTP in capitals', (s) => store(s, { server: { address: 'HTTP://vault:8200' } }), /'server.address' must be an https:\/\/ URL.*\(got 'HTTP:\/\/vault:8200'\)/],
  // Class 8: paths.
  ['KV mount at sys', (s) => new KvV2Mount(s, 'Kv', { path: 'sys' }), /KvV2Mount 'Test\/Kv': 'path' must be a Vault mount path: not under Vault's own sys, auth, token, identity or cubbyhole.*\(got 'sys'\)/],
  ['KV mount under auth/', (s) => new KvV2Mount(s, 'Kv', { path: 'auth/kv' }), /'path' must be a Vault mount path: not under Vault's own.*\(got 'auth\/kv'\)/],
  ['KV mount at identity', (s) => new KvV2Mount(s, 'Kv', { path: 'identity' }), /'path' must be a Vault mount path: not under.*\(got 'identity'\)/],
  ['KV mount at cubbyhole', (s) => new KvV2Mount(s, 'Kv', { path: 'cubbyhole' }), /'path' must be a Vault mount path: not under.*\(got 'cubbyhole'\)/],
  ['KV mount at token', (s) => new KvV2Mount(s, 'Kv', { path: 'token' }), /'path' must be a Vault mount path: not under.*\(got 'token'\)/],
  ['KV mount at SYS in capitals', (s) => new KvV2Mount(s, 'Kv', { path: 'SYS' }), /'path' must be a Vault mount path: not under.*\(got 'SYS'\)/],
  ['PKI mount at sys', (s) => pki(s, { path: 'sys' }), /PkiIssuer 'Test\/Pki': 'path' must be a Vault mount path: not under.*\(got 'sys'\)/],
  ['Azure engine under sys/', (s) => engine(s, { path: 'sys/azure' }), /AzureSecretsEngine 'Test\/Engine': 'path' must be a Vault mount path: not under.*\(got 'sys\/azure'\)/],
  ['Kubernetes auth at token', (s) => new VaultK8sAuth(s, 'Auth', { path: 'token' }), /VaultK8sAuth 'Test\/Auth': 'path' must be a Vault mount path: not under.*\(got 'token'\)/],
  ['grantRead climbing out of its mount', (s) => new KvV2Mount(s, 'Kv', { path: 'payments' }).grantRead(addRole(s, {}), '../../sys/*'), /grantRead to role 'app': 'pathGlob' must be a secret path inside the mount without a leading '\/', empty, '.' or '..' segments.*\(got '..\/..\/sys\/\*'\)/],
  ['grantRead with an empty segment', (s) => new KvV2Mount(s, 'Kv').grantRead(addRole(s, {}), 'a//b'), /'pathGlob' must be a secret path .*\(got 'a\/\/b'\)/],
  ['grantRead with a mid-path *', (s) => new KvV2Mount(s, 'Kv').grantRead(addRole(s, {}), 'team-*/config'), /'pathGlob' must be a secret path .*'\*' only at the end.*\(got 'team-\*\/config'\)/],
  ['ExternalSecret key climbing out of its mount', (s) => externalSecret(s, { data: [{ secretKey: 'k', key: '../../sys/raw' }] }), /data\[0\]: 'key' must not hold empty, '.' or '..' segments.*\(got '..\/..\/sys\/raw'\)/],
  ['VaultStaticSecret path climbing out of its mount', (s) => staticSecret(s, { path: '../other/config' }), /VaultStaticSecret 'Test\/Static': 'path' must not hold '.' or '..' segments.*\(got '..\/other\/config'\)/],
  ['grantRead with a . segment', (s) => new KvV2Mount(s, 'Kv').grantRead(addRole(s, {}), './x'), /'pathGlob' must be a secret path .*\(got '.\/x'\)/],
  // Class 10: dangerous grants.
  ['Azure role lease with Owner', (s) => engineRole(s, { application: undefined, azureRoles: [{ roleName: 'Owner', scope: `/subscriptions/${SUBSCRIPTION}` }] }),
    /azureRoles\[0\]: 'roleName' is Owner, which can assign any role in its scope.*allowPrivilegedAzureRoles: true \(got 'Owner'\)/],
  ['Azure role lease with user access administrator', (s) => engineRole(s, { application: undefined, azureRoles: [{ roleName: 'user access administrator', scope: `/subscriptions/${SUBSCRIPTION}` }] }),
    /'roleName' is User Access Administrator, which can assign any role.*\(got 'user access administrator'\)/],
  ['Azure role lease with RBAC Administrator', (s) => engineRole(s, { application: undefined, azureRoles: [{ roleName: 'Role Based Access Control Administrator', scope: `/subscriptions/${SUBSCRIPTION}` }] }),
    /'roleName' is Role Based Access Control Administrator/],
  ['PKI role for every .com name', (s) => pkiRole(s, { allowedDomains: ['com'] }), /PkiRole 'Test\/Pki\/Web': role 'web': 'allowedDomains' must hold domains you own, not a public suffix.*\(got 'com'\)/],
  ['PKI role for every .co.uk name', (s) => pkiRole(s, { allowedDomains: ['co.uk'] }), /'allowedDomains' must hold domains you own, not a public suffix.*\(got 'co.uk'\)/],
  ['PKI role for every github.io site', (s) => pkiRole(s, { allowedDomains: ['github.io'] }), /'allowedDomains' must hold domains you own, not a public suffix.*\(got 'github.io'\)/],
  ['token TTL of 1e21 seconds', (s) => addRole(s, { tokenTtl: 1e21 }), /'tokenTtl' must be at most 87600h \(ten years.*\(got 1e\+21\)/],
  ['max TTL of 1e21 seconds as digits', (s) => addRole(s, { tokenMaxTtl: '1000000000000000000000' }), /'tokenMaxTtl' must be at most 87600h.*\(got '1000000000000000000000'\)/],
  ['PKI mount max lease TTL of 100000h', (s) => pki(s, { maxLeaseTtl: '100000h' }), /PkiIssuer 'Test\/Pki': 'maxLeaseTtl' must be at most 87600h.*\(got '100000h'\)/],
  ['Azure role max TTL of 1e21 seconds', (s) => engineRole(s, { maxTtl: 1e21 }), /'maxTtl' must be at most 87600h.*\(got 1e\+21\)/],
  ['PKI role max TTL of 999999999h', (s) => pkiRole(s, { maxTtl: '999999999h' }), /'maxTtl' must be at most 87600h.*\(got '999999999h'\)/],
  // Class 2: a literal `${` that would swallow a reference.
  ['an unclosed ${ before a reference', (s) => { new WorkloadApplication(s, 'App', { displayName: `app \${${varOf(s, 'v').stringValue}` }); synth(s); }, /'Test\/App\/.*': a literal '\$\{' before a Terraform reference is never closed/],
];

type Finding = { id: string; level: 'error' | 'warning'; detail: RegExp };
type FindingRow = [what: string, build: (stack: TerraformStack) => unknown, expected: Finding];

function findingsOf(build: (stack: TerraformStack) => unknown) {
  return judged(build).findings;
}

const rawPolicy = (text: string) => (s: TerraformStack) => new Policy(s, 'P', { name: 'p', policy: text });
const rawRole = (c: Partial<KubernetesAuthBackendRoleConfig>) => (s: TerraformStack) => new KubernetesAuthBackendRole(s, 'R', {
  backend: 'kubernetes', roleName: 'r', boundServiceAccountNames: ['app'], boundServiceAccountNamespaces: ['apps'], audience: 'vault', ...c,
});
const KV_BASE: KeyVaultConfig = { name: 'kv', location: 'westeurope', resourceGroupName: 'rg', skuName: 'standard', tenantId: TENANT, purgeProtectionEnabled: true, lifecycle: { preventDestroy: true } };
const rawKeyVault = (c: Partial<KeyVaultConfig>) => (s: TerraformStack) => new KeyVault(s, 'Kv', { ...KV_BASE, ...c });
const denyWith = (ipRules: string[]) => rawKeyVault({ networkAcls: { defaultAction: 'Deny', bypass: 'None', ipRules } });
const vaultRelease = (c: Record<string, unknown>) => (s: TerraformStack) => new Release(s, 'R', { name: 'vault', chart: 'vault', values: [JSON.stringify({ global: { tlsDisable: false } })], ...c });
const err = (id: string, detail: RegExp): Finding => ({ id, level: 'error', detail });
const warn = (id: string, detail: RegExp): Finding => ({ id, level: 'warning', detail });

/** Issue 14: what the rule pack must report, on raw provider resources as on constructs. */
const FINDING_ROWS: FindingRow[] = [
  ['a JSON policy with sudo', rawPolicy('{"path": {"kv/data/x": {"capabilities": ["read", "sudo"]}}}'), err('VP-POL-1', /policy 'p' grants sudo on "kv\/data\/x"/)],
  ['a JSON policy on *', rawPolicy('{"path": {"*": {"capabilities": ["read"]}}}'), err('VP-POL-1', /policy 'p' has path "\*"/)],
  ['a JSON policy as a list of objects', rawPolicy('{"path": [{"*": {"capabilities": ["read"]}}]}'), err('VP-POL-1', /policy 'p' has path "\*"/)],
  ['a policy after a block comment', rawPolicy('/* reader */ path "*" { capabilities = ["read"] }'), err('VP-POL-1', /has path "\*"/)],
  ['a policy with a quoted key', rawPolicy('"path" "*" { capabilities = ["read"] }'), err('VP-POL-1', /has path "\*"/)],
  ['a policy with a capitalised key', rawPolicy('PATH "*" { capabilities = ["read"] }'), err('VP-POL-1', /has path "\*"/)],
  ['sudo after a nested block', rawPolicy('path "kv/data/x" {\n  allowed_parameters = { "a" = [] }\n  capabilities = ["read", "sudo"]\n}'), err('VP-POL-1', /grants sudo on "kv\/data\/x"/)],
  ['the old comment injection', rawPolicy('# note\n"path" "*" { capabilities = ["sudo"] }\npath "kv/data/x" { capabilities = ["read"] }'), err('VP-POL-1', /grants sudo on "\*"/)],
  ['update on sys/policies/acl/*', rawPolicy('path "sys/policies/acl/*" { capabilities = ["update"] }'), err('VP-POL-1', /grants update on "sys\/policies\/acl\/\*", which reaches sys\/policies\/acl\/\*.*root-equivalent/)],
  ['create on sys/auth', rawPolicy('path "sys/auth/x" { capabilities = ["create"] }'), err('VP-POL-1', /which reaches sys\/auth\/\*/)],
  ['update through sys/pol*', rawPolicy('path "sys/pol*" { capabilities = ["update"] }'), err('VP-POL-1', /grants update on "sys\/pol\*", which reaches sys\/policies\/acl\/\*/)],
  ['the old-style policy = "sudo"', rawPolicy('path "secret/*" { policy = "sudo" }'), err('VP-POL-1', /grants sudo on "secret\/\*"/)],
  ['a ** path', rawPolicy('path "**" { capabilities = ["read"] }'), err('VP-POL-1', /has path "\*\*"/)],
  ['a heredoc policy', (s) => new Policy(s, 'P', { name: 'p', policy: 'path "*" { capabilities = ["read"] }' }), err('VP-POL-1', /has path "\*"/)],
  ['a vault_policy_document rule on sys/policies/acl', (s) => new DataVaultPolicyDocument(s, 'D', { rule: [{ path: 'sys/policies/acl/*', capabilities: ['update'] }] }),
    err('VP-POL-1', /policy document rule grants update on "sys\/policies\/acl\/\*".*root-equivalent/)],
  ['a policy read from a file', rawPolicy('${file("admin.hcl")}'), warn('VP-POL-2', /policy 'p' is \(partly\) computed at apply time: \$\{file\("admin.hcl"\)\}/)],
  ['a policy that does not parse', rawPolicy('path "a" { capabilities = ["read"]'), warn('VP-POL-2', /policy 'p' does not parse as a Vault policy/)],
  ['a role bound to ** names', rawRole({ boundServiceAccountNames: ['**'] }), err('VP-AUTH-1', /role 'r' has bound_service_account_names = \["\*\*"\], which matches every name/)],
  ['a role bound to kube-* namespaces', rawRole({ boundServiceAccountNamespaces: ['kube-*'] }), err('VP-AUTH-1', /role 'r' has bound_service_account_namespaces glob "kube-\*"/)],
  ['a role bound to pay* names', rawRole({ boundServiceAccountNames: ['pay*'] }), err('VP-AUTH-1', /bound_service_account_names glob "pay\*"/)],
  ['a role bound to *-sa names', rawRole({ boundServiceAccountNames: ['*-sa'] }), err('VP-AUTH-1', /bound_service_account_names glob "\*-sa"/)],
  ['an empty namespace selector', rawRole({ boundServiceAccountNamespaces: [], boundServiceAccountNamespaceSelector: '{}' }), err('VP-AUTH-1', /bound_service_account_namespace_selector "\{\}", which selects every namespace/)],
  ['a selector with empty matchLabels', rawRole({ boundServiceAccountNamespaces: [], boundServiceAccountNamespaceSelector: '{"matchLabels": {}}' }), err('VP-AUTH-1', /which selects every namespace/)],
  ['a Key Vault allowing 0.0.0.0/0', denyWith(['0.0.0.0/0']), err('VP-KV-2', /ip_rules entry '0.0.0.0\/0', which must not open the firewall to every address/)],
  ['a Key Vault allowing two /1s', denyWith(['0.0.0.0/1', '128.0.0.0/1']), err('VP-KV-2', /ip_rules entry '128.0.0.0\/1', which must hold public addresses, not 169.254.0.0\/16/)],
  ['a Key Vault allowing 8.0.0.0/6', denyWith(['8.0.0.0/6']), err('VP-KV-2', /ip_rules entry '8.0.0.0\/6', which must hold public addresses/)],
  ['a Key Vault allowing loopback', denyWith(['127.0.0.1/32']), err('VP-KV-2', /'127.0.0.1\/32', which must hold public addresses, not 127.0.0.0\/8 \(loopback\)/)],
  ['a Key Vault allowing the metadata endpoint', denyWith(['169.254.169.254']), err('VP-KV-2', /'169.254.169.254', which must hold public addresses, not 169.254.0.0\/16/)],
  ['a Key Vault allowing CGNAT', denyWith(['100.64.0.0/10']), err('VP-KV-2', /'100.64.0.0\/10', which must hold public addresses, not 100.64.0.0\/10/)],
  ['a Key Vault allowing a /8', denyWith(['52.0.0.0/8']), err('VP-KV-2', /'52.0.0.0\/8', which must be a \/16 or narrower/)],
  ['a VaultConnection over HTTP in capitals', (s) => new Manifest(s, 'M', { manifest: { apiVersion: 'secrets.hashicorp.com/v1beta1', kind: 'VaultConnection', metadata: { name: 'v', namespace: 'x' }, spec: { address: 'HTTP://vault:8200' } } }),
    err('VP-TLS-2', /VaultConnection 'v' uses HTTP:\/\/vault:8200/)],
  ['a vault provider over http', (s) => new VaultProvider(s, 'vault', { address: 'http://vault:8200' }), err('VP-TLS-2', /vault provider uses http:\/\/vault:8200/)],
  ['a vault provider with credentials', (s) => new VaultProvider(s, 'vault', { address: 'https://user:pw@vault:8200' }), err('VP-TLS-2', /vault provider carries credentials in its address/)],
  ['a kubernetes provider with insecure = "true"', (s) => new KubernetesProvider(s, 'k8s', { insecure: 'true' as never }), err('VP-TLS-1', /kubernetes provider sets insecure = true/)],
  ['an inline application password without expiry', (s) => new Application(s, 'A', { displayName: 'app', password: { displayName: 'ci' } }), err('VP-ENTRA-1', /'application 'app' password' sets neither end_date nor end_date_relative/)],
  ['an application password ending "never"', (s) => new ApplicationPassword(s, 'P', { applicationId: '/applications/x', displayName: 'ci', endDate: 'never' }), err('VP-ENTRA-1', /'ci' has end_date 'never', which is not an RFC 3339 time/)],
  ['an inline password ending in 9999', (s) => new Application(s, 'A', { displayName: 'app', password: { displayName: 'ci', endDate: '9999-12-31T00:00:00Z' } }), err('VP-ENTRA-1', /expires on 9999-12-31T00:00:00Z/)],
  ['the vault chart by archive URL in dev mode', vaultRelease({ chart: 'https://helm.releases.hashicorp.com/vault-0.34.1.tgz', values: [JSON.stringify({ server: { dev: { enabled: true } } })] }), err('VP-HELM-1', /release 'vault' sets server.dev.enabled/)],
  ['the vault chart by OCI URL in dev mode', vaultRelease({ chart: 'oci://registry.example.com/hashicorp/vault', values: [JSON.stringify({ server: { dev: { enabled: true } } })] }), err('VP-HELM-1', /sets server.dev.enabled/)],
  ['the vault chart in dev mode through Fn.yamlencode', vaultRelease({ values: [Fn.yamlencode({ server: { dev: { enabled: true } } })] }), err('VP-HELM-1', /sets server.dev.enabled/)],
  ['vault chart values from a file', vaultRelease({ values: [Fn.file('values.yaml')] }), warn('VP-HELM-3', /release 'vault' takes values computed at apply time: \$\{file\("values.yaml"\)\}/)],
  ['an Azure role leasing Owner', (s) => new AzureSecretBackendRole(s, 'R', { backend: 'azure', role: 'r', azureRoles: [{ roleName: 'Owner', scope: `/subscriptions/${SUBSCRIPTION}` }] }), err('VP-AZURE-3', /role 'r' leases Owner on \/subscriptions\//)],
  ['a custom Azure role that can write anything under Microsoft.Authorization', (s) => new RoleDefinition(s, 'R', { name: 'deployer', scope: `/subscriptions/${SUBSCRIPTION}`, permissions: [{ actions: ['Microsoft.Authorization/*/write'] }] }), err('VP-AZURE-4', /role 'deployer' allows Microsoft.Authorization\/roleAssignments\/write over \/subscriptions\//)],
  ['a custom Azure role of every action, "*"', (s) => new RoleDefinition(s, 'R', { name: 'deployer', scope: `/subscriptions/${SUBSCRIPTION}`, permissions: [{ actions: ['*'] }] }), err('VP-AZURE-4', /role 'deployer' allows Microsoft.Authorization\/roleDefinitions\/write/)],
  ['a PKI role for every .com name', (s) => new PkiSecretBackendRole(s, 'R', { backend: 'pki', name: 'web', allowedDomains: ['com'], allowSubdomains: true }), err('VP-PKI-1', /role 'web' allows names under the public suffix 'com'/)],
  ['a PKI role with allow_any_name = "true"', (s) => new PkiSecretBackendRole(s, 'R', { backend: 'pki', name: 'web', allowAnyName: 'true' as never }), err('VP-PKI-1', /role 'web' sets allow_any_name/)],
];

type ValidRow = [what: string, build: (stack: TerraformStack) => unknown, check?: (stack: TerraformStack) => void];

/** Valid rows whose explicit opt-in the pack still reports, by rule id. */
const OPTED_IN: Record<string, string[]> = {
  'an admin policy with its opt-in': ['VP-POL-1', 'VP-CI-2'],
  'a prefix glob with allowWildcardBindings': ['VP-AUTH-1'],
  'an Azure Owner lease with its opt-in': ['VP-AZURE-3'],
};

/** Issue 14: valid input, including values known only at apply time, that must pass without an error finding. */
const VALID_ROWS: ValidRow[] = [
  ['a policy comment with a template and a forged rule', (s) => policy(s, [{ path: 'kv/data/x', capabilities: ['read'], comment: `${FILE}\n"path" "*" { capabilities = ["sudo"] }` }]), (s) => {
    const text = unescapeTemplate(onlyResource(s, 'vault_policy').policy);
    expect(text).toBeDefined();
    expect(parsePolicy(text!).rules).toEqual([{ path: 'kv/data/x', capabilities: ['read'] }]);
    // The pack reads the escaped text as text: nothing in it is computed at apply time.
    expect(warningsOf(s).filter((w) => w.startsWith('[VP-POL-2]'))).toEqual([]);
  }],
  ['renewing and revoking one\'s own leases', (s) => policy(s, [{ path: 'sys/leases/renew', capabilities: ['update'] }, { path: 'sys/leases/revoke/azure/creds/r/*', capabilities: ['update'] }])],
  ['capabilities from a list variable', (s) => policy(s, [{ path: 'kv/data/x', capabilities: varOf(s, 'caps', 'list(string)').listValue as never }]),
    (s) => expect(onlyResource(s, 'vault_policy').policy).toContain('capabilities = ${jsonencode(var.caps)}')],
  ['a path from a variable', (s) => policy(s, [{ path: varOf(s, 'path').stringValue, capabilities: ['read'] }]),
    (s) => expect(onlyResource(s, 'vault_policy').policy).toContain('path ${jsonencode(var.path)} {')],
  ['an admin policy with its opt-in', (s) => new VaultPolicy(s, 'Admin', { policyName: 'policy-admin', allowPrivilegedPaths: true, rules: rule('sys/policies/acl/*', ['create', 'update']) }),
    (s) => expect(warningsOf(s)).toContainEqual(expect.stringMatching(/allowPrivilegedPaths/))],
  ['a prefix glob with allowWildcardBindings', (s) => addRole(s, { namespaces: ['team-*'], allowWildcardBindings: true }),
    (s) => expect(warningsOf(s)).toContainEqual(expect.stringMatching(/matching 'team-\*'/))],
  ['documentation addresses', (s) => unseal(s, { allowedIpRanges: ['203.0.113.0/24', '198.51.100.7', '192.0.2.0/24'] })],
  ['a public /16', (s) => unseal(s, { allowedIpRanges: ['20.40.0.0/16'] })],
  ['exactly four public /16s', (s) => unseal(s, { allowedIpRanges: ['20.1.0.0/16', '20.2.0.0/16', '20.3.0.0/16', '20.4.0.0/16'] })],
  ['IP ranges from a list variable', (s) => unseal(s, { allowedIpRanges: varOf(s, 'ips', 'list(string)').listValue })],
  ['kubernetesHost with the scheme in capitals', (s) => new VaultK8sAuth(s, 'Auth', { kubernetesHost: 'HTTPS://api:6443' })],
  ['grantRead of a subtree', (s) => new KvV2Mount(s, 'Kv').grantRead(addRole(s, {}), 'team-a/*')],
  ['a mount whose name starts like sys', (s) => new KvV2Mount(s, 'Kv', { path: 'system-kv' })],
  ['an Azure role lease with Contributor', (s) => engineRole(s, { application: undefined, azureRoles: [{ roleName: 'Contributor', scope: `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg` }] })],
  ['an Azure Owner lease with its opt-in', (s) => engineRole(s, { application: undefined, allowPrivilegedAzureRoles: true, azureRoles: [{ roleName: 'Owner', scope: `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg` }] }),
    (s) => expect(warningsOf(s)).toContainEqual(expect.stringMatching(/allowPrivilegedAzureRoles/))],
  ['a PKI role under a registered domain of a public suffix', (s) => pkiRole(s, { allowedDomains: ['example.co.uk'] })],
  ['a ten-year root CA', (s) => pki(s, { maxLeaseTtl: '87600h', rootCa: { commonName: 'example.com', ttl: '87600h' } })],
  ['replicas from a variable', (s) => vaultChart(s, { highAvailability: true, replicas: varOf(s, 'replicas', 'number').numberValue }),
    (s) => expect(String(onlyResource(s, 'helm_release').values).match(/retry_join/g)).toHaveLength(7)],
  ['a display name holding a template', (s) => entraApp(s, { displayName: `cert-manager ${FILE} %{ if true }` }),
    (s) => expect(onlyResource(s, 'azuread_application').display_name).toBe('cert-manager $${file("/etc/hostname")} %%{ if true }')],
  ['a display name mixing a template and a reference', (s) => entraApp(s, { displayName: `${FILE} ${varOf(s, 'team').stringValue}` }),
    (s) => expect(onlyResource(s, 'azuread_application').display_name).toBe('$${file("/etc/hostname")} ${var.team}')],
  ['a Key Vault location holding a template', (s) => unseal(s, { location: FILE }),
    (s) => expect(onlyResource(s, 'azurerm_key_vault').location).toBe('$${file("/etc/hostname")}')],
  ['purge_protection_enabled = "true" on a raw Key Vault', rawKeyVault({ purgeProtectionEnabled: 'true' as never, publicNetworkAccessEnabled: false })],
  ['public_network_access_enabled = "false" on a raw Key Vault', rawKeyVault({ publicNetworkAccessEnabled: 'false' as never })],
  ['vault chart values from a literal Fn.yamlencode with TLS on', vaultRelease({ values: [Fn.yamlencode({ global: { tlsDisable: false } })] })],
  ['a custom Azure role that reads role assignments and writes DNS', (s) => new RoleDefinition(s, 'R', { name: 'dns', scope: `/subscriptions/${SUBSCRIPTION}`, permissions: [{ actions: ['Microsoft.Authorization/*/read', 'Microsoft.Network/dnsZones/*'] }] })],
  ['a custom Azure role of "*" with Microsoft.Authorization writes taken out', (s) => new RoleDefinition(s, 'R', { name: 'contributor-like', scope: `/subscriptions/${SUBSCRIPTION}`, permissions: [{ actions: ['*'], notActions: ['Microsoft.Authorization/*/write'] }] })],
  ['a role bound by a namespace selector with labels', rawRole({ boundServiceAccountNamespaces: [], boundServiceAccountNamespaceSelector: '{"matchLabels": {"team": "a"}}' })],
];

/** Every row of the matrix, across all constructs. */
export const ROWS: Row[] = [...FOUNDATION_ROWS, ...AUTO_UNSEAL_ROWS, ...S1_AZURE_ROWS, ...VSO_ROWS, ...CERT_MANAGER_ROWS, ...PKI_ROWS, ...VAULT_ISSUER_ROWS, ...SEAL_ROWS, ...HOSTILE_ROWS];

describe('bad-input matrix', () => {
  it('has at least 250 rows: refusals, findings and valid input', () => {
    expect(ROWS.length + FINDING_ROWS.length + VALID_ROWS.length).toBeGreaterThanOrEqual(250);
  });

  it.each(ROWS)('rejects %s', (_what, build, message) => {
    expect(() => build(testStack())).toThrow(message);
  });

  it.each(FINDING_ROWS)('reports %s', (_what, build, expected) => {
    const found = findingsOf(build).filter((f) => f.ruleId === expected.id);
    expect(found).toContainEqual(expect.objectContaining({ level: expected.level, message: expect.stringMatching(expected.detail) }));
  });

  // Three entries per row, always: jest reads a test function with more parameters than the row as one taking `done`.
  it.each(VALID_ROWS.map(([what, build, check]) => [what, build, check ?? null] as const))('accepts %s', (what, build, check) => {
    const stack = testStack();
    build(stack);
    const checks = new SecurityChecks();
    Aspects.of(stack).add(checks);
    expect(() => synth(stack)).not.toThrow();
    // An explicit opt-in is accepted by the construct, and the pack still reports it (suppress it with a reason).
    const expected = OPTED_IN[what] ?? [];
    expect(checks.findings.filter((f) => f.level === 'error').map((f) => f.ruleId)).toEqual(expected);
    check?.(stack);
  });

  it('lists every problem of one construct in one error', () => {
    expect(() => addRole(testStack(), { roleName: 'my role', namespaces: [], tokenTtl: '1 hour', audience: '' }))
      .toThrow(/^(VaultK8sAuthRole 'Test\/Auth\/Role': role 'my role': .*\n){3}VaultK8sAuthRole 'Test\/Auth\/Role': role 'my role': .*$/);
  });

  it('lists an issuer\'s name problem and its own problems in one error', () => {
    expect(() => acme(testStack(), { name: 'LetsEncrypt', email: 'ops' }, { tenantId: 'contoso' }))
      .toThrow(/^AcmeIssuer 'Test\/Acme': 'name' must be .*\(got 'LetsEncrypt'\)\nAcmeIssuer 'Test\/Acme': 'email' must be .*\(got 'ops'\)\nAcmeIssuer 'Test\/Acme': 'azureDns.tenantId' must be a UUID.*\(got 'contoso'\)$/);
  });

  it('never rejects values known only at apply time', () => {
    const s = testStack();
    const v = (name: string) => new TerraformVariable(s, name, { type: 'string' }).stringValue;
    const auth = new VaultK8sAuth(s, 'Auth', { path: v('path'), externalReviewer: { kubernetesHost: v('host'), namespace: v('ns') } });
    const role = auth.addRole('Role', { roleName: v('role'), serviceAccountNames: [v('sa')], namespaces: [v('ns2')], tokenTtl: v('ttl'), audience: v('aud') });
    const kv = new KvV2Mount(s, 'Kv', { path: v('kv') });
    kv.grantRead(role, v('glob'));
    new VaultPolicy(s, 'Policy', { policyName: v('policy'), rules: [{ path: v('rule'), capabilities: ['read'] }] });
    const st = new VaultSecretStore(s, 'Store', { name: v('store'), server: { address: v('addr') }, kv, role });
    expect(() => new ExternalSecret(s, 'Es', { name: v('es'), namespace: v('esns'), store: st, targetSecretName: v('t'), refreshInterval: v('ri'), data: [{ secretKey: v('sk'), key: v('k') }] })).not.toThrow();

    const n = (name: string) => new TerraformVariable(s, name, { type: 'number' }).numberValue;
    const l = (name: string) => new TerraformVariable(s, name, { type: 'list(string)' }).listValue;
    // S1: Azure secrets engine, Entra application, DNS zone.
    const azure = new AzureSecretsEngine(s, 'Engine', {
      tenantId: v('tenant'), subscriptionId: v('sub'), path: v('azpath'), bootstrapSecretExpiry: v('boot'), rootPasswordTtl: n('rootttl'), environment: v('env') as never,
    });
    const credentials = azure.addRole('Credentials', { roleName: v('azrole'), application: { clientId: v('cid'), applicationObjectId: v('oid') }, ttl: n('azttl'), maxTtl: v('azmax') });
    azure.addRole('PerLease', { roleName: 'per-lease', azureRoles: [{ roleName: v('azr'), scope: v('scope') }], ttl: v('leasettl'), maxTtl: n('leasemax') });
    azure.grantCredentials(credentials, role);
    const dnsZone = AzureDnsZone.fromIds(s, 'Zone', { subscriptionId: v('zsub'), resourceGroupName: v('zrg'), zoneName: v('zname') });
    const app = new WorkloadApplication(s, 'App', { displayName: v('display'), owners: l('owners'), dnsZones: [dnsZone] });
    WorkloadApplication.fromIds(s, 'Imported', { clientId: v('icid'), applicationObjectId: v('ioid'), servicePrincipalObjectId: v('isp') }).grantDnsZoneContributor(dnsZone);
    // S1: VSO delivers the credentials, the ACME issuer uses them.
    new VaultSecretsOperator(s, 'Vso', { namespace: v('vsons'), chartVersion: v('vsover') });
    const vsoNs = v('vsons2');
    const connection = new VaultConnection(s, 'Connection', {
      name: v('cname'), namespace: vsoNs, server: { address: v('caddr'), caCert: { name: v('caname'), key: v('cakey'), namespace: v('cans') } }, tlsServerName: v('sni'),
    });
    const vsoAuth = new VaultAuth(s, 'VaultAuth', { name: v('vaname'), namespace: vsoNs, connection, role, tokenExpirationSeconds: n('tes') });
    new VaultAuth(s, 'VaultAuthAsNumber', { name: 'x', namespace: v('vans2'), connection, role, tokenExpirationSeconds: Token.asNumber(v('tesraw')) });
    const dynamic = new VaultDynamicSecret(s, 'Dynamic', {
      name: v('dname'), namespace: v('dns'), auth: vsoAuth, source: credentials, secretName: v('dsecret'), renewalPercent: n('pct'), rolloutRestartTargets: [{ kind: 'Deployment', name: v('target') }],
    });
    new VaultStaticSecret(s, 'Static', { name: v('sname'), namespace: vsoNs, auth: vsoAuth, kv, path: v('spath'), secretName: v('ssecret'), refreshAfter: v('sref') });
    const certManager = new CertManager(s, 'CertManager', { namespace: v('cmns'), chartVersion: v('cmver'), clusterResourceNamespace: v('crn') });
    new AcmeIssuer(s, 'Acme', {
      name: v('aname'), email: v('email'), accountKeySecretName: v('acct'), certManager, clusterResourceNamespace: v('acrn'),
      azureDns: { application: app, clientSecret: dynamic, tenantId: v('atenant'), subscriptionId: v('asub'), dnsZone, environment: v('aenv') as never },
    });
    new AcmeIssuer(s, 'AcmePlainRef', {
      name: 'letsencrypt', email: 'ops@example.com', clusterResourceNamespace: 'cert-manager',
      azureDns: { application: APP, clientSecret: { name: v('rn'), key: v('rk'), namespace: v('rns') }, tenantId: TENANT, subscriptionId: SUBSCRIPTION, dnsZone },
    });
    // S4: PKI, roles, grants, the Vault issuer and a Certificate.
    const pkiIssuer = new PkiIssuer(s, 'Pki', {
      path: v('pkipath'), maxLeaseTtl: v('pkimax'), urlBase: v('urlbase'),
      rootCa: { commonName: v('rootcn'), ttl: v('rootttl2'), keyBits: n('rootbits') },
      intermediate: { commonName: v('intcn'), path: v('intpath'), ttl: v('intttl'), maxLeaseTtl: v('intmax'), keyBits: n('intbits') },
    });
    const web = pkiIssuer.addRole('Web', { roleName: v('pkirole'), allowedDomains: l('domains'), maxTtl: v('pkimaxttl'), ttl: v('pkittl'), keyBits: n('rolebits') });
    pkiIssuer.addRole('Api', { roleName: 'api', allowedDomains: [v('domain')], keyUsage: [v('usage') as never] });
    pkiIssuer.grantSign(web, role);
    pkiIssuer.grantIssue(web, role);
    const issuerNs = v('ins');
    const issuer = new VaultIssuer(s, 'VaultIssuer', {
      name: v('iname'), namespace: issuerNs, server: { address: v('iaddr'), caCert: { name: v('icaname'), key: v('icakey'), namespace: v('icans') } }, pkiRole: web, authRole: role,
      certManagerServiceAccount: { name: v('cmsa'), namespace: v('cmsans') }, clusterResourceNamespace: v('icrn'),
    });
    new Certificate(s, 'Cert', { name: v('certname'), namespace: issuerNs, issuer, dnsNames: l('dnsnames'), commonName: v('cn'), secretName: v('certsecret'), duration: v('dur'), renewBefore: v('renew') });
    new Certificate(s, 'CertElements', { name: 'www', namespace: issuerNs, issuer, dnsNames: [v('dns1')], commonName: v('cn2') });
    // S3: the seal stanza.
    new VaultSealConfig(s, 'Seal', {
      namespace: v('sealns'), secretName: v('sealname'),
      source: { tenantId: v('st'), keyVaultName: v('skv'), keyName: v('skey'), clientId: v('scid'), workloadIdentityServiceAccount: { name: v('swi'), namespace: v('swins') } },
    });
    expect(() => synth(s)).not.toThrow();
  });
});
