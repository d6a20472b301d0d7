import { IConstruct } from 'constructs';

/** How bad a finding is. `error` findings fail the synth with `failOnError`. */
export type RuleLevel = 'error' | 'warning';

/**
 * One synthesized element as a rule sees it: a resource or data source (by
 * Terraform type), an output or a provider configuration, with its
 * configuration resolved to plain JSON (references stay `${...}` strings).
 */
export interface ElementView {
  /** `resource`, `data`, `output` or `provider`. */
  readonly kind: 'resource' | 'data' | 'output' | 'provider';
  /**
   * Terraform type (`vault_policy`), `output`, or `provider.<name>` for a
   * provider configuration (`provider.vault`), so that provider names never
   * collide with resource types.
   */
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
    let parsed: unknown;
    try {
      parsed = JSON.parse(v);
    } catch {
      try {
        // Loaded on first use: JSON values, the common case, never need it.
        parsed = (require('yaml') as typeof import('yaml')).parse(v, { version: '1.1' });
      } catch {
        out.push({ __text: v });
        continue;
      }
    }
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) out.push(parsed as Record<string, any>);
  }
  return out;
}

/**
 * Every `[path, leaf]` pair of a value, depth first. A loop over one path
 * stack rather than a recursive generator: rules walk every manifest and
 * every Helm values document, and the generator's copy of the path at each
 * level cost more than the checks themselves.
 */
export function leaves(value: unknown, path: string[] = []): Array<[string[], unknown]> {
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
    } else {
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

/**
 * Attributes that carry secret material, as they appear in a Terraform
 * expression: `<type>.<name>.<attribute>` for resources, with a `data.` prefix
 * for data sources (which the patterns match as well).
 */
const SECRET_ATTRIBUTES = [
  String.raw`\b(azuread_application_password|azuread_service_principal_password)\.[\w-]+\.value\b`,
  // A Key Vault secret's value, written by the resource or read by the data source.
  String.raw`\bazurerm_key_vault_secret\.[\w-]+\.value\b`,
  // The private key of an exported Key Vault certificate.
  String.raw`\bazurerm_key_vault_certificate_data\.[\w-]+\.key\b`,
  String.raw`\brandom_password\.[\w-]+\.result\b`,
  String.raw`\bkubernetes_secret(_v1)?\.[\w-]+\.(data|binary_data)\b`,
  String.raw`\b(vault_generic_secret|vault_kv_secret(_v2)?)\.[\w-]+\.data(_json)?\b`,
  // Generic names: vault_token and approle logins (client_token), Vault's Kubernetes
  // secrets engine (service_account_token), Azure credentials (client_secret), TLS keys.
  String.raw`\.(client_secret|client_token|service_account_token|private_key(_pem|_openssh)?|password|secret_id|token_reviewer_jwt)\b`,
].join('|');

/**
 * A Terraform reference to an attribute that carries secret material, within
 * the first brace level of a `${...}` interpolation. {@link carriesSecret}
 * also looks inside nested braces (`${jsonencode({a = x.password})}`).
 */
export const SECRET_REFERENCE = new RegExp(String.raw`\$\{[^}]*(${SECRET_ATTRIBUTES})`);

const SECRET_ATTRIBUTE = new RegExp(SECRET_ATTRIBUTES);

/** The bodies of the `${...}` interpolations in a string, nested braces included. */
export function interpolations(text: string): string[] {
  const out: string[] = [];
  for (let start = text.indexOf('${'); start >= 0; start = text.indexOf('${', start + 2)) {
    let depth = 0;
    let end = start + 1;
    for (; end < text.length; end++) {
      if (text[end] === '{') depth++;
      else if (text[end] === '}' && --depth === 0) break;
    }
    out.push(text.slice(start + 2, end));
  }
  return out;
}

/** A literal that is secret material by its shape: a private key or a JWT. */
export const SECRET_LITERAL = /-----BEGIN ([A-Z ]+ )?PRIVATE KEY-----|\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+/;

/** A key name that announces a secret value. */
export const SECRET_KEY_NAME = /(^|[_.-])(password|passwd|secret|client_?secret|token|private_?key|api_?key)($|[_.-])/i;

/** Whether a string holds secret material or refers to it. */
export function carriesSecret(text: string): boolean {
  return SECRET_LITERAL.test(text) || interpolations(text).some((body) => SECRET_ATTRIBUTE.test(body));
}
