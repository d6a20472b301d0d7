import { Release } from '@cdktf/provider-helm/lib/release';
import { TerraformStack, TerraformVariable } from 'cdktf';
import { ExternalSecret } from '../../lib/secrets-sync/external-secret';
import { ExternalSecretsOperator } from '../../lib/secrets-sync/external-secrets-operator';
import { VaultSecretStore } from '../../lib/secrets-sync/vault-secret-store';
import { VaultK8sAuth } from '../../lib/vault/k8s-auth';
import { VaultK8sAuthRole } from '../../lib/vault/k8s-auth-role';
import { KvV2Mount } from '../../lib/vault/kv-v2';
import { VaultServer } from '../../lib/vault/vault-server';
import { manifestsOf, onlyResource, synth, testStack, warningsOf } from '../helpers';

const server: VaultServer = {
  address: 'https://vault.vault.svc.cluster.local:8200',
  caCert: { name: 'vault-tls', key: 'ca.crt', namespace: 'vault' },
};

function setup(roleOverrides: Partial<Parameters<VaultK8sAuth['addRole']>[1]> = {}) {
  const stack = testStack();
  const kv = new KvV2Mount(stack, 'Kv', { path: 'eso' });
  const role = new VaultK8sAuth(stack, 'Auth').addRole('Role', {
    roleName: 'eso-vault', serviceAccountNames: ['vault-auth'], namespaces: ['vault'], ...roleOverrides,
  });
  return { stack, kv, role };
}

function store(stack: TerraformStack, kv: KvV2Mount, role: VaultK8sAuthRole, extra: Partial<ConstructorParameters<typeof VaultSecretStore>[2]> = {}) {
  return new VaultSecretStore(stack, 'Store', { name: 'vault-backend-k8s-auth', server, kv, role, ...extra });
}

describe('ExternalSecretsOperator', () => {
  it('installs the pinned chart with its CRDs', () => {
    const stack = testStack();
    new ExternalSecretsOperator(stack, 'Eso');
    expect(synth(stack)).toHaveResourceWithProperties(Release, {
      name: 'external-secrets',
      chart: 'external-secrets',
      repository: 'https://charts.external-secrets.io',
      version: '2.9.0',
      namespace: 'external-secrets',
      create_namespace: true,
      atomic: true,
    });
    expect(JSON.parse(onlyResource(stack, 'helm_release').values[0])).toEqual({ installCRDs: true });
  });

  it('merges extra values over its own', () => {
    const stack = testStack();
    new ExternalSecretsOperator(stack, 'Eso', { values: { replicaCount: 2 } });
    expect(JSON.parse(onlyResource(stack, 'helm_release').values[0])).toEqual({ installCRDs: true, replicaCount: 2 });
  });

  it('fails on a chart version range', () => {
    expect(() => new ExternalSecretsOperator(testStack(), 'Eso', { chartVersion: '^2.9' }))
      .toThrow(/^ExternalSecretsOperator 'Test\/Eso': 'chartVersion' must be an exact chart version.*\(got '\^2.9'\)$/);
  });

  it('matches the snapshot', () => {
    const stack = testStack();
    new ExternalSecretsOperator(stack, 'Eso');
    expect(synth(stack)).toMatchSnapshot();
  });
});

