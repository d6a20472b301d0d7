import { parsePolicy, policyRuleRisks } from '../../core/policy-document';
import { Rule } from '../rule';
import { readTemplate, shownTemplate } from '../private/template';
import { blocksOf } from '../private/values';

/**
 * VP-POL-1: a policy reaching every mount, granting sudo, or writing Vault's
 * own configuration (`sys/`, `auth/`, `identity/`; above all
 * `sys/policies/acl/*`, which is root in all but name).
 *
 * The policy is parsed as Vault parses it (HCL v1 or JSON, comments, quoted
 * keys, nested blocks, repeated paths), never matched with a pattern.
 * Parts known only at apply time are read as one unknown word each (no glob);
 * VP-POL-2 says a policy's text holds them.
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
      return blocksOf(config.rule).flatMap((r) => {
        // A path computed in part is judged as in a policy's text: each `${...}` one unknown word, never a glob.
        // Its capabilities are known, so `sudo` or a write under `sys/${var.x}` is reported all the same.
        const path = readTemplate(r.path);
        if (path === undefined) return [];
        const caps = (Array.isArray(r.capabilities) ? r.capabilities : []).filter((c: unknown): c is string => typeof c === 'string');
        return policyRuleRisks({ path: path.known, capabilities: caps })
          .map((risk) => `policy document rule ${risk.message.replace(`"${path.known}"`, () => `"${r.path}"`)}`);
      });
    }
    const text = readTemplate(config.policy);
    if (text === undefined) return [];
    const parsed = parsePolicy(text.known);
    if (!parsed.rules) return [];
    // A path read with apply-time parts is shown with them as `${...}`, not as the parser's placeholder word.
    return parsed.rules.flatMap((r) => policyRuleRisks(r).map((risk) => `policy '${config.name}' ${shownTemplate(risk.message)}`));
  },
};
