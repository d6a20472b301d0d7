import { Token } from 'cdktf';
import { Policy } from '@cdktf/provider-vault/lib/policy';
import { Construct } from 'constructs';
import { PropValidator, warnInsecure } from '../core';

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
}

const POLICY_NAME = /^[a-z0-9][a-z0-9_.-]*$/;
const POLICY_PATH = /^[A-Za-z0-9_.\-/*+{}@=:]+$/;

/**
 * Whether a path reaches beyond one mount: a glob in its first segment
 * (`*`, `pki*`, `+/creds`). `eso/data/*` is scoped to the `eso` mount and is not.
 */
export function isMountWidePath(path: string): boolean {
  const first = path.split('/')[0];
  return first.includes('*') || first.includes('+');
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
    return { policyName };
  }

  /** The policy name in Vault. */
  public readonly policyName: string;
  /** The underlying `vault_policy` resource (escape hatch: `addOverride`). */
  public readonly resource: Policy;
  private readonly rules: PolicyRule[] = [];
  private readonly allowWildcardPaths: boolean;
  private readonly allowSudo: boolean;

  constructor(scope: Construct, id: string, props: VaultPolicyProps) {
    super(scope, id);
    this.allowWildcardPaths = props.allowWildcardPaths ?? false;
    this.allowSudo = props.allowSudo ?? false;

    const v = new PropValidator(this, 'VaultPolicy');
    v.string('policyName', props.policyName, (n) => POLICY_NAME.test(n) && n !== 'root' && n !== 'default' && n.length <= 128,
      "must be lowercase letters, digits, '_', '-' or '.', at most 128 characters, and not 'root' or 'default'");
    for (const rule of props.rules ?? []) this.checkRule(v, rule);
    v.throwIfInvalid();

    this.rules.push(...(props.rules ?? []));
    this.policyName = props.policyName;
    this.resource = new Policy(this, 'Resource', {
      name: props.policyName,
      // Rendered now and again on each addRule rather than through a Lazy: a
      // token captures a full stack trace when it is made.
      policy: this.renderHcl(),
    });
    if (this.allowWildcardPaths) {
      warnInsecure(this, 'allowWildcardPaths', `policy '${props.policyName}' may grant on mount-wide glob paths; scope rules to one mount`);
    }
    if (this.allowSudo) {
      warnInsecure(this, 'allowSudo', `policy '${props.policyName}' may grant sudo on root-protected endpoints`);
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
    this.resource.policy = this.renderHcl();
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

  private checkRule(v: PropValidator, rule: PolicyRule): void {
    const r = v.child(`rule '${rule.path}'`);
    r.string('path', rule.path, (p) => p.length > 0 && !p.startsWith('/') && POLICY_PATH.test(p),
      "must be a non-empty Vault path without a leading '/' (letters, digits, '_-./*+{}@=:')");
    if (!Token.isUnresolved(rule.path) && isMountWidePath(rule.path) && !this.allowWildcardPaths) {
      r.fail('path', rule.path, 'is a glob across every mount; scope it to one mount or set allowWildcardPaths: true');
    }
    r.nonEmpty('capabilities', rule.capabilities);
    for (const c of rule.capabilities) {
      r.check(VAULT_CAPABILITIES.includes(c), 'capabilities', c, `must only hold ${VAULT_CAPABILITIES.join(', ')}`);
    }
    if (rule.capabilities.includes('sudo') && !this.allowSudo) {
      r.fail('capabilities', 'sudo', 'includes sudo; set allowSudo: true if a root-protected endpoint is really needed');
    }
    for (const [key, values] of Object.entries(rule.allowedParameters ?? {})) {
      r.check(PARAMETER_NAME.test(key), 'allowedParameters', key, "must have parameter names of letters, digits, '_' or '-', or '*' for any");
      for (const value of values) r.check(PARAMETER_VALUE.test(value), `allowedParameters.${key}`, value, 'must hold values without quotes, backslashes or line breaks');
    }
  }
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

/** Renders rules as Vault policy HCL, one block per rule in order. */
export function renderPolicyHcl(rules: readonly PolicyRule[]): string {
  return rules
    .map((r) => {
      const comment = r.comment ? `# ${r.comment}\n` : '';
      const caps = r.capabilities.map((c) => `"${c}"`).join(', ');
      const params = Object.entries(r.allowedParameters ?? {}).map(([k, vs]) => `    "${k}" = [${vs.map((v) => `"${v}"`).join(', ')}]\n`);
      const allowed = r.allowedParameters ? `  allowed_parameters = {\n${params.join('')}  }\n` : '';
      return `${comment}path "${r.path}" {\n  capabilities = [${caps}]\n${allowed}}\n`;
    })
    .join('\n');
}
