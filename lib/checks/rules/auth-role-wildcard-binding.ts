import { Rule } from '../rule';

/**
 * VP-AUTH-1 (error): a Kubernetes auth role bound with a wildcard.
 *
 * `bound_service_account_names` or `bound_service_account_namespaces`
 * containing `*` lets every pod matching the wildcard log in with the role's
 * policies.
 */
export const authRoleWildcardBinding: Rule = {
  id: 'VP-AUTH-1',
  level: 'error',
  summary: 'Kubernetes auth role accepts any ServiceAccount or namespace',
  why: 'Every pod matching the wildcard can log in with this role\'s policies.',
  appliesTo: ['vault_kubernetes_auth_backend_role'],
  check: ({ config }) => {
    const found: string[] = [];
    for (const field of ['bound_service_account_names', 'bound_service_account_namespaces']) {
      if ((config[field] ?? []).includes('*')) found.push(`role '${config.role_name}' has ${field} = ["*"]`);
    }
    return found;
  },
};
