import { TerraformOutput, TerraformStack, TerraformVariable, Testing, Token } from 'cdktf';
import { AutoUnsealKeyVault, AutoUnsealKeyVaultProps } from '../../lib/keyvault/auto-unseal-key-vault';
import { onlyResource, resourcesOf, testStack } from '../helpers';
import { buildKeyVault, keyVaultErrorOf, KV_ERROR_PREFIX, KV_PROPS } from './fixtures';

// The Key Vault firewall and every prop pattern of AutoUnsealKeyVault, at both
// anchors and at their boundaries (mutation testing, issue #19).

const SP = (clientSecretExpiry: string, extra: object = {}): Partial<AutoUnsealKeyVaultProps> => ({ identity: { mode: 'clientSecret', clientSecretExpiry, ...extra } });
const SUBNET = '/subscriptions/0000/resourceGroups/rg-aks/providers/Microsoft.Network/virtualNetworks/vnet/subnets/nodes';

/** The stack holding an AutoUnsealKeyVault built from these props. */
function build(props: Partial<AutoUnsealKeyVaultProps> = {}, stack: TerraformStack = testStack()): TerraformStack {
  buildKeyVault(props, stack);
  return stack;
}

describe('AutoUnsealKeyVault firewall', () => {
  it('keeps public access off and lists nothing when only a private endpoint reaches it', () => {
    const kv = onlyResource(build(), 'azurerm_key_vault');
    expect(kv.public_network_access_enabled).toBe(false);
    expect(kv.network_acls).toEqual({ default_action: 'Deny', bypass: 'None' });
  });

  it('opens public access, still denying by default, for allowed IPs alone', () => {
    const kv = onlyResource(build({ allowedIpRanges: ['203.0.113.7', '198.51.100.0/24'] }), 'azurerm_key_vault');
    expect(kv.public_network_access_enabled).toBe(true);
    expect(kv.network_acls).toEqual({ default_action: 'Deny', bypass: 'None', ip_rules: ['203.0.113.7', '198.51.100.0/24'] });
  });

  it('opens public access, still denying by default, for allowed subnets alone', () => {
    const kv = onlyResource(build({ allowedSubnetIds: [SUBNET] }), 'azurerm_key_vault');
    expect(kv.public_network_access_enabled).toBe(true);
    expect(kv.network_acls).toEqual({ default_action: 'Deny', bypass: 'None', virtual_network_subnet_ids: [SUBNET] });
  });

  it('treats empty lists as none', () => {
    expect(onlyResource(build({ allowedIpRanges: [], allowedSubnetIds: [] }), 'azurerm_key_vault').public_network_access_enabled).toBe(false);
  });

  it.each(['203.0.113.7', '203.0.113.0/24', '198.51.100.0/24', '1.2.3.4/32', '8.8.8.8', '11.0.0.1', '9.255.255.255', '20.40.0.0/16',
    '172.15.0.0/16', '172.32.0.0/16', '171.16.0.1', '173.16.0.1', '192.167.0.1', '192.169.0.1', '191.168.0.1', '193.168.0.1'])('accepts the public range %p', (ip) => {
    expect(keyVaultErrorOf({ allowedIpRanges: [ip] })).toBe('');
  });

  it.each([
    ['x203.0.113.7', 'text before it (start anchor)'],
    ['203.0.113.7x', 'text after it (end anchor)'],
    ['203.0.113.0/24x', 'text after the prefix length'],
    ['203.0.113.0/24/8', 'two prefix lengths'],
    ['203.0.113', 'three octets'],
    ['203.0.113.7.1', 'five octets'],
    ['1000.0.113.7', 'a four-digit octet'],
    ['256.0.113.7', 'an octet over 255 first'],
    ['203.0.113.256', 'an octet over 255 last'],
    ['203.0.113.0/33', 'a prefix over 32'],
    ['10.0.0.0/33', 'a private range with a prefix over 32: only the one problem'],
    ['203.0.113.0/100', 'a three-digit prefix'],
    ['203.0.113.0/', 'a slash without prefix'],
    ['203.0.113.a', 'a letter'],
    ['2001:db8::/32', 'IPv6'],
    ['', 'nothing'],
  ])('rejects %p (%s) as no IPv4 address or range', (ip) => {
    expect(keyVaultErrorOf({ allowedIpRanges: [ip] })).toBe(`${KV_ERROR_PREFIX}'allowedIpRanges' must hold IPv4 addresses or CIDR ranges like 203.0.113.0/24 (got '${ip}')`);
  });

  it.each(['10.0.0.0/8', '10.255.255.255', '172.16.0.0/12', '172.16.0.1', '172.20.1.1', '172.31.0.0/16', '172.31.255.255', '192.168.0.0/16', '192.168.1.10'])(
    'rejects the private range %p, pointing at subnets and private endpoints', (ip) => {
      expect(keyVaultErrorOf({ allowedIpRanges: [ip] })).toBe(`${KV_ERROR_PREFIX}'allowedIpRanges' must hold public addresses: Key Vault firewall rules refuse private ranges (10/8, 172.16/12, 192.168/16); reach it from a private network through allowedSubnetIds or a private endpoint (got '${ip}')`);
    });

  it('reports every bad range of the list', () => {
    expect(keyVaultErrorOf({ allowedIpRanges: ['203.0.113.7', '10.0.0.1', 'nope'] }).split('\n')).toEqual([
      expect.stringMatching(/'allowedIpRanges' must hold public addresses.*\(got '10\.0\.0\.1'\)$/),
      expect.stringMatching(/'allowedIpRanges' must hold IPv4 addresses.*\(got 'nope'\)$/),
    ]);
  });

  it.each([SUBNET, SUBNET.toLowerCase(), SUBNET.replace('Microsoft.Network', 'MICROSOFT.NETWORK')])('accepts the subnet id %p', (id) => {
    expect(keyVaultErrorOf({ allowedSubnetIds: [id] })).toBe('');
  });

  it.each([
    [`x${SUBNET}`, 'text before it (start anchor)'],
    [`${SUBNET}/x`, 'a segment after it (end anchor)'],
    [`${SUBNET}/`, 'a trailing slash'],
    [SUBNET.replace('/subscriptions/0000', '/subscriptions/'), 'an empty subscription'],
    [SUBNET.replace('/resourceGroups/rg-aks', '/resourceGroups/'), 'an empty resource group'],
    [SUBNET.replace('/virtualNetworks/vnet', '/virtualNetworks/'), 'an empty network'],
    [SUBNET.replace('/subnets/nodes', '/subnets/'), 'an empty subnet'],
    [SUBNET.replace('Microsoft.Network', 'MicrosoftxNetwork'), 'another provider'],
    [SUBNET.replace('/subnets/', '/subnet/'), 'no subnets segment'],
    ['nodes', 'a bare name'],
  ])('rejects the subnet id %p (%s)', (id) => {
    expect(keyVaultErrorOf({ allowedSubnetIds: [id] })).toBe(`${KV_ERROR_PREFIX}'allowedSubnetIds' must hold subnet resource IDs (/subscriptions/.../virtualNetworks/<vnet>/subnets/<subnet>) (got '${id}')`);
  });

  it('lets lists and list elements known only at apply time through', () => {
    const stack = testStack();
    const ips = new TerraformVariable(stack, 'Ips', { type: 'list(string)' }).listValue;
    const subnets = new TerraformVariable(stack, 'Subnets', { type: 'list(string)' }).listValue;
    build({ allowedIpRanges: ips, allowedSubnetIds: subnets }, stack);
    const one = testStack();
    const ip = new TerraformVariable(one, 'Ip', { type: 'string' }).stringValue;
    build({ allowedIpRanges: [ip] }, one);
    expect(onlyResource(one, 'azurerm_key_vault').network_acls.ip_rules).toEqual(['${var.Ip}']);
  });
});

