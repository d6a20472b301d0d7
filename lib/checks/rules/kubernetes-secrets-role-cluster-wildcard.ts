import { parseJsonOrYaml } from '../../core/private/json-or-yaml';
import { encodedValue } from '../private/expression';
import { Rule } from '../rule';

/**
 * The verbs, resources and API groups of generated rules (JSON or YAML, as
 * Vault accepts both). A literal document with values known only at apply
 * time in it (`"resources": ["${var.kind}"]`) is still read: its literal
 * `*` verbs are what they say, and so is a literal `Fn.jsonencode` or
 * `Fn.yamlencode`. Empty text reads as no rules.
 */
function generatedRules(text: unknown): Array<Record<string, unknown>> | undefined {
  if (typeof text !== 'string') return undefined;
  // Fn.jsonencode({...}) / Fn.yamlencode({...}) as cdktf writes them: `${jsonencode({...})}`.
  const encoded = encodedValue(text);
  const doc = encoded === undefined ? parseJsonOrYaml(text) : { value: encoded };
  if (!doc) return undefined;
  const rules = (doc.value as { rules?: unknown } | null)?.rules;
  return Array.isArray(rules) ? rules.filter((r): r is Record<string, unknown> => !!r && typeof r === 'object') : undefined;
}

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

/**
 * VP-CI-3 (error): a Kubernetes secrets engine role whose tokens carry `*`
 * verbs cluster-wide: a generated ClusterRole with `*` verbs, `*` verbs for
 * every namespace, or a binding to `cluster-admin`.
 *
 * Anyone who may request its credentials gets a cluster-admin token; a
 * pipeline needs the verbs and resources it deploys, in its namespaces.
 */
export const kubernetesSecretsRoleClusterWildcard: Rule = {
  id: 'VP-CI-3',
  level: 'error',
  summary: 'Kubernetes secrets engine role issues tokens with * verbs cluster-wide',
  why: 'Whoever may request its credentials gets a cluster-admin token.',
  appliesTo: ['vault_kubernetes_secret_backend_role'],
  check: ({ config }) => {
    const role = `role '${config.name}'`;
    const clusterRole = String(config.kubernetes_role_type ?? 'Role').toLowerCase() === 'clusterrole';
    const everyNamespace = list(config.allowed_kubernetes_namespaces).includes('*');
    const found: string[] = [];
    if (config.kubernetes_role_name === 'cluster-admin') found.push(`${role} binds kubernetes_role_name = "cluster-admin"`);
    if (!clusterRole && !everyNamespace) return found;
    const scope = clusterRole ? 'a ClusterRole' : 'every namespace';
    for (const [i, rule] of (generatedRules(config.generated_role_rules) ?? []).entries()) {
      if (list(rule.verbs).includes('*')) found.push(`${role} generates ${scope} whose rule ${i} has verbs ["*"] on ${JSON.stringify(list(rule.resources))}`);
    }
    return found;
  },
};
