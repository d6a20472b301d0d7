import { holdsTerraformExpression } from '../../core/unresolved';
import { isPublicSuffix } from '../../core/public-suffix';
import { Rule } from '../rule';
import { terraformBool } from '../private/terraform-values';

/**
 * VP-PKI-1: a PKI role that signs any name: `allow_any_name`,
 * `enforce_hostnames = false`, or subdomains (or globs) of a public suffix
 * in `allowed_domains` (`com`, `co.uk`, `github.io`). With
 * `allow_glob_domains`, a glob is judged by the domain every name it matches
 * ends in: `app-*.example.com` stays in `example.com`, but `example*.com` and
 * `api.*.com` match names anyone can register. Bools are read as Terraform
 * converts them ("true" is true).
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
    const globs = terraformBool(config.allow_glob_domains) === true;
    const wide = terraformBool(config.allow_subdomains) === true || globs;
    const domains: unknown[] = Array.isArray(config.allowed_domains) ? config.allowed_domains : [];
    for (const d of domains) {
      if (typeof d !== 'string' || holdsTerraformExpression(d)) continue;
      const bare = d.replace(/^\*\./, '');
      const open = globs && d.includes('*') ? isPublicSuffix(globDomain(d)) : isPublicSuffix(bare) && (wide || d !== bare || bare === '*');
      if (open) found.push(`role '${config.name}' allows names under the public suffix '${d}'`);
    }
    return found;
  },
};

/**
 * The domain every name a glob of `allowed_domains` matches ends in: the
 * labels after the one holding its last `*` (Vault's glob `*` also matches
 * dots). A glob ending in that label leaves a part of one label, which reads
 * as a top-level domain: every dotless name is a public suffix.
 */
function globDomain(glob: string): string {
  const tail = glob.slice(glob.lastIndexOf('*') + 1);
  return tail.slice(tail.indexOf('.') + 1);
}
