import { Fn } from 'cdktf';
import { AuthBackend } from '@cdktf/provider-vault/lib/auth-backend';
import { KubernetesAuthBackendConfig } from '@cdktf/provider-vault/lib/kubernetes-auth-backend-config';
import { ClusterRoleBindingV1 } from '@cdktf/provider-kubernetes/lib/cluster-role-binding-v1';
import { DataKubernetesConfigMapV1 } from '@cdktf/provider-kubernetes/lib/data-kubernetes-config-map-v1';
import { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import { ServiceAccountV1 } from '@cdktf/provider-kubernetes/lib/service-account-v1';
import { Construct, IConstruct } from 'constructs';
import { ServiceAccountRef } from '../core/kubernetes-refs';
import { PropValidator } from '../core/validation';
import { VaultK8sAuthRole, VaultK8sAuthRoleOptions } from './k8s-auth-role';
import { isMountPath, MOUNT_PATH_RULE } from './private/paths';

/** The address pods use for the API server from inside the cluster. */
export const IN_CLUSTER_KUBERNETES_HOST = 'https://kubernetes.default.svc.cluster.local';

/** A Kubernetes auth mount: created by {@link VaultK8sAuth} or imported. */
export interface IVaultK8sAuth {
  /** The mount path, without `auth/` (e.g. `kubernetes`). */
  readonly mountPath: string;
  /**
   * The `vault_auth_backend` resource when the mount is created in this app;
   * roles are created after it.
   * @default - none for a mount imported with {@link VaultK8sAuth.fromMount}
   */
  readonly resource?: IConstruct;
  /** Adds a role that exact ServiceAccounts log in with. */
  addRole(id: string, options: VaultK8sAuthRoleOptions): VaultK8sAuthRole;
}

/**
 * How Vault reviews the ServiceAccount tokens presented at login, when Vault
 * runs outside the cluster it authenticates.
 */
export interface ExternalReviewerOptions {
  /**
   * The API server address as Vault reaches it from outside the cluster.
   */
  readonly kubernetesHost: string;
  /**
   * Name of the reviewer ServiceAccount.
   * @default 'vault-reviewer'
   */
  readonly serviceAccountName?: string;
  /**
   * Namespace of the reviewer ServiceAccount, its token Secret and the
   * `kube-root-ca.crt` ConfigMap the CA is read from.
   * @default 'vault'
   */
  readonly namespace?: string;
  /**
   * Name of the ClusterRoleBinding to `system:auth-delegator`.
   * @default - `<serviceAccountName>-token-review`
   */
  readonly clusterRoleBindingName?: string;
  /**
   * Name of the `kubernetes.io/service-account-token` Secret.
   * @default - `<serviceAccountName>-token`
   */
  readonly tokenSecretName?: string;
}

/** Properties of a {@link VaultK8sAuth}. */
export interface VaultK8sAuthProps {
  /**
   * Mount path of the auth backend, without `auth/` and without slashes at either end.
   * @default 'kubernetes'
   */
  readonly path?: string;
  /**
   * Description of the mount.
   * @default 'Kubernetes ServiceAccount login'
   */
  readonly description?: string;
  /**
   * The API server address when Vault runs inside the cluster it authenticates.
   * Ignored with `externalReviewer`, which carries its own.
   * @default IN_CLUSTER_KUBERNETES_HOST
   */
  readonly kubernetesHost?: string;
  /**
   * Set when Vault runs outside the cluster: creates a reviewer ServiceAccount
   * bound to `system:auth-delegator` and a long-lived token for it, and wires
   * that token and the cluster CA into the backend by reference.
   * @default - Vault runs in the cluster and reviews tokens with its own pod token and CA
   */
  readonly externalReviewer?: ExternalReviewerOptions;
}

/** Shared by the created and the imported mount: roles can be added to either. */
abstract class VaultK8sAuthBase extends Construct implements IVaultK8sAuth {
  public abstract readonly mountPath: string;

  public addRole(id: string, options: VaultK8sAuthRoleOptions): VaultK8sAuthRole {
    return new VaultK8sAuthRole(this, id, { ...options, auth: this });
  }
}

/**
 * Vault's Kubernetes auth method: the mount, its configuration, and (for a
 * Vault outside the cluster) the token reviewer it needs.
 *
 * Inside the cluster (the default) no reviewer JWT is configured: since
 * Kubernetes 1.24 ServiceAccount tokens are short-lived, and Vault re-reads its
 * own projected pod token and CA, which a JWT pasted into the config would not.
 */
export class VaultK8sAuth extends VaultK8sAuthBase {
  /** Refers to a Kubernetes auth mount that exists already, so roles can be added to it. */
  public static fromMount(scope: Construct, id: string, mountPath: string): IVaultK8sAuth {
    class Import extends VaultK8sAuthBase {
      public readonly mountPath = mountPath;
    }
    const imported = new Import(scope, id);
    const v = new PropValidator(imported, 'VaultK8sAuth');
    v.string('mountPath', mountPath, isMountPath, MOUNT_PATH_RULE);
    v.throwIfInvalid();
    return imported;
  }

  public readonly mountPath: string;
  /** The `vault_auth_backend` resource. */
  public readonly resource: AuthBackend;
  /** The `vault_kubernetes_auth_backend_config` resource. */
  public readonly config: KubernetesAuthBackendConfig;
  /** The reviewer ServiceAccount, when Vault runs outside the cluster. */
  public readonly reviewerServiceAccount?: ServiceAccountRef;

  constructor(scope: Construct, id: string, props: VaultK8sAuthProps = {}) {
    super(scope, id);
    const path = props.path ?? 'kubernetes';
    const reviewer = props.externalReviewer;

    const v = new PropValidator(this, 'VaultK8sAuth');
    v.string('path', path, isMountPath, MOUNT_PATH_RULE);
    v.url('kubernetesHost', props.kubernetesHost);
    if (reviewer) {
      const r = v.child('externalReviewer');
      r.url('kubernetesHost', reviewer.kubernetesHost);
      r.dnsLabel('serviceAccountName', reviewer.serviceAccountName);
      r.dnsLabel('namespace', reviewer.namespace);
      r.dnsSubdomain('clusterRoleBindingName', reviewer.clusterRoleBindingName);
      r.dnsSubdomain('tokenSecretName', reviewer.tokenSecretName);
      if (props.kubernetesHost !== undefined) {
        v.fail('kubernetesHost', props.kubernetesHost, 'must not be set together with externalReviewer (set externalReviewer.kubernetesHost)');
      }
    }
    v.throwIfInvalid();

    this.mountPath = path;
    this.resource = new AuthBackend(this, 'Resource', {
      type: 'kubernetes',
      path,
      description: props.description ?? 'Kubernetes ServiceAccount login',
    });

    let reviewerWiring: { kubernetesCaCert: string; tokenReviewerJwt: string } | undefined;
    if (reviewer) {
      const saName = reviewer.serviceAccountName ?? 'vault-reviewer';
      const namespace = reviewer.namespace ?? 'vault';
      this.reviewerServiceAccount = { name: saName, namespace };
      const sa = new ServiceAccountV1(this, 'ReviewerServiceAccount', {
        metadata: { name: saName, namespace },
      });
      new ClusterRoleBindingV1(this, 'ReviewerBinding', {
        metadata: { name: reviewer.clusterRoleBindingName ?? `${saName}-token-review` },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:auth-delegator' },
        subject: [{ kind: 'ServiceAccount', name: sa.metadata.name, namespace }],
      });
      // A token Secret must live in its ServiceAccount's namespace; S5 put it in
      // another one by hand, where the token controller never fills it.
      const token = new SecretV1(this, 'ReviewerToken', {
        metadata: {
          name: reviewer.tokenSecretName ?? `${saName}-token`,
          namespace,
          annotations: { 'kubernetes.io/service-account.name': sa.metadata.name },
        },
        type: 'kubernetes.io/service-account-token',
        waitForServiceAccountToken: true,
      });
      const ca = new DataKubernetesConfigMapV1(this, 'ClusterCa', {
        metadata: { name: 'kube-root-ca.crt', namespace },
      });
      // The kubernetes provider returns Secret and ConfigMap data already
      // base64-decoded: passing the attributes straight through is what
      // avoids the decode mistakes S2 and S5 made by hand.
      reviewerWiring = {
        kubernetesCaCert: Fn.lookup(ca.data, 'ca.crt', ''),
        tokenReviewerJwt: Fn.lookup(token.data, 'token', ''),
      };
    }

    this.config = new KubernetesAuthBackendConfig(this, 'Config', {
      backend: this.resource.path,
      kubernetesHost: reviewer?.kubernetesHost ?? props.kubernetesHost ?? IN_CLUSTER_KUBERNETES_HOST,
      // Kubernetes issues tokens with cluster-specific issuers; Vault's audience
      // binding on each role is the check that matters.
      disableIssValidation: true,
      ...reviewerWiring,
    });
  }
}
