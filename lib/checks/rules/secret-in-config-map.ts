import { carriesSecret, SECRET_KEY_NAME } from '../private/secrets';
import { blocksOf, leaves } from '../private/values';
import { Rule } from '../rule';

/** VP-SEC-1: secret material in a ConfigMap, in `data` or `binary_data` (a base64-encoded secret reference or a key named like a secret). */
export const secretInConfigMap: Rule = {
  id: 'VP-SEC-1',
  level: 'error',
  summary: 'ConfigMap holds secret material',
  why: 'ConfigMaps are readable by anyone who may read the namespace\'s configuration and are not encrypted at rest; use a Secret.',
  appliesTo: ['kubernetes_config_map', 'kubernetes_config_map_v1', 'kubernetes_config_map_v1_data', 'kubernetes_manifest'],
  check: ({ type, config }) => {
    let maps: Array<[field: string, data: unknown]>;
    let name: string;
    if (type === 'kubernetes_manifest') {
      if (config.manifest?.kind !== 'ConfigMap') return [];
      maps = [['data', config.manifest.data], ['binaryData', config.manifest.binaryData]];
      name = config.manifest.metadata?.name;
    } else {
      maps = [['data', config.data], ['binary_data', config.binary_data]];
      name = blocksOf(config.metadata)[0]?.name;
    }
    const found: string[] = [];
    for (const [field, data] of maps) {
      for (const [path, value] of leaves(data ?? {})) {
        // ConfigMap data is flat: one key, or none for a whole map known only at
        // apply time (`data = kubernetes_secret_v1.x.data`).
        const key = path.join('.');
        if (typeof value === 'string' && (carriesSecret(value) || (SECRET_KEY_NAME.test(key) && value.length > 0))) {
          found.push(path.length ? `ConfigMap '${name}' ${field === 'data' ? 'key' : `${field} key`} '${key}'` : `ConfigMap '${name}' ${field} is ${value}`);
        }
      }
    }
    return found;
  },
};
