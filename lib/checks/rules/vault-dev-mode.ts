import { effectiveHelmValues, isChart, isOn } from '../private/helm';
import { dig } from '../private/values';
import { Rule } from '../rule';

// A `dev:` key directly followed by `enabled: true`, for values documents outside the YAML subset the pack reads.
const DEV_ENABLED_TEXT = /^\s*dev:\s*(#.*)?\n(\s*#.*\n)*\s+enabled:\s*["']?true["']?\s*(#.*)?$/m;

/**
 * VP-HELM-1 (error): the Vault chart in dev mode.
 *
 * Reads `server.dev.enabled` as the chart does (`eq (x | toString) "true"`)
 * from the release's values merged the way Helm merges them: JSON or YAML
 * `values` documents in order, then `set`, `set_list` and `set_sensitive`.
 */
export const vaultDevMode: Rule = {
  id: 'VP-HELM-1',
  level: 'error',
  summary: 'Vault runs in dev mode',
  why: 'Dev mode keeps everything in memory, starts unsealed with a known root token, and loses all data on restart.',
  appliesTo: ['helm_release'],
  check: ({ config }) => {
    if (!isChart(config, 'vault')) return [];
    const { values, unread } = effectiveHelmValues(config);
    const dev = isOn(dig(values, 'server', 'dev', 'enabled')) || unread.some((text) => DEV_ENABLED_TEXT.test(text));
    return dev ? [`release '${config.name}' sets server.dev.enabled`] : [];
  },
};
