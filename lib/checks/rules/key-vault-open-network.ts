import { holdsTerraformExpression } from '../../core/unresolved';
import { firewallListProblem, firewallRangeProblem } from '../../core/network';
import { Rule } from '../rule';
import { terraformBool } from '../private/terraform-values';
import { blocksOf } from '../private/values';

/**
 * VP-KV-2 (error): a Key Vault open to every network, or to too much of it.
 *
 * Quiet when public network access is off (or known only at apply time).
 * Otherwise `network_acls` must deny by default (an apply-time default is
 * not judged), and each `ip_rules` entry must pass the same judgment as
 * `AutoUnsealKeyVault` (lib/core/network): public, a /16 or narrower, at
 * most four /16s in all; `0.0.0.0/0`, two /1s, `8.0.0.0/6`, loopback,
 * link-local (169.254.169.254), CGNAT and other special ranges are reported.
 */
export const keyVaultOpenNetwork: Rule = {
  id: 'VP-KV-2',
  level: 'error',
  summary: 'Key Vault is reachable from any network',
  why: 'Public access with no network rule leaves key operations one stolen credential away from the internet.',
  appliesTo: ['azurerm_key_vault'],
  check: ({ config }) => {
    // Terraform converts "false" to false for a bool attribute: judge as it will. Known only at apply time: not judged.
    const publicAccess = config.public_network_access_enabled;
    if (terraformBool(publicAccess) === false || holdsTerraformExpression(publicAccess)) return [];
    // The block as cdktf writes it (an object) or as an override may (a list of one).
    const acls = blocksOf(config.network_acls)[0];
    const defaultAction = acls?.default_action;
    if (defaultAction !== 'Deny' && !holdsTerraformExpression(defaultAction)) {
      return [`key vault '${config.name}' allows public access without network_acls default_action = "Deny"`];
    }
    const rules: unknown[] = Array.isArray(acls.ip_rules) ? acls.ip_rules : [];
    const literal = rules.filter((r): r is string => typeof r === 'string' && !holdsTerraformExpression(r));
    const found = literal.flatMap((r) => {
      const problem = firewallRangeProblem(r);
      return problem ? [`key vault '${config.name}' has ip_rules entry '${r}', which ${problem}`] : [];
    });
    const total = firewallListProblem(literal.filter((r) => !firewallRangeProblem(r)));
    if (total) found.push(`key vault '${config.name}' has ip_rules that ${total}`);
    return found;
  },
};
