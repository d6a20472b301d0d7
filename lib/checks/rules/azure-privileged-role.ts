import { privilegedAzureRole } from '../../core/azure-roles';
import { Rule } from '../rule';
import { blocksOf } from '../private/values';

/**
 * VP-AZURE-3 (error): an Azure secrets engine role whose leases carry a role
 * that can assign roles (Owner, User Access Administrator, Role Based Access
 * Control Administrator), by name or by role definition id. An id built at
 * apply time still names its role by its literal end
 * (`${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/<Owner's id>`).
 */
export const azurePrivilegedRole: Rule = {
  id: 'VP-AZURE-3',
  level: 'error',
  summary: 'Azure secrets engine role leases a role that can assign roles',
  why: 'Every lease can grant itself, or anyone, any role in the scope: a leaked credential owns the scope.',
  appliesTo: ['vault_azure_secret_backend_role'],
  check: ({ config }) => {
    // Terraform's JSON syntax takes one block as an object as well as a list of them.
    return blocksOf(config.azure_roles).flatMap((r) => {
      const id = [r.role_name, r.role_id].find((x) => typeof x === 'string' && privilegedAzureRole(x));
      return id ? [`role '${config.role}' leases ${privilegedAzureRole(id)} on ${r.scope}`] : [];
    });
  },
};
