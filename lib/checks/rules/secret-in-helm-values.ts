import { carriesSecret, SECRET_KEY_NAME } from '../private/secrets';
import { helmValues, leaves } from '../private/values';
import { Rule } from '../rule';

/** VP-SEC-2: secret material in Helm values. */
export const secretInHelmValues: Rule = {
  id: 'VP-SEC-2',
  level: 'error',
  summary: 'Helm values hold secret material',
  why: 'Helm stores values in plain text in the release Secret and shows them in plans and `helm get values`; mount a Kubernetes Secret or use set_sensitive.',
  appliesTo: ['helm_release'],
  check: ({ config }) => {
    const found: string[] = [];
    for (const doc of helmValues(config)) {
      for (const [path, value] of leaves(doc)) {
        if (typeof value !== 'string' || value.length === 0) continue;
        const key = path[path.length - 1] ?? '';
        // Keys compared as Helm charts spell them: any case, words joined by `_`, `-` or nothing.
        const word = key.toLowerCase().replace(/[-_]/g, '');
        // A key that names a Secret object (secretName, existingSecret, tls_secret, secret_key_ref) is a
        // reference, not a secret. client_secret is no such name: it is the OAuth client's secret itself.
        const namesASecret = /secret(name|ref|keyref)?$|existingsecret/.test(word) && !/clientsecret$/.test(word) && !carriesSecret(value);
        // A key naming a file (AZURE_FEDERATED_TOKEN_FILE, tokenPath) with an absolute path is where a secret is read from, not one.
        const namesAFile = /(file|path)$/i.test(key) && /^\/[^\s]*$/.test(value);
        if (carriesSecret(value) || (SECRET_KEY_NAME.test(key) && !namesASecret && !namesAFile)) found.push(`release '${config.name}' value '${path.join('.')}'`);
      }
    }
    for (const s of config.set ?? []) {
      if (typeof s?.value === 'string' && (carriesSecret(s.value) || SECRET_KEY_NAME.test(String(s.name)))) {
        found.push(`release '${config.name}' set '${s.name}' (use set_sensitive)`);
      }
    }
    return found;
  },
};