describe('AutoUnsealKeyVault names', () => {
  it.each(['kv1', 'a-b', 'Kv-Unseal-01', `k${'v'.repeat(22)}1`])('accepts the vault name %p', (keyVaultName) => {
    expect(keyVaultErrorOf({ keyVaultName })).toBe('');
  });
  it.each([
    ['kv', 'two characters'],
    [`k${'v'.repeat(23)}1`, '25 characters'],
    ['1kva', 'a leading digit (start anchor)'],
    ['-kva', 'a leading hyphen'],
    ['kva-', 'a trailing hyphen (end anchor)'],
    ['kv--a', 'two hyphens in a row'],
    ['kvab--c', 'two hyphens in a row further in'],
    ['kv_a', 'an underscore'],
    ['kv a', 'a space'],
  ])('rejects the vault name %p (%s)', (keyVaultName) => {
    expect(keyVaultErrorOf({ keyVaultName })).toBe(`${KV_ERROR_PREFIX}'keyVaultName' must be 3-24 characters of letters, digits and hyphens, start with a letter, end with a letter or digit, and have no consecutive hyphens (got '${keyVaultName}')`);
  });

  it.each(['k', 'K-9', 'a'.repeat(127)])('accepts the key name %p', (keyName) => {
    expect(keyVaultErrorOf({ keyName })).toBe('');
  });
  it.each(['', 'a'.repeat(128), '_key', 'key_', 'key 1'])('rejects the key name %p', (keyName) => {
    expect(keyVaultErrorOf({ keyName })).toBe(`${KV_ERROR_PREFIX}'keyName' must be 1-127 letters, digits and hyphens (got '${keyName}')`);
  });

  it.each(['vault-unseal', 'a_b', 'ab_', '9ab', 'a'.repeat(128)])('accepts the identity name %p', (identityName) => {
    expect(keyVaultErrorOf({ identity: { ...KV_PROPS.identity, identityName } as AutoUnsealKeyVaultProps['identity'] })).toBe('');
  });
  it.each(['ab', '_ab', '-ab', 'ab-', 'a b c', 'a'.repeat(129)])('rejects the identity name %p', (identityName) => {
    expect(keyVaultErrorOf({ identity: { ...KV_PROPS.identity, identityName } as AutoUnsealKeyVaultProps['identity'] }))
      .toBe(`${KV_ERROR_PREFIX}'identity.identityName' must be 3-128 letters, digits, "-" and "_", starting with a letter or digit (got '${identityName}')`);
  });

  it('names the identity after the vault by default', () => {
    expect(onlyResource(build(), 'azurerm_user_assigned_identity').name).toBe('kv-vault-unseal-unseal');
  });
});

