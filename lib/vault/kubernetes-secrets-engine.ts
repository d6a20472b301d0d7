import { ClusterRoleBindingV1 } from '@cdktf/provider-kubernetes/lib/cluster-role-binding-v1';
import { ClusterRoleV1 } from '@cdktf/provider-kubernetes/lib/cluster-role-v1';
import { KubernetesSecretBackend } from '@cdktf/provider-vault/lib/kubernetes-secret-backend';
import { Construct } from 'constructs';
import { FlowEdge, FlowNodes, ISecretFlowContributor } from '../core/diagram';
import { toSeconds } from '../core/duration';
import { ServiceAccountRef } from '../core/kubernetes-refs';
import { isUnresolvedToken } from '../core/unresolved';
import { PropValidator } from '../core/validation';
import { grant, GrantOptions, IGrantee } from './grant';
import { IN_CLUSTER_KUBERNETES_HOST } from './k8s-auth';
import { KubernetesSecretsRole, KubernetesSecretsRoleOptions } from './kubernetes-secrets-role';
import { VaultPolicy } from './policy';
import { isMountPath, MOUNT_PATH_RULE } from './private/paths';

/** How Vault reaches a cluster it runs outside of. */
export interface KubernetesSecretsExternalCluster {
  /** The API server address as Vault reaches it. */
  readonly kubernetesHost: string;
  /**
   * The JWT of the ServiceAccount Vault manages the cluster with, as a
   * reference (a Secret's data, a sensitive variable); never a literal.
   */
  readonly serviceAccountJwt: string;
  /** The cluster's CA certificate (PEM), as a reference or literal. */
  readonly kubernetesCaCert: string;
}

/** Properties of a {@link KubernetesSecretsEngine}. */
export interface KubernetesSecretsEngineProps {
  /**
   * Mount path, without slashes at either end.
   * @default 'kubernetes'
   */
  readonly path?: string;
  /**
   * Description of the mount.
   * @default 'Short-lived Kubernetes ServiceAccount tokens'
   */
  readonly description?: string;
  /**
   * Vault's own ServiceAccount, when Vault runs in the cluster it issues
   * tokens for: gets a ClusterRole with what the engine needs (create
   * ServiceAccounts and their tokens, Roles, ClusterRoles and their bindings,
   * with `bind` and `escalate` so it can grant the roles' rules).
   * @default - Vault's rights in the cluster are managed elsewhere
   */
  readonly vaultServiceAccount?: ServiceAccountRef;
  /**
   * Set when Vault runs outside the cluster.
   * @default - Vault runs in the cluster and uses its own pod token and CA
   */
  readonly externalCluster?: KubernetesSecretsExternalCluster;
  /**
   * Longest life of any token the engine issues (`max_lease_ttl_seconds`).
   * @default '1h'
   */
  readonly maxTtl?: string | number;
}

/**
 * Vault's Kubernetes secrets engine: issues a ServiceAccount token with the
 * rights of one of its roles, valid for minutes, on request. A pipeline
 * builds its kubeconfig from such a token at run time instead of storing a
 * kubeconfig in its secrets; the token dies with its lease.
 *
 * Inside the cluster (the default) Vault authenticates to the API server with
 * its own projected pod token and CA, which Kubernetes rotates.
 */
export class KubernetesSecretsEngine extends Construct implements ISecretFlowContributor {
  /** The mount path (`kubernetes`). */
  public readonly mountPath: string;
  /** The `vault_kubernetes_secret_backend` resource. */
  public readonly resource: KubernetesSecretBackend;
  /** The ClusterRole given to Vault's ServiceAccount, when `vaultServiceAccount` is set. */
  public readonly vaultClusterRole?: ClusterRoleV1;
  private readonly grants: Array<{ policy: string; role: KubernetesSecretsRole }> = [];

