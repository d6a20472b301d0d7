import { parsePolicy, policyRuleRisks } from '../../core/policy-document';
import { Rule } from '../rule';
import { readTemplate } from '../private/template';

/**
 * VP-POL-1: a policy reaching every mount, granting sudo, or writing Vault's
 * own configuration (`sys/`, `auth/`, `identity/`; above all
 * `sys/policies/acl/*`, which is root in all but name).
 *
 * The policy is parsed as Vault parses it (HCL v1 or JSON, comments, quoted
 * keys, nested blocks, repeated paths), never matched with a pattern.
 * Parts known only at apply time are left out; VP-POL-2 says so.
 */
export const policyWildcardOrSudo: Rule = {
  id: 'VP-POL-1',
  level: 'error',
  // The summary predates the sys/ judgment; findings name it in their detail.
  summary: 'Vault policy grants on a mount-wide glob or grants sudo',
  why: 'Such a policy is close to root: a leaked token reads or changes everything, or grants itself what it lacks.',
  appliesTo: ['vault_policy'],
  check: ({ config }) => {
    const text = readTemplate(config.policy);
    if (text === undefined) return [];
    const parsed = parsePolicy(text.known);
    if (!parsed.rules) return [];
    return parsed.rules.flatMap((r) => policyRuleRisks(r).map((risk) => `policy '${config.name}' ${risk.message}`));
  },
};