describe('VaultSecretStore', () => {
  it('writes mount, role, ServiceAccount and audience from the role object', () => {
    const { stack, kv, role } = setup();
    store(stack, kv, role);
    const [m] = manifestsOf(stack, 'ClusterSecretStore');
    expect(m.apiVersion).toBe('external-secrets.io/v1');
    expect(m.metadata).toEqual({ name: 'vault-backend-k8s-auth' });
    expect(m.spec.provider.vault).toEqual({
      server: 'https://vault.vault.svc.cluster.local:8200',
      path: 'eso',
      version: 'v2',
      caProvider: { type: 'Secret', name: 'vault-tls', key: 'ca.crt', namespace: 'vault' },
      auth: { kubernetes: { mountPath: 'kubernetes', role: 'eso-vault', serviceAccountRef: { name: 'vault-auth', namespace: 'vault', audiences: ['vault'] } } },
    });
  });

  it('follows a custom audience and mount path', () => {
    const stack = testStack();
    const kv = new KvV2Mount(stack, 'Kv');
    const role = new VaultK8sAuth(stack, 'Auth', { path: 'k8s-prod' }).addRole('Role', { roleName: 'r', serviceAccountNames: ['sa'], namespaces: ['ns'], audience: 'vault.example.com' });
    store(stack, kv, role);
    const auth = manifestsOf(stack, 'ClusterSecretStore')[0].spec.provider.vault.auth.kubernetes;
    expect(auth).toEqual({ mountPath: 'k8s-prod', role: 'r', serviceAccountRef: { name: 'sa', namespace: 'ns', audiences: ['vault.example.com'] } });
  });

  it('is a namespaced SecretStore when given a namespace', () => {
    const { stack, kv, role } = setup();
    store(stack, kv, role, { namespace: 'vault', server: { address: server.address } });
    const [m] = manifestsOf(stack, 'SecretStore');
    expect(m.metadata).toEqual({ name: 'vault-backend-k8s-auth', namespace: 'vault' });
    expect(m.spec.provider.vault.auth.kubernetes.serviceAccountRef).toEqual({ name: 'vault-auth', audiences: ['vault'] });
  });

  it('fails on a role that binds several ServiceAccounts', () => {
    const { stack, kv, role } = setup({ serviceAccountNames: ['a', 'b'] });
    expect(() => store(stack, kv, role))
      .toThrow(/^VaultSecretStore 'Test\/Store': 'role' must be a role that binds exactly one ServiceAccount.*\(got 'eso-vault'\)$/);
  });

  it('fails on plain http without the opt-in', () => {
    const { stack, kv, role } = setup();
    expect(() => store(stack, kv, role, { server: { address: 'http://vault.vault.svc.cluster.local:8200' } }))
      .toThrow(/'server.address' must be an https:\/\/ URL \(set allowInsecureHttp: true to accept http:\/\/\) \(got 'http:\/\/vault.vault.svc.cluster.local:8200'\)/);
  });

  it('accepts http with allowInsecureHttp, and warns', () => {
    const { stack, kv, role } = setup();
    const s = store(stack, kv, role, { server: { address: 'http://vault.vault.svc.cluster.local:8200', allowInsecureHttp: true } });
    expect(warningsOf(s)).toEqual([expect.stringMatching(/^allowInsecureHttp: Vault is reached over plain HTTP/)]);
  });

  it('fails when a ClusterSecretStore CA Secret has no namespace', () => {
    const { stack, kv, role } = setup();
    expect(() => store(stack, kv, role, { server: { address: server.address, caCert: { name: 'vault-tls', key: 'ca.crt' } } }))
      .toThrow(/'server.caCert.namespace' must be set for a ClusterSecretStore/);
  });

  it('fails when a SecretStore is not in its ServiceAccount\'s namespace', () => {
    const { stack, kv, role } = setup();
    expect(() => store(stack, kv, role, { namespace: 'apps' })).toThrow(/'namespace' must be 'vault'.*\(got 'apps'\)/);
  });

  it('fails on an invalid name', () => {
    const { stack, kv, role } = setup();
    expect(() => store(stack, kv, role, { name: 'Vault_Backend' })).toThrow(/'name' must be a DNS-1123 subdomain.*\(got 'Vault_Backend'\)/);
  });

  it('matches the snapshot', () => {
    const { stack, kv, role } = setup();
    store(stack, kv, role);
    expect(synth(stack)).toMatchSnapshot();
  });
});

