import { Release } from '@cdktf/provider-helm/lib/release';
import { Construct } from 'constructs';
import { PropValidator } from '../core/validation';
import { createOperatorRelease, OperatorChartOptions } from '../helm/operator-chart';

/** The cert-manager chart version this library is tested against. */
export const CERT_MANAGER_CHART_VERSION = 'v1.21.1';

/** Properties of a {@link CertManager}. */
export interface CertManagerProps extends OperatorChartOptions {
  /**
   * The namespace where cert-manager looks for Secrets that cluster-scoped
   * resources (a `ClusterIssuer`'s credentials and ACME account key) refer to.
   * @default - the install namespace
   */
  readonly clusterResourceNamespace?: string;
}

/**
 * cert-manager, installed from the Jetstack Helm chart with its CRDs
 * (`crds.enabled`), which the chart keeps on uninstall (`crds.keep`) so
 * removing the release never deletes every Certificate in the cluster.
 *
 * Pass this object to a cluster-scoped issuer (`AcmeIssuer`), which checks
 * that the Secrets it names live in {@link clusterResourceNamespace}.
 */
export class CertManager extends Construct {
  /** The namespace cert-manager runs in. */
  public readonly namespace: string;
  /** Where cert-manager reads Secrets named by `ClusterIssuer`s. */
  public readonly clusterResourceNamespace: string;
  /** The `helm_release` resource. */
  public readonly resource: Release;

  constructor(scope: Construct, id: string, props: CertManagerProps = {}) {
    super(scope, id);
    const v = new PropValidator(this, 'CertManager');
    v.dnsLabel('clusterResourceNamespace', props.clusterResourceNamespace);
    v.throwIfInvalid();
    const { release, namespace } = createOperatorRelease(this, 'CertManager', {
      releaseName: 'cert-manager',
      repository: 'https://charts.jetstack.io',
      chart: 'cert-manager',
      defaultVersion: CERT_MANAGER_CHART_VERSION,
      defaultNamespace: 'cert-manager',
      values: {
        crds: { enabled: true, keep: true },
        ...(props.clusterResourceNamespace ? { clusterResourceNamespace: props.clusterResourceNamespace } : {}),
      },
    }, props);
    this.resource = release;
    this.namespace = namespace;
    this.clusterResourceNamespace = props.clusterResourceNamespace ?? namespace;
  }
}
