import { accessControlActions } from '../../core/azure-roles';
import { Rule } from '../rule';

/**
 * VP-AZURE-4 (error): a custom Azure role definition whose permissions let
 * its holder assign roles or rewrite role definitions, through a wildcard
 * (`*`, `Microsoft.Authorization/*`, `*\/write`) or by name. VP-AZURE-3 knows
 * the built-in roles that can do so by name and id; a custom role is judged
 * here, where its permissions are written.
 */
export const azureCustomRoleAssignsRoles: Rule = {
  id: 'VP-AZURE-4',
  level: 'error',
  summary: 'Custom Azure role can assign roles or rewrite role definitions',
  why: 'Whoever holds it (a Vault lease, a pipeline, a workload) can grant itself, or anyone, any role in the assignable scopes: it is Owner under another name.',
  appliesTo: ['azurerm_role_definition'],
  check: ({ config }) => {
    const scopes = Array.isArray(config.assignable_scopes) && config.assignable_scopes.length > 0 ? config.assignable_scopes.join(', ') : config.scope;
    const allowed = new Set<string>();
    // Terraform's JSON syntax takes one block as an object as well as a list of them.
    for (const block of [config.permissions].flat()) {
      for (const action of accessControlActions(strings(block?.actions), strings(block?.not_actions))) allowed.add(action);
    }
    return [...allowed].map((action) => `role '${config.name}' allows ${action} over ${scopes}`);
  },
};

/**
 * The patterns of a list. One known only at apply time (`${var.action}`, or
 * the whole list from a variable) stays as written and covers no action: it
 * never fires the rule, and in `not_actions` it takes nothing out.
 */
function strings(list: unknown): string[] {
  return [list].flat().filter((x): x is string => typeof x === 'string');
}
