import { KubernetesAuthBackendRole } from '@cdktf/provider-vault/lib/kubernetes-auth-backend-role';
import { Construct } from 'constructs';
import { warnInsecure } from '../core/annotations';
import { addDependency } from '../core/dependencies';
import { FlowEdge, FlowNodes, ISecretFlowContributor } from '../core/diagram';
import { literalSeconds, toSeconds } from '../core/duration';
import { ServiceAccountRef } from '../core/kubernetes-refs';
import { isUnresolvedToken } from '../core/unresolved';
import { isDnsLabel, PropValidator } from '../core/validation';
import type { IVaultK8sAuth } from './k8s-auth';
import type { IGrantee } from './grant';
import { IVaultPolicy } from './policy';
import { bindingBreadth } from '../core/glob';

/** The audience a role requires by default; token requesters must ask for the same. */
export const DEFAULT_VAULT_AUDIENCE = 'vault';

/** Options for {@link IVaultK8sAuth.addRole}. */
export interface VaultK8sAuthRoleOptions {
  /** The role name in Vault. */
  readonly roleName: string;
  /** Exact ServiceAccount names allowed to log in. */
  readonly serviceAccountNames: readonly string[];
  /** Exact namespaces those ServiceAccounts live in. */
  readonly namespaces: readonly string[];
  /**
   * The audience the presented token must carry. Consumers built from this role
   * (VSO `VaultAuth`, ESO stores, cert-manager issuers) request tokens with it.
   * @default 'vault'
   */
  readonly audience?: string;
  /**
   * Require `audience` at login. Turn off only for clients that present
   * legacy long-lived token Secrets, whose JWTs carry no audience claim (Vault
   * would reject them). Emits a warning annotation.
   * @default true
   */
  readonly requireAudience?: boolean;
  /**
   * Policies attached to tokens issued by this role. Grants (`kv.grantRead(role)`)
   * add theirs; Vault adds `default` by itself.
   * @default - only what grants add
   */
  readonly policies?: readonly IVaultPolicy[];
  /**
   * Token TTL: a duration like `15m` or `1h`, or whole seconds.
   * @default '1h'
   */
  readonly tokenTtl?: string | number;
  /**
   * Longest lifetime of a renewed token.
   * @default - Vault's mount default
   */
  readonly tokenMaxTtl?: string | number;
  /**
   * Makes tokens periodic: renewable forever, each renewal for this period.
   * Use for long-running clients that renew (S5's Atlantis uses 30m).
   * @default - not periodic
   */
  readonly tokenPeriod?: string | number;
  /**
   * Allow `*` in `serviceAccountNames` or `namespaces`. Emits a warning annotation.
   * @default false
   */
  readonly allowWildcardBindings?: boolean;
}

/** Properties of a {@link VaultK8sAuthRole}. */
export interface VaultK8sAuthRoleProps extends VaultK8sAuthRoleOptions {
  /** The auth mount the role belongs to. */
  readonly auth: IVaultK8sAuth;
}

const ROLE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/**
 * A Kubernetes auth role: which ServiceAccounts may log in, with which
 * audience, for how long, and with which policies.
 *
 * Other constructs take this object rather than a role name, so the mount path,
 * role name, ServiceAccount and audience they write can never drift from what
 * Vault enforces (S4's issuer named a role that did not exist).
 */
export class VaultK8sAuthRole extends Construct implements IGrantee, ISecretFlowContributor {
  /** The role name in Vault. */
  public readonly roleName: string;
  /** The auth mount the role lives on. */
  public readonly auth: IVaultK8sAuth;
  /** The audience tokens must be requested with. */
  public readonly audience: string;
  /** Whether Vault checks {@link audience} at login (see `requireAudience`). */
  public readonly audienceRequired: boolean;
  /** The bound ServiceAccount names. */
  public readonly serviceAccountNames: readonly string[];
  /** The bound namespaces. */
  public readonly namespaces: readonly string[];
  /** The `vault_kubernetes_auth_backend_role` resource. */
  public readonly resource: KubernetesAuthBackendRole;
  private readonly policies: IVaultPolicy[] = [];

