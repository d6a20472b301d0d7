import { ApplicationPasswordA as ApplicationPassword } from '@cdktf/provider-azuread/lib/application-password';
import { HelmProvider } from '@cdktf/provider-helm/lib/provider';
import { Release, ReleaseConfig } from '@cdktf/provider-helm/lib/release';
import { ConfigMap } from '@cdktf/provider-kubernetes/lib/config-map';
import { ConfigMapV1 } from '@cdktf/provider-kubernetes/lib/config-map-v1';
import { ConfigMapV1Data } from '@cdktf/provider-kubernetes/lib/config-map-v1-data';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { VaultProvider } from '@cdktf/provider-vault/lib/provider';
import { Token as VaultToken } from '@cdktf/provider-vault/lib/token';
import { TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { expectFindings, expectQuiet } from './judge';

// Fire and quiet cases of the rules on Kubernetes objects, Helm releases,
// providers and outputs, every branch, each checking the level, the
// construct the finding lands on and what the message names.

const manifest = (m: Record<string, unknown>) => (s: TerraformStack) => { new Manifest(s, 'M', { manifest: m }); };
const release = (c: Partial<ReleaseConfig>) => (s: TerraformStack) => { new Release(s, 'R', { name: 'vault', chart: 'vault', ...c }); };
const json = (v: unknown) => [JSON.stringify(v)];
/** A values document the pack's YAML reader refuses (a key twice), so only its text can be read. */
const unparsable = (yaml: string) => `${yaml}extra: 1\nextra: 2\n`;

describe('VP-TLS-1 TLS verification disabled', () => {
  it.each(['skipTLSVerify', 'insecureSkipVerify', 'tlsSkipVerify', 'skipTlsVerify', 'insecureSkipTLSVerify'])('fires on %s: true in a custom resource, naming the path', (k) => {
    expectFindings('VP-TLS-1', 'error', manifest({ kind: 'VaultConnection', metadata: { name: 'c' }, spec: { address: 'https://vault:8200', [k]: true } }),
      [['Test/M', `VaultConnection 'c' sets spec.${k}: true`]]);
  });
  it('fires on a nested key inside a list', () => {
    expectFindings('VP-TLS-1', 'error', manifest({ kind: 'ClusterIssuer', metadata: { name: 'le' }, spec: { acme: { solvers: [{ http01: { skipTLSVerify: true } }] } } }),
      [['Test/M', `ClusterIssuer 'le' sets spec.acme.solvers.0.http01.skipTLSVerify: true`]]);
  });
  it.each([['false', false], ['the string "true"', 'true'], ['a key that only contains the name', 'x']])('stays quiet in a custom resource on %s', (_what, value) => {
    expectQuiet('VP-TLS-1', manifest({ kind: 'VaultConnection', metadata: { name: 'c' }, spec: { skipTLSVerify: value === 'x' ? undefined : value, noskipTLSVerify: true, skipTLSVerifyHost: true } }));
  });
  it('fires on a Helm value of any chart, as JSON, YAML or set, naming release and chart', () => {
    const vso = { name: 'vso', chart: 'vault-secrets-operator' };
    const found: Array<[string, string]> = [['Test/R', `release 'vso' (chart vault-secrets-operator) sets defaultVaultConnection.skipTLSVerify: true`]];
    expectFindings('VP-TLS-1', 'error', release({ ...vso, values: json({ defaultVaultConnection: { skipTLSVerify: true } }) }), found);
    expectFindings('VP-TLS-1', 'error', release({ ...vso, values: ['defaultVaultConnection:\n  skipTLSVerify: "true"\n'] }), found);
    expectFindings('VP-TLS-1', 'error', release({ ...vso, set: [{ name: 'defaultVaultConnection.skipTLSVerify', value: 'true' }] }), found);
  });
  it('stays quiet on Helm values that verify, or are turned back on by set', () => {
    expectQuiet('VP-TLS-1', release({ chart: 'x', values: json({ conn: { skipTLSVerify: false, insecure: true } }) }));
    expectQuiet('VP-TLS-1', release({ chart: 'x', values: json({ conn: { skipTLSVerify: true } }), set: [{ name: 'conn.skipTLSVerify', value: 'false' }] }));
  });
  it('fires on a vault provider with skip_tls_verify, naming its alias', () => {
    expectFindings('VP-TLS-1', 'error', (s) => { new VaultProvider(s, 'vault', { skipTlsVerify: true }); }, [['Test/vault', 'vault provider sets skip_tls_verify = true']]);
    expectFindings('VP-TLS-1', 'error', (s) => { new VaultProvider(s, 'lab', { alias: 'lab', skipTlsVerify: true }); }, [['Test/lab', `vault provider (alias 'lab') sets skip_tls_verify = true`]]);
  });
  it('fires on an insecure kubernetes provider', () => {
    expectFindings('VP-TLS-1', 'error', (s) => { new KubernetesProvider(s, 'k8s', { insecure: true }); }, [['Test/k8s', 'kubernetes provider sets insecure = true']]);
  });
  it('fires on an insecure helm provider, in the 3.x attribute and the 2.x block form', () => {
    expectFindings('VP-TLS-1', 'error', (s) => { new HelmProvider(s, 'helm', { kubernetes: { insecure: true } }); }, [['Test/helm', 'helm provider sets kubernetes.insecure = true']]);
    expectFindings('VP-TLS-1', 'error', (s) => {
      const helm = new HelmProvider(s, 'helm', {});
      helm.addOverride('kubernetes', [{ insecure: true }]);
    }, [['Test/helm', 'helm provider sets kubernetes.insecure = true']]);
  });
  it('stays quiet on providers that verify', () => {
    expectQuiet('VP-TLS-1', (s) => {
      new VaultProvider(s, 'vault', { address: 'https://vault:8200', skipTlsVerify: false });
      new KubernetesProvider(s, 'k8s', { insecure: false });
      new HelmProvider(s, 'helm', { kubernetes: { insecure: false } });
    });
  });
});

describe('VP-TLS-2 Vault over plain HTTP', () => {
  it.each([
    ['VaultConnection', { address: 'http://vault:8200' }],
    ['SecretStore', { provider: { vault: { server: 'http://vault:8200' } } }],
    ['ClusterSecretStore', { provider: { vault: { server: 'http://vault:8200' } } }],
    ['Issuer', { vault: { server: 'http://vault:8200' } }],
    ['ClusterIssuer', { vault: { server: 'http://vault:8200' } }],
  ])('fires on a %s with an http:// address', (kind, spec) => {
    expectFindings('VP-TLS-2', 'error', manifest({ kind, metadata: { name: 'x' }, spec }), [['Test/M', `${kind} 'x' uses http://vault:8200`]]);
  });
  it.each([
    ['VaultConnection', { address: 'https://vault:8200' }],
    ['ClusterSecretStore', { provider: { vault: { server: 'https://vault:8200' } } }],
    ['Issuer', { vault: { server: 'https://vault:8200' } }],
    ['ClusterIssuer', { acme: { server: 'http://acme.example/directory' } }],
    ['Deployment', { address: 'http://vault:8200' }],
    ['VaultConnection', { address: { value: 'http://vault:8200' } }],
    ['VaultConnection', {}],
  ])('stays quiet on a %s with %j', (kind, spec) => {
    expectQuiet('VP-TLS-2', manifest({ kind, metadata: { name: 'x' }, spec }));
  });
});

describe('VP-HELM-1 Vault chart in dev mode', () => {
  const found: Array<[string, string]> = [['Test/R', `release 'vault' sets server.dev.enabled`]];
  it.each([
    ['JSON values', { values: json({ server: { dev: { enabled: true } } }) }],
    ['YAML values', { values: ['server:\n  dev:\n    enabled: true\n'] }],
    ['the string "true"', { values: json({ server: { dev: { enabled: 'true' } } }) }],
    ['set', { set: [{ name: 'server.dev.enabled', value: 'true' }] }],
    ['a chart given as repo/vault', { chart: 'hashicorp/vault', set: [{ name: 'server.dev.enabled', value: 'true' }] }],
    ['values the pack cannot parse', { values: [unparsable('server:\n  dev:\n    enabled: true\n')] }],
    ['unparsable values with comments and quotes', { values: [unparsable('server:\n  dev: # lab\n    # really\n    enabled: "true" # yes\n')] }],
  ])('fires on %s', (_what, c) => {
    expectFindings('VP-HELM-1', 'error', release(c as Partial<ReleaseConfig>), found);
  });
  it.each([
    ['dev mode off', { values: json({ server: { dev: { enabled: false } } }) }],
    ['dev mode turned off by set', { values: json({ server: { dev: { enabled: true } } }), set: [{ name: 'server.dev.enabled', value: 'false' }] }],
    ['unparsable values with dev mode off', { values: [unparsable('server:\n  dev:\n    enabled: false\n')] }],
    ['unparsable values where enabled is not under dev', { values: [unparsable('server:\n  dev:\nui:\n  enabled: true\n')] }],
    ['another chart', { chart: 'myvault', values: json({ server: { dev: { enabled: true } } }) }],
    ['the operator chart', { chart: 'vault-secrets-operator', values: json({ server: { dev: { enabled: true } } }) }],
  ])('stays quiet on %s', (_what, c) => {
    expectQuiet('VP-HELM-1', release(c as Partial<ReleaseConfig>));
  });
});

describe('VP-HELM-2 Vault chart without TLS', () => {
  it('fires on the chart default, naming the release', () => {
    expectFindings('VP-HELM-2', 'warning', release({ name: 'vault-prod', values: json({ server: {} }) }), [['Test/R', `release 'vault-prod' leaves global.tlsDisable true`]]);
  });
  it.each([['true', true], ['1', 1]])('fires on tlsDisable: %s', (_what, tlsDisable) => {
    expectFindings('VP-HELM-2', 'warning', release({ values: json({ global: { tlsDisable } }) }), [['Test/R', `release 'vault' leaves global.tlsDisable true`]]);
  });
  it.each([['"false"', 'false'], ['"0"', '0']])('fires on tlsDisable as the string %s, which the chart reads as true', (shown, tlsDisable) => {
    expectFindings('VP-HELM-2', 'warning', release({ values: json({ global: { tlsDisable } }) }),
      [['Test/R', `release 'vault' sets global.tlsDisable to the string ${shown}, which the chart reads as true`]]);
  });
  it.each([
    ['false', { values: json({ global: { tlsDisable: false } }) }],
    ['0', { values: json({ global: { tlsDisable: 0 } }) }],
    ['an empty string', { set: [{ name: 'global.tlsDisable', value: '', type: 'string' }] }],
    ['false through set', { set: [{ name: 'global.tlsDisable', value: 'false' }] }],
    ['0 through set', { set: [{ name: 'global.tlsDisable', value: '0' }] }],
    ['false in values the pack cannot parse', { values: [unparsable('global:\n  tlsDisable: false # TLS on\n')] }],
    ['no, off and 0 in values the pack cannot parse', { values: [unparsable('global:\n  tlsDisable: off\n')] }],
    ['another chart', { chart: 'my-app', values: json({ global: { tlsDisable: true } }) }],
  ])('stays quiet on %s', (_what, c) => {
    expectQuiet('VP-HELM-2', release(c as Partial<ReleaseConfig>));
  });
  it('fires on unparsable values that turn TLS off', () => {
    expectFindings('VP-HELM-2', 'warning', release({ values: [unparsable('global:\n  tlsDisable: true\n')] }), [['Test/R', 'leaves global.tlsDisable true']]);
  });
  it('lets a parsed value win over unparsable text', () => {
    expectFindings('VP-HELM-2', 'warning', release({ values: [unparsable('global:\n  tlsDisable: false\n'), JSON.stringify({ global: { tlsDisable: true } })] }),
      [['Test/R', 'leaves global.tlsDisable true']]);
  });
  it('does not judge a value known only at apply time', () => {
    expectQuiet('VP-HELM-2', (s) => release({ set: [{ name: 'global.tlsDisable', value: new TerraformVariable(s, 'Off', { type: 'string' }).stringValue }] })(s));
  });
});

const clientSecret = (s: TerraformStack) => new ApplicationPassword(s, 'Pw', { applicationId: 'app', endDateRelative: '24h' }).value;
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ2YXVsdCJ9.c2lnbmF0dXJl';

describe('VP-SEC-1 secret material in a ConfigMap', () => {
  it('fires on a secret reference in kubernetes_config_map_v1, naming the ConfigMap and key', () => {
    expectFindings('VP-SEC-1', 'error', (s) => { new ConfigMapV1(s, 'Cm', { metadata: { name: 'cfg' }, data: { 'config.hcl': `client_secret = "${clientSecret(s)}"` } }); },
      [['Test/Cm', `ConfigMap 'cfg' key 'config.hcl'`]]);
  });
  it('fires on a key named like a secret with a value', () => {
    expectFindings('VP-SEC-1', 'error', (s) => { new ConfigMapV1(s, 'Cm', { metadata: { name: 'cfg' }, data: { db_password: 'hunter2', mode: 'x' } }); },
      [['Test/Cm', `ConfigMap 'cfg' key 'db_password'`]]);
  });
  it('fires on a JWT or private key literal under any key', () => {
    expectFindings('VP-SEC-1', 'error', (s) => { new ConfigMapV1(s, 'Cm', { metadata: { name: 'cfg' }, data: { a: JWT, b: '-----BEGIN RSA PRIVATE KEY-----\nx' } }); },
      [['Test/Cm', `key 'a'`], ['Test/Cm', `key 'b'`]]);
  });
  it('reads kubernetes_config_map and kubernetes_config_map_v1_data too', () => {
    expectFindings('VP-SEC-1', 'error', (s) => { new ConfigMap(s, 'Cm', { metadata: { name: 'old' }, data: { token: 'abc' } }); }, [['Test/Cm', `ConfigMap 'old' key 'token'`]]);
    expectFindings('VP-SEC-1', 'error', (s) => { new ConfigMapV1Data(s, 'Cm', { metadata: { name: 'patch' }, data: { api_key: 'abc' } }); }, [['Test/Cm', `ConfigMap 'patch' key 'api_key'`]]);
  });
  it('reads a ConfigMap written as kubernetes_manifest', () => {
    expectFindings('VP-SEC-1', 'error', manifest({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'raw' }, data: { password: 'hunter2' } }), [['Test/M', `ConfigMap 'raw' key 'password'`]]);
  });
  it('stays quiet on other manifests, empty secret-named keys and plain settings', () => {
    expectQuiet('VP-SEC-1', manifest({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { password: 'hunter2' } }));
    expectQuiet('VP-SEC-1', (s) => { new ConfigMapV1(s, 'Cm', { metadata: { name: 'cfg' }, data: { password: '', 'config.hcl': 'ui = true', passwordless: 'yes' } }); });
    expectQuiet('VP-SEC-1', manifest({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'empty' } }));
  });
});

