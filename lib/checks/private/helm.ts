import { holdsTerraformExpression } from '../../core/unresolved';
import { encodedValue } from './expression';
import { helmValues } from './values';

/**
 * Whether a helm_release installs `chart`, however it is named: `vault`,
 * `hashicorp/vault`, `oci://registry/hashicorp/vault`, a chart archive URL or
 * path (`https://helm.releases.hashicorp.com/vault-0.34.1.tgz`, a Windows
 * `C:\charts\vault-0.34.1.tgz`), with a tag
 * or digest, in any case.
 */
export function isChart(config: Record<string, any>, chart: string): boolean {
  return chartName(config.chart) === chart.toLowerCase();
}

/** The bare chart name of a helm_release `chart` value, or `undefined` when it is an apply-time value. */
export function chartName(value: unknown): string | undefined {
  if (typeof value !== 'string' || holdsTerraformExpression(value)) return undefined;
  let name = value.trim().toLowerCase().replace(/[?#].*$/, '').replace(/[/\\]+$/, '');
  // A local path on Windows (`C:\charts\vault`) separates with backslashes, which no URL or OCI name holds.
  name = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  name = name.replace(/@sha256:[0-9a-f]+$/, '').replace(/:[^:]*$/, '').replace(/\.(tgz|tar\.gz)$/, '');
  // An archive is named <chart>-<version>.
  return name.replace(/-v?\d+\.\d+\.\d+([-+][0-9a-z.+-]*)?$/, '');
}

/** The values a helm_release hands to its chart, as far as synth can tell. */
export interface EffectiveValues {
  /** `values` documents merged in order, then `set`, `set_list` and `set_sensitive` applied. */
  readonly values: Record<string, any>;
  /** The `values` documents outside the YAML subset the pack reads, as text. */
  readonly unread: readonly string[];
  /**
   * Values known only at apply time: `values` documents that are Terraform
   * expressions (`file()`, `templatefile()`, a variable) other than a literal
   * `yamlencode`/`jsonencode`, and `set` entries with a computed name.
   */
  readonly unknown: readonly string[];
}

/**
 * Merges a helm_release's `values` and `set*` entries the way Helm does:
 * later documents override earlier ones key by key, `set` entries override
 * documents, and a `null` removes a key.
 */
export function effectiveHelmValues(config: Record<string, any>): EffectiveValues {
  const values: Record<string, any> = {};
  const unread: string[] = [];
  const unknown: string[] = [];
  for (const raw of Array.isArray(config.values) ? config.values : []) {
    if (typeof raw !== 'string') continue;
    if (holdsTerraformExpression(raw)) {
      // A JSON document whose references sit inside string leaves (a client id
      // from another stack) keeps its keys literal: Terraform fills in only
      // those leaves, so dev mode and TLS stay readable.
      const literal = jsonWithExpressionLeaves(raw);
      if (literal) {
        coalesce(values, literal);
        continue;
      }
      // cdktf writes Fn.yamlencode({...}) as `${yamlencode({...})}`: read the literal argument.
      const doc = encodedValue(raw);
      if (doc && typeof doc === 'object' && !Array.isArray(doc)) coalesce(values, doc as Record<string, any>);
      else unknown.push(raw);
      continue;
    }
    for (const doc of helmValues({ values: [raw] })) {
      if (typeof doc.__text === 'string' && Object.keys(doc).length === 1) unread.push(doc.__text);
      else coalesce(values, doc);
    }
  }
  for (const field of ['set', 'set_list', 'set_sensitive']) {
    const entries = config[field];
    if (!Array.isArray(entries)) continue;
    for (const entry of entries) {
      if (!entry || typeof entry.name !== 'string') continue;
      const path = setPath(entry.name);
      if (!path) {
        unknown.push(String(entry.name));
        continue;
      }
      const value = field === 'set_list'
        ? (Array.isArray(entry.value) ? entry.value : [])
        : typedSetValue(entry.value, entry.type);
      assign(values, path, value);
    }
  }
  return { values, unread, unknown };
}

/** Whether a chart value is on, as chart templates test it (`eq (x | toString) "true"`). */
export function isOn(value: unknown): boolean {
  return String(value) === 'true';
}

function isPlainObject(v: unknown): v is Record<string, any> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/**
 * A values document that parses as a JSON object as written, with every
 * Terraform expression inside a string leaf (no key and no structure is
 * computed), or undefined.
 */
function jsonWithExpressionLeaves(raw: string): Record<string, any> | undefined {
  if (!raw.trimStart().startsWith('{')) return undefined;
  let doc: unknown;
  try {
    doc = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (!isPlainObject(doc)) return undefined;
  const keysLiteral = (v: unknown): boolean =>
    Array.isArray(v) ? v.every(keysLiteral) : isPlainObject(v) ? Object.entries(v).every(([k, x]) => !holdsTerraformExpression(k) && keysLiteral(x)) : true;
  return keysLiteral(doc) ? doc : undefined;
}

function coalesce(target: Record<string, any>, source: Record<string, any>): void {
  for (const [k, v] of Object.entries(source)) {
    if (v === null) {
      delete target[k];
    } else if (isPlainObject(v)) {
      if (!isPlainObject(target[k])) target[k] = {};
      coalesce(target[k], v);
    } else {
      target[k] = v;
    }
  }
}

/**
 * Splits a `--set` key (`server.dev.enabled`, `a.b[0].c`, `annotations.a\.b/c`)
 * into object keys and list indexes, or undefined for a Terraform expression.
 */
function setPath(name: string): (string | number)[] | undefined {
  if (holdsTerraformExpression(name)) return undefined;
  const out: (string | number)[] = [];
  let key = '';
  for (let i = 0; i < name.length; i++) {
    const c = name[i];
    if (c === '\\' && i + 1 < name.length) {
      key += name[++i];
    } else if (c === '.') {
      if (key) out.push(key);
      key = '';
    } else if (c === '[') {
      const close = name.indexOf(']', i);
      const index = Number(name.slice(i + 1, close));
      if (close < 0 || !Number.isInteger(index)) return undefined;
      if (key) out.push(key);
      key = '';
      out.push(index);
      i = close;
    } else {
      key += c;
    }
  }
  if (key) out.push(key);
  return out.length ? out : undefined;
}

/**
 * A `set` value as Helm's strvals types it: with `type = "string"` it stays
 * text; otherwise `true`/`false`/`null` (any case) and integers are typed, and
 * everything else (`yes`, `1.5`) stays text.
 */
function typedSetValue(value: unknown, type: unknown): unknown {
  if (typeof value !== 'string' || type === 'string') return value;
  const lower = value.toLowerCase();
  if (lower === 'true' || lower === 'false') return lower === 'true';
  if (lower === 'null') return null;
  return /^[-+]?(0|[1-9]\d*)$/.test(value) ? Number(value) : value;
}

function assign(target: any, path: (string | number)[], value: unknown): void {
  let node = target;
  for (let i = 0; i < path.length - 1; i++) {
    const k = path[i];
    const nextIsIndex = typeof path[i + 1] === 'number';
    // A missing key, a null or a scalar on the way is replaced (typeof undefined is not 'object').
    if (node[k] === null || typeof node[k] !== 'object') node[k] = nextIsIndex ? [] : {};
    node = node[k];
  }
  const last = path[path.length - 1];
  if (value === null && !Array.isArray(node)) delete node[last];
  else node[last] = value;
}
