import { holdsTerraformExpression } from '../../core/unresolved';
import { bindingBreadth, selectorMatchesAll } from '../../core/glob';
import { Rule } from '../rule';

/**
 * VP-AUTH-1 (error): a Kubernetes auth role bound with a wildcard.
 *
 * Judged as the auth plugin matches: `*` and `**` accept every name, a
 * leading or trailing `*` (`pay*`, `kube-*`, `*-prod`) is a prefix, suffix or
 * substring glob (`kube-*` takes `kube-system`), and a
 * `bound_service_account_namespace_selector` without labels or expressions
 * (`{}`) selects every namespace. A binding computed at apply time is judged
 * by its literal ends: `${var.team}-*` is a prefix glob whatever the team.
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
      const values: unknown[] = Array.isArray(config[field]) ? config[field] : [];
      for (const value of values) {
        if (typeof value !== 'string') continue;
        const breadth = bindingBreadth(value);
        if (breadth === 'any') found.push(`role '${config.role_name}' has ${field} = ["${value}"], which matches every name`);
        else if (breadth === 'glob') found.push(`role '${config.role_name}' has ${field} glob "${value}"`);
      }
    }
    const selector = config.bound_service_account_namespace_selector;
    if (typeof selector === 'string' && selector.trim() !== '' && !holdsTerraformExpression(selector) && selectorMatchesAll(selector)) {
      found.push(`role '${config.role_name}' has bound_service_account_namespace_selector ${JSON.stringify(selector)}, which selects every namespace`);
    }
    return found;
  },
};