  constructor(scope: Construct, id: string, props: VaultK8sAuthRoleProps) {
    super(scope, id);
    const allowWildcards = props.allowWildcardBindings ?? false;
    const tokenTtl = props.tokenTtl ?? '1h';

    const v = new PropValidator(this, 'VaultK8sAuthRole', `role '${props.roleName}'`);
    v.string('roleName', props.roleName, (n) => ROLE_NAME.test(n) && n.length <= 128,
      "must be letters, digits, '_', '-' or '.', starting with a letter or digit");
    const binding = (prop: string, values: readonly string[]) => {
      v.nonEmpty(prop, values);
      // A whole-list token (a list variable) is known only at apply time.
      if (isUnresolvedToken(values)) return;
      for (const value of values) {
        if (isUnresolvedToken(value)) continue;
        const breadth = bindingBreadth(value);
        if (breadth !== 'exact') {
          // Vault's plugin reads a leading or trailing '*' as a glob, and '**' as '*'.
          const what = breadth === 'any' ? `with '${value}', which matches every name` : `matching the glob '${value}' (Vault matches a leading or trailing '*' as a prefix, suffix or substring glob)`;
          v.check(allowWildcards && isGlobOfLabels(value), prop, value, `binds every ServiceAccount or namespace ${what}; list exact names or set allowWildcardBindings: true`);
        } else {
          v.check(isDnsLabel(value), prop, value, 'must hold DNS-1123 labels (lowercase letters, digits, "-"), or "*" with allowWildcardBindings');
        }
      }
    };
    binding('serviceAccountNames', props.serviceAccountNames);
    binding('namespaces', props.namespaces);
    v.string('audience', props.audience, (a) => a.trim().length > 0, 'must be a non-empty audience string');
    v.duration('tokenTtl', tokenTtl, { min: 1 });
    v.duration('tokenMaxTtl', props.tokenMaxTtl, { min: 1 });
    v.duration('tokenPeriod', props.tokenPeriod, { min: 1 });
    const ttl = literalSeconds(tokenTtl);
    const maxTtl = literalSeconds(props.tokenMaxTtl);
    if (ttl !== undefined && maxTtl !== undefined && ttl > maxTtl) {
      v.fail('tokenTtl', tokenTtl, `must not exceed tokenMaxTtl (${String(props.tokenMaxTtl)})`);
    }
    v.throwIfInvalid();

    this.roleName = props.roleName;
    this.auth = props.auth;
    this.audience = props.audience ?? DEFAULT_VAULT_AUDIENCE;
    this.audienceRequired = props.requireAudience ?? true;
    if (!this.audienceRequired) {
      warnInsecure(this, 'requireAudience', `role '${props.roleName}' accepts ServiceAccount tokens minted for any audience`);
    }
    this.serviceAccountNames = [...props.serviceAccountNames];
    this.namespaces = [...props.namespaces];
    this.policies.push(...(props.policies ?? []));

    const globs = literalStrings([...literalStrings(props.serviceAccountNames), ...literalStrings(props.namespaces)]).filter((x) => bindingBreadth(x) !== 'exact');
    if (allowWildcards && globs.length > 0) {
      warnInsecure(this, 'allowWildcardBindings', `role '${props.roleName}' accepts tokens of any ServiceAccount or namespace matching ${globs.map((g) => `'${g}'`).join(', ')}`);
    }

    this.resource = new KubernetesAuthBackendRole(this, 'Resource', {
      backend: props.auth.mountPath,
      roleName: props.roleName,
      boundServiceAccountNames: this.serviceAccountNames as string[],
      boundServiceAccountNamespaces: this.namespaces as string[],
      audience: this.audienceRequired ? this.audience : undefined,
      tokenTtl: toSeconds(tokenTtl),
      tokenMaxTtl: toSeconds(props.tokenMaxTtl),
      tokenPeriod: toSeconds(props.tokenPeriod),
      tokenPolicies: [...new Set(this.policies.map((p) => p.policyName))],
    });
    // The role must not be created before its mount: make the dependency
    // explicit when the mount was created in this app.
    if (props.auth.resource) addDependency(this, props.auth.resource);
  }

  /** Attaches a policy to tokens issued by this role. */
  public addPolicy(policy: IVaultPolicy): this {
    if (!this.policies.includes(policy)) this.policies.push(policy);
    // Set again on each call rather than through a Lazy: a token captures a
    // full stack trace when it is made, and the list is known here.
    this.resource.tokenPolicies = [...new Set(this.policies.map((p) => p.policyName))];
    if (Construct.isConstruct(policy)) addDependency(this, policy);
    return this;
  }

  /** The login edges of the secret-flow diagram: each bound ServiceAccount to this role. */
  public secretFlowEdges(): FlowEdge[] {
    return this.namespaces.flatMap((ns) => this.serviceAccountNames.map((name) => ({
      from: FlowNodes.serviceAccount(ns, name),
      to: this.flowNode,
      label: `aud ${this.audience}`,
    })));
  }

  /** This role as a node of the secret-flow diagram. */
  public get flowNode() {
    return FlowNodes.vaultRole(this.mountPath, this.roleName);
  }

  /** The names of the attached policies. */
  public get policyNames(): string[] {
    return this.policies.map((p) => p.policyName);
  }

  /** The mount path of the auth backend (`kubernetes`, `atlantis`). */
  public get mountPath(): string {
    return this.auth.mountPath;
  }

  /**
   * The one ServiceAccount this role binds, or `undefined` when it binds several
   * names, several namespaces or a wildcard. Consumers that log in as a single
   * ServiceAccount (an ESO store, a VSO `VaultAuth`, a cert-manager issuer)
   * need it; use {@link loginServiceAccount} to validate and read it.
   */
  public get singleServiceAccount(): ServiceAccountRef | undefined {
    const [name] = this.serviceAccountNames;
    const [namespace] = this.namespaces;
    if (this.serviceAccountNames.length !== 1 || this.namespaces.length !== 1) return undefined;
    if (!isUnresolvedToken(name) && bindingBreadth(name) !== 'exact') return undefined;
    if (!isUnresolvedToken(namespace) && bindingBreadth(namespace) !== 'exact') return undefined;
    return { name, namespace };
  }
}

/**
 * Validates that `role` binds exactly one ServiceAccount, recording a problem
 * on `v` otherwise, and returns it (a placeholder after a recorded problem).
 */
export function loginServiceAccount(v: PropValidator, prop: string, role: VaultK8sAuthRole): ServiceAccountRef {
  const sa = role.singleServiceAccount;
  if (!sa) {
    v.fail(prop, role.roleName, `must be a role that binds exactly one ServiceAccount name and one namespace without '*' (role binds names ${JSON.stringify(role.serviceAccountNames)} in namespaces ${JSON.stringify(role.namespaces)})`);
    return { name: '', namespace: '' };
  }
  return sa;
}

/** The literal strings of a list (none of a list token). */
function literalStrings(values: readonly string[]): string[] {
  return isUnresolvedToken(values) ? [] : values.filter((x) => !isUnresolvedToken(x));
}

/** A glob whose fixed part could be (part of) a DNS-1123 label: `team-*`, `*-prod`, `*`. */
function isGlobOfLabels(value: string): boolean {
  return /^\*?[a-z0-9-]*\*?$/.test(value);
}
