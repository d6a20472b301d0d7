import { ONE_DAY_SECONDS } from '../../core/duration';
import { Rule } from '../rule';

/**
 * VP-AUTH-3 (warning): Vault tokens issued by a Kubernetes auth role that live
 * longer than a day.
 *
 * Looks at `token_ttl`, `token_max_ttl`, `token_period` and
 * `token_explicit_max_ttl` (whole seconds in the provider schema); values only
 * known at apply time are not judged.
 */
export const tokenTtlTooLong: Rule = {
  id: 'VP-AUTH-3',
  level: 'warning',
  summary: 'Token lifetime is longer than 24h',
  why: 'A stolen token stays useful for as long as it lives; clients of this library log in again cheaply.',
  appliesTo: ['vault_kubernetes_auth_backend_role'],
  check: ({ config }) => ['token_ttl', 'token_max_ttl', 'token_period', 'token_explicit_max_ttl']
    .filter((f) => typeof config[f] === 'number' && config[f] > ONE_DAY_SECONDS)
    .map((f) => `role '${config.role_name}' has ${f} = ${config[f]}s`),
};
