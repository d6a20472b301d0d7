import { Release } from '@cdktf/provider-helm/lib/release';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { TerraformStack, TerraformVariable } from 'cdktf';
import { AcmeIssuer, AcmeIssuerProps, AcmeServer } from '../../lib/cert-manager/acme-issuer';
import { CertManager } from '../../lib/cert-manager/cert-manager-release';
import { AzureDnsZone } from '../../lib/entra/azure-dns-zone';
import { WorkloadApplication } from '../../lib/entra/workload-application';
import { VaultAuth } from '../../lib/secrets-sync/vault-auth';
import { VaultConnection } from '../../lib/secrets-sync/vault-connection';
import { VaultDynamicSecret } from '../../lib/secrets-sync/vault-dynamic-secret';
import { VaultK8sAuth } from '../../lib/vault/k8s-auth';
import { manifestsOf, onlyResource, synth, testStack, warningsOf } from '../helpers';

const TENANT = '11111111-1111-1111-1111-111111111111';
const SUBSCRIPTION = '22222222-2222-2222-2222-222222222222';
const CLIENT_ID = '33333333-3333-3333-3333-333333333333';
const NS = 'cert-manager';

function vsoSecret(stack: TerraformStack, namespace = NS) {
  const role = new VaultK8sAuth(stack, 'Auth').addRole('Role', { roleName: 'azure-role', serviceAccountNames: ['cert-manager'], namespaces: [namespace] });
  const connection = new VaultConnection(stack, 'Connection', { name: 'vault', namespace, server: { address: 'https://vault.vault.svc:8200' } });
  const auth = new VaultAuth(stack, 'VaultAuth', { name: 'azure-role', namespace, connection, role });
  return new VaultDynamicSecret(stack, 'Secret', {
    name: 'azure-service-principal', namespace, auth, secretName: 'azure-service-principal-secret',
    source: { mountPath: 'azure', credentialsPath: 'creds/certmanager-role', roleName: 'certmanager-role' },
  });
}

function issuer(stack: TerraformStack, o: Partial<AcmeIssuerProps> = {}, az: Partial<AcmeIssuerProps['azureDns']> = {}) {
  return new AcmeIssuer(stack, 'Issuer', {
    name: 'letsencrypt',
    email: 'ops@example.com',
    certManager: new CertManager(stack, 'CertManager'),
    azureDns: {
      application: WorkloadApplication.fromIds(stack, 'App', { clientId: CLIENT_ID, applicationObjectId: '44444444-4444-4444-4444-444444444444' }),
      clientSecret: vsoSecret(stack),
      tenantId: TENANT,
      subscriptionId: SUBSCRIPTION,
      dnsZone: AzureDnsZone.fromIds(stack, 'Zone', { subscriptionId: SUBSCRIPTION, resourceGroupName: 'rg-dns', zoneName: 'example.com' }),
      ...az,
    },
    ...o,
  });
}

describe('CertManager', () => {
  it('installs the pinned v1.21.1 chart with CRDs enabled and kept', () => {
    const stack = testStack();
    const cm = new CertManager(stack, 'CertManager');
    expect(synth(stack)).toHaveResourceWithProperties(Release, {
      name: 'cert-manager',
      repository: 'https://charts.jetstack.io',
      chart: 'cert-manager',
      version: 'v1.21.1',
      namespace: 'cert-manager',
      create_namespace: true,
      atomic: true,
    });
    expect(JSON.parse(onlyResource(stack, 'helm_release').values[0])).toEqual({ crds: { enabled: true, keep: true } });
    expect(cm.namespace).toBe('cert-manager');
    expect(cm.clusterResourceNamespace).toBe('cert-manager');
  });

  it('defaults the cluster resource namespace to the install namespace, and sets another when given', () => {
    const stack = testStack();
    expect(new CertManager(stack, 'A', { namespace: 'certs' }).clusterResourceNamespace).toBe('certs');
    const b = new CertManager(testStack(), 'B', { clusterResourceNamespace: 'issuer-secrets' });
    expect(b.clusterResourceNamespace).toBe('issuer-secrets');
    expect(JSON.parse(onlyResource(b.node.scope as TerraformStack, 'helm_release').values[0]).clusterResourceNamespace).toBe('issuer-secrets');
  });

  it.each([
    ['a chart version range', { chartVersion: '~1.21' }, /CertManager 'Test\/CertManager': 'chartVersion' must be an exact chart version.*\(got '~1.21'\)/],
    ['a cluster resource namespace that is not DNS-1123', { clusterResourceNamespace: 'Cert_Manager' }, /CertManager 'Test\/CertManager': 'clusterResourceNamespace' must be a DNS-1123 label.*\(got 'Cert_Manager'\)/],
  ])('rejects %s', (_what, props, message) => {
    expect(() => new CertManager(testStack(), 'CertManager', props)).toThrow(message);
  });

  it('matches the snapshot', () => {
    const stack = testStack();
    new CertManager(stack, 'CertManager');
    expect(synth(stack)).toMatchSnapshot();
  });
});

