import { TerraformStack, Testing } from 'cdktf';
import { FederatedIdentityCredential } from '@cdktf/provider-azurerm/lib/federated-identity-credential';
import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { KeyVaultKey } from '@cdktf/provider-azurerm/lib/key-vault-key';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { Release } from '@cdktf/provider-helm/lib/release';
import { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import { vaultAutoUnseal } from '../../examples/vault-auto-unseal';
import { buildAll } from '../../stacks/main';
import { resourcesOf, synth, synthObject, testApp, warningsOf } from '../helpers';

describe('example vault-auto-unseal (S3)', () => {
  const stack = vaultAutoUnseal(testApp());
  const json = synth(stack);
  const values = JSON.parse(resourcesOf(stack, 'helm_release')[0].values[0]);

  it('creates a purge-protected, RBAC-mode, firewalled Key Vault', () => {
    expect(json).toHaveResourceWithProperties(KeyVault, {
      name: 'kv-vault-unseal-example',
      rbac_authorization_enabled: true,
      purge_protection_enabled: true,
      soft_delete_retention_days: 90,
      public_network_access_enabled: true,
      network_acls: { default_action: 'Deny', bypass: 'None', ip_rules: '${var.key_vault_allowed_ip_ranges}' },
    });
  });

  it('refuses an empty IP list at plan time, when the reachability AutoUnsealKeyVault cannot judge at synth is known', () => {
    const variable = (synthObject(stack) as any).variable.key_vault_allowed_ip_ranges;
    expect(variable.validation).toEqual([{ condition: '${length(var.key_vault_allowed_ip_ranges) > 0}', error_message: expect.stringMatching(/nothing can reach the Key Vault/) }]);
  });

  it('creates key generated-key for wrapKey and unwrapKey only', () => {
    expect(json).toHaveResourceWithProperties(KeyVaultKey, { name: 'generated-key', key_type: 'RSA', key_size: 2048, key_opts: ['wrapKey', 'unwrapKey'] });
  });

  it('sets prevent_destroy on the Key Vault and the key', () => {
    const res = synthObject(stack).resource!;
    for (const type of ['azurerm_key_vault', 'azurerm_key_vault_key']) {
      expect(Object.values(res[type]).map((r: any) => r.lifecycle.prevent_destroy)).toEqual([true]);
    }
  });

  it('grants Key Vault Crypto Service Encryption User, not Key Vault Secrets User', () => {
    expect(json).toHaveResourceWithProperties(RoleAssignment, {
      role_definition_name: 'Key Vault Crypto Service Encryption User',
      principal_type: 'ServicePrincipal',
    });
    expect(json).not.toMatch(/Key Vault Secrets User/);
  });

  it('federates the managed identity with ServiceAccount vault/vault, with no client secret anywhere', () => {
    expect(json).toHaveResourceWithProperties(FederatedIdentityCredential, {
      issuer: '${var.oidc_issuer_url}',
      subject: 'system:serviceaccount:vault:vault',
      audience: ['api://AzureADTokenExchange'],
    });
    expect(json).not.toMatch(/azuread_application_password|client_secret/);
  });

  it('puts the seal stanza in Secret vault-storage-config, file config.hcl', () => {
    expect(json).toHaveResourceWithProperties(SecretV1, { type: 'Opaque' });
    const [secret] = resourcesOf(stack, 'kubernetes_secret_v1');
    expect(secret.metadata.name).toBe('vault-storage-config');
    expect(secret.data['config.hcl']).toMatch(/^seal "azurekeyvault" \{\n {2}tenant_id += .*\n {2}client_id += .*\n {2}vault_name += \$\{jsonencode\(azurerm_key_vault\.\w+\.name\)\}\n {2}key_name += \$\{jsonencode\(azurerm_key_vault_key\.\w+\.name\)\}\n\}\n$/);
  });

  it('installs the vault chart 0.34.1 mounting the Secret, with TLS and workload identity', () => {
    expect(json).toHaveResourceWithProperties(Release, { name: 'vault', chart: 'vault', version: '0.34.1', namespace: 'vault' });
    expect(values.global.tlsDisable).toBe(false);
    expect(values.injector.enabled).toBe(false);
    expect(values.server.volumes).toContainEqual({ name: 'vault-storage-config', secret: { secretName: 'vault-storage-config', defaultMode: 420 } });
    expect(values.server.volumeMounts).toContainEqual({ name: 'vault-storage-config', mountPath: '/vault/userconfig/vault-storage-config', readOnly: true });
    expect(values.server.extraArgs).toBe('-config=/vault/userconfig/vault-storage-config/config.hcl');
    expect(values.server.extraLabels).toEqual({ 'azure.workload.identity/use': 'true' });
    expect(Object.keys(values.server.serviceAccount.annotations)).toEqual(['azure.workload.identity/client-id']);
  });

  it('passes the security rule pack and emits no warning', () => {
    const app = buildAll(testApp(), { only: ['vault-auto-unseal'] });
    const built = app.node.children.find((c) => c.node.id === 'vault-auto-unseal') as TerraformStack;
    expect(() => Testing.synth(built)).not.toThrow();
    expect(warningsOf(stack)).toEqual([]);
  });

  it('matches the snapshot', () => {
    expect(json).toMatchSnapshot();
  });
});
