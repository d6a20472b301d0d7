import { onlyResource, testStack } from '../helpers';
import { buildKeyVault, keyVaultErrorOf, KV_ERROR_PREFIX, NET, PRIVATE_ENDPOINT } from './fixtures';

// The survivors of a mutation run over the Key Vault construct (issue #19),
// each pinned by the behaviour it changed.

const VNET = `${NET}/virtualNetworks/hub`;
const ZONE = PRIVATE_ENDPOINT.privateDnsZoneId;

describe('AutoUnsealKeyVault ordering without a private endpoint', () => {
  it('creates the key after the administrator role, and lets Vault wait for the role and the key', () => {
    const stack = testStack();
    const kv = buildKeyVault({ privateEndpoint: undefined, allowedIpRanges: ['203.0.113.7'] }, stack);
    expect(onlyResource(stack, 'azurerm_key_vault_key').depends_on).toEqual([expect.stringMatching(/^azurerm_role_assignment\.Unseal_KeyAdministrator_[0-9A-F]+$/)]);
    expect(kv.sealDependencies).toEqual([kv.roleAssignment, kv.key]);
  });
});

describe('AutoUnsealKeyVault firewall list', () => {
  it('refuses valid ranges that add up to more than four /16s, and counts only the valid ones', () => {
    const five = ['20.1.0.0/16', '20.2.0.0/16', '20.3.0.0/16', '20.4.0.0/16', '20.5.0.0/32'];
    expect(keyVaultErrorOf({ allowedIpRanges: five })).toBe(`${KV_ERROR_PREFIX}'allowedIpRanges' must open at most 262144 addresses in all (four /16s); these ranges open 262145 (got ${JSON.stringify(five)})`);
    expect(keyVaultErrorOf({ allowedIpRanges: five.slice(0, 4) })).toBe('');
    expect(keyVaultErrorOf({ allowedIpRanges: [...five.slice(0, 4), '10.0.0.0/8'] }).split('\n')).toHaveLength(1);
  });
});

describe('AutoUnsealKeyVault private endpoint ids and name', () => {
  it.each([
    [`x${ZONE}`, 'a prefix before /subscriptions'],
    [`${ZONE}/extra`, 'a segment after the zone'],
    [`${NET}/privateDnsZones/privatelink.example.net`, 'another zone'],
  ])('refuses the private DNS zone id %p (%s), naming every accepted zone', (privateDnsZoneId) => {
    expect(keyVaultErrorOf({ privateEndpoint: { ...PRIVATE_ENDPOINT, privateDnsZoneId } })).toBe(`${KV_ERROR_PREFIX}'privateEndpoint.privateDnsZoneId' must be the resource ID of a private DNS zone named privatelink.vaultcore.azure.net, privatelink.vaultcore.azure.cn, privatelink.vaultcore.usgovcloudapi.net (.../providers/Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net): the endpoint's A record must land where the vault's name is resolved (got '${privateDnsZoneId}')`);
  });

  it.each([[`x${VNET}`], [`${VNET}/subnets/a`]])('refuses the network id %p to link', (id) => {
    expect(keyVaultErrorOf({ privateEndpoint: { subnetId: PRIVATE_ENDPOINT.subnetId, linkVirtualNetworkIds: [id] } })).toBe(`${KV_ERROR_PREFIX}'privateEndpoint.linkVirtualNetworkIds' must hold virtual network resource IDs (/subscriptions/.../providers/Microsoft.Network/virtualNetworks/<vnet>) (got '${id}')`);
  });

  it.each(['pe-kv', 'pe_1', 'a'.repeat(64)])('names the endpoint %p', (name) => {
    const stack = testStack();
    buildKeyVault({ privateEndpoint: { ...PRIVATE_ENDPOINT, name } }, stack);
    expect(onlyResource(stack, 'azurerm_private_endpoint').name).toBe(name);
  });

  it.each(['pe', '-pe', 'a'.repeat(65), 'pe kv'])('refuses the endpoint name %p', (name) => {
    expect(keyVaultErrorOf({ privateEndpoint: { ...PRIVATE_ENDPOINT, name } })).toBe(`${KV_ERROR_PREFIX}'privateEndpoint.name' must be 3-64 letters, digits, "-" and "_", starting with a letter or digit (got '${name}')`);
  });
});
