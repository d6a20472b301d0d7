import { Rule } from '../rule';

/**
 * VP-KV-2 (error): a Key Vault open to every network.
 *
 * Quiet when public network access is off, or when `network_acls` denies by
 * default (so only listed networks and trusted services get through).
 */
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
