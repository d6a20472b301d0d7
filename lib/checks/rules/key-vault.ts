import { Rule } from '../rule';

/** VP-KV-1: a Key Vault that can be purged. */
export const keyVaultNoPurgeProtection: Rule = {
  id: 'VP-KV-1',
  level: 'error',
  summary: 'Key Vault has no purge protection',
  why: 'A deleted vault can then be purged at once, and with it the keys that unseal or encrypt data.',
  appliesTo: ['azurerm_key_vault'],
  check: ({ config }) => (config.purge_protection_enabled === true ? [] : [`key vault '${config.name}' has purge_protection_enabled unset or false`]),
};

/** VP-KV-2: a Key Vault open to every network. */
export const keyVaultOpenNetwork: Rule = {
  id: 'VP-KV-2',
  level: 'error',
  summary: 'Key Vault is reachable from any network',
  why: 'Public access with no network rule leaves key operations one stolen credential away from the internet.',
  appliesTo: ['azurerm_key_vault'],
  check: ({ config }) => {
    if (config.public_network_access_enabled === false) return [];
    const acls = Array.isArray(config.network_acls) ? config.network_acls[0] : config.network_acls;
    return acls?.default_action === 'Deny' ? [] : [`key vault '${config.name}' allows public access without network_acls default_action = "Deny"`];
  },
};

/** VP-KV-3: a Key Vault key that cannot wrap and unwrap. */
export const keyWithoutWrapOps: Rule = {
  id: 'VP-KV-3',
  level: 'error',
  summary: 'Key Vault key lacks wrapKey or unwrapKey',
  why: 'Vault\'s azurekeyvault seal wraps and unwraps its root key with it; without both, Vault cannot unseal.',
  appliesTo: ['azurerm_key_vault_key'],
  check: ({ config }) => {
    const ops: string[] = config.key_opts ?? [];
    return ops.includes('wrapKey') && ops.includes('unwrapKey') ? [] : [`key '${config.name}' has key_opts ${JSON.stringify(ops)}`];
  },
};

/** VP-KV-4: a Key Vault key (or vault) that Terraform may destroy. */
export const keyVaultNoPreventDestroy: Rule = {
  id: 'VP-KV-4',
  level: 'error',
  summary: 'Key Vault or key can be destroyed by Terraform',
  why: 'Losing the unseal key loses every secret in Vault; prevent_destroy turns a rename or a destroy into a failed plan instead.',
  appliesTo: ['azurerm_key_vault', 'azurerm_key_vault_key'],
  check: ({ type, config }) => (config.lifecycle?.prevent_destroy === true ? [] : [`${type} '${config.name}' has no lifecycle.prevent_destroy`]),
};
