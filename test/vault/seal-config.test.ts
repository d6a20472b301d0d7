import { TerraformStack, TerraformVariable } from 'cdktf';
import { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import { AutoUnsealKeyVault, AutoUnsealKeyVaultProps } from '../../lib/keyvault/auto-unseal-key-vault';
import { AzureKeyVaultSealSource, renderAzureKeyVaultSealHcl, VaultSealConfig } from '../../lib/vault/seal-config';
import { resourcesOf, synth, testStack, warningsOf } from '../helpers';

const BASE: Omit<AutoUnsealKeyVaultProps, 'identity'> = { keyVaultName: 'kv-vault-unseal', resourceGroupName: 'rg', location: 'westeurope', allowedIpRanges: ['203.0.113.10'] };

function unseal(stack: TerraformStack, mode: 'workloadIdentity' | 'clientSecret'): AutoUnsealKeyVault {
  return new AutoUnsealKeyVault(stack, 'Unseal', {
    ...BASE,
    identity: mode === 'workloadIdentity'
      ? { mode, oidcIssuerUrl: 'https://oidc.example.invalid/' }
      : { mode, clientSecretExpiry: '4380h' },
  });
}

/** A source made of variables, as a caller with an existing Key Vault would pass. */
function variableSource(stack: TerraformStack, withSecret: boolean): AzureKeyVaultSealSource {
  const v = (name: string) => new TerraformVariable(stack, name, { type: 'string' }).stringValue;
  return {
    tenantId: v('tenant_id'),
    keyVaultName: v('key_vault_name'),
    keyName: v('key_name'),
    clientId: v('client_id'),
    clientSecret: withSecret ? new TerraformVariable(stack, 'client_secret', { type: 'string', sensitive: true }).stringValue : undefined,
  };
}

describe('VaultSealConfig', () => {
  it('renders the seal stanza from references into Secret vault-storage-config, file config.hcl', () => {
    const stack = testStack();
    new VaultSealConfig(stack, 'Seal', { source: variableSource(stack, true) });
    expect(synth(stack)).toHaveResourceWithProperties(SecretV1, {
      metadata: { name: 'vault-storage-config', namespace: 'vault', labels: { 'app.kubernetes.io/name': 'vault', 'app.kubernetes.io/component': 'seal-config' } },
      type: 'Opaque',
    });
    expect(resourcesOf(stack, 'kubernetes_secret_v1')[0].data).toEqual({
        'config.hcl': [
          'seal "azurekeyvault" {',
          '  tenant_id     = ${jsonencode(var.tenant_id)}',
          '  client_id     = ${jsonencode(var.client_id)}',
          '  client_secret = ${jsonencode(var.client_secret)}',
          '  vault_name    = ${jsonencode(var.key_vault_name)}',
          '  key_name      = ${jsonencode(var.key_name)}',
          '}',
          '',
        ].join('\n'),
    });
  });

  it('in workload identity mode renders no client_secret and lives in the federated namespace', () => {
    const stack = testStack();
    const source = unseal(stack, 'workloadIdentity');
    const seal = new VaultSealConfig(stack, 'Seal', { source });
    const [secret] = resourcesOf(stack, 'kubernetes_secret_v1');
    expect(secret.data['config.hcl']).not.toMatch(/client_secret/);
    expect(secret.data['config.hcl']).toMatch(/client_id += \$\{jsonencode\(azurerm_user_assigned_identity\.Unseal_Identity_\w+\.client_id\)\}/);
    expect(seal.namespace).toBe('vault');
  });

  it('in client-secret mode writes the secret by Terraform reference, never as a literal', () => {
    const stack = testStack();
    new VaultSealConfig(stack, 'Seal', { source: unseal(stack, 'clientSecret') });
    const [secret] = resourcesOf(stack, 'kubernetes_secret_v1');
    expect(secret.data['config.hcl']).toMatch(/client_secret = \$\{jsonencode\(azuread_application_password\.Unseal_ClientSecret_\w+\.value\)\}/);
  });

  it('waits for the role assignment and the key before the Secret exists', () => {
    const stack = testStack();
    new VaultSealConfig(stack, 'Seal', { source: unseal(stack, 'workloadIdentity') });
    expect(resourcesOf(stack, 'kubernetes_secret_v1')[0].depends_on).toEqual([
      expect.stringMatching(/^azurerm_role_assignment\.Unseal_SealAccess_/),
      expect.stringMatching(/^azurerm_key_vault_key\.Unseal_Key_/),
    ]);
  });

  it('renders disabled = "true" for the migration back to Shamir', () => {
    const stack = testStack();
    new VaultSealConfig(stack, 'Seal', { source: variableSource(stack, false), disabled: true });
    expect(resourcesOf(stack, 'kubernetes_secret_v1')[0].data['config.hcl']).toMatch(/\n {2}disabled {3}= "true"\n\}\n$/);
  });

  it('names a sovereign cloud and its Key Vault DNS suffix, and nothing for the public cloud', () => {
    const stack = testStack();
    const china = new VaultSealConfig(stack, 'China', { source: variableSource(stack, false), environment: 'AzureChinaCloud', secretName: 'china' });
    const [secret] = resourcesOf(stack, 'kubernetes_secret_v1');
    expect(china.environment).toBe('AzureChinaCloud');
    expect(secret.data['config.hcl']).toMatch(/\n {2}environment = "AZURECHINACLOUD"\n/);
    expect(secret.data['config.hcl']).toMatch(/\n {2}resource {4}= "vault\.azure\.cn"\n\}\n$/);
    expect(renderAzureKeyVaultSealHcl({ tenantId: 't', clientId: 'c', keyVaultName: 'kv', keyName: 'k' }, false, 'AzureUSGovernmentCloud'))
      .toContain('resource    = "vault.usgovcloudapi.net"');
    expect(renderAzureKeyVaultSealHcl({ tenantId: 't', clientId: 'c', keyVaultName: 'kv', keyName: 'k' })).not.toMatch(/environment|resource/);
  });

  it('exposes where Vault finds the file', () => {
    const stack = testStack();
    const seal = new VaultSealConfig(stack, 'Seal', { source: variableSource(stack, false), secretName: 'seal', namespace: 'secrets' });
    expect([seal.mountPath, seal.configPath, seal.namespace]).toEqual(['/vault/userconfig/seal', '/vault/userconfig/seal/config.hcl', 'secrets']);
  });

  it('escapes literal values', () => {
    expect(renderAzureKeyVaultSealHcl({ tenantId: 't', clientId: 'c', keyVaultName: 'kv"x', keyName: 'k' }))
      .toContain('vault_name = "kv\\"x"');
  });

  it('never creates a ConfigMap', () => {
    const stack = testStack();
    new VaultSealConfig(stack, 'Seal', { source: unseal(stack, 'clientSecret') });
    expect(synth(stack)).not.toMatch(/config_map/);
    expect(warningsOf(stack)).toEqual([]);
  });

  describe('validation', () => {
    it('fails on a secret name that is not a DNS label', () => {
      const stack = testStack();
      expect(() => new VaultSealConfig(stack, 'Seal', { source: variableSource(stack, false), secretName: 'vault.storage' }))
        .toThrow(/VaultSealConfig 'Test\/Seal': 'secretName' must be a DNS-1123 label.*\(got 'vault.storage'\)/);
    });

    it('fails on a cloud the seal cannot reach', () => {
      const stack = testStack();
      expect(() => new VaultSealConfig(stack, 'Seal', { source: variableSource(stack, false), environment: 'AzureGermanCloud' as never }))
        .toThrow(/VaultSealConfig 'Test\/Seal': 'environment' must be one of 'AzurePublicCloud', 'AzureUSGovernmentCloud', 'AzureChinaCloud'.*\(got 'AzureGermanCloud'\)/);
    });

    it('fails on a bad namespace', () => {
      const stack = testStack();
      expect(() => new VaultSealConfig(stack, 'Seal', { source: variableSource(stack, false), namespace: 'Vault' }))
        .toThrow(/VaultSealConfig 'Test\/Seal': 'namespace' must be a DNS-1123 label.*\(got 'Vault'\)/);
    });

    it('fails when the namespace differs from the federated ServiceAccount\'s', () => {
      const stack = testStack();
      expect(() => new VaultSealConfig(stack, 'Seal', { source: unseal(stack, 'workloadIdentity'), namespace: 'other' }))
        .toThrow(/VaultSealConfig 'Test\/Seal': 'namespace' must be the namespace the federated credential trusts \('vault'\).*\(got 'other'\)/);
    });

    it('fails on a literal client secret', () => {
      const stack = testStack();
      const source = { ...variableSource(stack, false), clientSecret: 'not-a-real-secret' };
      expect(() => new VaultSealConfig(stack, 'Seal', { source }))
        .toThrow(/VaultSealConfig 'Test\/Seal': 'source.clientSecret' must be a Terraform reference.*\(got '\(literal, hidden\)'\)/);
    });

    it('does not echo a literal client secret', () => {
      const stack = testStack();
      const source = { ...variableSource(stack, false), clientSecret: 'not-a-real-secret' };
      expect(() => new VaultSealConfig(stack, 'Seal', { source })).not.toThrow(/not-a-real-secret/);
    });

    it('fails on a client secret together with workload identity', () => {
      const stack = testStack();
      const base = variableSource(stack, true);
      const source = { ...base, workloadIdentityServiceAccount: { name: 'vault', namespace: 'vault' } };
      expect(() => new VaultSealConfig(stack, 'Seal', { source }))
        .toThrow(/'source.clientSecret' must not be set together with a workload identity ServiceAccount/);
    });
  });

  it('matches the snapshot', () => {
    const stack = testStack();
    new VaultSealConfig(stack, 'Seal', { source: variableSource(stack, false) });
    expect(synth(stack)).toMatchSnapshot();
  });
});
