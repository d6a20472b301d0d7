import { leaves, Rule } from '../rule';

/** VP-TLS-1: a Kubernetes client of Vault (or ACME) that skips TLS verification. */
export const tlsVerifyDisabled: Rule = {
  id: 'VP-TLS-1',
  level: 'error',
  summary: 'TLS verification is disabled',
  why: 'Anyone on the path can impersonate the server and read every token and secret sent to it.',
  appliesTo: ['kubernetes_manifest'],
  check: ({ config }) => {
    const found: string[] = [];
    for (const [path, value] of leaves(config.manifest ?? {})) {
      const key = path[path.length - 1];
      if (/^(skipTLSVerify|insecureSkipVerify|tlsSkipVerify|skipTlsVerify)$/.test(key) && value === true) {
        found.push(`${config.manifest.kind} '${config.manifest.metadata?.name}' sets ${path.join('.')}: true`);
      }
    }
    return found;
  },
};
