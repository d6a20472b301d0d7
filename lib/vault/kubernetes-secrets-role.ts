import { Token } from 'cdktf';
import { KubernetesSecretBackendRole } from '@cdktf/provider-vault/lib/kubernetes-secret-backend-role';
import { Construct } from 'constructs';
import { warnInsecure } from '../core/annotations';
import { addDependency } from '../core/dependencies';
import { formatDuration, parseDuration, toSeconds } from '../core/duration';
import { isUnresolvedToken } from '../core/unresolved';
import { isDnsLabel, isDnsSubdomain, PropValidator } from '../core/validation';
import type { KubernetesSecretsEngine } from './kubernetes-secrets-engine';

/** One RBAC rule of a generated Role or ClusterRole. */
export interface KubernetesRbacRule {
  /** API groups (`''` for the core group). */
  readonly apiGroups: readonly string[];
  /** Resources (`deployments`, `serviceaccounts/token`). */
  readonly resources: readonly string[];
  /** Verbs (`get`, `list`, `create`, ...). */
  readonly verbs: readonly string[];
  /**
   * Only these objects.
   * @default - every object of the resources
   */
  readonly resourceNames?: readonly string[];
}

/** Options for {@link KubernetesSecretsEngine.addRole}. */
export interface KubernetesSecretsRoleOptions {
  /** The role name in Vault. */
  readonly roleName: string;
  /**
   * The namespaces a token may be requested for (`allowed_kubernetes_namespaces`).
   * `*` needs `allowAllNamespaces`.
   */
  readonly namespaces: readonly string[];
  /**
   * The rules of the Role (or ClusterRole) Vault generates per token. One of
   * `rules`, `kubernetesRoleName` and `serviceAccountName` is required.
   */
  readonly rules?: readonly KubernetesRbacRule[];
  /** An existing Role or ClusterRole Vault binds a generated ServiceAccount to. */
  readonly kubernetesRoleName?: string;
  /** An existing ServiceAccount Vault issues tokens for (in each requested namespace). */
  readonly serviceAccountName?: string;
  /**
   * Generate (or bind) a ClusterRole rather than a Role: needed for
   * cluster-scoped objects (CRDs, namespaces, ClusterRoles), and bound
   * cluster-wide when the token is requested with `cluster_role_binding=true`.
   * @default false
   */
  readonly clusterRole?: boolean;
  /**
   * Allow `*` in verbs, resources or API groups. Emits a warning annotation.
   * @default false
   */
  readonly allowWildcardRules?: boolean;
  /**
   * Allow tokens for every namespace (`*`). Emits a warning annotation.
   * @default false
   */
  readonly allowAllNamespaces?: boolean;
  /**
   * Default token life (`token_default_ttl`): minutes, a job's length.
   * @default '10m'
   */
  readonly tokenTtl?: string | number;
  /**
   * Longest token life a request may ask for (`token_max_ttl`).
   * @default '30m'
   */
  readonly tokenMaxTtl?: string | number;
}

/** Properties of a {@link KubernetesSecretsRole}. */
export interface KubernetesSecretsRoleProps extends KubernetesSecretsRoleOptions {
  /** The engine the role belongs to. */
  readonly engine: KubernetesSecretsEngine;
}

const ROLE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const KUBERNETES_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'bind', 'escalate', 'impersonate', 'use', 'approve', 'sign'];
const RESOURCE = /^[a-z0-9.-]+(\/[a-z0-9.-]+)?$/;

/**
 * A Kubernetes secrets engine role: which rights a token carries, in which
 * namespaces, for how long. Rules are validated as Kubernetes would read
 * them; `*` is refused unless opted into.
 */
export class KubernetesSecretsRole extends Construct {
  /** The role name in Vault. */
  public readonly roleName: string;
  /** The namespaces tokens may be requested for. */
  public readonly namespaces: readonly string[];
  /** The generated rules, if any. */
  public readonly rules?: readonly KubernetesRbacRule[];
  /** Whether the role generates or binds a ClusterRole. */
  public readonly clusterRole: boolean;
  /** The default token life, in seconds (unless a token). */
  public readonly tokenTtl: string | number;
  /** The `vault_kubernetes_secret_backend_role` resource. */
  public readonly resource: KubernetesSecretBackendRole;