describe('AutoUnsealKeyVault key', () => {
  it.each([[2048], [3072], [4096]])('accepts key size %p', (keySize) => {
    expect(keyVaultErrorOf({ keySize: keySize as 2048 })).toBe('');
    expect(onlyResource(build({ keySize: keySize as 2048 }), 'azurerm_key_vault_key').key_size).toBe(keySize);
  });
  it('rejects another key size, key type or SKU', () => {
    expect(keyVaultErrorOf({ keySize: 1024 as 2048 })).toBe(`${KV_ERROR_PREFIX}'keySize' must be one of '2048', '3072', '4096' (got 1024)`);
    expect(keyVaultErrorOf({ keyType: 'EC' as 'RSA' })).toBe(`${KV_ERROR_PREFIX}'keyType' must be one of 'RSA', 'RSA-HSM' (got 'EC')`);
    expect(keyVaultErrorOf({ sku: 'gold' as 'premium' })).toBe(`${KV_ERROR_PREFIX}'sku' must be one of 'standard', 'premium' (got 'gold')`);
  });
  it('takes an HSM key only in a premium vault', () => {
    expect(keyVaultErrorOf({ keyType: 'RSA-HSM' })).toBe(`${KV_ERROR_PREFIX}'keyType' requires sku 'premium' (the standard SKU has no HSM-protected keys) (got 'RSA-HSM')`);
    expect(keyVaultErrorOf({ keyType: 'RSA-HSM', sku: 'premium' })).toBe('');
    expect(keyVaultErrorOf({ keyType: 'RSA', sku: 'premium' })).toBe('');
  });
  it('lets a key size known only at apply time through', () => {
    const stack = testStack();
    const size = new TerraformVariable(stack, 'Size', { type: 'number' }).numberValue;
    build({ keySize: size as 2048 }, stack);
    expect(onlyResource(stack, 'azurerm_key_vault_key').key_size).toBe('${var.Size}');
  });
  it('lets a SKU, key type or key size known only at apply time through, even with an HSM key', () => {
    const stack = testStack();
    const sku = new TerraformVariable(stack, 'Sku', { type: 'string' }).stringValue;
    const size = Token.asNumber(new TerraformVariable(stack, 'Size', { type: 'number' }).value);
    build({ sku: sku as 'premium', keyType: 'RSA-HSM', keySize: size as 2048 }, stack);
    expect(onlyResource(stack, 'azurerm_key_vault').sku_name).toBe('${var.Sku}');
    expect(onlyResource(stack, 'azurerm_key_vault_key')).toMatchObject({ key_type: 'RSA-HSM', key_size: '${var.Size}' });
    const other = testStack();
    const type = new TerraformVariable(other, 'KeyType', { type: 'string' }).stringValue;
    build({ keyType: type as 'RSA' }, other);
    expect(onlyResource(other, 'azurerm_key_vault_key').key_type).toBe('${var.KeyType}');
  });
});

