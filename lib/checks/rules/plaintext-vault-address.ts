import { holdsTerraformExpression } from '../../core/unresolved';
import { hasUrlCredentials, urlScheme } from '../../core/validation';
import { effectiveHelmValues, isChart } from '../private/helm';
import { dig } from '../private/values';
import { Rule } from '../rule';

/** Where each operator's custom resources keep Vault's address. */
const ADDRESS_FIELDS: Record<string, string[]> = {
  VaultConnection: ['spec', 'address'],
  SecretStore: ['spec', 'provider', 'vault', 'server'],
  ClusterSecretStore: ['spec', 'provider', 'vault', 'server'],
  Issuer: ['spec', 'vault', 'server'],
  ClusterIssuer: ['spec', 'vault', 'server'],
};

/**
 * VP-TLS-2: Vault reached over plain HTTP (the scheme read in any case, as
 * URL parsers do: `HTTP://` is http), or with credentials in the URL: in the
 * operators' custom resources, in the `VaultConnection` the Vault Secrets
 * Operator chart writes from `defaultVaultConnection` (when `enabled` is
 * truthy, as the chart's `if` reads it), and in the vault provider's
 * `address`. An address from a variable or `VAULT_ADDR` (no `address`) is
 * not seen.
 */
export const plaintextVaultAddress: Rule = {
  id: 'VP-TLS-2',
  level: 'error',
  summary: 'Vault is reached over plain HTTP',
  why: 'Login tokens and secret values cross the network unencrypted.',
  appliesTo: ['kubernetes_manifest', 'helm_release', 'provider.vault'],
  check: ({ type, config }) => {
    let address: unknown;
    let what: string;
    if (type === 'provider.vault') {
      address = config.address;
      what = `vault provider${config.alias ? ` (alias '${config.alias}')` : ''}`;
    } else if (type === 'helm_release') {
      if (!isChart(config, 'vault-secrets-operator')) return [];
      const connection = dig(effectiveHelmValues(config).values, 'defaultVaultConnection');
      const enabled = dig(connection, 'enabled');
      // The chart writes the connection under `if .Values.defaultVaultConnection.enabled`: Go's truth, where the string "false" is true.
      if (enabled === undefined || enabled === false || enabled === 0 || enabled === '' || holdsTerraformExpression(enabled)) return [];
      address = dig(connection, 'address');
      what = `release '${config.name}' (chart vault-secrets-operator) defaultVaultConnection`;
    } else {
      const m = config.manifest ?? {};
      const field = ADDRESS_FIELDS[m.kind];
      address = field ? dig(m, ...field) : undefined;
      what = `${m.kind} '${m.metadata?.name}'`;
    }
    if (typeof address !== 'string' || holdsTerraformExpression(address)) return [];
    const found: string[] = [];
    if (urlScheme(address) === 'http') found.push(`${what} uses ${address}`);
    if (hasUrlCredentials(address)) found.push(`${what} carries credentials in its address`);
    return found;
  },
};
