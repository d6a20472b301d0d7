import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadPlatformConfig, loadPlatformConfigs, parsePlatformConfig } from '../../stacks/config';
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

  describe('hostile or odd input', () => {
    const parseText = (text: string) => parsePlatformConfig(JSON.parse(text), 'x.json');
    const errorOf = (f: () => unknown) => { try { f(); } catch (e) { return (e as Error).message; } return 'accepted'; };
    const withBackend = (backend: unknown) => JSON.stringify({ ...valid(), backend });

    it.each([
      ['__proto__', `'backend.type' must be one of local, azurerm, cloud (got "__proto__")`],
      ['toString', `'backend.type' must be one of local, azurerm, cloud (got "toString")`],
      ['constructor', `'backend.type' must be one of local, azurerm, cloud (got "constructor")`],
      ['hasOwnProperty', `'backend.type' must be one of local, azurerm, cloud (got "hasOwnProperty")`],
      [42, `'backend.type' must be one of local, azurerm, cloud (got 42)`],
    ])('refuses backend.type %j instead of giving local state', (type, message) => {
      expect(errorOf(() => parseText(withBackend({ type })))).toBe(`config 'x.json': ${message}`);
    });

    it('refuses a backend that is not an object', () => {
      expect(errorOf(() => parseText(withBackend('local')))).toBe(`config 'x.json': 'backend' must be an object (got "local")`);
    });

    it.each([
      ['a top-level __proto__ key', (c: string) => c.replace('{', '{"__proto__": {"polluted": true},'), `'__proto__' is not a known key`],
      ['a top-level constructor key', (c: string) => c.replace('{', '{"constructor": {},'), `'constructor' is not a known key`],
      ['a nested __proto__ key', (c: string) => c.replace('"vault":{', '"vault":{"__proto__": 1,'), `'vault.__proto__' is not a known key`],
      ['a nested toString key', (c: string) => c.replace('"acme":{', '"acme":{"toString": "x",'), `'acme.toString' is not a known key`],
      ['a __proto__ key in the backend', (c: string) => c.replace('"backend":{', '"backend":{"__proto__": {},'), `'backend.__proto__' is not a known key`],
    ])('reports %s as unknown', (_, edit, message) => {
      const text = edit(JSON.stringify(valid()));
      expect(errorOf(() => parseText(text))).toContain(message);
      expect(({} as any).polluted).toBeUndefined();
    });

    it('does not take a required key from the prototype', () => {
      const raw = valid();
      delete raw.pki;
      expect(errorOf(() => parsePlatformConfig(Object.assign(Object.create({ pki: { domain: 'moelove.info' } }), raw), 'x.json'))).toBe(`config 'x.json': 'pki' is missing`);
    });

    describe('files', () => {
      let dir: string;
      beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'config-rows-')); });
      afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
      const file = (name: string, text: string) => { const f = path.join(dir, name); fs.writeFileSync(f, text); return f; };

      it('accepts a file with a UTF-8 byte order mark', () => {
        expect(loadPlatformConfig(file('bom.json', `\uFEFF${JSON.stringify(valid())}`)).name).toBe('homelab');
      });

      it.each([
        ['a BOM inside a value', (c: any) => { c.name = '\uFEFFhomelab'; }, `'name' must be a DNS-1123 label (lowercase letters, digits, "-") (got "\\ufeffhomelab")`],
        ['a zero-width space in a key', (c: any) => { c.pki['do\u200bmain'] = 'x'; }, `'pki.do\\u200bmain' is not a known key`],
        ['a non-breaking space in a value', (c: any) => { c.vault.namespace = 'vault\u00a0'; }, `(got "vault\\u00a0")`],
      ])('shows %s as an escape, never as an invisible character', (_, edit, message) => {
        const c = valid();
        edit(c);
        const m = errorOf(() => loadPlatformConfig(file('odd.json', JSON.stringify(c))));
        expect(m).toContain(message);
        expect(m).not.toMatch(/[\uFEFF\u200B\u00A0]/);
      });

      it('names a file that is not JSON without invisible characters', () => {
        const m = errorOf(() => loadPlatformConfig(file('two-boms.json', '\uFEFF\uFEFF{}')));
        expect(m).toMatch(/^config '.*two-boms.json': cannot be read as JSON: /);
        expect(m).not.toMatch(/\uFEFF/);
      });

      it('names both files when two configs have the same name', () => {
        const a = file('a.json', JSON.stringify(valid()));
        const b = file('b.json', JSON.stringify(valid()));
        const other = file('c.json', JSON.stringify({ ...valid(), name: 'office' }));
        expect(loadPlatformConfigs([a, other]).map((c) => c.name)).toEqual(['homelab', 'office']);
        expect(() => loadPlatformConfigs([a, other, b])).toThrow(`configs '${a}' and '${b}' both have name 'homelab'`);
      });
    });
  });
});