describe('AutoUnsealKeyVault tenant and administrator', () => {
  const T = '11111111-1111-1111-1111-111111111111';
  const P = '22222222-2222-2222-2222-222222222222';
  it('reads the client config when either is missing, and only then', () => {
    const dataSources = (stack: TerraformStack) => Object.keys(JSON.parse(JSON.stringify(stack.toTerraform())).data?.azurerm_client_config ?? {});
    expect(dataSources(build({ tenantId: T, keyAdministratorPrincipalId: P }))).toEqual([]);
    const tenantOnly = build({ tenantId: T });
    expect(dataSources(tenantOnly)).toHaveLength(1);
    expect(onlyResource(tenantOnly, 'azurerm_key_vault').tenant_id).toBe(T);
    expect(resourcesOf(tenantOnly, 'azurerm_role_assignment').map((r) => r.principal_id)).toContainEqual(expect.stringMatching(/^\$\{data\.azurerm_client_config\.\w+\.object_id\}$/));
    const adminOnly = build({ keyAdministratorPrincipalId: P });
    expect(dataSources(adminOnly)).toHaveLength(1);
    expect(resourcesOf(adminOnly, 'azurerm_role_assignment').map((r) => r.principal_id)).toContain(P);
  });
  it('takes the tenant from the client config when none is given', () => {
    const tenant = onlyResource(build({ keyAdministratorPrincipalId: P }), 'azurerm_key_vault').tenant_id;
    expect(tenant).toMatch(/^\$\{data\.azurerm_client_config\.[\w]+\.tenant_id\}$/);
  });
  it('rejects ids that are no UUID', () => {
    expect(keyVaultErrorOf({ tenantId: 'contoso', keyAdministratorPrincipalId: 'me' })).toBe(
      `${KV_ERROR_PREFIX}'tenantId' must be a UUID like 00000000-0000-0000-0000-000000000000 (got 'contoso')\n${KV_ERROR_PREFIX}'keyAdministratorPrincipalId' must be a UUID like 00000000-0000-0000-0000-000000000000 (got 'me')`);
  });
});

