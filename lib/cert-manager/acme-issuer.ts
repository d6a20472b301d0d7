import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { addDependency } from '../core/dependencies';
import { FlowEdge, FlowNodes, ISecretFlowContributor } from '../core/diagram';
import { SecretKeyRef } from '../core/kubernetes-refs';
import { isDnsSubdomain, isUuid, literalsDiffer } from '../core/validation';
import type { IAzureDnsZone } from '../entra/azure-dns-zone';
import type { IEntraApplication } from '../entra/workload-application';
import type { VaultDynamicSecret } from '../secrets-sync/vault-dynamic-secret';
import { CertManagerIssuer, CertManagerIssuerProps } from './cert-manager-issuer';
import type { CertManager } from './cert-manager-release';

/** ACME directory URLs of Let's Encrypt. */
export enum AcmeServer {
  /** Trusted certificates, strict rate limits. */
  LETS_ENCRYPT_PRODUCTION = 'https://acme-v02.api.letsencrypt.org/directory',
  /** Untrusted test certificates, generous rate limits: use while setting up. */
  LETS_ENCRYPT_STAGING = 'https://acme-staging-v02.api.letsencrypt.org/directory',
}

/** The Azure clouds cert-manager's `azureDNS` solver knows. */
export type AzureDnsEnvironment = 'AzurePublicCloud' | 'AzureChinaCloud' | 'AzureGermanCloud' | 'AzureUSGovernmentCloud';
const AZURE_DNS_ENVIRONMENTS: readonly AzureDnsEnvironment[] = ['AzurePublicCloud', 'AzureChinaCloud', 'AzureGermanCloud', 'AzureUSGovernmentCloud'];

/** The key Vault's Azure secrets engine returns the client secret under, and VSO writes. */
export const AZURE_CLIENT_SECRET_KEY = 'client_secret';

/** A DNS-01 solver that writes challenge records into an Azure DNS zone with a service principal. */
export interface AzureDnsSolverOptions {
  /** The application whose client id the solver authenticates as (its id is fixed in the issuer). */
  readonly application: IEntraApplication;
  /**
   * The Secret holding the application's client secret: the `VaultDynamicSecret`
   * VSO keeps filled (key `client_secret`), or any Secret key.
   */
  readonly clientSecret: VaultDynamicSecret | SecretKeyRef;
  /** The Entra ID tenant of the application. */
  readonly tenantId: string;
  /** The subscription holding the DNS zone. */
  readonly subscriptionId: string;
  /** The zone challenge records are written in (its name and resource group are used). */
  readonly dnsZone: IAzureDnsZone;
  /**
   * The Azure cloud.
   * @default 'AzurePublicCloud'
   */
  readonly environment?: AzureDnsEnvironment;
}