describe('VP-SEC-2 secret material in Helm values', () => {
  it('fires on a secret reference in values, naming the release and path', () => {
    expectFindings('VP-SEC-2', 'error', (s) => { release({ name: 'x', chart: 'x', values: json({ azure: { config: `id=1;secret=${clientSecret(s)}` } }) })(s); },
      [['Test/R', `release 'x' value 'azure.config'`]]);
  });
  it('fires on a key named like a secret', () => {
    expectFindings('VP-SEC-2', 'error', release({ name: 'x', chart: 'x', values: ['auth:\n  password: hunter2\n'] }), [['Test/R', `release 'x' value 'auth.password'`]]);
  });
  it('takes a key that names a Secret object for a reference, unless its value is secret material', () => {
    expectQuiet('VP-SEC-2', release({ name: 'x', chart: 'x', values: json({ a: { existingSecret: 'creds', tokenSecretName: 'tok', tokenSecretRef: 'tok', client_secret: '' } }) }));
    expectFindings('VP-SEC-2', 'error', release({ name: 'x', chart: 'x', values: json({ a: { existingSecret: JWT } }) }), [['Test/R', `value 'a.existingSecret'`]]);
  });
  it('fires on set entries named like a secret or carrying one, pointing at set_sensitive', () => {
    expectFindings('VP-SEC-2', 'error', release({ name: 'x', chart: 'x', set: [{ name: 'auth.token', value: 'abc' }, { name: 'note', value: JWT }, { name: 'replicas', value: '3' }] }), [
      ['Test/R', `release 'x' set 'auth.token' (use set_sensitive)`],
      ['Test/R', `release 'x' set 'note' (use set_sensitive)`],
    ]);
  });
  it('stays quiet on set_sensitive and plain values', () => {
    expectQuiet('VP-SEC-2', release({ name: 'x', chart: 'x', values: json({ replicas: 3, ui: { enabled: true } }), setSensitive: [{ name: 'auth.token', value: 'abc' }] }));
  });
});

