import { IConstruct } from 'constructs';
import { assertSingleCdktf } from './single-cdktf';
import { TemplateLiteralGuard } from './template-literal';
import { formatDuration, parseDuration, parseUnsignedGoDuration } from './duration';
import { isUnresolvedToken } from './unresolved';
import { ValidationError, ValidationProblem } from './validation-error';

/** Bounds of a duration prop, in seconds. */
export interface DurationBounds {
  readonly min?: number;
  readonly max?: number;
}

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
  private readonly problems: ValidationProblem[] = [];

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
    // Every construct validates its props first: the place to refuse a second cdktf,
    // and where its resources learn to write user strings as literals, never as templates.
    assertSingleCdktf(construct);
    TemplateLiteralGuard.protect(construct);
  }

  /** A validator for a sub-object (a role, a rule) that reports into this one. */
  public child(context: string): PropValidator {
    const sub = new PropValidator(this.construct, this.kind, this.context ? `${this.context}: ${context}` : context);
    // Share the problem list so one error lists everything.
    (sub as unknown as { problems: ValidationProblem[] }).problems = this.problems;
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
    this.problems.push({ prop, message: `${where}'${prop}' ${allowed} (got ${show(value)})`, value, allowed });
    return this;
  }

  /** Checks a literal string against a predicate; tokens and `undefined` pass. */
  public string(prop: string, value: string | undefined, ok: (v: string) => boolean, allowed: string): this {
    if (value === undefined || isUnresolvedToken(value)) return this;
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
  public duration(prop: string, value: string | number | undefined, opts: DurationBounds = {}): this {
    if (value === undefined || isUnresolvedToken(value)) return this;
    return this.durationWithin(prop, value, parseDuration(value), opts,
      'must be a duration like 15m or 1h (units s, m, h) or a whole number of seconds');
  }

  /**
   * A Go `time.ParseDuration` string (`30s`, `1h30m`, `1.5h`), as Kubernetes
   * operators parse `metav1.Duration` fields. Unlike {@link duration}, a bare
   * number of seconds is rejected (Go refuses it), except `'0'`, which Go
   * accepts as zero. A sign is rejected too.
   */
  public goDuration(prop: string, value: string | undefined, opts: DurationBounds = {}): this {
    if (value === undefined || isUnresolvedToken(value)) return this;
    return this.durationWithin(prop, value, parseUnsignedGoDuration(value), opts,
      "must be a duration with a unit like 30s, 15m or 1h30m (Go syntax: units ns, us, ms, s, m, h; no bare numbers, no 'd')");
  }

  /** An Entra / Azure id: a UUID such as a tenant, subscription, client or object id. */
  public uuid(prop: string, value: string | undefined): this {
    return this.string(prop, value, isUuid, 'must be a UUID like 00000000-0000-0000-0000-000000000000');
  }

  /** A non-empty list. */
  public nonEmpty(prop: string, value: readonly unknown[] | undefined): this {
    if (value === undefined || isUnresolvedToken(value)) return this;
    return this.check(value.length > 0, prop, value, 'must not be empty');
  }

  /** A URL with one of the given schemes. */
  public url(prop: string, value: string | undefined, schemes: readonly string[] = ['https']): this {
    this.string(prop, value, (v) => isUrl(v, schemes) || hasUrlCredentials(v), `must be a URL starting with ${schemes.map((s) => `${s}://`).join(' or ')}`);
    return this.string(prop, value, (v) => !hasUrlCredentials(v), URL_CREDENTIALS_RULE);
  }

  /** A value from a fixed set; a token of any kind (string, number, list element) passes. */
  public oneOf<T>(prop: string, value: T | undefined, allowed: readonly T[]): this {
    if (value === undefined || isUnresolvedToken(value)) return this;
    return this.check(allowed.includes(value), prop, value, `must be one of ${allowed.map((a) => `'${String(a)}'`).join(', ')}`);
  }

  private durationWithin(prop: string, value: string | number, seconds: number | undefined, opts: DurationBounds, notADuration: string): this {
    if (seconds === undefined) return this.fail(prop, value, notADuration);
    if (opts.min !== undefined && seconds < opts.min) return this.fail(prop, value, `must be at least ${formatDuration(opts.min)}`);
    const max = opts.max ?? MAX_DURATION_SECONDS;
    if (seconds > max) {
      return this.fail(prop, value, `must be at most ${formatDuration(max)}${opts.max === undefined ? ' (ten years: no Vault lifetime is longer, and larger numbers overflow Go\'s durations)' : ''}`);
    }
    return this;
  }

  /** Throws one {@link ValidationError} listing every recorded problem, if there are any. */
  public throwIfInvalid(): void {
    if (this.problems.length === 0) return;
    throw new ValidationError(this.kind, this.construct.node.path, this.problems);
  }

  /** Whether any problem has been recorded. */
  public get hasProblems(): boolean {
    return this.problems.length > 0;
  }
}

/**
 * Whether two values are both literals (not unresolved tokens, not undefined)
 * and different: cross-checks between props use it so that a value known only
 * at apply time never fails them.
 */
export function literalsDiffer(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined || isUnresolvedToken(a) || isUnresolvedToken(b)) return false;
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
