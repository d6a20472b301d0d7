import { TerraformStack, TerraformVariable } from 'cdktf';
import { Application } from '@cdktf/provider-azuread/lib/application';
import { ApplicationPasswordA } from '@cdktf/provider-azuread/lib/application-password';
import { ServicePrincipal } from '@cdktf/provider-azuread/lib/service-principal';
import { FederatedIdentityCredential } from '@cdktf/provider-azurerm/lib/federated-identity-credential';
import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { KeyVaultKey } from '@cdktf/provider-azurerm/lib/key-vault-key';
import { PrivateDnsZone } from '@cdktf/provider-azurerm/lib/private-dns-zone';
import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { AUTO_UNSEAL_ROLE, AutoUnsealKeyVault, AutoUnsealKeyVaultProps, KEY_ADMIN_ROLE } from '../../lib/keyvault/auto-unseal-key-vault';
import { onlyResource, resourcesOf, synth, synthObject, testStack, warningsOf } from '../helpers';

const NET = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-net/providers/Microsoft.Network';
const PE_SUBNET = `${NET}/virtualNetworks/vnet-hub/subnets/private-endpoints`;
const ZONE = `${NET}/privateDnsZones/privatelink.vaultcore.azure.net`;
const WI: AutoUnsealKeyVaultProps = {
  keyVaultName: 'kv-vault-unseal',
  resourceGroupName: 'rg-vault',
  location: 'westeurope',
  identity: { mode: 'workloadIdentity', oidcIssuerUrl: 'https://oidc.example.invalid/issuer/' },
  privateEndpoint: { subnetId: PE_SUBNET, privateDnsZoneId: ZONE },
};
const SP: AutoUnsealKeyVaultProps = { ...WI, identity: { mode: 'clientSecret', clientSecretExpiry: '4380h' } };

function build(props: Partial<AutoUnsealKeyVaultProps> = {}, stack: TerraformStack = testStack()): { stack: TerraformStack; kv: AutoUnsealKeyVault } {
  const kv = new AutoUnsealKeyVault(stack, 'Unseal', { ...WI, ...props });
  return { stack, kv };
}

