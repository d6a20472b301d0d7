import { Rule } from '../rule';
import { terraformBool } from '../private/terraform-values';
import { blocksOf } from '../private/values';

/**
 * VP-KV-4 (error): a Key Vault or key that Terraform may destroy.
 *
 * Without `lifecycle.prevent_destroy`, a renamed construct id or a
 * `terraform destroy` deletes the unseal key, and every secret in Vault with it.
 */
export const keyVaultNoPreventDestroy: Rule = {
  id: 'VP-KV-4',
  level: 'error',
  summary: 'Key Vault or key can be destroyed by Terraform',
  why: 'Losing the unseal key loses every secret in Vault; prevent_destroy turns a rename or a destroy into a failed plan instead.',
  appliesTo: ['azurerm_key_vault', 'azurerm_key_vault_key'],
  check: ({ type, config }) => {
    // The block as cdktf writes it (an object) or as an override may (a list of one); Terraform
    // takes only a literal here, and converts the string "true" to true as for any bool.
    const lifecycle = blocksOf(config.lifecycle)[0];
    return terraformBool(lifecycle?.prevent_destroy) === true ? [] : [`${type} '${config.name}' has no lifecycle.prevent_destroy`];
  },
};
