import { Release } from '@cdktf/provider-helm/lib/release';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { TerraformStack, TerraformVariable, Token } from 'cdktf';
import { VaultAuth, VaultAuthProps } from '../../lib/secrets-sync/vault-auth';
import { VaultConnection, VaultConnectionProps } from '../../lib/secrets-sync/vault-connection';
import { VaultDynamicSecret, VaultDynamicSecretProps } from '../../lib/secrets-sync/vault-dynamic-secret';
import { VaultSecretsOperator } from '../../lib/secrets-sync/vault-secrets-operator';
import { VaultStaticSecret, VaultStaticSecretProps } from '../../lib/secrets-sync/vault-static-secret';
import { VaultK8sAuth } from '../../lib/vault/k8s-auth';
import { VaultK8sAuthRoleOptions } from '../../lib/vault/k8s-auth-role';
import { KvV2Mount } from '../../lib/vault/kv-v2';
import { manifestsOf, onlyResource, synth, testStack, warningsOf } from '../helpers';

const NS = 'cert-manager';
const SERVER = { address: 'https://vault.vault.svc.cluster.local:8200', caCert: { name: 'vault-ca', key: 'ca.crt', namespace: NS } };
const SOURCE = { mountPath: 'azure', credentialsPath: 'creds/certmanager-role', roleName: 'certmanager-role' };

function connection(stack: TerraformStack, o: Partial<VaultConnectionProps> = {}) {
  return new VaultConnection(stack, 'Connection', { name: 'vault', namespace: NS, server: SERVER, ...o });
}

function role(stack: TerraformStack, o: Partial<VaultK8sAuthRoleOptions> = {}) {
  return new VaultK8sAuth(stack, 'Auth').addRole('Role', { roleName: 'azure-role', serviceAccountNames: ['cert-manager'], namespaces: [NS], ...o });
}

function auth(stack: TerraformStack, o: Partial<VaultAuthProps> = {}) {
  return new VaultAuth(stack, 'VaultAuth', { name: 'azure-role', namespace: NS, connection: connection(stack), role: role(stack), ...o });
}

function dynamic(stack: TerraformStack, o: Partial<VaultDynamicSecretProps> = {}) {
  return new VaultDynamicSecret(stack, 'Dynamic', {
    name: 'azure-service-principal', namespace: NS, auth: auth(stack), source: SOURCE, secretName: 'azure-service-principal-secret', ...o,
  });
}

function staticSecret(stack: TerraformStack, o: Partial<VaultStaticSecretProps> = {}) {
  return new VaultStaticSecret(stack, 'Static', {
    name: 'app-config', namespace: NS, auth: auth(stack), kv: new KvV2Mount(stack, 'Kv', { path: 'apps' }), path: 'team-a/config', secretName: 'app-config', ...o,
  });
}

describe('VaultSecretsOperator', () => {
  it('installs the pinned VSO 1.4 chart with its CRDs and the CRD upgrade hook', () => {
    const stack = testStack();
    const vso = new VaultSecretsOperator(stack, 'Vso');
    expect(synth(stack)).toHaveResourceWithProperties(Release, {
      name: 'vault-secrets-operator',
      repository: 'https://helm.releases.hashicorp.com',
      chart: 'vault-secrets-operator',
      version: '1.4.1',
      namespace: 'vault-secrets-operator-system',
      create_namespace: true,
      atomic: true,
    });
    expect(onlyResource(stack, 'helm_release').skip_crds).toBeUndefined();
    expect(JSON.parse(onlyResource(stack, 'helm_release').values[0])).toEqual({ hooks: { upgradeCRDs: { enabled: true } } });
    expect(vso.namespace).toBe('vault-secrets-operator-system');
  });

  it('fails on a chart version range', () => {
    expect(() => new VaultSecretsOperator(testStack(), 'Vso', { chartVersion: '1.4.x' }))
      .toThrow(/VaultSecretsOperator 'Test\/Vso': 'chartVersion' must be an exact chart version.*\(got '1.4.x'\)/);
  });

  it('matches the snapshot', () => {
    const stack = testStack();
    new VaultSecretsOperator(stack, 'Vso');
    expect(synth(stack)).toMatchSnapshot();
  });
});

