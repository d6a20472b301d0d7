import { Token } from 'cdktf';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { Construct } from 'constructs';
import { addDependency } from '../core/dependencies';
import { literalsDiffer, PropValidator } from '../core/validation';
import { loginServiceAccount, VaultK8sAuthRole } from '../vault/k8s-auth-role';
import { VaultConnection } from './vault-connection';

/** Properties of a {@link VaultAuth}. */
export interface VaultAuthProps {
  /** Name of the VaultAuth. */
  readonly name: string;
  /** Namespace of the VaultAuth; the role's ServiceAccount must live here. */
  readonly namespace: string;
  /** The connection to Vault. */
  readonly connection: VaultConnection;
  /**
   * The Vault Kubernetes auth role VSO logs in with. Its mount, role name,
   * single bound ServiceAccount and audience are written into the VaultAuth,
   * so they always match what Vault checks.
   */
  readonly role: VaultK8sAuthRole;
  /**
   * Lifetime of the ServiceAccount tokens VSO requests for each login, in seconds.
   * @default 600 (VSO's minimum)
   */
  readonly tokenExpirationSeconds?: number;
}

/**
 * A VSO `VaultAuth` (`secrets.hashicorp.com/v1beta1`) using Vault's Kubernetes
 * auth method. VSO requests a short-lived token for the role's ServiceAccount
 * (with the role's audience) on each login: no long-lived token Secret exists.
 */
export class VaultAuth extends Construct {
  /** Name of the VaultAuth. */
  public readonly authName: string;
  /** Namespace of the VaultAuth. */
  public readonly namespace: string;
  /** The Vault role it logs in with. */
  public readonly role: VaultK8sAuthRole;
  /** The `kubernetes_manifest` resource. */
  public readonly resource: Manifest;

  constructor(scope: Construct, id: string, props: VaultAuthProps) {
    super(scope, id);
    const tokenExpirationSeconds = props.tokenExpirationSeconds ?? 600;
    const v = new PropValidator(this, 'VaultAuth');
    v.dnsSubdomain('name', props.name);
    v.dnsLabel('namespace', props.namespace);
    const sa = loginServiceAccount(v, 'role', props.role);
    if (props.role.singleServiceAccount && literalsDiffer(sa.namespace, props.namespace)) {
      v.fail('namespace', props.namespace, `must be '${sa.namespace}', the namespace of role '${props.role.roleName}''s ServiceAccount: VSO requests tokens for ServiceAccounts of the VaultAuth's namespace only`);
    }
    if (!Token.isUnresolved(tokenExpirationSeconds)) {
      v.check(Number.isInteger(tokenExpirationSeconds) && tokenExpirationSeconds >= 600 && tokenExpirationSeconds <= 86400,
        'tokenExpirationSeconds', tokenExpirationSeconds, 'must be a whole number of seconds from 600 (Kubernetes\' minimum for requested tokens) to 86400');
    }
    v.throwIfInvalid();

    this.authName = props.name;
    this.namespace = props.namespace;
    this.role = props.role;
    // A connection in another namespace is referred to as `<namespace>/<name>`.
    const connectionRef = props.connection.namespace === props.namespace
      ? props.connection.connectionName
      : `${props.connection.namespace}/${props.connection.connectionName}`;
    this.resource = new Manifest(this, 'Resource', {
      manifest: {
        apiVersion: 'secrets.hashicorp.com/v1beta1',
        kind: 'VaultAuth',
        metadata: { name: props.name, namespace: props.namespace },
        spec: {
          vaultConnectionRef: connectionRef,
          method: 'kubernetes',
          mount: props.role.mountPath,
          kubernetes: {
            role: props.role.roleName,
            serviceAccount: sa.name,
            audiences: [props.role.audience],
            tokenExpirationSeconds,
          },
        },
      },
    });
    addDependency(this, props.connection, props.role);
  }
}
