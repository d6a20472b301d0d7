import { holdsTerraformExpression } from '../../core/unresolved';
import { effectiveHelmValues, isChart } from '../private/helm';
import { dig } from '../private/values';
import { Rule } from '../rule';

// `tlsDisable: false` in a values document outside the YAML subset the pack reads.
const TLS_ON_TEXT = /^\s*tlsDisable:\s*(false|no|off|0)\s*(#.*)?$/m;

/**
 * VP-HELM-2 (warning): the Vault chart without TLS on its listener.
 *
 * The chart serves HTTP when `global.tlsDisable` is truthy in its template
 * (`if .Values.global.tlsDisable`), and its default is `true`: only `false`
 * (or `0`) turns TLS on, while the *string* `"false"` (a quoted YAML value or
 * `set` with `type = "string"`) is truthy and leaves it off. Values are merged
 * as Helm merges them (documents in order, then `set*` entries); a value only
 * known at apply time is not judged, and neither is a release whose values
 * are partly computed (VP-HELM-3 reports those).
 */
export const vaultChartTlsDisabled: Rule = {
  id: 'VP-HELM-2',
  level: 'warning',
  summary: 'Vault serves plain HTTP',
  why: 'The chart\'s default global.tlsDisable: true makes clients send tokens unencrypted; serve TLS and give clients the CA.',
  appliesTo: ['helm_release'],
  check: ({ config }) => {
    if (!isChart(config, 'vault')) return [];
    const { values, unread, unknown } = effectiveHelmValues(config);
    const tlsDisable = dig(values, 'global', 'tlsDisable');
    if (holdsTerraformExpression(tlsDisable)) return [];
    // Values known only at apply time may set it: VP-HELM-3 says the pack cannot tell, rather than this rule claiming it is off.
    if (tlsDisable === undefined && unknown.length > 0) return [];
    if (tlsDisable === false || tlsDisable === 0 || tlsDisable === '') return [];
    if (tlsDisable === undefined && unread.some((text) => TLS_ON_TEXT.test(text))) return [];
    return typeof tlsDisable === 'string'
      ? [`release '${config.name}' sets global.tlsDisable to the string ${JSON.stringify(tlsDisable)}, which the chart reads as true`]
      : [`release '${config.name}' leaves global.tlsDisable true`];
  },
};
