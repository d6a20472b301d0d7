import { TerraformStack, Testing } from 'cdktf';
import { SecurityChecks } from '../lib/checks';
import { buildAll } from '../stacks/main';
import { testApp } from './helpers';

// Every stack `npm run synth` writes: the examples and the layered platform.
// buildAll applies the rule pack to each stack; this second instance (warnings
// only) records the findings for the assertions below.
const app = buildAll(testApp());
const checks = SecurityChecks.applyTo(app);
const STACKS = app.node.children.filter((c): c is TerraformStack => c instanceof TerraformStack);
const synthesized = new Map(STACKS.map((s) => {
  const text = Testing.synth(s);
  return [s.node.id, { json: JSON.parse(text), text }];
}));

/** Resource types whose loss destroys data or trust. */
const DATA_BEARING: Record<string, (config: any) => boolean> = {
  vault_mount: (c) => ['kv', 'kv-v2', 'pki'].includes(c.type),
  vault_pki_secret_backend_root_cert: () => true,
  vault_pki_secret_backend_intermediate_set_signed: () => true,
  vault_pki_secret_backend_root_sign_intermediate: () => true,
  azurerm_key_vault: () => true,
  azurerm_key_vault_key: () => true,
};

/**
 * The Terraform addresses of every data-bearing resource, per example. A
 * renamed construct id changes an address, and Terraform would destroy the
 * old resource: this list must only change on purpose (with a `moved` block
 * or `terraform state mv` in the release notes).
 */
const PINNED: Record<string, string[]> = {
  'eso-vault-kv': ['vault_mount.Kv_E29FB789'],
  'eso-vault-kv-operators': [],
  'cert-manager-azure-dns-operators': [],
  'atlantis-k8s-auth': ['vault_mount.AtlantisKv_D09B11EA'],
  'homelab-identity': ['azurerm_key_vault.AutoUnseal_083129E2', 'azurerm_key_vault_key.AutoUnseal_Key_B7E37BD8'],
  'homelab-platform': [],
  'homelab-vault': ['vault_mount.EsoKv_AE182649', 'vault_mount.Pki_8E086CDA', 'vault_pki_secret_backend_root_cert.Pki_RootCa_22440A86'],
  'homelab-workloads': [],
  'vault-auto-unseal': ['azurerm_key_vault.AutoUnseal_083129E2', 'azurerm_key_vault_key.AutoUnseal_Key_B7E37BD8'],
  'cert-manager-azure-dns': [],
  'vault-pki-cert-manager': ['vault_mount.Pki_8E086CDA', 'vault_pki_secret_backend_root_cert.Pki_RootCa_22440A86'],
};

const SECRET_LITERALS: [string, RegExp][] = [
  ['a private key', /-----BEGIN ([A-Z ]+ )?PRIVATE KEY-----/],
  ['a JWT', /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+/],
  ['a client secret, password or token written as a literal', /"(client_secret|password|token|token_reviewer_jwt|secret_id|value)"\s*:\s*"(?!\$\{)[^"]+"/],
  ['an Entra client secret by its shape', /[A-Za-z0-9_~.-]{3}8Q~[A-Za-z0-9_~.-]{31,34}/],
];

describe.each(STACKS.map((s) => s.node.id))('stack %s', (name) => {
  const { json, text } = synthesized.get(name)!;
  const resources: [string, string, any][] = Object.entries(json.resource ?? {})
    .flatMap(([type, byId]) => Object.entries(byId as Record<string, any>).map(([id, config]) => [type, id, config] as [string, string, any]));

  it('keeps every data-bearing resource with prevent_destroy', () => {
    const unprotected = resources
      .filter(([type, , config]) => DATA_BEARING[type]?.(config) && config.lifecycle?.prevent_destroy !== true)
      .map(([type, id]) => `${type}.${id}`);
    expect(unprotected).toEqual([]);
  });

  it('keeps the Terraform addresses of data-bearing resources', () => {
    const addresses = resources.filter(([type, , config]) => DATA_BEARING[type]?.(config)).map(([type, id]) => `${type}.${id}`).sort();
    expect(addresses).toEqual([...(PINNED[name] ?? ['(pin this stack\'s addresses)'])].sort());
  });

  it.each(SECRET_LITERALS)('holds no %s in its JSON', (_what, pattern) => {
    expect(text).not.toMatch(pattern);
  });

  it('marks every output that carries secret material sensitive', () => {
    const leaking = Object.entries(json.output ?? {}).filter(([, o]: [string, any]) => !o.sensitive && /\.(value|client_secret|password|data|private_key\w*)\b/.test(JSON.stringify(o.value)));
    expect(leaking).toEqual([]);
  });

  it('passes the rule pack with no unsuppressed error-level finding', () => {
    expect(checks.unsuppressed.filter((f) => f.level === 'error' && f.path.startsWith(`${name}/`)).map((f) => f.message)).toEqual([]);
  });
});
