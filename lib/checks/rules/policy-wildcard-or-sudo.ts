import { holdsTerraformExpression } from '../../core/unresolved';
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
  appliesTo: ['vault_policy', 'vault_policy_document'],
  check: ({ type, config }) => {
    if (type === 'vault_policy_document') {
      // The data source's typed `rule` blocks: judged directly, so a policy built from them is covered too.
      // Terraform JSON takes a block as a list of objects or, for one block, the object itself
      // (no block at all is `[undefined]`, skipped below like any rule without a path).
      const rules: any[] = Array.isArray(config.rule) ? config.rule : [config.rule];
      return rules.flatMap((r) => {
        if (typeof r?.path !== 'string' || holdsTerraformExpression(r.path)) return [];
        const caps = (Array.isArray(r.capabilities) ? r.capabilities : []).filter((c: unknown): c is string => typeof c === 'string');
        return policyRuleRisks({ path: r.path, capabilities: caps }).map((risk) => `policy document rule ${risk.message}`);
      });
    }
    const text = readTemplate(config.policy);
    if (text === undefined) return [];
    const parsed = parsePolicy(text.known);
    if (!parsed.rules) return [];
    return parsed.rules.flatMap((r) => policyRuleRisks(r).map((risk) => `policy '${config.name}' ${risk.message}`));
  },
};
