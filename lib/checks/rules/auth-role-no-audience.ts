import { Rule } from '../rule';

/**
 * VP-AUTH-2 (warning): a Kubernetes auth role without an audience.
 *
 * Without `audience`, Vault accepts any token of a bound ServiceAccount,
 * including tokens minted for other services.
 */
export const authRoleNoAudience: Rule = {
  id: 'VP-AUTH-2',
  level: 'warning',
  summary: 'Kubernetes auth role sets no audience',
  why: 'Without one, any token of the ServiceAccount (including tokens minted for other services) logs in.',
  appliesTo: ['vault_kubernetes_auth_backend_role'],
  check: ({ config }) => (config.audience ? [] : [`role '${config.role_name}' has no audience`]),
};
