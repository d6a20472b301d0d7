import { formatDuration, ONE_DAY_SECONDS, parseVaultDuration } from '../../core/duration';
import { holdsTerraformExpression } from '../../core/unresolved';
import { Rule } from '../rule';

/**
 * VP-AZURE-1 (warning): Vault's Azure secrets engine hands out credentials
 * that live longer than a day.
 *
 * A `vault_azure_secret_backend_role` lease is an Entra client secret (or a
 * whole service principal) that stays valid until the lease ends; renewing
 * extends the same secret up to `max_ttl`. The rule flags `ttl` or `max_ttl`
 * above 24h, read as Vault reads them (whole seconds as a number or string,
 * `<n>d`, or a Go duration like `36h`), a value Vault could not read, and an
 * unset or zero `max_ttl`: the mount's maximum then applies, 768h unless the mount was
 * tuned, which a role alone does not show. Values only known at apply time are
 * not judged.
 */
export const azureCredentialTtlTooLong: Rule = {
  id: 'VP-AZURE-1',
  level: 'warning',
  summary: 'Azure credentials from Vault live longer than 24h',
  why: 'Each lease is a working Entra client secret until it ends; a leaked one stays useful for its whole lease, and clients can ask Vault for a fresh one cheaply.',
  appliesTo: ['vault_azure_secret_backend_role'],
  check: ({ config }) => {
    const found: string[] = [];
    const role = `role '${config.role}'`;
    for (const field of ['ttl', 'max_ttl']) {
      const value = config[field];
      if (holdsTerraformExpression(value)) continue;
      const unset = value === undefined || value === null || value === '';
      const seconds = unset ? 0 : typeof value === 'number' || typeof value === 'string' ? parseVaultDuration(value) : undefined;
      if (seconds === undefined) found.push(`${role} has ${field} = ${JSON.stringify(value)}, which is not a duration Vault reads`);
      else if (seconds > ONE_DAY_SECONDS) found.push(`${role} has ${field} = ${JSON.stringify(value)} (${formatDuration(seconds)})`);
      // Vault reads a missing or zero max_ttl as "the mount's maximum"; a
      // missing or zero ttl as the mount's default, which max_ttl caps.
      else if (seconds === 0 && field === 'max_ttl') found.push(`${role} sets no max_ttl, so the mount's maximum (768h unless tuned) caps renewals`);
    }
    return found;
  },
};
