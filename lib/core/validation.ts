import { Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { TemplateLiteralGuard } from './template-literal';

/**
 * Collects every problem of one construct's props and throws them together,
 * so a user fixes all of them in one round instead of one per synth.
 *
 * Each message names the construct kind and path, the prop, the value received
 * and what is allowed:
 * `VaultK8sAuth 'homelab/Auth': role 'eso': 'tokenTtl' must be a duration like 15m or 1h (got '15 minutes')`.
 *
 * Values that are unresolved tokens (known only at apply time) are never
 * checked: validation here is for literals.
 */
export class PropValidator {
  private readonly problems: string[] = [];

  /**
   * @param construct the construct whose props are checked (its path goes into every message)
   * @param kind the construct's class name, e.g. `VaultK8sAuth`
   * @param context an optional qualifier such as `role 'eso'`
   */
  constructor(
    private readonly construct: IConstruct,
    private readonly kind: string,
    private readonly context?: string,
  ) {
    // Every library construct validates its props here, so this is where its
    // resources learn to write user strings as literals, never as templates.
    TemplateLiteralGuard.protect(construct);
  }

  /** A validator for a sub-object (a role, a rule) that reports into this one. */
  public child(context: string): PropValidator {
    const sub = new PropValidator(this.construct, this.kind, this.context ? `${this.context}: ${context}` : context);
    // Share the problem list so one error lists everything.
    (sub as unknown as { problems: string[] }).problems = this.problems;
    return sub;
  }

  /** Records a problem unless `ok` holds. `value` is quoted into the message. */
  public check(ok: boolean, prop: string, value: unknown, allowed: string): this {
    if (!ok) this.fail(prop, value, allowed);
    return this;
  }

  /** Records a problem for `prop`. */
  public fail(prop: string, value: unknown, allowed: string): this {
    const where = this.context ? `${this.context}: ` : '';
    this.problems.push(`${where}'${prop}' ${allowed} (got ${show(value)})`);
    return this;
  }

  /** Checks a literal string against a predicate; tokens and `undefined` pass. */
  public string(prop: string, value: string | undefined, ok: (v: string) => boolean, allowed: string): this {
    if (value === undefined || isUnresolvedValue(value)) return this;
    return this.check(ok(value), prop, value, allowed);
  }

  /** A Kubernetes object name (DNS-1123 subdomain, at most 253 characters). */
  public dnsSubdomain(prop: string, value: string | undefined): this {
    return this.string(prop, value, isDnsSubdomain, 'must be a DNS-1123 subdomain: lowercase letters, digits, "-" and ".", starting and ending with a letter or digit, at most 253 characters');
  }

  /** A Kubernetes namespace or ServiceAccount-like name (DNS-1123 label, at most 63 characters). */
  public dnsLabel(prop: string, value: string | undefined): this {
    return this.string(prop, value, isDnsLabel, 'must be a DNS-1123 label: lowercase letters, digits and "-", starting and ending with a letter or digit, at most 63 characters');
  }

  /** A Vault duration (`30s`, `15m`, `1h`, `1h30m`) or a whole number of seconds. */
  public duration(prop: string, value: string | number | undefined, opts: { min?: number; max?: number } = {}): this {
    if (value === undefined || (typeof value === 'string' && Token.isUnresolved(value))) return this;
    if (typeof value === 'number' && Token.isUnresolved(value)) return this;
    const seconds = parseDuration(value);
    if (seconds === undefined) {
      return this.fail(prop, value, 'must be a duration like 15m or 1h (units s, m, h) or a whole number of seconds');
    }
    if (opts.min !== undefined && seconds < opts.min) {
      return this.fail(prop, value, `must be at least ${formatDuration(opts.min)}`);
    }
    const max = opts.max ?? MAX_DURATION_SECONDS;
    if (seconds > max) {
      return this.fail(prop, value, `must be at most ${formatDuration(max)}${opts.max === undefined ? ' (ten years: no Vault lifetime is longer, and larger numbers overflow Go\'s durations)' : ''}`);
    }
    return this;
  }

  /**
   * A Go `time.ParseDuration` string (`30s`, `1h30m`, `1.5h`), as Kubernetes
   * operators parse `metav1.Duration` fields. Unlike {@link duration}, a bare
   * number of seconds is rejected (Go refuses it), except `'0'`, which Go
   * accepts as zero.
   */
  public goDuration(prop: string, value: string | undefined, opts: { min?: number; max?: number } = {}): this {
    if (value === undefined || isUnresolvedValue(value)) return this;
    const seconds = parseGoDurationSeconds(value);
    if (seconds === undefined) {
      return this.fail(prop, value, "must be a duration with a unit like 30s, 15m or 1h30m (Go syntax: units ns, us, ms, s, m, h; no bare numbers, no 'd')");
    }
    if (opts.min !== undefined && seconds < opts.min) {
      return this.fail(prop, value, `must be at least ${formatDuration(opts.min)}`);
    }
    const max = opts.max ?? MAX_DURATION_SECONDS;
    if (seconds > max) {
      return this.fail(prop, value, `must be at most ${formatDuration(max)}${opts.max === undefined ? ' (ten years)' : ''}`);
    }
    return this;
  }

  /** An Entra / Azure id: a UUID such as a tenant, subscription, client or object id. */
  public uuid(prop: string, value: string | undefined): this {
    return this.string(prop, value, isUuid, 'must be a UUID like 00000000-0000-0000-0000-000000000000');
  }

  /** A non-empty list. */
  public nonEmpty(prop: string, value: readonly unknown[] | undefined): this {
    if (value === undefined || Token.isUnresolved(value)) return this;
    return this.check(value.length > 0, prop, value, 'must not be empty');
  }

  /** A URL with one of the given schemes. */
  public url(prop: string, value: string | undefined, schemes: readonly string[] = ['https']): this {
    this.string(prop, value, (v) => isUrl(v, schemes) || hasUrlCredentials(v), `must be a URL starting with ${schemes.map((s) => `${s}://`).join(' or ')}`);
    return this.string(prop, value, (v) => !hasUrlCredentials(v), URL_CREDENTIALS_RULE);
  }

  /** A value from a fixed set. */
  public oneOf<T>(prop: string, value: T | undefined, allowed: readonly T[]): this {
    if (value === undefined || (typeof value === 'string' && isUnresolvedValue(value))) return this;
    return this.check(allowed.includes(value), prop, value, `must be one of ${allowed.map((a) => `'${String(a)}'`).join(', ')}`);
  }

  /** Throws one error listing every recorded problem, if there are any. */
  public throwIfInvalid(): void {
    if (this.problems.length === 0) return;
    const head = `${this.kind} '${this.construct.node.path}'`;
    throw new Error(this.problems.map((p) => `${head}: ${p}`).join('\n'));
  }

  /** Whether any problem has been recorded. */
  public get hasProblems(): boolean {
    return this.problems.length > 0;
  }
}

/**
 * Whether `value` is known only at apply time: an unresolved token, including
 * one element of a list token (`TerraformVariable.listValue` and list
 * attributes encode as a one-element array whose element `Token.isUnresolved`
 * does not recognise on its own), so that checking a token list element by
 * element never rejects it.
 */
export function isUnresolvedValue(value: unknown): boolean {
  return Token.isUnresolved(value) || (typeof value === 'string' && Token.isUnresolved([value]));
}

/**
 * Whether two values are both literals (not unresolved tokens, not undefined)
 * and different: cross-checks between props use it so that a value known only
 * at apply time never fails them.
 */
export function literalsDiffer(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined || isUnresolvedValue(a) || isUnresolvedValue(b)) return false;
  return a !== b;
}

function show(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (value === undefined) return 'nothing';
  return JSON.stringify(value);
}

/**
 * The longest duration any prop takes: ten years (87600h), a long-lived root
 * CA. Nothing in Vault or Kubernetes lives longer, and Go's time.Duration
 * overflows at 292 years, so `1e21` seconds is a typo or an attack.
 */
export const MAX_DURATION_SECONDS = 10 * 8760 * 3600;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `v` is a UUID (tenant, subscription, client and object ids). */
export function isUuid(v: string): boolean {
  return UUID.test(v);
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** RFC 1123 label, as Kubernetes checks namespace and most resource names. */
export function isDnsLabel(v: string): boolean {
  return v.length <= 63 && DNS_LABEL.test(v);
}

/** RFC 1123 subdomain, as Kubernetes checks object names. */
export function isDnsSubdomain(v: string): boolean {
  return v.length <= 253 && v.split('.').every((part) => DNS_LABEL.test(part));
}

/**
 * The one URL judgment: whether `v` parses as a URL with one of `schemes`
 * (in any case: `HTTP://` is http) and a host, and carries no credentials.
 * A `user:password@` part would be written into Terraform state, into
 * manifests and (for PKI `urlBase`) into every certificate issued.
 */
export function isUrl(v: string, schemes: readonly string[]): boolean {
  const u = parseUrl(v);
  return u !== undefined && schemes.includes(u.protocol.replace(/:$/, '')) && u.hostname.length > 0 && !u.username && !u.password;
}

/** Whether a URL string carries a user name or password (`https://user:pw@host`). */
export function hasUrlCredentials(v: string): boolean {
  const u = parseUrl(v);
  return u !== undefined && (u.username !== '' || u.password !== '');
}

/** The scheme of a URL string, lowercased as URL parsers do (`HTTP://x` is `http`), or `undefined`. */
export function urlScheme(v: string): string | undefined {
  return /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(v.trim())?.[1].toLowerCase();
}

/** What the credentials check says. */
export const URL_CREDENTIALS_RULE = "must not carry credentials ('user:password@'): they would be written into state, manifests and certificates; use the provider's auth instead";

function parseUrl(v: string): URL | undefined {
  try {
    return new URL(v);
  } catch {
    return undefined;
  }
}

const DURATION = /^(\d+h)?(\d+m)?(\d+s)?$/;

/**
 * Parses a Vault/Go style duration (`1h30m`, `15m`, `45s`) or a whole number of
 * seconds into seconds. Returns `undefined` for anything else, including days:
 * Go's `time.ParseDuration`, which Kubernetes operators use, has no `d` unit.
 */
export function parseDuration(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : undefined;
  if (/^\d+$/.test(value)) return Number(value);
  const m = DURATION.exec(value);
  if (!m || value === '') return undefined;
  const [, h, min, s] = m;
  return (h ? parseInt(h, 10) * 3600 : 0) + (min ? parseInt(min, 10) * 60 : 0) + (s ? parseInt(s, 10) : 0);
}

const GO_DURATION_UNITS: Record<string, number> = { 'ns': 1e-9, 'us': 1e-6, '\u00b5s': 1e-6, '\u03bcs': 1e-6, 'ms': 1e-3, 's': 1, 'm': 60, 'h': 3600 };
const GO_DURATION = /^(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|\u00b5s|\u03bcs|ms|s|m|h))+$/;
const GO_DURATION_PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|\u00b5s|\u03bcs|ms|s|m|h)/g;

/**
 * Parses a non-negative Go `time.ParseDuration` string (`1h30m`, `1.5h`,
 * `500ms`, and `0`) into seconds. Returns `undefined` for anything Go refuses
 * (a bare number other than `0`, `d`, spaces), and for negative durations,
 * which no operator field here means.
 */
export function parseGoDurationSeconds(value: string): number | undefined {
  if (value === '0') return 0;
  if (!GO_DURATION.test(value)) return undefined;
  let total = 0;
  for (const m of value.matchAll(GO_DURATION_PART)) total += parseFloat(m[1]) * GO_DURATION_UNITS[m[2]];
  return total;
}

/** Formats seconds as the shortest `XhYmZs` string (`0s` for zero). */
export function formatDuration(seconds: number): string {
  if (seconds === 0) return '0s';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s ? `${s}s` : ''}`;
}

/**
 * Converts a validated duration prop to seconds for a provider attribute,
 * passing tokens through untouched.
 */
export function toSeconds(value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') return value;
  if (Token.isUnresolved(value)) return Token.asNumber(value);
  return parseDuration(value);
}
