import { holdsTerraformExpression } from '../../core/unresolved';
import { Rule } from '../rule';
import { terraformBool } from '../private/terraform-values';

/**
 * VP-KV-1 (error): a Key Vault that can be purged.
 *
 * Without `purge_protection_enabled`, a deleted vault can be purged at once,
 * and with it the keys that unseal Vault or encrypt data.
 */
export const keyVaultNoPurgeProtection: Rule = {
  id: 'VP-KV-1',
  level: 'error',
  summary: 'Key Vault has no purge protection',
  why: 'A deleted vault can then be purged at once, and with it the keys that unseal or encrypt data.',
  appliesTo: ['azurerm_key_vault'],
  // Judged as Terraform converts it: the string "true" is true; an apply-time value is not judged.
  check: ({ config }) => (terraformBool(config.purge_protection_enabled) === true || holdsTerraformExpression(config.purge_protection_enabled)
    ? [] : [`key vault '${config.name}' has purge_protection_enabled unset or false`]),
};