describe('VaultConnection', () => {
  it('verifies TLS with the CA Secret by default', () => {
    const stack = testStack();
    const c = connection(stack);
    expect(synth(stack)).toHaveResourceWithProperties(Manifest, {
      manifest: {
        apiVersion: 'secrets.hashicorp.com/v1beta1',
        kind: 'VaultConnection',
        metadata: { name: 'vault', namespace: NS },
        spec: { address: SERVER.address, skipTLSVerify: false, caCertSecretRef: 'vault-ca' },
      },
    });
    expect(warningsOf(c)).toEqual([]);
  });

  it('skips TLS verification only by opt-in, and warns', () => {
    const stack = testStack();
    const c = connection(stack, { skipTlsVerify: true });
    expect(manifestsOf(stack, 'VaultConnection')[0].spec.skipTLSVerify).toBe(true);
    expect(warningsOf(c)).toEqual([expect.stringMatching(/^skipTlsVerify: VaultConnection 'vault' does not verify Vault's certificate/)]);
  });

  it('warns on plain http when allowed', () => {
    const stack = testStack();
    const c = connection(stack, { server: { address: 'http://vault.vault.svc.cluster.local:8200', allowInsecureHttp: true } });
    expect(warningsOf(c)).toEqual([expect.stringMatching(/^allowInsecureHttp: /)]);
    expect(manifestsOf(stack, 'VaultConnection')[0].spec.caCertSecretRef).toBeUndefined();
  });

  it('sets tlsServerName when given', () => {
    const stack = testStack();
    connection(stack, { tlsServerName: 'vault.example.com' });
    expect(manifestsOf(stack, 'VaultConnection')[0].spec.tlsServerName).toBe('vault.example.com');
  });

  it.each([
    ['a CA Secret in another namespace', { server: { ...SERVER, caCert: { ...SERVER.caCert, namespace: 'vault' } } }, /VaultConnection 'Test\/Connection': 'server.caCert.namespace' must be 'cert-manager', the VaultConnection's namespace.*\(got 'vault'\)/],
    ['a CA key other than ca.crt', { server: { ...SERVER, caCert: { ...SERVER.caCert, key: 'tls.crt' } } }, /'server.caCert.key' must be 'ca.crt'.*\(got 'tls.crt'\)/],
    ['an http address', { server: { address: 'http://vault:8200' } }, /'server.address' must be an https:\/\/ URL.*\(got 'http:\/\/vault:8200'\)/],
    ['a name that is not DNS-1123', { name: 'Vault' }, /'name' must be a DNS-1123 subdomain.*\(got 'Vault'\)/],
    ['a namespace that is not DNS-1123', { namespace: 'Cert_Manager' }, /'namespace' must be a DNS-1123 label.*\(got 'Cert_Manager'\)/],
    ['a tlsServerName with a scheme', { tlsServerName: 'https://vault' }, /'tlsServerName' must be a DNS name \(got 'https:\/\/vault'\)/],
  ])('rejects %s', (_what, o, message) => {
    expect(() => connection(testStack(), o as Partial<VaultConnectionProps>)).toThrow(message);
  });

  it('matches the snapshot', () => {
    const stack = testStack();
    connection(stack);
    expect(synth(stack)).toMatchSnapshot();
  });
});

describe('VaultAuth', () => {
  it('takes mount, role, ServiceAccount and audience from the Vault role', () => {
    const stack = testStack();
    auth(stack);
    expect(synth(stack)).toHaveResourceWithProperties(Manifest, {
      manifest: {
        apiVersion: 'secrets.hashicorp.com/v1beta1',
        kind: 'VaultAuth',
        metadata: { name: 'azure-role', namespace: NS },
        spec: {
          vaultConnectionRef: 'vault',
          method: 'kubernetes',
          mount: 'kubernetes',
          kubernetes: { role: 'azure-role', serviceAccount: 'cert-manager', audiences: ['vault'], tokenExpirationSeconds: 600 },
        },
      },
    });
  });

  it('follows a custom audience and mount', () => {
    const stack = testStack();
    const r = new VaultK8sAuth(stack, 'Auth2', { path: 'k8s-prod' }).addRole('R', { roleName: 'x', serviceAccountNames: ['cert-manager'], namespaces: [NS], audience: 'https://vault.example.com' });
    auth(stack, { role: r });
    expect(manifestsOf(stack, 'VaultAuth')[0].spec).toMatchObject({ mount: 'k8s-prod', kubernetes: { role: 'x', audiences: ['https://vault.example.com'] } });
  });

  it('refers to a connection in another namespace as namespace/name', () => {
    const stack = testStack();
    const c = new VaultConnection(stack, 'Shared', { name: 'default', namespace: 'vault-secrets-operator-system', server: { address: SERVER.address } });
    auth(stack, { connection: c });
    expect(manifestsOf(stack, 'VaultAuth')[0].spec.vaultConnectionRef).toBe('vault-secrets-operator-system/default');
  });

  it.each([
    ['a ServiceAccount in another namespace', (s: TerraformStack) => auth(s, { namespace: 'apps' }), /VaultAuth 'Test\/VaultAuth': 'namespace' must be 'cert-manager', the namespace of role 'azure-role''s ServiceAccount.*\(got 'apps'\)/],
    ['a role binding several ServiceAccounts', (s: TerraformStack) => new VaultAuth(s, 'VaultAuth', { name: 'azure-role', namespace: NS, connection: connection(s), role: role(s, { serviceAccountNames: ['a', 'b'] }) }), /'role' must be a role that binds exactly one ServiceAccount.*\(got 'azure-role'\)/],
    ['a token lifetime under 10 minutes', (s: TerraformStack) => auth(s, { tokenExpirationSeconds: 60 }), /'tokenExpirationSeconds' must be a whole number of seconds from 600.*\(got 60\)/],
    ['a name that is not DNS-1123', (s: TerraformStack) => auth(s, { name: 'Azure Role' }), /'name' must be a DNS-1123 subdomain.*\(got 'Azure Role'\)/],
  ])('rejects %s', (_what, build, message) => {
    expect(() => build(testStack())).toThrow(message);
  });

  it('passes a token lifetime known only at apply time through unchecked', () => {
    const stack = testStack();
    const ttl = new TerraformVariable(stack, 'TokenTtl', { type: 'number' }).numberValue;
    expect(() => auth(stack, { tokenExpirationSeconds: ttl })).not.toThrow();
    expect(manifestsOf(stack, 'VaultAuth')[0].spec.kubernetes.tokenExpirationSeconds).toBe('${var.TokenTtl}');
    const s2 = testStack();
    expect(() => auth(s2, { tokenExpirationSeconds: Token.asNumber(new TerraformVariable(s2, 'Raw', { type: 'string' }).stringValue) })).not.toThrow();
  });

  it('never rejects a namespace known only at apply time', () => {
    const stack = testStack();
    const ns = new TerraformVariable(stack, 'Ns', { type: 'string' }).stringValue;
    expect(() => auth(stack, { namespace: ns })).not.toThrow();
  });

  it('matches the snapshot', () => {
    const stack = testStack();
    auth(stack);
    expect(synth(stack)).toMatchSnapshot();
  });
});

describe('VaultDynamicSecret', () => {
  it('reads <mount>/creds/<role> into a Secret it creates, and revokes the lease on delete', () => {
    const stack = testStack();
    dynamic(stack, { rolloutRestartTargets: [{ kind: 'Deployment', name: 'cert-manager' }] });
    expect(synth(stack)).toHaveResourceWithProperties(Manifest, {
      manifest: {
        apiVersion: 'secrets.hashicorp.com/v1beta1',
        kind: 'VaultDynamicSecret',
        metadata: { name: 'azure-service-principal', namespace: NS },
        spec: {
          vaultAuthRef: 'azure-role',
          mount: 'azure',
          path: 'creds/certmanager-role',
          renewalPercent: 67,
          revoke: true,
          destination: { name: 'azure-service-principal-secret', create: true, overwrite: false },
          rolloutRestartTargets: [{ kind: 'Deployment', name: 'cert-manager' }],
        },
      },
    });
  });

  it('omits rolloutRestartTargets by default and exposes the Secret keys', () => {
    const stack = testStack();
    const d = dynamic(stack);
    expect(manifestsOf(stack, 'VaultDynamicSecret')[0].spec.rolloutRestartTargets).toBeUndefined();
    expect(d.secretKeyRef('client_secret')).toEqual({ name: 'azure-service-principal-secret', key: 'client_secret', namespace: NS });
  });

  it.each([
    ['a namespace other than the VaultAuth\'s', { namespace: 'apps' }, /VaultDynamicSecret 'Test\/Dynamic': 'namespace' must be 'cert-manager', the namespace of VaultAuth 'azure-role' \(got 'apps'\)/],
    ['a Secret name that is not DNS-1123', { secretName: 'Azure_Secret' }, /'secretName' must be a DNS-1123 subdomain.*\(got 'Azure_Secret'\)/],
    ['an unknown restart target kind', { rolloutRestartTargets: [{ kind: 'Pod' as never, name: 'x' }] }, /rolloutRestartTargets\[0\]: 'kind' must be one of 'Deployment', 'DaemonSet', 'StatefulSet', 'argo.Rollout' \(got 'Pod'\)/],
    ['a restart target name that is not DNS-1123', { rolloutRestartTargets: [{ kind: 'Deployment', name: 'Cert Manager' }] }, /rolloutRestartTargets\[0\]: 'name' must be a DNS-1123 subdomain.*\(got 'Cert Manager'\)/],
    ['a renewal at 100%', { renewalPercent: 100 }, /'renewalPercent' must be a whole percentage from 1 to 90.*\(got 100\)/],
  ])('rejects %s', (_what, o, message) => {
    expect(() => dynamic(testStack(), o as Partial<VaultDynamicSecretProps>)).toThrow(message);
  });

  it('passes a renewal percentage known only at apply time through unchecked', () => {
    const stack = testStack();
    const pct = new TerraformVariable(stack, 'Renewal', { type: 'number' }).numberValue;
    expect(() => dynamic(stack, { renewalPercent: pct })).not.toThrow();
    expect(manifestsOf(stack, 'VaultDynamicSecret')[0].spec.renewalPercent).toBe('${var.Renewal}');
    const s2 = testStack();
    expect(() => dynamic(s2, { renewalPercent: Token.asNumber(new TerraformVariable(s2, 'Raw', { type: 'string' }).stringValue) })).not.toThrow();
  });

  it.each([[0], [91], [50.5], [-1]])('rejects a renewal percentage of %p', (pct) => {
    expect(() => dynamic(testStack(), { renewalPercent: pct })).toThrow(new RegExp(`VaultDynamicSecret 'Test/Dynamic': 'renewalPercent' must be a whole percentage from 1 to 90.*\\(got ${pct}\\)`));
  });

  it.each([[599], [86401], [600.5]])('rejects a token lifetime of %p seconds', (secs) => {
    expect(() => auth(testStack(), { tokenExpirationSeconds: secs })).toThrow(new RegExp(`VaultAuth 'Test/VaultAuth': 'tokenExpirationSeconds' must be a whole number of seconds from 600.*\\(got ${secs}\\)`));
  });

  it('matches the snapshot', () => {
    const stack = testStack();
    dynamic(stack);
    expect(synth(stack)).toMatchSnapshot();
  });
});

describe('VaultStaticSecret', () => {
  it('reads a KV v2 secret from the mount object with a 1h refresh by default', () => {
    const stack = testStack();
    staticSecret(stack);
    expect(synth(stack)).toHaveResourceWithProperties(Manifest, {
      manifest: {
        apiVersion: 'secrets.hashicorp.com/v1beta1',
        kind: 'VaultStaticSecret',
        metadata: { name: 'app-config', namespace: NS },
        spec: {
          vaultAuthRef: 'azure-role',
          type: 'kv-v2',
          mount: 'apps',
          path: 'team-a/config',
          refreshAfter: '1h',
          destination: { name: 'app-config', create: true, overwrite: false },
        },
      },
    });
  });

  it.each([
    ['a path with data/', { path: 'data/team-a/config' }, /VaultStaticSecret 'Test\/Static': 'path' must be a secret path inside the mount.*\(got 'data\/team-a\/config'\)/],
    ['a path with a leading slash', { path: '/team-a' }, /'path' must be a secret path.*\(got '\/team-a'\)/],
    ['a compound refreshAfter', { refreshAfter: '1h30m' }, /'refreshAfter' must be one number and unit like 30s, 5m or 1h \(got '1h30m'\)/],
    ['a namespace other than the VaultAuth\'s', { namespace: 'apps' }, /'namespace' must be 'cert-manager', the namespace of VaultAuth 'azure-role' \(got 'apps'\)/],
  ])('rejects %s', (_what, o, message) => {
    expect(() => staticSecret(testStack(), o as Partial<VaultStaticSecretProps>)).toThrow(message);
  });

  it('matches the snapshot', () => {
    const stack = testStack();
    staticSecret(stack);
    expect(synth(stack)).toMatchSnapshot();
  });
});

describe('VSO secret flows', () => {
  it('draws role to path to Secret to restarted workload for a dynamic secret', () => {
    const stack = testStack();
    const d = dynamic(stack, { rolloutRestartTargets: [{ kind: 'Deployment', name: 'cert-manager' }] });
    expect(d.secretFlowEdges().map((e) => `${e.from.label} -> ${e.to.label} (${e.label})`)).toEqual([
      'auth/kubernetes role azure-role -> azure/creds/certmanager-role (read)',
      'azure/creds/certmanager-role -> Secret cert-manager/azure-service-principal-secret (VSO, renewed by lease)',
      'Secret cert-manager/azure-service-principal-secret -> Deployment cert-manager/cert-manager (rollout restart)',
    ]);
  });

  it('draws the KV v2 data path for a static secret', () => {
    const stack = testStack();
    const s = staticSecret(stack);
    expect(s.secretFlowEdges().map((e) => `${e.from.label} -> ${e.to.label} (${e.label})`)).toEqual([
      'auth/kubernetes role azure-role -> apps/data/team-a/config (read)',
      'apps/data/team-a/config -> Secret cert-manager/app-config (VSO every 1h)',
    ]);
  });
});
