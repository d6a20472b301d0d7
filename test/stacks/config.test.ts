import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadPlatformConfig, parsePlatformConfig } from '../../stacks/config';
import { DEFAULT_PLATFORM_CONFIG } from '../../stacks/main';

const valid = () => JSON.parse(fs.readFileSync(DEFAULT_PLATFORM_CONFIG, 'utf8'));

describe('platform config', () => {
  it('loads the default config, with every scenario of S1-S4 on', () => {
    const c = loadPlatformConfig(DEFAULT_PLATFORM_CONFIG);
    expect(c.name).toBe('homelab');
    expect(c.scenarios).toEqual({ certManagerAzureDns: true, esoKv: true, autoUnseal: true, vaultPki: true });
    expect(c.backend).toEqual({ type: 'local' });
  });

  it('names a bad key, its value and what is allowed', () => {
    const raw = valid();
    raw.azure.tenantId = 'contoso.onmicrosoft.com';
    expect(() => parsePlatformConfig(raw, 'lab.json')).toThrow(/^config 'lab.json': 'azure.tenantId' must be a UUID.*\(got "contoso.onmicrosoft.com"\)$/);
  });

  it('lists every problem at once: unknown, missing and mistyped keys', () => {
    const raw = valid();
    raw.vault.adress = 'https://vault';
    delete raw.acme.email;
    raw.scenarios.esoKv = 'yes';
    let message = '';
    try { parsePlatformConfig(raw, 'lab.json'); } catch (e) { message = (e as Error).message; }
    expect(message.split('\n')).toEqual([
      expect.stringMatching(/'vault.adress' is not a known key \(known: namespace, caSecretName\)/),
      expect.stringMatching(/'acme.email' is missing/),
      expect.stringMatching(/'scenarios.esoKv' must be true or false \(got "yes"\)/),
    ]);
  });

  it('says how the runner and Vault reach the unseal Key Vault, in a shape AutoUnsealKeyVault takes', () => {
    const raw = valid();
    expect(parsePlatformConfig(raw, 'x').azure.keyVaultAccess).toEqual({ allowedIpRanges: ['203.0.113.10/32', '198.51.100.20/32'] });
    const pe = { subnetId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/pe', privateDnsZoneId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net' };
    raw.azure.keyVaultAccess = { privateEndpoint: pe };
    expect(parsePlatformConfig(raw, 'x').azure.keyVaultAccess.privateEndpoint).toEqual(pe);
    for (const bad of [{}, { allowedIpRanges: '203.0.113.10' }, { privateEndpoint: { privateDnsZoneId: 'z' } }, { publicAccess: true }]) {
      raw.azure.keyVaultAccess = bad;
      expect(() => parsePlatformConfig(raw, 'x')).toThrow(/'azure.keyVaultAccess' must be an object with at least one of allowedIpRanges, allowedSubnetIds .* and privateEndpoint/);
    }
    delete raw.azure.keyVaultAccess;
    expect(() => parsePlatformConfig(raw, 'x')).toThrow(/'azure.keyVaultAccess' is missing/);
  });

  it('accepts an azurerm or cloud backend and rejects unknown ones', () => {
    const raw = valid();
    raw.backend = { type: 'azurerm', resourceGroupName: 'rg-state', storageAccountName: 'sthomelabstate', containerName: 'tfstate' };
    expect(parsePlatformConfig(raw, 'x').backend).toEqual(raw.backend);
    raw.backend = { type: 'cloud', organization: 'acme', workspacePrefix: 'homelab' };
    expect(parsePlatformConfig(raw, 'x').backend.type).toBe('cloud');
    raw.backend = { type: 's3' };
    expect(() => parsePlatformConfig(raw, 'x')).toThrow(/'backend.type' must be one of local, azurerm, cloud \(got "s3"\)/);
    raw.backend = { type: 'azurerm', resourceGroupName: 'rg', storageAccountName: 'Has_Caps', containerName: 'tfstate' };
    expect(() => parsePlatformConfig(raw, 'x')).toThrow(/'backend.storageAccountName' must be 3-24 lowercase letters and digits \(got "Has_Caps"\)/);
  });

  it('rejects a file that is not JSON, naming the file', () => {
    const file = path.join(os.tmpdir(), `bad-config-${process.pid}.json`);
    fs.writeFileSync(file, 'name: homelab');
    try {
      expect(() => loadPlatformConfig(file)).toThrow(new RegExp(`^config '${file}': cannot be read as JSON`));
    } finally {
      fs.rmSync(file);
    }
  });
});
