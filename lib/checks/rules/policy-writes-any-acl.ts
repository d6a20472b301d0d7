import { vaultPathMatches } from '../../core/glob';
import { parsePolicy } from '../../core/policy-document';
import { readTemplate, shownTemplate } from '../private/template';
import { Rule } from '../rule';

// sudo alone writes nothing: it only unlocks root-protected endpoints for the other capabilities.
const WRITE = ['create', 'update', 'patch', 'delete'];

/** A name no stack manages: a path rule that matches it reaches every ACL policy. */
const ANY_NAME = '__any_policy_name__';
const ACL_ENDPOINTS = [`sys/policies/acl/${ANY_NAME}`, `sys/policy/${ANY_NAME}`];

/**
 * VP-CI-2 (error): a Vault policy that may write ACL policies by pattern
 * (`sys/policies/acl/*`, `sys/*`, `sys/policy/+`), not only the names it
 * manages.
 *
 * Whoever holds it can write a policy granting anything and attach it to a
 * role it can log in with: it is root with one more step. A deploy pipeline
 * needs `sys/policies/acl/<name>` for exactly the policies its stack creates
 * (`VaultDeployPolicy` derives them).
 */
export const policyWritesAnyAcl: Rule = {
  id: 'VP-CI-2',
  level: 'error',
  summary: 'Vault policy can write ACL policies beyond the names it manages',
  why: 'Writing any ACL policy is root with one more step: grant yourself everything, then use it.',
  appliesTo: ['vault_policy'],
  check: ({ config }) => {
    // Read as Vault reads it (HCL v1 or JSON, comments, quoted keys, nested blocks): the parser VP-POL-1 uses.
    const text = readTemplate(config.policy);
    const parsed = text ? parsePolicy(text.known) : undefined;
    const found: string[] = [];
    for (const rule of parsed?.rules ?? []) {
      const path = rule.path;
      const caps = rule.capabilities.filter((c) => WRITE.includes(c));
      // A glob in the first segment reaches every mount: VP-POL-1 reports that already.
      if (caps.length === 0 || rule.capabilities.includes('deny') || /[*+]/.test(path.split('/')[0])) continue;
      // A pattern over names (`team-*`) reaches names nobody has created yet, too.
      const namePattern = /^sys\/(policies\/acl|policy)\/.*[*+]/.test(path);
      if (namePattern || ACL_ENDPOINTS.some((endpoint) => vaultPathMatches(path, endpoint))) {
        found.push(`policy '${config.name}' allows ${caps.join(', ')} on "${shownTemplate(path)}"`);
      }
    }
    return found;
  },
};
