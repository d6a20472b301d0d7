import { TerraformStack } from 'cdktf';
import { AutoUnsealKeyVault, AutoUnsealKeyVaultProps } from '../../lib/keyvault/auto-unseal-key-vault';
import { testStack } from '../helpers';

// What the Key Vault tests build from: one valid set of props and one way to
// read the error a change to them causes.

export const NET = '/subscriptions/0000/resourceGroups/rg-net/providers/Microsoft.Network';

/** A private endpoint in a hub network, with the Key Vault private DNS zone. */
export const PRIVATE_ENDPOINT = {
  subnetId: `${NET}/virtualNetworks/hub/subnets/pe`,
  privateDnsZoneId: `${NET}/privateDnsZones/privatelink.vaultcore.azure.net`,
};

/**
 * Valid props: workload identity, reached through a private endpoint unless a
 * test opens the firewall (with no way in at all, the construct refuses to
 * synthesize).
 */
export const KV_PROPS: AutoUnsealKeyVaultProps = {
  keyVaultName: 'kv-vault-unseal',
  resourceGroupName: 'rg-vault',
  location: 'westeurope',
  identity: { mode: 'workloadIdentity', oidcIssuerUrl: 'https://oidc.example.invalid/issuer/' },
  privateEndpoint: PRIVATE_ENDPOINT,
};

/** How every error of the construct built by {@link buildKeyVault} starts. */
export const KV_ERROR_PREFIX = "AutoUnsealKeyVault 'Test/Unseal': ";

/** An AutoUnsealKeyVault 'Unseal' from {@link KV_PROPS} with `props` over them. */
export function buildKeyVault(props: Partial<AutoUnsealKeyVaultProps> = {}, stack: TerraformStack = testStack()): AutoUnsealKeyVault {
  return new AutoUnsealKeyVault(stack, 'Unseal', { ...KV_PROPS, ...props });
}

/** The error these props cause, or '' when the construct builds. */
export function keyVaultErrorOf(props: Partial<AutoUnsealKeyVaultProps>): string {
  try {
    buildKeyVault(props);
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}