describe('VP-SEC-3 output carrying secret material', () => {
  it('fires on an output of a secret reference, naming the output', () => {
    expectFindings('VP-SEC-3', 'error', (s) => { new TerraformOutput(s, 'Token', { value: new VaultToken(s, 'T', {}).clientToken }); },
      [['Test/Token', /output 'Token' = "\$\{vault_token\.T\.client_token\}"/]]);
  });
  it('fires on an output that is explicitly not sensitive, and on a literal JWT', () => {
    expectFindings('VP-SEC-3', 'error', (s) => { new TerraformOutput(s, 'Secret', { value: clientSecret(s), sensitive: false }); }, [['Test/Secret', `output 'Secret'`]]);
    expectFindings('VP-SEC-3', 'error', (s) => { new TerraformOutput(s, 'Jwt', { value: JWT }); }, [['Test/Jwt', `output 'Jwt'`]]);
  });
  it('stays quiet on sensitive outputs and outputs of plain attributes', () => {
    expectQuiet('VP-SEC-3', (s) => {
      new TerraformOutput(s, 'Token', { value: new VaultToken(s, 'T', {}).clientToken, sensitive: true });
      new TerraformOutput(s, 'Accessor', { value: new VaultToken(s, 'T2', {}).id });
      new TerraformOutput(s, 'Plain', { value: 'hello' });
    });
  });
});

