import { Rule } from '../rule';

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
  check: ({ config }) => (config.purge_protection_enabled === true ? [] : [`key vault '${config.name}' has purge_protection_enabled unset or false`]),
};
