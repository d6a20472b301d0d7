import { holdsTerraformExpression } from '../../core/unresolved';
import { isPublicSuffix } from '../../core/public-suffix';
import { Rule } from '../rule';
import { terraformBool } from '../private/terraform-values';

/**
 * VP-PKI-1: a PKI role that signs any name: `allow_any_name`,
 * `enforce_hostnames = false`, or subdomains (or globs) of a public suffix
 * in `allowed_domains` (`com`, `co.uk`, `github.io`). Bools are read as
 * Terraform converts them ("true" is true).
 */
export const pkiAllowAnyName: Rule = {
  id: 'VP-PKI-1',
  level: 'error',
  summary: 'PKI role issues certificates for any name',
  why: 'Whoever can use the role can mint a trusted certificate for any host, including ones it does not own.',
  appliesTo: ['vault_pki_secret_backend_role'],
  check: ({ config }) => {
    const found: string[] = [];
    if (terraformBool(config.allow_any_name) === true) found.push(`role '${config.name}' sets allow_any_name`);
    if (terraformBool(config.enforce_hostnames) === false) found.push(`role '${config.name}' sets enforce_hostnames = false`);
    const wide = terraformBool(config.allow_subdomains) === true || terraformBool(config.allow_glob_domains) === true;
    const domains: unknown[] = Array.isArray(config.allowed_domains) ? config.allowed_domains : [];
    for (const d of domains) {
      if (typeof d !== 'string' || holdsTerraformExpression(d)) continue;
      const bare = d.replace(/^\*\./, '');
      if (isPublicSuffix(bare) && (wide || d !== bare || bare === '*')) found.push(`role '${config.name}' allows names under the public suffix '${d}'`);
    }
    return found;
  },
};
