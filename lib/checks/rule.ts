import { IConstruct } from 'constructs';

/** How bad a finding is. `error` findings fail the synth with `failOnError`. */
export type RuleLevel = 'error' | 'warning';

/**
 * One synthesized element as a rule sees it: a resource or data source (by
 * Terraform type) or an output, with its configuration resolved to plain JSON
 * (references stay `${...}` strings).
 */
export interface ElementView {
  /** `resource`, `data` or `output`. */
  readonly kind: 'resource' | 'data' | 'output';
  /** Terraform type (`vault_policy`), or `output`. */
  readonly type: string;
  /** The resolved configuration, snake_case as in the JSON. */
  readonly config: Record<string, any>;
  /** The construct findings are reported on: the library construct owning the element, or the element. */
  readonly construct: IConstruct;
  /** The element's own construct (suppressions are looked up from here upwards). */
  readonly node: IConstruct;
}

/**
 * A rule of the pack. Rules read the synthesized configuration, so they also
 * judge what a team wrote with raw provider resources.
 */
export interface Rule {
  /** Stable id, used in annotations and suppressions (`VP-TLS-1`). */
  readonly id: string;
  readonly level: RuleLevel;
  /** What is wrong, in one line. */
  readonly summary: string;
  /** Why it matters. */
  readonly why: string;
  /** The Terraform types the rule looks at (`output` for outputs). */
  readonly appliesTo: readonly string[];
  /**
   * Returns a description of each problem found (empty when the element is fine).
   */
  check(element: ElementView): string[];
}

/** Reads `values` of a helm_release as objects (they are JSON or YAML strings). */
export function helmValues(config: Record<string, any>): Record<string, any>[] {
  const out: Record<string, any>[] = [];
  for (const v of config.values ?? []) {
    if (typeof v !== 'string') continue;
    try {
      const parsed = JSON.parse(v);
      if (parsed && typeof parsed === 'object') out.push(parsed);
    } catch {
      // A YAML document: rules that need structure cannot read it; the secret
      // scan still sees it as text.
      out.push({ __text: v });
    }
  }
  return out;
}

/** Walks a value and yields every `[path, leaf]` pair. */
export function* leaves(value: unknown, path: string[] = []): Generator<[string[], unknown]> {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* leaves(value[i], [...path, String(i)]);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) yield* leaves(v, [...path, k]);
  } else {
    yield [path, value];
  }
}

/** Reads a nested property of a plain object, or undefined. */
export function dig(value: any, ...path: string[]): any {
  return path.reduce((acc, k) => (acc && typeof acc === 'object' ? acc[k] : undefined), value);
}

/** A Terraform reference to an attribute that carries secret material. */
export const SECRET_REFERENCE = new RegExp([
  String.raw`\b(azuread_application_password|azuread_service_principal_password)\.[\w-]+\.value\b`,
  String.raw`\brandom_password\.[\w-]+\.result\b`,
  String.raw`\bkubernetes_secret(_v1)?\.[\w-]+\.(data|binary_data)\b`,
  String.raw`\b(vault_generic_secret|vault_kv_secret(_v2)?)\.[\w-]+\.data(_json)?\b`,
  String.raw`\.(client_secret|private_key(_pem|_openssh)?|password|secret_id|token_reviewer_jwt)\b`,
].map((p) => String.raw`\$\{[^}]*${p}`).join('|'));

/** A literal that is secret material by its shape: a private key or a JWT. */
export const SECRET_LITERAL = /-----BEGIN ([A-Z ]+ )?PRIVATE KEY-----|\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+/;

/** A key name that announces a secret value. */
export const SECRET_KEY_NAME = /(^|[_.-])(password|passwd|secret|client_?secret|token|private_?key|api_?key)($|[_.-])/i;

/** Whether a string holds secret material or refers to it. */
export function carriesSecret(text: string): boolean {
  return SECRET_REFERENCE.test(text) || SECRET_LITERAL.test(text);
}
