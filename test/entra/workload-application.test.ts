import { Application } from '@cdktf/provider-azuread/lib/application';
import { ServicePrincipal } from '@cdktf/provider-azuread/lib/service-principal';
import { DnsZone } from '@cdktf/provider-azurerm/lib/dns-zone';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { AzureDnsZone } from '../../lib/entra/azure-dns-zone';
import { DNS_ZONE_CONTRIBUTOR_ROLE, WorkloadApplication } from '../../lib/entra/workload-application';
import { resourcesOf, synth, testStack } from '../helpers';

const SUBSCRIPTION = '22222222-2222-2222-2222-222222222222';
const IDS = {
  clientId: '33333333-3333-3333-3333-333333333333',
  applicationObjectId: '44444444-4444-4444-4444-444444444444',
  servicePrincipalObjectId: '55555555-5555-5555-5555-555555555555',
};
const ZONE_ID = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-dns/providers/Microsoft.Network/dnsZones/example.com`;

describe('AzureDnsZone', () => {
  it('builds the zone resource id from its parts', () => {
    const zone = AzureDnsZone.fromIds(testStack(), 'Zone', { subscriptionId: SUBSCRIPTION, resourceGroupName: 'rg-dns', zoneName: 'example.com' });
    expect(zone).toMatchObject({ id: ZONE_ID, name: 'example.com', resourceGroupName: 'rg-dns' });
  });

  it.each([
    ['subscriptionId', { subscriptionId: 'prod' }, /AzureDnsZone 'Test\/Zone': 'subscriptionId' must be a UUID.*\(got 'prod'\)/],
    ['resourceGroupName', { resourceGroupName: 'rg/dns' }, /AzureDnsZone 'Test\/Zone': 'resourceGroupName' must be an Azure resource group name.*\(got 'rg\/dns'\)/],
    ['zoneName', { zoneName: 'https://example.com' }, /AzureDnsZone 'Test\/Zone': 'zoneName' must be a DNS zone name.*\(got 'https:\/\/example.com'\)/],
  ])('rejects a bad %s', (_what, bad, message) => {
    expect(() => AzureDnsZone.fromIds(testStack(), 'Zone', { subscriptionId: SUBSCRIPTION, resourceGroupName: 'rg-dns', zoneName: 'example.com', ...bad })).toThrow(message);
  });
});

describe('WorkloadApplication', () => {
  it('creates a single-tenant application, its service principal and no client secret', () => {
    const stack = testStack();
    new WorkloadApplication(stack, 'CertManager', { displayName: 'cert-manager' });
    const json = synth(stack);
    expect(json).toHaveResourceWithProperties(Application, { display_name: 'cert-manager', sign_in_audience: 'AzureADMyOrg' });
    expect(json).toHaveResourceWithProperties(ServicePrincipal, { client_id: expect.stringMatching(/^\$\{azuread_application\.CertManager_\w+\.client_id\}$/) });
    expect(resourcesOf(stack, 'azuread_application_password')).toEqual([]);
  });

  it('gives DNS Zone Contributor on exactly the zone passed by reference', () => {
    const stack = testStack();
    const zone = new DnsZone(stack, 'Zone', { name: 'example.com', resourceGroupName: 'rg-dns' });
    new WorkloadApplication(stack, 'CertManager', { displayName: 'cert-manager', dnsZones: [zone] });
    expect(synth(stack)).toHaveResourceWithProperties(RoleAssignment, {
      scope: expect.stringMatching(/^\$\{azurerm_dns_zone\.Zone\w*\.id\}$/),
      role_definition_name: DNS_ZONE_CONTRIBUTOR_ROLE,
      principal_id: expect.stringMatching(/^\$\{azuread_service_principal\.CertManager_ServicePrincipal_\w+\.object_id\}$/),
      principal_type: 'ServicePrincipal',
    });
  });

  it('adds one role assignment per zone, with stable ids', () => {
    const stack = testStack();
    const app = new WorkloadApplication(stack, 'App', { displayName: 'app' });
    app.grantDnsZoneContributor(AzureDnsZone.fromIds(stack, 'A', { subscriptionId: SUBSCRIPTION, resourceGroupName: 'rg', zoneName: 'a.example.com' }));
    app.grantDnsZoneContributor(AzureDnsZone.fromIds(stack, 'B', { subscriptionId: SUBSCRIPTION, resourceGroupName: 'rg', zoneName: 'b.example.com' }));
    expect(Object.keys(JSON.parse(synth(stack)).resource.azurerm_role_assignment).sort()).toEqual([
      expect.stringMatching(/^App_DnsZoneContributor2_/),
      expect.stringMatching(/^App_DnsZoneContributor_/),
    ]);
  });

  it('imports an existing application by ids and grants its service principal', () => {
    const stack = testStack();
    const app = WorkloadApplication.fromIds(stack, 'CertManager', IDS);
    expect(app).toMatchObject({ clientId: IDS.clientId, applicationObjectId: IDS.applicationObjectId });
    app.grantDnsZoneContributor(AzureDnsZone.fromIds(stack, 'Zone', { subscriptionId: SUBSCRIPTION, resourceGroupName: 'rg-dns', zoneName: 'example.com' }));
    expect(synth(stack)).toHaveResourceWithProperties(RoleAssignment, { scope: ZONE_ID, principal_id: IDS.servicePrincipalObjectId, role_definition_name: 'DNS Zone Contributor' });
    expect(resourcesOf(stack, 'azuread_application')).toEqual([]);
  });

  it('fails to grant an imported application without its service principal object id', () => {
    const stack = testStack();
    const app = WorkloadApplication.fromIds(stack, 'CertManager', { clientId: IDS.clientId, applicationObjectId: IDS.applicationObjectId });
    expect(() => app.grantDnsZoneContributor({ id: ZONE_ID, name: 'example.com', resourceGroupName: 'rg-dns' }))
      .toThrow(/WorkloadApplication 'Test\/CertManager': grantDnsZoneContributor: 'servicePrincipalObjectId' is required to assign Azure roles.*\(got nothing\)/);
  });

  it('fails on a zone id that is not a DNS zone', () => {
    const stack = testStack();
    const app = new WorkloadApplication(stack, 'App', { displayName: 'app' });
    expect(() => app.grantDnsZoneContributor({ id: `/subscriptions/${SUBSCRIPTION}`, name: 'x', resourceGroupName: 'rg' }))
      .toThrow(/WorkloadApplication 'Test\/App': grantDnsZoneContributor: 'zone.id' must be the resource id of an Azure DNS zone.*\(got '\/subscriptions\/2{8}-2{4}-2{4}-2{4}-2{12}'\)/);
  });

  it.each([
    ['clientId', { clientId: 'cert-manager' }, /WorkloadApplication 'Test\/App': 'clientId' must be a UUID.*\(got 'cert-manager'\)/],
    ['applicationObjectId', { applicationObjectId: '42' }, /'applicationObjectId' must be a UUID.*\(got '42'\)/],
    ['servicePrincipalObjectId', { servicePrincipalObjectId: 'sp' }, /'servicePrincipalObjectId' must be a UUID.*\(got 'sp'\)/],
  ])('rejects an imported application with a bad %s', (_what, bad, message) => {
    expect(() => WorkloadApplication.fromIds(testStack(), 'App', { ...IDS, ...bad })).toThrow(message);
  });

  it.each([
    ['displayName', { displayName: ' cert-manager' }, /WorkloadApplication 'Test\/App': 'displayName' must be 1-120 characters.*\(got ' cert-manager'\)/],
    ['owners', { displayName: 'app', owners: ['me'] }, /'owners' must be a UUID.*\(got 'me'\)/],
  ])('rejects a bad %s', (_what, props, message) => {
    expect(() => new WorkloadApplication(testStack(), 'App', props)).toThrow(message);
  });

  it('matches the snapshot', () => {
    const stack = testStack();
    new WorkloadApplication(stack, 'App', { displayName: 'cert-manager' });
    expect(synth(stack)).toMatchSnapshot();
  });
});
