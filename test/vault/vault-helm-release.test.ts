import { TerraformStack, TerraformVariable } from 'cdktf';
import { Release } from '@cdktf/provider-helm/lib/release';
import { AutoUnsealKeyVault } from '../../lib/keyvault/auto-unseal-key-vault';
import { VaultSealConfig } from '../../lib/vault/seal-config';
import { VaultHelmRelease, VaultHelmReleaseProps } from '../../lib/vault/vault-helm-release';
import { resourcesOf, synth, testStack, warningsOf } from '../helpers';

type Mode = 'workloadIdentity' | 'clientSecret';

function sealConfig(stack: TerraformStack, mode: Mode = 'workloadIdentity'): VaultSealConfig {
  const source = new AutoUnsealKeyVault(stack, 'Unseal', {
    keyVaultName: 'kv-vault-unseal',
    resourceGroupName: 'rg',
    location: 'westeurope',
    allowedIpRanges: ['203.0.113.10'],
    identity: mode === 'workloadIdentity'
      ? { mode, oidcIssuerUrl: 'https://oidc.example.invalid/' }
      : { mode, clientSecretExpiry: '4380h' },
  });
  return new VaultSealConfig(stack, 'Seal', { source });
}

function build(props: VaultHelmReleaseProps = {}, stack = testStack()): { stack: TerraformStack; vault: VaultHelmRelease; values: any } {
  const vault = new VaultHelmRelease(stack, 'Vault', props);
  const [release] = resourcesOf(stack, 'helm_release');
  return { stack, vault, values: JSON.parse(release.values[0]) };
}

function withSeal(mode: Mode = 'workloadIdentity', props: VaultHelmReleaseProps = {}) {
  const stack = testStack();
  return build({ sealConfig: sealConfig(stack, mode), ...props }, stack);
}

