import { parseJsonOrYaml } from '../../core/private/json-or-yaml';
// Helpers rule bodies share to read synthesized values: Helm values documents,
// leaves of nested objects, `${...}` expressions. Not part of the public surface.

/**
 * The blocks of a nested block attribute, as Terraform JSON takes them: a
 * list of objects, or one block as the object itself (cdktf writes single
 * blocks such as `lifecycle` as objects; an override may write either).
 * Entries that are not objects (an override's `null`) hold nothing to read.
 */
export function blocksOf(value: unknown): Record<string, any>[] {
  return (Array.isArray(value) ? value : [value]).filter((b): b is Record<string, any> => typeof b === 'object' && b !== null);
}

/**
 * Reads `values` of a helm_release as objects. They are JSON (what this
 * library's constructs write) or YAML strings; YAML is read as Helm reads it,
 * YAML 1.1 (`yes` and `on` are true). A document that does not parse comes
 * back as `{ __text: <the string> }`: rules that need structure cannot read
 * it, and the secret scan still sees its text.
 */
export function helmValues(config: Record<string, any>): Record<string, any>[] {
  const out: Record<string, any>[] = [];
  for (const v of Array.isArray(config.values) ? config.values : []) {
    if (typeof v !== 'string') continue;
    // Helm reads values as YAML 1.1 (`yes` and `on` are true).
    const doc = parseJsonOrYaml(v, '1.1');
    if (!doc) {
      out.push({ __text: v });
      continue;
    }
    const parsed = doc.value;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) out.push(parsed as Record<string, any>);
  }
  return out;
}

/**
 * Every `[path, leaf]` pair of a value, depth first. A loop over one path
 * stack rather than a recursive generator: rules walk every manifest and
 * every Helm values document, and the generator's copy of the path at each
 * level cost more than the checks themselves. With `keyed`, only leaves whose
 * own key passes it are returned (and only their paths are copied: a rule
 * looking for one key name in every manifest reads 1,600 manifests at 200
 * teams).
 */
export function leaves(value: unknown, path: string[] = [], keyed?: (key: string) => boolean): Array<[string[], unknown]> {
  const out: Array<[string[], unknown]> = [];
  const stack = [...path];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        stack.push(String(i));
        walk(v[i]);
        stack.pop();
      }
    } else if (v && typeof v === 'object') {
      for (const k of Object.keys(v)) {
        stack.push(k);
        walk((v as Record<string, unknown>)[k]);
        stack.pop();
      }
    } else if (!keyed || keyed(stack[stack.length - 1] ?? '')) {
      out.push([stack.slice(), v]);
    }
  };
  walk(value);
  return out;
}

/** Reads a nested property of a plain object, or undefined. */
export function dig(value: any, ...path: string[]): any {
  return path.reduce((acc, k) => (acc && typeof acc === 'object' ? acc[k] : undefined), value);
}