  constructor(scope: Construct, id: string, props: KubernetesSecretsRoleProps) {
    super(scope, id);
    const tokenTtl = props.tokenTtl ?? '10m';
    const tokenMaxTtl = props.tokenMaxTtl ?? '30m';
    const v = new PropValidator(this, 'KubernetesSecretsRole', `role '${props.roleName}'`);
    v.string('roleName', props.roleName, (n) => ROLE_NAME.test(n) && n.length <= 128,
      "must be letters, digits, '_', '-' or '.', starting with a letter or digit");
    v.nonEmpty('namespaces', props.namespaces);
    if (!isUnresolvedToken(props.namespaces)) {
      for (const ns of props.namespaces ?? []) {
        if (isUnresolvedToken(ns)) continue;
        if (ns === '*') v.check(props.allowAllNamespaces === true, 'namespaces', ns, "lets a token be requested for every namespace; list exact namespaces or set allowAllNamespaces: true");
        else v.check(isDnsLabel(ns), 'namespaces', ns, 'must hold DNS-1123 labels (lowercase letters, digits, "-"), or "*" with allowAllNamespaces');
      }
    }
    const sources = [props.rules !== undefined, props.kubernetesRoleName !== undefined, props.serviceAccountName !== undefined].filter(Boolean).length;
    v.check(sources === 1, 'rules', props.rules ?? '(none)', 'or kubernetesRoleName or serviceAccountName: exactly one must be set');
    v.dnsSubdomain('kubernetesRoleName', props.kubernetesRoleName);
    v.dnsSubdomain('serviceAccountName', props.serviceAccountName);
    if (props.rules !== undefined) v.nonEmpty('rules', props.rules);
    for (const [i, rule] of (props.rules ?? []).entries()) {
      const r = v.child(`rules[${i}]`);
      r.nonEmpty('verbs', rule.verbs);
      r.nonEmpty('resources', rule.resources);
      r.nonEmpty('apiGroups', rule.apiGroups);
      for (const verb of rule.verbs) {
        if (verb === '*') r.check(props.allowWildcardRules === true, 'verbs', verb, 'grants every verb; list the verbs or set allowWildcardRules: true');
        else r.check(KUBERNETES_VERBS.includes(verb), 'verbs', verb, `must be one of ${KUBERNETES_VERBS.join(', ')}`);
      }
      for (const res of rule.resources) {
        if (res === '*') r.check(props.allowWildcardRules === true, 'resources', res, 'grants every resource; list them or set allowWildcardRules: true');
        else r.check(RESOURCE.test(res), 'resources', res, "must be a lowercase resource name like 'deployments' or 'serviceaccounts/token'");
      }
      for (const group of rule.apiGroups) {
        if (group === '*') r.check(props.allowWildcardRules === true, 'apiGroups', group, 'grants every API group; list them or set allowWildcardRules: true');
        else r.check(group === '' || isDnsSubdomain(group), 'apiGroups', group, "must be '' (the core group) or an API group like 'apps'");
      }
    }
    v.duration('tokenTtl', tokenTtl, { min: 60, max: 24 * 3600 });
    v.duration('tokenMaxTtl', tokenMaxTtl, { min: 60, max: 24 * 3600 });
    const ttl = Token.isUnresolved(tokenTtl) ? undefined : parseDuration(tokenTtl);
    const maxTtl = Token.isUnresolved(tokenMaxTtl) ? undefined : parseDuration(tokenMaxTtl);
    if (ttl !== undefined && maxTtl !== undefined && ttl > maxTtl) v.fail('tokenTtl', tokenTtl, `must not exceed tokenMaxTtl (${String(tokenMaxTtl)})`);
    v.throwIfInvalid();

    this.roleName = props.roleName;
    this.namespaces = [...props.namespaces];
    this.rules = props.rules;
    this.clusterRole = props.clusterRole ?? false;
    this.tokenTtl = tokenTtl;
    const wildcard = (props.rules ?? []).some((r) => [...r.verbs, ...r.resources, ...r.apiGroups].includes('*'));
    if (props.allowWildcardRules && wildcard) {
      warnInsecure(this, 'allowWildcardRules', `role '${props.roleName}' issues tokens whose rules use '*'`);
    }
    if (props.allowAllNamespaces && this.namespaces.includes('*')) {
      warnInsecure(this, 'allowAllNamespaces', `role '${props.roleName}' issues tokens for every namespace`);
    }

    this.resource = new KubernetesSecretBackendRole(this, 'Resource', {
      backend: props.engine.mountPath,
      name: props.roleName,
      allowedKubernetesNamespaces: this.namespaces as string[],
      kubernetesRoleType: this.clusterRole ? 'ClusterRole' : 'Role',
      generatedRoleRules: props.rules ? JSON.stringify({ rules: props.rules.map(toKubernetesRule) }) : undefined,
      kubernetesRoleName: props.kubernetesRoleName,
      serviceAccountName: props.serviceAccountName,
      tokenDefaultTtl: toSeconds(tokenTtl),
      tokenMaxTtl: toSeconds(tokenMaxTtl),
    });
    addDependency(this, props.engine.resource);
  }

  /** A one-line description for the diagram. */
  public describe(): string {
    const kind = this.clusterRole ? 'ClusterRole' : 'Role';
    const ttl = typeof this.tokenTtl === 'number' || !Token.isUnresolved(this.tokenTtl) ? formatDuration(parseDuration(this.tokenTtl) ?? 0) : 'token';
    const verbs = [...new Set((this.rules ?? []).flatMap((r) => r.verbs))].join(' ');
    return `${kind} ${this.roleName}${verbs ? ` (${verbs})` : ''} in ${this.namespaces.join(', ')}, token ${ttl}`;
  }
}

function toKubernetesRule(rule: KubernetesRbacRule): Record<string, unknown> {
  return {
    apiGroups: [...rule.apiGroups],
    resources: [...rule.resources],
    verbs: [...rule.verbs],
    ...(rule.resourceNames ? { resourceNames: [...rule.resourceNames] } : {}),
  };
}
