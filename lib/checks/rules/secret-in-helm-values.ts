import { encodedValue } from '../private/expression';
import { carriesSecret, SECRET_KEY_NAME } from '../private/secrets';
import { blocksOf, dig, helmValues, leaves } from '../private/values';
import { Rule } from '../rule';

/**
 * The documents of one `values` entry as the scan reads them: JSON or YAML
 * text, or a literal `Fn.yamlencode`/`Fn.jsonencode` (cdktf writes
 * `${yamlencode({...})}`, whose references come back as `${...}` leaves).
 */
function valuesDocuments(raw: string): Record<string, any>[] {
  const encoded = encodedValue(raw);
  return encoded && typeof encoded === 'object' && !Array.isArray(encoded) ? [encoded as Record<string, any>] : helmValues({ values: [raw] });
}

/**
 * VP-SEC-2: secret material in Helm values (`values` documents, literal
 * `Fn.yamlencode`/`Fn.jsonencode` included, env-style `{ name, value }`
 * entries read by their name), `set` or `set_list`. A `values`
 * expression the pack cannot read (`templatefile`, `file`) is reported when
 * a secret reference is passed into it.
 */
export const secretInHelmValues: Rule = {
  id: 'VP-SEC-2',
  level: 'error',
  summary: 'Helm values hold secret material',
  why: 'Helm stores values in plain text in the release Secret and shows them in plans and `helm get values`; mount a Kubernetes Secret or use set_sensitive.',
  appliesTo: ['helm_release'],
  check: ({ config }) => {
    const found: string[] = [];
    for (const [i, raw] of (Array.isArray(config.values) ? config.values : []).entries()) {
      if (typeof raw !== 'string') continue;
      const docs = valuesDocuments(raw);
      if (docs.length === 0 && carriesSecret(raw)) found.push(`release '${config.name}' values[${i}] passes secret material into an expression`);
      for (const doc of docs) {
        for (const [path, value] of leaves(doc)) {
          if (typeof value !== 'string' || value.length === 0) continue;
          // An env-style entry ({ name: CLIENT_SECRET, value: ... }, as charts' extraEnv lists hold) is named by its name.
          const named = path[path.length - 1] === 'value' ? dig(doc, ...path.slice(0, -1)).name : undefined;
          const key: string = typeof named === 'string' ? named : path[path.length - 1];
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
    }
    for (const s of blocksOf(config.set)) {
      if (typeof s.value === 'string' && s.value.length > 0 && (carriesSecret(s.value) || SECRET_KEY_NAME.test(String(s.name)))) {
        found.push(`release '${config.name}' set '${s.name}' (use set_sensitive)`);
      }
    }
    for (const s of blocksOf(config.set_list)) {
      const values: unknown[] = Array.isArray(s.value) ? s.value : [];
      if (values.some((v) => typeof v === 'string' && v.length > 0 && (carriesSecret(v) || SECRET_KEY_NAME.test(String(s.name))))) {
        found.push(`release '${config.name}' set_list '${s.name}' (use set_sensitive)`);
      }
    }
    return found;
  },
};
