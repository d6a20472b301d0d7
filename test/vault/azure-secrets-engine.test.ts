import { TerraformVariable } from 'cdktf';
import { AppRoleAssignment } from '@cdktf/provider-azuread/lib/app-role-assignment';
import { Application } from '@cdktf/provider-azuread/lib/application';
import { DataAzureadServicePrincipal } from '@cdktf/provider-azuread/lib/data-azuread-service-principal';
import { AzureSecretBackend } from '@cdktf/provider-vault/lib/azure-secret-backend';
import { AzureSecretBackendRole } from '@cdktf/provider-vault/lib/azure-secret-backend-role';
import { GenericEndpoint } from '@cdktf/provider-vault/lib/generic-endpoint';
import { KubernetesAuthBackendRole } from '@cdktf/provider-vault/lib/kubernetes-auth-backend-role';
import { Policy } from '@cdktf/provider-vault/lib/policy';
import { WorkloadApplication } from '../../lib/entra/workload-application';
import { AzureSecretsEngine, AzureSecretsEngineProps, MICROSOFT_GRAPH_CLIENT_ID } from '../../lib/vault/azure-secrets-engine';
import { VaultK8sAuth } from '../../lib/vault/k8s-auth';
import { onlyResource, resourcesOf, synth, synthObject, testStack, warningsOf } from '../helpers';

const TENANT = '11111111-1111-1111-1111-111111111111';
const SUBSCRIPTION = '22222222-2222-2222-2222-222222222222';
const APP = { clientId: '33333333-3333-3333-3333-333333333333', applicationObjectId: '44444444-4444-4444-4444-444444444444' };

function engine(props: Partial<AzureSecretsEngineProps> = {}) {
  const stack = testStack();
  const e = new AzureSecretsEngine(stack, 'Azure', { tenantId: TENANT, subscriptionId: SUBSCRIPTION, ...props });
  return { stack, engine: e };
}