describe('AutoUnsealKeyVault rotation', () => {
  it('writes the rotation policy', () => {
    const key = onlyResource(build({ rotation: { rotateAfter: 'P90D', expireAfter: 'P1Y', notifyBeforeExpiry: 'P30D' } }), 'azurerm_key_vault_key');
    expect(key.rotation_policy).toEqual({ automatic: { time_after_creation: 'P90D' }, expire_after: 'P1Y', notify_before_expiry: 'P30D' });
  });
  it.each(['P1Y', 'P6M', 'P90D', 'P1Y2M3D', 'P10Y', 'P0D'])('accepts the ISO 8601 duration %p', (rotateAfter) => {
    expect(keyVaultErrorOf({ rotation: { rotateAfter } })).toBe('');
  });
  it.each(['P', '', 'PT1H', 'P1W', 'xP1D', 'P1Dx', 'P1D2Y', '90D', 'P1.5Y', 'p1d'])('rejects %p, naming each field', (bad) => {
    const iso = 'must be an ISO 8601 duration in years, months or days like P90D or P1Y';
    expect(keyVaultErrorOf({ rotation: { rotateAfter: bad } })).toBe(`${KV_ERROR_PREFIX}'rotation.rotateAfter' ${iso} (got '${bad}')`);
    expect(keyVaultErrorOf({ rotation: { rotateAfter: 'P1D', expireAfter: bad } })).toContain(`${KV_ERROR_PREFIX}'rotation.expireAfter' ${iso} (got '${bad}')`);
    expect(keyVaultErrorOf({ rotation: { rotateAfter: 'P1D', expireAfter: 'P1Y', notifyBeforeExpiry: bad } })).toBe(`${KV_ERROR_PREFIX}'rotation.notifyBeforeExpiry' ${iso} (got '${bad}')`);
  });
  it.each([
    ['P90D', 'P91D'], ['P1M', 'P31D'], ['P1Y', 'P366D'], ['P12M', 'P1Y'], ['P1Y', 'P1Y1D'], ['P1D', 'P1M'],
  ])('takes rotateAfter %p with a longer expireAfter %p', (rotateAfter, expireAfter) => {
    expect(keyVaultErrorOf({ rotation: { rotateAfter, expireAfter } })).toBe('');
  });
  it.each([
    ['P90D', 'P90D'], ['P91D', 'P90D'], ['P1Y', 'P365D'], ['P1M', 'P30D'], ['P1Y', 'P12M'], ['P366D', 'P1Y'], ['P2Y', 'P1Y11M'],
  ])('refuses rotateAfter %p with expireAfter %p, which is not longer', (rotateAfter, expireAfter) => {
    expect(keyVaultErrorOf({ rotation: { rotateAfter, expireAfter } })).toBe(
      `${KV_ERROR_PREFIX}'rotation.expireAfter' must be longer than rotateAfter ('${rotateAfter}'), or a version expires before its successor exists (got '${expireAfter}')`);
  });
  it('needs expireAfter for notifyBeforeExpiry', () => {
    expect(keyVaultErrorOf({ rotation: { rotateAfter: 'P90D', notifyBeforeExpiry: 'P30D' } })).toBe(`${KV_ERROR_PREFIX}'rotation.notifyBeforeExpiry' needs rotation.expireAfter (got 'P30D')`);
  });
  it('compares nothing known only at apply time', () => {
    const stack = testStack();
    const later = new TerraformVariable(stack, 'Later', { type: 'string' }).stringValue;
    build({ rotation: { rotateAfter: later, expireAfter: 'P1D' } }, stack);
    build({ rotation: { rotateAfter: 'P1Y', expireAfter: later } }, testStack());
    expect(onlyResource(stack, 'azurerm_key_vault_key').rotation_policy.automatic.time_after_creation).toBe('${var.Later}');
  });
});

