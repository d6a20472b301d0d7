import * as fs from 'node:fs';
import { Testing, TerraformStack } from 'cdktf';
import { platformDiagram, README, replaceDiagram } from '../../stacks/diagram';
import { loadPlatformConfig, PlatformConfig } from '../../stacks/config';
import { buildHomelab, LAYERS } from '../../stacks/homelab';
import { buildAll, DEFAULT_PLATFORM_CONFIG } from '../../stacks/main';
import { testApp } from '../helpers';

const config = loadPlatformConfig(DEFAULT_PLATFORM_CONFIG);

function layers(c: PlatformConfig = config) {
  const stacks = buildHomelab(testApp(), c);
  const json = Object.fromEntries(LAYERS.map((l) => [l, JSON.parse(Testing.synth(stacks[l]))]));
  return { stacks, json };
}

const typesOf = (j: any) => Object.keys(j.resource ?? {});
const providersOf = (j: any) => Object.keys(j.provider ?? {}).sort();

describe('homelab layered stacks', () => {
  const { stacks, json } = layers();

  it('names the stacks <name>-<layer>', () => {
    expect(LAYERS.map((l) => stacks[l].node.id)).toEqual(['homelab-identity', 'homelab-platform', 'homelab-vault', 'homelab-workloads']);
  });

  it('makes each layer depend on the one below', () => {
    expect(stacks.identity.dependencies).toEqual([]);
    expect(stacks.platform.dependencies).toContain(stacks.identity);
    expect(stacks.vault.dependencies).toContain(stacks.platform);
    expect(stacks.workloads.dependencies).toContain(stacks.vault);
  });

  it('gives Vault its federated token without the AKS webhook: the homelab is no AKS', () => {
    const release = Object.values(json.platform.resource.helm_release).find((r: any) => r.chart === 'vault') as any;
    const server = JSON.parse(release.values[0]).server;
    expect(server.extraLabels).toBeUndefined();
    expect(server.volumes).toContainEqual(expect.objectContaining({ name: 'azure-identity-token' }));
    expect(server.extraEnvironmentVars).toMatchObject({ AZURE_FEDERATED_TOKEN_FILE: '/var/run/secrets/azure/tokens/azure-identity-token' });
  });

  it('lets the runner and Vault reach the unseal Key Vault as the config says', () => {
    const kv = Object.values(json.identity.resource.azurerm_key_vault)[0] as any;
    expect(kv.public_network_access_enabled).toBe(true);
    expect(kv.network_acls).toEqual({ default_action: 'Deny', bypass: 'None', ip_rules: config.azure.keyVaultAccess.allowedIpRanges });
  });

  it('fails at synth, naming the Key Vault, when the config leaves it unreachable', () => {
    const closed = { ...config, azure: { ...config.azure, keyVaultAccess: { allowedIpRanges: [] } } };
    expect(() => buildHomelab(testApp(), closed)).toThrow(/AutoUnsealKeyVault 'homelab-identity\/AutoUnseal': 'privateEndpoint' or allowedIpRanges or allowedSubnetIds is required/);
  });

  it('keeps custom resources out of every stack that installs a Helm release', () => {
    for (const l of LAYERS) {
      const t = typesOf(json[l]);
      expect(t.includes('helm_release') && t.includes('kubernetes_manifest')).toBe(false);
    }
    expect(typesOf(json.platform)).toContain('helm_release');
    expect(typesOf(json.workloads)).toContain('kubernetes_manifest');
  });

  it('puts each provider\'s resources in its layer', () => {
    expect(providersOf(json.identity)).toEqual(['azuread', 'azurerm']);
    expect(providersOf(json.platform)).toEqual(['helm', 'kubernetes']);
    // Vault's own Entra application sits with the Azure secrets engine (see homelab.ts).
    expect(providersOf(json.vault)).toEqual(['azuread', 'kubernetes', 'vault']);
    expect(providersOf(json.workloads)).toEqual(['kubernetes']);
    expect(typesOf(json.identity).every((t) => /^(azurerm|azuread)_/.test(t))).toBe(true);
    expect(typesOf(json.vault).every((t) => /^(vault|kubernetes|azuread)_/.test(t))).toBe(true);
    expect(typesOf(json.vault).filter((t) => t.startsWith('azuread_')).every((t) => Object.keys(json.vault.resource[t]).every((n) => n.startsWith('AzureSecrets_')))).toBe(true);
    expect(typesOf(json.workloads).every((t) => t.startsWith('kubernetes_'))).toBe(true);
  });

  it('only reads state of layers below, never above', () => {
    for (const [i, l] of LAYERS.entries()) {
      const remotes = Object.keys(json[l].data?.terraform_remote_state ?? {});
      for (const r of remotes) {
        const from = LAYERS.findIndex((x) => r.endsWith(`homelab-${x}`));
        expect(from).toBeGreaterThanOrEqual(0);
        expect(from).toBeLessThan(i);
      }
    }
  });

  it('never puts depends_on across stacks', () => {
    for (const l of LAYERS) {
      for (const byId of Object.values(json[l].resource ?? {}) as any[]) {
        for (const r of Object.values(byId) as any[]) {
          for (const d of r.depends_on ?? []) expect(d).not.toMatch(/terraform_remote_state/);
        }
      }
    }
  });

  it('builds one platform per config, with its own backend', () => {
    const lab2: PlatformConfig = {
      ...config,
      name: 'lab2',
      backend: { type: 'azurerm', resourceGroupName: 'rg-state', storageAccountName: 'stlab2state', containerName: 'tfstate' },
    };
    const app = buildAll(testApp(), { configs: [config, lab2] });
    const ids = app.node.children.map((c) => c.node.id);
    expect(ids).toEqual(expect.arrayContaining(['homelab-vault', 'lab2-identity', 'lab2-platform', 'lab2-vault', 'lab2-workloads']));
    const lab2Vault = JSON.parse(Testing.synth(app.node.findChild('lab2-vault') as TerraformStack));
    expect(lab2Vault.terraform.backend.azurerm).toEqual(expect.objectContaining({ key: 'lab2-vault.tfstate', container_name: 'tfstate', use_azuread_auth: true }));
  });

  it('runs S1, S2, S3 and S4 together from the default config', () => {
    const charts = Object.values(json.platform.resource.helm_release).map((r: any) => r.chart).sort();
    expect(charts).toEqual(['cert-manager', 'external-secrets', 'vault', 'vault-secrets-operator']);
    const kinds = Object.values(json.workloads.resource.kubernetes_manifest).map((r: any) => `${r.manifest.kind}/${r.manifest.metadata.name}`).sort();
    expect(kinds).toEqual([
      'Certificate/moelove-info', 'ClusterIssuer/letsencrypt', 'ClusterIssuer/vault-issuer', 'ClusterSecretStore/vault-backend-k8s-auth',
      'ExternalSecret/vault-eso-example', 'VaultAuth/azure-role', 'VaultConnection/vault', 'VaultDynamicSecret/azure-service-principal',
    ]);
    const roles = Object.values(json.vault.resource.vault_kubernetes_auth_backend_role).map((r: any) => r.role_name).sort();
    expect(roles).toEqual(['azure-role', 'eso-vault', 'issuer']);
    expect(Object.values(json.vault.resource.vault_azure_secret_backend_role).map((r: any) => r.role)).toEqual(['certmanager-role']);
    expect(typesOf(json.identity)).toEqual(expect.arrayContaining(['azurerm_key_vault', 'azurerm_key_vault_key', 'azuread_application']));
  });

  it.each(LAYERS)('matches the snapshot of homelab-%s', (layer) => {
    expect(Testing.synth(stacks[layer])).toMatchSnapshot();
  });

  it('leaves out what a config turns off', () => {
    const off = layers({ ...config, scenarios: { certManagerAzureDns: false, esoKv: false, autoUnseal: false, vaultPki: false } });
    expect(typesOf(off.json.identity)).toEqual([]);
    expect(typesOf(off.json.workloads)).toEqual([]);
  });
});

describe('README secret-flow diagram', () => {
  it('draws every scenario\'s flow, from ServiceAccount to consumer', () => {
    const d = platformDiagram();
    for (const label of ['SA cert-manager/vault-issuer', 'pki/sign/moelove-dot-info', 'Secret default/moelove-info-tls', 'azure/creds/certmanager-role', 'ClusterIssuer letsencrypt', 'eso/data/foo']) {
      expect(d).toContain(label);
    }
  });

  it('is the one npm run diagram generates for the default config', () => {
    const readme = fs.readFileSync(README, 'utf8');
    expect(replaceDiagram(readme, platformDiagram())).toEqual(readme);
  });
});
