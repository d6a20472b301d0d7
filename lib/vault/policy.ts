import { TerraformStack, Token } from 'cdktf';
import { Policy } from '@cdktf/provider-vault/lib/policy';
import { Construct } from 'constructs';
import { warnInsecure } from '../core/annotations';
import { PropValidator } from '../core/validation';
import { hasMidPathStar } from '../core/glob';
import { parsePolicy, policyRuleRisks, renderPolicyHcl as renderRules } from '../core/policy-document';
import { isUnresolvedToken } from '../core/unresolved';

/** The capabilities a Vault policy path rule can grant. */
export type VaultCapability = 'create' | 'read' | 'update' | 'patch' | 'delete' | 'list' | 'sudo' | 'deny' | 'subscribe' | 'recover';

/** Every capability Vault knows; anything else is rejected at synth. */
export const VAULT_CAPABILITIES: readonly VaultCapability[] = ['create', 'read', 'update', 'patch', 'delete', 'list', 'sudo', 'deny', 'subscribe', 'recover'];

/** One `path "..." { capabilities = [...] }` block. */
export interface PolicyRule {
  /** The path, without a leading slash; globs (`*` at the end, `+` for a segment) allowed. */
  readonly path: string;
  /** What the rule allows on the path. */
  readonly capabilities: readonly VaultCapability[];
  /**
   * Restricts the request parameters the rule allows (`allowed_parameters`):
   * each key lists the values it may take, with `*` at the start or end of a
   * value as a glob; an empty list allows any value, and a parameter not
   * listed is refused.
   * @default - every parameter allowed
   */
  readonly allowedParameters?: Readonly<Record<string, readonly string[]>>;
  /**
   * Written as a comment above the rule in the rendered HCL.
   * @default - no comment
   */
  readonly comment?: string;
}

/** A Vault policy, created here or imported by name. */
export interface IVaultPolicy {
  /** The policy's name in Vault, as roles refer to it. */
  readonly policyName: string;
}

/** Properties of a {@link VaultPolicy}. */
export interface VaultPolicyProps {
  /** The policy name in Vault (lowercase; `root` and `default` are Vault's own). */
  readonly policyName: string;
  /**
   * The path rules.
   * @default - none; add them with `addRule`
   */
  readonly rules?: readonly PolicyRule[];
  /**
   * Allow rules whose first path segment is a glob (`*`, `pki*`, `+/...`),
   * which reach every mount. Emits a warning annotation.
   * @default false
   */
  readonly allowWildcardPaths?: boolean;
  /**
   * Allow the `sudo` capability (root-protected endpoints). Emits a warning annotation.
   * @default false
   */
  readonly allowSudo?: boolean;
  /**
   * Allow create, update or patch on Vault's own configuration (`sys/`,
   * `auth/`, `identity/`), beyond the self-service endpoints (renewing and
   * revoking one's own leases and token). Writing `sys/policies/acl/*` or
   * `sys/auth/*` lets a token grant itself anything. Emits a warning annotation.
   * @default false
   */
  readonly allowPrivilegedPaths?: boolean;
}

const NAMES = new WeakMap<TerraformStack, Map<string, string>>();
function namesOf(stack: TerraformStack): Map<string, string> {
  let m = NAMES.get(stack);
  if (!m) NAMES.set(stack, (m = new Map()));
  return m;
}

