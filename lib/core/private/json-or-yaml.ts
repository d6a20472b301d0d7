/**
 * Reads a document the way the programs this library feeds do: JSON first,
 * then YAML (Helm values, Vault's namespace selectors and generated RBAC rules
 * accept both). Returns `{ value }`, or `undefined` when neither parses.
 *
 * YAML is loaded on first use: JSON, the common case, never needs it.
 */
export function parseJsonOrYaml(text: string, yamlVersion?: '1.1' | '1.2'): { readonly value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) };
  } catch {
    try {
      const yaml = require('yaml') as typeof import('yaml');
      return { value: yamlVersion ? yaml.parse(text, { version: yamlVersion }) : yaml.parse(text) };
    } catch {
      return undefined;
    }
  }
}