describe('VP-ACME-1 ACME issuer without contact email', () => {
  const acme = { server: 'https://acme-v02.api.letsencrypt.org/directory', privateKeySecretRef: { name: 'le-account' }, solvers: [] };
  it.each(['Issuer', 'ClusterIssuer'])('fires on an %s without email', (kind) => {
    expectFindings('VP-ACME-1', 'warning', manifest({ kind, metadata: { name: 'le' }, spec: { acme } }), [['Test/M', `${kind} 'le' has spec.acme without email`]]);
  });
  it('fires on an empty email', () => {
    expectFindings('VP-ACME-1', 'warning', manifest({ kind: 'Issuer', metadata: { name: 'le' }, spec: { acme: { ...acme, email: '' } } }), [['Test/M', 'without email']]);
  });
  it('stays quiet with an email, on issuers without ACME, and on other kinds', () => {
    expectQuiet('VP-ACME-1', manifest({ kind: 'ClusterIssuer', metadata: { name: 'le' }, spec: { acme: { ...acme, email: 'ops@example.com' } } }));
    expectQuiet('VP-ACME-1', manifest({ kind: 'ClusterIssuer', metadata: { name: 'vault' }, spec: { vault: { server: 'https://vault:8200' } } }));
    expectQuiet('VP-ACME-1', manifest({ kind: 'Certificate', metadata: { name: 'c' }, spec: { acme } }));
  });
});
