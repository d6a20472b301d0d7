import { holdsTerraformExpression } from '../../core/unresolved';
import { Rule } from '../rule';

/**
 * VP-KV-3 (error): a Key Vault key that cannot wrap and unwrap.
 *
 * Vault's `azurekeyvault` seal needs both `wrapKey` and `unwrapKey` in
 * `key_opts`; without them Vault cannot unseal.
 */
export const keyWithoutWrapOps: Rule = {
  id: 'VP-KV-3',
  level: 'error',
  summary: 'Key Vault key lacks wrapKey or unwrapKey',
  why: 'Vault\'s azurekeyvault seal wraps and unwraps its root key with it; without both, Vault cannot unseal.',
  appliesTo: ['azurerm_key_vault_key'],
  check: ({ config }) => {
    // A list known only at apply time is not judged.
    if (holdsTerraformExpression(config.key_opts)) return [];
    const ops: unknown[] = Array.isArray(config.key_opts) ? config.key_opts : [];
    if (ops.includes('wrapKey') && ops.includes('unwrapKey')) return [];
    // Nor is one whose missing operation may be an entry known only at apply time.
    return ops.some(holdsTerraformExpression) ? [] : [`key '${config.name}' has key_opts ${JSON.stringify(ops)}`];
  },
};
