import { formatDuration, parseVaultDuration, TWO_YEARS_SECONDS } from '../../core/duration';
import { holdsTerraformExpression } from '../../core/unresolved';
import { Rule } from '../rule';

/**
 * VP-AZURE-2 (warning): the root client secret of Vault's Azure secrets
 * engine lives longer than two years.
 *
 * `root_password_ttl` of a `vault_azure_secret_backend` is the life of each
 * client secret Vault makes for itself on `rotate-root`. Above two years
 * (`17520h`, 63072000 s) it outlives Entra's own cap for portal secrets. Unset
 * is fine: Vault then uses 182 days. Values only known at apply time are not
 * judged.
 */
export const azureRootPasswordTtlTooLong: Rule = {
  id: 'VP-AZURE-2',
  level: 'warning',
  summary: 'Root client secret of the Azure secrets engine lives longer than two years',
  why: 'That secret may create credentials for applications in the tenant; if it leaks (from a Vault backup, say) it stays valid for its whole life.',
  appliesTo: ['vault_azure_secret_backend'],
  check: ({ config }) => {
    const value = config.root_password_ttl;
    if (value === undefined || value === null || holdsTerraformExpression(value)) return [];
    const seconds = typeof value === 'number' || typeof value === 'string' ? parseVaultDuration(value) : undefined;
    if (seconds === undefined) return [`mount '${config.path ?? 'azure'}' has root_password_ttl = ${JSON.stringify(value)}, which is not a duration Vault reads`];
    return seconds > TWO_YEARS_SECONDS ? [`mount '${config.path ?? 'azure'}' has root_password_ttl = ${JSON.stringify(value)} (${formatDuration(seconds)} > 17520h)`] : [];
  },
};
