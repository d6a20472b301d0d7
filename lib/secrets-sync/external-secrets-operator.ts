import { Release } from '@cdktf/provider-helm/lib/release';
import { Construct } from 'constructs';
import { createOperatorRelease, OperatorChartOptions } from '../helm/operator-chart';

/** The ESO chart version this library is tested against (ESO 2.9, `external-secrets.io/v1`). */
export const EXTERNAL_SECRETS_CHART_VERSION = '2.9.0';

/** Properties of an {@link ExternalSecretsOperator}. */
export interface ExternalSecretsOperatorProps extends OperatorChartOptions {}

/**
 * The External Secrets Operator, installed from its Helm chart with its CRDs.
 *
 * Custom resources (`ClusterSecretStore`, `ExternalSecret`) must be planned in a
 * later stack than this release: `kubernetes_manifest` needs the CRD to exist
 * at plan time.
 */
export class ExternalSecretsOperator extends Construct {
  /** The namespace the operator runs in. */
  public readonly namespace: string;
  /** The `helm_release` resource. */
  public readonly resource: Release;

  constructor(scope: Construct, id: string, props: ExternalSecretsOperatorProps = {}) {
    super(scope, id);
    const { release, namespace } = createOperatorRelease(this, 'ExternalSecretsOperator', {
      releaseName: 'external-secrets',
      repository: 'https://charts.external-secrets.io',
      chart: 'external-secrets',
      defaultVersion: EXTERNAL_SECRETS_CHART_VERSION,
      defaultNamespace: 'external-secrets',
      values: { installCRDs: true },
    }, props);
    this.resource = release;
    this.namespace = namespace;
  }
}
