import { ONE_DAY_SECONDS } from '../../core/duration';
import { Rule } from '../rule';

/**
 * VP-AUTH-3 (warning): Vault tokens issued by a Kubernetes auth role that live
 * longer than a day.
 *
 * Looks at `token_ttl`, `token_max_ttl`, `token_period` and
 * `token_explicit_max_ttl` (whole seconds in the provider schema, which
 * Terraform also takes as a numeric string such as `"90000"`); values only
 * known at apply time are not judged.
 */
export const tokenTtlTooLong: Rule = {
  id: 'VP-AUTH-3',
  level: 'warning',
  summary: 'Token lifetime is longer than 24h',
  why: 'A stolen token stays useful for as long as it lives; clients of this library log in again cheaply.',
  appliesTo: ['vault_kubernetes_auth_backend_role'],
  check: ({ config }) => ['token_ttl', 'token_max_ttl', 'token_period', 'token_explicit_max_ttl']
    .filter((f) => seconds(config[f]) > ONE_DAY_SECONDS)
    .map((f) => `role '${config.role_name}' has ${f} = ${config[f]}s`),
};

/** A number attribute as Terraform reads it: a number, or a string holding one; `NaN` for anything else (unset, an apply-time value). */
function seconds(value: unknown): number {
  return typeof value === 'number' || typeof value === 'string' ? Number(value) : NaN;
}