/** Properties of an {@link AcmeIssuer}. */
export interface AcmeIssuerProps extends CertManagerIssuerProps {
  /** Contact address for the ACME account: the CA warns about expiry and account problems there. */
  readonly email: string;
  /**
   * The ACME directory.
   * @default AcmeServer.LETS_ENCRYPT_PRODUCTION
   */
  readonly server?: AcmeServer;
  /**
   * Name of the Secret cert-manager creates for the ACME account's private key.
   * @default - `<name>-account-key`
   */
  readonly accountKeySecretName?: string;
  /** Solve DNS-01 challenges in Azure DNS. */
  readonly azureDns: AzureDnsSolverOptions;
  /**
   * The cert-manager installation, whose cluster resource namespace is where a
   * `ClusterIssuer`'s Secrets must be. One of `certManager` and
   * `clusterResourceNamespace` is required for a `ClusterIssuer`.
   * @default - none
   */
  readonly certManager?: CertManager;
  /**
   * cert-manager's cluster resource namespace, when cert-manager is installed elsewhere.
   * @default - `certManager.clusterResourceNamespace`
   */
  readonly clusterResourceNamespace?: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * A cert-manager ACME `ClusterIssuer` (or `Issuer` with a namespace) that
 * solves DNS-01 challenges in Azure DNS (S1's `letsencrypt`).
 *
 * The client secret is never a prop: it is the Secret VSO writes from Vault's
 * Azure secrets engine, referred to by object, so its name, key and namespace
 * cannot drift from what VSO writes. cert-manager reads a `ClusterIssuer`'s
 * Secrets only from its cluster resource namespace, and an `Issuer`'s only
 * from its own namespace: both are checked.
 */
export class AcmeIssuer extends CertManagerIssuer implements ISecretFlowContributor {
  /** The ACME directory URL. */
  public readonly server: string;
  /** The Secret with the Azure client secret, and the namespace it is read from. */
  private readonly clientSecretRef: SecretKeyRef;

  constructor(scope: Construct, id: string, props: AcmeIssuerProps) {
    super(scope, id, props, 'AcmeIssuer');
    const az = props.azureDns;
    const server = props.server ?? AcmeServer.LETS_ENCRYPT_PRODUCTION;
    const accountKey = props.accountKeySecretName ?? `${props.name}-account-key`;
    const environment = az.environment ?? 'AzurePublicCloud';
    const secretRef: SecretKeyRef = 'secretKeyRef' in az.clientSecret ? az.clientSecret.secretKeyRef(AZURE_CLIENT_SECRET_KEY) : az.clientSecret;

    const v = this.validator;
    v.string('email', props.email, (e) => EMAIL.test(e), 'must be an email address like ops@example.com');
    v.oneOf('server', server, Object.values(AcmeServer));
    // The default derives from `name`: check only a given value, so a bad
    // name is reported once, and the default only for its length.
    v.dnsSubdomain('accountKeySecretName', props.accountKeySecretName);
    if (props.accountKeySecretName === undefined && !Token.isUnresolved(props.name) && isDnsSubdomain(props.name) && accountKey.length > 253) {
      v.fail('name', props.name, `must be at most ${253 - '-account-key'.length} characters, so the default accountKeySecretName '<name>-account-key' is a valid Secret name`);
    }
    v.uuid('azureDns.tenantId', az.tenantId);
    v.uuid('azureDns.subscriptionId', az.subscriptionId);
    v.uuid('azureDns.application.clientId', az.application.clientId);
    v.oneOf('azureDns.environment', environment, AZURE_DNS_ENVIRONMENTS);
    v.dnsSubdomain('azureDns.clientSecret.name', secretRef.name);
    v.string('azureDns.clientSecret.key', secretRef.key, (k) => /^[-._a-zA-Z0-9]+$/.test(k), 'must be a Secret data key');
    v.dnsLabel('clusterResourceNamespace', props.clusterResourceNamespace);
    const zoneSubscription = subscriptionOf(az.dnsZone);
    // Azure compares subscription ids case-insensitively.
    if (literalsDiffer(az.subscriptionId, zoneSubscription) && isUuid(az.subscriptionId) && az.subscriptionId.toLowerCase() !== zoneSubscription!.toLowerCase()) {
      v.fail('azureDns.subscriptionId', az.subscriptionId,
        `must be the subscription of dnsZone '${az.dnsZone.name}' ('${zoneSubscription}'): cert-manager looks the zone up in this subscription and fails every challenge otherwise`);
    }

    // Where cert-manager will look for the Secrets this issuer names.
    let secretNamespace: string | undefined = this.namespace;
    if (this.kind === 'ClusterIssuer') {
      secretNamespace = props.clusterResourceNamespace ?? props.certManager?.clusterResourceNamespace;
      if (secretNamespace === undefined) {
        v.fail('certManager', undefined, 'or clusterResourceNamespace is required for a ClusterIssuer: its Secrets must be in cert-manager\'s cluster resource namespace');
      }
      if (props.certManager !== undefined && literalsDiffer(props.clusterResourceNamespace, props.certManager.clusterResourceNamespace)) {
        v.fail('clusterResourceNamespace', props.clusterResourceNamespace, `must match certManager's '${props.certManager.clusterResourceNamespace}' when both are given`);
      }
      // A ClusterIssuer has no namespace of its own to default to: without an
      // explicit namespace the reference could not be checked against the one
      // cert-manager reads from.
      if (secretRef.namespace === undefined) {
        v.fail('azureDns.clientSecret.namespace', undefined, secretNamespace !== undefined
          ? `must be set to '${secretNamespace}', cert-manager's cluster resource namespace, for a ClusterIssuer: it reads Secrets from there only`
          : "must be set for a ClusterIssuer, to cert-manager's cluster resource namespace: it reads Secrets from there only");
      }
    }
    if (literalsDiffer(secretRef.namespace, secretNamespace)) {
      v.fail('azureDns.clientSecret.namespace', secretRef.namespace, this.kind === 'ClusterIssuer'
        ? `must be '${secretNamespace}', cert-manager's cluster resource namespace: a ClusterIssuer reads Secrets from there only`
        : `must be '${secretNamespace}', the Issuer's namespace: an Issuer reads Secrets from its own namespace only`);
    }
    v.throwIfInvalid();

    this.server = server;
    this.clientSecretRef = { ...secretRef, namespace: secretRef.namespace ?? secretNamespace };
    this.createManifest({
      acme: {
        server,
        email: props.email,
        privateKeySecretRef: { name: accountKey },
        solvers: [{
          dns01: {
            azureDNS: {
              clientID: az.application.clientId,
              clientSecretSecretRef: { name: secretRef.name, key: secretRef.key },
              tenantID: az.tenantId,
              subscriptionID: az.subscriptionId,
              resourceGroupName: az.dnsZone.resourceGroupName,
              hostedZoneName: az.dnsZone.name,
              environment,
            },
          },
        }],
      },
    });
    if (Construct.isConstruct(az.clientSecret)) addDependency(this, az.clientSecret);
    if (props.certManager) addDependency(this, props.certManager);
  }

  public secretFlowEdges(): FlowEdge[] {
    const { name, namespace } = this.clientSecretRef;
    if (namespace === undefined) return [];
    return [{ from: FlowNodes.secret(namespace, name), to: FlowNodes.workload(this.kind, this.issuerName, this.namespace), label: 'DNS-01 credentials' }];
  }
}

/**
 * The subscription of a zone, when known as a literal: `subscriptionId` of an
 * `AzureDnsZone.fromIds` import, else the `/subscriptions/<id>/` segment of a
 * literal resource id.
 */
function subscriptionOf(zone: IAzureDnsZone): string | undefined {
  const declared = (zone as { subscriptionId?: unknown }).subscriptionId;
  if (typeof declared === 'string' && !Token.isUnresolved(declared)) return declared;
  if (typeof zone.id !== 'string' || Token.isUnresolved(zone.id)) return undefined;
  return /^\/subscriptions\/([^/]+)\//i.exec(zone.id)?.[1];
}