describe('AzureSecretsEngine', () => {
  it('mounts at azure with the S1 description, tenant, subscription and a 4380h root secret', () => {
    const { stack } = engine();
    expect(synth(stack)).toHaveResourceWithProperties(AzureSecretBackend, {
      path: 'azure',
      description: 'SP used from Vault on K8s',
      tenant_id: TENANT,
      subscription_id: SUBSCRIPTION,
      environment: 'AzurePublicCloud',
      root_password_ttl: 15768000,
    });
  });

  it('configures the engine with its own application and the bootstrap secret by reference', () => {
    const { stack } = engine();
    const backend = onlyResource(stack, 'vault_azure_secret_backend');
    expect(backend.client_id).toMatch(/^\$\{azuread_application\.Azure_Application_\w+\.client_id\}$/);
    expect(backend.client_secret).toMatch(/^\$\{try\(one\(azuread_application\.Azure_Application_\w+\.password\)\.value, ""\)\}$/);
  });

  it('ignores client_secret changes so a re-apply never undoes rotate-root', () => {
    const { stack } = engine();
    expect(synth(stack)).toHaveResourceWithProperties(AzureSecretBackend, { lifecycle: { ignore_changes: ['client_secret'] } });
  });

  it('gives the bootstrap secret a 1h expiry as end_date, not azuread 3.x\'s deprecated end_date_relative', () => {
    const { stack } = engine();
    const app = onlyResource(stack, 'azuread_application');
    expect(app.password).toEqual({ display_name: 'vault-bootstrap (replaced by rotate-root)', end_date: '${timeadd(plantimestamp(), "1h")}' });
    expect(JSON.stringify(synthObject(stack))).not.toMatch(/end_date_relative/);
  });

  it('leaves the plan after rotate-root empty: the deleted bootstrap secret is an ignored block, not a resource to re-create', () => {
    const { stack } = engine();
    // Vault deletes every secret of its application but the rotated root; a
    // separate azuread_application_password would be re-created on every apply.
    expect(resourcesOf(stack, 'azuread_application_password')).toEqual([]);
    expect(onlyResource(stack, 'azuread_application').lifecycle).toEqual({ ignore_changes: ['password'] });
    expect(onlyResource(stack, 'vault_azure_secret_backend').lifecycle).toEqual({ ignore_changes: ['client_secret'] });
  });

  it('rotates again whenever the backend is replaced', () => {
    const { stack } = engine();
    const rotate = onlyResource(stack, 'vault_generic_endpoint');
    expect(rotate.lifecycle.replace_triggered_by).toEqual([expect.stringMatching(/^\$\{vault_azure_secret_backend\.Azure_\w+\}$/)]);
  });

  it('rotates the root credential once, write-only, after configuration and consent', () => {
    const { stack } = engine();
    expect(synth(stack)).toHaveResourceWithProperties(GenericEndpoint, {
      path: 'azure/rotate-root',
      data_json: '{}',
      disable_read: true,
      disable_delete: true,
    });
    const rotate = onlyResource(stack, 'vault_generic_endpoint');
    expect(rotate.depends_on).toEqual(expect.arrayContaining([
      expect.stringMatching(/^vault_azure_secret_backend\./),
      expect.stringMatching(/^azuread_app_role_assignment\.Azure_GraphApplicationReadWriteAll_/),
      expect.stringMatching(/^azuread_app_role_assignment\.Azure_GraphGroupMemberReadWriteAll_/),
    ]));
  });

  it('looks Microsoft Graph up by its well-known client id and takes permission ids by name', () => {
    const { stack } = engine();
    const json = synth(stack);
    expect(json).toHaveDataSourceWithProperties(DataAzureadServicePrincipal, { client_id: MICROSOFT_GRAPH_CLIENT_ID });
    const ids = resourcesOf(stack, 'azuread_app_role_assignment').map((a) => a.app_role_id);
    expect(ids).toEqual([
      expect.stringMatching(/app_role_ids\["Application\.ReadWrite\.All"\]\}$/),
      expect.stringMatching(/app_role_ids\["GroupMember\.ReadWrite\.All"\]\}$/),
    ]);
    expect(json).toHaveResourceWithProperties(AppRoleAssignment, {
      resource_object_id: expect.stringMatching(/^\$\{data\.azuread_service_principal\.Azure_MicrosoftGraph_\w+\.object_id\}$/),
      principal_object_id: expect.stringMatching(/^\$\{azuread_service_principal\.Azure_ServicePrincipal_\w+\.object_id\}$/),
    });
  });

  it('declares the Graph application permissions on a single-tenant application', () => {
    const { stack } = engine();
    expect(synth(stack)).toHaveResourceWithProperties(Application, {
      display_name: 'vault-azure-secrets-engine',
      sign_in_audience: 'AzureADMyOrg',
      required_resource_access: [{
        resource_app_id: MICROSOFT_GRAPH_CLIENT_ID,
        resource_access: [
          { id: expect.stringContaining('Application.ReadWrite.All'), type: 'Role' },
          { id: expect.stringContaining('GroupMember.ReadWrite.All'), type: 'Role' },
        ],
      }],
    });
  });

  it('creates no Azure RBAC role assignment for Vault', () => {
    const { stack } = engine();
    expect(resourcesOf(stack, 'azurerm_role_assignment')).toEqual([]);
  });

  it('binds a role to an existing application by object id with a 1h TTL by default', () => {
    const { stack, engine: e } = engine();
    const role = e.addRole('CertManager', { roleName: 'certmanager-role', application: WorkloadApplication.fromIds(stack, 'App', APP) });
    expect(synth(stack)).toHaveResourceWithProperties(AzureSecretBackendRole, {
      role: 'certmanager-role',
      application_object_id: APP.applicationObjectId,
      ttl: '3600',
    });
    // A renewal extends the same secret: a day bounds its life, not the mount's 768h.
    expect(onlyResource(stack, 'vault_azure_secret_backend_role').max_ttl).toBe('86400');
    expect(role.credentialsPath).toBe('creds/certmanager-role');
    expect(role.mountPath).toBe('azure');
  });

  it('creates new-service-principal roles with azure_roles and a max TTL', () => {
    const { stack, engine: e } = engine();
    e.addRole('Deployer', {
      roleName: 'deployer',
      azureRoles: [{ roleName: 'Contributor', scope: `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-apps` }],
      ttl: '30m',
      maxTtl: '2h',
    });
    expect(synth(stack)).toHaveResourceWithProperties(AzureSecretBackendRole, {
      role: 'deployer',
      azure_roles: [{ role_name: 'Contributor', scope: `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-apps` }],
      ttl: '1800',
      max_ttl: '7200',
    });
  });

  it('grants read on <mount>/creds/<role>, renew and revoke of its leases only, and attaches it to the auth role', () => {
    const { stack, engine: e } = engine();
    const role = e.addRole('CertManager', { roleName: 'certmanager-role', application: WorkloadApplication.fromIds(stack, 'App', APP) });
    const authRole = new VaultK8sAuth(stack, 'Auth').addRole('AzureRole', { roleName: 'azure-role', serviceAccountNames: ['cert-manager'], namespaces: ['cert-manager'] });
    const policy = e.grantCredentials(role, authRole);
    expect(policy.policyName).toBe('azure-role-azure-creds');
    const json = synth(stack);
    expect(json).toHaveResourceWithProperties(Policy, { name: 'azure-role-azure-creds', policy: 'path "azure/creds/certmanager-role" {\n  capabilities = ["read"]\n}\n\n# renew and revoke only leases of credentials this policy reads\npath "sys/leases/renew" {\n  capabilities = ["update"]\n  allowed_parameters = {\n    "lease_id" = ["azure/creds/certmanager-role/*"]\n    "increment" = []\n  }\n}\n\n# renew and revoke only leases of credentials this policy reads\npath "sys/leases/revoke" {\n  capabilities = ["update"]\n  allowed_parameters = {\n    "lease_id" = ["azure/creds/certmanager-role/*"]\n    "sync" = []\n  }\n}\n\npath "sys/leases/renew/azure/creds/certmanager-role/*" {\n  capabilities = ["update"]\n}\n\npath "sys/leases/revoke/azure/creds/certmanager-role/*" {\n  capabilities = ["update"]\n}\n' });
    expect(json).toHaveResourceWithProperties(KubernetesAuthBackendRole, { role_name: 'azure-role', token_policies: ['azure-role-azure-creds'] });
  });

  it('writes the grants of two roles to one auth role into one policy, each lease rule naming both', () => {
    const { stack, engine: e } = engine();
    const a = e.addRole('A', { roleName: 'a', application: WorkloadApplication.fromIds(stack, 'AppA', APP) });
    const b = e.addRole('B', { roleName: 'b', application: WorkloadApplication.fromIds(stack, 'AppB', APP) });
    const authRole = new VaultK8sAuth(stack, 'Auth').addRole('AzureRole', { roleName: 'azure-role', serviceAccountNames: ['x'], namespaces: ['x'] });
    expect(e.grantCredentials(a, authRole)).toBe(e.grantCredentials(b, authRole));
    const hcl = onlyResource(stack, 'vault_policy').policy as string;
    expect(hcl).toContain('"lease_id" = ["azure/creds/a/*", "azure/creds/b/*"]');
    expect(hcl.match(/path "sys\/leases\/revoke" \{/g)).toHaveLength(1);
    expect(hcl).toContain('path "sys/leases/revoke/azure/creds/b/*" {');
  });

  it('warns when rotate-root is turned off, and skips it', () => {
    const { stack, engine: e } = engine({ rotateRoot: false });
    expect(resourcesOf(stack, 'vault_generic_endpoint')).toEqual([]);
    expect(warningsOf(e)).toEqual([expect.stringMatching(/^rotateRoot: the root client secret of mount 'azure' stays the one in Terraform state/)]);
  });

  it('emits no warning by default', () => {
    expect(warningsOf(engine().engine)).toEqual([]);
  });

  it.each([
    ['tenantId', { tenantId: 'contoso' }, /AzureSecretsEngine 'Test\/Azure': 'tenantId' must be a UUID.*\(got 'contoso'\)/],
    ['subscriptionId', { subscriptionId: 'sub-1' }, /AzureSecretsEngine 'Test\/Azure': 'subscriptionId' must be a UUID.*\(got 'sub-1'\)/],
    ['path', { path: '/azure/' }, /AzureSecretsEngine 'Test\/Azure': 'path' must be a Vault mount path.*\(got '\/azure\/'\)/],
    ['bootstrapSecretExpiry in days', { bootstrapSecretExpiry: '7d' }, /'bootstrapSecretExpiry' must be a whole number of hours from 1h to 720h.*\(got '7d'\)/],
    ['bootstrapSecretExpiry too long', { bootstrapSecretExpiry: '17520h' }, /'bootstrapSecretExpiry' must be a whole number of hours from 1h to 720h.*\(got '17520h'\)/],
    ['rootPasswordTtl in words', { rootPasswordTtl: 'half a year' }, /'rootPasswordTtl' must be a duration.*\(got 'half a year'\)/],
    ['rootPasswordTtl too short', { rootPasswordTtl: '10m' }, /'rootPasswordTtl' must be at least 1h \(got '10m'\)/],
    ['environment', { environment: 'Mars' as never }, /'environment' must be one of 'AzurePublicCloud'.*\(got 'Mars'\)/],
    ['empty applicationDisplayName', { applicationDisplayName: '' }, /AzureSecretsEngine 'Test\/Azure': 'applicationDisplayName' must be 1-120 characters without leading or trailing spaces \(got ''\)/],
    ['padded applicationDisplayName', { applicationDisplayName: 'vault ' }, /'applicationDisplayName' must be 1-120 characters.*\(got 'vault '\)/],
    ['applicationDisplayName over 120 characters', { applicationDisplayName: 'v'.repeat(121) }, /'applicationDisplayName' must be 1-120 characters.*\(got 'v{121}'\)/],
  ])('rejects a bad %s', (_what, props, message) => {
    expect(() => engine(props as Partial<AzureSecretsEngineProps>)).toThrow(message);
  });

  it('lists every engine problem in one error', () => {
    expect(() => engine({ tenantId: 'x', subscriptionId: 'y', path: '' })).toThrow(/^(AzureSecretsEngine 'Test\/Azure': .*\n){2}AzureSecretsEngine 'Test\/Azure': .*$/);
  });

  it.each([
    ['neither application nor azureRoles', {}, /AzureSecretsEngineRole 'Test\/Azure\/Role': role 'r': 'application' or azureRoles must be set.*\(got nothing\)/],
    ['both application and azureRoles', { application: APP, azureRoles: [{ roleName: 'Reader', scope: `/subscriptions/${SUBSCRIPTION}` }] }, /'azureRoles' must not be set together with application .*\(got \["Reader"\]\)/],
    ['a scope that is no resource id', { azureRoles: [{ roleName: 'Contributor', scope: 'my-subscription' }] }, /azureRoles\[0\]: 'scope' must be an Azure resource id.*\(got 'my-subscription'\)/],
    ['a scope with a non-UUID subscription', { azureRoles: [{ roleName: 'Contributor', scope: '/subscriptions/abc/resourceGroups/rg' }] }, /'scope' must be an Azure resource id.*\(got '\/subscriptions\/abc\/resourceGroups\/rg'\)/],
    ['an empty Azure role name', { azureRoles: [{ roleName: ' ', scope: `/subscriptions/${SUBSCRIPTION}` }] }, /azureRoles\[0\]: 'roleName' must be the name of an Azure role.*\(got ' '\)/],
    ['empty azureRoles', { azureRoles: [] }, /'azureRoles' must not be empty \(got \[\]\)/],
    ['an application object id that is no UUID', { application: { clientId: APP.clientId, applicationObjectId: 'cert-manager' } }, /'application.applicationObjectId' must be a UUID.*\(got 'cert-manager'\)/],
    ['a TTL in words', { application: APP, ttl: 'one hour' }, /'ttl' must be a duration.*\(got 'one hour'\)/],
    ['a TTL above max TTL', { application: APP, ttl: '2h', maxTtl: '1h' }, /'ttl' must not exceed maxTtl \(1h\) \(got '2h'\)/],
    ['a role name with a space', { application: APP, roleName: 'cert manager' }, /role 'cert manager': 'roleName' must be letters.*\(got 'cert manager'\)/],
  ])('rejects a role with %s', (_what, options, message) => {
    const { engine: e } = engine();
    expect(() => e.addRole('Role', { roleName: 'r', ...(options as object) })).toThrow(message);
  });

  it('keeps a TTL longer than a day as its own max TTL', () => {
    const { stack, engine: e } = engine();
    e.addRole('Long', { roleName: 'long', application: WorkloadApplication.fromIds(stack, 'App', APP), ttl: '48h' });
    expect(synth(stack)).toHaveResourceWithProperties(AzureSecretBackendRole, { ttl: '172800', max_ttl: '172800' });
  });

  it('accepts a subscription, resource group, resource or management group scope', () => {
    const { engine: e } = engine();
    expect(() => e.addRole('Role', {
      roleName: 'r',
      azureRoles: [
        { roleName: 'Reader', scope: `/subscriptions/${SUBSCRIPTION}` },
        { roleName: 'Reader', scope: `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg` },
        { roleName: 'Reader', scope: `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg/providers/Microsoft.Network/dnsZones/example.com` },
        { roleName: 'Reader', scope: `/subscriptions/${SUBSCRIPTION}/providers/Microsoft.Web/sites/app` },
        { roleName: 'Reader', scope: '/providers/Microsoft.Management/managementGroups/platform' },
      ],
    })).not.toThrow();
  });

  it('refuses to grant a role of another engine', () => {
    const { stack, engine: e } = engine();
    const other = new AzureSecretsEngine(stack, 'Other', { tenantId: TENANT, subscriptionId: SUBSCRIPTION, path: 'azure-b' });
    const role = other.addRole('R', { roleName: 'r', application: APP });
    const authRole = new VaultK8sAuth(stack, 'Auth').addRole('A', { roleName: 'a', serviceAccountNames: ['a'], namespaces: ['a'] });
    expect(() => e.grantCredentials(role, authRole)).toThrow(/grantCredentials to role 'a': 'role' must be a role added with this engine's addRole \(mount 'azure'\) \(got 'r'\)/);
  });

  it('never rejects values known only at apply time', () => {
    const stack = testStack();
    const v = (n: string) => new TerraformVariable(stack, n, { type: 'string' }).stringValue;
    const e = new AzureSecretsEngine(stack, 'Azure', { tenantId: v('t'), subscriptionId: v('s'), bootstrapSecretExpiry: v('x') });
    expect(() => e.addRole('R', { roleName: 'r', application: { clientId: v('c'), applicationObjectId: v('o') }, ttl: v('ttl') })).not.toThrow();
    expect(synthObject(stack).resource?.vault_azure_secret_backend_role).toBeDefined();
  });

  it('matches the snapshot', () => {
    const { stack } = engine();
    expect(synth(stack)).toMatchSnapshot();
  });
});
