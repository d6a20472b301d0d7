import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { ServiceAccountRef } from '../core/kubernetes-refs';
import { literalsDiffer, PropValidator } from '../core/validation';
import { loginServiceAccount, VaultK8sAuthRole } from './k8s-auth-role';
import { checkVaultServer, VaultServer } from './vault-server';

/** Properties of a {@link VaultLoginToken}. */
export interface VaultLoginTokenProps {
  /**
   * The Kubernetes auth role the workload logs in with. It must bind exactly
   * one ServiceAccount (the pod's); the token's audience is the role's.
   */
  readonly role: VaultK8sAuthRole;
  /** Where the workload reaches Vault: `VAULT_ADDR`, and `VAULT_CACERT` from the CA Secret if one is given. */
  readonly server: VaultServer;
  /**
   * Directory the token (file `token`) and the CA (file `ca.crt`) are mounted in.
   * @default '/var/run/secrets/vault'
   */
  readonly directory?: string;
  /**
   * Lifetime of the projected token in seconds; the kubelet renews it at 80%.
   * Vault reads it only at login, so short is fine. At least 600 (Kubernetes' minimum).
   * @default 600
   */
  readonly expirationSeconds?: number;
  /**
   * Name of the pod volume.
   * @default 'vault-token'
   */
  readonly volumeName?: string;
}

/**
 * What a workload that logs into Vault itself (S5's Atlantis) needs in its
 * pod: a projected ServiceAccount token requested with the role's audience,
 * `VAULT_ADDR`, and Vault's CA. Creates no resource: its fields are the
 * Kubernetes `volumes`, `volumeMounts` and environment to put into the
 * workload's Helm values or pod spec, so the audience the token carries and
 * the one the Vault role checks come from one object and cannot disagree.
 *
 * The default ServiceAccount token (`/var/run/secrets/kubernetes.io/...`)
 * carries the API server's audience, which a role with an audience refuses:
 * log in with {@link tokenFile} at {@link loginPath}, e.g.
 * `vault write auth/<mount>/login role=<role> jwt=@<tokenFile>`.
 */
export class VaultLoginToken extends Construct {
  /** The ServiceAccount the pod must run as (the one the role binds). */
  public readonly serviceAccount: ServiceAccountRef;
  /** The audience the token is requested with (the role's). */
  public readonly audience?: string;
  /** The token file inside the container. */
  public readonly tokenFile: string;
  /** Vault's login endpoint for the role's mount, without `/v1/` (`auth/<mount>/login`). */
  public readonly loginPath: string;
  /** The role name to log in as. */
  public readonly roleName: string;
  /** Pod `volumes`: the projected token (and the CA Secret, if any) in one projected volume. */
  public readonly volumes: Array<Record<string, unknown>>;
  /** Container `volumeMounts`, read-only. */
  public readonly volumeMounts: Array<Record<string, unknown>>;
  /** Container environment: `VAULT_ADDR`, and `VAULT_CACERT` with a CA. */
  public readonly environment: Record<string, string>;

  constructor(scope: Construct, id: string, props: VaultLoginTokenProps) {
    super(scope, id);
    const directory = props.directory ?? '/var/run/secrets/vault';
    const expirationSeconds = props.expirationSeconds ?? 600;
    const volumeName = props.volumeName ?? 'vault-token';
    const role = props.role;

    const v = new PropValidator(this, 'VaultLoginToken');
    const sa = loginServiceAccount(v, 'role', role);
    checkVaultServer(v, this, props.server);
    const ca = props.server.caCert;
    if (ca?.namespace !== undefined && sa.namespace && literalsDiffer(ca.namespace, sa.namespace)) {
      v.fail('server.caCert.namespace', ca.namespace, `must be '${sa.namespace}', the namespace of the ServiceAccount role '${role.roleName}' binds: a pod mounts Secrets from its own namespace only`);
    }
    v.string('directory', directory, (d) => /^\/[^\s:]*[^/\s:]$/.test(d) && !d.split('/').includes('..'), 'must be an absolute directory path without "..", spaces or a trailing slash');
    if (!Token.isUnresolved(expirationSeconds)) {
      v.check(Number.isInteger(expirationSeconds) && expirationSeconds >= 600 && expirationSeconds <= 86400, 'expirationSeconds', expirationSeconds,
        'must be a whole number of seconds from 600 (the Kubernetes minimum) to 86400');
    }
    v.dnsLabel('volumeName', volumeName);
    v.throwIfInvalid();

    this.serviceAccount = sa;
    // A role that does not require an audience accepts the API server's default.
    this.audience = role.audienceRequired ? role.audience : undefined;
    this.tokenFile = `${directory}/token`;
    this.loginPath = `auth/${role.auth.mountPath}/login`;
    this.roleName = role.roleName;
    this.volumes = [{
      name: volumeName,
      projected: {
        // 0444: the token is a login credential of this pod only, and the
        // image's user must be able to read it whatever its uid.
        defaultMode: 292,
        sources: [
          { serviceAccountToken: { path: 'token', expirationSeconds, ...(this.audience !== undefined ? { audience: this.audience } : {}) } },
          ...(ca ? [{ secret: { name: ca.name, items: [{ key: ca.key, path: 'ca.crt' }] } }] : []),
        ],
      },
    }];
    this.volumeMounts = [{ name: volumeName, mountPath: directory, readOnly: true }];
    this.environment = { VAULT_ADDR: props.server.address, ...(ca ? { VAULT_CACERT: `${directory}/ca.crt` } : {}) };
  }
}