describe('AcmeIssuer', () => {
  it('creates an ACME ClusterIssuer solving dns01 in Azure DNS with the Secret VSO writes', () => {
    const stack = testStack();
    const i = issuer(stack);
    expect(synth(stack)).toHaveResourceWithProperties(Manifest, {
      manifest: {
        apiVersion: 'cert-manager.io/v1',
        kind: 'ClusterIssuer',
        metadata: { name: 'letsencrypt' },
        spec: {
          acme: {
            server: 'https://acme-v02.api.letsencrypt.org/directory',
            email: 'ops@example.com',
            privateKeySecretRef: { name: 'letsencrypt-account-key' },
            solvers: [{
              dns01: {
                azureDNS: {
                  clientID: CLIENT_ID,
                  clientSecretSecretRef: { name: 'azure-service-principal-secret', key: 'client_secret' },
                  tenantID: TENANT,
                  subscriptionID: SUBSCRIPTION,
                  resourceGroupName: 'rg-dns',
                  hostedZoneName: 'example.com',
                  environment: 'AzurePublicCloud',
                },
              },
            }],
          },
        },
      },
    });
    expect(i.issuerRef).toEqual({ name: 'letsencrypt', kind: 'ClusterIssuer', group: 'cert-manager.io' });
    expect(warningsOf(i)).toEqual([]);
  });

  it('never skips the ACME server\'s TLS verification', () => {
    const stack = testStack();
    issuer(stack);
    expect(manifestsOf(stack, 'ClusterIssuer')[0].spec.acme.skipTLSVerify).toBeUndefined();
  });

  it('selects Let\'s Encrypt staging and a custom account key Secret', () => {
    const stack = testStack();
    issuer(stack, { server: AcmeServer.LETS_ENCRYPT_STAGING, accountKeySecretName: 'le-staging-account' });
    expect(manifestsOf(stack, 'ClusterIssuer')[0].spec.acme).toMatchObject({
      server: 'https://acme-staging-v02.api.letsencrypt.org/directory',
      privateKeySecretRef: { name: 'le-staging-account' },
    });
  });

  it('accepts a plain SecretKeyRef and a clusterResourceNamespace instead of objects', () => {
    const stack = testStack();
    new AcmeIssuer(stack, 'Issuer', {
      name: 'letsencrypt', email: 'ops@example.com', clusterResourceNamespace: 'certs',
      azureDns: {
        application: { clientId: CLIENT_ID, applicationObjectId: '44444444-4444-4444-4444-444444444444' },
        clientSecret: { name: 'dns-sp', key: 'password', namespace: 'certs' },
        tenantId: TENANT, subscriptionId: SUBSCRIPTION,
        dnsZone: { id: 'x', name: 'example.com', resourceGroupName: 'rg' },
      },
    });
    expect(manifestsOf(stack, 'ClusterIssuer')[0].spec.acme.solvers[0].dns01.azureDNS.clientSecretSecretRef).toEqual({ name: 'dns-sp', key: 'password' });
  });

  it('creates a namespaced Issuer whose Secret is in its own namespace', () => {
    const stack = testStack();
    new AcmeIssuer(stack, 'Issuer', {
      name: 'letsencrypt', namespace: 'apps', email: 'ops@example.com',
      azureDns: {
        application: { clientId: CLIENT_ID, applicationObjectId: '44444444-4444-4444-4444-444444444444' },
        clientSecret: vsoSecret(stack, 'apps'),
        tenantId: TENANT, subscriptionId: SUBSCRIPTION,
        dnsZone: { id: 'x', name: 'example.com', resourceGroupName: 'rg' },
      },
    });
    expect(manifestsOf(stack, 'Issuer')[0].metadata).toEqual({ name: 'letsencrypt', namespace: 'apps' });
  });

  it.each([
    ['a missing contact email', { email: '' }, {}, /AcmeIssuer 'Test\/Issuer': 'email' must be an email address.*\(got ''\)/],
    ['an email without a domain', { email: 'ops' }, {}, /'email' must be an email address like ops@example.com \(got 'ops'\)/],
    ['an unknown ACME server', { server: 'https://acme.example.com/directory' as AcmeServer }, {}, /'server' must be one of 'https:\/\/acme-v02.*\(got 'https:\/\/acme.example.com\/directory'\)/],
    ['an account key Secret name that is not DNS-1123', { accountKeySecretName: 'LE_Key' }, {}, /'accountKeySecretName' must be a DNS-1123 subdomain.*\(got 'LE_Key'\)/],
    ['a tenant id that is no UUID', {}, { tenantId: 'contoso.onmicrosoft.com' }, /'azureDns.tenantId' must be a UUID.*\(got 'contoso.onmicrosoft.com'\)/],
    ['a subscription id that is no UUID', {}, { subscriptionId: 'prod' }, /'azureDns.subscriptionId' must be a UUID.*\(got 'prod'\)/],
    ['an unknown Azure environment', {}, { environment: 'AzureStack' as never }, /'azureDns.environment' must be one of 'AzurePublicCloud'.*\(got 'AzureStack'\)/],
    ['a ClusterIssuer Secret outside the cluster resource namespace', {}, { clientSecret: { name: 's', key: 'client_secret', namespace: 'apps' } }, /'azureDns.clientSecret.namespace' must be 'cert-manager', cert-manager's cluster resource namespace.*\(got 'apps'\)/],
    ['a ClusterIssuer without cert-manager or its cluster resource namespace', { certManager: undefined }, {}, /'certManager' or clusterResourceNamespace is required for a ClusterIssuer.*\(got nothing\)/],
    ['clusterResourceNamespace disagreeing with certManager', { clusterResourceNamespace: 'other' }, {}, /'clusterResourceNamespace' must match certManager's 'cert-manager' when both are given \(got 'other'\)/],
  ])('rejects %s', (_what, o, az, message) => {
    expect(() => issuer(testStack(), o as Partial<AcmeIssuerProps>, az as Partial<AcmeIssuerProps['azureDns']>)).toThrow(message);
  });

  it('rejects an Issuer whose Secret is in another namespace', () => {
    const stack = testStack();
    expect(() => new AcmeIssuer(stack, 'Issuer', {
      name: 'letsencrypt', namespace: 'apps', email: 'ops@example.com',
      azureDns: {
        application: { clientId: CLIENT_ID, applicationObjectId: '44444444-4444-4444-4444-444444444444' },
        clientSecret: vsoSecret(stack),
        tenantId: TENANT, subscriptionId: SUBSCRIPTION,
        dnsZone: { id: 'x', name: 'example.com', resourceGroupName: 'rg' },
      },
    })).toThrow(/AcmeIssuer 'Test\/Issuer': 'azureDns.clientSecret.namespace' must be 'apps', the Issuer's namespace.*\(got 'cert-manager'\)/);
  });

  it('lists a bad name and a bad email in one error', () => {
    expect(() => issuer(testStack(), { name: 'Lets_Encrypt', email: 'ops' }))
      .toThrow(/^AcmeIssuer 'Test\/Issuer': 'name' must be a DNS-1123 subdomain.*\(got 'Lets_Encrypt'\)\nAcmeIssuer 'Test\/Issuer': 'email' must be an email address.*\(got 'ops'\)$/);
  });

  it('lists a bad namespace together with the subclass\'s problems', () => {
    const stack = testStack();
    expect(() => new AcmeIssuer(stack, 'Issuer', {
      name: 'letsencrypt', namespace: 'Apps', email: 'ops', server: 'https://acme.example.com' as AcmeServer,
      azureDns: {
        application: { clientId: CLIENT_ID, applicationObjectId: '44444444-4444-4444-4444-444444444444' },
        clientSecret: { name: 'dns-sp', key: 'password' },
        tenantId: TENANT, subscriptionId: SUBSCRIPTION,
        dnsZone: { id: 'x', name: 'example.com', resourceGroupName: 'rg' },
      },
    })).toThrow(/^AcmeIssuer 'Test\/Issuer': 'namespace' must be a DNS-1123 label.*\(got 'Apps'\)\n.*'email' .*\(got 'ops'\)\n.*'server' must be one of .*\(got 'https:\/\/acme.example.com'\)$/);
  });

  it('reports a bad name once, not again through the default account key Secret name', () => {
    expect(() => issuer(testStack(), { name: 'Lets_Encrypt' })).toThrow(/^[^\n]*'name' must be a DNS-1123 subdomain[^\n]*$/);
  });

  it('fails when the default account key Secret name would be too long', () => {
    const name = 'a'.repeat(250);
    expect(() => issuer(testStack(), { name })).toThrow(/'name' must be at most 241 characters, so the default accountKeySecretName '<name>-account-key' is a valid Secret name \(got 'a{250}'\)/);
  });

  it('fails on a ClusterIssuer Secret reference without a namespace', () => {
    expect(() => issuer(testStack(), {}, { clientSecret: { name: 'dns-sp', key: 'password' } }))
      .toThrow(/AcmeIssuer 'Test\/Issuer': 'azureDns.clientSecret.namespace' must be set to 'cert-manager', cert-manager's cluster resource namespace, for a ClusterIssuer.*\(got nothing\)/);
  });

  it('lets a namespaced Issuer\'s Secret reference default to its own namespace', () => {
    const stack = testStack();
    new AcmeIssuer(stack, 'Issuer', {
      name: 'letsencrypt', namespace: 'apps', email: 'ops@example.com',
      azureDns: {
        application: { clientId: CLIENT_ID, applicationObjectId: '44444444-4444-4444-4444-444444444444' },
        clientSecret: { name: 'dns-sp', key: 'password' },
        tenantId: TENANT, subscriptionId: SUBSCRIPTION,
        dnsZone: { id: 'x', name: 'example.com', resourceGroupName: 'rg' },
      },
    });
    expect(manifestsOf(stack, 'Issuer')).toHaveLength(1);
  });

  it('fails when subscriptionId is not the DNS zone\'s subscription', () => {
    const stack = testStack();
    const other = '55555555-5555-5555-5555-555555555555';
    const zone = AzureDnsZone.fromIds(stack, 'OtherZone', { subscriptionId: other, resourceGroupName: 'rg-dns', zoneName: 'example.com' });
    expect(() => issuer(stack, {}, { dnsZone: zone }))
      .toThrow(/AcmeIssuer 'Test\/Issuer': 'azureDns.subscriptionId' must be the subscription of dnsZone 'example.com' \('55555555-5555-5555-5555-555555555555'\).*\(got '22222222-2222-2222-2222-222222222222'\)/);
  });

  it('reads the zone\'s subscription from a literal resource id too', () => {
    const other = '55555555-5555-5555-5555-555555555555';
    const dnsZone = { id: `/subscriptions/${other}/resourceGroups/rg/providers/Microsoft.Network/dnsZones/example.com`, name: 'example.com', resourceGroupName: 'rg' };
    expect(() => issuer(testStack(), {}, { dnsZone })).toThrow(/'azureDns.subscriptionId' must be the subscription of dnsZone 'example.com' \('55555555-5555-5555-5555-555555555555'\)/);
  });

  it('compares subscriptions case-insensitively and skips the check for tokens', () => {
    const stack = testStack();
    const lower = 'abcdef00-0000-4000-8000-00000000abcd';
    const zone = AzureDnsZone.fromIds(stack, 'LowerZone', { subscriptionId: lower, resourceGroupName: 'rg-dns', zoneName: 'example.com' });
    expect(() => issuer(stack, {}, { subscriptionId: lower.toUpperCase(), dnsZone: zone })).not.toThrow();
    const s2 = testStack();
    const sub = new TerraformVariable(s2, 'Sub', { type: 'string' }).stringValue;
    expect(() => issuer(s2, {}, { subscriptionId: sub })).not.toThrow();
    const s3 = testStack();
    const zoneSub = new TerraformVariable(s3, 'ZoneSub', { type: 'string' }).stringValue;
    const tokenZone = AzureDnsZone.fromIds(s3, 'TokenZone', { subscriptionId: zoneSub, resourceGroupName: 'rg-dns', zoneName: 'example.com' });
    expect(() => issuer(s3, {}, { dnsZone: tokenZone })).not.toThrow();
  });

  it('never rejects namespaces known only at apply time', () => {
    const stack = testStack();
    const ns = new TerraformVariable(stack, 'Ns', { type: 'string' }).stringValue;
    expect(() => issuer(stack, { certManager: undefined, clusterResourceNamespace: ns })).not.toThrow();
    const s2 = testStack();
    const secretNs = new TerraformVariable(s2, 'SecretNs', { type: 'string' }).stringValue;
    expect(() => issuer(s2, {}, { clientSecret: { name: 'dns-sp', key: 'password', namespace: secretNs } })).not.toThrow();
  });

  it('matches the snapshot', () => {
    const stack = testStack();
    issuer(stack);
    expect(synth(stack)).toMatchSnapshot();
  });
});