describe('AutoUnsealKeyVault identity', () => {
  it('federates exactly the given ServiceAccount with the given issuer', () => {
    const stack = build({ identity: { mode: 'workloadIdentity', oidcIssuerUrl: 'https://issuer.example/x', serviceAccount: { name: 'vault-0', namespace: 'secrets' } } });
    expect(onlyResource(stack, 'azurerm_federated_identity_credential')).toEqual(expect.objectContaining({
      issuer: 'https://issuer.example/x', subject: 'system:serviceaccount:secrets:vault-0', audience: ['api://AzureADTokenExchange'], name: 'vault-server',
    }));
  });
  it('validates the issuer URL and the ServiceAccount', () => {
    expect(keyVaultErrorOf({ identity: { mode: 'workloadIdentity', oidcIssuerUrl: 'http://issuer', serviceAccount: { name: 'Vault', namespace: 'a.b' } } }).split('\n')).toEqual([
      `${KV_ERROR_PREFIX}'identity.oidcIssuerUrl' must be a URL starting with https:// (got 'http://issuer')`,
      expect.stringMatching(/^AutoUnsealKeyVault 'Test\/Unseal': 'identity.serviceAccount.namespace' must be a DNS-1123 label.*\(got 'a\.b'\)$/),
      expect.stringMatching(/^AutoUnsealKeyVault 'Test\/Unseal': 'identity.serviceAccount.name' must be a DNS-1123 subdomain.*\(got 'Vault'\)$/),
    ]);
  });

  it.each(['24h', '4380h', '17520h'])('accepts a client secret living %p', (expiry) => {
    expect(keyVaultErrorOf(SP(expiry))).toBe('');
    // end_date from the plan's time (end_date_relative is deprecated in azuread 3.x), fixed at creation (#15).
    expect(onlyResource(build(SP(expiry)), 'azuread_application_password').end_date).toBe(`\${timeadd(plantimestamp(), "${expiry}")}`);
  });
  it.each([
    ['23h', 'must be at least 24h: Vault cannot unseal once it has expired'],
    ['17521h', 'must be at most 17520h (2 years)'],
    ['0h', 'must be a whole number of hours like 4380h (6 months)'],
    ['1h30m', 'must be a whole number of hours like 4380h (6 months)'],
    ['86400', 'must be a whole number of hours like 4380h (6 months)'],
    ['4380h ', 'must be a whole number of hours like 4380h (6 months)'],
    ['x4380h', 'must be a whole number of hours like 4380h (6 months)'],
    ['1d', 'must be a whole number of hours like 4380h (6 months)'],
  ])('refuses a client secret living %p', (expiry, rule) => {
    expect(keyVaultErrorOf(SP(expiry))).toBe(`${KV_ERROR_PREFIX}'identity.clientSecretExpiry' ${rule} (got '${expiry}')`);
  });
  it('requires an expiry even from callers without type checks', () => {
    expect(keyVaultErrorOf({ identity: { mode: 'clientSecret' } as never })).toBe(`${KV_ERROR_PREFIX}'identity.clientSecretExpiry' is required: a client secret must expire (at most 17520h, 2 years) (got nothing)`);
  });
  it('lets an expiry known only at apply time through', () => {
    const stack = testStack();
    const expiry = new TerraformVariable(stack, 'Expiry', { type: 'string' }).stringValue;
    build(SP(expiry), stack);
    expect(onlyResource(stack, 'azuread_application_password').end_date).toBe('${timeadd(plantimestamp(), var.Expiry)}');
  });
  it('names the application, and checks the name', () => {
    expect(onlyResource(build(SP('4380h')), 'azuread_application').display_name).toBe('vault-auto-unseal');
    expect(onlyResource(build(SP('4380h', { applicationDisplayName: 'unseal prod' })), 'azuread_application').display_name).toBe('unseal prod');
    expect(keyVaultErrorOf(SP('4380h', { applicationDisplayName: ' padded' }))).toBe(`${KV_ERROR_PREFIX}'identity.applicationDisplayName' must be 1-120 characters without leading or trailing spaces (got ' padded')`);
  });
  it('refuses an unknown mode', () => {
    expect(keyVaultErrorOf({ identity: { mode: 'password' } as never })).toBe(`${KV_ERROR_PREFIX}'identity.mode' must be 'workloadIdentity' or 'clientSecret' (got 'password')`);
  });
});

/** What each value synthesizes to, read through outputs. */
function resolved(stack: TerraformStack, values: Record<string, unknown>): Record<string, unknown> {
  for (const [k, value] of Object.entries(values)) new TerraformOutput(stack, k, { value });
  const out = JSON.parse(Testing.synth(stack)).output as Record<string, { value: unknown }>;
  return Object.fromEntries(Object.keys(values).map((k) => [k, out[k].value]));
}

