import { ApplicationPasswordA as ApplicationPassword } from '@cdktf/provider-azuread/lib/application-password';
import { KeyVault, KeyVaultConfig } from '@cdktf/provider-azurerm/lib/key-vault';
import { KeyVaultKey, KeyVaultKeyConfig } from '@cdktf/provider-azurerm/lib/key-vault-key';
import { Release } from '@cdktf/provider-helm/lib/release';
import { ConfigMapV1 } from '@cdktf/provider-kubernetes/lib/config-map-v1';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { KubernetesAuthBackendRole, KubernetesAuthBackendRoleConfig } from '@cdktf/provider-vault/lib/kubernetes-auth-backend-role';
import { PkiSecretBackendRole } from '@cdktf/provider-vault/lib/pki-secret-backend-role';
import { Policy } from '@cdktf/provider-vault/lib/policy';
import { Aspects, TerraformOutput, TerraformStack } from 'cdktf';
import { ALL_RULES, SecurityChecks } from '../../lib/checks';
import { synth, testStack } from '../helpers';

type Build = (stack: TerraformStack) => void;

function findings(build: Build) {
  const stack = testStack();
  build(stack);
  const checks = new SecurityChecks();
  Aspects.of(stack).add(checks);
  synth(stack);
  return checks.findings;
}

const manifest = (m: Record<string, unknown>): Build => (s) => { new Manifest(s, 'M', { manifest: m }); };
const vaultChart = (values: unknown): Build => (s) => { new Release(s, 'Vault', { name: 'vault', chart: 'vault', values: [JSON.stringify(values)] }); };
const role = (c: Partial<KubernetesAuthBackendRoleConfig>): Build => (s) => {
  new KubernetesAuthBackendRole(s, 'Role', { roleName: 'app', boundServiceAccountNames: ['app'], boundServiceAccountNamespaces: ['apps'], audience: 'vault', tokenTtl: 3600, ...c });
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

/** Per rule: a stack it must flag and a stack it must leave alone. */
const CASES: Record<string, { bad: Build; good: Build }> = {
  'VP-TLS-1': {
    bad: manifest({ kind: 'VaultConnection', metadata: { name: 'c' }, spec: { address: 'https://vault:8200', skipTLSVerify: true } }),
    good: manifest({ kind: 'VaultConnection', metadata: { name: 'c' }, spec: { address: 'https://vault:8200', skipTLSVerify: false } }),
  },
  'VP-TLS-2': {
    bad: manifest({ kind: 'ClusterSecretStore', metadata: { name: 's' }, spec: { provider: { vault: { server: 'http://vault:8200' } } } }),
    good: manifest({ kind: 'ClusterSecretStore', metadata: { name: 's' }, spec: { provider: { vault: { server: 'https://vault:8200' } } } }),
  },
  'VP-HELM-1': { bad: vaultChart({ server: { dev: { enabled: true } } }), good: vaultChart({ global: { tlsDisable: false } }) },
  'VP-HELM-2': { bad: vaultChart({ server: {} }), good: vaultChart({ global: { tlsDisable: false } }) },
  'VP-POL-1': {
    bad: (s) => { new Policy(s, 'P', { name: 'admin', policy: 'path "*" {\n  capabilities = ["read", "sudo"]\n}\n' }); },
    good: (s) => { new Policy(s, 'P', { name: 'reader', policy: 'path "kv/data/*" {\n  capabilities = ["read"]\n}\n' }); },
  },
  'VP-AUTH-1': { bad: role({ boundServiceAccountNamespaces: ['*'] }), good: role({}) },
  'VP-AUTH-2': { bad: role({ audience: undefined }), good: role({}) },
  'VP-AUTH-3': { bad: role({ tokenTtl: 7 * 24 * 3600 }), good: role({ tokenPeriod: 1800 }) },
  'VP-KV-1': { bad: keyVault({ purgeProtectionEnabled: undefined }), good: keyVault({}) },
  'VP-KV-2': {
    bad: keyVault({ publicNetworkAccessEnabled: undefined }),
    good: keyVault({ publicNetworkAccessEnabled: true, networkAcls: { defaultAction: 'Deny', bypass: 'AzureServices', ipRules: ['203.0.113.0/24'] } }),
  },
  'VP-KV-3': { bad: key({ keyOpts: ['encrypt', 'decrypt'] }), good: key({}) },
  'VP-KV-4': { bad: key({ lifecycle: undefined }), good: key({}) },
  'VP-ENTRA-1': {
    bad: (s) => { new ApplicationPassword(s, 'Pw', { applicationId: 'app', displayName: 'forever' }); },
    good: (s) => { new ApplicationPassword(s, 'Pw', { applicationId: 'app', displayName: 'half-year', endDateRelative: '4380h' }); },
  },
  'VP-SEC-1': {
    bad: (s) => {
      const pw = new ApplicationPassword(s, 'Pw', { applicationId: 'app', endDateRelative: '24h' });
      new ConfigMapV1(s, 'Cm', { metadata: { name: 'cfg' }, data: { 'config.hcl': `client_secret = "${pw.value}"` } });
    },
    good: (s) => { new ConfigMapV1(s, 'Cm', { metadata: { name: 'cfg' }, data: { 'config.hcl': 'ui = true' } }); },
  },
  'VP-SEC-2': {
    bad: (s) => {
      const pw = new ApplicationPassword(s, 'Pw', { applicationId: 'app', endDateRelative: '24h' });
      new Release(s, 'R', { name: 'x', chart: 'x', values: [JSON.stringify({ azure: { clientSecret: pw.value } })] });
    },
    good: (s) => { new Release(s, 'R', { name: 'x', chart: 'x', values: [JSON.stringify({ azure: { existingSecret: 'azure-creds' } })] }); },
  },
  'VP-SEC-3': {
    bad: (s) => {
      const pw = new ApplicationPassword(s, 'Pw', { applicationId: 'app', endDateRelative: '24h' });
      new TerraformOutput(s, 'Secret', { value: pw.value });
    },
    good: (s) => {
      const pw = new ApplicationPassword(s, 'Pw', { applicationId: 'app', endDateRelative: '24h' });
      new TerraformOutput(s, 'Secret', { value: pw.value, sensitive: true });
      new TerraformOutput(s, 'KeyId', { value: pw.keyId });
    },
  },
  'VP-PKI-1': {
    bad: (s) => { new PkiSecretBackendRole(s, 'R', { backend: 'pki', name: 'any', allowAnyName: true }); },
    good: (s) => { new PkiSecretBackendRole(s, 'R', { backend: 'pki', name: 'web', allowedDomains: ['example.com'], allowSubdomains: true }); },
  },
  'VP-ACME-1': { bad: issuer(acmeBase), good: issuer({ ...acmeBase, email: 'ops@example.com' }) },
};

describe('SecurityChecks rules', () => {
  it('has a case for every rule, and every rule has an id, level, summary and why', () => {
    expect(Object.keys(CASES).sort()).toEqual(ALL_RULES.map((r) => r.id).sort());
    for (const r of ALL_RULES) {
      expect(r).toEqual(expect.objectContaining({ id: expect.stringMatching(/^VP-[A-Z]+-\d$/), level: expect.stringMatching(/^(error|warning)$/), summary: expect.any(String), why: expect.any(String) }));
    }
  });

  describe.each(Object.entries(CASES))('%s', (id, { bad, good }) => {
    it('fires on a bad stack', () => {
      expect(findings(bad).map((f) => f.ruleId)).toContain(id);
    });
    it('stays quiet on a good stack', () => {
      expect(findings(good).map((f) => f.ruleId)).not.toContain(id);
    });
  });
});