describe('VaultHelmRelease', () => {
  describe('defaults', () => {
    const { stack, vault, values } = build();

    it('installs hashicorp/vault pinned at 0.34.1 into namespace vault', () => {
      expect(synth(stack)).toHaveResourceWithProperties(Release, {
        name: 'vault',
        repository: 'https://helm.releases.hashicorp.com',
        chart: 'vault',
        version: '0.34.1',
        namespace: 'vault',
        atomic: true,
      });
    });

    it('serves TLS from the vault-tls Secret and verifies it in the pod', () => {
      expect(values.global.tlsDisable).toBe(false);
      expect(values.server.volumes).toEqual([{ name: 'vault-tls', secret: { secretName: 'vault-tls', defaultMode: 420 } }]);
      expect(values.server.volumeMounts).toEqual([{ name: 'vault-tls', mountPath: '/vault/userconfig/vault-tls', readOnly: true }]);
      expect(values.server.standalone.config).toContain('tls_cert_file   = "/vault/userconfig/vault-tls/tls.crt"');
      expect(values.server.standalone.config).toContain('tls_min_version = "tls12"');
      expect(values.server.standalone.config).not.toContain('tls_disable');
      expect(values.server.extraEnvironmentVars).toEqual({ VAULT_CACERT: '/vault/userconfig/vault-tls/ca.crt' });
      expect(vault.address).toBe('https://vault.vault.svc:8200');
    });

    it('leaves the injector off and dev mode off', () => {
      expect(values.injector).toEqual({ enabled: false });
      expect(values.server.dev).toBeUndefined();
    });

    it('runs one standalone server without auto-unseal', () => {
      expect(values.server.standalone.enabled).toBe(true);
      expect(values.server.standalone.config).toContain('storage "file"');
      expect(values.server.ha).toBeUndefined();
      expect(values.server.extraArgs).toBeUndefined();
    });

    it('emits no warning', () => {
      expect(warningsOf(stack)).toEqual([]);
    });
  });

  describe('with the seal config', () => {
    it('mounts Secret vault-storage-config read-only and loads config.hcl', () => {
      const { values } = withSeal();
      expect(values.server.volumes).toContainEqual({ name: 'vault-storage-config', secret: { secretName: 'vault-storage-config', defaultMode: 420 } });
      expect(values.server.volumeMounts).toContainEqual({ name: 'vault-storage-config', mountPath: '/vault/userconfig/vault-storage-config', readOnly: true });
      expect(values.server.extraArgs).toBe('-config=/vault/userconfig/vault-storage-config/config.hcl');
    });

    it('waits for the Secret', () => {
      const { stack } = withSeal();
      expect(resourcesOf(stack, 'helm_release')[0].depends_on).toEqual([expect.stringMatching(/^kubernetes_secret_v1\.Seal_/)]);
    });

    it('in workload identity mode annotates the ServiceAccount and labels the pods for the webhook', () => {
      const { values } = withSeal('workloadIdentity');
      expect(values.server.serviceAccount).toEqual({
        name: 'vault',
        annotations: { 'azure.workload.identity/client-id': expect.stringMatching(/^\$\{azurerm_user_assigned_identity\.Unseal_Identity_\w+\.client_id\}$/) },
      });
      expect(values.server.extraLabels).toEqual({ 'azure.workload.identity/use': 'true' });
    });

    it('off AKS projects the federated token and sets the AZURE_* variables itself, without the webhook label', () => {
      const { values } = withSeal('workloadIdentity', { workloadIdentityToken: 'projectedToken' });
      expect(values.server.extraLabels).toBeUndefined();
      expect(values.server.serviceAccount.name).toBe('vault');
      expect(values.server.volumes).toContainEqual({
        name: 'azure-identity-token',
        projected: { defaultMode: 420, sources: [{ serviceAccountToken: { path: 'azure-identity-token', audience: 'api://AzureADTokenExchange', expirationSeconds: 3600 } }] },
      });
      expect(values.server.volumeMounts).toContainEqual({ name: 'azure-identity-token', mountPath: '/var/run/secrets/azure/tokens', readOnly: true });
      expect(values.server.extraEnvironmentVars).toEqual({
        VAULT_CACERT: '/vault/userconfig/vault-tls/ca.crt',
        AZURE_CLIENT_ID: expect.stringMatching(/^\$\{azurerm_user_assigned_identity\.Unseal_Identity_\w+\.client_id\}$/),
        AZURE_TENANT_ID: expect.stringMatching(/^\$\{data\.azurerm_client_config\.\w+\.tenant_id\}$/),
        AZURE_FEDERATED_TOKEN_FILE: '/var/run/secrets/azure/tokens/azure-identity-token',
        AZURE_AUTHORITY_HOST: 'https://login.microsoftonline.com/',
      });
    });

    it('in client-secret mode keeps the secret out of the Helm values and out of ConfigMaps', () => {
      const { stack, values } = withSeal('clientSecret');
      const release = resourcesOf(stack, 'helm_release')[0];
      expect(JSON.stringify(release)).not.toMatch(/azuread_application_password|client_secret/);
      expect(release.set_sensitive).toBeUndefined();
      expect(values.server.serviceAccount).toBeUndefined();
      expect(synth(stack)).not.toMatch(/config_map/);
      // The secret reaches Vault only through the Secret.
      expect(resourcesOf(stack, 'kubernetes_secret_v1')[0].data['config.hcl']).toMatch(/azuread_application_password\.\w+\.value/);
    });
  });

  it('runs HA on Raft with one retry_join per server over TLS', () => {
    const { values } = build({ highAvailability: true, replicas: 5 });
    expect(values.server.ha).toMatchObject({ enabled: true, replicas: 5, raft: { enabled: true, setNodeId: true } });
    const config: string = values.server.ha.raft.config;
    expect(config.match(/retry_join \{/g)).toHaveLength(5);
    expect(config).toContain('leader_api_addr = "https://vault-4.vault-internal:8200"');
    expect(config).toContain('leader_ca_cert_file = "/vault/userconfig/vault-tls/ca.crt"');
    expect(config).toContain('service_registration "kubernetes" {}');
    expect(values.server.standalone).toBeUndefined();
  });

  it('installs the injector when asked', () => {
    expect(build({ injector: true }).values.injector).toEqual({ enabled: true });
  });

  it('serves plain HTTP only when asked, and warns', () => {
    const { vault, values } = build({ tlsDisable: true });
    expect(values.global.tlsDisable).toBe(true);
    expect(values.server.standalone.config).toContain('tls_disable     = 1');
    expect(values.server.volumes).toBeUndefined();
    expect(vault.address).toBe('http://vault.vault.svc:8200');
    expect(warningsOf(vault)).toEqual([expect.stringMatching(/^tlsDisable: Vault serves plain HTTP/)]);
  });

  it('runs dev mode only when asked, and warns', () => {
    const { vault, values } = build({ devMode: true });
    expect(values.server.dev).toEqual({ enabled: true });
    expect(values.global.tlsDisable).toBe(true);
    expect(warningsOf(vault)).toEqual([expect.stringMatching(/^devMode: Vault runs in dev mode/)]);
  });

  it('merges extra values over its own', () => {
    const { values } = build({ values: { ui: { enabled: true } } });
    expect(values.ui).toEqual({ enabled: true });
    expect(values.global.tlsDisable).toBe(false);
  });

  describe('validation', () => {
    const cases: Array<[string, (stack: TerraformStack) => VaultHelmReleaseProps, RegExp]> = [
      ['an even replica count', () => ({ highAvailability: true, replicas: 4 }), /'replicas' must be 3, 5 or 7: Raft needs an odd quorum \(got 4\)/],
      ['replicas without HA', () => ({ replicas: 3 }), /'replicas' needs highAvailability: true.*\(got 3\)/],
      ['dev mode with a seal', (s) => ({ devMode: true, sealConfig: sealConfig(s) }), /'devMode' cannot be combined with sealConfig.*\(got true\)/],
      ['dev mode with HA', () => ({ devMode: true, highAvailability: true }), /'devMode' cannot be combined with highAvailability \(got true\)/],
      ['a namespace other than the Secret\'s', (s) => ({ namespace: 'other', sealConfig: sealConfig(s) }), /'namespace' must be the seal config Secret's namespace \('vault'\).*\(got 'other'\)/],
      ['a bad TLS Secret name', () => ({ tlsSecretName: 'Vault_TLS' }), /'tlsSecretName' must be a DNS-1123 label.*\(got 'Vault_TLS'\)/],
      ['a chart version range', () => ({ chartVersion: '^0.34' }), /'chartVersion' must be an exact chart version.*\(got '\^0.34'\)/],
      ['a bad namespace', () => ({ namespace: 'Vault' }), /'namespace' must be a DNS-1123 label.*\(got 'Vault'\)/],
      ['a token source without a workload identity seal', () => ({ workloadIdentityToken: 'projectedToken' }), /'workloadIdentityToken' needs a sealConfig whose source uses workload identity \(got 'projectedToken'\)/],
      ['a token source for a client-secret seal', (s) => ({ workloadIdentityToken: 'projectedToken', sealConfig: sealConfig(s, 'clientSecret') }), /'workloadIdentityToken' needs a sealConfig whose source uses workload identity/],
      ['an unknown token source', (s) => ({ workloadIdentityToken: 'sidecar' as never, sealConfig: sealConfig(s) }), /'workloadIdentityToken' must be one of 'webhook', 'projectedToken' \(got 'sidecar'\)/],
    ];
    it.each(cases)('fails on %s', (_what, props, message) => {
      const stack = testStack();
      expect(() => build(props(stack), stack)).toThrow(new RegExp(`VaultHelmRelease 'Test/Vault': .*${message.source}`));
    });

    it('accepts a namespace reference', () => {
      const stack = testStack();
      const ns = new TerraformVariable(stack, 'ns', { type: 'string' });
      expect(() => build({ namespace: ns.stringValue }, stack)).not.toThrow();
    });
  });

  it('matches the snapshot', () => {
    expect(synth(build().stack)).toMatchSnapshot();
  });
});