const POLICY_NAME = /^[a-z0-9][a-z0-9_.-]*$/;
const POLICY_PATH = /^[A-Za-z0-9_.\-/*+{}@=:]+$/;

/**
 * Whether a path reaches beyond one mount: a glob in its first segment
 * (`*`, `pki*`, `+/creds`). `eso/data/*` is scoped to the `eso` mount and is not.
 */
export function isMountWidePath(path: string): boolean {
  return policyRuleRisks({ path, capabilities: ['read'] }).some((r) => r.kind === 'mount-wide');
}

/**
 * A Vault ACL policy rendered to HCL from typed rules.
 *
 * Least privilege is the default: capabilities are checked against Vault's
 * list, and the two ways a policy becomes effectively root (a mount-wide glob
 * path, `sudo`) are refused unless opted into, with a warning.
 */
export class VaultPolicy extends Construct implements IVaultPolicy {
  /** Refers to a policy that exists already (`default`, or one managed elsewhere). */
  public static fromPolicyName(policyName: string): IVaultPolicy {
    // `root` cannot be attached to a role (Vault refuses it), and asking for it is never meant.
    if (!isUnresolvedToken(policyName) && (policyName === 'root' || !POLICY_NAME.test(policyName) || policyName.length > 128)) {
      throw new Error(`VaultPolicy.fromPolicyName: 'policyName' must be an existing policy's name (lowercase letters, digits, '_', '-' or '.'), never 'root' (got '${policyName}')`);
    }
    return { policyName };
  }

  /** The policy name in Vault. */
  public readonly policyName: string;
  /** The underlying `vault_policy` resource (escape hatch: `addOverride`). */
  public readonly resource: Policy;
  private readonly rules: PolicyRule[] = [];
  private readonly allowWildcardPaths: boolean;
  private readonly allowSudo: boolean;
  private readonly allowPrivilegedPaths: boolean;

  constructor(scope: Construct, id: string, props: VaultPolicyProps) {
    super(scope, id);
    this.allowWildcardPaths = props.allowWildcardPaths ?? false;
    this.allowSudo = props.allowSudo ?? false;
    this.allowPrivilegedPaths = props.allowPrivilegedPaths ?? false;

    const v = new PropValidator(this, 'VaultPolicy');
    v.string('policyName', props.policyName, (n) => POLICY_NAME.test(n) && n !== 'root' && n !== 'default' && n.length <= 128,
      "must be lowercase letters, digits, '_', '-' or '.', at most 128 characters, and not 'root' or 'default'");
    for (const rule of props.rules ?? []) this.checkRule(v, rule);
    if (!isUnresolvedToken(props.policyName)) {
      // Vault keys policies by name: a second one with the same name silently replaces the first on apply.
      const names = namesOf(TerraformStack.of(this));
      const other = names.get(props.policyName);
      v.check(other === undefined, 'policyName', props.policyName, `must be unique in the stack: policy '${other}' already has this name, and one would overwrite the other in Vault`);
      if (other === undefined) names.set(props.policyName, this.node.path);
    }
    v.throwIfInvalid();

    this.rules.push(...(props.rules ?? []));
    this.policyName = props.policyName;
    this.resource = new Policy(this, 'Resource', {
      name: props.policyName,
      // Rendered now and again on each addRule rather than through a Lazy: a
      // token captures a full stack trace when it is made. Read back before it
      // is written; the template guard escapes it like every other attribute.
      policy: this.checkedHcl(),
    });
    if (this.allowWildcardPaths) {
      warnInsecure(this, 'allowWildcardPaths', `policy '${props.policyName}' may grant on mount-wide glob paths; scope rules to one mount`);
    }
    if (this.allowSudo) {
      warnInsecure(this, 'allowSudo', `policy '${props.policyName}' may grant sudo on root-protected endpoints`);
    }
    if (this.allowPrivilegedPaths) {
      warnInsecure(this, 'allowPrivilegedPaths', `policy '${props.policyName}' may write Vault's own configuration (sys/, auth/, identity/), up to rewriting policies`);
    }
  }

  /** Adds a path rule; validated like the rules given at construction. */
  public addRule(rule: PolicyRule): this {
    const v = new PropValidator(this, 'VaultPolicy');
    this.checkRule(v, rule);
    v.throwIfInvalid();
    const same = this.rules.find((r) => r.path === rule.path);
    if (same) {
      // Merge instead of writing the path twice: Vault would merge them too, but
      // one block per path keeps the rendered policy readable.
      const merged = [...new Set([...same.capabilities, ...rule.capabilities])];
      this.rules[this.rules.indexOf(same)] = { ...same, capabilities: merged, allowedParameters: mergeAllowedParameters(same.allowedParameters, rule.allowedParameters) };
    } else {
      this.rules.push(rule);
    }
    this.resource.policy = this.checkedHcl();
    return this;
  }

  /** The rules so far (a copy). */
  public get policyRules(): readonly PolicyRule[] {
    return [...this.rules];
  }

  /** The policy as Vault HCL. */
  public renderHcl(): string {
    return renderPolicyHcl(this.rules);
  }

  /**
   * The HCL, read back with the parser Vault's reading is modelled on (the one
   * VP-POL-1 uses): whatever a comment or value holds, the text must grant
   * exactly the typed rules, or the synth stops here rather than hand Vault
   * something else.
   */
  private checkedHcl(): string {
    const hcl = this.renderHcl();
    if (Token.isUnresolved(hcl)) return hcl;
    const parsed = parsePolicy(hcl);
    const expected = mergedRules(this.rules);
    const got = new Map((parsed.rules ?? []).map((r) => [r.path, [...r.capabilities].sort().join(',')]));
    const same = !parsed.error && got.size === expected.size && [...expected].every(([path, caps]) => got.get(path) === caps);
    if (!same) throw new Error(`VaultPolicy '${this.node.path}': the rendered policy does not read back as its rules (${parsed.error ?? 'different paths or capabilities'})`);
    return hcl;
  }

  private checkRule(v: PropValidator, rule: PolicyRule): void {
    const r = v.child(`rule '${rule.path}'`);
    r.string('path', rule.path, isPolicyPathText,
      "must be a non-empty Vault path without a leading '/' (letters, digits, '_-./*+{}@=:')");
    r.string('path', rule.path, (p) => !isPolicyPathText(p) || isPolicyPath(p),
      "must not hold empty, '.' or '..' segments: Vault would match another path than the one written");
    r.string('path', rule.path, (p) => !hasMidPathStar(p),
      "must hold '*' only as its last character: Vault matches a '*' anywhere else literally; use '+' for one segment");
    const path = isUnresolvedToken(rule.path) ? undefined : rule.path;
    const caps = Token.isUnresolved(rule.capabilities) ? [] : rule.capabilities.filter((c) => !isUnresolvedToken(c));
    r.nonEmpty('capabilities', rule.capabilities);
    for (const c of caps) {
      r.check(VAULT_CAPABILITIES.includes(c), 'capabilities', c, `must only hold ${VAULT_CAPABILITIES.join(', ')}`);
    }
    const risks = path === undefined ? [] : policyRuleRisks({ path, capabilities: caps });
    if (risks.some((k) => k.kind === 'mount-wide') && !this.allowWildcardPaths) {
      r.fail('path', rule.path, 'is a glob across every mount; scope it to one mount or set allowWildcardPaths: true');
    }
    if (caps.includes('sudo') && !this.allowSudo) {
      r.fail('capabilities', 'sudo', 'includes sudo; set allowSudo: true if a root-protected endpoint is really needed');
    }
    // A mount-wide glob reaches sys/ too; its own opt-in (and warning) covers that.
    const mountWide = risks.some((k) => k.kind === 'mount-wide');
    for (const risk of risks.filter((k) => !mountWide && (k.kind === 'root-equivalent' || k.kind === 'privileged-write'))) {
      if (!this.allowPrivilegedPaths) r.fail('capabilities', caps, `${risk.message}; set allowPrivilegedPaths: true if this policy really administers Vault`);
    }
    for (const [key, values] of Object.entries(rule.allowedParameters ?? {})) {
      r.check(PARAMETER_NAME.test(key), 'allowedParameters', key, "must have parameter names of letters, digits, '_' or '-', or '*' for any");
      // A list known only at apply time is one token element, which r.string passes.
      for (const value of values) r.string(`allowedParameters.${key}`, value, (x) => PARAMETER_VALUE.test(x), 'must hold values without quotes, backslashes or line breaks');
    }
  }
}

/** Each path's capabilities, merged as Vault merges repeated paths (paths without a leading '/'). */
function mergedRules(rules: readonly PolicyRule[]): Map<string, string> {
  const byPath = new Map<string, Set<string>>();
  for (const r of rules) {
    const set = byPath.get(r.path) ?? new Set<string>();
    for (const c of r.capabilities) set.add(c);
    byPath.set(r.path, set);
  }
  return new Map([...byPath].map(([path, caps]) => [path, [...caps].sort().join(',')]));
}

/** A non-empty policy path of the allowed characters, without a leading '/'. */
function isPolicyPathText(p: string): boolean {
  // POLICY_PATH takes one character at least: '' fails it.
  return !p.startsWith('/') && POLICY_PATH.test(p);
}

/** A literal policy path Vault reads as written: no leading '/', no empty, '.' or '..' segment. */
export function isPolicyPath(p: string): boolean {
  if (!isPolicyPathText(p)) return false;
  const segments = p.split('/');
  // A trailing '/' (a prefix like `kv/data/`) leaves one empty last segment, which Vault allows.
  return segments.every((seg, i) => (seg !== '' || i === segments.length - 1) && seg !== '.' && seg !== '..');
}

const PARAMETER_NAME = /^(\*|[A-Za-z0-9_-]+)$/;
const PARAMETER_VALUE = /^[^"\\\n\r]*$/;

/**
 * Two rules on one path allow what either allows: no restriction wins, and
 * otherwise each parameter takes the values of both (an empty list, any value, wins).
 */
function mergeAllowedParameters(a: PolicyRule['allowedParameters'], b: PolicyRule['allowedParameters']): PolicyRule['allowedParameters'] {
  if (!a || !b) return undefined;
  const out: Record<string, readonly string[]> = { ...a };
  for (const [key, values] of Object.entries(b)) {
    const prev = out[key];
    out[key] = prev === undefined ? values : prev.length === 0 || values.length === 0 ? [] : [...new Set([...prev, ...values])];
  }
  return out;
}

/** Renders rules as Vault policy HCL, one block per rule in order (see lib/core/policy-document). */
export function renderPolicyHcl(rules: readonly PolicyRule[]): string {
  return renderRules(rules);
}
