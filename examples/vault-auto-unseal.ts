/**
 * S3: Vault auto-unseal with Azure Key Vault key `generated-key`, the seal
 * stanza in Secret `vault-storage-config` (file `config.hcl`), mounted into
 * the `vault` chart.
 *
 * Differences from the hand-made setup, on purpose: Vault authenticates with a
 * user-assigned managed identity federated with its ServiceAccount (no client
 * secret exists to leak or expire; `AutoUnsealKeyVault` also supports S3's
 * expiring client secret with `identity: { mode: 'clientSecret', ... }`); the
 * role is `Key Vault Crypto Service Encryption User`, not `Key Vault Secrets
 * User` (which cannot wrap or unwrap); the Key Vault is firewalled, purge
 * protected, and Terraform refuses to destroy it or the key. Vault serves TLS
 * with the `vault-tls` Secret (issue it with cert-manager, see S4).
 *
 * Every Azure input is a Terraform variable; nothing secret is in the code.
 */
import { TerraformOutput, TerraformVariable } from 'cdktf';
import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { Construct } from 'constructs';
import { AutoUnsealKeyVault, VaultHelmRelease, VaultSealConfig } from '../lib';
import { PlatformStack } from '../lib/platform';

/** Builds the `vault-auto-unseal` stack. */
export function vaultAutoUnseal(scope: Construct, id = 'vault-auto-unseal'): PlatformStack {
  const stack = new PlatformStack(scope, id, { providers: ['azurerm', 'kubernetes', 'helm'] });

  const resourceGroup = new TerraformVariable(stack, 'resource_group_name', { type: 'string', description: 'Resource group for the Key Vault and the identity' });
  const location = new TerraformVariable(stack, 'location', { type: 'string', description: 'Azure region, e.g. westeurope' });
  const issuer = new TerraformVariable(stack, 'oidc_issuer_url', { type: 'string', description: 'The cluster\'s OIDC issuer URL (az aks show --query oidcIssuerProfile.issuerUrl)' });
  const allowedIps = new TerraformVariable(stack, 'key_vault_allowed_ip_ranges', {
    type: 'list(string)',
    description: 'Public IPs/CIDRs allowed through the Key Vault firewall: the cluster egress and the Terraform runner',
    // Known only at plan time, so AutoUnsealKeyVault cannot judge it at synth:
    // an empty list closes the only path in, and the plan says so instead.
    validation: [{
      condition: '${length(var.key_vault_allowed_ip_ranges) > 0}',
      errorMessage: 'Give at least one public IP or CIDR (the cluster egress and the Terraform runner): with none, public access is off and nothing can reach the Key Vault.',
    }],
  });

  const namespace = new NamespaceV1(stack, 'Namespace', { metadata: { name: 'vault' } });

  const unseal = new AutoUnsealKeyVault(stack, 'AutoUnseal', {
    // Key Vault names are global: change this placeholder.
    keyVaultName: 'kv-vault-unseal-example',
    resourceGroupName: resourceGroup.stringValue,
    location: location.stringValue,
    keyName: 'generated-key',
    allowedIpRanges: allowedIps.listValue,
    identity: {
      mode: 'workloadIdentity',
      oidcIssuerUrl: issuer.stringValue,
      serviceAccount: { name: 'vault', namespace: 'vault' },
    },
  });

  const sealConfig = new VaultSealConfig(stack, 'SealConfig', {
    source: unseal,
    // By reference, so the Secret waits for the namespace.
    namespace: namespace.metadata.name,
    secretName: 'vault-storage-config',
  });

  new VaultHelmRelease(stack, 'Vault', { namespace: 'vault', sealConfig });

  new TerraformOutput(stack, 'key_vault_name', { value: unseal.keyVaultName });
  new TerraformOutput(stack, 'unseal_identity_client_id', { value: unseal.clientId });
  return stack;
}
