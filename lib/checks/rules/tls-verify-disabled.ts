import { terraformBool } from '../private/terraform-values';
import { effectiveHelmValues, isOn } from '../private/helm';
import { dig, leaves } from '../private/values';
import { Rule } from '../rule';

// The spellings operators and charts use for "do not verify the server certificate".
const SKIP_VERIFY_KEY = /^(skipTLSVerify|insecureSkipVerify|tlsSkipVerify|skipTlsVerify|insecureSkipTLSVerify)$/;

/** Provider settings that turn certificate verification off, by provider. */
const PROVIDER_SWITCHES: Record<string, string[][]> = {
  'provider.vault': [['skip_tls_verify']],
  'provider.kubernetes': [['insecure']],
  // helm 3.x: `kubernetes = { insecure = true }`; helm 2.x: a `kubernetes { }` block (a list in JSON).
  'provider.helm': [['kubernetes', 'insecure'], ['kubernetes', '0', 'insecure']],
};

/**
 * VP-TLS-1 (error): a client of Vault, of the Kubernetes API or of an ACME
 * server that skips TLS verification.
 *
 * Looks at custom resources (`kubernetes_manifest`: VSO `VaultConnection`,
 * ESO stores, cert-manager issuers, any `skipTLSVerify`-like key set to true),
 * at Helm values of any chart (the Vault Secrets Operator chart's
 * `defaultVaultConnection.skipTLSVerify`, through `values` or `set`), and at
 * provider configurations: vault `skip_tls_verify`, kubernetes and helm
 * `insecure`.
 */
export const tlsVerifyDisabled: Rule = {
  id: 'VP-TLS-1',
  level: 'error',
  summary: 'TLS verification is disabled',
  why: 'Anyone on the path can impersonate the server and read every token and secret sent to it.',
  appliesTo: ['kubernetes_manifest', 'helm_release', ...Object.keys(PROVIDER_SWITCHES)],
  check: ({ type, config }) => {
    const found: string[] = [];
    if (type === 'kubernetes_manifest') {
      for (const [path, value] of leaves(config.manifest ?? {}, [], (k) => SKIP_VERIFY_KEY.test(k))) {
        if (value === true) {
          found.push(`${config.manifest.kind} '${config.manifest.metadata?.name}' sets ${path.join('.')}: true`);
        }
      }
    } else if (type === 'helm_release') {
      for (const [path, value] of leaves(effectiveHelmValues(config).values, [], (k) => SKIP_VERIFY_KEY.test(k))) {
        if (isOn(value)) {
          found.push(`release '${config.name}' (chart ${config.chart}) sets ${path.join('.')}: true`);
        }
      }
    } else {
      for (const path of PROVIDER_SWITCHES[type] ?? []) {
        const value = dig(config, ...path);
        // Terraform converts the string "true" to true for a bool argument.
        if (terraformBool(value) === true) {
          const alias = config.alias ? ` (alias '${config.alias}')` : '';
          found.push(`${type.replace(/^provider\./, '')} provider${alias} sets ${path.filter((k) => k !== '0').join('.')} = true`);
        }
      }
    }
    return found;
  },
};
