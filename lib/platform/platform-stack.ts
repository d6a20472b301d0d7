import { AzurermBackend, CloudBackend, LocalBackend, NamedCloudWorkspace, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { assertSingleCdktf } from '../core/single-cdktf';

/** Where a {@link PlatformStack} keeps its Terraform state. */
export type BackendConfig =
  | { readonly type: 'local' }
  | { readonly type: 'azurerm'; readonly resourceGroupName: string; readonly storageAccountName: string; readonly containerName: string }
  | { readonly type: 'cloud'; readonly organization: string; readonly workspacePrefix: string };

/** A Terraform provider a stack may need. */
export type ProviderName = 'vault' | 'kubernetes' | 'helm' | 'azuread' | 'azurerm';

/** Properties of a {@link PlatformStack}. */
export interface PlatformStackProps {
  /** Which providers the stack configures. */
  readonly providers: readonly ProviderName[];
  /**
   * Where the stack keeps its state.
   * @default - local, `terraform.<stack>.tfstate`
   */
  readonly backend?: BackendConfig;
}

/**
 * A stack that owns its providers and backend. Library constructs never create
 * providers; stacks do.
 *
 * Every provider reads its address and credentials from the environment, so
 * no credential is ever written into the synthesized JSON:
 * - vault: `VAULT_ADDR`, `VAULT_TOKEN` (or `VAULT_CACERT` for a private CA)
 * - kubernetes, helm: `KUBE_CONFIG_PATH` (and `KUBE_CTX`)
 * - azuread, azurerm: `ARM_TENANT_ID`, `ARM_CLIENT_ID`, `ARM_SUBSCRIPTION_ID`,
 *   with `ARM_USE_OIDC=true` in CI (federated credentials, no stored secret)
 *
 * State is local (`terraform.<stack>.tfstate`) unless the stack is given
 * another backend: `azurerm` (a blob per stack, locked by blob leases, Entra
 * auth instead of an access key) or HCP Terraform (`cloud`, a workspace per
 * stack).
 */
export class PlatformStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: PlatformStackProps) {
    super(scope, id);
    assertSingleCdktf(this);
    const backend = props.backend ?? { type: 'local' };
    switch (backend.type) {
      case 'local':
        new LocalBackend(this, { path: `terraform.${id}.tfstate` });
        break;
      case 'azurerm':
        new AzurermBackend(this, {
          resourceGroupName: backend.resourceGroupName,
          storageAccountName: backend.storageAccountName,
          containerName: backend.containerName,
          key: `${id}.tfstate`,
          // Entra auth (OIDC in CI) instead of the storage account key.
          useAzureadAuth: true,
          useOidc: true,
        });
        break;
      case 'cloud':
        new CloudBackend(this, { organization: backend.organization, workspaces: new NamedCloudWorkspace(`${backend.workspacePrefix}-${id}`) });
        break;
    }
    // Each provider package is loaded only when asked for: they are optional
    // peer dependencies, and a team using Vault and Kubernetes installs only those.
    const want = new Set(props.providers);
    if (want.has('vault')) {
      const { VaultProvider } = require('@cdktf/provider-vault/lib/provider') as typeof import('@cdktf/provider-vault/lib/provider');
      // A child token per run keeps the CI's token out of resources' leases.
      new VaultProvider(this, 'vault', { skipChildToken: false });
    }
    if (want.has('kubernetes')) {
      const { KubernetesProvider } = require('@cdktf/provider-kubernetes/lib/provider') as typeof import('@cdktf/provider-kubernetes/lib/provider');
      new KubernetesProvider(this, 'kubernetes', {});
    }
    if (want.has('helm')) {
      const { HelmProvider } = require('@cdktf/provider-helm/lib/provider') as typeof import('@cdktf/provider-helm/lib/provider');
      new HelmProvider(this, 'helm', {});
    }
    if (want.has('azuread')) {
      const { AzureadProvider } = require('@cdktf/provider-azuread/lib/provider') as typeof import('@cdktf/provider-azuread/lib/provider');
      new AzureadProvider(this, 'azuread', {});
    }
    if (want.has('azurerm')) {
      const { AzurermProvider } = require('@cdktf/provider-azurerm/lib/provider') as typeof import('@cdktf/provider-azurerm/lib/provider');
      new AzurermProvider(this, 'azurerm', { features: [{}] });
    }
  }
}