  constructor(scope: Construct, id: string, props: KubernetesSecretsEngineProps = {}) {
    super(scope, id);
    const path = props.path ?? 'kubernetes';
    const maxTtl = props.maxTtl ?? '1h';
    const v = new PropValidator(this, 'KubernetesSecretsEngine');
    v.string('path', path, isMountPath, MOUNT_PATH_RULE);
    v.duration('maxTtl', maxTtl, { min: 60, max: 24 * 3600 });
    if (props.vaultServiceAccount) {
      v.dnsLabel('vaultServiceAccount.name', props.vaultServiceAccount.name);
      v.dnsLabel('vaultServiceAccount.namespace', props.vaultServiceAccount.namespace);
    }
    const ext = props.externalCluster;
    if (ext) {
      v.url('externalCluster.kubernetesHost', ext.kubernetesHost);
      v.check(ext.serviceAccountJwt === undefined || isUnresolvedToken(ext.serviceAccountJwt), 'externalCluster.serviceAccountJwt', '(a literal JWT)',
        'must be a reference (a Secret attribute or a sensitive variable), never a literal token in the code');
      v.string('externalCluster.kubernetesCaCert', ext.kubernetesCaCert, (c) => c.includes('-----BEGIN CERTIFICATE-----'), 'must be a PEM certificate');
    }
    v.throwIfInvalid();

    this.mountPath = path;
    this.resource = new KubernetesSecretBackend(this, 'Resource', {
      path,
      description: props.description ?? 'Short-lived Kubernetes ServiceAccount tokens',
      maxLeaseTtlSeconds: toSeconds(maxTtl),
      ...(ext
        ? { kubernetesHost: ext.kubernetesHost, serviceAccountJwt: ext.serviceAccountJwt, kubernetesCaCert: ext.kubernetesCaCert, disableLocalCaJwt: true }
        : { kubernetesHost: IN_CLUSTER_KUBERNETES_HOST, disableLocalCaJwt: false }),
    });

    if (props.vaultServiceAccount) {
      const sa = props.vaultServiceAccount;
      const name = `vault-secrets-engine-${path.replace(/[/_]/g, '-').toLowerCase()}`;
      // What Vault's documentation gives the engine to create a ServiceAccount,
      // its token and a (Cluster)Role with its binding per lease. Granting a
      // role's rules needs bind and escalate: the rules are the roles' own.
      this.vaultClusterRole = new ClusterRoleV1(this, 'VaultClusterRole', {
        metadata: { name },
        rule: [
          { apiGroups: [''], resources: ['namespaces'], verbs: ['get'] },
          { apiGroups: [''], resources: ['serviceaccounts', 'serviceaccounts/token'], verbs: ['create', 'update', 'delete'] },
          { apiGroups: ['rbac.authorization.k8s.io'], resources: ['rolebindings', 'clusterrolebindings'], verbs: ['create', 'update', 'delete'] },
          { apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles', 'clusterroles'], verbs: ['bind', 'escalate', 'create', 'update', 'delete'] },
        ],
      });
      new ClusterRoleBindingV1(this, 'VaultClusterRoleBinding', {
        metadata: { name },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: this.vaultClusterRole.metadata.name },
        subject: [{ kind: 'ServiceAccount', name: sa.name, namespace: sa.namespace }],
      });
    }
  }

  /** Adds a role: the Kubernetes rights a token of this role carries, and for how long. */
  public addRole(id: string, options: KubernetesSecretsRoleOptions): KubernetesSecretsRole {
    return new KubernetesSecretsRole(this, id, { ...options, engine: this });
  }

  /**
   * Lets `grantee` request tokens of `role` and nothing else: `update` on
   * `<mount>/creds/<role>`, and revoking (not renewing) only those leases,
   * so a pipeline can end its token when the job ends.
   */
  public grantCredentials(role: KubernetesSecretsRole, grantee: IGrantee, options: GrantOptions = {}): VaultPolicy {
    const v = new PropValidator(this, 'KubernetesSecretsEngine', `grantCredentials to role '${grantee.roleName}'`);
    v.check(role.node.scope === this, 'role', role.roleName, `must be a role added with this engine's addRole (mount '${this.mountPath}')`);
    v.throwIfInvalid();
    const creds = `${this.mountPath}/creds/${role.roleName}`;
    const policy = grant(grantee, { construct: this, mountPath: this.mountPath, resource: this.resource }, 'creds', { path: creds, capabilities: ['update'] }, options);
    const comment = 'revoke only leases of tokens this policy requests';
    policy.addRule({ path: 'sys/leases/revoke', capabilities: ['update'], allowedParameters: { lease_id: [`${creds}/*`], sync: [] }, comment });
    policy.addRule({ path: `sys/leases/revoke/${creds}/*`, capabilities: ['update'] });
    this.grants.push({ policy: policy.policyName, role });
    return policy;
  }

  /** The diagram: each granted policy to the Kubernetes rights its tokens carry. */
  public secretFlowEdges(): FlowEdge[] {
    return this.grants.map(({ policy, role }) => ({
      from: FlowNodes.vaultPolicy(policy),
      to: FlowNodes.deployTarget(`kubernetes:${this.mountPath}/${role.roleName}`, `Kubernetes ${role.describe()}`),
      label: `${this.mountPath}/creds/${role.roleName}`,
    }));
  }
}
