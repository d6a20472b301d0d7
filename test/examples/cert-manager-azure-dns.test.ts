import { TerraformStack } from 'cdktf';
import { Release } from '@cdktf/provider-helm/lib/release';
import { AzureSecretBackend } from '@cdktf/provider-vault/lib/azure-secret-backend';
import { AzureSecretBackendRole } from '@cdktf/provider-vault/lib/azure-secret-backend-role';
import { GenericEndpoint } from '@cdktf/provider-vault/lib/generic-endpoint';
import { KubernetesAuthBackendRole } from '@cdktf/provider-vault/lib/kubernetes-auth-backend-role';
import { Policy } from '@cdktf/provider-vault/lib/policy';
import { certManagerAzureDns } from '../../examples/cert-manager-azure-dns';
import { manifestsOf, resourcesOf, synth, synthObject, testApp, warningsOf } from '../helpers';

describe('example cert-manager-azure-dns (S1)', () => {
  const stack = certManagerAzureDns(testApp());
  const json = synth(stack);
  const operators = stack.node.scope!.node.findChild('cert-manager-azure-dns-operators') as TerraformStack;

  it('mounts the Azure secrets engine at azure, configured, described and root-rotated', () => {
    expect(json).toHaveResourceWithProperties(AzureSecretBackend, {
      path: 'azure',
      description: 'SP used from Vault on K8s',
      root_password_ttl: 15768000,
      tenant_id: '${var.tenant_id}',
      subscription_id: '${var.subscription_id}',
    });
    expect(json).toHaveResourceWithProperties(GenericEndpoint, { path: 'azure/rotate-root', disable_read: true, disable_delete: true });
  });

  it('binds role certmanager-role to the existing cert-manager application for 1h', () => {
    expect(json).toHaveResourceWithProperties(AzureSecretBackendRole, {
      role: 'certmanager-role',
      application_object_id: '${var.cert_manager_application_object_id}',
      ttl: '3600',
    });
    expect(resourcesOf(stack, 'azuread_application').map((a) => a.display_name)).toEqual(['vault-azure-secrets-engine']);
  });

  it('lets SA cert-manager in cert-manager read azure/creds/certmanager-role, and renew and revoke its leases, and nothing else', () => {
    expect(json).toHaveResourceWithProperties(KubernetesAuthBackendRole, {
      backend: 'kubernetes-cert-manager',
      role_name: 'azure-role',
      bound_service_account_names: ['cert-manager'],
      bound_service_account_namespaces: ['cert-manager'],
      audience: 'vault',
      token_policies: ['azure-role-azure-creds'],
    });
    expect(json).toHaveResourceWithProperties(Policy, { name: 'azure-role-azure-creds', policy: 'path "azure/creds/certmanager-role" {\n  capabilities = ["read"]\n}\n\n# renew and revoke only leases of credentials this policy reads\npath "sys/leases/renew" {\n  capabilities = ["update"]\n  allowed_parameters = {\n    "lease_id" = ["azure/creds/certmanager-role/*"]\n    "increment" = []\n  }\n}\n\n# renew and revoke only leases of credentials this policy reads\npath "sys/leases/revoke" {\n  capabilities = ["update"]\n  allowed_parameters = {\n    "lease_id" = ["azure/creds/certmanager-role/*"]\n    "sync" = []\n  }\n}\n\npath "sys/leases/renew/azure/creds/certmanager-role/*" {\n  capabilities = ["update"]\n}\n\npath "sys/leases/revoke/azure/creds/certmanager-role/*" {\n  capabilities = ["update"]\n}\n' });
    expect(resourcesOf(stack, 'vault_policy')).toHaveLength(1);
    // Its own auth mount: deployed beside the other examples on one Vault, nothing collides.
    expect(resourcesOf(stack, 'vault_auth_backend')).toEqual([expect.objectContaining({ path: 'kubernetes-cert-manager', type: 'kubernetes' })]);
  });

  it('installs cert-manager v1.21.1 and VSO 1.4.1 with their CRDs in the operators stack deployed first', () => {
    const ops = synth(operators);
    expect(ops).toHaveResourceWithProperties(Release, { chart: 'cert-manager', version: 'v1.21.1', namespace: 'cert-manager' });
    expect(ops).toHaveResourceWithProperties(Release, { chart: 'vault-secrets-operator', version: '1.4.1' });
    expect(stack.dependencies).toEqual([operators]);
    // A kubernetes_manifest needs its CRD at plan time: no release beside the custom resources.
    expect(resourcesOf(stack, 'helm_release')).toEqual([]);
    expect(resourcesOf(operators, 'kubernetes_manifest')).toEqual([]);
  });

  it('delivers the credentials with VSO into azure-service-principal-secret in cert-manager over verified TLS', () => {
    const [connection] = manifestsOf(stack, 'VaultConnection');
    expect(connection.metadata.namespace).toBe('cert-manager');
    expect(connection.spec).toEqual({ address: 'https://vault.vault.svc.cluster.local:8200', skipTLSVerify: false, caCertSecretRef: 'vault-ca' });
    const [auth] = manifestsOf(stack, 'VaultAuth');
    expect(auth.metadata.namespace).toBe('cert-manager');
    expect(auth.spec).toMatchObject({ method: 'kubernetes', mount: 'kubernetes-cert-manager', kubernetes: { role: 'azure-role', serviceAccount: 'cert-manager', audiences: ['vault'] } });
    const [vds] = manifestsOf(stack, 'VaultDynamicSecret');
    expect(vds.metadata.namespace).toBe('cert-manager');
    expect(vds.spec).toMatchObject({
      mount: 'azure',
      path: 'creds/certmanager-role',
      destination: { name: 'azure-service-principal-secret', create: true },
      rolloutRestartTargets: [{ kind: 'Deployment', name: 'cert-manager' }],
    });
  });

  it('creates ClusterIssuer letsencrypt reading client_secret from the VSO Secret', () => {
    const [issuer] = manifestsOf(stack, 'ClusterIssuer');
    expect(issuer.metadata.name).toBe('letsencrypt');
    expect(issuer.spec.acme.solvers[0].dns01.azureDNS).toMatchObject({
      clientID: '${var.cert_manager_client_id}',
      clientSecretSecretRef: { name: 'azure-service-principal-secret', key: 'client_secret' },
      hostedZoneName: '${var.dns_zone_name}',
      resourceGroupName: '${var.dns_zone_resource_group}',
    });
  });

  it('takes no secret as input and outputs nothing', () => {
    const obj = synthObject(stack) as { variable?: Record<string, { sensitive?: boolean }>; output?: unknown };
    expect(Object.keys(obj.variable ?? {}).sort()).toEqual(['acme_email', 'cert_manager_application_object_id', 'cert_manager_client_id', 'dns_zone_name', 'dns_zone_resource_group', 'subscription_id', 'tenant_id']);
    expect(obj.output).toBeUndefined();
  });

  it('emits no warning', () => {
    expect(warningsOf(stack)).toEqual([]);
  });

  it('matches the snapshot of the operators stack', () => {
    expect(synth(operators)).toMatchSnapshot();
  });

  it('matches the snapshot', () => {
    expect(json).toMatchSnapshot();
  });
});
