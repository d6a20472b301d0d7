import { parsePolicy } from '../../core/policy-document';
import { Rule } from '../rule';
import { readTemplate } from '../private/template';

/**
 * VP-POL-2 (warning): a policy the pack cannot judge, so VP-POL-1's silence
 * about it means nothing: text from a Terraform expression (`file()`, a
 * variable, `templatefile()`), or text that does not parse as Vault parses
 * policies (Vault then refuses it at apply). A policy whose text is a
 * `vault_policy_document`'s `hcl` is reported here too; VP-POL-1 judges the
 * document's rules where it is declared.
 */
export const policyUnreadable: Rule = {
  id: 'VP-POL-2',
  level: 'warning',
  summary: 'Vault policy the rule pack cannot read',
  why: 'VP-POL-1 judges only what it can read: review this policy where its text is written.',
  appliesTo: ['vault_policy'],
  check: ({ config }) => {
    const text = readTemplate(config.policy);
    if (text === undefined) return [`policy '${config.name}' is not a string`];
    const found: string[] = [];
    if (text.expressions.length > 0) found.push(`policy '${config.name}' is (partly) computed at apply time: ${text.expressions.map((e) => `\${${e}}`).join(', ')}`);
    // Text with apply-time parts may parse once they are known: say only that it cannot be read.
    const parsed = text.expressions.length > 0 ? { error: undefined } : parsePolicy(text.known);
    if (parsed.error) found.push(`policy '${config.name}' does not parse as a Vault policy (${parsed.error}); Vault refuses it`);
    return found;
  },
};
