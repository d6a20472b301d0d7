import { Rule } from '../rule';

/** VP-POL-1: a policy reaching every mount or granting sudo. */
export const policyWildcardOrSudo: Rule = {
  id: 'VP-POL-1',
  level: 'error',
  summary: 'Vault policy grants on a mount-wide glob or grants sudo',
  why: 'Such a policy is close to root: a leaked token reads or changes everything.',
  appliesTo: ['vault_policy'],
  check: ({ config }) => {
    const hcl = String(config.policy ?? '');
    const found: string[] = [];
    for (const m of hcl.matchAll(/path\s+"([^"]+)"\s*\{([^}]*)\}/g)) {
      const [, path, body] = m;
      if (/[*+]/.test(path.split('/')[0])) found.push(`policy '${config.name}' has path "${path}"`);
      if (/"sudo"/.test(body)) found.push(`policy '${config.name}' grants sudo on "${path}"`);
    }
    return found;
  },
};
