import { Release } from '@cdktf/provider-helm/lib/release';
import { Construct } from 'constructs';
import { createOperatorRelease, OperatorChartOptions } from '../helm/operator-chart';

/** The Vault Secrets Operator chart version this library is tested against (VSO 1.4.x). */
export const VAULT_SECRETS_OPERATOR_CHART_VERSION = '1.4.1';

/** Properties of a {@link VaultSecretsOperator}. */
export interface VaultSecretsOperatorProps extends OperatorChartOptions {}

/**
 * HashiCorp's Vault Secrets Operator (VSO), installed from its Helm chart with
 * its CRDs (`VaultConnection`, `VaultAuth`, `VaultDynamicSecret`, ...).
 *
 * Helm installs a chart's CRDs on first install only; the chart's
 * `hooks.upgradeCRDs` job, kept on here, updates them on chart upgrades.
 * Custom resources must be planned once the CRDs exist (`kubernetes_manifest`
 * reads the CRD at plan time): apply this release first, or in an earlier stack.
 */
export class VaultSecretsOperator extends Construct {
  /** The namespace the operator runs in. */
  public readonly namespace: string;
  /** The `helm_release` resource. */
  public readonly resource: Release;

  constructor(scope: Construct, id: string, props: VaultSecretsOperatorProps = {}) {
    super(scope, id);
    const { release, namespace } = createOperatorRelease(this, 'VaultSecretsOperator', {
      releaseName: 'vault-secrets-operator',
      repository: 'https://helm.releases.hashicorp.com',
      chart: 'vault-secrets-operator',
      defaultVersion: VAULT_SECRETS_OPERATOR_CHART_VERSION,
      defaultNamespace: 'vault-secrets-operator-system',
      values: { hooks: { upgradeCRDs: { enabled: true } } },
    }, props);
    this.resource = release;
    this.namespace = namespace;
  }
}
