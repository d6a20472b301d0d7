import { holdsTerraformExpression } from '../../core/unresolved';
import { privilegedAzureRole } from '../../core/azure-roles';
import { Rule } from '../rule';

/**
 * VP-AZURE-3 (error): an Azure secrets engine role whose leases carry a role
 * that can assign roles (Owner, User Access Administrator, Role Based Access
 * Control Administrator), by name or by role definition id.
 */
export const azurePrivilegedRole: Rule = {
  id: 'VP-AZURE-3',
  level: 'error',
  summary: 'Azure secrets engine role leases a role that can assign roles',
  why: 'Every lease can grant itself, or anyone, any role in the scope: a leaked credential owns the scope.',
  appliesTo: ['vault_azure_secret_backend_role'],
  check: ({ config }) => {
    const roles: any[] = Array.isArray(config.azure_roles) ? config.azure_roles : [];
    return roles.flatMap((r) => {
      const id = [r?.role_name, r?.role_id].find((x) => typeof x === 'string' && !holdsTerraformExpression(x) && privilegedAzureRole(x));
      return id ? [`role '${config.role}' leases ${privilegedAzureRole(id)} on ${r.scope}`] : [];
    });
  },
};
