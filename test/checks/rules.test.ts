import { Application } from '@cdktf/provider-azuread/lib/application';
import { ApplicationPasswordA as ApplicationPassword } from '@cdktf/provider-azuread/lib/application-password';
import { DataAzurermKeyVaultSecret } from '@cdktf/provider-azurerm/lib/data-azurerm-key-vault-secret';
import { KeyVault, KeyVaultConfig } from '@cdktf/provider-azurerm/lib/key-vault';
import { KeyVaultKey, KeyVaultKeyConfig } from '@cdktf/provider-azurerm/lib/key-vault-key';
import { KeyVaultSecret } from '@cdktf/provider-azurerm/lib/key-vault-secret';
import { RoleDefinition } from '@cdktf/provider-azurerm/lib/role-definition';
import { HelmProvider } from '@cdktf/provider-helm/lib/provider';
import { Release, ReleaseConfig } from '@cdktf/provider-helm/lib/release';
import { ConfigMapV1 } from '@cdktf/provider-kubernetes/lib/config-map-v1';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { AzureSecretBackend, AzureSecretBackendConfig } from '@cdktf/provider-vault/lib/azure-secret-backend';
import { AzureSecretBackendRole, AzureSecretBackendRoleConfig } from '@cdktf/provider-vault/lib/azure-secret-backend-role';
import { DataVaultKvSecretV2 } from '@cdktf/provider-vault/lib/data-vault-kv-secret-v2';
import { KubernetesAuthBackendRole, KubernetesAuthBackendRoleConfig } from '@cdktf/provider-vault/lib/kubernetes-auth-backend-role';
import { KvSecretV2 } from '@cdktf/provider-vault/lib/kv-secret-v2';
import { PkiSecretBackendRole } from '@cdktf/provider-vault/lib/pki-secret-backend-role';
import { Policy } from '@cdktf/provider-vault/lib/policy';
import { VaultProvider } from '@cdktf/provider-vault/lib/provider';
import { Token as VaultToken } from '@cdktf/provider-vault/lib/token';
import { Fn, TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { ALL_RULES } from '../../lib/checks';
import { judged } from './judged';
import { CI_CASES } from './ci-rule-cases';

type Build = (stack: TerraformStack) => void;

function findings(build: Build) {
  return judged(build).findings;
}

const manifest = (m: Record<string, unknown>): Build => (s) => { new Manifest(s, 'M', { manifest: m }); };
const release = (c: Partial<ReleaseConfig>): Build => (s) => { new Release(s, 'R', { name: 'r', chart: 'vault', ...c }); };
const vaultChart = (values: unknown): Build => release({ name: 'vault', chart: 'vault', values: [JSON.stringify(values)] });
const vaultChartYaml = (yaml: string, c: Partial<ReleaseConfig> = {}): Build => release({ name: 'vault', chart: 'vault', values: [yaml], ...c });
const vso = (c: Partial<ReleaseConfig>): Build => release({ name: 'vault-secrets-operator', chart: 'vault-secrets-operator', repository: 'https://helm.releases.hashicorp.com', ...c });
const role = (c: Partial<KubernetesAuthBackendRoleConfig>): Build => (s) => {
  new KubernetesAuthBackendRole(s, 'Role', { roleName: 'app', boundServiceAccountNames: ['app'], boundServiceAccountNamespaces: ['apps'], audience: 'vault', tokenTtl: 3600, ...c });
};
const azureRole = (c: Partial<AzureSecretBackendRoleConfig>): Build => (s) => {
  new AzureSecretBackendRole(s, 'AzureRole', { backend: 'azure', role: 'certmanager', applicationObjectId: '00000000-0000-0000-0000-000000000001', ttl: '3600', maxTtl: '86400', ...c });
};
const azureBackend = (c: Partial<AzureSecretBackendConfig>): Build => (s) => {
  new AzureSecretBackend(s, 'Azure', { path: 'azure', subscriptionId: '00000000-0000-0000-0000-000000000002', tenantId: '00000000-0000-0000-0000-000000000003', ...c });
};
const entraSecret = (endDateRelative?: string): Build => (s) => {
  new ApplicationPassword(s, 'Pw', { applicationId: 'app', displayName: 'ci', endDateRelative });
};
const keyVault = (c: Partial<KeyVaultConfig>): Build => (s) => {
  new KeyVault(s, 'Kv', {
    name: 'kv-unseal', location: 'westeurope', resourceGroupName: 'rg', tenantId: '00000000-0000-0000-0000-000000000000', skuName: 'standard',
    purgeProtectionEnabled: true, publicNetworkAccessEnabled: false, lifecycle: { preventDestroy: true }, ...c,
  });
};
const key = (c: Partial<KeyVaultKeyConfig>): Build => (s) => {
  new KeyVaultKey(s, 'Key', { name: 'generated-key', keyVaultId: 'id', keyType: 'RSA', keySize: 2048, keyOpts: ['wrapKey', 'unwrapKey'], lifecycle: { preventDestroy: true }, ...c });
};
const issuer = (acme: Record<string, unknown>) => manifest({ apiVersion: 'cert-manager.io/v1', kind: 'ClusterIssuer', metadata: { name: 'le' }, spec: { acme } });
const acmeBase = { server: 'https://acme-v02.api.letsencrypt.org/directory', privateKeySecretRef: { name: 'le-account' }, solvers: [] };
/** An output of `value`, built from a secret-bearing element `source` makes. */
const output = (source: (s: TerraformStack) => unknown, sensitive?: boolean): Build => (s) => { new TerraformOutput(s, 'Out', { value: source(s), sensitive }); };

const VAULT_TLS_YAML = `# vault chart values
global:
  tlsDisable: false   # listener below serves TLS
server:
  dev:
    enabled: false
  standalone:
    enabled: true
    config: |
      listener "tcp" {
        tls_cert_file = "/vault/userconfig/vault-tls/tls.crt"
      }
`;

/** Per rule: stacks it must flag and stacks it must leave alone, named by what they hold. */
const CASES: Record<string, { bad: Record<string, Build>; good: Record<string, Build> }> = {
  'VP-TLS-1': {
    bad: {
      'a VaultConnection with skipTLSVerify': manifest({ kind: 'VaultConnection', metadata: { name: 'c' }, spec: { address: 'https://vault:8200', skipTLSVerify: true } }),
      'the VSO chart with defaultVaultConnection.skipTLSVerify in values': vso({ values: [JSON.stringify({ defaultVaultConnection: { enabled: true, address: 'https://vault:8200', skipTLSVerify: true } })] }),
      'the VSO chart with defaultVaultConnection.skipTLSVerify in YAML values': vso({ values: ['defaultVaultConnection:\n  enabled: true\n  skipTLSVerify: true\n'] }),
      'the VSO chart with defaultVaultConnection.skipTLSVerify=true through set': vso({ set: [{ name: 'defaultVaultConnection.skipTLSVerify', value: 'true' }] }),
      'a vault provider with skip_tls_verify': (s) => { new VaultProvider(s, 'vault', { skipTlsVerify: true }); },
      'a kubernetes provider with insecure': (s) => { new KubernetesProvider(s, 'k8s', { insecure: true }); },
      'a helm provider whose kubernetes connection is insecure': (s) => { new HelmProvider(s, 'helm', { kubernetes: { insecure: true } }); },
    },
    good: {
      'a VaultConnection that verifies': manifest({ kind: 'VaultConnection', metadata: { name: 'c' }, spec: { address: 'https://vault:8200', skipTLSVerify: false } }),
      'the VSO chart with a verifying default connection': vso({ values: [JSON.stringify({ defaultVaultConnection: { enabled: true, skipTLSVerify: false, caCertSecret: 'vault-ca' } })] }),
      'the VSO chart whose set turns skipTLSVerify back off': vso({ values: ['defaultVaultConnection:\n  skipTLSVerify: true\n'], set: [{ name: 'defaultVaultConnection.skipTLSVerify', value: 'false' }] }),
      'providers that verify': (s) => {
        new VaultProvider(s, 'vault', { address: 'https://vault:8200', skipTlsVerify: false });
        new KubernetesProvider(s, 'k8s', {});
        new HelmProvider(s, 'helm', { kubernetes: { configPath: '~/.kube/config' } });
      },
    },
  },
  'VP-TLS-2': {
    bad: { 'a ClusterSecretStore on http://': manifest({ kind: 'ClusterSecretStore', metadata: { name: 's' }, spec: { provider: { vault: { server: 'http://vault:8200' } } } }) },
    good: { 'a ClusterSecretStore on https://': manifest({ kind: 'ClusterSecretStore', metadata: { name: 's' }, spec: { provider: { vault: { server: 'https://vault:8200' } } } }) },
  },
  'VP-HELM-1': {
    bad: {
      'server.dev.enabled in JSON values': vaultChart({ server: { dev: { enabled: true } } }),
      'server.dev.enabled in JSON values that also hold a reference': (s) => {
        const id = new TerraformVariable(s, 'clientId', { type: 'string' }).stringValue;
        vaultChart({ server: { dev: { enabled: true }, extraEnvironmentVars: { AZURE_CLIENT_ID: id } } })(s);
      },
      'server.dev.enabled in YAML values': vaultChartYaml('server:\n  dev:\n    enabled: true\n    devRootToken: root\n'),
      'server.dev.enabled=true through set': vaultChartYaml(VAULT_TLS_YAML, { set: [{ name: 'server.dev.enabled', value: 'true' }] }),
      'server.dev.enabled set as the string "true"': release({ name: 'vault', chart: 'hashicorp/vault', set: [{ name: 'server.dev.enabled', value: 'true', type: 'string' }] }),
      'dev mode in YAML the pack cannot parse': vaultChartYaml('server: &srv\n  dev:\n    enabled: true\n'),
    },
    good: {
      'a production chart in JSON': vaultChart({ global: { tlsDisable: false } }),
      'a production chart in YAML': vaultChartYaml(VAULT_TLS_YAML),
      'dev mode turned off again by set': release({ name: 'vault', chart: 'vault', values: [JSON.stringify({ server: { dev: { enabled: true } } })], set: [{ name: 'server.dev.enabled', value: 'false' }] }),
      'another chart with dev.enabled': release({ name: 'app', chart: 'my-app', values: ['server:\n  dev:\n    enabled: true\n'] }),
    },
  },
  'VP-HELM-3': {
    bad: {
      'values read from a file': release({ values: [Fn.file('values.yaml')] }),
      'JSON values with a computed key': (s) => {
        const key = new TerraformVariable(s, 'key', { type: 'string' }).stringValue;
        vaultChart({ server: { [key]: { enabled: true } } })(s);
      },
      'a set entry with a computed name': (s) => { new Release(s, 'R', { name: 'r', chart: 'vault', set: [{ name: new TerraformVariable(s, 'k', { type: 'string' }).stringValue, value: 'true' }] }); },
    },
    good: {
      'values from a literal Fn.yamlencode': release({ values: [Fn.yamlencode({ global: { tlsDisable: false } })] }),
      'JSON values whose references sit in string leaves': (s) => {
        const id = new TerraformVariable(s, 'clientId', { type: 'string' }).stringValue;
        vaultChart({ global: { tlsDisable: false }, server: { extraEnvironmentVars: { AZURE_CLIENT_ID: id } } })(s);
      },
    },
  },
  'VP-HELM-2': {
    bad: {
      'the chart default': vaultChart({ server: {} }),
      'tlsDisable: true in YAML': vaultChartYaml('global:\n  tlsDisable: true\n'),
      'tlsDisable as the string "false", which the chart reads as true': vaultChartYaml('global:\n  tlsDisable: "false"\n'),
      'TLS turned off again by set': vaultChartYaml(VAULT_TLS_YAML, { set: [{ name: 'global.tlsDisable', value: 'true' }] }),
    },
    good: {
      'tlsDisable: false in JSON': vaultChart({ global: { tlsDisable: false } }),
      'tlsDisable: false in YAML': vaultChartYaml(VAULT_TLS_YAML),
      'tlsDisable=false through set': release({ name: 'vault', chart: 'vault', set: [{ name: 'global.tlsDisable', value: 'false' }] }),
      'tlsDisable: false in YAML the pack cannot parse': vaultChartYaml('global: &g\n  tlsDisable: false\n'),
      'tlsDisable known only at apply time': (s) => {
        const off = new TerraformVariable(s, 'tls_disable', { type: 'bool' });
        new Release(s, 'R', { name: 'vault', chart: 'vault', set: [{ name: 'global.tlsDisable', value: off.stringValue }] });
      },
    },
  },
  'VP-POL-1': {
    bad: { 'a policy on "*" with sudo': (s) => { new Policy(s, 'P', { name: 'admin', policy: 'path "*" {\n  capabilities = ["read", "sudo"]\n}\n' }); } },
    good: { 'a policy on one mount': (s) => { new Policy(s, 'P', { name: 'reader', policy: 'path "kv/data/*" {\n  capabilities = ["read"]\n}\n' }); } },
  },
  'VP-POL-2': {
    bad: { 'a policy read from a file': (s) => { new Policy(s, 'P', { name: 'from-file', policy: Fn.file('policy.hcl') }); } },
    good: { 'a literal policy': (s) => { new Policy(s, 'P', { name: 'reader', policy: 'path "kv/data/*" {\n  capabilities = ["read"]\n}\n' }); } },
  },
  'VP-AUTH-1': { bad: { 'a role bound to the * namespace': role({ boundServiceAccountNamespaces: ['*'] }) }, good: { 'a role bound to exact accounts': role({}) } },
  'VP-AUTH-2': { bad: { 'a role without audience': role({ audience: undefined }) }, good: { 'a role with an audience': role({}) } },
  'VP-AUTH-3': { bad: { 'a role with a 7-day token_ttl': role({ tokenTtl: 7 * 24 * 3600 }) }, good: { 'a role with a 30-minute period': role({ tokenPeriod: 1800 }) } },
  'VP-AZURE-1': {
    bad: {
      'a role whose ttl is 48h in seconds': azureRole({ ttl: '172800', maxTtl: '172800' }),
      'a role whose max_ttl is a 7-day duration': azureRole({ maxTtl: '168h' }),
      'a role whose max_ttl is 2d': azureRole({ maxTtl: '2d' }),
      'a role without max_ttl': azureRole({ maxTtl: undefined }),
      'a role whose ttl Vault cannot read': azureRole({ ttl: '1 hour' }),
    },
    good: {
      'a role with 1h leases capped at 24h': azureRole({}),
      'a role with duration strings': azureRole({ ttl: '15m', maxTtl: '24h' }),
      'a role whose TTLs are only known at apply time': (s) => {
        const ttl = new TerraformVariable(s, 'ttl', { type: 'string' });
        azureRole({ ttl: ttl.stringValue, maxTtl: ttl.stringValue })(s);
      },
    },
  },
  'VP-AZURE-3': {
    bad: {
      'a role leasing Owner': azureRole({ applicationObjectId: undefined, azureRoles: [{ roleName: 'Owner', scope: '/subscriptions/00000000-0000-0000-0000-000000000002' }] }),
      'a role leasing User Access Administrator by id': azureRole({ applicationObjectId: undefined, azureRoles: [{ roleId: '/providers/Microsoft.Authorization/roleDefinitions/18d7d88d-d35e-4fb5-a5c3-7773c20a72d9', scope: '/subscriptions/00000000-0000-0000-0000-000000000002' }] }),
    },
    good: { 'a role leasing DNS Zone Contributor': azureRole({ applicationObjectId: undefined, azureRoles: [{ roleName: 'DNS Zone Contributor', scope: '/subscriptions/00000000-0000-0000-0000-000000000002' }] }) },
  },
  'VP-AZURE-4': {
    bad: { 'a custom role with Microsoft.Authorization/*': (s) => new RoleDefinition(s, 'Role', { name: 'deployer', scope: '/subscriptions/00000000-0000-0000-0000-000000000002', permissions: [{ actions: ['Microsoft.Authorization/*'] }] }) },
    good: { 'a custom role reading resource groups': (s) => new RoleDefinition(s, 'Role', { name: 'reader', scope: '/subscriptions/00000000-0000-0000-0000-000000000002', permissions: [{ actions: ['Microsoft.Resources/subscriptions/resourceGroups/read'] }] }) },
  },
  'VP-AZURE-2': {
    bad: { 'a root_password_ttl of 3 years': azureBackend({ rootPasswordTtl: 3 * 365 * 24 * 3600 }) },
    good: {
      'a root_password_ttl of 6 months': azureBackend({ rootPasswordTtl: 15768000 }),
      'exactly two years': azureBackend({ rootPasswordTtl: 63072000 }),
      'no root_password_ttl (Vault uses 182 days)': azureBackend({}),
    },
  },
  'VP-KV-1': { bad: { 'a vault without purge protection': keyVault({ purgeProtectionEnabled: undefined }) }, good: { 'a protected vault': keyVault({}) } },
  'VP-KV-2': {
    bad: { 'a vault with public access and no ACL': keyVault({ publicNetworkAccessEnabled: undefined }) },
    good: { 'a vault that denies by default': keyVault({ publicNetworkAccessEnabled: true, networkAcls: { defaultAction: 'Deny', bypass: 'AzureServices', ipRules: ['203.0.113.0/24'] } }) },
  },
  'VP-KV-3': { bad: { 'a key without wrap ops': key({ keyOpts: ['encrypt', 'decrypt'] }) }, good: { 'a key that wraps and unwraps': key({}) } },
  'VP-KV-4': { bad: { 'a key without prevent_destroy': key({ lifecycle: undefined }) }, good: { 'a key with prevent_destroy': key({}) } },
  'VP-ENTRA-1': {
    bad: {
      'a secret without expiry': entraSecret(undefined),
      'a secret for 20000h0m': entraSecret('20000h0m'),
      'a secret for 17520h30m, half an hour over two years': entraSecret('17520h30m'),
      'a secret for 1051260m0s (17521h)': entraSecret('1051260m0s'),
      'a secret for 2.5 years as 21900h': entraSecret('21900h'),
      'a secret whose expiry is not a Go duration': entraSecret('2y'),
      'a secret ending timeadd(plantimestamp(), "26280h")': (st) => {
        new ApplicationPassword(st, 'Pw', { applicationId: 'app', displayName: 'ci', endDate: Fn.timeadd(Fn.plantimestamp(), '26280h') });
      },
      'an application password block ending timeadd(plantimestamp(), "20000h")': (st) => {
        new Application(st, 'App', { displayName: 'ci', password: { displayName: 'ci', endDate: Fn.timeadd(Fn.plantimestamp(), '20000h') } });
      },
    },
    good: {
      'a secret for 4380h': entraSecret('4380h'),
      'a secret for 8760h30m': entraSecret('8760h30m'),
      'a secret for exactly 17520h0m0s': entraSecret('17520h0m0s'),
      'a secret for 1.5h': entraSecret('1.5h'),
      'a secret ending timeadd(plantimestamp(), "4380h")': (st) => {
        new ApplicationPassword(st, 'Pw', { applicationId: 'app', displayName: 'ci', endDate: Fn.timeadd(Fn.plantimestamp(), '4380h') });
      },
      'an application password block ending timeadd(plantimestamp(), "1h")': (st) => {
        new Application(st, 'App', { displayName: 'ci', password: { displayName: 'ci', endDate: Fn.timeadd(Fn.plantimestamp(), '1h') } });
      },
      'an application without a password': (st) => { new Application(st, 'App', { displayName: 'ci' }); },
      'a secret whose expiry is only known at apply time': (s) => {
        const expiry = new TerraformVariable(s, 'expiry', { type: 'string' });
        entraSecret(expiry.stringValue)(s);
      },
    },
  },
  'VP-SEC-1': {
    bad: {
      'a ConfigMap with a client secret reference': (s) => {
        const pw = new ApplicationPassword(s, 'Pw', { applicationId: 'app', endDateRelative: '24h' });
        new ConfigMapV1(s, 'Cm', { metadata: { name: 'cfg' }, data: { 'config.hcl': `client_secret = "${pw.value}"` } });
      },
    },
    good: { 'a ConfigMap with plain settings': (s) => { new ConfigMapV1(s, 'Cm', { metadata: { name: 'cfg' }, data: { 'config.hcl': 'ui = true' } }); } },
  },
  'VP-SEC-2': {
    bad: {
      'a client secret in Helm values': (s) => {
        const pw = new ApplicationPassword(s, 'Pw', { applicationId: 'app', endDateRelative: '24h' });
        new Release(s, 'R', { name: 'x', chart: 'x', values: [JSON.stringify({ azure: { clientSecret: pw.value } })] });
      },
      'a token under a key ending in _FILE, not a path': (s) => {
        new Release(s, 'R', { name: 'x', chart: 'x', values: [JSON.stringify({ env: { AZURE_FEDERATED_TOKEN_FILE: 'eyJhbGciOiJSUzI1NiJ9' } })] });
      },
    },
    good: {
      'a reference to an existing Secret': (s) => { new Release(s, 'R', { name: 'x', chart: 'x', values: [JSON.stringify({ azure: { existingSecret: 'azure-creds' } })] }); },
      'the path of a projected token file': (s) => {
        new Release(s, 'R', { name: 'x', chart: 'x', values: [JSON.stringify({ env: { AZURE_FEDERATED_TOKEN_FILE: '/var/run/secrets/azure/tokens/azure-identity-token' } })] });
      },
    },
  },
  'VP-SEC-3': {
    bad: {
      'an Entra client secret': output((s) => new ApplicationPassword(s, 'Pw', { applicationId: 'app', endDateRelative: '24h' }).value),
      'a Key Vault secret written by Terraform': output((s) => new KeyVaultSecret(s, 'Kvs', { name: 'db', keyVaultId: 'id', value: 'x' }).value),
      'a Key Vault secret read by a data source': output((s) => new DataAzurermKeyVaultSecret(s, 'Kvs', { name: 'db', keyVaultId: 'id' }).value),
      'a Vault token': output((s) => new VaultToken(s, 'T', { policies: ['app'] }).clientToken),
      'a KV v2 secret\'s data': output((s) => new KvSecretV2(s, 'Kv', { mount: 'kv', name: 'app', dataJson: '{}' }).data),
      'a KV v2 secret\'s data_json': output((s) => new KvSecretV2(s, 'Kv', { mount: 'kv', name: 'app', dataJson: '{}' }).dataJson),
      'a KV v2 secret read by a data source': output((s) => new DataVaultKvSecretV2(s, 'Kv', { mount: 'kv', name: 'app' }).data.lookup('password')),
      'a Vault token inside nested braces': output((s) => Fn.jsonencode({ app: { token: new VaultToken(s, 'T', {}).clientToken } })),
    },
    good: {
      'sensitive outputs of secrets': (s) => {
        new TerraformOutput(s, 'OutPw', { value: new ApplicationPassword(s, 'Pw', { applicationId: 'app', endDateRelative: '24h' }).value, sensitive: true });
        new TerraformOutput(s, 'OutKvs', { value: new DataAzurermKeyVaultSecret(s, 'Kvs', { name: 'db', keyVaultId: 'id' }).value, sensitive: true });
        new TerraformOutput(s, 'OutToken', { value: new VaultToken(s, 'T', {}).clientToken, sensitive: true });
      },
      'outputs of non-secret attributes': (s) => {
        new TerraformOutput(s, 'OutKeyId', { value: new ApplicationPassword(s, 'Pw', { applicationId: 'app', endDateRelative: '24h' }).keyId });
        new TerraformOutput(s, 'OutKvsId', { value: new DataAzurermKeyVaultSecret(s, 'Kvs', { name: 'db', keyVaultId: 'id' }).versionlessId });
        new TerraformOutput(s, 'OutAccessor', { value: new VaultToken(s, 'T', {}).id });
        new TerraformOutput(s, 'OutKvPath', { value: new DataVaultKvSecretV2(s, 'Kv', { mount: 'kv', name: 'app' }).path });
      },
    },
  },
  'VP-PKI-1': {
    bad: { 'a role with allow_any_name': (s) => { new PkiSecretBackendRole(s, 'R', { backend: 'pki', name: 'any', allowAnyName: true }); } },
    good: { 'a role for one domain': (s) => { new PkiSecretBackendRole(s, 'R', { backend: 'pki', name: 'web', allowedDomains: ['example.com'], allowSubdomains: true }); } },
  },
  'VP-ACME-1': { bad: { 'an ACME issuer without email': issuer(acmeBase) }, good: { 'an ACME issuer with email': issuer({ ...acmeBase, email: 'ops@example.com' }) } },
  ...CI_CASES,
};

describe('SecurityChecks rules', () => {
  it('has a case for every rule, and every rule has an id, level, summary and why', () => {
    expect(Object.keys(CASES).sort()).toEqual(ALL_RULES.map((r) => r.id).sort());
    for (const r of ALL_RULES) {
      expect(r).toEqual(expect.objectContaining({ id: expect.stringMatching(/^VP-[A-Z]+-\d$/), level: expect.stringMatching(/^(error|warning)$/), summary: expect.stringMatching(/^[A-Z][^\n]{15,}[^.]$/), why: expect.stringMatching(/^[A-Z][^\n]{20,}\.$/) }));
    }
  });

  it('gives every rule its own id', () => {
    expect(new Set(ALL_RULES.map((r) => r.id)).size).toBe(ALL_RULES.length);
  });

  describe.each(Object.entries(CASES))('%s', (id, { bad, good }) => {
    it.each(Object.entries(bad))('fires on %s', (_name, build) => {
      expect(findings(build).map((f) => f.ruleId)).toContain(id);
    });
    it.each(Object.entries(good))('stays quiet on %s', (_name, build) => {
      expect(findings(build).map((f) => f.ruleId)).not.toContain(id);
    });
  });
});
