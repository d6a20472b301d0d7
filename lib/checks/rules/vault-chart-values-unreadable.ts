import { effectiveHelmValues, isChart } from '../private/helm';
import { Rule } from '../rule';

/**
 * VP-HELM-3 (warning): a Vault chart release whose values the pack cannot
 * read, so VP-HELM-1 and VP-HELM-2 cannot vouch for it: values documents
 * from `file()`, `templatefile()` or a variable, or `set` entries with a
 * computed name. (A literal `Fn.yamlencode({...})` or `Fn.jsonencode` is read.)
 */
export const vaultChartValuesUnreadable: Rule = {
  id: 'VP-HELM-3',
  level: 'warning',
  summary: 'Vault chart values the rule pack cannot read',
  why: 'Dev mode and TLS are judged only on values the pack can read: review these where they are written.',
  appliesTo: ['helm_release'],
  check: ({ config }) => {
    if (!isChart(config, 'vault')) return [];
    const { unknown } = effectiveHelmValues(config);
    // A document can be long: name its start, which is enough to find it.
    const shown = unknown.map((u) => (u.length > 120 ? `${u.slice(0, 117)}...` : u));
    return unknown.length ? [`release '${config.name}' takes values computed at apply time: ${shown.join(', ')}`] : [];
  },
};