describe('ExternalSecret', () => {
  function withStore() {
    const { stack, kv, role } = setup();
    return { stack, s: store(stack, kv, role) };
  }
  const props = { name: 'vault-eso-example', namespace: 'default', targetSecretName: 'output-secret', data: [{ secretKey: 'foobar', key: 'eso/foo', property: 'my-value' }] };

  it('copies Vault fields into an owned Secret, refreshing hourly by default', () => {
    const { stack, s } = withStore();
    new ExternalSecret(stack, 'Secret', { ...props, store: s });
    const [m] = manifestsOf(stack, 'ExternalSecret');
    expect(m).toEqual({
      apiVersion: 'external-secrets.io/v1',
      kind: 'ExternalSecret',
      metadata: { name: 'vault-eso-example', namespace: 'default' },
      spec: {
        refreshInterval: '1h',
        secretStoreRef: { name: 'vault-backend-k8s-auth', kind: 'ClusterSecretStore' },
        target: { name: 'output-secret', creationPolicy: 'Owner' },
        data: [{ secretKey: 'foobar', remoteRef: { key: 'eso/foo', property: 'my-value' } }],
      },
    });
  });

  it('fails on a malformed refresh interval', () => {
    const { stack, s } = withStore();
    expect(() => new ExternalSecret(stack, 'Secret', { ...props, store: s, refreshInterval: '15 seconds' }))
      .toThrow(/^ExternalSecret 'Test\/Secret': 'refreshInterval' must be a duration.*\(got '15 seconds'\)$/);
  });

  it.each(['60', '3600', '1d', '-1h', '1 h', '1H', ''])('fails on refreshInterval %p, which Go\'s time.ParseDuration refuses', (refreshInterval) => {
    const { stack, s } = withStore();
    expect(() => new ExternalSecret(stack, 'Secret', { ...props, store: s, refreshInterval }))
      .toThrow(new RegExp(`^ExternalSecret 'Test/Secret': 'refreshInterval' must be a duration with a unit like 30s, 15m or 1h30m \\(Go syntax: units ns, us, ms, s, m, h; no bare numbers, no 'd'\\) \\(got '${refreshInterval}'\\)$`));
  });

  it.each(['15s', '1h', '1h30m', '1h0m0s', '1.5h', '500ms', '0s', '0'])('accepts refreshInterval %p', (refreshInterval) => {
    const { stack, s } = withStore();
    new ExternalSecret(stack, 'Secret', { ...props, store: s, refreshInterval });
    expect(manifestsOf(stack, 'ExternalSecret')[0].spec.refreshInterval).toBe(refreshInterval);
  });

  it('never rejects a refreshInterval or namespace known only at apply time', () => {
    const { stack, kv, role } = setup();
    const v = (name: string) => new TerraformVariable(stack, name, { type: 'string' }).stringValue;
    const st = store(stack, kv, role, { namespace: 'vault' });
    expect(() => new ExternalSecret(stack, 'Secret', { ...props, store: st, namespace: v('Ns'), refreshInterval: v('Ri') })).not.toThrow();
  });

  it('fails on empty data, listing every problem', () => {
    const { stack, s } = withStore();
    expect(() => new ExternalSecret(stack, 'Secret', { ...props, store: s, namespace: 'Default', data: [] }))
      .toThrow(/'namespace' must be a DNS-1123 label.*\n.*'data' must not be empty/);
  });

  it('fails on a duplicate or invalid secretKey', () => {
    const { stack, s } = withStore();
    expect(() => new ExternalSecret(stack, 'Secret', { ...props, store: s, data: [{ secretKey: 'a b', key: 'eso/x' }, { secretKey: 'a b', key: '/eso/y' }] }))
      .toThrow(/data\[0\]: 'secretKey' must be a Secret data key.*\n.*data\[1\]: 'secretKey'.*\n.*data\[1\]: 'key' must be a non-empty Vault secret path.*\(got '\/eso\/y'\)\n.*'data' must not write the same secretKey twice \(got 'a b'\)/);
  });

  it('matches the snapshot', () => {
    const { stack, s } = withStore();
    new ExternalSecret(stack, 'Secret', { ...props, store: s });
    expect(synth(stack)).toMatchSnapshot();
  });
});