describe('AutoUnsealKeyVault', () => {
  describe('secure defaults', () => {
    // Built in beforeAll, not while the file loads: a construct that throws
    // then fails this block's tests instead of the whole file, which mutation
    // testing would count as an error rather than a caught change.
    let stack: TerraformStack;
    let json: string;
    beforeAll(() => {
      ({ stack } = build());
      json = synth(stack);
    });

    it('creates the Key Vault in RBAC mode with purge protection and 90 days soft delete', () => {
      expect(json).toHaveResourceWithProperties(KeyVault, {
        name: 'kv-vault-unseal',
        sku_name: 'standard',
        rbac_authorization_enabled: true,
        purge_protection_enabled: true,
        soft_delete_retention_days: 90,
      });
    });

    it('turns public network access off and denies by default when no network is allowed', () => {
      expect(json).toHaveResourceWithProperties(KeyVault, {
        public_network_access_enabled: false,
        network_acls: { default_action: 'Deny', bypass: 'None' },
      });
    });

    it('creates RSA 2048 key generated-key that can only wrap and unwrap', () => {
      expect(json).toHaveResourceWithProperties(KeyVaultKey, {
        name: 'generated-key',
        key_type: 'RSA',
        key_size: 2048,
        key_opts: ['wrapKey', 'unwrapKey'],
      });
      expect(resourcesOf(stack, 'azurerm_key_vault_key')[0].rotation_policy).toBeUndefined();
    });

    it('sets prevent_destroy on the Key Vault and the key', () => {
      const res = synthObject(stack).resource!;
      expect(Object.values(res.azurerm_key_vault).map((r: any) => r.lifecycle.prevent_destroy)).toEqual([true]);
      expect(Object.values(res.azurerm_key_vault_key).map((r: any) => r.lifecycle.prevent_destroy)).toEqual([true]);
    });

    it('grants Vault\'s identity Key Vault Crypto Service Encryption User on the vault, not Key Vault Secrets User', () => {
      expect(AUTO_UNSEAL_ROLE).toBe('Key Vault Crypto Service Encryption User');
      expect(json).toHaveResourceWithProperties(RoleAssignment, {
        role_definition_name: 'Key Vault Crypto Service Encryption User',
        principal_type: 'ServicePrincipal',
        principal_id: '${azurerm_user_assigned_identity.Unseal_Identity_56DA299E.principal_id}',
        scope: '${azurerm_key_vault.Unseal_D85AE092.id}',
      });
      expect(resourcesOf(stack, 'azurerm_role_assignment').map((r) => r.role_definition_name)).not.toContain('Key Vault Secrets User');
    });

    it('lets the principal running Terraform create the key, before the key is created', () => {
      expect(json).toHaveResourceWithProperties(RoleAssignment, {
        role_definition_name: KEY_ADMIN_ROLE,
        principal_id: '${data.azurerm_client_config.Unseal_ClientConfig_92868452.object_id}',
      });
      // ...and, with public access off, once the private endpoint exists.
      expect(resourcesOf(stack, 'azurerm_key_vault_key')[0].depends_on).toEqual(['azurerm_role_assignment.Unseal_KeyAdministrator_280592F1', 'azurerm_private_endpoint.Unseal_PrivateEndpoint_3086D23E']);
    });

    it('emits no warning', () => {
      expect(warningsOf(stack)).toEqual([]);
    });
  });

  describe('workload identity mode', () => {
    let stack: TerraformStack;
    let kv: AutoUnsealKeyVault;
    let json: string;
    beforeAll(() => {
      ({ stack, kv } = build({ identity: { mode: 'workloadIdentity', oidcIssuerUrl: 'https://oidc.example.invalid/issuer/', serviceAccount: { name: 'vault-server', namespace: 'secrets' } } }));
      json = synth(stack);
    });

    it('federates a user-assigned identity with exactly Vault\'s ServiceAccount', () => {
      expect(json).toHaveResourceWithProperties(UserAssignedIdentity, { name: 'kv-vault-unseal-unseal', resource_group_name: 'rg-vault', location: 'westeurope' });
      expect(json).toHaveResourceWithProperties(FederatedIdentityCredential, {
        issuer: 'https://oidc.example.invalid/issuer/',
        subject: 'system:serviceaccount:secrets:vault-server',
        audience: ['api://AzureADTokenExchange'],
      });
      expect(kv.workloadIdentityServiceAccount).toEqual({ name: 'vault-server', namespace: 'secrets' });
    });

    it('has no secret at all', () => {
      expect(kv.clientSecret).toBeUndefined();
      expect(json).not.toMatch(/azuread_application_password/);
    });
  });

  describe('client-secret mode', () => {
    let stack: TerraformStack;
    let kv: AutoUnsealKeyVault;
    let json: string;
    beforeAll(() => {
      ({ stack, kv } = build({ identity: { mode: 'clientSecret', clientSecretExpiry: '4380h' } }));
      json = synth(stack);
    });

    it('creates a dedicated application, service principal and an expiring secret', () => {
      expect(json).toHaveResourceWithProperties(Application, { display_name: 'vault-auto-unseal' });
      expect(json).toHaveResourceWithProperties(ServicePrincipal, { client_id: '${azuread_application.Unseal_Application_4634BEDD.client_id}' });
      expect(json).toHaveResourceWithProperties(ApplicationPasswordA, { end_date: '${timeadd(plantimestamp(), "4380h")}' });
    });

    it('fixes the expiry at creation with end_date, not the deprecated end_date_relative, and re-creates the secret only when the expiry changes', () => {
      const [pw] = resourcesOf(stack, 'azuread_application_password');
      expect(pw.end_date_relative).toBeUndefined();
      // plantimestamp() moves with every plan: ignored after creation, or every plan would replace the secret.
      expect(pw.lifecycle).toEqual({ ignore_changes: ['end_date'] });
      expect(pw.rotate_when_changed).toEqual({ expiry: '4380h' });
    });

    it('grants the service principal the seal role', () => {
      expect(json).toHaveResourceWithProperties(RoleAssignment, {
        role_definition_name: AUTO_UNSEAL_ROLE,
        principal_id: '${azuread_service_principal.Unseal_ServicePrincipal_C0C3665B.object_id}',
      });
    });

    it('exposes the secret only as a reference', () => {
      expect(kv.clientSecret).toMatch(/TfToken/);
      expect(kv.workloadIdentityServiceAccount).toBeUndefined();
      expect(json).not.toMatch(/azurerm_federated_identity_credential/);
    });
  });

  it('allows given IPs and subnets through the firewall', () => {
    const subnet = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/aks';
    const { stack } = build({ allowedIpRanges: ['203.0.113.0/24', '198.51.100.7'], allowedSubnetIds: [subnet] });
    expect(synth(stack)).toHaveResourceWithProperties(KeyVault, {
      public_network_access_enabled: true,
      network_acls: { default_action: 'Deny', bypass: 'None', ip_rules: ['203.0.113.0/24', '198.51.100.7'], virtual_network_subnet_ids: [subnet] },
    });
  });

  describe('reachability', () => {
    it('reaches the vault through a private endpoint registered in the given privatelink zone', () => {
      const { stack, kv } = build();
      expect(synth(stack)).toHaveResourceWithProperties(PrivateEndpoint, {
        name: 'kv-vault-unseal-pe',
        subnet_id: PE_SUBNET,
        private_service_connection: {
          name: 'kv-vault-unseal-vault',
          private_connection_resource_id: '${azurerm_key_vault.Unseal_D85AE092.id}',
          subresource_names: ['vault'],
          is_manual_connection: false,
        },
        private_dns_zone_group: { name: 'vault', private_dns_zone_ids: [ZONE] },
      });
      expect(resourcesOf(stack, 'azurerm_private_dns_zone')).toEqual([]);
      expect(kv.sealDependencies).toContain(kv.privateEndpoint);
    });

    it('creates the privatelink.vaultcore.azure.net zone and links it to the given networks when no zone is given', () => {
      const vnets = [`${NET}/virtualNetworks/vnet-hub`, `${NET}/virtualNetworks/vnet-aks`];
      const { stack } = build({ privateEndpoint: { subnetId: PE_SUBNET, linkVirtualNetworkIds: vnets } });
      const json = synth(stack);
      expect(json).toHaveResourceWithProperties(PrivateDnsZone, { name: 'privatelink.vaultcore.azure.net', resource_group_name: 'rg-vault' });
      // One link per network, keyed by its ID: reordering the list moves no link.
      expect(onlyResource(stack, 'azurerm_private_dns_zone_virtual_network_link')).toEqual({
        for_each: `\${toset(${JSON.stringify(vnets).replace(/,/g, ', ')})}`,
        name: 'kv-vault-unseal-${element(split("/", each.value), 8)}',
        resource_group_name: 'rg-vault',
        private_dns_zone_name: expect.stringMatching(/^\$\{azurerm_private_dns_zone\.\w+\.name\}$/),
        virtual_network_id: '${each.value}',
        registration_enabled: false,
      });
      expect(onlyResource(stack, 'azurerm_private_endpoint').private_dns_zone_group.private_dns_zone_ids).toEqual([expect.stringMatching(/^\$\{azurerm_private_dns_zone\.\w+\.id\}$/)]);
    });

    it('keeps public access off with a private endpoint only', () => {
      expect(synth(build().stack)).toHaveResourceWithProperties(KeyVault, { public_network_access_enabled: false });
    });

    const unreachable: Array<[string, Partial<AutoUnsealKeyVaultProps>, RegExp]> = [
      ['no IP range, subnet or private endpoint', { privateEndpoint: undefined },
        /'privateEndpoint' or allowedIpRanges or allowedSubnetIds is required: without any, public network access is off and no private path exists.*\(got nothing\)/],
      ['empty IP and subnet lists', { privateEndpoint: undefined, allowedIpRanges: [], allowedSubnetIds: [] }, /'privateEndpoint' or allowedIpRanges or allowedSubnetIds is required/],
      ['a private endpoint without a DNS zone or networks to link one to', { privateEndpoint: { subnetId: PE_SUBNET } },
        /'privateEndpoint.linkVirtualNetworkIds' is required without privateDnsZoneId: a new privatelink.vaultcore.azure.net zone linked to no network resolves nothing/],
      ['a DNS zone for another service', { privateEndpoint: { subnetId: PE_SUBNET, privateDnsZoneId: `${NET}/privateDnsZones/privatelink.blob.core.windows.net` } },
        /'privateEndpoint.privateDnsZoneId' must be the resource ID of a private DNS zone named privatelink.vaultcore.azure.net.*\(got '.*privatelink.blob.core.windows.net'\)/],
      ['a zone name instead of its ID', { privateEndpoint: { subnetId: PE_SUBNET, privateDnsZoneId: 'privatelink.vaultcore.azure.net' } }, /'privateEndpoint.privateDnsZoneId' must be the resource ID/],
      ['a subnet name instead of its ID', { privateEndpoint: { subnetId: 'private-endpoints', privateDnsZoneId: ZONE } }, /'privateEndpoint.subnetId' must be a subnet resource ID.*\(got 'private-endpoints'\)/],
      ['a network name to link', { privateEndpoint: { subnetId: PE_SUBNET, linkVirtualNetworkIds: ['vnet-hub'] } }, /'privateEndpoint.linkVirtualNetworkIds' must hold virtual network resource IDs.*\(got 'vnet-hub'\)/],
      ['both a zone and networks to link', { privateEndpoint: { subnetId: PE_SUBNET, privateDnsZoneId: ZONE, linkVirtualNetworkIds: [`${NET}/virtualNetworks/v`] } }, /'privateEndpoint.linkVirtualNetworkIds' must be left out with privateDnsZoneId/],
    ];
    it.each(unreachable)('fails at synth on %s', (_what, props, message) => {
      expect(() => build(props)).toThrow(new RegExp(`AutoUnsealKeyVault 'Test/Unseal': .*${message.source}`));
    });

    it('links a list of networks known only at apply time', () => {
      const stack = testStack();
      const vnets = new TerraformVariable(stack, 'vnets', { type: 'list(string)' });
      build({ privateEndpoint: { subnetId: PE_SUBNET, linkVirtualNetworkIds: vnets.listValue } }, stack);
      expect(onlyResource(stack, 'azurerm_private_dns_zone_virtual_network_link').for_each).toBe('${toset(var.vnets)}');
    });

    it('accepts the sovereign clouds\' zones and a list only known at apply time', () => {
      expect(() => build({ privateEndpoint: { subnetId: PE_SUBNET, privateDnsZoneId: `${NET}/privateDnsZones/privatelink.vaultcore.azure.cn` } })).not.toThrow();
      const stack = testStack();
      const ips = new TerraformVariable(stack, 'ips', { type: 'list(string)' });
      expect(() => build({ privateEndpoint: undefined, allowedIpRanges: ips.listValue }, stack)).not.toThrow();
    });
  });

  it('creates an HSM key in a premium vault', () => {
    const { stack } = build({ sku: 'premium', keyType: 'RSA-HSM', keySize: 3072 });
    const json = synth(stack);
    expect(json).toHaveResourceWithProperties(KeyVault, { sku_name: 'premium' });
    expect(json).toHaveResourceWithProperties(KeyVaultKey, { key_type: 'RSA-HSM', key_size: 3072 });
  });

  it('rotates the key automatically when asked', () => {
    const { stack } = build({ rotation: { rotateAfter: 'P90D', expireAfter: 'P1Y', notifyBeforeExpiry: 'P30D' } });
    expect(synth(stack)).toHaveResourceWithProperties(KeyVaultKey, {
      rotation_policy: { automatic: { time_after_creation: 'P90D' }, expire_after: 'P1Y', notify_before_expiry: 'P30D' },
    });
  });

  it('uses a given tenant and key administrator without reading the client config', () => {
    const { stack } = build({ tenantId: '00000000-0000-0000-0000-000000000001', keyAdministratorPrincipalId: '00000000-0000-0000-0000-000000000002' });
    expect(synth(stack)).toHaveResourceWithProperties(KeyVault, { tenant_id: '00000000-0000-0000-0000-000000000001' });
    expect(synthObject(stack).data).toBeUndefined();
  });

  it('accepts references it cannot check', () => {
    const stack = testStack();
    const name = new TerraformVariable(stack, 'kv_name', { type: 'string' });
    const ips = new TerraformVariable(stack, 'ips', { type: 'list(string)' });
    build({ keyVaultName: name.stringValue, allowedIpRanges: ips.listValue }, stack);
    const [kv] = resourcesOf(stack, 'azurerm_key_vault');
    expect(kv.name).toBe('${var.kv_name}');
    expect(kv.network_acls.ip_rules).toBe('${var.ips}');
    // A list known only at apply time counts as ranges given: public access on, limited to them.
    expect(kv.public_network_access_enabled).toBe(true);
  });

  describe('validation', () => {
    const cases: Array<[string, Partial<AutoUnsealKeyVaultProps>, RegExp]> = [
      ['a name that is too short', { keyVaultName: 'kv' }, /'keyVaultName' must be 3-24 characters.*\(got 'kv'\)/],
      ['a name that is too long', { keyVaultName: 'a'.repeat(25) }, /'keyVaultName' must be 3-24 characters.*\(got 'a{25}'\)/],
      ['a name starting with a digit', { keyVaultName: '1vault' }, /'keyVaultName' .*start with a letter.*\(got '1vault'\)/],
      ['a name with consecutive hyphens', { keyVaultName: 'kv--unseal' }, /'keyVaultName' .*no consecutive hyphens \(got 'kv--unseal'\)/],
      ['a name ending with a hyphen', { keyVaultName: 'kv-unseal-' }, /'keyVaultName' .*\(got 'kv-unseal-'\)/],
      ['a name with an underscore', { keyVaultName: 'kv_unseal' }, /'keyVaultName' .*\(got 'kv_unseal'\)/],
      ['an unknown sku', { sku: 'basic' as never }, /'sku' must be one of 'standard', 'premium' \(got 'basic'\)/],
      ['an RSA-HSM key in a standard vault', { keyType: 'RSA-HSM' }, /'keyType' requires sku 'premium'.*\(got 'RSA-HSM'\)/],
      ['an EC key', { keyType: 'EC' as never }, /'keyType' must be one of 'RSA', 'RSA-HSM' \(got 'EC'\)/],
      ['a 1024-bit key', { keySize: 1024 as never }, /'keySize' must be one of '2048', '3072', '4096' \(got 1024\)/],
      ['a key name with a dot', { keyName: 'generated.key' }, /'keyName' must be 1-127 letters, digits and hyphens \(got 'generated.key'\)/],
      ['a bad IP range', { allowedIpRanges: ['10.0.0.0/33'] }, /'allowedIpRanges' must hold IPv4 addresses or CIDR ranges.*\(got '10.0.0.0\/33'\)/],
      ['a private IP range', { allowedIpRanges: ['192.168.1.0/24'] }, /'allowedIpRanges' must hold public addresses: Key Vault firewall rules refuse private ranges.*\(got '192.168.1.0\/24'\)/],
      ['a private IP address', { allowedIpRanges: ['172.20.0.5'] }, /'allowedIpRanges' must hold public addresses.*\(got '172.20.0.5'\)/],
      ['an open IP range written as a word', { allowedIpRanges: ['any'] }, /'allowedIpRanges' .*\(got 'any'\)/],
      ['a subnet name instead of an ID', { allowedSubnetIds: ['aks-subnet'] }, /'allowedSubnetIds' must hold subnet resource IDs.*\(got 'aks-subnet'\)/],
      ['a rotation period in Go syntax', { rotation: { rotateAfter: '2160h' } }, /'rotation.rotateAfter' must be an ISO 8601 duration.*\(got '2160h'\)/],
      ['expiry before rotation', { rotation: { rotateAfter: 'P1Y', expireAfter: 'P90D' } }, /'rotation.expireAfter' must be longer than rotateAfter \('P1Y'\).*\(got 'P90D'\)/],
      ['notification without expiry', { rotation: { rotateAfter: 'P90D', notifyBeforeExpiry: 'P30D' } }, /'rotation.notifyBeforeExpiry' needs rotation.expireAfter \(got 'P30D'\)/],
      ['an http issuer', { identity: { mode: 'workloadIdentity', oidcIssuerUrl: 'http://issuer.example.invalid' } }, /'identity.oidcIssuerUrl' must be a URL starting with https:\/\/ \(got 'http:\/\/issuer.example.invalid'\)/],
      ['a bad ServiceAccount namespace', { identity: { mode: 'workloadIdentity', oidcIssuerUrl: 'https://i.example.invalid', serviceAccount: { name: 'vault', namespace: 'Vault' } } }, /'identity.serviceAccount.namespace' must be a DNS-1123 label.*\(got 'Vault'\)/],
      ['a bad identity name', { identity: { mode: 'workloadIdentity', oidcIssuerUrl: 'https://i.example.invalid', identityName: 'x' } }, /'identity.identityName' must be 3-128.*\(got 'x'\)/],
      ['a secret without expiry', { identity: { mode: 'clientSecret' } as never }, /'identity.clientSecretExpiry' is required: a client secret must expire.*\(got nothing\)/],
      ['a secret valid for 3 years', { identity: { mode: 'clientSecret', clientSecretExpiry: '26280h' } }, /'identity.clientSecretExpiry' must be at most 17520h \(2 years\) \(got '26280h'\)/],
      ['a secret expiry in days', { identity: { mode: 'clientSecret', clientSecretExpiry: '365d' } }, /'identity.clientSecretExpiry' must be a whole number of hours like 4380h.*\(got '365d'\)/],
      ['a secret expiry in minutes', { identity: { mode: 'clientSecret', clientSecretExpiry: '90m' } }, /'identity.clientSecretExpiry' must be a whole number of hours.*\(got '90m'\)/],
      ['a secret valid for an hour', { identity: { mode: 'clientSecret', clientSecretExpiry: '1h' } }, /'identity.clientSecretExpiry' must be at least 24h.*\(got '1h'\)/],
      ['an empty application display name', { identity: { mode: 'clientSecret', clientSecretExpiry: '4380h', applicationDisplayName: '' } }, /'identity.applicationDisplayName' must be 1-120 characters without leading or trailing spaces \(got ''\)/],
      ['a padded application display name', { identity: { mode: 'clientSecret', clientSecretExpiry: '4380h', applicationDisplayName: ' vault-unseal' } }, /'identity.applicationDisplayName' must be 1-120 characters.*\(got ' vault-unseal'\)/],
      ['an unknown identity mode', { identity: { mode: 'msi' } as never }, /'identity.mode' must be 'workloadIdentity' or 'clientSecret' \(got 'msi'\)/],
    ];
    it.each(cases)('fails on %s', (_what, props, message) => {
      expect(() => build(props)).toThrow(new RegExp(`AutoUnsealKeyVault 'Test/Unseal': .*${message.source}`));
    });

    it('lists every problem in one error', () => {
      let message = '';
      try {
        build({ keyVaultName: '1--', keyType: 'RSA-HSM', keySize: 512 as never });
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message.split('\n')).toHaveLength(3);
    });
  });

  it('matches the snapshot (workload identity)', () => {
    expect(synth(build().stack)).toMatchSnapshot();
  });

  it('matches the snapshot (client secret)', () => {
    expect(synth(build(SP).stack)).toMatchSnapshot();
  });
});
