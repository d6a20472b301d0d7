import { dig } from '../private/values';
import { Rule } from '../rule';

/** VP-ACME-1: an ACME issuer with no contact email. */
export const acmeContactEmail: Rule = {
  id: 'VP-ACME-1',
  level: 'warning',
  summary: 'ACME issuer has no contact email',
  why: 'The CA cannot warn about expiring certificates or account problems.',
  appliesTo: ['kubernetes_manifest'],
  check: ({ config }) => {
    const m = config.manifest ?? {};
    if (m.kind !== 'Issuer' && m.kind !== 'ClusterIssuer') return [];
    const acme = dig(m, 'spec', 'acme');
    return acme && !acme.email ? [`${m.kind} '${m.metadata?.name}' has spec.acme without email`] : [];
  },
};