describe('AutoUnsealKeyVault as a seal source', () => {
  it('hands VaultSealConfig the vault, key, identity and what the seal must wait for', () => {
    const stack = testStack();
    const kv = new AutoUnsealKeyVault(stack, 'Unseal', { ...KV_PROPS, tenantId: '11111111-1111-1111-1111-111111111111', keyName: 'unseal-key' });
    expect(kv.tenantId).toBe('11111111-1111-1111-1111-111111111111');
    // ...and the private endpoint the vault is reached through (#15).
    expect(kv.sealDependencies).toEqual([kv.roleAssignment, kv.key, kv.privateEndpoint]);
    expect(kv.workloadIdentityServiceAccount).toEqual({ name: 'vault', namespace: 'vault' });
    const json = JSON.parse(JSON.stringify(stack.toTerraform()));
    expect(resolved(stack, { vault: kv.keyVaultName, key: kv.keyName, client: kv.clientId })).toEqual({
      vault: expect.stringMatching(/^\$\{azurerm_key_vault\.Unseal[\w]*\.name\}$/),
      key: expect.stringMatching(/^\$\{azurerm_key_vault_key\.Unseal_Key[\w]*\.name\}$/),
      client: expect.stringMatching(/^\$\{azurerm_user_assigned_identity\.Unseal_Identity[\w]*\.client_id\}$/),
    });
    expect(Object.values(json.resource.azurerm_role_assignment as Record<string, any>).map((r) => [r.role_definition_name, r.principal_type])).toEqual([
      ['Key Vault Crypto Officer', undefined],
      ['Key Vault Crypto Service Encryption User', 'ServicePrincipal'],
    ]);
  });

  it('hands over the application and its secret in client-secret mode', () => {
    const stack = testStack();
    const kv = new AutoUnsealKeyVault(stack, 'Unseal', { ...KV_PROPS, ...SP('4380h') });
    expect(kv.workloadIdentityServiceAccount).toBeUndefined();
    expect(resolved(stack, { client: kv.clientId, secret: kv.clientSecret })).toEqual({
      client: expect.stringMatching(/^\$\{azuread_application\.Unseal_Application[\w]*\.client_id\}$/),
      secret: expect.stringMatching(/^\$\{azuread_application_password\.Unseal_ClientSecret[\w]*\.value\}$/),
    });
    expect(onlyResource(stack, 'azuread_application_password').display_name).toBe('vault-auto-unseal');
    expect(onlyResource(stack, 'azuread_service_principal').client_id).toMatch(/^\$\{azuread_application\.Unseal_Application[\w]*\.client_id\}$/);
  });
});

describe('AutoUnsealKeyVault secure defaults', () => {
  it('writes an RBAC vault with purge protection, 90 days of soft delete and both resources protected from destroy', () => {
    const stack = build({ tags: { team: 'platform' } });
    expect(onlyResource(stack, 'azurerm_key_vault')).toEqual(expect.objectContaining({
      name: 'kv-vault-unseal', resource_group_name: 'rg-vault', location: 'westeurope', sku_name: 'standard',
      rbac_authorization_enabled: true, purge_protection_enabled: true, soft_delete_retention_days: 90,
      tags: { team: 'platform' }, lifecycle: { prevent_destroy: true },
    }));
    expect(onlyResource(stack, 'azurerm_key_vault_key')).toEqual(expect.objectContaining({
      name: 'generated-key', key_type: 'RSA', key_size: 2048, key_opts: ['wrapKey', 'unwrapKey'],
      tags: { team: 'platform' }, lifecycle: { prevent_destroy: true },
    }));
    // Created over the data plane: after the key administrator role and the private endpoint (#15).
    expect(onlyResource(stack, 'azurerm_key_vault_key').depends_on).toEqual([
      expect.stringMatching(/^azurerm_role_assignment\.Unseal_KeyAdministrator/), expect.stringMatching(/^azurerm_private_endpoint\.Unseal_PrivateEndpoint/),
    ]);
    expect(onlyResource(stack, 'azurerm_user_assigned_identity')).toEqual(expect.objectContaining({ resource_group_name: 'rg-vault', location: 'westeurope', tags: { team: 'platform' } }));
    expect(onlyResource(stack, 'azurerm_federated_identity_credential')).toEqual(expect.objectContaining({ resource_group_name: 'rg-vault', parent_id: expect.stringMatching(/^\$\{azurerm_user_assigned_identity\.Unseal_Identity\w*\.id\}$/) }));
  });

  it('scopes both role assignments to the vault', () => {
    const scopes = resourcesOf(build(), 'azurerm_role_assignment').map((r) => r.scope);
    expect(scopes).toEqual([expect.stringMatching(/^\$\{azurerm_key_vault\.Unseal\w*\.id\}$/), expect.stringMatching(/^\$\{azurerm_key_vault\.Unseal\w*\.id\}$/)]);
  });

  it('gives the service principal its application and the secret its display name', () => {
    const stack = build(SP('4380h'));
    expect(onlyResource(stack, 'azuread_application_password').application_id).toMatch(/^\$\{azuread_application\.Unseal_Application\w*\.id\}$/);
    expect(resourcesOf(stack, 'azurerm_role_assignment').map((r) => r.principal_id)).toContainEqual(expect.stringMatching(/^\$\{azuread_service_principal\.Unseal_ServicePrincipal\w*\.object_id\}$/));
  });
});
