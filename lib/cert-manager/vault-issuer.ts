import { Fn } from 'cdktf';
import { RoleBindingV1 } from '@cdktf/provider-kubernetes/lib/role-binding-v1';
import { RoleV1 } from '@cdktf/provider-kubernetes/lib/role-v1';
import { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import { ServiceAccountV1 } from '@cdktf/provider-kubernetes/lib/service-account-v1';
import { Construct } from 'constructs';
import { warnInsecure } from '../core/annotations';
import { FlowEdge, FlowNode, FlowNodes, ISecretFlowContributor } from '../core/diagram';
import { ServiceAccountRef } from '../core/kubernetes-refs';
import { literalsDiffer } from '../core/validation';
import { loginServiceAccount, VaultK8sAuthRole } from '../vault/k8s-auth-role';
import { PkiIssuer } from '../vault/pki-issuer';
import { PkiRole } from '../vault/pki-role';
import { VaultPolicy } from '../vault/policy';
import { checkVaultServer, VaultServer } from '../vault/vault-server';
import { CertManagerIssuer, CertManagerIssuerProps } from './cert-manager-issuer';

/** cert-manager's own ServiceAccount in a default Helm install. */
export const DEFAULT_CERT_MANAGER_SERVICE_ACCOUNT: ServiceAccountRef = { name: 'cert-manager', namespace: 'cert-manager' };

/** Properties of a {@link VaultIssuer}. */
export interface VaultIssuerProps extends CertManagerIssuerProps {
  /**
   * How cert-manager reaches Vault. `server.caCert` becomes `caBundleSecretRef`,
   * which cert-manager reads from the issuer's own namespace (for a
   * `ClusterIssuer`: `clusterResourceNamespace`), so the Secret must live there.
   */
  readonly server: VaultServer;
  /**
   * The PKI role that signs the certificates: gives `path` (`<mount>/sign/<role>`).
   * Must come from {@link PkiIssuer.addRole}.
   */
  readonly pkiRole: PkiRole;
  /**
   * The Vault Kubernetes auth role cert-manager logs in with. Its mount path,
   * role name, audience and its single bound ServiceAccount are written into
   * the issuer, so they cannot drift apart (S4's issuer named a role Vault did
   * not have).
   */
  readonly authRole: VaultK8sAuthRole;
  /**
   * Trust Vault's TLS certificate through the PKI's root CA (`caBundle`), for
   * a Vault whose serving certificate this PKI issued. Excludes `server.caCert`.
   * @default false
   */
  readonly caBundleFromPki?: boolean;
  /**
   * Write the `<mount>/sign/<role>` policy for `authRole` (`pki.grantSign`).
   * Turn off when the grant is managed elsewhere.
   * @default true
   */
  readonly grantSign?: boolean;
  /**
   * Log in with a long-lived token Secret (`secretRef`) instead of short-lived
   * tokens cert-manager requests (`serviceAccountRef`, cert-manager >= 1.12).
   * Only for cert-manager < 1.12: the token never expires and anyone who can
   * read the Secret can log in. The role must set `requireAudience: false`,
   * since such tokens carry no audience. Emits a warning annotation.
   * @default false
   */
  readonly useLongLivedTokenSecret?: boolean;
  /**
   * Name of the token Secret with `useLongLivedTokenSecret`.
   * @default - `<serviceAccount>-token`
   */
  readonly tokenSecretName?: string;
  /**
   * Create the ServiceAccount `authRole` binds. Turn off when it exists already.
   * @default true
   */
  readonly createServiceAccount?: boolean;
  /**
   * cert-manager's controller ServiceAccount, which is allowed to request
   * tokens for the login ServiceAccount.
   * @default DEFAULT_CERT_MANAGER_SERVICE_ACCOUNT
   */
  readonly certManagerServiceAccount?: ServiceAccountRef;
  /**
   * cert-manager's `--cluster-resource-namespace`, where a `ClusterIssuer`'s
   * ServiceAccount and Secrets live.
   * @default 'cert-manager'
   */
  readonly clusterResourceNamespace?: string;
}

/**
 * A cert-manager `Issuer` (with a namespace) or `ClusterIssuer` that signs
 * certificates with a Vault PKI role, logging in with Kubernetes auth.
 *
 * By default cert-manager requests a short-lived token for the role's
 * ServiceAccount on each login (`serviceAccountRef`); the construct creates
 * that ServiceAccount and a Role + RoleBinding that let cert-manager's own
 * ServiceAccount `create` `serviceaccounts/token` for it, and nothing else.
 * The token is requested with the auth role's audience (`audiences`, which
 * cert-manager >= 1.15 understands). On 1.12 to 1.14, which always and only
 * use `vault://<namespace>/<issuer>` (`vault://<issuer>` for a ClusterIssuer),
 * give the auth role that audience.
 *
 * The sign policy is granted automatically (`grantSign`), so the issuer
 * works as soon as it is applied.
 */
export class VaultIssuer extends CertManagerIssuer implements ISecretFlowContributor {
  /** The PKI role that signs. */
  public readonly pkiRole: PkiRole;
  /** The Vault role cert-manager logs in with. */
  public readonly authRole: VaultK8sAuthRole;
  /** The ServiceAccount cert-manager logs in as. */
  public readonly loginServiceAccount: ServiceAccountRef;
  /** The sign policy written for `authRole`, unless `grantSign` is off. */
  public readonly signPolicy?: VaultPolicy;

  constructor(scope: Construct, id: string, props: VaultIssuerProps) {
    super(scope, id, props, 'VaultIssuer');
    const longLived = props.useLongLivedTokenSecret ?? false;
    const clusterNs = props.clusterResourceNamespace ?? 'cert-manager';
    const certManagerSa = props.certManagerServiceAccount ?? DEFAULT_CERT_MANAGER_SERVICE_ACCOUNT;
    // Namespaced references in spec.vault (caBundleSecretRef, the token
    // Secret, the ServiceAccount) resolve in the Issuer's namespace, or in the
    // cluster resource namespace for a ClusterIssuer.
    const home = props.namespace ?? clusterNs;
    const pki = props.pkiRole.node.scope;

    const v = this.validator;
    checkVaultServer(v, this, props.server);
    v.dnsLabel('clusterResourceNamespace', props.clusterResourceNamespace);
    v.dnsLabel('certManagerServiceAccount.name', props.certManagerServiceAccount?.name);
    v.dnsLabel('certManagerServiceAccount.namespace', props.certManagerServiceAccount?.namespace);
    const ca = props.server.caCert;
    if (literalsDiffer(ca?.namespace, home)) {
      v.fail('server.caCert.namespace', ca?.namespace,
        `must be '${home}' (or unset): cert-manager reads caBundleSecretRef from the ${props.namespace ? "Issuer's namespace" : 'cluster resource namespace'}`);
    }
    if (props.caBundleFromPki && ca) {
      v.fail('caBundleFromPki', true, 'must not be set together with server.caCert: choose one CA for Vault\'s TLS');
    }
    v.check(pki instanceof PkiIssuer && pki.ownsRole(props.pkiRole), 'pkiRole', props.pkiRole.roleName, 'must be a role created with PkiIssuer.addRole');
    const sa = loginServiceAccount(v, 'authRole', props.authRole);
    if (props.authRole.singleServiceAccount && literalsDiffer(sa.namespace, home)) {
      v.fail('authRole', props.authRole.roleName,
        `must bind a ServiceAccount in '${home}' (the ${props.namespace ? "Issuer's namespace" : 'cluster resource namespace'}), where cert-manager looks for it; the role binds '${sa.namespace}/${sa.name}'`);
    }
    if (longLived && props.authRole.audienceRequired) {
      v.fail('authRole', props.authRole.roleName,
        `must set requireAudience: false with useLongLivedTokenSecret: a token Secret's JWT carries no audience, so Vault would reject it for audience '${props.authRole.audience}'`);
    }
    if (!longLived && props.tokenSecretName !== undefined) {
      v.fail('tokenSecretName', props.tokenSecretName, 'applies only with useLongLivedTokenSecret: true');
    }
    v.dnsSubdomain('tokenSecretName', props.tokenSecretName);
    v.throwIfInvalid();

    this.pkiRole = props.pkiRole;
    this.authRole = props.authRole;
    this.loginServiceAccount = sa;
    if (props.grantSign ?? true) this.signPolicy = (pki as PkiIssuer).grantSign(props.pkiRole, props.authRole);

    if (props.createServiceAccount ?? true) {
      new ServiceAccountV1(this, 'ServiceAccount', {
        metadata: { name: sa.name, namespace: sa.namespace },
        // Nothing runs as this account; it only exists to have tokens minted.
        automountServiceAccountToken: false,
      });
    }

    let kubernetesLogin: Record<string, unknown>;
    if (longLived) {
      warnInsecure(this, 'useLongLivedTokenSecret', `issuer '${props.name}' logs in with a token Secret that never expires; use serviceAccountRef with cert-manager >= 1.12`);
      const tokenSecretName = props.tokenSecretName ?? `${sa.name}-token`;
      new SecretV1(this, 'TokenSecret', {
        metadata: {
          name: tokenSecretName,
          namespace: sa.namespace,
          annotations: { 'kubernetes.io/service-account.name': sa.name },
        },
        type: 'kubernetes.io/service-account-token',
        waitForServiceAccountToken: true,
      });
      kubernetesLogin = { secretRef: { name: tokenSecretName, key: 'token' } };
    } else {
      const roleName = `${props.name}-token-request`;
      new RoleV1(this, 'TokenRequestRole', {
        metadata: { name: roleName, namespace: sa.namespace },
        rule: [{ apiGroups: [''], resources: ['serviceaccounts/token'], resourceNames: [sa.name], verbs: ['create'] }],
      });
      new RoleBindingV1(this, 'TokenRequestBinding', {
        metadata: { name: roleName, namespace: sa.namespace },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: roleName },
        subject: [{ kind: 'ServiceAccount', name: certManagerSa.name, namespace: certManagerSa.namespace }],
      });
      // cert-manager always adds its own `vault://...` audience; the role's
      // audience is what Vault checks.
      kubernetesLogin = { serviceAccountRef: { name: sa.name, audiences: [props.authRole.audience] } };
    }

    this.createManifest({
      vault: {
        server: props.server.address,
        path: `${props.pkiRole.mountPath}/sign/${props.pkiRole.roleName}`,
        ...(ca ? { caBundleSecretRef: { name: ca.name, key: ca.key } } : {}),
        ...(props.caBundleFromPki ? { caBundle: Fn.base64encode((pki as PkiIssuer).rootCertificate) } : {}),
        auth: {
          kubernetes: {
            mountPath: `/v1/auth/${props.authRole.mountPath}`,
            role: props.authRole.roleName,
            ...kubernetesLogin,
          },
        },
      },
    });
  }

  /** The Vault path cert-manager signs at, as a node of the secret-flow diagram. */
  public get signPathNode(): FlowNode {
    return FlowNodes.vaultPath(`${this.pkiRole.mountPath}/sign/${this.pkiRole.roleName}`);
  }

  public secretFlowEdges(): FlowEdge[] {
    return [{ from: this.authRole.flowNode, to: this.signPathNode, label: 'sign' }];
  }
}
