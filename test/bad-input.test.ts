/**
 * The bad-input matrix: every row is a prop value that must be rejected at
 * synth, with a message naming the construct path, the prop, the value
 * received and what is allowed.
 */
import { TerraformStack, TerraformVariable } from 'cdktf';
import { ExternalSecret } from '../lib/secrets-sync/external-secret';
import { ExternalSecretsOperator } from '../lib/secrets-sync/external-secrets-operator';
import { VaultSecretStore } from '../lib/secrets-sync/vault-secret-store';
import { VaultK8sAuth } from '../lib/vault/k8s-auth';
import { VaultK8sAuthRoleOptions } from '../lib/vault/k8s-auth-role';
import { KvV2Mount } from '../lib/vault/kv-v2';
import { VaultPolicy } from '../lib/vault/policy';
import { AutoUnsealKeyVault, AutoUnsealKeyVaultProps } from '../lib/keyvault/auto-unseal-key-vault';
import { VaultHelmRelease, VaultHelmReleaseProps } from '../lib/vault/vault-helm-release';
import { testStack } from './helpers';

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
  keyVaultName: 'kv-unseal', resourceGroupName: 'rg', location: 'westeurope',
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

/** Every row of the matrix, across all constructs. */
export const ROWS: Row[] = [...FOUNDATION_ROWS, ...AUTO_UNSEAL_ROWS];

describe('bad-input matrix', () => {
  it('has at least 40 rows', () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(40);
  });

  it.each(ROWS)('rejects %s', (_what, build, message) => {
    expect(() => build(testStack())).toThrow(message);
  });

  it('lists every problem of one construct in one error', () => {
    expect(() => addRole(testStack(), { roleName: 'my role', namespaces: [], tokenTtl: '1 hour', audience: '' }))
      .toThrow(/^(VaultK8sAuthRole 'Test\/Auth\/Role': role 'my role': .*\n){3}VaultK8sAuthRole 'Test\/Auth\/Role': role 'my role': .*$/);
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
  });
});
