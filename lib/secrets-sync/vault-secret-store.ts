import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { Construct } from 'constructs';
import { PropValidator } from '../core/validation';
import { KvV2Mount } from '../vault/kv-v2';
import { loginServiceAccount, VaultK8sAuthRole } from '../vault/k8s-auth-role';
import { checkVaultServer, VaultServer } from '../vault/vault-server';

/** Properties of a {@link VaultSecretStore}. */
export interface VaultSecretStoreProps {
  /** Name of the store object. */
  readonly name: string;
  /**
   * Namespace for a namespaced `SecretStore`. Leave unset for a `ClusterSecretStore`,
   * which every namespace's ExternalSecrets can use.
   * @default - a cluster-scoped `ClusterSecretStore`
   */
  readonly namespace?: string;
  /** How ESO reaches Vault. */
  readonly server: VaultServer;
  /** The KV v2 mount the store reads from (gives `path` and `version`). */
  readonly kv: KvV2Mount;
  /**
   * The Vault role ESO logs in with. Its mount path, role name, single bound
   * ServiceAccount and audience are written into the store, so they always match.
   */
  readonly role: VaultK8sAuthRole;
}

/**
 * An External Secrets Operator store (`external-secrets.io/v1`) for a Vault KV
 * v2 mount with Kubernetes auth.
 *
 * ESO requests a short-lived token for the role's ServiceAccount (with the
 * role's audience) on each login: no long-lived token Secret is involved.
 */
export class VaultSecretStore extends Construct {
  /** `ClusterSecretStore` or `SecretStore`. */
  public readonly kind: 'ClusterSecretStore' | 'SecretStore';
  /** Name of the store. */
  public readonly storeName: string;
  /** Namespace of a `SecretStore`; undefined for a `ClusterSecretStore`. */
  public readonly namespace?: string;
  /** The KV mount the store reads. */
  public readonly kv: KvV2Mount;
  /** The Vault role the store logs in with. */
  public readonly role: VaultK8sAuthRole;
  /** The `kubernetes_manifest` resource. */
  public readonly resource: Manifest;

  constructor(scope: Construct, id: string, props: VaultSecretStoreProps) {
    super(scope, id);
    const v = new PropValidator(this, 'VaultSecretStore');
    v.dnsSubdomain('name', props.name);
    v.dnsLabel('namespace', props.namespace);
    checkVaultServer(v, this, props.server);
    const sa = loginServiceAccount(v, 'role', props.role);
    const kind = props.namespace ? 'SecretStore' : 'ClusterSecretStore';
    if (kind === 'ClusterSecretStore' && props.server.caCert && !props.server.caCert.namespace) {
      v.fail('server.caCert.namespace', undefined, 'must be set for a ClusterSecretStore, which has no namespace of its own');
    }
    if (kind === 'SecretStore' && props.role.singleServiceAccount && sa.namespace !== props.namespace) {
      v.fail('namespace', props.namespace, `must be '${sa.namespace}', the namespace of role '${props.role.roleName}''s ServiceAccount: a SecretStore can only use ServiceAccounts of its own namespace`);
    }
    v.throwIfInvalid();

    this.kind = kind;
    this.storeName = props.name;
    this.namespace = props.namespace;
    this.kv = props.kv;
    this.role = props.role;

    const ca = props.server.caCert;
    this.resource = new Manifest(this, 'Resource', {
      manifest: {
        apiVersion: 'external-secrets.io/v1',
        kind: this.kind,
        metadata: { name: props.name, ...(props.namespace ? { namespace: props.namespace } : {}) },
        spec: {
          provider: {
            vault: {
              server: props.server.address,
              path: props.kv.mountPath,
              version: 'v2',
              ...(ca ? {
                caProvider: {
                  type: 'Secret',
                  name: ca.name,
                  key: ca.key,
                  // A ClusterSecretStore must say where the CA Secret is.
                  ...(ca.namespace ?? props.namespace ? { namespace: ca.namespace ?? props.namespace } : {}),
                },
              } : {}),
              auth: {
                kubernetes: {
                  mountPath: props.role.mountPath,
                  role: props.role.roleName,
                  serviceAccountRef: {
                    name: sa.name,
                    ...(this.kind === 'ClusterSecretStore' ? { namespace: sa.namespace } : {}),
                    audiences: [props.role.audience],
                  },
                },
              },
            },
          },
        },
      },
    });
  }
}
