import { Rule } from '../rule';

/** VP-AUTH-1: a Kubernetes auth role bound with a wildcard. */
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

/** VP-AUTH-2: a Kubernetes auth role without an audience. */
export const authRoleNoAudience: Rule = {
  id: 'VP-AUTH-2',
  level: 'warning',
  summary: 'Kubernetes auth role sets no audience',
  why: 'Without one, any token of the ServiceAccount (including tokens minted for other services) logs in.',
  appliesTo: ['vault_kubernetes_auth_backend_role'],
  check: ({ config }) => (config.audience ? [] : [`role '${config.role_name}' has no audience`]),
};

/** Longest token lifetime the pack accepts without a finding. */
export const MAX_TOKEN_SECONDS = 24 * 3600;

/** VP-AUTH-3: token TTLs above a day. */
export const tokenTtlTooLong: Rule = {
  id: 'VP-AUTH-3',
  level: 'warning',
  summary: 'Token lifetime is longer than 24h',
  why: 'A stolen token stays useful for as long as it lives; clients of this library log in again cheaply.',
  appliesTo: ['vault_kubernetes_auth_backend_role'],
  check: ({ config }) => ['token_ttl', 'token_max_ttl', 'token_period', 'token_explicit_max_ttl']
    .filter((f) => typeof config[f] === 'number' && config[f] > MAX_TOKEN_SECONDS)
    .map((f) => `role '${config.role_name}' has ${f} = ${config[f]}s`),
};
